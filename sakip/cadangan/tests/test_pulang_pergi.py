"""Round trip on the demo: back up Kaltim, empty the database, restore, back up again: the same rows and files."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from sakip.cadangan import cakupan
from sakip.cadangan.tests.conftest import baca_arsip, cadangkan, isi_media, kosongkan
from sakip.demo.loader import DEMO_PASSWORD
from sakip.evaluasi.models import SkemaEvaluasi
from sakip.organisasi.models import Pemda, Pengguna, UnitKerja
from sakip.pengukuran import queries, services
from sakip.pengukuran.models import DataDukung, Realisasi
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator, RencanaStrategis, Target

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _capaian_setda_2024() -> tuple[object, ...]:
    """The dashboard's figures for Setda Kaltim 2024: per indicator, per sasaran and for the unit."""
    renstra = queries.renstra_berlaku(
        RencanaStrategis.objects.filter(unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA"), 2024
    )
    assert renstra, "the demo has a Renstra of Setda Kaltim covering 2024"
    tabel = queries.tabel_capaian(renstra[0], 2024)
    return (
        tabel.unit.nilai,
        [s.rollup.nilai for s in tabel.sasaran],
        [(b.indikator.kode, b.target.nilai, b.realisasi, b.hasil.nilai) for b in tabel.baris],
    )


def _siapkan_kaltim() -> dict[str, object]:
    """Evidence files on realisasi of Kaltim (and one of Kalbar), an edit and an indicator deleted again."""
    admin = Pengguna.objects.get(username="admin.kaltim")
    realisasi = Realisasi.objects.filter(unit_kerja__pemda__kode="64", tahun=2024).order_by("pk")
    assert realisasi.count() >= 2
    for r, (nama, isi) in zip(realisasi[:2], [("notulen.pdf", PDF), ("foto.png", PNG)], strict=True):
        # A verified realisasi takes no new evidence (the integrity rule): its verifier reopens it first.
        r = services.reopen_realisasi(r, alasan="Lengkapi data dukung", by=admin)
        dokumen = services.upload_data_dukung(unit=r.unit_kerja, nama=nama, isi=isi, by=admin)
        services.link_data_dukung(realisasi=r, dokumen=dokumen, by=admin)
    kalbar = UnitKerja.objects.filter(pemda__kode="61").first()
    superuser = Pengguna.objects.get(username="admin")
    services.upload_data_dukung(unit=kalbar, nama="kalbar.pdf", isi=PDF + b"kalbar", by=superuser)

    # An edit (a "~" history row) and an indicator created and deleted again: its history and its target's
    # history can only be found through the audit trail, as the rows themselves are gone.
    r = realisasi[0]
    r.catatan_verifikasi = "Diperiksa ulang"
    r.save()
    renstra = RencanaStrategis.objects.filter(unit_kerja__pemda__kode="64").order_by("pk").first()
    hapus = perencanaan.save_indikator(
        indikator=Indikator(
            renstra=renstra,
            sasaran=renstra.sasaran.first(),
            kode="HAPUS",
            nama="Indikator dihapus",
            satuan="Persen",
        ),
        target={2024: perencanaan.NilaiTarget(nilai=Decimal(50))},
    )
    id_hapus = hapus.pk
    hapus.delete()
    assert not Target.objects.filter(indikator_id=id_hapus).exists()
    return {"indikator_dihapus": id_hapus}


def _baris_semua_pemda() -> set[tuple[str, object]]:
    """(model, pk) of every row of every pemda, the national evaluation schemes (shared) and their history aside."""
    nasional = set(SkemaEvaluasi.objects.filter(pemda__isnull=True).values_list("pk", flat=True))
    hasil = set()
    for model in cakupan.model_pemda():
        qs = model._base_manager.all()
        nama = (cakupan.dicatat(model) or model)._meta.label
        if nama == "evaluasi.SkemaEvaluasi":
            qs = qs.exclude(**{"id__in" if cakupan.dicatat(model) else "pk__in": nasional})
        if nama == "evaluasi.KomponenSkema":
            qs = qs.exclude(skema_id__in=nasional)
        if nama == "evaluasi.KriteriaSkema":
            qs = qs.exclude(komponen__skema_id__in=nasional)
        if nama == "evaluasi.BuktiSkema":
            qs = qs.exclude(kriteria__komponen__skema_id__in=nasional)
        hasil |= {(model._meta.label.lower(), pk) for pk in qs.values_list("pk", flat=True)}
    return hasil


@pytest.fixture(scope="module")
def pulang_pergi(_demo_module, django_db_blocker, tmp_path_factory):
    """On the demo (see `_siapkan_kaltim`): Kaltim backed up, everything deleted, restored and backed up again.

    Done once for the module inside a transaction rolled back afterwards; each test reads the restored database
    in its own savepoint.
    """
    tmp = tmp_path_factory.mktemp("pulang_pergi")
    media = tmp / "media"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            disiapkan = _siapkan_kaltim()
            capaian = _capaian_setda_2024()
            hash_kata_sandi = Pengguna.objects.get(username="admin.kaltim").password
            pertama = cadangkan("64", tmp / "pertama.zip")
            lain = {kode: cadangkan(kode, tmp / f"{kode}.zip") for kode in ("61", "63.11")}
            semua_baris = _baris_semua_pemda()
            pemda_lain = set(Pemda.objects.exclude(kode="64").values_list("pk", flat=True))
            unit_lain = set(UnitKerja.objects.exclude(pemda__kode="64").values_list("pk", flat=True))
            berkas_awal = {k: v for k, v in isi_media(media).items() if k.startswith("data_dukung/")}
            kosongkan(media)
            assert not Pemda.objects.exists()
            assert not Pengguna.objects.exists()
            assert not isi_media(media)
            call_command("pulihkan", str(pertama))
            kedua = cadangkan("64", tmp / "kedua.zip")
            riwayat = apps.get_model("pengukuran", "HistoricalRealisasi")
            yield {
                "media": media,
                "riwayat_terbesar": max(riwayat.objects.values_list("history_id", flat=True)),
                "pertama": baca_arsip(pertama),
                "kedua": baca_arsip(kedua),
                "capaian": capaian,
                "hash_kata_sandi": hash_kata_sandi,
                "berkas_awal": berkas_awal,
                "arsip_lain": lain,
                "lain": {kode: baca_arsip(path) for kode, path in lain.items()},
                "semua_baris": semua_baris,
                "pemda_lain": pemda_lain,
                "unit_lain": unit_lain,
                **disiapkan,
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def dipulihkan(pulang_pergi, db, settings):
    settings.MEDIA_ROOT = pulang_pergi["media"]
    return pulang_pergi


def test_restored_pemda_backs_up_to_the_same_rows_of_every_model(dipulihkan):
    pertama, kedua = dipulihkan["pertama"], dipulihkan["kedua"]
    assert pertama["manifest"]["jumlah_baris"] == kedua["manifest"]["jumlah_baris"]
    assert pertama["bagian"].keys() == kedua["bagian"].keys()
    for nama, baris in pertama["bagian"].items():
        beda = [
            (a["pk"], {k: (v, b["fields"].get(k)) for k, v in a["fields"].items() if b["fields"].get(k) != v})
            for a, b in zip(baris, kedua["bagian"][nama], strict=True)
            if a != b
        ]
        assert baris == kedua["bagian"][nama], (nama, beda[:3])


def test_backup_carries_every_model_of_the_project_and_its_audit_trail(dipulihkan):
    jumlah = dipulihkan["pertama"]["manifest"]["jumlah_baris"]
    # Every model of the pemda has its section (even when empty), the audit trail included.
    for model in cakupan.model_pemda():
        assert model._meta.label in jumlah
    dengan_data = {
        "organisasi.Pemda",
        "organisasi.UnitKerja",
        "organisasi.Penugasan",
        "organisasi.Pengguna",
        "profil.ProfilOrganisasi",
        "perencanaan.Indikator",
        "perencanaan.HistoricalIndikator",
        "perencanaan.HistoricalTarget",
        "pengukuran.Realisasi",
        "pengukuran.HistoricalRealisasi",
        "pengukuran.DataDukung",
        "anggaran.AnggaranSubKegiatan",
        "survei.Respons",
        "evaluasi.EvaluasiAkip",
        "evaluasi.SkemaEvaluasi",
    }
    assert {nama for nama in dengan_data if not jumlah[nama]} == set()


def test_history_of_deleted_rows_is_restored(dipulihkan):
    id_hapus = dipulihkan["indikator_dihapus"]
    HistoricalIndikator = apps.get_model("perencanaan", "HistoricalIndikator")
    HistoricalTarget = apps.get_model("perencanaan", "HistoricalTarget")
    assert set(HistoricalIndikator.objects.filter(id=id_hapus).values_list("history_type", flat=True)) == {
        "+",
        "-",
    }
    assert set(
        HistoricalTarget.objects.filter(indikator_id=id_hapus).values_list("history_type", flat=True)
    ) == {
        "+",
        "-",
    }
    diubah = apps.get_model("pengukuran", "HistoricalRealisasi").objects.filter(
        catatan_verifikasi="Diperiksa ulang", history_type="~"
    )
    assert diubah.exists()


def test_evidence_files_are_restored_byte_identical(dipulihkan):
    pertama, kedua = dipulihkan["pertama"], dipulihkan["kedua"]
    assert len(pertama["berkas"]) == 2
    assert pertama["berkas"] == kedua["berkas"]
    kaltim = {k: v for k, v in dipulihkan["berkas_awal"].items() if k in pertama["berkas"]}
    assert isi_media(dipulihkan["media"]) == kaltim
    for dokumen in DataDukung.objects.all():
        with dokumen.berkas.open("rb") as f:
            assert f.read() == pertama["berkas"][dokumen.berkas.name]
    assert {x["sha256"] for x in pertama["manifest"]["berkas"]} == set(
        DataDukung.objects.values_list("sha256", flat=True)
    )


def test_dashboard_capaian_of_setda_kaltim_2024_is_unchanged(dipulihkan):
    assert _capaian_setda_2024() == dipulihkan["capaian"]


def test_demo_user_logs_in_with_the_demo_password_after_restore(dipulihkan, client, settings):
    # The demo is loaded once per module, before the suite's fast test hasher is switched on.
    hash_kata_sandi = Pengguna.objects.get(username="admin.kaltim").password
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert hash_kata_sandi == dipulihkan["hash_kata_sandi"]
    response = client.post(reverse("login"), {"username": "admin.kaltim", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
    assert client.get(reverse("beranda")).status_code == 200


def test_new_rows_after_restore_do_not_collide_with_restored_keys(dipulihkan):
    """The key sequences were moved past the restored keys."""
    unit = UnitKerja.objects.get(pemda__kode="64", kode="SETDA")
    terbesar = max(UnitKerja.objects.values_list("pk", flat=True))
    baru = UnitKerja.objects.create(
        pemda=unit.pemda, induk=unit, kode="BARU", nama="Unit baru", jenis="bagian"
    )
    assert baru.pk > terbesar
    r = Realisasi.objects.filter(unit_kerja__pemda__kode="64").first()
    r.catatan_verifikasi = "Setelah pemulihan"
    r.save()  # a new history row: its key comes from the history table's sequence
    assert r.history.latest().history_id > dipulihkan["riwayat_terbesar"]


# --- one pemda out of several -------------------------------------------------------------------------------------


def _kunci_pemda(data: dict[str, object]) -> set[tuple[str, object]]:
    return {
        (o["model"], o["pk"])
        for nama, baris in data["bagian"].items()
        if nama.startswith("data/")
        for o in baris
    }


def test_archives_of_the_pemdas_are_disjoint_and_together_hold_every_row(dipulihkan):
    kaltim = _kunci_pemda(dipulihkan["pertama"])
    kalbar, balangan = (_kunci_pemda(dipulihkan["lain"][kode]) for kode in ("61", "63.11"))
    assert not kaltim & kalbar
    assert not kaltim & balangan
    assert not kalbar & balangan
    assert kaltim | kalbar | balangan == dipulihkan["semua_baris"]


def test_archive_of_kaltim_holds_no_row_of_another_pemda(dipulihkan):
    pertama = dipulihkan["pertama"]
    pemda_lain, unit_lain = dipulihkan["pemda_lain"], dipulihkan["unit_lain"]
    for nama, baris in pertama["bagian"].items():
        for o in baris:
            f = o["fields"]
            assert f.get("pemda") not in pemda_lain, (nama, o["pk"])
            assert f.get("unit_kerja") not in unit_lain, (nama, o["pk"])
            assert f.get("penanggung_jawab") not in unit_lain, (nama, o["pk"])
    assert not any(o["pk"] in pemda_lain for o in pertama["bagian"]["data/organisasi.Pemda.jsonl"])
    assert all(nama.startswith("data_dukung/") for nama in pertama["berkas"])
    assert b"kalbar" not in b"".join(pertama["berkas"].values())


def test_restore_of_one_pemda_brings_back_that_pemda_only(dipulihkan):
    assert list(Pemda.objects.values_list("kode", flat=True)) == ["64"]
    assert not UnitKerja.objects.exclude(pemda__kode="64").exists()
    pengguna = set(Pengguna.objects.values_list("username", flat=True))
    # The users with a role in Kaltim, and the superuser whose edits the audit trail records.
    assert pengguna == {
        "admin",
        "admin.kaltim",
        "pimpinan.setda",
        "operator.adpim",
        "pimpinan.adpim",
        "operator.organisasi",
        "inspektorat",
    }


def test_second_pemda_restores_beside_the_first_and_reuses_the_shared_users(dipulihkan, tmp_path):
    call_command("pulihkan", str(dipulihkan["arsip_lain"]["61"]))
    assert set(Pemda.objects.values_list("kode", flat=True)) == {"64", "61"}
    assert Pengguna.objects.filter(username="admin").count() == 1
    lagi = baca_arsip(cadangkan("61", tmp_path / "61-lagi.zip"))
    assert lagi["bagian"] == dipulihkan["lain"]["61"]["bagian"]


def test_a_new_row_never_takes_the_id_of_a_deleted_row_the_audit_trail_names(dipulihkan):
    renstra = RencanaStrategis.objects.filter(unit_kerja__pemda__kode="64").order_by("pk").first()
    baru = Indikator.objects.create(
        renstra=renstra, sasaran=renstra.sasaran.first(), kode="BARU", nama="Indikator baru", satuan="Persen"
    )
    assert baru.pk > dipulihkan["indikator_dihapus"]
    assert [h.history_type for h in baru.history.all()] == ["+"]


def test_kept_capaian_are_rebuilt_by_the_restore_and_equal_the_reference(dipulihkan):
    """The kept capaian are not in the archive (derived data); the restore rebuilds them in its transaction."""
    from sakip.pengukuran.tersimpan import CapaianUnit
    from sakip.pengukuran.tests.test_kini import _selisih

    renstra = list(
        RencanaStrategis.objects.filter(unit_kerja__pemda__kode="64").select_related("unit_kerja__pemda")
    )
    kept = CapaianUnit.objects.filter(pemda__kode="64", kedaluwarsa=False)
    assert kept.count() == sum(len(r.tahun) for r in renstra)
    for th in sorted({t for r in renstra for t in r.tahun}):
        assert _selisih([r for r in renstra if th in r.tahun], th) == [], th
