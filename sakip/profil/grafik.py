"""The three staff charts of LKjIP chapter I (seed 004 charts 1.1–1.3) as PNG bytes, for the pages and for the
Word report. Input is the computed summary (`aturan.RingkasanPegawai`); nothing here touches the database."""

from __future__ import annotations

import io
from decimal import Decimal

from matplotlib.figure import Figure

from sakip.lib.angka import format_angka, format_persen
from sakip.profil.aturan import RingkasanPegawai

WARNA = ["#0b4f8a", "#f9a825", "#2e7d32", "#c62828", "#6a1b9a", "#00838f", "#5f6b7a"]
JENIS = {
    "jenis-kelamin": "Pegawai (PNS, P3K dan non-PNS) berdasarkan jenis kelamin",
    "golongan": "Pegawai ASN berdasarkan golongan",
    "pendidikan": "Pegawai ASN (PNS dan P3K) berdasarkan pendidikan",
}


def _png(fig: Figure) -> bytes:
    keluaran = io.BytesIO()
    fig.savefig(keluaran, format="png", metadata={"Software": None})
    return keluaran.getvalue()


def _persen(bagian: int, total: int) -> str:
    return format_persen(Decimal(bagian) * 100 / Decimal(total)) + "%" if total else "–"


def jenis_kelamin(ringkasan: RingkasanPegawai) -> bytes:
    data = ringkasan.per_jenis_kelamin
    total = sum(data.values())
    fig = Figure(figsize=(6, 4), dpi=110)
    ax = fig.add_subplot()
    if total:
        ax.pie(
            list(data.values()),
            labels=[f"{k}\n{format_angka(v, 0)} orang ({_persen(v, total)})" for k, v in data.items()],
            colors=WARNA[:2],
            startangle=90,
            counterclock=False,
            wedgeprops={"edgecolor": "white"},
            textprops={"fontsize": 9},
        )
    ax.set_title(f"{JENIS['jenis-kelamin']}\nJumlah {format_angka(total, 0)} orang", fontsize=10)
    ax.axis("equal")
    return _png(fig)


def _batang(judul: str, data: dict[str, int]) -> bytes:
    total = sum(data.values())
    fig = Figure(figsize=(7, 4), dpi=110)
    ax = fig.add_subplot()
    label = list(data)
    nilai = list(data.values())
    batang = ax.bar(label, nilai, color=WARNA[0])
    ax.bar_label(batang, labels=[f"{format_angka(v, 0)}\n({_persen(v, total)})" for v in nilai], fontsize=8)
    ax.set_title(f"{judul}\nJumlah {format_angka(total, 0)} orang", fontsize=10)
    ax.set_ylabel("Orang")
    ax.set_ylim(0, max([*nilai, 1]) * 1.25)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _png(fig)


def golongan(ringkasan: RingkasanPegawai) -> bytes:
    return _batang(JENIS["golongan"], ringkasan.per_golongan)


def pendidikan(ringkasan: RingkasanPegawai) -> bytes:
    return _batang(JENIS["pendidikan"], ringkasan.per_pendidikan)


def buat(jenis: str, ringkasan: RingkasanPegawai) -> bytes:
    """The chart named by `jenis` (a key of JENIS)."""
    pembuat = {"jenis-kelamin": jenis_kelamin, "golongan": golongan, "pendidikan": pendidikan}[jenis]
    return pembuat(ringkasan)
