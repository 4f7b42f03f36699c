"""The public portal of a pemda (no login): published documents per unit and year, the capaian recap of the
published years, and the completeness checklist.

Only `Dokumen.terbit` rows are ever read here, and nothing else is reachable: an unpublished document, a draft, a
withdrawn one answers 404 like an absent one. The pages touch neither the session nor the CSRF token, so they set no
cookie, and they carry their own small template (no application menu, no script).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from sakip.lib import angka
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.pengukuran import kini
from sakip.publikasi.models import Dokumen, JenisDokumen

# The checklist columns, in the order of the SAKIP cycle.
KOLOM = [
    JenisDokumen.RENSTRA,
    JenisDokumen.KEPUTUSAN_IKU,
    JenisDokumen.PK,
    JenisDokumen.RENCANA_AKSI,
    JenisDokumen.LKJIP,
    JenisDokumen.LHE,
    JenisDokumen.IKM,
]
_PUBLIK = cache_control(public=True, max_age=300)


def slug_pemda(pemda: Pemda) -> str:
    return slugify(pemda.nama)


def _pemda(slug: str) -> Pemda:
    """The pemda of a portal address; only a pemda with a published document has a portal."""
    for pemda in (
        Pemda.objects.filter(unit_kerja__dokumen_resmi__terbit=True).distinct().only("id", "nama", "kode")
    ):
        if slug_pemda(pemda) == slug:
            return pemda
    raise Http404("Portal tidak ditemukan.")


def _terbit(pemda: Pemda) -> Any:
    return (
        Dokumen.objects.terbit()
        .filter(unit_kerja__pemda=pemda)
        .select_related("unit_kerja", "berkas_terbit")
        .order_by("unit_kerja__jalur", "-tahun", "jenis", "pk")
    )


@require_GET
@_PUBLIK
def indeks(request: HttpRequest) -> HttpResponse:
    pemda = list(Pemda.objects.filter(unit_kerja__dokumen_resmi__terbit=True).distinct().order_by("kode"))
    return render(request, "publikasi/portal/indeks.html", {"daftar": [(p, slug_pemda(p)) for p in pemda]})


@require_GET
@_PUBLIK
def beranda(request: HttpRequest, pemda: str) -> HttpResponse:
    """The pemda's units with their published documents by year, and the capaian recap of published years."""
    obj = _pemda(pemda)
    dokumen = list(_terbit(obj))
    per_unit: dict[int, dict[str, Any]] = {}
    for d in dokumen:
        blok = per_unit.setdefault(d.unit_kerja_id, {"unit": d.unit_kerja, "tahun": defaultdict(list)})
        blok["tahun"][d.tahun].append(d)
    units = [
        {"unit": b["unit"], "tahun": sorted(b["tahun"].items(), key=lambda t: -t[0])}
        for b in per_unit.values()
    ]
    return render(
        request,
        "publikasi/portal/beranda.html",
        {"pemda": obj, "slug": pemda, "units": units, "rekap": _rekap(dokumen)},
    )


def _rekap(dokumen: list[Dokumen]) -> list[dict[str, Any]]:
    """Capaian per unit for each year whose LKjIP is published (the figures the LKjIP reports)."""
    lkjip = [d for d in dokumen if d.jenis == JenisDokumen.LKJIP and d.renstra_id]
    per_tahun: dict[int, list[Dokumen]] = defaultdict(list)
    for d in lkjip:
        per_tahun[d.tahun].append(d)
    hasil = []
    from sakip.perencanaan.models import RencanaStrategis

    for tahun, docs in sorted(per_tahun.items(), reverse=True):
        renstra = list(
            RencanaStrategis.objects.filter(pk__in=[d.renstra_id for d in docs]).select_related(
                "unit_kerja__pemda"
            )
        )
        for r in kini.rekap(renstra, tahun):
            hasil.append(
                {
                    "tahun": tahun,
                    "unit": r.renstra.unit_kerja.nama,
                    "capaian": angka.format_persen(r.unit.nilai) if r.unit.nilai is not None else "–",
                    "kategori": r.kategori_unit.label if r.kategori_unit else "",
                    "indikator": r.jumlah_indikator,
                }
            )
    return hasil


@require_GET
@_PUBLIK
def kelengkapan(request: HttpRequest, pemda: str) -> HttpResponse:
    """Which unit has published which document for which year, with the publication dates."""
    obj = _pemda(pemda)
    sel: dict[tuple[int, int], dict[str, list[Dokumen]]] = defaultdict(lambda: defaultdict(list))
    for d in _terbit(obj):
        sel[(d.unit_kerja_id, d.tahun)][d.jenis].append(d)
    tahun_semua = sorted({t for _, t in sel}, reverse=True)
    units = list(UnitKerja.objects.filter(pemda=obj, pk__in={u for u, _ in sel}).order_by("jalur"))
    baris = []
    for tahun in tahun_semua:
        for unit in units:
            isi = sel.get((unit.pk, tahun))
            if isi is None:
                continue
            baris.append(
                {
                    "unit": unit,
                    "tahun": tahun,
                    "sel": [(j, isi.get(j, [])) for j in KOLOM],
                    "lengkap": sum(1 for j in KOLOM if isi.get(j)),
                }
            )
    return render(
        request,
        "publikasi/portal/kelengkapan.html",
        {
            "pemda": obj,
            "slug": pemda,
            "kolom": [JenisDokumen(j).label for j in KOLOM],
            "baris": baris,
            "jumlah_kolom": len(KOLOM),
        },
    )


def _dokumen(pemda: str, pk: int) -> Dokumen:
    obj = _pemda(pemda)
    dok = _terbit(obj).filter(pk=pk).first()
    if dok is None:
        raise Http404("Dokumen tidak ditemukan.")
    return dok


@require_GET
@_PUBLIK
def unit(request: HttpRequest, pemda: str, unit: int) -> HttpResponse:
    obj = _pemda(pemda)
    dokumen = list(_terbit(obj).filter(unit_kerja_id=unit))
    if not dokumen:
        raise Http404("Unit tidak memiliki dokumen terbit.")
    per_tahun: dict[int, list[Dokumen]] = defaultdict(list)
    for d in dokumen:
        per_tahun[d.tahun].append(d)
    return render(
        request,
        "publikasi/portal/unit.html",
        {
            "pemda": obj,
            "slug": pemda,
            "unit": dokumen[0].unit_kerja,
            "tahun": sorted(per_tahun.items(), reverse=True),
        },
    )


@require_GET
@_PUBLIK
def dokumen(request: HttpRequest, pemda: str, pk: int) -> HttpResponse:
    dok = _dokumen(pemda, pk)
    return render(
        request, "publikasi/portal/dokumen.html", {"pemda": dok.unit_kerja.pemda, "slug": pemda, "dok": dok}
    )


@require_GET
@_PUBLIK
def unduh(request: HttpRequest, pemda: str, pk: int) -> FileResponse:
    dok = _dokumen(pemda, pk)
    if dok.berkas_terbit is None:
        raise Http404("Dokumen ini diterbitkan sebagai data, tanpa berkas.")
    b = dok.berkas_terbit
    try:
        isi = b.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas dokumen tidak tersedia.") from None
    return FileResponse(isi, as_attachment=True, filename=b.nama_unduhan(), content_type=b.jenis_isi)
