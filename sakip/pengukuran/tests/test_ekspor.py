"""The capaian dashboard of a Renstra as an Excel workbook: the page's figures as raw numbers, same access."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from sakip.lib import xlsx
from sakip.lib.tests.test_xlsx import sama, teks_aman
from sakip.organisasi.models import Pengguna
from sakip.pengukuran import ekspor, queries
from sakip.perencanaan.models import RencanaStrategis


def _renstra() -> RencanaStrategis:
    return RencanaStrategis.objects.select_related("unit_kerja__pemda").get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai=2024
    )


def _url() -> str:
    return reverse("pengukuran:dasbor_renstra_xlsx", args=[_renstra().pk]) + "?tahun=2024"


def _login(client, username: str) -> None:
    client.force_login(Pengguna.objects.get(username=username))


def test_workbook_holds_the_dashboard_values_as_numbers(demo, client):
    _login(client, "pimpinan.setda")
    response = client.get(_url())
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.JENIS_MIME
    assert response["Content-Disposition"].startswith("attachment")
    ws = load_workbook(io.BytesIO(response.content))["Capaian"]
    tabel = queries.tabel_capaian(_renstra(), 2024)
    kolom = ekspor.KOLOM
    rows = {r[kolom.index("Kode")].value: r for r in ws.iter_rows(min_row=5) if r[3].value}
    for b in tabel.baris:
        r = rows[b.indikator.kode]
        assert r[kolom.index("Indikator")].value == b.indikator.nama
        if b.hasil.nilai is not None:
            assert sama(r[kolom.index("Capaian (%)")].value, b.hasil.nilai)
            assert r[kolom.index("Capaian (%)")].number_format == "#,##0.00"
        if b.realisasi is not None and not b.realisasi_predikat:
            assert sama(r[kolom.index("Realisasi")].value, b.realisasi)
        if b.target.nilai is not None and b.target.nilai_atas is None and not b.target.predikat:
            assert sama(r[kolom.index("Target")].value, b.target.nilai)
        assert r[kolom.index("Kategori")].value == (b.kategori.label if b.kategori else "–")
    for s in tabel.sasaran:
        r = rows[s.sasaran.kode]
        assert sama(r[kolom.index("Capaian (%)")].value, s.rollup.nilai)
        assert r[0].font.bold
    unit = next(r for r in ws.iter_rows() if r[3].value == "Capaian kinerja unit")
    assert sama(unit[kolom.index("Capaian (%)")].value, tabel.unit.nilai)
    assert any(c.value == f"Metode: {tabel.unit.keterangan}." for r in ws.iter_rows() for c in r)


def test_formula_like_indicator_names_are_neutralised(demo, client):
    ind = _renstra().indikator.get(kode="IKU01")
    ind.nama = '=HYPERLINK("http://contoh.invalid","klik")'
    ind.save(update_fields=["nama"])
    _login(client, "pimpinan.setda")
    wb = load_workbook(io.BytesIO(client.get(_url()).content))
    assert teks_aman(wb, ind.nama)


def test_outsider_gets_404_and_anonymous_the_login_page(demo, client):
    assert client.get(_url()).status_code == 302
    _login(client, "operator.adpim")  # Biro Adpim only: the Setda's Renstra is outside its scope
    assert client.get(_url()).status_code == 404


def test_dashboard_page_links_its_workbook(demo, client):
    _login(client, "pimpinan.setda")
    url = reverse("pengukuran:dasbor_renstra", args=[_renstra().pk]) + "?tahun=2024"
    body = client.get(url).content.decode()
    assert reverse("pengukuran:dasbor_renstra_xlsx", args=[_renstra().pk]) + "?tahun=2024" in body


# --- the overview of every unit -------------------------------------------------------------------------------------


def _rekap_url() -> str:
    return reverse("pengukuran:dasbor_xlsx") + "?tahun=2024"


def test_overview_workbook_holds_every_visible_renstra_with_the_pages_figures(demo, client):
    _login(client, "admin")  # the superuser sees every pemda of the demo
    response = client.get(_rekap_url())
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.JENIS_MIME
    assert response["Content-Disposition"].startswith("attachment")
    ws = load_workbook(io.BytesIO(response.content))["Capaian Unit"]
    kolom = ekspor.KOLOM_REKAP
    rows = [r for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    berlaku = list(
        RencanaStrategis.objects.filter(tahun_mulai__lte=2024, tahun_selesai__gte=2024)
        .select_related("unit_kerja__pemda")
        .order_by("unit_kerja__pemda__kode", "unit_kerja__jalur", "pk")
    )
    tabel = queries.tabel_capaian_banyak(berlaku, 2024)
    assert len(rows) == len(tabel) > 1
    for r, t in zip(rows, tabel, strict=True):
        assert r[kolom.index("Pemerintah Daerah")].value == t.renstra.unit_kerja.pemda.nama
        assert r[kolom.index("Unit Kerja")].value == t.renstra.unit_kerja.nama
        assert r[kolom.index("Renstra")].value == t.renstra.nama
        assert r[kolom.index("Sasaran")].value == len(t.sasaran)
        assert r[kolom.index("Indikator")].value == len(t.baris)
        sel = r[kolom.index("Capaian Unit (%)")]
        if t.unit.nilai is None:
            assert sel.value == "–"
        else:
            assert sama(sel.value, t.unit.nilai)
            assert sel.number_format == "#,##0.00"
        assert r[kolom.index("Kategori")].value == (t.kategori_unit.label if t.kategori_unit else "–")
        assert r[kolom.index("Metode")].value == t.unit.keterangan


def test_overview_workbook_of_an_outsider_holds_nothing_of_kaltim(demo, client):
    assert client.get(_rekap_url()).status_code == 302
    _login(client, "admin.kaltim")
    milik_kaltim = load_workbook(io.BytesIO(client.get(_rekap_url()).content))["Capaian Unit"]
    assert any(
        c.value == "Sekretariat Daerah Provinsi Kalimantan Timur" for r in milik_kaltim.iter_rows() for c in r
    )
    _login(client, "operator.adpim")  # Biro Adpim only
    ws = load_workbook(io.BytesIO(client.get(_rekap_url()).content))["Capaian Unit"]
    units = {r[2].value for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)}
    assert "Sekretariat Daerah Provinsi Kalimantan Timur" not in units


def test_overview_page_links_its_workbook(demo, client):
    _login(client, "admin.kaltim")
    body = client.get(reverse("pengukuran:dasbor") + "?tahun=2024").content.decode()
    assert _rekap_url().replace("&", "&amp;") in body or _rekap_url() in body


def test_overview_workbook_of_a_user_without_renstra_says_so(demo, client):
    client.force_login(Pengguna.objects.create_user("tanpa.peran", password="x"))
    response = client.get(_rekap_url())
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content))["Capaian Unit"]
    assert not [r for r in ws.iter_rows(min_row=5) if isinstance(r[0].value, int)]
    teks = [c.value for r in ws.iter_rows() for c in r if c.value]
    assert "Tidak ada Renstra yang berlaku pada tahun ini dalam cakupan Anda." in teks
