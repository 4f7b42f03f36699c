"""The PK of the kepala daerah: made from the IKU Pemda and their targets, edited as a draft by the admin pemda,
finalised, and generated as Word and PDF like a unit's PK."""

from __future__ import annotations

import io
import shutil
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from sakip.rpjmd import services
from sakip.rpjmd.models import PKKepalaDaerah

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk_kd(data, admin_pemda):
    return services.buat_pk_kepala_daerah(
        rpjmd=data["rpjmd"],
        tahun=2024,
        by=admin_pemda,
        jabatan="Gubernur P",
        status_jabatan="pj",
        tempat="Kota P",
    )


def test_the_pk_takes_the_iku_pemda_with_the_years_target(pk_kd, data):
    baris = list(pk_kd.indikator.all())
    assert [(b.indikator_daerah, b.target) for b in baris] == [(data["indikator"], Decimal(80))]
    assert pk_kd.jabatan_lengkap == "Pj. Gubernur P"


def test_a_pk_is_finalised_only_with_the_name_and_every_target_and_then_frozen(client, pk_kd, admin_pemda):
    with pytest.raises(ValidationError, match="nama kepala daerah belum diisi"):
        services.finalkan_pk_kepala_daerah(pk=pk_kd, by=admin_pemda)
    client.force_login(admin_pemda)
    baris = pk_kd.indikator.get()
    response = client.post(
        reverse("rpjmd:pk_kd_ubah", args=[pk_kd.pk]),
        {
            "nama": "Budi Santoso",
            "jabatan": "Gubernur P",
            "status_jabatan": "pj",
            f"target_{baris.pk}": "82,5",
        },
    )
    assert response.status_code == 302
    baris.refresh_from_db()
    assert baris.target == Decimal("82.5")
    assert baris.history.first().history_user == admin_pemda
    client.post(reverse("rpjmd:pk_kd_finalkan", args=[pk_kd.pk]))
    assert PKKepalaDaerah.objects.get(pk=pk_kd.pk).status == "final"
    with pytest.raises(ValidationError, match="sudah final"):
        services.ubah_pk_kepala_daerah(pk=pk_kd, by=admin_pemda, target={baris.pk: Decimal(1)})


def test_only_the_admin_pemda_edits_and_an_outsider_gets_404(client, pk_kd, operator_a, evaluator, luar):
    for user in (operator_a, evaluator):
        client.force_login(user)
        assert client.get(reverse("rpjmd:pk_kd_detail", args=[pk_kd.pk])).status_code == 200
        assert client.get(reverse("pelaporan:pk_kd_docx", args=[pk_kd.pk])).status_code == 200
        assert client.get(reverse("rpjmd:pk_kd_ubah", args=[pk_kd.pk])).status_code == 403
        assert client.post(reverse("rpjmd:pk_kd_finalkan", args=[pk_kd.pk])).status_code == 403
    client.force_login(luar)
    assert client.get(reverse("rpjmd:pk_kd_detail", args=[pk_kd.pk])).status_code == 404
    assert client.get(reverse("pelaporan:pk_kd_docx", args=[pk_kd.pk])).status_code == 404


