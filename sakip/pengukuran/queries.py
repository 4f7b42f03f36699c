"""Reads for measurement pages: the capaian table of a Renstra and year, completeness, history.

Each function reads a fixed number of queries whatever the number of indicators, and computes with the pure
`capaian` module at full precision.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, prefetch_related_objects

from sakip.lib import rumus, skala
from sakip.pengukuran import capaian, jadwal, monev
from sakip.pengukuran.models import (
    BULAN,
    TRIWULAN,
    PengaturanPengukuran,
    Periode,
    Realisasi,
    pengaturan_banyak,
    pengaturan_untuk,
    skala_pemda,
)
from sakip.perencanaan.models import (
    Indikator,
    PerjanjianKinerja,
    PKIndikator,
    RencanaStrategis,
    Sasaran,
    Target,
)


@dataclass
class TargetTahun:
    nilai: Decimal | None = None
    nilai_atas: Decimal | None = None
    predikat: str = ""
    sumber: str = ""  # "PK" or "Renstra"

    @property
    def ada(self) -> bool:
        return self.nilai is not None or bool(self.predikat)


@dataclass
class BarisCapaian:
    indikator: Indikator
    target: TargetTahun
    realisasi: Decimal | None
    realisasi_predikat: str
    hasil: capaian.HasilCapaian
    ditampilkan: Decimal | None  # after the pemda's cap, if any
    kategori: skala.Pita | None
    lampu: skala.Pita | None
    status: str = ""
    periode_terisi: list[str] = field(default_factory=list)

    @property
    def realisasi_teks(self) -> str:
        from sakip.lib import angka

        return self.realisasi_predikat or angka.format_angka(self.realisasi)

    @property
    def target_teks(self) -> str:
        from sakip.lib import angka

        if self.target.predikat:
            return self.target.predikat
        if self.target.nilai_atas is not None:
            return f"{angka.format_angka(self.target.nilai)} – {angka.format_angka(self.target.nilai_atas)}"
        return angka.format_angka(self.target.nilai)


@dataclass
class SasaranCapaian:
    sasaran: Sasaran
    baris: list[BarisCapaian]
    rollup: capaian.HasilRollup
    kategori: skala.Pita | None


@dataclass
class TabelCapaian:
    renstra: RencanaStrategis
    tahun: int
    sasaran: list[SasaranCapaian]
    unit: capaian.HasilRollup
    kategori_unit: skala.Pita | None
    pengaturan: PengaturanPengukuran
    skala: skala.Skala

    @property
    def baris(self) -> list[BarisCapaian]:
        return [b for s in self.sasaran for b in s.baris]


def _skala(pengaturan: PengaturanPengukuran) -> skala.Skala:
    """The category scale the settings name (the pemda's own or a shipped one)."""
    found = getattr(pengaturan, "skala_objek", None)
    return found if found is not None else skala_pemda(pengaturan.pemda_id, pengaturan.skala_kategori)


def _lampu(pengaturan: PengaturanPengukuran) -> skala.Skala:
    """The traffic-light scale the settings name."""
    found = getattr(pengaturan, "lampu_objek", None)
    return found if found is not None else skala_pemda(pengaturan.pemda_id, pengaturan.skala_lampu)


def _klasifikasi(s: skala.Skala, nilai: Decimal | None) -> skala.Pita | None:
    return None if nilai is None else s.klasifikasi(nilai)


def nilai_tepat(indikator: Indikator, r: Realisasi) -> Decimal | None:
    """A realisasi at full precision: recomputed from its formula inputs when it has them (the stored column
    keeps 6 decimals), else the stored value."""
    if r.masukan and indikator.pakai_rumus:
        return rumus.hitung(indikator.formulasi, {k: Decimal(v) for k, v in r.masukan.items()})
    return r.nilai


def nilai_triwulan(
    indikator: Indikator,
    rows: Iterable[Realisasi],
    nilai: Callable[[Realisasi], Decimal | None] | None = None,
) -> dict[int, Decimal]:
    """Each quarter's value (keys 1–4) of a numeric indicator. A monthly indicator's quarter is its months aggregated
    by the indicator's rule (`capaian.agregasi_bulanan`), or, for a quarter without any month, a quarter value entered
    before the indicator became monthly; any other indicator's quarter is its own entry, or its months when it has
    none (entered while it was monthly). `nilai` reads a row's value (default: the stored column)."""
    baca = nilai or (lambda r: r.nilai)
    triwulan: dict[int, Decimal] = {}
    bulan: dict[int, Decimal] = {}
    for r in rows:
        v = baca(r) if r.terisi else None
        if v is None:
            continue
        if r.periode in TRIWULAN:
            triwulan[TRIWULAN[r.periode]] = v
        elif r.periode in BULAN:
            bulan[BULAN[r.periode]] = v
    if not bulan:
        return triwulan
    dari_bulan = capaian.agregasi_bulanan(bulan, capaian.Agregasi(indikator.agregasi))
    if indikator.frekuensi == jadwal.BULANAN:
        return {**triwulan, **dari_bulan}
    return {**dari_bulan, **triwulan}


def realisasi_tahunan(
    indikator: Indikator, rows: Iterable[Realisasi]
) -> tuple[Decimal | None, str, list[str]]:
    """The year's value: the yearly entry if there is one, else the quarters (a monthly indicator's aggregated from
    its months, `nilai_triwulan`) aggregated by the indicator's rule."""
    rows = [r for r in rows if r.terisi]
    periode = [r.periode for r in rows]
    tahunan = next((r for r in rows if r.periode == Periode.TAHUN), None)
    if tahunan is not None:
        return nilai_tepat(indikator, tahunan), tahunan.nilai_predikat, periode
    sub = [r for r in rows if r.periode in TRIWULAN or r.periode in BULAN]
    if not sub:
        return None, "", periode
    if indikator.is_predikat:
        # The last period reported (by its end date; a month before the quarter it closes for a monthly one).
        bulanan = indikator.frekuensi == jadwal.BULANAN
        terakhir = max(
            sub, key=lambda r: (jadwal.akhir_periode(2000, r.periode), (r.periode in BULAN) == bulanan)
        )
        return None, terakhir.nilai_predikat, periode
    nilai = capaian.agregasi_tahunan(nilai_triwulan(indikator, sub), capaian.Agregasi(indikator.agregasi))
    return nilai, "", periode


def hitung_baris(
    indikator: Indikator,
    target: TargetTahun,
    nilai: Decimal | None,
    predikat: str,
    pengaturan: PengaturanPengukuran,
) -> tuple[capaian.HasilCapaian, Decimal | None]:
    """Capaian of one indicator (raw) and the value shown after the pemda's cap."""
    polaritas = capaian.Polaritas(indikator.polaritas)
    if not target.ada:
        hasil = capaian.HasilCapaian(None, capaian.Kasus.KOSONG, "Target belum ditetapkan")
    elif indikator.is_predikat:
        hasil = capaian.hitung_predikat(
            realisasi=predikat or None, target=target.predikat, skala=indikator.skala_predikat
        )
    elif target.nilai_atas is not None and target.nilai is not None:
        hasil = capaian.hitung_rentang(
            realisasi=nilai, target_bawah=target.nilai, target_atas=target.nilai_atas, polaritas=polaritas
        )
    else:
        assert target.nilai is not None
        hasil = capaian.hitung(realisasi=nilai, target=target.nilai, polaritas=polaritas)
    return hasil, capaian.terapkan_batas(hasil.nilai, pengaturan.batas_capaian)


def target_tahun(renstra_ids: list[int], tahun: int) -> dict[int, TargetTahun]:
    """Targets of a year per indicator: the PK in force first, else the Renstra target (two queries)."""
    return _target_tahun(Q(indikator__renstra_id__in=renstra_ids), tahun)


def target_tahun_indikator(indikator_ids: list[int], tahun: int) -> dict[int, TargetTahun]:
    """`target_tahun` for the given indicators only."""
    return _target_tahun(Q(indikator_id__in=indikator_ids), tahun)


def _target_tahun(pilih: Q, tahun: int) -> dict[int, TargetTahun]:
    hasil: dict[int, TargetTahun] = {}
    for ind_id, nilai, nilai_atas, predikat in Target.objects.filter(pilih, tahun=tahun).values_list(
        "indikator_id", "nilai", "nilai_atas", "predikat"
    ):
        hasil[ind_id] = TargetTahun(nilai, nilai_atas, predikat, "Renstra")
    # The newest version last, so that it wins if a year has two PK in force (the SQL rekap picks the same).
    lines = (
        PKIndikator.objects.filter(pilih, perjanjian__tahun=tahun)
        .exclude(perjanjian__status=PerjanjianKinerja.Status.DIGANTI)
        .order_by("perjanjian__versi", "pk")
        .values_list("indikator_id", "target", "target_predikat")
    )
    for ind_id, target, predikat in lines:
        lama = hasil.get(ind_id, TargetTahun())
        hasil[ind_id] = TargetTahun(target, lama.nilai_atas, predikat, "PK")
    return hasil


class _NilaiRealisasi:
    """The fields of a realisasi that `realisasi_tahunan` and a capaian row read, without the cost of a model
    instance (the rebuild of the kept capaian reads 1,6 million of them)."""

    __slots__ = ("masukan", "nilai", "nilai_predikat", "periode", "status")

    def __init__(
        self, periode: str, nilai: Decimal | None, nilai_predikat: str, masukan: dict[str, str], status: str
    ) -> None:
        self.periode, self.nilai, self.nilai_predikat = periode, nilai, nilai_predikat
        self.masukan, self.status = masukan, status

    @property
    def terisi(self) -> bool:
        return self.nilai is not None or bool(self.nilai_predikat)

    def get_status_display(self) -> str:
        return str(Realisasi.Status(self.status).label)


def tabel_capaian_banyak(renstra_list: list[RencanaStrategis], tahun: int) -> list[TabelCapaian]:
    """The capaian tables of several Renstra for a year, in a fixed number of queries."""
    if not renstra_list:
        return []
    ids = [r.pk for r in renstra_list]
    indikator = list(
        Indikator.objects.filter(renstra_id__in=ids, sasaran__isnull=False)
        .select_related("sasaran", "penanggung_jawab")
        .order_by("sasaran__urutan", "urutan", "kode")
    )
    per_renstra: dict[int, list[Indikator]] = defaultdict(list)
    for ind in indikator:
        per_renstra[ind.renstra_id].append(ind)
    target = target_tahun(ids, tahun)
    realisasi: dict[int, list[Any]] = defaultdict(list)
    for ind_id, *kolom in Realisasi.objects.filter(indikator__renstra_id__in=ids, tahun=tahun).values_list(
        "indikator_id", "periode", "nilai", "nilai_predikat", "masukan", "status"
    ):
        realisasi[ind_id].append(_NilaiRealisasi(*kolom))
    pengaturan = pengaturan_banyak({r.unit_kerja.pemda_id for r in renstra_list}, tahun)

    tabel = []
    for renstra in renstra_list:
        atur = pengaturan[renstra.unit_kerja.pemda_id]
        sk, lampu = _skala(atur), _lampu(atur)
        kebijakan = capaian.KebijakanKosong(atur.kebijakan_kosong)
        per_sasaran: dict[int, list[BarisCapaian]] = defaultdict(list)
        sasaran_obj: dict[int, Sasaran] = {}
        for ind in per_renstra.get(renstra.pk, []):
            rows = realisasi.get(ind.pk, [])
            nilai, predikat, periode = realisasi_tahunan(ind, rows)
            tgt = target.get(ind.pk, TargetTahun())
            hasil, tampil = hitung_baris(ind, tgt, nilai, predikat, atur)
            status = next((r.get_status_display() for r in rows if r.periode == Periode.TAHUN), "")
            per_sasaran[ind.sasaran_id].append(
                BarisCapaian(
                    ind,
                    tgt,
                    nilai,
                    predikat,
                    hasil,
                    tampil,
                    _klasifikasi(sk, hasil.nilai),
                    _klasifikasi(lampu, hasil.nilai),
                    status,
                    periode,
                )
            )
            sasaran_obj[ind.sasaran_id] = ind.sasaran
        items = [
            capaian.ItemCapaian(sasaran=str(sid), indikator=b.indikator.kode, capaian=b.hasil.nilai)
            for sid, baris in per_sasaran.items()
            for b in baris
        ]
        rollup_s = capaian.rollup_sasaran(items, kebijakan=kebijakan, batas=atur.batas_capaian)
        daftar = [
            SasaranCapaian(
                sasaran_obj[sid], baris, rollup_s[str(sid)], _klasifikasi(sk, rollup_s[str(sid)].nilai)
            )
            for sid, baris in sorted(
                per_sasaran.items(), key=lambda kv: (sasaran_obj[kv[0]].urutan, sasaran_obj[kv[0]].kode)
            )
        ]
        unit = capaian.rollup_unit(
            items,
            metode=capaian.MetodeRollup(atur.metode_rollup),
            kebijakan=kebijakan,
            batas=atur.batas_capaian,
        )
        tabel.append(TabelCapaian(renstra, tahun, daftar, unit, _klasifikasi(sk, unit.nilai), atur, sk))
    return tabel


def tabel_capaian(renstra: RencanaStrategis, tahun: int) -> TabelCapaian:
    return tabel_capaian_banyak([renstra], tahun)[0]


def renstra_berlaku(queryset: Any, tahun: int) -> list[RencanaStrategis]:
    """The Renstra (of the units in the queryset) whose period covers the year."""
    return list(
        queryset.filter(tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
        .select_related("unit_kerja__pemda")
        .order_by("unit_kerja__jalur")
    )


# --- History and progress ------------------------------------------------------------------------------------------


@dataclass
class TitikRiwayat:
    tahun: int
    realisasi: Decimal | None
    predikat: str
    target: TargetTahun
    perubahan: Decimal | None  # vs the previous year, %


def riwayat_indikator(indikator: Indikator, tahun: int, jumlah: int = 5) -> list[TitikRiwayat]:
    """Realisasi and targets of the last `jumlah` years up to `tahun`, with the change vs the previous year."""
    return riwayat_banyak([indikator], tahun, jumlah)[indikator.pk]


def riwayat_banyak(
    indikator: Sequence[Indikator], tahun: int, jumlah: int = 5
) -> dict[int, list[TitikRiwayat]]:
    """`riwayat_indikator` of many indicators at once, keyed by indicator id: one realisasi query for all of them,
    plus one target query unless the targets are already prefetched (`prefetch_related("target")`)."""
    tahun_list = list(range(tahun - jumlah + 1, tahun + 1))
    if not indikator:
        return {}
    prefetch_related_objects(list(indikator), "target")
    rows: dict[tuple[int, int], list[Realisasi]] = defaultdict(list)
    for r in Realisasi.objects.filter(indikator__in=[i.pk for i in indikator], tahun__in=tahun_list):
        rows[(r.indikator_id, r.tahun)].append(r)
    hasil: dict[int, list[TitikRiwayat]] = {}
    for ind in indikator:
        targets = {
            t.tahun: TargetTahun(t.nilai, t.nilai_atas, t.predikat, "Renstra") for t in ind.target.all()
        }
        titik: list[TitikRiwayat] = []
        sebelumnya: Decimal | None = None
        for th in tahun_list:
            nilai, predikat, _ = realisasi_tahunan(ind, rows.get((ind.pk, th), []))
            titik.append(
                TitikRiwayat(
                    th,
                    nilai,
                    predikat,
                    targets.get(th, TargetTahun()),
                    capaian.perubahan_tahunan(nilai, sebelumnya),
                )
            )
            sebelumnya = nilai
        hasil[ind.pk] = titik
    return hasil


# --- Completeness -------------------------------------------------------------------------------------------------


def akhir_triwulan(tahun: int, tw: int) -> dt.date:
    return jadwal.akhir_periode(tahun, jadwal.TRIWULAN[tw - 1])


def tenggat(tahun: int, tw: int, hari: int) -> dt.date:
    return jadwal.tenggat(tahun, jadwal.TRIWULAN[tw - 1], hari)


@dataclass
class SelKelengkapan:
    periode: str
    terisi: bool
    status: str
    terlambat: bool
    tenggat: dt.date
    label: str = ""
    realisasi: Realisasi | None = None
    # A sub-yearly indicator whose year's value was entered as a whole (e.g. from a published LKjIP).
    tercakup_tahunan: bool = False

    @property
    def jatuh_tempo(self) -> bool:
        return self.terlambat or self.terisi or self.tercakup_tahunan


@dataclass
class BarisKelengkapan:
    indikator: Indikator
    unit: Any
    sel: list[SelKelengkapan]
    # Every realisasi of the indicator in the year, also of periods not due (e.g. the year's own value).
    realisasi: list[Realisasi] = field(default_factory=list)

    @property
    def jumlah_terlambat(self) -> int:
        return sum(1 for s in self.sel if s.terlambat)


@dataclass
class RingkasanUnit:
    """Completeness of one reporting unit: of the periods whose deadline has passed, how many are filled."""

    unit: Any
    jatuh_tempo: int = 0
    terisi: int = 0
    terlambat: int = 0
    indikator: int = 0

    @property
    def persen(self) -> Decimal | None:
        if not self.jatuh_tempo:
            return None
        return Decimal(self.jatuh_tempo - self.terlambat) * 100 / Decimal(self.jatuh_tempo)


def kelengkapan(
    indikator_qs: Any, tahun: int, hari_ini: dt.date, hari_tenggat: int | None = None
) -> list[BarisKelengkapan]:
    """The periods each sasaran indicator of a Renstra in force in `tahun` owes by its reporting frequency, filled or
    not; overdue when empty after the period's deadline. A sub-yearly indicator whose year's value is entered is
    not chased for its quarters (the year was reported as a whole). Three queries, plus one per pemda for its
    deadline setting."""
    indikator = list(
        indikator_qs.filter(
            sasaran__isnull=False, renstra__tahun_mulai__lte=tahun, renstra__tahun_selesai__gte=tahun
        )
        .select_related("penanggung_jawab", "renstra__unit_kerja")
        .order_by("renstra__unit_kerja__jalur", "urutan", "kode")
    )
    semua: dict[int, list[Realisasi]] = defaultdict(list)
    ada: dict[tuple[int, str], Realisasi] = {}
    for r in Realisasi.objects.filter(indikator__in=[i.pk for i in indikator], tahun=tahun):
        ada[(r.indikator_id, r.periode)] = r
        semua[r.indikator_id].append(r)
    hari_by_pemda: dict[int, int] = {}
    hasil = []
    for ind in indikator:
        unit = ind.penanggung_jawab or ind.renstra.unit_kerja
        if hari_tenggat is None and unit.pemda_id not in hari_by_pemda:
            hari_by_pemda[unit.pemda_id] = pengaturan_banyak({unit.pemda_id}, tahun)[
                unit.pemda_id
            ].hari_tenggat
        hari = hari_tenggat if hari_tenggat is not None else hari_by_pemda[unit.pemda_id]
        tahunan = ada.get((ind.pk, Periode.TAHUN))
        tahunan_terisi = tahunan is not None and tahunan.terisi
        sel = []
        for periode in jadwal.periode_wajib(ind.frekuensi):
            r = ada.get((ind.pk, periode))
            terisi = r is not None and r.terisi
            tercakup = not terisi and periode != Periode.TAHUN and tahunan_terisi
            batas = jadwal.tenggat(tahun, periode, hari)
            sel.append(
                SelKelengkapan(
                    periode,
                    terisi,
                    r.get_status_display() if r else "",
                    not terisi and not tercakup and hari_ini > batas,
                    batas,
                    jadwal.label(periode, ind.frekuensi),
                    r,
                    tercakup,
                )
            )
        hasil.append(BarisKelengkapan(ind, unit, sel, semua.get(ind.pk, [])))
    return hasil


def ringkasan_kelengkapan(baris: Iterable[BarisKelengkapan]) -> list[RingkasanUnit]:
    """Per reporting unit: due periods, filled, overdue and the percentage; the units behind first."""
    per_unit: dict[int, RingkasanUnit] = {}
    for b in baris:
        r = per_unit.setdefault(b.unit.pk, RingkasanUnit(b.unit))
        r.indikator += 1
        for s in b.sel:
            if s.jatuh_tempo:
                r.jatuh_tempo += 1
            r.terisi += s.terisi
            r.terlambat += s.terlambat
    return sorted(
        per_unit.values(),
        key=lambda r: (r.persen if r.persen is not None else Decimal(101), r.unit.nama),
    )


# --- Unit workspace and Rencana Aksi monev ----------------------------------------------------------------------


def indikator_unit(unit_id: int, tahun: int) -> Any:
    """The sasaran indicators of a unit in a year: those of its own Renstra in force (whoever reports them), and
    those delegated to it (penanggung jawab) from another unit's Renstra, e.g. a Biro reporting a Setda IKU."""
    return Indikator.objects.filter(
        Q(penanggung_jawab_id=unit_id) | Q(renstra__unit_kerja_id=unit_id),
        sasaran__isnull=False,
        renstra__tahun_mulai__lte=tahun,
        renstra__tahun_selesai__gte=tahun,
    )


def rencana_aksi(indikator_ids: list[int], tahun: int) -> dict[int, dict[int, Decimal | None]]:
    """TW I–IV targets per indicator from the year's PK in force (the newest version wins), in one query."""
    from sakip.perencanaan.models import RencanaAksi

    hasil: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    rows = (
        RencanaAksi.objects.filter(
            pk_indikator__indikator_id__in=indikator_ids, pk_indikator__perjanjian__tahun=tahun
        )
        .exclude(pk_indikator__perjanjian__status=PerjanjianKinerja.Status.DIGANTI)
        .order_by("pk_indikator__perjanjian__versi", "pk")
        .values_list("pk_indikator__indikator_id", "triwulan", "target")
    )
    for indikator_id, tw, target in rows:
        hasil[indikator_id][tw] = target
    return hasil


def monev_indikator(
    indikator: Indikator, target_tw: dict[int, Decimal | None], rows: Iterable[Realisasi]
) -> list[monev.MonevTriwulan]:
    """The Rencana Aksi monev of one indicator (a predikat indicator has none: an empty list); a monthly indicator's
    quarters are aggregated from its months, which are listed with them."""
    if indikator.is_predikat:
        return []
    rows = list(rows)
    bulan = None
    if indikator.frekuensi == jadwal.BULANAN:
        bulan = {BULAN[r.periode]: nilai_tepat(indikator, r) for r in rows if r.periode in BULAN and r.terisi}
    return monev.hitung(
        target_tw,
        nilai_triwulan(indikator, rows, lambda r: nilai_tepat(indikator, r)),
        agregasi=capaian.Agregasi(indikator.agregasi),
        polaritas=capaian.Polaritas(indikator.polaritas),
        bulan=bulan,
    )


@dataclass
class BarisRuangKerja:
    capaian: BarisCapaian
    kelengkapan: BarisKelengkapan
    monev: list[monev.MonevTriwulan]

    @property
    def indikator(self) -> Indikator:
        # The completeness row's copy: loaded with its Renstra's unit and its reporting unit.
        return self.kelengkapan.indikator

    @property
    def ada_monev(self) -> bool:
        """Something to monitor: a Rencana Aksi target or a quarterly realisasi."""
        return any(m.target is not None or m.realisasi is not None for m in self.monev)

    @property
    def sel_target(self) -> list[tuple[SelKelengkapan, Decimal | None]]:
        """Each period due with its Rencana Aksi target (quarters only)."""
        target = {f"TW{m.triwulan}": m.target for m in self.monev}
        return [(s, target.get(s.periode)) for s in self.kelengkapan.sel]

    @property
    def terlambat(self) -> list[SelKelengkapan]:
        return [s for s in self.kelengkapan.sel if s.terlambat]

    @property
    def berikutnya(self) -> SelKelengkapan | None:
        """The next period still to fill whose deadline has not passed."""
        return next((s for s in self.kelengkapan.sel if not s.jatuh_tempo), None)


@dataclass
class RuangKerja:
    unit: Any
    tahun: int
    baris: list[BarisRuangKerja]
    renstra: list[RencanaStrategis]
    perjanjian: Any
    rollup: capaian.HasilRollup | None
    pengaturan: PengaturanPengukuran | None

    @property
    def jumlah_terlambat(self) -> int:
        return sum(len(b.terlambat) for b in self.baris)


def ruang_kerja(
    unit: Any,
    tahun: int,
    hari_ini: dt.date,
    tabel_banyak: Callable[[list[RencanaStrategis], int], list[TabelCapaian]] | None = None,
) -> RuangKerja:
    """Everything a unit reports in a year: per indicator the capaian row of its Renstra's dashboard (the same
    figures: `tabel_banyak` reads them, the pages pass `kini.tabel_banyak`, the kept rows; by default they are
    computed), the periods due by frequency, and the Rencana Aksi monev (computed); with the unit's PK. A fixed
    number of queries whatever the number of indicators."""
    qs = indikator_unit(unit.pk, tahun)
    renstra_ids = list(qs.values_list("renstra_id", flat=True).distinct())
    renstra_list = list(
        RencanaStrategis.objects.filter(pk__in=renstra_ids)
        .select_related("unit_kerja__pemda")
        .order_by("unit_kerja__jalur", "pk")
    )
    milik = set(qs.values_list("pk", flat=True))
    capaian_per_ind = {
        b.indikator.pk: b
        for t in (tabel_banyak or tabel_capaian_banyak)(renstra_list, tahun)
        for b in t.baris
        if b.indikator.pk in milik
    }
    lengkap = {b.indikator.pk: b for b in kelengkapan(qs, tahun, hari_ini)}
    ra = rencana_aksi(list(milik), tahun)
    baris = []
    for ind_id, b in capaian_per_ind.items():
        k = lengkap[ind_id]
        baris.append(BarisRuangKerja(b, k, monev_indikator(b.indikator, ra.get(ind_id, {}), k.realisasi)))
    perjanjian = (
        PerjanjianKinerja.objects.filter(unit_kerja=unit, tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .order_by("-versi")
        .first()
    )
    atur = pengaturan_untuk(unit.pemda_id, tahun) if baris else None
    rollup = None
    if atur is not None:
        items = [
            capaian.ItemCapaian(
                sasaran=str(b.indikator.sasaran_id),
                indikator=str(b.indikator.pk),
                capaian=b.capaian.hasil.nilai,
            )
            for b in baris
        ]
        rollup = capaian.rollup_unit(
            items,
            metode=capaian.MetodeRollup.RATA_RATA_INDIKATOR,
            kebijakan=capaian.KebijakanKosong(atur.kebijakan_kosong),
            batas=atur.batas_capaian,
        )
    return RuangKerja(unit, tahun, baris, renstra_list, perjanjian, rollup, atur)


def monev_banyak(indikator: Sequence[Indikator], tahun: int) -> dict[int, list[monev.MonevTriwulan]]:
    """The Rencana Aksi monev of many indicators for a year, keyed by indicator id (two queries)."""
    ids = [i.pk for i in indikator]
    ra = rencana_aksi(ids, tahun)
    rows: dict[int, list[Realisasi]] = defaultdict(list)
    for r in Realisasi.objects.filter(indikator_id__in=ids, tahun=tahun, periode__in=[*TRIWULAN, *BULAN]):
        rows[r.indikator_id].append(r)
    return {i.pk: monev_indikator(i, ra.get(i.pk, {}), rows.get(i.pk, [])) for i in indikator}
