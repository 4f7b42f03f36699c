"""SIPD exports imported into the demo (Setda Prov. Kaltim 2024), one workbook per layout of
../shared/domain/sipd.md, built here from the documented column headers with the quirks of real exports: every
cell text, dotted thousands, parenthesised negatives, title rows above the header.

Expected figures are computed by hand from the demo data file (anggaran_1_kaltim_2024.json) and the rows below.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from sakip.anggaran import services, sipd
from sakip.anggaran.models import (
    AnggaranSubKegiatan,
    RealisasiBulanan,
    RealisasiBulananJenis,
    RincianJenisBelanja,
)
from sakip.lib import angka
from sakip.organisasi.models import Pengguna, UnitKerja

SETDA_SIPD = "4.01.0.00.0.00.01.0000"
POD_SIPD = "4.01.0.00.0.00.01.0001"
KESRA_SIPD = "4.01.0.00.0.00.01.0002"
SUB_A, SUB_B = "4.01.01.2.01.0002", "4.01.01.2.01.0004"  # Biro POD: pagu 24.163.000 and 24.350.000
DATA = Path(__file__).resolve().parents[2] / "demo" / "data" / "anggaran_1_kaltim_2024.json"

KOLOM_DOKUMEN = [
    "Kode SKPD",
    "Nama SKPD",
    "Kode Sub SKPD",
    "Nama Sub SKPD",
    "Kode Fungsi",
    "Nama Fungsi",
    "Kode Sub Fungsi",
    "Nama Sub Fungsi",
    "Kode Urusan",
    "Nama Urusan",
    "Kode Bidang Urusan",
    "Nama Bidang Urusan",
    "Kode Program",
    "Nama Program",
    "Kode Kegiatan",
    "Nama Kegiatan",
    "Kode Sub Kegiatan",
    "Nama Sub Kegiatan",
    "Kode Rekening",
    "Nama Rekening",
    "Nomor Dokumen",
    "Jenis Dokumen",
    "Jenis Transaksi",
    "Nomor DPT",
    "Tanggal Dokumen",
    "Keterangan Dokumen",
    "Nilai Realisasi",
    "Nilai Setoran",
    "NIP Pegawai",
    "Nama Pegawai",
    "Tanggal Simpan",
    "Nomor SPD",
    "Periode SPD",
    "Nilai SPD",
    "Tahapan SPD",
    "Sub Tahapan",
    "Tahapan APBD",
    "Nomor SPP",
    "Tanggal SPP",
    "Nomor SPM",
    "Tanggal SPM",
    "Nomor SP2D",
    "Tanggal SP2D",
    "Tanggal Transfer",
    "Nilai SP2D",
]
KOLOM_APBD = [
    "TAHUN",
    "BULAN",
    "KODE_SKPD",
    "NAMA_SKPD",
    "KODE_UNIT_SKPD",
    "NAMA_UNIT_SKPD",
    "KODE_URUSAN",
    "NAMA_URUSAN",
    "KODE_BIDANG_URUSAN",
    "NAMA_BIDANG_URUSAN",
    "KODE_PROGRAM",
    "NAMA_PROGRAM",
    "KODE_GIAT",
    "NAMA_GIAT",
    "KODE_SUB_GIAT",
    "NAMA_SUB_GIAT",
    "KODE_AKUN",
    "NAMA_AKUN",
    "KODE_KELOMPOK",
    "NAMA_KELOMPOK",
    "KODE_JENIS",
    "NAMA_JENIS",
    "KODE_OBJEK",
    "NAMA_OBJEK",
    "KODE_RINCIAN_OBJEK",
    "NAMA_RINCIAN_OBJEK",
    "KODE_SUB_RINCIAN_OBJEK (SRO)",
    "NAMA_SUB_RINCIAN_OBJEK",
    "TOTAL_ANGGARAN",
    "TOTAL_REALISASI",
    "SELISIH",
    "KETERANGAN",
]
KOLOM_LRA = ["KODE REKENING", "URAIAN", "ANGGARAN", "REALISASI", "BERTAMBAH/(BERKURANG)", "%", "PENJELASAN"]
KOLOM_DPA = [
    "Kode SKPD",
    "Kode Sub Kegiatan",
    "Nama Sub Kegiatan",
    "Pagu",
    "Indikator Keluaran",
    "Target Keluaran",
    "Satuan",
    "Sumber Dana",
    "Lokasi",
    *[f"Bulan {i}" for i in range(1, 13)],
]


def buku(kolom: list[str], baris: list[dict[str, str]], judul: tuple[str, ...] = ()) -> bytes:
    """A workbook as SIPD writes it: title rows, a blank row, the header, then rows of text cells only."""
    wb = Workbook()
    ws = wb.active
    for j in judul:
        ws.append([j])
    if judul:
        ws.append([])
    ws.append(kolom)
    for b in baris:
        tak_dikenal = set(b) - set(kolom)
        assert not tak_dikenal, tak_dikenal
        ws.append([b.get(k, "") for k in kolom])
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _dok(
    sub: str,
    rekening: str,
    nomor: str,
    tanggal: str,
    nilai: str,
    setoran: str = "0",
    sub_skpd: str = POD_SIPD,
):
    return {
        "Kode SKPD": SETDA_SIPD,
        "Nama SKPD": "SEKRETARIAT DAERAH",
        "Kode Sub SKPD": sub_skpd,
        "Nama Sub SKPD": "BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
        "Kode Sub Kegiatan": sub,
        "Kode Rekening": rekening,
        "Nomor Dokumen": nomor,
        "Jenis Dokumen": "LS",
        "Tanggal Dokumen": tanggal,
        "Nilai Realisasi": nilai,
        "Nilai Setoran": setoran,
        "Nomor SPM": f"SPM-{nomor}",
        "Nomor SP2D": f"SP2D-{nomor}",
        "Tanggal SP2D": tanggal,
        "Nilai SP2D": nilai,
    }


BUKU_DOKUMEN = buku(
    KOLOM_DOKUMEN,
    [
        _dok(SUB_A, "5.1.02.01.01.0024", "001", "15/03/2024", "1.500.000"),
        _dok(SUB_A, "5.2.02.05.01.0001", "002", "10/04/2024", "2.000.000,00", "-"),
        _dok(SUB_B, "5.1.02.02.01.0026", "003", "20/03/2024", "3.000.000", "500.000"),
    ],
    judul=("PEMERINTAH PROVINSI KALIMANTAN TIMUR", "LAPORAN REALISASI PER DOKUMEN TAHUN ANGGARAN 2024"),
)


def _apbd(bulan: str, sro: str, anggaran: str, realisasi: str, sub: str = SUB_A):
    return {
        "TAHUN": "2024",
        "BULAN": bulan,
        "KODE_SKPD": SETDA_SIPD,
        "NAMA_SKPD": "SEKRETARIAT DAERAH",
        "KODE_UNIT_SKPD": POD_SIPD,
        "KODE_SUB_GIAT": sub,
        "KODE_AKUN": "5",
        "KODE_KELOMPOK": sro[:3],
        "KODE_SUB_RINCIAN_OBJEK (SRO)": sro,
        "TOTAL_ANGGARAN": anggaran,
        "TOTAL_REALISASI": realisasi,
    }


# Sub A: operasi account 20.000.000, modal account 4.163.000 (= the demo pagu 24.163.000).
BUKU_APBD = buku(
    KOLOM_APBD,
    [
        _apbd("1", "5.1.02.01.01.0024", "20.000.000", "1.000.000"),
        _apbd("1", "5.2.02.05.01.0001", "4.163.000", "0"),
        _apbd("2", "5.1.02.01.01.0024", "20.000.000", "2.000.000"),
        _apbd("2", "5.2.02.05.01.0001", "4.163.000", "3.000.000"),
        _apbd("2", "5.1.02.01.01.0025", "-", "(100.000)"),  # a refund booked on an account without pagu
    ],
    judul=("REALISASI APBD", "PEMERINTAH PROVINSI KALIMANTAN TIMUR"),
)


def _lra(kode: str, uraian: str, anggaran: str, realisasi: str, selisih: str = "") -> dict[str, str]:
    return {
        "KODE REKENING": kode,
        "URAIAN": uraian,
        "ANGGARAN": anggaran,
        "REALISASI": realisasi,
        "BERTAMBAH/(BERKURANG)": selisih,
    }


# The Biro's own LRA: sub A 24.163.000 = operasi 19.163.000 + modal 5.000.000; sub B operasi only.
BUKU_LRA = buku(
    KOLOM_LRA,
    [
        _lra("4.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "48.513.000", "22.000.000"),
        _lra(
            "4.01.01.2.01",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            "48.513.000",
            "22.000.000",
        ),
        _lra(SUB_A, "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "24.163.000", "12.000.000", "(12.163.000)"),
        _lra("5", "BELANJA", "24.163.000", "12.000.000"),
        _lra("5.1", "BELANJA OPERASI", "19.163.000", "8.000.000"),
        _lra("5.1.02", "Belanja Barang dan Jasa", "19.163.000", "8.000.000"),
        _lra(
            "5.1.02.01.01.0024",
            "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
            "19.163.000",
            "8.000.000",
        ),
        _lra("5.2", "BELANJA MODAL", "5.000.000", "4.000.000"),
        _lra("5.2.02.05.01.0001", "Belanja Modal Peralatan Kantor", "5.000.000", "4.000.000", "(1.000.000)"),
        _lra(SUB_B, "Koordinasi dan Penyusunan DPA-SKPD", "24.350.000", "10.000.000"),
        _lra("5.1", "BELANJA OPERASI", "24.350.000", "10.000.000"),
        _lra("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi", "24.350.000", "10.000.000"),
    ],
    judul=(
        "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
        "LAPORAN REALISASI ANGGARAN",
        f"SKPD : {POD_SIPD} - BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
        "Periode : 1 Januari 2024 s.d. 31 Desember 2024",
    ),
)


def _dpa(sub: str, pagu: str, target: str, satuan: str, kas: list[str]) -> dict[str, str]:
    return {
        "Kode SKPD": POD_SIPD,
        "Kode Sub Kegiatan": sub,
        "Nama Sub Kegiatan": "x",
        "Pagu": pagu,
        "Indikator Keluaran": "Jumlah Dokumen",
        "Target Keluaran": target,
        "Satuan": satuan,
        "Sumber Dana": "PAD",
        "Lokasi": "Samarinda",
        **{f"Bulan {i}": v for i, v in enumerate(kas, start=1)},
    }


BUKU_DPA = buku(
    KOLOM_DPA,
    [
        _dpa(SUB_A, "25.200.000", "2 Dokumen", "Dokumen", ["2.100.000"] * 12),
        _dpa(SUB_B, "Rp 24.000.000", "3", "Dokumen", ["2.000.000"] * 12),
    ],
    judul=("DOKUMEN PELAKSANAAN ANGGARAN (DPA) SKPD", "TAHUN ANGGARAN 2024"),
)


@pytest.fixture
def admin(demo) -> Pengguna:
    return Pengguna.objects.get(username="admin.kaltim")


def _unit(kode: str) -> UnitKerja:
    return UnitKerja.objects.get(pemda__kode="64", kode=kode)


def _rencana(user, isi: bytes, unit: str):
    return services.siapkan_impor_sipd(
        user=user, tahun=2024, unit=_unit(unit), hasil=sipd.baca(io.BytesIO(isi))
    )


def _impor(user, isi: bytes, unit: str, konfirmasi: bool = False) -> int:
    rencana = _rencana(user, isi, unit)
    assert rencana.ok, [str(k) for k in rencana.kesalahan]
    return services.terapkan_impor_sipd(rencana=rencana, konfirmasi_lebih_pagu=konfirmasi, by=user)


def _line(kode: str) -> AnggaranSubKegiatan:
    return AnggaranSubKegiatan.objects.get(
        tahun=2024, sub_kegiatan__kode=kode, sub_kegiatan__kegiatan__program__unit_kerja__kode="SETDA.POD"
    )


def _demo_pod() -> tuple[D, D]:
    """Biro POD's 2024 pagu and realisasi summed from the demo data file."""
    data = json.loads(DATA.read_text())
    blok = next(u for u in data["unit"] if u["unit"] == "SETDA.POD")
    subs = [s for p in blok["program"] for k in p["kegiatan"] for s in k["sub_kegiatan"]]
    return (
        sum((angka.parse_angka(s["pagu"]) for s in subs), D(0)),
        sum((angka.parse_angka(s["realisasi"]) for s in subs), D(0)),
    )


