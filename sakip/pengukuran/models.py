"""Realisasi with formula inputs, evidence (data dukung), narrative, verification workflow, year locks and
validation rules."""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal
from pathlib import PurePosixPath

from django.db import models
from simple_history.models import HistoricalRecords

from sakip.lib import skala
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import ANGKA, Indikator, UnitQuerySet


class Periode(models.TextChoices):
    # Months, for indicators reported monthly (their quarters and year are aggregated from them).
    B01 = "B01", "Januari"
    B02 = "B02", "Februari"
    B03 = "B03", "Maret"
    B04 = "B04", "April"
    B05 = "B05", "Mei"
    B06 = "B06", "Juni"
    B07 = "B07", "Juli"
    B08 = "B08", "Agustus"
    B09 = "B09", "September"
    B10 = "B10", "Oktober"
    B11 = "B11", "November"
    B12 = "B12", "Desember"
    TW1 = "TW1", "Triwulan I"
    TW2 = "TW2", "Triwulan II"
    TW3 = "TW3", "Triwulan III"
    TW4 = "TW4", "Triwulan IV"
    TAHUN = "TAHUN", "Tahunan"


TRIWULAN = {Periode.TW1: 1, Periode.TW2: 2, Periode.TW3: 3, Periode.TW4: 4}
BULAN = {p: int(p.value[1:]) for p in Periode if p.value.startswith("B")}


class Realisasi(models.Model):
    """The achieved value of an indicator for a month, a quarter or a year, owned by the unit that reports it."""

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
    peringatan = models.JSONField(
        default=list,
        blank=True,
        help_text="Pesan aturan validasi tingkat peringatan yang dilanggar nilai ini",
    )
    catatan_peringatan = models.TextField(
        blank=True, help_text="Penjelasan pengisi atas peringatan, dibaca verifikator"
    )
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


# A lock is per quarter (or the whole year): a locked quarter also locks its three months.
TRIWULAN_SAJA = [(k, v) for k, v in Periode.choices if k in TRIWULAN]


class KunciPeriode(models.Model):
    """A locked quarter of a year (the year itself stays open): its realisasi change only after an admin unlock,
    which is recorded with its reason. A locked year (`KunciTahun`) covers every quarter of it; a locked quarter
    covers its months (`kunci.periode_terkunci`)."""

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
    """A data-quality rule configured per pemda, for all its indicators or one (DHIS2-style). Rules saved by the
    pemda are checked when a value is entered (`validasi.periksa_entri`): an error-level rule refuses the save, a
    warning-level one asks for a note the verifier reads. All are listed on the data-quality page."""

    class Jenis(models.TextChoices):
        RENTANG_PERSENTASE = "rentang_persentase", "Persentase di antara batas bawah dan atas"
        RENTANG_NILAI = "rentang_nilai", "Nilai di antara batas bawah dan atas"
        MAKS_TARGET = "maks_target", "Nilai tidak melebihi target × k"
        KUMULATIF_MENURUN = (
            "kumulatif_menurun",
            "Indikator kumulatif: triwulan berikut tidak boleh lebih kecil",
        )
        PERBANDINGAN = "perbandingan", "Perbandingan khusus (rumus)"
        PENYEBUT_NOL = "penyebut_nol", "Penyebut rumus bernilai nol"
        TERLAMBAT = "terlambat", "Realisasi belum diisi setelah tenggat triwulan"
        REALISASI_MAKS_PAGU = "realisasi_maks_pagu", "Realisasi anggaran tidak melebihi pagu"

    class Tingkat(models.TextChoices):
        GALAT = "galat", "Galat (menolak penyimpanan)"
        PERINGATAN = "peringatan", "Peringatan (disimpan dengan catatan)"

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="aturan_validasi")
    indikator = models.ForeignKey(
        Indikator,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="aturan_validasi",
        help_text="Kosong: berlaku untuk semua indikator pemda",
    )
    jenis = models.CharField(max_length=25, choices=Jenis.choices)
    nama = models.CharField(max_length=200)
    parameter = models.JSONField(
        default=dict,
        blank=True,
        help_text="rentang_persentase/rentang_nilai: {'min': '0', 'maks': '100'}; maks_target: {'k': '1.5'}; "
        "perbandingan: {'kiri': 'realisasi', 'operator': '<=', 'kanan': 'target * 2'}; terlambat: {'hari_tenggat': 15}",
    )
    pesan = models.CharField(
        max_length=300, blank=True, help_text="Pesan bagi pengisi bila dilanggar; kosong: pesan otomatis"
    )
    tingkat = models.CharField(max_length=12, choices=Tingkat.choices, default=Tingkat.PERINGATAN)
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "aturan validasi"
        verbose_name_plural = "aturan validasi"
        ordering = ["pemda_id", "jenis", "pk"]

    def __str__(self) -> str:
        return self.nama


