"""Realisasi with formula inputs, evidence (data dukung), narrative, verification workflow, year locks and
validation rules."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.db import models
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import ANGKA, Indikator, UnitQuerySet


class Periode(models.TextChoices):
    TW1 = "TW1", "Triwulan I"
    TW2 = "TW2", "Triwulan II"
    TW3 = "TW3", "Triwulan III"
    TW4 = "TW4", "Triwulan IV"
    TAHUN = "TAHUN", "Tahunan"


TRIWULAN = {Periode.TW1: 1, Periode.TW2: 2, Periode.TW3: 3, Periode.TW4: 4}


class Realisasi(models.Model):
    """The achieved value of an indicator for a quarter or a year, owned by the unit that reports it."""

    unit_path = "unit_kerja"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draf"
        DIAJUKAN = "diajukan", "Diajukan"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan"
        DIVERIFIKASI = "diverifikasi", "Diverifikasi"

    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="realisasi")
    # The reporting unit: the indicator's penanggung jawab (a Biro) or else the Renstra's unit.
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField()
    periode = models.CharField(max_length=5, choices=Periode.choices)
    nilai = models.DecimalField(null=True, blank=True, **ANGKA)
    nilai_predikat = models.CharField(max_length=30, blank=True)
    masukan = models.JSONField(
        default=dict,
        blank=True,
        help_text="Nilai variabel rumus sebagai teks desimal, mis. {'difasilitasi': '4'}",
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAFT)
    catatan_verifikasi = models.TextField(blank=True)
    versi = models.PositiveIntegerField(
        default=1, help_text="Naik setiap perubahan; mencegah penimpaan diam-diam"
    )
    diubah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)
    data_dukung = models.ManyToManyField("DataDukung", blank=True, related_name="realisasi")
    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "realisasi"
        ordering = ["tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"], name="realisasi_unik_per_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator.kode} {self.tahun} {self.periode}: {self.nilai_teks}"

    @property
    def terisi(self) -> bool:
        return self.nilai is not None or bool(self.nilai_predikat)

    @property
    def nilai_teks(self) -> str:
        from sakip.lib import angka

        return self.nilai_predikat or angka.format_angka(self.nilai)

    @property
    def dapat_diubah_operator(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.DIKEMBALIKAN)


def _lokasi_berkas(instance: DataDukung, filename: str) -> str:
    # Never the client's file name in the path: a random name under the pemda/year, suffix kept for the type.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"data_dukung/{instance.unit_kerja.pemda_id}/{uuid.uuid4().hex}{suffix}"


# Evidence types a browser shows by itself; each is served inline with a sandboxing Content-Security-Policy.
JENIS_PRATINJAU = frozenset({"application/pdf", "image/png", "image/jpeg"})


class DataDukung(models.Model):
    """An evidence file, stored outside the web root and served only through an access-checked view.

    One file can support several realisasi (and later PK and evaluation items) without being uploaded twice.
    """

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="data_dukung")
    berkas = models.FileField(upload_to=_lokasi_berkas, max_length=255)
    nama_asli = models.CharField(max_length=255)
    jenis = models.CharField(
        max_length=100, help_text="Jenis isi berkas yang terdeteksi, mis. application/pdf"
    )
    ukuran = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    keterangan = models.CharField(max_length=255, blank=True)
    diunggah_oleh = models.ForeignKey(Pengguna, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()  # a deleted evidence file leaves its name, unit, hash and who deleted it

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "data dukung"
        verbose_name_plural = "data dukung"
        ordering = ["-diunggah_pada"]

    def __str__(self) -> str:
        return self.nama_asli

    @property
    def dapat_dipratinjau(self) -> bool:
        """Shown in the browser (PDF, images); other types are downloaded."""
        return self.jenis in JENIS_PRATINJAU


class Narasi(models.Model):
    """The texts the LKjIP prints under an indicator for a year."""

    unit_path = "unit_kerja"

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="narasi")
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="narasi")
    tahun = models.PositiveSmallIntegerField()
    analisis = models.TextField("analisis capaian", blank=True)
    faktor_pendukung = models.TextField(blank=True)
    faktor_penghambat = models.TextField(blank=True)
    permasalahan = models.TextField(blank=True)
    solusi = models.TextField("solusi / upaya", blank=True)
    versi = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "narasi"
        constraints = [models.UniqueConstraint(fields=["indikator", "tahun"], name="narasi_unik_per_tahun")]

    def __str__(self) -> str:
        return f"Narasi {self.indikator.kode} {self.tahun}"


class KunciTahun(models.Model):
    """A locked year: its realisasi change only after an admin unlock, which is recorded with its reason."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="kunci_tahun")
    tahun = models.PositiveSmallIntegerField()
    terkunci = models.BooleanField(default=True)
    alasan = models.CharField(max_length=255, blank=True)
    diubah_oleh = models.ForeignKey(Pengguna, null=True, on_delete=models.PROTECT, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kunci tahun"
        verbose_name_plural = "kunci tahun"
        constraints = [models.UniqueConstraint(fields=["pemda", "tahun"], name="kunci_tahun_unik")]

    def __str__(self) -> str:
        return f"{self.pemda} {self.tahun}: {'terkunci' if self.terkunci else 'terbuka'}"


TRIWULAN_SAJA = [(k, v) for k, v in Periode.choices if k != Periode.TAHUN]


class KunciPeriode(models.Model):
    """A locked quarter of a year (the year itself stays open): its realisasi change only after an admin unlock,
    which is recorded with its reason. A locked year (`KunciTahun`) covers every quarter of it."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="kunci_periode")
    tahun = models.PositiveSmallIntegerField()
    periode = models.CharField(max_length=5, choices=TRIWULAN_SAJA)
    terkunci = models.BooleanField(default=True)
    alasan = models.CharField(max_length=255, blank=True)
    diubah_oleh = models.ForeignKey(Pengguna, null=True, on_delete=models.PROTECT, related_name="+")
    diubah_pada = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kunci periode"
        verbose_name_plural = "kunci periode"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun", "periode"], name="kunci_periode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.get_periode_display()} {self.tahun}: {'terkunci' if self.terkunci else 'terbuka'}"


class AturanValidasi(models.Model):
    """A data-quality rule configured per pemda (DHIS2-style): checked on entry and on demand."""

    class Jenis(models.TextChoices):
        RENTANG_PERSENTASE = "rentang_persentase", "Persentase di antara batas bawah dan atas"
        KUMULATIF_MENURUN = (
            "kumulatif_menurun",
            "Indikator kumulatif: triwulan berikut tidak boleh lebih kecil",
        )
        PENYEBUT_NOL = "penyebut_nol", "Penyebut rumus bernilai nol"
        TERLAMBAT = "terlambat", "Realisasi belum diisi setelah tenggat triwulan"

    class Tingkat(models.TextChoices):
        GALAT = "galat", "Galat"
        PERINGATAN = "peringatan", "Peringatan"

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="aturan_validasi")
    jenis = models.CharField(max_length=25, choices=Jenis.choices)
    nama = models.CharField(max_length=200)
    parameter = models.JSONField(
        default=dict,
        blank=True,
        help_text="rentang_persentase: {'min': '0', 'maks': '100'}; terlambat: {'hari_tenggat': 15}",
    )
    tingkat = models.CharField(max_length=12, choices=Tingkat.choices, default=Tingkat.PERINGATAN)
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aturan validasi"
        verbose_name_plural = "aturan validasi"
        ordering = ["pemda_id", "jenis"]
        constraints = [models.UniqueConstraint(fields=["pemda", "jenis"], name="aturan_validasi_unik")]

    def __str__(self) -> str:
        return self.nama


class PengaturanPengukuran(models.Model):
    """Per-pemda choices that change how capaian is aggregated and shown (printed with every figure)."""

    class Metode(models.TextChoices):
        RATA_RATA_SASARAN = "rata_rata_sasaran", "Rata-rata dari rata-rata capaian per sasaran"
        RATA_RATA_INDIKATOR = "rata_rata_indikator", "Rata-rata capaian seluruh indikator"

    class Kosong(models.TextChoices):
        KECUALIKAN = "kecualikan", "Realisasi kosong dikecualikan"
        HITUNG_NOL = "hitung_nol", "Realisasi kosong dihitung 0"

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="pengaturan_pengukuran")
    metode_rollup = models.CharField(max_length=25, choices=Metode.choices, default=Metode.RATA_RATA_SASARAN)
    kebijakan_kosong = models.CharField(max_length=12, choices=Kosong.choices, default=Kosong.KECUALIKAN)
    batas_capaian = models.DecimalField(
        null=True,
        blank=True,
        max_digits=7,
        decimal_places=2,
        help_text="Batas atas capaian (mis. 120); kosong = tanpa batas",
    )
    skala_kategori = models.CharField(max_length=30, default="lkjip_kaltim")
    hari_tenggat = models.PositiveSmallIntegerField(
        default=15, help_text="Hari setelah akhir triwulan sebelum realisasi dianggap terlambat"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengaturan pengukuran"
        verbose_name_plural = "pengaturan pengukuran"

    def __str__(self) -> str:
        return f"Pengaturan pengukuran {self.pemda}"


def pengaturan_untuk(pemda_id: int) -> PengaturanPengukuran:
    """The pemda's settings, or the defaults (unsaved) when none were chosen."""
    found = PengaturanPengukuran.objects.filter(pemda_id=pemda_id).first()
    return found or PengaturanPengukuran(pemda_id=pemda_id)
