"""Where a pemda's webhook may point: a public address, or a network the operator of this installation allowed
(`SAKIP_WEBHOOK_JARINGAN_INTERNAL`, e.g. the pemda's own WhatsApp gateway at 10.20.0.5).

An admin pemda types the URL, the worker POSTs to it from inside the server's network: without this check the webhook
would reach loopback services, the cloud metadata address (169.254.169.254) or another office's intranet. The check
runs when the URL is saved (a message at the field) and again when the worker sends, on the addresses the name
resolves to at that moment, and the connection is made to the address that was checked (a name that resolves to a
public address when saved and to 127.0.0.1 when sent is refused)."""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
from collections.abc import Iterable
from urllib.parse import urlsplit

Alamat = ipaddress.IPv4Address | ipaddress.IPv6Address
Jaringan = ipaddress.IPv4Network | ipaddress.IPv6Network


class AlamatDitolak(ValueError):
    """The URL points where a webhook may not go; the message is for the admin pemda."""


class TidakDitemukan(OSError):
    """The host name does not resolve (now): a send is retried, a save is allowed (the worker's network may know
    names the web server's does not)."""


def jaringan(daftar: Iterable[str]) -> list[Jaringan]:
    return [ipaddress.ip_network(n.strip(), strict=False) for n in daftar if n.strip()]


def boleh(ip: Alamat, diizinkan: Iterable[Jaringan]) -> bool:
    """A global (public) address, or one inside a network the installation allowed."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == n.version and ip in n for n in diizinkan):
        return True
    return ip.is_global and not ip.is_multicast


def urai(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and path (with query) of an http(s) URL, or AlamatDitolak."""
    bagian = urlsplit(url)
    if bagian.scheme not in ("http", "https") or not bagian.hostname:
        raise AlamatDitolak("URL webhook harus diawali https:// atau http:// dan memuat nama host.")
    if bagian.username or bagian.password:
        raise AlamatDitolak(
            "URL webhook tidak boleh memuat nama pengguna atau kata sandi; pakai rahasia tanda tangan."
        )
    try:
        port = bagian.port or (443 if bagian.scheme == "https" else 80)
    except ValueError as e:
        raise AlamatDitolak("Nomor port pada URL webhook tidak sah.") from e
    jalur = bagian.path or "/"
    if bagian.query:
        jalur = f"{jalur}?{bagian.query}"
    return bagian.scheme, bagian.hostname, port, jalur


def alamat_tujuan(host: str, port: int, diizinkan: Iterable[Jaringan]) -> Alamat:
    """The address to connect to: every address the host resolves to must be allowed (a name with one internal
    address among public ones is refused), the first one is used."""
    try:
        hasil = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise TidakDitemukan(f"Nama host webhook “{host}” tidak dapat ditemukan.") from e
    daftar = [ipaddress.ip_address(str(h[4][0]).split("%", 1)[0]) for h in hasil]
    diizinkan = list(diizinkan)
    for ip in daftar:
        if not boleh(ip, diizinkan):
            raise AlamatDitolak(
                f"Webhook tidak boleh menuju alamat internal ({ip}). Pakai alamat publik gateway Anda, atau minta "
                "pengelola server menambahkan jaringannya ke SAKIP_WEBHOOK_JARINGAN_INTERNAL."
            )
    return daftar[0]


def periksa(url: str, diizinkan: Iterable[Jaringan]) -> None:
    """Raise AlamatDitolak when the URL may not be used as a webhook (a name that does not resolve now passes:
    the check is made again on every send)."""
    _, host, port, _ = urai(url)
    with contextlib.suppress(TidakDitemukan):
        alamat_tujuan(host, port, diizinkan)


def kirim(
    url: str, isi: bytes, kepala: dict[str, str], *, diizinkan: Iterable[Jaringan], batas_waktu: float
) -> int:
    """POST `isi` to `url` over a connection made to the checked address (TLS still verifies the host name).
    Redirects are not followed. Returns the HTTP status."""
    skema, host, port, jalur = urai(url)
    ip = alamat_tujuan(host, port, diizinkan)
    sock = socket.create_connection((str(ip), port), timeout=batas_waktu)
    try:
        koneksi: http.client.HTTPConnection
        if skema == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            koneksi = http.client.HTTPSConnection(host, port, timeout=batas_waktu)
        else:
            koneksi = http.client.HTTPConnection(host, port, timeout=batas_waktu)
        koneksi.sock = sock  # already connected to the checked address: connect() is not called again
        koneksi.request("POST", jalur, body=isi, headers=kepala)
        jawaban = koneksi.getresponse()
        jawaban.read()
        return jawaban.status
    finally:
        sock.close()
