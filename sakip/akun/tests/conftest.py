"""Helpers for the two-factor tests: enrol a user as the pages would, and read a current code from the device's key
(as an authenticator app computes it)."""

from __future__ import annotations

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.akun import services


def kode_totp(pengguna) -> str:
    """The code an authenticator shows for the user's device, for the next time step the device has not used yet
    (a code is accepted once: the device keeps the last step it accepted)."""
    device = TOTPDevice.objects.filter(user=pengguna).order_by("-pk").first()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    langkah = max(totp.t(), device.last_t + 1)
    totp.time = device.t0 + (langkah - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def daftarkan(pengguna) -> list[str]:
    """Enrol and confirm an authenticator for the user; returns the ten recovery codes."""
    services.mulai_pendaftaran(pengguna=pengguna)
    return services.konfirmasi_pendaftaran(pengguna=pengguna, kode=kode_totp(pengguna))


@pytest.fixture
def axes_bersih(db):
    """django-axes keeps failures in the database; each test starts without any."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
