"""Pages of the LKE evaluation: rounds, the worksheet per unit, evidence, tiered review, scores.

Who sees what: a worksheet belongs to its unit (404 outside the user's read scope). The unit (operator) answers the
self-assessment and attaches evidence; the evaluator and the admin pemda answer the review tiers, return and score.
The unit sees the reviewers' notes of returns, never their answers before the final score.
"""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from sakip.evaluasi import ekspor_lke, izin, services, sumber
from sakip.evaluasi.forms import TanggalInput
from sakip.evaluasi.models import (
    BuktiLembar,
    CatatanReviu,
    Jawaban,
    JenisDokumen,
    KriteriaSkema,
    LembarKerja,
    PutaranEvaluasi,
    SkemaEvaluasi,
)
from sakip.evaluasi.views import _form_error
from sakip.lib import xlsx
from sakip.organisasi import access
from sakip.organisasi.models import Pemda, UnitKerja
from sakip.pengukuran import berkas


def _pesan(exc: Exception) -> str:
    return " ".join(getattr(exc, "messages", [str(exc)]))


# --- rounds -------------------------------------------------------------------------------------------------------------


class PutaranForm(django_forms.Form):
    pemda = django_forms.ModelChoiceField(queryset=Pemda.objects.none())
    tahun = django_forms.IntegerField(min_value=2000, max_value=2100, help_text="Tahun yang dievaluasi")
    nama = django_forms.CharField(max_length=255, required=False, help_text="Kosong: Evaluasi AKIP <tahun>")
    skema = django_forms.ModelChoiceField(
        queryset=SkemaEvaluasi.objects.none(),
        required=False,
        help_text="Kosong: skema yang dipilih untuk tahun itu",
    )
    unit_kerja = django_forms.ModelMultipleChoiceField(
        queryset=UnitKerja.objects.none(), widget=django_forms.CheckboxSelectMultiple, label="Unit kerja"
    )
    lembaga = django_forms.CharField(max_length=255, required=False, label="Evaluator / lembaga")
    tingkat_reviu = django_forms.CharField(
        widget=django_forms.Textarea(attrs={"rows": 3}),
        initial="Verifikator\nPenjamin Kualitas\nPenilai",
        label="Tingkat reviu",
        help_text="Satu tingkat per baris, berurutan; tingkat terakhir menetapkan nilai",
    )
    mandiri_mulai = django_forms.DateField(
        required=False, widget=TanggalInput(), label="Penilaian mandiri mulai"
    )
    mandiri_selesai = django_forms.DateField(
        required=False, widget=TanggalInput(), label="Penilaian mandiri selesai"
    )
    reviu_selesai = django_forms.DateField(required=False, widget=TanggalInput(), label="Reviu selesai")
    penilaian_selesai = django_forms.DateField(
        required=False, widget=TanggalInput(), label="Penilaian selesai"
    )
    publikasi = django_forms.DateField(required=False, widget=TanggalInput(), label="Publikasi hasil")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pemda = Pemda.objects.filter(pk__in=sorted(izin.pemda_penilai(user)))
        if access.scope_of(user).superuser:
            pemda = Pemda.objects.all()
        self.fields["pemda"].queryset = pemda
        if pemda.count() == 1:
            self.fields["pemda"].initial = pemda.first()
        self.fields["skema"].queryset = (
            SkemaEvaluasi.objects.visible_to(user).filter(komponen__kriteria__isnull=False).distinct()
        )
        self.fields["unit_kerja"].queryset = izin.units_to_score(user).order_by("pemda_id", "jalur")

    def clean_tingkat_reviu(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tingkat_reviu"].splitlines() if t.strip()]


@login_required
def putaran_daftar(request: HttpRequest) -> HttpResponse:
    putaran = PutaranEvaluasi.objects.visible_to(request.user).select_related("pemda", "skema")
    lembar = (
        LembarKerja.objects.visible_to(request.user)
        .select_related("putaran", "unit_kerja")
        .order_by("-putaran__tahun", "unit_kerja__jalur")[:200]
    )
    context = {"putaran": putaran, "lembar": lembar, "dapat_membuka": izin.can_score_any(request.user)}
    return render(request, "evaluasi/lke/putaran_daftar.html", context)


@login_required
def putaran_baru(request: HttpRequest) -> HttpResponse:
    if not izin.can_score_any(request.user):
        raise PermissionDenied(
            "Hanya evaluator (Inspektorat) atau admin pemda yang dapat membuka putaran evaluasi."
        )
    form = PutaranForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            putaran = services.buka_putaran(
                **{**data, "unit_kerja": list(data["unit_kerja"])}, by=request.user
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"Putaran dibuka untuk {putaran.lembar.count()} unit kerja.")
            return redirect("evaluasi:putaran_detail", pk=putaran.pk)
    return render(request, "evaluasi/form.html", {"form": form, "judul": "Buka putaran evaluasi AKIP"})


def _putaran(request: HttpRequest, pk: int) -> PutaranEvaluasi:
    putaran = (
        PutaranEvaluasi.objects.visible_to(request.user)
        .select_related("pemda", "skema")
        .filter(pk=pk)
        .first()
    )
    if putaran is None:
        raise Http404("Data tidak ditemukan.")
    return putaran


def rekap(putaran: PutaranEvaluasi, lembar: list[LembarKerja]) -> list[dict[str, Any]]:
    """Self-assessment and final totals of every worksheet, ranked by the final total (then the self total)."""
    baris = []
    for lk in lembar:
        mandiri = services.hasil_lembar(lk, 0)
        akhir = services.hasil_lembar(lk, lk.tahap) if lk.status == LembarKerja.Status.DINILAI else None
        baris.append({"lembar": lk, "mandiri": mandiri, "akhir": akhir})
    baris.sort(
        key=lambda b: (b["akhir"] is None, -(b["akhir"].total if b["akhir"] else 0), -b["mandiri"].total)
    )
    peringkat = 0
    for b in baris:
        if b["akhir"] is not None:
            peringkat += 1
            b["peringkat"] = peringkat
    return baris


@login_required
def putaran_detail(request: HttpRequest, pk: int) -> HttpResponse:
    putaran = _putaran(request, pk)
    lembar = list(
        LembarKerja.objects.visible_to(request.user)
        .filter(putaran=putaran)
        .select_related("unit_kerja", "putaran__skema")
    )
    penilai = izin.can_open_round(request.user, putaran.pemda_id)
    context = {
        "putaran": putaran,
        "baris": rekap(putaran, lembar) if penilai else [{"lembar": lk} for lk in lembar],
        "penilai": penilai,
    }
    return render(request, "evaluasi/lke/putaran_detail.html", context)


# --- the worksheet ----------------------------------------------------------------------------------------------------


def _lembar(request: HttpRequest, pk: int) -> LembarKerja:
    qs = LembarKerja.objects.select_related("putaran__skema", "putaran__pemda", "unit_kerja", "evaluasi")
    return access.get_for_user(qs, request.user, pk=pk)


def _nama_field(kriteria_id: int, bukti_id: int | None) -> str:
    return f"{kriteria_id}" if bukti_id is None else f"{kriteria_id}-{bukti_id}"


def _mode(request: HttpRequest, lembar: LembarKerja) -> int | None:
    """The tier the user may answer now (0 self-assessment, n review tier), or None (read only)."""
    if lembar.status == LembarKerja.Status.REVIU and izin.can_review(request.user, lembar.unit_kerja):
        return lembar.tahap
    if lembar.status in (
        LembarKerja.Status.MANDIRI,
        LembarKerja.Status.DIKEMBALIKAN,
    ) and izin.can_self_assess(request.user, lembar.unit_kerja):
        return 0
    return None


def _baris_lembar(request: HttpRequest, lembar: LembarKerja, penilai: bool) -> list[dict[str, Any]]:
    """One row per sub-component heading, criterion and evidence item, with the answers the user may see."""
    kriteria = services._kriteria_skema(lembar.putaran.skema_id)
    semua = list(Jawaban.objects.filter(lembar=lembar))
    # The unit sees the reviewers' answers only once the worksheet is scored, and then only the final tier's.
    if penilai:
        tampil = range(1, lembar.tahap + 1) if lembar.tahap else range(0)
    elif lembar.status == LembarKerja.Status.DINILAI:
        tampil = range(lembar.tahap, lembar.tahap + 1)
    else:
        tampil = range(0)
    jawab = {(a.kriteria_id, a.bukti_id, a.tingkat): a for a in semua}
    bukti_lembar: dict[int, list[BuktiLembar]] = {}
    for b in BuktiLembar.objects.filter(lembar=lembar).select_related("bukti_skema"):
        bukti_lembar.setdefault(b.kriteria_id, []).append(b)
    catatan: dict[int | None, list[CatatanReviu]] = {}
    for c in CatatanReviu.objects.filter(lembar=lembar).select_related("oleh"):
        catatan.setdefault(c.kriteria_id, []).append(c)
    skala = lembar.putaran.skema.skala()
    baris: list[dict[str, Any]] = []
    sub_sebelum = None
    for k in kriteria:
        if k.komponen_id != sub_sebelum:
            baris.append({"jenis": "sub", "komponen": k.komponen})
            sub_sebelum = k.komponen_id
        per_bukti = k.dinilai_per == KriteriaSkema.DinilaiPer.BUKTI and k.bukti.exists()
        sasaran = [(b.pk, b) for b in k.bukti.all()] if per_bukti else [(None, None)]
        pilihan = list(skala.get(k.jenis_jawaban, {}))
        baris.append(
            {
                "jenis": "kriteria",
                "kriteria": k,
                "per_bukti": per_bukti,
                "bukti_lembar": bukti_lembar.get(k.pk, []),
                "catatan": catatan.get(k.pk, []),
                "isian": [
                    {
                        "bukti": b,
                        "nama": _nama_field(k.pk, bid),
                        "mandiri": jawab.get((k.pk, bid, 0)),
                        "reviu": [(t, jawab.get((k.pk, bid, t))) for t in tampil],
                        "pilihan": pilihan,
                    }
                    for bid, b in sasaran
                ],
            }
        )
    return baris


@login_required
def lembar(request: HttpRequest, pk: int) -> HttpResponse:
    lk = _lembar(request, pk)
    mode = _mode(request, lk)
    if request.method == "POST":
        if mode is None:
            if not (
                izin.can_self_assess(request.user, lk.unit_kerja)
                or izin.can_review(request.user, lk.unit_kerja)
            ):
                raise PermissionDenied("Anda hanya memiliki hak baca untuk lembar kerja ini.")
            messages.error(request, "Lembar kerja tidak dapat diubah pada tahap ini.")
            return redirect("evaluasi:lembar", pk=lk.pk)
        kriteria = services._kriteria_skema(lk.putaran.skema_id)
        jawaban = []
        for k in kriteria:
            per_bukti = k.dinilai_per == KriteriaSkema.DinilaiPer.BUKTI and k.bukti.exists()
            for bid in [b.pk for b in k.bukti.all()] if per_bukti else [None]:
                nama = _nama_field(k.pk, bid)
                if f"j-{nama}" not in request.POST:
                    continue
                jawaban.append(
                    services.JawabanBaru(
                        kriteria_id=k.pk,
                        bukti_id=bid,
                        jawaban=request.POST.get(f"j-{nama}", "").strip(),
                        catatan=request.POST.get(f"c-{nama}", "").strip(),
                    )
                )
        try:
            jumlah = services.simpan_jawaban(lembar=lk, tingkat=mode, jawaban=jawaban, by=request.user)
        except ValidationError as exc:
            messages.error(request, _pesan(exc))
        else:
            messages.success(request, f"Jawaban disimpan ({jumlah} berubah).")
        return redirect("evaluasi:lembar", pk=lk.pk)
    penilai = izin.can_review(request.user, lk.unit_kerja)
    mandiri = services.hasil_lembar(lk, 0)
    akhir = None
    if lk.tahap and (penilai or lk.status == LembarKerja.Status.DINILAI):
        akhir = services.hasil_lembar(lk, lk.tahap)
    komponen = list(lk.putaran.skema.komponen.filter(induk__isnull=True))
    sub = list(lk.putaran.skema.komponen.filter(induk__isnull=False))
    context = {
        "lembar": lk,
        "putaran": lk.putaran,
        "baris": _baris_lembar(request, lk, penilai),
        "mode": mode,
        "penilai": penilai,
        "unit_menulis": izin.can_self_assess(request.user, lk.unit_kerja),
        "mandiri": mandiri,
        "akhir": akhir,
        "ringkasan": [
            {
                "komponen": k,
                "mandiri": mandiri.komponen.get(k.kode),
                "akhir": akhir.komponen.get(k.kode) if akhir else None,
                "sub": [
                    {
                        "komponen": s,
                        "mandiri": mandiri.sub.get(s.kode),
                        "akhir": akhir.sub.get(s.kode) if akhir else None,
                    }
                    for s in sub
                    if s.induk_id == k.pk
                ],
            }
            for k in komponen
        ],
        "catatan_umum": CatatanReviu.objects.filter(lembar=lk, kriteria__isnull=True).select_related("oleh"),
        "tingkat": list(enumerate(lk.putaran.tingkat_reviu, start=1)),
        "kriteria_pilihan": services._kriteria_skema(lk.putaran.skema_id) if mode and penilai else [],
    }
    return render(request, "evaluasi/lke/lembar.html", context)


@login_required
@require_POST
def ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    lk = _lembar(request, pk)
    if not izin.can_self_assess(request.user, lk.unit_kerja):
        raise PermissionDenied("Hanya unit yang dievaluasi yang dapat mengajukan penilaian mandiri.")
    try:
        services.ajukan_lembar(lembar=lk, by=request.user)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, "Penilaian mandiri diajukan untuk direviu.")
    return redirect("evaluasi:lembar", pk=lk.pk)


