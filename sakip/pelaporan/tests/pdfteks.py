"""Reading rendered PDFs in tests: text by page, words in order, the fonts a PDF embeds.

Where a line wraps depends on the fonts of the machine, so tests never look for a phrase as it sits on one printed
line: they compare the words of the phrase, in order, against the words of the page (`ada_berurutan`).

The tools (LibreOffice, poppler-utils, the Liberation fonts) are installed by `make test`
(scripts/ensure-system-packages.sh), which then sets SAKIP_ALAT_WAJIB=1: from there on a missing tool fails the
tests that need it instead of skipping them, so a machine without it cannot pass by skipping.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

WAJIB = bool(os.environ.get("SAKIP_ALAT_WAJIB") or os.environ.get("CI"))


def tanpa_soffice() -> pytest.MarkDecorator:
    """Skip where LibreOffice is missing, except under `make test` / CI, where its absence must fail."""
    hilang = shutil.which("soffice") is None and shutil.which("libreoffice") is None
    return pytest.mark.skipif(hilang and not WAJIB, reason="LibreOffice (soffice) not installed")


def alat(nama: str) -> str:
    program = shutil.which(nama)
    if program is None:
        if WAJIB:
            pytest.fail(
                f"{nama} (poppler-utils) is not installed; scripts/ensure-system-packages.sh installs it"
            )
        pytest.skip(f"{nama} (poppler-utils) not installed")
    return program


def halaman(pdf: bytes, *, tata_letak: bool = True) -> list[str]:
    """The text of each page; with `tata_letak` the columns of a table stay side by side (pdftotext -layout)."""
    mode = ["-layout"] if tata_letak else ["-raw"]
    hasil = subprocess.run([alat("pdftotext"), *mode, "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    return hasil.stdout.decode().split("\f")


def kata(teks: str) -> list[str]:
    return teks.split()


def ada_berurutan(teks: str, frasa: str, *, sela: int = 0) -> bool:
    """True when the words of `frasa` occur in `teks` in order, each at most `sela` words after the previous one.

    With `sela=0` the words must follow each other, whatever line breaks stand between them; like `in` on a string,
    the first word may end a longer word and the last may begin one ("MEMUTUSKAN" is in "MEMUTUSKAN:"). A wrapped
    table cell is contiguous in -raw text; in -layout text other columns' words may stand between its lines.
    """
    dicari, isi = kata(frasa), kata(teks)
    if not dicari:
        return True

    def cocok(k: int, token: str) -> bool:
        w = dicari[k]
        if len(dicari) == 1:
            return w in token
        if k == 0:
            return token.endswith(w)
        if k == len(dicari) - 1:
            return token.startswith(w)
        return token == w

    for mulai, token in enumerate(isi):
        if not cocok(0, token):
            continue
        posisi = mulai
        for k in range(1, len(dicari)):
            lanjut = next(
                (j for j in range(posisi + 1, min(posisi + 2 + sela, len(isi))) if cocok(k, isi[j])), None
            )
            if lanjut is None:
                break
            posisi = lanjut
        else:
            return True
    return False


def huruf(pdf: bytes) -> set[str]:
    """The fonts the PDF embeds, without the subset prefix (`BAAAAA+LiberationSans-Bold` → `LiberationSans-Bold`)."""
    hasil = subprocess.run([alat("pdffonts"), "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    baris = hasil.stdout.decode().splitlines()[2:]
    return {re.sub(r"^[A-Z]{6}\+", "", b.split()[0]) for b in baris if b.strip()}
