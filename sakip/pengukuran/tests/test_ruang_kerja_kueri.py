"""The unit workspace's queries on a small organisation (the demo is in test_ruang_kerja.py): which indicators a
unit sees, and query counts that do not grow with the number of indicators."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.pengukuran import queries, services
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db


def test_own_renstra_indicators_are_listed_and_delegated_ones_leave_the_owner(org, operator_a):
    renstra = renstra_dengan_iku(org.setda, jumlah_indikator=3, by=None)
    Indikator.objects.filter(renstra=renstra, kode="IKU02").update(penanggung_jawab=org.biro_a)
    hari = dt.date(2024, 5, 1)
    assert {b.indikator.kode for b in queries.ruang_kerja(org.setda, 2024, hari).baris} == {
        "IKU01",
        "IKU02",
        "IKU03",
    }
    assert {b.indikator.kode for b in queries.ruang_kerja(org.biro_a, 2024, hari).baris} == {"IKU02"}
    assert queries.ruang_kerja(org.biro_a, 2027, hari).baris == []  # no Renstra in force


def test_workspace_query_count_does_not_grow_with_indicators(client, org, admin_pemda):
    kecil = renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    besar = renstra_dengan_iku(org.biro_b, jumlah_indikator=30)
    for renstra in (kecil, besar):
        for ind in renstra.indikator.all():
            services.save_realisasi(
                indikator=ind,
                tahun=2024,
                periode="TW1",
                by=admin_pemda,
                masukan={"selesai": Decimal(9), "usulan": Decimal(10)},
            )
    client.force_login(admin_pemda)
    # The first page after logging in writes the session once (savepoint, UPDATE django_session, release: 3
    # queries); load a page first so that one-off write is not counted against the first unit.
    client.get(reverse("pengukuran:ruang_kerja", args=[org.biro_a.pk]) + "?tahun=2024")
    hitung = []
    for unit in (org.biro_a, org.biro_b):
        for name in ("pengukuran:ruang_kerja", "pengukuran:dasbor_unit"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse(name, args=[unit.pk]) + "?tahun=2024").status_code == 200
            hitung.append(len(ctx.captured_queries))
    assert hitung[0] == hitung[2]
    assert hitung[1] == hitung[3]
    assert max(hitung) <= 25
