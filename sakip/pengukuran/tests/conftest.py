from decimal import Decimal

import pytest

from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests.factories import renstra_dengan_iku


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def renstra(org, operator_a):
    return renstra_dengan_iku(org.biro_a, by=operator_a)


@pytest.fixture
def iku(renstra):
    """IKU01: selesai / usulan * 100, target 91 every year, reported by Biro A."""
    return renstra.indikator.get(kode="IKU01")


@pytest.fixture
def iku_predikat(renstra):
    ind = Indikator(
        renstra=renstra,
        sasaran=renstra.sasaran.get(),
        kode="PRED",
        nama="Predikat LPPD",
        satuan="Predikat",
        jenis="predikat",
        skala_predikat=["Rendah", "Sedang", "Tinggi", "Sangat Tinggi"],
    )
    perencanaan.save_indikator(
        indikator=ind, target={2024: perencanaan.NilaiTarget(predikat="Sangat Tinggi")}
    )
    return ind


@pytest.fixture
def iku_nilai(renstra):
    ind = Indikator(
        renstra=renstra,
        sasaran=renstra.sasaran.get(),
        kode="IDX",
        nama="Indeks X",
        satuan="Indeks",
        jenis="indeks",
    )
    perencanaan.save_indikator(indikator=ind, target={2024: perencanaan.NilaiTarget(nilai=Decimal(85))})
    return ind


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
