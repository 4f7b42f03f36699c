"""The home page's "Tugas saya" panel and the verifier's inbox with bulk verify/return."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip.organisasi import access
from sakip.pengukuran import services, tugas
from sakip.pengukuran.models import Realisasi
from sakip.pengukuran.views import _hari_ini

# The inbox lists at most this many realisasi at once (the oldest); the count above it says how many wait in all.
BATAS_KOTAK = 500


def panel_beranda(request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.is_authenticated:
        return None
    daftar = tugas.tugas_saya(request.user, _hari_ini())
    if not (daftar.operator or daftar.verifikator):
        return None
    return {"template": "pengukuran/_tugas_saya.html", "tugas": daftar}


def _verifikator(request: HttpRequest) -> None:
    if not access.can_verify_any(request.user):
        raise PermissionDenied(
            "Hanya verifikator (pimpinan unit atau admin pemda) yang memiliki kotak verifikasi."
        )


@login_required
def kotak_verifikasi(request: HttpRequest) -> HttpResponse:
    """Realisasi waiting for the user's verification, oldest first, with their value and evidence."""
    _verifikator(request)
    semua = Realisasi.objects.filter(
        access.verify_filter(request.user, path="unit_kerja"), status=Realisasi.Status.DIAJUKAN
    )
    # Per unit, most waiting first: an admin pemda verifies for dozens of units and works through them one by one.
    per_unit = list(
        semua.values("unit_kerja_id", "unit_kerja__nama")
        .annotate(jumlah=Count("pk"))
        .order_by("-jumlah", "unit_kerja__nama")
    )
    unit_id = request.GET.get("unit", "")
    dipilih = next((u for u in per_unit if str(u["unit_kerja_id"]) == unit_id), None)
    if dipilih is not None:
        semua = semua.filter(unit_kerja_id=dipilih["unit_kerja_id"])
    total = sum(u["jumlah"] for u in per_unit) if dipilih is None else dipilih["jumlah"]
    menunggu = list(
        semua.select_related("indikator", "unit_kerja", "diubah_oleh")
        .prefetch_related("data_dukung")
        .order_by("diubah_pada", "pk")[:BATAS_KOTAK]
    )
    return render(
        request,
        "pengukuran/kotak_verifikasi.html",
        {
            "menunggu": menunggu,
            "per_unit": per_unit,
            "dipilih": dipilih,
            "unit_tidak_dikenal": bool(unit_id) and dipilih is None,
            "total": total,
        },
    )


@login_required
@require_POST
def verifikasi_massal(request: HttpRequest) -> HttpResponse:
    """Verify or return (with one note) the realisasi ticked in the inbox: all of them or none."""
    _verifikator(request)
    try:
        ids = [int(v) for v in request.POST.getlist("realisasi")]
    except ValueError:
        ids = []
    aksi = request.POST.get("aksi")
    try:
        if aksi == "kembalikan":
            hasil = services.return_many(ids, catatan=request.POST.get("catatan", ""), by=request.user)
            messages.success(request, f"{len(hasil)} realisasi dikembalikan kepada operator dengan catatan.")
        elif aksi == "verifikasi":
            hasil = services.verify_many(ids, by=request.user)
            messages.success(request, f"{len(hasil)} realisasi diverifikasi.")
        else:
            messages.error(request, "Pilih tindakan: verifikasi atau kembalikan.")
    except ValidationError as exc:
        messages.error(request, "Tidak ada yang diproses: " + " ".join(exc.messages))
    return redirect(reverse("pengukuran:kotak_verifikasi"))
