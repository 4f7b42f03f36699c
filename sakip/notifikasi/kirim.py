"""Delivery of notifications, as a queue job (`notifikasi.kirim`): an e-mail to each recipient who wants it and a
signed POST to the pemda's webhook. Each notification records when it went out, so a retried job (an SMTP server
that did not answer) sends only what is still missing."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from sakip.antrean import pekerjaan
from sakip.notifikasi import alamat, services
from sakip.notifikasi.models import Notifikasi, Webhook

logger = logging.getLogger(__name__)

BATAS_WAKTU_WEBHOOK = 10  # seconds


def url_penuh(jalur: str) -> str:
    return f"{settings.SAKIP_URL_DASAR}{jalur}" if jalur.startswith("/") else jalur


def isi_email(n: Notifikasi) -> tuple[str, str, str]:
    """Subject, body and unsubscribe URL of a notification's e-mail."""
    berhenti = url_penuh(reverse("notifikasi:berhenti", args=[services.token_berhenti(n.penerima)]))
    baris = [f"Yth. {n.penerima.get_full_name() or n.penerima.username},", "", n.isi, ""]
    if n.tautan:
        baris += ["Buka langsung di SAKIP:", url_penuh(n.tautan), ""]
    baris += [
        "—",
        "Pesan ini dikirim otomatis oleh SAKIP. Atur notifikasi Anda di "
        f"{url_penuh(reverse('notifikasi:preferensi'))}",
        f"Berhenti menerima e-mail SAKIP: {berhenti}",
    ]
    return f"[SAKIP] {n.judul}", "\n".join(baris), berhenti


def muatan_webhook(n: Notifikasi) -> bytes:
    data = {
        "id": n.pk,
        "jenis": n.jenis,
        "judul": n.judul,
        "isi": n.isi,
        "tautan": url_penuh(n.tautan) if n.tautan else "",
        "penerima": {
            "username": n.penerima.username,
            "nama": n.penerima.get_full_name(),
            "email": n.penerima.email,
        },
        "pemda": n.pemda.kode if n.pemda else None,
        "dibuat_pada": n.dibuat_pada.isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode()


def tanda_tangan(rahasia: str, muatan: bytes) -> str:
    """The value of the `X-SAKIP-Signature` header: HMAC-SHA256 of the exact body, hex."""
    return "sha256=" + hmac.new(rahasia.encode(), muatan, hashlib.sha256).hexdigest()


def kirim_webhook(webhook: Webhook, muatan: bytes) -> None:
    """POST the signed message; the address is checked again here (see `alamat`)."""
    status = alamat.kirim(
        webhook.url,
        muatan,
        {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "SAKIP-webhook/1",
            "X-SAKIP-Signature": tanda_tangan(webhook.rahasia, muatan),
        },
        diizinkan=alamat.jaringan(settings.SAKIP_WEBHOOK_JARINGAN_INTERNAL),
        batas_waktu=BATAS_WAKTU_WEBHOOK,
    )
    if not 200 <= status < 300:
        raise ConnectionError(f"Webhook menjawab {status}")


def kirim(konteks: pekerjaan.Konteks, ids: list[int]) -> dict[str, Any]:
    """The job: deliver the notifications `ids` that have not gone out yet."""
    daftar = list(Notifikasi.objects.filter(pk__in=ids).select_related("penerima", "pemda").order_by("pk"))
    email = webhook = 0
    koneksi = None
    try:
        for n in daftar:
            if n.email_pada is None:
                if n.penerima.email and services.preferensi_untuk(n.penerima).mau_email(n.jenis):
                    koneksi = koneksi or get_connection()
                    subjek, isi, berhenti = isi_email(n)
                    EmailMessage(
                        subjek,
                        isi,
                        to=[n.penerima.email],
                        connection=koneksi,
                        headers={"List-Unsubscribe": f"<{berhenti}>", "Auto-Submitted": "auto-generated"},
                    ).send()
                    email += 1
                Notifikasi.objects.filter(pk=n.pk).update(email_pada=timezone.now())
            if n.webhook_pada is None and n.pemda_id is not None:
                hook = Webhook.objects.filter(pemda_id=n.pemda_id, aktif=True).first()
                if hook is not None:
                    try:
                        kirim_webhook(hook, muatan_webhook(n))
                        webhook += 1
                    except alamat.AlamatDitolak as e:  # permanent: retrying would not help
                        logger.warning("Webhook pemda %s tidak dikirim: %s", n.pemda_id, e)
                Notifikasi.objects.filter(pk=n.pk).update(webhook_pada=timezone.now())
    finally:
        if koneksi is not None:
            koneksi.close()
    return {"email": email, "webhook": webhook}
