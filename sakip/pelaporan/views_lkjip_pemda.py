"""The pemda's own LKjIP (issue #25): its page, the direct Word download, the queued Word/PDF build, its texts and
its compilers.

Who: the admin pemda and the operators of the units named as compilers build it and edit its texts; evaluators
and pimpinan read it (page and direct Word download); an operator of one PD is refused (the report holds every
PD's figures); anyone outside the pemda gets 404 (`pelaporan.akses.rpjmd_laporan`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from sakip.organisasi import access
from sakip.pelaporan import akses, pembuatan, services
from sakip.pelaporan.forms import PenyusunPemdaForm, TeksLaporanPemdaForm
from sakip.pelaporan.lkjip import pemda as lkjip_pemda
from sakip.pelaporan.models import PembuatanLaporan, PenyusunLaporanPemda, TeksLaporanPemda
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.views import DOCX, unduhan
from sakip.pelaporan.views_pembuatan import _ingin_json, _keadaan
from sakip.rpjmd.models import Rpjmd


def _halaman_url(rpjmd: Rpjmd, tahun: int) -> str:
    return reverse("pelaporan:lkjip_pemda", args=[rpjmd.pk, tahun])


def _di_luar(rpjmd: Rpjmd, tahun: int) -> str:
    if rpjmd.tahun_mulai <= tahun <= rpjmd.tahun_selesai:
        return ""
    return f"Tahun {tahun} di luar periode {rpjmd.nama} ({rpjmd.tahun_mulai}–{rpjmd.tahun_selesai})."


@login_required
@require_GET
def halaman(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    rpjmd = akses.rpjmd_laporan(request.user, pk)
    boleh_susun = akses.boleh_menyusun_pemda(request.user, rpjmd.pemda_id)
    admin = access.pemda_for_user(request.user, write=True).filter(pk=rpjmd.pemda_id).exists()
    konteks = {
        "rpjmd": rpjmd,
        "tahun": tahun,
        "di_luar": _di_luar(rpjmd, tahun),
        "boleh_susun": boleh_susun,
        "admin": admin,
        "pdf_tersedia": render_pdf.tersedia(),
        "penyusun": PenyusunLaporanPemda.objects.filter(pemda=rpjmd.pemda).select_related("penyusun"),
        "form_penyusun": PenyusunPemdaForm(pemda=rpjmd.pemda) if admin else None,
        "teks": TeksLaporanPemda.objects.filter(pemda=rpjmd.pemda, tahun=tahun).first(),
    }
    return render(request, "pelaporan/lkjip_pemda.html", konteks)


@login_required
@require_GET
def docx(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """The Word document built in the request (a reader's way to the report; builders also have the queue)."""
    rpjmd = akses.rpjmd_laporan(request.user, pk)
    if pesan := _di_luar(rpjmd, tahun):
        return HttpResponse(pesan, status=400, content_type="text/plain; charset=utf-8")
    isi = render_docx.tulis(lkjip_pemda.bangun_lkjip_pemda(rpjmd, tahun))
    return unduhan(isi, f"{pembuatan.nama_lkjip_pemda(rpjmd, tahun)}.docx", DOCX)


def _tolak(request: HttpRequest, pesan: str, status: int, url: str) -> HttpResponse:
    if _ingin_json(request):
        return JsonResponse({"pesan": pesan}, status=status)
    messages.error(request, pesan)
    return redirect(url)


@login_required
@require_POST
def buat(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Start building the pemda's LKjIP (Word or PDF) on the queue, as the unit LKjIP is built."""
    rpjmd = akses.rpjmd_laporan(request.user, pk, tulis=True)
    url = _halaman_url(rpjmd, tahun)
    if pesan := _di_luar(rpjmd, tahun):
        return _tolak(request, pesan, 400, url)
    format = request.POST.get("format", "")
    if format not in (PembuatanLaporan.Format.DOCX, PembuatanLaporan.Format.PDF):
        return _tolak(request, "Format laporan tidak dikenal.", 400, url)
    if format == PembuatanLaporan.Format.PDF and not render_pdf.tersedia():
        return _tolak(request, "PDF tidak tersedia: LibreOffice belum terpasang di server.", 503, url)
    try:
        job = pembuatan.mulai(
            pengguna=request.user,
            renstra=None,
            rpjmd=rpjmd,
            tahun=tahun,
            format=format,
            dokumen=PembuatanLaporan.Dokumen.LKJIP_PEMDA,
        )
    except pembuatan.BatasError as exc:
        return _tolak(request, str(exc), 429, url)
    if _ingin_json(request):
        return JsonResponse(_keadaan(job), status=202)
    return redirect("pelaporan:pembuatan_halaman", pk=job.pk)


@login_required
def teks(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Edit the pemda report's own texts and signature for a year (builders only)."""
    rpjmd = akses.rpjmd_laporan(request.user, pk, tulis=True)
    obj = TeksLaporanPemda.objects.filter(pemda=rpjmd.pemda, tahun=tahun).first()
    if request.method == "POST":
        form = TeksLaporanPemdaForm(request.POST, instance=obj)
        if form.is_valid():
            try:
                services.simpan_teks_pemda(
                    pemda=rpjmd.pemda,
                    tahun=tahun,
                    by=request.user,
                    versi=form.cleaned_data.get("versi"),
                    **{
                        nama: form.cleaned_data[nama]
                        for nama in (*services.BAGIAN_PEMDA, *services.TANDA_TANGAN_PEMDA)
                    },
                )
            except services.KonflikError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Teks laporan pemerintah daerah disimpan.")
                return redirect(_halaman_url(rpjmd, tahun))
    else:
        form = TeksLaporanPemdaForm(instance=obj, initial={"versi": obj.versi if obj else 0})
    return render(request, "pelaporan/teks_pemda.html", {"form": form, "rpjmd": rpjmd, "tahun": tahun})


@login_required
@require_POST
def penyusun(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Add (field `penyusun`) or withdraw (field `hapus`) a compiler of the pemda's LKjIP; admin pemda only."""
    rpjmd = akses.rpjmd_laporan(request.user, pk)
    access.get_pemda_for_user(request.user, rpjmd.pemda_id, write=True)
    url = _halaman_url(rpjmd, tahun)
    if request.POST.get("hapus"):
        obj = get_object_or_404(
            PenyusunLaporanPemda.objects.select_related("pemda", "penyusun"),
            pk=request.POST.get("hapus") if str(request.POST.get("hapus")).isdigit() else 0,
            pemda=rpjmd.pemda,
        )
        services.hapus_penyusun_pemda(penyusun=obj, by=request.user)
        messages.success(request, f"{obj.penyusun.nama} tidak lagi menyusun laporan ini.")
        return redirect(url)
    form = PenyusunPemdaForm(request.POST, pemda=rpjmd.pemda)
    if not form.is_valid():
        messages.error(request, "Pilih unit penyusun dari daftar.")
        return redirect(url)
    try:
        services.tambah_penyusun_pemda(
            pemda=rpjmd.pemda, penyusun=form.cleaned_data["penyusun"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{form.cleaned_data['penyusun'].nama} ditetapkan sebagai penyusun.")
    return redirect(url)
