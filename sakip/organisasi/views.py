from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access, panel, services
from sakip.organisasi.forms import (
    AkhiriPejabatForm,
    GantiSandiForm,
    PejabatForm,
    PenggunaForm,
    PenugasanForm,
    UnitForm,
)
from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja, urut_pohon


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    penugasan = (
        Penugasan.objects.berlaku().filter(pengguna=request.user).select_related("pemda", "unit_kerja")
    )
    units = urut_pohon(list(UnitKerja.objects.visible_to(request.user).select_related("pemda")))
    return render(
        request,
        "organisasi/beranda.html",
        {
            "penugasan": penugasan,
            "units": units,
            "cakupan": access.scope_of(request.user),
            "panel": panel.untuk(request),
        },
    )


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = urut_pohon(list(UnitKerja.objects.visible_to(request.user).select_related("pemda")))
    admin_pemda = access.pemda_for_user(request.user, write=True).exists()
    return render(request, "organisasi/unit_list.html", {"units": units, "admin_pemda": admin_pemda})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.get_unit_for_user(request.user, pk)
    context = {
        "unit": unit,
        "leluhur": UnitKerja.objects.filter(pk__in=[int(p) for p in unit.jalur.strip("/").split("/")[:-1]]),
        "anak": unit.anak.order_by("urutan", "nama"),
        "penugasan": unit.penugasan.berlaku().select_related("pengguna"),
        "dapat_mengubah": access.can_edit(request.user, unit),
        "tahun": lib_tahun.terpilih(request),
        "admin_pemda": access.pemda_for_user(request.user, write=True).filter(pk=unit.pemda_id).exists(),
        "riwayat": unit.history.select_related("history_user", "induk").order_by("-history_date")[:20],
        # The Inspektorat reads the unit and scores its AKIP evaluation: not "read-only".
        "dapat_menilai": Penugasan.objects.berlaku()
        .filter(pengguna_id=request.user.pk, peran=Penugasan.Peran.EVALUATOR, pemda_id=unit.pemda_id)
        .exists(),
    }
    return render(request, "organisasi/unit_detail.html", context)


# --- the admin pemda's pages: units, accounts, roles ---------------------------------------------------------------


