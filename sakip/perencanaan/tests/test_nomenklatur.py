"""Issue #20 item 3: program, kegiatan and sub kegiatan codes are checked against the nomenclature master kept per
version (Kepmendagri decree); a plan keeps the version it was made with."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from sakip.perencanaan import excel, nomenklatur, services
from sakip.perencanaan.models import KodeNomenklatur, Program, RencanaStrategis
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.perencanaan.tests.test_excel import buku_renstra

# The partial master shared beside the repository (../shared/domain/nomenklatur, see its README).
MASTER = Path(settings.BASE_DIR).parent / "shared" / "domain" / "nomenklatur"
if not MASTER.is_dir():
    MASTER = Path("/work/shared/domain/nomenklatur")


def _versi_kecil(keputusan, tahun, sub="4.01.01.2.01.0001"):
    """A tiny version holding the codes of test_excel's workbook (its sub kegiatan code given)."""
    return nomenklatur.simpan_versi(
        keputusan=keputusan,
        tahun_berlaku=tahun,
        baris={
            "program": [{"kode": "4.01.01", "nama": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"}],
            "kegiatan": [{"kode": "4.01.01.2.01", "nama": "Perencanaan, Penganggaran, dan Evaluasi Kinerja"}],
            "sub_kegiatan": [{"kode": sub, "nama": "Penyusunan Dokumen Perencanaan Perangkat Daerah"}],
        },
    )


@pytest.fixture
def master_bersama(db):
    call_command("muat_nomenklatur", str(MASTER), keputusan="050-5889/2021", tahun=2021, stdout=io.StringIO())
    return nomenklatur.versi_berlaku(2024)


def test_the_shared_partial_master_loads_as_one_version(master_bersama):
    assert master_bersama.keputusan == "050-5889/2021"
    assert master_bersama.kode.filter(jenis="program").count() == 197  # as its README counts
    assert master_bersama.kode.get(jenis="program", kode="4.01.02").nama == (
        "PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT"
    )
    sub = master_bersama.kode.get(jenis="sub_kegiatan", kode="4.01.02.2.01.0001")
    assert (sub.nama, sub.satuan) == ("Penataan Administrasi Pemerintahan", "Dokumen")


def test_a_plan_whose_kegiatan_code_is_missing_from_the_master_is_refused_at_its_row_with_the_nearest_codes(
    org, master_bersama
):
    # test_excel's workbook: program 4.01.01 is in the shared master, its kegiatan and sub kegiatan are not.
    hasil = excel.baca_renstra(buku_renstra(), pemda=org.pemda)
    assert hasil.data is None
    salah = {(k.sheet, k.baris, k.kolom): k.pesan for k in hasil.kesalahan}
    assert list(salah) == [("Kegiatan", 2, "Kode kegiatan"), ("Sub Kegiatan", 2, "Kode sub kegiatan")]
    pesan = salah[("Kegiatan", 2, "Kode kegiatan")]
    assert "'4.01.01.2.01' tidak ada pada nomenklatur Kepmendagri 050-5889/2021" in pesan
    assert "4.01.01.2.02 Administrasi Keuangan Perangkat Daerah" in pesan
    assert not RencanaStrategis.objects.filter(unit_kerja=org.biro_a).exists()


def test_a_sub_kegiatan_with_a_listed_code_is_created_and_an_unlisted_one_refused(org, master_bersama):
    renstra = renstra_dengan_iku(org.setda, jumlah_indikator=1)
    assert renstra.nomenklatur == "050-5889/2021"  # the version in force for its first year
    program = services.save_program(
        unit_kerja=org.biro_a,
        kode="4.01.02",
        nama="PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT",
        sasaran=None,
    )
    program.sasaran.add(renstra.sasaran.get())
    kegiatan = program.kegiatan.create(kode="4.01.02.2.01", nama="Administrasi Tata Pemerintahan")
    sub = services.save_sub_kegiatan(
        kegiatan=kegiatan,
        kode="4.01.02.2.01.0001",
        nama="Penataan Administrasi Pemerintahan",
        indikator_keluaran="Jumlah Dokumen Hasil Penataan Administrasi Pemerintahan",
        satuan_keluaran="Dokumen",
    )
    assert sub.pk is not None
    with pytest.raises(ValidationError) as err:
        services.save_sub_kegiatan(kegiatan=kegiatan, kode="4.01.02.2.01.0999", nama="Tidak ada")
    assert "4.01.02.2.01.0001 Penataan Administrasi Pemerintahan" in str(err.value)
    assert kegiatan.sub_kegiatan.count() == 1


def test_a_second_version_with_a_renamed_code_keeps_the_old_plan_valid_and_checks_new_plans_against_itself(
    org,
):
    _versi_kecil("050-5889/2021", 2021)
    hasil = excel.baca_renstra(buku_renstra(), pemda=org.pemda)
    assert hasil.kesalahan == []
    renstra, kesalahan = excel.terapkan_renstra(hasil.data, pemda=org.pemda)
    assert kesalahan == []
    assert renstra.nomenklatur == "050-5889/2021"

    # The 2023 decree renames the sub kegiatan's code.
    _versi_kecil("900.1.15.5-1317/2023", 2023, sub="4.01.01.2.01.0009")
    assert nomenklatur.versi_berlaku(2024).keputusan == "900.1.15.5-1317/2023"
    # The old plan, re-imported unchanged, is still valid against its own version.
    assert excel.baca_renstra(buku_renstra(), pemda=org.pemda).kesalahan == []
    assert Program.objects.get(
        unit_kerja=org.biro_a, kode="4.01.01"
    ).kegiatan.get().sub_kegiatan.get().kode == ("4.01.01.2.01.0001")
    # A new plan (another unit) is checked against the version in force and told the new code.
    hasil = excel.baca_renstra(buku_renstra(unit="SETDA.B"), pemda=org.pemda)
    pesan = {(k.sheet, k.kolom): k.pesan for k in hasil.kesalahan}
    assert "4.01.01.2.01.0009" in pesan[("Sub Kegiatan", "Kode sub kegiatan")]


def test_without_any_master_loaded_codes_are_not_checked(org):
    assert not KodeNomenklatur.objects.exists()
    assert excel.baca_renstra(buku_renstra(), pemda=org.pemda).kesalahan == []


# --- the sub kegiatan page ------------------------------------------------------------------------------------------


@pytest.fixture
def kegiatan_adpem(org, master_bersama):
    renstra = renstra_dengan_iku(org.setda, jumlah_indikator=1)
    program = services.save_program(
        unit_kerja=org.biro_a,
        kode="4.01.02",
        nama="PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT",
        sasaran=None,
    )
    program.sasaran.add(renstra.sasaran.get())
    return program.kegiatan.create(kode="4.01.02.2.01", nama="Administrasi Tata Pemerintahan")


def _klien(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


def test_the_operator_adds_a_sub_kegiatan_by_its_code_and_the_master_fills_name_and_output(
    kegiatan_adpem, operator_a
):
    from django.urls import reverse

    url = reverse("perencanaan:sub_kegiatan_create", args=[kegiatan_adpem.pk])
    r = _klien(operator_a).post(url, {"kode": "4.01.02.2.01.0002"})
    assert r.status_code == 302
    sub = kegiatan_adpem.sub_kegiatan.get()
    assert (sub.nama, sub.satuan_keluaran) == ("Pengelolaan Administrasi Kewilayahan", "Dokumen")
    r = _klien(operator_a).post(url, {"kode": "4.01.02.2.01.0990", "nama": "Karangan"})
    assert r.status_code == 200
    assert "tidak ada pada nomenklatur Kepmendagri 050-5889/2021" in r.content.decode()
    assert kegiatan_adpem.sub_kegiatan.count() == 1


def test_read_only_users_get_403_and_outsiders_404_on_the_sub_kegiatan_page(
    kegiatan_adpem, pimpinan_a, operator_b, evaluator
):
    from django.urls import reverse

    url = reverse("perencanaan:sub_kegiatan_create", args=[kegiatan_adpem.pk])
    for user, status in ((pimpinan_a, 403), (evaluator, 403), (operator_b, 404)):
        assert _klien(user).get(url).status_code == status
        assert _klien(user).post(url, {"kode": "4.01.02.2.01.0002"}).status_code == status
    assert kegiatan_adpem.sub_kegiatan.count() == 0
