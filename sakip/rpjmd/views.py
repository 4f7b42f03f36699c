"""Pages of the RPJMD, the cascade and individual PK. Recipe: access check (organisasi.access) → validate → service
or query → respond. The RPJMD is the pemda's: every role of the pemda reads it, its admin writes it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.rpjmd import forms, gambar, queries, services
from sakip.rpjmd.models import (
    Dukungan,
    IndikatorDaerah,
    IndikatorIndividu,
    Misi,
    PKIndividu,
    PKKepalaDaerah,
    Rpjmd,
    RpjmdVersi,
    SasaranDaerah,
    TujuanDaerah,
)

MODEL_ELEMEN: dict[str, type[Model]] = {
    "misi": Misi,
    "tujuan": TujuanDaerah,
    "sasaran": SasaranDaerah,
    "indikator": IndikatorDaerah,
}
JUDUL_ELEMEN = {
    "misi": "misi",
    "tujuan": "tujuan daerah",
    "sasaran": "sasaran daerah",
    "indikator": "indikator daerah",
}


def _rpjmd(request: HttpRequest, pk: int, *, write: bool = False) -> Rpjmd:
    """An RPJMD of a pemda where the user holds a role (404 otherwise); writing needs its admin pemda (403)."""
    rpjmd = Rpjmd.objects.select_related("pemda").filter(pk=pk).first()
    if rpjmd is None:
        raise Http404("Data tidak ditemukan.")
    access.get_pemda_for_user(request.user, rpjmd.pemda_id, write=write)
    return rpjmd


def _boleh_ubah(request: HttpRequest, rpjmd: Rpjmd) -> bool:
    return access.pemda_for_user(request.user, write=True).filter(pk=rpjmd.pemda_id).exists()


def _pesan(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _tahun(request: HttpRequest, rpjmd: Rpjmd) -> int:
    """`?tahun=` when given; else the user's working year when the RPJMD has data for it; else the latest year with
    data (a realisasi), so that the page never opens on an empty year while a measured one exists."""
    diminta = lib_tahun.dari_query(request)
    if diminta is not None:
        lib_tahun.ingat(request, diminta)
        return diminta
    return queries.tahun_bawaan(rpjmd, lib_tahun.terpilih(request))


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    rpjmd = Rpjmd.objects.visible_to(request.user).select_related("pemda")
    admin = access.pemda_for_user(request.user, write=True).exists()
    return render(request, "rpjmd/daftar.html", {"daftar": rpjmd, "dapat_menambah": admin})


@login_required
def baru(request: HttpRequest) -> HttpResponse:
    pemda_qs = access.require_admin_pemda(request.user)
    form = forms.RpjmdForm(request.POST or None)
    form.fields["pemda"] = forms.forms.ModelChoiceField(label="Pemerintah daerah", queryset=pemda_qs)
    if len(pemda_qs) == 1:
        form.fields["pemda"].initial = pemda_qs[0]
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "pemda"}
        try:
            rpjmd = services.simpan_rpjmd(pemda=form.cleaned_data["pemda"], by=request.user, **data)
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, "RPJMD dibuat.")
            return redirect("rpjmd:detail", rpjmd.pk)
    return render(request, "rpjmd/form.html", {"form": form, "judul": "RPJMD baru"})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk)
    context = {
        "rpjmd": rpjmd,
        **queries.rpjmd_lengkap(rpjmd),
        "versi_lama": rpjmd.versi_lama.all(),
        "daftar_pk_kd": rpjmd.pk_kepala_daerah.all(),
        "yatim": queries.yatim(rpjmd, request.user),
        "dapat_mengubah": _boleh_ubah(request, rpjmd),
        "form_perubahan": forms.PerubahanForm(),
    }
    return render(request, "rpjmd/detail.html", context)


@login_required
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk, write=True)
    form = forms.RpjmdForm(request.POST or None, instance=Rpjmd.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_rpjmd(pemda=rpjmd.pemda, by=request.user, rpjmd=rpjmd, **form.cleaned_data)
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, "RPJMD disimpan.")
            return redirect("rpjmd:detail", rpjmd.pk)
    return render(request, "rpjmd/form.html", {"form": form, "judul": "Ubah RPJMD", "rpjmd": rpjmd})


@login_required
@require_POST
def perubahan(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk, write=True)
    form = forms.PerubahanForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Alasan perubahan wajib diisi.")
        versi = services.mulai_perubahan(rpjmd=rpjmd, alasan=form.cleaned_data["alasan"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"RPJMD Perubahan dimulai (versi {versi.nomor + 1}); versi {versi.nomor} disimpan."
        )
    return redirect("rpjmd:detail", rpjmd.pk)


@login_required
def versi(request: HttpRequest, pk: int) -> HttpResponse:
    lama = get_object_or_404(RpjmdVersi.objects.select_related("rpjmd__pemda", "dibuat_oleh"), pk=pk)
    _rpjmd(request, lama.rpjmd_id)
    return render(request, "rpjmd/versi.html", {"versi": lama, "rpjmd": lama.rpjmd, "isi": lama.isi})


def _form_elemen(jenis: str, rpjmd: Rpjmd, data: Any, instance: Any) -> Any:
    kelas = forms.ELEMEN[jenis]
    if jenis == "misi":
        return kelas(data, instance=instance)
    return kelas(data, instance=instance, rpjmd=rpjmd)


def _simpan_elemen(jenis: str, form: Any, rpjmd: Rpjmd, user: Any, obj: Any) -> Any:
    if jenis == "indikator":
        return services.simpan_indikator(
            rpjmd=rpjmd, by=user, indikator=obj, target=form.target(), **form.nilai()
        )
    nilai = {f: form.cleaned_data[f] for f in form.Meta.fields}
    if jenis == "misi":
        return services.simpan_misi(rpjmd=rpjmd, by=user, misi=obj, **nilai)
    if jenis == "tujuan":
        return services.simpan_tujuan(rpjmd=rpjmd, by=user, tujuan=obj, **nilai)
    return services.simpan_sasaran(rpjmd=rpjmd, by=user, sasaran=obj, **nilai)


def _elemen_form(request: HttpRequest, jenis: str, rpjmd: Rpjmd, obj: Any) -> HttpResponse:
    instance = obj if obj is not None else MODEL_ELEMEN[jenis](rpjmd=rpjmd)
    form = _form_elemen(jenis, rpjmd, request.POST or None, instance)
    if request.method == "POST" and form.is_valid():
        try:
            _simpan_elemen(jenis, form, rpjmd, request.user, obj)
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, f"{JUDUL_ELEMEN[jenis].capitalize()} disimpan.")
            return redirect("rpjmd:detail", rpjmd.pk)
    judul = f"{'Ubah' if obj else 'Tambah'} {JUDUL_ELEMEN[jenis]}"
    return render(request, "rpjmd/form.html", {"form": form, "judul": judul, "rpjmd": rpjmd})


@login_required
def elemen_baru(request: HttpRequest, pk: int, jenis: str) -> HttpResponse:
    if jenis not in MODEL_ELEMEN:
        raise Http404("Data tidak ditemukan.")
    rpjmd = _rpjmd(request, pk, write=True)
    return _elemen_form(request, jenis, rpjmd, None)


def _elemen(request: HttpRequest, jenis: str, pk: int) -> tuple[Rpjmd, Any]:
    if jenis not in MODEL_ELEMEN:
        raise Http404("Data tidak ditemukan.")
    obj = MODEL_ELEMEN[jenis].objects.filter(pk=pk).first()  # type: ignore[attr-defined]
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    return _rpjmd(request, obj.rpjmd_id, write=True), obj


@login_required
def elemen_ubah(request: HttpRequest, jenis: str, pk: int) -> HttpResponse:
    rpjmd, obj = _elemen(request, jenis, pk)
    return _elemen_form(request, jenis, rpjmd, obj)


@login_required
@require_POST
def elemen_hapus(request: HttpRequest, jenis: str, pk: int) -> HttpResponse:
    rpjmd, obj = _elemen(request, jenis, pk)
    try:
        services.hapus_elemen(obj=obj, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{JUDUL_ELEMEN[jenis].capitalize()} dihapus.")
    return redirect("rpjmd:detail", rpjmd.pk)


# --- Cascade --------------------------------------------------------------------------------------------------------


@login_required
def dukungan(request: HttpRequest, pk: int) -> HttpResponse:
    """The links of the PD's Renstra to this RPJMD that the user may read; a writer of a PD adds its own."""
    rpjmd = _rpjmd(request, pk)
    form = forms.DukunganForm(request.POST or None, rpjmd=rpjmd, user=request.user)
    if request.method == "POST":
        if not access.can_edit_any(request.user):
            raise PermissionDenied("Anda hanya memiliki hak baca.")
        if form.is_valid():
            try:
                services.tambah_dukungan(
                    by=request.user,
                    indikator=form.cleaned_data.get("indikator"),
                    sasaran=form.cleaned_data.get("sasaran"),
                    indikator_daerah=form.cleaned_data.get("indikator_daerah"),
                    sasaran_daerah=form.cleaned_data.get("sasaran_daerah"),
                )
            except ValidationError as exc:
                _pesan(form, exc)
            else:
                messages.success(request, "Dukungan dicatat.")
                return redirect("rpjmd:dukungan", rpjmd.pk)
    daftar = Dukungan.objects.visible_to(request.user).filter(indikator_daerah__rpjmd=rpjmd).select_related(
        "indikator", "sasaran", "indikator_daerah", "renstra__unit_kerja"
    ) | Dukungan.objects.visible_to(request.user).filter(sasaran_daerah__rpjmd=rpjmd).select_related(
        "indikator", "sasaran", "sasaran_daerah", "renstra__unit_kerja"
    )
    dapat = set(access.scope_of(request.user).jalur_tulis)
    context = {
        "rpjmd": rpjmd,
        "daftar": daftar.order_by("renstra__unit_kerja__jalur", "pk"),
        "form": form,
        "dapat_menambah": access.can_edit_any(request.user),
        "yatim": queries.yatim(rpjmd, request.user),
        "jalur_tulis": dapat,
    }
    return render(request, "rpjmd/dukungan.html", context)


