"""Budget lines through the API: pagu, realisasi, monthly realisasi, with the service's rules and history."""

from decimal import Decimal

from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.api.tests.conftest import client_for

URL = "/api/anggaran/"


def _baris(unit="SETDA.KESRA") -> AnggaranSubKegiatan:
    return (
        AnggaranSubKegiatan.objects.filter(
            sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode="64",
            sub_kegiatan__kegiatan__program__unit_kerja__kode=unit,
            tahun=2024,
        )
        .order_by("sub_kegiatan__kode")
        .first()
    )


def test_a_budget_line_reads_pagu_realisasi_and_absorption_as_exact_decimal_strings(api):
    baris = _baris()
    body = api("inspektorat").get(f"{URL}{baris.pk}/").json()
    assert body["pagu"] == f"{baris.pagu:.2f}"
    assert body["realisasi"] == f"{baris.realisasi:.2f}"
    assert Decimal(body["penyerapan"]) == baris.penyerapan
    assert body["unit_kode"] == "SETDA.KESRA"


def test_patch_realisasi_above_pagu_needs_confirmation_and_history_records_it(api):
    baris = _baris()
    client = api("admin.kaltim")
    lebih = baris.pagu + 1
    refused = client.patch(f"{URL}{baris.pk}/", {"realisasi": str(lebih)}, format="json")
    assert refused.status_code == 400
    assert "melebihi pagu" in refused.json()["realisasi"][0]
    accepted = client.patch(
        f"{URL}{baris.pk}/", {"realisasi": str(lebih), "izinkan_lebih_pagu": True}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()
    baris.refresh_from_db()
    assert baris.realisasi == lebih
    assert baris.history.latest().history_user.username == "admin.kaltim"


def test_monthly_realisasi_become_the_yearly_sum(api):
    baris = _baris()
    client = api("admin.kaltim")
    response = client.put(
        f"{URL}{baris.pk}/bulanan/",
        {"bulanan": [{"bulan": 1, "realisasi": "1000.50"}, {"bulan": 2, "realisasi": "2000"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["realisasi"] == "3000.50"
    assert response.json()["bulanan"] == [
        {"bulan": 1, "realisasi": "1000.50"},
        {"bulan": 2, "realisasi": "2000.00"},
    ]
    # The yearly figure now follows the months: a different total is refused.
    different = client.patch(f"{URL}{baris.pk}/", {"realisasi": "1"}, format="json")
    assert different.status_code == 400
    wrong_month = client.put(
        f"{URL}{baris.pk}/bulanan/", {"bulanan": [{"bulan": 13, "realisasi": "1"}]}, format="json"
    )
    assert wrong_month.status_code == 400


def test_post_sets_a_new_year_for_a_sub_kegiatan(api):
    baris = _baris()
    response = api("admin.kaltim").post(
        URL,
        {"sub_kegiatan": baris.sub_kegiatan_id, "tahun": 2025, "pagu": "1000000", "realisasi": "250000"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["penyerapan"] == "25"
    assert AnggaranSubKegiatan.objects.get(sub_kegiatan=baris.sub_kegiatan, tahun=2025).pagu == Decimal(
        1000000
    )


def test_scope_and_read_only_roles(api, luar):
    baris = _baris()
    assert (
        api("pimpinan.setda").patch(f"{URL}{baris.pk}/", {"realisasi": "1"}, format="json").status_code == 403
    )
    assert api("operator.adpim").get(f"{URL}{baris.pk}/").status_code == 404
    assert (
        api("operator.adpim").patch(f"{URL}{baris.pk}/", {"realisasi": "1"}, format="json").status_code == 404
    )
    assert client_for(luar).get(f"{URL}{baris.pk}/").status_code == 404
    own = {r["unit_kode"] for r in api("operator.adpim").get(URL, {"tahun": 2024}).json()["results"]}
    assert own == {"SETDA.ADPIM"}
    post = api("operator.adpim").post(
        URL,
        {"sub_kegiatan": baris.sub_kegiatan_id, "tahun": 2025, "pagu": "1", "realisasi": "0"},
        format="json",
    )
    assert post.status_code == 404
