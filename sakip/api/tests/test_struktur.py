"""Issue #20 item 5: units, tujuan, sasaran and programs (with kegiatan and sub kegiatan) over the API, read-only and
scope-filtered like the pages; listed in the OpenAPI schema."""

import pytest
from rest_framework.test import APIClient

from sakip.perencanaan import services
from sakip.perencanaan.tests.factories import renstra_dengan_iku


def _api(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


@pytest.fixture
def rencana(org):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    program = services.save_program(
        unit_kerja=org.biro_a, kode="4.01.02", nama="P", sasaran=renstra.sasaran.all()
    )
    kegiatan = program.kegiatan.create(kode="4.01.02.2.01", nama="K")
    services.save_sub_kegiatan(
        kegiatan=kegiatan, kode="4.01.02.2.01.0001", nama="S", satuan_keluaran="Dokumen"
    )
    return renstra, program


def test_the_structure_endpoints_list_what_the_user_may_read(org, rencana, operator_a, operator_b):
    renstra, program = rencana
    data = _api(operator_a).get("/api/program/").json()
    [p] = data["results"]
    assert (p["kode"], p["kegiatan"][0]["sub_kegiatan"][0]["satuan_keluaran"]) == ("4.01.02", "Dokumen")
    assert [u["kode"] for u in _api(operator_a).get("/api/unit-kerja/").json()["results"]] == [
        "SETDA.A",
        "SETDA.A.1",
    ]
    assert [
        t["kode"] for t in _api(operator_a).get(f"/api/tujuan/?renstra={renstra.pk}").json()["results"]
    ] == ["T1"]
    assert [s["kode"] for s in _api(operator_a).get("/api/sasaran/").json()["results"]] == ["S1"]
    # The operator of another unit sees none of it, and gets 404 for each object.
    luar = _api(operator_b)
    for daftar in ("/api/program/", "/api/tujuan/", "/api/sasaran/"):
        assert luar.get(daftar).json()["results"] == []
    for url in (
        f"/api/program/{program.pk}/",
        f"/api/tujuan/{renstra.tujuan.get().pk}/",
        f"/api/sasaran/{renstra.sasaran.get().pk}/",
        f"/api/unit-kerja/{org.biro_a.pk}/",
    ):
        assert luar.get(url).status_code == 404, url


def test_the_structure_endpoints_take_no_writes_but_programs_are_written_by_writers_only(
    org, rencana, pimpinan_a, operator_a
):
    renstra, program = rencana
    assert _api(pimpinan_a).post("/api/program/", {}).status_code == 403  # read-only role
    assert _api(pimpinan_a).delete(f"/api/program/{program.pk}/").status_code == 403
    assert _api(operator_a).delete(f"/api/tujuan/{renstra.tujuan.get().pk}/").status_code == 405
    assert _api(operator_a).delete(f"/api/unit-kerja/{org.biro_a.pk}/").status_code == 405
    assert program.kegiatan.count() == 1  # programs' writes: test_kelola.py


def test_the_structure_endpoints_are_in_the_openapi_schema(org, operator_a):
    skema = _api(operator_a).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for jalur in ("/api/unit-kerja/", "/api/tujuan/", "/api/sasaran/", "/api/program/", "/api/program/{id}/"):
        assert jalur in skema["paths"], jalur


def test_the_nomenclature_of_the_version_in_force_is_listed_by_prefix_and_kind(org, operator_a):
    from sakip.perencanaan import nomenklatur

    nomenklatur.simpan_versi(
        keputusan="050-5889/2021",
        tahun_berlaku=2021,
        baris={
            "program": [{"kode": "4.01.02", "nama": "PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT"}],
            "kegiatan": [{"kode": "4.01.02.2.01", "nama": "Administrasi Tata Pemerintahan"}],
        },
    )
    data = _api(operator_a).get("/api/nomenklatur/?jenis=kegiatan&kode=4.01.02").json()
    assert [(r["keputusan"], r["kode"]) for r in data["results"]] == [("050-5889/2021", "4.01.02.2.01")]
    assert _api(operator_a).get("/api/nomenklatur/?keputusan=tidak-ada").json()["results"] == []
    assert APIClient().get("/api/nomenklatur/").status_code in (401, 403)
