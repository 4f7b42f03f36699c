"""The IKU decree and the Perjanjian Kinerja as PDF, through LibreOffice (skipped where it is not installed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse

from sakip.perencanaan import services
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def _teks(pdf: bytes) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    hasil = subprocess.run([program, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    return hasil.stdout.decode()


def test_the_decree_and_the_pk_convert_to_pdf(client, org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=3)
    services.simpan_keputusan_iku(renstra=renstra, by=operator_a, nomor="061/RO-A/2024", tempat="Samarinda")
    perjanjian = services.create_pk(
        unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a, pihak_pertama_nama="KEPALA A"
    )
    client.force_login(operator_a)

    response = client.get(reverse("pelaporan:iku_pdf", args=[renstra.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    teks = " ".join(_teks(response.content).split())
    for kata in (
        "KEPUTUSAN KEPALA BIRO A",
        "NOMOR 061/RO-A/2024",
        "MEMUTUSKAN",
        "KESATU",
        "Ditetapkan di : Samarinda",
        "LAMPIRAN",
        "Persentase hal 1",
        "Persentase hal 3",
        "93,00",
    ):
        assert kata in teks, kata

    response = client.get(reverse("pelaporan:pk_pdf", args=[perjanjian.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-v1.pdf"')
    teks = " ".join(_teks(response.content).split())
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    assert "KEPALA A" in teks
