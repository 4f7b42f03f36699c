"""Free-text sections of the LKjIP that the data cannot write (kata pengantar, pendahuluan, penutup), and the
background generations of LKjIP files with their progress."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.perencanaan.models import RencanaStrategis, UnitQuerySet


class TeksLaporan(models.Model):
    """The unit's own texts for its LKjIP of a year; an empty field leaves the generated text in place.

    Each text is sanitised HTML from the page's editor (`sakip.lib.html_aman`) or, for older rows, plain text with
    blank-line paragraphs; the report renders both.
    """

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="teks_laporan")
    tahun = models.PositiveSmallIntegerField()
    kata_pengantar = models.TextField(blank=True, help_text="Pisahkan paragraf dengan baris kosong.")
    pendahuluan = models.TextField(
        "pendahuluan (pengantar BAB I)", blank=True, help_text="Pisahkan paragraf dengan baris kosong."
    )
    penutup = models.TextField(
        "penutup (BAB IV)", blank=True, help_text="Pisahkan paragraf dengan baris kosong."
    )
    # The other sections of the PermenPANRB 53/2014 outline that data cannot write (seed 004); empty = generated.
    pengantar_renstra = models.TextField("pengantar BAB II.A Perencanaan Strategis", blank=True)
    pengantar_iku = models.TextField("pengantar BAB II.B Indikator Kinerja Utama", blank=True)
    rencana_anggaran = models.TextField(
        "BAB II.C.1 Rencana Anggaran",
        blank=True,
        help_text="Kosongkan untuk memakai total DPA beserta Belanja Operasi dan Belanja Modal dari data anggaran.",
    )
    penutup_lhe = models.TextField("penutup BAB III.A (tindak lanjut hasil evaluasi)", blank=True)
    analisis_program = models.TextField(
        "BAB III.C analisis program yang menunjang keberhasilan/kegagalan", blank=True
    )
    perbandingan_kinerja = models.TextField(
        "BAB III.C perbandingan dengan realisasi kinerja provinsi/nasional", blank=True
    )
    # The signature block under the kata pengantar (seed 004: "Samarinda, Februari 2025 / SEKRETARIS DAERAH, /
    # SRI WAHYUNI"); empty fields fall back to the PK of the year, then to a dotted line to be filled by hand.
    tempat_tanda_tangan = models.CharField("tempat", max_length=100, blank=True, help_text="mis. Samarinda")
    tanggal_tanda_tangan = models.CharField(
        "tanggal",
        max_length=60,
        blank=True,
        help_text="Seperti dicetak, mis. Februari 2025 atau 14 Februari 2025",
    )
    jabatan_penandatangan = models.CharField(
        "jabatan penanda tangan", max_length=200, blank=True, help_text="mis. Sekretaris Daerah"
    )
    nama_penandatangan = models.CharField("nama penanda tangan", max_length=200, blank=True)
    pangkat_penandatangan = models.CharField(
        "pangkat/golongan", max_length=100, blank=True, help_text="mis. Pembina Utama Madya (IV/d)"
    )
    nip_penandatangan = models.CharField("NIP", max_length=30, blank=True)
    versi = models.PositiveIntegerField(default=1)
    diubah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "teks laporan"
        verbose_name_plural = "teks laporan"
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "tahun"], name="teks_laporan_unik_per_tahun")
        ]

    def __str__(self) -> str:
        return f"Teks LKjIP {self.unit_kerja} {self.tahun}"


class PengaturanLaporan(models.Model):
    """The pemda's settings for the documents it generates: the logo printed on LKjIP covers and on the kop of
    the PK and the IKU decree. The image is stored re-encoded as PNG (`services.simpan_logo`)."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="pengaturan_laporan")
    logo = models.BinaryField(blank=True, default=b"", editable=False)
    logo_nama = models.CharField("nama berkas logo", max_length=200, blank=True)
    diubah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        verbose_name = "pengaturan laporan"
        verbose_name_plural = "pengaturan laporan"

    def __str__(self) -> str:
        return f"Pengaturan laporan {self.pemda}"

    @staticmethod
    def logo_untuk(pemda_id: int) -> bytes | None:
        """The pemda's logo as PNG bytes, or None."""
        logo = PengaturanLaporan.objects.filter(pemda_id=pemda_id).values_list("logo", flat=True).first()
        return bytes(logo) if logo else None


class PenyusunLaporan(models.Model):
    """A unit named by the admin pemda as a compiler of another unit's LKjIP (e.g. the Biro Organisasi compiles
    the Setda's): the compiler's operators may build that report and edit its texts (`pelaporan.akses`)."""

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.CASCADE, related_name="penyusun_laporan", verbose_name="laporan unit"
    )
    penyusun = models.ForeignKey(
        UnitKerja, on_delete=models.CASCADE, related_name="laporan_disusun", verbose_name="unit penyusun"
    )
    ditambah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ditambah_pada = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "penyusun laporan"
        verbose_name_plural = "penyusun laporan"
        ordering = ["unit_kerja__jalur", "penyusun__jalur"]
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "penyusun"], name="penyusun_laporan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.penyusun} menyusun LKjIP {self.unit_kerja}"


