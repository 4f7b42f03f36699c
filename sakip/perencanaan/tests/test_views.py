from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.perencanaan import services
from sakip.perencanaan.models import Indikator, PerjanjianKinerja, RencanaStrategis
from sakip.perencanaan.tests.factories import renstra_dengan_iku


@pytest.fixture
def data(org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    pk = services.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a)
    services.save_program(
        unit_kerja=org.biro_a, kode="4.01.01", nama="Program Penunjang", sasaran=renstra.sasaran.all()
    )
    return {
        "renstra": renstra,
        "indikator": renstra.indikator.first(),
        "pk": pk,
        "line": pk.indikator.first(),
    }


# Every page of unit A's planning data, by URL name and the object whose pk it takes.
HALAMAN_UNIT = [
    ("perencanaan:renstra_detail", "renstra"),
    ("perencanaan:tujuan_create", "renstra"),
    ("perencanaan:sasaran_create", "renstra"),
    ("perencanaan:indikator_create", "renstra"),
    ("perencanaan:pohon_kinerja", "renstra"),
    ("perencanaan:indikator_detail", "indikator"),
    ("perencanaan:indikator_update", "indikator"),
    ("perencanaan:pk_detail", "pk"),
    ("perencanaan:rencana_aksi", "line"),
]
POST_UNIT = [
    ("perencanaan:tujuan_create", "renstra"),
    ("perencanaan:sasaran_create", "renstra"),
    ("perencanaan:indikator_create", "renstra"),
    ("perencanaan:indikator_update", "indikator"),
    ("perencanaan:pk_update", "pk"),
    ("perencanaan:pk_finalize", "pk"),
    ("perencanaan:pk_revise", "pk"),
    ("perencanaan:rencana_aksi", "line"),
]


@pytest.mark.parametrize(("name", "obj"), HALAMAN_UNIT)
def test_operator_of_other_unit_gets_404(client, data, operator_b, name, obj):
    client.force_login(operator_b)
    assert client.get(reverse(name, args=[data[obj].pk])).status_code == 404


@pytest.mark.parametrize(("name", "obj"), POST_UNIT)
def test_operator_of_other_unit_cannot_post(client, data, operator_b, name, obj):
    client.force_login(operator_b)
    assert client.post(reverse(name, args=[data[obj].pk]), {}).status_code == 404


