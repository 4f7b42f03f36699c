"""In-app notifications with e-mail and webhook delivery, per-user preferences, and the per-pemda webhook."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import Pemda, Pengguna


class Jenis(models.TextChoices):
    DIKEMBALIKAN = "dikembalikan", "Realisasi dikembalikan"
    DIAJUKAN = "diajukan", "Realisasi diajukan untuk diverifikasi"
    TENGGAT_D7 = "tenggat_d7", "Tenggat pelaporan 7 hari lagi"
    TENGGAT_D1 = "tenggat_d1", "Tenggat pelaporan besok"
    TERLAMBAT = "terlambat", "Pelaporan terlambat"
    TINDAK_LANJUT = "tindak_lanjut", "Tindak lanjut rekomendasi LHE jatuh tempo"
    RINGKASAN = "ringkasan", "Ringkasan mingguan untuk pimpinan"


class NotifikasiQuerySet(models.QuerySet["Notifikasi"]):
    def milik(self, pengguna: Pengguna) -> NotifikasiQuerySet:
        return self.filter(penerima=pengguna)

    def belum_dibaca(self) -> NotifikasiQuerySet:
        return self.filter(dibaca_pada__isnull=True)


class Notifikasi(models.Model):
    """One message to one user; `kunci` makes a reminder once-only (e.g. the D-7 of one period for one unit)."""

    penerima = models.ForeignKey(Pengguna, on_delete=models.CASCADE, related_name="notifikasi")
    pemda = models.ForeignKey(Pemda, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    judul = models.CharField(max_length=200)
    isi = models.TextField()
    tautan = models.CharField(
        max_length=300, blank=True, help_text="Alamat di aplikasi, mis. /pengukuran/..."
    )
    kunci = models.CharField(max_length=150, blank=True)
    dibuat_pada = models.DateTimeField(default=timezone.now)
    dibaca_pada = models.DateTimeField(null=True, blank=True)
    email_pada = models.DateTimeField(null=True, blank=True)
    webhook_pada = models.DateTimeField(null=True, blank=True)

    objects = NotifikasiQuerySet.as_manager()

    class Meta:
        verbose_name = "notifikasi"
        verbose_name_plural = "notifikasi"
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"], name="notifikasi_penerima_dibaca")]
        constraints = [
            models.UniqueConstraint(
                fields=["penerima", "kunci"], condition=~Q(kunci=""), name="notifikasi_sekali_per_kunci"
            )
        ]

    def __str__(self) -> str:
        return f"{self.penerima}: {self.judul}"


class Preferensi(models.Model):
    """What a user wants by e-mail (in the app every notification is kept)."""

    pengguna = models.OneToOneField(Pengguna, on_delete=models.CASCADE, related_name="preferensi_notifikasi")
    email_aktif = models.BooleanField("kirim e-mail", default=True)
    jenis_tanpa_email = models.JSONField(
        default=list, blank=True, help_text="Jenis yang tidak dikirim lewat e-mail."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "preferensi notifikasi"
        verbose_name_plural = "preferensi notifikasi"

    def __str__(self) -> str:
        return f"Preferensi notifikasi {self.pengguna}"

    def mau_email(self, jenis: str) -> bool:
        return self.email_aktif and jenis not in self.jenis_tanpa_email


class Webhook(models.Model):
    """A pemda's outgoing webhook (e.g. to its WhatsApp gateway): JSON signed with HMAC-SHA256 of its secret."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="webhook_notifikasi")
    url = models.URLField("URL", max_length=500)
    rahasia = models.CharField("rahasia", max_length=200)
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords(excluded_fields=["rahasia"])

    class Meta:
        verbose_name = "webhook notifikasi"
        verbose_name_plural = "webhook notifikasi"

    def __str__(self) -> str:
        return f"Webhook {self.pemda}"
