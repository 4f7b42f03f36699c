"""The pemda's own LKjIP on a small organisation of its own (Provinsi Uji P, not the demo): the APBD by urusan
computed by hand, the PK of the kepala daerah in the Lampiran (draft labelled, final not), who may read and build
it, and a number of queries that does not grow with the number of PDs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.anggaran.tests.factories import program_dengan_anggaran
from sakip.organisasi.tests.factories import UnitKerjaFactory
from sakip.pelaporan import services
from sakip.pelaporan.lkjip import Paragraf, Tabel
from sakip.pelaporan.lkjip import urusan as lib_urusan
from sakip.pelaporan.lkjip.pemda import bangun_lkjip_pemda
from sakip.pelaporan.models import PembuatanLaporan, PenyusunLaporanPemda
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.rpjmd import services as rpjmd_services

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def rpjmd(org, admin_pemda):
    """RPJMD P 2024–2026: one sasaran daerah with an IKU Pemda (target 80, realisasi 84 in 2024) supported by
    Biro A's IKU01; budget lines of Biro A, Biro B and the Setda with the codes the urusan test counts."""
    r = rpjmd_services.simpan_rpjmd(
        pemda=org.pemda, by=admin_pemda, nama="RPJMD P", tahun_mulai=2024, tahun_selesai=2026, visi="Visi P"
    )
    misi = rpjmd_services.simpan_misi(rpjmd=r, by=admin_pemda, kode="M1", uraian="Misi satu")
    tujuan = rpjmd_services.simpan_tujuan(rpjmd=r, by=admin_pemda, kode="T1", uraian="Tujuan satu", misi=misi)
    sasaran = rpjmd_services.simpan_sasaran(
        rpjmd=r, by=admin_pemda, kode="S1", uraian="Sasaran satu", tujuan=tujuan, penanggung_jawab=org.setda
    )
    ind = rpjmd_services.simpan_indikator(
        rpjmd=r,
        by=admin_pemda,
        kode="I1",
        nama="Indeks satu",
        satuan="Indeks",
        sasaran=sasaran,
        is_iku=True,
        kondisi_akhir=D(90),
        target={2024: (D(80), D(84))},
    )
    renstra_a = renstra_dengan_iku(org.biro_a)
    rpjmd_services.tambah_dukungan(
        by=admin_pemda, indikator=renstra_a.indikator.get(kode="IKU01"), indikator_daerah=ind
    )
    # Biro A: a Kesehatan program (1.02.02) and a program without a nomenclature code, placed by the unit's other
    # program; Biro B: the Setda's urusan 4.01; the Setda: an unknown code and no other program.
    program_dengan_anggaran(
        org.biro_a, kode="1.02.02", baris=[(D("1000000"), D("900000")), (D("500000"), D("250000"))]
    )
    program_dengan_anggaran(org.biro_a, kode="X1", baris=[(D("300000"), D("300000"))])
    program_dengan_anggaran(
        org.biro_b, kode="4.01.01", baris=[(D("2000000"), D("1500000"))], jenis_belanja="modal"
    )
    program_dengan_anggaran(org.setda, kode="9.9", baris=[(D("100000"), D("0"))])
    return r


def _tabel(lap, awal: str) -> Tabel:
    return next(b for b in lap.semua_blok() if isinstance(b, Tabel) and b.judul.startswith(awal))


