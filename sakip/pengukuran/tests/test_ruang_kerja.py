"""The unit workspace and dashboard (issue #17 item 1): every unit sees the indicators it reports, its own Renstra's
and those delegated to it from a parent's Renstra, with the same capaian as the Renstra dashboard."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from sakip.organisasi.models import UnitKerja
from sakip.pengukuran.tests import demo_orang
from sakip.perencanaan.models import RencanaStrategis

pytestmark = pytest.mark.django_db


def _klien(username):
    client = Client()
    client.force_login(demo_orang.pengguna(username))
    return client


def _unit(kode, pemda="64"):
    return UnitKerja.objects.get(pemda__kode=pemda, kode=kode)


def _capaian_sel(body, kode):
    """The capaian printed in the row of an indicator (data-indikator) of a table."""
    baris = re.search(rf'data-indikator="{kode}".*?</tr>', body, re.S).group(0)
    return re.search(r'class="capaian"[^>]*>([^<]+)<', baris).group(1).strip()


def test_biro_organisasi_workspace_lists_the_setda_iku_it_reports_with_its_figures(demo):
    unit = _unit("SETDA.ORGANISASI")
    body = _klien("operator.organisasi").get(
        reverse("pengukuran:ruang_kerja", args=[unit.pk]) + "?tahun=2024"
    )
    assert body.status_code == 200
    html = body.content.decode()
    # Seed 004 Tabel 3.3: IKU10, target 70, realisasi 81,08, capaian 115,83; reported by Biro Organisasi.
    assert re.findall(r'data-indikator="([^"]+)"', html) == ["IKU10"]
    assert "IKU Sekretariat Daerah" in html
    assert _capaian_sel(html, "IKU10") == "115,83"
    assert "81,08" in html


def test_unit_dashboard_gives_the_same_capaian_as_the_renstra_dashboard(demo):
    renstra = RencanaStrategis.objects.get(unit_kerja=_unit("SETDA"), tahun_mulai=2024)
    admin = _klien("admin.kaltim")
    renstra_html = admin.get(
        reverse("pengukuran:dasbor_renstra", args=[renstra.pk]) + "?tahun=2024"
    ).content.decode()
    for kode_unit, kode_ind in (
        ("SETDA.ORGANISASI", "IKU10"),
        ("SETDA.ADPIM", "IKU12"),
        ("SETDA.ADPIM", "IKU13"),
    ):
        unit = _unit(kode_unit)
        html = admin.get(reverse("pengukuran:dasbor_unit", args=[unit.pk]) + "?tahun=2024").content.decode()
        assert _capaian_sel(html, kode_ind) == _capaian_sel(renstra_html, kode_ind)
    # Biro Adpim: 81,80/70 = 116,857… and 86,41/85 = 101,658… (Tabel 3.3); their plain mean 109,26 (109,2575…).
    html = admin.get(reverse("pengukuran:dasbor_unit", args=[_unit("SETDA.ADPIM").pk]) + "?tahun=2024")
    assert "109,26" in html.content.decode()


def test_a_biro_operator_opens_its_dashboard_that_the_setda_dashboard_refuses(demo):
    client = _klien("operator.organisasi")
    renstra = RencanaStrategis.objects.get(unit_kerja=_unit("SETDA"), tahun_mulai=2024)
    assert client.get(reverse("pengukuran:dasbor_renstra", args=[renstra.pk])).status_code == 404
    unit = _unit("SETDA.ORGANISASI")
    assert client.get(reverse("pengukuran:dasbor_unit", args=[unit.pk]) + "?tahun=2024").status_code == 200


@pytest.mark.parametrize("username", ["operator.kalbar", "operator.adpim", "pimpinan.adpim"])
@pytest.mark.parametrize("name", ["pengukuran:ruang_kerja", "pengukuran:dasbor_unit"])
def test_outsiders_of_the_unit_get_404(demo, username, name):
    unit = _unit("SETDA.ORGANISASI")
    assert _klien(username).get(reverse(name, args=[unit.pk])).status_code == 404


def test_the_menu_leads_an_operator_to_their_own_workspace_and_the_unit_page_links_it(demo):
    client = _klien("operator.organisasi")
    unit = _unit("SETDA.ORGANISASI")
    home = client.get(reverse("beranda")).content.decode()
    assert reverse("pengukuran:ruang_kerja_saya") in home
    response = client.get(reverse("pengukuran:ruang_kerja_saya") + "?tahun=2025")
    assert response.status_code == 302
    assert response["Location"] == reverse("pengukuran:ruang_kerja", args=[unit.pk]) + "?tahun=2025"
    page = client.get(reverse("organisasi:unit_detail", args=[unit.pk])).content.decode()
    assert reverse("pengukuran:ruang_kerja", args=[unit.pk]) in page
    assert reverse("pengukuran:dasbor_unit", args=[unit.pk]) in page
    # A whole-pemda role chooses among its units.
    pilih = _klien("admin.kaltim").get(reverse("pengukuran:ruang_kerja_saya")).content.decode()
    assert reverse("pengukuran:ruang_kerja", args=[unit.pk]) in pilih


def test_workspace_shows_the_pk_of_a_unit_that_has_one_and_says_so_when_it_has_none(demo):
    admin = _klien("admin.kaltim")
    setda = admin.get(
        reverse("pengukuran:ruang_kerja", args=[_unit("SETDA").pk]) + "?tahun=2024"
    ).content.decode()
    assert "Perjanjian Kinerja Setda Prov. Kaltim 2024" in setda
    # The Setda's own Renstra: its 13 sasaran IKU, each reported by a Biro.
    assert len(re.findall(r'data-indikator="IKU\d\d"', setda)) == 13
    assert "Dilaporkan oleh Biro Organisasi" in setda
    biro = admin.get(reverse("pengukuran:ruang_kerja", args=[_unit("SETDA.ORGANISASI").pk]) + "?tahun=2024")
    assert "Unit ini tidak memiliki PK sendiri untuk 2024" in biro.content.decode()
