"""Read helpers for planning pages: each builds its data with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from sakip.perencanaan.models import Indikator, RencanaStrategis, Sasaran, Target, Tujuan


def renstra_lengkap(renstra: RencanaStrategis) -> dict[str, Any]:
    """Tujuan, sasaran and indicators with targets of a Renstra: four queries whatever its size."""
    indikator = list(
        Indikator.objects.filter(renstra=renstra)
        .select_related("penanggung_jawab")
        .prefetch_related(Prefetch("target", queryset=Target.objects.order_by("tahun")), "variabel")
        .order_by("urutan", "kode")
    )
    tujuan = list(Tujuan.objects.filter(renstra=renstra))
    sasaran = list(Sasaran.objects.filter(renstra=renstra))
    for t in tujuan:
        t.daftar_indikator = [i for i in indikator if i.tujuan_id == t.pk]
        t.daftar_sasaran = [s for s in sasaran if s.tujuan_id == t.pk]
    for s in sasaran:
        s.daftar_indikator = [i for i in indikator if i.sasaran_id == s.pk]
    for i in indikator:
        per_tahun = {t.tahun: t for t in i.target.all()}
        i.target_per_tahun = [per_tahun.get(tahun) for tahun in renstra.tahun]
    return {
        "tujuan": tujuan,
        "sasaran": sasaran,
        "sasaran_tanpa_tujuan": [s for s in sasaran if s.tujuan_id is None],
        "indikator": indikator,
    }


@dataclass
class Simpul:
    """A node of the pohon kinerja."""

    jenis: str
    label: str
    unit: str = ""
    objek: Any = None
    anak: list[Simpul] = field(default_factory=list)


def pohon_kinerja(renstra: RencanaStrategis, visible_indicators: Any) -> list[Simpul]:
    """Tujuan → sasaran → indikator → supporting indicators of sub-units (cascading), recursively.

    The supporting indicators of the whole pemda that the user may see are read in one query and linked in memory.
    """
    data = renstra_lengkap(renstra)
    semua = list(
        visible_indicators.filter(
            renstra__unit_kerja__pemda_id=renstra.unit_kerja.pemda_id, mendukung__isnull=False
        ).select_related("renstra__unit_kerja")
    )
    pendukung: dict[int, list[Indikator]] = {}
    for ind in semua:
        pendukung.setdefault(ind.mendukung_id, []).append(ind)

    def simpul_indikator(ind: Indikator, sudah: frozenset[int]) -> Simpul:
        # Indicators of this Renstra were read without their unit; the supporting ones carry theirs.
        unit = renstra.unit_kerja if ind.renstra_id == renstra.pk else ind.renstra.unit_kerja
        node = Simpul("indikator", ind.nama, str(unit), ind)
        for anak in pendukung.get(ind.pk, []):
            if anak.pk not in sudah:  # a cycle in the data must not loop forever
                node.anak.append(simpul_indikator(anak, sudah | {anak.pk}))
        return node

    akar = []
    for t in data["tujuan"]:
        node = Simpul("tujuan", t.uraian, objek=t)
        node.anak += [simpul_indikator(i, frozenset({i.pk})) for i in t.daftar_indikator]
        for s in t.daftar_sasaran:
            s_node = Simpul("sasaran", s.uraian, objek=s)
            s_node.anak += [simpul_indikator(i, frozenset({i.pk})) for i in s.daftar_indikator]
            node.anak.append(s_node)
        akar.append(node)
    for s in data["sasaran_tanpa_tujuan"]:
        s_node = Simpul("sasaran", s.uraian, objek=s)
        s_node.anak += [simpul_indikator(i, frozenset({i.pk})) for i in s.daftar_indikator]
        akar.append(s_node)
    return akar
