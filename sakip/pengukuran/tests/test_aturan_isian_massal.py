"""Issue #18 acceptance: an error-level rule refuses a value in the grid and in the grid's Excel import with the same
message as on the page and the API (test_aturan_validasi); a warning-level one asks for its note there too."""

import re

import pytest
from django.contrib.messages import get_messages

from sakip.pengukuran import services
from sakip.pengukuran.models import AturanValidasi, Realisasi
from sakip.pengukuran.tests import test_isian_massal as massal
from sakip.pengukuran.tests.test_isian_massal import _data, _isi_templat, _url

pytestmark = pytest.mark.django_db

grid = massal.grid  # Biro A's TW I grid: IDX is a plain index with target 85 in 2024
# IDX target 85, k = 2: 250 > 85 × 2 = 170
PESAN = "Nilai 250 melebihi 2 × target (85) = 170."


def _aturan(org, admin_pemda, tingkat):
    services.simpan_aturan(
        pemda=org.pemda,
        by=admin_pemda,
        jenis=AturanValidasi.Jenis.MAKS_TARGET,
        nama="Tidak melebihi dua kali target",
        tingkat=tingkat,
        parameter={"k": "2"},
    )


def test_the_grid_refuses_an_error_with_the_rule_message_in_the_row(
    client, org, admin_pemda, operator_a, grid
):
    _aturan(org, admin_pemda, AturanValidasi.Tingkat.GALAT)
    client.force_login(operator_a)
    response = client.post(_url("pengukuran:isian_massal", org.biro_a), _data(grid, IDX__nilai="250"))
    assert response.status_code == 200
    html = response.content.decode()
    baris = re.search(r'<tr data-indikator="IDX">.*?</tr>', html, re.S).group(0)
    assert PESAN in baris
    assert 'value="250"' in baris
    assert not Realisasi.objects.exists()
    # Above the grid only the count of refused rows; the rule's message is in its row.
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 baris ditolak; tidak ada yang disimpan."
    ]


def test_the_import_refuses_an_error_with_the_same_message(client, org, admin_pemda, operator_a, grid):
    _aturan(org, admin_pemda, AturanValidasi.Tingkat.GALAT)
    client.force_login(operator_a)
    templat = client.get(_url("pengukuran:isian_templat", org.biro_a)).content
    berkas = _isi_templat(templat, {("IDX", "nilai"): 250})
    html = client.post(_url("pengukuran:isian_impor", org.biro_a), {"berkas_excel": berkas}).content.decode()
    assert not Realisasi.objects.exists()
    kesalahan = re.search(r'id="kesalahan-impor">.*?</section>', html, re.S).group(0)
    assert "(IDX)" in kesalahan
    assert PESAN in kesalahan


def test_the_grid_asks_for_the_note_of_a_warning_then_saves_with_it(
    client, org, admin_pemda, operator_a, grid
):
    _aturan(org, admin_pemda, AturanValidasi.Tingkat.PERINGATAN)
    client.force_login(operator_a)
    response = client.post(_url("pengukuran:isian_massal", org.biro_a), _data(grid, IDX__nilai="250"))
    baris = re.search(r'<tr data-indikator="IDX">.*?</tr>', response.content.decode(), re.S).group(0)
    assert PESAN in baris
    assert not Realisasi.objects.exists()
    data = _data(grid, IDX__nilai="250", IDX__catatan_peringatan="Survei ulang dengan sampel lebih besar.")
    client.post(_url("pengukuran:isian_massal", org.biro_a), data)
    r = Realisasi.objects.get()
    assert (r.peringatan, r.catatan_peringatan) == ([PESAN], "Survei ulang dengan sampel lebih besar.")
