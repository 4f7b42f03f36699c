"""Forms keep what was typed after an error and say it at the field, naming the input by its label; a submitted or
verified value is shown read-only with the reason (issue #17 item 7)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.pengukuran import services
from sakip.pengukuran.models import Realisasi

pytestmark = pytest.mark.django_db


def _url(ind, tahun=2024):
    return reverse("pengukuran:simpan_realisasi", args=[ind.pk]) + f"?tahun={tahun}"


def _baris(html, periode):
    return re.search(rf'<tr id="periode-{periode}">.*?</tr>', html, re.S).group(0)


def test_text_in_a_number_keeps_the_typed_text_and_says_so_at_the_field(client, operator_a, iku_nilai):
    client.force_login(operator_a)
    response = client.post(
        _url(iku_nilai), {"prefix": "TW1", "TW1-periode": "TW1", "TW1-versi": "0", "TW1-nilai": "delapan"}
    )
    assert response.status_code == 200
    baris = _baris(response.content.decode(), "TW1")
    assert 'value="delapan"' in baris
    galat = re.search(r'<div class="galat-medan" id="galat-TW1-nilai".*?</div>', baris, re.S).group(0)
    assert "Realisasi (Indeks):" in galat
    assert not Realisasi.objects.filter(indikator=iku_nilai).exists()


def test_a_zero_denominator_keeps_both_inputs_and_names_the_input_by_its_label(client, operator_a, iku):
    client.force_login(operator_a)
    data = {
        "prefix": "TW2",
        "TW2-periode": "TW2",
        "TW2-versi": "0",
        "TW2-in_selesai": "5",
        "TW2-in_usulan": "0",
    }
    response = client.post(_url(iku), data)
    assert response.status_code == 200
    baris = _baris(response.content.decode(), "TW2")
    assert 'value="5"' in baris
    assert 'value="0"' in baris
    galat = re.search(r'<div class="galat-medan" id="galat-TW2-in_usulan".*?</div>', baris, re.S).group(0)
    label = iku.variabel.get(nama="usulan").label
    assert f"«{label}»" in galat
    assert "'usulan'" not in baris
    assert not Realisasi.objects.filter(indikator=iku).exists()


def test_a_year_outside_the_renstra_is_said_inside_the_form_with_the_values_kept(
    client, operator_a, iku_nilai
):
    client.force_login(operator_a)
    response = client.post(
        _url(iku_nilai, 2027), {"prefix": "TW1", "TW1-periode": "TW1", "TW1-versi": "0", "TW1-nilai": "81,5"}
    )
    baris = _baris(response.content.decode(), "TW1")
    assert "di luar periode Renstra 2024–2026" in re.search(
        r'<div class="galat-form".*?</div>', baris, re.S
    ).group(0)
    assert 'value="81,5"' in baris


def test_a_submitted_value_is_read_only_with_the_reason_and_a_verified_one_too(
    client, operator_a, admin_pemda, iku_nilai
):
    r1 = services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TW1", by=operator_a, nilai=Decimal(80)
    )
    services.submit_realisasi(r1, by=operator_a)
    r2 = services.save_realisasi(
        indikator=iku_nilai, tahun=2024, periode="TW2", by=operator_a, nilai=Decimal(82)
    )
    services.verify_realisasi(services.submit_realisasi(r2, by=operator_a), by=admin_pemda)
    client.force_login(operator_a)
    html = client.get(reverse("pengukuran:indikator", args=[iku_nilai.pk]) + "?tahun=2024").content.decode()
    tw1, tw2, tw3 = _baris(html, "TW1"), _baris(html, "TW2"), _baris(html, "TW3")
    assert "Simpan" not in tw1
    assert "Sudah diajukan dan menunggu verifikasi" in tw1
    assert "Simpan" not in tw2
    assert "Sudah diverifikasi; untuk mengubahnya, verifikator harus membuka verifikasi" in tw2
    assert "Simpan" in tw3  # an empty quarter stays editable
    # The verifier still corrects a submitted value before deciding.
    client.force_login(admin_pemda)
    admin_html = client.get(
        reverse("pengukuran:indikator", args=[iku_nilai.pk]) + "?tahun=2024"
    ).content.decode()
    assert "Simpan" in _baris(admin_html, "TW1")