def _jejak() -> tuple[int, ...]:
    return tuple(
        m.history.count()
        for m in (AnggaranSubKegiatan, RealisasiBulanan, RealisasiBulananJenis, RincianJenisBelanja)
    )


# --- reading ------------------------------------------------------------------------------------------------------


def test_money_cells_are_read_as_sipd_writes_them():
    assert sipd.uang("1.234.567") == D(1234567)
    assert sipd.uang("1.234.567,50") == D("1234567.50")
    assert sipd.uang("(1.234)") == D(-1234)
    assert sipd.uang("Rp 1.000") == D(1000)
    assert sipd.uang("-") == D(0)
    assert sipd.uang("1,234,567.00") == D(1234567)
    with pytest.raises(ValueError, match="bukan angka rupiah"):
        sipd.uang("satu juta")


def test_jenis_belanja_comes_from_the_account_code():
    assert sipd.jenis_belanja("5.1.02.01.01.0024") == "operasi"
    assert sipd.jenis_belanja("5.2.02.05.01.0001") == "modal"
    with pytest.raises(ValueError, match="bukan Belanja Operasi"):
        sipd.jenis_belanja("5.3.01.01.01.0001")


def test_each_layout_is_recognised_below_its_title_rows():
    assert [sipd.baca(io.BytesIO(b)).format for b in (BUKU_DOKUMEN, BUKU_APBD, BUKU_LRA, BUKU_DPA)] == [
        "dokumen",
        "apbd",
        "lra",
        "dpa",
    ]


