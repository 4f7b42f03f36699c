from __future__ import annotations

import io
import re
import secrets
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sakip.anggaran import excel, forms, impor_latar, queries, services, sipd, tabel
from sakip.anggaran.models import (
    AnggaranSubKegiatan,
    JenisBelanja,
    KinerjaProgramKegiatan,
    KodeSipd,
    PengaturanAnggaran,
)
from sakip.antrean import impor as antrean_impor
from sakip.lib import angka
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.perencanaan.models import Kegiatan, PerjanjianKinerja, Program, RencanaStrategis, SubKegiatan

# --- helpers ------------------------------------------------------------------------------------------------------


def _int(teks: str | None) -> int | None:
    if teks is None or teks == "":
        return None
    if not teks.isdigit():
        raise Http404("Parameter tidak valid.")
    return int(teks)


def _tahun(request: HttpRequest) -> int:
    tahun = lib_tahun.terpilih(request)  # the chosen year follows the user; a bad one answers 400
    if tahun is not None:
        return tahun
    terakhir = AnggaranSubKegiatan.objects.visible_to(request.user).aggregate(m=Max("tahun"))["m"]
    return terakhir or timezone.localdate().year


def _unit_filter(request: HttpRequest) -> tuple[list[UnitKerja], UnitKerja | None]:
    """The units the user may see (for the filter) and the chosen one; 404 for a unit outside the scope."""
    units = list(
        UnitKerja.objects.visible_to(request.user).select_related("pemda").order_by("pemda__kode", "jalur")
    )
    pilihan = _int(request.GET.get("unit"))
    if pilihan is None:
        return units, None
    unit = next((u for u in units if u.pk == pilihan), None)
    if unit is None:
        raise Http404("Unit tidak ditemukan.")
    return units, unit


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=excel.JENIS_MIME)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def _tampil_tabel(
    request: HttpRequest, t: tabel.Tabel, *, xlsx: bool, nama: str, **context: Any
) -> HttpResponse:
    if xlsx:
        return _xlsx(tabel.xlsx(t), f"{nama}.xlsx")
    query = request.GET.urlencode()
    return render(
        request,
        "anggaran/tabel.html",
        {"tabel": t, "url_xlsx": f"{request.path}xlsx/" + (f"?{query}" if query else ""), **context},
    )


# --- budget tree --------------------------------------------------------------------------------------------------


@login_required
@require_GET
def pohon(request: HttpRequest) -> HttpResponse:
    """Program → kegiatan → sub kegiatan with pagu, realisasi and absorption bars, filterable by unit and program."""
    tahun = _tahun(request)
    units, unit = _unit_filter(request)
    programs_qs = (
        Program.objects.visible_to(request.user)
        .select_related("unit_kerja")
        .order_by("unit_kerja__jalur", "kode")
    )
    if unit is not None:
        programs_qs = programs_qs.filter(unit_kerja__jalur__startswith=unit.jalur)
    programs = list(programs_qs)
    program_id = _int(request.GET.get("program"))
    if program_id is not None and program_id not in {p.pk for p in programs}:
        raise Http404("Program tidak ditemukan.")
    data = queries.pohon_anggaran(user=request.user, tahun=tahun, unit=unit, program_id=program_id)
    return render(
        request,
        "anggaran/pohon.html",
        {
            "pohon": data,
            "tahun": tahun,
            "units": units,
            "unit": unit,
            "programs": programs,
            "program_id": program_id,
            "dapat_impor": access.can_edit_any(request.user),
        },
    )


@login_required
@require_GET
def tabel_3_19(request: HttpRequest, xlsx: bool = False) -> HttpResponse:
    tahun = _tahun(request)
    units, unit = _unit_filter(request)
    data = queries.pohon_anggaran(user=request.user, tahun=tahun, unit=unit)
    t = tabel.tabel_3_19(data)
    if unit is not None:
        t.subjudul = str(unit.nama)
    return _tampil_tabel(
        request,
        t,
        xlsx=xlsx,
        nama=f"tabel-3.19-{tahun}",
        tahun=tahun,
        units=units,
        unit=unit,
        filter_unit=True,
    )


# --- per sasaran (2.5, 3.17, 3.16) --------------------------------------------------------------------------------


