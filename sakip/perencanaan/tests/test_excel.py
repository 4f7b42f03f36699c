"""Excel template, import and export of a Renstra and a PK (sakip.perencanaan.excel)."""

import copy
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from sakip.perencanaan import excel, paket, services
from sakip.perencanaan.models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
    Program,
    RencanaStrategis,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
    VariabelIndikator,
)
from sakip.perencanaan.tests.factories import renstra_dengan_iku

DEMO = Path(__file__).parents[2] / "demo" / "data"

# --- A workbook written by hand, as an operator would fill the template ----------------------------------------

JUDUL_INDIKATOR = [k.judul for k in excel.KOLOM_INDIKATOR]


def indikator_baris(kode, induk, nama, satuan, jenis="Persentase", **lain):
    nilai = {
        "Kode": kode,
        "Induk": induk,
        "Nama": nama,
        "Satuan": satuan,
        "Jenis": jenis,
        "Polaritas": "Positif",
        "Agregasi": "Nilai akhir",
        "IKU": "Ya",
        **lain,
    }
    return [nilai.get(j, "") for j in JUDUL_INDIKATOR]


def lembar_renstra(unit="SETDA.A"):
    """Every sheet of a correct Renstra workbook as lists of rows (row 1 = headers)."""
    return {
        "Renstra": [
            ["Isian", "Nilai"],
            ["Kode unit", unit],
            ["Nama Renstra", "Renstra Biro A"],
            ["Tahun mulai", 2024],
            ["Tahun selesai", 2026],
            ["Visi", "Birokrasi yang akuntabel"],
            ["Misi", "Misi satu\nMisi dua"],
        ],
        "Tujuan": [["Kode", "Uraian"], ["T1", "Mewujudkan tata kelola yang baik"]],
        "Sasaran": [
            ["Kode", "Kode tujuan", "Uraian", "Strategi", "Kebijakan"],
            ["S1", "T1", "Meningkatnya kualitas kebijakan", "Strategi A", "Kebijakan A"],
            ["S2", "", "Sasaran tanpa tujuan", "", ""],
        ],
        "Indikator": [
            JUDUL_INDIKATOR,
            indikator_baris(
                "IKU01",
                "S1",
                "Persentase kebijakan difasilitasi",
                "Persen",
                Formulasi="difasilitasi / usulan × 100",
                **{"Penanggung jawab": "SETDA.A", "Kondisi awal": 90},
            ),
            indikator_baris(
                "IKU02",
                "S1",
                "Nilai SAKIP",
                "Nilai/Predikat",
                "Predikat",
                **{"Skala predikat": "C, B, BB, A", "Kondisi awal": "B"},
            ),
            indikator_baris(
                "IT01", "T1", "Indeks kepuasan", "Indeks", "Indeks", Agregasi="Rata-rata", IKU="Tidak"
            ),
            indikator_baris("IKU03", "S2", "Jumlah dokumen", "Dokumen", "Jumlah", Agregasi="Kumulatif"),
        ],
        "Variabel": [
            ["Kode indikator", "Nama variabel", "Uraian", "Satuan"],
            ["IKU01", "difasilitasi", "Kebijakan yang difasilitasi", "kebijakan"],
            ["IKU01", "usulan", "Usulan kebijakan", "kebijakan"],
        ],
        "Target": [
            ["Kode indikator", "Target 2024", "Target 2025", "Target 2026"],
            ["IKU01", 100, "85,5", "86 (Baik)"],
            ["IKU02", "B", "BB", "A"],
            ["IT01", 3.51, "3,8", "4"],
            ["IKU03", 4, 4, 5],
        ],
        "Program": [
            ["Kode unit", "Kode program", "Nama program", "Sasaran"],
            ["SETDA.A", "4.01.01", "Program Penunjang Urusan Pemerintahan", "S1, S2"],
        ],
        "Kegiatan": [
            ["Kode program", "Kode unit", "Kode kegiatan", "Nama"],
            ["4.01.01", "SETDA.A", "4.01.01.2.01", "Perencanaan, penganggaran dan evaluasi kinerja"],
        ],
        "Sub Kegiatan": [
            ["Kode kegiatan", "Kode sub kegiatan", "Nama", "Indikator keluaran", "Satuan keluaran"],
            [
                "4.01.01.2.01",
                "4.01.01.2.01.0001",
                "Penyusunan dokumen perencanaan",
                "Jumlah dokumen",
                "Dokumen",
            ],
        ],
    }


def ke_xlsx(lembar) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nama, baris in lembar.items():
        ws = wb.create_sheet(nama)
        for isi in baris:
            ws.append(isi)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def buku_renstra(ubah=None, unit="SETDA.A") -> bytes:
    """A correct Renstra workbook; `ubah(lembar)` may spoil it first."""
    lembar = lembar_renstra(unit)
    if ubah:
        ubah(lembar)
    return ke_xlsx(lembar)


def letak(hasil):
    return {(k.sheet, k.baris, k.kolom) for k in hasil.kesalahan}


def jumlah_baris():
    models = [
        RencanaStrategis,
        Tujuan,
        Sasaran,
        Indikator,
        VariabelIndikator,
        Target,
        Program,
        Kegiatan,
        SubKegiatan,
        PerjanjianKinerja,
        PKIndikator,
        PKProgram,
    ]
    return {m.__name__: m.objects.count() for m in models}


# --- A correct workbook -------------------------------------------------------------------------------------------


