"""A unit's workspace and dashboard: the indicators it reports, its own Renstra's and those delegated to it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from sakip.lib import xlsx
from sakip.organisasi import access
from sakip.organisasi.models import Penugasan, UnitKerja, urut_pohon
from sakip.pengukuran import ekspor, kini, queries
from sakip.pengukuran.views import _float, _hari_ini, _tahun


@login_required
def ruang_kerja_saya(request: HttpRequest) -> HttpResponse:
    """The menu's "Ruang kerja": the user's own unit's workspace, or a choice of units for whole-pemda roles."""
    tahun = _tahun(request)
    unit_ids = list(
        Penugasan.objects.filter(pengguna=request.user, unit_kerja__isnull=False)
        .order_by("unit_kerja__jalur")
        .values_list("unit_kerja_id", flat=True)
    )
    if len(unit_ids) == 1:
        return redirect(f"{reverse('pengukuran:ruang_kerja', args=[unit_ids[0]])}?tahun={tahun}")
    units = urut_pohon(list(UnitKerja.objects.visible_to(request.user).select_related("pemda")))
    return render(request, "pengukuran/ruang_kerja_pilih.html", {"units": units, "tahun": tahun})


@login_required
def ruang_kerja(request: HttpRequest, pk: int) -> HttpResponse:
    """Per indicator the unit reports: targets per period, realisasi, capaian, status, what is due; its PK."""
    unit = access.get_unit_for_user(request.user, pk)
    tahun = _tahun(request)
    ruang = queries.ruang_kerja(unit, tahun, _hari_ini(), kini.tabel_banyak)
    return render(
        request,
        "pengukuran/ruang_kerja.html",
        {"ruang": ruang, "unit": unit, "tahun": tahun, "dapat_mengubah": access.can_edit(request.user, unit)},
    )


@login_required
def dasbor_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's dashboard: the capaian of the indicators it reports, the same figures as their Renstra's."""
    unit = access.get_unit_for_user(request.user, pk)
    tahun = _tahun(request)
    ruang = queries.ruang_kerja(unit, tahun, _hari_ini(), kini.tabel_banyak)
    grafik = {
        "label": [b.indikator.kode for b in ruang.baris],
        "seri": [
            {
                "nama": "Capaian (%)",
                "warna": "#0b4f8a",
                "data": [_float(b.capaian.hasil.nilai) for b in ruang.baris],
            }
        ],
    }
    return render(
        request,
        "pengukuran/dasbor_unit.html",
        {"ruang": ruang, "unit": unit, "tahun": tahun, "grafik": grafik},
    )


@login_required
def ruang_kerja_monev_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The Rencana Aksi monev of the unit's indicators as an Excel workbook (the workspace's figures)."""
    unit = access.get_unit_for_user(request.user, pk)
    tahun = _tahun(request)
    ruang = queries.ruang_kerja(unit, tahun, _hari_ini(), kini.tabel_banyak)
    data = ekspor.monev_xlsx(
        f"Monev Rencana Aksi {unit.nama} Tahun {tahun}",
        [b.indikator for b in ruang.baris],
        {b.indikator.pk: b.monev for b in ruang.baris},
    )
    response = HttpResponse(data, content_type=xlsx.JENIS_MIME)
    nama = slugify(unit.singkatan or unit.nama)
    response["Content-Disposition"] = content_disposition_header(True, f"monev-{nama}-{tahun}.xlsx")
    return response