@login_required
@require_POST
def dukungan_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    link = access.get_for_user(
        Dukungan.objects.select_related("indikator_daerah", "sasaran_daerah"),
        request.user,
        unit_path="renstra__unit_kerja",
        write=True,
        pk=pk,
    )
    rpjmd_id = link.tujuan.rpjmd_id
    services.hapus_dukungan(dukungan=link, by=request.user)
    messages.success(request, "Dukungan dilepas.")
    return redirect("rpjmd:dukungan", rpjmd_id)


# --- Pohon kinerja --------------------------------------------------------------------------------------------------


@login_required
def pohon(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk)
    tahun = _tahun(request, rpjmd)
    data = queries.pohon_kinerja(rpjmd, tahun, request.user)
    context = {
        "rpjmd": rpjmd,
        "pohon": data,
        "tahun": tahun,
        "pilihan_tahun": rpjmd.tahun,
        "lintas": queries.lintas_pd(data),
        "yatim": queries.yatim(rpjmd, request.user),
    }
    return render(request, "rpjmd/pohon.html", context)


def _unduh_pohon(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    rpjmd = _rpjmd(request, pk)
    tahun = _tahun(request, rpjmd)
    data = queries.pohon_kinerja(rpjmd, tahun, request.user)
    isi = gambar.gambar(data, format=format)
    jenis = {"png": "image/png", "pdf": "application/pdf"}[format]
    response = HttpResponse(isi, content_type=jenis)
    nama = f"pohon-kinerja-{slugify(rpjmd.pemda.nama)}-{tahun}.{format}"
    response["Content-Disposition"] = content_disposition_header(True, nama)
    return response


@login_required
def pohon_png(request: HttpRequest, pk: int) -> HttpResponse:
    return _unduh_pohon(request, pk, "png")


@login_required
def pohon_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _unduh_pohon(request, pk, "pdf")


# --- Individual PK --------------------------------------------------------------------------------------------------


@login_required
def pk_individu_daftar(request: HttpRequest) -> HttpResponse:
    daftar = (
        PKIndividu.objects.visible_to(request.user)
        .select_related("unit_kerja")
        .order_by("-tahun", "unit_kerja__jalur", "nama")
    )
    return render(
        request,
        "rpjmd/pk_individu_daftar.html",
        {"daftar": daftar, "dapat_menambah": access.can_edit_any(request.user)},
    )


@login_required
def pk_individu_baru(request: HttpRequest) -> HttpResponse:
    if not access.can_edit_any(request.user):
        raise PermissionDenied("Anda hanya memiliki hak baca.")
    form = forms.PKIndividuForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            pk = services.simpan_pk_individu(
                unit_kerja=form.cleaned_data["unit_kerja"],
                by=request.user,
                **{k: v for k, v in form.cleaned_data.items() if k != "unit_kerja"},
            )
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, "PK individu dibuat.")
            return redirect("rpjmd:pk_individu_detail", pk.pk)
    return render(request, "rpjmd/form.html", {"form": form, "judul": "PK individu baru"})


