"""The pohon kinerja as a picture (PNG or PDF) for the documents, drawn on the server with matplotlib.

Each node is one row: indented by its depth, a box in the colour of its capaian category, its kind, its text and
its capaian. An outline rather than a top-down chart: an RPJMD tree is wide (dozens of indicators under a handful of
sasaran) and would shrink to unreadable text across a page, while an outline stays legible at any size. Text is set
in DejaVu Sans, the font every machine of the project has (a fresh Debian carries only DejaVu).
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle

from sakip.lib import angka
from sakip.rpjmd.queries import Pohon, Simpul

TINGGI_BARIS = 0.42  # inches
INDEN = 0.32
LEBAR = 11.0
KOLOM_CAPAIAN = 1.3
DPI = 110
MAKS_BARIS = 900  # beyond this the picture would exceed any page; the rest is summarised in one line


def _baris(akar: Simpul) -> list[tuple[int, Simpul]]:
    hasil: list[tuple[int, Simpul]] = []

    def turun(node: Simpul, kedalaman: int) -> None:
        hasil.append((kedalaman, node))
        for a in node.anak:
            turun(a, kedalaman + 1)

    turun(akar, 0)
    return hasil


def gambar(pohon: Pohon, *, format: str = "png") -> bytes:
    """The tree as PNG or PDF bytes."""
    semua = _baris(pohon.akar)
    sisa = max(0, len(semua) - MAKS_BARIS)
    baris = semua[:MAKS_BARIS]
    tinggi = (len(baris) + 3 + (1 if sisa else 0)) * TINGGI_BARIS
    fig = Figure(figsize=(LEBAR, tinggi))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, LEBAR)
    ax.set_ylim(tinggi, 0)
    ax.axis("off")
    ax.text(
        0.2,
        TINGGI_BARIS * 0.9,
        f"Pohon Kinerja {pohon.rpjmd.nama} – capaian tahun {pohon.tahun}",
        fontsize=12,
        fontweight="bold",
        va="center",
        family="DejaVu Sans",
    )
    ax.text(0.2, TINGGI_BARIS * 1.8, pohon.keterangan_rollup, fontsize=7, va="center", color="#555555")
    for n, (kedalaman, node) in enumerate(baris):
        y = (n + 3) * TINGGI_BARIS
        x = 0.2 + kedalaman * INDEN
        lebar = LEBAR - x - KOLOM_CAPAIAN - 0.2
        ax.add_patch(
            FancyBboxPatch(
                (x, y - TINGGI_BARIS * 0.42),
                lebar + KOLOM_CAPAIAN,
                TINGGI_BARIS * 0.84,
                boxstyle="round,pad=0,rounding_size=0.05",
                facecolor="#ffffff",
                edgecolor="#9aa5b1",
                linewidth=0.6,
            )
        )
        ax.add_patch(
            Rectangle(
                (LEBAR - 0.2 - KOLOM_CAPAIAN, y - TINGGI_BARIS * 0.42),
                KOLOM_CAPAIAN,
                TINGGI_BARIS * 0.84,
                facecolor=node.warna,
                edgecolor="none",
            )
        )
        teks = f"{node.jenis_label}: {node.label}"
        if node.unit:
            teks += f" [{node.unit}]"
        muat = max(20, int(lebar * 15))
        ax.text(x + 0.08, y, textwrap.shorten(teks, muat, placeholder=" …"), fontsize=7.5, va="center")
        nilai = "–" if node.capaian is None else f"{angka.format_angka(node.capaian)}%"
        ax.text(
            LEBAR - 0.2 - KOLOM_CAPAIAN / 2, y, nilai, fontsize=8, va="center", ha="center", fontweight="bold"
        )
    if sisa:
        ax.text(
            0.2,
            (len(baris) + 3) * TINGGI_BARIS,
            f"… dan {sisa} simpul lain (lihat halaman pohon kinerja).",
            fontsize=8,
        )
    buf = io.BytesIO()
    fig.savefig(buf, format=format, dpi=DPI, metadata={"Creator": "SAKIP"} if format == "pdf" else None)
    return buf.getvalue()
