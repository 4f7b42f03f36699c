"""The change history of one profile (who, when, which cell, old and new value), read from
django-simple-history with one query per table, whatever the number of changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sakip.profil.models import (
    BarisNonPNS,
    BarisPegawai,
    Fungsi,
    IsuStrategis,
    LandasanHukum,
    PerbandinganStandar,
    ProfilOrganisasi,
    SaranaPrasarana,
)

BATAS = 300
_ABAIKAN = {
    "id",
    "profil",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}
_JENIS = {"+": "Ditambahkan", "~": "Diubah", "-": "Dihapus"}


@dataclass(frozen=True)
class Perubahan:
    waktu: datetime
    pengguna: Any
    jenis: str
    bagian: str
    baris: str
    rincian: list[tuple[str, Any, Any]]  # (field, old, new)


def _bidang(model: type[Any]) -> list[tuple[str, str]]:
    return [
        (f.attname, str(f.verbose_name))
        for f in model._meta.concrete_fields
        if f.name not in _ABAIKAN and f.attname not in _ABAIKAN
    ]


def untuk_profil(profil: ProfilOrganisasi) -> list[Perubahan]:
    """The latest changes of the profile and its rows, newest first."""
    hasil: list[Perubahan] = []
    sumber: list[tuple[type[Any], dict[str, Any]]] = [
        (ProfilOrganisasi, {"id": profil.pk}),
        *(
            (m, {"profil_id": profil.pk})
            for m in (LandasanHukum, Fungsi, IsuStrategis, PerbandinganStandar, BarisPegawai, BarisNonPNS)
        ),
        (SaranaPrasarana, {"profil_id": profil.pk}),
    ]
    for model, saring in sumber:
        bidang = _bidang(model)
        catatan = (
            model.history.filter(**saring)  # type: ignore[attr-defined]
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        sebelumnya: dict[int, Any] = {}
        for c in catatan:
            lama = sebelumnya.get(c.id)
            rincian = [
                (label, getattr(lama, nama) if lama else None, getattr(c, nama))
                for nama, label in bidang
                if c.history_type != "-" and (lama is None or getattr(lama, nama) != getattr(c, nama))
            ]
            sebelumnya[c.id] = c
            if c.history_type == "~" and not rincian:
                continue
            hasil.append(
                Perubahan(
                    waktu=c.history_date,
                    pengguna=c.history_user,
                    jenis=_JENIS[c.history_type],
                    bagian=str(model._meta.verbose_name).capitalize(),
                    baris="" if model is ProfilOrganisasi else f"Baris {c.urutan}",
                    rincian=rincian,
                )
            )
    hasil.sort(key=lambda p: p.waktu, reverse=True)
    return hasil[:BATAS]
