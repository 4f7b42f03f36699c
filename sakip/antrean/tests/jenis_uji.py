"""Job kinds for the queue's own tests, registered by the tests (and by the worker processes they start)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from sakip.antrean import pekerjaan

_percobaan_gagal: dict[str, int] = {}


def _catat(konteks: pekerjaan.Konteks, berkas: str, jeda: float = 0.0) -> dict[str, int]:
    """Append "job-id attempt pid" to `berkas` (O_APPEND: one line per run, from any process)."""
    konteks.lapor(50, "Mencatat")
    if os.environ.get("SAKIP_UJI_MACET") == "1":
        threading.Event().wait()  # this worker hangs until it is killed
    if jeda:
        time.sleep(jeda)  # holds the job long enough for the other worker to look for work meanwhile
    with Path(berkas).open("a") as f:
        f.write(f"{konteks.pekerjaan.pk} {konteks.pekerjaan.percobaan} {os.getpid()}\n")
    return {"pid": os.getpid()}


def _gagal_dulu(konteks: pekerjaan.Konteks, kunci: str, kali: int) -> str:
    """Fails the first `kali` times it runs in this process, then succeeds."""
    _percobaan_gagal[kunci] = _percobaan_gagal.get(kunci, 0) + 1
    if _percobaan_gagal[kunci] <= kali:
        raise ConnectionError("server SMTP tidak menjawab")
    return "terkirim"


def _salah_isian(konteks: pekerjaan.Konteks) -> None:
    raise pekerjaan.GagalPermanen("Berkas impor tidak dapat dibaca: lembar 'Data' tidak ada.")


def daftarkan() -> None:
    pekerjaan.daftarkan("uji.catat", pekerjaan.Jenis(jalankan=_catat))
    pekerjaan.daftarkan("uji.gagal_dulu", pekerjaan.Jenis(jalankan=_gagal_dulu))
    pekerjaan.daftarkan("uji.salah_isian", pekerjaan.Jenis(jalankan=_salah_isian))
