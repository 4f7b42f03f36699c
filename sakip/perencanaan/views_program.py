"""Pages of programs, kegiatan and sub kegiatan (issue #20 point 3): a unit's writers (its operator, the admin
pemda) create, change and delete them; readers see them; outsiders get 404. Codes are checked against the
nomenclature version of the plan (`services.simpan_program` and the others), the name defaults to the master's."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.perencanaan import forms, nomenklatur, services
from sakip.perencanaan.models import Kegiatan, Program, RencanaStrategis, Sasaran, SubKegiatan

JENIS = nomenklatur.JENIS


def _galat(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, pesan in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, pesan)
    else:
        form.add_error(None, exc.messages)


def _program(request: HttpRequest, pk: int, *, write: bool = False) -> Program:
    return access.get_for_user(
        Program.objects.select_related("unit_kerja__pemda"), request.user, write=write, pk=pk
    )


def _kegiatan(request: HttpRequest, pk: int, *, write: bool = False) -> Kegiatan:
    return access.get_for_user(
        Kegiatan.objects.select_related("program__unit_kerja__pemda"),
        request.user,
        unit_path=Kegiatan.unit_path,
        write=write,
        pk=pk,
    )


def _sub(request: HttpRequest, pk: int, *, write: bool = False) -> SubKegiatan:
    return access.get_for_user(
        SubKegiatan.objects.select_related("kegiatan__program__unit_kerja__pemda"),
        request.user,
        unit_path=SubKegiatan.unit_path,
        write=write,
        pk=pk,
    )


def _sasaran_unit(unit: UnitKerja) -> Any:
    """Sasaran a program of the unit may serve: those of the Renstra of the unit and of the units above it."""
    leluhur = [int(p) for p in unit.jalur.strip("/").split("/")]
    return Sasaran.objects.filter(renstra__unit_kerja_id__in=leluhur).order_by(
        "-renstra__tahun_mulai", "renstra__unit_kerja__jalur", "urutan", "kode"
    )


def _form(request: HttpRequest, form: Any, judul: str, **extra: Any) -> HttpResponse:
    return render(request, "perencanaan/form.html", {"form": form, "judul": judul, **extra})


@login_required
def program_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A program under a Renstra: of the Renstra's unit or one of its sub-units, checked against the Renstra's
    nomenclature version."""
    renstra = access.get_for_user(
        RencanaStrategis.objects.select_related("unit_kerja"), request.user, write=True, pk=pk
    )
    units = (
        UnitKerja.objects.editable_by(request.user)
        .subtree_of(renstra.unit_kerja)
        .filter(aktif=True)
        .order_by("jalur")
    )
    form = forms.ProgramForm(
        request.POST or None,
        units=units,
        sasaran=renstra.sasaran.all(),
        initial={"unit_kerja": renstra.unit_kerja_id},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        master = services.kode_master(program=None, renstra=renstra, jenis=JENIS.PROGRAM, kode=d["kode"])
        try:
            program = services.simpan_program(
                unit_kerja=d["unit_kerja"],
                kode=d["kode"],
                nama=d["nama"] or (master.nama if master else ""),
                sasaran=d["sasaran"],
                renstra=renstra,
                by=request.user,
            )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, f"Program {program.kode} ditambahkan.")
            return redirect("perencanaan:program_detail", pk=program.pk)
    versi = nomenklatur.versi_renstra(renstra)
    return _form(
        request,
        form,
        f"Program baru pada {renstra}",
        renstra=renstra,
        keterangan=f"Kode diperiksa terhadap nomenklatur Kepmendagri {versi.keputusan}." if versi else "",
    )


@login_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    kegiatan = program.kegiatan.prefetch_related("sub_kegiatan__target_keluaran")
    tahun = services.tahun_rencana(program)
    baris = []
    for k in kegiatan:
        sub = []
        for s in k.sub_kegiatan.all():
            target = {t.tahun: t for t in s.target_keluaran.all()}
            sub.append({"sub": s, "target": [target.get(t) for t in tahun]})
        baris.append({"kegiatan": k, "sub": sub})
    riwayat = (
        Program.history.filter(id=program.pk).select_related("history_user").order_by("-history_date")[:20]
    )
    return render(
        request,
        "perencanaan/program_detail.html",
        {
            "program": program,
            "sasaran": program.sasaran.select_related("renstra__unit_kerja"),
            "baris": baris,
            "tahun": tahun,
            "riwayat": riwayat,
            "versi": services.versi_program(program),
            "dapat_mengubah": access.can_edit(request.user, program.unit_kerja),
        },
    )


@login_required
def program_update(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, write=True)
    units = UnitKerja.objects.filter(pk=program.unit_kerja_id)
    awal = {
        "unit_kerja": program.unit_kerja_id,
        "kode": program.kode,
        "nama": program.nama,
        "sasaran": list(program.sasaran.values_list("pk", flat=True)),
    }
    form = forms.ProgramForm(
        request.POST or None, units=units, sasaran=_sasaran_unit(program.unit_kerja), initial=awal
    )
    form.fields["unit_kerja"].disabled = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.simpan_program(
                unit_kerja=program.unit_kerja,
                kode=d["kode"],
                nama=d["nama"] or program.nama,
                sasaran=d["sasaran"],
                program=program,
                by=request.user,
            )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, "Program disimpan.")
            return redirect("perencanaan:program_detail", pk=program.pk)
    return _form(request, form, f"Ubah program {program.kode}", program=program)


