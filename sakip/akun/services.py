"""Writes of two-factor login: enrolment, recovery codes, code checks with their throttle, reset and policy."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sakip.akun.models import KebijakanDuaFaktor, KodePemulihan, KunciKode
from sakip.organisasi.models import Pemda, Pengguna, Penugasan

JUMLAH_KODE_PEMULIHAN = 10
# 31 characters without look-alikes (no I, L, O, 0, 1); 16 of them are 79 random bits.
_ABJAD = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_PANJANG_KODE = 16

# Five wrong codes in a row lock a user's codes for 30 minutes; every further wrong code doubles the wait (60, 120 …
# minutes), so guessing a 6-digit code is out of reach: a few dozen tries a year at most.
BATAS_GAGAL = 5
JEDA_KUNCI = timedelta(minutes=30)


class KodeTerkunci(Exception):
    """Too many wrong codes: the user's codes are refused until `sampai`."""

    def __init__(self, sampai: datetime) -> None:
        super().__init__(f"Kode verifikasi dikunci sampai {sampai:%H:%M}.")
        self.sampai = sampai


@dataclass(frozen=True)
class HasilKode:
    cocok: bool
    jenis: str = ""  # "totp" or "pemulihan"
    sisa_pemulihan: int = 0


# --- reads ------------------------------------------------------------------------------------------------------------


def kebijakan(pemda: Pemda) -> KebijakanDuaFaktor:
    """The pemda's policy; an unsaved one with the defaults (admin pemda and evaluator) when it has none yet."""
    return KebijakanDuaFaktor.objects.filter(pemda=pemda).first() or KebijakanDuaFaktor(pemda=pemda)


def wajib_dua_faktor(pengguna: Pengguna) -> bool:
    """Whether any of the user's roles must log in with a second factor under its pemda's policy."""
    peran = list(Penugasan.objects.filter(pengguna_id=pengguna.pk).values_list("peran", "pemda_id"))
    if not peran:
        return False
    tersimpan = {k.pemda_id: k for k in KebijakanDuaFaktor.objects.filter(pemda_id__in={p for _, p in peran})}
    return any((tersimpan.get(pemda_id) or KebijakanDuaFaktor()).mewajibkan(nama) for nama, pemda_id in peran)


def perangkat(pengguna: Pengguna) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user_id=pengguna.pk, confirmed=True).order_by("-pk").first()


def punya_dua_faktor(pengguna: Pengguna) -> bool:
    return TOTPDevice.objects.filter(user_id=pengguna.pk, confirmed=True).exists()


def pendaftaran_tertunda(pengguna: Pengguna) -> TOTPDevice | None:
    """The authenticator being enrolled (created, not yet confirmed with a first code)."""
    return TOTPDevice.objects.filter(user_id=pengguna.pk, confirmed=False).order_by("-pk").first()


