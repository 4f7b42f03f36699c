"""Periodic work (deadline reminders, digests, clean-up): entries registered by their apps, run by the worker started
with `--jadwal` (`make run` does).

Each entry names, for a moment, the slot it is due for (a day, an ISO week, a block of minutes) or nothing. A run
records `(entry, slot)` under a unique constraint before enqueuing its job, so the job is enqueued once per slot
however many schedulers run, and a scheduler that was down when the slot began still runs it when it comes back
within the slot (a day's reminders at 09:00 are sent at 11:00 after a restart at 11:00, not skipped).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sakip.antrean import pekerjaan
from sakip.antrean.models import JadwalBerjalan

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Jadwal:
    nama: str
    jenis: str  # a job kind registered with `pekerjaan.daftarkan`
    slot: Callable[[datetime], str | None]
    data: dict[str, Any] = field(default_factory=dict)


_jadwal: dict[str, Jadwal] = {}


def daftarkan(jadwal: Jadwal) -> None:
    _jadwal[jadwal.nama] = jadwal


def setiap(menit: int) -> Callable[[datetime], str | None]:
    """Due once in every block of `menit` minutes."""

    def slot(sekarang: datetime) -> str:
        return f"m{int(sekarang.timestamp()) // (menit * 60)}"

    return slot


def harian(jam: int) -> Callable[[datetime], str | None]:
    """Due once a day from `jam` o'clock local time."""

    def slot(sekarang: datetime) -> str | None:
        lokal = timezone.localtime(sekarang)
        return lokal.date().isoformat() if lokal.hour >= jam else None

    return slot


def mingguan(hari: int, jam: int) -> Callable[[datetime], str | None]:
    """Due once an ISO week from weekday `hari` (Monday = 0) at `jam` o'clock local time."""

    def slot(sekarang: datetime) -> str | None:
        lokal = timezone.localtime(sekarang)
        if (lokal.weekday(), lokal.hour) < (hari, jam):
            return None
        tahun, minggu, _ = lokal.isocalendar()
        return f"{tahun}-W{minggu:02d}"

    return slot


def jalankan_jadwal(sekarang: datetime | None = None) -> list[str]:
    """Enqueue every entry due now and not yet run for its slot; the names enqueued."""
    sekarang = sekarang or timezone.now()
    dikirim = []
    for j in _jadwal.values():
        slot = j.slot(sekarang)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                JadwalBerjalan.objects.create(nama=j.nama, slot=slot)
                pekerjaan.kirim(j.jenis, data=j.data, kunci=f"jadwal:{j.nama}:{slot}")
        except IntegrityError:
            continue  # already run for this slot (here or by another scheduler)
        dikirim.append(j.nama)
        logger.info("Jadwal %s untuk %s dijalankan", j.nama, slot)
    return dikirim


def bersihkan_catatan(umur: timedelta = timedelta(days=60)) -> int:
    jumlah, _ = JadwalBerjalan.objects.filter(dibuat_pada__lt=timezone.now() - umur).delete()
    return jumlah
