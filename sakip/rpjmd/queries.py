"""Reads of the RPJMD: its content, the pohon kinerja with capaian at every node, and the orphans of the cascade.

The tree is read in a fixed number of queries whatever its size and linked in memory. Capaian of the PD's sasaran and
indicators come from `pengukuran.queries.tabel_capaian_banyak`, the function behind the dashboards, so a node shows
the dashboard's figure; RPJMD indicators and a person's indicators are computed by the same `hitung_baris` and the
same rollups (`pengukuran.capaian`) with the pemda's settings of the year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from sakip.lib import angka, skala
from sakip.organisasi import access
from sakip.pengukuran import capaian, kini
from sakip.pengukuran import queries as pengukuran_queries
from sakip.pengukuran.models import Realisasi, pengaturan_untuk, skala_pemda
from sakip.perencanaan.models import Indikator, RencanaStrategis, Sasaran
from sakip.rpjmd.models import (
    Dukungan,
    IndikatorDaerah,
    IndikatorIndividu,
    Misi,
    Rpjmd,
    SasaranDaerah,
    TargetDaerah,
    TujuanDaerah,
)

JENIS_LABEL = {
    "visi": "Visi",
    "misi": "Misi",
    "tujuan": "Tujuan daerah",
    "sasaran_daerah": "Sasaran daerah",
    "indikator_daerah": "Indikator daerah",
    "sasaran_pd": "Sasaran PD",
    "indikator_pd": "Indikator PD",
    "orang": "PK individu",
    "indikator_orang": "Indikator individu",
}


@dataclass
class Simpul:
    """A node of the pohon kinerja with its capaian of the year (None: not measurable, shown as '–')."""

    jenis: str
    label: str
    keterangan: str = ""
    capaian: Decimal | None = None
    kategori: skala.Pita | None = None
    target: str = ""
    realisasi: str = ""
    objek: Any = None
    anak: list[Simpul] = field(default_factory=list)
    unit: str = ""  # the PD whose plan the node belongs to (PD nodes only)

    @property
    def jenis_label(self) -> str:
        return JENIS_LABEL[self.jenis]

    @property
    def warna(self) -> str:
        return self.kategori.warna if self.kategori else "#d9d9d9"

    def semua(self) -> list[Simpul]:
        """This node and every node below it, depth first."""
        hasil = [self]
        for a in self.anak:
            hasil.extend(a.semua())
        return hasil


@dataclass
class Pohon:
    rpjmd: Rpjmd
    tahun: int
    akar: Simpul
    keterangan_rollup: str


def _teks(nilai: Decimal | None) -> str:
    return angka.format_angka(nilai) if nilai is not None else "–"


def capaian_daerah(i: IndikatorDaerah, t: TargetDaerah | None, atur: Any) -> Decimal | None:
    """Capaian of an RPJMD indicator for a year by the dashboards' `hitung_baris` (a number, or rank(realisasi) /
    rank(target) × 100 on the indicator's predikat scale); None when it cannot be measured."""
    tgt = pengukuran_queries.TargetTahun(
        nilai=t.target if t else None, predikat=t.target_predikat if t else ""
    )
    try:
        hasil, _ = pengukuran_queries.hitung_baris(
            i, tgt, t.realisasi if t else None, t.realisasi_predikat if t else "", atur
        )
    except capaian.CapaianError:
        return None  # a level no longer on a changed scale: shown as "–", never a failing page
    return hasil.nilai


