import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sakip.anggaran import queries
from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.anggaran.tests.factories import anggaran_pertama, program_dengan_anggaran
from sakip.anggaran.tests.test_excel import buku
from sakip.perencanaan import services as perencanaan_services


@pytest.fixture
def data(org):
    renstra = perencanaan_services.create_renstra(
        unit_kerja=org.biro_a, nama="Renstra Biro A", tahun_mulai=2024, tahun_selesai=2026
    )
    sasaran = perencanaan_services.add_sasaran(
        renstra=renstra, tujuan=None, kode="S1", uraian="Sasaran Biro A"
    )
    program = program_dengan_anggaran(
        org.biro_a, nama="Program Rahasia A", baris=[(D(1000), D(900)), (D(3000), D(1500))], sasaran=[sasaran]
    )
    pk = perencanaan_services.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2024)
    anggaran = anggaran_pertama(program)
    return {
        "renstra": renstra,
        "program": program,
        "kegiatan": program.kegiatan.get(),
        "sub": anggaran.sub_kegiatan,
        "pk": pk,
    }


def _url(name, data):
    args = {
        "anggaran:anggaran_detail": ("sub",),
        "anggaran:anggaran_ubah": ("sub",),
        "anggaran:anggaran_bulanan": ("sub",),
        "anggaran:kinerja_program": ("program",),
        "anggaran:kinerja_kegiatan": ("kegiatan",),
    }
    if name in args:
        return reverse(name, args=[data[args[name][0]].pk, 2024])
    return reverse(name)


OBJEK_UNIT = [
    "anggaran:anggaran_detail",
    "anggaran:anggaran_ubah",
    "anggaran:kinerja_program",
    "anggaran:kinerja_kegiatan",
]
POST_UNIT = [
    "anggaran:anggaran_ubah",
    "anggaran:anggaran_bulanan",
    "anggaran:kinerja_program",
    "anggaran:kinerja_kegiatan",
]
TABEL = [
    "anggaran:pohon",
    "anggaran:tabel_2_5",
    "anggaran:tabel_2_5_xlsx",
    "anggaran:tabel_3_16",
    "anggaran:tabel_3_16_xlsx",
    "anggaran:tabel_3_17",
    "anggaran:tabel_3_17_xlsx",
    "anggaran:tabel_3_18",
    "anggaran:tabel_3_18_xlsx",
    "anggaran:tabel_3_19",
    "anggaran:tabel_3_19_xlsx",
]
PENULIS = ["anggaran:impor", "anggaran:impor_terapkan", "anggaran:impor_templat", "anggaran:pengaturan"]
SEMUA = OBJEK_UNIT + POST_UNIT + TABEL + PENULIS


@pytest.mark.parametrize("name", SEMUA)
def test_anonymous_is_sent_to_login(client, data, name):
    response = client.get(_url(name, data))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", OBJEK_UNIT)
def test_operator_of_other_unit_gets_404_on_unit_a_objects(client, data, operator_b, name):
    client.force_login(operator_b)
    assert client.get(_url(name, data)).status_code == 404


@pytest.mark.parametrize("name", POST_UNIT)
def test_operator_of_other_unit_cannot_post_to_unit_a(client, data, operator_b, name):
    client.force_login(operator_b)
    assert client.post(_url(name, data), {"pagu": "1", "target": "1"}).status_code == 404
    assert anggaran_pertama(data["program"]).pagu == D(1000)


@pytest.mark.parametrize(
    ("name", "param"),
    [
        ("anggaran:pohon", "unit"),
        ("anggaran:tabel_3_19", "unit"),
        ("anggaran:tabel_3_19_xlsx", "unit"),
        ("anggaran:tabel_2_5", "renstra"),
        ("anggaran:tabel_2_5_xlsx", "renstra"),
        ("anggaran:tabel_3_16", "renstra"),
        ("anggaran:tabel_3_17", "renstra"),
        ("anggaran:tabel_3_18", "pk"),
        ("anggaran:tabel_3_18_xlsx", "pk"),
    ],
)
def test_operator_of_other_unit_gets_404_when_choosing_unit_a_in_a_filter(
    client, org, data, operator_b, name, param
):
    nilai = {"unit": org.biro_a.pk, "renstra": data["renstra"].pk, "pk": data["pk"].pk}[param]
    client.force_login(operator_b)
    assert client.get(reverse(name), {param: nilai, "tahun": 2024}).status_code == 404


@pytest.mark.parametrize(
    "name", ["anggaran:pohon", "anggaran:tabel_3_19", "anggaran:tabel_2_5", "anggaran:tabel_3_18"]
)
def test_pages_hide_other_units_rows(client, data, operator_b, name):
    program_dengan_anggaran(operator_b.penugasan.get().unit_kerja, nama="Program B", baris=[(D(5), D(1))])
    client.force_login(operator_b)
    body = client.get(reverse(name), {"tahun": 2024}).content.decode()
    assert "Program Rahasia A" not in body
    assert "Sasaran Biro A" not in body


