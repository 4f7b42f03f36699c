"""Excel template, import (upload → preview → confirm) and export of a unit's Renstra and PK. A workbook above
`antrean.impor.batas_sinkron()` bytes is checked and written by queue jobs instead (`perencanaan.impor_latar`)."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from sakip.antrean import impor as antrean_impor
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.perencanaan import excel, impor_latar
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis

SESI = "perencanaan_impor"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_UMUR_BERKAS = 24 * 3600  # an upload that was never confirmed is removed after a day


class ImporForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Isi berkas",
        choices=[("renstra", "Renstra, IKU dan target"), ("pk", "Perjanjian Kinerja")],
        widget=forms.RadioSelect,
        initial="renstra",
    )
    berkas = forms.FileField(label="Berkas Excel (.xlsx, maks. 5 MB)")
    pemda = forms.ModelChoiceField(label="Pemerintah daerah", queryset=Pemda.objects.none(), required=False)

    def __init__(self, *args: Any, pemda_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pilihan_pemda = list(pemda_qs)
        self.fields["pemda"].queryset = pemda_qs
        if len(self.pilihan_pemda) <= 1:
            self.fields["pemda"].widget = forms.HiddenInput()

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > excel.MAKS_UKURAN:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); ukuran maksimal 5 MB."
            )
        return berkas

    def clean_pemda(self) -> Pemda | None:
        pemda = self.cleaned_data.get("pemda")
        if pemda is None and len(self.pilihan_pemda) == 1:
            return self.pilihan_pemda[0]
        if pemda is None:
            raise forms.ValidationError("Pilih pemerintah daerah.")
        return pemda


def _pemda_qs(request: HttpRequest) -> Any:
    return Pemda.objects.filter(unit_kerja__in=UnitKerja.objects.editable_by(request.user)).distinct()


def _wajib_penulis(request: HttpRequest) -> None:
    if not access.can_edit_any(request.user):
        raise PermissionDenied("Anda hanya memiliki hak baca; impor membutuhkan hak ubah.")


def _baca(jenis: str, data: bytes, request: HttpRequest, pemda: Pemda) -> excel.HasilBaca[Any]:
    baca = excel.baca_pk if jenis == "pk" else excel.baca_renstra
    return baca(data, pemda=pemda, unit_boleh=UnitKerja.objects.editable_by(request.user))


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "impor"
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


def _hasil(request: HttpRequest, kesalahan: list[excel.Kesalahan], nama_berkas: str) -> HttpResponse:
    return render(
        request, "perencanaan/impor_hasil.html", {"kesalahan": kesalahan, "nama_berkas": nama_berkas}
    )


@login_required
def impor(request: HttpRequest) -> HttpResponse:
    """Upload a workbook: every error, or a preview of what will be written (nothing is written yet)."""
    _wajib_penulis(request)
    form = ImporForm(request.POST or None, request.FILES or None, pemda_qs=_pemda_qs(request))
    if request.method != "POST" or not form.is_valid():
        return render(request, "perencanaan/impor.html", {"form": form})
    jenis, pemda, berkas = (form.cleaned_data[k] for k in ("jenis", "pemda", "berkas"))
    data = berkas.read()
    if antrean_impor.di_latar(len(data)):  # a large workbook: checked and applied by a queue worker
        obj = antrean_impor.mulai(
            pengguna=request.user,
            jenis=impor_latar.JENIS,
            isi=data,
            nama_berkas=berkas.name,
            parameter={"jenis": jenis, "pemda": pemda.pk},
        )
        return redirect("antrean:impor", pk=obj.pk)
    hasil = _baca(jenis, data, request, pemda)
    kesalahan = hasil.kesalahan
    if not kesalahan:
        uji = excel.uji_pk if jenis == "pk" else excel.uji_renstra
        kesalahan = uji(hasil.data, pemda=pemda, by=request.user)
    if kesalahan:
        return _hasil(request, kesalahan, berkas.name)
    lama = request.session.get(SESI)
    if lama and (path := _berkas(lama.get("token", ""))):
        path.unlink(missing_ok=True)
    token = _simpan_berkas(data)
    request.session[SESI] = {"token": token, "jenis": jenis, "pemda": pemda.pk, "nama": berkas.name}
    ringkas = excel.ringkas_pk if jenis == "pk" else excel.ringkas_renstra
    return render(
        request,
        "perencanaan/impor_pratinjau.html",
        {
            "ringkasan": ringkas(hasil.data, pemda=pemda),
            "token": token,
            "jenis": jenis,
            "nama_berkas": berkas.name,
        },
    )


@login_required
@require_POST
def impor_terapkan(request: HttpRequest) -> HttpResponse:
    """Write the previewed workbook, all or nothing, after reading and checking it again."""
    _wajib_penulis(request)
    sesi = request.session.get(SESI) or {}
    token = request.POST.get("token", "")
    path = _berkas(token) if sesi.get("token") == token else None
    pemda = Pemda.objects.filter(pk=sesi.get("pemda")).first()
    if path is None or pemda is None:
        messages.error(request, "Berkas impor tidak ditemukan atau sudah kedaluwarsa; unggah ulang berkas.")
        return redirect("perencanaan:impor")
    jenis = sesi["jenis"]
    hasil = _baca(jenis, path.read_bytes(), request, pemda)
    kesalahan = hasil.kesalahan
    obj = None
    if not kesalahan:
        terapkan = excel.terapkan_pk if jenis == "pk" else excel.terapkan_renstra
        obj, kesalahan = terapkan(hasil.data, pemda=pemda, by=request.user)
    if kesalahan or obj is None:
        return _hasil(request, kesalahan, sesi.get("nama", ""))
    path.unlink(missing_ok=True)
    del request.session[SESI]
    if isinstance(obj, PerjanjianKinerja):
        messages.success(request, f"{obj} berhasil diimpor.")
        return redirect("perencanaan:pk_detail", pk=obj.pk)
    messages.success(request, f"Renstra {obj} berhasil diimpor.")
    return redirect("perencanaan:renstra_detail", pk=obj.pk)


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=excel.JENIS_BERKAS)
    response["Content-Disposition"] = content_disposition_header(True, nama)
    return response


def _aman(teks: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", teks)


@login_required
@require_GET
def templat(request: HttpRequest) -> HttpResponse:
    """The empty workbook: `?jenis=pk` for a PK, otherwise a Renstra (optionally `?tahun_mulai=&tahun_selesai=`)."""
    if request.GET.get("jenis") == "pk":
        return _xlsx(excel.buat_templat_pk(), "templat-pk.xlsx")
    mulai, selesai = (lib_tahun.dari_query(request, nama) for nama in ("tahun_mulai", "tahun_selesai"))
    if mulai and selesai and not 0 <= selesai - mulai <= 10:
        selesai = None
    return _xlsx(excel.buat_templat(tahun_mulai=mulai, tahun_selesai=selesai), "templat-renstra.xlsx")


@login_required
def ekspor_renstra(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = access.get_for_user(RencanaStrategis.objects.select_related("unit_kerja"), request.user, pk=pk)
    nama = f"renstra-{_aman(renstra.unit_kerja.kode)}-{renstra.tahun_mulai}-{renstra.tahun_selesai}.xlsx"
    return _xlsx(excel.ekspor_renstra(renstra), nama)


@login_required
def ekspor_pk(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = access.get_for_user(
        PerjanjianKinerja.objects.select_related("unit_kerja", "renstra"), request.user, pk=pk
    )
    nama = f"pk-{_aman(perjanjian.unit_kerja.kode)}-{perjanjian.tahun}-v{perjanjian.versi}.xlsx"
    return _xlsx(excel.ekspor_pk(perjanjian), nama)
