"""Shared rows (users, national evaluation schemes, API tokens) and references outside the pemda."""

from __future__ import annotations

import importlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from sakip.cadangan.tests.conftest import baca_arsip, cadangkan, kosongkan
from sakip.evaluasi.models import EvaluasiAkip, KomponenSkema, NilaiKomponen, SkemaEvaluasi
from sakip.organisasi.models import Pemda, Pengguna, Penugasan
from sakip.organisasi.tests.factories import PemdaFactory

SKEMA_88 = "PERMENPANRB-88-2021"


def _skema_nasional() -> None:
    """The national schemes as `migrate` creates them, under other keys than the archive's."""
    sementara = SkemaEvaluasi.objects.create(kode="SEMENTARA", nama="Menggeser kunci")
    KomponenSkema.objects.create(skema=sementara, kode="K", nama="Menggeser kunci")
    sementara.delete()
    migrasi = importlib.import_module("sakip.evaluasi.migrations.0002_skema_nasional")
    migrasi.tambah(apps, None)


@pytest.fixture
def evaluasi(org, admin_pemda) -> EvaluasiAkip:
    """An LHE of Setda P under the national scheme 88/2021, scored on a component and a sub-component."""
    skema = SkemaEvaluasi.objects.get(pemda__isnull=True, kode=SKEMA_88)
    lhe = EvaluasiAkip.objects.create(unit_kerja=org.setda, tahun=2023, skema=skema, lembaga="Inspektorat")
    for kode, nilai in (("PENGUKURAN", "21.5"), ("PERENCANAAN.PEMENUHAN", "5.25")):
        NilaiKomponen.objects.create(
            evaluasi=lhe, komponen=skema.komponen.get(kode=kode), nilai=Decimal(nilai)
        )
    return lhe


def _nilai_per_kode() -> dict[str, Decimal]:
    lhe = EvaluasiAkip.objects.get()
    assert lhe.skema.kode == SKEMA_88
    assert lhe.skema.pemda_id is None
    return {n.komponen.kode: n.nilai for n in lhe.nilai.all()}


def test_national_scheme_travels_with_the_pemda_into_an_empty_database(evaluasi, media, tmp_path):
    pertama = cadangkan("64", tmp_path / "a.zip")
    data = baca_arsip(pertama)
    assert [o["fields"]["kode"] for o in data["bagian"]["bersama/evaluasi.SkemaEvaluasi.jsonl"]] == [SKEMA_88]
    assert len(data["bagian"]["bersama/evaluasi.KomponenSkema.jsonl"]) == 16
    kosongkan(media)
    call_command("pulihkan", str(pertama))
    assert _nilai_per_kode() == {"PENGUKURAN": Decimal("21.5"), "PERENCANAAN.PEMENUHAN": Decimal("5.25")}
    assert baca_arsip(cadangkan("64", tmp_path / "b.zip"))["bagian"] == data["bagian"]


def test_national_scheme_already_in_the_database_is_used_whatever_its_keys(evaluasi, media, tmp_path):
    pertama = cadangkan("64", tmp_path / "a.zip")
    komponen_lama = evaluasi.nilai.get(komponen__kode="PENGUKURAN").komponen_id
    kosongkan(media)
    _skema_nasional()
    skema = SkemaEvaluasi.objects.get(pemda__isnull=True, kode=SKEMA_88)
    assert skema.pk != evaluasi.skema_id
    assert skema.komponen.get(kode="PENGUKURAN").pk != komponen_lama
    call_command("pulihkan", str(pertama))
    assert SkemaEvaluasi.objects.filter(pemda__isnull=True).count() == 2
    assert EvaluasiAkip.objects.get().skema == skema
    assert _nilai_per_kode() == {"PENGUKURAN": Decimal("21.5"), "PERENCANAAN.PEMENUHAN": Decimal("5.25")}
    # The audit trail follows the scheme's new keys too.
    riwayat = apps.get_model("evaluasi", "HistoricalNilaiKomponen")
    assert set(riwayat.objects.values_list("komponen_id", flat=True)) == set(
        NilaiKomponen.objects.values_list("komponen_id", flat=True)
    )


