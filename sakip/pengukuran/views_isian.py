"""Bulk entry: one grid per unit and period with every indicator the unit reports (formula inputs included), saved
all or nothing; and the same period as an Excel template whose import is previewed in the grid before saving."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sakip.antrean import impor as antrean_impor
from sakip.lib import angka, xlsx
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.pengukuran import berkas, forms, impor_isian, impor_latar, jadwal, queries, services
from sakip.pengukuran.models import Periode, Realisasi
from sakip.pengukuran.views import _alasan_baca, _tahun
from sakip.perencanaan.models import Indikator


@dataclass
class BarisIsian:
    indikator: Indikator
    realisasi: Realisasi | None
    form: forms.RealisasiForm
    alasan_baca: str
    target: queries.TargetTahun


def _periode(request: HttpRequest, unit: UnitKerja, tahun: int) -> str:
    """`?periode=`: a quarter, a month (B01–B12, for monthly indicators) or TAHUN; else the first period any of the
    unit's indicators reports in: Triwulan I, or January for a unit whose indicators are all monthly, or the year
    for one whose indicators are all yearly (an empty Triwulan I grid would say there is nothing to fill)."""
    periode = request.GET.get("periode", "")
    if periode in Periode.values:
        return periode
    frekuensi = set(indikator_sendiri(unit, tahun).values_list("frekuensi", flat=True).distinct())
    for awal in (jadwal.TRIWULAN[0], jadwal.BULAN[0], jadwal.TAHUN):
        if any(awal in jadwal.periode_boleh(f) for f in frekuensi):
            return awal
    return jadwal.TRIWULAN[0]


def pilihan_periode(unit: UnitKerja, tahun: int, periode: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods the grid offers, grouped: the quarters and the year, and the months when the unit reports a
    monthly indicator in the year (one query) or a month is chosen."""
    grup = [("Triwulan dan tahun", [(p, jadwal.label(p)) for p in (*jadwal.TRIWULAN, jadwal.TAHUN)])]
    if periode in jadwal.BULAN or indikator_sendiri(unit, tahun).filter(frekuensi=jadwal.BULANAN).exists():
        grup.append(("Bulan (indikator bulanan)", [(p, jadwal.label(p)) for p in jadwal.BULAN]))
    return grup


def indikator_sendiri(unit: UnitKerja, tahun: int) -> Any:
    """The indicators the unit itself reports in the year (not those of its Renstra delegated to another unit)."""
    return queries.indikator_unit(unit.pk, tahun).filter(
        Q(penanggung_jawab=unit) | Q(penanggung_jawab__isnull=True, renstra__unit_kerja=unit)
    )


def indikator_dilaporkan(unit: UnitKerja, tahun: int, periode: str) -> list[Indikator]:
    """The indicators the unit itself reports in the year whose frequency has the period (two queries)."""
    qs = (
        indikator_sendiri(unit, tahun)
        .select_related("renstra__unit_kerja", "penanggung_jawab")
        .prefetch_related("variabel")
        .order_by("renstra__unit_kerja__jalur", "renstra_id", "urutan", "kode")
    )
    return [i for i in qs if periode in jadwal.periode_boleh(i.frekuensi)]


def _initial(r: Realisasi | None, periode: str) -> dict[str, Any]:
    initial: dict[str, Any] = {"periode": periode, "versi": r.versi if r else 0}
    if r:
        initial.update({f"in_{k}": v for k, v in r.masukan.items()})
        initial["nilai"] = (
            angka.format_angka(r.nilai, 6).rstrip("0").rstrip(",") if r.nilai is not None else ""
        )
        initial["predikat"] = r.nilai_predikat
    return initial