def _hapus(request: HttpRequest, hapus: Any, nama: str, berhasil: Any, gagal: Any) -> HttpResponse:
    try:
        hapus()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return gagal
    messages.success(request, f"{nama} dihapus.")
    return berhasil


@login_required
@require_POST
def program_delete(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, write=True)
    return _hapus(
        request,
        lambda: services.hapus_program(program=program, by=request.user),
        f"Program {program.kode}",
        redirect("perencanaan:program_list"),
        redirect("perencanaan:program_detail", pk=program.pk),
    )


@login_required
def kegiatan_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk, write=True)
    form = forms.KegiatanForm(request.POST or None, initial={"kode": f"{program.kode}."})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        master = services.kode_master(program=program, jenis=JENIS.KEGIATAN, kode=d["kode"])
        try:
            services.simpan_kegiatan(
                program=program,
                kode=d["kode"],
                nama=d["nama"] or (master.nama if master else ""),
                by=request.user,
            )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, "Kegiatan ditambahkan.")
            return redirect("perencanaan:program_detail", pk=program.pk)
    return _form(request, form, f"Kegiatan baru pada {program.kode} {program.nama}", program=program)


@login_required
def kegiatan_update(request: HttpRequest, pk: int) -> HttpResponse:
    kegiatan = _kegiatan(request, pk, write=True)
    form = forms.KegiatanForm(request.POST or None, initial={"kode": kegiatan.kode, "nama": kegiatan.nama})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.simpan_kegiatan(
                program=kegiatan.program,
                kode=d["kode"],
                nama=d["nama"] or kegiatan.nama,
                kegiatan=kegiatan,
                by=request.user,
            )
        except ValidationError as exc:
            _galat(form, exc)
        else:
            messages.success(request, "Kegiatan disimpan.")
            return redirect("perencanaan:program_detail", pk=kegiatan.program_id)
    return _form(request, form, f"Ubah kegiatan {kegiatan.kode}", program=kegiatan.program)


@login_required
@require_POST
def kegiatan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    kegiatan = _kegiatan(request, pk, write=True)
    kembali = redirect("perencanaan:program_detail", pk=kegiatan.program_id)
    return _hapus(
        request,
        lambda: services.hapus_kegiatan(kegiatan=kegiatan, by=request.user),
        f"Kegiatan {kegiatan.kode}",
        kembali,
        kembali,
    )


def _simpan_sub(
    request: HttpRequest, form: Any, kegiatan: Kegiatan, sub: SubKegiatan | None
) -> HttpResponse | None:
    d = form.cleaned_data
    master = services.kode_master_sub_kegiatan(kegiatan=kegiatan, kode=d["kode"])
    bawaan = sub or master
    try:
        services.save_sub_kegiatan(
            kegiatan=kegiatan,
            kode=d["kode"],
            nama=d["nama"] or (bawaan.nama if bawaan else ""),
            indikator_keluaran=d["indikator_keluaran"]
            or (sub.indikator_keluaran if sub else master.indikator if master else ""),
            satuan_keluaran=d["satuan_keluaran"]
            or (sub.satuan_keluaran if sub else master.satuan if master else ""),
            sub_kegiatan=sub,
            target=form.target(),
            by=request.user,
        )
    except ValidationError as exc:
        _galat(form, exc)
        return None
    messages.success(request, "Sub kegiatan disimpan." if sub else "Sub kegiatan ditambahkan.")
    return redirect("perencanaan:program_detail", pk=kegiatan.program_id)


@login_required
def sub_kegiatan_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A sub kegiatan under a kegiatan, with its output indicator and targets per year of the plan; its code is
    checked against the nomenclature version of the program's Renstra, name and output default to the master's."""
    kegiatan = _kegiatan(request, pk, write=True)
    tahun = services.tahun_rencana(kegiatan.program)
    form = forms.SubKegiatanForm(request.POST or None, tahun=tahun, initial={"kode": f"{kegiatan.kode}."})
    if (
        request.method == "POST"
        and form.is_valid()
        and (jawab := _simpan_sub(request, form, kegiatan, None)) is not None
    ):
        return jawab
    return _form(
        request,
        form,
        f"Sub kegiatan baru pada {kegiatan.kode} {kegiatan.nama}",
        program=kegiatan.program,
    )


@login_required
def sub_kegiatan_update(request: HttpRequest, pk: int) -> HttpResponse:
    sub = _sub(request, pk, write=True)
    kegiatan = sub.kegiatan
    tahun = services.tahun_rencana(kegiatan.program)
    awal: dict[str, Any] = {
        "kode": sub.kode,
        "nama": sub.nama,
        "indikator_keluaran": sub.indikator_keluaran,
        "satuan_keluaran": sub.satuan_keluaran,
    }
    awal |= {f"target_{t.tahun}": t.nilai for t in sub.target_keluaran.all()}
    form = forms.SubKegiatanForm(request.POST or None, tahun=tahun, initial=awal)
    if (
        request.method == "POST"
        and form.is_valid()
        and (jawab := _simpan_sub(request, form, kegiatan, sub)) is not None
    ):
        return jawab
    return _form(request, form, f"Ubah sub kegiatan {sub.kode}", program=kegiatan.program)


@login_required
@require_POST
def sub_kegiatan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sub = _sub(request, pk, write=True)
    kembali = redirect("perencanaan:program_detail", pk=sub.kegiatan.program_id)
    return _hapus(
        request,
        lambda: services.hapus_sub_kegiatan(sub_kegiatan=sub, by=request.user),
        f"Sub kegiatan {sub.kode}",
        kembali,
        kembali,
    )
