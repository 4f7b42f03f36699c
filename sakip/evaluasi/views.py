from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sakip.evaluasi import ekspor, forms, izin, nilai, services
from sakip.evaluasi.models import EvaluasiAkip, KomponenSkema, KriteriaSkema, Rekomendasi, SkemaEvaluasi
from sakip.lib import tahun as lib_tahun
from sakip.lib import xlsx
from sakip.organisasi import access
from sakip.pengukuran import berkas as pengukuran_berkas

RIWAYAT_TAHUN = 5
TERLAMBAT_DI_DAFTAR = 10


def _hari_ini() -> dt.date:
    return timezone.localdate()


def _evaluasi(request: HttpRequest, pk: int) -> EvaluasiAkip:
    """The evaluation in the user's read scope (404 outside it); write rights are checked by izin."""
    return access.get_for_user(EvaluasiAkip.objects.lengkap(), request.user, pk=pk)


def _rekomendasi_terlambat(request: HttpRequest) -> Any:
    return (
        Rekomendasi.objects.visible_to(request.user)
        .terlambat(_hari_ini())
        .select_related("evaluasi__unit_kerja", "komponen", "penanggung_jawab")
        .order_by("batas_waktu", "evaluasi__unit_kerja__jalur", "urutan")
    )


def _tahun(request: HttpRequest) -> int | None:
    return lib_tahun.dari_query(request)  # a bad year answers 400 (`lib.tahun.TahunMiddleware`)


