"""Starting a document generation in the background (LKjIP, Perjanjian Kinerja, IKU decree), following its
progress, and downloading the result.

The report page posts the start form with fetch (`static/pelaporan/pembuatan.js`) and polls the JSON status; without
JavaScript the post redirects to a status page that refreshes itself. A job is its owner's only: anyone else gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from sakip.pelaporan import akses, pembuatan
from sakip.pelaporan.models import PembuatanLaporan
from sakip.pelaporan.render import pdf as render_pdf

Status = PembuatanLaporan.Status
Dokumen = PembuatanLaporan.Dokumen


def _ingin_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _milik(request: HttpRequest, pk: int) -> PembuatanLaporan:
    """The user's own job (404 for anyone else's), marked failed when its heartbeat stopped."""
    job = get_object_or_404(
        PembuatanLaporan.objects.select_related("renstra", "perjanjian", "rpjmd"),
        pk=pk,
        pengguna=request.user,
    )
    return pembuatan.segarkan(job)


def _pastikan_masih_boleh(request: HttpRequest, job: PembuatanLaporan) -> None:
    """The owner must still see the document's object when downloading it (404 once their role ended)."""
    if job.dokumen == Dokumen.LKJIP_PEMDA:
        akses.rpjmd_laporan(request.user, job.rpjmd_id, tulis=True)
    elif job.dokumen == Dokumen.PK:
        akses.perjanjian_laporan(request.user, job.perjanjian_id)
    elif job.dokumen == Dokumen.KEPUTUSAN_IKU:
        akses.renstra_keputusan(request.user, job.renstra_id)
    else:
        akses.renstra_laporan(request.user, job.renstra_id)


def _keadaan(job: PembuatanLaporan) -> dict[str, object]:
    data: dict[str, object] = {
        "id": job.pk,
        "status": job.status,
        "persen": job.persen,
        "tahap": job.tahap,
        "pesan": job.pesan_galat,
        "url_status": reverse("pelaporan:pembuatan_status", args=[job.pk]),
        "url_halaman": reverse("pelaporan:pembuatan_halaman", args=[job.pk]),
        "url_unduh": None,
        "nama_berkas": job.nama_berkas,
    }
    if job.status == Status.SELESAI:
        data["url_unduh"] = reverse("pelaporan:pembuatan_unduh", args=[job.pk])
    return data


def _tolak(request: HttpRequest, pesan: str, status: int, tahun: int) -> HttpResponse:
    if _ingin_json(request):
        return JsonResponse({"pesan": pesan}, status=status)
    messages.error(request, pesan)
    return redirect(f"{reverse('pelaporan:daftar')}?tahun={tahun}")


@login_required
@require_POST
def buat_lkjip(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Start generating the LKjIP of a Renstra the user may see, in the posted format."""
    renstra = akses.renstra_laporan(request.user, pk)
    format = request.POST.get("format", "")
    if format not in PembuatanLaporan.Format.values:
        return _tolak(request, "Format laporan tidak dikenal.", 400, tahun)
    if format == PembuatanLaporan.Format.PDF and not render_pdf.tersedia():
        return _tolak(request, "PDF tidak tersedia: LibreOffice belum terpasang di server.", 503, tahun)
    try:
        job = pembuatan.mulai(pengguna=request.user, renstra=renstra, tahun=tahun, format=format)
    except pembuatan.BatasError as exc:
        return _tolak(request, str(exc), 429, tahun)
    if _ingin_json(request):
        return JsonResponse(_keadaan(job), status=202)
    return redirect("pelaporan:pembuatan_halaman", pk=job.pk)


def _mulai_dokumen(
    request: HttpRequest, *, dokumen: str, renstra, perjanjian=None, tahun: int
) -> HttpResponse:
    format = request.POST.get("format", "")
    if format not in (PembuatanLaporan.Format.DOCX, PembuatanLaporan.Format.PDF):
        return _tolak(request, "Format dokumen tidak dikenal.", 400, tahun)
    if format == PembuatanLaporan.Format.PDF and not render_pdf.tersedia():
        return _tolak(request, "PDF tidak tersedia: LibreOffice belum terpasang di server.", 503, tahun)
    try:
        job = pembuatan.mulai(
            pengguna=request.user,
            renstra=renstra,
            tahun=tahun,
            format=format,
            dokumen=dokumen,
            perjanjian=perjanjian,
        )
    except pembuatan.BatasError as exc:
        return _tolak(request, str(exc), 429, tahun)
    if _ingin_json(request):
        return JsonResponse(_keadaan(job), status=202)
    return redirect("pelaporan:pembuatan_halaman", pk=job.pk)


@login_required
@require_POST
def buat_pk(request: HttpRequest, pk: int) -> HttpResponse:
    """Start building a PK the user may read, as Word or PDF, on the queue."""
    perjanjian = akses.perjanjian_laporan(request.user, pk)
    return _mulai_dokumen(
        request, dokumen=Dokumen.PK, renstra=perjanjian.renstra, perjanjian=perjanjian, tahun=perjanjian.tahun
    )


@login_required
@require_POST
def buat_keputusan(request: HttpRequest, pk: int) -> HttpResponse:
    """Start building the IKU decree of a Renstra the user may read, as Word or PDF, on the queue."""
    renstra = akses.renstra_keputusan(request.user, pk)
    return _mulai_dokumen(request, dokumen=Dokumen.KEPUTUSAN_IKU, renstra=renstra, tahun=renstra.tahun_mulai)


@login_required
@require_GET
def pembuatan_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The job's status, percentage, stage and, once done, its download URL."""
    response = JsonResponse(_keadaan(_milik(request, pk)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def pembuatan_halaman(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress as a page that refreshes itself while the job runs (for browsers without JavaScript)."""
    job = _milik(request, pk)
    berjalan = job.status in (Status.MENUNGGU, Status.BERJALAN)
    response = render(
        request, "pelaporan/pembuatan.html", {"job": job, "berjalan": berjalan, **_keadaan(job)}
    )
    if berjalan:
        response["Refresh"] = "2"  # the browser reloads the page: no script needed
    return response


@login_required
@require_GET
def pembuatan_unduh(request: HttpRequest, pk: int) -> FileResponse:
    """The finished file, to its owner while they may still see the document's unit."""
    job = _milik(request, pk)
    _pastikan_masih_boleh(request, job)
    if job.status != Status.SELESAI or not job.berkas:
        raise Http404("Berkas laporan belum tersedia.")
    response = FileResponse(
        job.berkas.open("rb"),
        as_attachment=True,
        filename=job.nama_berkas,
        content_type=pembuatan.JENIS_MIME[PembuatanLaporan.Format(job.format)],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
