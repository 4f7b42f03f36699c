"""One search box for indicators, units and documents (Renstra, PK, evidence files), scoped by the user's access."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.pengukuran.models import DataDukung
from sakip.perencanaan.models import Indikator, PerjanjianKinerja, RencanaStrategis

BATAS = 25  # rows per kind: a search box is for finding, not for listing everything
MIN_HURUF = 2


@login_required
@require_GET
def cari(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    hasil: dict[str, list[object]] = {}
    if len(q) >= MIN_HURUF:
        user = request.user
        indikator = Indikator.objects.filter(
            access.unit_filter(user, path="renstra__unit_kerja")
            | access.unit_filter(user, path="penanggung_jawab")
        ).filter(Q(nama__icontains=q) | Q(kode__icontains=q))
        hasil = {
            "indikator": list(
                indikator.select_related("renstra__unit_kerja", "penanggung_jawab").order_by(
                    "renstra_id", "kode"
                )[:BATAS]
            ),
            "unit": list(
                UnitKerja.objects.visible_to(user)
                .filter(Q(nama__icontains=q) | Q(kode__icontains=q) | Q(singkatan__icontains=q))
                .select_related("pemda")
                .order_by("pemda__kode", "jalur")[:BATAS]
            ),
            "renstra": list(
                RencanaStrategis.objects.visible_to(user)
                .filter(Q(nama__icontains=q) | Q(unit_kerja__nama__icontains=q))
                .select_related("unit_kerja")
                .order_by("-tahun_mulai", "pk")[:BATAS]
            ),
            "pk": list(
                PerjanjianKinerja.objects.visible_to(user)
                .filter(
                    Q(unit_kerja__nama__icontains=q)
                    | (Q(tahun=int(q)) if q.isdigit() and len(q) == 4 else Q())
                )
                .select_related("unit_kerja")
                .order_by("-tahun", "-versi")[:BATAS]
            ),
            "dokumen": list(
                DataDukung.objects.visible_to(user)
                .filter(Q(nama_asli__icontains=q) | Q(keterangan__icontains=q))
                .select_related("unit_kerja")[:BATAS]
            ),
        }
    context = {
        "q": q,
        "hasil": hasil,
        "jumlah": sum(len(v) for v in hasil.values()),
        "terlalu_pendek": bool(q) and len(q) < MIN_HURUF,
    }
    return render(request, "pelaporan/cari.html", context)
