"""Survei Kepuasan Masyarakat (SKM) of a service unit for a period, and its individual responses."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.pengukuran import jadwal
from sakip.perencanaan.models import Indikator, UnitQuerySet
from sakip.survei import ikm

JUMLAH_KOLOM_UNSUR = ikm.MAKS_UNSUR  # u1 … u14: the nine unsur use u1–u9, the legacy method all fourteen
KOLOM_UNSUR = tuple(f"u{i}" for i in range(1, JUMLAH_KOLOM_UNSUR + 1))
MAKS_RESPONS_BAWAAN = 2000


class Periode(models.TextChoices):
    SEMESTER_1 = "S1", "Semester I"
    SEMESTER_2 = "S2", "Semester II"
    TAHUN = "TAHUN", "Tahunan"


# The realisasi period a linked IKU receives: a semester's result is the value at the end of its half year, in the
# quarter that closes it (TW2, TW4), or in its last month (B06, B12) for an indicator reported monthly. A yearly
# indicator takes only a yearly survey (`services.indikator_pilihan`).
PERIODE_REALISASI = {Periode.SEMESTER_1: "TW2", Periode.SEMESTER_2: "TW4", Periode.TAHUN: "TAHUN"}
PERIODE_REALISASI_BULANAN = {Periode.SEMESTER_1: "B06", Periode.SEMESTER_2: "B12", Periode.TAHUN: "TAHUN"}


class Metode(models.TextChoices):
    PERMENPANRB_14_2017 = ikm.Metode.PERMENPANRB_14_2017.value, "PermenPANRB 14/2017 (9 unsur)"
    KEPMENPAN_25_2004 = ikm.Metode.KEPMENPAN_25_2004.value, "KepMenPAN 25/2004 (14 unsur, metode lama)"


class Bobot(models.TextChoices):
    EKSAK = ikm.Bobot.EKSAK.value, "Eksak (1/jumlah unsur, sesuai rumus peraturan)"
    DIBULATKAN = (
        ikm.Bobot.DIBULATKAN.value,
        "Dibulatkan (0,111 atau 0,071, seperti tercetak di banyak laporan)",
    )


def unsur_bawaan(metode: str) -> list[dict[str, Any]]:
    """The questionnaire of a method as stored on a survey: label, question and the four answer texts."""
    return [
        {"label": u.label, "pertanyaan": u.pertanyaan, "pilihan": list(u.pilihan)}
        for u in ikm.ATURAN[ikm.Metode(metode)].unsur
    ]


def kolom_rekap(prefix: str = "") -> dict[str, Any]:
    """Σ and count of every unsur column, for one aggregate/annotate query."""
    kolom: dict[str, Any] = {}
    for nama in KOLOM_UNSUR:
        kolom[f"jumlah_{nama}"] = Sum(f"{prefix}{nama}")
        kolom[f"jawaban_{nama}"] = Count(f"{prefix}{nama}")
    return kolom


class SurveiQuerySet(UnitQuerySet):
    def with_rekap(self) -> SurveiQuerySet:
        """Each survey with its number of responses and per-unsur totals, in the same single query."""
        return self.annotate(jumlah_respons=Count("respons"), **kolom_rekap("respons__"))


class Survei(models.Model):
    """An SKM of one unit for a semester or a year, answered through a public link and paper questionnaires."""

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="survei")
    nama = models.CharField(max_length=255)
    tahun = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    periode = models.CharField(max_length=5, choices=Periode.choices)
    metode = models.CharField(max_length=20, choices=Metode.choices, default=Metode.PERMENPANRB_14_2017)
    bobot = models.CharField(
        max_length=12,
        choices=Bobot.choices,
        default=Bobot.EKSAK,
        help_text="Bobot yang dipakai untuk IKM resmi survei ini; halaman hasil selalu menampilkan keduanya.",
    )
    unsur = models.JSONField(
        default=list,
        help_text="Per unsur: label, pertanyaan, dan empat pilihan jawaban (nilai 1–4)",
    )
    layanan = models.TextField(blank=True, help_text="Jenis layanan yang disurvei, satu per baris")
    keterangan = models.TextField(blank=True)
    kode = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aktif = models.BooleanField("menerima jawaban daring", default=True)
    maks_respons = models.PositiveIntegerField(
        "batas jumlah jawaban",
        default=MAKS_RESPONS_BAWAAN,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text="Pelindung dari banjir isian; jawaban baru ditolak setelah batas ini tercapai",
    )
    indikator = models.ForeignKey(
        Indikator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survei",
        help_text="IKU yang realisasinya diambil dari IKM unit survei ini",
    )
    ditautkan_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    galat_tautan = models.TextField(
        blank=True, help_text="Alasan realisasi IKU terakhir kali tidak dapat diperbarui"
    )
    dibuat_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["galat_tautan"])

    objects = SurveiQuerySet.as_manager()

    class Meta:
        verbose_name = "survei kepuasan masyarakat"
        verbose_name_plural = "survei kepuasan masyarakat"
        ordering = ["-tahun", "-periode", "unit_kerja_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_kerja", "tahun", "periode"], name="survei_unik_per_unit_periode"
            ),
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"],
                condition=Q(indikator__isnull=False),
                name="survei_satu_sumber_per_realisasi",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def aturan(self) -> ikm.AturanMetode:
        return ikm.ATURAN[ikm.Metode(self.metode)]

    @property
    def jumlah_unsur(self) -> int:
        return self.aturan.jumlah_unsur

    @property
    def kolom_unsur(self) -> tuple[str, ...]:
        return KOLOM_UNSUR[: self.jumlah_unsur]

    @property
    def label_unsur(self) -> list[str]:
        return [u["label"] for u in self.unsur]

    @property
    def daftar_layanan(self) -> list[str]:
        return [b.strip() for b in self.layanan.splitlines() if b.strip()]

    @property
    def periode_realisasi(self) -> str:
        """The realisasi period the linked indicator receives (by its reporting frequency)."""
        peta = PERIODE_REALISASI
        if self.indikator_id and self.indikator.frekuensi == jadwal.BULANAN:
            peta = PERIODE_REALISASI_BULANAN
        return peta[Periode(self.periode)]

    @property
    def label_periode_realisasi(self) -> str:
        if not self.indikator_id and self.periode != Periode.TAHUN:
            bulan = PERIODE_REALISASI_BULANAN[Periode(self.periode)]
            return f"{jadwal.label(self.periode_realisasi)} ({jadwal.label(bulan)} bagi indikator bulanan)"
        frekuensi = self.indikator.frekuensi if self.indikator_id else jadwal.TRIWULANAN
        return jadwal.label(self.periode_realisasi, frekuensi)

    def clean(self) -> None:
        n = ikm.ATURAN[ikm.Metode(self.metode)].jumlah_unsur if self.metode in Metode.values else 0
        if not isinstance(self.unsur, list) or len(self.unsur) != n:
            raise ValidationError({"unsur": f"Metode ini membutuhkan tepat {n} unsur."})
        for i, u in enumerate(self.unsur, start=1):
            pilihan = u.get("pilihan") if isinstance(u, dict) else None
            if not isinstance(u, dict) or not str(u.get("label", "")).strip():
                raise ValidationError({"unsur": f"Unsur {i} harus memiliki label."})
            if not str(u.get("pertanyaan", "")).strip():
                raise ValidationError({"unsur": f"Unsur {i} harus memiliki pertanyaan."})
            if not isinstance(pilihan, list) or len(pilihan) != 4 or not all(str(p).strip() for p in pilihan):
                raise ValidationError({"unsur": f"Unsur {i} harus memiliki empat pilihan jawaban."})


class Respons(models.Model):
    """One respondent's answers: each unsur 1–4 (empty when a paper questionnaire left it blank) and a profile."""

    unit_path = "survei__unit_kerja"

    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", "Laki-laki"
        PEREMPUAN = "P", "Perempuan"

    class Pendidikan(models.TextChoices):
        SD = "SD", "SD ke bawah"
        SMP = "SMP", "SMP"
        SMA = "SMA", "SMA/sederajat"
        DIPLOMA = "D3", "D1–D3"
        S1 = "S1", "D4/S1"
        S2 = "S2", "S2"
        S3 = "S3", "S3"

    class Pekerjaan(models.TextChoices):
        ASN = "ASN", "PNS/ASN"
        TNI_POLRI = "TNI_POLRI", "TNI/Polri"
        SWASTA = "SWASTA", "Pegawai swasta"
        WIRAUSAHA = "WIRAUSAHA", "Wirausaha"
        PELAJAR = "PELAJAR", "Pelajar/mahasiswa"
        LAINNYA = "LAINNYA", "Lainnya"

    class Sumber(models.TextChoices):
        DARING = "daring", "Formulir daring"
        KERTAS = "kertas", "Kuesioner kertas (impor Excel)"
        DEMO = "demo", "Data demo"

    survei = models.ForeignKey(Survei, on_delete=models.CASCADE, related_name="respons")
    u1 = models.PositiveSmallIntegerField(null=True, blank=True)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True)
    u10 = models.PositiveSmallIntegerField(null=True, blank=True)
    u11 = models.PositiveSmallIntegerField(null=True, blank=True)
    u12 = models.PositiveSmallIntegerField(null=True, blank=True)
    u13 = models.PositiveSmallIntegerField(null=True, blank=True)
    u14 = models.PositiveSmallIntegerField(null=True, blank=True)
    jenis_kelamin = models.CharField(max_length=1, choices=JenisKelamin.choices, blank=True)
    umur = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    pendidikan = models.CharField(max_length=3, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(max_length=10, choices=Pekerjaan.choices, blank=True)
    layanan = models.CharField("jenis layanan", max_length=255, blank=True)
    saran = models.TextField(blank=True)
    nomor = models.CharField("nomor kuesioner", max_length=30, blank=True)
    sumber = models.CharField(max_length=8, choices=Sumber.choices, default=Sumber.DARING)
    diisi_pada = models.DateTimeField(default=timezone.now)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "respons survei"
        verbose_name_plural = "respons survei"
        ordering = ["survei_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{nama}__isnull": True}) | Q(**{f"{nama}__gte": 1, f"{nama}__lte": 4}),
                name=f"respons_{nama}_1_sampai_4",
            )
            for nama in KOLOM_UNSUR
        ]

    def __str__(self) -> str:
        return f"Respons {self.pk} – {self.survei}"

    @property
    def nilai(self) -> list[int | None]:
        return [getattr(self, nama) for nama in self.survei.kolom_unsur]


class KuotaIsian(models.Model):
    """How many answers one client (a keyed hash of its address) stored on one survey in the current window
    (`sakip.survei.pembatas`). Counted under the survey's row lock, so parallel answers cannot pass the limit."""

    survei = models.ForeignKey(Survei, on_delete=models.CASCADE, related_name="+")
    jejak = models.CharField(max_length=64)
    jumlah = models.PositiveIntegerField(default=0)
    mulai_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kuota isian survei"
        verbose_name_plural = "kuota isian survei"
        constraints = [models.UniqueConstraint(fields=["survei", "jejak"], name="kuota_isian_unik")]
        indexes = [models.Index(fields=["survei", "mulai_pada"], name="kuota_isian_survei_mulai")]

    def __str__(self) -> str:
        return f"{self.jumlah} jawaban sejak {self.mulai_pada:%H:%M}"