def _baris(unit: UnitKerja, tahun: int, periode: str, user: Any, data: Any = None) -> list[BarisIsian]:
    indikator = indikator_dilaporkan(unit, tahun, periode)
    rows = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator__in=[i.pk for i in indikator], tahun=tahun, periode=periode
        )
    }
    target = queries.target_tahun_indikator([i.pk for i in indikator], tahun)
    terkunci = services.is_locked(unit.pemda_id, tahun)
    # A locked quarter (and each of its months) is shown read-only, as on the entry page.
    kunci_periode = (
        not terkunci and periode in services.periode_terkunci(unit.pemda_id, tahun) if indikator else False
    )
    dapat_verifikasi = access.can_verify(user, unit)
    hasil = []
    for ind in indikator:
        r = rows.get(ind.pk)
        form = forms.RealisasiForm(data, indikator=ind, initial=_initial(r, periode), prefix=f"i{ind.pk}")
        alasan = _alasan_baca(r, dapat_verifikasi, terkunci)
        if kunci_periode and not alasan:
            tw = jadwal.triwulan_dari(periode) or periode
            alasan = f"{jadwal.label(tw)} {tahun} dikunci oleh admin pemda."
        hasil.append(BarisIsian(ind, r, form, alasan, target.get(ind.pk, queries.TargetTahun())))
    return hasil


def _diisi(form: forms.RealisasiForm) -> bool:
    return any(
        (form.data.get(form.add_prefix(nama)) or "").strip()
        for nama in form.fields
        if nama not in ("periode", "versi")
    )


def _render(
    request: HttpRequest, unit: UnitKerja, tahun: int, periode: str, baris: list[BarisIsian], **extra: Any
) -> HttpResponse:
    return render(
        request,
        "pengukuran/isian_massal.html",
        {
            "unit": unit,
            "tahun": tahun,
            "periode": periode,
            "label_periode": jadwal.label(periode),
            "pilihan_periode": pilihan_periode(unit, tahun, periode),
            "baris": baris,
            "dapat_mengubah": access.can_edit(request.user, unit),
            **extra,
        },
    )


