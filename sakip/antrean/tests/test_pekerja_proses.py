"""Real worker processes on a shared PostgreSQL database (SQLite's test database lives in this process's memory):
two workers never run the same job. A worker killed mid-build: sakip/pelaporan/tests/test_pembuatan_mati.py."""

from __future__ import annotations

import signal
import time
from collections import Counter

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from sakip.antrean import pekerjaan
from sakip.antrean.models import Pekerjaan
from sakip.antrean.tests import jenis_uji
from sakip.antrean.tests.pekerja import proses_pekerja

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need a shared database"),
    pytest.mark.django_db(transaction=True),
]


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


def test_two_worker_processes_never_run_the_same_job(tmp_path):
    jenis_uji.daftarkan()
    catatan = tmp_path / "catatan.txt"
    jobs = [pekerjaan.kirim("uji.catat", data={"berkas": str(catatan), "jeda": 0.1}) for _ in range(40)]
    a = proses_pekerja("pekerja-a", tmp_path / "a.log")
    b = proses_pekerja("pekerja-b", tmp_path / "b.log")
    try:
        _tunggu(
            lambda: not Pekerjaan.objects.exclude(status=Pekerjaan.Status.SELESAI).exists(),
            180,
            "the two workers did not finish the 40 jobs",
        )
    finally:
        _hentikan(a, b)

    baris = [b_.split() for b_ in catatan.read_text().splitlines()]
    dijalankan = Counter(int(job_id) for job_id, _, _ in baris)
    assert dijalankan == Counter({j.pk: 1 for j in jobs})  # every job ran, and exactly once
    assert len({pid for _, _, pid in baris}) == 2  # both workers took jobs
    assert {tuple(w) for w in DBTaskResult.objects.values_list("worker_ids", flat=True)} == {
        ("pekerja-a",),
        ("pekerja-b",),
    }
    assert set(Pekerjaan.objects.values_list("percobaan", flat=True)) == {1}
