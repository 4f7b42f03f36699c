"""Step (b) of `make bench` alone, at a small scale, for working on the dashboard: the pemda dashboard vs the
minimal view on the same gunicorn (as `make bench` serves it), sequentially, p50 wall and server CPU.

    scripts/with-postgres.sh .venv/bin/python bench/dasbor_b.py

SAKIP_PROFIL_PEMDA (3) pemda of 40 units × 15 indicators; SAKIP_BENCH_N (300) requests per page.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lingkungan  # noqa: F401  (first: a fresh database; Django set up)

# isort: split
import beban
import data_nasional
import run
from django.core.management import call_command


def main() -> None:
    from sakip.akun import services as akun_services
    from sakip.organisasi import services as org_services
    from sakip.organisasi.models import Pemda, Pengguna
    from sakip.pengukuran import kini

    call_command("migrate", verbosity=0)
    data_nasional.bangkitkan(
        pemda=int(os.environ.get("SAKIP_PROFIL_PEMDA", "3")),
        unit=40,
        indikator=15,
        tahun=run.TAHUN,
        cetak=lambda s: None,
    )
    kini.hitung_ulang(tahun=run.TAHUN)
    pemda = Pemda.objects.get(kode="N0001")
    user = Pengguna.objects.create_user("bench.admin01", password=run.SANDI)
    org_services.assign_role(pengguna=user, peran="admin_pemda", pemda=pemda)
    akun_services.simpan_kebijakan(pemda=pemda, peran_wajib=set(), by=None)
    n = int(os.environ.get("SAKIP_BENCH_N", "300"))
    with beban.Server(workers=2, threads=4) as server:
        sesi = beban.masuk(server.url, user.username, run.SANDI)
        dasbor = f"/pengukuran/?tahun={run.TAHUN}"
        run._p50(sesi, "/sehat/", 20)
        run._p50(sesi, dasbor, 20)
        halaman = {
            "minimal": "/sehat/",
            "login_json": "/notifikasi/jumlah/",
            "halaman_kecil": "/organisasi/ganti-sandi/",
            "dasbor": dasbor,
        }
        for putaran in range(3):
            baris = []
            for nama, path in halaman.items():
                cpu: list[float] = []
                w = run._p50(sesi, path, n, cpu=cpu)
                baris.append(f"{nama} {w * 1000:.1f}/{statistics.median(cpu):.2f}")
            print(f"putaran {putaran + 1} (wall/CPU server ms): " + "; ".join(baris), flush=True)


if __name__ == "__main__":
    main()
