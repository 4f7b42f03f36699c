"""Measurement settings effective per year: service, page (admin writes, others read), API, audit trail."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory
from sakip.pengukuran import queries, services
from sakip.pengukuran.models import PengaturanPengukuran, pengaturan_untuk
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator

D = Decimal
URL = "/pengukuran/pengaturan/"
API = "/api/pengaturan-pengukuran/"


@pytest.fixture
def renstra(org, admin_pemda):
    """Two indicators, target 100 each year; IKU01 reaches 120 in 2024 and 2025, IKU02 has no realisasi."""
    renstra = perencanaan.create_renstra(
        unit_kerja=org.setda, nama="Renstra Setda", tahun_mulai=2024, tahun_selesai=2026
    )
    tujuan = perencanaan.add_tujuan(renstra=renstra, kode="T1", uraian="Tujuan")
    sasaran = perencanaan.add_sasaran(renstra=renstra, tujuan=tujuan, kode="S1", uraian="Sasaran")
    for kode in ("IKU01", "IKU02"):
        ind = Indikator(
            renstra=renstra, sasaran=sasaran, kode=kode, nama=kode, satuan="Persen", jenis="indeks"
        )
        target = {t: perencanaan.NilaiTarget(nilai=D(100)) for t in (2024, 2025)}
        perencanaan.save_indikator(indikator=ind, target=target)
        if kode == "IKU01":
            for tahun in (2024, 2025):
                services.save_realisasi(
                    indikator=ind, tahun=tahun, periode="TAHUN", by=admin_pemda, nilai=D(120)
                )
    return renstra


def _ubah(pemda, tahun, by, **lain):
    isian = {
        "metode_rollup": "rata_rata_indikator",
        "kebijakan_kosong": "hitung_nol",
        "batas_capaian": D(110),
        "skala_kategori": "lkjip_kaltim",
        "hari_tenggat": 10,
        **lain,
    }
    return services.simpan_pengaturan(pemda=pemda, tahun=tahun, by=by, **isian)


@pytest.fixture
def luar(org):
    """An admin of the other pemda: has no role in pemda P."""
    user = PenggunaFactory(username="admin_lain")
    org_services.assign_role(pengguna=user, peran=Penugasan.Peran.ADMIN_PEMDA, pemda=org.pemda_lain)
    return user


def test_a_change_for_2025_leaves_the_2024_figures_as_they_were(renstra, org, admin_pemda):
    sebelum = queries.tabel_capaian(renstra, 2024)
    assert sebelum.unit.nilai == D(120)  # the missing IKU02 excluded, no cap
    _ubah(org.pemda, 2025, admin_pemda)
    tahun_2024 = queries.tabel_capaian(renstra, 2024)
    tahun_2025 = queries.tabel_capaian(renstra, 2025)
    assert tahun_2024.unit.nilai == D(120)
    assert tahun_2024.kategori_unit.label == "Memuaskan"
    assert tahun_2025.unit.nilai == D(55)  # (min(120, 110) + 0) / 2
    assert tahun_2025.kategori_unit.label == "Cukup"  # 55 – < 70 on the Kaltim scale
    assert "realisasi kosong dihitung 0" in tahun_2025.unit.keterangan
    assert "realisasi kosong dikecualikan" in tahun_2024.unit.keterangan
    # 2026 inherits 2025's row until a later change
    assert pengaturan_untuk(org.pemda.pk, 2026).berlaku_mulai == 2025
    assert pengaturan_untuk(org.pemda.pk, 2024).pk is None


def test_settings_change_is_recorded_with_author_old_and_new(org, admin_pemda):
    _ubah(org.pemda, 2025, admin_pemda)
    _ubah(org.pemda, 2025, admin_pemda, hari_tenggat=20)
    terbaru, pertama = PengaturanPengukuran.history.filter(pemda_id=org.pemda.pk).order_by("-history_date")[
        :2
    ]
    assert terbaru.history_user == admin_pemda
    perubahan = {c.field: (c.old, c.new) for c in terbaru.diff_against(pertama).changes}
    assert perubahan == {"hari_tenggat": (10, 20)}


@pytest.mark.parametrize(
    ("isian", "field"),
    [
        ({"batas_capaian": D(90)}, "batas_capaian"),
        ({"skala_kategori": "tidak_ada"}, "skala_kategori"),
        ({"hari_tenggat": 400}, "hari_tenggat"),
        ({"metode_rollup": "median"}, "metode_rollup"),
    ],
)
def test_bad_settings_are_refused_at_their_field_and_nothing_is_saved(org, admin_pemda, isian, field):
    with pytest.raises(ValidationError) as exc:
        _ubah(org.pemda, 2025, admin_pemda, **isian)
    assert list(exc.value.message_dict) == [field]
    assert not PengaturanPengukuran.objects.exists()


def test_only_the_admin_pemda_changes_the_settings(org, operator_a, luar):
    for user in (operator_a, luar):
        with pytest.raises(PermissionDenied):
            _ubah(org.pemda, 2025, user)


def test_a_locked_year_keeps_its_settings(org, admin_pemda):
    services.lock_year(pemda=org.pemda, tahun=2024, by=admin_pemda)
    with pytest.raises(ValidationError) as exc:
        _ubah(org.pemda, 2024, admin_pemda)
    assert "terkunci" in exc.value.message_dict["tahun"][0]


# --- page --------------------------------------------------------------------------------------------------------------


def _form(pemda, tahun, **lain):
    return {
        "pemda": pemda.pk,
        "tahun": tahun,
        "metode_rollup": "rata_rata_indikator",
        "kebijakan_kosong": "hitung_nol",
        "batas_capaian": "110",
        "skala_kategori": "lkjip_lima_pita",
        "skala_lampu": "lampu",
        "hari_tenggat": "10",
        **lain,
    }


def test_admin_saves_settings_for_a_year_on_the_page_and_sees_them_in_effect(client, org, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(URL, _form(org.pemda, 2025))
    assert response.status_code == 302
    halaman = client.get(URL, {"pemda": org.pemda.pk, "tahun": 2026}).content.decode()
    assert "Ditetapkan mulai tahun 2025" in halaman
    assert "Realisasi kosong dihitung 0" in halaman
    assert "Skala lima pita LKjIP" in halaman
    assert "admin_pemda" in halaman  # the audit trail names the author
    halaman_2024 = client.get(URL, {"pemda": org.pemda.pk, "tahun": 2024}).content.decode()
    assert "Pengaturan bawaan" in halaman_2024


def test_a_bad_cap_is_shown_at_its_field_on_the_page(client, org, admin_pemda):
    client.force_login(admin_pemda)
    response = client.post(URL, _form(org.pemda, 2025, batas_capaian="90"))
    assert response.status_code == 200
    assert response.context["form"].errors["batas_capaian"] == [
        "Batas capaian harus di antara 100 dan 1.000 (kosongkan bila tanpa batas)."
    ]
    assert not PengaturanPengukuran.objects.exists()


def test_read_only_roles_read_the_settings_without_a_form_and_cannot_post(
    client, org, pimpinan_a, operator_a
):
    for user in (pimpinan_a, operator_a):
        client.force_login(user)
        response = client.get(URL, {"tahun": 2025})
        assert response.status_code == 200
        assert b"Simpan pengaturan" not in response.content
        assert b"hanya dapat membaca" in response.content
        assert client.post(URL, _form(org.pemda, 2025)).status_code == 403
    assert not PengaturanPengukuran.objects.exists()


def test_outsider_gets_404_for_another_pemdas_settings(client, org, luar):
    client.force_login(luar)
    assert client.get(URL, {"pemda": org.pemda.pk}).status_code == 404
    assert client.post(URL, _form(org.pemda, 2025)).status_code == 404
    assert client.get(URL).context["pemda"] == org.pemda_lain


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


# --- API ---------------------------------------------------------------------------------------------------------------


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def _json(pemda, tahun, **lain):
    return {**_form(pemda, tahun), "batas_capaian": "110.00", **lain}


def test_api_admin_changes_settings_and_the_capaian_of_that_year_follows(
    renstra, org, admin_pemda, pimpinan_a
):
    response = _api(admin_pemda).post(
        API, _json(org.pemda, 2025, skala_kategori="lkjip_kaltim"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["berlaku_mulai"] == 2025
    baca = _api(pimpinan_a)
    assert baca.get(f"{API}berlaku/", {"tahun": 2024}).json()["berlaku_mulai"] is None
    berlaku = baca.get(f"{API}berlaku/", {"tahun": 2027}).json()
    assert (berlaku["berlaku_mulai"], berlaku["kebijakan_kosong"]) == (2025, "hitung_nol")
    capaian = f"/api/renstra/{renstra.pk}/capaian/"
    assert D(str(_api(admin_pemda).get(capaian, {"tahun": 2024}).json()["unit"]["nilai"])) == D(120)
    tahun_2025 = _api(admin_pemda).get(capaian, {"tahun": 2025}).json()["unit"]
    assert D(str(tahun_2025["nilai"])) == D(55)
    assert "dihitung 0" in tahun_2025["keterangan"]


def test_api_refuses_bad_settings_at_the_field(org, admin_pemda):
    response = _api(admin_pemda).post(API, _json(org.pemda, 2025, batas_capaian="90.00"), format="json")
    assert response.status_code == 400
    assert response.json() == {
        "batas_capaian": ["Batas capaian harus di antara 100 dan 1.000 (kosongkan bila tanpa batas)."]
    }


def test_api_read_only_gets_403_and_outsider_404(org, pimpinan_a, operator_a, luar):
    assert _api(pimpinan_a).post(API, _json(org.pemda, 2025), format="json").status_code == 403
    assert _api(operator_a).post(API, _json(org.pemda, 2025), format="json").status_code == 403
    assert _api(luar).post(API, _json(org.pemda, 2025), format="json").status_code == 404
    assert _api(luar).get(f"{API}berlaku/", {"pemda": org.pemda.pk, "tahun": 2025}).status_code == 404
    assert not PengaturanPengukuran.objects.exists()


def test_api_list_shows_an_outsider_nothing_of_another_pemda(org, admin_pemda, luar):
    _ubah(org.pemda, 2025, admin_pemda)
    assert _api(luar).get(API).json()["count"] == 0
    assert _api(admin_pemda).get(API).json()["count"] == 1
