"""Monthly realisasi (issue #17 point 3): an indicator reported monthly is entered per month (entry page, grid, Excel),
owes and is late per month, and its months aggregate to quarters and to the year by the indicator's rule; the monev
lists the months; a locked quarter locks its months.

The months used throughout, with the figures computed by hand:

    month      Jan Feb Mar | Apr May Jun | Jul Aug Sep | Oct Nov Dec
    value        6   8  10 |   9   9  12 |  12  14  16 |  20  20  20

    kumulatif    TW I 6+8+10 = 24, TW II 9+9+12 = 30, TW III 12+14+16 = 42, TW IV 60;  year 24+30+42+60 = 156
    rata-rata    TW I 24/3 = 8,     TW II 30/3 = 10,   TW III 42/3 = 14,     TW IV 20;  year (8+10+14+20)/4 = 13
    nilai akhir  TW I 10,           TW II 12,          TW III 16,            TW IV 20;  year 20
"""

import datetime as dt
import io
import re
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from sakip.pengukuran import capaian, jadwal, kunci, queries, rekap, services
from sakip.pengukuran.models import PengaturanPengukuran, Realisasi
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db

BULAN = [6, 8, 10, 9, 9, 12, 12, 14, 16, 20, 20, 20]
RA = {1: D(20), 2: D(30), 3: D(40), 4: D(60)}


# --- Pure: the periods, their deadlines and the aggregation -------------------------------------------------------


def test_a_monthly_indicator_owes_twelve_months_and_may_also_take_the_year():
    assert jadwal.periode_wajib("bulanan") == tuple(f"B{n:02d}" for n in range(1, 13))
    assert jadwal.periode_boleh("bulanan")[-1] == "TAHUN"
    assert "TW1" not in jadwal.periode_boleh("bulanan")  # its quarters come from the months
    assert jadwal.label("B03", "bulanan") == "Maret"
    # A semester is reported in the quarter that closes it, as before.
    assert jadwal.periode_wajib("semesteran") == ("TW2", "TW4")


def test_each_month_is_due_the_settings_days_after_it_ends():
    assert jadwal.akhir_periode(2024, "B02") == dt.date(2024, 2, 29)  # a leap year
    assert jadwal.tenggat(2024, "B02", 15) == dt.date(2024, 3, 15)
    assert jadwal.tenggat(2024, "B12", 15) == dt.date(2025, 1, 15)
    assert jadwal.triwulan_dari("B05") == "TW2"
    assert jadwal.bulan_dalam("TW4") == ("B10", "B11", "B12")


@pytest.mark.parametrize(
    ("aturan", "triwulan", "tahun"),
    [
        (capaian.Agregasi.KUMULATIF, {1: D(24), 2: D(30), 3: D(42), 4: D(60)}, D(156)),
        (capaian.Agregasi.RATA_RATA, {1: D(8), 2: D(10), 3: D(14), 4: D(20)}, D(13)),
        (capaian.Agregasi.NILAI_AKHIR, {1: D(10), 2: D(12), 3: D(16), 4: D(20)}, D(20)),
    ],
)
def test_months_aggregate_to_quarters_and_the_year_by_the_indicator_rule(aturan, triwulan, tahun):
    tw = capaian.agregasi_bulanan({b: D(v) for b, v in enumerate(BULAN, start=1)}, aturan)
    assert tw == triwulan
    assert capaian.agregasi_tahunan(tw, aturan) == tahun


def test_unreported_months_are_skipped_and_the_year_averages_the_quarters():
    # Jan 6, Mar 10 (Feb missing), Apr 9: TW I (6+10)/2 = 8, TW II 9; the year (8+9)/2 = 8,5 (months → quarter →
    # year; not the 25/3 of the three months).
    tw = capaian.agregasi_bulanan({1: D(6), 2: None, 3: D(10), 4: D(9)}, capaian.Agregasi.RATA_RATA)
    assert tw == {1: D(8), 2: D(9)}
    assert capaian.agregasi_tahunan(tw, capaian.Agregasi.RATA_RATA) == D("8.5")
    with pytest.raises(capaian.CapaianError, match="Bulan harus 1 sampai 12"):
        capaian.agregasi_bulanan({13: D(1)}, capaian.Agregasi.KUMULATIF)


# --- With the database ------------------------------------------------------------------------------------------


