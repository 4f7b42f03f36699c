"""A report job whose process is killed is seen as stopped within seconds, and its owner may start it again
(issue 19: a killed job showed "berjalan" for 5 minutes, since only the job's stages wrote the heartbeat).

The job runs in a real second process, as in a gunicorn worker, which the test kills with SIGKILL while the job is
in a long silent stage. That process shares the test database, hence PostgreSQL (SQLite's test database lives in the
test process's memory)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from sakip.pelaporan import pembuatan
from sakip.pelaporan.models import PembuatanLaporan
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a shared database"),
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[3]
PEKERJA = """
import sys, threading
import django
django.setup()
from sakip.organisasi.models import Pengguna
from sakip.pelaporan import lkjip, pembuatan
from sakip.perencanaan.models import RencanaStrategis

# A long silent stage, as a large report or the PDF conversion has: the content takes until the process is killed.
lkjip.bangun_lkjip = lambda *args, **kwargs: threading.Event().wait()
job = pembuatan.mulai(
    pengguna=Pengguna.objects.get(pk=int(sys.argv[1])),
    renstra=RencanaStrategis.objects.get(pk=int(sys.argv[2])),
    tahun=2024,
    format="docx",
)
print(job.pk, flush=True)
threading.Event().wait()
"""
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _tunggu(syarat, detik: float, pesan: str):
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        if hasil := syarat():
            return hasil
        time.sleep(0.2)
    pytest.fail(pesan)


def test_a_killed_job_is_shown_stopped_within_seconds_and_can_be_started_again(
    org, operator_a, pimpinan_a, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SAKIP_LAPORAN_LATAR = False  # the restart below runs in this test's request
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    env = {**os.environ, "SAKIP_DEBUG": "1", "SAKIP_DB_NAME": connection.settings_dict["NAME"]}
    pekerja = subprocess.Popen(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", PEKERJA, str(pimpinan_a.pk), str(renstra.pk)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        baris = pekerja.stdout.readline()
        assert baris.strip().isdigit(), f"the worker did not start a job (exit {pekerja.poll()})"
        job = PembuatanLaporan.objects.get(pk=int(baris))

        # While the job is silent in one stage, the heartbeat goes on.
        def dua_detak():
            job.refresh_from_db()
            return job.status == "berjalan" and job.detak_pada > job.dibuat_pada + pembuatan.BATAS_DETAK / 5

        _tunggu(dua_detak, 30, "the heartbeat did not move while the job was silent")
        assert job.tahap == "Menghitung capaian dan menyusun isi laporan"
    finally:
        pekerja.send_signal(signal.SIGKILL)
        pekerja.wait(10)

    client.force_login(pimpinan_a, backend=MODEL_BACKEND)
    url = reverse("pelaporan:pembuatan_status", args=[job.pk])

    def terhenti():
        status = client.get(url).json()
        return status if status["status"] == "gagal" else None

    batas = pembuatan.BATAS_DETAK.total_seconds() + pembuatan.SELANG_DETAK + 5
    status = _tunggu(terhenti, batas, f"the killed job was not shown stopped within {batas:.0f} seconds")
    assert (status["tahap"], status["pesan"]) == ("Terhenti", pembuatan.PESAN_TERHENTI)
    halaman = client.get(reverse("pelaporan:pembuatan_halaman", args=[job.pk])).content.decode()
    assert "terhenti" in halaman.lower()

    baru = client.post(
        reverse("pelaporan:lkjip_buat", args=[renstra.pk, 2024]),
        {"format": "docx"},
        HTTP_ACCEPT="application/json",
    ).json()
    assert baru["id"] != job.pk
    assert baru["status"] == "selesai"
