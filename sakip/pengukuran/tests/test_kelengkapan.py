"""Completeness that can be trusted (issue #17 item 5): only Renstra in force, only periods due by the indicator's
reporting frequency, a per-unit percentage and the units behind; entry refused outside the Renstra period."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sakip.organisasi.models import Pengguna
from sakip.pengukuran import jadwal, queries, services
from sakip.pengukuran.models import Realisasi
from sakip.pengukuran.tests import demo_orang
from sakip.pengukuran.views import indikator_terlihat
from sakip.perencanaan.models import Indikator

pytestmark = pytest.mark.django_db

# 2026-01-01: every 2024 deadline (TW IV: 15 January 2025) has passed.
SESUDAH_2024 = dt.date(2026, 1, 1)


class _Req:
    def __init__(self, user):
        self.user = user


def _baris(username, tahun=2024, hari_ini=SESUDAH_2024):
    user = demo_orang.pengguna(username)
    return queries.kelengkapan(indikator_terlihat(_Req(user)), tahun, hari_ini)


def _kaltim(kode):
    return Indikator.objects.get(renstra__unit_kerja__pemda__kode="64", renstra__tahun_mulai=2024, kode=kode)


def _buang_tahunan(ind, frekuensi):
    """Test set-up: the indicator reported with another frequency and its published yearly value not entered."""
    Indikator.objects.filter(pk=ind.pk).update(frekuensi=frekuensi)
    Realisasi.objects.filter(indikator=ind, tahun=2024, periode="TAHUN").delete()


def test_demo_2024_lists_only_renstra_in_force_and_only_periods_due_by_frequency(demo):
    _buang_tahunan(_kaltim("IKU10"), "semesteran")
    _buang_tahunan(_kaltim("IKU12"), "tahunan")
    baris = _baris("admin")
    assert baris
    for b in baris:
        renstra = b.indikator.renstra
        assert renstra.tahun_mulai <= 2024 <= renstra.tahun_selesai, renstra
        assert [s.periode for s in b.sel] == list(jadwal.periode_wajib(b.indikator.frekuensi))
    # The Kaltim Renstra 2013–2018 (13 IKU) is not in force in 2024: none of its indicators is listed.
    assert not [b for b in baris if b.indikator.renstra.tahun_mulai == 2013]
    per_kode = {b.indikator.kode: b for b in baris if b.indikator.renstra.unit_kerja.pemda.kode == "64"}
    assert [s.periode for s in per_kode["IKU10"].sel] == ["TW2", "TW4"]
    assert [s.periode for s in per_kode["IKU12"].sel] == ["TAHUN"]


def test_demo_2024_overdue_count_equals_a_count_made_by_hand(demo):
    # Kaltim: the 13 sasaran IKU of the Setda Renstra 2024–2026 have their 2024 yearly value entered (Tabel 3.3),
    # so none is chased for its quarters: 0. Changed here: IKU13 loses its yearly value (quarterly: 4 overdue),
    # IKU12 becomes yearly without a value (1), IKU10 semesterly without a value (TW II and TW IV: 2). Kaltim: 7.
    # Balangan: 52 sasaran indicators in its 29 Renstra (2021/2022–2026), no realisasi, quarterly: 52 × 4 = 208.
    # Kalbar: 1 sasaran indicator (Biro Umum 2024–2026), no realisasi: 4. Whole demo: 7 + 208 + 4 = 219.
    Realisasi.objects.filter(indikator=_kaltim("IKU13"), tahun=2024, periode="TAHUN").delete()
    _buang_tahunan(_kaltim("IKU12"), "tahunan")
    _buang_tahunan(_kaltim("IKU10"), "semesteran")
    assert sum(b.jumlah_terlambat for b in _baris("admin.kaltim")) == 7
    assert sum(b.jumlah_terlambat for b in _baris("admin")) == 219
    # On 20 October 2024 TW III's deadline (15 October) has passed, TW IV's and the year's have not:
    # IKU13 TW I–III (3) + IKU10 TW II (1) = 4.
    assert sum(b.jumlah_terlambat for b in _baris("admin.kaltim", hari_ini=dt.date(2024, 10, 20))) == 4


def test_per_unit_summary_gives_the_percentage_and_the_units_behind(demo):
    Realisasi.objects.filter(indikator=_kaltim("IKU13"), tahun=2024, periode="TAHUN").delete()
    ringkasan = {r.unit.kode: r for r in queries.ringkasan_kelengkapan(_baris("admin.kaltim"))}
    adpim = ringkasan["SETDA.ADPIM"]  # IKU12 (yearly value entered: 4 quarters covered) and IKU13 (4 overdue)
    assert (adpim.indikator, adpim.jatuh_tempo, adpim.terlambat) == (2, 8, 4)
    assert adpim.persen == Decimal(50)
    assert ringkasan["SETDA.ORGANISASI"].persen == Decimal(100)
    assert queries.ringkasan_kelengkapan(_baris("admin.kaltim"))[0].unit.kode == "SETDA.ADPIM"


@time_machine.travel(dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC), tick=False)
def test_completeness_page_shows_the_units_behind_and_no_renstra_out_of_force(demo):
    Realisasi.objects.filter(indikator=_kaltim("IKU13"), tahun=2024, periode="TAHUN").delete()
    client = Client()
    client.force_login(Pengguna.objects.get(username="admin.kaltim"))
    body = client.get(reverse("pengukuran:kelengkapan") + "?tahun=2024").content.decode()
    assert "Unit yang tertinggal" in body
    assert "Biro Administrasi Pimpinan" in body
    assert "(4 terlambat)" in body
    assert "4 periode terlambat" in body
    assert "dilaporkan tahunan" in body


def test_completeness_page_query_count_does_not_grow_with_indicators(demo, django_assert_max_num_queries):
    client = Client()
    client.force_login(Pengguna.objects.get(username="admin"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("pengukuran:kelengkapan") + "?tahun=2024").status_code == 200


def test_outsider_sees_no_indicator_of_another_pemda_in_completeness(demo):
    baris = _baris("operator.kalbar")
    assert baris
    assert {b.indikator.renstra.unit_kerja.pemda.kode for b in baris} == {"61"}


def test_a_year_after_the_renstra_is_refused_with_a_message(demo):
    ind = _kaltim("IKU13")
    user = Pengguna.objects.get(username="operator.adpim")
    with pytest.raises(services.ValidationError) as exc:
        services.save_realisasi(indikator=ind, tahun=2027, periode="TW1", by=user, nilai=Decimal(80))
    assert "Tahun 2027 di luar periode Renstra 2024–2026" in " ".join(exc.value.messages)
    assert not Realisasi.objects.filter(indikator=ind, tahun=2027).exists()


def test_a_quarter_before_the_renstra_is_refused_but_a_historical_yearly_value_is_kept(demo):
    ind = _kaltim("IKU13")
    user = Pengguna.objects.get(username="operator.adpim")
    with pytest.raises(services.ValidationError):
        services.save_realisasi(indikator=ind, tahun=2020, periode="TW2", by=user, nilai=Decimal(80))
    r = services.save_realisasi(indikator=ind, tahun=2020, periode="TAHUN", by=user, nilai=Decimal(80))
    assert r.nilai == Decimal(80)


def test_a_period_the_frequency_does_not_have_is_refused(demo):
    ind = _kaltim("IKU12")
    Indikator.objects.filter(pk=ind.pk).update(frekuensi="tahunan")
    ind.refresh_from_db()
    user = Pengguna.objects.get(username="operator.adpim")
    with pytest.raises(services.ValidationError) as exc:
        services.save_realisasi(indikator=ind, tahun=2025, periode="TW1", by=user, nilai=Decimal(80))
    assert "dilaporkan tahunan" in " ".join(exc.value.messages)


def test_the_entry_page_refuses_a_year_outside_the_renstra_with_an_indonesian_message(demo):
    ind = _kaltim("IKU13")
    client = Client()
    client.force_login(Pengguna.objects.get(username="operator.adpim"))
    url = reverse("pengukuran:simpan_realisasi", args=[ind.pk]) + "?tahun=2027"
    response = client.post(url, {"prefix": "TW1", "TW1-periode": "TW1", "TW1-nilai": "80"}, follow=True)
    assert "di luar periode Renstra 2024–2026" in response.content.decode()
    assert not Realisasi.objects.filter(indikator=ind, tahun=2027).exists()
