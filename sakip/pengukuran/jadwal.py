"""Which realisasi periods an indicator owes, by its reporting frequency, and when each falls due.

Pure: no Django. Periods are the codes of `pengukuran.models.Periode`: months B01–B12, quarters TW1–TW4, TAHUN.

A monthly indicator is entered per month (B01–B12); its quarters and its year are aggregated from the months by the
indicator's rule (`capaian.agregasi_bulanan`, then `capaian.agregasi_tahunan`), so the Rencana Aksi monev still
compares quarters. A semester is reported in the quarter that closes it (TW2, TW4), as the survey results already are
(`survei.models.PERIODE_REALISASI`): a semester value is then a quarter value for the aggregation, the monev, the locks
and the national SQL rekap, with no period code of its own to keep in step.
"""

from __future__ import annotations

import datetime as dt

BULANAN, TRIWULANAN, SEMESTERAN, TAHUNAN = "bulanan", "triwulanan", "semesteran", "tahunan"
TAHUN = "TAHUN"
TRIWULAN = ("TW1", "TW2", "TW3", "TW4")
BULAN = tuple(f"B{n:02d}" for n in range(1, 13))
NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

_WAJIB: dict[str, tuple[str, ...]] = {
    BULANAN: BULAN,
    TRIWULANAN: TRIWULAN,
    SEMESTERAN: ("TW2", "TW4"),
    TAHUNAN: (TAHUN,),
}

LABEL_PERIODE = {
    **dict(zip(BULAN, NAMA_BULAN, strict=True)),
    "TW1": "Triwulan I",
    "TW2": "Triwulan II",
    "TW3": "Triwulan III",
    "TW4": "Triwulan IV",
    TAHUN: "Tahunan",
}
LABEL_SEMESTER = {"TW2": "Semester I (Triwulan II)", "TW4": "Semester II (Triwulan IV)"}


def periode_wajib(frekuensi: str) -> tuple[str, ...]:
    """The periods an indicator must report in a year."""
    return _WAJIB.get(frekuensi, TRIWULAN)


def periode_boleh(frekuensi: str) -> tuple[str, ...]:
    """The periods that may be entered: the due ones, and for a sub-yearly indicator also the year's own value
    (a figure published as a whole, e.g. in last year's LKjIP)."""
    wajib = periode_wajib(frekuensi)
    return wajib if wajib == (TAHUN,) else (*wajib, TAHUN)


def label(periode: str, frekuensi: str = TRIWULANAN) -> str:
    if frekuensi == SEMESTERAN and periode in LABEL_SEMESTER:
        return LABEL_SEMESTER[periode]
    return LABEL_PERIODE.get(periode, periode)


def bulan_ke(periode: str) -> int | None:
    """The month number (1–12) of a monthly period code, else None."""
    return BULAN.index(periode) + 1 if periode in BULAN else None


def triwulan_dari(periode: str) -> str | None:
    """The quarter a month or a quarter falls in (B05 → TW2, TW3 → TW3); None for the year."""
    if periode in TRIWULAN:
        return periode
    bulan = bulan_ke(periode)
    return None if bulan is None else TRIWULAN[(bulan - 1) // 3]


def bulan_dalam(triwulan: str) -> tuple[str, ...]:
    """The three months of a quarter (TW2 → B04, B05, B06)."""
    awal = TRIWULAN.index(triwulan) * 3
    return BULAN[awal : awal + 3]


def akhir_periode(tahun: int, periode: str) -> dt.date:
    """The last day of a period."""
    if periode == TAHUN:
        return dt.date(tahun, 12, 31)
    bulan = bulan_ke(periode) or TRIWULAN.index(periode) * 3 + 3
    return (dt.date(tahun, bulan, 1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def tenggat(tahun: int, periode: str, hari: int) -> dt.date:
    """The deadline of a period: `hari` days after its end."""
    return akhir_periode(tahun, periode) + dt.timedelta(days=hari)
