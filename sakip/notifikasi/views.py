"""The user's notifications (list, unread count for the bell, mark as read), e-mail preferences, the unsubscribe
link of e-mails (no login: the signed token is the authority), and the pemda's webhook (admin pemda)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.notifikasi import services
from sakip.notifikasi.models import Jenis, Notifikasi, Webhook
from sakip.organisasi import access
from sakip.organisasi.models import Pemda

PER_HALAMAN = 30


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first."""
    qs = Notifikasi.objects.milik(request.user)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "notifikasi/daftar.html",
        {"halaman": halaman, "belum_dibaca": Notifikasi.objects.milik(request.user).belum_dibaca().count()},
    )


@login_required
@require_GET
def jumlah(request: HttpRequest) -> JsonResponse:
    """The number of unread notifications, for the bell in the top bar."""
    response = JsonResponse({"belum_dibaca": Notifikasi.objects.milik(request.user).belum_dibaca().count()})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def baca(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one's own notification read and go to its item (404 for anyone else's)."""
    n = get_object_or_404(Notifikasi, pk=pk, penerima=request.user)
    services.mark_read(notifikasi=n, by=request.user)
    tujuan = n.tautan if request.POST.get("buka") and n.tautan else request.POST.get("kembali", "")
    if not url_has_allowed_host_and_scheme(tujuan, allowed_hosts=None) or not tujuan.startswith("/"):
        tujuan = "notifikasi:daftar"
    return redirect(tujuan)


@login_required
@require_POST
def baca_semua(request: HttpRequest) -> HttpResponse:
    jumlah_dibaca = services.mark_all_read(by=request.user)
    messages.success(request, f"{jumlah_dibaca} notifikasi ditandai sudah dibaca.")
    return redirect("notifikasi:daftar")


@login_required
@require_http_methods(["GET", "POST"])
def preferensi(request: HttpRequest) -> HttpResponse:
    """Which notifications the user also wants by e-mail."""
    pref = services.preferensi_untuk(request.user)
    if request.method == "POST":
        dipilih = set(request.POST.getlist("jenis"))
        services.save_preferences(
            pengguna=request.user,
            email_aktif=request.POST.get("email_aktif") == "1",
            jenis_tanpa_email=[j for j in Jenis.values if j not in dipilih],
        )
        messages.success(request, "Preferensi notifikasi disimpan.")
        return redirect("notifikasi:preferensi")
    pilihan = [(j.value, j.label, j.value not in pref.jenis_tanpa_email) for j in Jenis]
    return render(request, "notifikasi/preferensi.html", {"pref": pref, "pilihan": pilihan})


@require_http_methods(["GET", "POST"])
def berhenti(request: HttpRequest, token: str) -> HttpResponse:
    """Unsubscribe from SAKIP's e-mails with the link of an e-mail; GET asks, POST (also one-click) does it."""
    try:
        pengguna = services.pengguna_dari_token(token)
    except ValidationError as exc:
        return render(request, "notifikasi/berhenti.html", {"galat": exc.messages[0]}, status=400)
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "notifikasi/berhenti.html", {"selesai": True, "pengguna": pengguna})
    return render(request, "notifikasi/berhenti.html", {"pengguna": pengguna, "token": token})


def _pemda_admin(request: HttpRequest) -> Pemda:
    if request.user.is_superuser:
        qs = Pemda.objects.all()
    else:
        qs = Pemda.objects.filter(pk__in=access.scope_of(request.user).pemda_tulis)
    pilih = request.POST.get("pemda") or request.GET.get("pemda")
    if pilih:
        if not str(pilih).isdigit():
            raise PermissionDenied("Pemda tidak dikenal.")
        pemda = qs.filter(pk=int(pilih)).first()
    else:
        pemda = qs.order_by("pk").first()
    if pemda is None:
        raise PermissionDenied("Hanya admin pemda yang dapat mengatur webhook notifikasi.")
    return pemda


@login_required
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest) -> HttpResponse:
    """The pemda's outgoing webhook (admin pemda only)."""
    pemda = _pemda_admin(request)
    hook = Webhook.objects.filter(pemda=pemda).first()
    galat: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            services.save_webhook(
                pemda=pemda,
                url=request.POST.get("url", "").strip(),
                rahasia=request.POST.get("rahasia", "").strip(),
                aktif=request.POST.get("aktif") == "1",
                by=request.user,
            )
        except ValidationError as exc:
            galat = exc.message_dict
        else:
            messages.success(request, "Webhook disimpan.")
            return redirect(f"{request.path}?pemda={pemda.pk}")
    return render(
        request,
        "notifikasi/webhook.html",
        {
            "pemda": pemda,
            "hook": hook,
            "galat": galat,
            "url": request.POST.get("url", hook.url if hook else ""),
        },
        status=400 if galat else 200,
    )
