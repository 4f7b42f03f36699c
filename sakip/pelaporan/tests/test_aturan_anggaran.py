"""Issue #18: the validation rule "realisasi ≤ pagu" (an `AturanValidasi` of the pemda) enforced wherever budget
realisasi is entered: the service, the page, the monthly entry, the Excel import and the API. An error-level rule
refuses realisasi above pagu with its message at the field (a confirmation does not override it); a warning-level
one saves it with a note, kept in the audit trail. The rule lives in pengukuran and budget entry in anggaran, two
layers side by side: pelaporan wires them (`aturan_anggaran`), so these tests sit here."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from sakip.anggaran import excel, services
from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.anggaran.tests.factories import anggaran_pertama, program_dengan_anggaran
from sakip.anggaran.tests.test_excel import buku
from sakip.pengukuran import services as pengukuran_services
from sakip.pengukuran.models import AturanValidasi

GALAT, PERINGATAN = AturanValidasi.Tingkat.GALAT, AturanValidasi.Tingkat.PERINGATAN
PESAN = "Realisasi anggaran tidak boleh melebihi pagu (Perkada 12/2024)."


@pytest.fixture
def baris(org):
    """Biro A's budget line of 2024: pagu Rp 1.000, realisasi Rp 100 (a second one Rp 2.000 / Rp 200)."""
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(100)), (D(2000), D(200))])
    return anggaran_pertama(program)


def _aturan(org, admin_pemda, tingkat, pesan=PESAN):
    return pengukuran_services.simpan_aturan(
        pemda=org.pemda,
        by=admin_pemda,
        jenis=AturanValidasi.Jenis.REALISASI_MAKS_PAGU,
        nama="Realisasi tidak melebihi pagu",
        tingkat=tingkat,
        pesan=pesan,
    )


def _simpan(baris, by, realisasi, **lain):
    return services.simpan_anggaran(
        sub_kegiatan=baris.sub_kegiatan, tahun=2024, pagu=D(1000), realisasi=D(realisasi), by=by, **lain
    )


# --- the service ---------------------------------------------------------------------------------------------------


def test_an_error_rule_refuses_realisasi_above_pagu_at_the_field_even_when_confirmed(
    baris, org, admin_pemda, operator_a
):
    _aturan(org, admin_pemda, GALAT)
    with pytest.raises(ValidationError) as exc:
        _simpan(baris, operator_a, 1200, izinkan_lebih_pagu=True)
    assert exc.value.message_dict == {"realisasi": [PESAN]}
    baris.refresh_from_db()
    assert baris.realisasi == D(100)
    assert _simpan(baris, operator_a, 1000).realisasi == D(1000)  # equal to pagu keeps the rule


def test_the_automatic_message_names_both_amounts(baris, org, admin_pemda, operator_a):
    _aturan(org, admin_pemda, GALAT, pesan="")
    with pytest.raises(ValidationError) as exc:
        _simpan(baris, operator_a, 1200)
    assert exc.value.message_dict == {"realisasi": ["Realisasi (Rp 1.200) melebihi pagu (Rp 1.000)."]}


def test_a_warning_rule_asks_for_a_note_then_saves_with_it_in_the_history(
    baris, org, admin_pemda, operator_a
):
    _aturan(org, admin_pemda, PERINGATAN)
    with pytest.raises(ValidationError) as exc:
        _simpan(baris, operator_a, 1200)
    assert exc.value.message_dict == {
        "catatan_lebih_pagu": [
            f"Peringatan: {PESAN} Tuliskan catatan penjelasan realisasi yang melebihi pagu, lalu simpan lagi."
        ]
    }
    tersimpan = _simpan(baris, operator_a, 1200, catatan_lebih_pagu="Tambahan dari APBD Perubahan.")
    assert tersimpan.realisasi == D(1200)
    terakhir = AnggaranSubKegiatan.history.filter(id=baris.pk).latest("history_date")
    assert terakhir.history_user == operator_a
    assert terakhir.history_change_reason == "Realisasi melebihi pagu: Tambahan dari APBD Perubahan."


def test_without_a_rule_the_confirmation_still_decides(baris, operator_a):
    with pytest.raises(ValidationError) as exc:
        _simpan(baris, operator_a, 1200)
    assert "centang konfirmasi" in exc.value.message_dict["realisasi"][0]
    assert _simpan(baris, operator_a, 1200, izinkan_lebih_pagu=True).realisasi == D(1200)


def test_an_inactive_rule_or_another_pemdas_rule_does_not_apply(baris, org, admin_pemda, operator_a):
    aturan = _aturan(org, admin_pemda, GALAT)
    aturan.aktif = False
    aturan.save()
    assert _simpan(baris, operator_a, 1200, izinkan_lebih_pagu=True).realisasi == D(1200)