def _galat(form: Any, exc: ValidationError) -> None:
    """Put a service's refusal on the form: field errors on their field, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, pesan in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, pesan)
    else:
        form.add_error(None, exc.messages)


def _unit_admin(request: HttpRequest, pk: int) -> UnitKerja:
    pemda = access.require_admin_pemda(request.user)
    unit = UnitKerja.objects.select_related("pemda", "induk").filter(pk=pk, pemda__in=pemda).first()
    if unit is None:
        raise Http404("Data tidak ditemukan.")
    return unit


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    pemda = access.require_admin_pemda(request.user)
    form = UnitForm(request.POST or None, pemda=pemda, initial={"induk": request.GET.get("induk")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            unit = services.create_unit(
                pemda=d["pemda"],
                kode=d["kode"].strip(),
                nama=d["nama"].strip(),
                jenis=d["jenis"],
                induk=d["induk"],
                singkatan=d["singkatan"].strip(),
                eselon=d["eselon"],
                urutan=d["urutan"] or 0,
                by=request.user,
            )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, f"Unit {unit.nama} dibuat.")
            return redirect("organisasi:unit_detail", unit.pk)
    return render(request, "organisasi/unit_form.html", {"form": form, "judul": "Unit kerja baru"})


@login_required
def unit_update(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_admin(request, pk)
    awal = {
        "nama": unit.nama,
        "singkatan": unit.singkatan,
        "jenis": unit.jenis,
        "eselon": unit.eselon,
        "induk": unit.induk_id,
        "urutan": unit.urutan,
    }
    form = UnitForm(
        request.POST or None, pemda=Pemda.objects.filter(pk=unit.pemda_id), unit=unit, initial=awal
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_unit(
                unit=unit,
                nama=d["nama"].strip(),
                jenis=d["jenis"],
                induk=d["induk"],
                singkatan=d["singkatan"].strip(),
                eselon=d["eselon"],
                urutan=d["urutan"] or 0,
                by=request.user,
            )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, "Perubahan unit disimpan.")
            return redirect("organisasi:unit_detail", unit.pk)
    return render(
        request, "organisasi/unit_form.html", {"form": form, "judul": f"Ubah {unit.nama}", "unit": unit}
    )


@login_required
@require_POST
def unit_close(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_admin(request, pk)
    try:
        services.close_unit(unit=unit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Unit {unit.nama} ditutup. Datanya tetap dapat dibaca.")
    return redirect("organisasi:unit_detail", unit.pk)


@login_required
def pengguna_list(request: HttpRequest) -> HttpResponse:
    access.require_admin_pemda(request.user)
    daftar = access.users_administered_by(request.user).order_by("username")
    penugasan: dict[int, list[Penugasan]] = {}
    for p in (
        Penugasan.objects.berlaku()
        .filter(pengguna__in=daftar)
        .select_related("unit_kerja", "pemda")
        .order_by("peran")
    ):
        penugasan.setdefault(p.pengguna_id, []).append(p)
    baris = [{"pengguna": u, "peran": penugasan.get(u.pk, [])} for u in daftar[:1000]]
    return render(request, "organisasi/pengguna_list.html", {"baris": baris})


def _sandi_sekali(request: HttpRequest, pengguna: Pengguna, sandi: str, judul: str) -> HttpResponse:
    response = render(
        request, "organisasi/sandi_sementara.html", {"pengguna": pengguna, "sandi": sandi, "judul": judul}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def pengguna_create(request: HttpRequest) -> HttpResponse:
    pemda = access.require_admin_pemda(request.user)
    form = PenggunaForm(request.POST or None, pemda=pemda)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with transaction.atomic():
                pengguna, sandi = services.create_user(
                    username=d["username"],
                    nama_depan=d["nama_depan"].strip(),
                    nama_belakang=d["nama_belakang"].strip(),
                    email=d["email"],
                    nip=d["nip"].strip(),
                    jabatan=d["jabatan"].strip(),
                    by=request.user,
                )
                services.assign_role(
                    pengguna=pengguna,
                    peran=d["peran"],
                    pemda=d["pemda"],
                    unit_kerja=d["unit_kerja"],
                    mulai=d["mulai"],
                    selesai=d["selesai"],
                    by=request.user,
                )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            return _sandi_sekali(request, pengguna, sandi, "Pengguna dibuat")
    return render(request, "organisasi/pengguna_form.html", {"form": form})


@login_required
def pengguna_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pengguna = access.get_user_for_admin(request.user, pk)
    pemda = access.require_admin_pemda(request.user)
    form = PenugasanForm(request.POST or None, pemda=pemda)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.assign_role(
                pengguna=pengguna,
                peran=d["peran"],
                pemda=d["pemda"],
                unit_kerja=d["unit_kerja"],
                mulai=d["mulai"],
                selesai=d["selesai"],
                by=request.user,
            )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, "Peran diberikan.")
            return redirect("organisasi:pengguna_detail", pengguna.pk)
    penugasan = (
        Penugasan.objects.filter(pengguna=pengguna, pemda__in=pemda)
        .select_related("unit_kerja", "pemda")
        .order_by("-selesai", "-mulai")
    )
    riwayat = (
        Penugasan.history.filter(pengguna_id=pengguna.pk, pemda__in=pemda)
        .select_related("history_user", "unit_kerja")
        .order_by("-history_date")[:30]
    )
    return render(
        request,
        "organisasi/pengguna_detail.html",
        {"pengguna": pengguna, "penugasan": penugasan, "form": form, "riwayat": riwayat},
    )


@login_required
@require_POST
def pengguna_aktif(request: HttpRequest, pk: int) -> HttpResponse:
    pengguna = access.get_user_for_admin(request.user, pk)
    aktif = request.POST.get("aktif") == "1"
    try:
        services.set_user_active(pengguna=pengguna, aktif=aktif, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Akun {pengguna} {'diaktifkan' if aktif else 'dinonaktifkan'}.")
    return redirect("organisasi:pengguna_detail", pengguna.pk)


@login_required
@require_POST
def pengguna_sandi(request: HttpRequest, pk: int) -> HttpResponse:
    pengguna = access.get_user_for_admin(request.user, pk)
    try:
        sandi = services.reset_password(pengguna=pengguna, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("organisasi:pengguna_detail", pengguna.pk)
    return _sandi_sekali(request, pengguna, sandi, "Kata sandi diatur ulang")


@login_required
@require_POST
def penugasan_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    pemda = access.require_admin_pemda(request.user)
    penugasan = Penugasan.objects.filter(pk=pk, pemda__in=pemda).select_related("pengguna").first()
    if penugasan is None:
        raise Http404("Data tidak ditemukan.")
    try:
        services.withdraw_role(penugasan=penugasan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Peran {penugasan.get_peran_display()} {penugasan.pengguna} dicabut.")
    return redirect("organisasi:pengguna_detail", penugasan.pengguna_id)


@login_required
def ganti_sandi(request: HttpRequest) -> HttpResponse:
    """Every user changes their own password; their other sessions end (Django's session hash) and their API token
    is deleted (sakip.api.sinyal); this session stays logged in."""
    form = GantiSandiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_own_password(
                pengguna=request.user,
                sandi_lama=form.cleaned_data["sandi_lama"],
                sandi_baru=form.cleaned_data["sandi_baru"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                _galat(form, exc)
            else:
                form.add_error("sandi_baru", exc.messages)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(
                request,
                "Kata sandi diganti. Sesi Anda di perangkat lain dan token API Anda tidak berlaku lagi.",
            )
            return redirect("beranda")
    return render(request, "organisasi/ganti_sandi.html", {"form": form})


# --- officials (pejabat): the admin pemda's roster of who signs (issue #20 point 1) ---------------------------------


def _pejabat_admin(request: HttpRequest, pk: int) -> Any:
    from sakip.organisasi.models import Pejabat

    pemda = access.require_admin_pemda(request.user)
    pejabat = Pejabat.objects.select_related("pemda", "unit_kerja").filter(pk=pk, pemda__in=pemda).first()
    if pejabat is None:
        raise Http404("Data tidak ditemukan.")
    return pejabat


@login_required
def pejabat_list(request: HttpRequest) -> HttpResponse:
    from sakip.organisasi.models import Pejabat

    pemda = access.require_admin_pemda(request.user)
    semua = request.GET.get("semua") == "1"
    daftar = Pejabat.objects.filter(pemda__in=pemda).select_related("pemda", "unit_kerja")
    if not semua:
        daftar = daftar.berlaku()
    return render(
        request,
        "organisasi/pejabat_list.html",
        {"daftar": daftar.order_by("pemda_id", "unit_kerja__jalur", "-mulai"), "semua": semua},
    )


def _pejabat_form(request: HttpRequest, pejabat: Any) -> HttpResponse:
    pemda = access.require_admin_pemda(request.user)
    awal = {}
    if pejabat is not None:
        awal = {
            f: getattr(pejabat, f)
            for f in ("nama", "nip", "jabatan", "pangkat_golongan", "sifat", "mulai", "selesai")
        }
        awal |= {"pemda": pejabat.pemda_id, "unit_kerja": pejabat.unit_kerja_id}
    form = PejabatForm(request.POST or None, pemda=pemda, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            pejabat = services.simpan_pejabat(**form.cleaned_data, pejabat=pejabat, by=request.user)
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, f"Pejabat {pejabat.nama} disimpan.")
            return redirect("organisasi:pejabat_list")
    judul = f"Ubah pejabat {pejabat.nama}" if pejabat else "Pejabat baru"
    return render(request, "organisasi/pejabat_form.html", {"form": form, "judul": judul, "pejabat": pejabat})


@login_required
def pejabat_create(request: HttpRequest) -> HttpResponse:
    return _pejabat_form(request, None)


@login_required
def pejabat_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _pejabat_form(request, _pejabat_admin(request, pk))


@login_required
@require_POST
def pejabat_end(request: HttpRequest, pk: int) -> HttpResponse:
    pejabat = _pejabat_admin(request, pk)
    form = AkhiriPejabatForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Isi tanggal berakhirnya masa jabatan.")
        return redirect("organisasi:pejabat_update", pejabat.pk)
    try:
        services.akhiri_pejabat(pejabat=pejabat, selesai=form.cleaned_data["selesai"], by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Masa jabatan {pejabat.nama} diakhiri; datanya tetap tersimpan.")
    return redirect("organisasi:pejabat_list")
