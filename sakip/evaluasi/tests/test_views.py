import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.evaluasi import services
from sakip.evaluasi.models import EvaluasiAkip, Rekomendasi
from sakip.organisasi import services as organisasi_services
from sakip.organisasi.models import Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory, UnitKerjaFactory

D = Decimal
# 1 April 2024 in Jakarta: the fixture recommendation (due 31 March 2024, Belum) is overdue.
SETELAH_BATAS = dt.datetime(2024, 4, 1, 5, tzinfo=dt.UTC)


@pytest.fixture
def data(org, evaluasi_a, rekomendasi_a):
    return {"unit": org.biro_a, "evaluasi": evaluasi_a, "rekomendasi": rekomendasi_a}


@pytest.fixture
def skema_pemda(org, admin_pemda):
    return services.upsert_skema(
        pemda=org.pemda,
        kode="P",
        nama="Skema Pemda P",
        komponen=[services.KomponenBaru("A", "A", D(100))],
        by=admin_pemda,
    )


# (url name, object key); the POST ones are writes.
GET_OBJ = [
    ("evaluasi:unit", "unit"),
    ("evaluasi:detail", "evaluasi"),
    ("evaluasi:tindak_lanjut", "rekomendasi"),
]
WRITE_OBJ = [
    ("evaluasi:ubah", "evaluasi"),
    ("evaluasi:nilai", "evaluasi"),
    ("evaluasi:rekomendasi_baru", "evaluasi"),
    ("evaluasi:rekomendasi_ubah", "rekomendasi"),
    ("evaluasi:tindak_lanjut", "rekomendasi"),
]
LISTS = ["evaluasi:daftar", "evaluasi:baru", "evaluasi:terlambat", "evaluasi:skema_daftar"]