def test_draft_documents_are_skipped_and_a_repeated_document_replaces_the_earlier_row():
    baris = [
        {**_dok(SUB_A, "5.1.02.01.01.0024", "001", "15/03/2024", "1.000.000"), "Status": "DRAFT"},
        {**_dok(SUB_A, "5.1.02.01.01.0024", "002", "15/03/2024", "700.000"), "Status": "FINAL"},
        {**_dok(SUB_A, "5.1.02.01.01.0024", "002", "15/03/2024", "900.000"), "Status": "FINAL"},
    ]
    hasil = sipd.baca(io.BytesIO(buku([*KOLOM_DOKUMEN, "Status"], baris)))
    assert hasil.ok, hasil.kesalahan
    assert (hasil.baris_draft, hasil.baris_diganti) == (1, 1)
    assert hasil.pos[(POD_SIPD, SUB_A)].realisasi_bulan == {3: {"operasi": D(900000)}}


def test_an_lra_whose_accounts_do_not_add_up_to_the_sub_kegiatan_row_is_a_row_error():
    isi = buku(
        KOLOM_LRA,
        [
            _lra(SUB_A, "x", "24.163.000", "1.000.000"),
            _lra("5.1.02.01.01.0024", "x", "24.163.000", "900.000"),
        ],
        judul=(f"SKPD : {POD_SIPD} - BIRO", "Periode 2024"),
    )
    hasil = sipd.baca(io.BytesIO(isi))
    assert [k.baris for k in hasil.kesalahan] == [5]  # two title rows, a blank row, the header
    assert "tidak sama dengan baris sub kegiatan" in hasil.kesalahan[0].pesan


