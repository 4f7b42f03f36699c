"""Load (or update) the national LKE scheme from a reference JSON: `manage.py muat_lke [path]`.

The data migration loads the bundled sakip/evaluasi/data/lke-88-2021.json; this command reloads it (or a newer
copy) without a migration. Criteria are matched by kode; their evidence items are rewritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from sakip.evaluasi import muat_lke
from sakip.evaluasi.models import BuktiSkema, KomponenSkema, KriteriaSkema, SkemaEvaluasi


class Command(BaseCommand):
    help = "Muat skema LKE nasional dari berkas JSON referensi."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("berkas", nargs="?", default=str(muat_lke.BERKAS))

    def handle(self, *args: Any, **options: Any) -> None:
        data = muat_lke.baca_berkas(Path(options["berkas"]))
        with transaction.atomic():
            skema = muat_lke.tulis(
                SkemaEvaluasi=SkemaEvaluasi,
                KomponenSkema=KomponenSkema,
                KriteriaSkema=KriteriaSkema,
                BuktiSkema=BuktiSkema,
                data=data,
            )
        self.stdout.write(f"{skema.nama}: {len(data.kriteria)} kriteria.")
