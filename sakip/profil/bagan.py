"""The organisation chart of LKjIP chapter I ("Struktur Organisasi"): drawn from the unit tree, not uploaded.

`simpul_dari_unit` turns units into plain nodes; `gambar` draws nodes into PNG bytes. The nodes are what a
test (or the Word report) can inspect: the picture changes exactly when they do.

Layout as Indonesian organisation charts are drawn: the unit on top, its direct sub-units side by side under
it, and everything below a sub-unit stacked under that sub-unit.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

LEBAR_KOTAK = 2.0  # inches
TINGGI_KOTAK = 0.72
JARAK_KOLOM = 0.25
JARAK_TUMPUK = 0.92
INDEN = 0.18
TEPI = 0.3
DPI_MAKS = 110
PIKSEL_MAKS = 6000


@dataclass(frozen=True)
class Simpul:
    id: int
    induk_id: int | None
    nama: str
    keterangan: str = ""


def simpul_dari_unit(units: Iterable[Any]) -> list[Simpul]:
    """Nodes of a subtree, siblings in the order of `urutan` then name; the first unit whose parent is outside
    the set is the root."""
    daftar = list(units)
    ids = {u.pk for u in daftar}
    anak: dict[int | None, list[Any]] = {}
    for u in daftar:
        anak.setdefault(u.induk_id if u.induk_id in ids else None, []).append(u)
    hasil: list[Simpul] = []

    def turun(induk: int | None) -> None:
        for u in sorted(anak.get(induk, []), key=lambda u: (u.urutan, u.nama)):
            keterangan = f"Eselon {u.eselon}" if u.eselon else u.get_jenis_display()
            hasil.append(Simpul(u.pk, u.induk_id if u.induk_id in ids else None, u.nama, keterangan))
            turun(u.pk)

    turun(None)
    return hasil


@dataclass(frozen=True)
class _Kotak:
    kiri: float
    y: float  # centre, from the top
    lebar: float

    @property
    def x(self) -> float:
        return self.kiri + self.lebar / 2


def _tata_letak(simpul: list[Simpul]) -> tuple[dict[int, _Kotak], float, float]:
    """Boxes in inches, and the figure's width and height."""
    anak: dict[int | None, list[Simpul]] = {}
    for s in simpul:
        anak.setdefault(s.induk_id, []).append(s)
    akar = anak.get(None, [])
    kotak: dict[int, _Kotak] = {}
    kolom = [(c, i) for i, a in enumerate(akar) for c in anak.get(a.id, [])]
    lebar = max(len(kolom), len(akar), 1) * (LEBAR_KOTAK + JARAK_KOLOM) - JARAK_KOLOM + 2 * TEPI
    y_akar = TEPI + TINGGI_KOTAK / 2
    y_kolom = y_akar + TINGGI_KOTAK + 0.55
    terdalam = y_akar

    def tumpuk(induk: int, kiri: float, kedalaman: int) -> None:
        nonlocal terdalam
        for c in anak.get(induk, []):
            terdalam += JARAK_TUMPUK
            geser = kedalaman * INDEN
            kotak[c.id] = _Kotak(kiri + geser, terdalam, LEBAR_KOTAK - geser)
            tumpuk(c.id, kiri, kedalaman + 1)

    bawah = y_akar
    for j, (atas, _) in enumerate(kolom):
        kiri = TEPI + j * (LEBAR_KOTAK + JARAK_KOLOM)
        kotak[atas.id] = _Kotak(kiri, y_kolom, LEBAR_KOTAK)
        terdalam = y_kolom
        tumpuk(atas.id, kiri, 1)
        bawah = max(bawah, terdalam)
    for i, a in enumerate(akar):
        xs = [kotak[c.id].x for c, k in kolom if k == i]
        tengah = (min(xs) + max(xs)) / 2 if xs else TEPI + i * (LEBAR_KOTAK + JARAK_KOLOM) + LEBAR_KOTAK / 2
        kotak[a.id] = _Kotak(tengah - LEBAR_KOTAK / 2, y_akar, LEBAR_KOTAK)
    return kotak, lebar, bawah + TINGGI_KOTAK / 2 + TEPI


def gambar(simpul: list[Simpul]) -> bytes:
    """PNG bytes of the chart of these nodes."""
    kotak, lebar, tinggi = _tata_letak(simpul)
    dpi = min(DPI_MAKS, PIKSEL_MAKS / max(lebar, tinggi))
    fig = Figure(figsize=(lebar, tinggi), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, lebar)
    ax.set_ylim(tinggi, 0)
    ax.axis("off")
    garis: dict[str, Any] = {"color": "#5f6b7a", "linewidth": 1, "zorder": 1}
    per_induk: dict[int, list[Simpul]] = {}
    for s in simpul:
        if s.induk_id is not None:
            per_induk.setdefault(s.induk_id, []).append(s)
    akar = {s.id for s in simpul if s.induk_id is None}
    for induk_id, anak in per_induk.items():
        induk = kotak[induk_id]
        if induk_id in akar:  # a bus line from the root to the columns
            y_bus = induk.y + TINGGI_KOTAK / 2 + 0.27
            xs = [kotak[c.id].x for c in anak]
            ax.plot([induk.x, induk.x], [induk.y + TINGGI_KOTAK / 2, y_bus], **garis)
            ax.plot([min(xs), max(xs)], [y_bus, y_bus], **garis)
            for c in anak:
                ax.plot([kotak[c.id].x] * 2, [y_bus, kotak[c.id].y - TINGGI_KOTAK / 2], **garis)
        else:  # stacked: a spine down the parent's left side, a tick to each child
            x_tulang = induk.kiri + INDEN / 2
            ax.plot([x_tulang, x_tulang], [induk.y + TINGGI_KOTAK / 2, kotak[anak[-1].id].y], **garis)
            for c in anak:
                ax.plot([x_tulang, kotak[c.id].kiri], [kotak[c.id].y] * 2, **garis)
    for s in simpul:
        k = kotak[s.id]
        utama = s.id in akar
        ax.add_patch(
            FancyBboxPatch(
                (k.kiri, k.y - TINGGI_KOTAK / 2),
                k.lebar,
                TINGGI_KOTAK,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor="#0b4f8a" if utama else "#e8f1fa",
                edgecolor="#0b4f8a",
                linewidth=1.2,
                zorder=2,
            )
        )
        warna = "white" if utama else "#1d2630"
        teks = textwrap.fill(s.nama, int(26 * k.lebar / LEBAR_KOTAK), max_lines=3, placeholder="…")
        ax.text(
            k.x, k.y - 0.06, teks, ha="center", va="center", fontsize=7, color=warna, zorder=3, weight="bold"
        )
        if s.keterangan:
            ax.text(
                k.x, k.y + 0.26, s.keterangan, ha="center", va="center", fontsize=5.5, color=warna, zorder=3
            )
    keluaran = io.BytesIO()
    fig.savefig(keluaran, format="png", metadata={"Software": None})
    return keluaran.getvalue()
