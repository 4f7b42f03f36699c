"""Background LKjIP generation: the job, its progress, its failures, and who may start, follow and download it.

Jobs run in the request here (`SAKIP_LAPORAN_LATAR` off): a thread has its own database connection, which would not
see the rows of a test's transaction. The thread itself is exercised in test_pembuatan_utas.py and in the browser
test (test_browser_kemajuan.py): both transactional, which cannot share a module with the module-scoped demo data.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from docx import Document

from sakip.antrean import pekerjaan
from sakip.antrean.models import Pekerjaan
from sakip.organisasi.models import Pengguna
from sakip.pelaporan import lkjip, pembuatan
from sakip.pelaporan.models import PembuatanLaporan
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.tests.test_laporan import renstra_setda

JSON = {"HTTP_ACCEPT": "application/json"}
Status = PembuatanLaporan.Status


@pytest.fixture(autouse=True)
def _sinkron(settings, tmp_path):
    settings.SAKIP_LAPORAN_LATAR = False
    settings.MEDIA_ROOT = tmp_path


def _login(client, username: str) -> Pengguna:
    user = Pengguna.objects.get(username=username)
    client.force_login(user)
    return user


def _buat(client, format: str = "docx", renstra=None, **extra):
    renstra = renstra or renstra_setda()
    return client.post(reverse("pelaporan:lkjip_buat", args=[renstra.pk, 2024]), {"format": format}, **extra)


def _teks_docx(isi: bytes) -> list[str]:
    doc = Document(io.BytesIO(isi))
    teks = [p.text for p in doc.paragraphs]
    teks += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return teks


def _job(user: Pengguna, **kwargs) -> PembuatanLaporan:
    nilai = {"renstra": renstra_setda(), "tahun": 2024, "format": "docx", "status": Status.BERJALAN}
    nilai.update(kwargs)
    return PembuatanLaporan.objects.create(pengguna=user, **nilai)


def test_the_job_produces_the_same_document_as_the_direct_download(demo, client):
    _login(client, "pimpinan.setda")
    response = _buat(client, **JSON)
    assert response.status_code == 202
    status = response.json()
    assert status["status"] == "selesai"
    assert status["persen"] == 100
    assert status["url_unduh"] == reverse("pelaporan:pembuatan_unduh", args=[status["id"]])

    unduhan = client.get(status["url_unduh"])
    assert unduhan.status_code == 200
    assert unduhan["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert 'filename="LKjIP-' in unduhan["Content-Disposition"]
    dari_job = b"".join(unduhan.streaming_content)
    langsung = client.get(reverse("pelaporan:lkjip_docx", args=[renstra_setda().pk, 2024])).content
    assert _teks_docx(dari_job) == _teks_docx(langsung)
    assert "BAB III AKUNTABILITAS KINERJA" in _teks_docx(dari_job)
    assert unduhan["Content-Disposition"].endswith('.docx"')
    assert PembuatanLaporan.objects.get(pk=status["id"]).nama_berkas in unduhan["Content-Disposition"]


def test_the_xlsx_job_gives_a_workbook(demo, client):
    _login(client, "pimpinan.setda")
    status = _buat(client, "xlsx", **JSON).json()
    assert status["status"] == "selesai"
    isi = b"".join(client.get(status["url_unduh"]).streaming_content)
    assert isi.startswith(b"PK")


def test_progress_rises_through_the_chapters_and_ends_at_100(demo, client, monkeypatch):
    langkah: list[tuple[int, str]] = []
    asli = pembuatan._lapor

    def catat(job, persen, tahap):
        asli(job, persen, tahap)
        stored = PembuatanLaporan.objects.get(pk=job.pk)
        langkah.append((stored.persen, stored.tahap))

    monkeypatch.setattr(pembuatan, "_lapor", catat)
    _login(client, "pimpinan.setda")
    status = _buat(client, **JSON).json()

    persen = [p for p, _ in langkah]
    assert persen == sorted(persen)
    assert 0 < persen[0] < persen[-1] < 100
    tahap = [t for _, t in langkah]
    assert tahap[0] == "Menghitung capaian dan menyusun isi laporan"
    for bab in ("I", "II", "III", "IV"):
        assert f"Menyusun BAB {bab}" in tahap
    assert tahap[-1] == "Menyimpan dokumen Word"
    assert (status["status"], status["persen"], status["tahap"]) == ("selesai", 100, "Selesai")


def test_a_failed_pdf_conversion_ends_in_gagal_with_a_message_and_no_file(demo, client, monkeypatch):
    monkeypatch.setattr(render_pdf, "tersedia", lambda: True)

    def gagal(isi, **kwargs):
        raise render_pdf.PdfError("Konversi PDF melebihi batas waktu 120 detik.")

    monkeypatch.setattr(render_pdf, "dari_docx", gagal)
    _login(client, "pimpinan.setda")
    status = _buat(client, "pdf", **JSON).json()
    assert status["status"] == "gagal"
    assert status["pesan"] == "PDF tidak dapat dibuat. Konversi PDF melebihi batas waktu 120 detik."
    assert status["url_unduh"] is None
    job = PembuatanLaporan.objects.get(pk=status["id"])
    assert not job.berkas
    assert client.get(reverse("pelaporan:pembuatan_unduh", args=[job.pk])).status_code == 404


def test_an_error_while_building_ends_in_gagal_with_an_indonesian_message(demo, client, monkeypatch, caplog):
    def rusak(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(lkjip, "bangun_lkjip", rusak)
    _login(client, "pimpinan.setda")
    status = _buat(client, **JSON).json()
    assert status["status"] == "gagal"
    assert status["pesan"] == pembuatan.PESAN_GAGAL
    assert "boom" not in status["pesan"]  # details go to the log, not to the page
    assert "boom" in caplog.text
    assert not PembuatanLaporan.objects.get(pk=status["id"]).berkas


def test_another_user_gets_404_for_the_status_page_and_download(demo, client):
    pemilik = _login(client, "pimpinan.setda")
    job_id = _buat(client, **JSON).json()["id"]
    assert PembuatanLaporan.objects.get(pk=job_id).pengguna == pemilik
    _login(client, "inspektorat")  # reads the whole pemda, but the job is not theirs
    for nama in ("pembuatan_status", "pembuatan_halaman", "pembuatan_unduh"):
        assert client.get(reverse(f"pelaporan:{nama}", args=[job_id])).status_code == 404


def test_an_outsider_cannot_start_a_job_for_the_renstra(demo, client):
    _login(client, "operator.adpim")  # Biro Adpim only: the Setda's Renstra is outside its scope
    assert _buat(client, **JSON).status_code == 404
    assert not PembuatanLaporan.objects.exists()


def test_the_download_is_refused_once_the_owner_no_longer_sees_the_unit(demo, client):
    user = _login(client, "operator.adpim")
    job = _job(user, status=Status.SELESAI, persen=100, nama_berkas="LKjIP.docx")
    job.berkas.save("LKjIP.docx", ContentFile(b"PK\x03\x04"))
    assert client.get(reverse("pelaporan:pembuatan_status", args=[job.pk])).status_code == 200
    assert client.get(reverse("pelaporan:pembuatan_unduh", args=[job.pk])).status_code == 404


def test_anonymous_is_sent_to_login(demo, client):
    response = _buat(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_starting_needs_a_post_and_a_known_format(demo, client):
    _login(client, "pimpinan.setda")
    url = reverse("pelaporan:lkjip_buat", args=[renstra_setda().pk, 2024])
    assert client.get(url).status_code == 405
    response = _buat(client, "odt", **JSON)
    assert response.status_code == 400
    assert response.json()["pesan"] == "Format laporan tidak dikenal."


def test_without_javascript_the_post_leads_to_a_status_page_with_the_link(demo, client):
    _login(client, "pimpinan.setda")
    response = _buat(client)
    job = PembuatanLaporan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pelaporan:pembuatan_halaman", args=[job.pk])
    halaman = client.get(response["Location"])
    body = halaman.content.decode()
    assert "Refresh" not in halaman  # finished: no more reloading
    assert reverse("pelaporan:pembuatan_unduh", args=[job.pk]) in body
    assert f"Unduh {job.nama_berkas}" in body


def test_the_status_page_of_a_running_job_refreshes_itself(demo, client):
    user = _login(client, "pimpinan.setda")
    job = _job(user, persen=40, tahap="Menyusun BAB II")
    response = client.get(reverse("pelaporan:pembuatan_halaman", args=[job.pk]))
    assert response["Refresh"] == "2"
    body = response.content.decode()
    assert '<progress max="100" value="40">' in body
    assert "Menyusun BAB II — 40%" in body


def _pekerjaan(job: PembuatanLaporan, *, percobaan: int, detak_lalu: timedelta) -> Pekerjaan:
    """The queue's record of the job, running attempt `percobaan`, last heartbeat `detak_lalu` ago."""
    return Pekerjaan.objects.create(
        jenis=pembuatan.JENIS,
        data={"job_id": job.pk},
        kunci=f"laporan:{job.pk}",
        status=Pekerjaan.Status.BERJALAN,
        percobaan=percobaan,
        maks_percobaan=pembuatan.MAKS_PERCOBAAN,
        detak_pada=timezone.now() - detak_lalu,
    )