def test_the_word_document_states_the_kepala_daerah_and_lists_the_iku_pemda(client, pk_kd, admin_pemda):
    client.force_login(admin_pemda)
    response = client.get(reverse("pelaporan:pk_kd_docx", args=[pk_kd.pk]))
    doc = Document(io.BytesIO(response.content))
    teks = "\n".join(p.text for p in doc.paragraphs)
    sel = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks
    assert "PEMERINTAH PROVINSI UJI P" in teks
    assert "Pj. Gubernur P" in teks
    assert "Indeks satu" in sel
    assert "80,00" in sel


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_the_pdf_is_converted_from_the_word_document(client, pk_kd, admin_pemda):
    client.force_login(admin_pemda)
    response = client.get(reverse("pelaporan:pk_kd_pdf", args=[pk_kd.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_admin_pemda_creates_it_on_the_page_and_a_reader_may_not(client, data, admin_pemda, pimpinan_a):
    url = reverse("rpjmd:pk_kd_baru", args=[data["rpjmd"].pk])
    isian = {"tahun": 2025, "jabatan": "Gubernur P", "status_jabatan": "definitif"}
    client.force_login(pimpinan_a)
    assert client.post(url, isian).status_code == 403
    client.force_login(admin_pemda)
    response = client.post(url, isian)
    baru = PKKepalaDaerah.objects.get(rpjmd=data["rpjmd"], tahun=2025)
    assert response["Location"] == reverse("rpjmd:pk_kd_detail", args=[baru.pk])
    assert baru.indikator.get().target is None  # no RPJMD target for 2025 yet: to be filled before finalising
    again = client.post(url, isian)
    assert again.status_code == 200
    assert "PK kepala daerah tahun 2025 sudah ada." in again.content.decode()


def test_an_rpjmd_without_iku_pemda_gets_no_pk_and_nothing_is_kept(data, admin_pemda):
    data["indikator"].is_iku = False
    data["indikator"].save()
    with pytest.raises(ValidationError, match="belum memiliki IKU Pemda"):
        services.buat_pk_kepala_daerah(rpjmd=data["rpjmd"], tahun=2024, by=admin_pemda, jabatan="Gubernur P")
    assert not PKKepalaDaerah.objects.exists()


# --- API ---------------------------------------------------------------------------------------------------------------


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_every_role_of_the_pemda_reads_the_pk_and_an_outsider_gets_404(
    pk_kd, data, admin_pemda, operator_a, pimpinan_a, evaluator, luar
):
    for user in (admin_pemda, operator_a, pimpinan_a, evaluator):
        client = _api(user)
        r = client.get(f"/api/pk-kepala-daerah/{pk_kd.pk}/")
        assert r.status_code == 200, user
        assert (r.data["status"], r.data["jabatan"], r.data["status_jabatan"]) == (
            "draft",
            "Gubernur P",
            "pj",
        )
        assert [(b["kode"], b["target"]) for b in r.data["indikator"]] == [("I1", "80.000000")]
        assert client.get("/api/pk-kepala-daerah/", {"rpjmd": data["rpjmd"].pk}).data["count"] == 1
    outsider = _api(luar)
    assert outsider.get(f"/api/pk-kepala-daerah/{pk_kd.pk}/").status_code == 404
    assert outsider.get("/api/pk-kepala-daerah/").data["count"] == 0
    assert outsider.patch(f"/api/pk-kepala-daerah/{pk_kd.pk}/", {"nama": "X"}).status_code == 404
    assert outsider.post(f"/api/pk-kepala-daerah/{pk_kd.pk}/finalkan/").status_code == 404


def test_api_only_the_admin_pemda_writes_and_nothing_changes_for_others(pk_kd, data, operator_a, pimpinan_a):
    for user in (operator_a, pimpinan_a):
        client = _api(user)
        assert client.patch(f"/api/pk-kepala-daerah/{pk_kd.pk}/", {"nama": "X"}).status_code == 403
        assert client.post(f"/api/pk-kepala-daerah/{pk_kd.pk}/finalkan/").status_code == 403
        r = client.post("/api/pk-kepala-daerah/", {"rpjmd": data["rpjmd"].pk, "tahun": 2025, "jabatan": "G"})
        assert r.status_code == 403
    pk_kd.refresh_from_db()
    assert (pk_kd.nama, pk_kd.status) == ("", "draft")
    assert PKKepalaDaerah.objects.count() == 1


def test_api_the_admin_creates_edits_and_finalises_and_then_the_pk_is_frozen(data, admin_pemda):
    client = _api(admin_pemda)
    r = client.post(
        "/api/pk-kepala-daerah/",
        {"rpjmd": data["rpjmd"].pk, "tahun": 2024, "jabatan": "Gubernur P"},
        format="json",
    )
    assert r.status_code == 201, r.data
    pk_id, baris = r.data["id"], r.data["indikator"][0]["id"]
    again = client.post(
        "/api/pk-kepala-daerah/", {"rpjmd": data["rpjmd"].pk, "tahun": 2024, "jabatan": "G"}, format="json"
    )
    assert again.status_code == 400
    assert "PK kepala daerah tahun 2024 sudah ada." in str(again.data)
    # not finalised without the name
    r = client.post(f"/api/pk-kepala-daerah/{pk_id}/finalkan/")
    assert r.status_code == 400
    assert "nama kepala daerah belum diisi" in str(r.data)
    r = client.patch(
        f"/api/pk-kepala-daerah/{pk_id}/",
        {"nama": "Budi Santoso", "indikator": [{"id": baris, "target": "82.5"}]},
        format="json",
    )
    assert r.status_code == 200, r.data
    assert (r.data["nama"], r.data["indikator"][0]["target"]) == ("Budi Santoso", "82.500000")
    # a line of another PK, a negative target: refused, nothing saved
    r = client.patch(
        f"/api/pk-kepala-daerah/{pk_id}/", {"indikator": [{"id": 999999, "target": "1"}]}, format="json"
    )
    assert r.status_code == 400
    assert "bukan baris PK ini" in str(r.data)
    r = client.patch(
        f"/api/pk-kepala-daerah/{pk_id}/",
        {"nama": "Lain", "indikator": [{"id": baris, "target": "-1"}]},
        format="json",
    )
    assert r.status_code == 400
    assert "target tidak boleh negatif" in str(r.data)
    assert PKKepalaDaerah.objects.get(pk=pk_id).nama == "Budi Santoso"
    r = client.post(f"/api/pk-kepala-daerah/{pk_id}/finalkan/")
    assert (r.status_code, r.data["status"]) == (200, "final")
    r = client.patch(f"/api/pk-kepala-daerah/{pk_id}/", {"nama": "Lain"}, format="json")
    assert r.status_code == 400
    assert "sudah final" in str(r.data)
    assert PKKepalaDaerah.objects.get(pk=pk_id).nama == "Budi Santoso"
    # its history names the admin
    assert PKKepalaDaerah.history.filter(id=pk_id).first().history_user == admin_pemda


def test_api_list_of_pk_reads_the_same_number_of_queries_for_more_lines(data, admin_pemda):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _api(admin_pemda)
    services.buat_pk_kepala_daerah(rpjmd=data["rpjmd"], tahun=2024, by=admin_pemda, jabatan="G")
    client.get("/api/rpjmd/")

    def hitung() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/pk-kepala-daerah/").status_code == 200
        return len(ctx.captured_queries)

    sebelum = hitung()
    for n in range(3):
        services.simpan_indikator(
            rpjmd=data["rpjmd"],
            by=admin_pemda,
            kode=f"K{n}",
            nama=f"IKU {n}",
            satuan="Indeks",
            sasaran=data["sasaran"],
            is_iku=True,
            target={2025: (Decimal(n), None)},
        )
    services.buat_pk_kepala_daerah(rpjmd=data["rpjmd"], tahun=2025, by=admin_pemda, jabatan="G")
    assert client.get("/api/pk-kepala-daerah/").data["count"] == 2
    assert hitung() == sebelum


def test_an_iku_in_a_pk_cannot_be_deleted_and_the_page_says_why(client, pk_kd, data, admin_pemda):
    services.hapus_dukungan(dukungan=data["link"], by=admin_pemda)
    client.force_login(admin_pemda)
    response = client.post(
        reverse("rpjmd:elemen_hapus", args=["indikator", data["indikator"].pk]), follow=True
    )
    assert response.status_code == 200
    assert "tercantum pada PK kepala daerah tahun 2024; tidak dapat dihapus." in response.content.decode()
    assert pk_kd.indikator.filter(indikator_daerah=data["indikator"]).exists()
