"""Predikat-type RPJMD indicators (qualitative targets such as "Tinggi" or "BB"): capaian = rank(realisasi) /
rank(target) × 100 on the indicator's scale, coloured by the pemda's category scale of the year, through the page,
the tree, the PK of the kepala daerah and the API; a value of the wrong kind is refused at its field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from sakip.pengukuran import services as pengukuran_services
from sakip.rpjmd import queries, services
from sakip.rpjmd.models import IndikatorDaerah, TargetDaerah

pytestmark = pytest.mark.django_db

SKALA = ["Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]


@pytest.fixture
def predikat(data, admin_pemda):
    return services.simpan_indikator(
        rpjmd=data["rpjmd"],
        by=admin_pemda,
        kode="I2",
        nama="Predikat penyelenggaraan pemerintahan daerah",
        satuan="Predikat",
        sasaran=data["sasaran"],
        jenis="predikat",
        skala_predikat=SKALA,
        kondisi_awal_teks="Sedang",
        kondisi_akhir_teks="Sangat Tinggi",
        is_iku=True,
        target={2024: ("Sangat Tinggi", "tinggi"), 2025: ("Sangat Tinggi", None)},
    )


@pytest.fixture
def lima_pita(org, admin_pemda):
    """The pemda measures 2024 with the five-band scale (>= 91 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang)."""
    pengukuran_services.simpan_pengaturan(
        pemda=org.pemda,
        tahun=2024,
        by=admin_pemda,
        metode_rollup="rata_rata_sasaran",
        kebijakan_kosong="kecualikan",
        batas_capaian=None,
        skala_kategori="lkjip_lima_pita",
        hari_tenggat=15,
    )


def _simpul(pohon, kode):
    return next(s for s in pohon.akar.semua() if s.jenis == "indikator_daerah" and s.objek.kode == kode)


def test_a_predikat_indicator_is_measured_by_rank_and_coloured_by_the_years_scale(
    data, predikat, lima_pita, admin_pemda
):
    pohon = queries.pohon_kinerja(data["rpjmd"], 2024, admin_pemda)
    node = _simpul(pohon, "I2")
    # "Tinggi" is level 3 and "Sangat Tinggi" level 4 of four: 3 / 4 × 100 = 75, band 66–75 "Sedang".
    assert node.capaian == Decimal("75")
    assert node.kategori.label == "Sedang"
    assert (node.target, node.realisasi) == ("Sangat Tinggi", "Tinggi")  # stored in the scale's spelling
    # The sasaran: mean of I1 (84 / 80 × 100 = 105) and I2 (75) = 90, band 76–90 "Tinggi".
    sasaran = next(s for s in pohon.akar.semua() if s.jenis == "sasaran_daerah")
    assert sasaran.capaian == Decimal("90")
    assert sasaran.kategori.label == "Tinggi"
    # 2025 has a target and no realisasi yet: not measured, shown as "–".
    assert _simpul(queries.pohon_kinerja(data["rpjmd"], 2025, admin_pemda), "I2").capaian is None


def test_a_level_outside_the_scale_is_refused_at_its_field_and_nothing_is_saved(client, data, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("rpjmd:elemen_baru", args=[data["rpjmd"].pk, "indikator"]),
        {
            "kode": "I3",
            "nama": "Opini BPK",
            "sasaran": data["sasaran"].pk,
            "satuan": "Predikat",
            "jenis": "predikat",
            "skala_predikat": "TW, WDP, WTP",
            "polaritas": "positif",
            "urutan": 3,
            "kondisi_awal": "WTP",
            "target_2024": "WTP",
            "realisasi_2024": "Baik",
            "target_2025": "80",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["realisasi_2024"] == ["Isikan salah satu tingkatan skala: TW, WDP, WTP."]
    assert form.errors["target_2025"] == ["Isikan salah satu tingkatan skala: TW, WDP, WTP."]
    assert "Isikan salah satu tingkatan skala" in response.content.decode()
    assert not IndikatorDaerah.objects.filter(kode="I3").exists()


def test_the_admin_adds_a_predikat_indicator_on_the_page_and_the_detail_shows_its_levels(
    client, data, admin_pemda
):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("rpjmd:elemen_baru", args=[data["rpjmd"].pk, "indikator"]),
        {
            "kode": "I3",
            "nama": "Opini BPK",
            "sasaran": data["sasaran"].pk,
            "satuan": "Predikat",
            "jenis": "predikat",
            "skala_predikat": "TW\nWDP\nWTP",
            "polaritas": "positif",
            "urutan": 3,
            "kondisi_awal": "wdp",
            "kondisi_akhir": "WTP",
            "target_2024": "WTP",
            "realisasi_2024": "WDP",
        },
    )
    assert response.status_code == 302
    ind = IndikatorDaerah.objects.get(kode="I3")
    assert (ind.skala_predikat, ind.kondisi_awal_teks, ind.kondisi_akhir_teks) == (
        ["TW", "WDP", "WTP"],
        "WDP",
        "WTP",
    )
    t = TargetDaerah.objects.get(indikator=ind, tahun=2024)
    assert (t.target, t.target_predikat, t.realisasi_predikat) == (None, "WTP", "WDP")
    body = client.get(reverse("rpjmd:detail", args=[data["rpjmd"].pk])).content.decode()
    assert "predikat, terendah ke tertinggi: TW, WDP, WTP" in body
    # The edit form shows the levels back as typed values.
    form = client.get(reverse("rpjmd:elemen_ubah", args=["indikator", ind.pk])).context["form"]
    assert form["skala_predikat"].value() == "TW, WDP, WTP"
    assert form["target_2024"].value() == "WTP"


def test_changing_a_numeric_indicator_to_predikat_with_numbers_left_is_refused_whole(data, admin_pemda):
    ind = data["indikator"]
    with pytest.raises(ValidationError, match="isi ulang target/realisasi tahun 2024"):
        services.simpan_indikator(
            rpjmd=data["rpjmd"],
            by=admin_pemda,
            indikator=ind,
            jenis="predikat",
            skala_predikat=SKALA,
            target={2025: ("Tinggi", None)},
        )
    ind.refresh_from_db()
    assert ind.jenis == "angka"
    assert not TargetDaerah.objects.filter(indikator=ind, tahun=2025).exists()


def test_the_pk_of_the_kepala_daerah_carries_the_predikat_target_and_finalises_with_it(
    client, data, predikat, admin_pemda
):
    pk = services.buat_pk_kepala_daerah(rpjmd=data["rpjmd"], tahun=2024, by=admin_pemda, jabatan="Gubernur P")
    baris = {b.indikator_daerah.kode: b for b in pk.indikator.select_related("indikator_daerah")}
    assert baris["I2"].target_teks == "Sangat Tinggi"
    client.force_login(admin_pemda)
    url = reverse("rpjmd:pk_kd_ubah", args=[pk.pk])
    isian = {"nama": "Budi", "jabatan": "Gubernur P", "status_jabatan": "definitif"}
    isian[f"target_{baris['I1'].pk}"] = "80"
    isian[f"target_{baris['I2'].pk}"] = "Tinggi"
    assert client.post(url, isian).status_code == 302
    baris["I2"].refresh_from_db()
    assert (baris["I2"].target, baris["I2"].target_predikat) == (None, "Tinggi")
    services.finalkan_pk_kepala_daerah(pk=pk, by=admin_pemda)
    body = client.get(reverse("rpjmd:pk_kd_detail", args=[pk.pk])).content.decode()
    assert '<td class="angka">Tinggi</td>' in body


def test_the_api_reads_and_writes_predikat_targets(data, admin_pemda, predikat):
    api = APIClient()
    api.force_authenticate(admin_pemda)
    r = api.get(f"/api/rpjmd-indikator/{predikat.pk}/")
    assert r.status_code == 200
    assert r.data["jenis"] == "predikat"
    assert r.data["skala_predikat"] == SKALA
    assert r.data["target"][0]["target_predikat"] == "Sangat Tinggi"
    r = api.patch(
        f"/api/rpjmd-indikator/{predikat.pk}/",
        {
            "target": [
                {"tahun": 2025, "target": None, "target_predikat": "Tinggi", "realisasi_predikat": "Sedang"}
            ]
        },
        format="json",
    )
    assert r.status_code == 200, r.data
    t = TargetDaerah.objects.get(indikator=predikat, tahun=2025)
    assert (t.target_predikat, t.realisasi_predikat) == ("Tinggi", "Sedang")
    r = api.patch(
        f"/api/rpjmd-indikator/{predikat.pk}/",
        {"target": [{"tahun": 2025, "target": "90"}]},
        format="json",
    )
    assert r.status_code == 400
    assert "bukan angka" in str(r.data)
    t.refresh_from_db()
    assert t.target_predikat == "Tinggi"
