"""The LKjIP as an Excel workbook: every table a sheet, raw numbers as numbers, text never a formula."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sakip.anggaran import queries as anggaran
from sakip.lib import xlsx
from sakip.lib.tests.test_xlsx import sama, teks_aman
from sakip.organisasi.models import Pengguna
from sakip.pelaporan.lkjip import Tabel, bangun_lkjip
from sakip.pelaporan.render import xlsx as render_xlsx
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda
from sakip.pengukuran import queries as pengukuran


@pytest.fixture
def laporan(demo):
    return bangun_lkjip(renstra_setda(), 2024, pimpinan())


def _buka(isi: bytes):
    return load_workbook(io.BytesIO(isi))


def _baris(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _kepala(ws, kolom: list[str]) -> int:
    """The 1-based row number of the header row."""
    return next(i for i, r in enumerate(_baris(ws), start=1) if list(r[: len(kolom)]) == kolom)


def test_every_table_of_the_content_is_a_sheet_named_by_its_number(laporan):
    wb = _buka(render_xlsx.tulis(laporan))
    tabel = [
        b for b in laporan.semua_blok(lampiran=False) if isinstance(b, Tabel)
    ]  # the Lampiran repeats 2.4
    assert wb.sheetnames[0] == render_xlsx.NAMA_DAFTAR
    assert len(wb.sheetnames) == len(tabel) + 1
    for t in laporan.daftar_tabel:
        assert t.nomor in wb.sheetnames, t.nomor
        ws = wb[t.nomor]
        assert ws["A1"].value == t.judul_lengkap
        kepala = _kepala(ws, t.kolom)
        if t.nomor_kolom:
            assert [c.value or "" for c in ws[kepala + 1]][: len(t.nomor_kolom)] == t.nomor_kolom
    assert "Ikhtisar" in wb.sheetnames
    daftar = {r[0]: r[1] for r in _baris(wb[render_xlsx.NAMA_DAFTAR])[4:] if r[0]}
    assert set(daftar) == set(wb.sheetnames[1:])
    assert daftar["3.3"] == "Tabel 3.3 Pengukuran Kinerja Tahun 2024"


def test_measurement_sheet_holds_the_raw_decimals_of_the_dashboard_as_numbers(laporan):
    tabel = pengukuran.tabel_capaian(renstra_setda(), 2024)
    t = laporan.tabel("3.3")
    ws = _buka(render_xlsx.tulis(laporan))["3.3"]
    kepala = _kepala(ws, t.kolom)
    assert ws.cell(row=kepala + 1, column=t.kolom_ke("Capaian (%)") + 1).value == "(7=6/5*100)"
    per_nama = {}
    for row in ws.iter_rows(min_row=kepala + 2):
        nama = row[t.kolom_ke("Indikator Kinerja")].value
        per_nama[nama] = row
    n = 0
    for b in tabel.baris:
        row = per_nama[b.indikator.nama]
        capaian = row[t.kolom_ke("Capaian (%)")]
        if b.hasil.nilai is None:
            continue
        # the number at full precision (Excel keeps a double), shown with the two decimals of the report
        assert capaian.data_type == "n"
        assert sama(capaian.value, b.hasil.nilai)
        assert capaian.number_format == "#,##0.00"
        if b.realisasi is not None and not b.realisasi_predikat:
            assert sama(row[t.kolom_ke("Realisasi")].value, b.realisasi)
        n += 1
    assert n >= 10
    assert any(
        r[t.kolom_ke("Capaian (%)")].value == pytest.approx(101.647, abs=1e-3) for r in per_nama.values()
    )


def test_budget_sheet_writes_rupiah_as_numbers_with_a_rupiah_format(laporan):
    data = anggaran.anggaran_per_sasaran(user=pimpinan(), renstra=renstra_setda(), tahun=2024)
    t = laporan.tabel("2.5")
    ws = _buka(render_xlsx.tulis(laporan))["2.5"]
    total = next(r for r in ws.iter_rows() if r[1].value == "Jumlah")
    pagu = total[t.kolom_ke("Pagu Anggaran (Rp.)")]
    assert sama(pagu.value, data.total.pagu)
    assert pagu.number_format == xlsx.RUPIAH
    assert total[1].font.bold


def test_ikm_tables_are_sheets_with_the_survey_values(laporan):
    from sakip.pelaporan.tests.test_ikm import JUDUL, _survei
    from sakip.survei import queries as survei_queries

    wb = _buka(render_xlsx.tulis(laporan))
    ws = next(wb[n] for n in wb.sheetnames if wb[n]["A1"].value == JUDUL)
    assert ws.title == "3.15a"  # after Tabel 3.15 of sasaran 4, unnumbered as in seed 004
    baris = {r[1]: r for r in _baris(ws) if len(r) > 1}
    s2 = survei_queries.hasil_survei(_survei("S2")).resmi
    assert sama(baris["IKM unit pelayanan (konversi IKM × 25)"][3], s2.ikm_unit)
    assert baris["Jumlah responden"][2:4] == [50, 127]
    assert baris["Mutu pelayanan"][3] == "B"


def test_text_that_looks_like_a_formula_is_neutralised(laporan):
    t = laporan.tabel("3.3")
    t.baris[0][t.kolom_ke("Indikator Kinerja")] = '=HYPERLINK("http://contoh.invalid","klik")'
    t.baris[1][t.kolom_ke("Indikator Kinerja")] = "@SUM(A1:A9)"
    t.catatan.append("-1+2")
    wb = _buka(render_xlsx.tulis(laporan))
    for teks in ('=HYPERLINK("http://contoh.invalid","klik")', "@SUM(A1:A9)", "-1+2"):
        assert teks_aman(wb, teks), teks


def _login(client, username: str) -> None:
    client.force_login(Pengguna.objects.get(username=username))


def test_xlsx_download_and_access(demo, client):
    url = reverse("pelaporan:lkjip_xlsx", args=[renstra_setda().pk, 2024])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    _login(client, "operator.adpim")  # Biro Adpim only: the Setda's Renstra is outside its scope
    assert client.get(url).status_code == 404
    _login(client, "pimpinan.setda")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.JENIS_MIME
    assert 'filename="LKjIP-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert "3.3" in _buka(response.content).sheetnames


def test_report_list_links_the_excel_download(demo, client):
    _login(client, "pimpinan.setda")
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    assert reverse("pelaporan:lkjip_xlsx", args=[renstra_setda().pk, 2024]) in body
    assert "Unduh Excel" in body
