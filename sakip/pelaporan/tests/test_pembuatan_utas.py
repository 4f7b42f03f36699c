"""An LKjIP generation through the queue, for real: the request only enqueues it, and a worker builds it. It needs
committed rows (a transactional test), since the worker's heartbeat thread has its own database connection. A
worker killed mid-build is in sakip/antrean/tests/test_pekerja_proses.py."""

from __future__ import annotations

import io

import pytest
from docx import Document

from sakip.antrean.models import Pekerjaan
from sakip.antrean.tests.pekerja import kerjakan_antrean
from sakip.pelaporan import pembuatan
from sakip.pelaporan.models import PembuatanLaporan
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_request_only_enqueues_the_job_and_the_worker_finishes_it(
    org, operator_a, pimpinan_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    job = pembuatan.mulai(pengguna=pimpinan_a, renstra=renstra, tahun=2024, format="docx")
    assert (job.status, job.tahap) == (PembuatanLaporan.Status.MENUNGGU, "Menunggu giliran")
    p = Pekerjaan.objects.get(kunci=f"laporan:{job.pk}")
    assert (p.jenis, p.data, p.status) == ("pelaporan.lkjip", {"job_id": job.pk}, Pekerjaan.Status.MENUNGGU)

    kerjakan_antrean()
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
    p.refresh_from_db()
    assert (p.status, p.hasil) == (Pekerjaan.Status.SELESAI, {"status": "selesai"})
