"""Child process of `make bench`: imports a budget workbook into the parent's database and announces when it starts
writing, so that the parent can kill it (SIGKILL) mid-way and check that nothing of it remains."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lingkungan  # noqa: F401

from sakip.anggaran import excel, services
from sakip.organisasi.models import Pengguna


def main() -> None:
    user = Pengguna.objects.get(username="operator.bench")
    isi = Path(sys.argv[1]).read_bytes()
    hasil = excel.baca(io.BytesIO(isi))
    rencana = services.siapkan_impor(user=user, tahun=2024, hasil=hasil)
    assert rencana.ok, rencana.kesalahan[:3]
    print("MENULIS", flush=True)
    services.terapkan_impor(rencana=rencana, tahun=2024, by=user)
    print("SELESAI", flush=True)
    time.sleep(60)


if __name__ == "__main__":
    main()