class SkalaKategori(models.Model):
    """A pemda's own category scale: ordered bands (bounds, inclusive or not, label, colour), validated by
    `lib.skala` to cover every value exactly once. Chosen per year in the measurement settings."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="skala_kategori")
    kode = models.SlugField(max_length=30, help_text="Kode singkat, mis. 'skala-2025'")
    nama = models.CharField(max_length=200)
    pita = models.JSONField(
        default=list,
        help_text="Daftar pita: label, warna, kode, bawah, bawah_inklusif, atas, atas_inklusif",
    )
    desimal_klasifikasi = models.PositiveSmallIntegerField(
        default=2, help_text="Capaian dibulatkan ke jumlah desimal ini sebelum digolongkan"
    )
    disalin_dari = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "skala kategori"
        verbose_name_plural = "skala kategori"
        ordering = ["pemda_id", "nama"]
        constraints = [models.UniqueConstraint(fields=["pemda", "kode"], name="skala_kategori_kode_unik")]

    def __str__(self) -> str:
        return self.nama

    def sebagai_skala(self) -> skala.Skala:
        """The pure scale (raises skala.SkalaError when the bands are invalid)."""
        return skala.Skala(
            kode=self.kode,
            nama=self.nama,
            pita=tuple(pita_dari_data(p) for p in self.pita),
            desimal_klasifikasi=self.desimal_klasifikasi,
        )


def _batas(nilai: object) -> Decimal | None:
    return None if nilai in (None, "") else Decimal(str(nilai))


def pita_dari_data(p: dict[str, object]) -> skala.Pita:
    return skala.Pita(
        label=str(p.get("label", "")),
        warna=str(p.get("warna", "")),
        bawah=_batas(p.get("bawah")),
        bawah_inklusif=bool(p.get("bawah_inklusif")),
        atas=_batas(p.get("atas")),
        atas_inklusif=bool(p.get("atas_inklusif")),
        kode=str(p.get("kode", "")),
    )


def pita_sebagai_data(p: skala.Pita) -> dict[str, object]:
    return {
        "label": p.label,
        "warna": p.warna,
        "kode": p.kode,
        "bawah": None if p.bawah is None else str(p.bawah),
        "bawah_inklusif": p.bawah_inklusif,
        "atas": None if p.atas is None else str(p.atas),
        "atas_inklusif": p.atas_inklusif,
    }


def skala_pemda(pemda_id: int, kode: str) -> skala.Skala:
    """The scale a settings row names: the pemda's own one with that kode, else the shipped one (the Kaltim LKjIP
    scale when neither exists)."""
    return skala_banyak({pemda_id: {kode}}).get((pemda_id, kode)) or skala.SKALA_BAWAAN.get(
        kode, skala.LKJIP_KALTIM
    )


def skala_banyak(kode_per_pemda: dict[int, set[str]]) -> dict[tuple[int, str], skala.Skala]:
    """Scales by (pemda, kode), the pemdas' own ones over the shipped ones, in one query."""
    hasil: dict[tuple[int, str], skala.Skala] = {}
    semua_kode = {k for ks in kode_per_pemda.values() for k in ks}
    sendiri = {
        (s.pemda_id, s.kode): s
        for s in SkalaKategori.objects.filter(pemda_id__in=list(kode_per_pemda), kode__in=semua_kode)
    }
    for pemda_id, kodes in kode_per_pemda.items():
        for kode in kodes:
            if (pemda_id, kode) in sendiri:
                hasil[(pemda_id, kode)] = sendiri[(pemda_id, kode)].sebagai_skala()
            else:
                hasil[(pemda_id, kode)] = skala.SKALA_BAWAAN.get(kode, skala.LKJIP_KALTIM)
    return hasil


