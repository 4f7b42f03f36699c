"""Excel export and import (dry run first, then all or nothing) of an RPJMD and its cascade."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from sakip.lib import xlsx
from sakip.rpjmd import excel
from sakip.rpjmd.views import _rpjmd


class ImporForm(forms.Form):
    berkas = forms.FileField(label="Berkas Excel (.xlsx, maks. 5 MB)")
    uji_coba = forms.BooleanField(
        label="Uji coba saja (periksa tanpa menyimpan)", required=False, initial=True
    )

    def clean_berkas(self) -> object:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > excel.MAKS_UKURAN:
            raise forms.ValidationError("Berkas terlalu besar; ukuran maksimal 5 MB.")
        return berkas


@login_required
def ekspor(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk)
    response = HttpResponse(excel.ekspor(rpjmd), content_type=xlsx.JENIS_MIME)
    nama = f"rpjmd-{slugify(rpjmd.pemda.nama)}-{rpjmd.tahun_mulai}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, nama)
    return response


@login_required
def impor(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk, write=True)
    form = ImporForm(request.POST or None, request.FILES or None)
    hasil = None
    if request.method == "POST" and form.is_valid():
        hasil = excel.impor(
            rpjmd=rpjmd,
            data=form.cleaned_data["berkas"].read(),
            by=request.user,
            uji_coba=form.cleaned_data["uji_coba"],
        )
        if hasil.diterapkan:
            messages.success(
                request,
                f"Impor diterapkan: {hasil.dibuat} baris baru, {hasil.diubah} diubah, {hasil.dukungan} dukungan baru.",
            )
            return redirect("rpjmd:detail", rpjmd.pk)
    status = 400 if hasil is not None and hasil.kesalahan else 200
    return render(request, "rpjmd/impor.html", {"rpjmd": rpjmd, "form": form, "hasil": hasil}, status=status)
