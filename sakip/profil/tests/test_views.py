import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.profil import data as profil_data
from sakip.profil import excel, services
from sakip.profil.models import BarisPegawai, ProfilOrganisasi
from sakip.profil.tests.conftest import data_kecil

TAHUN = 2024
BACA = ["detail", "templat", "ekspor", "riwayat"]
UBAH = ["ubah_uraian", "ubah_pegawai", "ubah_sarana", "impor"]
HANYA_POST = ["impor_terapkan", "salin"]
GRAFIK = ["jenis-kelamin", "golongan", "pendidikan"]


def _url(nama, unit, tahun=TAHUN):
    return reverse(f"profil:{nama}", args=[unit.pk, tahun])


def _semua_url_unit(unit):
    """Every URL of the app that names a unit: (method, url, is_a_write)."""
    urls = [("get", _url(n, unit), False) for n in BACA]
    urls += [("get", reverse("profil:grafik", args=[unit.pk, TAHUN, j]), False) for j in GRAFIK]
    urls.append(("get", reverse("profil:bagan", args=[unit.pk]), False))
    urls += [(m, _url(n, unit), True) for n in UBAH for m in ("get", "post")]
    urls += [("post", _url(n, unit), True) for n in HANYA_POST]
    return urls


def _xlsx(data, unit, tahun=TAHUN, nama="profil.xlsx"):
    isi = excel.tulis(data, kode_unit=unit.kode, nama_unit=unit.nama, tahun=tahun)
    return SimpleUploadedFile(nama, isi, content_type=excel.JENIS_MIME)


def _formset(prefix, rows):
    post = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for k, v in row.items():
            post[f"{prefix}-{i}-{k}"] = "" if v is None else str(v)
        post[f"{prefix}-{i}-ORDER"] = str(i + 1)
    return post


# --------------------------------------------------------------------------------------------- access


def test_every_page_sends_anonymous_to_login(client, org, profil_a):
    for method, url, _ in [("get", reverse("profil:daftar"), False), *_semua_url_unit(org.biro_a)]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_operator_of_another_unit_gets_404_on_every_page_of_unit_a(client, org, profil_a, operator_b):
    client.force_login(operator_b)
    for method, url, _ in _semua_url_unit(org.biro_a):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert ProfilOrganisasi.objects.get(pk=profil_a.pk).pegawai_asn.count() == 2


def test_operator_of_a_sub_unit_cannot_reach_its_parents_profile(client, org, operator_a):
    services.simpan_profil(unit_kerja=org.setda, tahun=TAHUN, data=data_kecil(), by=None)
    client.force_login(operator_a)
    for method, url, _ in _semua_url_unit(org.setda):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_user_without_role_gets_404_everywhere_and_an_empty_list(client, org, profil_a, tanpa_peran):
    client.force_login(tanpa_peran)
    for method, url, _ in _semua_url_unit(org.biro_a):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    response = client.get(reverse("profil:daftar"))
    assert response.status_code == 200
    assert "Biro A" not in response.content.decode()


def test_opening_a_unit_outside_scope_from_the_list_form_gets_404(client, org, operator_b):
    client.force_login(operator_b)
    response = client.get(reverse("profil:daftar"), {"unit": org.biro_a.pk, "tahun": TAHUN})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["pimpinan_a", "evaluator"])
