from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from sakip.pengukuran.models import Realisasi
from sakip.survei import pembatas, services
from sakip.survei.models import Respons, Survei
from sakip.survei.tests.conftest import data_post, jawab

READ = ["survei:detail", "survei:qr", "survei:templat"]
WRITE_GET = ["survei:ubah", "survei:tautan", "survei:impor"]
WRITE_POST = [
    "survei:ubah",
    "survei:tautan",
    "survei:lepas",
    "survei:terima_usulan",
    "survei:impor",
    "survei:impor_terapkan",
]


def _url(name, survei):
    return reverse(name, args=[survei.pk])


# --- Outsiders and readers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", READ + WRITE_GET)
def test_anonymous_is_sent_to_login(client, survei_a, name):
    response = client.get(_url(name, survei_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", WRITE_POST)
def test_anonymous_post_is_sent_to_login(client, survei_a, name):
    response = client.post(_url(name, survei_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["survei:daftar", "survei:baru"])
def test_anonymous_is_sent_to_login_from_list_and_create(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["operator_b", "tanpa_peran"])
@pytest.mark.parametrize("name", READ + WRITE_GET)
def test_outsider_gets_404(request, client, survei_a, persona, name):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(name, survei_a)).status_code == 404


@pytest.mark.parametrize("persona", ["operator_b", "tanpa_peran"])
@pytest.mark.parametrize("name", WRITE_POST)
def test_outsider_post_gets_404(request, client, survei_a, persona, name):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_url(name, survei_a)).status_code == 404


@pytest.mark.parametrize("persona", ["pimpinan_a", "evaluator"])
def test_readers_see_results_but_get_403_on_writes(request, client, survei_a, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in READ:
        assert client.get(_url(name, survei_a)).status_code == 200, name
    for name in WRITE_GET:
        assert client.get(_url(name, survei_a)).status_code == 403, name
    for name in WRITE_POST:
        assert client.post(_url(name, survei_a)).status_code == 403, name
    assert client.get(reverse("survei:baru")).status_code == 403


def test_operator_of_the_unit_opens_every_page(client, survei_a, operator_a):
    client.force_login(operator_a)
    for name in READ + WRITE_GET:
        assert client.get(_url(name, survei_a)).status_code == 200, name
    assert client.get(reverse("survei:baru")).status_code == 200


def test_list_shows_only_visible_surveys(client, survei_a, survei_b, operator_b, evaluator):
    client.force_login(operator_b)
    body = client.get(reverse("survei:daftar")).content.decode()
    assert survei_b.nama in body
    assert survei_a.nama not in body
    client.force_login(evaluator)
    body = client.get(reverse("survei:daftar")).content.decode()
    assert survei_b.nama in body
    assert survei_a.nama in body


def test_operator_cannot_create_a_survey_for_another_unit(client, org, operator_a):
    client.force_login(operator_a)
    data = {"unit_kerja": org.biro_b.pk, "nama": "X", "tahun": 2024, "periode": "S1"}
    data |= {"metode": "permenpanrb_14_2017", "bobot": "eksak", "maks_respons": 2000, "aktif": "on"}
    response = client.post(reverse("survei:baru"), data)
    assert response.status_code == 200
    assert not Survei.objects.exists()
    data["unit_kerja"] = org.biro_a.pk
    response = client.post(reverse("survei:baru"), data)
    survei = Survei.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("survei:detail", survei)
    assert survei.dibuat_oleh == operator_a
    assert len(survei.unsur) == 9


def test_edit_form_changes_labels(client, survei_a, operator_a):
    client.force_login(operator_a)
    data = {
        "nama": survei_a.nama,
        "tahun": 2024,
        "periode": "S1",
        "metode": "permenpanrb_14_2017",
        "bobot": "dibulatkan",
        "maks_respons": 500,
    }
    for i, u in enumerate(survei_a.unsur, start=1):
        data[f"unsur_{i}_label"] = u["label"]
        data[f"unsur_{i}_pertanyaan"] = u["pertanyaan"]
        data[f"unsur_{i}_pilihan"] = "; ".join(u["pilihan"])
    data["unsur_9_label"] = "Ruang tunggu"
    response = client.post(_url("survei:ubah", survei_a), data)
    assert response.status_code == 302
    survei_a.refresh_from_db()
    assert (survei_a.label_unsur[8], survei_a.bobot, survei_a.maks_respons, survei_a.aktif) == (
        "Ruang tunggu",
        "dibulatkan",
        500,
        False,
    )


# --- Results page -----------------------------------------------------------------------------------------------


def test_result_page_shows_both_weights_mutu_and_lowest_unsur(client, survei_a, operator_a):
    # 50 respondents with the seed 004 semester I totals → 86,36 (0,111) and 86,44 (1/9).
    totals = (173, 170, 177, 176, 177, 167, 169, 172, 175)
    rows = [[4 if j < t - 150 else 3 for t in totals] for j in range(50)]
    jawab(survei_a, *rows)
    client.force_login(operator_a)
    body = client.get(_url("survei:detail", survei_a)).content.decode()
    assert 'id="ikm-unit">86,44<' in body  # the survey uses the exact weight
    assert "86,358" in body
    assert "86,36" in body
    assert 'id="mutu">B<' in body
    assert "Kinerja unit pelayanan Baik" in body
    lowest = body[body.index('id="unsur-terendah"') :]
    assert (
        lowest.index("Kompetensi pelaksana")
        < lowest.index("Perilaku pelaksana")
        < lowest.index("Sistem, mekanisme")
    )


def test_result_page_and_list_query_counts_do_not_grow_with_responses(
    client, survei_a, survei_b, operator_a, admin_pemda, django_assert_max_num_queries
):
    jawab(survei_a, [3] * 9)
    client.force_login(admin_pemda)

    def hitung(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    detail_1, list_1 = hitung(_url("survei:detail", survei_a)), hitung(reverse("survei:daftar"))
    jawab(survei_a, *[[4] * 9] * 30, jenis_kelamin="L", saran="Bagus")
    jawab(survei_b, *[[2] * 9] * 10)
    assert hitung(_url("survei:detail", survei_a)) == detail_1
    assert hitung(reverse("survei:daftar")) == list_1
    with django_assert_max_num_queries(10):
        client.get(_url("survei:detail", survei_a))


def test_qr_code_is_an_svg_of_the_public_link(client, survei_a, operator_a):
    client.force_login(operator_a)
    response = client.get(_url("survei:qr", survei_a))
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml")
    assert b"<svg" in response.content


# --- Link to an IKU ---------------------------------------------------------------------------------------------


def test_link_page_links_and_the_operator_accepts_the_proposal_shown_on_the_survey_page(
    client, survei_a, iku_ikm, operator_a, pimpinan_a
):
    jawab(survei_a, [3] * 9, [4] * 9, [4] * 9)  # IKM unit 91,666…
    client.force_login(operator_a)
    response = client.post(_url("survei:tautan", survei_a), {"indikator": iku_ikm.pk})
    assert response.status_code == 302
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()  # linking proposes, it writes nothing
    body = client.get(_url("survei:detail", survei_a)).content.decode()
    assert 'id="usulan-iku">91,67<' in body
    assert 'id="realisasi-iku">–<' in body
    response = client.post(_url("survei:terima_usulan", survei_a), {"nilai": "91.666667", "versi": "0"})
    assert response.status_code == 302
    realisasi = Realisasi.objects.get(indikator=iku_ikm, tahun=2024, periode="TW2")
    assert (realisasi.nilai, realisasi.status) == (Decimal("91.666667"), "draft")
    # The measurement page shows that value as the indicator's realisasi (TW2 and, by "nilai akhir", the year).
    client.force_login(pimpinan_a)
    body = client.get(reverse("pengukuran:indikator", args=[iku_ikm.pk]) + "?tahun=2024").content.decode()
    assert 'id="realisasi-tahunan">91,67<' in body
    # The survey page says so too, and a reader gets no accept button.
    body = client.get(_url("survei:detail", survei_a)).content.decode()
    assert 'id="realisasi-iku">91,67<' in body
    assert "Terima usulan" not in body


def test_link_refuses_an_indicator_of_another_unit(client, survei_b, iku_ikm, operator_b):
    client.force_login(operator_b)
    response = client.post(_url("survei:tautan", survei_b), {"indikator": iku_ikm.pk})
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    survei_b.refresh_from_db()
    assert survei_b.indikator is None


def test_accept_proposal_and_unlink_buttons(client, survei_a, iku_ikm, operator_a):
    jawab(survei_a, [4] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    client.force_login(operator_a)
    body = client.get(_url("survei:detail", survei_a)).content.decode()
    assert 'name="nilai" value="100.000000"' in body
    assert 'name="versi" value="0"' in body
    respons = client.post(_url("survei:terima_usulan", survei_a), {"nilai": "100.000000", "versi": "0"})
    assert respons.status_code == 302
    r = Realisasi.objects.get(indikator=iku_ikm)
    assert (r.nilai, r.status, r.diubah_oleh) == (Decimal(100), "draft", operator_a)
    # The same form posted again is stale (the realisasi now has version 1): refused, nothing changes.
    respons = client.post(
        _url("survei:terima_usulan", survei_a), {"nilai": "100.000000", "versi": "0"}, follow=True
    )
    assert "sudah diubah" in respons.content.decode()
    assert Realisasi.objects.get(indikator=iku_ikm).versi == r.versi
    assert client.post(_url("survei:lepas", survei_a)).status_code == 302
    survei_a.refresh_from_db()
    assert survei_a.indikator is None


def test_indicator_fragment_says_the_value_comes_from_the_survey(survei_a, iku_ikm, operator_a):
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    html = Template("{% load survei_tags %}{% sumber_survei indikator tahun %}").render(
        Context({"indikator": iku_ikm, "tahun": 2024})
    )
    assert "diusulkan oleh survei kepuasan masyarakat" in html
    assert survei_a.nama in html
    assert "Realisasi <strong>Triwulan II</strong> 2024" in html
    kosong = Template("{% load survei_tags %}{% sumber_survei indikator tahun %}").render(
        Context({"indikator": iku_ikm, "tahun": 2025})
    )
    assert not kosong.strip()


# --- Public questionnaire ---------------------------------------------------------------------------------------


def _isi(survei):
    return reverse("survei:isi", args=[survei.kode])


def test_public_form_needs_no_login_and_shows_the_standard_answers(client, survei_a):
    body = client.get(_isi(survei_a)).content.decode()
    assert "kesesuaian persyaratan pelayanan" in body
    for teks in ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"):
        assert f"> {teks}</label>" in body
    assert 'name="u9"' in body
    assert 'name="u10"' not in body


def test_public_form_stores_a_valid_response(client, survei_a):
    response = client.post(
        _isi(survei_a), data_post(survei_a, [4, 3, 4, 3, 4, 3, 4, 3, 2], saran="Antrian lama")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("survei:terima_kasih", args=[survei_a.kode])
    respons = Respons.objects.get()
    assert respons.nilai == [4, 3, 4, 3, 4, 3, 4, 3, 2]
    assert (respons.jenis_kelamin, respons.umur, respons.pendidikan, respons.pekerjaan) == (
        "P",
        34,
        "S1",
        "SWASTA",
    )
    assert (respons.saran, respons.sumber) == ("Antrian lama", "daring")
    assert "telah kami terima" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"u3": "7"}, "Jawaban unsur 3 (Waktu penyelesaian) harus salah satu pilihan nilai 1–4."),
        ({"u9": ""}, "Unsur 9 (Sarana dan prasarana) belum dijawab."),
        ({"u1": "abc"}, "Jawaban unsur 1 (Persyaratan) harus salah satu pilihan nilai 1–4."),
        ({"umur": "5"}, "Umur minimal 10 tahun."),
        ({"jenis_kelamin": "X"}, "Pilihan jenis kelamin tidak dikenal."),
        ({"pendidikan": ""}, "Pilih pendidikan terakhir."),
    ],
)
def test_public_form_rejects_a_malformed_response_with_a_clear_message(client, survei_a, ubah, pesan):
    response = client.post(_isi(survei_a), data_post(survei_a) | ubah)
    assert response.status_code == 400
    assert pesan in response.content.decode()
    assert not Respons.objects.exists()


def test_public_form_stops_a_flood_from_one_client_without_losing_earlier_responses(client, survei_a):
    for _ in range(pembatas.BATAS_PER_KLIEN):
        assert client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.1.1.1").status_code == 302
    response = client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "Terlalu banyak jawaban" in response.content.decode()
    assert response["Retry-After"] == str(pembatas.JENDELA_DETIK)
    assert Respons.objects.filter(survei=survei_a).count() == pembatas.BATAS_PER_KLIEN
    # Another client is not affected, and neither is the same client on another survey.
    assert client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.1.1.2").status_code == 302
    assert Respons.objects.filter(survei=survei_a).count() == pembatas.BATAS_PER_KLIEN + 1


def test_flood_limit_resets_after_the_window(client, survei_a, time_machine):
    time_machine.move_to("2024-03-01 09:00:00+07:00", tick=False)
    for _ in range(pembatas.BATAS_PER_KLIEN):
        client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.9.9.9")
    assert client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.9.9.9").status_code == 429
    time_machine.move_to("2024-03-01 09:11:00+07:00", tick=False)
    assert client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.9.9.9").status_code == 302


def test_invalid_submissions_do_not_use_up_the_limit(client, survei_a):
    for _ in range(pembatas.BATAS_PER_KLIEN + 2):
        client.post(_isi(survei_a), data_post(survei_a, u1="9"), REMOTE_ADDR="10.1.1.3")
    assert client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.1.1.3").status_code == 302


def test_per_survey_cap_answers_429_and_keeps_what_was_stored(client, survei_a, operator_a):
    services.update_survei(survei=survei_a, by=operator_a, maks_respons=2)
    for alamat in ("10.2.0.1", "10.2.0.2"):
        assert client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR=alamat).status_code == 302
    response = client.post(_isi(survei_a), data_post(survei_a), REMOTE_ADDR="10.2.0.3")
    assert response.status_code == 429
    assert "batas 2 jawaban" in response.content.decode()
    assert Respons.objects.filter(survei=survei_a).count() == 2