def pohon_kinerja(rpjmd: Rpjmd, tahun: int, user: Any) -> Pohon:
    """The tree RPJMD → PD → persons for `tahun`, with the PD rows the user may read."""
    atur = pengaturan_untuk(rpjmd.pemda_id, tahun)
    sk = skala_pemda(atur.pemda_id, atur.skala_kategori)
    kebijakan = capaian.KebijakanKosong(atur.kebijakan_kosong)
    metode = capaian.MetodeRollup(atur.metode_rollup)

    def kategori(nilai: Decimal | None) -> skala.Pita | None:
        return None if nilai is None else sk.klasifikasi(nilai)

    def rerata(nilai: list[Decimal | None]) -> Decimal | None:
        return (
            capaian.rata_rata(nilai, kebijakan=kebijakan, batas=atur.batas_capaian).nilai if nilai else None
        )

    misi = list(Misi.objects.filter(rpjmd=rpjmd))
    tujuan = list(TujuanDaerah.objects.filter(rpjmd=rpjmd))
    sasaran = list(SasaranDaerah.objects.filter(rpjmd=rpjmd).select_related("penanggung_jawab"))
    indikator = list(IndikatorDaerah.objects.filter(rpjmd=rpjmd))
    target = {t.indikator_id: t for t in TargetDaerah.objects.filter(indikator__rpjmd=rpjmd, tahun=tahun)}

    # The PD side: links the user may read, the sub-units' supporting indicators, persons' indicators.
    dukungan = list(
        Dukungan.objects.visible_to(user)
        .filter(Q(indikator_daerah__rpjmd=rpjmd) | Q(sasaran_daerah__rpjmd=rpjmd))
        .select_related("indikator__penanggung_jawab", "sasaran", "renstra__unit_kerja")
    )
    sasaran_pd_ids = {d.sasaran_id for d in dukungan if d.sasaran_id}
    indikator_sasaran_pd = list(
        Indikator.objects.filter(sasaran_id__in=sasaran_pd_ids).select_related("penanggung_jawab")
    )
    rantai = list(
        Indikator.objects.filter(access.unit_filter(user, path="renstra__unit_kerja"))
        .filter(renstra__unit_kerja__pemda_id=rpjmd.pemda_id, mendukung__isnull=False, sasaran__isnull=False)
        .select_related("penanggung_jawab", "renstra__unit_kerja")
    )
    individu = list(
        IndikatorIndividu.objects.filter(access.unit_filter(user, path="pk_individu__unit_kerja"))
        .filter(
            pk_individu__tahun=tahun,
            pk_individu__unit_kerja__pemda_id=rpjmd.pemda_id,
            mendukung__isnull=False,
        )
        .select_related("pk_individu__unit_kerja")
    )
    renstra_ids = {d.renstra_id for d in dukungan} | {i.renstra_id for i in rantai}
    berlaku = pengukuran_queries.renstra_berlaku(RencanaStrategis.objects.filter(pk__in=renstra_ids), tahun)
    baris_pd: dict[int, pengukuran_queries.BarisCapaian] = {}
    sasaran_cap: dict[int, pengukuran_queries.SasaranCapaian] = {}
    for tabel in kini.tabel_banyak(berlaku, tahun):
        for s in tabel.sasaran:
            sasaran_cap[s.sasaran.pk] = s
            for b in s.baris:
                baris_pd[b.indikator.pk] = b

    pendukung: dict[int, list[Indikator]] = defaultdict(list)
    for i in rantai:
        pendukung[i.mendukung_id].append(i)
    orang: dict[int, dict[int, list[IndikatorIndividu]]] = defaultdict(lambda: defaultdict(list))
    for ii in individu:
        orang[ii.mendukung_id][ii.pk_individu_id].append(ii)

    def simpul_orang(ind_id: int) -> list[Simpul]:
        hasil = []
        for baris in orang.get(ind_id, {}).values():
            pk = baris[0].pk_individu
            anak = []
            for ii in baris:
                hasil_ii, _ = pengukuran_queries.hitung_baris(
                    ii, pengukuran_queries.TargetTahun(nilai=ii.target), ii.realisasi, "", atur
                )
                anak.append(
                    Simpul(
                        "indikator_orang",
                        ii.nama,
                        ii.satuan,
                        hasil_ii.nilai,
                        kategori(hasil_ii.nilai),
                        _teks(ii.target),
                        _teks(ii.realisasi),
                        ii,
                    )
                )
            nilai = rerata([a.capaian for a in anak])
            hasil.append(
                Simpul(
                    "orang",
                    f"{pk.nama} – {pk.jabatan_lengkap}",
                    str(pk.unit_kerja),
                    nilai,
                    kategori(nilai),
                    objek=pk,
                    anak=anak,
                )
            )
        return hasil

    def simpul_pd(ind: Indikator, unit: Any, sudah: frozenset[int]) -> Simpul:
        b = baris_pd.get(ind.pk)
        keterangan = str(unit)
        if ind.penanggung_jawab_id and ind.penanggung_jawab_id != getattr(unit, "pk", None):
            keterangan += f"; dilaporkan {ind.penanggung_jawab}"
        node = Simpul(
            "indikator_pd",
            ind.nama,
            keterangan,
            b.hasil.nilai if b else None,
            b.kategori if b else None,
            b.target_teks if b else "",
            b.realisasi_teks if b else "",
            ind,
            unit=str(unit),
        )
        for anak in pendukung.get(ind.pk, []):
            if anak.pk not in sudah:  # a cycle in the data must not loop forever
                node.anak.append(simpul_pd(anak, anak.renstra.unit_kerja, sudah | {anak.pk}))
        node.anak += simpul_orang(ind.pk)
        return node

    def simpul_sasaran_pd(s: Sasaran, unit: Any) -> Simpul:
        sc = sasaran_cap.get(s.pk)
        node = Simpul(
            "sasaran_pd",
            s.uraian,
            str(unit),
            sc.rollup.nilai if sc else None,
            sc.kategori if sc else None,
            objek=s,
            unit=str(unit),
        )
        node.anak = [
            simpul_pd(i, unit, frozenset({i.pk})) for i in indikator_sasaran_pd if i.sasaran_id == s.pk
        ]
        return node

    def dukungan_ke(**kunci: int) -> list[Simpul]:
        hasil = []
        for d in dukungan:
            if all(getattr(d, k) == v for k, v in kunci.items()):
                unit = d.renstra.unit_kerja
                if d.indikator_id:
                    hasil.append(simpul_pd(d.indikator, unit, frozenset({d.indikator_id})))
                else:
                    hasil.append(simpul_sasaran_pd(d.sasaran, unit))
        return hasil

    def simpul_indikator(i: IndikatorDaerah) -> Simpul:
        t = target.get(i.pk)
        nilai_i = capaian_daerah(i, t, atur)
        node = Simpul(
            "indikator_daerah",
            i.nama + (" (IKU Pemda)" if i.is_iku else ""),
            i.satuan,
            nilai_i,
            kategori(nilai_i),
            (t.target_teks if t else "") or "–",
            (t.realisasi_teks if t else "") or "–",
            i,
        )
        node.anak = dukungan_ke(indikator_daerah_id=i.pk)
        return node

    items_semua: list[capaian.ItemCapaian] = []

    def simpul_sasaran(s: SasaranDaerah) -> tuple[Simpul, list[capaian.ItemCapaian]]:
        anak = [simpul_indikator(i) for i in indikator if i.sasaran_id == s.pk]
        items = [capaian.ItemCapaian(str(s.pk), a.objek.kode, a.capaian) for a in anak]
        nilai = capaian.rollup_sasaran(items, kebijakan=kebijakan, batas=atur.batas_capaian).get(str(s.pk))
        node = Simpul(
            "sasaran_daerah",
            s.uraian,
            f"PD penanggung jawab: {s.penanggung_jawab}" if s.penanggung_jawab_id else "",
            nilai.nilai if nilai else None,
            kategori(nilai.nilai if nilai else None),
            objek=s,
            anak=anak + dukungan_ke(sasaran_daerah_id=s.pk),
        )
        return node, items

    def rollup(items: list[capaian.ItemCapaian]) -> Decimal | None:
        if not items:
            return None
        return capaian.rollup_unit(items, metode=metode, kebijakan=kebijakan, batas=atur.batas_capaian).nilai

    def simpul_tujuan(t: TujuanDaerah) -> tuple[Simpul, list[capaian.ItemCapaian]]:
        node = Simpul("tujuan", t.uraian, objek=t)
        node.anak = [simpul_indikator(i) for i in indikator if i.tujuan_id == t.pk]
        items: list[capaian.ItemCapaian] = []
        for s in sasaran:
            if s.tujuan_id == t.pk:
                s_node, s_items = simpul_sasaran(s)
                node.anak.append(s_node)
                items += s_items
        node.capaian = rollup(items)
        node.kategori = kategori(node.capaian)
        return node, items

    akar = Simpul("visi", rpjmd.visi or rpjmd.nama, str(rpjmd), objek=rpjmd)
    per_misi: dict[int | None, list[tuple[Simpul, list[capaian.ItemCapaian]]]] = defaultdict(list)
    for t in tujuan:
        per_misi[t.misi_id].append(simpul_tujuan(t))
    for m in misi:
        node = Simpul("misi", m.uraian, objek=m)
        items = [it for _, tis in per_misi.get(m.pk, []) for it in tis]
        node.anak = [n for n, _ in per_misi.get(m.pk, [])]
        node.capaian = rollup(items)
        node.kategori = kategori(node.capaian)
        akar.anak.append(node)
        items_semua.extend(items)
    for n, tis in per_misi.get(None, []):
        akar.anak.append(n)
        items_semua.extend(tis)
    akar.capaian = rollup(items_semua)
    akar.kategori = kategori(akar.capaian)
    keterangan = capaian.rollup_unit(
        items_semua, metode=metode, kebijakan=kebijakan, batas=atur.batas_capaian
    ).keterangan
    return Pohon(rpjmd, tahun, akar, keterangan)


