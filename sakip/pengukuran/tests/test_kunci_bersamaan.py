"""A lock and a write at the same moment, on two real PostgreSQL connections: the write that checked before the lock
was set cannot land in the locked year afterwards. Without the ordering, a save reading "not locked" while the
admin's lock is being committed would store a figure in a year already locked."""

from __future__ import annotations

import threading
from decimal import Decimal as D

import pytest
from django.db import connection, connections, transaction

from sakip.pengukuran import services
from sakip.pengukuran.models import KunciTahun, Realisasi
from sakip.perencanaan.integritas import DataTerkunci

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: SQLite runs one write transaction at a time"
    ),
    pytest.mark.django_db(transaction=True),
]


def _menunggu_kunci(pid: int) -> bool:
    """Whether the backend `pid` is waiting for a lock, polled until it is (or 30 s pass)."""
    for _ in range(300):
        with connection.cursor() as c:
            c.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            baris = c.fetchone()
        if baris and baris[0] == "Lock":
            return True
        threading.Event().wait(0.1)
    return False


def _utas(target) -> tuple[threading.Thread, dict]:
    hasil: dict = {}

    def jalan() -> None:
        try:
            hasil["nilai"] = target(hasil)
        except Exception as e:
            hasil["galat"] = e
        finally:
            connections.close_all()

    return threading.Thread(target=jalan), hasil


def test_a_save_started_while_the_year_is_being_locked_waits_and_is_refused(
    iku, org, operator_a, admin_pemda
):
    lepas = threading.Event()
    terkunci = threading.Event()

    def kunci(hasil):
        with transaction.atomic():
            services.lock_year(pemda=org.pemda, tahun=2024, by=admin_pemda)
            terkunci.set()
            lepas.wait(60)  # the admin's transaction is still open

    utas_kunci, hasil_kunci = _utas(kunci)
    utas_kunci.start()
    assert terkunci.wait(60)

    mulai = threading.Event()

    def simpan(hasil):
        with transaction.atomic():
            hasil["pid"] = connection.cursor().connection.info.backend_pid
            mulai.set()
            return services.save_realisasi(
                indikator=iku,
                tahun=2024,
                periode="TW2",
                by=operator_a,
                masukan={"selesai": D(3), "usulan": D(4)},
            )

    utas_simpan, hasil_simpan = _utas(simpan)
    utas_simpan.start()
    assert mulai.wait(60)
    assert _menunggu_kunci(hasil_simpan["pid"])  # the save waits for the lock's transaction
    lepas.set()
    utas_kunci.join(60)
    utas_simpan.join(60)

    assert "galat" not in hasil_kunci
    assert isinstance(hasil_simpan.get("galat"), DataTerkunci)
    assert "data tahun 2024 sudah dikunci" in str(hasil_simpan["galat"])
    assert not Realisasi.objects.filter(indikator=iku, tahun=2024, periode="TW2").exists()
    assert KunciTahun.objects.get(pemda=org.pemda, tahun=2024).terkunci


def test_a_lock_waits_for_a_save_in_progress_which_lands_before_it(iku, org, operator_a, admin_pemda):
    lepas = threading.Event()
    tersimpan = threading.Event()

    def simpan(hasil):
        with transaction.atomic():
            r = services.save_realisasi(
                indikator=iku,
                tahun=2024,
                periode="TW2",
                by=operator_a,
                masukan={"selesai": D(3), "usulan": D(4)},
            )
            tersimpan.set()
            lepas.wait(60)
            return r

    utas_simpan, hasil_simpan = _utas(simpan)
    utas_simpan.start()
    assert tersimpan.wait(60)

    mulai = threading.Event()

    def kunci(hasil):
        with transaction.atomic():
            hasil["pid"] = connection.cursor().connection.info.backend_pid
            mulai.set()
            return services.lock_year(pemda=org.pemda, tahun=2024, by=admin_pemda)

    utas_kunci, hasil_kunci = _utas(kunci)
    utas_kunci.start()
    assert mulai.wait(60)
    assert _menunggu_kunci(hasil_kunci["pid"])  # the lock waits for the save's transaction
    lepas.set()
    utas_simpan.join(60)
    utas_kunci.join(60)

    assert "galat" not in hasil_simpan
    assert "galat" not in hasil_kunci
    assert Realisasi.objects.get(indikator=iku, tahun=2024, periode="TW2").nilai == D(75)
    assert KunciTahun.objects.get(pemda=org.pemda, tahun=2024).terkunci
