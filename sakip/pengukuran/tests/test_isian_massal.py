"""Bulk entry (issue #17 item 6): one grid per unit and period with every indicator it reports, formula inputs
included, saved all or nothing with one evidence file; the Excel template and its import previewed in the grid."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.pengukuran.models import DataDukung, Realisasi
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(name, unit, periode="TW1"):
    return reverse(name, args=[unit.pk]) + f"?tahun=2024&periode={periode}"


@pytest.fixture
def grid(org, operator_a):
    """Biro A reports two formula IKU of its own Renstra, a plain index, and a yearly indicator (not in TW I)."""
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=2, by=operator_a)
    sasaran = renstra.sasaran.get()
    for kode, frekuensi in (("IDX", "triwulanan"), ("THN", "tahunan")):
        perencanaan.save_indikator(
            indikator=Indikator(
                renstra=renstra,
                sasaran=sasaran,
                kode=kode,
                nama=f"Indeks {kode}",
                satuan="Indeks",
                jenis="indeks",
                frekuensi=frekuensi,
            ),
            target={2024: perencanaan.NilaiTarget(nilai=Decimal(85))},
        )
    return {i.kode: i for i in renstra.indikator.all()}


def _data(grid, **nilai):
    data = {}
    for ind in grid.values():
        data[f"i{ind.pk}-versi"] = "0"
        data[f"i{ind.pk}-periode"] = "TW1"
    for kunci, v in nilai.items():
        kode, medan = kunci.split("__")
        data[f"i{grid[kode].pk}-{medan}"] = v
    return data


def test_the_grid_lists_every_indicator_due_in_the_period_with_its_formula_inputs(
    client, org, operator_a, grid
):
    client.force_login(operator_a)
    html = client.get(_url("pengukuran:isian_massal", org.biro_a)).content.decode()
    assert re.findall(r'<tr data-indikator="([^"]+)"', html) == ["IDX", "IKU01", "IKU02"]  # THN is yearly
    assert f'name="i{grid["IKU01"].pk}-in_selesai"' in html
    assert f'name="i{grid["IKU01"].pk}-in_usulan"' in html
    assert f'name="i{grid["IDX"].pk}-nilai"' in html
    tahunan = client.get(_url("pengukuran:isian_massal", org.biro_a, "TAHUN")).content.decode()
    assert "THN" in tahunan


def test_the_grid_saves_every_row_with_one_evidence_file_and_submits(client, org, operator_a, grid):
    client.force_login(operator_a)
    data = _data(
        grid,
        IKU01__in_selesai="9",
        IKU01__in_usulan="10",
        IKU02__in_selesai="3",
        IKU02__in_usulan="4",
        IDX__nilai="81,5",
    )
    data["ajukan"] = "1"
    data["berkas"] = io.BytesIO(PDF)
    data["berkas"].name = "bukti-tw1.pdf"
    response = client.post(_url("pengukuran:isian_massal", org.biro_a), data)
    assert response.status_code == 302
    rows = {
        r.indikator.kode: r
        for r in Realisasi.objects.filter(tahun=2024, periode="TW1").select_related("indikator")
    }
    assert {k: r.nilai for k, r in rows.items()} == {
        "IKU01": Decimal(90),
        "IKU02": Decimal(75),
        "IDX": Decimal("81.5"),
    }
    assert {r.status for r in rows.values()} == {"diajukan"}
    assert DataDukung.objects.count() == 1
    assert all([d.nama_asli for d in r.data_dukung.all()] == ["bukti-tw1.pdf"] for r in rows.values())


def test_one_refused_row_saves_nothing_and_keeps_every_typed_value(client, org, operator_a, grid):
    client.force_login(operator_a)
    data = _data(
        grid,
        IKU01__in_selesai="9",
        IKU01__in_usulan="10",
        IKU02__in_selesai="3",
        IKU02__in_usulan="0",
        IDX__nilai="81,5",
    )
    response = client.post(_url("pengukuran:isian_massal", org.biro_a), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert not Realisasi.objects.exists()
    assert "tidak ada yang disimpan" in html
    baris = re.search(r'<tr data-indikator="IKU02">.*?</tr>', html, re.S).group(0)
    assert "Pembagian dengan nol" in baris
    assert "«Usulan»" in baris
    assert 'value="81,5"' in html
    assert 'value="9"' in html


def test_a_reader_sees_the_grid_read_only_and_cannot_post(client, org, pimpinan_a, operator_b, grid):
    client.force_login(pimpinan_a)
    html = client.get(_url("pengukuran:isian_massal", org.biro_a)).content.decode()
    assert "Simpan semua" not in html
    assert (
        client.post(_url("pengukuran:isian_massal", org.biro_a), _data(grid, IDX__nilai="1")).status_code
        == 403
    )
    client.force_login(operator_b)
    assert client.get(_url("pengukuran:isian_massal", org.biro_a)).status_code == 404
    assert client.get(_url("pengukuran:isian_templat", org.biro_a)).status_code == 404
    assert not Realisasi.objects.exists()


def test_grid_query_count_does_not_grow_with_indicators(client, org, operator_a, admin_pemda):
    renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    renstra_dengan_iku(org.biro_b, jumlah_indikator=30)
    client.force_login(admin_pemda)
    # The first page after logging in writes the session once (savepoint, UPDATE django_session, release: 3
    # queries); load a page first so that one-off write is not counted against the first unit.
    client.get(_url("pengukuran:isian_massal", org.biro_a))
    hitung = []
    for unit in (org.biro_a, org.biro_b):
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(_url("pengukuran:isian_massal", unit)).content.decode()
        hitung.append(len(ctx.captured_queries))
    assert html.count("<tr data-indikator=") == 30
    assert hitung[0] == hitung[1]
    assert hitung[1] <= 15


def _isi_templat(data, nilai):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Realisasi"]
    for row in ws.iter_rows():
        kunci = (row[0].value, row[2].value)
        if kunci in nilai:
            row[5].value = nilai[kunci]
    keluar = io.BytesIO()
    wb.save(keluar)
    keluar.seek(0)
    keluar.name = "isian.xlsx"
    return keluar


def test_excel_template_import_is_previewed_in_the_grid_with_row_errors_and_saves_nothing(
    client, org, operator_a, grid
):
    client.force_login(operator_a)
    templat = client.get(_url("pengukuran:isian_templat", org.biro_a)).content
    rows = [
        [c.value for c in r] for r in openpyxl.load_workbook(io.BytesIO(templat))["Realisasi"].iter_rows()
    ]
    assert [r[:3:2] for r in rows if r[0] in ("IKU01", "IDX")] == [
        ["IDX", "nilai"],
        ["IKU01", "selesai"],
        ["IKU01", "usulan"],
    ]
    berkas = _isi_templat(
        templat,
        {
            ("IKU01", "selesai"): 9,
            ("IKU01", "usulan"): 10,
            ("IKU02", "selesai"): 3,
            ("IKU02", "usulan"): 0,
            ("IDX", "nilai"): "sembilan",
        },
    )
    html = client.post(_url("pengukuran:isian_impor", org.biro_a), {"berkas_excel": berkas}).content.decode()
    assert not Realisasi.objects.exists()
    kesalahan = re.search(r'id="kesalahan-impor">.*?</section>', html, re.S).group(0)
    # Rows as Excel numbers them (a title, a blank row, the header on row 3, data from row 4).
    nomor = {(r[0], r[2]): i for i, r in enumerate(rows, start=1)}
    assert (
        f"Baris {nomor[('IKU02', 'usulan')]} (IKU02): Pembagian dengan nol: nilai «Usulan» bernilai 0"
        in kesalahan
    )
    assert f"Baris {nomor[('IDX', 'nilai')]} (IDX)" in kesalahan
    assert 'value="sembilan"' in html  # the value is in the grid to correct


def test_a_clean_import_previews_then_the_grid_saves_it(client, org, operator_a, grid):
    client.force_login(operator_a)
    templat = client.get(_url("pengukuran:isian_templat", org.biro_a)).content
    berkas = _isi_templat(
        templat,
        {("IKU01", "selesai"): 9, ("IKU01", "usulan"): 10, ("IDX", "nilai"): 81.5, ("XXX", "nilai"): 1},
    )
    html = client.post(_url("pengukuran:isian_impor", org.biro_a), {"berkas_excel": berkas}).content.decode()
    assert not Realisasi.objects.exists()
    assert "Pratinjau impor" in html
    assert 'value="81,5"' in html
    data = {m.group(1): m.group(2) for m in re.finditer(r'name="(i\d+-[a-z_]+)"[^>]*value="([^"]*)"', html)}
    client.post(_url("pengukuran:isian_massal", org.biro_a), data)
    assert {r.indikator.kode: r.nilai for r in Realisasi.objects.select_related("indikator")} == {
        "IKU01": Decimal(90),
        "IDX": Decimal("81.5"),
    }