def test_a_correct_workbook_written_by_hand_imports_every_part(org, operator_a):
    hasil = excel.baca_renstra(buku_renstra(), pemda=org.pemda)
    assert hasil.kesalahan == []
    renstra, kesalahan = excel.terapkan_renstra(hasil.data, pemda=org.pemda, by=operator_a)
    assert kesalahan == []
    assert (renstra.unit_kerja, renstra.tahun_mulai, renstra.tahun_selesai) == (org.biro_a, 2024, 2026)
    assert renstra.daftar_misi == ["Misi satu", "Misi dua"]
    assert renstra.sasaran.get(kode="S2").tujuan is None
    iku01 = renstra.indikator.get(kode="IKU01")
    assert iku01.sasaran.kode == "S1"
    assert iku01.penanggung_jawab == org.biro_a
    assert iku01.kondisi_awal == Decimal(90)
    assert [(v.nama, v.label) for v in iku01.variabel.all()] == [
        ("difasilitasi", "Kebijakan yang difasilitasi"),
        ("usulan", "Usulan kebijakan"),
    ]
    assert {t.tahun: (t.nilai, t.keterangan) for t in iku01.target.all()} == {
        2024: (Decimal(100), ""),
        2025: (Decimal("85.5"), ""),
        2026: (Decimal(86), "Baik"),
    }
    iku02 = renstra.indikator.get(kode="IKU02")
    assert iku02.skala_predikat == ["C", "B", "BB", "A"]
    assert [t.predikat for t in iku02.target.all()] == ["B", "BB", "A"]
    it01 = renstra.indikator.get(kode="IT01")
    assert (it01.tujuan.kode, it01.is_iku, it01.agregasi) == ("T1", False, "rata_rata")
    assert it01.target.get(tahun=2024).nilai == Decimal(
        "3.51"
    )  # a real number cell, read without float noise
    program = Program.objects.get(unit_kerja=org.biro_a, kode="4.01.01")
    assert sorted(program.sasaran.values_list("kode", flat=True)) == ["S1", "S2"]
    assert SubKegiatan.objects.get(kegiatan__program=program).satuan_keluaran == "Dokumen"


def test_satuan_already_used_in_the_pemda_is_accepted(org):
    renstra = renstra_dengan_iku(org.biro_b, jumlah_indikator=1)
    renstra.indikator.update(satuan="Persen Kumulatif Tahunan")

    def satuan_sendiri(lembar):
        lembar["Indikator"][1][3] = "persen  kumulatif tahunan"

    assert excel.baca_renstra(buku_renstra(satuan_sendiri), pemda=org.pemda).kesalahan == []


# --- Errors: each reported with its sheet, row and column; nothing written ---------------------------------------


def test_acceptance_errors_are_all_listed_with_their_rows_and_nothing_changes(org, operator_a):
    """Unknown satuan, text in a number cell, a formula naming an undefined input, a missing sasaran and a
    duplicated code, all in one file."""

    def rusak(lembar):
        lembar["Indikator"][1][3] = "Persn"  # row 2: unknown satuan
        lembar["Indikator"][1][8] = "difasilitasi / diusulkan × 100"  # row 2: 'diusulkan' is not in Variabel
        lembar["Indikator"][4][1] = "S9"  # row 5: a sasaran that does not exist
        lembar["Target"][1][2] = "delapan puluh"  # row 2: text in a number cell
        lembar["Sasaran"].append(["S1", "T1", "Sasaran kembar", "", ""])  # row 4: duplicated code

    sebelum = jumlah_baris()
    hasil = excel.baca_renstra(buku_renstra(rusak), pemda=org.pemda)
    assert hasil.data is None
    assert {
        ("Indikator", 2, "Satuan"),
        ("Indikator", 2, "Formulasi"),
        ("Indikator", 5, "Induk"),
        ("Target", 2, "Target 2025"),
        ("Sasaran", 4, "Kode"),
    } <= letak(hasil)
    teks = [str(k) for k in hasil.kesalahan]
    assert any(
        t.startswith("Sheet 'Indikator', baris 2, kolom 'Satuan': Satuan 'Persn' tidak dikenal") for t in teks
    )
    assert any("maksud Anda 'Persen'" in t and "Persentase" in t for t in teks)  # a suggestion and the list
    assert any("diusulkan" in t and "Variabel" in t for t in teks)
    assert any("'S9'" in t for t in teks)
    assert any("'delapan puluh' bukan angka" in t for t in teks)
    assert any("ganda: sudah dipakai pada baris 2" in t for t in teks)
    assert jumlah_baris() == sebelum


def _isi(sheet, baris, kolom, nilai):
    def ubah(lembar):
        judul = lembar[sheet][0]
        lembar[sheet][baris - 1][judul.index(kolom)] = nilai

    return ubah


def _tambah(sheet, isi):
    return lambda lembar: lembar[sheet].append(isi)


