"""Checks on uploaded evidence files by their content, not their name (pure: no Django)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from sakip.lib import zip_aman

UKURAN_MAKSIMAL = 10 * 1024 * 1024  # 10 MB
# An Office document inflates to at most 100 MB in all, no member more than 100 times its compressed size.
BATAS_ZIP = zip_aman.Batas(terurai=100 * 1024 * 1024, per_anggota=100 * 1024 * 1024, rasio=100)

_OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", {".pptx"}),
}
_NAMA_AMAN = re.compile(r"^[\w\-. ()]+$", re.UNICODE)


class BerkasError(ValueError):
    """An upload that must be refused; the message is Indonesian."""


@dataclass(frozen=True)
class JenisBerkas:
    mime: str
    akhiran: frozenset[str]


def periksa_nama(nama: str) -> str:
    """The client's file name, refused when it tries to leave its folder or carries control characters."""
    if not nama or len(nama) > 200:
        raise BerkasError("Nama berkas kosong atau terlalu panjang (maksimal 200 karakter).")
    if "/" in nama or "\\" in nama or nama.startswith(".") or ".." in nama or "\x00" in nama:
        raise BerkasError(
            f"Nama berkas '{nama}' tidak diizinkan: nama tidak boleh memuat folder, '..' atau diawali titik."
        )
    if not _NAMA_AMAN.match(nama):
        raise BerkasError(f"Nama berkas '{nama}' memuat karakter yang tidak diizinkan.")
    return nama


def kenali(isi: bytes) -> JenisBerkas:
    """The file's type from its first bytes (and, for Office files, its zip directory)."""
    if isi.startswith(b"%PDF-"):
        return JenisBerkas("application/pdf", frozenset({".pdf"}))
    if isi.startswith(b"\x89PNG\r\n\x1a\n"):
        return JenisBerkas("image/png", frozenset({".png"}))
    if isi.startswith(b"\xff\xd8\xff"):
        return JenisBerkas("image/jpeg", frozenset({".jpg", ".jpeg"}))
    if isi.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
                nama = arsip.namelist()
                if "[Content_Types].xml" in nama:
                    _periksa_office(arsip)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            if isinstance(exc, BerkasError):
                raise
            raise BerkasError("Berkas ZIP rusak atau bukan dokumen Office.") from exc
        if "[Content_Types].xml" in nama:
            for awalan, (mime, akhiran) in _OOXML.items():
                if any(n.startswith(awalan) for n in nama):
                    return JenisBerkas(mime, frozenset(akhiran))
        raise BerkasError("Arsip ZIP tidak diizinkan; unggah PDF, gambar (PNG/JPEG) atau dokumen Office.")
    if isi.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return JenisBerkas("application/vnd.ms-office", frozenset({".doc", ".xls", ".ppt"}))
    if isi.startswith((b"MZ", b"\x7fELF", b"#!")):
        raise BerkasError("Berkas program (executable/skrip) tidak diizinkan sebagai data dukung.")
    raise BerkasError(
        "Jenis berkas tidak dikenali; yang diizinkan: PDF, PNG, JPEG, dan dokumen Office (Word/Excel/PowerPoint)."
    )


def _periksa_office(arsip: zipfile.ZipFile) -> None:
    """An Office document without macros whose members inflate to what they declare, within the caps (checked
    in chunks: a zip bomb is stopped at the cap, never inflated whole)."""
    try:
        zip_aman.periksa_direktori(arsip, BATAS_ZIP)
        if zip_aman.ada_makro(arsip):
            raise BerkasError(zip_aman.PESAN_MAKRO)
        zip_aman.periksa_isi(arsip, BATAS_ZIP)
    except zip_aman.ZipDitolak as exc:
        raise BerkasError(str(exc)) from None


def periksa(nama: str, isi: bytes) -> JenisBerkas:
    """Validate an upload: safe name, size within the limit, content of an allowed type matching the name."""
    nama = periksa_nama(nama)
    if len(isi) == 0:
        raise BerkasError("Berkas kosong.")
    if len(isi) > UKURAN_MAKSIMAL:
        raise BerkasError(
            f"Ukuran berkas {len(isi) / 1024 / 1024:.1f} MB melebihi batas {UKURAN_MAKSIMAL // 1024 // 1024} MB."
        )
    jenis = kenali(isi)
    akhiran = "." + nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
    if akhiran not in jenis.akhiran:
        raise BerkasError(
            f"Isi berkas '{nama}' adalah {jenis.mime}, tidak sesuai dengan akhiran nama '{akhiran or '(tanpa akhiran)'}'."
        )
    return jenis