@pytest.fixture
def bulanan(org, operator_a, admin_pemda):
    """A Setda Renstra whose three monthly indicators Biro A reports (one per aggregation rule), plus a quarterly
    one; a PK with the Rencana Aksi 20/30/40/60 for the cumulative one."""
    renstra = perencanaan.create_renstra(
        unit_kerja=org.setda, nama="Renstra Setda", tahun_mulai=2024, tahun_selesai=2026
    )
    sasaran = perencanaan.add_sasaran(renstra=renstra, tujuan=None, kode="S1", uraian="Sasaran")
    hasil = {}
    for kode, agregasi, frekuensi, target in (
        ("BLN", "kumulatif", "bulanan", 150),
        ("RATA", "rata_rata", "bulanan", 12),
        ("AKHIR", "nilai_akhir", "bulanan", 25),
        ("TRW", "kumulatif", "triwulanan", 100),
    ):
        ind = Indikator(
            renstra=renstra,
            sasaran=sasaran,
            kode=kode,
            nama=f"Indikator {kode}",
            satuan="Dokumen",
            jenis="jumlah",
            agregasi=agregasi,
            frekuensi=frekuensi,
            penanggung_jawab=org.biro_a,
        )
        perencanaan.save_indikator(indikator=ind, target={2024: perencanaan.NilaiTarget(nilai=D(target))})
        hasil[kode] = ind
    pk = perencanaan.create_pk(unit_kerja=org.setda, renstra=renstra, tahun=2024, by=admin_pemda)
    perencanaan.set_rencana_aksi(line=pk.indikator.get(indikator=hasil["BLN"]), target_tw=RA, by=admin_pemda)
    hasil["renstra"] = renstra
    return hasil


def _isi_bulan(ind, by, nilai=BULAN):
    for b, v in enumerate(nilai, start=1):
        services.save_realisasi(indikator=ind, tahun=2024, periode=f"B{b:02d}", by=by, nilai=D(v))


def test_a_month_is_refused_for_a_quarterly_indicator_and_a_quarter_for_a_monthly_one(bulanan, operator_a):
    with pytest.raises(ValidationError) as galat:
        services.save_realisasi(
            indikator=bulanan["TRW"], tahun=2024, periode="B01", by=operator_a, nilai=D(1)
        )
    assert "dilaporkan triwulanan" in str(galat.value)
    with pytest.raises(ValidationError) as galat:
        services.save_realisasi(
            indikator=bulanan["BLN"], tahun=2024, periode="TW1", by=operator_a, nilai=D(1)
        )
    assert "dilaporkan bulanan: isi periode Januari, Februari" in str(galat.value)
    r = services.save_realisasi(
        indikator=bulanan["BLN"], tahun=2024, periode="B01", by=operator_a, nilai=D(6)
    )
    assert (r.periode, r.nilai, r.unit_kerja.kode) == ("B01", D(6), bulanan["BLN"].penanggung_jawab.kode)


def test_the_year_of_a_monthly_indicator_is_its_months_aggregated(bulanan, operator_a):
    for kode in ("BLN", "RATA", "AKHIR"):
        _isi_bulan(bulanan[kode], operator_a)
    baris = {b.indikator.kode: b for b in queries.tabel_capaian(bulanan["renstra"], 2024).baris}
    assert (baris["BLN"].realisasi, baris["BLN"].hasil.nilai) == (D(156), D(104))  # 156/150
    assert baris["RATA"].realisasi == D(13)
    assert baris["RATA"].hasil.nilai.quantize(D("0.0001")) == D("108.3333")  # 13/12
    assert (baris["AKHIR"].realisasi, baris["AKHIR"].hasil.nilai) == (D(20), D(80))  # 20/25
    # The unit capaian: one sasaran, the mean of 104, 108,33.. and 80 (TRW has no realisasi and is left out):
    # 292,333../3 = 97,444..; the national rekap (SQL on PostgreSQL) gives the same.
    tabel = queries.tabel_capaian(bulanan["renstra"], 2024)
    assert tabel.unit.nilai.quantize(D("0.0001")) == D("97.4444")
    renstra = queries.renstra_berlaku(type(bulanan["renstra"]).objects.filter(pk=bulanan["renstra"].pk), 2024)
    assert rekap.rekap_banyak(renstra, 2024)[0].unit.nilai.quantize(D("0.0001")) == D("97.4444")


