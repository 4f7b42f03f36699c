"""Handing in a realisasi that a rule saved since refuses: the rule's message stands at the value's field of that
period on the entry page, with the stored value in the input, not as a message above the page (issue #18)."""

from decimal import Decimal

from django.contrib.messages import get_messages

from sakip.pengukuran.models import AturanValidasi, Realisasi
from sakip.pengukuran.tests import test_aturan_validasi as dasar
from sakip.pengukuran.tests.test_aturan_validasi import PESAN_TARGET, _aturan, _simpan

ind = dasar.ind  # the same indicator fixture: target 100 in 2025, reported by Biro A

GALAT, PERINGATAN = AturanValidasi.Tingkat.GALAT, AturanValidasi.Tingkat.PERINGATAN


def test_a_rule_broken_at_hand_in_is_shown_at_the_field_with_the_value_kept(
    client,
    ind,
    org,
    admin_pemda,
    operator_a,
):
    r = _simpan(ind, operator_a, 250)
    _aturan(org, admin_pemda, "maks_target", GALAT, {"k": "2"})
    client.force_login(operator_a)
    response = client.post(f"/pengukuran/realisasi/{r.pk}/ajukan/")
    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == []
    body = response.content.decode()
    galat = body.split('id="galat-TAHUN-nilai"')[1].split("</div>")[0]
    assert PESAN_TARGET in galat
    masukan = body.split('name="TAHUN-nilai"')[1].split(">")[0]
    assert 'value="250"' in masukan
    assert Realisasi.objects.get().status == Realisasi.Status.DRAFT


def test_a_warning_without_a_note_at_hand_in_asks_for_it_at_the_note_field(
    client,
    ind,
    org,
    admin_pemda,
    operator_a,
):
    r = _simpan(ind, operator_a, 160)
    _aturan(
        org, admin_pemda, "rentang_nilai", PERINGATAN, {"maks": "150"}, pesan="Di atas 150 jarang terjadi."
    )
    client.force_login(operator_a)
    response = client.post(f"/pengukuran/realisasi/{r.pk}/ajukan/")
    assert response.status_code == 200
    galat = response.content.decode().split('id="galat-TAHUN-catatan_peringatan"')[1].split("</div>")[0]
    assert "Di atas 150 jarang terjadi." in galat
    assert Realisasi.objects.get().status == Realisasi.Status.DRAFT


def test_hand_in_without_a_broken_rule_still_redirects_with_its_message(client, ind, operator_a):
    r = _simpan(ind, operator_a, 90)
    client.force_login(operator_a)
    response = client.post(f"/pengukuran/realisasi/{r.pk}/ajukan/")
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Realisasi diajukan untuk verifikasi."]
    assert Realisasi.objects.get().nilai == Decimal(90)
