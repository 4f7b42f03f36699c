"""Other documents of the report page: the Perjanjian Kinerja as PDF and the IKU decree of a Renstra (Word, PDF,
and the page that edits the decree's own texts)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sakip.organisasi import access
from sakip.pelaporan import akses, keputusan, pembuatan
from sakip.pelaporan.render import keputusan as render_keputusan
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.views import DOCX, pk_word, unduhan
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.forms import KeputusanIKUForm
from sakip.perencanaan.models import KeputusanIKU, RencanaStrategis


def _pdf(isi_docx: bytes, nama: str) -> HttpResponse:
    try:
        berkas = render_pdf.dari_docx(isi_docx)
    except render_pdf.PdfError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return unduhan(berkas, nama, "application/pdf")


@login_required
@require_GET
def pk_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The Perjanjian Kinerja as PDF (its Word document converted by LibreOffice)."""
    isi, nama = pk_word(request, pk)
    return _pdf(isi, f"{nama}.pdf")


def _renstra(request: HttpRequest, pk: int, *, write: bool = False) -> RencanaStrategis:
    return access.get_for_user(
        RencanaStrategis.objects.select_related("unit_kerja__pemda"), request.user, pk=pk, write=write
    )


def _keputusan(request: HttpRequest, pk: int) -> tuple[bytes, str]:
    renstra = akses.renstra_keputusan(request.user, pk)
    isi = render_keputusan.tulis_keputusan(keputusan.bangun_keputusan(renstra))
    return isi, pembuatan.nama_keputusan(renstra)


@login_required
@require_GET
def iku_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The decree establishing the Renstra's IKU, with the IKU table as its attachment, as a Word document."""
    isi, nama = _keputusan(request, pk)
    return unduhan(isi, f"{nama}.docx", DOCX)


@login_required
@require_GET
def iku_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    isi, nama = _keputusan(request, pk)
    return _pdf(isi, f"{nama}.pdf")


@login_required
def iku_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the decree's own texts (number, signatory, Menimbang, Mengingat, extra diktum) of a Renstra."""
    renstra = _renstra(request, pk, write=True)
    obj = KeputusanIKU.objects.filter(renstra=renstra).first()
    if request.method == "POST":
        form = KeputusanIKUForm(request.POST, instance=obj)
        if form.is_valid():
            try:
                perencanaan_services.simpan_keputusan_iku(
                    renstra=renstra,
                    by=request.user,
                    versi=form.cleaned_data.get("versi"),
                    tanggal=form.cleaned_data["tanggal"],
                    **{nama: form.cleaned_data[nama] for nama in perencanaan_services.KEPUTUSAN_TEKS},
                )
            except perencanaan_services.KonflikError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Keputusan IKU disimpan.")
                return redirect(reverse("pelaporan:daftar"))
    else:
        form = KeputusanIKUForm(instance=obj, initial={"versi": obj.versi if obj else 0})
    for nama, teks in keputusan.teks_baku(renstra).items():
        form.fields[nama].widget.attrs["placeholder"] = teks  # what an empty field will print
    return render(request, "pelaporan/keputusan_iku.html", {"form": form, "renstra": renstra})


def _lhe(request: HttpRequest, pk: int) -> tuple[bytes, str] | None:
    """The LHE of a scored LKE worksheet in the user's read scope (404 outside it); None before the score."""
    from sakip.evaluasi.models import LembarKerja
    from sakip.pelaporan import lhe
    from sakip.pelaporan.render import docx as render_docx

    lembar = access.get_for_user(
        LembarKerja.objects.select_related("putaran__skema", "putaran__pemda", "unit_kerja", "evaluasi"),
        request.user,
        pk=pk,
    )
    if lembar.status != LembarKerja.Status.DINILAI:
        messages.error(request, "LHE tersedia setelah nilai lembar kerja ditetapkan.")
        return None
    unit = slugify(lembar.unit_kerja.singkatan or lembar.unit_kerja.nama)
    return render_docx.tulis_lhe(lhe.bangun_lhe(lembar)), f"LHE-AKIP-{unit}-{lembar.putaran.tahun}"


@login_required
@require_GET
def lhe_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The LHE AKIP of a scored worksheet as a Word document."""
    hasil = _lhe(request, pk)
    if hasil is None:
        return redirect("evaluasi:lembar", pk=pk)
    return unduhan(hasil[0], f"{hasil[1]}.docx", DOCX)


@login_required
@require_GET
def lhe_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The LHE AKIP as PDF (its Word document converted by LibreOffice)."""
    hasil = _lhe(request, pk)
    if hasil is None:
        return redirect("evaluasi:lembar", pk=pk)
    return _pdf(hasil[0], f"{hasil[1]}.pdf")