@login_required
@require_POST
def isi_otomatis(request: HttpRequest, pk: int) -> HttpResponse:
    lk = _lembar(request, pk)
    if not izin.can_self_assess(request.user, lk.unit_kerja):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk lembar kerja ini.")
    try:
        if lk.status not in (LembarKerja.Status.MANDIRI, LembarKerja.Status.DIKEMBALIKAN):
            raise ValidationError("Lembar kerja sedang direviu atau sudah dinilai.")
        jumlah = services.isi_otomatis(lembar=lk, by=request.user)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, f"{jumlah} jawaban diisi dari data produk.")
    return redirect("evaluasi:lembar", pk=lk.pk)


@login_required
@require_POST
def kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    lk = _lembar(request, pk)
    if not izin.can_review(request.user, lk.unit_kerja):
        raise PermissionDenied(
            "Hanya evaluator (Inspektorat) atau admin pemda yang dapat mengembalikan lembar kerja."
        )
    kriteria = None
    if request.POST.get("kriteria"):
        kriteria = KriteriaSkema.objects.filter(
            pk=request.POST["kriteria"] if request.POST["kriteria"].isdigit() else 0,
            komponen__skema_id=lk.putaran.skema_id,
        ).first()
        if kriteria is None:
            messages.error(request, "Kriteria tidak ditemukan pada skema putaran ini.")
            return redirect("evaluasi:lembar", pk=lk.pk)
    try:
        services.kembalikan_lembar(
            lembar=lk, catatan=request.POST.get("catatan", ""), kriteria=kriteria, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, "Lembar kerja dikembalikan ke unit dengan catatan.")
    return redirect("evaluasi:lembar", pk=lk.pk)


