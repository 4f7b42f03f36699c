"""PDF of a report: the Word document converted by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice is a system package (libreoffice-writer-nogui on Debian); without it `tersedia()` is False and the
download view answers 503 instead of failing. Each conversion runs in its own temporary directory and user
profile (two concurrent conversions would otherwise fight over one profile lock), with a timeout.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BATAS_WAKTU = 120  # seconds


class PdfError(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def tersedia() -> bool:
    return soffice() is not None


def dari_docx(isi_docx: bytes, *, batas_waktu: int = BATAS_WAKTU) -> bytes:
    """The PDF bytes of a .docx document."""
    program = soffice()
    if program is None:
        raise PdfError("LibreOffice (soffice) tidak terpasang di server; PDF tidak dapat dibuat.")
    with tempfile.TemporaryDirectory(prefix="sakip-pdf-") as tmp:
        folder = Path(tmp)
        masukan = folder / "laporan.docx"
        masukan.write_bytes(isi_docx)
        profil = folder / "profil"
        try:
            hasil = subprocess.run(  # noqa: S603 - fixed program and arguments, no shell
                [
                    program,
                    f"-env:UserInstallation={profil.as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(masukan),
                ],
                capture_output=True,
                timeout=batas_waktu,
                check=False,
                cwd=folder,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"Konversi PDF melebihi batas waktu {batas_waktu} detik.") from exc
        keluaran = folder / "laporan.pdf"
        if hasil.returncode != 0 or not keluaran.exists():
            pesan = hasil.stderr.decode(errors="replace").strip()[-500:]
            raise PdfError(f"Konversi PDF gagal (kode {hasil.returncode}). {pesan}")
        return keluaran.read_bytes()
