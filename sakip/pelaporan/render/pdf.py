"""PDF of a report: the Word document converted by LibreOffice headless, with its table of contents filled in.

`soffice --convert-to pdf` alone keeps the TOC field as the .docx carries it (Word fills it when the file is opened,
LibreOffice does not), so the PDF's Daftar Isi would be empty. The conversion therefore runs a small LibreOffice
Basic macro (no Python-UNO needed: Debian's libreoffice-writer-nogui ships without it) that opens the document,
updates every index (twice: the filled TOC may push the chapters to later pages), and exports the PDF. The macro
sits in the throw-away user profile of the conversion, under "My Macros", which LibreOffice always trusts; nothing
from the document itself is run. Should the macro produce nothing, the plain conversion is used (TOC unfilled).

LibreOffice is a system package (libreoffice-writer-nogui on Debian); without it `tersedia()` is False and the
download view answers 503 instead of failing. Each conversion runs in its own temporary directory and user
profile (two concurrent conversions would otherwise fight over one profile lock), with a timeout.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

BATAS_WAKTU = 120  # seconds
MAKRO = "PdfDenganDaftarIsi"

logger = logging.getLogger(__name__)

_BASIC = f"""Sub {MAKRO}(masuk As String, keluar As String)
  Dim doc As Object
  On Error GoTo Gagal
  Dim buka(0) As New com.sun.star.beans.PropertyValue
  buka(0).Name = "Hidden"
  buka(0).Value = True
  doc = StarDesktop.loadComponentFromURL(masuk, "_blank", 0, buka())
  Dim indeks As Object
  indeks = doc.getDocumentIndexes()
  Dim putaran As Integer, i As Integer
  For putaran = 1 To 2
    For i = 0 To indeks.getCount() - 1
      indeks.getByIndex(i).update()
    Next i
  Next putaran
  Dim simpan(0) As New com.sun.star.beans.PropertyValue
  simpan(0).Name = "FilterName"
  simpan(0).Value = "writer_pdf_Export"
  doc.storeToURL(keluar, simpan())
  doc.close(True)
  Exit Sub
Gagal:
  If Not IsNull(doc) Then doc.close(True)
End Sub
"""

_MODUL = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
    '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
    'script:language="StarBasic">' + escape(_BASIC, {'"': "&quot;"}) + "</script:module>\n"
)


class PdfError(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def tersedia() -> bool:
    return soffice() is not None


class _Batas:
    """One time limit for the whole conversion, whatever the number of LibreOffice runs it takes."""

    def __init__(self, detik: int) -> None:
        self.detik = detik
        self.akhir = time.monotonic() + detik

    def jalankan(self, perintah: list[str], folder: Path) -> subprocess.CompletedProcess[bytes]:
        sisa = self.akhir - time.monotonic()
        try:
            if sisa <= 0:
                raise subprocess.TimeoutExpired(perintah, self.detik)
            return subprocess.run(  # noqa: S603 - fixed program and arguments, no shell
                perintah, capture_output=True, timeout=sisa, check=False, cwd=folder
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Konversi PDF melebihi batas waktu {self.detik} detik.") from exc


def _dengan_daftar_isi(program: str, profil: Path, masukan: Path, keluaran: Path, batas: _Batas) -> bool:
    """Convert through the macro; False when it did not produce the PDF."""
    env = f"-env:UserInstallation={profil.as_uri()}"
    folder = masukan.parent
    batas.jalankan([program, env, "--headless", "--norestore", "--terminate_after_init"], folder)
    modul = profil / "user" / "basic" / "Standard" / "Module1.xba"
    if not modul.parent.is_dir():
        return False
    modul.write_text(_MODUL, encoding="utf-8")
    makro = f'macro:///Standard.Module1.{MAKRO}("{masukan.as_uri()}","{keluaran.as_uri()}")'
    batas.jalankan([program, env, "--headless", "--norestore", makro], folder)
    return keluaran.exists() and keluaran.stat().st_size > 0


def dari_docx(isi_docx: bytes, *, batas_waktu: int = BATAS_WAKTU) -> bytes:
    """The PDF bytes of a .docx document, with its table of contents updated."""
    program = soffice()
    if program is None:
        raise PdfError("LibreOffice (soffice) tidak terpasang di server; PDF tidak dapat dibuat.")
    batas = _Batas(batas_waktu)
    with tempfile.TemporaryDirectory(prefix="sakip-pdf-") as tmp:
        folder = Path(tmp)
        masukan = folder / "laporan.docx"
        masukan.write_bytes(isi_docx)
        keluaran = folder / "laporan.pdf"
        if _dengan_daftar_isi(program, folder / "profil", masukan, keluaran, batas):
            return keluaran.read_bytes()
        logger.warning("Makro daftar isi LibreOffice tidak menghasilkan PDF; konversi biasa dipakai.")
        hasil = batas.jalankan(
            [
                program,
                f"-env:UserInstallation={(folder / 'profil-biasa').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(masukan),
            ],
            folder,
        )
        if hasil.returncode != 0 or not keluaran.exists():
            pesan = hasil.stderr.decode(errors="replace").strip()[-500:]
            raise PdfError(f"Konversi PDF gagal (kode {hasil.returncode}). {pesan}")
        return keluaran.read_bytes()
