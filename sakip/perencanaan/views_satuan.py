"""The pemda's list of units of measure (satuan): admin pemda adds, every role of the pemda reads."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sakip.organisasi import access
from sakip.perencanaan import satuan, services
from sakip.perencanaan.models import SatuanPemda


class SatuanForm(forms.Form):
    nama = forms.CharField(label="Nama satuan", max_length=60)
    jenis = forms.ChoiceField(label="Jenis", choices=SatuanPemda.Jenis.choices)
    keterangan = forms.CharField(label="Keterangan", max_length=200, required=False)


@login_required
def satuan_daftar(request: HttpRequest) -> HttpResponse:
    """The shipped vocabulary and the pemda's own satuan: the one list forms, imports and the API accept."""
    daftar = list(access.pemda_for_user(request.user).order_by("kode"))
    if not daftar:
        raise PermissionDenied("Anda tidak memiliki peran pada pemda mana pun.")
    nilai = request.POST.get("pemda") or request.GET.get("pemda")
    try:
        pemda = next(p for p in daftar if p.pk == int(nilai)) if nilai else daftar[0]
    except (ValueError, StopIteration):
        raise Http404("Pemda tidak ditemukan.") from None
    admin = access.pemda_for_user(request.user, write=True).filter(pk=pemda.pk).exists()
    if request.method == "POST" and not admin:
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah daftar satuan.")
    form = SatuanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.tambah_satuan(pemda=pemda, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for nama, pesan in exc.message_dict.items():
                form.add_error(nama if nama in form.fields else None, pesan)
        else:
            messages.success(request, f"Satuan '{baru.nama}' ditambahkan.")
            return redirect(f"{reverse('perencanaan:satuan')}?pemda={pemda.pk}")
    return render(
        request,
        "perencanaan/satuan.html",
        {
            "pemda": pemda,
            "daftar": daftar,
            "admin": admin,
            "form": form,
            "sendiri": SatuanPemda.objects.filter(pemda=pemda),
            "bawaan": satuan.SATUAN,
        },
    )
