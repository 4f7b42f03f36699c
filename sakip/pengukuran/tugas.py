""" "Tugas saya": what a user has to do now, by role, each item one click from where it is done.

Operators (whoever writes a unit): overdue periods, periods due soon, realisasi returned with the verifier's note,
and drafts not yet submitted, over this year and the last (TW IV of last year falls due in January).
Verifiers (pimpinan, admin pemda): realisasi waiting for their verification. A fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse

from sakip.organisasi import access
from sakip.pengukuran import jadwal, queries
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator

SEGERA_HARI = 45  # a period is "due soon" when its deadline is at most this many days away
BATAS_ITEM = 15


@dataclass
class ItemTugas:
    judul: str
    keterangan: str
    url: str
    unit: Any
    tenggat: dt.date | None = None


@dataclass
class JumlahUnit:
    unit: Any
    jumlah: int = 0

    @property
    def url(self) -> str:
        return reverse("pengukuran:ruang_kerja", args=[self.unit.pk])


@dataclass
class DaftarTugas:
    item: list[ItemTugas] = field(default_factory=list)
    jumlah: int = 0
    _unit: dict[int, JumlahUnit] = field(default_factory=dict)

    def tambah(self, item: ItemTugas) -> None:
        self.jumlah += 1
        if len(self.item) < BATAS_ITEM:
            self.item.append(item)
        if item.unit is not None:
            self._unit.setdefault(item.unit.pk, JumlahUnit(item.unit)).jumlah += 1

    @property
    def per_unit(self) -> list[JumlahUnit]:
        """Counts per unit, most first, when the list spans several units (an admin pemda's or a Setda's view:
        which units are behind matters more than the first fifteen lines)."""
        if len(self._unit) < 2:
            return []
        return sorted(self._unit.values(), key=lambda j: (-j.jumlah, j.unit.nama))

    @property
    def lebih(self) -> int:
        return self.jumlah - len(self.item)


@dataclass
class TugasSaya:
    operator: bool
    verifikator: bool
    terlambat: DaftarTugas = field(default_factory=DaftarTugas)
    segera: DaftarTugas = field(default_factory=DaftarTugas)
    dikembalikan: DaftarTugas = field(default_factory=DaftarTugas)
    draf: DaftarTugas = field(default_factory=DaftarTugas)
    menunggu_verifikasi: DaftarTugas = field(default_factory=DaftarTugas)

    @property
    def kosong(self) -> bool:
        return not any(
            d.jumlah
            for d in (self.terlambat, self.segera, self.dikembalikan, self.draf, self.menunggu_verifikasi)
        )


def url_isian(indikator_id: int, tahun: int, periode: str) -> str:
    return f"{reverse('pengukuran:indikator', args=[indikator_id])}?tahun={tahun}#periode-{periode}"


def _indikator_ditulis(user: Any) -> Any:
    """Indicators whose reporting unit the user writes."""
    return Indikator.objects.filter(
        access.unit_filter(user, path="penanggung_jawab", write=True)
        | (
            Q(penanggung_jawab__isnull=True)
            & access.unit_filter(user, path="renstra__unit_kerja", write=True)
        )
    )


def _judul(r: Realisasi) -> str:
    return f"{r.indikator.kode} {r.indikator.nama}"


def tugas_saya(user: Any, hari_ini: dt.date) -> TugasSaya:
    """The user's to-do list on `hari_ini`."""
    tugas = TugasSaya(operator=access.can_edit_any(user), verifikator=access.can_verify_any(user))
    if tugas.operator:
        qs = _indikator_ditulis(user)
        for tahun in (hari_ini.year - 1, hari_ini.year):
            for b in queries.kelengkapan(qs, tahun, hari_ini):
                for s in b.sel:
                    if s.terisi or s.tercakup_tahunan:
                        continue
                    item = ItemTugas(
                        f"{b.indikator.kode} {b.indikator.nama}",
                        f"{s.label} {tahun}",
                        url_isian(b.indikator.pk, tahun, s.periode),
                        b.unit,
                        s.tenggat,
                    )
                    if s.terlambat:
                        tugas.terlambat.tambah(item)
                    elif (s.tenggat - hari_ini).days <= SEGERA_HARI and jadwal.akhir_periode(
                        tahun, s.periode
                    ) - dt.timedelta(days=SEGERA_HARI) <= hari_ini:
                        tugas.segera.tambah(item)
        ditulis = Realisasi.objects.filter(
            access.unit_filter(user, path="unit_kerja", write=True)
        ).select_related("indikator", "unit_kerja")
        kembali = ditulis.filter(status=Realisasi.Status.DIKEMBALIKAN).order_by("-diubah_pada")
        tugas.dikembalikan.jumlah = kembali.count()
        for r in kembali[:BATAS_ITEM]:
            tugas.dikembalikan.item.append(
                ItemTugas(
                    _judul(r),
                    f"{jadwal.label(r.periode, r.indikator.frekuensi)} {r.tahun} — catatan: {r.catatan_verifikasi}",
                    url_isian(r.indikator_id, r.tahun, r.periode),
                    r.unit_kerja,
                )
            )
        draf = ditulis.filter(status=Realisasi.Status.DRAFT).filter(
            Q(nilai__isnull=False) | ~Q(nilai_predikat="")
        )
        tugas.draf.jumlah = draf.count()
        for r in draf.order_by("-diubah_pada")[:BATAS_ITEM]:
            tugas.draf.item.append(
                ItemTugas(
                    _judul(r),
                    f"{jadwal.label(r.periode, r.indikator.frekuensi)} {r.tahun} belum diajukan",
                    url_isian(r.indikator_id, r.tahun, r.periode),
                    r.unit_kerja,
                )
            )
    if tugas.verifikator:
        menunggu = (
            Realisasi.objects.filter(
                access.verify_filter(user, path="unit_kerja"), status=Realisasi.Status.DIAJUKAN
            )
            .select_related("indikator", "unit_kerja")
            .order_by("diubah_pada")
        )
        inbox = reverse("pengukuran:kotak_verifikasi")
        tugas.menunggu_verifikasi.jumlah = menunggu.count()
        for r in menunggu[:BATAS_ITEM]:
            tugas.menunggu_verifikasi.item.append(
                ItemTugas(
                    _judul(r),
                    f"{jadwal.label(r.periode, r.indikator.frekuensi)} {r.tahun} · {r.unit_kerja.nama}",
                    f"{inbox}?tahun={r.tahun}#realisasi-{r.pk}",
                    r.unit_kerja,
                )
            )
    return tugas
