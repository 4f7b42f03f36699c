"""The pemda's own measurement rules: settings per year (admin pemda writes, every role of the pemda reads)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sakip.lib import skala
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import Pemda
from sakip.pengukuran import forms, services
from sakip.pengukuran.models import AturanValidasi, PengaturanPengukuran, SkalaKategori, pengaturan_untuk
from sakip.perencanaan.models import Indikator


def pilih_pemda(request: HttpRequest) -> tuple[Pemda, list[Pemda], bool]:
    """The pemda the page shows (`?pemda=`, else the user's first), the user's pemdas, and whether they administer it."""
    daftar = list(access.pemda_for_user(request.user).order_by("kode"))
    if not daftar:
        raise PermissionDenied("Anda tidak memiliki peran pada pemda mana pun.")
    nilai = request.POST.get("pemda") or request.GET.get("pemda")
    if nilai:
        try:
            pemda = next(p for p in daftar if p.pk == int(nilai))
        except (ValueError, StopIteration):
            raise Http404("Pemda tidak ditemukan.") from None
    else:
        pemda = daftar[0]
    admin = access.pemda_for_user(request.user, write=True).filter(pk=pemda.pk).exists()
    return pemda, daftar, admin


def perubahan(riwayat: list[Any]) -> list[dict[str, Any]]:
    """Audit entries with the fields each changed (old → new), newest first."""
    hasil = []
    for h in riwayat:
        lama = h.prev_record
        beda = []
        if lama is not None:
            for c in h.diff_against(lama).changes:
                field = h.instance._meta.get_field(c.field)
                beda.append({"field": str(field.verbose_name), "lama": c.old, "baru": c.new})
        hasil.append({"h": h, "beda": beda})
    return hasil


def _tahun(request: HttpRequest) -> int:
    teks = request.POST.get("tahun") or request.GET.get("tahun")
    if not teks:
        return timezone.localdate().year
    try:
        return lib_tahun.parse(teks)
    except lib_tahun.TahunTidakSah as exc:
        raise ValidationError(str(exc)) from exc


@login_required
def pengaturan(request: HttpRequest) -> HttpResponse:
    """The measurement settings in effect in a year; the admin pemda changes them from that year on."""
    pemda, daftar, admin = pilih_pemda(request)
    try:
        tahun = _tahun(request)
    except ValidationError:
        raise Http404("Tahun tidak sah.") from None
    if request.method == "POST" and not admin:
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah pengaturan pengukuran.")
    atur = pengaturan_untuk(pemda.pk, tahun)
    pilihan = services.skala_pilihan(pemda.pk)
    awal = {
        "metode_rollup": atur.metode_rollup,
        "kebijakan_kosong": atur.kebijakan_kosong,
        "batas_capaian": atur.batas_capaian,
        "skala_kategori": atur.skala_kategori,
        "hari_tenggat": atur.hari_tenggat,
        "skala_lampu": atur.skala_lampu,
    }
    form = forms.PengaturanForm(request.POST or None, initial=awal, skala=pilihan)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_pengaturan(pemda=pemda, tahun=tahun, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for nama, pesan in exc.message_dict.items():
                form.add_error(nama if nama in form.fields else None, pesan)
        else:
            messages.success(request, f"Pengaturan pengukuran {pemda} mulai tahun {tahun} disimpan.")
            return redirect(f"{reverse('pengukuran:pengaturan')}?pemda={pemda.pk}&tahun={tahun}")
    rows = list(PengaturanPengukuran.objects.filter(pemda=pemda).order_by("berlaku_mulai"))
    riwayat = list(
        PengaturanPengukuran.history.filter(pemda_id=pemda.pk)
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    return render(
        request,
        "pengukuran/aturan/pengaturan.html",
        {
            "pemda": pemda,
            "daftar": daftar,
            "admin": admin,
            "tahun": tahun,
            "atur": atur,
            "skala_nama": pilihan.get(atur.skala_kategori, atur.skala_kategori),
            "lampu_nama": pilihan.get(atur.skala_lampu, atur.skala_lampu),
            "form": form,
            "rows": rows,
            "riwayat": perubahan(riwayat),
        },
    )


# --- category scales ---------------------------------------------------------------------------------------------------


@login_required
def skala_daftar(request: HttpRequest) -> HttpResponse:
    """The pemda's own scales and the shipped templates; the admin copies one to make a new scale."""
    pemda, daftar, admin = pilih_pemda(request)
    sumber = {
        **{s.kode: s.nama for s in SkalaKategori.objects.filter(pemda=pemda)},
        **{k: f"{s.nama} (bawaan)" for k, s in skala.SKALA_BAWAAN.items()},
    }
    form = forms.SalinSkalaForm(request.POST or None, sumber=sumber)
    if request.method == "POST":
        if not admin:
            raise PermissionDenied("Hanya admin pemda yang dapat membuat skala.")
        if form.is_valid():
            try:
                baru = services.salin_skala(pemda=pemda, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for nama, pesan in exc.message_dict.items():
                    form.add_error(nama if nama in form.fields else None, pesan)
            else:
                messages.success(request, f"Skala '{baru.nama}' dibuat; sesuaikan pitanya.")
                return redirect("pengukuran:skala_detail", pk=baru.pk)
    return render(
        request,
        "pengukuran/aturan/skala_daftar.html",
        {
            "pemda": pemda,
            "daftar": daftar,
            "admin": admin,
            "form": form,
            "sendiri": [(s, _aman(s)) for s in SkalaKategori.objects.filter(pemda=pemda).order_by("nama")],
            "bawaan": list(skala.SKALA_BAWAAN.values()),
        },
    )


def _aman(obj: SkalaKategori) -> skala.Skala | None:
    try:
        return obj.sebagai_skala()
    except skala.SkalaError:
        return None


@login_required
def skala_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One scale of the pemda: its bands; the admin edits them (validated: no gap, no overlap)."""
    obj = SkalaKategori.objects.filter(pk=pk, pemda__in=access.pemda_for_user(request.user)).first()
    if obj is None:
        raise Http404("Skala tidak ditemukan.")
    admin = access.pemda_for_user(request.user, write=True).filter(pk=obj.pemda_id).exists()
    if request.method == "POST" and not admin:
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah skala.")
    awal_pita = [{**p, "bawah": p.get("bawah") or "", "atas": p.get("atas") or ""} for p in obj.pita]
    form = forms.SkalaForm(
        request.POST or None, initial={"nama": obj.nama, "desimal_klasifikasi": obj.desimal_klasifikasi}
    )
    formset = forms.PitaFormSet(request.POST or None, initial=awal_pita, prefix="pita")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        dipakai = [f for f in formset.forms if _pita_terisi(f.cleaned_data)]
        pita = [{k: v for k, v in f.cleaned_data.items() if k != "DELETE"} for f in dipakai]
        try:
            services.ubah_skala(skala_obj=obj, by=request.user, pita=pita, **form.cleaned_data)
        except ValidationError as exc:
            _galat_ke_isian(exc, form, dipakai)
        else:
            messages.success(request, f"Skala '{obj.nama}' disimpan.")
            return redirect("pengukuran:skala_detail", pk=obj.pk)
    riwayat = list(
        SkalaKategori.history.filter(id=obj.pk).select_related("history_user").order_by("-history_date")[:30]
    )
    return render(
        request,
        "pengukuran/aturan/skala_detail.html",
        {
            "pemda": obj.pemda,
            "daftar": [],
            "admin": admin,
            "obj": obj,
            "skala": _aman(obj),
            "form": form,
            "formset": formset,
            "riwayat": perubahan(riwayat),
        },
    )


def _pita_terisi(isian: dict[str, Any]) -> bool:
    """A band row to keep: not deleted, and not a blank row (a colour input always sends a value)."""
    if not isian or isian.get("DELETE"):
        return False
    return any(isian.get(k) not in (None, "") for k in ("label", "kode", "bawah", "atas"))


def _galat_ke_isian(exc: ValidationError, form: Any, dipakai: list[Any]) -> None:
    """Service errors shown at their field: `pita-<i>-<isian>` at the i-th kept band's field."""
    for kunci, pesan in exc.message_dict.items():
        if kunci.startswith("pita-"):
            _, i, nama = kunci.split("-", 2)
            if int(i) < len(dipakai):
                dipakai[int(i)].add_error(nama, pesan)
                continue
        form.add_error(kunci if kunci in form.fields else None, pesan)


# --- validation rules ---------------------------------------------------------------------------------------------------


def _indikator_pemda(pemda: Pemda) -> Any:
    return (
        Indikator.objects.filter(renstra__unit_kerja__pemda=pemda, sasaran__isnull=False)
        .select_related("renstra")
        .order_by("renstra__tahun_mulai", "kode")
    )


def _awal_aturan(a: AturanValidasi) -> dict[str, Any]:
    return {
        "nama": a.nama,
        "jenis": a.jenis,
        "indikator": a.indikator_id,
        "tingkat": a.tingkat,
        "pesan": a.pesan,
        "aktif": a.aktif,
        **(a.parameter or {}),
    }


def _simpan_aturan_dari_form(request: HttpRequest, pemda: Pemda, form: Any, aturan: Any = None) -> Any:
    data = form.cleaned_data
    try:
        return services.simpan_aturan(
            pemda=pemda,
            by=request.user,
            jenis=data["jenis"],
            nama=data["nama"],
            tingkat=data["tingkat"],
            parameter=form.parameter(),
            indikator=data.get("indikator"),
            pesan=data.get("pesan", ""),
            aktif=data.get("aktif", False),
            aturan=aturan,
        )
    except ValidationError as exc:
        for nama, pesan in exc.message_dict.items():
            form.add_error(nama if nama in form.fields else None, pesan)
        return None


@login_required
def aturan_daftar(request: HttpRequest) -> HttpResponse:
    """The pemda's validation rules; the admin pemda adds one (for all indicators or one)."""
    pemda, daftar, admin = pilih_pemda(request)
    if request.method == "POST" and not admin:
        raise PermissionDenied("Hanya admin pemda yang dapat menambah aturan validasi.")
    form = forms.AturanForm(request.POST or None, indikator_qs=_indikator_pemda(pemda))
    if request.method == "POST" and form.is_valid():
        baru = _simpan_aturan_dari_form(request, pemda, form)
        if baru is not None:
            messages.success(request, f"Aturan '{baru.nama}' disimpan.")
            return redirect(f"{reverse('pengukuran:aturan_daftar')}?pemda={pemda.pk}")
    aturan = AturanValidasi.objects.filter(pemda=pemda).select_related("indikator")
    return render(
        request,
        "pengukuran/aturan/aturan_daftar.html",
        {"pemda": pemda, "daftar": daftar, "admin": admin, "form": form, "aturan": aturan},
    )


@login_required
def aturan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One validation rule; the admin pemda changes or deactivates it."""
    aturan = (
        AturanValidasi.objects.filter(pk=pk, pemda__in=access.pemda_for_user(request.user))
        .select_related("pemda", "indikator")
        .first()
    )
    if aturan is None:
        raise Http404("Aturan tidak ditemukan.")
    admin = access.pemda_for_user(request.user, write=True).filter(pk=aturan.pemda_id).exists()
    if request.method == "POST" and not admin:
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah aturan validasi.")
    form = forms.AturanForm(
        request.POST or None, initial=_awal_aturan(aturan), indikator_qs=_indikator_pemda(aturan.pemda)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _simpan_aturan_dari_form(request, aturan.pemda, form, aturan) is not None
    ):
        messages.success(request, f"Aturan '{aturan.nama}' disimpan.")
        return redirect("pengukuran:aturan_detail", pk=aturan.pk)
    riwayat = list(
        AturanValidasi.history.filter(id=aturan.pk)
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    return render(
        request,
        "pengukuran/aturan/aturan_detail.html",
        {
            "pemda": aturan.pemda,
            "daftar": [],
            "admin": admin,
            "aturan": aturan,
            "form": form,
            "riwayat": perubahan(riwayat),
        },
    )
