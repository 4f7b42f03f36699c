"""Budget per sub kegiatan and year (pagu, realisasi, jenis belanja, output indicator), monthly realisasi, the
performance line printed next to program and kegiatan rows, and the per-pemda efficiency setting.

Money is DecimalField(20, 2) everywhere; rollups are computed by `sakip.anggaran.serapan` (money-weighted).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.anggaran import serapan
from sakip.anggaran.efisiensi import MetodeEfisiensi
from sakip.organisasi.models import Pemda
from sakip.perencanaan.models import ANGKA, RUPIAH, Kegiatan, Program, SubKegiatan, UnitQuerySet

_TAHUN = [MinValueValidator(2000), MaxValueValidator(2100)]
_SERATUS = Decimal(100)


class JenisBelanja(models.TextChoices):
    OPERASI = "operasi", "Belanja Operasi"
    MODAL = "modal", "Belanja Modal"


class AnggaranQuerySet(UnitQuerySet):
    def for_tahun(self, tahun: int) -> AnggaranQuerySet:
        return self.filter(tahun=tahun)


def capaian_keluaran(target: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Output achievement realisasi / target × 100 (output indicators are counts: higher is better).

    None when either is missing or the target is 0: there is nothing to divide by, which is not 0%.
    """
    if target is None or realisasi is None or target <= 0:
        return None
    return realisasi * _SERATUS / target


class AnggaranSubKegiatan(models.Model):
    """The year's budget of one sub kegiatan: pagu, realisasi, jenis belanja and its output indicator."""

    unit_path = "sub_kegiatan__kegiatan__program__unit_kerja"

    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.PROTECT, related_name="anggaran")
    tahun = models.PositiveSmallIntegerField(validators=_TAHUN)
    jenis_belanja = models.CharField(
        max_length=10, choices=JenisBelanja.choices, default=JenisBelanja.OPERASI
    )
    pagu = models.DecimalField(validators=[MinValueValidator(Decimal(0))], **RUPIAH)
    realisasi = models.DecimalField(default=Decimal(0), validators=[MinValueValidator(Decimal(0))], **RUPIAH)
    target_keluaran = models.DecimalField("target keluaran", null=True, blank=True, **ANGKA)
    realisasi_keluaran = models.DecimalField("realisasi keluaran", null=True, blank=True, **ANGKA)
    satuan_keluaran = models.CharField(
        "satuan keluaran", max_length=60, blank=True, help_text="Kosong: satuan keluaran pada sub kegiatan"
    )
    history = HistoricalRecords()

    objects = AnggaranQuerySet.as_manager()

    class Meta:
        verbose_name = "anggaran sub kegiatan"
        verbose_name_plural = "anggaran sub kegiatan"
        ordering = ["tahun", "sub_kegiatan__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahun"], name="anggaran_unik_per_sub_kegiatan_tahun"
            ),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="anggaran_pagu_tidak_negatif"),
            models.CheckConstraint(condition=Q(realisasi__gte=0), name="anggaran_realisasi_tidak_negatif"),
        ]
        indexes = [models.Index(fields=["tahun"], name="anggaran_tahun_idx")]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan.kode} {self.tahun}"

    @property
    def satuan(self) -> str:
        return self.satuan_keluaran or self.sub_kegiatan.satuan_keluaran

    @property
    def capaian_keluaran(self) -> Decimal | None:
        return capaian_keluaran(self.target_keluaran, self.realisasi_keluaran)

    @property
    def penyerapan(self) -> Decimal | None:
        return serapan.penyerapan(pagu=self.pagu, realisasi=self.realisasi)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.pagu is not None and self.pagu < 0:
            errors["pagu"] = "Pagu tidak boleh negatif."
        if self.realisasi is not None and self.realisasi < 0:
            errors["realisasi"] = "Realisasi tidak boleh negatif."
        for nama in ("target_keluaran", "realisasi_keluaran"):
            nilai = getattr(self, nama)
            if nilai is not None and nilai < 0:
                errors[nama] = "Nilai keluaran tidak boleh negatif."
        if errors:
            raise ValidationError(errors)