def test_apbd_by_urusan_equals_the_hand_computed_sums(rpjmd):
    lap = bangun_lkjip_pemda(rpjmd, 2024)
    t = _tabel(lap, "Realisasi Anggaran per Urusan")
    baris = {b[0]: b for b in t.baris}
    # Urusan 1 and bidang 1.02: Biro A's 1.000.000 + 500.000 + the uncoded 300.000 (by the unit's other program)
    assert baris["1"][1] == lib_urusan.KELOMPOK["1"]
    assert baris["1.02"][1:] == ["Kesehatan", "1", "2", "Rp 1.800.000", "Rp 1.450.000", "80,56"]
    assert baris["4.01"][1:] == ["Sekretariat Daerah", "1", "1", "Rp 2.000.000", "Rp 1.500.000", "75,00"]
    assert baris["–"][1:] == ["Kode urusan tidak dikenali", "1", "1", "Rp 100.000", "Rp 0", "0,00"]
    assert t.baris[-1][1:] == ["Jumlah", "3", "4", "Rp 3.900.000", "Rp 2.950.000", "75,64"]
    assert any("1 sub kegiatan yang kodenya bukan kode nomenklatur" in c for c in t.catatan)
    assert any("1 sub kegiatan tidak dapat dikelompokkan" in c for c in t.catatan)
    # one budget truth: the ikhtisar, II.D and III.C state the same total, and say what it covers
    assert lap.ikhtisar.pagu == D("3900000")
    jenis = _tabel(lap, "Realisasi Anggaran per Jenis Belanja")
    assert jenis.baris[-1][2:] == ["Rp 3.900.000", "Rp 2.950.000", "75,64"]
    assert jenis.baris[1][2] == "Rp 2.000.000"  # Belanja Modal: Biro B's line
    assert _tabel(lap, "Rencana Anggaran per Jenis Belanja").baris[-1][2] == "Rp 3.900.000"
    teks = " ".join(p.teks for p in lap.semua_blok() if isinstance(p, Paragraf)).replace("\u00a0", " ")
    assert "Rp 3.900.000" in teks
    assert "(3 unit kerja, 5 sub kegiatan); tidak mencakup pendapatan, pembiayaan" in teks


def test_bidang_is_read_from_program_kegiatan_or_sub_kegiatan_codes():
    assert lib_urusan.bidang_dari_kode("1.02.02") == "1.02"
    assert lib_urusan.bidang_dari_kode("2.16.03.2.01") == "2.16"
    assert lib_urusan.bidang_dari_kode("4.01.01.2.06.0002") == "4.01"
    assert lib_urusan.bidang_dari_kode("1.2") is None  # the demo's Tabel 2.5 row numbers
    assert lib_urusan.bidang_dari_kode("9.99.01") is None
    assert lib_urusan.bidang_dari_kode("X.XX.01") is None


def test_a_draft_pk_of_the_kepala_daerah_is_labelled_in_the_lampiran_and_a_final_one_is_not(
    rpjmd, admin_pemda
):
    lap = bangun_lkjip_pemda(rpjmd, 2024)
    assert "belum disusun" in lap.bab[-1].bagian[0].blok[0].teks
    pk = rpjmd_services.buat_pk_kepala_daerah(
        rpjmd=rpjmd, tahun=2024, by=admin_pemda, jabatan="Gubernur P", tempat="Kota P"
    )
    lap = bangun_lkjip_pemda(rpjmd, 2024)
    lampiran = lap.bab[-1].bagian[0]
    assert lampiran.judul == "Perjanjian Kinerja Kepala Daerah Tahun 2024 (RANCANGAN)"
    assert "belum ditandatangani" in lampiran.blok[0].teks
    assert "masih berupa draf dan belum ditandatangani" in " ".join(
        b.teks for b in lap.bab[1].bagian[2].blok if isinstance(b, Paragraf)
    )
    rpjmd_services.ubah_pk_kepala_daerah(pk=pk, by=admin_pemda, target={}, nama="Budi")
    rpjmd_services.finalkan_pk_kepala_daerah(pk=pk, by=admin_pemda)
    lap = bangun_lkjip_pemda(rpjmd, 2024)
    lampiran = lap.bab[-1].bagian[0]
    assert lampiran.judul == "Perjanjian Kinerja Kepala Daerah Tahun 2024"
    assert not any("belum ditandatangani" in getattr(b, "teks", "") for b in lampiran.blok)
    assert lap.tanda_tangan.nama == "Budi"  # the kata pengantar is signed by the kepala daerah of the PK


