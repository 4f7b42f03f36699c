"""The overview grouped by pemda (issue #24): per-pemda and whole-scope aggregates of the kept unit capaian, the
province -> kabupaten/kota view, pages, access as the unit overview, and a query count that does not grow."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.organisasi.models import Pemda, UnitKerja
from sakip.organisasi.tests.factories import PemdaFactory
from sakip.pengukuran import ikhtisar, kini
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator, RencanaStrategis, Sasaran, Target

D = Decimal
TAHUN = 2026


def _unit_dengan_capaian(unit: UnitKerja, realisasi: list[int | None]) -> RencanaStrategis:
    """A Renstra in force in 2026 with one sasaran and one indicator per value (target 100, yearly realisasi as
    given; None: not reported), so the unit's capaian is the mean of the reported values."""
    rs = RencanaStrategis.objects.create(
        unit_kerja=unit, nama=f"Renstra {unit.kode}", tahun_mulai=2025, tahun_selesai=2029
    )
    sas = Sasaran.objects.create(renstra=rs, kode="S1", uraian="Sasaran", urutan=1)
    for n, nilai in enumerate(realisasi):
        ind = Indikator.objects.create(
            renstra=rs, sasaran=sas, kode=f"I{n}", nama="i", satuan="%", jenis="indeks"
        )
        Target.objects.create(indikator=ind, tahun=TAHUN, nilai=D(100))
        if nilai is not None:
            Realisasi.objects.create(
                indikator=ind, unit_kerja=unit, tahun=TAHUN, periode="TAHUN", nilai=D(nilai)
            )
    return rs


@pytest.fixture
def wilayah(org):
    kab = PemdaFactory(kode="64.01", nama="Kabupaten Uji P1", jenis=Pemda.Jenis.KABUPATEN, provinsi=org.pemda)
    unit_kab = UnitKerja.objects.create(
        pemda=kab, kode="DINAS", nama="Dinas Kabupaten", jenis="perangkat_daerah"
    )
    _unit_dengan_capaian(org.biro_a, [80, 100])  # 90
    _unit_dengan_capaian(org.biro_b, [60])  # 60
    _unit_dengan_capaian(unit_kab, [120])  # 120
    _unit_dengan_capaian(org.setda_lain, [None])  # no value
    kini.hitung_ulang()
    return kab


def _baris(data: ikhtisar.Ikhtisar) -> dict[str, tuple[int, int, Decimal | None]]:
    return {
        b.pemda.kode: (b.agregat.jumlah_unit, b.agregat.jumlah_bernilai, b.agregat.rerata)
        for b in data.halaman.object_list
    }


def test_the_nation_is_grouped_by_pemda_with_each_pemdas_and_the_national_mean(wilayah, admin_user):
    data = ikhtisar.ikhtisar(admin_user, TAHUN)
    assert _baris(data) == {"61": (1, 0, None), "64": (2, 2, D(75)), "64.01": (1, 1, D(120))}
    assert list(_baris(data)) == ["61", "64", "64.01"]  # by region code: a province, then its kabupaten/kota
    t = data.total
    assert (t.jumlah_pemda, t.jumlah_unit, t.jumlah_bernilai, t.rerata) == (3, 4, 3, D(90))  # (90+60+120)/3
    assert sum(k["jumlah"] for k in t.kategori) == 3


def test_the_overview_page_prints_the_aggregates(client, wilayah, admin_user):
    client.force_login(admin_user)
    body = client.get(reverse("pengukuran:ikhtisar") + f"?tahun={TAHUN}").content.decode()
    assert "Kabupaten Uji P1" in body
    assert "Provinsi Uji Q" in body
    assert "90,00" in body
    assert "75,00" in body
    assert "120,00" in body
    assert f"pemda={wilayah.pk}" in body  # each pemda links to its units on the unit overview


def test_a_province_view_shows_the_province_and_its_kabupaten_kota_only(client, wilayah, org, admin_user):
    data = ikhtisar.ikhtisar(admin_user, TAHUN, provinsi=org.pemda)
    assert _baris(data) == {"64": (2, 2, D(75)), "64.01": (1, 1, D(120))}
    assert (data.total.jumlah_unit, data.total.rerata) == (3, D(90))
    client.force_login(admin_user)
    r = client.get(reverse("pengukuran:ikhtisar") + f"?tahun={TAHUN}&provinsi={org.pemda.pk}")
    assert r.status_code == 200
    assert "Provinsi Uji Q" not in r.content.decode()


