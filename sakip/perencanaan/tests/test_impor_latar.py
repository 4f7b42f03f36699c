"""A large Renstra workbook is checked and written by queue jobs: the upload is stored, the check job produces the
preview (or the errors at their row), the confirm job writes all or nothing. The worker is django-tasks' own claim
and run steps (`kerjakan_antrean`); transactional, since its heartbeat thread has its own database connection."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.antrean.models import ImporLatar, Pekerjaan
from sakip.antrean.tests.pekerja import kerjakan_antrean
from sakip.perencanaan import excel, services
from sakip.perencanaan.models import RencanaStrategis
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.perencanaan.tests.test_excel import buku_renstra, jumlah_baris
from sakip.perencanaan.tests.test_impor_views import tanpa_iku02

pytestmark = pytest.mark.django_db(transaction=True)
Status = ImporLatar.Status


@pytest.fixture(autouse=True)
def _besar(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SAKIP_IMPOR_LATAR_BYTE = 1000  # every test workbook counts as large


def _unggah(client, isi: bytes, jenis: str = "renstra"):
    berkas = SimpleUploadedFile("renstra-besar.xlsx", isi, excel.JENIS_BERKAS)
    return client.post(reverse("perencanaan:impor"), {"jenis": jenis, "berkas": berkas})


def _halaman(client, obj: ImporLatar) -> str:
    response = client.get(reverse("antrean:impor", args=[obj.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_large_workbook_is_checked_by_a_job_then_written_by_another_after_confirmation(
    client, org, operator_a
):
    client.force_login(operator_a)
    sebelum = jumlah_baris()
    response = _unggah(client, buku_renstra())
    obj = ImporLatar.objects.get()
    assert response["Location"] == reverse("antrean:impor", args=[obj.pk])
    assert (obj.status, obj.pekerjaan.jenis) == (Status.MEMERIKSA, "antrean.impor_periksa")
    menunggu = client.get(response["Location"])
    assert menunggu["Refresh"] == "2"
    assert "Berkas sedang diperiksa di latar belakang" in menunggu.content.decode()

    kerjakan_antrean()
    body = _halaman(client, obj)
    assert "Renstra SETDA.A 2024–2026" in body
    assert "Data ini <strong>baru</strong>" in body
    assert "Simpan ke basis data" in body
    assert jumlah_baris() == sebelum  # the dry run was rolled back

    response = client.post(reverse("antrean:impor_terapkan", args=[obj.pk]))
    assert response["Location"] == reverse("antrean:impor", args=[obj.pk])
    assert "Data sedang disimpan di latar belakang" in _halaman(client, obj)
    assert jumlah_baris() == sebelum

    kerjakan_antrean()
    renstra = RencanaStrategis.objects.get(unit_kerja=org.biro_a)
    body = _halaman(client, obj)
    assert f"Renstra {renstra} berhasil diimpor." in body
    assert reverse("perencanaan:renstra_detail", args=[renstra.pk]) in body
    assert renstra.indikator.count() == 4
    assert renstra.indikator.get(kode="IKU01").target.get(tahun=2025).nilai == Decimal("85.5")
    assert renstra.history.first().history_user == operator_a
    assert list(Pekerjaan.objects.values_list("jenis", "status").order_by("pk")) == [
        ("antrean.impor_periksa", "selesai"),
        ("antrean.impor_terapkan", "selesai"),
    ]
    # a second confirmation writes nothing more
    client.post(reverse("antrean:impor_terapkan", args=[obj.pk]))
    assert Pekerjaan.objects.count() == 2


def test_a_small_workbook_keeps_the_synchronous_preview(client, org, operator_a, settings):
    settings.SAKIP_IMPOR_LATAR_BYTE = 5 * 1024 * 1024
    client.force_login(operator_a)
    body = _unggah(client, buku_renstra()).content.decode()
    assert "Pratinjau impor" in body
    assert not ImporLatar.objects.exists()
    assert not Pekerjaan.objects.exists()


def test_the_check_job_lists_each_error_at_its_sheet_and_row_in_indonesian_and_nothing_can_be_confirmed(
    client, org, operator_a
):
    def rusak(lembar):
        lembar["Indikator"][1][3] = "Persn"
        lembar["Target"][1][2] = "delapan puluh"

    client.force_login(operator_a)
    sebelum = jumlah_baris()
    _unggah(client, buku_renstra(rusak))
    obj = ImporLatar.objects.get()
    kerjakan_antrean()
    obj.refresh_from_db()
    assert obj.status == Status.DITOLAK
    body = _halaman(client, obj)
    assert "Berkas belum dapat diimpor; tidak ada data yang disimpan." in body
    assert '<td>Indikator</td><td class="angka">2</td><td>Satuan</td>' in body
    assert '<td>Target</td><td class="angka">2</td><td>Target 2025</td>' in body
    assert "Simpan ke basis data" not in body
    client.post(reverse("antrean:impor_terapkan", args=[obj.pk]))
    kerjakan_antrean()
    assert jumlah_baris() == sebelum
    assert list(Pekerjaan.objects.values_list("jenis", flat=True)) == ["antrean.impor_periksa"]


def test_a_confirm_refused_by_data_changed_since_the_check_writes_nothing_and_shows_why(
    client, org, operator_a
):
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    client.force_login(operator_a)
    _unggah(client, tanpa_iku02(renstra, target_iku01_2024="95,5"))
    obj = ImporLatar.objects.get()
    kerjakan_antrean()
    assert "Akan dihapus" in _halaman(client, obj)
    # meanwhile someone signs a PK that uses IKU02, which the file removes
    services.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a)
    sebelum = jumlah_baris()

    client.post(reverse("antrean:impor_terapkan", args=[obj.pk]))
    kerjakan_antrean()
    obj.refresh_from_db()
    assert obj.status == Status.DITOLAK
    body = _halaman(client, obj)
    assert "Impor dibatalkan; tidak ada data yang diubah." in body
    assert "masih dipakai" in body
    assert jumlah_baris() == sebelum
    assert renstra.indikator.get(kode="IKU01").target.get(tahun=2024).nilai != Decimal("95.5")


def test_another_user_gets_404_for_the_upload_and_cannot_confirm_it(
    client, org, operator_a, operator_b, admin_pemda
):
    client.force_login(operator_a)
    _unggah(client, buku_renstra())
    obj = ImporLatar.objects.get()
    kerjakan_antrean()
    for orang in (operator_b, admin_pemda):  # even the pemda's admin: an upload is its uploader's only
        client.force_login(orang)
        assert client.get(reverse("antrean:impor", args=[obj.pk])).status_code == 404
        assert client.post(reverse("antrean:impor_terapkan", args=[obj.pk])).status_code == 404
    obj.refresh_from_db()
    assert obj.status == Status.PRATINJAU
    assert Pekerjaan.objects.count() == 1


def test_the_uploader_who_lost_the_right_to_write_gets_404(client, org, operator_a):
    from sakip.organisasi.models import Penugasan

    client.force_login(operator_a)
    _unggah(client, buku_renstra())
    obj = ImporLatar.objects.get()
    Penugasan.objects.filter(pengguna=operator_a).delete()
    kerjakan_antrean()
    obj.refresh_from_db()
    assert (obj.status, obj.pesan) == (Status.GAGAL, "Anda tidak lagi berhak mengimpor data ini.")
    assert client.get(reverse("antrean:impor", args=[obj.pk])).status_code == 404


def test_the_page_takes_the_same_queries_whatever_the_number_of_errors(client, org, operator_a):
    def satu(lembar):
        lembar["Indikator"][1][3] = "Persn"

    def banyak(lembar):
        satu(lembar)
        lembar["Target"][1][2] = "delapan puluh"
        lembar["Indikator"][4][1] = "S9"
        lembar["Sasaran"].append(["S1", "T1", "Sasaran kembar", "", ""])

    client.force_login(operator_a)
    jumlah = []
    for ubah in (satu, banyak):
        _unggah(client, buku_renstra(ubah))
        kerjakan_antrean()
        obj = ImporLatar.objects.order_by("-pk").first()
        with CaptureQueriesContext(connection) as q:
            body = _halaman(client, obj)
        assert "kesalahan</strong> ditemukan" in body
        jumlah.append(len(q))
    assert jumlah[0] == jumlah[1]