def _form_error(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    qs = EvaluasiAkip.objects.visible_to(request.user).lengkap()
    tahun = _tahun(request)
    if tahun:
        qs = qs.filter(tahun=tahun)
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    terlambat = list(_rekomendasi_terlambat(request)[: TERLAMBAT_DI_DAFTAR + 1])
    context = {
        "halaman": halaman,
        "baris": [(e, e.hasil()) for e in halaman],
        "tahun": tahun,
        "daftar_tahun": EvaluasiAkip.objects.visible_to(request.user)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .distinct(),
        "terlambat": terlambat[:TERLAMBAT_DI_DAFTAR],
        "terlambat_lebih": len(terlambat) > TERLAMBAT_DI_DAFTAR,
        "hari_ini": _hari_ini(),
        "dapat_menilai": izin.can_score_any(request.user),
    }
    return render(request, "evaluasi/daftar.html", context)


def _riwayat_unit(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The unit (404 outside the user's scope), its last five evaluations, their history table and the
    recommendations: what the page and its Excel workbook show."""
    unit_kerja = access.get_unit_for_user(request.user, pk)
    sampai = _tahun(request)
    qs = EvaluasiAkip.objects.filter(unit_kerja=unit_kerja).lengkap().order_by("-tahun")
    if sampai:
        qs = qs.filter(tahun__lte=sampai)
    evaluasi = sorted(qs[:RIWAYAT_TAHUN], key=lambda e: e.tahun)
    tabel = nilai.riwayat({e.tahun: (e.skema.komponen_murni(), e.nilai_per_kode()) for e in evaluasi})
    rekomendasi = (
        Rekomendasi.objects.filter(evaluasi__in=[e.pk for e in evaluasi])
        .select_related("evaluasi", "komponen", "penanggung_jawab")
        .order_by("-evaluasi__tahun", "urutan", "pk")
    )
    return {"unit": unit_kerja, "evaluasi": evaluasi, "tabel": tabel, "rekomendasi": rekomendasi}


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's last five LHE results (components x years, totals, predikat, change) and recommendations."""
    data = _riwayat_unit(request, pk)
    tabel = data["tabel"]
    # Column numbers as LKjIP tables print them: (1) No, (2) Komponen, (3)... years, then the change column.
    kolom_tahun = [(t, i + 3) for i, t in enumerate(tabel.tahun)]
    kolom_perubahan = len(kolom_tahun) + 3
    context = {
        **data,
        "baris": [(b, list(zip(tabel.tahun, b.nilai, strict=True))) for b in tabel.baris],
        "total": list(zip(tabel.tahun, tabel.total, tabel.predikat, strict=True)),
        "kolom_tahun": kolom_tahun,
        "kolom_perubahan": kolom_perubahan,
        "hari_ini": _hari_ini(),
        "dapat_menilai": izin.can_score(request.user, data["unit"]),
        "sampai": _tahun(request),
    }
    return render(request, "evaluasi/unit.html", context)


@login_required
@require_GET
def unit_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The LHE history and recommendations of the unit as an Excel workbook (same access as the page)."""
    data = _riwayat_unit(request, pk)
    response = HttpResponse(ekspor.riwayat_xlsx(**data), content_type=xlsx.JENIS_MIME)
    nama = slugify(data["unit"].singkatan or data["unit"].nama)
    response["Content-Disposition"] = content_disposition_header(True, f"evaluasi-akip-{nama}.xlsx")
    return response


def _baris_komponen(evaluasi: EvaluasiAkip, hasil: nilai.Hasil) -> list[dict[str, Any]]:
    skor = {n.komponen_id: n.nilai for n in evaluasi.nilai.all()}
    baris = []
    for k in evaluasi.skema.komponen.all():
        utama = k.induk_id is None
        baris.append(
            {
                "komponen": k,
                "utama": utama,
                "nilai": hasil.nilai.get(k.kode) if utama else skor.get(k.pk),
                "dijumlah": utama and k.pk not in skor and hasil.nilai.get(k.kode) is not None,
            }
        )
    return baris


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = _evaluasi(request, pk)
    hasil = evaluasi.hasil()
    rekomendasi = evaluasi.rekomendasi.select_related("komponen", "penanggung_jawab")
    context = {
        "evaluasi": evaluasi,
        "hasil": hasil,
        "baris": _baris_komponen(evaluasi, hasil),
        "rekomendasi": rekomendasi,
        "hari_ini": _hari_ini(),
        "dapat_menilai": izin.can_score(request.user, evaluasi.unit_kerja),
    }
    return render(request, "evaluasi/detail.html", context)


@login_required
def baru(request: HttpRequest) -> HttpResponse:
    if not izin.can_score_any(request.user):
        raise PermissionDenied("Hanya evaluator (Inspektorat) atau admin pemda yang dapat mencatat LHE.")
    form = forms.EvaluasiForm(
        request.POST or None,
        units=izin.units_to_score(request.user),
        skema=SkemaEvaluasi.objects.visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        evaluasi = services.create_evaluasi(**form.cleaned_data, by=request.user)
        messages.success(request, "Evaluasi dicatat. Isi nilai per komponen.")
        return redirect("evaluasi:nilai", pk=evaluasi.pk)
    return render(request, "evaluasi/form.html", {"form": form, "judul": "Catat LHE AKIP"})


@login_required
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = _evaluasi(request, pk)
    izin.require_score(request.user, evaluasi.unit_kerja)
    form = forms.EvaluasiForm(
        request.POST or None,
        instance=evaluasi,
        units=None,
        skema=SkemaEvaluasi.objects.for_pemda(evaluasi.unit_kerja.pemda_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_evaluasi(evaluasi, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Data LHE disimpan.")
            return redirect("evaluasi:detail", pk=evaluasi.pk)
    return render(
        request, "evaluasi/form.html", {"form": form, "judul": f"Ubah {evaluasi}", "evaluasi": evaluasi}
    )


@login_required
def isi_nilai(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = _evaluasi(request, pk)
    izin.require_score(request.user, evaluasi.unit_kerja)
    komponen = list(evaluasi.skema.komponen.all())
    form = forms.NilaiForm(request.POST or None, evaluasi=evaluasi, komponen=komponen)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_nilai(evaluasi=evaluasi, nilai_baru=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Nilai evaluasi disimpan.")
            return redirect("evaluasi:detail", pk=evaluasi.pk)
    return render(request, "evaluasi/nilai_form.html", {"form": form, "evaluasi": evaluasi})


def _rekomendasi_form(request: HttpRequest, evaluasi: EvaluasiAkip, obj: Rekomendasi | None) -> HttpResponse:
    form = forms.RekomendasiForm(request.POST or None, instance=obj, evaluasi=evaluasi)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rekomendasi(
                evaluasi=evaluasi, rekomendasi=obj, **form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Rekomendasi disimpan.")
            return redirect("evaluasi:detail", pk=evaluasi.pk)
    judul = "Ubah rekomendasi" if obj else "Rekomendasi baru"
    return render(request, "evaluasi/form.html", {"form": form, "judul": judul, "evaluasi": evaluasi})


@login_required
def rekomendasi_baru(request: HttpRequest, pk: int) -> HttpResponse:
    evaluasi = _evaluasi(request, pk)
    izin.require_score(request.user, evaluasi.unit_kerja)
    return _rekomendasi_form(request, evaluasi, None)


@login_required
def rekomendasi_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    rekomendasi = izin.get_rekomendasi(Rekomendasi.objects, request.user, pk)
    izin.require_score(request.user, rekomendasi.evaluasi.unit_kerja)
    return _rekomendasi_form(request, rekomendasi.evaluasi, rekomendasi)


@login_required
def tindak_lanjut(request: HttpRequest, pk: int) -> HttpResponse:
    """The recommendation with its follow-up: the unit writes it with evidence and submits it (aksi "ajukan");
    the evaluator accepts it ("terima": only then Sudah) or returns it ("kembalikan") with a note."""
    rekomendasi = izin.get_rekomendasi(Rekomendasi.objects, request.user, pk)
    dapat_menindaklanjuti = izin.can_follow_up(request.user, rekomendasi)
    dapat_menilai = izin.can_score(request.user, rekomendasi.evaluasi.unit_kerja)
    aksi = request.POST.get("aksi", "simpan")
    if request.method == "POST":
        if aksi in ("terima", "kembalikan"):
            izin.require_score(request.user, rekomendasi.evaluasi.unit_kerja)
        else:
            izin.require_follow_up(request.user, rekomendasi)
    awal = {"tindak_lanjut": rekomendasi.tindak_lanjut}
    unit_post = request.method == "POST" and aksi in ("simpan", "ajukan")
    form = forms.TindakLanjutForm(request.POST if unit_post else None, request.FILES or None, initial=awal)
    penerimaan = forms.PenerimaanForm(request.POST if request.method == "POST" and not unit_post else None)
    if request.method == "POST":
        try:
            if aksi == "terima":
                services.terima_tindak_lanjut(
                    rekomendasi=rekomendasi, catatan=request.POST.get("catatan", ""), by=request.user
                )
                messages.success(request, "Tindak lanjut diterima: status Sudah.")
            elif aksi == "kembalikan":
                services.kembalikan_tindak_lanjut(
                    rekomendasi=rekomendasi, catatan=request.POST.get("catatan", ""), by=request.user
                )
                messages.success(request, "Tindak lanjut dikembalikan ke unit.")
            elif form.is_valid():
                f = form.cleaned_data.get("berkas")
                if f is not None and f.size > pengukuran_berkas.UKURAN_MAKSIMAL:
                    raise ValidationError({"berkas": "Ukuran berkas melebihi batas; berkas tidak disimpan."})
                services.save_tindak_lanjut(
                    rekomendasi=rekomendasi,
                    tindak_lanjut=form.cleaned_data["tindak_lanjut"],
                    status=Rekomendasi.Status.DIAJUKAN if aksi == "ajukan" else Rekomendasi.Status.BELUM,
                    berkas_nama=f.name if f is not None else "",
                    berkas_isi=f.read() if f is not None else None,
                    by=request.user,
                )
                messages.success(
                    request,
                    "Tindak lanjut diajukan ke evaluator." if aksi == "ajukan" else "Tindak lanjut disimpan.",
                )
            else:
                raise ValidationError("Periksa isian tindak lanjut.")
        except ValidationError as exc:
            if unit_post:
                _form_error(form, exc)
            else:
                _form_error(penerimaan, exc)
        else:
            return redirect("evaluasi:tindak_lanjut", pk=rekomendasi.pk)
    riwayat = rekomendasi.history.select_related("history_user").order_by("-history_date")[:20]
    context = {
        "rekomendasi": rekomendasi,
        "form": form if dapat_menindaklanjuti and rekomendasi.status != Rekomendasi.Status.SUDAH else None,
        "penerimaan": penerimaan
        if dapat_menilai and rekomendasi.status == Rekomendasi.Status.DIAJUKAN
        else None,
        "dapat_melihat_evaluasi": access.can_view(request.user, rekomendasi.evaluasi.unit_kerja),
        "dapat_menilai": dapat_menilai,
        "riwayat": riwayat,
        "hari_ini": _hari_ini(),
    }
    return render(request, "evaluasi/tindak_lanjut.html", context)


@login_required
def terlambat(request: HttpRequest) -> HttpResponse:
    """Overdue follow-ups (Belum, past the due date) across the user's scope."""
    halaman = Paginator(_rekomendasi_terlambat(request), 100).get_page(request.GET.get("halaman"))
    return render(request, "evaluasi/terlambat.html", {"halaman": halaman, "hari_ini": _hari_ini()})


@login_required
def skema_daftar(request: HttpRequest) -> HttpResponse:
    daftar = (
        SkemaEvaluasi.objects.visible_to(request.user).select_related("pemda").prefetch_related("komponen")
    )
    baris = [(s, nilai.validasi_bobot(s.komponen_murni())) for s in daftar]
    context = {"baris": baris, "dapat_menyalin": access.pemda_for_user(request.user, write=True).exists()}
    return render(request, "evaluasi/skema_daftar.html", context)


@login_required
def skema_detail(request: HttpRequest, pk: int) -> HttpResponse:
    skema = (
        SkemaEvaluasi.objects.visible_to(request.user)
        .select_related("pemda")
        .prefetch_related("komponen")
        .filter(pk=pk)
        .first()
    )
    if skema is None:
        raise Http404("Data tidak ditemukan.")
    komponen: list[KomponenSkema] = list(skema.komponen.all())
    bobot_induk = {k.pk: k.bobot for k in komponen}
    baris = [
        {
            "komponen": k,
            "porsi": (
                k.bobot / bobot_induk[k.induk_id] * 100
                if k.induk_id and k.bobot is not None and bobot_induk.get(k.induk_id)
                else None
            ),
        }
        for k in komponen
    ]
    kriteria: dict[int, list[Any]] = {}
    for kr in KriteriaSkema.objects.filter(komponen__skema=skema).prefetch_related("bukti"):
        kriteria.setdefault(kr.komponen_id, []).append(kr)
    for b in baris:
        b["kriteria"] = kriteria.get(b["komponen"].pk, [])
    dapat_mengubah = skema.pemda_id is not None and (
        access.pemda_for_user(request.user, write=True).filter(pk=skema.pemda_id).exists()
    )
    context = {
        "skema": skema,
        "baris": baris,
        "pesan": nilai.validasi_bobot(skema.komponen_murni()),
        "dapat_mengubah": dapat_mengubah,
        "dapat_menyalin": access.pemda_for_user(request.user, write=True).exists(),
        "jumlah_kriteria": sum(len(v) for v in kriteria.values()),
        "skala": skema.skala_jawaban or {},
    }
    return render(request, "evaluasi/skema_detail.html", context)
