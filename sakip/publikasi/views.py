"""The archive (logged in): each official document with its generated version and its signed scans side by side,
uploads, publication and withdrawal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from sakip.evaluasi.models import EvaluasiAkip
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
from sakip.publikasi import services
from sakip.publikasi.models import BERPINDAIAN, BerkasDokumen, Dokumen, JenisDokumen
from sakip.survei.models import Survei

_MODEL = {
    JenisDokumen.PK: PerjanjianKinerja,
    JenisDokumen.RENCANA_AKSI: PerjanjianKinerja,
    JenisDokumen.RENSTRA: RencanaStrategis,
    JenisDokumen.KEPUTUSAN_IKU: RencanaStrategis,
    JenisDokumen.LKJIP: RencanaStrategis,
    JenisDokumen.LHE: EvaluasiAkip,
    JenisDokumen.IKM: Survei,
}


def _sumber(
    request: HttpRequest, jenis: str, objek: int, tahun: int, *, write: bool = False
) -> services.Sumber:
    """The source object through the access rules (404 outside the scope), as a document description."""
    if jenis not in _MODEL:
        raise Http404("Jenis dokumen tidak dikenal.")
    obj = access.get_for_user(
        _MODEL[jenis].objects.select_related("unit_kerja__pemda"), request.user, pk=objek, write=write
    )
    try:
        sumber = services.sumber(jenis=jenis, objek=obj, tahun=tahun)
    except ValidationError:
        raise Http404("Tahun dokumen tidak sesuai.") from None
    if sumber.tahun != tahun:
        raise Http404("Tahun dokumen tidak sesuai.")
    return sumber


def _url(sumber: services.Sumber) -> str:
    objek = next(iter(sumber.objek.values()))
    return reverse("publikasi:dokumen", args=[sumber.jenis, objek.pk, sumber.tahun])


def _tautan_dihasilkan(sumber: services.Sumber) -> list[tuple[str, str]]:
    objek = next(iter(sumber.objek.values()))
    if sumber.jenis == JenisDokumen.PK:
        return [
            ("Word", reverse("pelaporan:pk_docx", args=[objek.pk])),
            ("PDF", reverse("pelaporan:pk_pdf", args=[objek.pk])),
        ]
    if sumber.jenis == JenisDokumen.KEPUTUSAN_IKU:
        return [
            ("Word", reverse("pelaporan:iku_docx", args=[objek.pk])),
            ("PDF", reverse("pelaporan:iku_pdf", args=[objek.pk])),
        ]
    if sumber.jenis == JenisDokumen.LKJIP:
        return [
            ("Word", reverse("pelaporan:lkjip_docx", args=[objek.pk, sumber.tahun])),
            ("PDF", reverse("pelaporan:lkjip_pdf", args=[objek.pk, sumber.tahun])),
        ]
    return []


def _pastikan_admin(request: HttpRequest) -> None:
    cakupan = access.scope_of(request.user)
    if not (cakupan.superuser or cakupan.pemda_tulis):
        raise PermissionDenied("Hanya admin pemda yang dapat menerbitkan atau menarik dokumen.")


@login_required
@require_GET
def arsip(request: HttpRequest) -> HttpResponse:
    """The official documents of a year for the units the user sees, with their scans and publication state."""
    tahun = lib_tahun.dari_query(request) or timezone.localdate().year
    user = request.user
    sumber: list[services.Sumber] = []
    for r in (
        RencanaStrategis.objects.visible_to(user)
        .filter(tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
        .select_related("unit_kerja")
    ):
        if r.tahun_mulai == tahun:
            sumber += [
                services.sumber(jenis=j, objek=r) for j in (JenisDokumen.RENSTRA, JenisDokumen.KEPUTUSAN_IKU)
            ]
        sumber.append(services.sumber(jenis=JenisDokumen.LKJIP, objek=r, tahun=tahun))
    for p in (
        PerjanjianKinerja.objects.visible_to(user)
        .filter(tahun=tahun)
        .select_related("unit_kerja")
        .order_by("versi")
    ):
        sumber += [services.sumber(jenis=j, objek=p) for j in (JenisDokumen.PK, JenisDokumen.RENCANA_AKSI)]
    for e in EvaluasiAkip.objects.visible_to(user).filter(tahun=tahun).select_related("unit_kerja"):
        sumber.append(services.sumber(jenis=JenisDokumen.LHE, objek=e))
    for s in Survei.objects.visible_to(user).filter(tahun=tahun).select_related("unit_kerja"):
        sumber.append(services.sumber(jenis=JenisDokumen.IKM, objek=s))
    dokumen = {
        d.kunci: d
        for d in Dokumen.objects.filter(kunci__in=[s.kunci for s in sumber]).annotate(
            versi_terakhir=Max("berkas__versi")
        )
    }
    baris = sorted(
        ((s, dokumen.get(s.kunci), _url(s)) for s in sumber),
        key=lambda b: (b[0].unit.jalur, b[0].jenis, b[0].judul),
    )
    return render(request, "publikasi/arsip.html", {"tahun": tahun, "baris": baris})


@login_required
@require_GET
def dokumen(request: HttpRequest, jenis: str, objek: int, tahun: int) -> HttpResponse:
    sumber = _sumber(request, jenis, objek, tahun)
    dok = Dokumen.objects.filter(kunci=sumber.kunci).first()
    berkas = list(dok.berkas.select_related("diunggah_oleh")) if dok else []
    riwayat = list(dok.history.select_related("history_user")[:20]) if dok else []
    return render(
        request,
        "publikasi/dokumen.html",
        {
            "sumber": sumber,
            "dok": dok,
            "berkas": berkas,
            "pindaian": [b for b in berkas if b.asal == BerkasDokumen.Asal.PINDAIAN],
            "riwayat": riwayat,
            "dihasilkan": _tautan_dihasilkan(sumber),
            "boleh_unggah": sumber.jenis in BERPINDAIAN and access.can_edit(request.user, sumber.unit),
            "boleh_terbit": services.boleh_menerbitkan(request.user, sumber.unit),
            "belum_final": services.alasan_belum_final(sumber),
            "url": _url(sumber),
        },
    )


@login_required
@require_POST
def unggah(request: HttpRequest, jenis: str, objek: int, tahun: int) -> HttpResponse:
    sumber = _sumber(request, jenis, objek, tahun, write=True)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        messages.error(request, "Pilih berkas PDF pindaian yang akan diunggah.")
        return redirect(_url(sumber))
    if berkas.size > 20 * 1024 * 1024:
        messages.error(request, "Ukuran berkas melebihi batas 20 MB.")
        return redirect(_url(sumber))
    try:
        baru = services.unggah_pindaian(
            sumber=sumber,
            nama=berkas.name,
            isi=berkas.read(),
            catatan=request.POST.get("catatan", ""),
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, "Berkas ditolak: " + " ".join(exc.messages))
    else:
        messages.success(request, f"Pindaian versi {baru.versi} disimpan.")
    return redirect(_url(sumber))


@login_required
@require_POST
def terbitkan(request: HttpRequest, jenis: str, objek: int, tahun: int) -> HttpResponse:
    _pastikan_admin(request)
    sumber = _sumber(request, jenis, objek, tahun)
    if not services.boleh_menerbitkan(request.user, sumber.unit):
        raise PermissionDenied("Hanya admin pemda yang dapat menerbitkan dokumen.")
    try:
        services.terbitkan(sumber=sumber, by=request.user)
    except ValidationError as exc:
        messages.error(request, "Tidak dapat diterbitkan: " + " ".join(exc.messages))
    else:
        messages.success(request, "Dokumen diterbitkan pada portal publik.")
    return redirect(_url(sumber))


@login_required
@require_POST
def tarik(request: HttpRequest, jenis: str, objek: int, tahun: int) -> HttpResponse:
    _pastikan_admin(request)
    sumber = _sumber(request, jenis, objek, tahun)
    if not services.boleh_menerbitkan(request.user, sumber.unit):
        raise PermissionDenied("Hanya admin pemda yang dapat menarik dokumen dari portal.")
    dok = Dokumen.objects.filter(kunci=sumber.kunci).first()
    if dok is None:
        raise Http404("Dokumen belum ada.")
    try:
        services.tarik_terbitan(dokumen=dok, alasan=request.POST.get("alasan", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, "Tidak dapat ditarik: " + " ".join(exc.messages))
    else:
        messages.success(request, "Dokumen ditarik dari portal publik.")
    return redirect(_url(sumber))


@login_required
@require_GET
def unduh(request: HttpRequest, pk: int) -> Any:
    """One version of a document's file, for users who see its unit."""
    berkas = access.get_for_user(
        BerkasDokumen.objects.select_related("dokumen"), request.user, unit_path="dokumen__unit_kerja", pk=pk
    )
    try:
        isi = berkas.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak tersedia.") from None
    return FileResponse(
        isi, as_attachment=True, filename=berkas.nama_unduhan(), content_type=berkas.jenis_isi
    )
