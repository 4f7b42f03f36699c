"""The budget tables of the LKjIP (seed 004 tables 2.5, 3.16, 3.17, 3.18, 3.19) as plain data.

One builder per table turns a query result into a `Tabel` (columns, rows of raw values, notes); the page
renders it and `xlsx()` writes the same content to Excel, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sakip.anggaran import efisiensi, excel, queries
from sakip.anggaran.models import JenisBelanja
from sakip.lib import angka

TERTIMBANG = "Penyerapan = Σ realisasi / Σ pagu × 100 (tertimbang menurut uang)."


@dataclass(frozen=True)
class Kolom:
    judul: str
    jenis: str = "teks"  # teks, rupiah, uang, persen, angka, keluaran
    lebar: int = 16

    @property
    def angka(self) -> bool:
        return self.jenis in {"rupiah", "uang", "persen", "angka"}


@dataclass
class Baris:
    sel: list[Any]
    gaya: str = ""  # "sasaran", "unit", "program", "kegiatan", "sub_kegiatan", "total"
    tautan: str = ""  # URL of the row's detail page (HTML only)


@dataclass
class Tabel:
    nomor: str
    judul: str
    kolom: list[Kolom]
    baris: list[Baris] = field(default_factory=list)
    nomor_kolom: list[str] = field(default_factory=list)  # "(1)", "(5=4/3*100)"
    subjudul: str = ""
    catatan: list[str] = field(default_factory=list)

    @property
    def judul_lengkap(self) -> str:
        return f"Tabel {self.nomor} {self.judul}" if self.nomor else self.judul

    def html(self) -> list[tuple[Baris, list[tuple[str, bool]]]]:
        """Each row with its cells formatted for display (text, is-number)."""
        return [
            (b, [(format_sel(v, k.jenis), k.angka) for v, k in zip(b.sel, self.kolom, strict=True)])
            for b in self.baris
        ]


def _realisasi(ind: queries.BarisIndikatorPK) -> Decimal | str | None:
    """The number (kept a number for Excel), or a predikat indicator's word, which has no number."""
    if ind.realisasi is not None:
        return ind.realisasi
    return ind.realisasi_teks if ind.realisasi_teks != angka.KOSONG else None


def format_sel(nilai: Any, jenis: str) -> str:
    if isinstance(nilai, str):  # already printed by its owner (a realisasi "81,08" or a predikat "Tinggi")
        return nilai
    if nilai is None:
        return "" if jenis == "teks" else angka.KOSONG
    if jenis == "rupiah":
        return angka.format_rupiah(nilai)
    if jenis == "uang":
        return angka.format_angka(nilai, 0)
    if jenis == "persen":
        return angka.format_persen(nilai)
    if jenis == "angka":
        return format_bilangan(nilai)
    return str(nilai)


def format_bilangan(nilai: Decimal | None) -> str:
    """A count or an index as written in the LKjIP: no decimals when whole (`12`), else up to two (`86,4`)."""
    if nilai is None:
        return angka.KOSONG
    if nilai == nilai.to_integral_value():
        return angka.format_angka(nilai, 0)
    teks = angka.format_angka(nilai, 2)
    return teks.rstrip("0").rstrip(",")


def format_keluaran(nilai: Decimal | None, satuan: str) -> str:
    """`12 Dokumen`, `85%`, `383 Orang/Bulan`; en dash when missing."""
    if nilai is None:
        return angka.KOSONG
    teks = format_bilangan(nilai)
    if not satuan:
        return teks
    return f"{teks}{satuan}" if satuan == "%" else f"{teks} {satuan}"


def _persen_excel(nilai: Any, jenis: str) -> Any:
    # The workbook shows the figure the page shows: percentages rounded half-up to two decimals.
    if jenis == "persen" and isinstance(nilai, Decimal):
        return angka.bulatkan(nilai)
    return nilai


def xlsx(tabel: Tabel) -> bytes:
    kolom = [
        excel.KolomEkspor(k.judul, k.jenis if k.jenis != "keluaran" else "teks", k.lebar) for k in tabel.kolom
    ]
    baris: list[tuple[list[Any], str]] = []
    if tabel.nomor_kolom:
        baris.append((list(tabel.nomor_kolom), ""))
    for b in tabel.baris:
        nilai = [_persen_excel(v, k.jenis) for v, k in zip(b.sel, tabel.kolom, strict=True)]
        baris.append((nilai, "tebal" if b.gaya in {"sasaran", "unit", "program", "total"} else ""))
    return excel.tulis_tabel(
        judul=tabel.judul_lengkap,
        subjudul=tabel.subjudul,
        kolom=kolom,
        baris=baris,
        catatan=tabel.catatan,
        nama_sheet=f"Tabel {tabel.nomor}" if tabel.nomor else "Tabel",
    )


# --- builders ------------------------------------------------------------------------------------------------------


