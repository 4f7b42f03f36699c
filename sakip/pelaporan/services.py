"""Writes of the report app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sakip.organisasi import access
from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.pelaporan.models import TeksLaporan

BAGIAN = (
    "kata_pengantar",
    "pendahuluan",
    "pengantar_renstra",
    "pengantar_iku",
    "rencana_anggaran",
    "penutup_lhe",
    "analisis_program",
    "perbandingan_kinerja",
    "penutup",
)


class KonflikError(Exception):
    """The texts were saved by someone else after the editor opened them."""


@transaction.atomic
def simpan_teks(
    *, unit_kerja: UnitKerja, tahun: int, by: Pengguna, versi: int | None = None, **teks: str
) -> TeksLaporan:
    """Save the unit's free texts for a year, refusing to overwrite a newer version."""
    if not access.can_edit(by, unit_kerja):
        raise PermissionDenied("Anda tidak dapat mengubah teks laporan unit ini.")
    obj = TeksLaporan.objects.select_for_update().filter(unit_kerja=unit_kerja, tahun=tahun).first()
    if obj is None:
        obj = TeksLaporan(unit_kerja=unit_kerja, tahun=tahun)
    elif versi is not None and versi != obj.versi:
        raise KonflikError(
            "Teks laporan sudah diubah pengguna lain setelah Anda membukanya; muat ulang halaman."
        )
    else:
        obj.versi += 1
    for nama in BAGIAN:
        if nama in teks:
            setattr(obj, nama, teks[nama].strip())
    obj.diubah_oleh = by
    obj._history_user = by  # the audit trail's author
    obj.save()
    return obj