def test_the_monev_of_a_monthly_indicator_lists_its_months_under_each_quarter(client, bulanan, operator_a):
    _isi_bulan(bulanan["BLN"], operator_a)
    rows = queries.monev_banyak([bulanan["BLN"]], 2024)[bulanan["BLN"].pk]
    # TW I 24/20 = 120 %; TW II 30/30 = 100 %; to TW II (24+30)/(20+30) = 54/50 = 108 %; to TW IV 156/150 = 104 %.
    assert [r.realisasi for r in rows] == [D(24), D(30), D(42), D(60)]
    assert [r.capaian for r in rows[:2]] == [D(120), D(100)]
    assert rows[1].capaian_kumulatif == D(108)
    assert rows[3].capaian_kumulatif == D(104)
    assert rows[0].bulan == (("Januari", D(6)), ("Februari", D(8)), ("Maret", D(10)))

    client.force_login(operator_a)
    html = client.get(
        reverse("pengukuran:indikator", args=[bulanan["BLN"].pk]) + "?tahun=2024"
    ).content.decode()
    tabel = html.split('id="monev-BLN"', 1)[1].split("</table>", 1)[0]
    assert re.search(
        r'data-bulan="Mei"><td>Mei</td><td class="angka muted">–</td><td class="angka">9,00</td>', tabel
    )
    assert (
        tabel.index('data-bulan="Juni"') < tabel.index('data-triwulan="2"') < tabel.index('data-bulan="Juli"')
    )
    assert '<td class="angka capaian-kumulatif">108,00</td>' in tabel

    api = APIClient()
    api.force_authenticate(operator_a)
    data = api.get(f"/api/indikator/{bulanan['BLN'].pk}/monev/?tahun=2024").json()
    assert D(data[1]["realisasi"]) == D(30)
    assert [(b["bulan"], D(b["realisasi"])) for b in data[1]["bulan"]] == [
        ("April", D(9)),
        ("Mei", D(9)),
        ("Juni", D(12)),
    ]

    xlsx = client.get(reverse("pengukuran:ruang_kerja_monev_xlsx", args=[bulanan["BLN"].penanggung_jawab_id]))
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Monev Rencana Aksi"]
    baris = [[c.value for c in r] for r in ws.iter_rows()]
    periode = [r[3] for r in baris if r[0] == "BLN"]
    assert periode[:5] == ["Januari", "Februari", "Maret", "TW I", "April"]
    maret = next(r for r in baris if r[0] == "BLN" and r[3] == "Maret")
    assert D(str(maret[5])) == D(10)


def test_the_entry_page_of_a_monthly_indicator_has_a_row_per_month(client, bulanan, operator_a):
    client.force_login(operator_a)
    url = reverse("pengukuran:indikator", args=[bulanan["BLN"].pk])
    html = client.get(url + "?tahun=2024").content.decode()
    assert re.findall(r'<tr id="periode-([A-Z0-9]+)"', html) == [*jadwal.BULAN, "TAHUN"]
    assert 'id="periode-TW1"' not in html
    response = client.post(
        reverse("pengukuran:simpan_realisasi", args=[bulanan["BLN"].pk]) + "?tahun=2024",
        {"prefix": "B02", "B02-periode": "B02", "B02-nilai": "8", "B02-versi": "0"},
    )
    assert response.status_code == 302
    assert Realisasi.objects.get(indikator=bulanan["BLN"], periode="B02").nilai == D(8)


def test_completeness_counts_the_months_due_by_the_year_deadline_setting(org, bulanan, operator_a):
    # The pemda's 2024 setting: 10 days after a period ends. On 12 April 2024 January (due 10 Feb), February
    # (10 Mar) and March (10 Apr) are due; April (10 May) is not. January and February are filled, so March alone is
    # late: 3 due, 2 filled, 1 late, 2/3 = 66,67 %. (With the default 15 days March would not be due until 15 April.)
    PengaturanPengukuran.objects.create(pemda=org.pemda, berlaku_mulai=2024, hari_tenggat=10)
    _isi_bulan(bulanan["BLN"], operator_a, BULAN[:2])
    baris = queries.kelengkapan(Indikator.objects.filter(pk=bulanan["BLN"].pk), 2024, dt.date(2024, 4, 12))
    sel = baris[0].sel
    assert [s.periode for s in sel] == list(jadwal.BULAN)
    assert [s.periode for s in sel if s.terlambat] == ["B03"]
    assert [s.tenggat for s in sel[2:4]] == [dt.date(2024, 4, 10), dt.date(2024, 5, 10)]
    (ringkasan,) = queries.ringkasan_kelengkapan(baris)
    assert (ringkasan.jatuh_tempo, ringkasan.terisi, ringkasan.terlambat) == (3, 2, 1)
    assert ringkasan.persen.quantize(D("0.01")) == D("66.67")


