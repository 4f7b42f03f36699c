"""The LKjIP and survey results as LKE evidence, and the pre-fill "LKjIP n-1 built before its deadline"."""

import datetime as dt

import pytest

from sakip.evaluasi import muat_lke, services, sumber
from sakip.evaluasi.models import Jawaban, SkemaEvaluasi
from sakip.pelaporan.models import PembuatanLaporan
from sakip.perencanaan.tests.factories import renstra_dengan_iku


def _buat(renstra, pengguna, selesai):
    return PembuatanLaporan.objects.create(
        pengguna=pengguna,
        renstra=renstra,
        tahun=2024,
        format="docx",
        status="selesai",
        persen=100,
        selesai_pada=dt.datetime.combine(selesai, dt.time(10), tzinfo=dt.UTC),
    )


@pytest.fixture
def renstra(org, admin_pemda):
    return renstra_dengan_iku(org.biro_a, by=admin_pemda)


def _jawaban_lkjip(org, evaluator):
    skema = SkemaEvaluasi.objects.get(pemda=None, kode=muat_lke.KODE)
    putaran = services.buka_putaran(
        pemda=org.pemda, tahun=2025, skema=skema, unit_kerja=[org.biro_a], by=evaluator
    )
    return Jawaban.objects.filter(lembar__putaran=putaran, kriteria__kode="3.a.1", tingkat=0).first()


def test_an_lkjip_of_n_minus_1_built_by_28_february_prefills_the_criterion_with_its_link(
    org, renstra, evaluator
):
    _buat(renstra, evaluator, dt.date(2025, 2, 20))
    jawaban = _jawaban_lkjip(org, evaluator)
    assert jawaban.jawaban == "Y"
    assert jawaban.sumber_url == f"/laporan/lkjip/{renstra.pk}/2024/docx/"
    assert "20-02-2025" in jawaban.sumber_label


def test_an_lkjip_built_after_the_deadline_proves_nothing(org, renstra, evaluator):
    _buat(renstra, evaluator, dt.date(2025, 3, 5))
    assert _jawaban_lkjip(org, evaluator) is None


def test_the_lkjip_of_each_year_is_offered_as_evidence(org, renstra):
    kunci = {(s.jenis, s.label) for s in sumber.sumber_untuk(org.biro_a, 2025)}
    assert ("lkjip", f"LKjIP 2024 ({renstra})") in kunci
    assert ("renstra", str(renstra)) in kunci
