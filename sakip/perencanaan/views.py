from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sakip.lib import angka
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja, urut_pohon
from sakip.perencanaan import forms, queries, services
from sakip.perencanaan.models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    PKIndikator,
    Program,
    RencanaStrategis,
    RenstraVersi,
    Sasaran,
    Tujuan,
)


def _renstra(request: HttpRequest, pk: int, *, write: bool = False) -> RencanaStrategis:
    return access.get_for_user(
        RencanaStrategis.objects.select_related("unit_kerja__pemda"), request.user, write=write, pk=pk
    )


@login_required
def renstra_list(request: HttpRequest) -> HttpResponse:
    daftar = RencanaStrategis.objects.visible_to(request.user).select_related("unit_kerja__pemda")
    return render(
        request,
        "perencanaan/renstra_list.html",
        {"daftar": daftar, "dapat_menambah": access.can_edit_any(request.user)},
    )


@login_required
def renstra_create(request: HttpRequest) -> HttpResponse:
    units = UnitKerja.objects.editable_by(request.user)
    if not access.can_edit_any(request.user):
        raise PermissionDenied("Anda tidak memiliki hak menambah Renstra.")
    form = forms.RenstraForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        renstra = services.create_renstra(**form.cleaned_data, by=request.user)
        messages.success(request, "Renstra dibuat.")
        return redirect("perencanaan:renstra_detail", pk=renstra.pk)
    return render(request, "perencanaan/form.html", {"form": form, "judul": "Renstra baru"})