def tabel_2_5(data: queries.AnggaranPerSasaran) -> Tabel:
    """Anggaran per Sasaran Strategis: each sasaran's total and its programs with the unit carrying them."""
    t = Tabel(
        nomor="2.5",
        judul=f"Anggaran per Sasaran Strategis Tahun {data.tahun}",
        subjudul=str(data.renstra),
        kolom=[
            Kolom("No", lebar=6),
            Kolom("Sasaran Strategis/Program", lebar=60),
            Kolom("Pagu Anggaran (Rp.)", "rupiah", 22),
            Kolom("Realisasi (Rp.)", "rupiah", 22),
            Kolom("Capaian %", "persen", 12),
            Kolom("Perangkat Daerah", lebar=22),
        ],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)=(4)/(3)×100", ""],
    )
    for i, s in enumerate(data.sasaran, start=1):
        t.baris.append(
            Baris([f"Sasaran {i}", s.sasaran.uraian, s.pagu, s.realisasi, s.penyerapan, ""], "sasaran")
        )
        for j, p in enumerate(s.program, start=1):
            t.baris.append(Baris([f"{i}.{j}", p.nama, p.pagu, p.realisasi, p.penyerapan, p.unit], "program"))
    t.baris.append(
        Baris(["", "Jumlah", data.total.pagu, data.total.realisasi, data.total.penyerapan, ""], "total")
    )
    t.catatan = [TERTIMBANG, *data.catatan]
    return t


def tabel_3_17(data: queries.AnggaranPerSasaran) -> Tabel:
    """Program Prioritas dalam Pelaksanaan Sasaran Strategis: the programs of each sasaran with their budget."""
    t = Tabel(
        nomor="3.17",
        judul=f"Program Prioritas dalam Pelaksanaan Sasaran Strategis Tahun {data.tahun}",
        subjudul=str(data.renstra),
        kolom=[
            Kolom("No.", lebar=6),
            Kolom("Program Prioritas", lebar=60),
            Kolom("Pagu", "uang", 20),
            Kolom("Realisasi", "uang", 20),
            Kolom("%", "persen", 10),
        ],
        nomor_kolom=["1", "2", "3", "4", "5=4/3*100"],
    )
    for i, s in enumerate(data.sasaran, start=1):
        t.baris.append(Baris(["", f"Sasaran {i}: {s.sasaran.uraian}", None, None, None], "sasaran"))
        for j, p in enumerate(s.program, start=1):
            t.baris.append(
                Baris([f"{j}.", f"{p.nama} ({p.unit})", p.pagu, p.realisasi, p.penyerapan], "program")
            )
    t.catatan = [TERTIMBANG, *data.catatan]
    return t


_RUMUS_KOLOM = {
    efisiensi.MetodeEfisiensi.SELISIH: "5=3-4",
    efisiensi.MetodeEfisiensi.PENGHEMATAN: "5=(pagu−realisasi)/pagu×100",
    efisiensi.MetodeEfisiensi.INDEKS: "5=3/4",
}


def tabel_3_16(data: queries.TabelEfisiensi, *, tahun: int, ada_capaian: bool) -> Tabel:
    """Tingkat Efisiensi Penggunaan Sumber Daya, stating its method."""
    t = Tabel(
        nomor="3.16",
        judul=f"Tingkat Efisiensi Penggunaan Sumber Daya Tahun {tahun}",
        subjudul=f"Metode: {data.label}",
        kolom=[
            Kolom("No.", lebar=6),
            Kolom("Sasaran Strategis", lebar=60),
            Kolom("% Capaian Kinerja", "persen", 14),
            Kolom("% Penyerapan Anggaran", "persen", 14),
            Kolom("Tingkat Efisiensi", "persen", 14),
            Kolom("Efisien", lebar=10),
            Kolom("Rata-rata penyerapan program (tidak tertimbang)", "persen", 18),
        ],
        nomor_kolom=["1", "2", "3", "4", _RUMUS_KOLOM[data.metode], "", ""],
    )
    for i, b in enumerate(data.baris, start=1):
        efisien = {True: "Ya", False: "Tidak", None: angka.KOSONG}[b.hasil.efisien]
        t.baris.append(
            Baris(
                [
                    f"{i}.",
                    b.sasaran.uraian,
                    b.capaian,
                    b.penyerapan,
                    b.efisiensi,
                    efisien,
                    b.rata_rata_tidak_tertimbang,
                ]
            )
        )
    t.catatan = [
        f"Metode tingkat efisiensi: {data.label}.",
        TERTIMBANG,
        "Kolom terakhir adalah rata-rata tidak tertimbang dari penyerapan program, ditampilkan hanya sebagai "
        "pembanding; tingkat efisiensi memakai penyerapan tertimbang.",
    ]
    if not ada_capaian:
        t.catatan.append(
            "Capaian kinerja per sasaran belum tersedia (dihitung oleh modul pengukuran kinerja); "
            "tingkat efisiensi akan terisi setelah capaian tersedia."
        )
    keterangan = {b.hasil.keterangan for b in data.baris if b.hasil.nilai is None}
    t.catatan.extend(sorted(keterangan))
    return t


