"""Issue #20 point 1: the PK parties are filled from the roster of officials, copied so a signed PK keeps its text."""

import datetime

from django.test import Client
from django.urls import reverse

from sakip.organisasi import services as org_services
from sakip.perencanaan import services
from sakip.perencanaan.tests.factories import renstra_dengan_iku


def test_choosing_officials_fills_the_pk_parties_and_a_later_roster_change_leaves_the_pk_text(
    org, operator_a, admin_pemda
):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    pk = services.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a)
    kepala = org_services.simpan_pejabat(
        pemda=org.pemda, unit_kerja=org.biro_a, nama="Siti Aminah", jabatan="Kepala Biro A", sifat="plt",
        nip="197001011990031001", mulai=datetime.date(2023, 1, 1), by=admin_pemda,
    )  # fmt: skip
    gubernur = org_services.simpan_pejabat(
        pemda=org.pemda, nama="Budi Santoso", jabatan="Gubernur Provinsi Uji P",
        mulai=datetime.date(2023, 1, 1), by=admin_pemda,
    )  # fmt: skip
    org_services.simpan_pejabat(
        pemda=org.pemda_lain,
        nama="Pejabat Lain",
        jabatan="Gubernur Q",
        mulai=datetime.date(2023, 1, 1),
        by=None,
    )
    c = Client()
    c.force_login(operator_a)
    halaman = c.get(reverse("perencanaan:pk_detail", args=[pk.pk])).content.decode()
    assert "Plt. Kepala Biro A – Siti Aminah" in halaman
    assert "Pejabat Lain" not in halaman
    r = c.post(
        reverse("perencanaan:pk_update", args=[pk.pk]),
        {"pejabat_pertama": kepala.pk, "pejabat_kedua": gubernur.pk, "tempat": "Samarinda"},
    )
    assert r.status_code == 302
    pk.refresh_from_db()
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_jabatan, pk.pihak_pertama_nip) == (
        "Siti Aminah",
        "Plt. Kepala Biro A",
        "197001011990031001",
    )
    assert (pk.pihak_kedua_nama, pk.pihak_kedua_jabatan, pk.pihak_kedua_nip) == (
        "Budi Santoso",
        "Gubernur Provinsi Uji P",
        "",
    )
    assert pk.history.latest().history_user == operator_a
    # The roster changes later; the PK keeps the text it was signed with.
    org_services.simpan_pejabat(
        pemda=org.pemda, unit_kerja=org.biro_a, nama="Siti Aminah", jabatan="Kepala Biro A",
        nip="197001011990031001", mulai=datetime.date(2023, 1, 1), pejabat=kepala, by=admin_pemda,
    )  # fmt: skip
    pk.refresh_from_db()
    assert pk.pihak_pertama_jabatan == "Plt. Kepala Biro A"


def test_an_official_of_another_pemda_cannot_be_chosen(org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    pk = services.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a)
    lain = org_services.simpan_pejabat(
        pemda=org.pemda_lain,
        nama="Pejabat Lain",
        jabatan="Gubernur Q",
        mulai=datetime.date(2023, 1, 1),
        by=None,
    )
    c = Client()
    c.force_login(operator_a)
    r = c.post(reverse("perencanaan:pk_update", args=[pk.pk]), {"pejabat_pertama": lain.pk}, follow=True)
    assert "pejabat_pertama" in r.content.decode()
    pk.refresh_from_db()
    assert pk.pihak_pertama_nama == ""
