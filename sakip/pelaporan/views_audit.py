"""Audit of a published LKjIP: upload its tables, see every recomputed figure that differs. Nothing is stored.

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

from sakip.organisasi import access
from sakip.pelaporan import audit, audit_excel

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


def _unduh(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=audit_excel.JENIS_MIME)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def audit_lkjip(request: HttpRequest) -> HttpResponse:
    """Upload → findings (or every problem of the workbook, located); with `keluaran=xlsx` the findings as Excel."""
    _pastikan_berperan(request)
    form = AuditForm(request.POST or None, request.FILES or None)
    konteks: dict[str, Any] = {"form": form, "batas_mb": _BATAS_MB}
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        nama = berkas.name or "berkas"
        try:
            bacaan = audit_excel.baca(berkas)
            hasil = audit.periksa(bacaan.data) if bacaan.ok and bacaan.data is not None else None
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
                    audit_excel.tulis_temuan(hasil, nama_berkas=nama), f"audit-lkjip-{tanggal}.xlsx"
                )
            konteks.update(nama_berkas=nama, kesalahan=bacaan.kesalahan, hasil=hasil)
    return render(request, "pelaporan/audit.html", konteks)


@login_required
@require_GET
def audit_templat(request: HttpRequest) -> HttpResponse:
    _pastikan_berperan(request)
    return _unduh(audit_excel.buat_templat(), "templat-audit-lkjip.xlsx")
