"""The overview grouped by pemda, with per-pemda and whole-scope aggregates (issue #24)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sakip.organisasi import access
from sakip.organisasi.models import Pemda
from sakip.pengukuran import ikhtisar as ikhtisar_q
from sakip.pengukuran.views import _tahun


@login_required
def ikhtisar(request: HttpRequest) -> HttpResponse:
    """Every pemda in the user's scope with its units' capaian aggregated, and the scope's aggregate; `?provinsi=`
    narrows it to a province and its kabupaten/kota. Same access as the overview (`pengukuran:dasbor`)."""
    tahun = _tahun(request)
    provinsi = None
    if nilai := request.GET.get("provinsi", ""):
        if not nilai.isdigit():
            raise Http404("Provinsi tidak ditemukan.")
        provinsi = Pemda.objects.filter(pk=int(nilai), jenis=Pemda.Jenis.PROVINSI).first()
        # A province none of whose governments the user has a role in answers as if it did not exist.
        terlihat = access.pemda_for_user(request.user).filter(Q(pk=int(nilai)) | Q(provinsi_id=int(nilai)))
        if provinsi is None or not terlihat.exists():
            raise Http404("Provinsi tidak ditemukan.")
    data = ikhtisar_q.ikhtisar(request.user, tahun, provinsi=provinsi, halaman=request.GET.get("halaman"))
    return render(request, "pengukuran/ikhtisar.html", {"tahun": tahun, "ik": data})