def test_a_job_whose_worker_stopped_beating_is_queued_again(demo, client):
    user = _login(client, "pimpinan.setda")
    job = _job(user, persen=55, tahap="Mengonversi ke PDF")
    p = _pekerjaan(job, percobaan=1, detak_lalu=pekerjaan.BATAS_DETAK + timedelta(seconds=1))
    status = client.get(reverse("pelaporan:pembuatan_status", args=[job.pk])).json()
    assert (status["status"], status["persen"]) == ("menunggu", 0)
    assert status["tahap"].startswith("Pekerja sebelumnya berhenti")
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (Pekerjaan.Status.MENUNGGU, 2)
    antre = DBTaskResult.objects.get(id=p.id_tugas)
    assert (antre.status, antre.args_kwargs["args"]) == ("READY", [p.pk, 2])


def test_a_job_whose_last_attempt_stopped_beating_counts_as_failed(demo, client):
    user = _login(client, "pimpinan.setda")
    job = _job(user, persen=55, tahap="Mengonversi ke PDF")
    _pekerjaan(
        job, percobaan=pembuatan.MAKS_PERCOBAAN, detak_lalu=pekerjaan.BATAS_DETAK + timedelta(seconds=1)
    )
    status = client.get(reverse("pelaporan:pembuatan_status", args=[job.pk])).json()
    assert status["status"] == "gagal"
    assert status["pesan"] == pembuatan.PESAN_TERHENTI
    # ... and the user may start the same report again: a new job, not the dead one
    baru = _buat(client, **JSON).json()
    assert baru["id"] != job.pk
    assert baru["status"] == "selesai"


