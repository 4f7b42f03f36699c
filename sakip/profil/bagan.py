"""The organisation chart of LKjIP chapter I ("Struktur Organisasi"): drawn from the unit tree, not uploaded.

`simpul_dari_unit` turns units into plain nodes; `gambar` draws nodes into PNG bytes. The nodes are what a
test (or the Word report) can inspect: the picture changes exactly when they do.

Layout as Indonesian organisation charts are drawn: the unit on top, its direct sub-units side by side under
it, and everything below a sub-unit stacked under that sub-unit. More than `MAKS_KOLOM` sub-units wrap into further
rows below the first (a trunk from the unit runs down to each row's bus), so a Setda with ten Biro stays readable on
a portrait page instead of shrinking to ten columns of 3 pt text.
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
MAKS_KOLOM = 4  # sub-units per row: four 2-inch boxes print at about 5 pt on a 16 cm wide picture
JARAK_BARIS = 0.45


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


def _tata_letak(simpul: list[Simpul]) -> tuple[dict[int, _Kotak], float, float, list[float]]:
    """Boxes in inches, the figure's width and height, and the y of each row's bus line (rows of columns)."""
    anak: dict[int | None, list[Simpul]] = {}
    for s in simpul:
        anak.setdefault(s.induk_id, []).append(s)
    akar = anak.get(None, [])
    kotak: dict[int, _Kotak] = {}
    kolom = [(c, i) for i, a in enumerate(akar) for c in anak.get(a.id, [])]
    per_baris = max(1, min(len(kolom), MAKS_KOLOM)) if len(akar) <= 1 else max(len(kolom), 1)
    lebar = max(per_baris, len(akar), 1) * (LEBAR_KOTAK + JARAK_KOLOM) - JARAK_KOLOM + 2 * TEPI
    y_akar = TEPI + TINGGI_KOTAK / 2
    terdalam = y_akar

    def tumpuk(induk: int, kiri: float, kedalaman: int) -> None:
        nonlocal terdalam
        for c in anak.get(induk, []):
            terdalam += JARAK_TUMPUK
            geser = kedalaman * INDEN
            kotak[c.id] = _Kotak(kiri + geser, terdalam, LEBAR_KOTAK - geser)
            tumpuk(c.id, kiri, kedalaman + 1)

    bawah = y_akar
    bus: list[float] = []
    y_kolom = y_akar + TINGGI_KOTAK + 0.55
    for awal in range(0, len(kolom), per_baris):
        baris = kolom[awal : awal + per_baris]
        bus.append(y_kolom - TINGGI_KOTAK / 2 - 0.28)
        bawah_baris = y_kolom
        for j, (atas, _) in enumerate(baris):
            kiri = TEPI + j * (LEBAR_KOTAK + JARAK_KOLOM)
            kotak[atas.id] = _Kotak(kiri, y_kolom, LEBAR_KOTAK)
            terdalam = y_kolom
            tumpuk(atas.id, kiri, 1)
            bawah_baris = max(bawah_baris, terdalam)
        bawah = max(bawah, bawah_baris)
        y_kolom = bawah_baris + TINGGI_KOTAK + JARAK_BARIS + 0.55
    for i, a in enumerate(akar):
        xs = [kotak[c.id].x for c, k in kolom[:per_baris] if k == i]
        tengah = (min(xs) + max(xs)) / 2 if xs else TEPI + i * (LEBAR_KOTAK + JARAK_KOLOM) + LEBAR_KOTAK / 2
        kotak[a.id] = _Kotak(tengah - LEBAR_KOTAK / 2, y_akar, LEBAR_KOTAK)
    return kotak, lebar, bawah + TINGGI_KOTAK / 2 + TEPI, bus


def gambar(simpul: list[Simpul]) -> bytes:
    """PNG bytes of the chart of these nodes."""
    kotak, lebar, tinggi, _ = _tata_letak(simpul)
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
        if induk_id in akar:  # a trunk from the root down to each row's bus line, a drop to each column
            per_baris: dict[float, list[Simpul]] = {}
            for c in anak:
                per_baris.setdefault(kotak[c.id].y, []).append(c)
            y_terakhir = max(y - TINGGI_KOTAK / 2 - 0.28 for y in per_baris)
            ax.plot([induk.x, induk.x], [induk.y + TINGGI_KOTAK / 2, y_terakhir], **garis)
            for y_baris, daftar in per_baris.items():
                y_bus = y_baris - TINGGI_KOTAK / 2 - 0.28
                xs = [kotak[c.id].x for c in daftar] + [induk.x]
                ax.plot([min(xs), max(xs)], [y_bus, y_bus], **garis)
                for c in daftar:
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
