"""The overview grouped by pemda (issue #24): per pemda and for the whole scope (the nation, or a province with its
kabupaten/kota), read from the kept capaian (`pengukuran.tersimpan`) in a fixed number of queries.

A pemda's figures: its units (Renstra in force) counted, those with a capaian, their unweighted mean, and how many
fall in each category band. A user who reads whole pemdas (superuser, admin pemda, evaluator) reads the kept
`CapaianPemda` rows; a user who reads only some units (operator, pimpinan) gets the same figures computed from the
kept unit rows they may see, so no figure mixes in a unit outside their scope.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q

from sakip.organisasi import access
from sakip.organisasi.models import Pemda
from sakip.pengukuran import capaian, kini
from sakip.pengukuran.tersimpan import CapaianPemda, CapaianUnit
from sakip.perencanaan.models import RencanaStrategis

PER_HALAMAN = 50
# Stale pemda aggregates recomputed while the page waits; beyond this the page says they are being recomputed.
SEGARKAN_LANGSUNG = 20


@dataclass
class Agregat:
    jumlah_pemda: int = 0
    jumlah_unit: int = 0
    jumlah_bernilai: int = 0
    nilai: list[Decimal] = field(default_factory=list)  # per-pemda exact sums, added in a fixed order
    kategori: list[dict[str, Any]] = field(default_factory=list)
    kedaluwarsa: int = 0

    @property
    def jumlah_nilai(self) -> Decimal | None:
        return capaian._jumlah(self.nilai) if self.nilai else None

    @property
    def rerata(self) -> Decimal | None:
        jumlah = self.jumlah_nilai
        return jumlah / self.jumlah_bernilai if jumlah is not None and self.jumlah_bernilai else None

    def tambah(
        self,
        *,
        unit: int,
        bernilai: int,
        jumlah: Decimal | None,
        kategori: Iterable[dict[str, Any]],
        kedaluwarsa: bool,
    ) -> None:
        self.jumlah_pemda += 1
        self.jumlah_unit += unit
        self.jumlah_bernilai += bernilai
        if jumlah is not None:
            self.nilai.append(jumlah)
        self.kedaluwarsa += kedaluwarsa
        for k in kategori:
            cocok = next(
                (x for x in self.kategori if (x["label"], x["warna"]) == (k["label"], k["warna"])), None
            )
            if cocok is None:
                self.kategori.append(dict(k))
            else:
                cocok["jumlah"] += k["jumlah"]

    @property
    def kategori_terisi(self) -> list[dict[str, Any]]:
        return [k for k in self.kategori if k["jumlah"]]

    @property
    def tanpa_nilai(self) -> int:
        return self.jumlah_unit - self.jumlah_bernilai


@dataclass
class BarisPemda:
    pemda: Pemda
    agregat: Agregat
    sebagian: bool  # the user sees only some of its units


@dataclass
class Ikhtisar:
    tahun: int
    judul: str
    total: Agregat
    halaman: Page  # of BarisPemda
    provinsi: Pemda | None


def _dari_baris(p: CapaianPemda, unit_basi: set[int]) -> Agregat:
    a = Agregat()
    a.tambah(
        unit=p.jumlah_unit,
        bernilai=p.jumlah_bernilai,
        jumlah=p.jumlah_nilai,
        kategori=p.kategori,
        kedaluwarsa=p.kedaluwarsa or p.pemda_id in unit_basi,
    )
    return a


def _pemda_penuh(user: Any, wilayah: Q) -> Any:
    """Pemdas the user reads whole, within `wilayah`: a queryset of ids."""
    cakupan = access.scope_of(user)
    qs = Pemda.objects.filter(wilayah)
    if not cakupan.superuser:
        qs = qs.filter(pk__in=sorted(cakupan.pemda_baca))
    return qs


def _unit_sebagian(user: Any, wilayah: Q, penuh: set[int], tahun: int) -> dict[int, list[CapaianUnit]]:
    """Kept unit rows the user sees in pemdas they do not read whole (operators, pimpinan), recomputed if stale."""
    cakupan = access.scope_of(user)
    if cakupan.superuser or not cakupan.jalur_baca:
        return {}
    renstra = list(
        RencanaStrategis.objects.filter(access.unit_filter(user, path="unit_kerja"))
        .filter(tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
        .exclude(unit_kerja__pemda_id__in=penuh)
        .filter(Q(unit_kerja__pemda__in=Pemda.objects.filter(wilayah)))
    )
    per_pemda: dict[int, list[CapaianUnit]] = defaultdict(list)
    for u in kini.unit_tersimpan(renstra, tahun).values():
        per_pemda[u.pemda_id].append(u)
    return per_pemda


def _agregat_unit(units: list[CapaianUnit]) -> Agregat:
    nilai = [u.nilai for u in units if u.nilai is not None]
    a = Agregat()
    a.tambah(
        unit=len(units),
        bernilai=len(nilai),
        jumlah=capaian._jumlah(nilai) if nilai else None,
        kategori=kini.hitung_kategori(u.kategori for u in units),
        kedaluwarsa=False,
    )
    return a


def _pastikan_ada(pemda_qs: Any, tahun: int) -> None:
    """Pemdas with a Renstra in force but no kept aggregate (data loaded around the services): computed now when
    few, else left to `hitung_ulang_capaian` (the page then counts them as being recomputed)."""
    punya = RencanaStrategis.objects.filter(
        tahun_mulai__lte=tahun, tahun_selesai__gte=tahun, unit_kerja__pemda__in=pemda_qs
    ).values("unit_kerja__pemda_id")
    hilang = list(
        Pemda.objects.filter(pk__in=punya)
        .exclude(pk__in=CapaianPemda.objects.filter(tahun=tahun).values("pemda_id"))
        .values_list("pk", flat=True)[: SEGARKAN_LANGSUNG + 1]
    )
    if hilang and len(hilang) <= SEGARKAN_LANGSUNG:
        kini.segarkan(pemda={(p, tahun) for p in hilang})


def ikhtisar(
    user: Any, tahun: int, *, provinsi: Pemda | None = None, halaman: Any = None, _segar: bool = False
) -> Ikhtisar:
    """The overview page: one row per pemda in the user's scope (within a province and its kabupaten/kota when
    given), ordered by region code, `PER_HALAMAN` per page, and the aggregate of the whole scope."""
    wilayah = Q() if provinsi is None else Q(pk=provinsi.pk) | Q(provinsi_id=provinsi.pk)
    penuh_qs = _pemda_penuh(user, wilayah)
    _pastikan_ada(penuh_qs, tahun)
    baris_qs = CapaianPemda.objects.filter(tahun=tahun, pemda__in=penuh_qs)
    # The aggregate of the whole scope: one query over the kept pemda rows (548 at national scale).
    total = Agregat()
    penuh: set[int] = set()
    basi: list[int] = []
    # A pemda is stale when its row says so or any of its unit rows does (writers mark only unit rows).
    unit_basi = set(
        CapaianUnit.objects.filter(tahun=tahun, kedaluwarsa=True, pemda__in=penuh_qs).values_list(
            "pemda_id", flat=True
        )
    )
    for pemda_id, unit, bernilai, jumlah, kategori, stale in baris_qs.values_list(
        "pemda_id", "jumlah_unit", "jumlah_bernilai", "jumlah_nilai", "kategori", "kedaluwarsa"
    ).order_by("pemda_id"):
        penuh.add(pemda_id)
        stale = stale or pemda_id in unit_basi
        if stale:
            basi.append(pemda_id)
        total.tambah(unit=unit, bernilai=bernilai, jumlah=jumlah, kategori=kategori, kedaluwarsa=stale)
    if basi and len(basi) <= SEGARKAN_LANGSUNG and not _segar:
        # Once: writers may keep marking rows while the page is read; those show as being recomputed.
        kini.segarkan(pemda={(p, tahun) for p in basi})
        return ikhtisar(user, tahun, provinsi=provinsi, halaman=halaman, _segar=True)
    sebagian = _unit_sebagian(user, wilayah, penuh, tahun)
    for units in sebagian.values():
        a = _agregat_unit(units)
        total.tambah(
            unit=a.jumlah_unit,
            bernilai=a.jumlah_bernilai,
            jumlah=a.jumlah_nilai,
            kategori=a.kategori,
            kedaluwarsa=False,
        )
    if not sebagian:
        # The common case (whole pemdas): the page is a slice of the kept rows.
        paginator = Paginator(baris_qs.select_related("pemda__provinsi").order_by("pemda__kode"), PER_HALAMAN)
        page = paginator.get_page(halaman)
        page.object_list = [BarisPemda(p.pemda, _dari_baris(p, unit_basi), False) for p in page.object_list]
    else:
        semua = [
            BarisPemda(p.pemda, _dari_baris(p, unit_basi), False)
            for p in baris_qs.select_related("pemda__provinsi")
        ]
        nama = {p.pk: p for p in Pemda.objects.filter(pk__in=list(sebagian)).select_related("provinsi")}
        semua += [BarisPemda(nama[pid], _agregat_unit(units), True) for pid, units in sebagian.items()]
        semua.sort(key=lambda b: b.pemda.kode)
        page = Paginator(semua, PER_HALAMAN).get_page(halaman)
    judul = f"{provinsi.nama} dan kabupaten/kota" if provinsi is not None else "Seluruh cakupan"
    return Ikhtisar(tahun, judul, total, page, provinsi)
