"""The analysis of BAB III put into words, from the figures the tables already show.

Pure: plain values in, Indonesian sentences out, no Django. Every number in a sentence is formatted exactly as the
table beside it formats the same value (`sakip.lib.angka`, 2 decimals half-up), so a reader can find it there; the
sentences only say what the figures say (rise or fall against the previous year, the trend, the distance to the
Renstra end target, efficiency, the programs behind a sasaran) and never guess causes: those are the unit's own
narrative, printed after these sentences.

For an indicator whose lower values are better (polaritas negatif) a rise is said to be a worsening; for a band
(stabil) no direction is judged.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.lib import angka

SERATUS = Decimal(100)


@dataclass(frozen=True)
class Titik:
    """The realisasi of one year: a number, a predikat, or nothing."""

    tahun: int
    nilai: Decimal | None = None
    predikat: str = ""

    @property
    def ada(self) -> bool:
        return self.nilai is not None or bool(self.predikat)

    @property
    def teks(self) -> str:
        return self.predikat or angka.format_angka(self.nilai)


@dataclass(frozen=True)
class FaktaIndikator:
    nama: str
    satuan: str
    tahun: int
    polaritas: str  # "positif", "negatif", "stabil" (pengukuran.capaian.Polaritas)
    target_teks: str
    realisasi: Titik
    capaian: Decimal | None
    kategori: str  # the category label of the pemda's scale, "" when there is no capaian
    riwayat: list[Titik] = field(
        default_factory=list
    )  # earlier years, oldest first (the report year excluded)
    perubahan: Decimal | None = None  # % change vs the previous year, as Tabel b computes it
    target_akhir: Decimal | None = None
    target_akhir_teks: str = ""
    tahun_akhir: int | None = None  # last year of the Renstra
    kemajuan: Decimal | None = None  # tingkat kemajuan vs the end target, %
    keterangan: str = ""  # why the capaian is missing, from the computation
    dokumen: str = "Renstra"  # the plan whose end target is meant: "Renstra" (a unit), "RPJMD" (the pemda)


@dataclass(frozen=True)
class ProgramSasaran:
    nama: str
    penyerapan: Decimal | None


@dataclass(frozen=True)
class FaktaSasaran:
    uraian: str
    jumlah_indikator: int
    tercapai: int  # indicators with capaian >= 100
    terukur: int  # indicators with a capaian
    capaian: Decimal | None
    kategori: str
    efisiensi: Decimal | None = None
    efisien: bool | None = None
    program: list[ProgramSasaran] = field(default_factory=list)


def _persen(nilai: Decimal | None) -> str:
    return angka.format_persen(nilai)


def _satuan(satuan: str) -> str:
    return "" if not satuan or satuan == "%" else f" {satuan}"


def _dengan_satuan(teks: str, satuan: str) -> str:
    if satuan == "%":
        return f"{teks}%"
    return f"{teks}{_satuan(satuan)}"


def _arah(f: FaktaIndikator, naik: bool) -> str:
    """'membaik' or 'memburuk' for a rise or fall, by the indicator's polarity; '' for a band."""
    if f.polaritas == "stabil":
        return ""
    baik = naik if f.polaritas == "positif" else not naik
    return "membaik" if baik else "memburuk"


def kalimat_capaian(f: FaktaIndikator) -> str:
    """Achievement against the year's target."""
    if not f.realisasi.ada:
        return (
            f"Realisasi indikator {f.nama} Tahun {f.tahun} belum tersedia, sehingga capaiannya terhadap target "
            f"{_dengan_satuan(f.target_teks, f.satuan)} belum dapat dihitung."
        )
    if f.realisasi.predikat:
        awal = (
            f"Indikator {f.nama} Tahun {f.tahun} ditargetkan berpredikat \u201c{f.target_teks}\u201d dan "
            f"memperoleh predikat \u201c{f.realisasi.predikat}\u201d"
        )
    else:
        awal = (
            f"Indikator {f.nama} Tahun {f.tahun} ditargetkan {_dengan_satuan(f.target_teks, f.satuan)} dan "
            f"terealisasi {_dengan_satuan(f.realisasi.teks, f.satuan)}"
        )
    if f.capaian is None:
        alasan = f" ({f.keterangan.rstrip('.')})" if f.keterangan else ""
        return f"{awal}; capaiannya tidak dapat dihitung{alasan}."
    if f.capaian > SERATUS:
        hasil = "melampaui target"
    elif f.capaian == SERATUS:
        hasil = "tepat mencapai target"
    else:
        hasil = f"belum mencapai target, kurang {angka.format_angka(SERATUS - f.capaian)} poin persen"
    kategori = f" dengan kategori {f.kategori}" if f.kategori else ""
    return f"{awal}, sehingga capaiannya {_persen(f.capaian)}%{kategori}: {hasil}."