# --- importing into the demo --------------------------------------------------------------------------------------


def test_realisasi_per_dokumen_imports_monthly_figures_split_by_account(admin):
    assert _impor(admin, BUKU_DOKUMEN, "SETDA") == 2
    a, b = _line(SUB_A), _line(SUB_B)
    assert (a.pagu, a.realisasi) == (D(24163000), D(3500000))
    assert dict(a.bulanan.values_list("bulan", "realisasi")) == {3: D(1500000), 4: D(2000000)}
    assert dict(a.rincian_jenis.values_list("jenis_belanja", "realisasi")) == {
        "operasi": D(1500000),
        "modal": D(2000000),
    }
    assert (b.realisasi, dict(b.bulanan.values_list("bulan", "realisasi"))) == (D(2500000), {3: D(2500000)})
    assert a.history.first().history_user == admin


def test_realisasi_apbd_imports_pagu_per_jenis_and_months(admin):
    assert _impor(admin, BUKU_APBD, "SETDA") == 1
    a = _line(SUB_A)
    assert (a.pagu, a.realisasi) == (D(24163000), D(5900000))
    assert dict(a.bulanan.values_list("bulan", "realisasi")) == {1: D(1000000), 2: D(4900000)}
    assert {r.jenis_belanja: (r.pagu, r.realisasi) for r in a.rincian_jenis.all()} == {
        "operasi": (D(20000000), D(2900000)),
        "modal": (D(4163000), D(3000000)),
    }