def lintas_pd(pohon: Pohon) -> list[tuple[Simpul, list[str]]]:
    """Crosscutting sasaran daerah: those supported (directly or through their indicators) by more than one PD."""
    hasil = []
    for node in pohon.akar.semua():
        if node.jenis != "sasaran_daerah":
            continue
        langsung = [a for a in node.anak if a.unit] + [
            b for a in node.anak if a.jenis == "indikator_daerah" for b in a.anak if b.unit
        ]
        unit = sorted({a.unit for a in langsung})
        if len(unit) > 1:
            hasil.append((node, unit))
    return hasil


# --- Orphans ------------------------------------------------------------------------------------------------------------


@dataclass
class Yatim:
    """Warnings of the cascade: RPJMD indicators nobody supports, PD indicators and persons' indicators supporting
    nothing."""

    indikator_daerah: list[IndikatorDaerah]
    indikator_pd: list[Indikator]
    indikator_orang: list[IndikatorIndividu]

    @property
    def jumlah(self) -> int:
        return len(self.indikator_daerah) + len(self.indikator_pd) + len(self.indikator_orang)


def yatim(rpjmd: Rpjmd, user: Any) -> Yatim:
    """An RPJMD indicator is supported when a PD indicator or sasaran links to it directly; a PD indicator supports
    something when it, or its sasaran, links to this RPJMD, or when it supports a parent unit's indicator."""
    didukung = set(
        Dukungan.objects.filter(indikator_daerah__rpjmd=rpjmd).values_list("indikator_daerah_id", flat=True)
    )
    daerah = [i for i in IndikatorDaerah.objects.filter(rpjmd=rpjmd) if i.pk not in didukung]
    tautan = Dukungan.objects.filter(Q(indikator_daerah__rpjmd=rpjmd) | Q(sasaran_daerah__rpjmd=rpjmd))
    pd = list(
        Indikator.objects.filter(access.unit_filter(user, path="renstra__unit_kerja"))
        .filter(
            renstra__unit_kerja__pemda_id=rpjmd.pemda_id,
            renstra__tahun_mulai__lte=rpjmd.tahun_selesai,
            renstra__tahun_selesai__gte=rpjmd.tahun_mulai,
            sasaran__isnull=False,
            mendukung__isnull=True,
        )
        .exclude(pk__in=tautan.filter(indikator__isnull=False).values("indikator_id"))
        .exclude(sasaran_id__in=tautan.filter(sasaran__isnull=False).values("sasaran_id"))
        .select_related("renstra__unit_kerja")
        .order_by("renstra__unit_kerja__jalur", "urutan", "kode")
    )
    orang = list(
        IndikatorIndividu.objects.filter(access.unit_filter(user, path="pk_individu__unit_kerja"))
        .filter(
            pk_individu__unit_kerja__pemda_id=rpjmd.pemda_id,
            pk_individu__tahun__gte=rpjmd.tahun_mulai,
            pk_individu__tahun__lte=rpjmd.tahun_selesai,
            mendukung__isnull=True,
        )
        .select_related("pk_individu__unit_kerja")
    )
    return Yatim(daerah, pd, orang)


