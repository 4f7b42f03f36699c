"""Pemda, the tree of work units, users and their role per unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr


class Pemda(models.Model):
    """A regional government (provinsi, kabupaten or kota)."""

    class Jenis(models.TextChoices):
        PROVINSI = "provinsi", "Provinsi"
        KABUPATEN = "kabupaten", "Kabupaten"
        KOTA = "kota", "Kota"

    kode = models.CharField(
        "kode wilayah", max_length=13, unique=True, help_text="Kode wilayah Kemendagri, mis. 64"
    )
    nama = models.CharField(max_length=200, unique=True)
    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    provinsi = models.ForeignKey(
        "self",
        verbose_name="provinsi induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kabupaten_kota",
        limit_choices_to={"jenis": Jenis.PROVINSI},
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.jenis == self.Jenis.PROVINSI and self.provinsi_id:
            raise ValidationError({"provinsi": "Provinsi tidak memiliki provinsi induk."})


class UnitKerjaQuerySet(models.QuerySet["UnitKerja"]):
    def visible_to(self, user: Pengguna) -> UnitKerjaQuerySet:
        from sakip.organisasi import access

        return self.filter(access.unit_filter(user))

    def editable_by(self, user: Pengguna) -> UnitKerjaQuerySet:
        from sakip.organisasi import access

        return self.filter(access.unit_filter(user, write=True))

    def subtree_of(self, unit: UnitKerja) -> UnitKerjaQuerySet:
        return self.filter(jalur__startswith=unit.jalur)


class UnitKerja(models.Model):
    """A perangkat daerah or one of its sub-units; a tree per pemda kept with a materialised path."""

    class Jenis(models.TextChoices):
        PERANGKAT_DAERAH = "perangkat_daerah", "Perangkat Daerah"
        BIRO = "biro", "Biro"
        BAGIAN = "bagian", "Bagian"
        BIDANG = "bidang", "Bidang"
        SUB_BAGIAN = "sub_bagian", "Sub Bagian"

    class Eselon(models.TextChoices):
        I_B = "I.b", "I.b"
        II_A = "II.a", "II.a"
        II_B = "II.b", "II.b"
        III_A = "III.a", "III.a"
        III_B = "III.b", "III.b"
        IV_A = "IV.a", "IV.a"
        IV_B = "IV.b", "IV.b"

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="unit_kerja")
    induk = models.ForeignKey(
        "self",
        verbose_name="unit induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    kode = models.CharField(max_length=50, help_text="Kode unik di dalam pemda, mis. SETDA.ADPIM")
    nama = models.CharField(max_length=255)
    singkatan = models.CharField(max_length=60, blank=True)
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    eselon = models.CharField(max_length=5, choices=Eselon.choices, blank=True)
    urutan = models.PositiveIntegerField(default=0)
    aktif = models.BooleanField(default=True)
    # "/12/40/41/": ids from the root down to this unit. Lets one query select a whole subtree.
    jalur = models.CharField(max_length=512, editable=False, db_index=True, default="")

    objects = UnitKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["pemda__kode", "jalur"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kode"], name="unit_kerja_kode_unik_per_pemda"),
        ]

    def __str__(self) -> str:
        return self.singkatan or self.nama

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The path is an invariant of the tree, so it is kept here rather than in a service: every write
        # (services, admin, imports) goes through save().
        lama = self.jalur
        super().save(*args, **kwargs)
        induk_jalur = (
            UnitKerja.objects.values_list("jalur", flat=True).get(pk=self.induk_id) if self.induk_id else "/"
        )
        baru = f"{induk_jalur}{self.pk}/"
        if baru != lama:
            UnitKerja.objects.filter(pk=self.pk).update(jalur=baru)
            if lama:
                # Moving a unit moves its subtree: rewrite the descendants' path prefix in one statement.
                UnitKerja.objects.filter(jalur__startswith=lama).exclude(pk=self.pk).update(
                    jalur=Concat(Value(baru), Substr("jalur", len(lama) + 1))
                )
            self.jalur = baru

    @property
    def kedalaman(self) -> int:
        return self.jalur.count("/") - 2 if self.jalur else 0

    def clean(self) -> None:
        if self.induk_id is None:
            return
        if self.induk.pemda_id != self.pemda_id:
            raise ValidationError({"induk": "Unit induk harus berada pada pemda yang sama."})
        if self.pk and f"/{self.pk}/" in self.induk.jalur:
            raise ValidationError({"induk": "Unit induk tidak boleh unit itu sendiri atau turunannya."})


class Pengguna(AbstractUser):
    """A person who logs in; what they may see comes from their Penugasan rows."""

    nip = models.CharField("NIP", max_length=30, blank=True)
    jabatan = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Penugasan(models.Model):
    """A user's role in a pemda, and for unit roles the unit whose subtree it covers."""

    class Peran(models.TextChoices):
        ADMIN_PEMDA = "admin_pemda", "Admin Pemda"
        OPERATOR = "operator", "Operator"
        PIMPINAN = "pimpinan", "Pimpinan"
        EVALUATOR = "evaluator", "Evaluator/Inspektorat"

    PERAN_UNIT = (Peran.OPERATOR, Peran.PIMPINAN)

    pengguna = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="penugasan")
    peran = models.CharField(max_length=20, choices=Peran.choices)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="penugasan")
    unit_kerja = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.CASCADE, related_name="penugasan"
    )

    class Meta:
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"
        constraints = [
            models.CheckConstraint(
                condition=Q(peran__in=["operator", "pimpinan"], unit_kerja__isnull=False)
                | Q(peran__in=["admin_pemda", "evaluator"], unit_kerja__isnull=True),
                name="penugasan_unit_sesuai_peran",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "peran", "pemda", "unit_kerja"], name="penugasan_unik"
            ),
        ]

    def __str__(self) -> str:
        lingkup = self.unit_kerja or self.pemda
        return f"{self.pengguna} – {self.get_peran_display()} – {lingkup}"

    def clean(self) -> None:
        if self.peran in self.PERAN_UNIT and self.unit_kerja_id is None:
            raise ValidationError({"unit_kerja": "Peran operator dan pimpinan wajib memiliki unit kerja."})
        if self.peran not in self.PERAN_UNIT and self.unit_kerja_id is not None:
            raise ValidationError(
                {"unit_kerja": "Peran admin pemda dan evaluator berlaku untuk seluruh pemda."}
            )
        if self.unit_kerja_id is not None and self.unit_kerja.pemda_id != self.pemda_id:
            raise ValidationError({"unit_kerja": "Unit kerja harus berada pada pemda penugasan."})


def urut_pohon(units: list[UnitKerja]) -> list[UnitKerja]:
    """Units in depth-first order (siblings by urutan, then nama); a unit whose parent is absent is a root."""
    by_parent: dict[int | None, list[UnitKerja]] = {}
    ids = {u.pk for u in units}
    for unit in units:
        parent = unit.induk_id if unit.induk_id in ids else None
        by_parent.setdefault(parent, []).append(unit)
    ordered: list[UnitKerja] = []

    def walk(parent: int | None) -> None:
        for unit in sorted(by_parent.get(parent, []), key=lambda u: (u.pemda_id, u.urutan, u.nama)):
            ordered.append(unit)
            walk(unit.pk)

    walk(None)
    return ordered