def test_the_admin_of_a_pemda_sees_only_that_pemda(wilayah, admin_pemda):
    data = ikhtisar.ikhtisar(admin_pemda, TAHUN)
    assert _baris(data) == {"64": (2, 2, D(75))}
    assert data.total.rerata == D(75)


def test_an_operator_sees_only_the_units_of_their_subtree(wilayah, operator_a):
    data = ikhtisar.ikhtisar(operator_a, TAHUN)
    assert _baris(data) == {"64": (1, 1, D(90))}  # Biro A only, not Biro B
    assert data.halaman.object_list[0].sebagian


def test_a_province_the_user_has_no_role_in_answers_404(client, wilayah, org, admin_pemda):
    client.force_login(admin_pemda)
    url = reverse("pengukuran:ikhtisar")
    assert client.get(url + f"?provinsi={org.pemda_lain.pk}").status_code == 404
    assert client.get(url + f"?provinsi={wilayah.pk}").status_code == 404  # a kabupaten is not a province
    assert client.get(url + "?provinsi=abc").status_code == 404


def test_pages_split_the_pemdas(wilayah, admin_user, monkeypatch):
    monkeypatch.setattr(ikhtisar, "PER_HALAMAN", 2)
    pertama = ikhtisar.ikhtisar(admin_user, TAHUN)
    kedua = ikhtisar.ikhtisar(admin_user, TAHUN, halaman="2")
    assert list(_baris(pertama)) == ["61", "64"]
    assert list(_baris(kedua)) == ["64.01"]
    assert kedua.total.jumlah_unit == 4  # the aggregate covers every page


def test_a_change_not_yet_recomputed_is_recomputed_before_the_overview_shows_it(wilayah, org, admin_user):
    r = Realisasi.objects.get(unit_kerja=org.biro_b)
    r.nilai = D(90)
    r.save()  # marked stale; its recompute after commit has not run (the test's transaction never commits)
    assert ikhtisar.ikhtisar(admin_user, TAHUN).total.rerata == D(100)  # (90+90+120)/3


@pytest.mark.parametrize("peran", ["admin_user", "operator_a"])
def test_the_query_count_does_not_grow_with_pemdas_or_units(client, wilayah, org, peran, request):
    user = request.getfixturevalue(peran)
    client.force_login(user)
    url = reverse("pengukuran:ikhtisar") + f"?tahun={TAHUN}"
    client.get(url)
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(url).status_code == 200
    for n in range(3):
        pemda = PemdaFactory(
            kode=f"64.1{n}", nama=f"Kota Uji {n}", jenis=Pemda.Jenis.KOTA, provinsi=org.pemda
        )
        for k in range(2):
            unit = UnitKerja.objects.create(
                pemda=pemda, kode=f"U{k}", nama=f"Unit {k}", jenis="perangkat_daerah"
            )
            _unit_dengan_capaian(unit, [70, 95])
    unit = UnitKerja.objects.create(
        pemda=org.pemda, kode="SETDA.C", nama="Biro C", induk=org.biro_a, jenis="bagian"
    )
    _unit_dengan_capaian(unit, [50])
    kini.hitung_ulang()
    with CaptureQueriesContext(connection) as banyak:
        assert client.get(url).status_code == 200
    assert len(banyak) == len(sedikit)


def test_the_api_lists_the_kept_unit_capaian_of_the_users_scope(wilayah, org, admin_pemda):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(admin_pemda)
    r = api.get(reverse("api:renstra-capaian-unit"), {"tahun": TAHUN})
    assert r.status_code == 200
    nilai = {row["nama_unit"]: D(str(row["unit"]["nilai"])) for row in r.json()["results"]}
    assert nilai == {"Biro A": D(90), "Biro B": D(60)}  # not the other pemdas' units
    assert api.get(reverse("api:renstra-capaian-unit"), {"tahun": "dua"}).status_code == 400
