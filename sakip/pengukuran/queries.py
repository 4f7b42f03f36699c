"""Reads for measurement pages: the capaian table of a Renstra and year, completeness, history.

Each function reads a fixed number of queries whatever the number of indicators, and computes with the pure
`capaian` module at full precision.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, prefetch_related_objects

from sakip.lib import rumus, skala
from sakip.pengukuran import capaian
from sakip.pengukuran.models import (
    TRIWULAN,
    PengaturanPengukuran,
    Periode,
    Realisasi,
    pengaturan_banyak,
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


def realisasi_tahunan(
    indikator: Indikator, rows: Iterable[Realisasi]
) -> tuple[Decimal | None, str, list[str]]:
    """The year's value: the yearly entry if there is one, else the quarters aggregated by the indicator's rule."""
    rows = [r for r in rows if r.terisi]
    periode = [r.periode for r in rows]
    tahunan = next((r for r in rows if r.periode == Periode.TAHUN), None)
    if tahunan is not None:
        return nilai_tepat(indikator, tahunan), tahunan.nilai_predikat, periode
    triwulan = sorted((r for r in rows if r.periode in TRIWULAN), key=lambda r: TRIWULAN[r.periode])
    if not triwulan:
        return None, "", periode
    if indikator.is_predikat:
        return None, triwulan[-1].nilai_predikat, periode
    nilai = capaian.agregasi_tahunan(
        {TRIWULAN[r.periode]: r.nilai for r in triwulan}, capaian.Agregasi(indikator.agregasi)
    )
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
    for t in Target.objects.filter(pilih, tahun=tahun):
        hasil[t.indikator_id] = TargetTahun(t.nilai, t.nilai_atas, t.predikat, "Renstra")
    # The newest version last, so that it wins if a year has two PK in force (the SQL rekap picks the same).
    lines = (
        PKIndikator.objects.filter(pilih, perjanjian__tahun=tahun)
        .exclude(perjanjian__status=PerjanjianKinerja.Status.DIGANTI)
        .order_by("perjanjian__versi", "pk")
    )
    for line in lines:
        lama = hasil.get(line.indikator_id, TargetTahun())
        hasil[line.indikator_id] = TargetTahun(line.target, lama.nilai_atas, line.target_predikat, "PK")
    return hasil


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
    target = target_tahun(ids, tahun)
    realisasi: dict[int, list[Realisasi]] = defaultdict(list)
    for r in Realisasi.objects.filter(indikator__renstra_id__in=ids, tahun=tahun):
        realisasi[r.indikator_id].append(r)
    pengaturan = pengaturan_banyak({r.unit_kerja.pemda_id for r in renstra_list}, tahun)

    tabel = []
    for renstra in renstra_list:
        atur = pengaturan[renstra.unit_kerja.pemda_id]
        sk, lampu = _skala(atur), _lampu(atur)
        kebijakan = capaian.KebijakanKosong(atur.kebijakan_kosong)
        per_sasaran: dict[int, list[BarisCapaian]] = defaultdict(list)
        sasaran_obj: dict[int, Sasaran] = {}
        for ind in (i for i in indikator if i.renstra_id == renstra.pk):
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
    bulan = tw * 3
    return (dt.date(tahun, bulan, 1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def tenggat(tahun: int, tw: int, hari: int) -> dt.date:
    return akhir_triwulan(tahun, tw) + dt.timedelta(days=hari)


@dataclass
class SelKelengkapan:
    periode: str
    terisi: bool
    status: str
    terlambat: bool
    tenggat: dt.date


@dataclass
class BarisKelengkapan:
    indikator: Indikator
    unit: Any
    sel: list[SelKelengkapan]

    @property
    def jumlah_terlambat(self) -> int:
        return sum(1 for s in self.sel if s.terlambat)


def kelengkapan(
    indikator_qs: Any, tahun: int, hari_ini: dt.date, hari_tenggat: int | None = None
) -> list[BarisKelengkapan]:
    """Which quarter each indicator has (not) reported; overdue when empty after the quarter's deadline."""
    indikator = list(
        indikator_qs.filter(sasaran__isnull=False)
        .select_related("penanggung_jawab", "renstra__unit_kerja")
        .order_by("renstra__unit_kerja__jalur", "urutan", "kode")
    )
    ada: dict[tuple[int, str], Realisasi] = {
        (r.indikator_id, r.periode): r
        for r in Realisasi.objects.filter(indikator__in=[i.pk for i in indikator], tahun=tahun)
    }
    hari_by_pemda: dict[int, int] = {}
    hasil = []
    for ind in indikator:
        unit = ind.penanggung_jawab or ind.renstra.unit_kerja
        if hari_tenggat is None and unit.pemda_id not in hari_by_pemda:
            hari_by_pemda[unit.pemda_id] = pengaturan_banyak({unit.pemda_id}, tahun)[
                unit.pemda_id
            ].hari_tenggat
        hari = hari_tenggat if hari_tenggat is not None else hari_by_pemda[unit.pemda_id]
        sel = []
        for periode, tw in TRIWULAN.items():
            r = ada.get((ind.pk, periode))
            terisi = r is not None and r.terisi
            batas = tenggat(tahun, tw, hari)
            sel.append(
                SelKelengkapan(
                    periode,
                    terisi,
                    r.get_status_display() if r else "",
                    not terisi and hari_ini > batas,
                    batas,
                )
            )
        hasil.append(BarisKelengkapan(ind, unit, sel))
    return hasil
