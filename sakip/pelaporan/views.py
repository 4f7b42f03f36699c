"""Report pages: the list of the user's Renstra with LKjIP downloads (.docx, .pdf, .xlsx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sakip.lib import tahun as lib_tahun
from sakip.lib import xlsx
from sakip.organisasi import access
from sakip.pelaporan import akses, lkjip, pembuatan, services
from sakip.pelaporan.forms import TeksLaporanForm
from sakip.pelaporan.models import TeksLaporan
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.render import xlsx as render_xlsx
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
from sakip.rpjmd.models import Rpjmd

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _tahun(request: HttpRequest) -> int:
    # The LKjIP reports on the year just ended; a bad year answers 400 (`lib.tahun.TahunMiddleware`).
    bawaan = timezone.localdate().year - 1
    return lib_tahun.terpilih(request, bawaan=bawaan) or bawaan


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    # The user's own Renstra and those of the units whose report they compile (`akses`).
    disusun = akses.unit_disusun(request.user)
    renstra = list(
        (
            RencanaStrategis.objects.visible_to(request.user)
            | RencanaStrategis.objects.filter(unit_kerja_id__in=disusun)
        )
        .select_related("unit_kerja__pemda")
        .order_by("-tahun_mulai", "unit_kerja__jalur")
    )
    pk = {
        p.renstra_id: p
        for p in (
            PerjanjianKinerja.objects.visible_to(request.user)
            | PerjanjianKinerja.objects.filter(unit_kerja_id__in=disusun)
        )
        .filter(tahun=tahun)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
    }
    baris = [
        (
            r,
            r.tahun_mulai <= tahun <= r.tahun_selesai,
            akses.boleh_menyusun(request.user, r.unit_kerja),
            pk.get(r.pk),
        )
        for r in renstra
    ]
    # The pemda's own LKjIP (issue #25), by RPJMD, for those who may read it (`akses.boleh_membaca_pemda`).
    rpjmd = [
        r
        for r in Rpjmd.objects.filter(
            Q(pemda__in=access.pemda_for_user(request.user))
            | Q(pemda_id__in=akses.pemda_disusun(request.user))
        )
        .select_related("pemda")
        .order_by("pemda__nama", "-tahun_mulai")
        if akses.boleh_membaca_pemda(request.user, r.pemda_id)
    ]
    return render(
        request,
        "pelaporan/daftar.html",
        {"tahun": tahun, "baris": baris, "pdf_tersedia": render_pdf.tersedia(), "rpjmd": rpjmd},
    )


def _laporan(request: HttpRequest, pk: int, tahun: int) -> tuple[lkjip.LaporanLKjIP, str]:
    renstra = akses.renstra_laporan(request.user, pk)
    isi = lkjip.bangun_lkjip(renstra, tahun, request.user)
    nama = f"LKjIP-{slugify(renstra.unit_kerja.singkatan or renstra.unit_kerja.nama)}-{tahun}"
    return isi, nama


def unduhan(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    """A generated file as an attachment (also used by views_dokumen)."""
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
@require_GET
def lkjip_docx(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    isi, nama = _laporan(request, pk, tahun)
    return unduhan(render_docx.tulis(isi), f"{nama}.docx", DOCX)


@login_required
@require_GET
def lkjip_pdf(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    isi, nama = _laporan(request, pk, tahun)
    try:
        berkas = render_pdf.dari_docx(render_docx.tulis(isi))
    except render_pdf.PdfError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return unduhan(berkas, f"{nama}.pdf", "application/pdf")


@login_required
@require_GET
def lkjip_xlsx(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    """Every table of the LKjIP as a sheet, with the raw numbers."""
    isi, nama = _laporan(request, pk, tahun)
    return unduhan(render_xlsx.tulis(isi), f"{nama}.xlsx", xlsx.JENIS_MIME)


@login_required
def teks(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    """Edit the unit's kata pengantar, pendahuluan and penutup of its LKjIP for a year."""
    unit = akses.unit_teks(request.user, unit_id)
    obj = TeksLaporan.objects.filter(unit_kerja=unit, tahun=tahun).first()
    if request.method == "POST":
        form = TeksLaporanForm(request.POST, instance=obj, unit=unit)
        if form.is_valid():
            try:
                services.simpan_teks(
                    unit_kerja=unit,
                    tahun=tahun,
                    by=request.user,
                    versi=form.cleaned_data.get("versi"),
                    **{nama: form.cleaned_data[nama] for nama in (*services.BAGIAN, *services.TANDA_TANGAN)},
                )
            except services.KonflikError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Teks laporan disimpan.")
                return redirect(f"{reverse('pelaporan:daftar')}?tahun={tahun}")
    else:
        form = TeksLaporanForm(instance=obj, unit=unit, initial={"versi": obj.versi if obj else 0})
    return render(request, "pelaporan/teks.html", {"form": form, "unit": unit, "tahun": tahun})


@login_required
@require_GET
def pk_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The Perjanjian Kinerja as a Word document (statement, signature blocks, target and budget attachment)."""
    isi, nama = pk_word(request, pk)
    return unduhan(isi, f"{nama}.docx", DOCX)


def pk_word(request: HttpRequest, pk: int) -> tuple[bytes, str]:
    """The Word document of a PK the user may see, and its file name without extension (also for its PDF)."""
    perjanjian = akses.perjanjian_laporan(request.user, pk)
    return render_docx.tulis_pk(lkjip.bangun_pk(perjanjian)), pembuatan.nama_pk(perjanjian)
