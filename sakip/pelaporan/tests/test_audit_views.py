"""The audit page: upload seed 004's tables, see the findings; access, CSRF and refused files."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sakip.pelaporan import audit, audit_excel
from sakip.pelaporan.tests.test_audit import BERKAS_SEED_004

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unggah(nama: str = "lkjip-2024.xlsx", isi: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, BERKAS_SEED_004.read_bytes() if isi is None else isi, content_type=XLSX)


def _seed_004_diperiksa() -> int:
    """883 derived figures, plus realisasi ≤ pagu on every budget row of the workbook that prints both."""
    with BERKAS_SEED_004.open("rb") as berkas:
        data = audit_excel.baca(berkas).data
    assert data is not None
    return 883 + sum(1 for b in data.anggaran if b.pagu is not None and b.realisasi is not None)


@pytest.fixture
def klien(client, operator_a):
    client.force_login(operator_a)
    return client


def test_anonymous_is_sent_to_login(client, db):
    for nama in ("pelaporan:audit", "pelaporan:audit_templat"):
        response = client.get(reverse(nama))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    response = client.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah()})
    assert response.status_code == 302


def test_a_user_without_any_role_is_refused(client, tanpa_peran):
    client.force_login(tanpa_peran)
    assert client.get(reverse("pelaporan:audit")).status_code == 403
    assert client.get(reverse("pelaporan:audit_templat")).status_code == 403
    assert client.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah()}).status_code == 403


@pytest.mark.parametrize("persona", ["operator_a", "pimpinan_a", "evaluator", "admin_pemda", "admin_user"])
def test_any_role_may_open_the_page(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("pelaporan:audit"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Audit angka terbitan LKjIP" in body
    assert reverse("pelaporan:audit_templat") in body
    assert 'enctype="multipart/form-data"' in body
    assert "<script>" not in body.replace("<script src=", "")


def test_the_report_list_links_to_the_audit(klien):
    body = klien.get(reverse("pelaporan:daftar")).content.decode()
    assert reverse("pelaporan:audit") in body


def test_uploading_seed_004_shows_the_named_findings(klien):
    response = klien.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah()})
    assert response.status_code == 200
    body = response.content.decode()
    # seed 004's 22 mismatches and its sub kegiatan whose realisasi exceeds its pagu (see test_audit)
    assert f"{_seed_004_diperiksa()}</strong> angka terbitan diperiksa" in body
    assert "<strong>23</strong> tidak cocok" in body
    assert "Aturan yang dipakai (pengaturan pengukuran" in body
    assert "Realisasi melebihi pagu" in body
    hasil: audit.HasilAudit = response.context["hasil"]
    temuan = {(t.baris.split(":")[0], t.kolom): t for t in hasil.temuan if t.sheet == "Efisiensi"}
    assert temuan[("Sasaran 4", "Capaian kinerja (%)")].hitung_dibulatkan == audit.Decimal("109.26")
    # The table shows published, computed, selisih, the rule and the kind, in Indonesian format.
    for teks in (
        "167,69",
        "109,26",
        "58,43",
        "89,07",
        "94,93",
        "Penyerapan tertimbang = Σ realisasi / Σ pagu × 100 (3 program pada Tabel 2.5)",
        "rata-rata tidak tertimbang persentase penyerapan 3 program",
        "101,64",
        "101,65",
        "Capaian = realisasi / target × 100 (polaritas positif)",
        "Dipotong, bukan dibulatkan",
        "Memakai aturan lain",
        "Ikut salah karena angka terbitan lain",
        "535.648.948.995",
        "546.949.028.754",
        "Tidak diperiksa",
    ):
        assert teks in body, teks


def test_the_findings_download_as_excel(klien):
    response = klien.post(
        reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah(), "keluaran": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="audit-lkjip-' in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    nilai = [c.value for baris in ws.iter_rows() for c in baris if c.value is not None]
    assert "Audit angka terbitan LKjIP" in nilai
    assert "Berkas: lkjip-2024.xlsx" in nilai
    assert 167.69 in nilai
    assert 109.26 in nilai
    n = _seed_004_diperiksa()
    assert f"{n} angka terbitan diperiksa: {n - 23} cocok, 23 tidak cocok." in nilai
    assert any(isinstance(v, str) and v.startswith("Aturan yang dipakai") for v in nilai)


def test_the_template_downloads(klien):
    response = klien.get(reverse("pelaporan:audit_templat"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Petunjuk", "Pengukuran", "Efisiensi", "Anggaran", "Keseluruhan"]


def test_csrf_is_enforced(operator_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(operator_a)
    assert client.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah()}).status_code == 403
    halaman = client.get(reverse("pelaporan:audit"))
    token = halaman.cookies["csrftoken"].value
    response = client.post(
        reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah(), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert "hasil" in response.context


def test_a_file_over_the_limit_is_refused_with_a_message(klien):
    besar = _unggah("besar.xlsx", b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024))
    response = klien.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": besar})
    assert response.status_code == 200
    assert "Ukuran berkas melebihi batas 10 MB." in response.content.decode()
    assert response.context["form"].errors
    assert "hasil" not in response.context


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("tabel.csv", b"Indikator;Target\nA;10\n", "bukan berkas Excel .xlsx yang valid"),
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "Excel lama (.xls)"),
        ("kosong.xlsx", b"", "Berkas kosong."),  # Django refuses an empty upload with its own message
    ],
)
def test_a_wrong_file_is_refused_with_a_message(klien, nama, isi, pesan):
    response = klien.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah(nama, isi)})
    assert response.status_code == 200
    assert pesan in response.content.decode()


def test_a_malformed_workbook_lists_its_problems(klien):
    from sakip.pelaporan.tests.test_audit_excel import _buku

    data = _buku([["1", "A", "sepuluh", 10, "100,00"]], tanpa=("Anggaran",)).getvalue()
    response = klien.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah("salah.xlsx", data)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 kesalahan</strong> pada salah.xlsx" in body
    assert "Sheet &#x27;Anggaran&#x27; tidak ditemukan" in body
    assert "hasil" not in response.context or response.context["hasil"] is None


def test_an_unexpected_error_is_not_a_500(klien, monkeypatch):
    def rusak(data, aturan=None):
        raise RuntimeError("bug")

    monkeypatch.setattr(audit, "periksa", rusak)
    response = klien.post(reverse("pelaporan:audit"), {"tahun": 2024, "berkas": _unggah()})
    assert response.status_code == 200
    assert "kesalahan yang tidak terduga" in response.content.decode()