def test_lra_imports_pagu_and_realisasi_per_jenis_from_the_leaf_accounts(admin):
    assert _impor(admin, BUKU_LRA, "SETDA.POD") == 2
    a, b = _line(SUB_A), _line(SUB_B)
    assert (a.pagu, a.realisasi, b.pagu, b.realisasi) == (D(24163000), D(12000000), D(24350000), D(10000000))
    assert {r.jenis_belanja: (r.pagu, r.realisasi) for r in a.rincian_jenis.all()} == {
        "operasi": (D(19163000), D(8000000)),
        "modal": (D(5000000), D(4000000)),
    }


def test_dpa_imports_pagu_and_output_target(admin):
    assert _impor(admin, BUKU_DPA, "SETDA.POD") == 2
    a, b = _line(SUB_A), _line(SUB_B)
    assert (a.pagu, a.target_keluaran, b.pagu, b.target_keluaran) == (D(25200000), D(2), D(24000000), D(3))
    assert a.realisasi == D(7494000)  # the DPA carries no spending


def test_dpa_whose_cash_plan_does_not_add_up_to_the_pagu_is_refused_by_row(admin):
    isi = buku(KOLOM_DPA, [_dpa(SUB_A, "25.200.000", "2", "Dokumen", ["2.000.000"] * 12)])
    rencana = _rencana(admin, isi, "SETDA.POD")
    assert [str(k) for k in rencana.kesalahan] == [
        "Baris 2, kolom 'Anggaran kas': jumlah anggaran kas bulan 1–12 (Rp 24.000.000,00) tidak sama dengan pagu "
        "(Rp 25.200.000,00)"
    ]


@pytest.mark.parametrize(
    ("isi", "unit"),
    [(BUKU_DOKUMEN, "SETDA"), (BUKU_APBD, "SETDA"), (BUKU_LRA, "SETDA.POD"), (BUKU_DPA, "SETDA.POD")],
    ids=["dokumen", "apbd", "lra", "dpa"],
)
def test_importing_the_same_file_twice_changes_nothing(admin, isi, unit):
    _impor(admin, isi, unit)
    sebelum = (
        _jejak(),
        list(AnggaranSubKegiatan.objects.values_list("id", "pagu", "realisasi", "jenis_belanja")),
    )
    assert _impor(admin, isi, unit) == 0
    assert (
        _jejak(),
        list(AnggaranSubKegiatan.objects.values_list("id", "pagu", "realisasi", "jenis_belanja")),
    ) == sebelum


