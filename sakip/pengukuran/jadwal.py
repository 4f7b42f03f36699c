"""Which realisasi periods an indicator owes, by its reporting frequency, and when each falls due.

Pure: no Django. Periods are the codes of `pengukuran.models.Periode` (TW1–TW4, TAHUN).

Monthly indicators report per quarter: the realisasi periods, the capaian aggregation (`capaian.agregasi_tahunan`) and
the national SQL rekap are keyed to the four quarters, so a month of its own would need all three to change together.
A semester is reported in the quarter that closes it (TW2, TW4), as the survey results already are.
"""

from __future__ import annotations

import datetime as dt

BULANAN, TRIWULANAN, SEMESTERAN, TAHUNAN = "bulanan", "triwulanan", "semesteran", "tahunan"
TAHUN = "TAHUN"
TRIWULAN = ("TW1", "TW2", "TW3", "TW4")

_WAJIB: dict[str, tuple[str, ...]] = {
    BULANAN: TRIWULAN,
    TRIWULANAN: TRIWULAN,
    SEMESTERAN: ("TW2", "TW4"),
    TAHUNAN: (TAHUN,),
}

LABEL_PERIODE = {
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


def akhir_periode(tahun: int, periode: str) -> dt.date:
    """The last day of a period."""
    if periode == TAHUN:
        return dt.date(tahun, 12, 31)
    bulan = TRIWULAN.index(periode) * 3 + 3
    return (dt.date(tahun, bulan, 1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def tenggat(tahun: int, periode: str, hari: int) -> dt.date:
    """The deadline of a period: `hari` days after its end."""
    return akhir_periode(tahun, periode) + dt.timedelta(days=hari)
