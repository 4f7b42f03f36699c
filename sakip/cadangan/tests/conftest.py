"""Helpers for the backup tests: an emptied database, archives read back as canonical data."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from sakip.cadangan import arsip

# Created by `migrate` in every database, so a freshly migrated ("empty") database has them too.
DARI_MIGRATE = {"contenttypes.ContentType", "auth.Permission"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def cadangkan(kode: str, tujuan: Path) -> Path:
    call_command("cadangkan", "--pemda", kode, "--keluar", str(tujuan))
    return tujuan


def kosongkan(media: Path) -> None:
    """Every row of every table (auto-created many-to-many tables too) and every file: an empty database."""
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or model._meta.label in DARI_MIGRATE:
                continue
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608 (model tables)
        if connection.vendor == "sqlite":
            # A new SQLite database has no key counters yet (and this table, unlike a PostgreSQL sequence, is
            # rolled back with the test).
            cursor.execute("DELETE FROM sqlite_sequence")
    shutil.rmtree(media, ignore_errors=True)


def jumlah_semua() -> dict[str, int]:
    """Row count of every table: what a refused restore must leave as it was."""
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models(include_auto_created=True)
        if not m._meta.proxy
    }


def isi_media(media: Path) -> dict[str, bytes]:
    if not media.exists():
        return {}
    return {str(p.relative_to(media)): p.read_bytes() for p in sorted(media.rglob("*")) if p.is_file()}


def _kanonik(obj: dict[str, Any]) -> dict[str, Any]:
    """A row with its many-to-many lists in a fixed order."""
    fields = {k: sorted(v, key=json.dumps) if isinstance(v, list) else v for k, v in obj["fields"].items()}
    return {"model": obj["model"], "pk": obj["pk"], "fields": fields}


def baca_arsip(path: Path) -> dict[str, Any]:
    """The archive as data: its manifest, the rows of each section (by pk) and the files' bytes."""
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(arsip.MANIFEST))
        bagian = {}
        for b in manifest["bagian"]:
            baris = [json.loads(line) for line in zf.read(b["arsip"]).decode().splitlines() if line.strip()]
            bagian[b["arsip"]] = sorted((_kanonik(o) for o in baris), key=lambda o: json.dumps(o["pk"]))
        berkas = {item["nama"]: zf.read(item["arsip"]) for item in manifest["berkas"]}
    return {"manifest": manifest, "bagian": bagian, "berkas": berkas}


def ubah_arsip(
    sumber: Path,
    tujuan: Path,
    *,
    manifest: Any = None,
    anggota: dict[str, bytes] | None = None,
    kunci: bytes | None = None,
) -> Path:
    """A copy of an archive with the manifest passed through `manifest(dict)` and some members replaced.

    A changed manifest is signed again with `kunci` (default: this installation's backup key), as the archive of an
    installation that holds the key would be; the checks behind the signature are what these tests are about."""
    anggota = anggota or {}
    with zipfile.ZipFile(sumber) as zin, zipfile.ZipFile(tujuan, "w") as zout:
        isi = {info.filename: anggota.get(info.filename, zin.read(info)) for info in zin.infolist()}
        if manifest is not None:
            m = json.loads(isi[arsip.MANIFEST])
            manifest(m)
            isi[arsip.MANIFEST] = json.dumps(m).encode()
            isi[arsip.TANDA_TANGAN] = arsip.tanda_tangan(isi[arsip.MANIFEST], kunci or arsip.kunci_cadangan())
        for nama, data in isi.items():
            zout.writestr(nama, data)
    return tujuan