def test_the_rule_is_for_the_whole_pemda_not_one_indicator(org, admin_pemda):
    from sakip.pengukuran.tests.test_aturan_validasi import ind as buat_ind

    indikator = buat_ind.__wrapped__(org, admin_pemda)
    with pytest.raises(ValidationError) as exc:
        pengukuran_services.simpan_aturan(
            pemda=org.pemda,
            by=admin_pemda,
            jenis=AturanValidasi.Jenis.REALISASI_MAKS_PAGU,
            nama="x",
            tingkat=GALAT,
            indikator=indikator,
        )
    assert list(exc.value.message_dict) == ["indikator"]


def test_monthly_realisasi_above_pagu_are_refused_by_an_error_rule(baris, org, admin_pemda, operator_a):
    _aturan(org, admin_pemda, GALAT)
    with pytest.raises(ValidationError) as exc:
        services.set_realisasi_bulanan(
            anggaran=baris, per_bulan={1: D(700), 2: D(500)}, izinkan_lebih_pagu=True, by=operator_a
        )
    assert exc.value.messages == [PESAN]
    assert not baris.bulanan.exists()


# --- the page ------------------------------------------------------------------------------------------------------


def _post(client, baris, realisasi, **lain):
    return client.post(
        reverse("anggaran:anggaran_ubah", args=[baris.sub_kegiatan.pk, 2024]),
        {"pagu": "1000", "realisasi": realisasi, "jenis_belanja": "operasi", **lain},
    )


def test_the_page_shows_the_rule_at_the_field_and_keeps_what_was_typed(
    client, baris, org, admin_pemda, operator_a
):
    _aturan(org, admin_pemda, GALAT)
    client.force_login(operator_a)
    response = _post(client, baris, "1.200", izinkan_lebih_pagu="on")
    assert response.status_code == 200
    assert response.context["form"].errors == {"realisasi": [PESAN]}
    assert 'value="1.200"' in response.content.decode()
    baris.refresh_from_db()
    assert baris.realisasi == D(100)


def test_the_page_saves_a_warning_with_the_note(client, baris, org, admin_pemda, operator_a):
    _aturan(org, admin_pemda, PERINGATAN)
    client.force_login(operator_a)
    response = _post(client, baris, "1.200")
    assert response.status_code == 200
    assert PESAN in response.context["form"].errors["catatan_lebih_pagu"][0]
    response = _post(client, baris, "1.200", catatan_lebih_pagu="Tambahan dari APBD Perubahan.")
    assert response.status_code == 302
    baris.refresh_from_db()
    assert baris.realisasi == D(1200)