def rpjmd_lengkap(rpjmd: Rpjmd) -> dict[str, Any]:
    """Misi, tujuan, sasaran and indicators with their targets of every year, linked in memory (six queries)."""
    misi = list(Misi.objects.filter(rpjmd=rpjmd))
    tujuan = list(TujuanDaerah.objects.filter(rpjmd=rpjmd))
    sasaran = list(SasaranDaerah.objects.filter(rpjmd=rpjmd).select_related("penanggung_jawab"))
    indikator = list(IndikatorDaerah.objects.filter(rpjmd=rpjmd))
    target: dict[int, dict[int, TargetDaerah]] = defaultdict(dict)
    for t in TargetDaerah.objects.filter(indikator__rpjmd=rpjmd):
        target[t.indikator_id][t.tahun] = t
    jumlah_dukungan: dict[int, int] = defaultdict(int)
    for d in Dukungan.objects.filter(indikator_daerah__rpjmd=rpjmd).values_list(
        "indikator_daerah_id", flat=True
    ):
        jumlah_dukungan[d] += 1
    for i in indikator:
        i.target_per_tahun = [target[i.pk].get(th) for th in rpjmd.tahun]
        i.jumlah_dukungan = jumlah_dukungan[i.pk]
    for s in sasaran:
        s.daftar_indikator = [i for i in indikator if i.sasaran_id == s.pk]
    for t in tujuan:
        t.daftar_indikator = [i for i in indikator if i.tujuan_id == t.pk]
        t.daftar_sasaran = [s for s in sasaran if s.tujuan_id == t.pk]
    for m in misi:
        m.daftar_tujuan = [t for t in tujuan if t.misi_id == m.pk]
    return {
        "misi": misi,
        "tujuan_tanpa_misi": [t for t in tujuan if t.misi_id is None],
        "tujuan": tujuan,
        "sasaran": sasaran,
        "indikator": indikator,
    }


