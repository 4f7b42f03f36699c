from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sakip.profil import data as profil_data
from sakip.profil import services
from sakip.profil.models import BarisPegawai, ProfilOrganisasi, SaranaPrasarana
from sakip.profil.tests.conftest import data_kecil


def test_a_staff_row_whose_breakdowns_disagree_is_refused_by_clean(profil_a):
    baris = profil_a.pegawai_asn.first()
    baris.laki_laki += 1
    with pytest.raises(ValidationError) as exc:
        baris.full_clean()
    assert "L + P = 5 tidak sama dengan PNS + P3K = 4" in str(exc.value)


def test_the_database_refuses_a_staff_row_whose_breakdowns_disagree(profil_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        BarisPegawai.objects.filter(profil=profil_a, urutan=1).update(gol_iv=5)


def test_the_service_refuses_a_row_that_does_not_add_up_and_changes_nothing(org, profil_a):
    data = data_kecil(3)
    data["pegawai_asn"][2]["s1"] = 9
    with pytest.raises(ValidationError) as exc:
        services.simpan_profil(unit_kerja=org.biro_a, tahun=2024, data=data, by=None)
    assert "baris 3" in str(exc.value)
    assert profil_a.pegawai_asn.count() == 2


def test_totals_are_computed_from_the_cells(profil_a):
    ringkasan = profil_a.ringkasan_pegawai()
    assert (ringkasan.pns, ringkasan.p3k, ringkasan.jumlah_asn) == (6, 2, 8)
    assert (ringkasan.jumlah_non_pns, ringkasan.jumlah_seluruh) == (3, 11)
    assert (ringkasan.laki_laki, ringkasan.perempuan) == (4 + 2, 4 + 1)


def test_saving_the_same_data_again_writes_nothing(org, profil_a):
    before = BarisPegawai.history.count(), SaranaPrasarana.history.count(), ProfilOrganisasi.history.count()
    services.simpan_profil(unit_kerja=org.biro_a, tahun=2024, data=data_kecil(), by=None)
    after = BarisPegawai.history.count(), SaranaPrasarana.history.count(), ProfilOrganisasi.history.count()
    assert after == before


def test_shorter_lists_delete_the_extra_rows(org, profil_a):
    data = data_kecil(1)
    data["sarana"] = data["sarana"][:1]
    services.simpan_profil(unit_kerja=org.biro_a, tahun=2024, data=data, by=None)
    assert profil_a.pegawai_asn.count() == 1
    assert list(profil_a.sarana.values_list("banyaknya", flat=True)) == [Decimal("2")]


def test_history_records_who_changed_a_cell_with_old_and_new_value(org, profil_a, operator_a):
    data = data_kecil()
    data["pegawai_asn"][0].update(pns=4, gol_iv=2, laki_laki=3, s1=3)
    services.simpan_pegawai(
        unit_kerja=org.biro_a,
        tahun=2024,
        pegawai_asn=data["pegawai_asn"],
        pegawai_non_pns=data["pegawai_non_pns"],
        by=operator_a,
    )
    baris = profil_a.pegawai_asn.get(urutan=1)
    terbaru = baris.history.first()
    assert terbaru.history_user == operator_a
    assert terbaru.history_type == "~"
    perubahan = {c.field: (c.old, c.new) for c in terbaru.diff_against(terbaru.prev_record).changes}
    assert perubahan == {"pns": (3, 4), "gol_iv": (1, 2), "laki_laki": (2, 3), "s1": (2, 3)}
    assert profil_a.pegawai_asn.get(urutan=2).history.count() == 1  # untouched row: no new record


def test_standard_flag_and_rows_must_agree(org):
    data = data_kecil()
    data["uraian"]["ada_standar"] = True
    with pytest.raises(ValidationError, match="minimal satu indikator"):
        services.simpan_profil(unit_kerja=org.biro_a, tahun=2024, data=data, by=None)
    data["perbandingan_standar"] = [
        {"indikator": "Opini BPK", "tingkat": "nasional", "nilai_standar": "WTP", "realisasi": "WTP"}
    ]
    profil = services.simpan_profil(unit_kerja=org.biro_a, tahun=2024, data=data, by=None)
    assert profil.perbandingan_standar.get().get_tingkat_display() == "Nasional"


def test_copying_last_year_gives_the_same_profile_without_the_staff_date(org, profil_a):
    baru = services.salin_profil(unit_kerja=org.biro_a, dari_tahun=2024, ke_tahun=2025, by=None)
    lama, salinan = profil_data.dari_profil(profil_a), profil_data.dari_profil(baru)
    assert salinan["uraian"]["sdm_per_tanggal"] == ""
    salinan["uraian"]["sdm_per_tanggal"] = lama["uraian"]["sdm_per_tanggal"]
    assert salinan == lama
    with pytest.raises(ValidationError, match="sudah ada"):
        services.salin_profil(unit_kerja=org.biro_a, dari_tahun=2024, ke_tahun=2025, by=None)