def test_a_locked_quarter_locks_its_months(client, org, bulanan, operator_a, admin_pemda):
    services.save_realisasi(indikator=bulanan["BLN"], tahun=2024, periode="B02", by=operator_a, nilai=D(8))
    services.lock_period(pemda=org.pemda, tahun=2024, periode="TW1", by=admin_pemda)
    assert kunci.periode_terkunci(org.pemda.pk, 2024) == {"TW1", "B01", "B02", "B03"}
    with pytest.raises(ValidationError, match=r"data Maret \(Triwulan I\) tahun 2024 sudah dikunci"):
        services.save_realisasi(
            indikator=bulanan["BLN"], tahun=2024, periode="B03", by=operator_a, nilai=D(1)
        )
    services.save_realisasi(indikator=bulanan["BLN"], tahun=2024, periode="B04", by=operator_a, nilai=D(9))
    # The integrity rule sees the February value as locked (a change to the indicator's formula is refused).
    terkunci = kunci.Penyedia().realisasi_terkunci(
        pemda_id=org.pemda.pk, indikator_ids=[bulanan["BLN"].pk], tahun=2024, periode=None
    )
    assert [(r.kode, r.periode) for r in terkunci] == [("BLN", "B02")]

    client.force_login(operator_a)
    html = client.get(
        reverse("pengukuran:indikator", args=[bulanan["BLN"].pk]) + "?tahun=2024"
    ).content.decode()
    assert "Periode Triwulan I tahun 2024 dikunci oleh admin pemda" in html
    b03 = html.split('id="periode-B03"', 1)[1].split("</tr>", 1)[0]
    b04 = html.split('id="periode-B04"', 1)[1].split("</tr>", 1)[0]
    assert "status-terkunci" in b03
    assert "<input" not in b03
    assert 'name="B04-nilai"' in b04
    grid = client.get(
        reverse("pengukuran:isian_massal", args=[org.biro_a.pk]) + "?tahun=2024&periode=B03"
    ).content.decode()
    assert "Triwulan I 2024 dikunci oleh admin pemda." in grid
    assert 'name="i' not in grid.split('id="isian-massal"', 1)[1].split("</table>", 1)[0]


def _grid(unit, periode, name="pengukuran:isian_massal"):
    return reverse(name, args=[unit.pk]) + f"?tahun=2024&periode={periode}"


def test_the_grid_of_a_month_lists_the_monthly_indicators_and_saves_them(client, org, bulanan, operator_a):
    client.force_login(operator_a)
    html = client.get(_grid(org.biro_a, "B03")).content.decode()
    assert re.findall(r'<tr data-indikator="([A-Z]+)"', html) == ["AKHIR", "BLN", "RATA"]  # by code
    assert "<h1>Isian realisasi Maret 2024</h1>" in html
    assert '<optgroup label="Bulan (indikator bulanan)"><option value="B01">Januari</option>' in html
    assert '<option value="B03" selected>Maret</option>' in html
    triwulan = client.get(_grid(org.biro_a, "TW1")).content.decode()
    assert re.findall(r'<tr data-indikator="([A-Z]+)"', triwulan) == ["TRW"]
    data = {}
    for kode, nilai in (("BLN", "10"), ("RATA", "10,5")):
        pk = bulanan[kode].pk
        data.update({f"i{pk}-versi": "0", f"i{pk}-periode": "B03", f"i{pk}-nilai": nilai})
    response = client.post(_grid(org.biro_a, "B03"), data)
    assert response.status_code == 302
    assert dict(Realisasi.objects.filter(periode="B03").values_list("indikator__kode", "nilai")) == {
        "BLN": D(10),
        "RATA": D("10.5"),
    }