def _renstra(request: HttpRequest, tahun: int) -> tuple[list[RencanaStrategis], RencanaStrategis | None]:
    daftar = list(
        RencanaStrategis.objects.visible_to(request.user)
        .select_related("unit_kerja__pemda")
        .order_by("-tahun_mulai", "unit_kerja__jalur")
    )
    pilihan = _int(request.GET.get("renstra"))
    if pilihan is not None:
        renstra = next((r for r in daftar if r.pk == pilihan), None)
        if renstra is None:
            raise Http404("Renstra tidak ditemukan.")
        return daftar, renstra
    berlaku = [r for r in daftar if r.tahun_mulai <= tahun <= r.tahun_selesai]
    berlaku.sort(key=lambda r: len(r.unit_kerja.jalur))  # the highest unit first (the perangkat daerah)
    return daftar, (berlaku[0] if berlaku else None)


def _tabel_sasaran(request: HttpRequest, *, xlsx: bool, jenis: str) -> HttpResponse:
    tahun = _tahun(request)
    daftar, renstra = _renstra(request, tahun)
    context: dict[str, Any] = {
        "tahun": tahun,
        "daftar_renstra": daftar,
        "renstra": renstra,
        "filter_renstra": True,
    }
    if renstra is None:
        if xlsx:
            raise Http404("Tidak ada Renstra untuk tahun ini.")
        return render(request, "anggaran/tabel.html", {"tabel": None, **context})
    data = queries.anggaran_per_sasaran(user=request.user, renstra=renstra, tahun=tahun)
    if jenis == "2.5":
        t = tabel.tabel_2_5(data)
    elif jenis == "3.17":
        t = tabel.tabel_3_17(data)
    else:
        metode = queries.metode_efisiensi(renstra.unit_kerja.pemda_id)
        capaian, ada = queries.capaian_sasaran(renstra, tahun, request.user)
        hasil = queries.efisiensi_per_sasaran(anggaran=data, capaian=capaian, metode=metode)
        t = tabel.tabel_3_16(hasil, tahun=tahun, ada_capaian=ada)
        context["metode"] = hasil.label
    return _tampil_tabel(request, t, xlsx=xlsx, nama=f"tabel-{jenis}-{tahun}", **context)


@login_required
@require_GET
def tabel_2_5(request: HttpRequest, xlsx: bool = False) -> HttpResponse:
    return _tabel_sasaran(request, xlsx=xlsx, jenis="2.5")


@login_required
@require_GET
def tabel_3_17(request: HttpRequest, xlsx: bool = False) -> HttpResponse:
    return _tabel_sasaran(request, xlsx=xlsx, jenis="3.17")


@login_required
@require_GET
def tabel_3_16(request: HttpRequest, xlsx: bool = False) -> HttpResponse:
    return _tabel_sasaran(request, xlsx=xlsx, jenis="3.16")


@login_required
@require_GET
def tabel_3_18(request: HttpRequest, xlsx: bool = False) -> HttpResponse:
    tahun = _tahun(request)
    daftar = list(
        PerjanjianKinerja.objects.visible_to(request.user)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .select_related("unit_kerja", "renstra__unit_kerja")
        .order_by("-tahun", "unit_kerja__jalur")
    )
    pilihan = _int(request.GET.get("pk"))
    if pilihan is not None:
        pk = next((p for p in daftar if p.pk == pilihan), None)
        if pk is None:
            raise Http404("Perjanjian Kinerja tidak ditemukan.")
    else:
        berlaku = sorted((p for p in daftar if p.tahun == tahun), key=lambda p: len(p.unit_kerja.jalur))
        pk = berlaku[0] if berlaku else None
    context: dict[str, Any] = {"tahun": tahun, "daftar_pk": daftar, "pk": pk, "filter_pk": True}
    if pk is None:
        if xlsx:
            raise Http404("Tidak ada Perjanjian Kinerja untuk tahun ini.")
        return render(request, "anggaran/tabel.html", {"tabel": None, **context})
    capaian, ada = queries.capaian_indikator(pk, request.user)
    data = queries.realisasi_per_pk(user=request.user, perjanjian=pk, capaian=capaian)
    t = tabel.tabel_3_18(data)
    if not ada:
        t.catatan.append(
            "Realisasi dan capaian kinerja indikator diisi dari modul pengukuran kinerja; belum tersedia di sini."
        )
    return _tampil_tabel(request, t, xlsx=xlsx, nama=f"tabel-3.18-{pk.tahun}", **context)