KASUS_KESALAHAN = [
    # (spoiler, sheet, row, column, words of the message)
    (_isi("Renstra", 2, "Nilai", "SETDA.X"), "Renstra", 2, "Kode unit", "tidak ditemukan"),
    (_isi("Renstra", 4, "Nilai", "dua ribu"), "Renstra", 4, "Tahun mulai", "angka tahun"),
    (_isi("Renstra", 5, "Nilai", 2020), "Renstra", 5, "Tahun selesai", "sebelum tahun mulai"),
    (_isi("Tujuan", 2, "Uraian", ""), "Tujuan", 2, "Uraian", "Wajib diisi"),
    (_tambah("Tujuan", ["T1", "Tujuan kembar"]), "Tujuan", 3, "Kode", "sudah dipakai pada baris 2"),
    (_isi("Sasaran", 2, "Kode tujuan", "T9"), "Sasaran", 2, "Kode tujuan", "'T9' tidak ada"),
    (_isi("Indikator", 3, "Jenis", "Rasio"), "Indikator", 3, "Jenis", "pilih salah satu"),
    (_isi("Indikator", 3, "Polaritas", "Naik"), "Indikator", 3, "Polaritas", "pilih salah satu"),
    (_isi("Indikator", 3, "IKU", "Mungkin"), "Indikator", 3, "IKU", "Ya/Tidak"),
    (_isi("Indikator", 3, "Skala predikat", "B"), "Indikator", 3, "Skala predikat", "minimal dua"),
    (
        _isi("Indikator", 2, "Formulasi", "difasilitasi / (usulan"),
        "Indikator",
        2,
        "Formulasi",
        "Rumus tidak dapat dibaca",
    ),
    (
        _isi("Indikator", 2, "Penanggung jawab", "BIRO.X"),
        "Indikator",
        2,
        "Penanggung jawab",
        "tidak ditemukan",
    ),
    (_isi("Indikator", 2, "Mendukung", "SETDA/IKU99"), "Indikator", 2, "Mendukung", "tidak ditemukan"),
    (_isi("Indikator", 2, "Mendukung", "SETDA.B/IKU01"), "Indikator", 2, "Mendukung", "bukan unit induk"),
    (
        _isi("Indikator", 2, "Mendukung", "IKU01"),
        "Indikator",
        2,
        "Mendukung",
        "KODEUNIT/TAHUNMULAI/KODEINDIKATOR",
    ),
    (
        _tambah("Indikator", indikator_baris("IKU01", "S1", "Kembar", "Persen")),
        "Indikator",
        6,
        "Kode",
        "sudah dipakai pada baris 2",
    ),
    (_isi("Variabel", 2, "Nama variabel", "di fasilitasi"), "Variabel", 2, "Nama variabel", "tanpa spasi"),
    (
        _tambah("Variabel", ["IKU01", "usulan", "Lagi", ""]),
        "Variabel",
        4,
        "Nama variabel",
        "sudah dipakai pada baris 3",
    ),
    (_isi("Variabel", 2, "Kode indikator", "IKU77"), "Variabel", 2, "Kode indikator", "'IKU77' tidak ada"),
    (_isi("Target", 3, "Target 2025", "AAA"), "Target", 3, "Target 2025", "tidak ada pada skala"),
    (_isi("Target", 2, "Target 2024", "-5"), "Target", 2, "Target 2024", "tidak boleh negatif"),
    (_isi("Target", 2, "Target 2024", "90–80"), "Target", 2, "Target 2024", "Batas atas"),
    (_isi("Target", 2, "Target 2024", "85,1234567"), "Target", 2, "Target 2024", "6 angka di belakang koma"),
    (_isi("Target", 2, "Target 2024", "=A1*2"), "Target", 2, "Target 2024", "rumus Excel"),
    (_tambah("Target", ["IKU01", 1, 2, 3]), "Target", 6, "Kode indikator", "sudah dipakai pada baris 2"),
    (_isi("Program", 2, "Sasaran", "S1, S9"), "Program", 2, "Sasaran", "'S9' tidak ada"),
    (_isi("Program", 2, "Kode unit", "SETDA.B"), "Program", 2, "Kode unit", "sub-unitnya"),
    (
        _tambah("Program", ["SETDA.A", "4.01.01", "Kembar", ""]),
        "Program",
        3,
        "Kode program",
        "sudah dipakai pada baris 2",
    ),
    (
        _isi("Kegiatan", 2, "Kode program", "9.99"),
        "Kegiatan",
        2,
        "Kode program",
        "tidak ada pada sheet 'Program'",
    ),
    (_isi("Sub Kegiatan", 2, "Kode kegiatan", "9.99.9"), "Sub Kegiatan", 2, "Kode kegiatan", "tidak ada"),
]


@pytest.mark.parametrize(("ubah", "sheet", "baris", "kolom", "kata"), KASUS_KESALAHAN)
def test_each_kind_of_error_is_reported_with_its_sheet_row_and_column(org, ubah, sheet, baris, kolom, kata):
    renstra_dengan_iku(org.setda, jumlah_indikator=1)  # SETDA/IKU01 exists for the 'Mendukung' column
    hasil = excel.baca_renstra(buku_renstra(ubah), pemda=org.pemda)
    assert hasil.data is None
    cocok = [k for k in hasil.kesalahan if (k.sheet, k.baris, k.kolom) == (sheet, baris, kolom)]
    assert cocok, [str(k) for k in hasil.kesalahan]
    assert any(kata in k.pesan for k in cocok), [str(k) for k in cocok]


def test_a_year_outside_the_period_is_reported_at_its_column(org):
    def tambah_kolom(lembar):
        lembar["Target"][0].append("Target 2030")
        lembar["Target"][1].append(100)

    hasil = excel.baca_renstra(buku_renstra(tambah_kolom), pemda=org.pemda)
    assert [str(k) for k in hasil.kesalahan] == [
        "Sheet 'Target', baris 2, kolom 'Target 2030': Tahun 2030 di luar periode Renstra 2024–2026."
    ]


def test_an_empty_extra_year_column_of_the_template_is_ignored(org):
    def tambah_kolom(lembar):
        lembar["Target"][0].append("Target 2027")

    assert excel.baca_renstra(buku_renstra(tambah_kolom), pemda=org.pemda).kesalahan == []


def test_missing_sheet_and_missing_column_are_reported(org):
    def rusak(lembar):
        del lembar["Variabel"]
        lembar["Indikator"] = [[j for j in baris if j != "Satuan"] for baris in lembar["Indikator"][:1]]

    hasil = excel.baca_renstra(buku_renstra(rusak), pemda=org.pemda)
    teks = [str(k) for k in hasil.kesalahan]
    assert "Sheet 'Variabel': Sheet 'Variabel' tidak ditemukan. Gunakan templat dari aplikasi." in teks
    assert (
        "Sheet 'Indikator', baris 1, kolom 'Satuan': Kolom 'Satuan' tidak ditemukan pada baris judul." in teks
    )