def kalimat_tahun_lalu(f: FaktaIndikator) -> str:
    """The change against the previous year, as Tabel b's last column."""
    lalu = next((t for t in f.riwayat if t.tahun == f.tahun - 1), None)
    if not f.realisasi.ada:
        return ""
    if lalu is None or not lalu.ada:
        return f"Realisasi Tahun {f.tahun - 1} tidak tersedia, sehingga perbandingan dengan tahun lalu belum dapat dilakukan."
    if f.realisasi.predikat or lalu.predikat:
        if f.realisasi.teks == lalu.teks:
            return f"Predikat ini sama dengan Tahun {f.tahun - 1} (\u201c{lalu.teks}\u201d)."
        return f"Pada Tahun {f.tahun - 1} predikatnya \u201c{lalu.teks}\u201d."
    sekarang, dulu = f.realisasi.nilai, lalu.nilai
    if sekarang is None or dulu is None:
        return ""
    awal = f"Dibandingkan Tahun {f.tahun - 1} ({_dengan_satuan(lalu.teks, f.satuan)}), realisasi"
    if sekarang == dulu:
        return f"{awal} tetap sama."
    naik = sekarang > dulu
    gerak = "naik" if naik else "turun"
    if f.perubahan is not None:
        besar = f" {angka.format_angka(abs(f.perubahan))}%"
    else:  # the previous year was 0: no percentage, the difference itself
        besar = f" sebesar {_dengan_satuan(angka.format_angka(abs(sekarang - dulu)), f.satuan)}"
    arah = _arah(f, naik)
    return f"{awal} {gerak}{besar}" + (f" ({arah})." if arah else ".")


def kalimat_tren(f: FaktaIndikator) -> str:
    """The direction over the years shown in Tabel b, when at least three years have numeric values."""
    titik = [t for t in [*f.riwayat, f.realisasi] if t.nilai is not None and not t.predikat]
    if len(titik) < 3 or titik[-1].tahun != f.tahun:
        return ""
    nilai = [t.nilai for t in titik if t.nilai is not None]
    selisih = [b - a for a, b in itertools.pairwise(nilai)]
    pertama, terakhir = titik[0], titik[-1]
    rentang = (
        f"dari {_dengan_satuan(pertama.teks, f.satuan)} ({pertama.tahun}) menjadi "
        f"{_dengan_satuan(terakhir.teks, f.satuan)} ({terakhir.tahun})"
    )
    if all(s > 0 for s in selisih):
        pola, naik = "terus meningkat", True
    elif all(s < 0 for s in selisih):
        pola, naik = "terus menurun", False
    elif all(s == 0 for s in selisih):
        return f"Selama Tahun {pertama.tahun}\u2013{terakhir.tahun} realisasi tetap {_dengan_satuan(terakhir.teks, f.satuan)}."
    else:
        pola, naik = "berfluktuasi", nilai[-1] > nilai[0]
    arah = _arah(f, naik) if pola != "berfluktuasi" else ""
    akhir = f", {arah}" if arah else ""
    return f"Selama Tahun {pertama.tahun}\u2013{terakhir.tahun} realisasi {pola}, {rentang}{akhir}."


