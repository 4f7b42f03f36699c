"""The job layer on the database queue, in this process: results, retries, permanent errors, stale attempts, and
the schedule. Real worker processes are in test_pekerja_proses.py (PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from sakip.antrean import jadwal, pekerjaan
from sakip.antrean.models import JadwalBerjalan, Pekerjaan
from sakip.antrean.tests import jenis_uji
from sakip.antrean.tests.pekerja import kerjakan_antrean

pytestmark = pytest.mark.django_db
Status = Pekerjaan.Status


@pytest.fixture(autouse=True)
def _jenis():
    jenis_uji.daftarkan()


def test_a_job_waits_in_the_queue_until_a_worker_runs_it(tmp_path):
    berkas = tmp_path / "catatan.txt"
    p = pekerjaan.kirim("uji.catat", data={"berkas": str(berkas)})
    assert (p.status, p.percobaan, p.tahap) == (Status.MENUNGGU, 1, "Menunggu giliran")
    assert DBTaskResult.objects.get(id=p.id_tugas).status == "READY"
    assert not berkas.exists()

    kerjakan_antrean()
    p.refresh_from_db()
    assert (p.status, p.persen, p.tahap, p.pekerja) == (Status.SELESAI, 100, "Selesai", "uji")
    assert berkas.read_text().split()[:2] == [str(p.pk), "1"]
    assert p.hasil["pid"] > 0
    assert DBTaskResult.objects.get(id=p.id_tugas).status == "SUCCESSFUL"


def test_an_error_is_retried_later_as_the_next_attempt_and_then_succeeds():
    p = pekerjaan.kirim("uji.gagal_dulu", data={"kunci": "retry-1", "kali": 1})
    mulai = datetime.now(tz=UTC)
    with time_machine.travel(mulai, tick=False):
        kerjakan_antrean()
        p.refresh_from_db()
        assert (p.status, p.percobaan, p.tahap) == (Status.MENUNGGU, 2, "Diulang (percobaan 2 dari 3)")
        kerjakan_antrean()  # the retry waits for its time: nothing runs yet
        p.refresh_from_db()
        assert p.status == Status.MENUNGGU
    with time_machine.travel(mulai + pekerjaan.JEDA_ULANG + timedelta(seconds=1), tick=False):
        kerjakan_antrean()
    p.refresh_from_db()
    assert (p.status, p.percobaan, p.hasil) == (Status.SELESAI, 2, "terkirim")


def test_a_job_out_of_attempts_fails_with_an_indonesian_message():
    p = pekerjaan.kirim("uji.gagal_dulu", data={"kunci": "retry-habis", "kali": 9}, maks_percobaan=2)
    mulai = datetime.now(tz=UTC)
    for detik in (0, 60):
        with time_machine.travel(mulai + timedelta(seconds=detik), tick=False):
            kerjakan_antrean()
    p.refresh_from_db()
    assert (p.status, p.percobaan, p.pesan_galat) == (Status.GAGAL, 2, pekerjaan.PESAN_GAGAL)


def test_a_permanent_error_fails_at_once_with_its_own_message():
    p = pekerjaan.kirim("uji.salah_isian", data={})
    kerjakan_antrean()
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (Status.GAGAL, 1)
    assert p.pesan_galat == "Berkas impor tidak dapat dibaca: lembar 'Data' tidak ada."


def test_a_running_job_without_heartbeat_is_queued_again_and_its_old_queue_row_is_not_left_running(tmp_path):
    p = pekerjaan.kirim("uji.catat", data={"berkas": str(tmp_path / "x.txt")})
    DBTaskResult.objects.filter(id=p.id_tugas).update(status="RUNNING")
    lama = timezone_lalu(pekerjaan.BATAS_DETAK + timedelta(seconds=1))
    Pekerjaan.objects.filter(pk=p.pk).update(status=Status.BERJALAN, detak_pada=lama, pekerja="mati")
    id_lama = p.id_tugas

    assert pekerjaan.pulihkan_yang_mati() == 1
    p.refresh_from_db()
    assert (p.status, p.percobaan, p.pekerja) == (Status.MENUNGGU, 2, "")
    assert DBTaskResult.objects.get(id=id_lama).status == "FAILED"
    assert DBTaskResult.objects.get(id=p.id_tugas).status == "READY"
    # the dead attempt, should it still run somewhere, no longer owns the job
    Pekerjaan.objects.filter(pk=p.pk).update(status=Status.BERJALAN, pekerja="lain")  # attempt 2 started
    mati = Pekerjaan.objects.get(pk=p.pk)
    mati.percobaan = 1
    with pytest.raises(pekerjaan.Dihentikan):
        pekerjaan.Konteks(mati).lapor(60, "x")
    assert Pekerjaan.objects.get(pk=p.pk).persen == 0


def test_a_fresh_heartbeat_keeps_the_job_with_its_worker(tmp_path):
    p = pekerjaan.kirim("uji.catat", data={"berkas": str(tmp_path / "x.txt")})
    baru = timezone_lalu(pekerjaan.BATAS_DETAK - timedelta(seconds=2))
    Pekerjaan.objects.filter(pk=p.pk).update(status=Status.BERJALAN, detak_pada=baru)
    assert pekerjaan.pulihkan_yang_mati() == 0
    p.refresh_from_db()
    assert (p.status, p.percobaan) == (Status.BERJALAN, 1)


def test_a_schedule_entry_is_enqueued_once_per_slot_however_many_schedulers_run(tmp_path):
    jadwal.daftarkan(
        jadwal.Jadwal("uji-harian", "uji.catat", jadwal.harian(7), {"berkas": str(tmp_path / "h")})
    )
    pagi = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # 13:00 in Jakarta
    assert "uji-harian" in jadwal.jalankan_jadwal(pagi)
    assert "uji-harian" not in jadwal.jalankan_jadwal(
        pagi + timedelta(hours=2)
    )  # same day, another scheduler
    assert Pekerjaan.objects.filter(kunci__startswith="jadwal:uji-harian:").count() == 1
    assert "uji-harian" not in jadwal.jalankan_jadwal(
        datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    )  # 06:30 next day
    assert "uji-harian" in jadwal.jalankan_jadwal(datetime(2026, 3, 3, 0, 30, tzinfo=UTC))  # 07:30 next day
    assert list(
        JadwalBerjalan.objects.filter(nama="uji-harian").values_list("slot", flat=True).order_by("slot")
    ) == [
        "2026-03-02",
        "2026-03-03",
    ]


def timezone_lalu(selang: timedelta) -> datetime:
    return datetime.now(tz=UTC) - selang
