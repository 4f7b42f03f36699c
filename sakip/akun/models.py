"""Two-factor login: each pemda's policy, users' recovery codes and the per-user throttle on codes.

The authenticator itself is django-otp's `TOTPDevice` (one confirmed device per user); its audit trail is registered
here, without the secret key.
"""

from __future__ import annotations

import simple_history
from django.conf import settings
from django.db import models
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from sakip.organisasi.models import Pemda, Penugasan


class KebijakanDuaFaktor(models.Model):
    """Which roles of a pemda must log in with a second factor. A pemda without a row uses the field defaults."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="kebijakan_dua_faktor")
    wajib_admin_pemda = models.BooleanField("wajib untuk admin pemda", default=True)
    wajib_evaluator = models.BooleanField("wajib untuk evaluator/inspektorat", default=True)
    wajib_operator = models.BooleanField("wajib untuk operator", default=False)
    wajib_pimpinan = models.BooleanField("wajib untuk pimpinan", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kebijakan verifikasi dua langkah"
        verbose_name_plural = "kebijakan verifikasi dua langkah"

    def __str__(self) -> str:
        return f"Kebijakan verifikasi dua langkah {self.pemda}"

    def mewajibkan(self, peran: str) -> bool:
        return bool(getattr(self, f"wajib_{peran}", False))

    def peran_wajib(self) -> list[str]:
        """The labels of the roles that must use a second factor, in the order of `Penugasan.Peran`."""
        return [label for value, label in Penugasan.Peran.choices if self.mewajibkan(value)]


class KodePemulihan(models.Model):
    """One unused one-time recovery code, stored only as the SHA-256 of its normalised text (80 random bits, so
    the hash cannot be reversed by trying codes); a used code is deleted."""

    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kode_pemulihan"
    )
    hash = models.CharField(max_length=64)
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["hash"])

    class Meta:
        verbose_name = "kode pemulihan"
        verbose_name_plural = "kode pemulihan"
        indexes = [models.Index(fields=["pengguna", "hash"], name="kode_pemulihan_cari")]

    def __str__(self) -> str:
        return f"Kode pemulihan {self.pengguna}"


class KunciKode(models.Model):
    """Failed second-factor codes of one user, counted whatever the address: BATAS_GAGAL in a row lock the user's
    codes until `terkunci_sampai`, each further failure doubling the wait (services.periksa_kode)."""

    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kunci_kode"
    )
    gagal = models.PositiveIntegerField(default=0)
    terkunci_sampai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "kunci kode verifikasi"
        verbose_name_plural = "kunci kode verifikasi"

    def __str__(self) -> str:
        return f"Kunci kode verifikasi {self.pengguna}"


# Enrolment, confirmation, replacement and reset of an authenticator are audited; the secret key and the fields each
# verification updates (replay counter, clock drift, django-otp's own throttle) are not copied into the audit trail.
simple_history.register(
    TOTPDevice,
    app="sakip.akun",
    excluded_fields=[
        "key",
        "last_t",
        "drift",
        "throttling_failure_timestamp",
        "throttling_failure_count",
        "last_used_at",
    ],
)