@pytest.mark.parametrize("name", POST_UNIT)
def test_read_only_pimpinan_gets_403_on_writes(client, data, pimpinan_a, name):
    client.force_login(pimpinan_a)
    assert client.post(_url(name, data), {"pagu": "1"}).status_code == 403
    assert anggaran_pertama(data["program"]).pagu == D(1000)


@pytest.mark.parametrize("name", PENULIS)
def test_read_only_pimpinan_gets_403_on_import_and_settings(client, data, pimpinan_a, name):
    client.force_login(pimpinan_a)
    # impor_terapkan is POST only and impor_templat GET only: the other method is 405 before any access check.
    assert client.get(_url(name, data)).status_code == (405 if name.endswith("terapkan") else 403)
    assert client.post(_url(name, data), {}).status_code == (405 if name.endswith("templat") else 403)


def test_evaluator_reads_but_does_not_import(client, data, evaluator):
    client.force_login(evaluator)
    assert client.get(reverse("anggaran:pohon"), {"tahun": 2024}).status_code == 200
    assert client.get(_url("anggaran:anggaran_detail", data)).status_code == 200
    assert client.get(reverse("anggaran:impor")).status_code == 403


@pytest.mark.parametrize("name", TABEL)
def test_pimpinan_reads_every_table_and_export(client, data, pimpinan_a, name):
    client.force_login(pimpinan_a)
    response = client.get(reverse(name), {"tahun": 2024})
    assert response.status_code == 200
    if name.endswith("_xlsx"):
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        ws = load_workbook(io.BytesIO(response.content)).active
        assert ws["A1"].value.startswith("Tabel")


def test_tree_page_shows_rollup_and_bar(client, data, operator_a):
    client.force_login(operator_a)
    body = client.get(reverse("anggaran:pohon"), {"tahun": 2024}).content.decode()
    assert "Program Rahasia A" in body
    assert "4.000" in body
    assert "2.400" in body
    assert "60,00" in body  # 2.400 / 4.000
    assert 'style="width: 60.0%"' in body
    assert "Belanja Modal" in body


def test_table_2_5_page_and_export_agree(client, data, operator_a):
    client.force_login(operator_a)
    body = client.get(reverse("anggaran:tabel_2_5"), {"tahun": 2024}).content.decode()
    assert "Sasaran Biro A" in body
    assert "Rp 4.000" in body
    assert "60,00" in body
    response = client.get(reverse("anggaran:tabel_2_5_xlsx"), {"tahun": 2024})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    sasaran = next(r for r in rows if r[1] == "Sasaran Biro A")
    assert sasaran[2:5] == (4000, 2400, 60)


def test_efficiency_page_prints_its_method(client, data, operator_a, monkeypatch):
    monkeypatch.setattr(queries, "_penyedia_capaian", [])
    client.force_login(operator_a)
    body = client.get(reverse("anggaran:tabel_3_16"), {"tahun": 2024}).content.decode()
    assert "Metode: Selisih capaian dan penyerapan" in body
    assert "Capaian kinerja per sasaran belum tersedia" in body
    sasaran = data["renstra"].sasaran.get()
    queries.daftarkan_penyedia_capaian(sasaran=lambda r, t, u: {sasaran.pk: D(100)})
    body = client.get(reverse("anggaran:tabel_3_16"), {"tahun": 2024}).content.decode()
    assert "40,00" in body  # 100 − 60
    ws = load_workbook(
        io.BytesIO(client.get(reverse("anggaran:tabel_3_16_xlsx"), {"tahun": 2024}).content)
    ).active
    assert ws["A2"].value.startswith("Metode: Selisih capaian dan penyerapan")


def test_operator_edits_a_budget_line_in_indonesian_format_and_history_shows_it(client, data, operator_a):
    client.force_login(operator_a)
    url = _url("anggaran:anggaran_ubah", data)
    form = {
        "pagu": "1.250.000,50",
        "realisasi": "2.000.000",
        "jenis_belanja": "modal",
        "target_keluaran": "12",
        "realisasi_keluaran": "10",
        "satuan_keluaran": "Dokumen",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "melebihi pagu" in response.content.decode()
    assert anggaran_pertama(data["program"]).pagu == D(1000)
    response = client.post(url, {**form, "izinkan_lebih_pagu": "on"})
    assert response.status_code == 302
    anggaran = anggaran_pertama(data["program"])
    assert (anggaran.pagu, anggaran.realisasi, anggaran.jenis_belanja) == (
        D("1250000.50"),
        D(2000000),
        "modal",
    )
    body = client.get(response["Location"]).content.decode()
    assert "operator_a" in body
    assert "Pagu: 1.000 → 1.250.000,50" in body
    assert "Jenis belanja: Belanja Operasi → Belanja Modal" in body


def test_monthly_form_sets_yearly_realisasi(client, data, operator_a):
    client.force_login(operator_a)
    client.post(_url("anggaran:anggaran_bulanan", data), {"bulan_1": "100", "bulan_4": "200,5"})
    anggaran = anggaran_pertama(data["program"])
    assert anggaran.realisasi == D("300.5")
    body = client.get(_url("anggaran:anggaran_detail", data)).content.decode()
    assert "TW 2" in body


def test_admin_pemda_changes_the_efficiency_method(client, data, admin_pemda, org):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("anggaran:pengaturan"), {"pemda": org.pemda.pk, "metode_efisiensi": "indeks"}
    )
    assert response.status_code == 302
    assert queries.metode_efisiensi(org.pemda) == "indeks"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _unggah(client, berkas, **extra):
    berkas.name = "realisasi.xlsx"
    return client.post(reverse("anggaran:impor"), {"tahun": 2024, "berkas": berkas, **extra})


