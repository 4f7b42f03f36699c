"""Pages of the Excel import (upload → preview → confirm), the template download and the exports."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.perencanaan import excel, services
from sakip.perencanaan.models import Indikator, Kegiatan, PerjanjianKinerja, Program, RencanaStrategis
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.perencanaan.tests.test_excel import buku_renstra, jumlah_baris, ke_xlsx, lembar_pk

XLSX = excel.JENIS_BERKAS


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def data(org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    pk = services.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a)
    services.save_program(
        unit_kerja=org.biro_a, kode="4.01.01", nama="Program Penunjang", sasaran=renstra.sasaran.all()
    )
    return {"renstra": renstra, "pk": pk}


def unggah(client, isi: bytes, jenis="renstra", nama="renstra.xlsx"):
    return client.post(
        reverse("perencanaan:impor"), {"jenis": jenis, "berkas": SimpleUploadedFile(nama, isi, XLSX)}
    )


def tanpa_iku02(renstra, target_iku01_2024=None) -> bytes:
    """The export of a factory Renstra, with IKU02 (and its inputs and targets) deleted."""
    wb = openpyxl.load_workbook(io.BytesIO(excel.ekspor_renstra(renstra)))
    wb["Indikator"].delete_rows(3)
    wb["Variabel"].delete_rows(4, 2)
    wb["Target"].delete_rows(3)
    if target_iku01_2024:
        wb["Target"]["C2"] = target_iku01_2024
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def berkas_tersimpan(tmp_path):
    return list((tmp_path / "impor").glob("*.xlsx")) if (tmp_path / "impor").exists() else []


# --- Access ----------------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_on_every_page(client, data):
    urls = [
        ("get", reverse("perencanaan:impor")),
        ("post", reverse("perencanaan:impor")),
        ("post", reverse("perencanaan:impor_terapkan")),
        ("get", reverse("perencanaan:templat")),
        ("get", reverse("perencanaan:renstra_ekspor", args=[data["renstra"].pk])),
        ("get", reverse("perencanaan:pk_ekspor", args=[data["pk"].pk])),
    ]
    for metode, url in urls:
        response = getattr(client, metode)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize(
    ("name", "obj"), [("perencanaan:renstra_ekspor", "renstra"), ("perencanaan:pk_ekspor", "pk")]
)
def test_operator_of_other_unit_gets_404_on_exports(client, data, operator_b, name, obj):
    client.force_login(operator_b)
    assert client.get(reverse(name, args=[data[obj].pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "obj"), [("perencanaan:renstra_ekspor", "renstra"), ("perencanaan:pk_ekspor", "pk")]
)
def test_readers_of_the_unit_may_export(client, data, pimpinan_a, evaluator, name, obj):
    for user in (pimpinan_a, evaluator):
        client.force_login(user)
        assert client.get(reverse(name, args=[data[obj].pk])).status_code == 200


@pytest.mark.parametrize("persona", ["pimpinan_a", "evaluator", "tanpa_peran"])
def test_readers_get_403_on_the_import_pages(client, data, persona, request, tmp_path):
    client.force_login(request.getfixturevalue(persona))
    sebelum = jumlah_baris()
    assert client.get(reverse("perencanaan:impor")).status_code == 403
    assert unggah(client, buku_renstra()).status_code == 403
    assert client.post(reverse("perencanaan:impor_terapkan"), {"token": "x" * 32}).status_code == 403
    assert jumlah_baris() == sebelum
    assert berkas_tersimpan(tmp_path) == []


def test_operator_b_cannot_import_into_unit_a_and_learns_nothing(client, data, operator_b, tmp_path):
    client.force_login(operator_b)
    sebelum = jumlah_baris()
    response = unggah(client, buku_renstra(unit="SETDA.A"))
    assert response.status_code == 200
    # The same words as for a unit that does not exist (checked in test_excel): nothing about unit A leaks.
    assert "Unit kerja dengan kode &#x27;SETDA.A&#x27; tidak ditemukan" in response.content.decode()
    assert jumlah_baris() == sebelum
    assert berkas_tersimpan(tmp_path) == []
    # Nor through a PK workbook
    response = unggah(client, ke_xlsx(lembar_pk()), jenis="pk")
    assert "tidak ditemukan" in response.content.decode()
    assert jumlah_baris() == sebelum


def test_a_token_from_another_session_writes_nothing(client, org, operator_a, operator_b):
    client.force_login(operator_a)
    unggah(client, buku_renstra())
    token = client.session["perencanaan_impor"]["token"]
    sebelum = jumlah_baris()
    client.force_login(operator_b)  # another user (another session) replays the token
    response = client.post(reverse("perencanaan:impor_terapkan"), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("perencanaan:impor")
    assert jumlah_baris() == sebelum


def test_a_user_with_rights_in_two_pemda_must_choose_one(client, org, admin_user):
    client.force_login(admin_user)
    assert 'name="pemda"' in client.get(reverse("perencanaan:impor")).content.decode()
    response = unggah(client, buku_renstra())
    assert "Pilih pemerintah daerah." in response.content.decode()
    response = client.post(
        reverse("perencanaan:impor"),
        {
            "jenis": "renstra",
            "pemda": org.pemda.pk,
            "berkas": SimpleUploadedFile("r.xlsx", buku_renstra(), XLSX),
        },
    )
    assert "Pratinjau impor" in response.content.decode()


# --- The flow ---------------------------------------------------------------------------------------------------


def test_upload_preview_confirm_imports_a_correct_workbook(client, org, operator_a, tmp_path):
    client.force_login(operator_a)
    sebelum = jumlah_baris()
    response = unggah(client, buku_renstra())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pratinjau impor" in body
    assert "Renstra SETDA.A 2024–2026" in body
    assert "Data ini <strong>baru</strong>" in body
    assert jumlah_baris() == sebelum  # a preview writes nothing
    assert len(berkas_tersimpan(tmp_path)) == 1
    token = client.session["perencanaan_impor"]["token"]

    response = client.post(reverse("perencanaan:impor_terapkan"), {"token": token})
    renstra = RencanaStrategis.objects.get(unit_kerja=org.biro_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("perencanaan:renstra_detail", args=[renstra.pk])
    assert renstra.indikator.count() == 4
    assert renstra.indikator.get(kode="IKU01").target.get(tahun=2025).nilai == Decimal("85.5")
    assert renstra.history.first().history_user == operator_a
    assert berkas_tersimpan(tmp_path) == []
    assert "perencanaan_impor" not in client.session
    # The same confirmation twice does nothing more.
    assert client.post(reverse("perencanaan:impor_terapkan"), {"token": token})["Location"] == reverse(
        "perencanaan:impor"
    )


def test_a_workbook_with_errors_lists_them_and_writes_nothing(client, data, operator_a, tmp_path):
    def rusak(lembar):
        lembar["Indikator"][1][3] = "Persn"
        lembar["Indikator"][1][8] = "difasilitasi / diusulkan × 100"
        lembar["Indikator"][4][1] = "S9"
        lembar["Target"][1][2] = "delapan puluh"
        lembar["Sasaran"].append(["S1", "T1", "Sasaran kembar", "", ""])

    client.force_login(operator_a)
    sebelum = jumlah_baris()
    response = unggah(client, buku_renstra(rusak))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada data yang disimpan" in body
    for sheet, baris, kolom in [
        ("Indikator", 2, "Satuan"),
        ("Indikator", 2, "Formulasi"),
        ("Indikator", 5, "Induk"),
        ("Target", 2, "Target 2025"),
        ("Sasaran", 4, "Kode"),
    ]:
        assert f'<td>{sheet}</td><td class="angka">{baris}</td><td>{kolom}</td>' in body, (
            sheet,
            baris,
            kolom,
        )
    assert jumlah_baris() == sebelum
    assert berkas_tersimpan(tmp_path) == []


def test_re_import_preview_names_replaced_and_removed_indicators_then_replaces_them(client, data, operator_a):
    renstra = data["renstra"]
    PerjanjianKinerja.objects.all().delete()  # IKU02 is on the PK of 2024; without it the removal is allowed

    client.force_login(operator_a)
    body = unggah(client, tanpa_iku02(renstra, target_iku01_2024="95,5")).content.decode()
    assert "sudah ada</strong> dan akan diperbarui" in body
    assert "IKU01 – Persentase hal 1" in body
    assert "Akan dihapus" in body
    assert "IKU02 – Persentase hal 2" in body
    client.post(
        reverse("perencanaan:impor_terapkan"), {"token": client.session["perencanaan_impor"]["token"]}
    )
    assert list(renstra.indikator.values_list("kode", flat=True)) == ["IKU01"]
    assert renstra.indikator.get().target.get(tahun=2024).nilai == Decimal("95.5")


def test_removing_an_indicator_used_by_a_pk_is_refused_at_preview(client, data, operator_a):
    client.force_login(operator_a)
    sebelum = jumlah_baris()
    body = unggah(client, tanpa_iku02(data["renstra"])).content.decode()
    assert "masih dipakai" in body
    assert "Pratinjau" not in body
    assert jumlah_baris() == sebelum


def test_pk_upload_preview_confirm(client, org, operator_a):
    from sakip.perencanaan import paket
    from sakip.perencanaan.tests.test_excel import data_lengkap

    asli = data_lengkap()
    asli.tujuan[0].sasaran[0].indikator[0].mendukung = ""
    paket.apply_renstra(pemda=org.pemda, data=asli)
    client.force_login(operator_a)
    body = unggah(client, ke_xlsx(lembar_pk()), jenis="pk", nama="pk.xlsx").content.decode()
    assert "Perjanjian Kinerja SETDA.A 2025" in body
    assert "85,5" in body
    assert not PerjanjianKinerja.objects.exists()
    response = client.post(
        reverse("perencanaan:impor_terapkan"), {"token": client.session["perencanaan_impor"]["token"]}
    )
    pk = PerjanjianKinerja.objects.get()
    assert response["Location"] == reverse("perencanaan:pk_detail", args=[pk.pk])
    assert pk.indikator.get(indikator__kode="IKU01").target == Decimal("85.5")
    assert pk.program.get(program__unit_kerja=org.biro_a).pagu == Decimal(1250000000)


@pytest.mark.parametrize(
    ("isi", "nama", "kata"),
    [
        (b"%PDF-1.4 bukan excel", "laporan.xlsx", "bukan workbook Excel"),
        (b"MZ\x90\x00" + b"\x00" * 100, "program.xlsx", "bukan workbook Excel"),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused_with_a_clear_message(client, data, operator_a, isi, nama, kata):
    client.force_login(operator_a)
    response = unggah(client, isi, nama=nama)
    assert response.status_code == 200
    assert kata in response.content.decode()


def test_an_oversized_upload_is_refused_before_it_is_read(client, data, operator_a):
    client.force_login(operator_a)
    response = unggah(client, b"PK\x03\x04" + b"\x00" * excel.MAKS_UKURAN)
    assert response.status_code == 200
    assert "ukuran maksimal 5 MB" in response.content.decode()
    assert "perencanaan_impor" not in client.session


# --- Downloads ---------------------------------------------------------------------------------------------------


def test_template_downloads_are_real_workbooks_with_names(client, tanpa_peran):
    client.force_login(tanpa_peran)  # an empty template reveals nothing: any signed-in user may take it
    response = client.get(reverse("perencanaan:templat"), {"tahun_mulai": 2025, "tahun_selesai": 2027})
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="templat-renstra.xlsx"'
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["Target"][1]][2:] == ["Target 2025", "Target 2026", "Target 2027"]
    response = client.get(reverse("perencanaan:templat"), {"jenis": "pk"})
    assert response["Content-Disposition"] == 'attachment; filename="templat-pk.xlsx"'
    assert "Target PK" in openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames


def test_exports_have_the_content_type_and_a_file_name(client, data, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("perencanaan:renstra_ekspor", args=[data["renstra"].pk]))
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="renstra-SETDA.A-2024-2026.xlsx"'
    assert excel.baca_renstra(response.content, pemda=data["renstra"].unit_kerja.pemda).kesalahan == []
    response = client.get(reverse("perencanaan:pk_ekspor", args=[data["pk"].pk]))
    assert response["Content-Disposition"] == 'attachment; filename="pk-SETDA.A-2024-v1.xlsx"'


def test_pages_link_to_import_template_and_exports(client, data, operator_a, pimpinan_a):
    client.force_login(operator_a)
    daftar = client.get(reverse("perencanaan:renstra_list")).content.decode()
    assert reverse("perencanaan:impor") in daftar
    assert reverse("perencanaan:templat") in daftar
    detail = client.get(reverse("perencanaan:renstra_detail", args=[data["renstra"].pk])).content.decode()
    assert reverse("perencanaan:renstra_ekspor", args=[data["renstra"].pk]) in detail
    pk = client.get(reverse("perencanaan:pk_detail", args=[data["pk"].pk])).content.decode()
    assert reverse("perencanaan:pk_ekspor", args=[data["pk"].pk]) in pk
    client.force_login(pimpinan_a)
    assert (
        reverse("perencanaan:impor") not in client.get(reverse("perencanaan:renstra_list")).content.decode()
    )


def _jumlah_query(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_export_query_counts_do_not_grow_with_the_number_of_indicators(client, org, admin_pemda):
    kecil = renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    besar = renstra_dengan_iku(org.biro_b, jumlah_indikator=20)
    for renstra in (kecil, besar):
        program = services.save_program(
            unit_kerja=renstra.unit_kerja, kode="4.01.01", nama="Program", sasaran=renstra.sasaran.all()
        )
        for n in range(1, 3 if renstra is kecil else 12):
            Kegiatan.objects.create(program=program, kode=f"4.01.01.2.{n:02d}", nama=f"Kegiatan {n}")
        Indikator.objects.filter(renstra=renstra).update(mendukung=None)
        services.create_pk(unit_kerja=renstra.unit_kerja, renstra=renstra, tahun=2024)
    assert Program.objects.count() == 2
    client.force_login(admin_pemda)
    renstra_query = [
        _jumlah_query(client, reverse("perencanaan:renstra_ekspor", args=[r.pk])) for r in (kecil, besar)
    ]
    pk_query = [
        _jumlah_query(
            client, reverse("perencanaan:pk_ekspor", args=[PerjanjianKinerja.objects.get(renstra=r).pk])
        )
        for r in (kecil, besar)
    ]
    assert renstra_query[0] == renstra_query[1]
    assert pk_query[0] == pk_query[1]
