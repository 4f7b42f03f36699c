"""Evaluation fixtures on top of the shared personas (sakip/conftest.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from sakip.evaluasi import services
from sakip.evaluasi.models import SkemaEvaluasi

D = Decimal

# PermenPANRB 12/2015 component scores of the fixture evaluation of Biro A, 2023:
# 25 + 20 + 12 + 8 + 17,5 = 82,5 -> A.
NILAI_12_2015 = {
    "PERENCANAAN": D("25"),
    "PENGUKURAN": D("20"),
    "PELAPORAN": D("12"),
    "EVALUASI": D("8"),
    "CAPAIAN": D("17.5"),
}


@pytest.fixture
def skema_88(db):
    return SkemaEvaluasi.objects.get(pemda__isnull=True, kode="PERMENPANRB-88-2021")


@pytest.fixture
def skema_12(db):
    return SkemaEvaluasi.objects.get(pemda__isnull=True, kode="PERMENPANRB-12-2015")


@pytest.fixture
def evaluasi_a(org, evaluator, skema_12):
    evaluasi = services.create_evaluasi(
        unit_kerja=org.biro_a, tahun=2023, skema=skema_12, lembaga="Inspektorat Provinsi Uji P", by=evaluator
    )
    services.save_nilai(evaluasi=evaluasi, nilai_baru=NILAI_12_2015, by=evaluator)
    return evaluasi


@pytest.fixture
def rekomendasi_a(evaluasi_a, evaluator, skema_12):
    """Belum, due 31 March 2024: overdue from 1 April 2024."""
    return services.save_rekomendasi(
        evaluasi=evaluasi_a,
        komponen=skema_12.komponen.get(kode="PERENCANAAN"),
        uraian="Perbaiki kualitas indikator kinerja.",
        batas_waktu=dt.date(2024, 3, 31),
        by=evaluator,
    )