@pytest.mark.parametrize(("name", "obj"), HALAMAN_UNIT + POST_UNIT)
def test_anonymous_is_sent_to_login(client, data, name, obj):
    response = client.get(reverse(name, args=[data[obj].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "obj"), POST_UNIT)
def test_read_only_pimpinan_gets_403_on_writes(client, data, pimpinan_a, name, obj):
    client.force_login(pimpinan_a)
    assert client.post(reverse(name, args=[data[obj].pk]), {}).status_code == 403


@pytest.mark.parametrize(
    ("name", "obj"), [h for h in HALAMAN_UNIT if not h[0].endswith(("create", "update"))]
)
def test_pimpinan_and_evaluator_can_read(client, data, pimpinan_a, evaluator, name, obj):
    for user in (pimpinan_a, evaluator):
        client.force_login(user)
        assert client.get(reverse(name, args=[data[obj].pk])).status_code == 200


@pytest.mark.parametrize(
    "name", ["perencanaan:renstra_list", "perencanaan:program_list", "perencanaan:pk_list"]
)
def test_lists_hide_other_units_rows(client, data, operator_b, name):
    client.force_login(operator_b)
    body = client.get(reverse(name)).content.decode()
    assert "Renstra SETDA.A" not in body
    assert "Program Penunjang" not in body
    assert "Biro A" not in body


def test_renstra_create_offers_only_editable_units_and_refuses_readers(
    client, data, operator_a, pimpinan_a, org
):
    client.force_login(pimpinan_a)
    assert client.get(reverse("perencanaan:renstra_create")).status_code == 403
    client.force_login(operator_a)
    response = client.post(
        reverse("perencanaan:renstra_create"),
        {"unit_kerja": org.biro_b.pk, "nama": "Curang", "tahun_mulai": 2024, "tahun_selesai": 2026},
    )
    assert response.status_code == 200  # form error: Biro B is not a valid choice
    assert not RencanaStrategis.objects.filter(nama="Curang").exists()


def test_operator_creates_an_iku_with_two_inputs_and_targets_through_the_form(client, data, operator_a):
    renstra = data["renstra"]
    client.force_login(operator_a)
    sasaran = renstra.sasaran.get()
    response = client.post(
        reverse("perencanaan:indikator_create", args=[renstra.pk]),
        {
            "induk": f"s{sasaran.pk}",
            "kode": "IKU09",
            "nama": "Persentase kebijakan difasilitasi",
            "satuan": "Persen",
            "jenis": "persentase",
            "polaritas": "positif",
            "agregasi": "nilai_akhir",
            "is_iku": "on",
            "formulasi": "kebijakan_difasilitasi / usulan_kebijakan × 100",
            "variabel_teks": "kebijakan_difasilitasi | Kebijakan yang difasilitasi\nusulan_kebijakan | Usulan kebijakan",
            "target_2024": "100",
            "target_2025": "85,5",
            "target_2026": "86 (Baik)",
            "kondisi_awal_isi": "90",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    ind = Indikator.objects.get(kode="IKU09")
    assert [v.nama for v in ind.variabel.all()] == ["kebijakan_difasilitasi", "usulan_kebijakan"]
    assert {t.tahun: (t.nilai, t.keterangan) for t in ind.target.all()} == {
        2024: (Decimal(100), ""),
        2025: (Decimal("85.5"), ""),
        2026: (Decimal(86), "Baik"),
    }
    assert ind.kondisi_awal == Decimal(90)


def test_indikator_form_reports_an_undefined_formula_input_and_saves_nothing(client, data, operator_a):
    renstra = data["renstra"]
    client.force_login(operator_a)
    response = client.post(
        reverse("perencanaan:indikator_create", args=[renstra.pk]),
        {
            "induk": f"s{renstra.sasaran.get().pk}",
            "kode": "IKU09",
            "nama": "X",
            "satuan": "Persen",
            "jenis": "persentase",
            "polaritas": "positif",
            "agregasi": "nilai_akhir",
            "formulasi": "a / b * 100",
            "variabel_teks": "a | A",
            "target_2024": "abc",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "bukan angka" in body
    assert not Indikator.objects.filter(kode="IKU09").exists()


def test_final_pk_page_refuses_target_change_and_revision_keeps_both(client, data, operator_a):
    pk, line = data["pk"], data["line"]
    client.force_login(operator_a)
    pihak = {"pihak_pertama_nama": "Kepala Biro A", "pihak_kedua_nama": "Sekda", f"target_{line.pk}": "91"}
    client.post(reverse("perencanaan:pk_update", args=[pk.pk]), pihak)
    client.post(reverse("perencanaan:pk_finalize", args=[pk.pk]))
    pk.refresh_from_db()
    assert pk.status == "final"
    client.post(reverse("perencanaan:pk_update", args=[pk.pk]), {**pihak, f"target_{line.pk}": "10"})
    line.refresh_from_db()
    assert line.target == Decimal(91)
    response = client.post(
        reverse("perencanaan:pk_revise", args=[pk.pk]), {"alasan": "pejabat", "catatan": "Mutasi"}
    )
    baru = PerjanjianKinerja.objects.get(unit_kerja=pk.unit_kerja, tahun=2024, versi=2)
    assert response["Location"] == reverse("perencanaan:pk_detail", args=[baru.pk])
    body = client.get(response["Location"]).content.decode()
    assert "Pejabat berganti" in body


def test_renstra_page_query_count_does_not_grow_with_indicators(client, org, operator_a):
    small = renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    large = renstra_dengan_iku(org.bagian_a1, jumlah_indikator=25)
    client.force_login(operator_a)
    counts = []
    for renstra in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("perencanaan:renstra_detail", args=[renstra.pk])).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "name", ["perencanaan:renstra_list", "perencanaan:pk_list", "perencanaan:program_list"]
)
def test_list_query_count_does_not_grow_with_rows(client, org, admin_pemda, name):
    client.force_login(admin_pemda)
    r = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    services.create_pk(unit_kerja=org.biro_a, renstra=r, tahun=2024)
    services.save_program(unit_kerja=org.biro_a, kode="4.01.02", nama="P", sasaran=r.sasaran.all())
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(name))
    for unit in (org.biro_b, org.bagian_a1, org.setda):
        r = renstra_dengan_iku(unit, jumlah_indikator=3)
        services.create_pk(unit_kerja=unit, renstra=r, tahun=2024)
        services.save_program(unit_kerja=unit, kode="4.01.02", nama="P", sasaran=r.sasaran.all())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(name))
    assert len(many) == len(few)


def test_pohon_kinerja_shows_supporting_indicator_of_sub_unit(client, org, operator_a):
    induk = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    anak = renstra_dengan_iku(org.bagian_a1, jumlah_indikator=1)
    ind_anak = anak.indikator.get()
    ind_anak.mendukung = induk.indikator.get()
    ind_anak.nama = "Indikator Bagian pendukung"
    ind_anak.save()
    client.force_login(operator_a)
    body = client.get(reverse("perencanaan:pohon_kinerja", args=[induk.pk])).content.decode()
    assert "Indikator Bagian pendukung" in body
    assert "Bagian A1" in body


def test_reporting_frequency_is_chosen_in_the_indicator_form_and_shown_on_its_page(client, data, operator_a):
    ind = data["renstra"].indikator.first()
    client.force_login(operator_a)
    form = client.get(reverse("perencanaan:indikator_update", args=[ind.pk])).content.decode()
    assert 'name="frekuensi"' in form
    assert "Semesteran" in form
    sasaran = data["renstra"].sasaran.get()
    response = client.post(
        reverse("perencanaan:indikator_create", args=[data["renstra"].pk]),
        {
            "induk": f"s{sasaran.pk}",
            "kode": "IKU77",
            "nama": "Indeks semesteran",
            "satuan": "Indeks",
            "jenis": "indeks",
            "polaritas": "positif",
            "agregasi": "nilai_akhir",
            "frekuensi": "semesteran",
            "target_2024": "80",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    baru = Indikator.objects.get(kode="IKU77")
    assert baru.frekuensi == "semesteran"
    assert baru.history.first().frekuensi == "semesteran"  # audited
    page = client.get(reverse("perencanaan:indikator_detail", args=[baru.pk])).content.decode()
    assert "Frekuensi pelaporan</dt><dd>Semesteran" in page