@login_required
def renstra_detail(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra(request, pk)
    # The links to the year's dashboard and PK use the year chosen elsewhere, kept within the Renstra's period.
    tahun = lib_tahun.terpilih(request, bawaan=timezone.localdate().year) or renstra.tahun_mulai
    context = {
        "renstra": renstra,
        "tahun": min(max(tahun, renstra.tahun_mulai), renstra.tahun_selesai),
        "dapat_mengubah": access.can_edit(request.user, renstra.unit_kerja),
        "versi_lama": renstra.versi_lama.select_related("dibuat_oleh").order_by("-nomor"),
        **queries.renstra_lengkap(renstra),
    }
    return render(request, "perencanaan/renstra_detail.html", context)


@login_required
def tujuan_create(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra(request, pk, write=True)
    form = forms.TujuanForm(request.POST or None, instance=None)
    form.instance.renstra = renstra
    if request.method == "POST" and form.is_valid():
        services.add_tujuan(renstra=renstra, **form.cleaned_data)
        messages.success(request, "Tujuan ditambahkan.")
        return redirect("perencanaan:renstra_detail", pk=renstra.pk)
    return render(
        request, "perencanaan/form.html", {"form": form, "judul": "Tujuan baru", "renstra": renstra}
    )


@login_required
def sasaran_create(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra(request, pk, write=True)
    form = forms.SasaranForm(request.POST or None, renstra=renstra)
    if request.method == "POST" and form.is_valid():
        services.add_sasaran(renstra=renstra, **form.cleaned_data)
        messages.success(request, "Sasaran ditambahkan.")
        return redirect("perencanaan:renstra_detail", pk=renstra.pk)
    return render(
        request, "perencanaan/form.html", {"form": form, "judul": "Sasaran baru", "renstra": renstra}
    )


def _indikator_form(
    request: HttpRequest, renstra: RencanaStrategis, indikator: Indikator | None
) -> HttpResponse:
    form = forms.IndikatorForm(request.POST or None, instance=indikator, renstra=renstra)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                indikator = form.save_with(by=request.user)
        except ValidationError:
            pass  # the form now carries the errors
        else:
            messages.success(request, "Indikator disimpan.")
            return redirect("perencanaan:indikator_detail", pk=indikator.pk)
    judul = f"Ubah indikator {indikator.kode}" if indikator else "Indikator baru"
    return render(
        request, "perencanaan/indikator_form.html", {"form": form, "judul": judul, "renstra": renstra}
    )


@login_required
def indikator_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _indikator_form(request, _renstra(request, pk, write=True), None)


@login_required
def indikator_update(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = access.get_for_user(
        Indikator.objects.select_related("renstra__unit_kerja"),
        request.user,
        unit_path=Indikator.unit_path,
        write=True,
        pk=pk,
    )
    return _indikator_form(request, indikator.renstra, indikator)


@login_required
def indikator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = access.get_for_user(
        Indikator.objects.select_related(
            "renstra__unit_kerja", "sasaran", "tujuan", "penanggung_jawab", "mendukung"
        ),
        request.user,
        unit_path=Indikator.unit_path,
        pk=pk,
    )
    riwayat = (
        indikator.target.model.history.filter(indikator_id=indikator.pk)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    context = {
        "indikator": indikator,
        "target": indikator.target.all(),
        "variabel": indikator.variabel.all(),
        "pendukung": indikator.pendukung.visible_to(request.user).select_related("renstra__unit_kerja"),
        "riwayat": riwayat,
        "dapat_mengubah": access.can_edit(request.user, indikator.renstra.unit_kerja),
    }
    return render(request, "perencanaan/indikator_detail.html", context)


@login_required
def pohon_kinerja(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra(request, pk)
    akar = queries.pohon_kinerja(renstra, Indikator.objects.visible_to(request.user))
    return render(request, "perencanaan/pohon.html", {"renstra": renstra, "akar": akar})


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    programs = (
        Program.objects.visible_to(request.user)
        .select_related("unit_kerja")
        .prefetch_related("sasaran", "kegiatan__sub_kegiatan")
        .order_by("unit_kerja__jalur", "kode")
    )
    unit_tulis = set(UnitKerja.objects.editable_by(request.user).values_list("pk", flat=True))
    renstra_tulis = RencanaStrategis.objects.editable_by(request.user).select_related("unit_kerja")
    return render(
        request,
        "perencanaan/program_list.html",
        {"programs": programs, "unit_tulis": unit_tulis, "renstra_tulis": renstra_tulis},
    )


# --- Perjanjian Kinerja -------------------------------------------------------------------------------------------


def _pk(request: HttpRequest, pk: int, *, write: bool = False) -> PerjanjianKinerja:
    return access.get_for_user(
        PerjanjianKinerja.objects.select_related("unit_kerja__pemda", "renstra", "sebelumnya"),
        request.user,
        write=write,
        pk=pk,
    )


@login_required
def pk_list(request: HttpRequest) -> HttpResponse:
    daftar = PerjanjianKinerja.objects.visible_to(request.user).select_related("unit_kerja")
    renstra_qs = RencanaStrategis.objects.editable_by(request.user).select_related("unit_kerja")
    return render(
        request,
        "perencanaan/pk_list.html",
        {"daftar": daftar, "form": forms.PKBaruForm(renstra_qs=renstra_qs)},
    )


@login_required
@require_POST
def pk_create(request: HttpRequest) -> HttpResponse:
    renstra_qs = RencanaStrategis.objects.editable_by(request.user).select_related("unit_kerja")
    form = forms.PKBaruForm(request.POST, renstra_qs=renstra_qs)
    if form.is_valid():
        renstra = form.cleaned_data["renstra"]
        try:
            pk = services.create_pk(
                unit_kerja=renstra.unit_kerja,
                renstra=renstra,
                tahun=form.cleaned_data["tahun"],
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            return redirect("perencanaan:pk_detail", pk=pk.pk)
    else:
        messages.error(request, "Pilih Renstra dan tahun yang valid.")
    return redirect("perencanaan:pk_list")


@login_required
def pk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = _pk(request, pk)
    lib_tahun.ingat(request, perjanjian.tahun)  # a PK is a year's document: its year follows the user
    lines = perjanjian.indikator.select_related("indikator__sasaran").prefetch_related("rencana_aksi")
    versi = PerjanjianKinerja.objects.filter(
        unit_kerja=perjanjian.unit_kerja, tahun=perjanjian.tahun
    ).order_by("versi")
    dapat_mengubah = access.can_edit(request.user, perjanjian.unit_kerja)
    context = {
        "pk": perjanjian,
        "lines": lines,
        "programs": perjanjian.program.select_related("program__unit_kerja"),
        "versi": versi,
        "dapat_mengubah": dapat_mengubah,
        "pihak_form": forms.PKPihakForm(instance=perjanjian)
        if dapat_mengubah and perjanjian.dapat_diubah
        else None,
        "revisi_form": forms.RevisiForm() if dapat_mengubah else None,
    }
    return render(request, "perencanaan/pk_detail.html", context)


@login_required
@require_POST
def pk_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the parties and, while the PK is a draft, its targets and budgets (one form)."""
    perjanjian = _pk(request, pk, write=True)
    try:
        with transaction.atomic():
            if not perjanjian.dapat_diubah:
                raise ValidationError("PK final tidak dapat diubah; buat PK Perubahan.")
            form = forms.PKPihakForm(request.POST, instance=perjanjian)
            if not form.is_valid():
                raise ValidationError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
            services.save_with_history(form.instance, request.user)
            for line in perjanjian.indikator.select_related("indikator"):
                if f"target_{line.pk}" not in request.POST:
                    continue  # not on the submitted form: unchanged
                raw = request.POST[f"target_{line.pk}"].strip()
                if line.indikator.is_predikat:
                    services.set_pk_target(line=line, predikat=raw, by=request.user)
                else:
                    services.set_pk_target(
                        line=line, target=_angka(raw, line.indikator.nama), by=request.user
                    )
            for prog in perjanjian.program.select_related("program"):
                if f"pagu_{prog.pk}" in request.POST:
                    raw = request.POST[f"pagu_{prog.pk}"].strip() or "0"
                    services.set_pk_pagu(line=prog, pagu=_angka(raw, prog.program.nama), by=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Perjanjian Kinerja disimpan.")
    return redirect("perencanaan:pk_detail", pk=perjanjian.pk)


def _angka(teks: str, nama: str) -> angka.Decimal:
    try:
        return angka.parse_angka(teks)
    except angka.AngkaError as exc:
        raise ValidationError(f"{nama}: {exc}") from exc


@login_required
@require_POST
def pk_finalize(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = _pk(request, pk, write=True)
    try:
        services.finalize_pk(perjanjian=perjanjian, by=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Perjanjian Kinerja difinalkan (ditandatangani).")
    return redirect("perencanaan:pk_detail", pk=perjanjian.pk)


@login_required
@require_POST
def pk_revise(request: HttpRequest, pk: int) -> HttpResponse:
    perjanjian = _pk(request, pk, write=True)
    form = forms.RevisiForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih alasan perubahan yang sah.")
        return redirect("perencanaan:pk_detail", pk=perjanjian.pk)
    try:
        baru = services.revise_pk(
            perjanjian=perjanjian,
            alasan=form.cleaned_data["alasan"],
            catatan=form.cleaned_data["catatan"],
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("perencanaan:pk_detail", pk=perjanjian.pk)
    messages.success(request, "PK Perubahan dibuat sebagai draf; versi sebelumnya tetap tersimpan.")
    return redirect("perencanaan:pk_detail", pk=baru.pk)


@login_required
def rencana_aksi(request: HttpRequest, pk: int) -> HttpResponse:
    """TW I–IV targets of one PK line (an htmx fragment in the PK page)."""
    line = access.get_for_user(
        PKIndikator.objects.select_related("indikator", "perjanjian__unit_kerja"),
        request.user,
        unit_path=PKIndikator.unit_path,
        write=request.method == "POST",
        pk=pk,
    )
    pesan: list[str] = []
    if request.method == "POST":
        try:
            # Only the quarters the form sent: a post of TW I alone leaves TW II–IV as they are.
            target_tw = {
                tw: _angka_opsional(request.POST[f"tw{tw}"], f"TW {tw}")
                for tw in (1, 2, 3, 4)
                if f"tw{tw}" in request.POST
            }
            services.set_rencana_aksi(line=line, target_tw=target_tw, by=request.user)
        except ValidationError as exc:
            pesan = exc.messages
        else:
            lengkap = {r.triwulan: r.target for r in line.rencana_aksi.all()}
            pesan = services.check_rencana_aksi(line, lengkap) or ["Rencana aksi disimpan."]
    ra = {r.triwulan: r for r in line.rencana_aksi.all()}
    return render(
        request,
        "perencanaan/_rencana_aksi.html",
        {
            "line": line,
            "tw": [(tw, ra.get(tw)) for tw in (1, 2, 3, 4)],
            "pesan": pesan,
            # A final PK freezes its Rencana Aksi (the service refuses too).
            "dapat_mengubah": access.can_edit(request.user, line.perjanjian.unit_kerja)
            and line.perjanjian.dapat_diubah,
        },
    )


def _angka_opsional(teks: str, nama: str) -> angka.Decimal | None:
    return _angka(teks, nama) if teks.strip() else None


__all__ = ["Kegiatan", "urut_pohon"]


# --- edits and deletions of tujuan, sasaran (with strategi and kebijakan) and indicators (issue #20) -----------------


def _bagian(request: HttpRequest, model: Any, pk: int, *, write: bool = True) -> Any:
    return access.get_for_user(
        model.objects.select_related("renstra__unit_kerja"),
        request.user,
        unit_path="renstra__unit_kerja",
        write=write,
        pk=pk,
    )


def _form_galat(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, pesan in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, pesan)
    else:
        form.add_error(None, exc.messages)


@login_required
def tujuan_update(request: HttpRequest, pk: int) -> HttpResponse:
    tujuan = _bagian(request, Tujuan, pk)
    form = forms.TujuanForm(request.POST or None, instance=tujuan)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_tujuan(tujuan=tujuan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_galat(form, exc)
        else:
            messages.success(request, "Tujuan disimpan.")
            return redirect("perencanaan:renstra_detail", pk=tujuan.renstra_id)
    return render(
        request,
        "perencanaan/form.html",
        {"form": form, "judul": f"Ubah tujuan {tujuan.kode}", "renstra": tujuan.renstra},
    )


@login_required
def sasaran_update(request: HttpRequest, pk: int) -> HttpResponse:
    sasaran = _bagian(request, Sasaran, pk)
    form = forms.SasaranForm(request.POST or None, instance=sasaran, renstra=sasaran.renstra)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_sasaran(sasaran=sasaran, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_galat(form, exc)
        else:
            messages.success(request, "Sasaran disimpan.")
            return redirect("perencanaan:renstra_detail", pk=sasaran.renstra_id)
    return render(
        request,
        "perencanaan/form.html",
        {"form": form, "judul": f"Ubah sasaran {sasaran.kode}", "renstra": sasaran.renstra},
    )


def _hapus(request: HttpRequest, obj: Any, hapus: Any, nama: str, gagal_ke: Any = None) -> HttpResponse:
    renstra_id = obj.renstra_id
    try:
        hapus(by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if gagal_ke is not None:
            return gagal_ke
    else:
        messages.success(request, f"{nama} dihapus.")
    return redirect("perencanaan:renstra_detail", pk=renstra_id)


@login_required
@require_POST
def tujuan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    tujuan = _bagian(request, Tujuan, pk)
    return _hapus(
        request, tujuan, lambda by: services.delete_tujuan(tujuan=tujuan, by=by), f"Tujuan {tujuan.kode}"
    )


@login_required
@require_POST
def sasaran_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sasaran = _bagian(request, Sasaran, pk)
    return _hapus(
        request,
        sasaran,
        lambda by: services.delete_sasaran(sasaran=sasaran, by=by),
        f"Sasaran {sasaran.kode}",
    )


@login_required
@require_POST
def indikator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = _bagian(request, Indikator, pk)
    return _hapus(
        request,
        indikator,
        lambda by: services.delete_indikator(indikator=indikator, by=by),
        f"Indikator {indikator.kode}",
        gagal_ke=redirect("perencanaan:indikator_detail", pk=indikator.pk),
    )


@login_required
@require_POST
def renstra_perubahan(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a Renstra Perubahan with its reason; the replaced version is kept and listed on the Renstra page."""
    from sakip.perencanaan import perubahan

    renstra = _renstra(request, pk, write=True)
    try:
        versi = perubahan.mulai_perubahan(
            renstra=renstra, alasan=request.POST.get("alasan", ""), by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Renstra Perubahan dimulai: kini versi {versi.nomor + 1}. Versi {versi.nomor} tetap tersimpan.",
        )
    return redirect("perencanaan:renstra_detail", pk=renstra.pk)


@login_required
def renstra_versi(request: HttpRequest, pk: int) -> HttpResponse:
    """A replaced version of a Renstra as it was."""
    versi = access.get_for_user(
        RenstraVersi.objects.select_related("renstra__unit_kerja", "dibuat_oleh"),
        request.user,
        unit_path=RenstraVersi.unit_path,
        pk=pk,
    )
    isi, tahun = versi.isi, versi.renstra.tahun

    def indikator(daftar: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "jenis": "indikator",
                "kode": i["kode"],
                "teks": i["nama"],
                "satuan": i["satuan"],
                "target": [i.get("target", {}).get(str(t), "–") for t in tahun],
            }
            for i in daftar
        ]

    def sasaran(s: dict[str, Any]) -> list[dict[str, Any]]:
        baris = {"jenis": "sasaran", "kode": s["kode"], "teks": s["uraian"]}
        baris["strategi"], baris["kebijakan"] = s.get("strategi", ""), s.get("kebijakan", "")
        return [baris, *indikator(s.get("indikator", []))]

    baris: list[dict[str, Any]] = []
    for t in isi.get("tujuan", []):
        baris.append({"jenis": "tujuan", "kode": t["kode"], "teks": t["uraian"]})
        baris += indikator(t.get("indikator", []))
        for s in t.get("sasaran", []):
            baris += sasaran(s)
    for s in isi.get("sasaran_tanpa_tujuan", []):
        baris += sasaran(s)
    return render(
        request,
        "perencanaan/renstra_versi.html",
        {"versi": versi, "renstra": versi.renstra, "isi": isi, "tahun": tahun, "baris": baris},
    )