def test_import_flow_broken_row_writes_nothing(client, data, operator_a, media):
    client.force_login(operator_a)
    kode = data["sub"].kode
    response = _unggah(client, buku([kode, "x", "1.500", 10], [kode[:-1] + "2", "x", "abc", 10]))
    body = response.content.decode()
    assert "Baris 3, kolom &#x27;Pagu&#x27;: &#x27;abc&#x27; bukan angka rupiah" in body
    assert "Simpan impor" not in body
    assert anggaran_pertama(data["program"]).pagu == D(1000)
    response = client.post(reverse("anggaran:impor_terapkan"))
    assert response.status_code == 302
    assert anggaran_pertama(data["program"]).pagu == D(1000)
    assert not list(media.glob("**/*.xlsx"))


def test_import_flow_with_confirmation_of_realisasi_above_pagu(client, data, operator_a, media):
    client.force_login(operator_a)
    kode = data["sub"].kode
    response = _unggah(client, buku([kode, "x", "1.500", "1.600"]))
    body = response.content.decode()
    assert "melebihi pagu" in body
    assert "Simpan impor" in body
    assert len(list(media.glob("impor-anggaran/*.xlsx"))) == 1
    response = client.post(reverse("anggaran:impor_terapkan"))
    assert "Impor dibatalkan" in response.content.decode()
    assert anggaran_pertama(data["program"]).pagu == D(1000)
    response = client.post(reverse("anggaran:impor_terapkan"), {"konfirmasi_lebih_pagu": "on"}, follow=True)
    pesan = [str(m) for m in response.context["messages"]]
    assert any("0 baris baru, 1 diubah" in m for m in pesan)
    assert any("melebihi pagu (dikonfirmasi)" in m for m in pesan)
    anggaran = anggaran_pertama(data["program"])
    assert (anggaran.pagu, anggaran.realisasi) == (D(1500), D(1600))
    assert AnggaranSubKegiatan.history.filter(history_user=operator_a).count() == 1
    assert not list(media.glob("impor-anggaran/*.xlsx"))


def test_import_refuses_non_xlsx_content(client, data, operator_a, media):
    client.force_login(operator_a)
    response = _unggah(client, io.BytesIO(b"Kode,Pagu,Realisasi\n"))
    assert "bukan berkas Excel .xlsx" in response.content.decode()


def test_import_by_operator_b_of_unit_a_code_is_kode_tidak_dikenal(client, data, operator_b, media):
    client.force_login(operator_b)
    response = _unggah(client, buku([data["sub"].kode, "x", 1, 1]))
    assert "kode tidak dikenal" in response.content.decode()
    assert anggaran_pertama(data["program"]).pagu == D(1000)


def test_import_template_is_prefilled_with_the_users_sub_kegiatan(client, data, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("anggaran:impor_templat"), {"tahun": 2024})
    rows = list(load_workbook(io.BytesIO(response.content))["Realisasi"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Kode", "Nama", "Pagu", "Realisasi")
    assert (rows[1][0], rows[1][2], rows[1][8]) == (data["sub"].kode, 1000, "SETDA.A")


def _jumlah_query(client, url, params):
    client.get(url, params)  # the first visit remembers the chosen year in the session (one write, once)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "name",
    [
        "anggaran:pohon",
        "anggaran:tabel_2_5",
        "anggaran:tabel_3_16",
        "anggaran:tabel_3_17",
        "anggaran:tabel_3_18",
        "anggaran:tabel_3_19",
        "anggaran:tabel_3_19_xlsx",
    ],
)
def test_page_query_count_does_not_grow_with_rows(client, org, data, admin_pemda, name):
    client.force_login(admin_pemda)
    params = {"tahun": 2024, "renstra": data["renstra"].pk, "pk": data["pk"].pk}
    sedikit = _jumlah_query(client, reverse(name), params)
    sasaran = data["renstra"].sasaran.get()
    for n, unit in enumerate((org.biro_b, org.bagian_a1, org.setda), start=2):
        program_dengan_anggaran(
            unit,
            kode=f"{n}.1",
            baris=[(D(100 * i), D(i)) for i in range(1, 12)],
            sasaran=[sasaran],
            jumlah_kegiatan=3,
        )
        perencanaan_services.save_program(
            unit_kerja=org.biro_a, kode=f"9.{n}", nama="Tambahan", sasaran=[sasaran]
        )
    banyak = _jumlah_query(client, reverse(name), params)
    assert banyak == sedikit
