"""An LKjIP job whose worker process is killed with SIGKILL in a long silent stage is put back in the queue within
seconds and built by another worker (issue 19: a killed job showed "berjalan" for 5 minutes; issue 21: it is now
re-queued instead of lost). Real worker processes share the test database, hence PostgreSQL (SQLite's test database
lives in the test process's memory)."""

from __future__ import annotations

import io
import signal
import time

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document

from sakip.antrean.models import Pekerjaan
from sakip.antrean.tests.pekerja import proses_pekerja
from sakip.pelaporan import pembuatan
from sakip.pelaporan.models import PembuatanLaporan
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need a shared database"),
    pytest.mark.django_db(transaction=True),
]
MODEL_BACKEND = "sakip.organisasi.backends.PenggunaBackend"
# Worker A hangs in the silent first stage of the build, as a large report or a PDF conversion does.
MACET = "from sakip.pelaporan import lkjip; import threading; lkjip.bangun_lkjip = lambda *a, **k: threading.Event().wait()"


def _tunggu(syarat, detik: float, pesan: str):
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        if hasil := syarat():
            return hasil
        time.sleep(0.2)
    pytest.fail(pesan)


def _hentikan(*proses) -> None:
    for p in proses:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in proses:
        try:
            p.wait(15)
        except Exception:
            p.kill()


def test_an_lkjip_job_whose_worker_is_killed_is_queued_again_within_30_s_and_built_by_another_worker(
    org, operator_a, pimpinan_a, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    env = {"SAKIP_MEDIA_ROOT": str(tmp_path)}
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    job = pembuatan.mulai(pengguna=pimpinan_a, renstra=renstra, tahun=2024, format="docx")
    p = Pekerjaan.objects.get(kunci=f"laporan:{job.pk}")

    a = proses_pekerja("pekerja-a", tmp_path / "a.log", persiapan=MACET, env=env)
    b = None
    try:

        def berdetak_di_a():
            p.refresh_from_db()
            return p.pekerja == "pekerja-a" and p.detak_pada > p.mulai_pada

        _tunggu(berdetak_di_a, 60, "worker A did not start the job and beat its heartbeat")
        job.refresh_from_db()
        assert (job.status, job.tahap) == ("berjalan", "Menghitung capaian dan menyusun isi laporan")

        a.send_signal(signal.SIGKILL)
        a.wait(10)
        dibunuh = time.monotonic()
        b = proses_pekerja("pekerja-b", tmp_path / "b.log", env=env)

        def diulang():
            p.refresh_from_db()
            return p.percobaan == 2

        _tunggu(diulang, 30, "the killed worker's job was not queued again within 30 s")
        assert time.monotonic() - dibunuh <= 30
        assert DBTaskResult.objects.filter(worker_ids=["pekerja-a"]).get().status == "FAILED"

        client.force_login(pimpinan_a, backend=MODEL_BACKEND)
        url = reverse("pelaporan:pembuatan_status", args=[job.pk])

        def selesai():
            status = client.get(url).json()
            assert status["status"] != "gagal", status
            return status if status["status"] == "selesai" else None

        status = _tunggu(selesai, 120, "worker B did not finish the job")
    finally:
        _hentikan(a, *([b] if b else []))

    p.refresh_from_db()
    assert (p.status, p.percobaan, p.pekerja) == (Pekerjaan.Status.SELESAI, 2, "pekerja-b")
    isi = b"".join(client.get(status["url_unduh"]).streaming_content)
    assert "BAB IV PENUTUP" in [par.text for par in Document(io.BytesIO(isi)).paragraphs]
    assert PembuatanLaporan.objects.get(pk=job.pk).persen == 100
