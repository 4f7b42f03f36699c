"""The stored capaian (`pengukuran.tersimpan`) kept current, and read.

How a change reaches the stored figures:

1. A save or delete of anything a capaian depends on (realisasi, target, PK line or PK, indicator definition,
   sasaran, Renstra, the year's settings, a category scale) is seen through Django's model signals, so every path
   that saves a model (services, imports, the API, the survey's proposals) is covered without touching the lower
   layers. The handler marks the kept unit rows of the affected (Renstra, year) stale (`kedaluwarsa=True`:
   "dihitung ulang"; their pemda's aggregate counts as stale with them) with one UPDATE, in the writer's transaction.
2. After that transaction commits, the affected Renstra-years are recomputed by the reference computation
   (`queries.tabel_capaian_banyak`: one Renstra's indicators, targets and realisasi of one year), followed by their
   pemda's aggregate. Only that chain is recomputed: indicator -> sasaran -> unit -> pemda.
3. A reader that meets a stale or missing row recomputes it before answering, so a page never shows a figure whose
   inputs changed, even when step 2 did not run (a crash between commit and recompute).

Writes that bypass model signals (`queryset.update`, `bulk_create`, raw SQL, the backup restore, the bench's
generated data) must call `tandai_renstra`/`segarkan` or run `hitung_ulang` (`manage.py hitung_ulang_capaian`).

Concurrency: a writer marks only the unit rows. A recompute locks them with `FOR UPDATE SKIP LOCKED` before it
reads the inputs: a row it cannot lock is held by a writer (whose own recompute follows its commit) or by another
recompute that locked it after those inputs were committed, so a recompute never waits for a writer, and a writer
waits at most for one recompute. A pemda aggregate counts as stale while any of its unit rows is; pemda rows are
locked only by recomputes, after their unit rows, in id order. The kept tables' keys have no database constraint
(see `tersimpan`), so no insert of theirs locks a planning row.
"""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from sakip.lib import skala
from sakip.organisasi.models import UnitKerja
from sakip.pengukuran import capaian, tersimpan
from sakip.pengukuran import queries as q
from sakip.pengukuran.models import (
    PengaturanPengukuran,
    Realisasi,
    SkalaKategori,
    pengaturan_banyak,
    pita_dari_data,
    pita_sebagai_data,
)
from sakip.pengukuran.tersimpan import CapaianIndikator, CapaianPemda, CapaianSasaran, CapaianUnit
from sakip.perencanaan.models import (
    Indikator,
    PerjanjianKinerja,
    PKIndikator,
    RencanaStrategis,
    Sasaran,
    Target,
)

BATCH = 500
Pasangan = tuple[int, int]  # (id, tahun)

_lokal = threading.local()


# --- marking stale and scheduling ---------------------------------------------------------------------------------


@dataclass
class _Antrean:
    """The Renstra-years and pemda-years one transaction changed, recomputed once after it commits."""

    unit: set[Pasangan] = field(default_factory=set)
    pemda: set[Pasangan] = field(default_factory=set)

    def jalankan(self) -> None:
        if getattr(_lokal, "antre", None) is self:
            _lokal.antre = None
        segarkan(unit=self.unit, pemda=self.pemda)


def _antrean_berjalan() -> _Antrean | None:
    """This transaction's queue, if it has one (a callback of a rolled-back transaction or savepoint is gone from
    the connection's list)."""
    conn = transaction.get_connection()
    antre: _Antrean | None = getattr(_lokal, "antre", None)
    if antre is None or not conn.in_atomic_block:
        return None
    return antre if any(f is antre.jalankan for _, f, _ in conn.run_on_commit) else None


def _tandai(unit: set[Pasangan], pemda: set[Pasangan] | None = None) -> None:
    pemda = pemda or set()
    tunda: _Antrean | None = getattr(_lokal, "tunda", None)
    if tunda is not None:
        tunda.unit |= unit
        tunda.pemda |= pemda
        return
    if (antre := _antrean_berjalan()) is not None:
        # Already marked in this transaction (an import saving many indicators of one Renstra).
        unit, pemda = unit - antre.unit, pemda - antre.pemda
    if not unit and not pemda:
        return
    per_tahun: dict[int, set[int]] = defaultdict(set)
    for renstra_id, tahun in unit:
        per_tahun[tahun].add(renstra_id)
    for tahun, ids in sorted(per_tahun.items()):
        # Only the unit rows: a pemda aggregate counts as stale while any of its unit rows is (readers check both),
        # so a writer never waits for a pemda row that a recompute holds.
        CapaianUnit.objects.filter(renstra_id__in=sorted(ids), tahun=tahun).update(kedaluwarsa=True)
    pemda_tahun: dict[int, set[int]] = defaultdict(set)
    for pemda_id, tahun in pemda:
        pemda_tahun[tahun].add(pemda_id)
    for tahun, ids in sorted(pemda_tahun.items()):
        CapaianPemda.objects.filter(tahun=tahun, pemda_id__in=sorted(ids)).update(kedaluwarsa=True)
    _jadwalkan(unit, pemda)