def test_national_scheme_whose_keys_are_taken_is_inserted_under_new_keys(evaluasi, media, tmp_path):
    pertama = cadangkan("64", tmp_path / "a.zip")
    komponen_lama = dict(KomponenSkema.objects.filter(skema=evaluasi.skema).values_list("pk", "kode"))
    kosongkan(media)
    # Another scheme holds the scheme's key and the components' keys.
    lain = SkemaEvaluasi.objects.create(pk=evaluasi.skema_id, kode="LAIN", nama="Skema lain")
    for pk in komponen_lama:
        KomponenSkema.objects.create(pk=pk, skema=lain, kode=f"K{pk}", nama="Komponen lain")
    call_command("pulihkan", str(pertama))
    skema = SkemaEvaluasi.objects.get(pemda__isnull=True, kode=SKEMA_88)
    assert skema.pk != lain.pk
    assert _nilai_per_kode() == {"PENGUKURAN": Decimal("21.5"), "PERENCANAAN.PEMENUHAN": Decimal("5.25")}
    sub = skema.komponen.get(kode="PERENCANAAN.PEMENUHAN")
    assert sub.induk.kode == "PERENCANAAN"
    assert sub.induk.skema == skema
    assert not KomponenSkema.objects.filter(pk__in=komponen_lama, skema=skema).exists()


def test_national_scheme_that_differs_from_the_archive_is_refused(evaluasi, media, tmp_path):
    pertama = cadangkan("64", tmp_path / "a.zip")
    kosongkan(media)
    _skema_nasional()
    KomponenSkema.objects.filter(skema__kode=SKEMA_88, kode="PERENCANAAN.PEMENUHAN").delete()
    with pytest.raises(CommandError, match="data bersama di basis data ini berbeda dengan arsip"):
        call_command("pulihkan", str(pertama))
    assert not Pemda.objects.exists()
    assert not EvaluasiAkip.objects.exists()


def test_a_user_who_already_exists_is_used_and_not_overwritten(org, admin_pemda, media, tmp_path):
    pertama = cadangkan("64", tmp_path / "a.zip")
    kosongkan(media)
    ada = Pengguna.objects.create(username="admin_pemda", first_name="Sudah ada", password="tetap")
    call_command("pulihkan", str(pertama))
    ada.refresh_from_db()
    assert (ada.first_name, ada.password) == ("Sudah ada", "tetap")
    assert Penugasan.objects.get(peran="admin_pemda").pengguna == ada


@pytest.fixture
def Token():
    if not apps.is_installed("rest_framework.authtoken"):
        pytest.skip("rest_framework.authtoken is not installed")
    return apps.get_model("authtoken", "Token")


def test_api_token_is_restored_with_its_user(org, admin_pemda, media, tmp_path, Token):
    kunci = Token.objects.create(user=admin_pemda).key
    pertama = cadangkan("64", tmp_path / "a.zip")
    kosongkan(media)
    call_command("pulihkan", str(pertama))
    assert Token.objects.get(key=kunci).user.username == "admin_pemda"


def test_no_token_is_planted_on_a_user_who_already_exists(org, admin_pemda, media, tmp_path, Token):
    Token.objects.create(user=admin_pemda)
    pertama = cadangkan("64", tmp_path / "a.zip")
    kosongkan(media)
    Pengguna.objects.create(username="admin_pemda")
    call_command("pulihkan", str(pertama))
    assert not Token.objects.exists()


@pytest.fixture
def kabupaten(org) -> Pemda:
    return PemdaFactory(kode="64.01", nama="Kabupaten Uji", jenis="kabupaten", provinsi=org.pemda)


