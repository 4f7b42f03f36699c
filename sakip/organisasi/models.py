"""Pemda, the tree of work units, users and their role per unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from simple_history.models import HistoricalRecords


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
    ditutup_pada = models.DateField(
        "ditutup pada", null=True, blank=True, help_text="Unit yang ditutup tetap dapat dibaca datanya."
    )
    # "/12/40/41/": ids from the root down to this unit. Lets one query select a whole subtree.
    jalur = models.CharField(max_length=512, editable=False, db_index=True, default="")

    objects = UnitKerjaQuerySet.as_manager()
    history = HistoricalRecords()

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

    # The audit trail of accounts: who created, renamed or deactivated them. Never the password hash.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A login only stamps last_login (django.contrib.auth.models.update_last_login): no audit row for it.
        if set(kwargs.get("update_fields") or ()) == {"last_login"}:
            self.skip_history_when_saving = True  # type: ignore[attr-defined]
            try:
                super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving  # type: ignore[attr-defined]
            return
        super().save(*args, **kwargs)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class PenugasanQuerySet(models.QuerySet["Penugasan"]):
    def berlaku(self, pada: Any = None) -> PenugasanQuerySet:
        """Roles in force on the date (today by default): started, and not yet ended."""
        hari = pada or timezone.localdate()
        return self.filter(Q(mulai__isnull=True) | Q(mulai__lte=hari)).filter(
            Q(selesai__isnull=True) | Q(selesai__gt=hari)
        )


class Penugasan(models.Model):
    """A user's role in a pemda, and for unit roles the unit whose subtree it covers, from `mulai` until (not
    including) `selesai`: an official's handover is one role ending and another starting on the same day."""

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
    mulai = models.DateField("berlaku mulai", null=True, blank=True)
    selesai = models.DateField(
        "berakhir pada", null=True, blank=True, help_text="Sejak tanggal ini peran tidak berlaku lagi."
    )

    objects = PenugasanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "penugasan"
        verbose_name_plural = "penugasan"
        constraints = [
            models.CheckConstraint(
                condition=Q(peran__in=["operator", "pimpinan"], unit_kerja__isnull=False)
                | Q(peran__in=["admin_pemda", "evaluator"], unit_kerja__isnull=True),
                name="penugasan_unit_sesuai_peran",
            ),
            # One open-ended row per role and unit; ended rows stay as the record of who held it when.
            models.UniqueConstraint(
                fields=["pengguna", "peran", "pemda", "unit_kerja"],
                condition=Q(selesai__isnull=True),
                name="penugasan_unik_terbuka",
            ),
            models.CheckConstraint(
                # selesai == mulai: a role withdrawn before it began, kept on record, never in force.
                condition=Q(mulai__isnull=True) | Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                name="penugasan_selesai_setelah_mulai",
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
        if self.mulai and self.selesai and self.selesai <= self.mulai:
            raise ValidationError({"selesai": "Tanggal berakhir harus sesudah tanggal mulai."})

    @property
    def berlaku(self) -> bool:
        hari = timezone.localdate()
        return (self.mulai is None or self.mulai <= hari) and (self.selesai is None or self.selesai > hari)

    @property
    def dibatalkan(self) -> bool:
        """Withdrawn before its first day (which is still to come): on record, never in force."""
        return (
            self.mulai is not None
            and self.selesai is not None
            and self.selesai <= self.mulai
            and self.selesai > timezone.localdate()
        )

    @property
    def sudah_berakhir(self) -> bool:
        return self.dibatalkan or (self.selesai is not None and self.selesai <= timezone.localdate())

    @property
    def status_teks(self) -> str:
        if self.dibatalkan:
            return "Dibatalkan"
        if self.sudah_berakhir:
            return "Berakhir"
        return "Berlaku" if self.berlaku else "Belum mulai"


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


class PejabatQuerySet(models.QuerySet["Pejabat"]):
    def berlaku(self, pada: Any = None) -> PejabatQuerySet:
        """Officials in office on the date (today by default)."""
        hari = pada or timezone.localdate()
        return self.filter(mulai__lte=hari).filter(Q(selesai__isnull=True) | Q(selesai__gt=hari))


class Pejabat(models.Model):
    """An official holding a post (the head of a unit, the regional head), kept apart from user accounts: who signs
    the PK and the LKjIP. Holding the post from `mulai` until (not including) `selesai`; a Plt or Plh holds it
    temporarily beside their own post."""

    class Sifat(models.TextChoices):
        DEFINITIF = "definitif", "Definitif"
        PLT = "plt", "Pelaksana Tugas (Plt.)"
        PLH = "plh", "Pelaksana Harian (Plh.)"

    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="pejabat")
    unit_kerja = models.ForeignKey(
        UnitKerja,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pejabat",
        help_text="Kosong untuk kepala/wakil kepala daerah",
    )
    nama = models.CharField(max_length=200)
    nip = models.CharField("NIP", max_length=30, blank=True, help_text="Kosong untuk kepala daerah")
    jabatan = models.CharField(max_length=200, help_text="mis. Kepala Biro Organisasi")
    pangkat_golongan = models.CharField(
        "pangkat/golongan", max_length=100, blank=True, help_text="mis. Pembina Tingkat I (IV/b)"
    )
    sifat = models.CharField(max_length=10, choices=Sifat.choices, default=Sifat.DEFINITIF)
    mulai = models.DateField("menjabat mulai")
    selesai = models.DateField(
        "berakhir pada", null=True, blank=True, help_text="Sejak tanggal ini tidak menjabat lagi."
    )

    objects = PejabatQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pejabat"
        verbose_name_plural = "pejabat"
        ordering = ["pemda_id", "-mulai", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gt=models.F("mulai")),
                name="pejabat_selesai_setelah_mulai",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama_jabatan} – {self.nama}"

    @property
    def nama_jabatan(self) -> str:
        """The post as printed above a signature: 'Plt. Kepala Biro …' for a temporary holder."""
        awalan = {self.Sifat.PLT: "Plt. ", self.Sifat.PLH: "Plh. "}.get(self.sifat, "")
        return f"{awalan}{self.jabatan}"

    @property
    def berlaku(self) -> bool:
        hari = timezone.localdate()
        return self.mulai <= hari and (self.selesai is None or self.selesai > hari)

    def clean(self) -> None:
        if self.unit_kerja_id is not None and self.unit_kerja.pemda_id != self.pemda_id:
            raise ValidationError({"unit_kerja": "Unit kerja harus berada pada pemda pejabat."})
        if self.mulai and self.selesai and self.selesai <= self.mulai:
            raise ValidationError({"selesai": "Tanggal berakhir harus sesudah tanggal mulai menjabat."})
        nip = (self.nip or "").replace(" ", "")
        if nip and not (nip.isdigit() and len(nip) == 18):
            raise ValidationError({"nip": "NIP terdiri atas 18 angka."})
