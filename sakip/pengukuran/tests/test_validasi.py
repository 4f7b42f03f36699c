import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from sakip.pengukuran import services, validasi
from sakip.pengukuran.models import AturanValidasi
from sakip.perencanaan.models import Indikator

D = Decimal


def _pesan(daftar, jenis):
    return [(p.indikator.kode, p.periode) for p in daftar if p.aturan.jenis == jenis]


def test_percentage_above_100_is_a_violation_unless_the_indicator_allows_it(iku, operator_a):
    services.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode="TAHUN",
        by=operator_a,
        masukan={"selesai": D(102), "usulan": D(100)},
    )
    daftar = validasi.daftar_pelanggaran(Indikator.objects.all(), 2024, dt.date(2024, 2, 1))
    assert _pesan(daftar, "rentang_persentase") == [("IKU01", "TAHUN")]
    Indikator.objects.filter(pk=iku.pk).update(boleh_melebihi_100=True)
    daftar = validasi.daftar_pelanggaran(Indikator.objects.all(), 2024, dt.date(2024, 2, 1))
    assert _pesan(daftar, "rentang_persentase") == []


def test_kumulatif_indicator_falling_between_quarters_is_flagged(iku_nilai, operator_a):
    Indikator.objects.filter(pk=iku_nilai.pk).update(agregasi="kumulatif")
    iku_nilai.refresh_from_db()
    for tw, v in (("TW3", 30), ("TW4", 20)):
        services.save_realisasi(indikator=iku_nilai, tahun=2024, periode=tw, by=operator_a, nilai=D(v))
    daftar = validasi.daftar_pelanggaran(Indikator.objects.all(), 2024, dt.date(2024, 2, 1))
    assert _pesan(daftar, "kumulatif_menurun") == [("IDX", "TW4")]


def test_realisasi_missing_after_the_quarter_deadline_is_flagged_but_not_before(iku_nilai, operator_a):
    services.save_realisasi(indikator=iku_nilai, tahun=2024, periode="TW1", by=operator_a, nilai=D(1))
    # TW II ends 30 June; with the default 15 days its deadline is 15 July.
    before = validasi.daftar_pelanggaran(
        Indikator.objects.filter(pk=iku_nilai.pk), 2024, dt.date(2024, 7, 15)
    )
    after = validasi.daftar_pelanggaran(Indikator.objects.filter(pk=iku_nilai.pk), 2024, dt.date(2024, 7, 16))
    assert _pesan(before, "terlambat") == []
    assert _pesan(after, "terlambat") == [("IDX", "TW2")]


def test_rules_are_data_configured_by_the_admin(iku, org, operator_a):
    AturanValidasi.objects.create(
        pemda=org.pemda,
        jenis="rentang_persentase",
        nama="Persen 0–120",
        parameter={"min": "0", "maks": "120"},
        tingkat="galat",
    )
    services.save_realisasi(
        indikator=iku,
        tahun=2024,
        periode="TAHUN",
        by=operator_a,
        masukan={"selesai": D(115), "usulan": D(100)},
    )
    daftar = validasi.daftar_pelanggaran(Indikator.objects.all(), 2024, dt.date(2024, 2, 1))
    assert _pesan(daftar, "rentang_persentase") == []
    assert _pesan(daftar, "terlambat") == []  # only the configured rule is active for this pemda


@pytest.mark.django_db
def test_data_quality_page_lists_a_rule_violation_and_a_missing_quarter(client, iku, operator_a):
    services.save_realisasi(
        indikator=iku, tahun=2024, periode="TW1", by=operator_a, masukan={"selesai": D(150), "usulan": D(100)}
    )
    client.force_login(operator_a)
    with time_machine.travel(dt.datetime(2024, 8, 1, 12, tzinfo=dt.UTC)):
        body = client.get(reverse("pengukuran:kualitas_data") + "?tahun=2024").content.decode()
    assert "di luar rentang" in body
    assert "Belum diisi; tenggat 15-07-2024 sudah lewat." in body


def test_completeness_page_marks_overdue_quarters_red(client, iku, operator_a):
    services.save_realisasi(
        indikator=iku, tahun=2024, periode="TW1", by=operator_a, masukan={"selesai": D(1), "usulan": D(1)}
    )
    client.force_login(operator_a)
    with time_machine.travel(dt.datetime(2024, 8, 1, 12, tzinfo=dt.UTC)):
        body = client.get(reverse("pengukuran:kelengkapan") + "?tahun=2024").content.decode()
    # On 1 August: TW I (deadline 15 April) is overdue for IKU02 only, TW II (15 July) for both; TW III not yet due.
    assert body.count('class="terlambat"') == 3
    assert body.count('class="terisi"') == 1
