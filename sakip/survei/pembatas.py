"""Flood protection of the public survey form: a per-client limit kept in Django's cache.

The client is the connection's REMOTE_ADDR (X-Forwarded-For is not trusted: any client can write it). Behind a
reverse proxy the deployment must pass the real client address as REMOTE_ADDR, or every respondent shares one
limit. The per-survey cap (`Survei.maks_respons`) is the second line: it holds even against many addresses.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

BATAS_PER_KLIEN = 5
JENDELA_DETIK = 10 * 60


def _kunci(request: HttpRequest, survei_id: int) -> str:
    alamat = request.META.get("REMOTE_ADDR", "") or "tanpa-alamat"
    # Hashed so that the cache never holds a respondent's address in clear text.
    jejak = hashlib.sha256(f"{alamat}|{survei_id}".encode()).hexdigest()[:32]
    return f"survei:isian:{jejak}"


def melebihi_batas(request: HttpRequest, survei_id: int) -> bool:
    """Whether this client already stored the maximum number of responses in the current window."""
    return int(cache.get(_kunci(request, survei_id)) or 0) >= BATAS_PER_KLIEN


def catat(request: HttpRequest, survei_id: int) -> None:
    """Count one stored response of this client (the window starts at its first response)."""
    kunci = _kunci(request, survei_id)
    if cache.add(kunci, 1, JENDELA_DETIK):
        return
    try:
        cache.incr(kunci)
    except ValueError:  # expired between add() and incr()
        cache.set(kunci, 1, JENDELA_DETIK)