@login_required
@require_POST
def teruskan(request: HttpRequest, pk: int) -> HttpResponse:
    lk = _lembar(request, pk)
    if not izin.can_review(request.user, lk.unit_kerja):
        raise PermissionDenied("Hanya evaluator (Inspektorat) atau admin pemda yang dapat meneruskan reviu.")
    try:
        lk = services.teruskan_lembar(lembar=lk, by=request.user)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        if lk.status == LembarKerja.Status.DINILAI:
            messages.success(request, "Nilai ditetapkan dan dicatat sebagai LHE unit.")
        else:
            messages.success(request, f"Diteruskan ke tahap {lk.nama_tahap}.")
    return redirect("evaluasi:lembar", pk=lk.pk)


@login_required
def riwayat(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of the worksheet: the unit sees its own answers, evidence and the returns; reviewers see all."""
    lk = _lembar(request, pk)
    penilai = izin.can_review(request.user, lk.unit_kerja)
    jawaban = Jawaban.history.filter(lembar_id=lk.pk).select_related("history_user").order_by("-history_date")
    if not penilai:
        jawaban = jawaban.filter(tingkat=0)
    context = {
        "lembar": lk,
        "jawaban": jawaban[:500],
        "kriteria": {k.pk: k.kode for k in services._kriteria_skema(lk.putaran.skema_id)},
        "status": LembarKerja.history.filter(id=lk.pk)
        .select_related("history_user")
        .order_by("-history_date"),
        "bukti": BuktiLembar.history.filter(lembar_id=lk.pk)
        .select_related("history_user")
        .order_by("-history_date"),
        "penilai": penilai,
    }
    return render(request, "evaluasi/lke/riwayat.html", context)


# --- evidence ----------------------------------------------------------------------------------------------------------


@login_required
def bukti(request: HttpRequest, pk: int, kriteria_pk: int) -> HttpResponse:
    """The evidence of one criterion: attached files and records; upload or pick from what the product holds."""
    lk = _lembar(request, pk)
    kriteria = KriteriaSkema.objects.filter(pk=kriteria_pk, komponen__skema_id=lk.putaran.skema_id).first()
    if kriteria is None:
        raise Http404("Data tidak ditemukan.")
    dapat = izin.can_self_assess(request.user, lk.unit_kerja)
    if request.method == "POST":
        if not dapat:
            raise PermissionDenied("Anda hanya memiliki hak baca untuk lembar kerja ini.")
        bukti_skema_id = request.POST.get("bukti_skema") or None
        bukti_skema_id = int(bukti_skema_id) if bukti_skema_id and bukti_skema_id.isdigit() else None
        try:
            f = request.FILES.get("berkas")
            if f is not None:
                if f.size > berkas.UKURAN_MAKSIMAL:
                    raise ValidationError(
                        f"Ukuran berkas melebihi batas {berkas.UKURAN_MAKSIMAL // 1024 // 1024} MB; berkas tidak disimpan."
                    )
                services.unggah_bukti(
                    lembar=lk,
                    kriteria=kriteria,
                    nama=f.name or "",
                    isi=f.read(),
                    bukti_skema_id=bukti_skema_id,
                    by=request.user,
                )
            else:
                services.pilih_bukti(
                    lembar=lk,
                    kriteria=kriteria,
                    kunci=request.POST.getlist("kunci"),
                    bukti_skema_id=bukti_skema_id,
                    by=request.user,
                )
        except ValidationError as exc:
            messages.error(request, _pesan(exc))
        else:
            messages.success(request, "Bukti dukung dilampirkan.")
        return redirect("evaluasi:lembar_bukti", pk=lk.pk, kriteria_pk=kriteria.pk)
    label = dict(JenisDokumen.choices)
    tersedia = (
        [(s, label.get(s.jenis, s.jenis)) for s in sumber.sumber_untuk(lk.unit_kerja, lk.putaran.tahun)]
        if dapat
        else []
    )
    context = {
        "lembar": lk,
        "kriteria": kriteria,
        "lampiran": BuktiLembar.objects.filter(lembar=lk, kriteria=kriteria).select_related("bukti_skema"),
        "tersedia": tersedia,
        "dapat": dapat and lk.status in (LembarKerja.Status.MANDIRI, LembarKerja.Status.DIKEMBALIKAN),
    }
    return render(request, "evaluasi/lke/bukti.html", context)


@login_required
@require_POST
def bukti_lepas(request: HttpRequest, pk: int) -> HttpResponse:
    obj = access.get_for_user(
        BuktiLembar.objects.select_related("lembar__unit_kerja", "lembar__putaran"),
        request.user,
        pk=pk,
        unit_path="lembar__unit_kerja",
    )
    if not izin.can_self_assess(request.user, obj.lembar.unit_kerja):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk lembar kerja ini.")
    try:
        services.lepas_bukti(bukti=obj, by=request.user)
    except ValidationError as exc:
        messages.error(request, _pesan(exc))
    else:
        messages.success(request, "Bukti dukung dilepas.")
    return redirect("evaluasi:lembar_bukti", pk=obj.lembar_id, kriteria_pk=obj.kriteria_id)


# --- outputs -------------------------------------------------------------------------------------------------------------


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=xlsx.JENIS_MIME)
    response["Content-Disposition"] = content_disposition_header(True, nama)
    return response


@login_required
@require_GET
def lembar_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The worksheet as the LKE workbook evaluators use (same access and same hiding of drafts as the page)."""
    lk = _lembar(request, pk)
    isi = ekspor_lke.lke_xlsx(lk, penilai=izin.can_review(request.user, lk.unit_kerja))
    nama = slugify(lk.unit_kerja.singkatan or lk.unit_kerja.nama)
    return _xlsx(isi, f"LKE-{nama}-{lk.putaran.tahun}.xlsx")


def _putaran_penilai(request: HttpRequest, pk: int) -> tuple[PutaranEvaluasi, list[LembarKerja]]:
    putaran = _putaran(request, pk)
    if not izin.can_open_round(request.user, putaran.pemda_id):
        raise PermissionDenied("Rekap dan daftar bukti putaran untuk evaluator dan admin pemda.")
    lembar = list(putaran.lembar.select_related("unit_kerja", "putaran__skema"))
    return putaran, lembar


@login_required
@require_GET
def rekap_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    putaran, lembar = _putaran_penilai(request, pk)
    return _xlsx(
        ekspor_lke.rekap_xlsx(putaran, rekap(putaran, lembar)), f"rekap-evaluasi-{putaran.tahun}.xlsx"
    )


@login_required
@require_GET
def bukti_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    putaran, lembar = _putaran_penilai(request, pk)
    isi = ekspor_lke.bukti_xlsx(putaran, lembar, dasar_url=request.build_absolute_uri("/").rstrip("/"))
    return _xlsx(isi, f"bukti-dukung-esr-{putaran.tahun}.xlsx")
