"""The pohon kinerja of the demo RPJMD: capaian at every node equal to the dashboards', the orphans reported, the
picture exports, and a query count that does not grow with the tree."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from sakip.organisasi.models import Pengguna
from sakip.perencanaan.models import Indikator
from sakip.rpjmd import queries, services
from sakip.rpjmd.models import IndikatorDaerah, PKIndividu, Rpjmd, SasaranDaerah

pytestmark = pytest.mark.django_db


@pytest.fixture
def rpjmd(demo):
    return Rpjmd.objects.select_related("pemda").get(pemda__kode="64", tahun_mulai=2024)


@pytest.fixture
def admin_kaltim(demo):
    return Pengguna.objects.get(username="admin.kaltim")


def _pohon(rpjmd, user, tahun=2024):
    return queries.pohon_kinerja(rpjmd, tahun, user)


def test_demo_rpjmd_cascades_to_the_setda_two_biro_and_three_persons(rpjmd, admin_kaltim):
    simpul = _pohon(rpjmd, admin_kaltim).akar.semua()
    jenis = {s.jenis for s in simpul}
    assert {
        "visi",
        "misi",
        "tujuan",
        "sasaran_daerah",
        "indikator_daerah",
        "sasaran_pd",
        "indikator_pd",
        "orang",
    } <= jenis
    unit_pd = {s.objek.renstra.unit_kerja.kode for s in simpul if s.jenis == "indikator_pd"}
    assert unit_pd == {"SETDA"}
    orang = {s.objek for s in simpul if s.jenis == "orang"}
    assert {p.unit_kerja.kode for p in orang} == {"SETDA.ADPIM", "SETDA.ORGANISASI"}
    assert len(orang) == 3
    plt = next(p for p in orang if p.status_jabatan == "plt")
    assert plt.jabatan_lengkap == "Plt. Kepala Biro Organisasi"


def test_capaian_of_every_pd_node_equals_the_unit_dashboard(client, rpjmd, admin_kaltim):
    simpul = _pohon(rpjmd, admin_kaltim).akar.semua()
    client.force_login(admin_kaltim)
    renstra = {s.objek.renstra for s in simpul if s.jenis == "indikator_pd"}
    dasbor_indikator, dasbor_sasaran = {}, {}
    for r in renstra:
        tabel = client.get(reverse("pengukuran:dasbor_renstra", args=[r.pk]), {"tahun": 2024}).context[
            "tabel"
        ]
        for s in tabel.sasaran:
            dasbor_sasaran[s.sasaran.pk] = (s.rollup.nilai, s.kategori)
            for b in s.baris:
                dasbor_indikator[b.indikator.pk] = (b.hasil.nilai, b.kategori)
    pd = [s for s in simpul if s.jenis == "indikator_pd"]
    assert len(pd) >= 10
    assert sum(1 for s in pd if s.capaian is not None) >= 8
    for s in pd:
        assert (s.capaian, s.kategori) == dasbor_indikator[s.objek.pk], s.label
    sasaran_pd = [s for s in simpul if s.jenis == "sasaran_pd"]
    assert sasaran_pd
    for s in sasaran_pd:
        assert s.capaian is not None
        assert (s.capaian, s.kategori) == dasbor_sasaran[s.objek.pk]


def test_capaian_of_rpjmd_and_person_indicators_follow_the_capaian_rule(rpjmd, admin_kaltim):
    simpul = {
        (s.jenis, getattr(s.objek, "kode", None) or getattr(s.objek, "nama", "")): s
        for s in _pohon(rpjmd, admin_kaltim).akar.semua()
    }
    # ID3: realisasi 74,08 against a target of 75 (positive polarity): 74,08 / 75 × 100.
    assert simpul[("indikator_daerah", "ID3")].capaian == Decimal("74.08") / Decimal("75") * 100
    # ID5 has a target but no realisasi yet: no capaian, shown as "–".
    assert simpul[("indikator_daerah", "ID5")].capaian is None
    orang = simpul[("indikator_orang", "Nilai evaluasi akuntabilitas kinerja Biro Administrasi Pimpinan")]
    assert orang.capaian == Decimal("71.40") / Decimal("70") * 100


def test_an_rpjmd_indicator_nobody_supports_and_a_pd_indicator_supporting_nothing_are_reported(
    client, rpjmd, admin_kaltim
):
    yatim = queries.yatim(rpjmd, admin_kaltim)
    assert [i.kode for i in yatim.indikator_daerah] == ["ID5"]
    kode_pd = {
        i.kode
        for i in yatim.indikator_pd
        if i.renstra.unit_kerja.kode == "SETDA" and i.renstra.tahun_mulai == 2024
    }
    assert kode_pd == {"IKU07"}  # S1's indicators support SD1 through their sasaran
    client.force_login(admin_kaltim)
    body = client.get(reverse("rpjmd:pohon", args=[rpjmd.pk]), {"tahun": 2024}).content.decode()
    assert "Indeks Reformasi Birokrasi Pemerintah Provinsi" in body.split('id="yatim"')[1]
    assert "IKU07" in body.split('id="yatim"')[1]


def test_linking_the_orphan_clears_its_warning(rpjmd, admin_kaltim):
    iku07 = Indikator.objects.get(renstra__unit_kerja__kode="SETDA", renstra__tahun_mulai=2024, kode="IKU07")
    services.tambah_dukungan(
        by=admin_kaltim,
        indikator=iku07,
        indikator_daerah=IndikatorDaerah.objects.get(rpjmd=rpjmd, kode="ID5"),
    )
    yatim = queries.yatim(rpjmd, admin_kaltim)
    assert yatim.indikator_daerah == []
    assert "IKU07" not in {i.kode for i in yatim.indikator_pd if i.renstra.tahun_mulai == 2024}


def test_the_tree_page_shows_nodes_collapsible_with_their_colour(client, rpjmd, admin_kaltim):
    client.force_login(admin_kaltim)
    response = client.get(reverse("rpjmd:pohon", args=[rpjmd.pk]), {"tahun": 2024})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<details open>") >= 10
    assert "Plt. Kepala Biro Organisasi" in body
    assert 'data-jenis="orang"' in body
    # the crosscutting view: SD2 is supported through indicators reported by several Biro of one PD only
    assert 'id="lintas-pd"' in body


def _jumlah_query(fungsi) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fungsi()
    return len(ctx.captured_queries)


def test_query_count_of_the_tree_does_not_grow_with_its_size(client, rpjmd, admin_kaltim):
    client.force_login(admin_kaltim)
    url = reverse("rpjmd:pohon", args=[rpjmd.pk])
    client.get(url, {"tahun": 2024})  # the session's first write
    sebelum_simpul = len(_pohon(rpjmd, admin_kaltim).akar.semua())
    sebelum = _jumlah_query(lambda: client.get(url, {"tahun": 2024}))
    sebelum_pohon = _jumlah_query(lambda: _pohon(rpjmd, admin_kaltim))

    # Grow the tree: a new sasaran with five indicators, each supported by a Setda IKU, and a person per Biro.
    tujuan = rpjmd.tujuan.first()
    sasaran = services.simpan_sasaran(
        rpjmd=rpjmd, by=admin_kaltim, kode="SD9", uraian="Sasaran tambahan", tujuan=tujuan
    )
    iku = list(
        Indikator.objects.filter(
            renstra__unit_kerja__kode="SETDA", renstra__tahun_mulai=2024, sasaran__isnull=False
        )[:5]
    )
    for n, ind in enumerate(iku):
        # every other new indicator is a predikat one (measured by rank on its own scale)
        jenis = {"jenis": "predikat", "skala_predikat": ["C", "B", "BB", "A"]} if n % 2 else {}
        baru = services.simpan_indikator(
            rpjmd=rpjmd,
            by=admin_kaltim,
            kode=f"IDX{n}",
            nama=f"Indikator tambahan {n}",
            sasaran=sasaran,
            satuan="Predikat" if n % 2 else "Persen",
            target={2024: ("A", "BB") if n % 2 else (Decimal(90), Decimal(80 + n))},
            **jenis,
        )
        services.tambah_dukungan(by=admin_kaltim, indikator=ind, indikator_daerah=baru)
        orang = services.simpan_pk_individu(
            unit_kerja=ind.penanggung_jawab,
            by=admin_kaltim,
            tahun=2024,
            nama=f"Pegawai {n}",
            nip="",
            jabatan=f"Pelaksana {n}",
        )
        services.simpan_indikator_individu(
            pk_individu=orang,
            by=admin_kaltim,
            nama=f"Kinerja {n}",
            satuan="Persen",
            target=Decimal(100),
            realisasi=Decimal(90),
            mendukung=ind,
        )
    sesudah = _pohon(rpjmd, admin_kaltim).akar.semua()
    assert len(sesudah) >= sebelum_simpul + 15
    # BB is level 3 and A level 4 of C < B < BB < A: 3 / 4 × 100 = 75
    assert [s.capaian for s in sesudah if s.jenis == "indikator_daerah" and s.objek.is_predikat] == [
        Decimal(75),
        Decimal(75),
    ]
    assert _jumlah_query(lambda: _pohon(rpjmd, admin_kaltim)) == sebelum_pohon
    assert _jumlah_query(lambda: client.get(url, {"tahun": 2024})) == sebelum
    assert PKIndividu.objects.filter(nama__startswith="Pegawai").count() == 5
    assert SasaranDaerah.objects.filter(rpjmd=rpjmd).count() == 3


@pytest.mark.parametrize(("format", "awal"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_the_tree_exports_as_a_picture(client, rpjmd, admin_kaltim, format, awal):
    client.force_login(admin_kaltim)
    response = client.get(reverse(f"rpjmd:pohon_{format}", args=[rpjmd.pk]), {"tahun": 2024})
    assert response.status_code == 200
    assert response.content.startswith(awal)
    assert f"pohon-kinerja-provinsi-kalimantan-timur-2024.{format}" in response["Content-Disposition"]


def test_loading_the_demo_rpjmd_again_writes_nothing(rpjmd):
    from sakip.demo import loader
    from sakip.rpjmd import models

    riwayat = [
        models.Rpjmd,
        models.Misi,
        models.TujuanDaerah,
        models.SasaranDaerah,
        models.IndikatorDaerah,
        models.TargetDaerah,
        models.Dukungan,
        models.PKIndividu,
        models.IndikatorIndividu,
        models.PKKepalaDaerah,
        models.PKKepalaDaerahIndikator,
    ]
    sebelum = [m.history.count() for m in riwayat]
    assert all(sebelum)
    loader.load_rpjmd()
    assert [m.history.count() for m in riwayat] == sebelum


def test_the_demo_has_a_draft_pk_of_the_governor_over_the_iku_pemda(rpjmd):
    pk = rpjmd.pk_kepala_daerah.get(tahun=2024)
    assert pk.status == "draft"
    assert {b.indikator_daerah.kode: b.target for b in pk.indikator.select_related("indikator_daerah")} == {
        "ID1": Decimal(70),
        "ID2": Decimal(71),
        "ID3": Decimal(75),
        "ID4": Decimal(82),
    }


def test_the_tree_opens_on_the_latest_year_with_data_or_the_users_working_year_with_data(
    client, rpjmd, admin_kaltim
):
    from sakip.lib import tahun as lib_tahun

    # The demo measures 2024 only (2025 and 2026 have targets and no realisasi).
    assert queries.tahun_berdata(rpjmd) == [2024]
    client.force_login(admin_kaltim)
    url = reverse("rpjmd:pohon", args=[rpjmd.pk])
    assert client.get(url).context["tahun"] == 2024
    sesi = client.session
    sesi[lib_tahun.KUNCI_SESI] = 2025  # the working year chosen elsewhere has no data in the RPJMD
    sesi.save()
    assert client.get(url).context["tahun"] == 2024
    assert client.get(url, {"tahun": 2026}).context["tahun"] == 2026  # asked for explicitly
    # Once 2025 has a realisasi, the working year 2025 is kept.
    services.simpan_target(
        indikator=IndikatorDaerah.objects.get(rpjmd=rpjmd, kode="ID3"),
        tahun=2025,
        target=Decimal(77),
        realisasi=Decimal(76),
        by=admin_kaltim,
    )
    sesi = client.session
    sesi[lib_tahun.KUNCI_SESI] = 2025
    sesi.save()
    assert client.get(url).context["tahun"] == 2025
    api = APIClient()
    api.force_authenticate(admin_kaltim)
    assert api.get(f"/api/rpjmd/{rpjmd.pk}/pohon/").data["tahun"] == 2025  # the latest with data
