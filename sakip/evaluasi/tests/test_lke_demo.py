"""Pre-filled LKE answers on the demo data (issue #22 acceptance): each is backed by the record that proves it,
shown as a link that opens that record."""

import pytest
from django.test import Client

from sakip.evaluasi import muat_lke, services
from sakip.evaluasi.models import Jawaban, SkemaEvaluasi
from sakip.organisasi.models import Pemda, Pengguna
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis


@pytest.fixture
def lembar_setda(demo):
    pemda = Pemda.objects.get(kode="64")
    putaran = services.buka_putaran(
        pemda=pemda,
        tahun=2024,
        skema=SkemaEvaluasi.objects.get(pemda=None, kode=muat_lke.KODE),
        unit_kerja=[pemda.unit_kerja.get(kode="SETDA")],
        by=Pengguna.objects.get(username="inspektorat"),
    )
    return putaran.lembar.get()


def test_every_prefilled_answer_on_the_demo_links_to_the_record_that_proves_it(lembar_setda):
    otomatis = list(
        Jawaban.objects.filter(lembar=lembar_setda, otomatis=True).select_related("kriteria", "bukti")
    )
    renstra = RencanaStrategis.objects.get(unit_kerja=lembar_setda.unit_kerja, tahun_mulai=2024)
    bukti = {(a.kriteria.kode, a.bukti.nama if a.bukti else None): a.sumber_url for a in otomatis}
    # The Setda's Renstra 2024-2026 is in the demo, and so is its PK 2024, final (the demo finalises it for the public
    # portal): both evidence items are answered with a link to the record.
    assert bukti[("1.a.1", "Renstra PD")] == f"/perencanaan/renstra/{renstra.pk}/"
    assert bukti[("2.a.1", "Renstra")] == f"/perencanaan/renstra/{renstra.pk}/"
    pk = PerjanjianKinerja.objects.get(unit_kerja=lembar_setda.unit_kerja, tahun=2024, status="final")
    assert bukti[("1.a.2", "PK seluruh pegawai tahun n (termasuk PK Perubahan terakhir)")] == (
        f"/perencanaan/pk/{pk.pk}/"
    )
    assert all(a.jawaban == "Y" and a.sumber_label for a in otomatis)
    evaluator = Client()
    evaluator.force_login(Pengguna.objects.get(username="inspektorat"))
    for a in otomatis:
        assert evaluator.get(a.sumber_url).status_code == 200, (a.kriteria.kode, a.sumber_url)
    halaman = evaluator.get(f"/evaluasi/lke/lembar/{lembar_setda.pk}/").content.decode()
    for a in otomatis:
        assert f'href="{a.sumber_url}"' in halaman