def _pk_individu(request: HttpRequest, pk: int, *, write: bool = False) -> PKIndividu:
    return access.get_for_user(
        PKIndividu.objects.select_related("unit_kerja__pemda"), request.user, write=write, pk=pk
    )


@login_required
def pk_individu_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pk_individu = _pk_individu(request, pk)
    dapat = access.can_edit(request.user, pk_individu.unit_kerja)
    pilihan = services.indikator_boleh_didukung(pk_individu.unit_kerja)
    context = {
        "pk": pk_individu,
        "indikator": pk_individu.indikator.select_related("mendukung__renstra__unit_kerja"),
        "dapat_mengubah": dapat,
        "form": forms.IndikatorIndividuForm(pilihan=pilihan) if dapat else None,
    }
    return render(request, "rpjmd/pk_individu_detail.html", context)


@login_required
def pk_individu_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    pk_individu = _pk_individu(request, pk, write=True)
    form = forms.PKIndividuForm(request.POST or None, instance=pk_individu, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_pk_individu(
                pk_individu=pk_individu,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, "PK individu disimpan.")
            return redirect("rpjmd:pk_individu_detail", pk_individu.pk)
    return render(request, "rpjmd/form.html", {"form": form, "judul": "Ubah PK individu"})


@login_required
@require_POST
def pk_individu_indikator(request: HttpRequest, pk: int) -> HttpResponse:
    pk_individu = _pk_individu(request, pk, write=True)
    pilihan = services.indikator_boleh_didukung(pk_individu.unit_kerja)
    form = forms.IndikatorIndividuForm(
        request.POST, pilihan=pilihan, instance=IndikatorIndividu(pk_individu=pk_individu)
    )
    if form.is_valid():
        try:
            services.simpan_indikator_individu(
                pk_individu=pk_individu,
                by=request.user,
                **{f: form.cleaned_data[f] for f in form.Meta.fields},
            )
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, "Indikator ditambahkan.")
            return redirect("rpjmd:pk_individu_detail", pk_individu.pk)
    context = {
        "pk": pk_individu,
        "indikator": pk_individu.indikator.select_related("mendukung__renstra__unit_kerja"),
        "dapat_mengubah": True,
        "form": form,
    }
    return render(request, "rpjmd/pk_individu_detail.html", context, status=400)


