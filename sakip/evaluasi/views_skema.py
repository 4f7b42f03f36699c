"""Pages of the scheme as data: copy a scheme, edit weights and criteria, choose the scheme of a year (admin pemda)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sakip.evaluasi import forms, services
from sakip.evaluasi.models import JenisJawaban, KomponenSkema, KriteriaSkema, SkemaEvaluasi, SkemaTahun
from sakip.evaluasi.views import _form_error
from sakip.organisasi import access


def _admin_pemda(request: HttpRequest) -> Any:
    """The pemdas the user administers; 403 for everyone else (before any object is looked up)."""
    pemda = access.pemda_for_user(request.user, write=True)
    if not pemda.exists():
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah skema evaluasi.")
    return pemda


def _skema(request: HttpRequest, pk: int) -> SkemaEvaluasi:
    skema = SkemaEvaluasi.objects.visible_to(request.user).select_related("pemda").filter(pk=pk).first()
    if skema is None:
        raise Http404("Data tidak ditemukan.")
    return skema


def _skema_milik_admin(request: HttpRequest, skema: SkemaEvaluasi) -> None:
    if skema.pemda_id is None:
        raise PermissionDenied("Skema nasional tidak dapat diubah; salin dahulu menjadi skema pemda.")
    if not access.pemda_for_user(request.user, write=True).filter(pk=skema.pemda_id).exists():
        raise PermissionDenied("Hanya admin pemda pemilik skema yang dapat mengubahnya.")


@login_required
def salin(request: HttpRequest, pk: int) -> HttpResponse:
    pemda = _admin_pemda(request)
    skema = _skema(request, pk)
    form = forms.SalinSkemaForm(
        request.POST or None,
        pemda=pemda,
        initial={"kode": f"{skema.kode}-SALINAN", "nama": f"{skema.nama} (salinan)"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.salin_skema(skema=skema, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Skema disalin. Ubah bobot dan kriterianya bila perlu.")
            return redirect("evaluasi:skema_detail", pk=baru.pk)
    return render(request, "evaluasi/form.html", {"form": form, "judul": f"Salin skema {skema.nama}"})


@login_required
def bobot(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_pemda(request)
    skema = _skema(request, pk)
    _skema_milik_admin(request, skema)
    komponen = list(skema.komponen.select_related("induk"))
    form = forms.BobotForm(request.POST or None, komponen=komponen)
    if request.method == "POST" and form.is_valid():
        try:
            services.ubah_bobot(skema=skema, bobot=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Bobot skema disimpan.")
            return redirect("evaluasi:skema_detail", pk=skema.pk)
    return render(request, "evaluasi/form.html", {"form": form, "judul": f"Bobot {skema.nama}"})


def _jenis(skema: SkemaEvaluasi) -> list[tuple[str, str]]:
    return [(j, label) for j, label in JenisJawaban.choices if j in (skema.skala_jawaban or {})]


def _kriteria_form(
    request: HttpRequest, komponen: KomponenSkema, kriteria: KriteriaSkema | None
) -> HttpResponse:
    skema = komponen.skema
    awal: dict[str, Any] = {}
    if kriteria is not None:
        awal = {
            "kode": kriteria.kode,
            "uraian": kriteria.uraian,
            "jenis_jawaban": kriteria.jenis_jawaban,
            "dinilai_per": kriteria.dinilai_per,
            "catatan": kriteria.catatan,
            "bukti": "\n".join(b.nama for b in kriteria.bukti.all()),
        }
    form = forms.KriteriaForm(request.POST or None, initial=awal, jenis=_jenis(skema))
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_kriteria(
                komponen=komponen, kriteria=kriteria, **form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Kriteria disimpan.")
            return redirect("evaluasi:skema_detail", pk=skema.pk)
    judul = f"Ubah kriteria {kriteria.kode}" if kriteria else f"Kriteria baru di {komponen.nama}"
    return render(request, "evaluasi/form.html", {"form": form, "judul": judul})


@login_required
def kriteria_baru(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_pemda(request)
    komponen = KomponenSkema.objects.select_related("skema").filter(pk=pk, induk__isnull=False).first()
    if (
        komponen is None
        or not SkemaEvaluasi.objects.visible_to(request.user).filter(pk=komponen.skema_id).exists()
    ):
        raise Http404("Data tidak ditemukan.")
    _skema_milik_admin(request, komponen.skema)
    return _kriteria_form(request, komponen, None)


def _kriteria(request: HttpRequest, pk: int) -> KriteriaSkema:
    kriteria = KriteriaSkema.objects.select_related("komponen__skema").filter(pk=pk).first()
    if (
        kriteria is None
        or not SkemaEvaluasi.objects.visible_to(request.user).filter(pk=kriteria.komponen.skema_id).exists()
    ):
        raise Http404("Data tidak ditemukan.")
    return kriteria


@login_required
def kriteria_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_pemda(request)
    kriteria = _kriteria(request, pk)
    _skema_milik_admin(request, kriteria.komponen.skema)
    return _kriteria_form(request, kriteria.komponen, kriteria)


@login_required
@require_POST
def kriteria_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_pemda(request)
    kriteria = _kriteria(request, pk)
    _skema_milik_admin(request, kriteria.komponen.skema)
    skema_pk = kriteria.komponen.skema_id
    try:
        services.hapus_kriteria(kriteria=kriteria, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Kriteria {kriteria.kode} dihapus.")
    return redirect("evaluasi:skema_detail", pk=skema_pk)


@login_required
def skema_tahun(request: HttpRequest) -> HttpResponse:
    """The scheme of each year per pemda: everyone with a role reads it, the admin pemda chooses."""
    pemda_baca = access.pemda_for_user(request.user)
    daftar = SkemaTahun.objects.filter(pemda__in=pemda_baca).select_related("pemda", "skema")
    pemda_tulis = access.pemda_for_user(request.user, write=True)
    form = None
    if pemda_tulis.exists():
        form = forms.SkemaTahunForm(
            request.POST or None, pemda=pemda_tulis, skema=SkemaEvaluasi.objects.visible_to(request.user)
        )
    elif request.method == "POST":
        raise PermissionDenied("Hanya admin pemda yang dapat memilih skema per tahun.")
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.pilih_skema_tahun(**form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Skema tahun tersebut disimpan.")
            return redirect("evaluasi:skema_tahun")
    return render(request, "evaluasi/skema_tahun.html", {"daftar": daftar, "form": form})
