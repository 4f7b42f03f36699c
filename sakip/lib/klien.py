"""The client's address behind trusted reverse proxies.

Behind nginx every connection comes from the proxy, so `REMOTE_ADDR` is the proxy's address for every user: keyed on
it, five wrong passwords from anyone would lock the real user out, and every citizen would share one survey limit.
The proxy therefore passes the address it saw in `X-Forwarded-For` (docs/deploy.md), and this module believes that
header only when the connection comes from a proxy listed in `SAKIP_PROXY_TERPERCAYA` (settings.PROXY_TERPERCAYA):
anyone else could write any address into it.

The header is read from the right (each proxy appends the address it saw): the first address that is not a trusted
proxy is the client. The lockout (django-axes, `AXES_CLIENT_IP_CALLABLE`), the API throttles and the survey's flood
limit all key on `alamat_klien`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Jaringan = ipaddress.IPv4Network | ipaddress.IPv6Network
TANPA_ALAMAT = "0.0.0.0"  # noqa: S104 (a placeholder key, never bound)


def jaringan_terpercaya(daftar: Iterable[str]) -> list[Jaringan]:
    """The trusted proxies as networks; an entry that is no address or network stops the start-up."""
    hasil = []
    for teks in daftar:
        try:
            hasil.append(ipaddress.ip_network(teks.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"SAKIP_PROXY_TERPERCAYA berisi {teks!r}, yang bukan alamat IP atau jaringan (mis. 127.0.0.1 "
                "atau 10.0.0.0/24)."
            ) from None
    return hasil


def _alamat(teks: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    teks = teks.strip()
    if teks.startswith("[") and "]" in teks:  # "[::1]:port"
        teks = teks[1 : teks.index("]")]
    elif teks.count(":") == 1:  # "1.2.3.4:port"
        teks = teks.split(":")[0]
    try:
        alamat = ipaddress.ip_address(teks)
    except ValueError:
        return None
    if isinstance(alamat, ipaddress.IPv6Address) and alamat.ipv4_mapped:
        return alamat.ipv4_mapped
    return alamat


def alamat_klien(request: HttpRequest) -> str:
    """The address of the client that sent `request`, as text (the connection's address when no proxy is trusted)."""
    meta = getattr(request, "META", {})
    terpercaya = jaringan_terpercaya(getattr(settings, "PROXY_TERPERCAYA", []))
    langsung = _alamat(meta.get("REMOTE_ADDR", "") or "")
    if langsung is None:
        return TANPA_ALAMAT
    klien = langsung
    if terpercaya and any(klien in j for j in terpercaya):
        diteruskan = [bagian for bagian in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if bagian.strip()]
        for bagian in reversed(diteruskan):
            alamat = _alamat(bagian)
            if alamat is None:
                break  # written by whoever stood before the last trusted proxy: not to be believed
            klien = alamat
            if not any(alamat in j for j in terpercaya):
                break
    return str(klien)
