from decimal import Decimal

import pytest

from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.survei import services
from sakip.survei.models import Respons


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def survei_a(org, operator_a):
    return services.create_survei(
        unit_kerja=org.biro_a, by=operator_a, nama="SKM Biro A Semester I 2024", tahun=2024, periode="S1"
    )


@pytest.fixture
def survei_b(org, operator_b):
    return services.create_survei(
        unit_kerja=org.biro_b, by=operator_b, nama="SKM Biro B Semester I 2024", tahun=2024, periode="S1"
    )


@pytest.fixture
def renstra_a(org, operator_a):
    return renstra_dengan_iku(org.biro_a, by=operator_a)


@pytest.fixture
def iku_ikm(renstra_a, operator_a):
    """A plain-value index IKU of Biro A: 'Indeks Kepuasan Masyarakat', target 85 every year."""
    ind = Indikator(
        renstra=renstra_a,
        sasaran=renstra_a.sasaran.get(),
        kode="IKM",
        nama="Indeks Kepuasan Masyarakat Perangkat Daerah",
        satuan="Indeks",
        jenis="indeks",
        is_iku=True,
    )
    perencanaan.save_indikator(
        indikator=ind,
        target={t: perencanaan.NilaiTarget(nilai=Decimal(85)) for t in renstra_a.tahun},
        by=operator_a,
    )
    return ind


@pytest.fixture
def iku_rumus(renstra_a):
    """IKU01 of the factory Renstra: a formula indicator (selesai / usulan × 100)."""
    return renstra_a.indikator.get(kode="IKU01")


def jawab(survei, *baris, sumber=Respons.Sumber.KERTAS, **profil):
    """Store responses through the service (paper source unless told: no cap on completeness)."""
    for nilai in baris:
        services.submit_respons(
            survei=survei, data=services.DataRespons(nilai=tuple(nilai), **profil), sumber=sumber
        )


def data_post(survei, nilai=None, **lain):
    """A valid public-form submission for `survei`."""
    nilai = nilai or [4] * survei.jumlah_unsur
    data = {"jenis_kelamin": "P", "umur": "34", "pendidikan": "S1", "pekerjaan": "SWASTA", "saran": ""}
    data.update({f"u{i}": str(v) for i, v in enumerate(nilai, start=1)})
    data.update(lain)
    return data
