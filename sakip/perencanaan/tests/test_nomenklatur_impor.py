"""Issue #20 point 3: a nomenclature version is imported from the decree's Excel annex on a page (superuser only:
the master is national data shared by every pemda): dry run with row errors, then confirm, all or nothing. The
workbook is built from the shared partial master (../shared/domain/nomenklatur, see its README)."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from sakip.organisasi.tests.factories import PenggunaFactory
from sakip.perencanaan import nomenklatur, services
from sakip.perencanaan.models import KodeNomenklatur, VersiNomenklatur
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.perencanaan.tests.test_nomenklatur import MASTER

LEMBAR = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}


def _baris_master():
    hasil = {}
    for jenis in LEMBAR:
        with (MASTER / f"{jenis}.csv").open(encoding="utf-8-sig", newline="") as f:
            hasil[jenis] = list(csv.DictReader(f))
    return hasil


def _buku(baris):
    """The decree's annex as offices receive it: one sheet per level, a header row, one code per row."""
    wb = Workbook()
    wb.remove(wb.active)
    for jenis, judul in LEMBAR.items():
        ws = wb.create_sheet(judul)
        kolom = ["kode", "nama"] + (["kinerja", "indikator", "satuan"] if jenis == "sub_kegiatan" else [])
        ws.append(kolom)
        for b in baris[jenis]:
            ws.append([b.get(k, "") for k in kolom])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def buku_master():
    return _buku(_baris_master())


@pytest.fixture
def superuser(db):
    return PenggunaFactory(username="pengelola", is_superuser=True, is_staff=True)


def _klien(user):
    c = Client()
    c.force_login(user)
    return c


def _unggah(c, data, keputusan="050-5889/2021", tahun=2021, nama="Pemutakhiran 2021"):
    return c.post(
        reverse("perencanaan:nomenklatur_impor"),
        {
            "keputusan": keputusan,
            "nama": nama,
            "tahun_berlaku": tahun,
            "berkas": SimpleUploadedFile("lampiran.xlsx", data),
        },
    )


def _muat(c, data, **kw):
    r = _unggah(c, data, **kw)
    assert r.status_code == 200
    assert "Pratinjau" in r.content.decode(), r.content.decode()[:3000]
    token = r.context["sesi"]["token"]
    return c.post(reverse("perencanaan:nomenklatur_impor_terapkan"), {"token": token})


def test_the_shared_master_as_a_workbook_is_previewed_then_loaded_on_confirmation(superuser, buku_master):
    c = _klien(superuser)
    r = _unggah(c, buku_master)
    jumlah = {j["label"]: j["jumlah"] for j in r.context["pratinjau"]["jenis"]}
    assert jumlah == {"Program": 197, "Kegiatan": 384, "Sub kegiatan": 985}  # as the README counts
    assert not VersiNomenklatur.objects.exists()  # a dry run writes nothing
    r = c.post(reverse("perencanaan:nomenklatur_impor_terapkan"), {"token": r.context["sesi"]["token"]})
    assert r.status_code == 302
    versi = VersiNomenklatur.objects.get()
    assert (versi.keputusan, versi.tahun_berlaku, versi.nama) == ("050-5889/2021", 2021, "Pemutakhiran 2021")
    assert versi.kode.count() == 197 + 384 + 985
    sub = versi.kode.get(kode="4.01.02.2.01.0001")
    assert (sub.nama, sub.indikator, sub.satuan) == (
        "Penataan Administrasi Pemerintahan",
        "Jumlah Dokumen Hasil Penataan Administrasi Pemerintahan",
        "Dokumen",
    )
    assert versi.history.get().history_user == superuser
    assert "050-5889/2021" in c.get(reverse("perencanaan:nomenklatur_daftar")).content.decode()


def test_row_errors_are_listed_by_sheet_and_row_and_nothing_is_loaded(superuser):
    baris = {
        "program": [{"kode": "4.01.02", "nama": "PROGRAM PEMERINTAHAN"}, {"kode": "ABC", "nama": "Salah"}],
        "kegiatan": [
            {"kode": "4.01.02.2.01", "nama": "Administrasi Tata Pemerintahan"},
            {"kode": "4.01.09.2.01", "nama": "Induk tidak ada"},
            {"kode": "4.01.02.2.01", "nama": "Ganda"},
        ],
        "sub_kegiatan": [{"kode": "4.01.02.2.01.0001", "nama": ""}, {"kode": "7.77", "nama": "X"}],
    }
    r = _unggah(_klien(superuser), _buku(baris))
    galat = [(g.lembar, g.baris, g.pesan) for g in r.context["galat"]]
    assert galat == [
        ("Program", 3, "Kode program 'ABC' tidak sesuai pola (contoh 4.01.02)."),
        (
            "Kegiatan",
            3,
            "Induk program 4.01.09 dari kegiatan 4.01.09.2.01 tidak ada pada sheet 'Program'.",
        ),
        ("Kegiatan", 4, "Kode kegiatan 4.01.02.2.01 tercantum lebih dari sekali."),
        ("Sub Kegiatan", 2, "Nama sub kegiatan 4.01.02.2.01.0001 kosong."),
        ("Sub Kegiatan", 3, "Kode sub kegiatan '7.77' tidak sesuai pola (contoh 4.01.02.2.01.0001)."),
    ]
    assert "sesi" not in r.context
    assert not VersiNomenklatur.objects.exists()


