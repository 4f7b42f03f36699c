"""The background thread of an LKjIP generation, for real: it needs committed rows (a transactional test), since the
thread reads them through its own database connection."""

from __future__ import annotations

import io

import pytest
from docx import Document

from sakip.pelaporan import pembuatan
from sakip.pelaporan.models import PembuatanLaporan
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_background_thread_finishes_the_job(org, operator_a, pimpinan_a, settings, tmp_path):
    settings.SAKIP_LAPORAN_LATAR = True
    settings.MEDIA_ROOT = tmp_path
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    job = pembuatan.mulai(pengguna=pimpinan_a, renstra=renstra, tahun=2024, format="docx")
    pembuatan.tunggu_semua()
    job.refresh_from_db()
    assert (job.status, job.persen, job.tahap, job.pesan_galat) == (
        PembuatanLaporan.Status.SELESAI,
        100,
        "Selesai",
        "",
    )
    assert job.selesai_pada is not None
    with job.berkas.open("rb") as f:
        judul = [p.text for p in Document(io.BytesIO(f.read())).paragraphs]
    assert "BAB IV PENUTUP" in judul