@login_required
@require_POST
def indikator_individu_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = access.get_for_user(
        IndikatorIndividu.objects.select_related("pk_individu"),
        request.user,
        unit_path="pk_individu__unit_kerja",
        write=True,
        pk=pk,
    )
    services.hapus_indikator_individu(indikator=indikator, by=request.user)
    messages.success(request, "Indikator dihapus.")
    return redirect("rpjmd:pk_individu_detail", indikator.pk_individu_id)


# --- PK of the kepala daerah ------------------------------------------------------------------------------------------


@login_required
def pk_kd_baru(request: HttpRequest, pk: int) -> HttpResponse:
    rpjmd = _rpjmd(request, pk, write=True)
    form = forms.PKKepalaDaerahForm(
        request.POST or None,
        instance=PKKepalaDaerah(rpjmd=rpjmd),
        initial={"jabatan": rpjmd.kepala_daerah, "tahun": _tahun(request, rpjmd)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            baru = services.buat_pk_kepala_daerah(
                rpjmd=rpjmd, tahun=data.pop("tahun"), by=request.user, **data
            )
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, "PK kepala daerah dibuat dari IKU Pemda.")
            return redirect("rpjmd:pk_kd_detail", baru.pk)
    return render(
        request, "rpjmd/form.html", {"form": form, "judul": "PK kepala daerah baru", "rpjmd": rpjmd}
    )


def _pk_kd(request: HttpRequest, pk: int, *, write: bool = False) -> PKKepalaDaerah:
    obj = PKKepalaDaerah.objects.select_related("rpjmd__pemda").filter(pk=pk).first()
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    _rpjmd(request, obj.rpjmd_id, write=write)
    return obj


@login_required
def pk_kd_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_kd(request, pk)
    baris = obj.indikator.select_related("indikator_daerah__sasaran")
    context = {
        "pk": obj,
        "rpjmd": obj.rpjmd,
        "baris": baris,
        "dapat_mengubah": _boleh_ubah(request, obj.rpjmd),
    }
    return render(request, "rpjmd/pk_kd_detail.html", context)


@login_required
def pk_kd_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_kd(request, pk, write=True)
    form = forms.PKKepalaDaerahUbahForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            services.ubah_pk_kepala_daerah(pk=obj, by=request.user, target=form.target(), **data)
        except ValidationError as exc:
            _pesan(form, exc)
        else:
            messages.success(request, "PK kepala daerah disimpan.")
            return redirect("rpjmd:pk_kd_detail", obj.pk)
    return render(request, "rpjmd/form.html", {"form": form, "judul": f"Ubah {obj}", "rpjmd": obj.rpjmd})


@login_required
@require_POST
def pk_kd_finalkan(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _pk_kd(request, pk, write=True)
    try:
        services.finalkan_pk_kepala_daerah(pk=obj, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "PK kepala daerah difinalkan.")
    return redirect("rpjmd:pk_kd_detail", obj.pk)
