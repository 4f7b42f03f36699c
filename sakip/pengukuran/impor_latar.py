"""The realisasi template import of one unit and period as a queue job, for files above
`antrean.impor.batas_sinkron()` bytes: the check job reads the workbook and runs the dry run of the bulk save
(`services.coba_realisasi_massal`), storing the grid's form data, each refused row (with its workbook row number)
and each row's refusal by the service. The grid page (`views_isian.isian_massal` with `?impor=`) then shows that
preview exactly as the synchronous import does; saving it is the grid's own all-or-nothing save, bounded by the
unit's indicators (a few hundred rows at most), so no confirm job is needed. Registered by PengukuranConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from sakip.antrean import impor, pekerjaan
from sakip.antrean.models import ImporLatar
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.pengukuran import impor_isian, services

JENIS = "pengukuran.isian"


def _unit(user: Any, parameter: dict[str, Any]) -> UnitKerja | None:
    unit = UnitKerja.objects.select_related("pemda").filter(pk=parameter.get("unit")).first()
    return unit if unit is not None and access.can_edit(user, unit) else None


def _galat_json(exc: ValidationError) -> Any:
    return exc.message_dict if hasattr(exc, "error_dict") else exc.messages


def periksa(obj: ImporLatar, isi: bytes, konteks: pekerjaan.Konteks) -> impor.Pratinjau:
    from sakip.pengukuran import views_isian  # the grid's rows and forms

    user, parameter = obj.pengguna, obj.parameter
    unit = _unit(user, parameter)
    if unit is None:
        raise pekerjaan.GagalPermanen("Anda tidak lagi berhak mengisi realisasi unit ini.")
    tahun, periode = parameter["tahun"], parameter["periode"]
    konteks.lapor(10, "Membaca berkas Excel")
    baris = views_isian._baris(unit, tahun, periode, user)
    hasil = impor_isian.baca(isi, [b.indikator for b in baris], periode, tahun)
    if hasil.kesalahan_buku:
        daftar = format_html_join("", "<li>{}</li>", ((k.pesan,) for k in hasil.kesalahan_buku))
        html = format_html('<section class="card" id="kesalahan-impor"><ul>{}</ul></section>', daftar)
        return impor.Pratinjau(html, ok=False)
    data = {f"i{b.indikator.pk}-versi": str(b.form.initial.get("versi", 0)) for b in baris}
    data.update({f"i{b.indikator.pk}-periode": periode for b in baris})
    data.update(hasil.data_form)
    konteks.lapor(40, "Uji coba penyimpanan (dibatalkan setelah diperiksa)")
    pratinjau = views_isian._baris(unit, tahun, periode, user, data)
    kesalahan = list(hasil.kesalahan)
    diisi = [b for b in pratinjau if not b.alasan_baca and views_isian._diisi(b.form)]
    sah = [b for b in diisi if b.form.is_valid()]
    galat: dict[str, Any] = {}
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
                    )
                    for b in sah
                ],
                by=user,
            )
        except services.GalatMassal as exc:
            for b in sah:
                if b.indikator.pk in exc.per_indikator:
                    b.form.terapkan_galat(exc.per_indikator[b.indikator.pk])
                    galat[str(b.indikator.pk)] = _galat_json(exc.per_indikator[b.indikator.pk])
        except ValidationError as exc:
            kesalahan.append(impor_isian.Kesalahan(None, "", " ".join(exc.messages)))
    konteks.lapor(90, "Menyusun pratinjau")
    for b in diisi:
        for medan, daftar_pesan in b.form.errors.items():
            for pesan in daftar_pesan:
                nomor = hasil.nomor_baris.get(
                    (b.indikator.pk, medan), hasil.nomor_baris.get((b.indikator.pk, ""), None)
                )
                kesalahan.append(impor_isian.Kesalahan(nomor, b.indikator.kode, pesan))
    return impor.Pratinjau(
        "",
        ok=True,
        data={
            "data_form": data,
            "kesalahan": [[k.baris, k.kode, k.pesan] for k in kesalahan],
            "galat": galat,
        },
    )


def tampilkan(request: HttpRequest, unit: UnitKerja) -> HttpResponse:
    """The grid with the preview a check job produced (`?impor=<id>`): the uploader's only, for this unit."""
    from sakip.pengukuran import views_isian

    try:
        impor_id = int(request.GET.get("impor", ""))
    except ValueError:
        raise Http404("Impor tidak ditemukan.") from None
    obj = ImporLatar.objects.filter(
        pk=impor_id, pengguna=request.user, jenis=JENIS, status=ImporLatar.Status.PRATINJAU
    ).first()
    if obj is None or obj.parameter.get("unit") != unit.pk or not access.can_edit(request.user, unit):
        raise Http404("Impor tidak ditemukan.")
    tahun, periode = obj.parameter["tahun"], obj.parameter["periode"]
    data = obj.data or {}
    pratinjau = views_isian._baris(unit, tahun, periode, request.user, data.get("data_form", {}))
    for b in pratinjau:
        if str(b.indikator.pk) in data.get("galat", {}):
            b.form.is_valid()
            b.form.terapkan_galat(ValidationError(data["galat"][str(b.indikator.pk)]))
    kesalahan = [impor_isian.Kesalahan(*k) for k in data.get("kesalahan", [])]
    return views_isian._render(
        request,
        unit,
        tahun,
        periode,
        pratinjau,
        pratinjau_impor=True,
        kesalahan_impor=kesalahan,
        impor_latar=obj,
    )


def selesaikan(request: HttpRequest, unit: UnitKerja, jumlah: int) -> None:
    """After the grid holding a queued import's preview was saved (its hidden `impor_latar`), the upload is done:
    it leaves "Menunggu konfirmasi" in the user's list of imports at once, not at the daily clean-up."""
    try:
        impor_id = int(request.POST.get("impor_latar", ""))
    except ValueError:
        return
    ImporLatar.objects.filter(
        pk=impor_id,
        pengguna=request.user,
        jenis=JENIS,
        status=ImporLatar.Status.PRATINJAU,
        parameter__unit=unit.pk,
    ).update(
        status=ImporLatar.Status.SELESAI,
        pesan=f"{jumlah} realisasi disimpan dari isian sekaligus.",
        url_hasil=f"{reverse('pengukuran:ruang_kerja', args=[unit.pk])}",
        selesai_pada=timezone.now(),
    )


def daftarkan() -> None:
    impor.daftarkan(
        JENIS,
        impor.JenisImpor(
            judul="Impor realisasi dari Excel",
            url_unggah=lambda obj: (
                f"{reverse('pengukuran:isian_massal', args=[obj.parameter['unit']])}"
                f"?tahun={obj.parameter['tahun']}&periode={obj.parameter['periode']}"
            ),
            boleh=lambda user, parameter: _unit(user, parameter) is not None,
            periksa=periksa,
            url_pratinjau=lambda obj: (
                f"{reverse('pengukuran:isian_massal', args=[obj.parameter['unit']])}"
                f"?tahun={obj.parameter['tahun']}&periode={obj.parameter['periode']}&impor={obj.pk}"
            ),
        ),
    )