def test_a_file_of_another_unit_is_refused_with_a_message_and_nothing_changes(admin):
    isi = buku(
        KOLOM_DPA, [{**_dpa(SUB_A, "1.000", "1", "Dokumen", ["0"] * 11 + ["1.000"]), "Kode SKPD": KESRA_SIPD}]
    )
    rencana = _rencana(admin, isi, "SETDA.POD")
    assert [str(k) for k in rencana.kesalahan] == [
        f"Berkas ini bukan milik Biro Pemerintahan dan Otonomi Daerah (kode SKPD {POD_SIPD}): berkas memuat kode "
        f"SKPD {KESRA_SIPD} (Biro Kesejahteraan Rakyat). Berkas ditolak; tidak ada data yang diimpor."
    ]
    jejak = _jejak()
    with pytest.raises(ValidationError):
        services.terapkan_impor_sipd(rencana=rencana, by=admin)
    assert _jejak() == jejak
    assert _line(SUB_A).pagu == D(24163000)


def test_unknown_sub_kegiatan_codes_are_listed_and_the_whole_file_is_refused(admin):
    isi = buku(
        KOLOM_DPA,
        [
            _dpa(SUB_A, "12.000", "1", "Dokumen", ["1.000"] * 12),
            _dpa("4.01.01.2.99.0001", "12.000", "1", "Dokumen", ["1.000"] * 12),
            _dpa("4.01.01.2.99.0002", "12.000", "1", "Dokumen", ["1.000"] * 12),
        ],
    )
    rencana = _rencana(admin, isi, "SETDA.POD")
    assert rencana.kode_tidak_dikenal == ["4.01.01.2.99.0001", "4.01.01.2.99.0002"]
    with pytest.raises(ValidationError):
        services.terapkan_impor_sipd(rencana=rencana, by=admin)
    assert _line(SUB_A).pagu == D(24163000)


def test_preview_compares_the_file_with_what_is_stored(admin):
    rencana = _rencana(admin, BUKU_LRA, "SETDA.POD")
    pagu, realisasi = _demo_pod()
    assert (rencana.pagu_tersimpan, rencana.realisasi_tersimpan) == (D(48513000), D(7494000) + D(7061200))
    assert (rencana.pagu_berkas, rencana.realisasi_berkas) == (D(48513000), D(22000000))
    assert (rencana.total_unit_sebelum.pagu, rencana.total_unit_sebelum.realisasi) == (pagu, realisasi)
    assert rencana.total_unit_sesudah.realisasi == realisasi - D(7494000) - D(7061200) + D(22000000)
    assert AnggaranSubKegiatan.objects.get(pk=_line(SUB_A).pk).realisasi == D(7494000)  # nothing written


# --- pages --------------------------------------------------------------------------------------------------------


def test_upload_preview_confirm_and_the_budget_page_shows_the_totals(client, admin):
    pagu, realisasi = _demo_pod()
    client.force_login(admin)
    pod = _unit("SETDA.POD")
    jawab = client.post(
        "/anggaran/impor-sipd/",
        {"tahun": 2024, "unit": pod.pk, "berkas": _berkas("lra.xlsx", BUKU_LRA)},
    )
    assert jawab.status_code == 200
    teks = jawab.content.decode()
    assert "Tidak ada kesalahan: 2 sub kegiatan akan diubah" in teks
    assert angka.format_rupiah(D(22000000)) in teks
    jawab = client.post("/anggaran/impor-sipd/terapkan/", follow=True)
    teks = jawab.content.decode()
    assert "2 sub kegiatan diubah" in teks
    baru = realisasi - D(7494000) - D(7061200) + D(22000000)
    assert f"Pagu {angka.format_rupiah(pagu)}<br>Realisasi {angka.format_rupiah(baru)}" in teks
    # Belanja Modal of Biro POD: the demo's modal lines plus sub A's modal accounts from the LRA.
    data = json.loads(DATA.read_text())
    blok = next(u for u in data["unit"] if u["unit"] == "SETDA.POD")
    modal = [
        s
        for p in blok["program"]
        for k in p["kegiatan"]
        for s in k["sub_kegiatan"]
        if s["jenis_belanja"] == "modal"
    ]
    pagu_modal = sum((angka.parse_angka(s["pagu"]) for s in modal), D(0)) + D(5000000)
    realisasi_modal = sum((angka.parse_angka(s["realisasi"]) for s in modal), D(0)) + D(4000000)
    assert (
        f"<strong>Belanja Modal</strong><br>Pagu {angka.format_rupiah(pagu_modal)}<br>"
        f"Realisasi {angka.format_rupiah(realisasi_modal)}"
    ) in teks