def test_an_ambiguous_induk_must_name_tujuan_or_sasaran(org):
    def kode_sama(lembar):
        lembar["Sasaran"][1][0] = "T1"
        lembar["Indikator"][1][1] = "T1"
        lembar["Indikator"][2][1] = "Sasaran: T1"
        lembar["Indikator"][3][1] = "Tujuan: T1"
        lembar["Variabel"] = lembar["Variabel"][:1]
        lembar["Indikator"][1][8] = ""
        lembar["Program"][1][3] = ""

    hasil = excel.baca_renstra(buku_renstra(kode_sama), pemda=org.pemda)
    assert letak(hasil) == {("Indikator", 2, "Induk")}
    assert "tulis 'Tujuan: T1' atau 'Sasaran: T1'" in hasil.kesalahan[0].pesan


def test_operator_cannot_name_a_unit_outside_their_scope_and_learns_nothing(org, operator_b):
    from sakip.organisasi.models import UnitKerja

    boleh = UnitKerja.objects.editable_by(operator_b)
    di_luar = excel.baca_renstra(buku_renstra(unit="SETDA.A"), pemda=org.pemda, unit_boleh=boleh)
    tidak_ada = excel.baca_renstra(buku_renstra(unit="SETDA.Z"), pemda=org.pemda, unit_boleh=boleh)
    assert [str(k) for k in di_luar.kesalahan] == [
        str(k).replace("SETDA.Z", "SETDA.A") for k in tidak_ada.kesalahan
    ]
    assert str(di_luar.kesalahan[0]).startswith(
        "Sheet 'Renstra', baris 2, kolom 'Kode unit': Unit kerja dengan kode 'SETDA.A' tidak ditemukan"
    )


# --- Files that are not workbooks ---------------------------------------------------------------------------------


def _zip_dengan(isi: dict[str, bytes]) -> bytes:
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        for nama, data in isi.items():
            arsip.writestr(nama, data)
    return keluaran.getvalue()