def test_texts_written_for_the_pemda_replace_the_generated_ones(rpjmd, admin_pemda, org):
    services.simpan_teks_pemda(
        pemda=org.pemda, tahun=2024, by=admin_pemda, versi=0, penutup="<p>Penutup buatan pemda.</p>"
    )
    lap = bangun_lkjip_pemda(rpjmd, 2024)
    assert lap.bab[3].pengantar[0].teks == "Penutup buatan pemda."
    with pytest.raises(services.KonflikError):
        services.simpan_teks_pemda(pemda=org.pemda, tahun=2024, by=admin_pemda, versi=0, penutup="x")


# --- who may read and build ----------------------------------------------------------------------------------------


def _url(nama, rpjmd, tahun=2024):
    return reverse(f"pelaporan:{nama}", args=[rpjmd.pk, tahun])


@pytest.fixture
def di_permintaan(settings):
    settings.SAKIP_LAPORAN_LATAR = False  # the job runs in the request (no worker in unit tests)


def test_admin_pemda_opens_the_page_builds_the_word_file_and_edits_the_texts(
    client, rpjmd, admin_pemda, di_permintaan
):
    client.force_login(admin_pemda)
    page = client.get(_url("lkjip_pemda", rpjmd))
    assert page.status_code == 200
    assert "Buat LKjIP Pemda (.docx)" in page.content.decode()
    r = client.post(_url("lkjip_pemda_buat", rpjmd), {"format": "docx"})
    job = PembuatanLaporan.objects.get(pengguna=admin_pemda)
    assert r.status_code == 302
    assert (job.dokumen, job.rpjmd_id, job.renstra_id, job.status) == (
        "lkjip_pemda",
        rpjmd.pk,
        None,
        "selesai",
    )
    unduh = client.get(reverse("pelaporan:pembuatan_unduh", args=[job.pk]))
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content)[:2] == b"PK"
    assert client.get(_url("lkjip_pemda_teks", rpjmd)).status_code == 200
    # the reports page links to it
    assert (
        _url("lkjip_pemda", rpjmd)
        in client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    )


def test_operator_of_a_pd_without_the_compiler_role_is_refused(client, rpjmd, operator_a, di_permintaan):
    client.force_login(operator_a)
    assert client.get(_url("lkjip_pemda", rpjmd)).status_code == 403
    assert client.get(_url("lkjip_pemda_docx", rpjmd)).status_code == 403
    assert client.post(_url("lkjip_pemda_buat", rpjmd), {"format": "docx"}).status_code == 403
    assert client.get(_url("lkjip_pemda_teks", rpjmd)).status_code == 403
    assert not PembuatanLaporan.objects.filter(pengguna=operator_a).exists()
    assert _url("lkjip_pemda", rpjmd) not in client.get(reverse("pelaporan:daftar")).content.decode()


def test_operator_of_a_compiler_unit_builds_and_edits_until_withdrawn(
    client, rpjmd, operator_a, admin_pemda, org, di_permintaan
):
    c_admin = client.__class__()
    c_admin.force_login(admin_pemda)
    c_admin.post(_url("lkjip_pemda_penyusun", rpjmd), {"penyusun": org.biro_a.pk})
    penyusun = PenyusunLaporanPemda.objects.get(pemda=org.pemda)
    assert penyusun.penyusun == org.biro_a
    client.force_login(operator_a)
    assert client.get(_url("lkjip_pemda", rpjmd)).status_code == 200
    assert client.post(_url("lkjip_pemda_buat", rpjmd), {"format": "docx"}).status_code == 302
    assert client.get(_url("lkjip_pemda_teks", rpjmd)).status_code == 200
    # a compiler does not name compilers
    assert client.post(_url("lkjip_pemda_penyusun", rpjmd), {"hapus": penyusun.pk}).status_code == 403
    c_admin.post(_url("lkjip_pemda_penyusun", rpjmd), {"hapus": penyusun.pk})
    assert not PenyusunLaporanPemda.objects.exists()
    client.force_login(operator_a)  # a fresh request object: the compiler cache is per user object
    assert client.post(_url("lkjip_pemda_buat", rpjmd), {"format": "docx"}).status_code == 403