@pytest.mark.parametrize(("name", "obj"), GET_OBJ + WRITE_OBJ)
@pytest.mark.parametrize("method", ["get", "post"])
def test_operator_of_other_unit_gets_404(client, data, operator_b, name, obj, method):
    client.force_login(operator_b)
    response = getattr(client, method)(reverse(name, args=[data[obj].pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "obj"), GET_OBJ + WRITE_OBJ)
def test_anonymous_is_sent_to_login(client, data, name, obj):
    for method in (client.get, client.post):
        response = method(reverse(name, args=[data[obj].pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", LISTS)
def test_anonymous_is_sent_to_login_from_lists(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_is_sent_to_login_from_scheme_page(client, skema_88):
    response = client.get(reverse("evaluasi:skema_detail", args=[skema_88.pk]))
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "obj"), WRITE_OBJ)
def test_pimpinan_reads_but_gets_403_on_writes(client, data, pimpinan_a, name, obj):
    client.force_login(pimpinan_a)
    response = client.post(reverse(name, args=[data[obj].pk]), {"tindak_lanjut": "x", "status": "sudah"})
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "obj"), GET_OBJ)
def test_pimpinan_reads_the_pages_of_their_unit(client, data, pimpinan_a, name, obj):
    client.force_login(pimpinan_a)
    response = client.get(reverse(name, args=[data[obj].pk]))
    assert response.status_code == 200
    assert "Isi nilai" not in response.content.decode()


def test_pimpinan_gets_403_on_evaluator_forms(client, data, pimpinan_a):
    client.force_login(pimpinan_a)
    assert client.get(reverse("evaluasi:baru")).status_code == 403
    assert client.post(reverse("evaluasi:baru")).status_code == 403
    assert client.get(reverse("evaluasi:nilai", args=[data["evaluasi"].pk])).status_code == 403


def test_lists_do_not_show_other_units_data(client, data, operator_b):
    client.force_login(operator_b)
    with time_machine.travel(SETELAH_BATAS):
        for name in ("evaluasi:daftar", "evaluasi:terlambat"):
            body = client.get(reverse(name)).content.decode()
            assert "Biro A" not in body
            assert "Perbaiki kualitas indikator" not in body


def test_scheme_of_another_pemda_is_404(client, org, skema_pemda, skema_88):
    orang_q = PenggunaFactory(username="operator_q")
    organisasi_services.assign_role(
        pengguna=orang_q, peran=Penugasan.Peran.OPERATOR, pemda=org.pemda_lain, unit_kerja=org.setda_lain
    )
    client.force_login(orang_q)
    assert client.get(reverse("evaluasi:skema_detail", args=[skema_pemda.pk])).status_code == 404
    assert client.get(reverse("evaluasi:skema_detail", args=[skema_88.pk])).status_code == 200
    assert "Skema Pemda P" not in client.get(reverse("evaluasi:skema_daftar")).content.decode()


def test_evaluator_of_another_pemda_gets_404(client, org, data):
    lain = PenggunaFactory(username="evaluator_q")
    organisasi_services.assign_role(pengguna=lain, peran=Penugasan.Peran.EVALUATOR, pemda=org.pemda_lain)
    client.force_login(lain)
    for name, obj in GET_OBJ + WRITE_OBJ:
        assert client.post(reverse(name, args=[data[obj].pk])).status_code == 404


def test_evaluator_enters_scores_in_indonesian_notation(client, data, evaluator):
    client.force_login(evaluator)
    evaluasi = data["evaluasi"]
    url = reverse("evaluasi:nilai", args=[evaluasi.pk])
    page = client.get(url).content.decode()
    assert 'value="17,50"' in page
    response = client.post(
        url,
        {"PERENCANAAN": "30", "PENGUKURAN": "25", "PELAPORAN": "12", "EVALUASI": "8", "CAPAIAN": "15,01"},
    )
    assert response.status_code == 302
    detail = client.get(reverse("evaluasi:detail", args=[evaluasi.pk])).content.decode()
    # 30 + 25 + 12 + 8 + 15,01 = 90,01 -> AA
    assert "90,01" in detail
    assert ">AA<" in detail


def test_score_above_weight_shows_the_error_on_the_form(client, data, evaluator):
    client.force_login(evaluator)
    url = reverse("evaluasi:nilai", args=[data["evaluasi"].pk])
    response = client.post(url, {"EVALUASI": "10,5"})
    assert response.status_code == 200
    assert "melebihi bobot komponen" in response.content.decode()
    assert data["evaluasi"].nilai.get(komponen__kode="EVALUASI").nilai == 8


def test_operator_writes_tindak_lanjut_but_not_scores(client, data, operator_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(operator_a)
    rekomendasi = data["rekomendasi"]
    assert (
        client.post(reverse("evaluasi:nilai", args=[data["evaluasi"].pk]), {"CAPAIAN": "1"}).status_code
        == 403
    )
    assert client.post(reverse("evaluasi:rekomendasi_ubah", args=[rekomendasi.pk])).status_code == 403
    url = reverse("evaluasi:tindak_lanjut", args=[rekomendasi.pk])
    assert "Ajukan ke evaluator" in client.get(url).content.decode()
    response = client.post(url, {"tindak_lanjut": "Indikator direviu bersama Bappeda.", "aksi": "ajukan"})
    assert response.status_code == 200
    assert "Lampirkan bukti tindak lanjut" in response.content.decode()
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == Rekomendasi.Status.BELUM
    from django.core.files.uploadedfile import SimpleUploadedFile

    bukti = SimpleUploadedFile("notulen.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    response = client.post(
        url, {"tindak_lanjut": "Indikator direviu bersama Bappeda.", "aksi": "ajukan", "berkas": bukti}
    )
    assert response.status_code == 302
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == Rekomendasi.Status.DIAJUKAN
    assert rekomendasi.history.latest().history_user == operator_a
    assert client.post(url, {"aksi": "terima"}).status_code == 403


def test_evaluator_creates_evaluation_and_recommendation(client, org, evaluator, skema_12):
    client.force_login(evaluator)
    response = client.post(
        reverse("evaluasi:baru"),
        {
            "unit_kerja": org.biro_b.pk,
            "tahun": "2024",
            "skema": skema_12.pk,
            "lembaga": "Inspektorat",
            "tanggal_lhe": "2024-05-02",
        },
    )
    evaluasi = EvaluasiAkip.objects.get(unit_kerja=org.biro_b, tahun=2024)
    assert response["Location"] == reverse("evaluasi:nilai", args=[evaluasi.pk])
    assert evaluasi.history.latest().history_user == evaluator
    response = client.post(
        reverse("evaluasi:rekomendasi_baru", args=[evaluasi.pk]),
        {
            "urutan": "1",
            "komponen": skema_12.komponen.get(kode="CAPAIAN").pk,
            "uraian": "Lengkapi data dukung capaian.",
            "batas_waktu": "2024-12-31",
            "status": "belum",
        },
    )
    assert response.status_code == 302
    rekomendasi = evaluasi.rekomendasi.get()
    assert (rekomendasi.batas_waktu, rekomendasi.status) == (dt.date(2024, 12, 31), "belum")
    response = client.post(
        reverse("evaluasi:rekomendasi_ubah", args=[rekomendasi.pk]),
        {"urutan": "1", "uraian": "Lengkapi data dukung.", "status": "belum", "batas_waktu": "2025-01-31"},
    )
    assert response.status_code == 302
    rekomendasi.refresh_from_db()
    assert rekomendasi.batas_waktu == dt.date(2025, 1, 31)


def test_evaluator_cannot_create_evaluation_outside_their_pemda(client, org, evaluator, skema_12):
    client.force_login(evaluator)
    response = client.post(
        reverse("evaluasi:baru"), {"unit_kerja": org.setda_lain.pk, "tahun": "2024", "skema": skema_12.pk}
    )
    assert response.status_code == 200  # the unit is not among the choices
    assert not EvaluasiAkip.objects.filter(unit_kerja=org.setda_lain).exists()


def test_evaluator_edits_lhe_data(client, data, evaluator, skema_12):
    client.force_login(evaluator)
    url = reverse("evaluasi:ubah", args=[data["evaluasi"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"skema": skema_12.pk, "lembaga": "Inspektorat", "nomor_lhe": "700/1"})
    assert response.status_code == 302
    assert EvaluasiAkip.objects.get(pk=data["evaluasi"].pk).nomor_lhe == "700/1"


def test_scheme_change_after_scores_is_refused_on_the_form(client, data, evaluator, skema_88):
    client.force_login(evaluator)
    response = client.post(reverse("evaluasi:ubah", args=[data["evaluasi"].pk]), {"skema": skema_88.pk})
    assert response.status_code == 200
    assert "Skema tidak dapat diganti" in response.content.decode()
    assert EvaluasiAkip.objects.get(pk=data["evaluasi"].pk).skema_id != skema_88.pk


def test_overdue_follow_up_is_red_on_pages_and_listed_on_the_dashboard(client, data, operator_a):
    client.force_login(operator_a)
    with time_machine.travel(SETELAH_BATAS):
        for url in (
            reverse("evaluasi:daftar"),
            reverse("evaluasi:terlambat"),
            reverse("evaluasi:unit", args=[data["unit"].pk]),
            reverse("evaluasi:detail", args=[data["evaluasi"].pk]),
        ):
            body = client.get(url).content.decode()
            assert 'class="terlambat"' in body, url
            assert "31 Maret 2024 (terlambat)" in body, url
    with time_machine.travel(dt.datetime(2024, 3, 31, 5, tzinfo=dt.UTC)):
        assert "(terlambat)" not in client.get(reverse("evaluasi:terlambat")).content.decode()


def test_followed_up_recommendation_is_no_longer_overdue(client, data, operator_a):
    Rekomendasi.objects.filter(pk=data["rekomendasi"].pk).update(status="sudah")
    client.force_login(operator_a)
    with time_machine.travel(SETELAH_BATAS):
        assert "Tidak ada tindak lanjut" in client.get(reverse("evaluasi:terlambat")).content.decode()


def test_unit_page_prints_history_with_column_formula(client, org, evaluator, skema_12):
    client.force_login(evaluator)
    # 2022: 20 + 20 + 10 + 5 + 15 = 70 -> B ; 2023: 25 + 20 + 12 + 8 + 13,40 = 78,40 -> BB
    for tahun, capaian, perencanaan in ((2022, "15", "20"), (2023, "13.40", "25")):
        evaluasi = services.create_evaluasi(unit_kerja=org.biro_b, tahun=tahun, skema=skema_12, by=evaluator)
        skor = {
            "PERENCANAAN": D(perencanaan),
            "PENGUKURAN": D(20),
            "PELAPORAN": D(10 if tahun == 2022 else 12),
        }
        skor |= {"EVALUASI": D(5 if tahun == 2022 else 8), "CAPAIAN": D(capaian)}
        services.save_nilai(evaluasi=evaluasi, nilai_baru=skor, by=evaluator)
    body = client.get(reverse("evaluasi:unit", args=[org.biro_b.pk])).content.decode()
    assert "(5) = (4) − (3)" in body
    assert "Peningkatan/ Penurunan 2022–2023" in body
    assert "70,00" in body
    assert "78,40" in body
    assert "8,40" in body  # 78,40 - 70,00
    assert "-1,60" in body  # Capaian Kinerja 13,40 - 15,00
    assert ">B<" in body
    assert ">BB<" in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _tambah_data(org, evaluator, skema_12, n):
    for i in range(n):
        unit = UnitKerjaFactory(pemda=org.pemda, kode=f"SETDA.A.X{i}", nama=f"Bagian X{i}", induk=org.biro_a)
        for tahun in (2022, 2023):
            evaluasi = services.create_evaluasi(unit_kerja=unit, tahun=tahun, skema=skema_12, by=evaluator)
            services.save_nilai(
                evaluasi=evaluasi, nilai_baru={"PERENCANAAN": D(20), "CAPAIAN": D(10)}, by=evaluator
            )
            services.save_rekomendasi(
                evaluasi=evaluasi, uraian=f"Rekomendasi {i}", batas_waktu=dt.date(2024, 1, 1), by=evaluator
            )


@pytest.mark.parametrize("persona", ["operator_a", "evaluator"])
def test_list_and_dashboard_query_counts_do_not_grow_with_rows(
    request, client, data, org, evaluator, skema_12, persona
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    urls = [reverse("evaluasi:daftar"), reverse("evaluasi:terlambat"), reverse("evaluasi:skema_daftar")]
    with time_machine.travel(SETELAH_BATAS):
        sebelum = [_queries(client, url) for url in urls]
        _tambah_data(org, evaluator, skema_12, 4)
        sesudah = [_queries(client, url) for url in urls]
    assert sesudah == sebelum


def test_unit_and_detail_query_counts_do_not_grow_with_years_and_recommendations(
    client, data, org, evaluator, skema_12
):
    client.force_login(evaluator)
    unit_url = reverse("evaluasi:unit", args=[org.biro_a.pk])
    detail_url = reverse("evaluasi:detail", args=[data["evaluasi"].pk])
    sebelum = [_queries(client, unit_url), _queries(client, detail_url)]
    for tahun in range(2019, 2023):
        evaluasi = services.create_evaluasi(unit_kerja=org.biro_a, tahun=tahun, skema=skema_12, by=evaluator)
        services.save_nilai(
            evaluasi=evaluasi, nilai_baru={"PERENCANAAN": D(20), "CAPAIAN": D(10)}, by=evaluator
        )
        services.save_rekomendasi(evaluasi=evaluasi, uraian="R", by=evaluator)
    for i in range(3):
        services.save_rekomendasi(evaluasi=data["evaluasi"], uraian=f"Tambahan {i}", by=evaluator)
    sesudah = [_queries(client, unit_url), _queries(client, detail_url)]
    assert sesudah == sebelum


def test_unit_page_shows_only_the_last_five_years(client, org, evaluator, skema_12):
    client.force_login(evaluator)
    for tahun in range(2017, 2024):
        services.create_evaluasi(unit_kerja=org.biro_b, tahun=tahun, skema=skema_12, by=evaluator)
    body = client.get(reverse("evaluasi:unit", args=[org.biro_b.pk])).content.decode()
    assert "Tahun 2019–2023" in body
    body = client.get(reverse("evaluasi:unit", args=[org.biro_b.pk]) + "?tahun=2021").content.decode()
    assert "Tahun 2017–2021" in body


def test_scheme_pages_show_weights_and_sub_weight_shares(client, operator_a, skema_88):
    client.force_login(operator_a)
    body = client.get(reverse("evaluasi:skema_detail", args=[skema_88.pk])).content.decode()
    assert "Perencanaan Kinerja: Pemenuhan" in body
    assert "4,50" in body  # Kualitas of Pelaporan: 30 % of 15
    assert "50,00" in body  # Pemanfaatan: 50 % of its component
    assert "Sesuai" in client.get(reverse("evaluasi:skema_daftar")).content.decode()


def test_nav_link_present(client, operator_a):
    client.force_login(operator_a)
    assert 'href="/evaluasi/"' in client.get(reverse("beranda")).content.decode()