class RealisasiBulanan(models.Model):
    """Spending of one month; when a budget line has months, its yearly realisasi is their sum."""

    unit_path = "anggaran__sub_kegiatan__kegiatan__program__unit_kerja"

    anggaran = models.ForeignKey(AnggaranSubKegiatan, on_delete=models.CASCADE, related_name="bulanan")
    bulan = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)])
    realisasi = models.DecimalField(validators=[MinValueValidator(Decimal(0))], **RUPIAH)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "realisasi bulanan"
        verbose_name_plural = "realisasi bulanan"
        ordering = ["bulan"]
        constraints = [
            models.UniqueConstraint(fields=["anggaran", "bulan"], name="realisasi_bulanan_unik"),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="realisasi_bulanan_1_12"),
            models.CheckConstraint(condition=Q(realisasi__gte=0), name="realisasi_bulanan_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.anggaran} bulan {self.bulan}"

    @property
    def triwulan(self) -> int:
        return (self.bulan - 1) // 3 + 1


class KinerjaProgramKegiatan(models.Model):
    """Target and realisasi of a program's (kegiatan empty) or a kegiatan's indicator in a year, as printed next
    to its budget (seed 004 table 3.19, e.g. `85%`, `72 Indeks`)."""

    unit_path = "program__unit_kerja"

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="kinerja_anggaran")
    kegiatan = models.ForeignKey(
        Kegiatan, null=True, blank=True, on_delete=models.PROTECT, related_name="kinerja_anggaran"
    )
    tahun = models.PositiveSmallIntegerField(validators=_TAHUN)
    target = models.DecimalField(null=True, blank=True, **ANGKA)
    realisasi = models.DecimalField(null=True, blank=True, **ANGKA)
    satuan = models.CharField(max_length=60, blank=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "kinerja program/kegiatan"
        verbose_name_plural = "kinerja program/kegiatan"
        ordering = ["tahun", "program_id", "kegiatan_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "tahun"], condition=Q(kegiatan__isnull=True), name="kinerja_program_unik"
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "tahun"],
                condition=Q(kegiatan__isnull=False),
                name="kinerja_kegiatan_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan or self.program} {self.tahun}"

    @property
    def capaian(self) -> Decimal | None:
        return capaian_keluaran(self.target, self.realisasi)

    def clean(self) -> None:
        if self.kegiatan_id and self.program_id and self.kegiatan.program_id != self.program_id:
            raise ValidationError({"kegiatan": "Kegiatan harus milik program yang sama."})
        for nama in ("target", "realisasi"):
            nilai = getattr(self, nama)
            if nilai is not None and nilai < 0:
                raise ValidationError({nama: "Nilai kinerja tidak boleh negatif."})


class PengaturanAnggaran(models.Model):
    """Per-pemda budget settings: which efficiency method its tables use (printed with every table)."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="pengaturan_anggaran")
    metode_efisiensi = models.CharField(
        "metode tingkat efisiensi",
        max_length=12,
        choices=[
            (MetodeEfisiensi.SELISIH.value, "Selisih: capaian kinerja (%) − penyerapan anggaran (%)"),
            (
                MetodeEfisiensi.PENGHEMATAN.value,
                "Penghematan: (pagu − realisasi) / pagu × 100 bila target tercapai",
            ),
            (MetodeEfisiensi.INDEKS.value, "Indeks: capaian kinerja (%) / penyerapan anggaran (%)"),
        ],
        default=MetodeEfisiensi.SELISIH.value,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengaturan anggaran"
        verbose_name_plural = "pengaturan anggaran"

    def __str__(self) -> str:
        return f"Pengaturan anggaran {self.pemda}"

    def metode(self) -> MetodeEfisiensi:
        return MetodeEfisiensi(self.metode_efisiensi)


class KodeSipd(models.Model):
    """The code SIPD gives a unit (SKPD, or sub SKPD such as a Biro), e.g. `4.01.0.00.0.00.01.0000`.

    An export from SIPD names its unit only by this code; a file is matched to a unit by it and refused when it
    is another unit's. Unique within a pemda (the code carries no region part).
    """

    unit_path = "unit_kerja"

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="kode_sipd")
    unit_kerja = models.OneToOneField(
        "organisasi.UnitKerja", on_delete=models.CASCADE, related_name="kode_sipd"
    )
    kode = models.CharField("kode SKPD SIPD", max_length=40)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "kode SKPD SIPD"
        verbose_name_plural = "kode SKPD SIPD"
        ordering = ["pemda_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["pemda", "kode"], name="kode_sipd_unik_per_pemda")]

    def __str__(self) -> str:
        return f"{self.kode} {self.unit_kerja}"


class RincianJenisBelanja(models.Model):
    """The split of a budget line into Belanja Operasi and Belanja Modal, taken from SIPD account codes
    (5.1 operasi, 5.2 modal): one sub kegiatan may hold both."""

    unit_path = "anggaran__sub_kegiatan__kegiatan__program__unit_kerja"

    anggaran = models.ForeignKey(AnggaranSubKegiatan, on_delete=models.CASCADE, related_name="rincian_jenis")
    jenis_belanja = models.CharField(max_length=10, choices=JenisBelanja.choices)
    pagu = models.DecimalField(default=Decimal(0), **RUPIAH)
    realisasi = models.DecimalField(default=Decimal(0), **RUPIAH)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "rincian jenis belanja"
        verbose_name_plural = "rincian jenis belanja"
        ordering = ["jenis_belanja"]
        constraints = [
            models.UniqueConstraint(fields=["anggaran", "jenis_belanja"], name="rincian_jenis_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.anggaran} {self.jenis_belanja}"


class RealisasiBulananJenis(models.Model):
    """Spending of one month of one jenis belanja (from SIPD); the month's total is `RealisasiBulanan`."""

    unit_path = "anggaran__sub_kegiatan__kegiatan__program__unit_kerja"

    anggaran = models.ForeignKey(AnggaranSubKegiatan, on_delete=models.CASCADE, related_name="bulanan_jenis")
    bulan = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)])
    jenis_belanja = models.CharField(max_length=10, choices=JenisBelanja.choices)
    realisasi = models.DecimalField(**RUPIAH)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "realisasi bulanan per jenis belanja"
        verbose_name_plural = "realisasi bulanan per jenis belanja"
        ordering = ["bulan", "jenis_belanja"]
        constraints = [
            models.UniqueConstraint(
                fields=["anggaran", "bulan", "jenis_belanja"], name="realisasi_bulanan_jenis_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anggaran} bulan {self.bulan} {self.jenis_belanja}"