def target_per_tahun(rpjmd: Rpjmd) -> dict[int, dict[int, TargetDaerah]]:
    """Every indicator's targets and realisasi of the RPJMD by year, {indikator id: {tahun: row}} (one query): the
    history the pemda's LKjIP compares the report year with."""
    hasil: dict[int, dict[int, TargetDaerah]] = defaultdict(dict)
    for t in TargetDaerah.objects.filter(indikator__rpjmd=rpjmd):
        hasil[t.indikator_id][t.tahun] = t
    return dict(hasil)


def tahun_berdata(rpjmd: Rpjmd) -> list[int]:
    """Years of the RPJMD period with a measured value in its tree: an RPJMD indicator's realisasi, a realisasi of a
    PD indicator of the pemda, or a person's realisasi (three queries)."""
    rentang = (rpjmd.tahun_mulai, rpjmd.tahun_selesai)
    tahun = set(
        TargetDaerah.objects.filter(indikator__rpjmd=rpjmd)
        .filter(Q(realisasi__isnull=False) | ~Q(realisasi_predikat=""))
        .values_list("tahun", flat=True)
    )
    tahun |= set(
        Realisasi.objects.filter(
            indikator__renstra__unit_kerja__pemda_id=rpjmd.pemda_id, tahun__range=rentang
        )
        .values_list("tahun", flat=True)
        .distinct()
    )
    tahun |= set(
        IndikatorIndividu.objects.filter(
            pk_individu__unit_kerja__pemda_id=rpjmd.pemda_id,
            pk_individu__tahun__range=rentang,
            realisasi__isnull=False,
        )
        .values_list("pk_individu__tahun", flat=True)
        .distinct()
    )
    return sorted(t for t in tahun if rentang[0] <= t <= rentang[1])


def tahun_bawaan(rpjmd: Rpjmd, tahun_kerja: int | None = None) -> int:
    """The year a page of the RPJMD opens on: the user's working year if the RPJMD has data for it, else the latest
    year with data, else last year (within the period)."""
    berdata = tahun_berdata(rpjmd)
    if tahun_kerja in berdata:
        return tahun_kerja  # type: ignore[return-value]
    if berdata:
        return berdata[-1]
    return min(max(dt.date.today().year - 1, rpjmd.tahun_mulai), rpjmd.tahun_selesai)
