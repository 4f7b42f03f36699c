"""Survey pages (login, per-unit access) and the public questionnaire (no login, unguessable link)."""

from __future__ import annotations

import io
import re
import secrets
import time
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.lib import xlsx
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.pengukuran import services as pengukuran_services
from sakip.survei import ekspor, excel, forms, pembatas, queries, services
from sakip.survei.models import Respons, Survei

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_UMUR_BERKAS = 24 * 3600  # an upload that was never confirmed is removed after a day
JUMLAH_SARAN = 20


def _sesi_impor(pk: int) -> str:
    return f"survei_impor_{pk}"


def _survei(request: HttpRequest, pk: int, *, write: bool = False) -> Survei:
    return access.get_for_user(
        Survei.objects.select_related("unit_kerja__pemda", "indikator__renstra", "ditautkan_oleh"),
        request.user,
        write=write,
        pk=pk,
    )


def _tempel_galat(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for nama, daftar in exc.message_dict.items():
            form.add_error(nama if nama in form.fields else None, daftar)
    else:
        form.add_error(None, exc.messages)


def tautan_publik(request: HttpRequest, survei: Survei) -> str:
    return request.build_absolute_uri(reverse("survei:isi", args=[survei.kode]))


# --- Survey pages ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    """Surveys of the units the user sees, each with its responses and IKM (one query for the whole list)."""
    qs: QuerySet[Survei] = (
        Survei.objects.visible_to(request.user).select_related("unit_kerja", "indikator").with_rekap()
    )
    baris = [(s, queries.hitung(s, vars(s))) for s in qs]
    return render(
        request,
        "survei/daftar.html",
        {"baris": baris, "dapat_membuat": access.can_edit_any(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def baru(request: HttpRequest) -> HttpResponse:
    unit_qs = UnitKerja.objects.editable_by(request.user).select_related("pemda")
    if not unit_qs.exists():
        raise PermissionDenied("Anda hanya memiliki hak baca; membuat survei membutuhkan hak ubah.")
    form = forms.SurveiForm(request.POST or None, unit_qs=unit_qs)
    if request.method == "POST" and form.is_valid():
        try:
            survei = services.create_survei(
                unit_kerja=form.cleaned_data["unit_kerja"], by=request.user, **form.isian()
            )
        except ValidationError as exc:
            _tempel_galat(form, exc)
        else:
            messages.success(
                request, f"Survei '{survei}' dibuat. Bagikan tautan atau kode QR kepada pengguna layanan."
            )
            return redirect("survei:detail", pk=survei.pk)
    return render(request, "survei/form.html", {"form": form, "survei": None})


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    survei = _survei(request, pk, write=True)
    form = forms.SurveiForm(request.POST or None, unit_qs=UnitKerja.objects.none(), survei=survei)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survei(survei=survei, by=request.user, **form.isian())
        except ValidationError as exc:
            _tempel_galat(form, exc)
        else:
            messages.success(request, "Pengaturan survei disimpan.")
            return redirect("survei:detail", pk=survei.pk)
    return render(request, "survei/form.html", {"form": form, "survei": survei})


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Results: NRR per unsur, IKM with both weights, mutu, the lowest three unsur, respondents, charts."""
    survei = _survei(request, pk)
    hasil = queries.hasil_survei(survei)
    usulan = services.usulan_realisasi(survei)
    saran = list(
        Respons.objects.filter(survei=survei)
        .exclude(saran="")
        .order_by("-diisi_pada", "-pk")
        .values_list("diisi_pada", "saran")[:JUMLAH_SARAN]
    )
    return render(
        request,
        "survei/detail.html",
        {
            "survei": survei,
            "hasil": hasil,
            "grafik": queries.grafik(hasil),
            "tautan": tautan_publik(request, survei),
            "dapat_mengubah": access.can_edit(request.user, survei.unit_kerja),
            "usulan": usulan,
            "realisasi": usulan.realisasi if usulan else None,
            "dapat_menerima": usulan is not None
            and access.can_edit(request.user, survei.unit_kerja)
            and access.can_edit(request.user, pengukuran_services.unit_pelapor(survei.indikator)),
            "saran": saran,
            "batas_mutu": survei.aturan.skala.pita,
        },
    )


@login_required
@require_GET
def detail_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The result page as an Excel workbook, with every suggestion (the page shows the latest twenty)."""
    survei = _survei(request, pk)
    saran = [
        (timezone.localtime(waktu), layanan, teks)
        for waktu, layanan, teks in Respons.objects.filter(survei=survei)
        .exclude(saran="")
        .order_by("-diisi_pada", "-pk")
        .values_list("diisi_pada", "layanan", "saran")
    ]
    response = HttpResponse(
        ekspor.hasil_xlsx(queries.hasil_survei(survei), saran), content_type=xlsx.JENIS_MIME
    )
    response["Content-Disposition"] = content_disposition_header(True, f"hasil-survei-{survei.pk}.xlsx")
    return response


@login_required
@require_GET
def qr(request: HttpRequest, pk: int) -> HttpResponse:
    """The public link as a QR code (SVG), to print on posters and service counters."""
    survei = _survei(request, pk)
    kode = segno.make(tautan_publik(request, survei), error="m")
    keluaran = io.BytesIO()
    kode.save(keluaran, kind="svg", scale=8, border=2, title=f"QR {survei.nama}")
    response = HttpResponse(keluaran.getvalue(), content_type="image/svg+xml")
    if request.GET.get("unduh"):
        response["Content-Disposition"] = content_disposition_header(True, f"qr-survei-{survei.pk}.svg")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def tautan(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the survey to an IKU whose realisasi then comes from the survey's IKM unit."""
    survei = _survei(request, pk, write=True)
    form = forms.TautanForm(request.POST or None, survei=survei)
    if request.method == "POST" and form.is_valid():
        try:
            survei = services.tautkan_indikator(
                survei=survei, indikator=form.cleaned_data["indikator"], by=request.user
            )
        except ValidationError as exc:
            _tempel_galat(form, exc)
        else:
            messages.success(
                request,
                f"Survei ditautkan ke {survei.indikator.kode}: IKM unit survei ini menjadi usulan realisasi "
                f"{survei.get_periode_display()} {survei.tahun}, yang diterima operator indikator.",
            )
            return redirect("survei:detail", pk=survei.pk)
    return render(request, "survei/tautan.html", {"form": form, "survei": survei})


@login_required
@require_POST
def lepas(request: HttpRequest, pk: int) -> HttpResponse:
    survei = _survei(request, pk, write=True)
    services.lepas_indikator(survei=survei, by=request.user)
    messages.success(
        request, "Tautan IKU dilepas; realisasi yang sudah tersimpan tetap ada dan dapat diubah manual."
    )
    return redirect("survei:detail", pk=survei.pk)


@login_required
@require_POST
def terima_usulan(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator's operator accepts the survey's IKM unit, as shown on the page, as a draft realisasi."""
    survei = _survei(request, pk, write=True)
    if survei.indikator is not None and not access.can_edit(
        request.user, pengukuran_services.unit_pelapor(survei.indikator)
    ):
        raise PermissionDenied("Hanya operator unit pelapor indikator yang dapat menerima usulan realisasi.")
    try:
        nilai = Decimal(request.POST.get("nilai", ""))
        versi = int(request.POST.get("versi", ""))
    except (InvalidOperation, ValueError):
        messages.error(request, "Usulan tidak lengkap; muat ulang halaman lalu terima kembali.")
        return redirect("survei:detail", pk=survei.pk)
    try:
        realisasi = services.terima_usulan(survei=survei, nilai=nilai, versi=versi, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"IKM {realisasi.nilai_teks} diterima sebagai realisasi {realisasi.indikator.kode} (draf); ajukan "
            "untuk verifikasi di halaman pengukuran.",
        )
    return redirect("survei:detail", pk=survei.pk)


# --- Excel import of paper questionnaires ---------------------------------------------------------------------


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "impor_survei"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _simpan_berkas(data: bytes) -> str:
    folder = _folder()
    batas = time.time() - _UMUR_BERKAS
    for lama in folder.glob("*.xlsx"):
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.xlsx").write_bytes(data)
    return token


def _berkas(token: str) -> Path | None:
    if not _TOKEN.match(token or ""):
        return None
    path = _folder() / f"{token}.xlsx"
    return path if path.is_file() else None


def _hasil_impor(request: HttpRequest, survei: Survei, kesalahan: list[Any], nama: str) -> HttpResponse:
    return render(
        request,
        "survei/impor_hasil.html",
        {"survei": survei, "kesalahan": [str(k) for k in kesalahan], "nama_berkas": nama},
        status=400,
    )


@login_required
@require_GET
def templat(request: HttpRequest, pk: int) -> HttpResponse:
    survei = _survei(request, pk)
    response = HttpResponse(excel.buat_templat(survei), content_type=excel.JENIS_BERKAS)
    response["Content-Disposition"] = content_disposition_header(True, f"templat-survei-{survei.pk}.xlsx")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def impor(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload paper questionnaires: every error, or a preview of the result after import (nothing written)."""
    survei = _survei(request, pk, write=True)
    form = forms.ImporForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "survei/impor.html", {"survei": survei, "form": form})
    berkas = form.cleaned_data["berkas"]
    data = berkas.read()
    hasil = excel.baca(survei, data)
    if not hasil.ok:
        return _hasil_impor(request, survei, hasil.kesalahan, berkas.name)
    sebelum, sesudah, jumlah_ada = queries.pratinjau_impor(survei, hasil.data)
    if jumlah_ada + len(hasil.data) > survei.maks_respons:
        pesan = (
            f"Survei sudah memiliki {jumlah_ada} jawaban; menambah {len(hasil.data)} melampaui batas "
            f"{survei.maks_respons}. Naikkan batas jumlah jawaban pada pengaturan survei bila memang diperlukan."
        )
        return _hasil_impor(request, survei, [pesan], berkas.name)
    lama = request.session.get(_sesi_impor(pk))
    if lama and (path := _berkas(lama.get("token", ""))):
        path.unlink(missing_ok=True)
    token = _simpan_berkas(data)
    request.session[_sesi_impor(pk)] = {"token": token, "nama": berkas.name}
    return render(
        request,
        "survei/impor_pratinjau.html",
        {
            "survei": survei,
            "token": token,
            "nama_berkas": berkas.name,
            "jumlah": len(hasil.data),
            "jumlah_ada": jumlah_ada,
            "sebelum": sebelum,
            "sesudah": sesudah,
            "contoh": hasil.data[:10],
        },
    )


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the previewed questionnaires, all or nothing, after reading and checking the file again."""
    survei = _survei(request, pk, write=True)
    sesi = request.session.get(_sesi_impor(pk)) or {}
    token = request.POST.get("token", "")
    path = _berkas(token) if sesi.get("token") == token else None
    if path is None:
        messages.error(request, "Berkas impor tidak ditemukan atau sudah kedaluwarsa; unggah ulang berkas.")
        return redirect("survei:impor", pk=survei.pk)
    hasil = excel.baca(survei, path.read_bytes())
    if not hasil.ok:
        return _hasil_impor(request, survei, hasil.kesalahan, sesi.get("nama", ""))
    try:
        jumlah = services.impor_respons(survei=survei, data=hasil.data, by=request.user)
    except ValidationError as exc:
        return _hasil_impor(request, survei, exc.messages, sesi.get("nama", ""))
    path.unlink(missing_ok=True)
    del request.session[_sesi_impor(pk)]
    messages.success(request, f"{jumlah} kuesioner kertas diimpor.")
    return redirect("survei:detail", pk=survei.pk)


# --- Public questionnaire -------------------------------------------------------------------------------------


def _survei_publik(kode: uuid.UUID) -> Survei:
    return get_object_or_404(Survei.objects.select_related("unit_kerja__pemda"), kode=kode)


def _ditolak(request: HttpRequest, survei: Survei, pesan: str, status: int) -> HttpResponse:
    response = render(
        request, "survei/publik_ditolak.html", {"survei": survei, "pesan": pesan}, status=status
    )
    if status == 429:
        response["Retry-After"] = str(pembatas.JENDELA_DETIK)
    return response


@require_http_methods(["GET", "POST"])
def isi(request: HttpRequest, kode: uuid.UUID) -> HttpResponse:
    """The questionnaire anyone with the link (or the QR code) can answer, without logging in."""
    survei = _survei_publik(kode)
    if not survei.aktif:
        return _ditolak(request, survei, "Survei ini sudah ditutup dan tidak menerima jawaban lagi.", 403)
    if request.method == "GET":
        return render(
            request, "survei/publik_isi.html", {"survei": survei, "form": forms.ResponsForm(survei=survei)}
        )
    form = forms.ResponsForm(request.POST, survei=survei)
    if form.is_valid():
        try:
            services.submit_respons(
                survei=survei, data=form.data_respons(), klien=pembatas.jejak(request, survei.pk)
            )
        except (services.BatasTercapai, services.Kebanjiran) as exc:
            return _ditolak(request, survei, " ".join(exc.messages), 429)
        except services.SurveiDitutup as exc:
            return _ditolak(request, survei, " ".join(exc.messages), 403)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect("survei:terima_kasih", kode=survei.kode)
    return render(request, "survei/publik_isi.html", {"survei": survei, "form": form}, status=400)


@require_GET
def terima_kasih(request: HttpRequest, kode: uuid.UUID) -> HttpResponse:
    survei = _survei_publik(kode)
    return render(request, "survei/publik_terima_kasih.html", {"survei": survei})
