"""Perjanjian Kinerja and IKU decree builds as queue jobs: the request only enqueues them, the worker (django-tasks'
own claim and run steps, `kerjakan_antrean`) builds the file, converts it to PDF when asked, and its owner alone
downloads it. Transactional: the worker's heartbeat thread has its own database connection."""

from __future__ import annotations

import io
import stat

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from sakip.antrean.models import Pekerjaan
from sakip.antrean.tests.pekerja import kerjakan_antrean
from sakip.organisasi.models import Penugasan
from sakip.pelaporan.models import PembuatanLaporan
from sakip.pelaporan.tests import pdfteks
from sakip.perencanaan import services
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db(transaction=True)
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def dokumen(org, operator_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=3)
    services.simpan_keputusan_iku(renstra=renstra, by=operator_a, nomor="061/RO-A/2024", tempat="Samarinda")
    perjanjian = services.create_pk(
        unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a, pihak_pertama_nama="KEPALA A"
    )
    return renstra, perjanjian


def _teks_docx(isi: bytes) -> list[str]:
    doc = Document(io.BytesIO(isi))
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]


def _unduh(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("dok", ["pk", "iku"])
def test_the_request_only_queues_the_word_build_and_the_worker_writes_the_same_document_as_the_direct_download(
    client, dokumen, operator_a, dok
):
    renstra, perjanjian = dokumen
    obj = perjanjian if dok == "pk" else renstra
    client.force_login(operator_a)
    response = client.post(reverse(f"pelaporan:{dok}_buat", args=[obj.pk]), {"format": "docx"}, **JSON)
    assert response.status_code == 202
    status = response.json()
    assert (status["status"], status["tahap"], status["url_unduh"]) == ("menunggu", "Menunggu giliran", None)
    job = PembuatanLaporan.objects.get(pk=status["id"])
    assert Pekerjaan.objects.get(kunci=f"laporan:{job.pk}").status == Pekerjaan.Status.MENUNGGU

    kerjakan_antrean()
    status = client.get(status["url_status"]).json()
    assert (status["status"], status["persen"]) == ("selesai", 100)
    if dok == "pk":
        assert status["nama_berkas"] == f"PK-{org_slug(renstra)}-2024-v1.docx"
    else:
        assert status["nama_berkas"] == f"Keputusan-IKU-{org_slug(renstra)}-2024-2026.docx"
    dari_job = _unduh(client, status["url_unduh"])
    langsung = client.get(reverse(f"pelaporan:{dok}_docx", args=[obj.pk])).content
    assert _teks_docx(dari_job) == _teks_docx(langsung)
    if dok == "pk":
        assert "KEPALA A" in "\n".join(_teks_docx(dari_job))
    else:
        assert any("061/RO-A/2024" in t for t in _teks_docx(dari_job))


def org_slug(renstra) -> str:
    from django.utils.text import slugify

    return slugify(renstra.unit_kerja.singkatan or renstra.unit_kerja.nama)


@pdfteks.tanpa_soffice()
def test_the_decree_pdf_is_converted_by_the_worker_as_part_of_the_job(client, dokumen, operator_a):
    renstra, _ = dokumen
    client.force_login(operator_a)
    status = client.post(reverse("pelaporan:iku_buat", args=[renstra.pk]), {"format": "pdf"}, **JSON).json()
    kerjakan_antrean()
    status = client.get(status["url_status"]).json()
    assert status["status"] == "selesai", status
    pdf = _unduh(client, status["url_unduh"])
    assert pdf.startswith(b"%PDF")
    teks = "\n".join(pdfteks.halaman(pdf, tata_letak=False))
    assert pdfteks.ada_berurutan(teks, "NOMOR 061/RO-A/2024")
    assert pdfteks.ada_berurutan(teks, "MEMUTUSKAN")


def test_a_failed_pdf_conversion_ends_the_job_with_an_indonesian_message_and_no_file(
    client, dokumen, operator_a, tmp_path, monkeypatch
):
    # A LibreOffice that crashes: a real program on PATH that fails, as a broken installation does.
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    rusak = bin_ / "soffice"
    rusak.write_text("#!/bin/sh\necho 'pustaka hilang' >&2\nexit 3\n")
    rusak.chmod(rusak.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_}")
    _, perjanjian = dokumen
    client.force_login(operator_a)
    status = client.post(reverse("pelaporan:pk_buat", args=[perjanjian.pk]), {"format": "pdf"}, **JSON).json()
    kerjakan_antrean()
    status = client.get(status["url_status"]).json()
    assert status["status"] == "gagal"
    assert status["pesan"] == "PDF tidak dapat dibuat. Konversi PDF gagal (kode 3). pustaka hilang"
    assert status["url_unduh"] is None
    job = PembuatanLaporan.objects.get(pk=status["id"])
    assert not job.berkas
    assert client.get(reverse("pelaporan:pembuatan_unduh", args=[job.pk])).status_code == 404
    halaman = client.get(reverse("pelaporan:pembuatan_halaman", args=[job.pk])).content.decode()
    assert "PDF tidak dapat dibuat. Konversi PDF gagal (kode 3)." in halaman
    assert "Pembuatan Perjanjian Kinerja 2024" in halaman


@pytest.mark.parametrize("dok", ["pk", "iku"])
def test_an_operator_of_another_unit_cannot_start_a_build(client, dokumen, operator_b, dok):
    renstra, perjanjian = dokumen
    obj = perjanjian if dok == "pk" else renstra
    client.force_login(operator_b)
    assert client.post(reverse(f"pelaporan:{dok}_buat", args=[obj.pk]), {"format": "docx"}).status_code == 404
    assert not PembuatanLaporan.objects.exists()


def test_another_user_gets_404_for_the_job_its_page_and_its_file(client, dokumen, operator_a, operator_b):
    _, perjanjian = dokumen
    client.force_login(operator_a)
    job_id = client.post(
        reverse("pelaporan:pk_buat", args=[perjanjian.pk]), {"format": "docx"}, **JSON
    ).json()["id"]
    kerjakan_antrean()
    client.force_login(operator_b)
    for nama in ("pembuatan_status", "pembuatan_halaman", "pembuatan_unduh"):
        assert client.get(reverse(f"pelaporan:{nama}", args=[job_id])).status_code == 404


def test_the_file_is_refused_once_the_owner_no_longer_sees_the_pk(client, dokumen, operator_a):
    _, perjanjian = dokumen
    client.force_login(operator_a)
    status = client.post(
        reverse("pelaporan:pk_buat", args=[perjanjian.pk]), {"format": "docx"}, **JSON
    ).json()
    kerjakan_antrean()
    Penugasan.objects.filter(pengguna=operator_a).delete()
    operator_a.refresh_from_db()
    client.force_login(operator_a)
    assert client.get(reverse("pelaporan:pembuatan_unduh", args=[status["id"]])).status_code == 404


def test_a_build_needs_a_known_format(client, dokumen, operator_a):
    renstra, _ = dokumen
    client.force_login(operator_a)
    response = client.post(reverse("pelaporan:iku_buat", args=[renstra.pk]), {"format": "xlsx"}, **JSON)
    assert (response.status_code, response.json()["pesan"]) == (400, "Format dokumen tidak dikenal.")
    assert client.get(reverse("pelaporan:iku_buat", args=[renstra.pk])).status_code == 405


def test_the_report_page_offers_the_queued_pk_and_decree_builds(client, dokumen, operator_a):
    renstra, perjanjian = dokumen
    client.force_login(operator_a)
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    assert f'action="{reverse("pelaporan:pk_buat", args=[perjanjian.pk])}"' in body
    assert f'action="{reverse("pelaporan:iku_buat", args=[renstra.pk])}"' in body
    # the slow PDF conversion is only offered as a job; the small Word files keep a direct link
    assert reverse("pelaporan:pk_pdf", args=[perjanjian.pk]) not in body
    assert reverse("pelaporan:iku_pdf", args=[renstra.pk]) not in body
    assert reverse("pelaporan:pk_docx", args=[perjanjian.pk]) in body


def test_the_status_of_a_job_takes_the_same_queries_whatever_the_document(client, dokumen, operator_a):
    renstra, perjanjian = dokumen
    client.force_login(operator_a)
    ids = [
        client.post(reverse(url, args=[pk]), {"format": "docx"}, **JSON).json()["id"]
        for url, pk in (("pelaporan:pk_buat", perjanjian.pk), ("pelaporan:iku_buat", renstra.pk))
    ]
    kerjakan_antrean()
    jumlah = []
    for job_id in ids:
        with CaptureQueriesContext(connection) as q:
            assert client.get(reverse("pelaporan:pembuatan_status", args=[job_id])).status_code == 200
        jumlah.append(len(q))
    assert jumlah[0] == jumlah[1]
    assert jumlah[0] <= 4
