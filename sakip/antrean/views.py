"""The page of a large upload checked and applied on the queue: progress, then the preview (or the errors) with
the confirm button, then progress again and the result. An upload is its uploader's only: anyone else gets 404,
and so does the uploader once they may no longer import it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sakip.antrean import impor as impor_latar
from sakip.antrean.models import ImporLatar

Status = ImporLatar.Status


def _milik(request: HttpRequest, pk: int) -> tuple[ImporLatar, impor_latar.JenisImpor]:
    impor = get_object_or_404(ImporLatar.objects.select_related("pekerjaan"), pk=pk, pengguna=request.user)
    jenis = impor_latar.jenis_impor(impor.jenis)
    if not jenis.boleh(request.user, impor.parameter):
        raise Http404("Data tidak ditemukan.")
    return impor_latar.segarkan(impor), jenis


@login_required
@require_GET
def impor(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while a job runs (the page refreshes itself), then the preview, the errors or the result."""
    obj, jenis = _milik(request, pk)
    if obj.status == Status.PRATINJAU and jenis.url_pratinjau is not None:
        return redirect(jenis.url_pratinjau(obj))
    berjalan = obj.status in (Status.MEMERIKSA, Status.MENYIMPAN)
    p = obj.pekerjaan
    response = render(
        request,
        "antrean/impor.html",
        {
            "impor": obj,
            "jenis": jenis,
            "berjalan": berjalan,
            "persen": p.persen if p and berjalan else 100,
            "tahap": (p.tahap if p else "") or "Menunggu giliran",
            "url_unggah": jenis.url_unggah(obj),
        },
    )
    if berjalan:
        response["Refresh"] = "2"
    return response


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a checked upload: its write is queued (all or nothing)."""
    obj, jenis = _milik(request, pk)
    if jenis.terapkan is None:
        raise Http404("Impor ini disimpan dari halaman pratinjaunya.")
    nilai = {nama: request.POST.get(nama, "") for nama in jenis.medan_konfirmasi}
    if not impor_latar.konfirmasi(obj, nilai=nilai):
        messages.error(request, "Impor ini tidak sedang menunggu konfirmasi.")
    return redirect("antrean:impor", pk=obj.pk)
