"""A large import's all-or-nothing write whose worker is killed with SIGKILL mid-transaction: the database rolls the
write back, the heartbeat re-queues the job within 30 s, another worker writes the file, and it is written once.
Real worker processes share the test database, hence PostgreSQL (SQLite's test database lives in this process)."""

from __future__ import annotations

import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from sakip.antrean.models import ImporLatar, Pekerjaan
from sakip.antrean.tests.pekerja import kerjakan_antrean, proses_pekerja
from sakip.perencanaan import excel
from sakip.perencanaan.models import RencanaStrategis
from sakip.perencanaan.tests.test_excel import buku_renstra

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="worker processes need a shared database"),
    pytest.mark.django_db(transaction=True),
]
MODEL_BACKEND = "sakip.organisasi.backends.PenggunaBackend"
# Worker A writes part of the Renstra, then hangs inside the import's transaction until it is killed.
MACET = """
import threading
from sakip.perencanaan import excel
_asli = excel.terapkan_renstra
def _macet(*a, **k):
    _asli(*a, **k)
    threading.Event().wait()
excel.terapkan_renstra = _macet
"""


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


def test_a_killed_import_write_leaves_nothing_is_queued_again_and_is_written_once_by_another_worker(
    client, org, operator_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SAKIP_IMPOR_LATAR_BYTE = 1000
    env = {"SAKIP_MEDIA_ROOT": str(tmp_path)}
    client.force_login(operator_a, backend=MODEL_BACKEND)
    berkas = SimpleUploadedFile("renstra.xlsx", buku_renstra(), excel.JENIS_BERKAS)
    client.post(reverse("perencanaan:impor"), {"jenis": "renstra", "berkas": berkas})
    obj = ImporLatar.objects.get()
    kerjakan_antrean()  # the check, here
    client.post(reverse("antrean:impor_terapkan", args=[obj.pk]))
    p = Pekerjaan.objects.get(jenis="antrean.impor_terapkan")

    a = proses_pekerja("pekerja-a", tmp_path / "a.log", persiapan=MACET, env=env)
    b = None
    try:

        def macet_di_a():
            p.refresh_from_db()
            return p.pekerja == "pekerja-a" and p.detak_pada > p.mulai_pada

        _tunggu(macet_di_a, 60, "worker A did not start the write and beat its heartbeat")
        assert not RencanaStrategis.objects.exists()  # uncommitted inside A's transaction
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        dibunuh = time.monotonic()
        b = proses_pekerja("pekerja-b", tmp_path / "b.log", env=env)

        def diulang():
            p.refresh_from_db()
            return p.percobaan == 2

        _tunggu(diulang, 30, "the killed worker's write was not queued again within 30 s")
        assert time.monotonic() - dibunuh <= 30

        def selesai():
            obj.refresh_from_db()
            assert obj.status != ImporLatar.Status.GAGAL, obj.pesan
            return obj.status == ImporLatar.Status.SELESAI

        _tunggu(selesai, 120, "worker B did not write the import")
    finally:
        _hentikan(a, *([b] if b else []))

    renstra = RencanaStrategis.objects.get()
    assert renstra.indikator.count() == 4
    assert renstra.history.filter(history_type="+").count() == 1
    p.refresh_from_db()
    assert (p.status, p.percobaan, p.pekerja) == (Pekerjaan.Status.SELESAI, 2, "pekerja-b")
    assert obj.pesan == f"Renstra {renstra} berhasil diimpor."
