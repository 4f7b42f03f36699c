"""Audit of a published LKjIP: upload its tables, see every recomputed figure that differs. Nothing is stored.

The figures are recomputed with the pemda's measurement settings of the report's year (`pengaturan_untuk`: rollup
method, missing-realisasi policy, cap, category scale), chosen with the upload: a report of 2017 is checked against
2017's rules.

Any logged-in user with at least one role may audit: the workbook is read in memory and thrown away, so there is
no unit whose data could leak. The findings can be downloaded as Excel by pressing the second button, which
sends the same file again (there is nothing kept between requests to download from).
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sakip.lib import angka
from sakip.organisasi import access
from sakip.organisasi.models import Pemda
from sakip.pelaporan import audit, audit_excel
from sakip.pengukuran import capaian as rumus_capaian
from sakip.pengukuran.models import PengaturanPengukuran, pengaturan_untuk

logger = logging.getLogger(__name__)

_BATAS_MB = audit_excel.BATAS_UKURAN // (1024 * 1024)


class AuditForm(forms.Form):
    berkas = forms.FileField(
        label=f"Berkas Excel tabel LKjIP (.xlsx, maksimal {_BATAS_MB} MB)",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
        # Our own words, not Django's translation: they must not depend on the active language.
        error_messages={"empty": "Berkas kosong.", "required": "Pilih berkas Excel yang akan diperiksa."},
    )
    pemda = forms.ModelChoiceField(
        label="Pemda",
        queryset=Pemda.objects.none(),
        empty_label=None,
        required=False,
        error_messages={"invalid_choice": "Pemda tidak ditemukan."},
    )
    tahun = forms.IntegerField(
        label="Tahun laporan",
        min_value=2000,
        max_value=2100,
        help_text="Angka dihitung ulang dengan pengaturan pengukuran dan skala kategori pemda untuk tahun ini.",
        error_messages={
            "required": "Isi tahun laporan.",
            "invalid": "Tahun harus berupa angka, mis. 2024.",
            "min_value": "Tahun paling awal 2000.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pilihan = access.pemda_for_user(user).order_by("nama")
        field = self.fields["pemda"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = pilihan
        self.fields["tahun"].initial = timezone.localdate().year - 1
        if len(pilihan) == 1:
            # One pemda: nothing to choose; still posted, so that a changed value is refused like any other.
            field.initial = pilihan[0].pk
            field.widget = forms.HiddenInput()

    def clean_pemda(self) -> Pemda:
        pemda = self.cleaned_data.get("pemda")
        if pemda is None:
            # Not posted (a client that drops hidden fields): the user's only pemda, else a choice is needed.
            field = self.fields["pemda"]
            assert isinstance(field, forms.ModelChoiceField)
            pilihan = list(field.queryset[:2])
            if len(pilihan) != 1:
                raise forms.ValidationError("Pilih pemda penerbit laporan.")
            pemda = pilihan[0]
        return pemda

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > audit_excel.BATAS_UKURAN:
            raise forms.ValidationError(f"Ukuran berkas melebihi batas {_BATAS_MB} MB.")
        return berkas


def _pastikan_berperan(request: HttpRequest) -> None:
    cakupan = access.scope_of(request.user)
    if not (cakupan.superuser or cakupan.pemda_baca or cakupan.jalur_baca):
        raise PermissionDenied(
            "Audit angka terbitan hanya untuk pengguna yang memiliki peran pada suatu unit kerja."
        )


def aturan_tahun(pemda: Pemda, tahun: int) -> tuple[audit.AturanTahun, PengaturanPengukuran]:
    """The pemda's measurement rules in force in `tahun`, for the audit (and the settings row they come from)."""
    atur = pengaturan_untuk(pemda.pk, tahun)
    asal = f"mulai {atur.berlaku_mulai}" if atur.pk is not None else "bawaan aplikasi"
    return (
        audit.AturanTahun(
            metode=rumus_capaian.MetodeRollup(atur.metode_rollup),
            kebijakan=rumus_capaian.KebijakanKosong(atur.kebijakan_kosong),
            batas=atur.batas_capaian,
            skala=atur.skala_objek,
            uraian=f"pengaturan pengukuran {pemda.nama} tahun {tahun}, {asal}",
        ),
        atur,
    )


def uraian_aturan(aturan: audit.AturanTahun, atur: PengaturanPengukuran) -> str:
    """The rules in one Indonesian sentence, printed with the findings."""
    if aturan.batas is None:
        batas = "tanpa batas atas capaian"
    else:
        desimal = 0 if aturan.batas == aturan.batas.to_integral_value() else 2
        batas = f"capaian indikator dibatasi paling tinggi {angka.format_angka(aturan.batas, desimal)}"
    pita = "; ".join(f"{p.label} {p.uraian()}" for p in aturan.skala.pita)
    return (
        f"Aturan yang dipakai ({aturan.uraian}): {atur.get_metode_rollup_display()}; "
        f"{atur.get_kebijakan_kosong_display().lower()}; {batas}; skala kategori {aturan.skala.nama} ({pita})."
    )


def _unduh(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=audit_excel.JENIS_MIME)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def audit_lkjip(request: HttpRequest) -> HttpResponse:
    """Upload → findings (or every problem of the workbook, located); with `keluaran=xlsx` the findings as Excel."""
    _pastikan_berperan(request)
    form = AuditForm(request.POST or None, request.FILES or None, user=request.user)
    konteks: dict[str, Any] = {"form": form, "batas_mb": _BATAS_MB}
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        nama = berkas.name or "berkas"
        aturan, atur = aturan_tahun(form.cleaned_data["pemda"], form.cleaned_data["tahun"])
        teks_aturan = uraian_aturan(aturan, atur)
        try:
            bacaan = audit_excel.baca(berkas)
            hasil = audit.periksa(bacaan.data, aturan) if bacaan.ok and bacaan.data is not None else None
        except audit_excel.BerkasDitolak as exc:
            form.add_error("berkas", str(exc))
        except Exception:
            # A read-only check must never answer 500: log the cause, tell the user in plain words.
            logger.exception("Audit LKjIP gagal untuk berkas %r", nama)
            form.add_error(
                "berkas",
                "Berkas tidak dapat diperiksa karena kesalahan yang tidak terduga. Periksa isinya terhadap templat, "
                "atau laporkan kepada admin.",
            )
        else:
            if hasil is not None and request.POST.get("keluaran") == "xlsx":
                tanggal = timezone.localdate().isoformat()
                return _unduh(
                    audit_excel.tulis_temuan(hasil, nama_berkas=nama, aturan=teks_aturan),
                    f"audit-lkjip-{tanggal}.xlsx",
                )
            konteks.update(nama_berkas=nama, kesalahan=bacaan.kesalahan, hasil=hasil, aturan=teks_aturan)
    return render(request, "pelaporan/audit.html", konteks)


@login_required
@require_GET
def audit_templat(request: HttpRequest) -> HttpResponse:
    _pastikan_berperan(request)
    return _unduh(audit_excel.buat_templat(), "templat-audit-lkjip.xlsx")