def _jadwalkan(unit: set[Pasangan], pemda: set[Pasangan]) -> None:
    if not transaction.get_connection().in_atomic_block:
        segarkan(unit=unit, pemda=pemda)
        return
    antre = _antrean_berjalan()
    if antre is None:
        antre = _Antrean()
        _lokal.antre = antre
        transaction.on_commit(antre.jalankan, robust=True)
    antre.unit |= unit
    antre.pemda |= pemda


@contextlib.contextmanager
def ditunda() -> Iterator[_Antrean]:
    """Bulk loads (the demo loader): changes are only collected, not marked one by one; the caller recomputes at
    the end (`segarkan(unit=..., pemda=...)` with the collected sets, or `hitung_ulang`)."""
    luar = getattr(_lokal, "tunda", None)
    kumpulan = luar if luar is not None else _Antrean()
    _lokal.tunda = kumpulan
    try:
        yield kumpulan
    finally:
        _lokal.tunda = luar


def _tahun_renstra(renstra_ids: Iterable[int], dari: int | None = None) -> set[Pasangan]:
    """Every (Renstra, year) of the Renstra's period (from `dari`), plus the years already kept (a period that
    shrank: their rows are removed by the recompute)."""
    hasil: set[Pasangan] = set()
    ids = sorted(set(renstra_ids))
    if not ids:
        return hasil
    for pk, mulai, selesai in RencanaStrategis.objects.filter(pk__in=ids).values_list(
        "pk", "tahun_mulai", "tahun_selesai"
    ):
        hasil |= {(pk, t) for t in range(max(mulai, dari or mulai), selesai + 1)}
    lama = CapaianUnit.objects.filter(renstra_id__in=ids)
    if dari is not None:
        lama = lama.filter(tahun__gte=dari)
    hasil |= set(lama.values_list("renstra_id", "tahun"))
    return hasil


def tandai_renstra(renstra_ids: Iterable[int], *, tahun: int | None = None, dari: int | None = None) -> None:
    """Mark the Renstra's kept capaian of `tahun` (or of every year from `dari`, or of all years) for recompute."""
    ids = set(renstra_ids)
    if tahun is not None:
        _tandai({(r, tahun) for r in ids})
    else:
        _tandai(_tahun_renstra(ids, dari))


def tandai_pemda(pemda_id: int, *, dari: int | None = None) -> None:
    """Every Renstra of the pemda from year `dari` (settings and scales apply to the whole pemda)."""
    ids = RencanaStrategis.objects.filter(unit_kerja__pemda_id=pemda_id).values_list("pk", flat=True)
    if dari is not None:
        ids = ids.filter(tahun_selesai__gte=dari)
    tandai_renstra(list(ids), dari=dari)


# --- signal handlers ---------------------------------------------------------------------------------------------


def _renstra_indikator(indikator_id: int) -> int | None:
    return Indikator.objects.filter(pk=indikator_id).values_list("renstra_id", flat=True).first()


