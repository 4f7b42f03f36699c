"""The nomenclature master's pages (issue #20 point 3): every logged-in user reads the loaded versions; a new
version is imported from the decree's Excel annex by a superuser only, because the master is national reference
data shared by every pemda of the installation (no pemda owns it, `VersiNomenklatur`): upload → a dry run listing
every row error or a preview of what changes → confirm, all or nothing."""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sakip.lib import tahun as lib_tahun
from sakip.perencanaan import nomenklatur
from sakip.perencanaan.models import RencanaStrategis, VersiNomenklatur

SESI = "nomenklatur_impor"
MAKS_UKURAN = 10 * 1024 * 1024
_UMUR_BERKAS = 24 * 3600
JENIS = nomenklatur.JENIS


class ImporNomenklaturForm(forms.Form):
    keputusan = forms.CharField(label="Nomor Kepmendagri", max_length=60, help_text="mis. 900.1-861/2026")
    nama = forms.CharField(label="Judul keputusan", max_length=300, required=False)
    tahun_berlaku = lib_tahun.field("Berlaku untuk rencana mulai tahun")
    berkas = forms.FileField(
        label="Lampiran keputusan (.xlsx, maks. 10 MB)",
        help_text="Sheet 'Program', 'Kegiatan' dan 'Sub Kegiatan', baris pertama judul kolom: kode, nama "
        "(sub kegiatan juga indikator, satuan).",
    )

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > MAKS_UKURAN:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); ukuran maksimal 10 MB."
            )
        return berkas


def _wajib_superuser(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied(
            "Nomenklatur adalah data acuan nasional yang dipakai semua pemda pada aplikasi ini; hanya pengelola "
            "aplikasi (superuser) yang dapat memuat versinya."
        )


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "impor-nomenklatur"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _simpan_berkas(data: bytes) -> str:
    folder = _folder()
    batas = time.time() - _UMUR_BERKAS
    for lama in folder.glob("*.xlsx"):
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.xlsx").write_bytes(data)
    return token


def _berkas(token: str) -> Path | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = _folder() / f"{token}.xlsx"
    return path if path.is_file() else None


def _periksa(data: bytes, keputusan: str, tahun: int) -> tuple[dict[str, Any], list[nomenklatur.GalatBaris]]:
    try:
        baris = nomenklatur.baca_xlsx(data)
    except ValidationError as exc:
        return {}, [nomenklatur.GalatBaris("", None, " ".join(exc.messages))]
    return baris, nomenklatur.periksa_impor(keputusan=keputusan, tahun_berlaku=tahun, baris=baris)


def _ringkasan(baris: dict[str, Any], keputusan: str, tahun: int) -> dict[str, Any]:
    """What the import changes against the version it replaces, or else the one in force for its year."""
    ada = VersiNomenklatur.objects.filter(keputusan=keputusan).first()
    banding = ada or nomenklatur.versi_berlaku(tahun)
    jenis = []
    for j in JENIS:
        baru = {b["kode"].strip(): b.get("nama", "").strip() for b in baris.get(j.value, []) if b.get("kode")}
        lama = dict(banding.kode.filter(jenis=j.value).values_list("kode", "nama")) if banding else {}
        jenis.append(
            {
                "label": j.label,
                "jumlah": len(baru),
                "tambah": sorted(set(baru) - set(lama)),
                "hapus": sorted(set(lama) - set(baru)),
                "ubah_nama": sorted(k for k in set(baru) & set(lama) if baru[k] != lama[k]),
            }
        )
    return {"mengganti": ada, "banding": banding, "jenis": jenis}


@login_required
def nomenklatur_daftar(request: HttpRequest) -> HttpResponse:
    """The loaded versions, which one is in force, and how many Renstra are checked against each."""
    versi = VersiNomenklatur.objects.annotate(
        program=Count("kode", filter=Q(kode__jenis=JENIS.PROGRAM)),
        kegiatan=Count("kode", filter=Q(kode__jenis=JENIS.KEGIATAN)),
        sub_kegiatan=Count("kode", filter=Q(kode__jenis=JENIS.SUB_KEGIATAN)),
    ).order_by("-tahun_berlaku")
    dipakai = dict(
        RencanaStrategis.objects.exclude(nomenklatur="")
        .values_list("nomenklatur")
        .annotate(n=Count("pk"))
        .values_list("nomenklatur", "n")
    )
    from django.utils import timezone

    berlaku = nomenklatur.versi_berlaku(timezone.localdate().year)
    baris = [{"versi": v, "renstra": dipakai.get(v.keputusan, 0)} for v in versi]
    return render(
        request,
        "perencanaan/nomenklatur_daftar.html",
        {"baris": baris, "berlaku": berlaku, "dapat_memuat": request.user.is_superuser},
    )


@login_required
def nomenklatur_impor(request: HttpRequest) -> HttpResponse:
    """Upload a version: every row error, or a preview of what changes (nothing written yet)."""
    _wajib_superuser(request)
    form = ImporNomenklaturForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "perencanaan/nomenklatur_impor.html", {"form": form})
    d = form.cleaned_data
    data = d["berkas"].read()
    baris, galat = _periksa(data, d["keputusan"], d["tahun_berlaku"])
    if galat:
        return render(
            request,
            "perencanaan/nomenklatur_impor.html",
            {"form": form, "galat": galat[:500], "jumlah_galat": len(galat), "nama_berkas": d["berkas"].name},
        )
    lama = request.session.get(SESI)
    if lama and (path := _berkas(lama.get("token", ""))):
        path.unlink(missing_ok=True)
    token = _simpan_berkas(data)
    request.session[SESI] = {
        "token": token,
        "keputusan": d["keputusan"].strip(),
        "nama": d["nama"].strip(),
        "tahun": d["tahun_berlaku"],
        "berkas": d["berkas"].name,
    }
    return render(
        request,
        "perencanaan/nomenklatur_impor.html",
        {
            "form": form,
            "pratinjau": _ringkasan(baris, d["keputusan"].strip(), d["tahun_berlaku"]),
            "sesi": request.session[SESI],
        },
    )


@login_required
@require_POST
def nomenklatur_impor_terapkan(request: HttpRequest) -> HttpResponse:
    """Load the previewed version, all or nothing, after reading and checking it again."""
    _wajib_superuser(request)
    sesi = request.session.get(SESI) or {}
    token = request.POST.get("token", "")
    path = _berkas(token) if sesi.get("token") == token else None
    if path is None:
        messages.error(request, "Berkas impor tidak ditemukan atau sudah kedaluwarsa; unggah ulang berkas.")
        return redirect("perencanaan:nomenklatur_impor")
    baris, galat = _periksa(path.read_bytes(), sesi["keputusan"], sesi["tahun"])
    if not galat:
        try:
            versi = nomenklatur.simpan_versi(
                keputusan=sesi["keputusan"],
                tahun_berlaku=sesi["tahun"],
                nama=sesi.get("nama", ""),
                baris=baris,
                by=request.user,
            )
        except ValidationError as exc:
            galat = [nomenklatur.GalatBaris("", None, " ".join(exc.messages))]
    if galat:
        return render(
            request,
            "perencanaan/nomenklatur_impor.html",
            {"form": ImporNomenklaturForm(), "galat": galat[:500], "jumlah_galat": len(galat)},
        )
    path.unlink(missing_ok=True)
    del request.session[SESI]
    messages.success(request, f"Nomenklatur {versi} dimuat.")
    return redirect("perencanaan:nomenklatur_daftar")
