"""The archive of official documents (their signed scans, every version kept) and their publication on the public
portal.

A `Dokumen` is one official document of a unit: a PK version, the Renstra, its IKU decree, the Rencana Aksi of a
PK, the LKjIP of a year, the LHE of a year, the IKM result of a survey. Its signed scans are `BerkasDokumen` rows
(PDF, content-checked, never overwritten: a new upload is a new version). Publication is a state of the document
with its date and the file shown (the latest signed scan, or the generated document frozen at publication time),
changed only by `services.terbitkan` / `services.tarik_terbitan` and recorded in the audit trail.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import Any

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sakip.evaluasi.models import EvaluasiAkip
from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis, UnitQuerySet
from sakip.survei.models import Survei


class JenisDokumen(models.TextChoices):
    RENSTRA = "renstra", "Renstra"
    KEPUTUSAN_IKU = "iku", "Keputusan IKU"
    PK = "pk", "Perjanjian Kinerja"
    RENCANA_AKSI = "rencana_aksi", "Rencana Aksi"
    LKJIP = "lkjip", "LKjIP"
    LHE = "lhe", "LHE AKIP"
    IKM = "ikm", "Hasil IKM"


# Documents that carry a signed scan (the others are published as their data).
BERPINDAIAN = {
    JenisDokumen.RENSTRA,
    JenisDokumen.KEPUTUSAN_IKU,
    JenisDokumen.PK,
    JenisDokumen.LKJIP,
    JenisDokumen.LHE,
}


class DokumenQuerySet(UnitQuerySet):
    def terbit(self) -> DokumenQuerySet:
        return self.filter(terbit=True)


class Dokumen(models.Model):
    """One official document of a unit, with its publication state."""

    unit_path = "unit_kerja"

    unit_kerja = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="dokumen_resmi")
    jenis = models.CharField(max_length=20, choices=JenisDokumen.choices)
    tahun = models.PositiveSmallIntegerField(
        help_text="Tahun dokumen; Renstra dan Keputusan IKU: tahun mulai"
    )
    renstra = models.ForeignKey(
        RencanaStrategis, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    perjanjian = models.ForeignKey(
        PerjanjianKinerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evaluasi = models.ForeignKey(
        EvaluasiAkip, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    survei = models.ForeignKey(Survei, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kunci = models.CharField(max_length=60, unique=True, editable=False, help_text="mis. pk:12, lkjip:3:2024")
    judul = models.CharField(max_length=300)
    terbit = models.BooleanField("diterbitkan", default=False, db_index=True)
    diterbitkan_pada = models.DateTimeField(null=True, blank=True)
    diterbitkan_oleh = models.ForeignKey(
        Pengguna, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    berkas_terbit = models.ForeignKey(
        "BerkasDokumen", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the portal shows of a document published as data (Rencana Aksi, LHE, IKM, Renstra), frozen at publication.
    ringkasan = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    objects = DokumenQuerySet.as_manager()

    class Meta:
        verbose_name = "dokumen resmi"
        verbose_name_plural = "dokumen resmi"
        ordering = ["unit_kerja__jalur", "-tahun", "jenis"]
        constraints = [
            models.CheckConstraint(
                condition=Q(terbit=False) | Q(diterbitkan_pada__isnull=False),
                name="dokumen_terbit_bertanggal",
            ),
        ]

    def __str__(self) -> str:
        return self.judul


def _lokasi_arsip(instance: BerkasDokumen, filename: str) -> str:
    # Never the client's file name in the path: a random name under the pemda, suffix kept for the type.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"arsip/{instance.dokumen.unit_kerja.pemda_id}/{uuid.uuid4().hex}{suffix}"


class BerkasDokumen(models.Model):
    """One version of a document's file: a signed scan uploaded by the unit, or the generated document frozen when
    it was published without a scan."""

    unit_path = "dokumen__unit_kerja"

    class Asal(models.TextChoices):
        PINDAIAN = "pindaian", "Pindaian bertanda tangan"
        DIHASILKAN = "dihasilkan", "Dokumen dihasilkan aplikasi"

    dokumen = models.ForeignKey(Dokumen, on_delete=models.PROTECT, related_name="berkas")
    versi = models.PositiveIntegerField()
    asal = models.CharField(max_length=12, choices=Asal.choices)
    berkas = models.FileField(upload_to=_lokasi_arsip, max_length=255)
    nama_asli = models.CharField(max_length=255)
    jenis_isi = models.CharField(max_length=100)
    ukuran = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    catatan = models.CharField(max_length=255, blank=True)
    diunggah_oleh = models.ForeignKey(Pengguna, null=True, on_delete=models.PROTECT, related_name="+")
    diunggah_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "berkas dokumen"
        verbose_name_plural = "berkas dokumen"
        ordering = ["-versi"]
        constraints = [models.UniqueConstraint(fields=["dokumen", "versi"], name="berkas_dokumen_versi_unik")]

    def __str__(self) -> str:
        return f"{self.dokumen} v{self.versi}"

    @property
    def akhiran(self) -> str:
        return PurePosixPath(self.nama_asli).suffix.lower()

    def nama_unduhan(self) -> str:
        from django.utils.text import slugify

        return f"{slugify(self.dokumen.judul)[:80]}-v{self.versi}{self.akhiran}"


def kunci_dokumen(jenis: str, **objek: Any) -> str:
    """The natural key of a document: its kind and its source object (and year, for an LKjIP)."""
    if jenis in (JenisDokumen.PK, JenisDokumen.RENCANA_AKSI):
        return f"{jenis}:{objek['perjanjian'].pk}"
    if jenis in (JenisDokumen.RENSTRA, JenisDokumen.KEPUTUSAN_IKU):
        return f"{jenis}:{objek['renstra'].pk}"
    if jenis == JenisDokumen.LKJIP:
        return f"{jenis}:{objek['renstra'].pk}:{objek['tahun']}"
    if jenis == JenisDokumen.LHE:
        return f"{jenis}:{objek['evaluasi'].pk}"
    return f"{jenis}:{objek['survei'].pk}"
