"""Login in two steps, the user's own account security page, the pemda policy and the admin's reset."""

from __future__ import annotations

import time
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sakip.akun import services
from sakip.akun.forms import KebijakanForm, KodeForm, KonfirmasiForm
from sakip.akun.models import KebijakanDuaFaktor
from sakip.organisasi import access

# Session keys: the user who gave a correct password and still owes a code (not logged in yet), and the flag of a
# logged-in user who must enrol before anything else (see middleware.py).
TERTUNDA = "akun_masuk_tertunda"
WAJIB_DAFTAR = "akun_wajib_daftar"
BATAS_TERTUNDA_DETIK = 5 * 60


class MasukView(auth_views.LoginView):
    """Step one: user name and password (django-axes counts the failures). A user with an authenticator is not logged
    in yet but asked for a code; a user whose role requires one and who has none is logged in only to enrol."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        tujuan = self.get_success_url()
        if services.punya_dua_faktor(user):
            self.request.session[TERTUNDA] = {
                "id": user.pk,
                "backend": user.backend,
                "sejak": time.time(),
                "tujuan": tujuan,
            }
            return redirect("masuk_kode")
        wajib = services.wajib_dua_faktor(user)
        login(self.request, user)
        if wajib:
            self.request.session[WAJIB_DAFTAR] = True
            messages.warning(
                self.request,
                "Peran Anda mewajibkan verifikasi dua langkah. Aktifkan sekarang untuk dapat memakai SAKIP.",
            )
            return redirect("akun:keamanan")
        return redirect(tujuan)

    def form_invalid(self, form: Any) -> HttpResponse:
        # How many wrong passwords this user name may still try from this address before the lockout (axes has
        # already counted this one when authenticate() failed).
        nama = (self.request.POST.get("username") or "").strip()
        if nama:
            gagal = AxesProxyHandler.get_failures(self.request, {"username": nama})
            self.extra_context = {"sisa_percobaan": max(settings.AXES_FAILURE_LIMIT - gagal, 0)}
        return super().form_invalid(form)


def terkunci(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' lockout answer: when the user name may try again from this address, and the way back."""
    from axes.helpers import get_client_username, get_cool_off
    from axes.models import AccessAttempt

    from sakip.lib import klien

    nama = get_client_username(request, credentials) or ""
    jeda = get_cool_off(request)
    terakhir = (
        AccessAttempt.objects.filter(username=nama, ip_address=klien.alamat_klien(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    sampai = timezone.localtime((terakhir or timezone.now()) + jeda) if jeda else None
    return render(
        request,
        "registration/terkunci.html",
        {"sampai": sampai, "menit": int(jeda.total_seconds() // 60) if jeda else None, "username": nama},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def _tertunda(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    data = request.session.get(TERTUNDA)
    if not data or time.time() - data["sejak"] > BATAS_TERTUNDA_DETIK:
        return None
    user = get_user_model().objects.filter(pk=data["id"], is_active=True).first()
    return (user, data) if user is not None else None


def masuk_kode(request: HttpRequest) -> HttpResponse:
    """Step two: a code from the authenticator or a recovery code; wrong codes count per user and toward axes."""
    tertunda = _tertunda(request)
    if tertunda is None:
        request.session.pop(TERTUNDA, None)
        messages.error(request, "Sesi masuk telah berakhir. Masukkan kembali nama pengguna dan kata sandi.")
        return redirect("login")
    user, data = tertunda
    form = KodeForm(request.POST or None)
    galat = ""
    kredensial = {"username": user.get_username()}
    if request.method == "POST" and AxesProxyHandler.is_locked(request, kredensial):
        # The user name is locked for this address (wrong passwords and codes together): axes' middleware answers.
        request.axes_locked_out = True  # type: ignore[attr-defined]
        return HttpResponse(status=403)
    if request.method == "POST" and form.is_valid():
        try:
            hasil = services.periksa_kode(pengguna=user, kode=form.cleaned_data["kode"])
        except services.KodeTerkunci as exc:
            galat = _pesan_terkunci(exc)
        else:
            if hasil.cocok:
                request.session.pop(TERTUNDA, None)
                login(request, user, backend=data["backend"])
                if hasil.jenis == "pemulihan":
                    messages.warning(
                        request,
                        f"Anda masuk dengan kode pemulihan; kode itu kini tidak berlaku lagi "
                        f"(tersisa {hasil.sisa_pemulihan}). Buat kode baru di halaman Keamanan akun bila perlu.",
                    )
                return redirect(data["tujuan"])
            # The same signal a wrong password sends: django-axes counts it for this user name and address.
            user_login_failed.send(sender=__name__, credentials=kredensial, request=request)
            galat = "Kode verifikasi salah. Periksa aplikasi autentikator Anda, atau pakai kode pemulihan."
    return render(request, "akun/masuk_kode.html", {"form": form, "galat": galat, "pengguna": user})


def _pesan_terkunci(exc: services.KodeTerkunci) -> str:
    sampai = timezone.localtime(exc.sampai)
    return (
        f"Terlalu banyak kode yang salah. Demi keamanan, kode verifikasi akun ini dikunci sampai pukul "
        f"{sampai:%H:%M} ({sampai:%d-%m-%Y}). Hubungi admin pemda bila ponsel Anda hilang."
    )


def _qr_svg(data: str) -> str:
    return segno.make(data, error="m").svg_inline(
        scale=5, dark="#1b1b1b", light="#ffffff", title="Kode QR pendaftaran autentikator", omitsize=True
    )


@login_required
def keamanan(request: HttpRequest) -> HttpResponse:
    """The user's account security: enrol or replace an authenticator, recovery codes, turn it off."""
    user = request.user
    tertunda = services.pendaftaran_tertunda(user)
    context: dict[str, Any] = {
        "aktif": services.punya_dua_faktor(user),
        "wajib": services.wajib_dua_faktor(user),
        "harus_daftar": bool(request.session.get(WAJIB_DAFTAR)),
        "sisa_kode": services.sisa_kode_pemulihan(user),
        "tertunda": tertunda,
        "kode_form": KodeForm(),
        "konfirmasi_form": KonfirmasiForm(),
        "pemda_kebijakan": list(access.pemda_for_user(user).order_by("kode")[:20]),
        "mengelola_pengguna": access.pemda_for_user(user, write=True).exists(),
    }
    if tertunda is not None:
        context["qr"] = _qr_svg(tertunda.config_url)
        context["rahasia"] = services.rahasia_teks(tertunda)
    return render(request, "akun/keamanan.html", context)


@login_required
@require_POST
def daftar(request: HttpRequest) -> HttpResponse:
    services.mulai_pendaftaran(pengguna=request.user)
    return redirect(f"{reverse('akun:keamanan')}#daftar")


def _kode_baru(request: HttpRequest, kode: list[str], judul: str) -> HttpResponse:
    # Shown once, in this answer only: the database keeps their hashes.
    response = render(request, "akun/kode_pemulihan.html", {"kode": kode, "judul": judul})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def konfirmasi(request: HttpRequest) -> HttpResponse:
    form = KodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Masukkan kode dari aplikasi autentikator.")
        return redirect(f"{reverse('akun:keamanan')}#daftar")
    try:
        kode = services.konfirmasi_pendaftaran(
            pengguna=request.user, kode=form.cleaned_data["kode"], sesi_ini=request.session.session_key
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{reverse('akun:keamanan')}#daftar")
    request.session.pop(WAJIB_DAFTAR, None)
    return _kode_baru(request, kode, "Verifikasi dua langkah aktif")


@login_required
@require_POST
def kode_pemulihan(request: HttpRequest) -> HttpResponse:
    form = KonfirmasiForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Masukkan kata sandi atau kode verifikasi Anda.")
        kode = services.buat_ulang_kode_pemulihan(
            pengguna=request.user, konfirmasi=form.cleaned_data["konfirmasi"]
        )
    except services.KodeTerkunci as exc:
        messages.error(request, _pesan_terkunci(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        return _kode_baru(request, kode, "Kode pemulihan baru")
    return redirect("akun:keamanan")


@login_required
@require_POST
def nonaktifkan(request: HttpRequest) -> HttpResponse:
    form = KonfirmasiForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Masukkan kata sandi atau kode verifikasi Anda.")
        services.nonaktifkan(pengguna=request.user, konfirmasi=form.cleaned_data["konfirmasi"])
    except services.KodeTerkunci as exc:
        messages.error(request, _pesan_terkunci(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "Verifikasi dua langkah dinonaktifkan; kode pemulihan Anda tidak berlaku lagi."
        )
    return redirect("akun:keamanan")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def kebijakan(request: HttpRequest) -> HttpResponse:
    """Which roles of a pemda must use two-factor login: set by its admin, read by everyone with a role there."""
    daftar = list(access.pemda_for_user(request.user).order_by("kode"))
    pemda_id = _int(request.POST.get("pemda") or request.GET.get("pemda"))
    if pemda_id is None:
        if not daftar:
            raise PermissionDenied("Anda tidak memiliki peran pada pemda mana pun.")
        pemda_id = daftar[0].pk
    pemda = access.get_pemda_for_user(request.user, pemda_id, write=request.method == "POST")
    dapat_mengubah = access.pemda_for_user(request.user, write=True).filter(pk=pemda.pk).exists()
    aturan = services.kebijakan(pemda)
    awal = {
        "peran_wajib": [
            p for p, _ in KebijakanForm.base_fields["peran_wajib"].choices if aturan.mewajibkan(p)
        ]
    }
    form = KebijakanForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        services.simpan_kebijakan(
            pemda=pemda, peran_wajib=set(form.cleaned_data["peran_wajib"]), by=request.user
        )
        messages.success(request, f"Kebijakan verifikasi dua langkah {pemda} disimpan.")
        return redirect(f"{reverse('akun:kebijakan')}?pemda={pemda.pk}")
    riwayat = (
        KebijakanDuaFaktor.history.filter(pemda_id=pemda.pk)
        .select_related("history_user")
        .order_by("-history_date")[:20]
    )
    return render(
        request,
        "akun/kebijakan.html",
        {
            "form": form,
            "pemda": pemda,
            "daftar": daftar,
            "aturan": aturan,
            "tersimpan": aturan.pk is not None,
            "dapat_mengubah": dapat_mengubah,
            "riwayat": riwayat,
        },
    )


@login_required
def pengguna(request: HttpRequest) -> HttpResponse:
    """The accounts an admin pemda manages, with their two-factor status and a reset for a lost phone."""
    if not access.pemda_for_user(request.user, write=True).exists():
        raise PermissionDenied("Halaman ini hanya untuk admin pemda.")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    daftar = list(access.users_administered_by(request.user).order_by("username")[:500])
    aktif = set(
        TOTPDevice.objects.filter(user_id__in=[p.pk for p in daftar], confirmed=True).values_list(
            "user_id", flat=True
        )
    )
    baris = [{"pengguna": p, "aktif": p.pk in aktif} for p in daftar]
    return render(request, "akun/pengguna.html", {"baris": baris})


@login_required
@require_POST
def atur_ulang(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.pemda_for_user(request.user, write=True).exists():
        raise PermissionDenied("Hanya admin pemda yang dapat mengatur ulang verifikasi dua langkah.")
    target = access.users_administered_by(request.user).filter(pk=pk).first()
    if target is None:
        raise Http404("Data tidak ditemukan.")
    services.atur_ulang(pengguna=target, by=request.user)
    messages.success(
        request,
        f"Verifikasi dua langkah {target} diatur ulang: autentikator dan kode pemulihannya dihapus. "
        "Pengguna mendaftarkan autentikator baru di halaman Keamanan akun.",
    )
    return redirect("akun:pengguna")