def test_the_monthly_form_shows_the_rule_in_the_form_and_keeps_the_months_typed(
    client, baris, org, admin_pemda, operator_a
):
    _aturan(org, admin_pemda, GALAT)
    client.force_login(operator_a)
    url = reverse("anggaran:anggaran_bulanan", args=[baris.sub_kegiatan.pk, 2024])
    response = client.post(url, {"bulan_1": "700", "bulan_2": "500", "izinkan_lebih_pagu": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    assert f'<div class="error" role="alert" id="galat-bulanan">{PESAN}</div>' in body
    assert 'name="bulan_1" value="700"' in body
    assert 'name="bulan_2" value="500"' in body
    assert not baris.bulanan.exists()


def test_the_monthly_form_asks_for_the_note_at_its_field_under_a_warning(
    client, baris, org, admin_pemda, operator_a
):
    _aturan(org, admin_pemda, PERINGATAN)
    client.force_login(operator_a)
    url = reverse("anggaran:anggaran_bulanan", args=[baris.sub_kegiatan.pk, 2024])
    response = client.post(url, {"bulan_1": "700", "bulan_2": "500"})
    assert response.status_code == 400
    assert PESAN in response.context["bulan_form"].errors["catatan_lebih_pagu"][0]
    response = client.post(url, {"bulan_1": "700", "bulan_2": "500", "catatan_lebih_pagu": "APBD Perubahan."})
    assert response.status_code == 302
    baris.refresh_from_db()
    assert baris.realisasi == D(1200)


def test_a_negative_month_is_refused_at_that_month(client, baris, operator_a):
    client.force_login(operator_a)
    url = reverse("anggaran:anggaran_bulanan", args=[baris.sub_kegiatan.pk, 2024])
    response = client.post(url, {"bulan_3": "-5"})
    assert response.status_code == 400
    assert response.context["bulan_form"].errors["bulan_3"] == ["Nilai tidak boleh negatif."]


# --- the import ----------------------------------------------------------------------------------------------------


def _hasil(*baris):
    return excel.baca(buku(*baris))


def test_an_import_lists_each_row_above_pagu_with_the_rule_and_changes_nothing(
    baris, org, admin_pemda, operator_a
):
    _aturan(org, admin_pemda, GALAT)
    hasil = _hasil(["4.01.01.2.01.0001", "x", 1000, 1200], ["4.01.01.2.01.0002", "x", 2000, 300])
    rencana = services.siapkan_impor(user=operator_a, tahun=2024, hasil=hasil)
    assert [str(k) for k in rencana.kesalahan] == [
        f"Baris 2, kolom 'Realisasi': {PESAN} (sub kegiatan 4.01.01.2.01.0001)"
    ]
    with pytest.raises(ValidationError):
        services.terapkan_impor(rencana=rencana, tahun=2024, konfirmasi_lebih_pagu=True, by=operator_a)
    assert sorted(AnggaranSubKegiatan.objects.values_list("realisasi", flat=True)) == [D(100), D(200)]


def test_an_import_under_a_warning_rule_needs_the_note_and_records_it(baris, org, admin_pemda, operator_a):
    _aturan(org, admin_pemda, PERINGATAN)
    isi = (["4.01.01.2.01.0001", "x", 1000, 1200],)
    with pytest.raises(ValidationError) as exc:
        services.impor(user=operator_a, tahun=2024, hasil=_hasil(*isi), konfirmasi_lebih_pagu=True)
    assert exc.value.messages[0] == (
        f"Peringatan: Baris 2, kolom 'Realisasi': {PESAN} (sub kegiatan 4.01.01.2.01.0001)"
    )
    services.impor(user=operator_a, tahun=2024, hasil=_hasil(*isi), catatan_lebih_pagu="Dana BOS tambahan.")
    baris.refresh_from_db()
    assert baris.realisasi == D(1200)
    terakhir = AnggaranSubKegiatan.history.filter(id=baris.pk).latest("history_date")
    assert terakhir.history_change_reason.endswith("realisasi melebihi pagu: Dana BOS tambahan.")


# --- the API -------------------------------------------------------------------------------------------------------


def test_the_api_refuses_with_the_same_message_and_saves_a_warning_with_its_note(
    baris, org, admin_pemda, operator_a
):
    aturan = _aturan(org, admin_pemda, GALAT)
    api = APIClient()
    api.force_authenticate(operator_a)
    url = f"/api/anggaran/{baris.pk}/"
    response = api.patch(url, {"realisasi": "1200", "izinkan_lebih_pagu": True}, format="json")
    assert (response.status_code, response.json()) == (400, {"realisasi": [PESAN]})
    pengukuran_services.simpan_aturan(
        pemda=org.pemda,
        by=admin_pemda,
        jenis=aturan.jenis,
        nama=aturan.nama,
        tingkat=PERINGATAN,
        pesan=PESAN,
        aturan=aturan,
    )
    response = api.patch(url, {"realisasi": "1200"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["catatan_lebih_pagu"]
    response = api.patch(url, {"realisasi": "1200", "catatan_lebih_pagu": "Tambahan."}, format="json")
    assert response.status_code == 200, response.json()
    assert D(response.json()["realisasi"]) == D(1200)


# --- the rules page ------------------------------------------------------------------------------------------------


def test_the_admin_adds_the_rule_on_the_rules_page_and_the_budget_page_follows_it(
    client, baris, org, admin_pemda, operator_a
):
    from sakip.pengukuran.tests.test_aturan_validasi import ind as buat_ind

    indikator = buat_ind.__wrapped__(org, admin_pemda)
    client.force_login(admin_pemda)
    isian = {
        "pemda": org.pemda.pk,
        "nama": "Realisasi tidak melebihi pagu",
        "jenis": "realisasi_maks_pagu",
        "tingkat": "galat",
        "pesan": PESAN,
        "aktif": "on",
    }
    response = client.post("/pengukuran/aturan/", {**isian, "indikator": indikator.pk})
    assert response.context["form"].errors["indikator"] == [
        "Aturan realisasi ≤ pagu berlaku untuk anggaran seluruh pemda: kosongkan indikator."
    ]
    assert client.post("/pengukuran/aturan/", isian).status_code == 302
    aturan = AturanValidasi.objects.get()
    assert (aturan.jenis, aturan.history.get().history_user) == ("realisasi_maks_pagu", admin_pemda)
    client.force_login(operator_a)
    response = _post(client, baris, "1.200", izinkan_lebih_pagu="on")
    assert response.context["form"].errors == {"realisasi": [PESAN]}
