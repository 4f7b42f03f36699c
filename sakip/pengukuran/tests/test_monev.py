"""Rencana Aksi monev (issue #17 item 4): TW targets 10/20/30/40 and realisasi 8/22, computed by hand, on the
indicator page, in the workspace, the Excel export and the API."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sakip.pengukuran import capaian, monev, services
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator, RencanaStrategis

TW = {1: D(10), 2: D(20), 3: D(30), 4: D(40)}
REAL = {1: D(8), 2: D(22)}


def test_capaian_per_quarter_and_cumulative_to_tw_ii_by_hand_for_a_cumulative_indicator():
    rows = monev.hitung(TW, REAL, agregasi=capaian.Agregasi.KUMULATIF)
    # TW I: 8/10 = 80 %; TW II: 22/20 = 110 %; to TW II: (8+22)/(10+20) = 30/30 = 100 %.
    assert [r.capaian for r in rows[:2]] == [D(80), D(110)]
    assert (rows[1].realisasi_kumulatif, rows[1].target_kumulatif, rows[1].capaian_kumulatif) == (
        D(30),
        D(30),
        D(100),
    )
    assert rows[0].capaian_kumulatif == D(80)
    assert [r.deviasi for r in rows[:2]] == [True, False]  # 80 < 90; 100 is not
    assert [(r.realisasi, r.capaian, r.capaian_kumulatif, r.deviasi) for r in rows[2:]] == [
        (None, None, None, False)
    ] * 2
    assert [r.target for r in rows] == [D(10), D(20), D(30), D(40)]


def test_cumulative_capaian_follows_the_indicator_aggregation_rule():
    akhir = monev.hitung(TW, REAL, agregasi=capaian.Agregasi.NILAI_AKHIR)
    assert akhir[1].capaian_kumulatif == D(110)  # the last reported quarter: 22/20
    rata = monev.hitung(TW, REAL, agregasi=capaian.Agregasi.RATA_RATA)
    assert rata[1].capaian_kumulatif == D(100)  # 15/15
    negatif = monev.hitung(TW, REAL, agregasi=capaian.Agregasi.KUMULATIF, polaritas=capaian.Polaritas.NEGATIF)
    assert negatif[0].capaian == D(120)  # (2·10 − 8)/10
    assert negatif[1].capaian == D(90)  # (2·20 − 22)/20


def test_a_quarter_without_its_rencana_aksi_target_has_no_cumulative_capaian():
    rows = monev.hitung({2: D(20)}, REAL, agregasi=capaian.Agregasi.KUMULATIF)
    assert rows[0].capaian is None
    assert rows[1].capaian_kumulatif is None
    assert rows[1].keterangan == "Target Rencana Aksi belum lengkap"


@pytest.fixture
def monev_data(db, org, operator_a, admin_pemda):
    renstra = perencanaan.create_renstra(
        unit_kerja=org.setda, nama="Renstra Setda", tahun_mulai=2024, tahun_selesai=2026
    )
    sasaran = perencanaan.add_sasaran(renstra=renstra, tujuan=None, kode="S1", uraian="Sasaran")
    ind = Indikator(
        renstra=renstra,
        sasaran=sasaran,
        kode="IKU01",
        nama="Jumlah dokumen difasilitasi",
        satuan="Dokumen",
        jenis="jumlah",
        agregasi="kumulatif",
        penanggung_jawab=org.biro_a,
        is_iku=True,
    )
    perencanaan.save_indikator(indikator=ind, target={2024: perencanaan.NilaiTarget(nilai=D(100))})
    pk = perencanaan.create_pk(unit_kerja=org.setda, renstra=renstra, tahun=2024, by=admin_pemda)
    perencanaan.set_rencana_aksi(line=pk.indikator.get(), target_tw=TW, by=admin_pemda)
    for tw, nilai in REAL.items():
        services.save_realisasi(indikator=ind, tahun=2024, periode=f"TW{tw}", by=operator_a, nilai=nilai)
    return ind


def test_monev_is_on_the_indicator_page_and_in_the_workspace(client, org, operator_a, monev_data):
    client.force_login(operator_a)
    page = client.get(reverse("pengukuran:indikator", args=[monev_data.pk]) + "?tahun=2024").content.decode()
    ruang = client.get(
        reverse("pengukuran:ruang_kerja", args=[org.biro_a.pk]) + "?tahun=2024"
    ).content.decode()
    for html in (page, ruang):
        assert 'id="monev-IKU01"' in html
        tabel = html.split('id="monev-IKU01"', 1)[1].split("</table>", 1)[0]
        baris = tabel.split('data-triwulan="')[1:]
        assert '<td class="angka capaian-tw">80,00</td>' in baris[0]
        assert '<td class="angka capaian-kumulatif">80,00</td>' in baris[0]
        assert "Di bawah rencana" in baris[0]
        assert '<td class="angka capaian-tw">110,00</td>' in baris[1]
        assert '<td class="angka capaian-kumulatif">100,00</td>' in baris[1]
        assert "Di bawah rencana" not in baris[1]
    # The workspace also sets each quarter's Rencana Aksi target beside its realisasi.
    assert 'data-periode="TW2">Triwulan II · target 20,00 · 22,00 ' in ruang


def _lembar(data):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Monev Rencana Aksi"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    kepala = next(i for i, r in enumerate(rows) if r and r[0] == "Kode")
    return rows[kepala], rows[kepala + 1 :]


def test_monev_is_in_the_excel_exports(client, org, admin_pemda, operator_a, monev_data):
    client.force_login(admin_pemda)
    renstra = RencanaStrategis.objects.get(unit_kerja=org.setda)
    for url in (
        reverse("pengukuran:dasbor_renstra_xlsx", args=[renstra.pk]) + "?tahun=2024",
        reverse("pengukuran:ruang_kerja_monev_xlsx", args=[org.biro_a.pk]) + "?tahun=2024",
    ):
        kepala, rows = _lembar(client.get(url).content)
        kol = {nama: i for i, nama in enumerate(kepala)}
        tw2 = next(r for r in rows if r[kol["Triwulan"]] == "TW II")
        assert D(str(tw2[kol["Target Rencana Aksi"]])) == D(20)
        assert D(str(tw2[kol["Realisasi"]])) == D(22)
        assert D(str(tw2[kol["Capaian Triwulan (%)"]])) == D(110)
        assert D(str(tw2[kol["Capaian s.d. Triwulan (%)"]])) == D(100)
        tw1 = next(r for r in rows if r[kol["Triwulan"]] == "TW I")
        assert D(str(tw1[kol["Capaian Triwulan (%)"]])) == D(80)
        assert tw1[kol["Deviasi"]] == "Di bawah rencana"


def test_monev_is_in_the_api_and_hidden_from_outsiders(org, operator_a, operator_b, monev_data):
    api = APIClient()
    api.force_authenticate(operator_a)
    data = api.get(f"/api/indikator/{monev_data.pk}/monev/?tahun=2024").json()
    assert [D(r["capaian"]) for r in data[:2]] == [D(80), D(110)]
    assert D(data[1]["capaian_kumulatif"]) == D(100)
    assert D(data[1]["target_kumulatif"]) == D(30)
    assert [r["deviasi"] for r in data] == [True, False, False, False]
    luar = APIClient()
    luar.force_authenticate(operator_b)
    assert luar.get(f"/api/indikator/{monev_data.pk}/monev/?tahun=2024").status_code == 404