def test_evaluator_and_pimpinan_read_without_building(client, rpjmd, evaluator, pimpinan_a, di_permintaan):
    for user in (evaluator, pimpinan_a):
        client.force_login(user)
        page = client.get(_url("lkjip_pemda", rpjmd))
        assert page.status_code == 200
        assert "Buat LKjIP Pemda" not in page.content.decode()
        word = client.get(_url("lkjip_pemda_docx", rpjmd))
        assert word.status_code == 200
        assert word.content[:2] == b"PK"
        assert client.post(_url("lkjip_pemda_buat", rpjmd), {"format": "pdf"}).status_code == 403
        assert client.get(_url("lkjip_pemda_teks", rpjmd)).status_code == 403
        assert client.post(_url("lkjip_pemda_penyusun", rpjmd), {"penyusun": 1}).status_code == 403


def test_another_pemda_gets_404(client, rpjmd, org, di_permintaan):
    from sakip.organisasi import services as org_services
    from sakip.organisasi.models import Pengguna

    luar = Pengguna.objects.create_user("admin.q", password="x-rahasia-123")
    org_services.assign_role(pengguna=luar, peran="admin_pemda", pemda=org.pemda_lain)
    client.force_login(luar)
    for nama in ("lkjip_pemda", "lkjip_pemda_docx", "lkjip_pemda_teks"):
        assert client.get(_url(nama, rpjmd)).status_code == 404, nama
    assert client.post(_url("lkjip_pemda_buat", rpjmd), {"format": "docx"}).status_code == 404
    assert (
        client.post(_url("lkjip_pemda_penyusun", rpjmd), {"penyusun": org.setda_lain.pk}).status_code == 404
    )


def test_a_year_outside_the_rpjmd_is_refused_with_a_message(client, rpjmd, admin_pemda, di_permintaan):
    client.force_login(admin_pemda)
    r = client.post(_url("lkjip_pemda_buat", rpjmd, 2030), {"format": "docx"}, HTTP_ACCEPT="application/json")
    assert r.status_code == 400
    assert "di luar periode" in r.json()["pesan"]
    assert client.get(_url("lkjip_pemda_docx", rpjmd, 2030)).status_code == 400


# --- queries -----------------------------------------------------------------------------------------------------------


def _tambah_pd(org, admin_pemda, rpjmd, n: int) -> None:
    """A new PD with a Renstra whose IKU supports the IKU Pemda, and a budget line."""
    unit = UnitKerjaFactory(pemda=org.pemda, kode=f"DINAS{n}", nama=f"Dinas {n}", jenis="perangkat_daerah")
    renstra = renstra_dengan_iku(unit)
    rpjmd_services.tambah_dukungan(
        by=admin_pemda,
        indikator=renstra.indikator.get(kode="IKU01"),
        indikator_daerah=rpjmd.indikator.get(kode="I1"),
    )
    program_dengan_anggaran(unit, kode=f"2.{10 + n}.02", baris=[(D("1000"), D("900")), (D("500"), D("100"))])


def test_the_number_of_queries_of_the_content_does_not_grow_with_the_number_of_pds(
    rpjmd, org, admin_pemda, django_capture_on_commit_callbacks
):
    bangun_lkjip_pemda(rpjmd, 2024)  # warm caches (content types, settings, the fixture's kept capaian)
    with CaptureQueriesContext(connection) as kecil:
        lap = bangun_lkjip_pemda(rpjmd, 2024)
    assert len(_tabel(lap, "Kontribusi").baris) == 1
    with django_capture_on_commit_callbacks(execute=True):  # kept capaian recomputed at commit, as deployed
        for n in range(1, 5):
            _tambah_pd(org, admin_pemda, rpjmd, n)
    with CaptureQueriesContext(connection) as besar:
        lap = bangun_lkjip_pemda(rpjmd, 2024)
    assert len(_tabel(lap, "Kontribusi").baris) == 5  # four more PDs in the report
    assert len(_tabel(lap, "Capaian Kinerja Perangkat Daerah").baris) == 5
    assert len(besar) <= len(kecil), [q["sql"][:120] for q in besar.captured_queries]


