import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.pengukuran.models import Realisasi
from sakip.survei import excel, services
from sakip.survei.models import Respons
from sakip.survei.tests.conftest import jawab


def _buku(survei, baris, *, judul=None):
    """The survey's own template with `baris` written from row 2 (each a dict column → value)."""
    wb = openpyxl.load_workbook(io.BytesIO(excel.buat_templat(survei)))
    ws = wb[excel.SHEET]
    judul = judul or [c.value for c in ws[1]]
    for i, teks in enumerate(judul, start=1):
        ws.cell(row=1, column=i, value=teks)
    for r, isi in enumerate(baris, start=2):
        for kolom, nilai in isi.items():
            ws.cell(row=r, column=judul.index(kolom) + 1, value=nilai)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _baris(nilai=4, **lain):
    isi = {f"U{i}": nilai for i in range(1, 10)}
    isi.update(
        {"No": "1", "Jenis kelamin": "Perempuan", "Umur": 30, "Pendidikan": "D4/S1", "Pekerjaan": "PNS/ASN"}
    )
    isi.update(lain)
    return isi


def test_template_has_one_column_per_unsur_and_lists_the_answers(survei_a):
    wb = openpyxl.load_workbook(io.BytesIO(excel.buat_templat(survei_a)))
    judul = [c.value for c in wb[excel.SHEET][1]]
    assert judul == [*excel.KOLOM_PROFIL, *(f"U{i}" for i in range(1, 10)), "Saran"]
    petunjuk = "\n".join(str(c.value) for c in wb[excel.SHEET_PETUNJUK]["A"] if c.value)
    assert "U1: 1 = Tidak sesuai; 2 = Kurang sesuai; 3 = Sesuai; 4 = Sangat sesuai" in petunjuk


def test_reading_a_filled_template(survei_a):
    data = _buku(survei_a, [_baris(), _baris(3, U2=None, **{"Jenis kelamin": "L", "Pekerjaan": "mahasiswa"})])
    hasil = excel.baca(survei_a, data)
    assert hasil.ok, hasil.kesalahan
    assert hasil.data[0].nilai == (4,) * 9
    assert (hasil.data[0].jenis_kelamin, hasil.data[0].pendidikan, hasil.data[0].pekerjaan) == (
        "P",
        "S1",
        "ASN",
    )
    assert hasil.data[1].nilai == (3, None, 3, 3, 3, 3, 3, 3, 3)
    assert (hasil.data[1].jenis_kelamin, hasil.data[1].pekerjaan) == ("L", "PELAJAR")


def test_every_error_is_reported_with_row_and_column(survei_a):
    baris = [_baris() for _ in range(5)]
    baris[4] = _baris(U3=7)  # Excel row 6
    baris.append(_baris(U3=0, U5="empat", Umur=7, Pendidikan="TK"))  # Excel row 7
    hasil = excel.baca(survei_a, _buku(survei_a, baris))
    pesan = [str(k) for k in hasil.kesalahan]
    assert "Baris 6, kolom 'U3': nilai harus 1–4, bukan '7'." in pesan
    assert "Baris 7, kolom 'U3': nilai harus 1–4, bukan '0'." in pesan
    assert "Baris 7, kolom 'U5': nilai harus 1–4, bukan 'empat'." in pesan
    assert "Baris 7, kolom 'Umur': umur harus bilangan bulat 10–120, bukan '7'." in pesan
    assert any(p.startswith("Baris 7, kolom 'Pendidikan': 'TK' tidak dikenal") for p in pesan)
    assert hasil.data == []


def test_unknown_or_missing_columns_are_reported(survei_a):
    judul = [*excel.KOLOM_PROFIL, *(f"U{i}" for i in range(1, 9)), "U10", "Saran"]
    hasil = excel.baca(survei_a, _buku(survei_a, [], judul=judul))
    pesan = [str(k) for k in hasil.kesalahan]
    assert any("kolom 'U10'" in p for p in pesan)
    assert any("kolom unsur U9 tidak ada" in p for p in pesan)


def test_a_formula_cell_is_refused(survei_a):
    hasil = excel.baca(survei_a, _buku(survei_a, [_baris(U4="=2+2")]))
    assert [str(k) for k in hasil.kesalahan] == [
        "Baris 2, kolom 'U4': berisi rumus Excel; tempel sebagai nilai (Paste Values)."
    ]


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"", "Berkas kosong."),
        (b"nama,u1\nA,4\n", "bukan workbook Excel (.xlsx)"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "Excel lama (.xls)"),
        (b"PK\x03\x04 rusak", "rusak"),
        (b"x" * (excel.MAKS_UKURAN + 1), "terlalu besar"),
    ],
)
def test_non_xlsx_or_oversized_files_are_refused(survei_a, isi, pesan):
    hasil = excel.baca(survei_a, isi)
    assert not hasil.ok
    assert pesan in str(hasil.kesalahan[0])