def _lokasi_laporan(instance: PembuatanLaporan, filename: str) -> str:
    # A random folder per job, outside the web root (MEDIA_ROOT is never served): only the owner's view streams it.
    return f"laporan_dibuat/{uuid.uuid4().hex}/{PurePosixPath(filename).name}"


class PembuatanLaporan(models.Model):
    """One background generation of a document file (an LKjIP, a Perjanjian Kinerja or an IKU decree) for one
    user (see `sakip.pelaporan.pembuatan`)."""

    class Dokumen(models.TextChoices):
        LKJIP = "lkjip", "LKjIP"
        PK = "pk", "Perjanjian Kinerja"
        KEPUTUSAN_IKU = "keputusan_iku", "Keputusan IKU"
        LKJIP_PEMDA = "lkjip_pemda", "LKjIP Pemerintah Daerah"

    class Format(models.TextChoices):
        DOCX = "docx", "Word (.docx)"
        PDF = "pdf", "PDF (.pdf)"
        XLSX = "xlsx", "Excel (.xlsx)"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    pengguna = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="+")
    dokumen = models.CharField(max_length=20, choices=Dokumen.choices, default=Dokumen.LKJIP)
    # A unit's documents name their Renstra; the pemda's LKjIP names its RPJMD instead.
    renstra = models.ForeignKey(
        RencanaStrategis, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rpjmd = models.ForeignKey(
        "rpjmd.Rpjmd", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    perjanjian = models.ForeignKey(
        "perencanaan.PerjanjianKinerja", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField()
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    persen = models.PositiveSmallIntegerField(default=0)
    tahap = models.CharField(max_length=200, blank=True)
    berkas = models.FileField(upload_to=_lokasi_laporan, max_length=255, blank=True)
    nama_berkas = models.CharField(max_length=200, blank=True)
    pesan_galat = models.TextField(blank=True)
    dibuat_pada = models.DateTimeField(default=timezone.now, db_index=True)
    detak_pada = models.DateTimeField(
        default=timezone.now, help_text="Terakhir kali pekerjaan melapor kemajuan."
    )
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "pembuatan laporan"
        verbose_name_plural = "pembuatan laporan"
        ordering = ["-dibuat_pada"]
        indexes = [models.Index(fields=["pengguna", "status"], name="pembuatan_pengguna_status")]

    def __str__(self) -> str:
        return (
            f"{self.get_dokumen_display()} {self.tahun} ({self.format}) untuk {self.pengguna}: {self.status}"
        )


class TeksLaporanPemda(models.Model):
    """The pemda's own texts for its LKjIP of a year (the report of the Pemerintah Provinsi/Kabupaten/Kota, built
    from the RPJMD); an empty field leaves the generated text in place. Same editor and sanitiser as `TeksLaporan`,
    keyed on the pemda because that report belongs to no unit."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="teks_laporan_pemda")
    tahun = models.PositiveSmallIntegerField()
    kata_pengantar = models.TextField(blank=True)
    pendahuluan = models.TextField("pendahuluan (pengantar BAB I)", blank=True)
    pengantar_rpjmd = models.TextField("pengantar BAB II.A RPJMD", blank=True)
    pengantar_iku = models.TextField("pengantar BAB II.B Indikator Kinerja Utama Pemda", blank=True)
    penutup_capaian = models.TextField("penutup BAB III.A (analisis capaian IKU Pemda)", blank=True)
    analisis_kontribusi = models.TextField("BAB III.B kontribusi perangkat daerah", blank=True)
    analisis_anggaran = models.TextField("BAB III.C realisasi anggaran dan efisiensi", blank=True)
    penutup = models.TextField("penutup (BAB IV)", blank=True)
    tempat_tanda_tangan = models.CharField("tempat", max_length=100, blank=True, help_text="mis. Samarinda")
    tanggal_tanda_tangan = models.CharField(
        "tanggal", max_length=60, blank=True, help_text="Seperti dicetak, mis. Maret 2025"
    )
    jabatan_penandatangan = models.CharField(
        "jabatan penanda tangan", max_length=200, blank=True, help_text="mis. Gubernur Kalimantan Timur"
    )
    nama_penandatangan = models.CharField("nama penanda tangan", max_length=200, blank=True)
    versi = models.PositiveIntegerField(default=1)
    diubah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diubah_pada = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "teks laporan pemda"
        verbose_name_plural = "teks laporan pemda"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun"], name="teks_laporan_pemda_unik_per_tahun")
        ]

    def __str__(self) -> str:
        return f"Teks LKjIP {self.pemda} {self.tahun}"


class PenyusunLaporanPemda(models.Model):
    """A unit named by the admin pemda as a compiler of the pemda's own LKjIP (e.g. the Biro Organisasi or the
    Bappeda): its operators may build that report and edit its texts (`pelaporan.akses`)."""

    unit_path = "penyusun"

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="penyusun_laporan_pemda")
    penyusun = models.ForeignKey(
        UnitKerja,
        on_delete=models.CASCADE,
        related_name="laporan_pemda_disusun",
        verbose_name="unit penyusun",
    )
    ditambah_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ditambah_pada = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "penyusun laporan pemda"
        verbose_name_plural = "penyusun laporan pemda"
        ordering = ["penyusun__jalur"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "penyusun"], name="penyusun_laporan_pemda_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.penyusun} menyusun LKjIP {self.pemda}"
