"""Issue #20 point 3: the pages of programs, kegiatan and sub kegiatan: created, changed and deleted by the unit's
writers with codes checked against the nomenclature version of the plan, read by readers, hidden from outsiders,
every change in the audit trail."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from sakip.perencanaan import nomenklatur, services
from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan, TargetKeluaran
from sakip.perencanaan.tests.factories import renstra_dengan_iku


def _versi(keputusan="050-5889/2021", tahun=2021, sub2="4.01.02.2.01.0002"):
    """A small version holding the Setda codes of the shared master (../shared/domain/nomenklatur)."""
    return nomenklatur.simpan_versi(
        keputusan=keputusan,
        tahun_berlaku=tahun,
        baris={
            "program": [{"kode": "4.01.02", "nama": "PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT"}],
            "kegiatan": [
                {"kode": "4.01.02.2.01", "nama": "Administrasi Tata Pemerintahan"},
                {"kode": "4.01.02.2.02", "nama": "Pelaksanaan Kebijakan Kesejahteraan Rakyat"},
            ],
            "sub_kegiatan": [
                {
                    "kode": "4.01.02.2.01.0001",
                    "nama": "Penataan Administrasi Pemerintahan",
                    "indikator": "Jumlah Dokumen Hasil Penataan Administrasi Pemerintahan",
                    "satuan": "Dokumen",
                },
                {"kode": sub2, "nama": "Pengelolaan Administrasi Kewilayahan", "satuan": "Dokumen"},
            ],
        },
    )


def _klien(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def rencana(org):
    _versi()
    return renstra_dengan_iku(org.biro_a, jumlah_indikator=1)


@pytest.fixture
def program(rencana, org, operator_a):
    program = services.simpan_program(
        unit_kerja=org.biro_a,
        kode="4.01.02",
        nama="PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT",
        sasaran=[rencana.sasaran.get()],
        by=operator_a,
    )
    kegiatan = services.simpan_kegiatan(
        program=program, kode="4.01.02.2.01", nama="Administrasi Tata Pemerintahan", by=operator_a
    )
    services.save_sub_kegiatan(
        kegiatan=kegiatan,
        kode="4.01.02.2.01.0001",
        nama="Penataan Administrasi Pemerintahan",
        target={2024: Decimal(4), 2025: Decimal(5)},
        by=operator_a,
    )
    return program


def test_the_operator_creates_a_program_under_the_renstra_with_the_master_name_and_its_sasaran(
    rencana, org, operator_a
):
    sasaran = rencana.sasaran.get()
    r = _klien(operator_a).post(
        reverse("perencanaan:program_create", args=[rencana.pk]),
        {"unit_kerja": org.biro_a.pk, "kode": "4.01.02", "nama": "", "sasaran": [sasaran.pk]},
    )
    program = Program.objects.get(unit_kerja=org.biro_a, kode="4.01.02")
    assert r.status_code == 302
    assert r["Location"] == reverse("perencanaan:program_detail", args=[program.pk])
    assert program.nama == "PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT"
    assert list(program.sasaran.all()) == [sasaran]
    baris = program.history.get()
    assert (baris.history_type, baris.history_user) == ("+", operator_a)
    assert baris.history_change_reason == "sasaran: S1"


def test_a_program_code_missing_from_the_plans_master_is_refused_with_the_nearest_codes(
    rencana, org, operator_a
):
    r = _klien(operator_a).post(
        reverse("perencanaan:program_create", args=[rencana.pk]),
        {"unit_kerja": org.biro_a.pk, "kode": "4.01.09", "nama": "Karangan"},
    )
    assert r.status_code == 200
    teks = r.content.decode()
    assert "Kode program &#x27;4.01.09&#x27; tidak ada pada nomenklatur Kepmendagri 050-5889/2021" in teks
    assert "Yang terdekat: 4.01.02 PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT" in teks
    assert not Program.objects.exists()


def test_kegiatan_and_sub_kegiatan_are_added_with_the_masters_names_output_and_targets_per_year(
    program, operator_a
):
    c = _klien(operator_a)
    r = c.post(
        reverse("perencanaan:kegiatan_create", args=[program.pk]), {"kode": "4.01.02.2.02", "nama": ""}
    )
    assert r.status_code == 302
    kegiatan = program.kegiatan.get(kode="4.01.02.2.02")
    assert kegiatan.nama == "Pelaksanaan Kebijakan Kesejahteraan Rakyat"
    k1 = program.kegiatan.get(kode="4.01.02.2.01")
    r = c.post(
        reverse("perencanaan:sub_kegiatan_create", args=[k1.pk]),
        {"kode": "4.01.02.2.01.0002", "target_2024": "2", "target_2026": "3,5"},
    )
    assert r.status_code == 302
    sub = k1.sub_kegiatan.get(kode="4.01.02.2.01.0002")
    assert (sub.nama, sub.satuan_keluaran) == ("Pengelolaan Administrasi Kewilayahan", "Dokumen")
    assert dict(sub.target_keluaran.values_list("tahun", "nilai")) == {2024: Decimal(2), 2026: Decimal("3.5")}
    halaman = c.get(reverse("perencanaan:program_detail", args=[program.pk])).content.decode()
    assert "Pengelolaan Administrasi Kewilayahan" in halaman
    assert "3,50" in halaman


def test_a_kegiatan_code_outside_its_program_is_refused(program, operator_a):
    r = _klien(operator_a).post(
        reverse("perencanaan:kegiatan_create", args=[program.pk]), {"kode": "4.01.03.2.01", "nama": "X"}
    )
    assert r.status_code == 200
    assert "harus diawali kode program 4.01.02" in r.content.decode()
    assert program.kegiatan.count() == 1


def test_editing_a_sub_kegiatan_changes_its_targets_and_each_change_is_in_the_audit_trail(
    program, operator_a
):
    sub = SubKegiatan.objects.get(kode="4.01.02.2.01.0001")
    r = _klien(operator_a).post(
        reverse("perencanaan:sub_kegiatan_update", args=[sub.pk]),
        {
            "kode": sub.kode,
            "nama": "Penataan Administrasi Pemerintahan Daerah",
            "indikator_keluaran": "Jumlah dokumen",
            "satuan_keluaran": "Dokumen",
            "target_2024": "4",
            "target_2025": "",
            "target_2026": "6",
        },
    )
    assert r.status_code == 302
    sub.refresh_from_db()
    assert sub.nama == "Penataan Administrasi Pemerintahan Daerah"
    assert dict(sub.target_keluaran.values_list("tahun", "nilai")) == {2024: Decimal(4), 2026: Decimal(6)}
    assert [h.history_type for h in TargetKeluaran.history.filter(tahun=2025).order_by("history_date")] == [
        "+",
        "-",
    ]
    assert TargetKeluaran.history.filter(tahun=2026).get().history_user == operator_a
    assert sub.history.order_by("-history_date").first().nama == "Penataan Administrasi Pemerintahan Daerah"


def test_a_target_outside_the_renstra_period_is_refused(program, operator_a):
    sub = SubKegiatan.objects.get(kode="4.01.02.2.01.0001")
    with pytest.raises(ValidationError) as err:
        services.simpan_target_keluaran(sub_kegiatan=sub, tahun=2030, nilai=Decimal(1), by=operator_a)
    assert "di luar periode rencana" in str(err.value)


def test_a_second_version_renaming_a_code_keeps_the_old_program_editable_and_checks_new_codes_against_its_own(
    program, operator_a
):
    # The 2023 decree renumbers 4.01.02.2.01.0002; the plan (made in 2024 with the 2021 version) keeps its own.
    _versi("900.1.15.5-1317/2023", 2023, sub2="4.01.02.2.01.0012")
    assert nomenklatur.versi_berlaku(2024).keputusan == "900.1.15.5-1317/2023"
    c = _klien(operator_a)
    r = c.post(
        reverse("perencanaan:program_update", args=[program.pk]),
        {
            "kode": "4.01.02",
            "nama": "Program Pemerintahan",
            "sasaran": list(program.sasaran.values_list("pk", flat=True)),
        },
    )
    assert r.status_code == 302
    kegiatan = program.kegiatan.get()
    r = c.post(reverse("perencanaan:sub_kegiatan_create", args=[kegiatan.pk]), {"kode": "4.01.02.2.01.0002"})
    assert r.status_code == 302  # in the plan's (2021) version
    r = c.post(reverse("perencanaan:sub_kegiatan_create", args=[kegiatan.pk]), {"kode": "4.01.02.2.01.0012"})
    assert r.status_code == 200
    assert "tidak ada pada nomenklatur Kepmendagri 050-5889/2021" in r.content.decode()


def test_deleting_a_program_without_budget_removes_its_kegiatan_sub_kegiatan_and_targets_with_audit_rows(
    program, admin_pemda
):
    r = _klien(admin_pemda).post(reverse("perencanaan:program_delete", args=[program.pk]))
    assert r.status_code == 302
    assert not Program.objects.exists()
    assert not Kegiatan.objects.exists()
    assert not SubKegiatan.objects.exists()
    assert not TargetKeluaran.objects.exists()
    for model in (Program, Kegiatan, SubKegiatan, TargetKeluaran):
        assert model.history.filter(history_type="-", history_user=admin_pemda).exists(), model


def test_a_program_on_a_final_pk_is_not_deleted_and_a_draft_pk_line_goes_with_it(
    program, rencana, org, admin_pemda
):
    pk = services.create_pk(unit_kerja=org.biro_a, renstra=rencana, tahun=2024, by=admin_pemda)
    assert pk.program.filter(program=program).exists()
    pk.status = pk.Status.FINAL
    pk.save()
    r = _klien(admin_pemda).post(reverse("perencanaan:program_delete", args=[program.pk]), follow=True)
    assert "tercantum pada Perjanjian Kinerja final tahun 2024" in r.content.decode()
    assert Program.objects.filter(pk=program.pk).exists()
    pk.status = pk.Status.DRAFT
    pk.save()
    services.hapus_program(program=program, by=admin_pemda)
    assert not pk.program.exists()


def test_readers_see_the_program_pages_read_only_writers_elsewhere_get_404_and_read_only_users_403(
    program, pimpinan_a, evaluator, operator_b
):
    kegiatan = program.kegiatan.get()
    sub = kegiatan.sub_kegiatan.get()
    tulis = [
        ("get", reverse("perencanaan:program_update", args=[program.pk])),
        ("post", reverse("perencanaan:program_delete", args=[program.pk])),
        ("get", reverse("perencanaan:kegiatan_create", args=[program.pk])),
        ("get", reverse("perencanaan:kegiatan_update", args=[kegiatan.pk])),
        ("post", reverse("perencanaan:kegiatan_delete", args=[kegiatan.pk])),
        ("get", reverse("perencanaan:sub_kegiatan_create", args=[kegiatan.pk])),
        ("get", reverse("perencanaan:sub_kegiatan_update", args=[sub.pk])),
        ("post", reverse("perencanaan:sub_kegiatan_delete", args=[sub.pk])),
        ("get", reverse("perencanaan:program_create", args=[program.sasaran.get().renstra_id])),
    ]
    detail = reverse("perencanaan:program_detail", args=[program.pk])
    for user in (pimpinan_a, evaluator):
        r = _klien(user).get(detail)
        assert r.status_code == 200
        assert "Hapus program" not in r.content.decode()
        for metode, url in tulis:
            assert getattr(_klien(user), metode)(url).status_code == 403, url
    assert _klien(operator_b).get(detail).status_code == 404
    for metode, url in tulis:
        assert getattr(_klien(operator_b), metode)(url).status_code == 404, url
    assert SubKegiatan.objects.filter(pk=sub.pk).exists()
