"""Excel export and import of the RPJMD and its cascade: round trip, dry run, row errors, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.rpjmd import excel, services
from sakip.rpjmd.models import Dukungan, IndikatorDaerah, SasaranDaerah, TargetDaerah

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


def _lembar_cascade(wb):
    ws = wb["Cascading"]
    return ws, {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}


def test_a_pd_sasaran_link_is_exported_and_imported_with_the_workbook(data, org, admin_pemda):
    renstra_b = renstra_dengan_iku(org.biro_b)
    services.tambah_dukungan(
        by=admin_pemda, sasaran=renstra_b.sasaran.get(kode="S1"), sasaran_daerah=data["sasaran"]
    )
    wb = _buku(excel.ekspor(data["rpjmd"]))
    ws, _ = _lembar_cascade(wb)
    baris = [[ws.cell(r, c).value for c in range(1, 6)] for r in range(5, ws.max_row + 1)]
    assert ["S1", "SETDA.B", 2024, None, "S1"] in baris
    # Removed in the database, the link comes back from the workbook: dry run first, then applied.
    Dukungan.objects.filter(sasaran__isnull=False).delete()
    uji = excel.impor(rpjmd=data["rpjmd"], data=excel.ekspor(data["rpjmd"]), by=admin_pemda, uji_coba=True)
    assert uji.dukungan == 0  # the export no longer has it
    berkas = _simpan(wb)
    uji = excel.impor(rpjmd=data["rpjmd"], data=berkas, by=admin_pemda, uji_coba=True)
    assert (uji.kesalahan, uji.dukungan, uji.diterapkan) == ([], 1, False)
    assert not Dukungan.objects.filter(sasaran__isnull=False).exists()
    hasil = excel.impor(rpjmd=data["rpjmd"], data=berkas, by=admin_pemda, uji_coba=False)
    assert hasil.diterapkan
    link = Dukungan.objects.get(sasaran__isnull=False)
    assert (link.sasaran.renstra.unit_kerja, link.sasaran_daerah) == (org.biro_b, data["sasaran"])


@pytest.mark.parametrize(
    ("kode_indikator", "kode_sasaran", "kolom_salah", "pesan"),
    [
        ("IKU01", "S1", "Kode Indikator PD", "Isi tepat satu: Kode Indikator PD atau Kode Sasaran PD."),
        ("", "", "Kode Indikator PD", "Isi tepat satu: Kode Indikator PD atau Kode Sasaran PD."),
        ("", "S9", "Kode Sasaran PD", "Sasaran 'S9' Renstra SETDA.B 2024 tidak ada."),
    ],
)
def test_a_bad_sasaran_link_row_refuses_the_whole_workbook_with_its_row(
    client, data, org, admin_pemda, kode_indikator, kode_sasaran, kolom_salah, pesan
):
    wb = _buku(_ubah(data, org))  # Biro B's Renstra, a new I2 and an indicator link of Biro B
    ws, _ = _lembar_cascade(wb)
    ws.append(["S1", "SETDA.B", 2024, kode_indikator, kode_sasaran])
    nomor = ws.max_row
    client.force_login(admin_pemda)
    response = client.post(
        reverse("rpjmd:impor", args=[data["rpjmd"].pk]), {"berkas": SimpleUploadedFile("r.xlsx", _simpan(wb))}
    )
    assert response.status_code == 400
    kesalahan = response.context["hasil"].kesalahan
    assert [(k.sheet, k.baris, k.kolom, k.pesan) for k in kesalahan] == [
        ("Cascading", nomor, kolom_salah, pesan)
    ]
    assert not IndikatorDaerah.objects.filter(kode="I2").exists()
    assert Dukungan.objects.count() == 1


def test_a_predikat_indicator_round_trips_through_the_workbook(data, admin_pemda):
    services.simpan_indikator(
        rpjmd=data["rpjmd"],
        by=admin_pemda,
        kode="I3",
        nama="Opini BPK",
        satuan="Predikat",
        sasaran=data["sasaran"],
        jenis="predikat",
        skala_predikat=["TW", "WDP", "WTP"],
        kondisi_awal_teks="WDP",
        target={2024: ("WTP", "WTP")},
    )
    wb = _buku(excel.ekspor(data["rpjmd"]))
    ws = wb["RPJMD"]
    kolom = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    r = _baris(ws, "I3")
    assert ws.cell(r, kolom["Skala Predikat"]).value == "TW, WDP, WTP"
    assert (ws.cell(r, kolom["Kondisi Awal"]).value, ws.cell(r, kolom["Target 2024"]).value) == ("WDP", "WTP")
    again = excel.impor(rpjmd=data["rpjmd"], data=_simpan(wb), by=admin_pemda, uji_coba=False)
    assert (again.kesalahan, again.dibuat, again.diubah) == ([], 0, 0)
    ws.cell(r, kolom["Target 2025"]).value = "WDP"
    ws.cell(r, kolom["Realisasi 2024"]).value = "Wajar"
    hasil = excel.impor(rpjmd=data["rpjmd"], data=_simpan(wb), by=admin_pemda, uji_coba=False)
    assert [(k.baris, k.pesan) for k in hasil.kesalahan] == [
        (r, "Predikat 'Wajar' tidak ada pada skala (TW, WDP, WTP).")
    ]
    assert not TargetDaerah.objects.filter(indikator__kode="I3", tahun=2025).exists()
    ws.cell(r, kolom["Realisasi 2024"]).value = "WTP"
    hasil = excel.impor(rpjmd=data["rpjmd"], data=_simpan(wb), by=admin_pemda, uji_coba=False)
    assert hasil.diterapkan
    assert TargetDaerah.objects.get(indikator__kode="I3", tahun=2025).target_predikat == "WDP"
