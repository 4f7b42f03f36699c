"""The archive format shared by backup and restore.

One zip file:

    manifest.json                    format version, pemda, migration state, sections in restore order with their
                                     row counts and SHA-256, every evidence file with its SHA-256
    tanda_tangan.json                HMAC-SHA256 of manifest.json's bytes with the installation's backup key
                                     (SAKIP_BACKUP_KEY): the manifest names every member's SHA-256, so the signature
                                     covers the whole archive, and an archive edited consistently (hashes recomputed)
                                     without the key is refused
    data/<app.Model>.jsonl           the pemda's rows of one model (Django's JSON Lines serializer, primary keys kept)
    bersama/<app.Model>.jsonl        shared rows its rows refer to (users, national evaluation schemes)
    berkas/<storage name>            the files the rows refer to, under the name they have in storage
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.migrations.loader import MigrationLoader

FORMAT = "sakip-cadangan"
VERSI_FORMAT = 2  # 2: signed (tanda_tangan.json)
MANIFEST = "manifest.json"
TANDA_TANGAN = "tanda_tangan.json"
ALGORITMA = "HMAC-SHA256"
PANJANG_KUNCI_MIN = 32
DATA = "data/"
BERSAMA = "bersama/"
BERKAS = "berkas/"
BLOK = 1 << 20


class EncoderPresisi(DjangoJSONEncoder):
    """Django's encoder keeps only milliseconds of a time; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            teks = o.isoformat()
            return teks[:-6] + "Z" if teks.endswith("+00:00") else teks
        return super().default(o)


class ArsipError(Exception):
    """A backup or restore refused, with a message for the operator (in Indonesian)."""


def kunci_cadangan() -> bytes:
    """The installation's backup key (settings.SAKIP_BACKUP_KEY); ArsipError when it is missing or too short."""
    kunci = getattr(settings, "SAKIP_BACKUP_KEY", "") or ""
    if len(kunci) < PANJANG_KUNCI_MIN:
        raise ArsipError(
            f"Kunci cadangan SAKIP_BACKUP_KEY belum diisi atau kurang dari {PANJANG_KUNCI_MIN} karakter. Arsip "
            "cadangan ditandatangani dengan kunci ini dan hanya dapat dipulihkan dengan kunci yang sama; isi "
            "dengan nilai acak yang panjang (mis. `python -c 'import secrets; print(secrets.token_hex(32))'`) dan "
            "simpan di tempat aman, terpisah dari arsipnya."
        )
    return kunci.encode()


def tanda_tangan(manifest: bytes, kunci: bytes) -> bytes:
    """The signature member of an archive whose manifest has these bytes."""
    isi = {"algoritma": ALGORITMA, "hmac": hmac.new(kunci, manifest, hashlib.sha256).hexdigest()}
    return json.dumps(isi).encode()


def periksa_tanda_tangan(manifest: bytes, tanda: bytes | None, kunci: bytes) -> str | None:
    """Why the archive's signature is not valid for this manifest and key (None: it is)."""
    if tanda is None:
        return (
            f"arsip tidak bertanda tangan ({TANDA_TANGAN} tidak ada). Hanya arsip yang dibuat `cadangkan` dengan "
            "kunci cadangan (SAKIP_BACKUP_KEY) yang sama yang dapat dipulihkan"
        )
    try:
        isi = json.loads(tanda)
        algoritma, nilai = isi["algoritma"], isi["hmac"]
    except (ValueError, TypeError, KeyError):
        return f"{TANDA_TANGAN} tidak dapat dibaca"
    if algoritma != ALGORITMA or not isinstance(nilai, str):
        return f"algoritma tanda tangan {algoritma!r} tidak didukung (yang didukung: {ALGORITMA})"
    if not hmac.compare_digest(nilai, hmac.new(kunci, manifest, hashlib.sha256).hexdigest()):
        return (
            "tanda tangan arsip tidak cocok: arsip telah diubah setelah dibuat, atau dibuat dengan kunci cadangan "
            "(SAKIP_BACKUP_KEY) lain"
        )
    return None


class PenulisHash(io.RawIOBase):
    """Passes bytes through to a binary stream and keeps their SHA-256."""

    def __init__(self, tujuan: IO[bytes]) -> None:
        self.tujuan = tujuan
        self.hash = hashlib.sha256()
        self.ukuran = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        b = bytes(data)
        self.hash.update(b)
        self.tujuan.write(b)
        self.ukuran += len(b)
        return len(b)


def sha256_aliran(sumber: IO[bytes]) -> tuple[str, int]:
    """SHA-256 and size of a stream read to its end in blocks."""
    h = hashlib.sha256()
    ukuran = 0
    while blok := sumber.read(BLOK):
        h.update(blok)
        ukuran += len(blok)
    return h.hexdigest(), ukuran


def salin(sumber: IO[bytes], tujuan: IO[bytes]) -> None:
    while blok := sumber.read(BLOK):
        tujuan.write(blok)


def nama_aman(nama: str) -> bool:
    """A relative storage name without any way out of its directory."""
    if not nama or "\\" in nama or "\x00" in nama or nama.startswith("/"):
        return False
    bagian = PurePosixPath(nama).parts
    return bool(bagian) and all(p not in ("", ".", "..") for p in bagian)


def potong(nilai: list[Any], ukuran: int = 500) -> Iterator[list[Any]]:
    """Slices small enough for one `IN (...)` on every database."""
    for i in range(0, len(nilai), ukuran):
        yield nilai[i : i + ukuran]


def keadaan_migrasi() -> dict[str, list[str]]:
    """The latest applied migration(s) per app: the applied ones no other applied migration of the app builds on."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    terapan: dict[str, set[str]] = defaultdict(set)
    for app, nama in loader.applied_migrations:
        if (app, nama) in loader.graph.nodes:
            terapan[app].add(nama)
    hasil = {}
    for app, nama_set in terapan.items():
        dibangun = {
            induk.key[1]
            for nama in nama_set
            for induk in loader.graph.node_map[(app, nama)].parents
            if induk.key[0] == app
        }
        hasil[app] = sorted(nama_set - dibangun)
    return dict(sorted(hasil.items()))


def migrasi_kurang(arsip: dict[str, list[str]]) -> list[str]:
    """The archive's migrations this database has not applied (so its schema is older than the archive's)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return [
        f"{app}.{nama}"
        for app, daftar in sorted(arsip.items())
        for nama in daftar
        if (app, nama) not in loader.applied_migrations
    ]
