"""Writes of the report app."""

from __future__ import annotations

import io
import warnings
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from PIL import Image

from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.pelaporan import akses
from sakip.pelaporan.models import (
    PengaturanLaporan,
    PenyusunLaporan,
    PenyusunLaporanPemda,
    TeksLaporan,
    TeksLaporanPemda,
)

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
# The signature block under the kata pengantar: plain one-line fields.
TANDA_TANGAN = (
    "tempat_tanda_tangan",
    "tanggal_tanda_tangan",
    "jabatan_penandatangan",
    "nama_penandatangan",
    "pangkat_penandatangan",
    "nip_penandatangan",
)


class KonflikError(Exception):
    """The texts were saved by someone else after the editor opened them."""


@transaction.atomic
def simpan_teks(
    *, unit_kerja: UnitKerja, tahun: int, by: Pengguna, versi: int | None = None, **teks: str
) -> TeksLaporan:
    """Save the unit's free texts for a year, refusing to overwrite any other version than the one the editor saw
    (`versi`; 0 or None: no texts yet), the first save included."""
    if not akses.boleh_menyusun(by, unit_kerja):
        raise PermissionDenied("Anda tidak dapat mengubah teks laporan unit ini.")
    return _simpan_berversi(
        TeksLaporan, {"unit_kerja": unit_kerja, "tahun": tahun}, (*BAGIAN, *TANDA_TANGAN), by, versi, teks
    )


def _simpan_berversi(
    model: type[Any],
    kunci: dict[str, Any],
    kolom: tuple[str, ...],
    by: Pengguna,
    versi: int | None,
    teks: dict,
) -> Any:
    """The texts' row for `kunci` saved with the given columns of `teks`, refusing a stale editor: `versi` must be
    the version the editor saw (0 or None: no row yet), the first save included. Audited with the user."""
    obj = model.objects.select_for_update().filter(**kunci).first()
    if (versi or 0) != (obj.versi if obj else 0):
        raise KonflikError(
            "Teks laporan sudah diubah pengguna lain (atau disimpan pertama kali) setelah Anda membukanya; "
            "perubahan Anda tidak disimpan. Muat ulang halaman lalu periksa kembali."
        )
    if obj is None:
        obj = model(**kunci)
    else:
        obj.versi += 1
    for nama in kolom:
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


# --- the pemda's report settings: logo and compilers ---------------------------------------------------------------

LOGO_MAKS_BYTE = 2 * 1024 * 1024
LOGO_MAKS_PIKSEL = 4000  # per side, before it is scaled down
LOGO_SISI = 600  # the stored PNG's longest side: sharp at 3 cm on paper (500 dpi)


def _pastikan_admin(by: Pengguna, pemda: Pemda) -> None:
    if not access.pemda_for_user(by, write=True).filter(pk=pemda.pk).exists():
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah pengaturan laporan.")


def _png_logo(isi: bytes) -> bytes:
    """The uploaded image re-encoded as a PNG of at most LOGO_SISI pixels a side (nothing of the upload but its
    pixels is kept), or a ValidationError in Indonesian."""
    if not isi:
        raise ValidationError({"logo": "Berkas logo kosong."})
    if len(isi) > LOGO_MAKS_BYTE:
        raise ValidationError({"logo": f"Ukuran logo melebihi {LOGO_MAKS_BYTE // 1024 // 1024} MB."})
    if not isi.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise ValidationError({"logo": "Logo harus berupa gambar PNG atau JPEG."})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(isi)) as gambar:
                if max(gambar.size) > LOGO_MAKS_PIKSEL:
                    raise ValidationError(
                        {"logo": f"Gambar logo terlalu besar (maksimal {LOGO_MAKS_PIKSEL} piksel per sisi)."}
                    )
                gambar.load()
                gambar = gambar.convert("RGBA")
                gambar.thumbnail((LOGO_SISI, LOGO_SISI))
                keluar = io.BytesIO()
                gambar.save(keluar, format="PNG", optimize=True)
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError({"logo": "Berkas logo rusak atau bukan gambar PNG/JPEG yang sah."}) from None
    return keluar.getvalue()