def test_a_line_without_a_nomenclature_code_takes_its_units_sipd_skpd_code_first():
    baris = [
        lib_urusan.Baris(1, 10, "1.2", "1.2.1", "1.2.1.1", D(100), D(50)),
        lib_urusan.Baris(1, 11, "2.16.02", "2.16.02.2.01", "2.16.02.2.01.0001", D(10), D(10)),
        lib_urusan.Baris(2, 12, "9", "9.1", "9.1.1", D(7), D(0)),
    ]
    hasil = lib_urusan.kelompokkan(baris, {1: "4.01.0.00.0.00.01.0001"})
    bidang = {d.kode: (d.pagu, d.realisasi, d.dari_skpd) for _, daftar in hasil.kelompok for d in daftar}
    assert bidang == {"4.01": (D(100), D(50), 1), "2.16": (D(10), D(10), 0)}
    assert (hasil.tidak_dikenali.pagu, hasil.total.pagu, hasil.total.realisasi) == (D(7), D(117), D(60))


def test_a_predikat_iku_prints_its_levels_in_the_pemda_lkjip_and_the_pk_of_the_kepala_daerah(
    rpjmd, admin_pemda
):
    from sakip.pelaporan import pk_kepala_daerah

    sasaran = rpjmd.sasaran.get(kode="S1")
    rpjmd_services.simpan_indikator(
        rpjmd=rpjmd,
        by=admin_pemda,
        kode="I2",
        nama="Predikat pemerintahan",
        satuan="Predikat",
        sasaran=sasaran,
        jenis="predikat",
        skala_predikat=["C", "B", "BB", "A"],
        kondisi_awal_teks="B",
        kondisi_akhir_teks="A",
        is_iku=True,
        target={2024: ("BB", "A")},
    )
    pk = rpjmd_services.buat_pk_kepala_daerah(rpjmd=rpjmd, tahun=2024, by=admin_pemda, jabatan="Gubernur P")
    lap = bangun_lkjip_pemda(rpjmd, 2024)
    rpjmd_tabel = _tabel(lap, "Tujuan, Sasaran Daerah, Indikator dan Target RPJMD")
    baris = next(b for b in rpjmd_tabel.baris if "Predikat pemerintahan" in " ".join(b))
    assert baris[-5:] == ["B", "BB", "–", "–", "A"]  # baseline, 2024–2026 targets, end target
    pk_tabel = _tabel(lap, "Target Kinerja Kepala Daerah")
    assert next(b for b in pk_tabel.baris if "Predikat pemerintahan" in " ".join(b))[-1] == "BB"
    dok = pk_kepala_daerah.bangun(pk)
    assert next(b for b in dok.tabel_kinerja.baris if "Predikat pemerintahan" in " ".join(b))[-1] == "BB"


def test_the_rpjmd_page_links_the_pemda_lkjip_of_each_year_for_its_readers_only(
    client, rpjmd, admin_pemda, pimpinan_a, operator_a
):
    import datetime as dt

    detail = reverse("rpjmd:detail", args=[rpjmd.pk])
    akhir = min(2026, dt.date.today().year)
    for orang in (admin_pemda, pimpinan_a):
        client.force_login(orang)
        html = client.get(detail).content.decode()
        for tahun in range(2024, akhir + 1):
            assert f'href="{reverse("pelaporan:lkjip_pemda", args=[rpjmd.pk, tahun])}"' in html
    client.force_login(operator_a)  # reads the RPJMD, not the report holding every PD's figures
    html = client.get(detail).content.decode()
    assert 'id="lkjip-pemda"' not in html