def kalimat_target_akhir(f: FaktaIndikator) -> str:
    """Progress to the Renstra end target and what remains per year."""
    if f.target_akhir is None or f.tahun_akhir is None or f.realisasi.nilai is None or f.realisasi.predikat:
        return ""
    akhir = _dengan_satuan(f.target_akhir_teks or angka.format_angka(f.target_akhir), f.satuan)
    kemajuan = f" (tingkat kemajuan {_persen(f.kemajuan)}%)" if f.kemajuan is not None else ""
    if f.kemajuan is not None and f.kemajuan >= SERATUS:
        return f"Realisasi ini telah mencapai target akhir {f.dokumen} Tahun {f.tahun_akhir} sebesar {akhir}{kemajuan}."
    if f.polaritas == "stabil":
        return f"Target akhir {f.dokumen} Tahun {f.tahun_akhir} adalah {akhir}{kemajuan}."
    naik = f.polaritas == "positif"
    sisa = abs(f.target_akhir - f.realisasi.nilai)
    gerak = "peningkatan" if naik else "penurunan"
    if f.tahun >= f.tahun_akhir:
        return (
            f"Target akhir {f.dokumen} Tahun {f.tahun_akhir} sebesar {akhir} tidak tercapai pada akhir periode"
            f"{kemajuan}; selisihnya {_dengan_satuan(angka.format_angka(sisa), f.satuan)}."
        )
    sisa_tahun = f.tahun_akhir - f.tahun
    per_tahun = sisa / sisa_tahun
    return (
        f"Terhadap target akhir {f.dokumen} Tahun {f.tahun_akhir} sebesar {akhir}{kemajuan}, masih diperlukan "
        f"{gerak} {_dengan_satuan(angka.format_angka(sisa), f.satuan)} dalam {sisa_tahun} tahun tersisa, "
        f"rata-rata {_dengan_satuan(angka.format_angka(per_tahun), f.satuan)} per tahun."
    )


def paragraf_indikator(f: FaktaIndikator) -> list[str]:
    """The generated paragraph(s) of one indicator, in reading order; empty sentences left out."""
    pertama = " ".join(s for s in (kalimat_capaian(f), kalimat_tahun_lalu(f)) if s)
    kedua = " ".join(s for s in (kalimat_tren(f), kalimat_target_akhir(f)) if s)
    return [p for p in (pertama, kedua) if p]


def paragraf_sasaran(f: FaktaSasaran) -> list[str]:
    """The opening of a sasaran's section: its capaian, how many indicators reached target, efficiency, programs."""
    if f.capaian is None:
        pembuka = (
            f"Sasaran ini diukur dengan {f.jumlah_indikator} indikator kinerja. Capaian sasaran belum dapat "
            "dihitung karena belum ada indikator yang realisasinya tersedia."
        )
    else:
        belum = f.jumlah_indikator - f.terukur
        tanpa = f"; {belum} indikator belum memiliki realisasi" if belum else ""
        kategori = f" dengan kategori {f.kategori}" if f.kategori else ""
        pembuka = (
            f"Sasaran ini diukur dengan {f.jumlah_indikator} indikator kinerja dengan capaian sasaran "
            f"{_persen(f.capaian)}%{kategori}. Sebanyak {f.tercapai} dari {f.terukur} indikator yang terukur "
            f"mencapai atau melampaui target{tanpa}."
        )
    kalimat = [pembuka]
    if f.efisiensi is not None:
        sifat = {True: "efisien", False: "belum efisien", None: ""}[f.efisien]
        kalimat.append(
            f"Tingkat efisiensi penggunaan anggaran sasaran ini {_persen(f.efisiensi)}%"
            + (f" ({sifat})." if sifat else ".")
        )
    if f.program:
        daftar = "; ".join(
            f"{p.nama} (penyerapan {_persen(p.penyerapan)}%)" if p.penyerapan is not None else p.nama
            for p in f.program
        )
        jumlah = "satu program" if len(f.program) == 1 else f"{len(f.program)} program"
        kalimat.append(f"Sasaran ini didukung oleh {jumlah}: {daftar}.")
        terukur = [p for p in f.program if p.penyerapan is not None]
        if len(terukur) > 1:
            rendah = min(terukur, key=lambda p: p.penyerapan or Decimal(0))
            kalimat.append(f"Penyerapan terendah pada {rendah.nama} ({_persen(rendah.penyerapan)}%).")
    return [" ".join(kalimat)]