# Biro POD's 2024 totals after each file, by hand: the demo totals with the file's sub kegiatan replaced.
SETELAH = {
    "dokumen": (D(0), D(-7494000) - D(7061200) + D(1500000 + 2000000) + D(3000000 - 500000)),
    "apbd": (D(0), D(-7494000) + D(1000000 + 0 + 2000000 + 3000000 - 100000)),
    "lra": (D(0), D(-7494000) - D(7061200) + D(12000000) + D(10000000)),
    "dpa": (D(-24163000) - D(24350000) + D(25200000) + D(24000000), D(0)),
}


@pytest.mark.parametrize(
    ("format_", "isi", "unit"),
    [
        ("dokumen", BUKU_DOKUMEN, "SETDA"),
        ("apbd", BUKU_APBD, "SETDA"),
        ("lra", BUKU_LRA, "SETDA.POD"),
        ("dpa", BUKU_DPA, "SETDA.POD"),
    ],
)
def test_the_budget_page_shows_biro_pods_totals_computed_by_hand_after_each_layout(
    client, admin, format_, isi, unit
):
    pagu, realisasi = _demo_pod()
    _impor(admin, isi, unit)
    client.force_login(admin)
    teks = client.get(f"/anggaran/?tahun=2024&unit={_unit('SETDA.POD').pk}").content.decode()
    tambah_pagu, tambah_realisasi = SETELAH[format_]
    assert (
        f"Pagu {angka.format_rupiah(pagu + tambah_pagu)}<br>Realisasi {angka.format_rupiah(realisasi + tambah_realisasi)}"
    ) in teks


def _berkas(nama: str, isi: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        nama, isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_operator_of_another_unit_cannot_import_into_biro_pod(client, demo):
    client.force_login(Pengguna.objects.get(username="operator.adpim"))
    jawab = client.post(
        "/anggaran/impor-sipd/",
        {"tahun": 2024, "unit": _unit("SETDA.POD").pk, "berkas": _berkas("lra.xlsx", BUKU_LRA)},
    )
    assert jawab.status_code == 200
    assert "Masukkan pilihan yang valid" in jawab.content.decode()
    assert _line(SUB_A).realisasi == D(7494000)


def test_read_only_pimpinan_gets_403_on_the_sipd_pages(client, demo):
    client.force_login(Pengguna.objects.get(username="pimpinan.setda"))
    assert client.get("/anggaran/impor-sipd/").status_code == 403
    assert client.get("/anggaran/kode-sipd/").status_code == 403


def test_kode_sipd_is_set_with_history_and_a_code_used_by_another_unit_is_refused(admin):
    adpim = _unit("SETDA.ADPIM")
    with pytest.raises(ValidationError, match="sudah dipakai oleh Biro Pemerintahan"):
        services.simpan_kode_sipd(unit=adpim, kode=POD_SIPD, by=admin)
    with pytest.raises(ValidationError, match="bukan kode SKPD SIPD"):
        services.simpan_kode_sipd(unit=adpim, kode="4.01", by=admin)
    obj = services.simpan_kode_sipd(unit=adpim, kode="4.01.0.00.0.00.01.0019", by=admin)
    assert obj.history.first().history_user == admin