@login_required
def isian_massal(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the grid of a period; POST: save every filled row, all or nothing, with one evidence file."""
    unit = access.get_unit_for_user(request.user, pk)
    tahun = _tahun(request)
    periode = _periode(request, unit, tahun)
    if request.method != "POST":
        if "impor" in request.GET:  # the preview of a large import checked on the queue
            return impor_latar.tampilkan(request, unit)
        return _render(request, unit, tahun, periode, _baris(unit, tahun, periode, request.user))
    if not access.can_edit(request.user, unit):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk unit ini.")
    baris = _baris(unit, tahun, periode, request.user, request.POST)
    diisi = [b for b in baris if not b.alasan_baca and _diisi(b.form)]
    sah = all(b.form.is_valid() for b in diisi)
    if not diisi:
        messages.error(request, "Tidak ada isian: isi minimal satu indikator.")
    elif sah:
        f = request.FILES.get("berkas")
        try:
            if f is not None and f.size > berkas.UKURAN_MAKSIMAL:
                raise ValidationError(
                    f"Ukuran berkas melebihi batas {berkas.UKURAN_MAKSIMAL // 1024 // 1024} MB; tidak ada yang disimpan."
                )
            hasil = services.save_realisasi_massal(
                unit=unit,
                tahun=tahun,
                periode=periode,
                isian=[
                    services.IsianMassal(
                        b.indikator,
                        nilai=b.form.cleaned_data.get("nilai"),
                        predikat=b.form.cleaned_data.get("predikat", ""),
                        masukan=b.form.masukan() or None,
                        versi=b.form.cleaned_data["versi"],
                        catatan_peringatan=b.form.cleaned_data.get("catatan_peringatan", ""),
                    )
                    for b in diisi
                ],
                by=request.user,
                data_dukung=(f.name or "", f.read()) if f is not None else None,
                ajukan=bool(request.POST.get("ajukan")),
            )
        except services.GalatMassal as exc:
            for b in diisi:
                if b.indikator.pk in exc.per_indikator:
                    b.form.terapkan_galat(exc.per_indikator[b.indikator.pk])
            messages.error(request, exc.messages[0])
        except ValidationError as exc:
            messages.error(request, "Tidak ada yang disimpan: " + " ".join(exc.messages))
        else:
            impor_latar.selesaikan(request, unit, len(hasil))
            aksi = "disimpan dan diajukan untuk verifikasi" if request.POST.get("ajukan") else "disimpan"
            messages.success(request, f"{len(hasil)} realisasi {jadwal.label(periode)} {tahun} {aksi}.")
            return redirect(f"{reverse('pengukuran:ruang_kerja', args=[unit.pk])}?tahun={tahun}")
    else:
        messages.error(request, "Periksa isian yang ditandai; tidak ada yang disimpan.")
    return _render(request, unit, tahun, periode, baris)


@login_required
def isian_templat(request: HttpRequest, pk: int) -> HttpResponse:
    """The period's grid as an Excel template: one row per value to enter (each formula input its own row)."""
    unit = access.get_unit_for_user(request.user, pk)
    tahun = _tahun(request)
    periode = _periode(request, unit, tahun)
    baris = _baris(unit, tahun, periode, request.user)
    data = impor_isian.templat(unit, tahun, periode, [(b.indikator, b.realisasi) for b in baris])
    response = HttpResponse(data, content_type=xlsx.JENIS_MIME)
    nama = slugify(unit.singkatan or unit.nama)
    response["Content-Disposition"] = content_disposition_header(
        True, f"realisasi-{nama}-{tahun}-{periode}.xlsx"
    )
    return response


@login_required
@require_POST
def isian_impor(request: HttpRequest, pk: int) -> HttpResponse:
    """Read an uploaded template and preview it in the grid, checked by a dry run of the save (nothing is saved
    until the grid is submitted); each refused workbook row is listed with its row number."""
    unit = access.get_unit_for_user(request.user, pk)
    if not access.can_edit(request.user, unit):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk unit ini.")
    tahun = _tahun(request)
    periode = _periode(request, unit, tahun)
    baris = _baris(unit, tahun, periode, request.user)
    f = request.FILES.get("berkas_excel")
    if f is None:
        messages.error(request, "Pilih berkas Excel yang akan diimpor.")
        return _render(request, unit, tahun, periode, baris)
    if antrean_impor.di_latar(f.size):  # a large workbook: checked by a queue worker, previewed in this grid
        obj = antrean_impor.mulai(
            pengguna=request.user,
            jenis=impor_latar.JENIS,
            isi=f.read(),
            nama_berkas=f.name or "realisasi.xlsx",
            parameter={"unit": unit.pk, "tahun": tahun, "periode": periode},
        )
        return redirect("antrean:impor", pk=obj.pk)
    hasil = impor_isian.baca(f.read(), [b.indikator for b in baris], periode, tahun)
    if hasil.kesalahan_buku:
        return _render(request, unit, tahun, periode, baris, kesalahan_impor=hasil.kesalahan_buku)
    data = {f"i{b.indikator.pk}-versi": str(b.form.initial.get("versi", 0)) for b in baris}
    data.update({f"i{b.indikator.pk}-periode": periode for b in baris})
    data.update(hasil.data_form)
    pratinjau = _baris(unit, tahun, periode, request.user, data)
    kesalahan = list(hasil.kesalahan)
    diisi = [b for b in pratinjau if not b.alasan_baca and _diisi(b.form)]
    # The rows that pass the form's checks go through a dry run of the save, so every row's error is listed.
    sah = [b for b in diisi if b.form.is_valid()]
    if sah:
        try:
            services.coba_realisasi_massal(
                unit=unit,
                tahun=tahun,
                periode=periode,
                isian=[
                    services.IsianMassal(
                        b.indikator,
                        nilai=b.form.cleaned_data.get("nilai"),
                        predikat=b.form.cleaned_data.get("predikat", ""),
                        masukan=b.form.masukan() or None,
                        versi=b.form.cleaned_data["versi"],
                        catatan_peringatan=b.form.cleaned_data.get("catatan_peringatan", ""),
                    )
                    for b in sah
                ],
                by=request.user,
            )
        except services.GalatMassal as exc:
            for b in sah:
                if b.indikator.pk in exc.per_indikator:
                    b.form.terapkan_galat(exc.per_indikator[b.indikator.pk])
        except ValidationError as exc:
            kesalahan.append(impor_isian.Kesalahan(None, "", " ".join(exc.messages)))
    for b in diisi:
        for medan, daftar in b.form.errors.items():
            for pesan in daftar:
                kesalahan.append(
                    impor_isian.Kesalahan(
                        hasil.nomor_baris.get(
                            (b.indikator.pk, medan), hasil.nomor_baris.get((b.indikator.pk, ""), None)
                        ),
                        b.indikator.kode,
                        pesan,
                    )
                )
    return _render(request, unit, tahun, periode, pratinjau, pratinjau_impor=True, kesalahan_impor=kesalahan)