# --- one budget line ------------------------------------------------------------------------------------------------


def _sub_kegiatan(request: HttpRequest, pk: int, *, write: bool = False) -> SubKegiatan:
    return access.get_for_user(
        SubKegiatan.objects.select_related("kegiatan__program__unit_kerja"),
        request.user,
        unit_path=SubKegiatan.unit_path,
        write=write,
        pk=pk,
    )


_KOLOM_RIWAYAT = {
    "pagu": "Pagu",
    "realisasi": "Realisasi",
    "jenis_belanja": "Jenis belanja",
    "target_keluaran": "Target keluaran",
    "realisasi_keluaran": "Realisasi keluaran",
    "satuan_keluaran": "Satuan",
}


def _teks_riwayat(nama: str, nilai: Any) -> str:
    if nilai is None or nilai == "":
        return "–"
    if nama == "jenis_belanja":
        return str(JenisBelanja(nilai).label)
    if isinstance(nilai, Decimal):
        return angka.format_angka(nilai, 0 if nilai == nilai.to_integral_value() else 2)
    return str(nilai)


def _riwayat(sub: SubKegiatan, tahun: int) -> list[dict[str, Any]]:
    """Who changed what and when, newest first: consecutive history records compared in memory (one query)."""
    catatan = list(
        AnggaranSubKegiatan.history.filter(sub_kegiatan_id=sub.pk, tahun=tahun)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    hasil = []
    sebelum = None
    for c in catatan:
        perubahan = [
            (
                label,
                _teks_riwayat(nama, getattr(sebelum, nama)) if sebelum is not None else "–",
                _teks_riwayat(nama, getattr(c, nama)),
            )
            for nama, label in _KOLOM_RIWAYAT.items()
            if sebelum is None or getattr(sebelum, nama) != getattr(c, nama)
        ]
        hasil.append({"catatan": c, "perubahan": perubahan})
        sebelum = c
    return hasil[::-1][:50]


@login_required
@require_GET
def anggaran_detail(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    return _tampil_detail(request, _sub_kegiatan(request, pk), tahun)


def _tampil_detail(
    request: HttpRequest, sub: SubKegiatan, tahun: int, *, bulan_form: Any = None, status: int = 200
) -> HttpResponse:
    """The sub kegiatan's budget of a year; `bulan_form` is a refused monthly form shown with its errors at the
    fields and what was typed."""
    anggaran = AnggaranSubKegiatan.objects.filter(sub_kegiatan=sub, tahun=tahun).first()
    bulanan = list(anggaran.bulanan.all()) if anggaran else []
    triwulan = []
    for tw in (1, 2, 3, 4):
        isi = [b.realisasi for b in bulanan if b.triwulan == tw]
        triwulan.append((tw, sum(isi) if isi else None))
    dapat_mengubah = access.can_edit(request.user, sub.kegiatan.program.unit_kerja)
    if bulan_form is None and anggaran and dapat_mengubah:
        bulan_form = forms.BulananForm(initial={f"bulan_{b.bulan}": b.realisasi for b in bulanan})
    return render(
        request,
        "anggaran/anggaran_detail.html",
        {
            "sub": sub,
            "tahun": tahun,
            "anggaran": anggaran,
            "bulanan": bulanan,
            "triwulan": triwulan,
            "riwayat": _riwayat(sub, tahun),
            "dapat_mengubah": dapat_mengubah,
            "bulan_form": bulan_form,
        },
        status=status,
    )


def _tampil_error(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for nama, daftar in exc.error_dict.items():
            form.add_error(nama if nama in form.fields else None, daftar)
    else:
        form.add_error(None, exc)


@login_required
@require_http_methods(["GET", "POST"])
def anggaran_ubah(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    sub = _sub_kegiatan(request, pk, write=True)
    if not 2000 <= tahun <= 2100:
        raise Http404("Tahun tidak valid.")
    anggaran = AnggaranSubKegiatan.objects.filter(sub_kegiatan=sub, tahun=tahun).first()
    awal = {"jenis_belanja": "operasi", "satuan_keluaran": sub.satuan_keluaran}
    if anggaran:
        awal = {
            "pagu": anggaran.pagu,
            "realisasi": anggaran.realisasi,
            "jenis_belanja": anggaran.jenis_belanja,
            "target_keluaran": anggaran.target_keluaran,
            "realisasi_keluaran": anggaran.realisasi_keluaran,
            "satuan_keluaran": anggaran.satuan,
        }
    form = forms.AnggaranForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_anggaran(sub_kegiatan=sub, tahun=tahun, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _tampil_error(form, exc)
        else:
            messages.success(request, "Anggaran sub kegiatan disimpan.")
            return redirect("anggaran:anggaran_detail", pk=sub.pk, tahun=tahun)
    return render(
        request,
        "anggaran/form.html",
        {"form": form, "sub": sub, "tahun": tahun, "judul": f"Anggaran {sub} – {tahun}"},
    )


@login_required
@require_POST
def anggaran_bulanan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    sub = _sub_kegiatan(request, pk, write=True)
    anggaran = AnggaranSubKegiatan.objects.filter(sub_kegiatan=sub, tahun=tahun).first()
    if anggaran is None:
        raise Http404("Anggaran belum ada.")
    form = forms.BulananForm(request.POST)
    if form.is_valid():
        try:
            services.set_realisasi_bulanan(
                anggaran=anggaran,
                per_bulan=form.per_bulan(),
                izinkan_lebih_pagu=form.cleaned_data["izinkan_lebih_pagu"],
                catatan_lebih_pagu=form.cleaned_data["catatan_lebih_pagu"],
                by=request.user,
            )
        except ValidationError as exc:
            _tampil_error(form, exc)
        else:
            messages.success(request, "Realisasi bulanan disimpan; realisasi tahunan diperbarui.")
            return redirect("anggaran:anggaran_detail", pk=sub.pk, tahun=tahun)
    # Refused: the page again with the messages at their fields and what was typed (nothing was saved).
    return _tampil_detail(request, sub, tahun, bulan_form=form, status=400)


def _kinerja_form(
    request: HttpRequest, *, program: Program, kegiatan: Kegiatan | None, tahun: int, judul: str
) -> HttpResponse:
    obj = KinerjaProgramKegiatan.objects.filter(program=program, kegiatan=kegiatan, tahun=tahun).first()
    awal = {"target": obj.target, "realisasi": obj.realisasi, "satuan": obj.satuan} if obj else {}
    form = forms.KinerjaForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_kinerja(
                program=program, kegiatan=kegiatan, tahun=tahun, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _tampil_error(form, exc)
        else:
            messages.success(request, "Kinerja disimpan.")
            return redirect(f"{reverse('anggaran:pohon')}?tahun={tahun}&program={program.pk}")
    return render(request, "anggaran/form.html", {"form": form, "tahun": tahun, "judul": judul})


@login_required
@require_http_methods(["GET", "POST"])
def kinerja_program(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    program = access.get_for_user(Program.objects.all(), request.user, write=True, pk=pk)
    return _kinerja_form(
        request, program=program, kegiatan=None, tahun=tahun, judul=f"Kinerja {program} – {tahun}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def kinerja_kegiatan(request: HttpRequest, pk: int, tahun: int) -> HttpResponse:
    kegiatan = access.get_for_user(
        Kegiatan.objects.select_related("program__unit_kerja"),
        request.user,
        unit_path=Kegiatan.unit_path,
        write=True,
        pk=pk,
    )
    return _kinerja_form(
        request,
        program=kegiatan.program,
        kegiatan=kegiatan,
        tahun=tahun,
        judul=f"Kinerja {kegiatan} – {tahun}",
    )


# --- import ----------------------------------------------------------------------------------------------------------

_SESI_IMPOR = "anggaran-impor"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_UMUR_BERKAS = 24 * 3600


def _folder_impor() -> Path:
    return Path(settings.MEDIA_ROOT) / "impor-anggaran"


def _simpan_sementara(isi: bytes) -> str:
    """Keep an uploaded workbook until it is confirmed: a random token names the file; old files are removed."""
    folder = _folder_impor()
    folder.mkdir(parents=True, exist_ok=True)
    batas = time.time() - _UMUR_BERKAS
    for lama in folder.glob("*.xlsx"):
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (folder / f"{token}.xlsx").write_bytes(isi)
    return token


def _berkas_sementara(token: str) -> Path | None:
    if not _TOKEN.match(token or ""):
        return None
    path = _folder_impor() / f"{token}.xlsx"
    return path if path.is_file() else None


def _lupakan_impor(request: HttpRequest) -> None:
    tertunda = request.session.pop(_SESI_IMPOR, None)
    if tertunda and (path := _berkas_sementara(tertunda.get("token", ""))):
        path.unlink(missing_ok=True)


def _unit_impor(request: HttpRequest, unit_id: int | None) -> UnitKerja | None:
    if unit_id is None:
        return None
    unit = UnitKerja.objects.editable_by(request.user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404("Unit tidak ditemukan.")
    return unit


def _pastikan_penulis(request: HttpRequest) -> None:
    if not access.can_edit_any(request.user):
        raise PermissionDenied("Anda hanya memiliki hak baca; impor anggaran membutuhkan hak ubah.")


@login_required
@require_http_methods(["GET", "POST"])
def impor(request: HttpRequest) -> HttpResponse:
    """Upload → dry run: every error listed by row, nothing written; a clean file waits for confirmation."""
    _pastikan_penulis(request)
    units = UnitKerja.objects.editable_by(request.user).order_by("pemda__kode", "jalur")
    form = forms.ImporForm(
        request.POST or None, request.FILES or None, units=units, initial={"tahun": _tahun(request)}
    )
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            isi = excel.periksa_berkas(berkas)
            hasil = excel.baca(io.BytesIO(isi))
        except excel.BerkasDitolak as exc:
            form.add_error("berkas", str(exc))
        else:
            tahun, unit = form.cleaned_data["tahun"], form.cleaned_data["unit"]
            rencana = services.siapkan_impor(user=request.user, tahun=tahun, hasil=hasil, unit=unit)
            _lupakan_impor(request)
            if rencana.ok:
                request.session[_SESI_IMPOR] = {
                    "token": _simpan_sementara(isi),
                    "tahun": tahun,
                    "unit": unit.pk if unit else None,
                    "nama": berkas.name,
                }
            return _pratinjau(request, rencana, nama=berkas.name, unit=unit)
    return render(request, "anggaran/impor.html", {"form": form})


def _pratinjau(
    request: HttpRequest, rencana: services.RencanaImpor, *, nama: str, unit: UnitKerja | None
) -> HttpResponse:
    return render(
        request,
        "anggaran/impor_pratinjau.html",
        {
            "rencana": rencana,
            "nama_berkas": nama,
            "unit": unit,
            "lebih_pagu": [services.pesan_lebih_pagu(b) for b in rencana.lebih_pagu],
            "ubah": (rencana.baru + rencana.ubah)[:300],
            "form": forms.KonfirmasiImporForm(),
        },
    )


@login_required
@require_POST
def impor_terapkan(request: HttpRequest) -> HttpResponse:
    _pastikan_penulis(request)
    tertunda = request.session.get(_SESI_IMPOR)
    path = _berkas_sementara(tertunda.get("token", "")) if tertunda else None
    if not tertunda or path is None:
        messages.error(request, "Tidak ada impor yang menunggu konfirmasi. Unggah berkas kembali.")
        return redirect("anggaran:impor")
    unit = _unit_impor(request, tertunda["unit"])
    tahun = tertunda["tahun"]
    form = forms.KonfirmasiImporForm(request.POST)
    konfirmasi = form.is_valid() and form.cleaned_data["konfirmasi_lebih_pagu"]
    catatan = form.cleaned_data.get("catatan_lebih_pagu", "") if form.is_valid() else ""
    with path.open("rb") as berkas:
        hasil = excel.baca(berkas)
    try:
        ringkasan = services.impor(
            user=request.user,
            tahun=tahun,
            hasil=hasil,
            unit=unit,
            konfirmasi_lebih_pagu=konfirmasi,
            catatan_lebih_pagu=catatan,
        )
    except (ValidationError, IntegrityError) as exc:
        pesan = exc.messages if isinstance(exc, ValidationError) else ["data berubah selama impor; ulangi."]
        messages.error(request, "Impor dibatalkan, tidak ada data yang diubah. " + " ".join(pesan))
        rencana = services.siapkan_impor(user=request.user, tahun=tahun, hasil=hasil, unit=unit)
        return _pratinjau(request, rencana, nama=tertunda["nama"], unit=unit)
    _lupakan_impor(request)
    messages.success(
        request,
        f"Impor dari berkas '{tertunda['nama']}' disimpan: {ringkasan.baru} baris baru, {ringkasan.ubah} diubah, "
        f"{ringkasan.sama} tanpa perubahan.",
    )
    if ringkasan.lebih_pagu:
        messages.warning(
            request,
            "Realisasi melebihi pagu (dikonfirmasi): "
            + "; ".join(services.pesan_lebih_pagu(b) for b in ringkasan.lebih_pagu),
        )
    return redirect(f"{reverse('anggaran:pohon')}?tahun={tahun}")


@login_required
@require_GET
def impor_templat(request: HttpRequest) -> HttpResponse:
    """The import template, prefilled with the sub kegiatan the user may edit and their figures for the year."""
    _pastikan_penulis(request)
    tahun = _tahun(request)
    subs = list(
        SubKegiatan.objects.editable_by(request.user)
        .order_by("kegiatan__program__unit_kerja__jalur", "kode")
        .values("id", "kode", "nama", "satuan_keluaran", "kegiatan__program__unit_kerja__kode")
    )
    ada = {
        a.sub_kegiatan_id: a
        for a in AnggaranSubKegiatan.objects.editable_by(request.user).filter(tahun=tahun)
    }
    baris = []
    for s in subs:
        a = ada.get(s["id"])
        baris.append(
            [
                s["kode"],
                s["nama"],
                a.pagu if a else None,
                a.realisasi if a else None,
                a.target_keluaran if a else None,
                a.realisasi_keluaran if a else None,
                (a.satuan_keluaran if a else "") or s["satuan_keluaran"],
                a.get_jenis_belanja_display().replace("Belanja ", "") if a else "",
                s["kegiatan__program__unit_kerja__kode"],
            ]
        )
    return _xlsx(excel.tulis_templat(baris), f"templat-realisasi-anggaran-{tahun}.xlsx")


# --- settings ---------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def pengaturan(request: HttpRequest) -> HttpResponse:
    """The efficiency method of each pemda the user administers."""
    cakupan = access.scope_of(request.user)
    pemda_qs = Pemda.objects.all() if cakupan.superuser else Pemda.objects.filter(pk__in=cakupan.pemda_tulis)
    daftar = list(pemda_qs.order_by("kode"))
    if not daftar:
        raise PermissionDenied("Pengaturan anggaran hanya untuk admin pemda.")
    pemda_id = _int(request.POST.get("pemda") or request.GET.get("pemda"))
    pemda = next((p for p in daftar if p.pk == pemda_id), None) if pemda_id is not None else daftar[0]
    if pemda is None:
        raise Http404("Pemda tidak ditemukan.")
    form = forms.PengaturanForm(
        request.POST or None, initial={"metode_efisiensi": queries.metode_efisiensi(pemda).value}
    )
    if request.method == "POST" and form.is_valid():
        services.set_metode_efisiensi(
            pemda=pemda, metode=form.cleaned_data["metode_efisiensi"], by=request.user
        )
        messages.success(request, f"Metode tingkat efisiensi {pemda} disimpan.")
        return redirect(f"{reverse('anggaran:pengaturan')}?pemda={pemda.pk}")
    riwayat = (
        PengaturanAnggaran.history.filter(pemda_id=pemda.pk)
        .select_related("history_user")
        .order_by("-history_date")[:20]
    )
    return render(
        request,
        "anggaran/pengaturan.html",
        {"form": form, "pemda": pemda, "daftar": daftar, "riwayat": riwayat},
    )


# --- SIPD exports -----------------------------------------------------------------------------------------------

_SESI_SIPD = "anggaran-impor-sipd"


def _rencana_sipd(request: HttpRequest, isi: bytes, *, tahun: int, unit: UnitKerja) -> services.RencanaSipd:
    hasil = sipd.baca(io.BytesIO(isi))
    return services.siapkan_impor_sipd(user=request.user, tahun=tahun, unit=unit, hasil=hasil)


def _pratinjau_sipd(request: HttpRequest, rencana: services.RencanaSipd, *, nama: str) -> HttpResponse:
    return render(
        request,
        "anggaran/impor_sipd_pratinjau.html",
        {
            "rencana": rencana,
            "nama_berkas": nama,
            "nama_format": sipd.FORMAT.get(rencana.format, ""),
            "berubah": rencana.berubah[:300],
            "form": forms.KonfirmasiImporForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def impor_sipd(request: HttpRequest) -> HttpResponse:
    """Upload a SIPD export → dry run with row errors and totals against what is stored; nothing written."""
    _pastikan_penulis(request)
    units = (
        UnitKerja.objects.editable_by(request.user)
        .filter(kode_sipd__isnull=False)
        .order_by("pemda__kode", "jalur")
    )
    form = forms.ImporSipdForm(
        request.POST or None, request.FILES or None, units=units, initial={"tahun": _tahun(request)}
    )
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            isi = excel.periksa_berkas(berkas)
            tahun, unit = form.cleaned_data["tahun"], form.cleaned_data["unit"]
            if antrean_impor.di_latar(len(isi)):  # a large export: checked and applied by a queue worker
                obj = antrean_impor.mulai(
                    pengguna=request.user,
                    jenis=impor_latar.JENIS,
                    isi=isi,
                    nama_berkas=berkas.name,
                    parameter={"tahun": tahun, "unit": unit.pk},
                )
                return redirect("antrean:impor", pk=obj.pk)
            rencana = _rencana_sipd(request, isi, tahun=tahun, unit=unit)
        except excel.BerkasDitolak as exc:
            form.add_error("berkas", str(exc))
        else:
            request.session.pop(_SESI_SIPD, None)
            if rencana.ok:
                request.session[_SESI_SIPD] = {
                    "token": _simpan_sementara(isi),
                    "tahun": tahun,
                    "unit": unit.pk,
                    "nama": berkas.name,
                }
            return _pratinjau_sipd(request, rencana, nama=berkas.name)
    return render(request, "anggaran/impor_sipd.html", {"form": form, "format": sipd.FORMAT.values()})


@login_required
@require_POST
def impor_sipd_terapkan(request: HttpRequest) -> HttpResponse:
    _pastikan_penulis(request)
    tertunda = request.session.get(_SESI_SIPD)
    path = _berkas_sementara(tertunda.get("token", "")) if tertunda else None
    if not tertunda or path is None:
        messages.error(request, "Tidak ada impor SIPD yang menunggu konfirmasi. Unggah berkas kembali.")
        return redirect("anggaran:impor_sipd")
    unit = _unit_impor(request, tertunda["unit"])
    assert unit is not None
    form = forms.KonfirmasiImporForm(request.POST)
    konfirmasi = form.is_valid() and form.cleaned_data["konfirmasi_lebih_pagu"]
    catatan = form.cleaned_data.get("catatan_lebih_pagu", "") if form.is_valid() else ""
    rencana = _rencana_sipd(request, path.read_bytes(), tahun=tertunda["tahun"], unit=unit)
    try:
        jumlah = services.terapkan_impor_sipd(
            rencana=rencana, konfirmasi_lebih_pagu=konfirmasi, catatan_lebih_pagu=catatan, by=request.user
        )
    except (ValidationError, IntegrityError) as exc:
        pesan = exc.messages if isinstance(exc, ValidationError) else ["data berubah selama impor; ulangi."]
        messages.error(request, "Impor dibatalkan, tidak ada data yang diubah. " + " ".join(pesan))
        return _pratinjau_sipd(request, rencana, nama=tertunda["nama"])
    request.session.pop(_SESI_SIPD, None)
    path.unlink(missing_ok=True)
    messages.success(
        request,
        f"Impor SIPD dari berkas '{tertunda['nama']}' disimpan: {jumlah} sub kegiatan diubah, "
        f"{len(rencana.pos) - jumlah} tanpa perubahan.",
    )
    return redirect(f"{reverse('anggaran:pohon')}?tahun={rencana.tahun}&unit={unit.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def kode_sipd(request: HttpRequest) -> HttpResponse:
    """The SIPD SKPD code of each unit the user may edit (how SIPD exports are matched to units)."""
    _pastikan_penulis(request)
    units = UnitKerja.objects.editable_by(request.user).order_by("pemda__kode", "jalur")
    form = forms.KodeSipdForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_kode_sipd(
                unit=form.cleaned_data["unit"], kode=form.cleaned_data["kode"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("kode", exc.message_dict.get("kode", exc.messages))
        else:
            messages.success(request, f"Kode SKPD SIPD {form.cleaned_data['unit'].nama} disimpan.")
            return redirect("anggaran:kode_sipd")
    daftar = (
        KodeSipd.objects.filter(unit_kerja__in=units)
        .select_related("unit_kerja")
        .order_by("unit_kerja__jalur")
    )
    return render(request, "anggaran/kode_sipd.html", {"form": form, "daftar": daftar})