def test_public_form_keeps_csrf_protection(survei_a):
    client = Client(enforce_csrf_checks=True)
    assert client.post(_isi(survei_a), data_post(survei_a)).status_code == 403
    assert not Respons.objects.exists()
    client.get(_isi(survei_a))
    token = client.cookies["csrftoken"].value
    response = client.post(_isi(survei_a), data_post(survei_a, csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Respons.objects.count() == 1


def test_closed_or_unknown_survey(client, survei_a, operator_a):
    assert client.get(reverse("survei:isi", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    services.update_survei(survei=survei_a, by=operator_a, aktif=False)
    response = client.post(_isi(survei_a), data_post(survei_a))
    assert response.status_code == 403
    assert "sudah ditutup" in response.content.decode()
    assert not Respons.objects.exists()


def test_public_url_is_not_the_database_id(survei_a):
    assert str(survei_a.pk) not in _isi(survei_a).replace(str(survei_a.kode), "")
    assert len(str(survei_a.kode)) == 36


def test_legacy_survey_form_asks_fourteen_questions(client, org, operator_a):
    survei = services.create_survei(
        unit_kerja=org.biro_a,
        by=operator_a,
        nama="Lama",
        tahun=2024,
        periode="S2",
        metode="kepmenpan_25_2004",
    )
    body = client.get(_isi(survei)).content.decode()
    assert 'name="u14"' in body
    assert "keamanan pelayanan" in body
    assert client.post(_isi(survei), data_post(survei)).status_code == 302
    assert Respons.objects.get().u14 == 4


def test_legacy_survey_results_use_the_1_to_4_bands(client, org, operator_a):
    survei = services.create_survei(
        unit_kerja=org.biro_a,
        by=operator_a,
        nama="Lama",
        tahun=2024,
        periode="S2",
        metode="kepmenpan_25_2004",
    )
    jawab(survei, [3] * 14)  # IKM 3,00 → B; IKM unit 75,00
    client.force_login(operator_a)
    body = client.get(_url("survei:detail", survei)).content.decode()
    assert 'id="ikm-unit">75,00<' in body
    assert 'id="mutu">B<' in body
    assert "IKM (1–4)" in body
    assert "≥ 3,26" in body
    assert "Keamanan pelayanan" in body
