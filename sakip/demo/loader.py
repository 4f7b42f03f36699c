"""Loads the demo data shipped in sakip/demo/data. Idempotent: running it again updates, never duplicates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from sakip.organisasi import services as organisasi_services
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja

DATA_DIR = Path(__file__).resolve().parent / "data"
# Every demo account shares this password; the README states it. Never load the demo into a real deployment.
DEMO_PASSWORD = "sakip-demo-2024"  # noqa: S105 (demo only, stated in the README)


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _load_units(pemda: Pemda, rows: list[dict[str, Any]], induk: UnitKerja | None) -> None:
    for urutan, row in enumerate(rows, start=1):
        unit = organisasi_services.upsert_unit(
            pemda=pemda,
            kode=row["kode"],
            nama=row["nama"],
            singkatan=row.get("singkatan", ""),
            jenis=row["jenis"],
            eselon=row.get("eselon", ""),
            induk=induk,
            urutan=urutan,
        )
        _load_units(pemda, row.get("anak", []), unit)


def _load_user(row: dict[str, Any]) -> None:
    nama = row.get("nama", "")
    user, created = Pengguna.objects.get_or_create(
        username=row["username"], defaults={"first_name": nama, "jabatan": row.get("jabatan", "")}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
    if row.get("superuser"):
        user.is_superuser = True
        user.is_staff = True
    user.save()
    for peran in row.get("peran", []):
        pemda = Pemda.objects.get(kode=peran["pemda"])
        unit = UnitKerja.objects.get(pemda=pemda, kode=peran["unit"]) if peran.get("unit") else None
        organisasi_services.assign_role(pengguna=user, peran=peran["peran"], pemda=pemda, unit_kerja=unit)


@transaction.atomic
def load_organisasi() -> None:
    data = _read("organisasi.json")
    for row in data["pemda"]:
        pemda = organisasi_services.upsert_pemda(kode=row["kode"], nama=row["nama"], jenis=row["jenis"])
        _load_units(pemda, row.get("unit", []), None)
    for row in data["pengguna"]:
        _load_user(row)


@transaction.atomic
def load_perencanaan() -> None:
    """Renstra, IKU, programs and PK of the seeds: files perencanaan_*.json, in name order."""
    from sakip.perencanaan import paket

    penandatangan = Pengguna.objects.get(username="admin")
    for path in sorted(DATA_DIR.glob("perencanaan_*.json")):
        data = _read(path.name)
        pemda = Pemda.objects.get(kode=data["pemda"])
        for raw in data.get("renstra", []):
            paket.apply_renstra(pemda=pemda, data=paket.renstra_from_dict(raw), by=penandatangan)
        for raw in data.get("pk", []):
            paket.apply_pk(pemda=pemda, data=paket.pk_from_dict(raw), by=penandatangan)


def load_all() -> None:
    """Every demo data set, in dependency order."""
    load_organisasi()
    load_perencanaan()
