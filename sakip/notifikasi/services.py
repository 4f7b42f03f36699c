"""Writes of the notifications app: creating notifications (and their delivery jobs), reading, preferences,
unsubscribing, and the pemda's webhook."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sakip.antrean import pekerjaan
from sakip.notifikasi import alamat
from sakip.notifikasi.models import Notifikasi, Preferensi, Webhook
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna

JENIS_KIRIM = "notifikasi.kirim"
GARAM_BERHENTI = "sakip.notifikasi.berhenti"


@transaction.atomic
def beri_tahu(
    *,
    penerima: Iterable[Pengguna],
    jenis: str,
    judul: str,
    isi: str,
    tautan: str = "",
    pemda: Pemda | None = None,
    kunci: str = "",
) -> list[Notifikasi]:
    """Create one notification per recipient (skipping those who already have `kunci`) and enqueue their delivery
    by e-mail and webhook; the notifications created."""
    dibuat = []
    for pengguna in {p.pk: p for p in penerima if p.is_active}.values():
        if kunci and Notifikasi.objects.filter(penerima=pengguna, kunci=kunci).exists():
            continue
        try:
            with transaction.atomic():
                dibuat.append(
                    Notifikasi.objects.create(
                        penerima=pengguna,
                        pemda=pemda,
                        jenis=jenis,
                        judul=judul[:200],
                        isi=isi,
                        tautan=tautan,
                        kunci=kunci,
                    )
                )
        except IntegrityError:  # the same reminder created meanwhile by another scheduler
            continue
    if dibuat:
        pekerjaan.kirim(JENIS_KIRIM, data={"ids": [n.pk for n in dibuat]}, maks_percobaan=5)
    return dibuat


@transaction.atomic
def mark_read(*, notifikasi: Notifikasi, by: Pengguna) -> Notifikasi:
    """Mark one of the user's own notifications as read."""
    if notifikasi.penerima_id != by.pk:
        raise PermissionDenied("Notifikasi ini bukan milik Anda.")
    Notifikasi.objects.filter(pk=notifikasi.pk, dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())
    notifikasi.refresh_from_db()
    return notifikasi


@transaction.atomic
def mark_all_read(*, by: Pengguna) -> int:
    """Mark all the user's notifications as read; the number changed."""
    return Notifikasi.objects.milik(by).belum_dibaca().update(dibaca_pada=timezone.now())


def preferensi_untuk(pengguna: Pengguna) -> Preferensi:
    """The user's preferences, or the defaults (unsaved): every e-mail on."""
    return Preferensi.objects.filter(pengguna=pengguna).first() or Preferensi(pengguna=pengguna)


@transaction.atomic
def save_preferences(*, pengguna: Pengguna, email_aktif: bool, jenis_tanpa_email: list[str]) -> Preferensi:
    """Save what the user wants by e-mail."""
    pref = preferensi_untuk(pengguna)
    pref.email_aktif = email_aktif
    pref.jenis_tanpa_email = sorted(set(jenis_tanpa_email))
    pref._history_user = pengguna  # type: ignore[attr-defined]
    pref.save()
    return pref


def token_berhenti(pengguna: Pengguna) -> str:
    """A signed token for the unsubscribe link of the user's e-mails (valid until the secret key changes)."""
    return signing.dumps({"u": pengguna.pk}, salt=GARAM_BERHENTI)


def pengguna_dari_token(token: str) -> Pengguna:
    """The user a token was made for; ValidationError for a forged or damaged token."""
    try:
        data = signing.loads(token, salt=GARAM_BERHENTI)
        return Pengguna.objects.get(pk=int(data["u"]), is_active=True)
    except (signing.BadSignature, KeyError, TypeError, ValueError, Pengguna.DoesNotExist):
        raise ValidationError("Tautan berhenti berlangganan tidak sah atau sudah tidak berlaku.") from None


@transaction.atomic
def unsubscribe(*, token: str) -> Pengguna:
    """Turn off every e-mail of the token's user (the in-app notifications stay)."""
    pengguna = pengguna_dari_token(token)
    pref = preferensi_untuk(pengguna)
    pref.email_aktif = False
    pref._history_user = pengguna  # type: ignore[attr-defined]
    pref.save()
    return pengguna


@transaction.atomic
def save_webhook(*, pemda: Pemda, url: str, rahasia: str, aktif: bool, by: Pengguna) -> Webhook:
    """Set the pemda's outgoing webhook (admin pemda); an empty secret keeps the stored one."""
    if not (by.is_superuser or pemda.pk in access.scope_of(by).pemda_tulis):
        raise PermissionDenied("Hanya admin pemda yang dapat mengatur webhook.")
    webhook = Webhook.objects.filter(pemda=pemda).first() or Webhook(pemda=pemda)
    if not url.startswith(("https://", "http://")):
        raise ValidationError({"url": "URL webhook harus diawali https:// atau http://."})
    try:
        alamat.periksa(url, alamat.jaringan(settings.SAKIP_WEBHOOK_JARINGAN_INTERNAL))
    except alamat.AlamatDitolak as e:
        raise ValidationError({"url": str(e)}) from e
    if not rahasia and not webhook.rahasia:
        raise ValidationError({"rahasia": "Isi rahasia untuk menandatangani pesan (minimal 16 karakter)."})
    if rahasia and len(rahasia) < 16:
        raise ValidationError({"rahasia": "Rahasia minimal 16 karakter."})
    webhook.url, webhook.aktif = url, aktif
    if rahasia:
        webhook.rahasia = rahasia
    webhook._history_user = by  # type: ignore[attr-defined]
    webhook.save()
    return webhook
