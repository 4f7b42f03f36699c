"""Writes of the report app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

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
    """Save the unit's free texts for a year, refusing to overwrite any other version than the one the editor saw
    (`versi`; 0 or None: no texts yet), the first save included."""
    if not access.can_edit(by, unit_kerja):
        raise PermissionDenied("Anda tidak dapat mengubah teks laporan unit ini.")
    obj = TeksLaporan.objects.select_for_update().filter(unit_kerja=unit_kerja, tahun=tahun).first()
    if (versi or 0) != (obj.versi if obj else 0):
        raise KonflikError(
            "Teks laporan sudah diubah pengguna lain (atau disimpan pertama kali) setelah Anda membukanya; perubahan Anda tidak "
            "disimpan. Muat ulang halaman lalu periksa kembali."
        )
    if obj is None:
        obj = TeksLaporan(unit_kerja=unit_kerja, tahun=tahun)
    else:
        obj.versi += 1
    for nama in BAGIAN:
        if nama in teks:
            setattr(obj, nama, teks[nama].strip())
    obj.diubah_oleh = by
    obj._history_user = by  # the audit trail's author
    try:
        # Two first saves at the same moment both find no row; the unique constraint decides, the loser is told.
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise KonflikError(
            "Teks laporan baru saja disimpan pengguna lain; perubahan Anda tidak disimpan. Muat ulang halaman."
        ) from None
    return obj