def test_a_unit_without_monthly_indicators_is_offered_no_months(client, org, operator_a):
    renstra_dengan_iku(org.biro_a, jumlah_indikator=1, by=operator_a)
    client.force_login(operator_a)
    html = client.get(_grid(org.biro_a, "TW1")).content.decode()
    assert "Bulan (indikator bulanan)" not in html
    assert '<option value="TW1" selected>Triwulan I</option>' in html


def test_the_grid_of_a_month_reads_as_many_queries_whatever_the_number_of_indicators(
    client, org, admin_pemda
):
    for unit, jumlah in ((org.biro_a, 2), (org.biro_b, 20)):
        renstra = renstra_dengan_iku(unit, jumlah_indikator=jumlah)
        renstra.indikator.update(frekuensi="bulanan")
    client.force_login(admin_pemda)
    client.get(_grid(org.biro_a, "B05"))  # the session's one-off write after logging in
    hitung = []
    for unit in (org.biro_a, org.biro_b):
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(_grid(unit, "B05")).content.decode()
        hitung.append(len(ctx.captured_queries))
    assert html.count("<tr data-indikator=") == 20
    assert hitung[0] == hitung[1]
    assert hitung[1] <= 17


def _isi_templat(data, nilai):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Realisasi"]
    for row in ws.iter_rows():
        if (row[0].value, row[2].value) in nilai:
            row[5].value = nilai[(row[0].value, row[2].value)]
    keluar = io.BytesIO()
    wb.save(keluar)
    keluar.seek(0)
    keluar.name = "isian.xlsx"
    return keluar


def test_the_excel_template_of_a_month_imports_into_that_month_only(client, org, bulanan, operator_a):
    client.force_login(operator_a)
    templat = client.get(_grid(org.biro_a, "B03", "pengukuran:isian_templat"))
    assert 'filename="realisasi-' in templat["Content-Disposition"]
    assert "-2024-B03.xlsx" in templat["Content-Disposition"]
    ws = openpyxl.load_workbook(io.BytesIO(templat.content))["Realisasi"]
    assert ws["A1"].value.startswith("Realisasi Maret 2024 — ")
    kode = {i.kode for i in Indikator.objects.all()}
    assert [r[0].value for r in ws.iter_rows() if r[0].value in kode] == ["AKHIR", "BLN", "RATA"]
    berkas = _isi_templat(templat.content, {("BLN", "nilai"): 10, ("AKHIR", "nilai"): 16})
    html = client.post(_grid(org.biro_a, "B03", "pengukuran:isian_impor"), {"berkas_excel": berkas})
    html = html.content.decode()
    assert "Pratinjau impor" in html
    assert 'id="kesalahan-impor"' not in html
    assert f'name="i{bulanan["BLN"].pk}-nilai" value="10"' in html.replace(' class="angka"', "")
    # The same file in February's grid is refused whole: nothing read, nothing saved.
    berkas.seek(0)
    html = client.post(_grid(org.biro_a, "B02", "pengukuran:isian_impor"), {"berkas_excel": berkas})
    kesalahan = re.search(r'id="kesalahan-impor">.*?</section>', html.content.decode(), re.S).group(0)
    assert "Berkas ini templat Maret 2024, bukan Februari 2024" in kesalahan
    assert not Realisasi.objects.exists()


def test_the_grid_opens_on_january_for_a_unit_whose_indicators_are_all_monthly_and_on_the_year_for_yearly_ones(
    client, org, bulanan, operator_a
):
    client.force_login(operator_a)
    url = reverse("pengukuran:isian_massal", args=[org.biro_a.pk]) + "?tahun=2024"
    # One quarterly indicator among the monthly ones: the grid opens on Triwulan I, as for every unit.
    assert '<option value="TW1" selected>Triwulan I</option>' in client.get(url).content.decode()
    Indikator.objects.filter(pk=bulanan["TRW"].pk).update(frekuensi="bulanan")
    html = client.get(url).content.decode()
    assert '<option value="B01" selected>Januari</option>' in html
    assert re.findall(r'<tr data-indikator="([A-Z]+)"', html) == ["AKHIR", "BLN", "RATA", "TRW"]
    Indikator.objects.filter(renstra=bulanan["renstra"]).update(frekuensi="tahunan")
    html = client.get(url).content.decode()
    assert '<option value="TAHUN" selected>' in html
    assert re.findall(r'<tr data-indikator="([A-Z]+)"', html) == ["AKHIR", "BLN", "RATA", "TRW"]