class PengaturanPengukuran(models.Model):
    """Per-pemda choices that change how capaian is aggregated and shown (printed with every figure).

    Effective per year: a row applies from `berlaku_mulai` until the next row of the same pemda, so a change saved
    for 2025 leaves the reports of 2024 as they were."""

    class Metode(models.TextChoices):
        RATA_RATA_SASARAN = "rata_rata_sasaran", "Rata-rata dari rata-rata capaian per sasaran"
        RATA_RATA_INDIKATOR = "rata_rata_indikator", "Rata-rata capaian seluruh indikator"

    class Kosong(models.TextChoices):
        KECUALIKAN = "kecualikan", "Realisasi kosong dikecualikan"
        HITUNG_NOL = "hitung_nol", "Realisasi kosong dihitung 0"

    TAHUN_AWAL = 2000  # a row "from the beginning": the settings every year had before the first change

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="pengaturan_pengukuran")
    berlaku_mulai = models.PositiveSmallIntegerField(
        "berlaku mulai tahun", default=TAHUN_AWAL, help_text="Berlaku untuk tahun ini dan seterusnya"
    )
    metode_rollup = models.CharField(
        "metode capaian unit", max_length=25, choices=Metode.choices, default=Metode.RATA_RATA_SASARAN
    )
    kebijakan_kosong = models.CharField(
        "realisasi kosong", max_length=12, choices=Kosong.choices, default=Kosong.KECUALIKAN
    )
    batas_capaian = models.DecimalField(
        null=True,
        blank=True,
        max_digits=7,
        decimal_places=2,
        help_text="Batas atas capaian (mis. 120); kosong = tanpa batas",
    )
    skala_kategori = models.CharField(
        "skala kategori",
        max_length=30,
        default="lkjip_kaltim",
        help_text="Kategori capaian pada LKjIP dan dasbor",
    )
    skala_lampu = models.CharField(
        "skala lampu lalu lintas", max_length=30, default="lampu", help_text="Warna capaian pada dasbor"
    )
    hari_tenggat = models.PositiveSmallIntegerField(
        "hari tenggat periode",
        default=15,
        help_text="Hari setelah akhir periode (bulan, triwulan, semester atau tahun, menurut frekuensi pelaporan "
        "indikator) sebelum realisasi dianggap terlambat",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengaturan pengukuran"
        verbose_name_plural = "pengaturan pengukuran"
        ordering = ["pemda_id", "berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "berlaku_mulai"], name="pengaturan_pengukuran_per_tahun")
        ]

    def __str__(self) -> str:
        return f"Pengaturan pengukuran {self.pemda} mulai {self.berlaku_mulai}"


def pengaturan_banyak(pemda_ids: set[int] | list[int], tahun: int) -> dict[int, PengaturanPengukuran]:
    """The settings in effect in `tahun` of each pemda (one query): the row with the latest `berlaku_mulai` not after
    the year, or the defaults (unsaved) when none applies."""
    hasil: dict[int, PengaturanPengukuran] = {}
    for p in PengaturanPengukuran.objects.filter(
        pemda_id__in=set(pemda_ids), berlaku_mulai__lte=tahun
    ).order_by("pemda_id", "berlaku_mulai"):
        hasil[p.pemda_id] = p  # the latest wins
    for pemda_id in set(pemda_ids):
        if pemda_id not in hasil:
            hasil[pemda_id] = PengaturanPengukuran(pemda_id=pemda_id)
    # The scales the rows name, resolved once (the pemda's own ones first): `skala_objek`, `lampu_objek`.
    kode: dict[int, set[str]] = defaultdict(set)
    for atur in hasil.values():
        kode[atur.pemda_id] |= {atur.skala_kategori, atur.skala_lampu}
    skala_semua = skala_banyak(dict(kode))
    for atur in hasil.values():
        atur.skala_objek = skala_semua[(atur.pemda_id, atur.skala_kategori)]
        atur.lampu_objek = skala_semua[(atur.pemda_id, atur.skala_lampu)]
    return hasil


def pengaturan_untuk(pemda_id: int, tahun: int) -> PengaturanPengukuran:
    """The pemda's settings in effect in `tahun`, or the defaults (unsaved) when none were chosen."""
    return pengaturan_banyak({pemda_id}, tahun)[pemda_id]


# The capaian kept current (issue #24) live in their own module; imported here so Django registers them.
from sakip.pengukuran.tersimpan import (  # noqa: E402, F401
    CapaianIndikator,
    CapaianPemda,
    CapaianSasaran,
    CapaianUnit,
)