def rahasia_teks(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four, for typing into an authenticator app by hand."""
    teks = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(teks[i : i + 4] for i in range(0, len(teks), 4))


def sisa_kode_pemulihan(pengguna: Pengguna) -> int:
    return KodePemulihan.objects.filter(pengguna_id=pengguna.pk).count()


def terkunci_sampai(pengguna: Pengguna) -> datetime | None:
    sampai = (
        KunciKode.objects.filter(pengguna_id=pengguna.pk).values_list("terkunci_sampai", flat=True).first()
    )
    return sampai if sampai and sampai > timezone.now() else None


# --- helpers ------------------------------------------------------------------------------------------------------------


def _normal(kode: str) -> str:
    return "".join(kode.split()).replace("-", "").upper()


def _hash(kode: str) -> str:
    return hashlib.sha256(_normal(kode).encode()).hexdigest()


def _oleh(instance: Any, by: Pengguna | None) -> Any:
    """Name the acting user in the audit trail (also outside a request)."""
    if by is not None:
        instance._history_user = by
    return instance


def _hapus(queryset: Any, by: Pengguna | None) -> int:
    """Delete row by row so that each deletion is recorded in the audit trail with its actor."""
    jumlah = 0
    for obj in queryset:
        _oleh(obj, by).delete()
        jumlah += 1
    return jumlah


def _buat_kode(pengguna: Pengguna, by: Pengguna | None) -> list[str]:
    _hapus(KodePemulihan.objects.filter(pengguna_id=pengguna.pk), by)
    kode = []
    for _ in range(JUMLAH_KODE_PEMULIHAN):
        teks = "".join(secrets.choice(_ABJAD) for _ in range(_PANJANG_KODE))
        kode.append("-".join(teks[i : i + 4] for i in range(0, _PANJANG_KODE, 4)))
        _oleh(KodePemulihan(pengguna=pengguna, hash=_hash(teks)), by).save()
    return kode


def _cocok_totp(device: TOTPDevice, kode: str) -> bool:
    # The replay counter and drift a verification saves are not audit events.
    device.skip_history_when_saving = True
    try:
        return bool(device.verify_token(kode))
    finally:
        del device.skip_history_when_saving


def _cocokkan(pengguna: Pengguna, kode: str) -> str:
    teks = _normal(kode)
    if teks.isdigit() and len(teks) == 6:
        device = perangkat(pengguna)
        return "totp" if device is not None and _cocok_totp(device, teks) else ""
    if len(teks) == _PANJANG_KODE:
        baris = KodePemulihan.objects.filter(pengguna_id=pengguna.pk, hash=_hash(teks)).first()
        if baris is not None:
            _oleh(baris, pengguna).delete()  # one-time: a used code is gone
            return "pemulihan"
    return ""


# --- writes -------------------------------------------------------------------------------------------------------------


@transaction.atomic
def periksa_kode(*, pengguna: Pengguna, kode: str) -> HasilKode:
    """Check a code from the user's authenticator or one of their recovery codes (used up by this), counting failures
    per user: raises KodeTerkunci while the user's codes are locked."""
    kunci, _ = KunciKode.objects.select_for_update().get_or_create(pengguna=pengguna)
    sekarang = timezone.now()
    if kunci.terkunci_sampai and sekarang < kunci.terkunci_sampai:
        raise KodeTerkunci(kunci.terkunci_sampai)
    jenis = _cocokkan(pengguna, kode) if kode else ""
    if jenis:
        kunci.gagal, kunci.terkunci_sampai = 0, None
    else:
        kunci.gagal += 1
        if kunci.gagal >= BATAS_GAGAL:
            kunci.terkunci_sampai = sekarang + JEDA_KUNCI * 2 ** min(kunci.gagal - BATAS_GAGAL, 10)
    kunci.save()
    return HasilKode(cocok=bool(jenis), jenis=jenis, sisa_pemulihan=sisa_kode_pemulihan(pengguna))


@transaction.atomic
def akhiri_sesi(pengguna: Pengguna, *, kecuali: str | None = None) -> int:
    """End the user's open sessions (every browser they are logged in on) except the session `kecuali`; returns how
    many ended. Sessions are stored in the database; only unexpired ones are read (a rare action: enrolment, reset)."""
    hapus = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.session_key != kecuali and str(s.get_decoded().get("_auth_user_id")) == str(pengguna.pk)
    ]
    Session.objects.filter(session_key__in=hapus).delete()
    return len(hapus)


def mulai_pendaftaran(*, pengguna: Pengguna) -> TOTPDevice:
    """A new authenticator secret for the user, active only once confirmed with a first code (an earlier unconfirmed
    one is dropped; a confirmed one stays in use until the new one is confirmed)."""
    _hapus(TOTPDevice.objects.filter(user_id=pengguna.pk, confirmed=False), pengguna)
    device = _oleh(TOTPDevice(user=pengguna, name="Aplikasi autentikator", confirmed=False), pengguna)
    device.save()
    return device