def tabel_3_18(data: queries.RealisasiPK) -> Tabel:
    """Realisasi Anggaran sesuai dengan Perjanjian Kinerja: per sasaran, indicators beside program budgets."""
    pk = data.perjanjian
    t = Tabel(
        nomor="3.18",
        judul=f"Realisasi Anggaran sesuai dengan Perjanjian Kinerja Tahun {pk.tahun}",
        subjudul=str(pk),
        kolom=[
            Kolom("No.", lebar=6),
            Kolom("Sasaran Strategis", lebar=40),
            Kolom("Indikator Sasaran", lebar=45),
            Kolom("Target", lebar=10),
            Kolom("Realisasi", "angka", 10),
            Kolom("% Capaian Kinerja", "persen", 10),
            Kolom("Program", lebar=40),
            Kolom("Pagu", "rupiah", 22),
            Kolom("Realisasi Anggaran", "rupiah", 22),
            Kolom("% Capaian Anggaran", "persen", 10),
        ],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "", "(7)", "(8)", "(9)"],
    )
    nomor = 0
    for blok in data.blok:
        if blok.sasaran is not None:
            nomor += 1
        for i, (ind, prog) in enumerate(blok.baris()):
            pertama = i == 0
            t.baris.append(
                Baris(
                    [
                        f"{nomor}." if pertama and blok.sasaran is not None else "",
                        (blok.sasaran.uraian if blok.sasaran else "Program tanpa keterkaitan sasaran")
                        if pertama
                        else "",
                        ind.nama if ind else "",
                        ind.target_teks if ind else "",
                        _realisasi(ind) if ind else None,
                        ind.capaian if ind else None,
                        f"{prog.nama} ({prog.unit})" if prog else "",
                        prog.pagu if prog else None,
                        prog.realisasi if prog else None,
                        prog.penyerapan if prog else None,
                    ],
                    "sasaran" if pertama else "",
                )
            )
    t.baris.append(
        Baris(
            [
                "",
                "Jumlah",
                "",
                "",
                None,
                None,
                "",
                data.total.pagu,
                data.total.realisasi,
                data.total.penyerapan,
            ],
            "total",
        )
    )
    t.catatan = [TERTIMBANG]
    for prog, pagu_pk in data.selisih_pagu_pk:
        t.catatan.append(
            f"Pagu {prog.nama} ({prog.unit}) pada Perjanjian Kinerja {angka.format_rupiah(pagu_pk)} berbeda dari "
            f"pagu anggaran {angka.format_rupiah(prog.pagu)}."
        )
    return t


def tabel_3_19(pohon: queries.PohonAnggaran) -> Tabel:
    """Realisasi Kinerja dan Anggaran per Program/Kegiatan/Sub Kegiatan, grouped by unit."""
    t = Tabel(
        nomor="3.19",
        judul=f"Realisasi Kinerja dan Anggaran per Program/Kegiatan/Sub Kegiatan Tahun {pohon.tahun}",
        kolom=[
            Kolom("Kode", lebar=20),
            Kolom("Program/Kegiatan/Sub Kegiatan", lebar=60),
            Kolom("Target", "keluaran", 16),
            Kolom("Realisasi", "keluaran", 16),
            Kolom("(%) Capaian", "persen", 10),
            Kolom("(Rp.) Pagu", "uang", 20),
            Kolom("(Rp.) Realisasi", "uang", 20),
            Kolom("(%) Capaian", "persen", 10),
        ],
        nomor_kolom=["", "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)=(6)/(5)×100"],
    )
    for simpul in pohon.baris():
        k = simpul.kinerja
        nama = simpul.nama.upper() if simpul.tingkat in {"unit", "program"} else simpul.nama
        t.baris.append(
            Baris(
                [
                    "" if simpul.tingkat == "unit" else simpul.kode,
                    nama,
                    format_keluaran(k.target, k.satuan) if k else "",
                    format_keluaran(k.realisasi, k.satuan) if k else "",
                    k.capaian if k else None,
                    simpul.pagu,
                    simpul.realisasi,
                    simpul.penyerapan,
                ],
                simpul.tingkat,
            )
        )
    t.baris.append(
        Baris(
            ["", "JUMLAH", "", "", None, pohon.total.pagu, pohon.total.realisasi, pohon.total.penyerapan],
            "total",
        )
    )
    for jenis in JenisBelanja:
        total = pohon.per_jenis[jenis.value]
        t.baris.append(
            Baris(["", jenis.label, "", "", None, total.pagu, total.realisasi, total.penyerapan], "total")
        )
    t.catatan = [
        TERTIMBANG,
        "Capaian kinerja = realisasi / target × 100, dihitung ulang dari target dan realisasi keluaran.",
    ]
    return t
