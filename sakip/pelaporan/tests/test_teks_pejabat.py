"""Issue #20 point 1: the LKjIP signature is filled from the roster of officials (copied into the report's texts)."""

import datetime

from sakip.organisasi import services as org_services
from sakip.pelaporan.forms import TeksLaporanForm
from sakip.pelaporan.models import TeksLaporan


def test_choosing_an_official_fills_the_lkjip_signature_with_post_name_rank_and_nip(org):
    teks = TeksLaporan.objects.create(unit_kerja=org.setda, tahun=2024)
    sekda = org_services.simpan_pejabat(
        pemda=org.pemda, unit_kerja=org.setda, nama="Sri Wahyuni", jabatan="Sekretaris Daerah",
        pangkat_golongan="Pembina Utama Madya (IV/d)", nip="196801011990032001",
        mulai=datetime.date(2023, 1, 1), by=None,
    )  # fmt: skip
    lain = org_services.simpan_pejabat(
        pemda=org.pemda_lain, nama="Orang Lain", jabatan="Sekda Q", mulai=datetime.date(2023, 1, 1), by=None
    )
    form = TeksLaporanForm({"penandatangan": sekda.pk, "tempat_tanda_tangan": "Samarinda"}, instance=teks)
    assert form.is_valid(), form.errors
    d = form.cleaned_data
    assert (d["jabatan_penandatangan"], d["nama_penandatangan"]) == ("Sekretaris Daerah", "Sri Wahyuni")
    assert (d["pangkat_penandatangan"], d["nip_penandatangan"]) == (
        "Pembina Utama Madya (IV/d)",
        "196801011990032001",
    )
    assert not TeksLaporanForm({"penandatangan": lain.pk}, instance=teks).is_valid()


def test_the_choice_is_offered_for_the_unit_passed_and_not_without_a_unit(org):
    assert "penandatangan" in TeksLaporanForm(unit=org.setda).fields
    assert "penandatangan" not in TeksLaporanForm().fields


def test_the_texts_page_offers_the_roster_before_any_text_exists_and_saves_the_choice(
    client, org, admin_pemda
):
    from django.urls import reverse

    sekda = org_services.simpan_pejabat(
        pemda=org.pemda, unit_kerja=org.setda, nama="Sri Wahyuni", jabatan="Sekretaris Daerah",
        nip="196801011990032001", mulai=datetime.date(2023, 1, 1), by=None,
    )  # fmt: skip
    client.force_login(admin_pemda)
    url = reverse("pelaporan:teks", args=[org.setda.pk, 2024])
    assert not TeksLaporan.objects.filter(unit_kerja=org.setda, tahun=2024).exists()
    page = client.get(url).content.decode()
    assert 'name="penandatangan"' in page
    assert "Sri Wahyuni" in page
    response = client.post(url, {"penandatangan": sekda.pk, "tempat_tanda_tangan": "Samarinda", "versi": 0})
    assert response.status_code == 302
    teks = TeksLaporan.objects.get(unit_kerja=org.setda, tahun=2024)
    assert (teks.nama_penandatangan, teks.nip_penandatangan) == ("Sri Wahyuni", "196801011990032001")
