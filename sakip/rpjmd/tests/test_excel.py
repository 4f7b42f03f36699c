"""Excel export and import of the RPJMD and its cascade: round trip, dry run, row errors, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.rpjmd import excel
from sakip.rpjmd.models import Dukungan, IndikatorDaerah, SasaranDaerah

pytestmark = pytest.mark.django_db


def _buku(data: bytes):
    return load_workbook(io.BytesIO(data))


def _simpan(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _baris(ws, kode: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == kode)


def test_the_export_holds_the_rpjmd_with_targets_and_the_cascade(data):
    wb = _buku(excel.ekspor(data["rpjmd"]))
    ws = wb["RPJMD"]
    r = _baris(ws, "I1")
    kolom = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    assert ws.cell(r, kolom["IKU Pemda"]).value == "ya"
    assert ws.cell(r, kolom["Target 2024"]).value == 80
    assert ws.cell(r, kolom["Realisasi 2024"]).value == 84
    assert ws.cell(_baris(ws, "S1"), kolom["PD Penanggung Jawab"]).value == "SETDA"
    cascade = wb["Cascading"]
    assert [cascade.cell(5, c).value for c in range(1, 5)] == ["I1", "SETDA.A", 2024, "IKU01"]


def _ubah(data, org) -> bytes:
    wb = _buku(excel.ekspor(data["rpjmd"]))
    ws = wb["RPJMD"]
    kolom = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(_baris(ws, "I1"), kolom["Target 2025"]).value = 88
    baru = ws.max_row + 1
    for nama, nilai in {
        "Jenis": "indikator",
        "Kode": "I2",
        "Induk": "S1",
        "Uraian / Nama": "Persentase baru",
        "Satuan": "Persen",
        "Polaritas": "positif",
        "IKU Pemda": "tidak",
        "Target 2024": 90,
    }.items():
        ws.cell(baru, kolom[nama]).value = nilai
    renstra_b = renstra_dengan_iku(org.biro_b)
    cascade = wb["Cascading"]
    cascade.append(["I2", "SETDA.B", 2024, renstra_b.indikator.first().kode])
    return _simpan(wb)


def test_a_dry_run_reports_what_would_change_and_writes_nothing(data, org, admin_pemda):
    berkas = _ubah(data, org)
    hasil = excel.impor(rpjmd=data["rpjmd"], data=berkas, by=admin_pemda, uji_coba=True)
    assert hasil.kesalahan == []
    assert (hasil.dibuat, hasil.diubah, hasil.dukungan, hasil.diterapkan) == (1, 1, 1, False)
    assert not IndikatorDaerah.objects.filter(kode="I2").exists()
    assert not data["indikator"].target.filter(tahun=2025).exists()
    assert Dukungan.objects.count() == 1


def test_the_import_applies_the_whole_workbook(data, org, admin_pemda):
    hasil = excel.impor(rpjmd=data["rpjmd"], data=_ubah(data, org), by=admin_pemda, uji_coba=False)
    assert hasil.diterapkan
    assert IndikatorDaerah.objects.get(kode="I2").target.get(tahun=2024).target == Decimal(90)
    assert data["indikator"].target.get(tahun=2025).target == Decimal(88)
    assert Dukungan.objects.filter(indikator_daerah__kode="I2", renstra__unit_kerja=org.biro_b).exists()
    # importing the same workbook again changes nothing
    again = excel.impor(rpjmd=data["rpjmd"], data=excel.ekspor(data["rpjmd"]), by=admin_pemda, uji_coba=False)
    assert (again.dibuat, again.diubah, again.dukungan) == (0, 0, 0)


def test_one_bad_row_refuses_the_whole_workbook_naming_the_row(client, data, org, admin_pemda):
    wb = _buku(_ubah(data, org))
    ws = wb["RPJMD"]
    kolom = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    r = _baris(ws, "S1")
    ws.cell(r, kolom["PD Penanggung Jawab"]).value = "TIDAK.ADA"
    client.force_login(admin_pemda)
    response = client.post(
        reverse("rpjmd:impor", args=[data["rpjmd"].pk]),
        {"berkas": SimpleUploadedFile("rpjmd.xlsx", _simpan(wb))},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f"Sheet &#x27;RPJMD&#x27;, baris {r}" in body
    assert "Unit &#x27;TIDAK.ADA&#x27; tidak ada di pemda ini." in body
    assert not IndikatorDaerah.objects.filter(kode="I2").exists()  # the good rows were not kept either
    assert SasaranDaerah.objects.get(kode="S1").penanggung_jawab == org.setda


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(client, data, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("rpjmd:impor", args=[data["rpjmd"].pk]),
        {"berkas": SimpleUploadedFile("rpjmd.xlsx", b"bukan excel"), "uji_coba": "on"},
    )
    assert response.status_code == 400
    assert "tidak dapat dibaca" in response.content.decode()