def test_reference_to_another_pemda_is_recorded_and_resolved_by_its_kode(kabupaten, media, tmp_path):
    pertama = cadangkan("64.01", tmp_path / "a.zip")
    luar = baca_arsip(pertama)["manifest"]["rujukan_luar"]
    assert luar == [
        {
            "model": "organisasi.Pemda",
            "pk": kabupaten.pk,
            "field": "provinsi",
            "ke": "organisasi.Pemda",
            "ke_pk": kabupaten.provinsi_id,
            "kode": "64",
        }
    ]
    Pemda.objects.filter(pk=kabupaten.pk).delete()
    call_command("pulihkan", str(pertama))
    assert Pemda.objects.get(kode="64.01").provinsi.kode == "64"


def test_reference_to_a_pemda_that_is_not_there_is_emptied_with_a_warning(kabupaten, media, tmp_path, capsys):
    pertama = cadangkan("64.01", tmp_path / "a.zip")
    kosongkan(media)
    call_command("pulihkan", str(pertama))
    assert Pemda.objects.get(kode="64.01").provinsi is None
    assert "provinsi merujuk data di luar pemda" in capsys.readouterr().err


def test_backup_to_an_existing_file_needs_timpa(org, tmp_path):
    keluar = tmp_path / "a.zip"
    keluar.write_bytes(b"lama")
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("cadangkan", "--pemda", "64", "--keluar", str(keluar))
    assert keluar.read_bytes() == b"lama"
    call_command("cadangkan", "--pemda", "64", "--keluar", str(keluar), "--timpa")
    assert baca_arsip(keluar)["manifest"]["pemda"]["kode"] == "64"


def test_backup_of_an_unknown_pemda_is_refused(org, tmp_path):
    with pytest.raises(CommandError, match="Pemda dengan kode 99 tidak ditemukan"):
        call_command("cadangkan", "--pemda", "99", "--keluar", str(tmp_path / "a.zip"))


def test_the_archive_keeps_microseconds_of_times(org, admin_pemda, tmp_path, media):
    pertama = cadangkan("64", tmp_path / "a.zip")
    baris = baca_arsip(pertama)["bagian"]["bersama/organisasi.Pengguna.jsonl"]
    terdaftar = Pengguna.objects.get(username="admin_pemda").date_joined
    assert baris[0]["fields"]["date_joined"].startswith(terdaftar.isoformat()[:26])
    assert Path(pertama).stat().st_size > 0


def test_history_no_pemda_can_claim_is_reported_not_silently_dropped(org, tmp_path, capsys):
    from sakip.anggaran.models import KinerjaProgramKegiatan
    from sakip.perencanaan.models import Program

    program = Program.objects.create(unit_kerja=org.biro_a, kode="1.01", nama="Program dihapus")
    KinerjaProgramKegiatan.objects.create(program=program, tahun=2024, target=Decimal(80)).delete()
    program_id = program.pk
    program.delete()
    # Programs keep a history since issue #20; a row recorded before that (an upgraded installation) has none, and
    # then nothing says any more which pemda the deleted program belonged to.
    Program.history.filter(id=program_id).delete()
    data = baca_arsip(cadangkan("64", tmp_path / "a.zip"))
    assert data["manifest"]["riwayat_yatim"] == {"anggaran.HistoricalKinerjaProgramKegiatan": 2}
    assert (
        "2 baris anggaran.HistoricalKinerjaProgramKegiatan tidak dapat ditelusuri" in capsys.readouterr().err
    )


def test_groups_and_permissions_of_a_user_come_back_by_name(org, admin_pemda, media, tmp_path):
    from django.contrib.auth.models import Group, Permission

    lihat = Permission.objects.get(codename="view_realisasi")
    ubah = Permission.objects.get(codename="change_realisasi")
    grup = Group.objects.create(name="Verifikator")
    grup.permissions.add(lihat)
    admin_pemda.groups.add(grup)
    admin_pemda.user_permissions.add(ubah)
    pertama = cadangkan("64", tmp_path / "a.zip")
    kosongkan(media)
    call_command("pulihkan", str(pertama))
    pengguna = Pengguna.objects.get(username="admin_pemda")
    assert [g.name for g in pengguna.groups.all()] == ["Verifikator"]
    assert list(Group.objects.get().permissions.all()) == [lihat]
    assert list(pengguna.user_permissions.all()) == [ubah]