def test_a_second_version_renaming_a_code_keeps_the_old_plan_valid_and_new_plans_get_the_new_code(
    superuser, org, operator_a, buku_master
):
    c = _klien(superuser)
    assert _muat(c, buku_master).status_code == 302
    lama = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)  # 2024–2026, made with the 2021 version
    program = services.simpan_program(
        unit_kerja=org.biro_a, kode="4.01.02", nama="PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT",
        sasaran=[lama.sasaran.get()], by=operator_a,
    )  # fmt: skip
    kegiatan = services.simpan_kegiatan(program=program, kode="4.01.02.2.01", nama="Adm", by=operator_a)
    sub = services.save_sub_kegiatan(
        kegiatan=kegiatan,
        kode="4.01.02.2.01.0002",
        nama="Pengelolaan Administrasi Kewilayahan",
        by=operator_a,
    )
    # The 2026 decree renames 4.01.02.2.01.0002 to 4.01.02.2.01.0004.
    baris = _baris_master()
    for b in baris["sub_kegiatan"]:
        if b["kode"] == "4.01.02.2.01.0002":
            b["kode"] = "4.01.02.2.01.0004"
    assert _muat(c, _buku(baris), keputusan="900.1-861/2026", tahun=2026, nama="").status_code == 302
    assert nomenklatur.versi_berlaku(2026).keputusan == "900.1-861/2026"
    assert not KodeNomenklatur.objects.filter(
        versi__keputusan="900.1-861/2026", kode="4.01.02.2.01.0002"
    ).exists()

    # The old plan stays valid against its own version: edited, targets set, its code still accepted.
    services.save_sub_kegiatan(
        kegiatan=kegiatan, kode="4.01.02.2.01.0002", nama="Pengelolaan Administrasi Kewilayahan Provinsi",
        sub_kegiatan=sub, target={2026: Decimal(2)}, by=operator_a,
    )  # fmt: skip
    r = _klien(operator_a).get(reverse("perencanaan:program_detail", args=[program.pk]))
    assert "Kepmendagri 050-5889/2021" in r.content.decode()
    # A plan made from 2026 on is checked against the new version and told the new code.
    baru = renstra_dengan_iku(org.biro_b, tahun_mulai=2026, tahun_selesai=2030, jumlah_indikator=1)
    assert baru.nomenklatur == "900.1-861/2026"
    program_b = services.simpan_program(
        unit_kerja=org.biro_b, kode="4.01.02", nama="P", sasaran=[baru.sasaran.get()], by=operator_a
    )
    kegiatan_b = services.simpan_kegiatan(program=program_b, kode="4.01.02.2.01", nama="K", by=operator_a)
    with pytest.raises(
        ValidationError,
        match=r"900\.1-861/2026\. Yang terdekat: .*4\.01\.02\.2\.01\.0004 Pengelolaan Administrasi Kewilayahan",
    ):
        services.save_sub_kegiatan(kegiatan=kegiatan_b, kode="4.01.02.2.01.0002", nama="X", by=operator_a)


def test_replacing_a_version_cannot_drop_a_code_its_plans_use(superuser, org, operator_a):
    kecil = {
        "program": [{"kode": "4.01.02", "nama": "PROGRAM PEMERINTAHAN"}],
        "kegiatan": [{"kode": "4.01.02.2.01", "nama": "Administrasi Tata Pemerintahan"}],
        "sub_kegiatan": [{"kode": "4.01.02.2.01.0001", "nama": "Penataan"}],
    }
    c = _klien(superuser)
    assert _muat(c, _buku(kecil)).status_code == 302
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    program = services.simpan_program(
        unit_kerja=org.biro_a, kode="4.01.02", nama="P", sasaran=[renstra.sasaran.get()], by=operator_a
    )
    kegiatan = services.simpan_kegiatan(program=program, kode="4.01.02.2.01", nama="K", by=operator_a)
    services.save_sub_kegiatan(kegiatan=kegiatan, kode="4.01.02.2.01.0001", nama="S", by=operator_a)
    kecil["sub_kegiatan"] = [{"kode": "4.01.02.2.01.0002", "nama": "Lain"}]
    r = _unggah(c, _buku(kecil))
    pesan = [g.pesan for g in r.context["galat"]]
    assert len(pesan) == 1
    assert "kode sub kegiatan yang dipakai rencana tidak boleh hilang: 4.01.02.2.01.0001" in pesan[0]
    assert KodeNomenklatur.objects.filter(kode="4.01.02.2.01.0001").exists()


def test_only_a_superuser_loads_a_version_and_every_user_reads_the_list(
    org, admin_pemda, operator_a, buku_master
):
    for user in (admin_pemda, operator_a):
        c = _klien(user)
        assert c.get(reverse("perencanaan:nomenklatur_daftar")).status_code == 200
        assert c.get(reverse("perencanaan:nomenklatur_impor")).status_code == 403
        assert _unggah(c, buku_master).status_code == 403
        assert (
            c.post(reverse("perencanaan:nomenklatur_impor_terapkan"), {"token": "x" * 32}).status_code == 403
        )
    assert not VersiNomenklatur.objects.exists()
    r = Client().get(reverse("perencanaan:nomenklatur_daftar"))
    assert r.status_code == 302
    assert r["Location"].startswith("/masuk/")