@transaction.atomic
def simpan_logo(*, pemda: Pemda, isi: bytes | None, nama: str = "", by: Pengguna) -> PengaturanLaporan:
    """Replace (or, with `isi=None`, remove) the pemda's logo; the change is in the audit trail."""
    _pastikan_admin(by, pemda)
    obj, _ = PengaturanLaporan.objects.select_for_update().get_or_create(pemda=pemda)
    if isi is None:
        obj.logo, obj.logo_nama = b"", ""
    else:
        obj.logo, obj.logo_nama = _png_logo(isi), nama[:200]
    obj.diubah_oleh = by
    obj._history_user = by
    obj.save()
    return obj


def logo_pemda(pemda_id: int) -> bytes | None:
    """The pemda's logo as PNG bytes, or None."""
    return PengaturanLaporan.logo_untuk(pemda_id)


@transaction.atomic
def tambah_penyusun(*, unit_kerja: UnitKerja, penyusun: UnitKerja, by: Pengguna) -> PenyusunLaporan:
    """Name `penyusun` as a compiler of `unit_kerja`'s LKjIP."""
    _pastikan_admin(by, unit_kerja.pemda)
    if penyusun.pemda_id != unit_kerja.pemda_id:
        raise ValidationError({"penyusun": "Unit penyusun harus berada pada pemda yang sama."})
    if penyusun.pk == unit_kerja.pk:
        raise ValidationError({"penyusun": "Unit itu sendiri sudah menyusun laporannya; pilih unit lain."})
    if PenyusunLaporan.objects.filter(unit_kerja=unit_kerja, penyusun=penyusun).exists():
        raise ValidationError(
            {"penyusun": f"{penyusun.nama} sudah menjadi penyusun LKjIP {unit_kerja.nama}."}
        )
    obj = PenyusunLaporan(unit_kerja=unit_kerja, penyusun=penyusun, ditambah_oleh=by)
    obj._history_user = by
    obj.save()
    return obj


@transaction.atomic
def hapus_penyusun(*, penyusun: PenyusunLaporan, by: Pengguna) -> None:
    """Withdraw a compiler; the audit trail keeps who removed it."""
    _pastikan_admin(by, penyusun.unit_kerja.pemda)
    penyusun._history_user = by
    penyusun.delete()


# --- the pemda's own LKjIP: texts and compilers (issue #25) -------------------------------------------------------

BAGIAN_PEMDA = (
    "kata_pengantar",
    "pendahuluan",
    "pengantar_rpjmd",
    "pengantar_iku",
    "penutup_capaian",
    "analisis_kontribusi",
    "analisis_anggaran",
    "penutup",
)
TANDA_TANGAN_PEMDA = (
    "tempat_tanda_tangan",
    "tanggal_tanda_tangan",
    "jabatan_penandatangan",
    "nama_penandatangan",
)


@transaction.atomic
def simpan_teks_pemda(
    *, pemda: Pemda, tahun: int, by: Pengguna, versi: int | None = None, **teks: str
) -> TeksLaporanPemda:
    """Save the pemda's own report texts for a year, with the same stale-version refusal as `simpan_teks`."""
    if not akses.boleh_menyusun_pemda(by, pemda.pk):
        raise PermissionDenied("Anda tidak dapat mengubah teks laporan pemerintah daerah ini.")
    return _simpan_berversi(
        TeksLaporanPemda,
        {"pemda": pemda, "tahun": tahun},
        (*BAGIAN_PEMDA, *TANDA_TANGAN_PEMDA),
        by,
        versi,
        teks,
    )


@transaction.atomic
def tambah_penyusun_pemda(*, pemda: Pemda, penyusun: UnitKerja, by: Pengguna) -> PenyusunLaporanPemda:
    """Name `penyusun` as a compiler of the pemda's own LKjIP."""
    _pastikan_admin(by, pemda)
    if penyusun.pemda_id != pemda.pk:
        raise ValidationError({"penyusun": "Unit penyusun harus berada pada pemda yang sama."})
    if PenyusunLaporanPemda.objects.filter(pemda=pemda, penyusun=penyusun).exists():
        raise ValidationError({"penyusun": f"{penyusun.nama} sudah menjadi penyusun LKjIP {pemda.nama}."})
    obj = PenyusunLaporanPemda(pemda=pemda, penyusun=penyusun, ditambah_oleh=by)
    obj._history_user = by
    obj.save()
    return obj


@transaction.atomic
def hapus_penyusun_pemda(*, penyusun: PenyusunLaporanPemda, by: Pengguna) -> None:
    """Withdraw a compiler of the pemda's LKjIP; the audit trail keeps who removed it."""
    _pastikan_admin(by, penyusun.pemda)
    penyusun._history_user = by
    penyusun.delete()