@transaction.atomic
def konfirmasi_pendaftaran(*, pengguna: Pengguna, kode: str, sesi_ini: str | None = None) -> list[str]:
    """Activate the authenticator being enrolled with its first code; replaces the previous one and returns ten new
    recovery codes (shown once: only their hashes are kept). The user's other sessions end (`sesi_ini` stays): a
    browser logged in before the second factor existed, perhaps by whoever knew the password, must log in again
    with it."""
    device = pendaftaran_tertunda(pengguna)
    if device is None:
        raise ValidationError("Belum ada pendaftaran autentikator. Mulai pendaftaran terlebih dahulu.")
    teks = _normal(kode or "")
    if not (teks.isdigit() and len(teks) == 6) or not _cocok_totp(device, teks):
        raise ValidationError(
            "Kode tidak cocok. Masukkan 6 angka yang sedang tampil di aplikasi autentikator "
            "(periksa juga jam ponsel Anda)."
        )
    _hapus(TOTPDevice.objects.filter(user_id=pengguna.pk, confirmed=True), pengguna)
    device.confirmed = True
    _oleh(device, pengguna).save()
    KunciKode.objects.filter(pengguna_id=pengguna.pk).update(gagal=0, terkunci_sampai=None)
    akhiri_sesi(pengguna, kecuali=sesi_ini)
    return _buat_kode(pengguna, pengguna)


def _konfirmasi(pengguna: Pengguna, konfirmasi: str) -> None:
    """The user proves it is them again: their password, or a current code (a wrong answer counts as a wrong code)."""
    sampai = terkunci_sampai(pengguna)
    if sampai is not None:
        raise KodeTerkunci(sampai)
    if konfirmasi and pengguna.check_password(konfirmasi):
        return
    if not periksa_kode(pengguna=pengguna, kode=konfirmasi or "").cocok:
        raise ValidationError("Kata sandi atau kode verifikasi salah.")


# The two writes below confirm first, outside their transaction: a wrong password or code must stay counted (committed
# by periksa_kode) even though the write is refused.


def buat_ulang_kode_pemulihan(*, pengguna: Pengguna, konfirmasi: str) -> list[str]:
    """Ten new recovery codes replacing all earlier ones (which stop working)."""
    if not punya_dua_faktor(pengguna):
        raise ValidationError("Aktifkan verifikasi dua langkah terlebih dahulu.")
    _konfirmasi(pengguna, konfirmasi)
    with transaction.atomic():
        return _buat_kode(pengguna, pengguna)


def nonaktifkan(*, pengguna: Pengguna, konfirmasi: str) -> None:
    """The user turns their second factor off (refused while one of their roles requires it)."""
    if not punya_dua_faktor(pengguna):
        raise ValidationError("Verifikasi dua langkah belum aktif.")
    if wajib_dua_faktor(pengguna):
        raise ValidationError(
            "Peran Anda mewajibkan verifikasi dua langkah, sehingga tidak dapat dinonaktifkan. "
            "Untuk berganti ponsel, daftarkan autentikator baru."
        )
    _konfirmasi(pengguna, konfirmasi)
    with transaction.atomic():
        _hapus(TOTPDevice.objects.filter(user_id=pengguna.pk), pengguna)
        _hapus(KodePemulihan.objects.filter(pengguna_id=pengguna.pk), pengguna)


@transaction.atomic
def atur_ulang(*, pengguna: Pengguna, by: Pengguna) -> None:
    """An admin removes a user's authenticator and recovery codes (a lost phone); the user enrols again, and must at
    their next login when a role requires it; their open sessions end (whoever holds the lost phone and a logged-in
    browser is out). Access is checked by the caller (access.py)."""
    akhiri_sesi(pengguna)
    _hapus(TOTPDevice.objects.filter(user_id=pengguna.pk), by)
    _hapus(KodePemulihan.objects.filter(pengguna_id=pengguna.pk), by)
    KunciKode.objects.filter(pengguna_id=pengguna.pk).update(gagal=0, terkunci_sampai=None)


@transaction.atomic
def simpan_kebijakan(*, pemda: Pemda, peran_wajib: set[str], by: Pengguna | None) -> KebijakanDuaFaktor:
    """Set which roles of the pemda must log in with a second factor."""
    dikenal = {p.value for p in Penugasan.Peran}
    asing = set(peran_wajib) - dikenal
    if asing:
        raise ValidationError(f"Peran tidak dikenal: {', '.join(sorted(asing))}.")
    obj = KebijakanDuaFaktor.objects.select_for_update().filter(pemda=pemda).first() or KebijakanDuaFaktor(
        pemda=pemda
    )
    for peran in dikenal:
        setattr(obj, f"wajib_{peran}", peran in peran_wajib)
    _oleh(obj, by).save()
    return obj