def test_a_recent_heartbeat_keeps_a_job_running(demo, client):
    user = _login(client, "pimpinan.setda")
    job = _job(user)
    _pekerjaan(job, percobaan=1, detak_lalu=pekerjaan.BATAS_DETAK - timedelta(seconds=3))
    assert client.get(reverse("pelaporan:pembuatan_status", args=[job.pk])).json()["status"] == "berjalan"


def test_an_identical_running_job_is_reused(demo, client):
    user = _login(client, "pimpinan.setda")
    job = _job(user, persen=30)
    status = _buat(client, **JSON).json()
    assert status["id"] == job.pk
    assert status["status"] == "berjalan"
    assert PembuatanLaporan.objects.count() == 1


def test_a_user_runs_at_most_two_jobs_at_once(demo, client):
    user = _login(client, "pimpinan.setda")
    _job(user, tahun=2023)
    _job(user, format="xlsx")
    response = _buat(client, **JSON)
    assert response.status_code == 429
    assert response.json()["pesan"].startswith("Anda sedang membuat 2 dokumen.")
    assert PembuatanLaporan.objects.count() == 2
    # without JavaScript: back to the list, with the message
    response = _buat(client, follow=True)
    assert "Anda sedang membuat 2 dokumen." in response.content.decode()
    # another user is not held back by them
    _login(client, "inspektorat")
    assert _buat(client, **JSON).json()["status"] == "selesai"


def test_finished_and_failed_jobs_do_not_count_against_the_limit(demo, client):
    user = _login(client, "pimpinan.setda")
    _job(user, tahun=2023, status=Status.SELESAI)
    _job(user, format="xlsx", status=Status.GAGAL)
    _job(user, format="pdf")
    assert _buat(client, **JSON).status_code == 202


def test_files_older_than_a_day_are_deleted_when_a_job_starts(demo, client, tmp_path):
    user = _login(client, "pimpinan.setda")
    lama = _job(user, status=Status.SELESAI, nama_berkas="lama.docx")
    lama.berkas.save("lama.docx", ContentFile(b"PK\x03\x04"))
    jalur = tmp_path / lama.berkas.name
    assert jalur.exists()
    PembuatanLaporan.objects.filter(pk=lama.pk).update(
        dibuat_pada=timezone.now() - pembuatan.UMUR_BERKAS - timedelta(minutes=1)
    )
    kemarin = _job(user, status=Status.SELESAI, tahun=2023)
    _buat(client, **JSON)
    assert not PembuatanLaporan.objects.filter(pk=lama.pk).exists()
    assert not jalur.exists()
    assert PembuatanLaporan.objects.filter(pk=kemarin.pk).exists()


def test_the_report_page_offers_the_start_forms_and_the_direct_links(demo, client):
    _login(client, "pimpinan.setda")
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    assert f'action="{reverse("pelaporan:lkjip_buat", args=[renstra_setda().pk, 2024])}"' in body
    assert "Buat LKjIP (.docx)" in body
    assert "csrfmiddlewaretoken" in body
    assert "pelaporan/pembuatan.js" in body
    assert reverse("pelaporan:lkjip_docx", args=[renstra_setda().pk, 2024]) in body