def test_read_only_users_read_every_page_and_get_403_on_every_change(client, org, profil_a, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for method, url, menulis in _semua_url_unit(org.biro_a):
        status = getattr(client, method)(url).status_code
        assert status == (403 if menulis else 200), (method, url, status)
    assert BarisPegawai.history.filter(history_type="~").count() == 0


def test_evaluator_of_one_pemda_gets_404_in_another(client, org, evaluator):
    services.simpan_profil(unit_kerja=org.setda_lain, tahun=TAHUN, data=data_kecil(), by=None)
    client.force_login(evaluator)
    for method, url, _ in _semua_url_unit(org.setda_lain):
        assert getattr(client, method)(url).status_code == 404, (method, url)


def test_operator_of_the_unit_can_open_every_page(client, org, profil_a, operator_a):
    client.force_login(operator_a)
    for method, url, _ in _semua_url_unit(org.biro_a):
        if method == "get":
            assert client.get(url).status_code == 200, url
    assert client.get(_url("detail", org.bagian_a1)).status_code == 200  # sub-unit, no profile yet


def test_admin_pemda_can_edit_any_unit_of_the_pemda(client, org, profil_a, admin_pemda):
    client.force_login(admin_pemda)
    assert client.get(_url("ubah_pegawai", org.biro_a)).status_code == 200
    assert client.get(_url("ubah_pegawai", org.setda_lain)).status_code == 404


def test_year_outside_the_range_is_400_with_the_message(client, org, operator_a):
    client.force_login(operator_a)
    response = client.get(_url("detail", org.biro_a, 1900))
    assert response.status_code == 400
    assert "Tahun tidak valid: &#x27;1900&#x27;" in response.content.decode()


def test_unknown_chart_is_404(client, org, profil_a, operator_a):
    client.force_login(operator_a)
    assert client.get(reverse("profil:grafik", args=[org.biro_a.pk, TAHUN, "umur"])).status_code == 404


# --------------------------------------------------------------------------------------------- pages


def test_profile_page_shows_seed_004_totals_computed_from_the_cells(client, org, operator_a, data_seed):
    services.simpan_profil(unit_kerja=org.biro_a, tahun=TAHUN, data=data_seed, by=None)
    client.force_login(operator_a)
    body = client.get(_url("detail", org.biro_a)).content.decode()
    assert '<td class="angka" data-kolom="pns">312</td>' in body
    assert '<td class="angka" data-kolom="p3k">17</td>' in body
    assert 'data-kolom="jumlah_asn">329</td>' in body
    assert 'data-kolom="non_pns">264</td>' in body
    assert "<strong>593</strong> orang" in body
    assert "<strong>388</strong> laki-laki dan <strong>205</strong> perempuan" in body
    assert "31 Desember 2024" in body
    assert "2.048" in body  # Indonesian number format in table 1.2
    assert '<td rowspan="2">Gedung</td>' in body
    assert "cascade kinerja" in body
    for jenis in GRAFIK:
        assert reverse("profil:grafik", args=[org.biro_a.pk, TAHUN, jenis]) in body
    assert reverse("profil:bagan", args=[org.biro_a.pk]) in body


def test_staff_charts_are_served_as_png(client, org, profil_a, pimpinan_a):
    client.force_login(pimpinan_a)
    for jenis in GRAFIK:
        response = client.get(reverse("profil:grafik", args=[org.biro_a.pk, TAHUN, jenis]))
        assert response["Content-Type"] == "image/png"
        assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_page_of_a_year_without_profile_offers_fill_import_and_copy(client, org, profil_a, operator_a):
    client.force_login(operator_a)
    body = client.get(_url("detail", org.biro_a, 2025)).content.decode()
    assert "Belum ada profil untuk tahun 2025" in body
    assert "Salin dari profil tahun 2024" in body
    response = client.post(_url("salin", org.biro_a, 2025), {"dari": "2024"}, follow=True)
    assert "disalin" in response.content.decode()
    assert ProfilOrganisasi.objects.filter(unit_kerja=org.biro_a, tahun=2025).exists()


def test_list_shows_the_profiles_in_scope_only(client, org, profil_a, operator_b):
    services.simpan_profil(unit_kerja=org.biro_b, tahun=TAHUN, data=data_kecil(), by=None)
    client.force_login(operator_b)
    body = client.get(reverse("profil:daftar")).content.decode()
    assert _url("detail", org.biro_b) in body
    assert _url("detail", org.biro_a) not in body
    response = client.get(reverse("profil:daftar"), {"unit": org.biro_b.pk, "tahun": 2025})
    assert response["Location"] == _url("detail", org.biro_b, 2025)


# --------------------------------------------------------------------------------------------- edits


def test_operator_edits_staff_rows_and_history_names_them(client, org, profil_a, operator_a):
    client.force_login(operator_a)
    rows = data_kecil()["pegawai_asn"]
    rows[0].update(pns=4, gol_iv=2, laki_laki=3, s1=3)
    post = {**_formset("asn", rows), **_formset("non_pns", data_kecil()["pegawai_non_pns"])}
    response = client.post(_url("ubah_pegawai", org.biro_a), post)
    assert response.status_code == 302
    baris = profil_a.pegawai_asn.get(urutan=1)
    assert baris.pns == 4
    terbaru = baris.history.first()
    assert terbaru.history_user == operator_a
    assert {c.field: (c.old, c.new) for c in terbaru.diff_against(terbaru.prev_record).changes}["pns"] == (
        3,
        4,
    )
    body = client.get(_url("riwayat", org.biro_a)).content.decode()
    assert "operator_a" in body
    assert "3 → 4" in body


def test_staff_row_that_does_not_add_up_is_refused_with_the_reason(client, org, profil_a, operator_a):
    client.force_login(operator_a)
    rows = data_kecil()["pegawai_asn"]
    rows[1]["perempuan"] = 5
    post = {**_formset("asn", rows), **_formset("non_pns", [])}
    response = client.post(_url("ubah_pegawai", org.biro_a), post)
    assert response.status_code == 200
    assert "Baris 2: L + P = 7 tidak sama dengan PNS + P3K = 4." in response.content.decode()
    assert profil_a.pegawai_asn.get(urutan=2).perempuan == 2
    assert profil_a.pegawai_non_pns.count() == 1


def test_operator_edits_text_lists_and_needs_a_reason_when_there_is_no_standard(
    client, org, profil_a, operator_a
):
    client.force_login(operator_a)
    uraian = {**data_kecil()["uraian"], "alasan_tanpa_standar": "", "tugas": "Tugas baru."}
    post = {k: v for k, v in uraian.items() if k != "ada_standar"}
    post.update(_formset("landasan_hukum", [{"uraian": "UU 23/2014."}]))
    post.update(_formset("fungsi", [{"uraian": "Fungsi A"}, {"uraian": "Fungsi B"}]))
    post.update(_formset("isu_strategis", []))
    post.update(_formset("standar", []))
    response = client.post(_url("ubah_uraian", org.biro_a), post)
    assert response.status_code == 200
    assert "isi alasannya" in response.content.decode()
    post["alasan_tanpa_standar"] = "Tidak ada indikator yang sama."
    assert client.post(_url("ubah_uraian", org.biro_a), post).status_code == 302
    profil_a.refresh_from_db()
    data = profil_data.dari_profil(profil_a)
    assert data["uraian"]["tugas"] == "Tugas baru."
    assert data["landasan_hukum"] == ["UU 23/2014."]
    assert data["isu_strategis"] == []


def test_operator_edits_facilities(client, org, profil_a, operator_a):
    client.force_login(operator_a)
    rows = [{"uraian": "Komputer", "banyaknya": "515", "satuan": "Unit", "keterangan": ""}]
    assert client.post(_url("ubah_sarana", org.biro_a), _formset("sarana", rows)).status_code == 302
    assert profil_data.dari_profil(profil_a)["sarana"] == [{**rows[0]}]


# --------------------------------------------------------------------------------------------- import


def test_import_previews_then_applies_only_on_confirmation(client, org, profil_a, operator_a, data_seed):
    client.force_login(operator_a)
    response = client.post(_url("impor", org.biro_a), {"berkas": _xlsx(data_seed, org.biro_a)})
    body = response.content.decode()
    assert "Tidak ada kesalahan" in body
    assert "PNS 312, P3K 17, jumlah 329" in body
    assert profil_a.pegawai_asn.count() == 2  # a dry run writes nothing
    response = client.post(_url("impor_terapkan", org.biro_a), follow=True)
    assert "diterapkan" in response.content.decode()
    assert profil_a.ringkasan_pegawai().jumlah_seluruh == 593
    assert BarisPegawai.history.filter(history_user=operator_a).exists()
    # The pending import is used once.
    again = client.post(_url("impor_terapkan", org.biro_a), follow=True)
    assert "Tidak ada impor yang menunggu" in again.content.decode()


def test_import_with_a_wrong_total_lists_the_row_and_cannot_be_applied(client, org, profil_a, operator_a):
    from openpyxl import load_workbook

    berkas = _xlsx(data_kecil(5), org.biro_a)
    wb = load_workbook(io.BytesIO(berkas.read()))
    wb["Pegawai ASN"]["S7"] = 99
    keluaran = io.BytesIO()
    wb.save(keluaran)
    client.force_login(operator_a)
    sebelum = profil_data.dari_profil(profil_a)
    response = client.post(
        _url("impor", org.biro_a), {"berkas": SimpleUploadedFile("salah.xlsx", keluaran.getvalue())}
    )
    body = response.content.decode()
    assert "1 kesalahan ditemukan" in body
    assert (
        "Sheet &#x27;Pegawai ASN&#x27;, baris 7, kolom &#x27;Jumlah&#x27;: "
        "Baris jumlah tertulis 99, padahal jumlah dari baris-baris di atasnya 20." in body
    )
    assert "Terapkan impor" not in body
    client.post(_url("impor_terapkan", org.biro_a))
    assert profil_data.dari_profil(profil_a) == sebelum


def test_import_refuses_a_file_that_is_not_xlsx(client, org, operator_a):
    client.force_login(operator_a)
    palsu = SimpleUploadedFile("profil.xlsx", b"ini bukan excel", content_type=excel.JENIS_MIME)
    body = client.post(_url("impor", org.biro_a), {"berkas": palsu}).content.decode()
    assert "bukan berkas Excel .xlsx yang valid" in body


def test_import_refuses_a_file_over_5_mb(client, org, operator_a):
    client.force_login(operator_a)
    besar = SimpleUploadedFile("besar.xlsx", b"PK" + b"\0" * (5 * 1024 * 1024))
    body = client.post(_url("impor", org.biro_a), {"berkas": besar}).content.decode()
    assert "melebihi batas 5 MB" in body


def test_template_and_export_download_as_xlsx(client, org, profil_a, pimpinan_a):
    client.force_login(pimpinan_a)
    for nama in ["templat", "ekspor"]:
        response = client.get(_url(nama, org.biro_a))
        assert response["Content-Type"] == excel.JENIS_MIME
        assert "attachment" in response["Content-Disposition"]
        hasil = excel.baca(io.BytesIO(response.content), kode_unit=org.biro_a.kode, tahun=TAHUN)
        if nama == "ekspor":
            assert hasil.ok
            assert hasil.data == profil_data.dari_profil(profil_a)


def test_export_of_a_missing_profile_is_404(client, org, operator_a):
    client.force_login(operator_a)
    assert client.get(_url("ekspor", org.biro_a, 2030)).status_code == 404


# --------------------------------------------------------------------------------------------- query counts


def _isi(org, unit, baris):
    data = data_kecil(baris)
    data["landasan_hukum"] *= baris
    data["isu_strategis"] *= baris
    data["sarana"] *= baris
    services.simpan_profil(unit_kerja=unit, tahun=TAHUN, data=data, by=None)


@pytest.mark.parametrize(
    "nama", ["detail", "ubah_uraian", "ubah_pegawai", "ubah_sarana", "riwayat", "ekspor"]
)
def test_page_query_count_does_not_grow_with_rows(client, org, operator_a, nama):
    client.force_login(operator_a)
    _isi(org, org.biro_a, 2)
    _isi(org, org.bagian_a1, 25)
    client.get(_url(nama, org.biro_a))  # warm the session
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(_url(nama, org.biro_a)).status_code == 200
    with CaptureQueriesContext(connection) as banyak:
        assert client.get(_url(nama, org.bagian_a1)).status_code == 200
    assert len(banyak) == len(sedikit)


def test_list_query_count_does_not_grow_with_profiles(client, org, admin_pemda):
    client.force_login(admin_pemda)
    _isi(org, org.biro_a, 1)
    client.get(reverse("profil:daftar"))
    with CaptureQueriesContext(connection) as sedikit:
        client.get(reverse("profil:daftar"))
    for tahun in range(2010, 2030):
        services.simpan_profil(unit_kerja=org.biro_b, tahun=tahun, data=data_kecil(1), by=None)
    with CaptureQueriesContext(connection) as banyak:
        body = client.get(reverse("profil:daftar")).content.decode()
    assert body.count("Biro B") >= 20
    assert len(banyak) == len(sedikit)


def test_chart_and_org_chart_query_counts_are_constant(
    client, org, operator_a, django_assert_max_num_queries
):
    client.force_login(operator_a)
    _isi(org, org.biro_a, 25)
    client.get(_url("detail", org.biro_a))
    with django_assert_max_num_queries(6):
        client.get(reverse("profil:bagan", args=[org.biro_a.pk]))
    with django_assert_max_num_queries(8):
        client.get(reverse("profil:grafik", args=[org.biro_a.pk, TAHUN, "golongan"]))
