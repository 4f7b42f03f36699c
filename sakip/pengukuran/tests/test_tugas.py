""" "Tugas saya" on the home page and the verifier's inbox with bulk verify/return (issue #17 item 2)."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sakip.pengukuran import services
from sakip.pengukuran.models import Realisasi
from sakip.pengukuran.tests import demo_orang
from sakip.perencanaan.models import Indikator

pytestmark = pytest.mark.django_db

# 10 June 2025: TW I 2025 (deadline 15 April) is overdue, TW II (deadline 15 July) is due soon.
HARI = dt.datetime(2025, 6, 10, 9, tzinfo=dt.UTC)


def _klien(username):
    client = Client()
    client.force_login(demo_orang.pengguna(username))
    return client


def _iku(kode):
    return Indikator.objects.get(renstra__unit_kerja__pemda__kode="64", renstra__tahun_mulai=2024, kode=kode)


def _kelompok(html, kunci):
    m = re.search(rf'id="tugas-{kunci}">.*?</div>', html, re.S)
    return m.group(0) if m else ""


@time_machine.travel(HARI, tick=False)
def test_operator_home_lists_overdue_and_due_soon_periods_each_linking_to_its_entry(demo):
    html = _klien("operator.organisasi").get(reverse("beranda")).content.decode()
    assert "Tugas saya" in html
    iku10 = _iku("IKU10")
    terlambat = _kelompok(html, "terlambat")
    # Biro Organisasi reports IKU10 only; 2024 was reported as a whole (yearly value), 2025 TW I is overdue.
    assert '<span class="jumlah">1</span>' in terlambat
    assert f"/pengukuran/indikator/{iku10.pk}/?tahun=2025#periode-TW1" in terlambat
    segera = _kelompok(html, "segera")
    assert f"/pengukuran/indikator/{iku10.pk}/?tahun=2025#periode-TW2" in segera
    assert "15-07-2025" in segera
    assert "Menunggu verifikasi Anda" not in html  # an operator verifies nothing


@time_machine.travel(HARI, tick=False)
def test_a_returned_realisasi_is_announced_with_its_note_and_shown_apart_from_verified(demo):
    operator = demo_orang.pengguna("operator.organisasi")
    admin = demo_orang.pengguna("admin.kaltim")
    iku10 = _iku("IKU10")
    r = services.submit_realisasi(demo_orang.isi(iku10, 2025, "TW1", operator), by=operator)
    assert "IKU10" in _kelompok(_klien("admin.kaltim").get(reverse("beranda")).content.decode(), "verifikasi")
    services.return_realisasi(r, catatan="Lampirkan SK hasil evaluasi", by=admin)
    html = _klien("operator.organisasi").get(reverse("beranda")).content.decode()
    kembali = _kelompok(html, "dikembalikan")
    assert "Lampirkan SK hasil evaluasi" in kembali
    assert f"/pengukuran/indikator/{iku10.pk}/?tahun=2025#periode-TW1" in kembali
    lengkap = (
        _klien("operator.organisasi").get(reverse("pengukuran:kelengkapan") + "?tahun=2025").content.decode()
    )
    assert "↩ Dikembalikan" in lengkap
    assert "✓ Dikembalikan" not in lengkap
    assert 'class="status status-dikembalikan"' in lengkap


@time_machine.travel(HARI, tick=False)
def test_admin_verifies_two_and_returns_one_from_the_inbox(demo):
    adpim = demo_orang.pengguna("operator.adpim")
    org = demo_orang.pengguna("operator.organisasi")
    diajukan = [
        services.submit_realisasi(demo_orang.isi(_iku(kode), 2025, "TW1", user), by=user)
        for kode, user in (("IKU10", org), ("IKU12", adpim), ("IKU13", adpim))
    ]
    admin = _klien("admin.kaltim")
    kotak = admin.get(reverse("pengukuran:kotak_verifikasi")).content.decode()
    assert all(f'id="realisasi-{r.pk}"' in kotak for r in diajukan)
    url = reverse("pengukuran:verifikasi_massal")
    # Returning without a note processes nothing.
    admin.post(url, {"realisasi": [diajukan[0].pk], "aksi": "kembalikan", "catatan": " "})
    assert Realisasi.objects.get(pk=diajukan[0].pk).status == "diajukan"
    admin.post(url, {"realisasi": [diajukan[1].pk, diajukan[2].pk], "aksi": "verifikasi"})
    admin.post(url, {"realisasi": [diajukan[0].pk], "aksi": "kembalikan", "catatan": "Nilai tidak sesuai SK"})
    status = {
        r.indikator.kode: (r.status, r.catatan_verifikasi)
        for r in Realisasi.objects.filter(pk__in=[r.pk for r in diajukan])
    }
    assert status == {
        "IKU10": ("dikembalikan", "Nilai tidak sesuai SK"),
        "IKU12": ("diverifikasi", ""),
        "IKU13": ("diverifikasi", ""),
    }
    assert Realisasi.objects.get(pk=diajukan[1].pk).history.first().history_user.username == "admin.kaltim"


@time_machine.travel(HARI, tick=False)
def test_inbox_shows_a_pimpinan_only_their_units_and_refuses_operators_and_outsiders(demo):
    adpim = demo_orang.pengguna("operator.adpim")
    org = demo_orang.pengguna("operator.organisasi")
    r_adpim = services.submit_realisasi(demo_orang.isi(_iku("IKU12"), 2025, "TW1", adpim), by=adpim)
    r_org = services.submit_realisasi(demo_orang.isi(_iku("IKU10"), 2025, "TW1", org), by=org)
    kotak = _klien("pimpinan.adpim").get(reverse("pengukuran:kotak_verifikasi")).content.decode()
    assert f'id="realisasi-{r_adpim.pk}"' in kotak
    assert f'id="realisasi-{r_org.pk}"' not in kotak
    for username in ("operator.organisasi", "operator.kalbar", "inspektorat"):
        assert _klien(username).get(reverse("pengukuran:kotak_verifikasi")).status_code == 403
    # A pimpinan ticking another unit's realisasi (a forged form) is refused and nothing is verified.
    response = _klien("pimpinan.adpim").post(
        reverse("pengukuran:verifikasi_massal"), {"realisasi": [r_adpim.pk, r_org.pk], "aksi": "verifikasi"}
    )
    assert response.status_code == 403
    assert set(Realisasi.objects.filter(pk__in=[r_adpim.pk, r_org.pk]).values_list("status", flat=True)) == {
        "diajukan"
    }
    assert (
        _klien("operator.kalbar")
        .post(reverse("pengukuran:verifikasi_massal"), {"realisasi": [r_org.pk], "aksi": "verifikasi"})
        .status_code
        == 403
    )


@time_machine.travel(HARI, tick=False)
def test_the_admin_narrows_the_inbox_to_one_unit_with_counts_per_unit(demo, django_assert_max_num_queries):
    adpim = demo_orang.pengguna("operator.adpim")
    org = demo_orang.pengguna("operator.organisasi")
    r_adpim = [
        services.submit_realisasi(demo_orang.isi(_iku(kode), 2025, "TW1", adpim), by=adpim)
        for kode in ("IKU12", "IKU13")
    ]
    r_org = services.submit_realisasi(demo_orang.isi(_iku("IKU10"), 2025, "TW1", org), by=org)
    admin = _klien("admin.kaltim")
    url = reverse("pengukuran:kotak_verifikasi")
    semua = admin.get(url).content.decode()
    unit_adpim, unit_org = r_adpim[0].unit_kerja, r_org.unit_kerja
    # The select counts per unit, the unit with most waiting first.
    pilihan = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', semua)
    assert pilihan == [
        (str(unit_adpim.pk), f"{unit_adpim.nama} (2)"),
        (str(unit_org.pk), f"{unit_org.nama} (1)"),
    ]
    assert "3 realisasi menunggu." in semua
    with django_assert_max_num_queries(12):
        satu = admin.get(url, {"unit": unit_adpim.pk}).content.decode()
    assert all(f'id="realisasi-{r.pk}"' in satu for r in r_adpim)
    assert f'id="realisasi-{r_org.pk}"' not in satu
    assert f"2 realisasi menunggu di {unit_adpim.nama}." in satu
    assert f'<option value="{unit_adpim.pk}" selected>' in satu
    # A unit the verifier has nothing from (or nonsense) shows everything, with a warning.
    for nilai in ("999999", "abc"):
        lain = admin.get(url, {"unit": nilai}).content.decode()
        assert "semua unit ditampilkan" in lain
        assert f'id="realisasi-{r_org.pk}"' in lain
    # A pimpinan cannot widen their inbox by naming another unit.
    pimpinan = _klien("pimpinan.adpim").get(url, {"unit": unit_org.pk}).content.decode()
    assert f'id="realisasi-{r_org.pk}"' not in pimpinan
