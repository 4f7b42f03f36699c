"""Background jobs on the database task queue (django-tasks with django-tasks-db): one `Pekerjaan` per piece of
work, whatever the number of attempts, with its progress and a heartbeat (see `sakip.antrean.pekerjaan`)."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone


class Pekerjaan(models.Model):
    """One job: what to run (`jenis` + `data`), where it stands, and which attempt owns it."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    jenis = models.CharField(max_length=60)
    data = models.JSONField(default=dict)
    kunci = models.CharField(max_length=100, blank=True, db_index=True, help_text="Objek yang dikerjakan.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    percobaan = models.PositiveSmallIntegerField(default=1)
    maks_percobaan = models.PositiveSmallIntegerField(default=3)
    id_tugas = models.CharField(max_length=64, blank=True, help_text="Baris antrean percobaan ini.")
    pekerja = models.CharField(max_length=64, blank=True)
    persen = models.PositiveSmallIntegerField(default=0)
    tahap = models.CharField(max_length=200, blank=True)
    hasil = models.JSONField(null=True, blank=True)
    pesan_galat = models.TextField(blank=True)
    dibuat_pada = models.DateTimeField(default=timezone.now, db_index=True)
    mulai_pada = models.DateTimeField(null=True, blank=True)
    detak_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "pekerjaan latar"
        verbose_name_plural = "pekerjaan latar"
        ordering = ["-dibuat_pada"]
        indexes = [models.Index(fields=["status", "detak_pada"], name="pekerjaan_status_detak")]

    def __str__(self) -> str:
        return f"{self.jenis} #{self.pk} ({self.status}, percobaan {self.percobaan})"


class JadwalBerjalan(models.Model):
    """One run of a periodic entry for one time slot: the unique pair lets any number of schedulers race safely."""

    nama = models.CharField(max_length=60)
    slot = models.CharField(max_length=40)
    dibuat_pada = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "jadwal berjalan"
        verbose_name_plural = "jadwal berjalan"
        constraints = [models.UniqueConstraint(fields=["nama", "slot"], name="jadwal_sekali_per_slot")]

    def __str__(self) -> str:
        return f"{self.nama} @ {self.slot}"


def _lokasi_impor(instance: ImporLatar, filename: str) -> str:
    # A random folder per upload, outside the web root (MEDIA_ROOT is never served).
    return f"impor_latar/{uuid.uuid4().hex}/{PurePosixPath(filename).name}"


class ImporLatar(models.Model):
    """One large upload checked and applied on the queue (see `sakip.antrean.impor`): the stored file, the
    dry-run preview the check job produced, and the result of the confirm job. Its uploader's only."""

    class Status(models.TextChoices):
        MEMERIKSA = "memeriksa", "Sedang diperiksa"
        PRATINJAU = "pratinjau", "Menunggu konfirmasi"
        DITOLAK = "ditolak", "Ditolak"
        MENYIMPAN = "menyimpan", "Sedang disimpan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=60)
    parameter = models.JSONField(default=dict, blank=True)
    berkas = models.FileField(upload_to=_lokasi_impor, max_length=255)
    nama_berkas = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MEMERIKSA)
    pekerjaan = models.ForeignKey(
        Pekerjaan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pratinjau = models.TextField(blank=True, help_text="Pratinjau (HTML) yang dihasilkan pemeriksaan.")
    data = models.JSONField(null=True, blank=True, help_text="Hasil pemeriksaan untuk halaman lain.")
    konfirmasi = models.JSONField(default=dict, blank=True)
    pesan = models.TextField(blank=True)
    url_hasil = models.CharField(max_length=300, blank=True)
    dibuat_pada = models.DateTimeField(default=timezone.now, db_index=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "impor latar"
        verbose_name_plural = "impor latar"
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.jenis} {self.nama_berkas} ({self.status})"