@pytest.mark.parametrize(
    ("data", "kata"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "bukan workbook Excel"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200, "bukan workbook Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "Excel lama (.xls)"),
        (b"", "kosong"),
        (b"PK\x03\x04 not really a zip", "rusak"),
        (_zip_dengan({"word/document.xml": b"<w/>"}), "bukan workbook Excel"),
        (_zip_dengan({"xl/workbook.xml": b"<workbook/>"}), "tidak dapat dibaca"),
        (
            _zip_dengan({"xl/workbook.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook>&a;</workbook>'}),
            "deklarasi XML",
        ),
        (b"PK\x03\x04" + b"\x00" * (excel.MAKS_UKURAN + 1), "terlalu besar"),
    ],
    ids=[
        "pdf",
        "exe",
        "xls",
        "empty",
        "corrupt-zip",
        "docx-like",
        "broken-xlsx",
        "xml-entities",
        "oversized",
    ],
)
def test_files_that_are_not_xlsx_are_refused_with_one_clear_message(org, data, kata):
    for baca in (excel.baca_renstra, excel.baca_pk):
        hasil = baca(data, pemda=org.pemda)
        assert hasil.data is None
        assert len(hasil.kesalahan) == 1
        assert kata in hasil.kesalahan[0].pesan
        assert "Traceback" not in str(hasil.kesalahan[0])


def test_a_truncated_real_workbook_is_refused_not_crashed(org):
    data = buku_renstra()
    hasil = excel.baca_renstra(data[: len(data) // 2], pemda=org.pemda)
    assert hasil.data is None
    assert len(hasil.kesalahan) == 1


def test_the_empty_template_reads_back_with_errors_not_exceptions(org):
    hasil = excel.baca_renstra(excel.buat_templat(tahun_mulai=2025), pemda=org.pemda)
    assert hasil.data is None
    assert {("Renstra", 2, "Kode unit"), ("Renstra", 3, "Nama Renstra")} <= letak(hasil)
    assert excel.baca_pk(excel.buat_templat_pk(), pemda=org.pemda).data is None


# --- The template ----------------------------------------------------------------------------------------------


def test_template_has_instructions_every_sheet_bold_frozen_headers_and_drop_downs():
    wb = openpyxl.load_workbook(io.BytesIO(excel.buat_templat(tahun_mulai=2025, tahun_selesai=2029)))
    assert wb.sheetnames[:10] == [
        "Petunjuk",
        "Renstra",
        "Tujuan",
        "Sasaran",
        "Indikator",
        "Variabel",
        "Target",
        "Program",
        "Kegiatan",
        "Sub Kegiatan",
    ]
    assert "semua-atau-tidak-sama-sekali" in " ".join(str(c.value) for c in wb["Petunjuk"]["A"])
    for nama in wb.sheetnames[2:10]:
        ws = wb[nama]
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold
        assert ws.column_dimensions["A"].width >= 12
    assert [c.value for c in wb["Target"][1]][2:] == [f"Target {t}" for t in range(2025, 2030)]
    daftar = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in wb["Indikator"].data_validations.dataValidation
    }
    assert daftar["E2"] == '"Persentase,Jumlah,Indeks,Nilai,Predikat"'
    assert daftar["G2"] == '"Positif,Negatif,Stabil"'
    assert daftar["H2"] == '"Kumulatif,Rata-rata,Nilai akhir"'
    assert daftar["O2"] == '"Ya,Tidak"'
    assert "Daftar" in daftar["D2"]  # satuan suggestions
    pk = openpyxl.load_workbook(io.BytesIO(excel.buat_templat_pk()))
    assert pk.sheetnames == ["Petunjuk", "PK", "Target PK", "Pagu Program"]


def test_every_choice_of_the_models_has_a_spreadsheet_label():
    from sakip.perencanaan.models import Agregasi, JenisIndikator, Polaritas

    assert set(excel.JENIS_LABEL) == set(JenisIndikator.values)
    assert set(excel.POLARITAS_LABEL) == set(Polaritas.values)
    assert set(excel.AGREGASI_LABEL) == set(Agregasi.values)


# --- Export → import is lossless -----------------------------------------------------------------------------


def data_lengkap() -> paket.RenstraData:
    """Every kind of value a Renstra holds, each written the way format_target writes it."""
    ind = paket.IndikatorData
    return paket.RenstraData(
        unit="SETDA.A",
        nama="Renstra Biro A 2024–2026",
        tahun_mulai=2024,
        tahun_selesai=2026,
        visi="Birokrasi yang akuntabel",
        misi=["Misi satu", "Misi dua"],
        tujuan=[
            paket.TujuanData(
                kode="T1",
                uraian="Mewujudkan tata kelola yang baik",
                indikator=[
                    ind(
                        kode="IT01",
                        nama="Indeks kepuasan",
                        satuan="Indeks",
                        jenis="indeks",
                        agregasi="rata_rata",
                        iku=False,
                        kondisi_awal="N/A",
                        target={2024: "3,51", 2025: "3,8", 2026: "4"},
                    )
                ],
                sasaran=[
                    paket.SasaranData(
                        kode="S1",
                        uraian="Meningkatnya kualitas kebijakan",
                        strategi="Strategi A\nStrategi B",
                        kebijakan="Kebijakan A",
                        indikator=[
                            ind(
                                kode="IKU01",
                                nama="Persentase kebijakan difasilitasi",
                                satuan="Persen",
                                formulasi="difasilitasi / usulan × 100",
                                formulasi_uraian="Dibagi lalu dikali 100",
                                definisi="Makna",
                                alasan="Alasan",
                                sumber_data="Laporan",
                                penanggung_jawab="SETDA.A.1",
                                kondisi_awal="90",
                                kondisi_akhir="86 (Baik)",
                                mendukung="SETDA/2024/IKU01",
                                variabel=[
                                    paket.VariabelData("difasilitasi", "Kebijakan difasilitasi", "kebijakan"),
                                    paket.VariabelData("usulan", "Usulan kebijakan", ""),
                                ],
                                target={2024: "100", 2025: "85,5", 2026: "86 (Baik)"},
                            ),
                            ind(
                                kode="IKU02",
                                nama="Nilai SAKIP",
                                satuan="Nilai/Predikat",
                                jenis="predikat",
                                skala_predikat=["C", "B", "BB", "A"],
                                kondisi_awal="B",
                                kondisi_akhir="BB",
                                target={2024: "B", 2025: "BB", 2026: "BB"},
                            ),
                            ind(
                                kode="IKU04",
                                nama="Rasio",
                                satuan="Persen",
                                polaritas="negatif",
                                agregasi="kumulatif",
                                target={2024: "12,345678", 2025: "80–90", 2026: "1.234.567,5"},
                            ),
                        ],
                    )
                ],
            )
        ],
        sasaran_tanpa_tujuan=[
            paket.SasaranData(
                kode="S2",
                uraian="Sasaran Bagian",
                indikator=[
                    ind(
                        kode="IKU03",
                        nama="Jumlah dokumen",
                        satuan="Dokumen",
                        jenis="jumlah",
                        target={2024: "4", 2026: "Sangat Baik = 6"},
                    )
                ],
            )
        ],
        program=[
            paket.ProgramData(
                unit="SETDA.A",
                kode="4.01.01",
                nama="Program Penunjang",
                sasaran=["S1", "S2"],
                kegiatan=[
                    paket.KegiatanData(
                        kode="4.01.01.2.01",
                        nama="Perencanaan",
                        sub_kegiatan=[
                            paket.SubKegiatanData(
                                "4.01.01.2.01.0001", "Penyusunan dokumen", "Jumlah dokumen", "Dokumen"
                            ),
                            paket.SubKegiatanData(
                                "4.01.01.2.01.0002", "Evaluasi kinerja", "Jumlah laporan", "Laporan"
                            ),
                        ],
                    )
                ],
            ),
            paket.ProgramData(
                unit="SETDA.A.1",
                kode="4.01.01",
                nama="Program Penunjang Bagian",
                sasaran=["S2"],
                kegiatan=[
                    paket.KegiatanData(
                        kode="4.01.01.2.01",
                        nama="Perencanaan Bagian",
                        sub_kegiatan=[
                            paket.SubKegiatanData("4.01.01.2.01.0001", "Penyusunan dokumen Bagian"),
                        ],
                    )
                ],
            ),
        ],
    )


def potret(renstra: RencanaStrategis):
    """Every stored value of a Renstra and its programs, keyed by codes (ids and history left out)."""
    renstra.refresh_from_db()
    indikator = []
    for i in Indikator.objects.filter(renstra=renstra).order_by("urutan"):
        indikator.append(
            (
                i.kode,
                i.tujuan.kode if i.tujuan else None,
                i.sasaran.kode if i.sasaran else None,
                i.nama,
                i.satuan,
                i.jenis,
                i.skala_predikat,
                i.polaritas,
                i.agregasi,
                i.definisi,
                i.alasan,
                i.formulasi,
                i.formulasi_uraian,
                i.sumber_data,
                i.penanggung_jawab.kode if i.penanggung_jawab else None,
                i.is_iku,
                (i.mendukung.renstra.unit_kerja.kode, i.mendukung.kode) if i.mendukung else None,
                str(i.kondisi_awal),
                i.kondisi_awal_teks,
                str(i.kondisi_akhir),
                i.kondisi_akhir_teks,
                i.urutan,
                [(v.nama, v.label, v.satuan, v.urutan) for v in i.variabel.all()],
                [
                    (t.tahun, str(t.nilai), str(t.nilai_atas), t.predikat, t.keterangan)
                    for t in i.target.all()
                ],
            )
        )
    program = []
    for p in Program.objects.filter(sasaran__renstra=renstra).distinct().order_by("unit_kerja__kode", "kode"):
        program.append(
            (
                p.unit_kerja.kode,
                p.kode,
                p.nama,
                sorted(s.kode for s in p.sasaran.all()),
                [
                    (
                        k.kode,
                        k.nama,
                        [
                            (s.kode, s.nama, s.indikator_keluaran, s.satuan_keluaran)
                            for s in k.sub_kegiatan.all()
                        ],
                    )
                    for k in p.kegiatan.all()
                ],
            )
        )
    return {
        "renstra": (
            renstra.unit_kerja.kode,
            renstra.nama,
            renstra.tahun_mulai,
            renstra.tahun_selesai,
            renstra.visi,
            renstra.misi,
        ),
        "tujuan": [(t.kode, t.uraian, t.urutan) for t in renstra.tujuan.all()],
        "sasaran": [
            (s.kode, s.tujuan.kode if s.tujuan else None, s.uraian, s.strategi, s.kebijakan, s.urutan)
            for s in renstra.sasaran.all()
        ],
        "indikator": indikator,
        "program": program,
    }


def isi_buku(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_export_then_import_is_lossless(org, operator_a):
    renstra_dengan_iku(org.setda, jumlah_indikator=1)  # the indicator SETDA/IKU01 that IKU01 supports
    asli = data_lengkap()
    renstra = paket.apply_renstra(pemda=org.pemda, data=copy.deepcopy(asli), by=operator_a)
    sebelum = potret(renstra)
    assert sebelum["indikator"][3][23][0] == (2024, "12.345678", "None", "", "")  # full precision is stored

    ekspor = excel.ekspor_renstra(renstra)
    hasil = excel.baca_renstra(ekspor, pemda=org.pemda)
    assert hasil.kesalahan == []
    assert hasil.data == asli  # the same RenstraData, field by field

    # Into a fresh state: the Renstra and its programs gone, then imported from the export.
    Program.objects.filter(unit_kerja__in=[org.biro_a, org.bagian_a1]).delete()
    renstra.delete()
    baru, kesalahan = excel.terapkan_renstra(hasil.data, pemda=org.pemda, by=operator_a)
    assert kesalahan == []
    assert potret(baru) == sebelum
    # And into the same state again: nothing changes, and a second export holds the same cells.
    excel.terapkan_renstra(excel.baca_renstra(ekspor, pemda=org.pemda).data, pemda=org.pemda, by=operator_a)
    assert potret(baru) == sebelum
    assert isi_buku(excel.ekspor_renstra(baru)) == isi_buku(ekspor)


def test_export_orders_tujuan_indicators_and_sasaran_as_the_import_numbers_them(org):
    """A Renstra built through the forms (urutan 0 everywhere) exports and re-imports to the same content."""
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=3)
    services.add_sasaran(renstra=renstra, tujuan=None, kode="S0", uraian="Sasaran lepas")
    hasil = excel.baca_renstra(excel.ekspor_renstra(renstra), pemda=org.pemda)
    assert hasil.kesalahan == []
    assert [i.kode for i in hasil.data.semua_indikator()] == ["IKU01", "IKU02", "IKU03"]
    assert [s.kode for _, s in hasil.data.semua_sasaran()] == ["S1", "S0"]
    assert hasil.data.semua_indikator()[0].target == {2024: "91", 2025: "91", 2026: "91"}


def test_formula_injection_is_neutralised_in_the_export_and_the_text_survives_the_round_trip(org):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    bahaya = {
        "nama": '=HYPERLINK("http://contoh.invalid","klik")',
        "definisi": "+cmd|' /C calc'!A0",
        "sumber_data": "@SUM(1+1)",
        "alasan": "-2+3",
    }
    renstra.indikator.update(**bahaya)
    ekspor = excel.ekspor_renstra(renstra)

    with zipfile.ZipFile(io.BytesIO(ekspor)) as arsip:
        for nama in arsip.namelist():
            if nama.startswith("xl/worksheets/"):
                assert b"<f>" not in arsip.read(nama), nama  # no formula anywhere in the file
    ws = openpyxl.load_workbook(io.BytesIO(ekspor))["Indikator"]
    sel = {c.value: c for c in ws[2]}
    for teks in bahaya.values():
        assert sel[teks].data_type == "s"
        assert sel[teks].quotePrefix  # Excel shows it as text, even after the cell is edited

    hasil = excel.baca_renstra(ekspor, pemda=org.pemda)
    assert hasil.kesalahan == []
    ind = hasil.data.semua_indikator()[0]
    assert (ind.nama, ind.definisi, ind.sumber_data, ind.alasan) == tuple(bahaya.values())


def test_a_visible_apostrophe_put_by_other_tools_before_a_formula_sign_is_removed(org):
    def apostrof(lembar):
        lembar["Indikator"][1][2] = "'=Persentase kebijakan"

    hasil = excel.baca_renstra(buku_renstra(apostrof), pemda=org.pemda)
    assert hasil.data.semua_indikator()[1].nama == "=Persentase kebijakan"


def test_a_target_label_with_spaces_keeps_its_spaces_through_export_and_import(org):
    """Both written forms of a labelled target keep the spaces of a multi-word label."""
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    Target.objects.filter(indikator__renstra=renstra, tahun=2026).update(
        nilai=Decimal("89.5"), keterangan="Sangat Baik"
    )
    Target.objects.filter(indikator__renstra=renstra, tahun=2025).update(keterangan="-B")
    assert paket.parse_target("89,5 (Sangat Baik)", predikat=False).keterangan == "Sangat Baik"
    target = (
        excel.baca_renstra(excel.ekspor_renstra(renstra), pemda=org.pemda).data.semua_indikator()[0].target
    )
    assert target == {2024: "91", 2025: "91 (-B)", 2026: "Sangat Baik = 89,5"}
    assert paket.parse_target(target[2026], predikat=False).keterangan == "Sangat Baik"


def test_demo_renstra_of_the_seed_documents_survive_export_and_import(db):
    """Real IKU decrees (Kaltim, Kalbar): every Renstra exports and re-imports to the same stored values."""
    from sakip.demo import loader

    loader.load_organisasi()
    loader.load_perencanaan()
    semua = list(RencanaStrategis.objects.select_related("unit_kerja__pemda"))
    assert semua
    for renstra in semua:
        sebelum = potret(renstra)
        hasil = excel.baca_renstra(excel.ekspor_renstra(renstra), pemda=renstra.unit_kerja.pemda)
        assert hasil.kesalahan == [], (str(renstra), [str(k) for k in hasil.kesalahan])
        _, kesalahan = excel.terapkan_renstra(hasil.data, pemda=renstra.unit_kerja.pemda)
        assert kesalahan == []
        assert potret(renstra) == sebelum, str(renstra)


# --- Dry run and all-or-nothing --------------------------------------------------------------------------------


def test_dry_run_reports_an_indicator_still_used_by_a_pk_and_writes_nothing(org, operator_a):
    asli = data_lengkap()
    asli.tujuan[0].indikator[0].mendukung = ""
    asli.tujuan[0].sasaran[0].indikator[0].mendukung = ""
    paket.apply_renstra(pemda=org.pemda, data=copy.deepcopy(asli), by=operator_a)
    renstra = RencanaStrategis.objects.get(unit_kerja=org.biro_a)
    services.create_pk(unit_kerja=org.biro_a, renstra=renstra, tahun=2024)
    tanpa_iku04 = copy.deepcopy(asli)
    tanpa_iku04.tujuan[0].sasaran[0].indikator.pop()  # IKU04 is on the PK
    sebelum = jumlah_baris()
    kesalahan = excel.uji_renstra(tanpa_iku04, pemda=org.pemda, by=operator_a)
    assert len(kesalahan) == 1
    assert "masih dipakai" in kesalahan[0].pesan
    assert "Rasio" in kesalahan[0].pesan
    assert jumlah_baris() == sebelum
    _, kesalahan = excel.terapkan_renstra(tanpa_iku04, pemda=org.pemda, by=operator_a)
    assert kesalahan
    assert jumlah_baris() == sebelum
    assert excel.uji_renstra(asli, pemda=org.pemda) == []
    assert jumlah_baris() == sebelum  # a successful dry run is rolled back too


def test_preview_summary_lists_replaced_and_removed_indicators(org):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    data = excel.baca_renstra(excel.ekspor_renstra(renstra), pemda=org.pemda).data
    data.tujuan[0].sasaran[0].indikator.pop()
    ringkasan = excel.ringkas_renstra(data, pemda=org.pemda)
    assert not ringkasan.baru
    assert ringkasan.diperbarui == ["IKU01 – Persentase hal 1"]
    assert ringkasan.dihapus == ["IKU02 – Persentase hal 2"]
    assert ("Indikator", 1) in ringkasan.jumlah


# --- PK -------------------------------------------------------------------------------------------------------


@pytest.fixture
def renstra_pk(org, operator_a):
    asli = data_lengkap()
    asli.tujuan[0].indikator[0].mendukung = ""
    asli.tujuan[0].sasaran[0].indikator[0].mendukung = ""
    return paket.apply_renstra(pemda=org.pemda, data=asli, by=operator_a)


def lembar_pk(**isian):
    nilai = {
        "Kode unit": "SETDA.A",
        "Tahun": 2025,
        "Tahun mulai Renstra": 2024,
        "Pihak pertama nama": "Kepala Biro A",
        "Pihak pertama jabatan": "Kepala Biro",
        "Pihak kedua nama": "Sekda",
        "Pihak kedua jabatan": "Sekretaris",
        "Pihak kedua NIP": "19700101 199003 1 001",
        "Tempat": "Samarinda",
        **isian,
    }
    return {
        "PK": [["Isian", "Nilai"], *([k, v] for k, v in nilai.items())],
        "Target PK": [
            ["Kode indikator", "Target"],
            ["IKU01", "85,5"],
            ["IKU02", "BB"],
            ["IKU04", 12.5],
            ["IKU03", ""],
        ],
        "Pagu Program": [
            ["Kode unit", "Kode program", "Pagu"],
            ["SETDA.A", "4.01.01", 1250000000],
            ["SETDA.A.1", "4.01.01", "Rp 350.000.000,50"],
        ],
    }


def test_a_pk_workbook_imports_and_its_export_re_imports_to_the_same_state(org, operator_a, renstra_pk):
    hasil = excel.baca_pk(ke_xlsx(lembar_pk()), pemda=org.pemda)
    assert hasil.kesalahan == []
    pk, kesalahan = excel.terapkan_pk(hasil.data, pemda=org.pemda, by=operator_a)
    assert kesalahan == []
    targets = {line.indikator.kode: (line.target, line.target_predikat) for line in pk.indikator.all()}
    assert targets["IKU01"] == (Decimal("85.5"), "")
    assert targets["IKU02"] == (None, "BB")
    assert targets["IKU04"] == (Decimal("12.5"), "")
    pagu = {(p.program.unit_kerja.kode, p.program.kode): p.pagu for p in pk.program.all()}
    assert pagu == {
        ("SETDA.A", "4.01.01"): Decimal(1250000000),
        ("SETDA.A.1", "4.01.01"): Decimal("350000000.50"),
    }
    assert pk.tempat == "Samarinda"
    assert (pk.pihak_pertama_nip, pk.pihak_kedua_nip) == ("", "19700101 199003 1 001")

    ekspor = excel.ekspor_pk(pk)
    kembali = excel.baca_pk(ekspor, pemda=org.pemda)
    assert kembali.kesalahan == []
    assert kembali.data == hasil.data  # the line whose target is still empty is exported blank and skipped
    sebelum = (
        [(x.indikator_id, x.target, x.target_predikat) for x in pk.indikator.all()],
        [(x.program_id, x.pagu) for x in pk.program.all()],
    )
    excel.terapkan_pk(kembali.data, pemda=org.pemda, by=operator_a)
    assert (
        [(x.indikator_id, x.target, x.target_predikat) for x in pk.indikator.all()],
        [(x.program_id, x.pagu) for x in pk.program.all()],
    ) == sebelum
    assert isi_buku(excel.ekspor_pk(pk)) == isi_buku(ekspor)


def test_pk_errors_are_listed_with_rows_and_nothing_changes(org, renstra_pk):
    lembar = lembar_pk()
    lembar["Target PK"] += [["IKU99", "10"], ["IKU01", "lagi"]]
    lembar["Target PK"][1][1] = "delapan puluh"
    lembar["Target PK"][2][1] = "AAA"
    lembar["Pagu Program"] += [["SETDA.B", "4.01.01", 5], ["SETDA.A", "4.01.01", 1]]
    lembar["Pagu Program"][2][2] = "banyak"
    sebelum = jumlah_baris()
    hasil = excel.baca_pk(ke_xlsx(lembar), pemda=org.pemda)
    assert hasil.data is None
    assert letak(hasil) == {
        ("Target PK", 2, "Target"),
        ("Target PK", 3, "Target"),
        ("Target PK", 6, "Kode indikator"),
        ("Target PK", 7, "Kode indikator"),
        ("Pagu Program", 3, "Pagu"),
        ("Pagu Program", 4, "Kode program"),
        ("Pagu Program", 5, "Kode program"),
    }
    assert jumlah_baris() == sebelum


def test_pk_for_a_missing_renstra_or_a_year_outside_it_is_refused(org, renstra_pk):
    hasil = excel.baca_pk(ke_xlsx(lembar_pk(**{"Tahun mulai Renstra": 2019})), pemda=org.pemda)
    assert ("PK", 4, "Tahun mulai Renstra") in letak(hasil)
    hasil = excel.baca_pk(ke_xlsx(lembar_pk(Tahun=2030)), pemda=org.pemda)
    assert [str(k) for k in hasil.kesalahan] == [
        "Sheet 'PK', baris 3, kolom 'Tahun': Tahun 2030 di luar periode Renstra 2024–2026."
    ]


def test_a_final_pk_with_other_targets_is_refused_by_the_dry_run(org, operator_a, renstra_pk):
    data = excel.baca_pk(ke_xlsx(lembar_pk()), pemda=org.pemda).data
    pk, _ = excel.terapkan_pk(data, pemda=org.pemda, by=operator_a)
    for line in pk.indikator.filter(target__isnull=True, target_predikat=""):
        services.set_pk_target(line=line, target=Decimal(1))
    services.finalize_pk(perjanjian=pk, by=operator_a)
    data.target["IKU01"] = "99"
    kesalahan = excel.uji_pk(data, pemda=org.pemda, by=operator_a)
    assert len(kesalahan) == 1
    assert "sudah final" in kesalahan[0].pesan


def test_reporting_frequency_goes_out_and_comes_back_through_the_renstra_workbook(org):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    Indikator.objects.filter(renstra=renstra, kode="IKU02").update(frekuensi="tahunan")
    ekspor = excel.ekspor_renstra(renstra)
    sheet = isi_buku(ekspor)["Indikator"]
    kolom = sheet[0].index("Frekuensi")
    assert [row[kolom] for row in sheet[1:]] == ["Triwulanan", "Tahunan"]
    hasil = excel.baca_renstra(ekspor, pemda=org.pemda)
    assert hasil.kesalahan == []
    assert [i.frekuensi for i in hasil.data.semua_indikator()] == ["triwulanan", "tahunan"]


def test_a_workbook_without_the_frequency_column_imports_as_quarterly_and_a_wrong_one_is_named(org):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    wb = openpyxl.load_workbook(io.BytesIO(excel.ekspor_renstra(renstra)))
    ws = wb["Indikator"]
    kolom = [c.value for c in ws[1]].index("Frekuensi") + 1
    ws.cell(row=2, column=kolom, value="Mingguan")
    salah = io.BytesIO()
    wb.save(salah)
    pesan = [k.pesan for k in excel.baca_renstra(salah.getvalue(), pemda=org.pemda).kesalahan]
    assert any("Mingguan" in p and "Semesteran" in p for p in pesan), pesan
    ws.delete_cols(kolom)
    tanpa = io.BytesIO()
    wb.save(tanpa)
    hasil = excel.baca_renstra(tanpa.getvalue(), pemda=org.pemda)
    assert hasil.kesalahan == []
    assert hasil.data.semua_indikator()[0].frekuensi == "triwulanan"
