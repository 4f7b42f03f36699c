"""The pemda's report settings: its logo (LKjIP cover, kop of the PK and the IKU decree) and the units named as
compilers of another unit's LKjIP. The admin pemda changes them; anyone with a role in the pemda reads them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sakip.organisasi import access
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.pelaporan import services
from sakip.pelaporan.models import PengaturanLaporan, PenyusunLaporan


class PenyusunForm(forms.Form):
    unit_kerja = forms.ModelChoiceField(
        label="LKjIP unit", queryset=UnitKerja.objects.none(), empty_label="— pilih unit yang dilaporkan —"
    )
    penyusun = forms.ModelChoiceField(
        label="disusun juga oleh", queryset=UnitKerja.objects.none(), empty_label="— pilih unit penyusun —"
    )

    def __init__(self, *args: object, pemda: Pemda, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        unit = UnitKerja.objects.filter(pemda=pemda).order_by("jalur")
        self.fields["unit_kerja"].queryset = unit
        self.fields["penyusun"].queryset = unit


class LogoForm(forms.Form):
    logo = forms.FileField(label="Berkas logo (PNG atau JPEG, maksimal 2 MB)")


@login_required
def pengaturan(request: HttpRequest) -> HttpResponse:
    """The settings of the first pemda the user administers (or holds a role in)."""
    pemda = (
        access.pemda_for_user(request.user, write=True).order_by("nama").first()
        or access.pemda_for_user(request.user).order_by("nama").first()
    )
    if pemda is None:
        raise Http404("Data tidak ditemukan.")
    return redirect("pelaporan:pengaturan_pemda", pemda_id=pemda.pk)


@login_required
def pengaturan_pemda(request: HttpRequest, pemda_id: int) -> HttpResponse:
    admin = request.method == "POST"
    pemda = access.get_pemda_for_user(request.user, pemda_id, write=admin)
    boleh_ubah = access.pemda_for_user(request.user, write=True).filter(pk=pemda.pk).exists()
    form_penyusun = PenyusunForm(pemda=pemda)
    form_logo = LogoForm()
    if request.method == "POST":
        aksi = request.POST.get("aksi", "")
        try:
            if aksi == "logo":
                form_logo = LogoForm(request.POST, request.FILES)
                if form_logo.is_valid():
                    berkas = form_logo.cleaned_data["logo"]
                    if berkas.size > services.LOGO_MAKS_BYTE:
                        raise ValidationError({"logo": "Ukuran logo melebihi 2 MB."})
                    services.simpan_logo(pemda=pemda, isi=berkas.read(), nama=berkas.name, by=request.user)
                    messages.success(request, "Logo disimpan; dokumen yang dibuat setelah ini memakainya.")
                    return redirect("pelaporan:pengaturan_pemda", pemda_id=pemda.pk)
            elif aksi == "hapus_logo":
                services.simpan_logo(pemda=pemda, isi=None, by=request.user)
                messages.success(request, "Logo dihapus.")
                return redirect("pelaporan:pengaturan_pemda", pemda_id=pemda.pk)
            elif aksi == "tambah_penyusun":
                form_penyusun = PenyusunForm(request.POST, pemda=pemda)
                if form_penyusun.is_valid():
                    obj = services.tambah_penyusun(
                        unit_kerja=form_penyusun.cleaned_data["unit_kerja"],
                        penyusun=form_penyusun.cleaned_data["penyusun"],
                        by=request.user,
                    )
                    messages.success(
                        request, f"{obj.penyusun.nama} kini dapat menyusun LKjIP {obj.unit_kerja.nama}."
                    )
                    return redirect("pelaporan:pengaturan_pemda", pemda_id=pemda.pk)
            elif aksi == "hapus_penyusun":
                obj = (
                    PenyusunLaporan.objects.select_related("unit_kerja__pemda", "penyusun")
                    .filter(pk=request.POST.get("id") or 0, unit_kerja__pemda=pemda)
                    .first()
                )
                if obj is None:
                    raise Http404("Data tidak ditemukan.")
                services.hapus_penyusun(penyusun=obj, by=request.user)
                messages.success(
                    request, f"{obj.penyusun.nama} tidak lagi menyusun LKjIP {obj.unit_kerja.nama}."
                )
                return redirect("pelaporan:pengaturan_pemda", pemda_id=pemda.pk)
            else:
                messages.error(request, "Permintaan tidak dikenal.")
        except ValidationError as exc:
            sasaran = form_logo if aksi == "logo" else form_penyusun
            for field, pesan in exc.message_dict.items():
                sasaran.add_error(field if field in sasaran.fields else None, pesan)
    pengaturan_obj = PengaturanLaporan.objects.filter(pemda=pemda).defer("logo").first()
    return render(
        request,
        "pelaporan/pengaturan.html",
        {
            "pemda": pemda,
            "boleh_ubah": boleh_ubah,
            "ada_logo": PengaturanLaporan.objects.filter(pemda=pemda).exclude(logo=b"").exists(),
            "pengaturan": pengaturan_obj,
            "penyusun": PenyusunLaporan.objects.filter(unit_kerja__pemda=pemda).select_related(
                "unit_kerja", "penyusun", "ditambah_oleh"
            ),
            "form_penyusun": form_penyusun,
            "form_logo": form_logo,
        },
    )


@login_required
def logo(request: HttpRequest, pemda_id: int) -> HttpResponse:
    """The stored logo (a PNG the server re-encoded), to anyone with a role in the pemda."""
    pemda = access.get_pemda_for_user(request.user, pemda_id)
    isi = services.logo_pemda(pemda.pk)
    if not isi:
        raise Http404("Pemda ini belum mempunyai logo.")
    response = HttpResponse(isi, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response