def test_a_zip_with_a_dtd_is_refused(survei_a):
    keluaran = io.BytesIO()
    with zipfile.ZipFile(keluaran, "w") as arsip:
        arsip.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><workbook/>')
    assert "deklarasi XML" in str(excel.baca(survei_a, keluaran.getvalue()).kesalahan[0])


# --- Through the pages: upload → preview → apply -----------------------------------------------------------------


def _unggah(client, survei, data, nama="kuesioner.xlsx"):
    berkas = SimpleUploadedFile(nama, data, content_type=excel.JENIS_BERKAS)
    return client.post(reverse("survei:impor", args=[survei.pk]), {"berkas": berkas})


def test_preview_writes_nothing_then_apply_stores_all_and_updates_the_iku_proposal(
    client, survei_a, iku_ikm, operator_a
):
    jawab(survei_a, [4] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    client.force_login(operator_a)
    response = _unggah(client, survei_a, _buku(survei_a, [_baris(2), _baris(2), _baris(2)]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="jumlah-impor">3<' in body
    assert 'id="ikm-sesudah">62,50 (D)<' in body  # (4 + 3 × 2) / 4 = 2,5 per unsur → 62,50
    assert Respons.objects.count() == 1
    token = response.context["token"]
    response = client.post(reverse("survei:impor_terapkan", args=[survei_a.pk]), {"token": token})
    assert response.status_code == 302
    assert Respons.objects.filter(survei=survei_a).count() == 4
    survei_a.refresh_from_db()
    assert services.usulan_realisasi(survei_a).nilai == Decimal("62.5")
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()  # a proposal, never a write
    # The token is used up.
    response = client.post(reverse("survei:impor_terapkan", args=[survei_a.pk]), {"token": token})
    assert response.status_code == 302
    assert Respons.objects.count() == 4


def test_upload_with_errors_lists_them_and_stores_nothing(client, survei_a, operator_a):
    client.force_login(operator_a)
    baris = [_baris() for _ in range(5)] + [_baris(U3=5)]
    response = _unggah(client, survei_a, _buku(survei_a, baris))
    assert response.status_code == 400
    assert "Baris 7, kolom &#x27;U3&#x27;: nilai harus 1–4" in response.content.decode()
    assert not Respons.objects.exists()


def test_non_xlsx_upload_is_refused_by_the_form(client, survei_a, operator_a):
    client.force_login(operator_a)
    response = _unggah(client, survei_a, b"a,b\n1,2\n", nama="kuesioner.csv")
    assert response.status_code == 200
    assert "Hanya berkas Excel .xlsx" in response.content.decode()


def test_oversized_upload_is_refused_by_the_form(client, survei_a, operator_a):
    client.force_login(operator_a)
    response = _unggah(client, survei_a, b"PK\x03\x04" + b"0" * excel.MAKS_UKURAN)
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()


def test_preview_refuses_an_import_over_the_cap(client, survei_a, operator_a):
    services.update_survei(survei=survei_a, by=operator_a, maks_respons=2)
    client.force_login(operator_a)
    response = _unggah(client, survei_a, _buku(survei_a, [_baris()] * 3))
    assert response.status_code == 400
    assert "melampaui batas 2" in response.content.decode()


def test_apply_rechecks_the_cap_all_or_nothing(client, survei_a, operator_a):
    services.update_survei(survei=survei_a, by=operator_a, maks_respons=3)
    client.force_login(operator_a)
    response = _unggah(client, survei_a, _buku(survei_a, [_baris()] * 2))
    jawab(survei_a, [3] * 9, [3] * 9)  # answers arrived while the operator looked at the preview
    response = client.post(
        reverse("survei:impor_terapkan", args=[survei_a.pk]), {"token": response.context["token"]}
    )
    assert response.status_code == 400
    assert "melampaui batas 3" in response.content.decode()
    assert Respons.objects.count() == 2


def test_apply_with_a_foreign_token_is_refused(client, survei_a, operator_a):
    client.force_login(operator_a)
    response = client.post(reverse("survei:impor_terapkan", args=[survei_a.pk]), {"token": "x" * 32})
    assert response.status_code == 302
    assert response["Location"] == reverse("survei:impor", args=[survei_a.pk])
