"""Pages of the organisation profile. Each: access check through organisasi.access → validate → service or
query → respond. Reading needs the unit in the user's scope (404 otherwise); changing needs write rights
(403 for pimpinan and evaluator)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.profil import bagan, excel, forms, grafik, riwayat, services
from sakip.profil import data as profil_data
from sakip.profil.models import ProfilOrganisasi

CACHE_DETIK = 300


def _tahun(tahun: int) -> int:
    return lib_tahun.parse(tahun)  # 400 with a message (`lib.tahun.TahunMiddleware`)


def _unit(request: HttpRequest, unit_id: int, *, write: bool = False) -> UnitKerja:
    return access.get_unit_for_user(request.user, unit_id, write=write)


def _profil(unit: UnitKerja, tahun: int) -> ProfilOrganisasi | None:
    return ProfilOrganisasi.objects.filter(unit_kerja=unit, tahun=tahun).first()


def _awal(unit: UnitKerja, tahun: int, post: Any) -> profil_data.DataProfil:
    """Initial values of an edit page. A POST carries every row itself, so it is not compared with them."""
    return profil_data.dari_profil(_profil(unit, tahun)) if post is None else profil_data.kosong()


def _kembali(unit: UnitKerja, tahun: int) -> HttpResponse:
    return redirect("profil:detail", unit_id=unit.pk, tahun=tahun)


def _gambar(request: HttpRequest, kunci: Any, buat: Any) -> HttpResponse:
    """A PNG drawn from `kunci` (plain data): cached by its hash, answered 304 when the browser has it."""
    etag = hashlib.sha256(json.dumps(kunci, sort_keys=True, default=str).encode()).hexdigest()[:32]
    if request.headers.get("If-None-Match") == f'"{etag}"':
        return HttpResponseNotModified()
    png = cache.get_or_set(f"profil:png:{etag}", buat, CACHE_DETIK)
    response = HttpResponse(png, content_type="image/png")
    response["ETag"] = f'"{etag}"'
    patch_cache_control(response, private=True, max_age=CACHE_DETIK)
    return response


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=excel.JENIS_MIME)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    unit_id, tahun = request.GET.get("unit", ""), request.GET.get("tahun", "")
    if unit_id.isdigit() and tahun.strip():  # the "open a profile" form
        return _kembali(_unit(request, int(unit_id)), lib_tahun.parse(tahun))
    profil = ProfilOrganisasi.objects.visible_to(request.user).select_related("unit_kerja__pemda")
    units = UnitKerja.objects.visible_to(request.user).select_related("pemda")
    context = {
        "daftar_profil": profil,
        "units": units,
        "tahun_ini": lib_tahun.terpilih(request, bawaan=timezone.localdate().year),
    }
    return render(request, "profil/daftar.html", context)


@login_required
@require_GET
def detail(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    profil = _profil(unit, _tahun(tahun))
    context: dict[str, Any] = {
        "unit": unit,
        "tahun": tahun,
        "profil": profil,
        "dapat_mengubah": access.can_edit(request.user, unit),
        "tahun_lain": ProfilOrganisasi.objects.filter(unit_kerja=unit)
        .exclude(tahun=tahun)
        .values_list("tahun", flat=True),
    }
    if profil is not None:
        context.update(_isi_profil(profil))
    return render(request, "profil/detail.html", context)


def _isi_profil(profil: ProfilOrganisasi) -> dict[str, Any]:
    """Every section of the profile, one query each."""
    return {
        "landasan_hukum": profil.landasan_hukum.all(),
        "fungsi": profil.fungsi.all(),
        "isu_strategis": profil.isu_strategis.all(),
        "perbandingan_standar": profil.perbandingan_standar.all(),
        "pegawai_asn": profil.pegawai_asn.all(),
        "pegawai_non_pns": profil.pegawai_non_pns.all(),
        "sarana": _kelompok_sarana(list(profil.sarana.all())),
        "ringkasan": profil.ringkasan_pegawai(),
    }


def _kelompok_sarana(rows: list[Any]) -> list[dict[str, Any]]:
    """Table 1.2 numbering: consecutive rows of one item (Gedung: unit and m2) share a number."""
    hasil: list[dict[str, Any]] = []
    nomor = 0
    for row in rows:
        if hasil and hasil[-1]["kepala"]["row"].uraian == row.uraian:
            hasil[-1]["kepala"]["rentang"] += 1
            hasil.append({"row": row, "kepala": hasil[-1]["kepala"], "pertama": False})
            continue
        nomor += 1
        kepala = {"row": row, "nomor": nomor, "rentang": 1}
        hasil.append({"row": row, "kepala": kepala, "pertama": True})
    return hasil


@login_required
@require_http_methods(["GET", "POST"])
def ubah_uraian(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id, write=True)
    post = request.POST if request.method == "POST" else None
    halaman = forms.HalamanUraian(post, _awal(unit, _tahun(tahun), post))
    if post is not None and halaman.is_valid():
        try:
            services.simpan_uraian(unit_kerja=unit, tahun=tahun, by=request.user, **halaman.isian())
        except ValidationError as exc:
            halaman.form.add_error(None, exc)
        else:
            messages.success(request, "Uraian profil disimpan.")
            return _kembali(unit, tahun)
    return render(request, "profil/ubah_uraian.html", {"unit": unit, "tahun": tahun, "halaman": halaman})


@login_required
@require_http_methods(["GET", "POST"])
def ubah_pegawai(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id, write=True)
    post = request.POST if request.method == "POST" else None
    data = _awal(unit, _tahun(tahun), post)
    asn = forms.PegawaiFormSet(post, prefix="asn", initial=data["pegawai_asn"])
    non_pns = forms.NonPNSFormSet(post, prefix="non_pns", initial=data["pegawai_non_pns"])
    if post is not None and asn.is_valid() and non_pns.is_valid():
        services.simpan_pegawai(
            unit_kerja=unit,
            tahun=tahun,
            pegawai_asn=forms.baris(asn, profil_data.KOLOM_ASN),
            pegawai_non_pns=forms.baris(non_pns, profil_data.KOLOM_NON_PNS),
            by=request.user,
        )
        messages.success(request, "Data sumber daya aparatur disimpan.")
        return _kembali(unit, tahun)
    return render(
        request, "profil/ubah_pegawai.html", {"unit": unit, "tahun": tahun, "asn": asn, "non_pns": non_pns}
    )


@login_required
@require_http_methods(["GET", "POST"])
def ubah_sarana(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id, write=True)
    post = request.POST if request.method == "POST" else None
    data = _awal(unit, _tahun(tahun), post)
    sarana = forms.SaranaFormSet(post, prefix="sarana", initial=data["sarana"])
    if post is not None and sarana.is_valid():
        rows = forms.baris(sarana, profil_data.KOLOM_SARANA)
        services.simpan_sarana(unit_kerja=unit, tahun=tahun, sarana=rows, by=request.user)
        messages.success(request, "Data sarana dan prasarana disimpan.")
        return _kembali(unit, tahun)
    return render(request, "profil/ubah_sarana.html", {"unit": unit, "tahun": tahun, "sarana": sarana})


def _kunci_impor(unit: UnitKerja, tahun: int) -> str:
    return f"profil-impor-{unit.pk}-{tahun}"


@login_required
@require_http_methods(["GET", "POST"])
def impor(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    """Upload, then a dry run listing every error; a clean file waits in the session to be confirmed."""
    unit = _unit(request, unit_id, write=True)
    form = forms.ImporForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"unit": unit, "tahun": _tahun(tahun), "form": form}
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            hasil = excel.baca(berkas, kode_unit=unit.kode, tahun=tahun)
        except excel.BerkasDitolak as exc:
            form.add_error("berkas", str(exc))
        else:
            if hasil.ok:
                request.session[_kunci_impor(unit, tahun)] = {"data": hasil.data, "nama": berkas.name}
            else:
                request.session.pop(_kunci_impor(unit, tahun), None)
            context.update(hasil=hasil, nama_berkas=berkas.name, pratinjau=_pratinjau(hasil.data))
            return render(request, "profil/impor_pratinjau.html", context)
    return render(request, "profil/impor.html", context)


def _pratinjau(data: profil_data.DataProfil) -> dict[str, Any]:
    from sakip.profil import aturan

    return {
        "ringkasan": aturan.RingkasanPegawai(
            asn=aturan.jumlahkan(data["pegawai_asn"], aturan.KOLOM_ASN),
            non_pns=aturan.jumlahkan(data["pegawai_non_pns"], aturan.KOLOM_NON_PNS),
        ),
        "jumlah": {nama: len(data[nama]) for nama in data if nama != "uraian"},
    }


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id, write=True)
    tertunda = request.session.get(_kunci_impor(unit, _tahun(tahun)))
    if not tertunda:
        messages.error(request, "Tidak ada impor yang menunggu konfirmasi. Unggah berkas kembali.")
        return redirect("profil:impor", unit_id=unit.pk, tahun=tahun)
    try:
        services.simpan_profil(unit_kerja=unit, tahun=tahun, data=tertunda["data"], by=request.user)
    except ValidationError as exc:
        messages.error(request, f"Impor dibatalkan, tidak ada data yang diubah: {' '.join(exc.messages)}")
        return redirect("profil:impor", unit_id=unit.pk, tahun=tahun)
    del request.session[_kunci_impor(unit, tahun)]
    messages.success(request, f"Impor dari berkas '{tertunda['nama']}' diterapkan.")
    return _kembali(unit, tahun)


@login_required
@require_GET
def templat(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    isi = excel.tulis(profil_data.kosong(), kode_unit=unit.kode, nama_unit=unit.nama, tahun=_tahun(tahun))
    return _xlsx(isi, f"templat-profil-{unit.kode}-{tahun}.xlsx")


@login_required
@require_GET
def ekspor(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    profil = _profil(unit, _tahun(tahun))
    if profil is None:
        raise Http404("Profil belum ada.")
    isi = excel.tulis(profil_data.dari_profil(profil), kode_unit=unit.kode, nama_unit=unit.nama, tahun=tahun)
    return _xlsx(isi, f"profil-{unit.kode}-{tahun}.xlsx")


@login_required
@require_POST
def salin(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id, write=True)
    dari = (
        lib_tahun.parse(request.POST["dari"]) if request.POST.get("dari", "").strip() else _tahun(tahun) - 1
    )
    try:
        services.salin_profil(unit_kerja=unit, dari_tahun=dari, ke_tahun=_tahun(tahun), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Profil tahun {dari} disalin ke tahun {tahun}. Perbarui data yang berubah."
        )
    return _kembali(unit, tahun)


@login_required
@require_GET
def bagan_png(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    simpul = bagan.simpul_dari_unit(UnitKerja.objects.subtree_of(unit).filter(aktif=True))
    return _gambar(request, ["bagan", [asdict(s) for s in simpul]], lambda: bagan.gambar(simpul))


@login_required
@require_GET
def grafik_png(request: HttpRequest, unit_id: int, tahun: int, jenis: str) -> HttpResponse:
    unit = _unit(request, unit_id)
    profil = _profil(unit, _tahun(tahun))
    if profil is None or jenis not in grafik.JENIS:
        raise Http404("Grafik tidak ditemukan.")
    ringkasan = profil.ringkasan_pegawai()
    kunci = ["grafik", jenis, dict(ringkasan.asn), dict(ringkasan.non_pns)]
    return _gambar(request, kunci, lambda: grafik.buat(jenis, ringkasan))


@login_required
@require_GET
def riwayat_view(request: HttpRequest, unit_id: int, tahun: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    profil = _profil(unit, _tahun(tahun))
    if profil is None:
        raise Http404("Profil belum ada.")
    context = {"unit": unit, "tahun": tahun, "profil": profil, "perubahan": riwayat.untuk_profil(profil)}
    return render(request, "profil/riwayat.html", context)
