"""Quarter locks (issue #17 point 8): the admin pemda locks one quarter of a year; its realisasi cannot change by any
path (service, page, API, workflow, evidence, the indicator definition they were computed with) while the other
quarters stay open; unlocking needs a reason; both are in the audit trail; the lock is shown where it blocks."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sakip.pengukuran import services
from sakip.pengukuran.models import KunciPeriode, Realisasi
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.integritas import DataTerkunci

from .conftest import PDF


def _simpan(iku, periode, by, selesai="3", versi=0):
    return services.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode=periode,
        by=by,
        masukan={"selesai": D(selesai), "usulan": D(4)},
        versi=versi,
    )


@pytest.fixture
def tw1_terkunci(org, admin_pemda):
    return services.lock_period(pemda=org.pemda, tahun=2024, periode="TW1", by=admin_pemda)


def test_a_locked_quarter_refuses_its_realisasi_while_other_quarters_stay_open(iku, operator_a, tw1_terkunci):
    with pytest.raises(DataTerkunci, match="data Triwulan I tahun 2024 sudah dikunci"):
        _simpan(iku, "TW1", operator_a)
    assert not Realisasi.objects.filter(periode="TW1").exists()
    assert _simpan(iku, "TW2", operator_a).nilai == D(75)
    assert _simpan(iku, "TAHUN", operator_a).nilai == D(75)


def test_a_locked_quarter_of_one_year_leaves_that_quarter_of_other_years_open(iku, operator_a, tw1_terkunci):
    r = services.save_realisasi(
        indikator=iku, tahun=2025, periode="TW1", by=operator_a, masukan={"selesai": D(1), "usulan": D(2)}
    )
    assert r.nilai == D(50)


def test_a_quarter_of_another_pemda_is_not_locked_by_this_one(org, iku, operator_a, admin_user):
    services.lock_period(pemda=org.pemda_lain, tahun=2024, periode="TW1", by=admin_user)
    assert _simpan(iku, "TW1", operator_a).periode == "TW1"


def test_workflow_and_evidence_of_a_locked_quarter_are_refused(iku, operator_a, pimpinan_a, org, admin_pemda):
    tw1 = services.submit_realisasi(_simpan(iku, "TW1", operator_a), by=operator_a)
    dokumen = services.upload_data_dukung(unit=org.biro_a, nama="bukti.pdf", isi=PDF, by=operator_a)
    services.lock_period(pemda=org.pemda, tahun=2024, periode="TW1", by=admin_pemda)
    with pytest.raises(DataTerkunci):
        services.verify_realisasi(tw1, by=pimpinan_a)
    with pytest.raises(DataTerkunci):
        services.return_realisasi(tw1, catatan="periksa", by=pimpinan_a)
    with pytest.raises(DataTerkunci):
        services.link_data_dukung(realisasi=tw1, dokumen=dokumen, by=operator_a)
    tw1.refresh_from_db()
    assert tw1.status == Realisasi.Status.DIAJUKAN
    assert not tw1.data_dukung.exists()


def test_the_definition_a_locked_quarter_was_computed_with_cannot_change(iku, operator_a, org, admin_pemda):
    _simpan(iku, "TW1", operator_a)
    services.lock_period(pemda=org.pemda, tahun=2024, periode="TW1", by=admin_pemda)
    iku.polaritas = "negatif"
    with pytest.raises(DataTerkunci, match="tahun atau periode yang sudah dikunci"):
        perencanaan_services.save_indikator(indikator=iku, by=operator_a)


def test_unlocking_needs_a_reason_and_both_steps_are_in_the_audit_trail(
    iku, operator_a, org, admin_pemda, tw1_terkunci
):
    with pytest.raises(ValidationError):
        services.unlock_period(pemda=org.pemda, tahun=2024, periode="TW1", alasan=" ", by=admin_pemda)
    services.unlock_period(
        pemda=org.pemda, tahun=2024, periode="TW1", alasan="Salah ketik BPS", by=admin_pemda
    )
    assert _simpan(iku, "TW1", operator_a).nilai == D(75)
    riwayat = list(
        KunciPeriode.history.order_by("history_date").values_list("terkunci", "alasan", "history_user")
    )
    assert riwayat == [(True, "", admin_pemda.pk), (False, "Salah ketik BPS", admin_pemda.pk)]


def test_only_an_admin_pemda_locks_and_only_quarters(org, operator_a, admin_pemda):
    with pytest.raises(PermissionDenied):
        services.lock_period(pemda=org.pemda, tahun=2024, periode="TW1", by=operator_a)
    with pytest.raises(ValidationError):
        services.lock_period(pemda=org.pemda, tahun=2024, periode="TAHUN", by=admin_pemda)
    assert not KunciPeriode.objects.exists()


def test_the_api_refuses_a_realisasi_of_a_locked_quarter(iku, operator_a, tw1_terkunci):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=operator_a).key}")
    data = {"indikator": iku.pk, "tahun": 2024, "periode": "TW1", "masukan": {"selesai": "3", "usulan": "4"}}
    response = api.post("/api/realisasi/", data, format="json")
    assert response.status_code == 400
    assert "sudah dikunci" in str(response.json())
    assert not Realisasi.objects.exists()
    assert api.post("/api/realisasi/", {**data, "periode": "TW2"}, format="json").status_code == 201


def test_the_entry_page_shows_the_lock_and_offers_no_form_for_the_locked_quarter(
    client, iku, operator_a, tw1_terkunci
):
    client.force_login(operator_a)
    body = client.get(reverse("pengukuran:indikator", args=[iku.pk]), {"tahun": "2024"}).content.decode()
    assert "Periode Triwulan I tahun 2024 dikunci oleh admin pemda" in body
    baris = {p: body.split(f'id="periode-{p}"')[1].split("</tr>")[0] for p in ("TW1", "TW2")}
    assert "Terkunci" in baris["TW1"]
    assert 'name="TW1-in_selesai"' not in baris["TW1"]
    assert 'name="TW2-in_selesai"' in baris["TW2"]
    response = client.post(
        reverse("pengukuran:simpan_realisasi", args=[iku.pk]) + "?tahun=2024",
        {
            "prefix": "TW1",
            "TW1-periode": "TW1",
            "TW1-in_selesai": "3",
            "TW1-in_usulan": "4",
            "TW1-versi": "0",
        },
        follow=True,
    )
    assert "sudah dikunci" in response.content.decode()
    assert not Realisasi.objects.exists()


def test_the_admin_finds_the_lock_page_in_the_menu_and_locks_a_quarter_there(
    client, org, admin_pemda, operator_a
):
    client.force_login(operator_a)
    assert reverse("pengukuran:kunci") not in client.get("/").content.decode()
    assert client.get(reverse("pengukuran:kunci")).status_code == 403
    client.force_login(admin_pemda)
    assert f'href="{reverse("pengukuran:kunci")}"' in client.get("/").content.decode()
    response = client.post(
        reverse("pengukuran:kunci"),
        {"pemda": org.pemda.pk, "tahun": "2024", "periode": "TW1", "aksi": "kunci"},
        follow=True,
    )
    assert "Dikunci: Triwulan I 2024" in response.content.decode()
    assert KunciPeriode.objects.get().periode == "TW1"
