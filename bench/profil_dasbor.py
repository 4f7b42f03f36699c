"""Where the time of the pemda dashboard goes, at the bench's scale of one pemda (40 units × 15 indicators):
in-process through Django's test client with DEBUG off, against the minimal view of step (b) (`/sehat/`), with the
queries it runs and a cProfile of the slowest part. Run alone (SQLite) or on PostgreSQL:

    .venv/bin/python bench/profil_dasbor.py
    scripts/with-postgres.sh .venv/bin/python bench/profil_dasbor.py

SAKIP_PROFIL_PEMDA (3) pemda are generated (the first one is shown); SAKIP_PROFIL_CPROFILE=1 prints the profile.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

os.environ["SAKIP_DEBUG"] = "0"
os.environ.setdefault("SAKIP_SECRET_KEY", "bench-" + "x" * 40)
os.environ.setdefault("SAKIP_SECURE_COOKIES", "0")
os.environ.setdefault("SAKIP_HSTS_SECONDS", "0")
os.environ.setdefault("SAKIP_ALLOWED_HOSTS", "testserver,127.0.0.1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import lingkungan  # noqa: F401

# isort: split
import data_nasional
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

TAHUN = 2026


def _p50(c: Client, path: str, n: int = 40) -> float:
    # CPU time of this thread (the machine is shared: wall time swings with the neighbours' load).
    waktu = []
    for _ in range(n):
        t0 = time.thread_time()
        r = c.get(path)
        waktu.append(time.thread_time() - t0)
        assert r.status_code == 200, (path, r.status_code)
    return sorted(waktu)[len(waktu) // 2]


def main() -> None:
    from sakip.akun import services as akun_services
    from sakip.organisasi import services as org_services
    from sakip.organisasi.models import Pemda, Pengguna
    from sakip.pengukuran import kini
    from sakip.perencanaan.models import RencanaStrategis

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    # SAKIP_BENCH_DB=<file> keeps a SQLite database between runs: the data are generated once.
    if not Pemda.objects.filter(kode="N0001").exists():
        data_nasional.bangkitkan(
            pemda=int(os.environ.get("SAKIP_PROFIL_PEMDA", "3")),
            unit=40,
            indikator=15,
            tahun=TAHUN,
            cetak=lambda s: None,
        )
    t0, c0 = time.perf_counter(), time.process_time()
    if os.environ.get("SAKIP_PROFIL_CPROFILE") == "hitung_ulang":
        prof = cProfile.Profile()
        prof.enable()
        kini.hitung_ulang(tahun=TAHUN)
        prof.disable()
        pstats.Stats(prof).sort_stats(os.environ.get("SAKIP_PROFIL_URUT", "cumulative")).print_stats(40)
    else:
        kini.hitung_ulang(tahun=TAHUN)
    print(
        f"hitung_ulang {time.perf_counter() - t0:.2f} s, CPU of this process {time.process_time() - c0:.2f} s "
        f"({connection.vendor})"
    )
    pemda = Pemda.objects.get(kode="N0001")
    user = Pengguna.objects.filter(username="profil.admin").first()
    if user is None:
        user = Pengguna.objects.create_user("profil.admin")  # force_login: no password
        org_services.assign_role(pengguna=user, peran="admin_pemda", pemda=pemda)
    akun_services.simpan_kebijakan(pemda=pemda, peran_wajib=set(), by=None)
    c = Client()
    c.force_login(user)
    renstra = RencanaStrategis.objects.filter(unit_kerja__pemda=pemda).order_by("pk").first()
    assert renstra is not None
    halaman = {
        "minimal": "/sehat/",
        # Floors: a logged-in JSON answer (session, user, roles) and a small page in the site's layout.
        "login_json": reverse("notifikasi:jumlah"),
        "halaman_kecil": reverse("organisasi:ganti_sandi"),
        "dasbor": f"/pengukuran/?tahun={TAHUN}",
        "dasbor_renstra": f"/pengukuran/renstra/{renstra.pk}/?tahun={TAHUN}",
        "dasbor_unit": f"/pengukuran/unit/{renstra.unit_kerja_id}/dasbor/?tahun={TAHUN}",
        "ruang_kerja": f"/pengukuran/unit/{renstra.unit_kerja_id}/?tahun={TAHUN}",
    }
    for path in halaman.values():
        _p50(c, path, 3)
    hasil = {nama: _p50(c, path) for nama, path in halaman.items()}
    for nama, path in halaman.items():
        with CaptureQueriesContext(connection) as ctx:
            c.get(path)
        print(
            f"{nama:<16}{hasil[nama] * 1000:8.1f} ms  rasio {hasil[nama] / hasil['minimal']:5.2f}  "
            f"{len(ctx.captured_queries)} kueri"
        )
        if os.environ.get("SAKIP_PROFIL_KUERI") == nama:
            for q in ctx.captured_queries:
                print(f"   {q['time']}  {q['sql'][:200]}")
    if nama := os.environ.get("SAKIP_PROFIL_CPROFILE"):
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(20):
            c.get(halaman[nama])
        prof.disable()
        pstats.Stats(prof).sort_stats(os.environ.get("SAKIP_PROFIL_URUT", "cumulative")).print_stats(
            int(os.environ.get("SAKIP_PROFIL_N", "45"))
        )


if __name__ == "__main__":
    main()
