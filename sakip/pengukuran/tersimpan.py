"""Capaian kept current (issue #24): the figures the dashboards print, stored per indicator, sasaran, unit (Renstra)
and pemda for each year, so that an overview reads rows instead of recomputing every capaian from the realisasi.

They are derived data: `pengukuran.kini` writes them from the reference computation (`queries.tabel_capaian_banyak`)
whenever what they depend on changes, and `manage.py hitung_ulang_capaian` rebuilds them. A row whose inputs changed
but which has not been recomputed yet carries `kedaluwarsa=True` ("dihitung ulang"); readers recompute such rows
before they show them (or say that they are being recomputed).

The foreign keys carry no database constraint (`db_constraint=False`; deletions still cascade through Django): a
constraint would make every insert of a kept row take a key-share lock on the indicator, Renstra or unit it names,
and a writer holding that row `FOR UPDATE` (a target save queues on its indicator's row) while marking the kept row
would deadlock with the recompute. The kept tables are thereby locked only as `pengukuran.kini` describes.

Capaian values are kept exactly (`DesimalTepat`: the Decimal's text), because a rollup of rounded values would differ
from the reference in its last digits; a rounded numeric copy (`*_angka`) serves sorting and SQL aggregates only.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from sakip.organisasi.models import Pemda, UnitKerja
from sakip.perencanaan.models import Indikator, RencanaStrategis, Sasaran

ANGKA_BULAT = {"max_digits": 24, "decimal_places": 6}


class DesimalTepat(models.CharField):
    """A Decimal stored as its exact text (any precision, on SQLite too); None is stored as NULL."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 80)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Decimal | None:
        return None if value is None else Decimal(value)

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError(f"Bukan angka desimal: {value!r}") from exc

    def get_prep_value(self, value: Any) -> str | None:
        value = self.to_python(value)
        return None if value is None else str(value)


class CapaianIndikator(models.Model):
    """One indicator's capaian in a year, as the Renstra's dashboard prints it."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    tahun = models.PositiveSmallIntegerField()
    renstra = models.ForeignKey(
        RencanaStrategis, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    # The reporting unit (penanggung jawab, else the Renstra's unit) when the figure was computed.
    unit_pelapor = models.ForeignKey(
        UnitKerja, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    realisasi = DesimalTepat()
    realisasi_predikat = models.CharField(max_length=30, blank=True)
    target = DesimalTepat()
    target_atas = DesimalTepat()
    target_predikat = models.CharField(max_length=30, blank=True)
    target_sumber = models.CharField(max_length=10, blank=True)
    capaian = DesimalTepat()
    ditampilkan = DesimalTepat(help_text="Capaian setelah batas atas pemda")
    kasus = models.CharField(max_length=12)
    keterangan = models.TextField(blank=True)
    periode_terisi = models.JSONField(default=list, blank=True)
    dihitung_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "capaian indikator tersimpan"
        verbose_name_plural = "capaian indikator tersimpan"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="capaian_indikator_unik_per_tahun")
        ]
        indexes = [models.Index(fields=["renstra", "tahun"], name="capaian_ind_renstra_tahun")]

    def __str__(self) -> str:
        return f"Capaian indikator {self.indikator_id} {self.tahun}: {self.capaian}"


class CapaianSasaran(models.Model):
    """A sasaran's capaian (the mean of its indicators under the pemda's settings) in a year."""

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    tahun = models.PositiveSmallIntegerField()
    renstra = models.ForeignKey(
        RencanaStrategis, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    nilai = DesimalTepat()
    jumlah_indikator = models.PositiveIntegerField(default=0)
    jumlah_dihitung = models.PositiveIntegerField(default=0)
    jumlah_kosong = models.PositiveIntegerField(default=0)
    kategori = models.JSONField(null=True, blank=True)
    dihitung_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "capaian sasaran tersimpan"
        verbose_name_plural = "capaian sasaran tersimpan"
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "tahun"], name="capaian_sasaran_unik_per_tahun")
        ]
        indexes = [models.Index(fields=["renstra", "tahun"], name="capaian_sas_renstra_tahun")]

    def __str__(self) -> str:
        return f"Capaian sasaran {self.sasaran_id} {self.tahun}: {self.nilai}"


class CapaianUnit(models.Model):
    """A unit's capaian for one Renstra in force in a year: what the pemda and national overviews list."""

    # The reverse name lets the overview join a Renstra page to its kept rows in one query (`kini.ringkas`).
    renstra = models.ForeignKey(
        RencanaStrategis, on_delete=models.CASCADE, related_name="capaian_unit_tersimpan", db_constraint=False
    )
    tahun = models.PositiveSmallIntegerField()
    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    nilai = DesimalTepat()
    nilai_angka = models.DecimalField(null=True, blank=True, **ANGKA_BULAT)
    jumlah_sasaran = models.PositiveIntegerField(default=0)
    jumlah_indikator = models.PositiveIntegerField(default=0)
    jumlah_dihitung = models.PositiveIntegerField(default=0)
    jumlah_kosong = models.PositiveIntegerField(default=0)
    kebijakan = models.CharField(max_length=12, blank=True)
    metode = models.CharField(max_length=25, blank=True)
    batas = models.DecimalField(null=True, blank=True, max_digits=7, decimal_places=2)
    # The category band (`models.pita_sebagai_data`), or None without a value.
    kategori = models.JSONField(null=True, blank=True)
    kedaluwarsa = models.BooleanField(default=True, help_text="Masukan berubah; sedang dihitung ulang")
    dihitung_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "capaian unit tersimpan"
        verbose_name_plural = "capaian unit tersimpan"
        constraints = [
            models.UniqueConstraint(fields=["renstra", "tahun"], name="capaian_unit_unik_per_tahun")
        ]
        indexes = [
            models.Index(fields=["pemda", "tahun"], name="capaian_unit_pemda_tahun"),
            # The few stale rows of a year (a pemda aggregate is stale while any of its units is).
            models.Index(
                fields=["tahun", "pemda"], condition=models.Q(kedaluwarsa=True), name="capaian_unit_basi"
            ),
        ]

    def __str__(self) -> str:
        return f"Capaian Renstra {self.renstra_id} {self.tahun}: {self.nilai}"


class CapaianPemda(models.Model):
    """A pemda's aggregate of its units' capaian in a year: how many units, how many with a value, their mean and
    how many fall in each category. The mean is unweighted over the units with a value."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    tahun = models.PositiveSmallIntegerField()
    jumlah_unit = models.PositiveIntegerField(default=0)
    jumlah_bernilai = models.PositiveIntegerField(default=0)
    jumlah_nilai = DesimalTepat(help_text="Jumlah capaian unit yang bernilai (tepat)")
    rerata = DesimalTepat()
    rerata_angka = models.DecimalField(null=True, blank=True, **ANGKA_BULAT)
    # [{"label", "warna", "kode", "jumlah"}] in the order of the pemda's scale, bands without units included.
    kategori = models.JSONField(default=list, blank=True)
    kedaluwarsa = models.BooleanField(default=True, help_text="Capaian unit berubah; sedang dihitung ulang")
    dihitung_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "capaian pemda tersimpan"
        verbose_name_plural = "capaian pemda tersimpan"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun"], name="capaian_pemda_unik_per_tahun")
        ]
        indexes = [models.Index(fields=["tahun", "pemda"], name="capaian_pemda_tahun")]

    def __str__(self) -> str:
        return f"Capaian pemda {self.pemda_id} {self.tahun}: {self.rerata}"