def _saat_realisasi(sender: Any, instance: Realisasi, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if Realisasi.indikator.is_cached(instance):  # type: ignore[attr-defined]
        renstra_id: int | None = instance.indikator.renstra_id
    else:
        renstra_id = _renstra_indikator(instance.indikator_id)
    if renstra_id is not None:
        _tandai({(renstra_id, instance.tahun)})


def _saat_target(sender: Any, instance: Target, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if (renstra_id := _renstra_indikator(instance.indikator_id)) is not None:
        _tandai({(renstra_id, instance.tahun)})


def _saat_pk_indikator(sender: Any, instance: PKIndikator, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    tahun = (
        PerjanjianKinerja.objects.filter(pk=instance.perjanjian_id).values_list("tahun", flat=True).first()
    )
    renstra_id = _renstra_indikator(instance.indikator_id)
    if tahun is not None and renstra_id is not None:
        _tandai({(renstra_id, tahun)})


def _saat_perjanjian(sender: Any, instance: PerjanjianKinerja, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    # A PK's status decides whether its lines are the year's targets; its lines may name indicators of its Renstra.
    renstra = set(
        PKIndikator.objects.filter(perjanjian_id=instance.pk).values_list("indikator__renstra_id", flat=True)
    )
    _tandai({(r, instance.tahun) for r in renstra | {instance.renstra_id}})


def _sebelum_indikator(sender: Any, instance: Indikator, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    instance._renstra_lama = _renstra_indikator(instance.pk)  # type: ignore[attr-defined]


def _saat_indikator(sender: Any, instance: Indikator, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    ids = {instance.renstra_id}
    if (lama := getattr(instance, "_renstra_lama", None)) is not None:
        ids.add(lama)
    tandai_renstra(ids)


def _saat_sasaran(sender: Any, instance: Sasaran, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    tandai_renstra([instance.renstra_id])


def _saat_renstra(sender: Any, instance: RencanaStrategis, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    tandai_renstra([instance.pk])


def _renstra_dihapus(sender: Any, instance: RencanaStrategis, **kwargs: Any) -> None:
    # Its kept rows went with it (cascade); its pemda's aggregates of its years are recomputed.
    pemda_id = UnitKerja.objects.filter(pk=instance.unit_kerja_id).values_list("pemda_id", flat=True).first()
    if pemda_id is not None:
        _tandai(set(), {(pemda_id, t) for t in instance.tahun})


def _saat_pengaturan(sender: Any, instance: PengaturanPengukuran, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    tandai_pemda(instance.pemda_id, dari=instance.berlaku_mulai)


def _saat_skala(sender: Any, instance: SkalaKategori, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    tandai_pemda(instance.pemda_id)


def hubungkan() -> None:
    """Connect the handlers (from `PengukuranConfig.ready`)."""
    pasang = [
        (Realisasi, _saat_realisasi),
        (Target, _saat_target),
        (PKIndikator, _saat_pk_indikator),
        (PerjanjianKinerja, _saat_perjanjian),
        (Indikator, _saat_indikator),
        (Sasaran, _saat_sasaran),
        (PengaturanPengukuran, _saat_pengaturan),
        (SkalaKategori, _saat_skala),
    ]
    for model, fungsi in pasang:
        uid = f"capaian_kini_{model.__name__}"
        post_save.connect(fungsi, sender=model, dispatch_uid=uid + "_simpan", weak=False)
        post_delete.connect(fungsi, sender=model, dispatch_uid=uid + "_hapus", weak=False)
    pre_save.connect(
        _sebelum_indikator, sender=Indikator, dispatch_uid="capaian_kini_indikator_lama", weak=False
    )
    post_save.connect(_saat_renstra, sender=RencanaStrategis, dispatch_uid="capaian_kini_renstra", weak=False)
    post_delete.connect(
        _renstra_dihapus, sender=RencanaStrategis, dispatch_uid="capaian_kini_renstra_hapus", weak=False
    )


# --- recompute ----------------------------------------------------------------------------------------------------


def segarkan(*, unit: Iterable[Pasangan] = (), pemda: Iterable[Pasangan] = ()) -> None:
    """Recompute the kept capaian of the (Renstra, year) pairs in `unit`, then the aggregates of their pemda-years
    and of those in `pemda`, in one transaction."""
    per_tahun: dict[int, set[int]] = defaultdict(set)
    for renstra_id, tahun in unit:
        per_tahun[tahun].add(renstra_id)
    pemda_pasangan = set(pemda)
    with transaction.atomic():
        for tahun, ids in sorted(per_tahun.items()):
            urut = sorted(ids)
            for i in range(0, len(urut), BATCH):
                pemda_pasangan |= _segarkan_unit(urut[i : i + BATCH], tahun)
        _segarkan_pemda(pemda_pasangan)


def _pita(p: skala.Pita | None) -> dict[str, object] | None:
    return None if p is None else pita_sebagai_data(p)


def _segarkan_unit(ids: list[int], tahun: int) -> set[Pasangan]:
    renstra = list(
        RencanaStrategis.objects.filter(pk__in=ids).select_related("unit_kerja__pemda").order_by("pk")
    )
    berlaku = [r for r in renstra if r.tahun_mulai <= tahun <= r.tahun_selesai]
    berlaku_ids = [r.pk for r in berlaku]
    # Only the missing rows are inserted: an insert meeting an existing row that a writer is marking would wait
    # for that writer (PostgreSQL's check of the unique key), and a recompute must never wait for a writer.
    ada = set(
        CapaianUnit.objects.filter(renstra_id__in=berlaku_ids, tahun=tahun).values_list(
            "renstra_id", flat=True
        )
    )
    CapaianUnit.objects.bulk_create(
        [
            CapaianUnit(renstra=r, tahun=tahun, unit_kerja_id=r.unit_kerja_id, pemda_id=r.unit_kerja.pemda_id)
            for r in berlaku
            if r.pk not in ada
        ],
        ignore_conflicts=True,
    )
    # The lock first, then the inputs (see the module docstring). A row locked by someone else is skipped: either
    # a writer marked it (its own recompute follows its commit and reads the inputs committed before this one) or
    # another recompute locked it after those inputs were committed. So a recompute never waits for a writer.
    dikunci = set(
        CapaianUnit.objects.select_for_update(skip_locked=True)
        .filter(renstra_id__in=ids, tahun=tahun)
        .order_by("renstra_id")
        .values_list("renstra_id", flat=True)
    )
    pemda_pasangan = {(r.unit_kerja.pemda_id, tahun) for r in renstra}
    luar = [i for i in ids if i in dikunci and i not in set(berlaku_ids)]
    berlaku = [r for r in berlaku if r.pk in dikunci]
    berlaku_ids = [r.pk for r in berlaku]
    if luar:  # no longer in force this year (a shorter period), or deleted
        pemda_pasangan |= set(
            CapaianUnit.objects.filter(renstra_id__in=luar, tahun=tahun).values_list("pemda_id", "tahun")
        )
        for model in (CapaianIndikator, CapaianSasaran, CapaianUnit):
            model.objects.filter(renstra_id__in=luar, tahun=tahun).delete()
    if not berlaku:
        return pemda_pasangan
    tabel = q.tabel_capaian_banyak(berlaku, tahun)
    # The indicator and sasaran rows as {attname: value}: a rebuild writes 330.000 of them, and model instances
    # (then bulk_create's per-value preparation) cost more than computing them.
    indikator_baris: list[dict[str, Any]] = []
    sasaran_baris: list[dict[str, Any]] = []
    unit_baris: list[CapaianUnit] = []
    for t in tabel:
        r = t.renstra
        for sc in t.sasaran:
            sasaran_baris.append(
                {
                    "sasaran_id": sc.sasaran.pk,
                    "tahun": tahun,
                    "renstra_id": r.pk,
                    "nilai": sc.rollup.nilai,
                    "jumlah_indikator": len(sc.baris),
                    "jumlah_dihitung": sc.rollup.jumlah_dihitung,
                    "jumlah_kosong": sc.rollup.jumlah_kosong,
                    "kategori": _pita(sc.kategori),
                }
            )
            for b in sc.baris:
                ind = b.indikator
                indikator_baris.append(
                    {
                        "indikator_id": ind.pk,
                        "tahun": tahun,
                        "renstra_id": r.pk,
                        "sasaran_id": ind.sasaran_id,
                        "unit_pelapor_id": ind.penanggung_jawab_id or r.unit_kerja_id,
                        "realisasi": b.realisasi,
                        "realisasi_predikat": b.realisasi_predikat,
                        "target": b.target.nilai,
                        "target_atas": b.target.nilai_atas,
                        "target_predikat": b.target.predikat,
                        "target_sumber": b.target.sumber,
                        "capaian": b.hasil.nilai,
                        "ditampilkan": b.ditampilkan,
                        "kasus": str(b.hasil.kasus),
                        "keterangan": b.hasil.keterangan,
                        "periode_terisi": b.periode_terisi,
                    }
                )
        u = t.unit
        unit_baris.append(
            CapaianUnit(
                renstra_id=r.pk,
                tahun=tahun,
                unit_kerja_id=r.unit_kerja_id,
                pemda_id=r.unit_kerja.pemda_id,
                nilai=u.nilai,
                nilai_angka=None if u.nilai is None else round(u.nilai, 6),
                jumlah_sasaran=len(t.sasaran),
                jumlah_indikator=len(t.baris),
                jumlah_dihitung=u.jumlah_dihitung,
                jumlah_kosong=u.jumlah_kosong,
                kebijakan=str(u.kebijakan),
                metode=str(u.metode) if u.metode is not None else "",
                batas=u.batas,
                kategori=_pita(t.kategori_unit),
                kedaluwarsa=False,
            )
        )
    # Also the row an indicator moved here from another Renstra left there (one row per indicator and year). The
    # ids as a literal list: with a subquery inside the OR, PostgreSQL scans the whole kept table (330.000 rows a
    # year at national scale: 60 ms added to every realisasi save); with a list it ORs two index scans.
    ind_ids = list(Indikator.objects.filter(renstra_id__in=berlaku_ids).values_list("pk", flat=True))
    CapaianIndikator.objects.filter(
        Q(renstra_id__in=berlaku_ids) | Q(indikator_id__in=ind_ids),
        tahun=tahun,
    ).delete()
    CapaianSasaran.objects.filter(renstra_id__in=berlaku_ids, tahun=tahun).delete()
    _sisipkan(CapaianIndikator, indikator_baris)
    _sisipkan(CapaianSasaran, sasaran_baris)
    CapaianUnit.objects.bulk_create(
        unit_baris,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["renstra", "tahun"],
        update_fields=[
            "unit_kerja",
            "pemda",
            "nilai",
            "nilai_angka",
            "jumlah_sasaran",
            "jumlah_indikator",
            "jumlah_dihitung",
            "jumlah_kosong",
            "kebijakan",
            "metode",
            "batas",
            "kategori",
            "kedaluwarsa",
            "dihitung_pada",
        ],
    )
    return pemda_pasangan


def _sisipkan(model: type[models.Model], baris: list[dict[str, Any]]) -> None:
    """Insert new kept rows given as {attname: value} (every other column takes its default): with COPY on
    PostgreSQL, else with bulk_create."""
    if not baris:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**b) for b in baris], batch_size=2000)
        return
    from psycopg.types.json import Jsonb

    sekarang = timezone.now()
    kolom = [f for f in model._meta.concrete_fields if not f.primary_key]
    # Per column: how a value is written (the kept tables hold ints, texts, exact decimals as text, JSON).
    tulis: list[Any] = []
    for f in kolom:
        if isinstance(f, tersimpan.DesimalTepat):
            tulis.append(lambda v: None if v is None else str(v))
        elif isinstance(f, models.JSONField):
            tulis.append(lambda v: None if v is None else Jsonb(v))
        else:
            tulis.append(None)
    bawaan = {
        f.attname: sekarang if getattr(f, "auto_now", False) else f.get_default()
        for f in kolom
        if f.attname not in baris[0]
    }
    nama = ", ".join(connection.ops.quote_name(f.column) for f in kolom)
    tabel = connection.ops.quote_name(model._meta.db_table)
    pasangan = list(zip([f.attname for f in kolom], tulis, strict=True))
    with connection.cursor() as cur, cur.copy(f"COPY {tabel} ({nama}) FROM STDIN") as salin:
        for b in baris:
            salin.write_row([(ubah(b[a]) if ubah else b[a]) if a in b else bawaan[a] for a, ubah in pasangan])


def _segarkan_pemda(pasangan: set[Pasangan]) -> None:
    per_tahun: dict[int, set[int]] = defaultdict(set)
    for pemda_id, tahun in pasangan:
        per_tahun[tahun].add(pemda_id)
    for tahun, semua in sorted(per_tahun.items()):
        urut = sorted(semua)
        for i in range(0, len(urut), 100):
            _segarkan_pemda_tahun(urut[i : i + 100], tahun)


def _segarkan_pemda_tahun(pemda_ids: list[int], tahun: int) -> None:
    berlaku = list(
        RencanaStrategis.objects.filter(
            unit_kerja__pemda_id__in=pemda_ids, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
        ).values_list("pk", flat=True)
    )
    segar = set(
        CapaianUnit.objects.filter(renstra_id__in=berlaku, tahun=tahun, kedaluwarsa=False).values_list(
            "renstra_id", flat=True
        )
    )
    perlu = sorted(set(berlaku) - segar)
    for i in range(0, len(perlu), BATCH):
        _segarkan_unit(perlu[i : i + BATCH], tahun)
    # Units kept for a Renstra no longer in force (its period changed without a recompute): removed.
    lama = CapaianUnit.objects.filter(pemda_id__in=pemda_ids, tahun=tahun).exclude(renstra_id__in=berlaku)
    if lama.exists():
        luar = list(lama.values_list("renstra_id", flat=True))
        for model in (CapaianIndikator, CapaianSasaran, CapaianUnit):
            model.objects.filter(renstra_id__in=luar, tahun=tahun).delete()
    ada = set(
        CapaianPemda.objects.filter(pemda_id__in=pemda_ids, tahun=tahun).values_list("pemda_id", flat=True)
    )
    CapaianPemda.objects.bulk_create(
        [CapaianPemda(pemda_id=p, tahun=tahun) for p in pemda_ids if p not in ada], ignore_conflicts=True
    )
    # Pemda rows are locked (and waited for) only by recomputes, after their unit rows, in id order.
    list(
        CapaianPemda.objects.select_for_update()
        .filter(pemda_id__in=pemda_ids, tahun=tahun)
        .order_by("pemda_id")
        .values_list("pk", flat=True)
    )
    per_pemda: dict[int, list[tuple[Decimal | None, Any, bool]]] = defaultdict(list)
    for pemda_id, nilai, kategori, kedaluwarsa in CapaianUnit.objects.filter(
        pemda_id__in=pemda_ids, tahun=tahun
    ).values_list("pemda_id", "nilai", "kategori", "kedaluwarsa"):
        per_pemda[pemda_id].append((nilai, kategori, kedaluwarsa))
    kosong = [p for p in pemda_ids if p not in per_pemda]
    if kosong:
        CapaianPemda.objects.filter(pemda_id__in=kosong, tahun=tahun).delete()
    if not per_pemda:
        return
    aturan = pengaturan_banyak(set(per_pemda), tahun)
    baris = [
        _agregat_pemda(pemda_id, tahun, units, q._skala(aturan[pemda_id]))
        for pemda_id, units in per_pemda.items()
    ]
    CapaianPemda.objects.bulk_create(
        baris,
        update_conflicts=True,
        unique_fields=["pemda", "tahun"],
        update_fields=[
            "jumlah_unit",
            "jumlah_bernilai",
            "jumlah_nilai",
            "rerata",
            "rerata_angka",
            "kategori",
            "kedaluwarsa",
            "dihitung_pada",
        ],
    )


def _kunci_pita(p: dict[str, Any]) -> tuple[str, str]:
    return (str(p.get("label", "")), str(p.get("warna", "")))


def hitung_kategori(
    kategori: Iterable[dict[str, Any] | None], urutan: Iterable[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """Count units per category band: the bands of `urutan` first (in their order, zero counts kept), then any
    other band met, in order of appearance."""
    hitung: dict[tuple[str, str], dict[str, Any]] = {}
    for p in urutan:
        hitung.setdefault(
            _kunci_pita(p), {"label": p["label"], "warna": p["warna"], "kode": p.get("kode", ""), "jumlah": 0}
        )
    for p in kategori:
        if p is None:
            continue
        baris = hitung.setdefault(
            _kunci_pita(p), {"label": p["label"], "warna": p["warna"], "kode": p.get("kode", ""), "jumlah": 0}
        )
        baris["jumlah"] += 1
    return list(hitung.values())


def _agregat_pemda(
    pemda_id: int, tahun: int, units: list[tuple[Decimal | None, Any, bool]], sk: skala.Skala
) -> CapaianPemda:
    nilai = [n for n, _, _ in units if n is not None]
    jumlah = capaian._jumlah(nilai) if nilai else None
    rerata = jumlah / len(nilai) if jumlah is not None else None
    return CapaianPemda(
        pemda_id=pemda_id,
        tahun=tahun,
        jumlah_unit=len(units),
        jumlah_bernilai=len(nilai),
        jumlah_nilai=jumlah,
        rerata=rerata,
        rerata_angka=None if rerata is None else round(rerata, 6),
        kategori=hitung_kategori((k for _, k, _ in units), (pita_sebagai_data(p) for p in sk.pita)),
        kedaluwarsa=any(stale for _, _, stale in units),
    )


def hitung_ulang(*, pemda_ids: Iterable[int] | None = None, tahun: int | None = None) -> dict[str, int]:
    """Rebuild the kept capaian of every Renstra-year (of the pemdas, of the year given), removing rows that no
    longer have a Renstra in force; returns the counts written."""
    renstra = RencanaStrategis.objects.all()
    pemda_list = None if pemda_ids is None else sorted(set(pemda_ids))
    if pemda_list is not None:
        renstra = renstra.filter(unit_kerja__pemda_id__in=pemda_list)
    pasangan: set[Pasangan] = set()
    for pk, mulai, selesai in renstra.values_list("pk", "tahun_mulai", "tahun_selesai"):
        pasangan |= {(pk, t) for t in range(mulai, selesai + 1) if tahun is None or t == tahun}
    with transaction.atomic():
        sisa = CapaianUnit.objects.all()
        if pemda_list is not None:
            sisa = sisa.filter(pemda_id__in=pemda_list)
        if tahun is not None:
            sisa = sisa.filter(tahun=tahun)
        lama_pemda = set(sisa.values_list("pemda_id", "tahun"))
        ada = set(sisa.values_list("renstra_id", "tahun"))
        for renstra_id, th in ada - pasangan:
            for model in (CapaianIndikator, CapaianSasaran, CapaianUnit):
                model.objects.filter(renstra_id=renstra_id, tahun=th).delete()
        pemda_rows = CapaianPemda.objects.all()
        if pemda_list is not None:
            pemda_rows = pemda_rows.filter(pemda_id__in=pemda_list)
        if tahun is not None:
            pemda_rows = pemda_rows.filter(tahun=tahun)
        lama_pemda |= set(pemda_rows.values_list("pemda_id", "tahun"))
        segarkan(unit=pasangan, pemda=lama_pemda)
    return {
        "unit": len(pasangan),
        "pemda": CapaianPemda.objects.filter(
            **({"pemda_id__in": pemda_list} if pemda_list is not None else {}),
            **({"tahun": tahun} if tahun is not None else {}),
        ).count(),
    }


# --- reading ------------------------------------------------------------------------------------------------------


def hasil_rollup(u: CapaianUnit) -> capaian.HasilRollup:
    return _rollup(u.nilai, u.jumlah_dihitung, u.jumlah_kosong, u.kebijakan, u.metode, u.batas)


def _rollup(
    nilai: Decimal | None, dihitung: int, kosong: int, kebijakan: str, metode: str, batas: Decimal | None
) -> capaian.HasilRollup:
    """A kept unit row's columns as the rollup they record."""
    return capaian.HasilRollup(
        nilai,
        dihitung,
        kosong,
        capaian.KebijakanKosong(kebijakan),
        capaian.MetodeRollup(metode) if metode else None,
        batas,
    )


def pita(data: dict[str, Any] | None) -> skala.Pita | None:
    return None if data is None else pita_dari_data(data)


def unit_tersimpan(renstra_list: list[RencanaStrategis], tahun: int) -> dict[int, CapaianUnit]:
    """The kept unit rows of the Renstra in force in `tahun`, recomputing first those that are stale or missing
    (one query when all are current)."""
    ids = [r.pk for r in renstra_list if r.tahun_mulai <= tahun <= r.tahun_selesai]
    baris = {u.renstra_id: u for u in CapaianUnit.objects.filter(renstra_id__in=ids, tahun=tahun)}
    perlu = [i for i in ids if i not in baris or baris[i].kedaluwarsa]
    if perlu:
        segarkan(unit={(i, tahun) for i in perlu})
        baris.update({u.renstra_id: u for u in CapaianUnit.objects.filter(renstra_id__in=perlu, tahun=tahun)})
    return baris


def rekap(renstra_list: list[RencanaStrategis], tahun: int) -> list[Any]:
    """`rekap.rekap_banyak` read from the kept rows (the same figures; a Renstra not in force in the year goes
    through the reference)."""
    from sakip.pengukuran import rekap as rekap_ref

    baris = {k: u for k, u in unit_tersimpan(renstra_list, tahun).items() if not u.kedaluwarsa}
    hasil = []
    # Not in force, or still held by a writer's transaction: the reference computes those.
    luar = [r for r in renstra_list if r.pk not in baris]
    dari_ref = {x.renstra.pk: x for x in rekap_ref.rekap_banyak(luar, tahun)} if luar else {}
    for r in renstra_list:
        u = baris.get(r.pk)
        if u is None:
            hasil.append(dari_ref[r.pk])
            continue
        hasil.append(
            rekap_ref.RekapRenstra(
                r, tahun, u.jumlah_sasaran, u.jumlah_indikator, hasil_rollup(u), pita(u.kategori)
            )
        )
    return hasil


# The overview's columns of a Renstra and of its kept unit row, read in one query (`dengan_unit_tersimpan`).
_KOLOM_RINGKAS = (
    "pk",
    "nama",
    "unit_kerja__nama",
    "kt__pk",
    "kt__kedaluwarsa",
    "kt__nilai",
    "kt__jumlah_sasaran",
    "kt__jumlah_indikator",
    "kt__jumlah_dihitung",
    "kt__jumlah_kosong",
    "kt__kebijakan",
    "kt__metode",
    "kt__batas",
    "kt__kategori",
)


@dataclass(frozen=True, slots=True)
class Ringkas:
    """One Renstra of the overview: the same figures as `rekap`'s `RekapRenstra`, without model instances."""

    renstra_id: int
    renstra: str
    unit: str
    jumlah_sasaran: int
    jumlah_indikator: int
    hasil: capaian.HasilRollup
    kategori: skala.Pita | None


def dengan_unit_tersimpan(renstra: models.QuerySet[RencanaStrategis], tahun: int) -> models.QuerySet[Any]:
    """The Renstra (in force in `tahun`) as rows of `_KOLOM_RINGKAS`, each joined to its kept unit row of the year
    (a LEFT JOIN: a missing row reads as None); slice it for a page and give the rows to `ringkas`."""
    return renstra.annotate(
        kt=models.FilteredRelation("capaian_unit_tersimpan", condition=Q(capaian_unit_tersimpan__tahun=tahun))
    ).values_list(*_KOLOM_RINGKAS)


def ringkas(baris: list[tuple[Any, ...]], tahun: int) -> list[Ringkas]:
    """The overview's rows from `dengan_unit_tersimpan`: the kept figures as read; a Renstra whose row is missing or
    stale goes through `rekap` (recomputed, else the reference), so the figures equal the reference's."""
    basi = [b[0] for b in baris if b[3] is None or b[4]]
    dari_rekap = {}
    if basi:
        renstra = list(RencanaStrategis.objects.filter(pk__in=basi).select_related("unit_kerja"))
        dari_rekap = {r.renstra.pk: r for r in rekap(renstra, tahun)}
    hasil = []
    for (
        pk,
        nama,
        unit,
        _id,
        _basi,
        nilai,
        n_sas,
        n_ind,
        dihitung,
        kosong,
        kebijakan,
        metode,
        batas,
        kat,
    ) in baris:
        if (r := dari_rekap.get(pk)) is not None:
            hasil.append(
                Ringkas(pk, nama, unit, r.jumlah_sasaran, r.jumlah_indikator, r.unit, r.kategori_unit)
            )
            continue
        rollup = _rollup(nilai, dihitung, kosong, kebijakan, metode, batas)
        hasil.append(Ringkas(pk, nama, unit, n_sas, n_ind, rollup, pita(kat)))
    return hasil


def tabel(renstra: RencanaStrategis, tahun: int) -> q.TabelCapaian:
    """`queries.tabel_capaian` read from the kept rows: the Renstra's dashboard."""
    return tabel_banyak([renstra], tahun)[0]


def tabel_banyak(renstra_list: list[RencanaStrategis], tahun: int) -> list[q.TabelCapaian]:
    """`queries.tabel_capaian_banyak` read from the kept rows (the same figures), in a fixed number of queries: the
    indicators, the year's settings and the status of each yearly realisasi are read, no capaian is recomputed. A
    Renstra not in force in the year, one whose row is still held by a writer's transaction, or one with an
    indicator without its kept row (added after the recompute read its inputs) goes through the reference
    computation. The Renstra need `unit_kerja` selected."""
    if not renstra_list:
        return []
    unit = {k: u for k, u in unit_tersimpan(renstra_list, tahun).items() if not u.kedaluwarsa}
    ids = sorted(unit)
    indikator: dict[int, list[Indikator]] = defaultdict(list)
    for ind in (
        Indikator.objects.filter(renstra_id__in=ids, sasaran__isnull=False)
        .select_related("sasaran", "penanggung_jawab")
        .order_by("sasaran__urutan", "urutan", "kode")
    ):
        indikator[ind.renstra_id].append(ind)
    kept = {c.indikator_id: c for c in CapaianIndikator.objects.filter(renstra_id__in=ids, tahun=tahun)}
    sasaran_kept = {s.sasaran_id: s for s in CapaianSasaran.objects.filter(renstra_id__in=ids, tahun=tahun)}
    status = dict(
        Realisasi.objects.filter(indikator__renstra_id__in=ids, tahun=tahun, periode="TAHUN").values_list(
            "indikator_id", "status"
        )
    )
    label = {k: str(v) for k, v in Realisasi.Status.choices}
    aturan = pengaturan_banyak({r.unit_kerja.pemda_id for r in renstra_list}, tahun)
    hasil: dict[int, q.TabelCapaian] = {}
    luar = []
    for r in renstra_list:
        inds = indikator.get(r.pk, [])
        if r.pk not in unit or any(
            i.pk not in kept or kept[i.pk].renstra_id != r.pk or i.sasaran_id not in sasaran_kept
            for i in inds
        ):
            luar.append(r)
            continue
        hasil[r.pk] = _tabel_tersimpan(
            r, tahun, unit[r.pk], inds, kept, sasaran_kept, status, label, aturan[r.unit_kerja.pemda_id]
        )
    for t in q.tabel_capaian_banyak(luar, tahun):
        hasil[t.renstra.pk] = t
    return [hasil[r.pk] for r in renstra_list]


def _tabel_tersimpan(
    renstra: RencanaStrategis,
    tahun: int,
    u: CapaianUnit,
    indikator: list[Indikator],
    kept: dict[int, CapaianIndikator],
    sasaran_kept: dict[int, CapaianSasaran],
    status: dict[int, str],
    label: dict[str, str],
    atur: PengaturanPengukuran,
) -> q.TabelCapaian:
    sk, lampu = q._skala(atur), q._lampu(atur)
    per_sasaran: dict[int, list[q.BarisCapaian]] = defaultdict(list)
    sasaran_obj: dict[int, Sasaran] = {}
    for ind in indikator:
        c = kept[ind.pk]
        per_sasaran[ind.sasaran_id].append(
            q.BarisCapaian(
                ind,
                q.TargetTahun(c.target, c.target_atas, c.target_predikat, c.target_sumber),
                c.realisasi,
                c.realisasi_predikat,
                capaian.HasilCapaian(c.capaian, capaian.Kasus(c.kasus), c.keterangan),
                c.ditampilkan,
                q._klasifikasi(sk, c.capaian),
                q._klasifikasi(lampu, c.capaian),
                label.get(status.get(ind.pk, ""), ""),
                list(c.periode_terisi),
            )
        )
        sasaran_obj.setdefault(ind.sasaran_id, ind.sasaran)
    unit = hasil_rollup(u)
    daftar = []
    for sid, baris in sorted(
        per_sasaran.items(), key=lambda kv: (sasaran_obj[kv[0]].urutan, sasaran_obj[kv[0]].kode)
    ):
        s = sasaran_kept[sid]
        # A sasaran's mean carries the unit's policy and cap (`capaian.rollup_sasaran`), no method.
        rollup = capaian.HasilRollup(
            s.nilai, s.jumlah_dihitung, s.jumlah_kosong, unit.kebijakan, None, unit.batas
        )
        daftar.append(q.SasaranCapaian(sasaran_obj[sid], baris, rollup, pita(s.kategori)))
    return q.TabelCapaian(renstra, tahun, daftar, unit, pita(u.kategori), atur, sk)
