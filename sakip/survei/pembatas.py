"""Flood protection of the public survey form: at most `BATAS_PER_KLIEN` answers per client and survey in a window.

The client is its address as `sakip.lib.klien` finds it (behind a trusted reverse proxy, the address the proxy saw;
X-Forwarded-For from anyone else is ignored). The count lives in the database (`KuotaIsian`) and is taken by
`submit_respons` while it holds the survey's row lock, so answers sent in parallel, to any worker or host, queue
and cannot pass the limit together; an answer refused for any reason (an invalid form, the survey's cap) is rolled
back with its count. The per-survey cap (`Survei.maks_respons`) is the second line: it holds even against many
addresses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from sakip.lib import klien
from sakip.survei.models import KuotaIsian, Survei

BATAS_PER_KLIEN = 5
JENDELA_DETIK = 10 * 60
PESAN = (
    "Terlalu banyak jawaban dari perangkat atau jaringan Anda dalam waktu singkat. Jawaban sebelumnya "
    f"sudah tersimpan; silakan coba lagi setelah {JENDELA_DETIK // 60} menit."
)


def jejak(request: HttpRequest, survei_id: int) -> str:
    """The client's key for one survey: keyed with SECRET_KEY, so the database never holds an address, nor a hash
    that could be reversed by trying every address."""
    pesan = f"{klien.alamat_klien(request)}|{survei_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), pesan, hashlib.sha256).hexdigest()[:32]


def pakai(survei: Survei, kunci: str) -> bool:
    """Count one answer of client `kunci`; False (nothing counted) when it already reached the limit.

    The caller holds the survey's row lock (`services.submit_respons`)."""
    sekarang = timezone.now()
    KuotaIsian.objects.filter(
        survei=survei, mulai_pada__lte=sekarang - dt.timedelta(seconds=JENDELA_DETIK)
    ).delete()
    kuota = KuotaIsian.objects.filter(survei=survei, jejak=kunci).first()
    if kuota is None:
        KuotaIsian.objects.create(survei=survei, jejak=kunci, jumlah=1, mulai_pada=sekarang)
        return True
    if kuota.jumlah >= BATAS_PER_KLIEN:
        return False
    KuotaIsian.objects.filter(pk=kuota.pk).update(jumlah=F("jumlah") + 1)
    return True
