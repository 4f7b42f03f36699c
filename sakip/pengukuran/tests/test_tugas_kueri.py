"""Query counts of the home page's to-do list and of the verification inbox do not grow with the number of
indicators or of realisasi waiting (issue #17 acceptance)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.pengukuran import services
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db


def _ajukan(renstra, by):
    for ind in renstra.indikator.all():
        r = services.save_realisasi(
            indikator=ind,
            tahun=2024,
            periode="TW1",
            by=by,
            masukan={"selesai": Decimal(9), "usulan": Decimal(10)},
        )
        services.submit_realisasi(r, by=by)


def _hitung(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@time_machine.travel(dt.datetime(2024, 5, 20, 9, tzinfo=dt.UTC), tick=False)
def test_home_and_inbox_query_counts_do_not_grow_with_indicators(client, org, admin_pemda, operator_a):
    _ajukan(renstra_dengan_iku(org.biro_a, jumlah_indikator=2), admin_pemda)
    client.force_login(admin_pemda)
    sedikit = (_hitung(client, reverse("beranda")), _hitung(client, reverse("pengukuran:kotak_verifikasi")))
    _ajukan(renstra_dengan_iku(org.biro_b, jumlah_indikator=30), admin_pemda)
    banyak = (_hitung(client, reverse("beranda")), _hitung(client, reverse("pengukuran:kotak_verifikasi")))
    assert sedikit == banyak
    assert max(banyak) <= 25
    body = client.get(reverse("pengukuran:kotak_verifikasi")).content.decode()
    assert body.count('name="realisasi"') == 32


@time_machine.travel(dt.datetime(2024, 5, 20, 9, tzinfo=dt.UTC), tick=False)
def test_operator_home_query_count_does_not_grow_with_indicators(client, org, operator_a):
    renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    client.force_login(operator_a)
    sedikit = _hitung(client, reverse("beranda"))
    renstra_dengan_iku(org.bagian_a1, jumlah_indikator=30)
    banyak = _hitung(client, reverse("beranda"))
    assert sedikit == banyak
    body = client.get(reverse("beranda")).content.decode()
    # 32 quarterly indicators: on 20 May 2024 TW I (deadline 15 April) is overdue for each.
    assert 'id="tugas-terlambat"><h3>Terlambat <span class="jumlah">32</span>' in body


@time_machine.travel(dt.datetime(2024, 5, 20, 9, tzinfo=dt.UTC), tick=False)
def test_a_list_over_several_units_is_summed_per_unit_with_a_link_to_each_workspace(client, org, operator_a):
    renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    renstra_dengan_iku(org.bagian_a1, jumlah_indikator=30)
    client.force_login(operator_a)
    body = client.get(reverse("beranda")).content.decode()
    awal = body.index('id="tugas-terlambat"')
    bagian = body[awal : body.index("</table>", awal)]
    # 30 overdue TW I lines for the Bagian, 2 for the Biro: most first
    baris = re.findall(r'<td><a href="([^"]+)">([^<]+)</a></td><td class="angka">(\d+)</td>', bagian)
    assert baris == [
        (reverse("pengukuran:ruang_kerja", args=[org.bagian_a1.pk]), org.bagian_a1.nama, "30"),
        (reverse("pengukuran:ruang_kerja", args=[org.biro_a.pk]), org.biro_a.nama, "2"),
    ]


@time_machine.travel(dt.datetime(2024, 5, 20, 9, tzinfo=dt.UTC), tick=False)
def test_a_list_of_one_unit_has_no_per_unit_table(client, org, operator_a):
    renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    client.force_login(operator_a)
    body = client.get(reverse("beranda")).content.decode()
    assert 'id="tugas-terlambat"' in body
    assert "tugas-per-unit" not in body
