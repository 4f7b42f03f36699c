"""Opening uploaded OOXML zips (xlsx, docx, pptx) without letting them cost more than their size promises.

An Office file is a zip. A few kilobytes of zip can declare (or, lying in its headers, actually inflate to)
gigabytes, and a member named `vbaProject.bin` makes a document macro-enabled whatever its extension says. The
checks here read only the zip's central directory, except `periksa_isi`, which inflates each member in small
chunks, counting, and stops at the first member that inflates beyond what it declared or beyond the caps: nothing
is ever held whole in memory.

Pure: no Django.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

_POTONGAN = 64 * 1024
# Members that carry macros or ActiveX code (Word, Excel, PowerPoint), lower-cased base names.
_NAMA_MAKRO = frozenset(
    {"vbaproject.bin", "vbaprojectsignature.bin", "vbadata.xml", "vbaprojectsignatureagile.bin"}
)
_JENIS_MAKRO = b"macroenabled"  # [Content_Types].xml of a .docm/.xlsm/.pptm


class ZipDitolak(ValueError):
    """A zip that must not be opened further; the message is Indonesian, for the user."""


@dataclass(frozen=True)
class Batas:
    """Caps on a zip's members, as declared in its central directory and as actually inflated."""

    anggota: int = 2_000  # members
    terurai: int = 100 * 1024 * 1024  # all members together, inflated
    per_anggota: int = 100 * 1024 * 1024  # one member, inflated
    rasio: int = 100  # inflated / compressed, for a member of more than `rasio_dari` bytes
    rasio_dari: int = 1024 * 1024


BAWAAN = Batas()
PESAN_TERLALU_BESAR = "Isi berkas terlalu besar setelah diurai; berkas ditolak."
PESAN_RUSAK = "Berkas rusak atau bukan dokumen Office yang valid."
PESAN_MAKRO = (
    "Dokumen Office yang memuat makro (VBA) tidak diizinkan. Simpan ulang tanpa makro (mis. sebagai .docx/.xlsx "
    "biasa), lalu unggah kembali."
)


def periksa_direktori(arsip: zipfile.ZipFile, batas: Batas = BAWAAN) -> None:
    """Refuse a zip whose central directory declares too many members, too much inflated data or a member
    that inflates out of proportion (a zip bomb). Reads nothing but the directory."""
    anggota = arsip.infolist()
    if len(anggota) > batas.anggota:
        raise ZipDitolak(f"Berkas memuat terlalu banyak bagian ({len(anggota)}); berkas ditolak.")
    total = 0
    for info in anggota:
        if info.file_size > batas.per_anggota:
            raise ZipDitolak(PESAN_TERLALU_BESAR)
        if info.file_size > batas.rasio_dari and info.file_size > batas.rasio * max(info.compress_size, 1):
            raise ZipDitolak(PESAN_TERLALU_BESAR)
        total += info.file_size
        if total > batas.terurai:
            raise ZipDitolak(PESAN_TERLALU_BESAR)


def ada_makro(arsip: zipfile.ZipFile) -> bool:
    """Whether the package carries VBA macros (by member name, or a macro-enabled content type)."""
    for info in arsip.infolist():
        if info.filename.rsplit("/", 1)[-1].lower() in _NAMA_MAKRO:
            return True
    try:
        info = arsip.getinfo("[Content_Types].xml")
    except KeyError:
        return False
    isi = b"".join(baca_anggota(arsip, info, maks=1024 * 1024))
    return _JENIS_MAKRO in isi.lower()


def baca_anggota(arsip: zipfile.ZipFile, info: zipfile.ZipInfo, *, maks: int) -> Iterator[bytes]:
    """The member's inflated bytes in chunks; ZipDitolak as soon as more than `maks` bytes or more than the
    member declared come out, or the member is damaged."""
    batas = min(maks, info.file_size)
    keluar = 0
    try:
        with arsip.open(info) as sumber:
            while True:
                # One byte more than allowed is enough to know the member lies or is too big.
                potongan = sumber.read(min(_POTONGAN, batas - keluar + 1))
                if not potongan:
                    return
                keluar += len(potongan)
                if keluar > batas:
                    raise ZipDitolak(PESAN_TERLALU_BESAR)
                yield potongan
    except ZipDitolak:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError):
        raise ZipDitolak(PESAN_RUSAK) from None


def periksa_isi(arsip: zipfile.ZipFile, batas: Batas = BAWAAN) -> None:
    """`periksa_direktori`, then inflate every member in chunks (discarding them) to check that none inflates
    beyond what it declares: a zip whose headers lie is refused before anything else reads it."""
    periksa_direktori(arsip, batas)
    total = 0
    for info in arsip.infolist():
        for potongan in baca_anggota(arsip, info, maks=batas.per_anggota):
            total += len(potongan)
            if total > batas.terurai:
                raise ZipDitolak(PESAN_TERLALU_BESAR)
