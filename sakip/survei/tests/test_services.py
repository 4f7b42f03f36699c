from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.pengukuran import queries as pengukuran_queries
from sakip.pengukuran import services as pengukuran
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator
from sakip.survei import ikm, queries, services
from sakip.survei.models import Respons, Survei
from sakip.survei.tests.conftest import jawab

D = Decimal


def _realisasi(indikator, tahun=2024, periode="TW2"):
    return Realisasi.objects.get(indikator=indikator, tahun=tahun, periode=periode)


def test_public_response_is_stored_with_its_profile(survei_a):
    data = services.DataRespons(
        nilai=(4, 3, 4, 3, 4, 3, 4, 3, 4), jenis_kelamin="L", umur=40, pendidikan="S2", pekerjaan="ASN"
    )
    respons = services.submit_respons(survei=survei_a, data=data)
    respons.refresh_from_db()
    assert respons.nilai == [4, 3, 4, 3, 4, 3, 4, 3, 4]
    assert (respons.jenis_kelamin, respons.umur, respons.sumber) == ("L", 40, "daring")


def test_public_response_must_answer_every_unsur(survei_a):
    with pytest.raises(ValidationError, match=r"Unsur 9 \(Sarana dan prasarana\) belum dijawab"):
        services.submit_respons(survei=survei_a, data=services.DataRespons(nilai=(4,) * 8 + (None,)))
    assert not Respons.objects.exists()


@pytest.mark.parametrize("nilai", [(5,) * 9, (0,) * 9, (4,) * 8])
def test_malformed_answers_are_refused(survei_a, nilai):
    with pytest.raises(ValidationError):
        services.submit_respons(survei=survei_a, data=services.DataRespons(nilai=nilai))
    assert not Respons.objects.exists()


def test_profile_codes_are_checked(survei_a):
    with pytest.raises(ValidationError, match="jenis kelamin 'X' tidak dikenal"):
        services.submit_respons(survei=survei_a, data=services.DataRespons(nilai=(3,) * 9, jenis_kelamin="X"))


def test_closed_survey_refuses_public_answers(survei_a, operator_a):
    services.update_survei(survei=survei_a, by=operator_a, aktif=False)
    with pytest.raises(services.SurveiDitutup):
        services.submit_respons(survei=survei_a, data=services.DataRespons(nilai=(3,) * 9))


def test_cap_refuses_new_responses_and_keeps_the_earlier_ones(survei_a, operator_a):
    services.update_survei(survei=survei_a, by=operator_a, maks_respons=2)
    jawab(survei_a, [4] * 9, [3] * 9, sumber="daring")
    with pytest.raises(services.BatasTercapai, match="batas 2 jawaban"):
        jawab(survei_a, [1] * 9, sumber="daring")
    assert Respons.objects.filter(survei=survei_a).count() == 2


def test_import_is_all_or_nothing(survei_a, operator_a):
    baik = services.DataRespons(nilai=(3,) * 9)
    salah = services.DataRespons(nilai=(3,) * 8 + (7,))
    with pytest.raises(ValidationError, match=r"Respons 2: Unsur 9 .*nilai harus 1–4"):
        services.impor_respons(survei=survei_a, data=[baik, salah, baik], by=operator_a)
    assert not Respons.objects.exists()
    assert services.impor_respons(survei=survei_a, data=[baik, baik], by=operator_a) == 2
    assert Respons.objects.filter(survei=survei_a, sumber="kertas").count() == 2


def test_import_allows_blank_unsur_but_not_a_blank_questionnaire(survei_a, operator_a):
    services.impor_respons(
        survei=survei_a, data=[services.DataRespons(nilai=(None,) + (3,) * 8)], by=operator_a
    )
    with pytest.raises(ValidationError, match="Tidak ada unsur yang dijawab"):
        services.impor_respons(survei=survei_a, data=[services.DataRespons(nilai=(None,) * 9)], by=operator_a)


def test_import_over_the_cap_stores_nothing(survei_a, operator_a):
    services.update_survei(survei=survei_a, by=operator_a, maks_respons=3)
    jawab(survei_a, [3] * 9)
    with pytest.raises(services.BatasTercapai, match="melampaui batas 3"):
        services.impor_respons(
            survei=survei_a, data=[services.DataRespons(nilai=(3,) * 9)] * 3, by=operator_a
        )
    assert Respons.objects.count() == 1


@pytest.mark.parametrize("persona", ["pimpinan_a", "operator_b", "evaluator"])
def test_only_writers_of_the_unit_create_or_import(request, org, survei_a, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.create_survei(unit_kerja=org.biro_a, by=user, nama="X", tahun=2025, periode="S1")
    with pytest.raises(PermissionDenied):
        services.impor_respons(survei=survei_a, data=[services.DataRespons(nilai=(3,) * 9)], by=user)


def test_one_survey_per_unit_and_period(org, survei_a, operator_a):
    with pytest.raises(ValidationError):
        services.create_survei(unit_kerja=org.biro_a, by=operator_a, nama="Lagi", tahun=2024, periode="S1")


def test_new_survey_gets_the_standard_questionnaire_of_its_method(org, operator_a):
    s = services.create_survei(
        unit_kerja=org.biro_a,
        by=operator_a,
        nama="Lama",
        tahun=2024,
        periode="S2",
        metode="kepmenpan_25_2004",
    )
    assert len(s.unsur) == 14
    assert s.unsur[0]["label"] == "Prosedur pelayanan"
    assert s.unsur[0]["pilihan"] == ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"]


def test_method_is_fixed_once_answers_exist(survei_a, operator_a):
    services.update_survei(survei=survei_a, by=operator_a, metode="kepmenpan_25_2004")
    survei_a.refresh_from_db()
    assert survei_a.jumlah_unsur == 14
    assert len(survei_a.unsur) == 14
    jawab(survei_a, [3] * 14)
    with pytest.raises(ValidationError, match="Metode tidak dapat diubah"):
        services.update_survei(survei=survei_a, by=operator_a, metode="permenpanrb_14_2017")


def test_edited_labels_are_kept(survei_a, operator_a):
    unsur = [dict(u) for u in survei_a.unsur]
    unsur[8] = {**unsur[8], "label": "Ruang tunggu dan parkir"}
    services.update_survei(survei=survei_a, by=operator_a, unsur=unsur)
    survei_a.refresh_from_db()
    assert survei_a.label_unsur[8] == "Ruang tunggu dan parkir"
    with pytest.raises(ValidationError, match="empat pilihan"):
        services.update_survei(
            survei=survei_a, by=operator_a, unsur=[*unsur[:8], {**unsur[8], "pilihan": ["a"]}]
        )


# --- Link to an IKU -----------------------------------------------------------------------------------------


def _usulan(survei):
    survei.refresh_from_db()
    return services.usulan_realisasi(survei)


def _terima(survei, by):
    """Accept the proposal as the page shows it (value and the realisasi version seen)."""
    usulan = _usulan(survei)
    return services.terima_usulan(
        survei=survei, nilai=usulan.nilai, versi=usulan.realisasi.versi if usulan.realisasi else 0, by=by
    )


def test_linked_iku_gets_the_survey_result_as_a_proposal_that_follows_new_responses(
    survei_a, iku_ikm, operator_a
):
    jawab(survei_a, [3] * 9, [4] * 9)  # NRR 3,5 everywhere → IKM 3,5 → 87,50
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()  # linking writes nothing
    assert _usulan(survei_a).nilai == D("87.5")
    # A third respondent with 4 everywhere: NRR 11/3 → IKM unit 91,666667 (6 decimals kept in the realisasi).
    jawab(survei_a, [4] * 9, sumber="daring")
    assert _usulan(survei_a).nilai == D("91.666667")
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()
    realisasi = _terima(survei_a, operator_a)
    assert (realisasi.nilai, realisasi.status, realisasi.diubah_oleh) == (D("91.666667"), "draft", operator_a)
    assert services.queries.hasil_resmi(survei_a).ikm_unit_dibulatkan == D("91.67")
    # The measurement page's yearly value of a "nilai akhir" indicator is that semester value, capaian vs 85.
    nilai, _, periode = pengukuran_queries.realisasi_tahunan(
        iku_ikm, Realisasi.objects.filter(indikator=iku_ikm)
    )
    assert (nilai, periode) == (D("91.666667"), ["TW2"])


def test_semester_ii_and_yearly_surveys_propose_tw4_and_the_year(org, iku_ikm, operator_a):
    for periode, tujuan in (("S2", "TW4"), ("TAHUN", "TAHUN")):
        s = services.create_survei(
            unit_kerja=org.biro_a, by=operator_a, nama=periode, tahun=2025, periode=periode
        )
        jawab(s, [2] * 9)
        services.tautkan_indikator(survei=s, indikator=iku_ikm, by=operator_a)
        _terima(s, operator_a)
        assert _realisasi(iku_ikm, 2025, tujuan).nilai == D(50)


def test_formula_indicator_is_filled_without_its_inputs(survei_a, iku_rumus, operator_a):
    jawab(survei_a, [3] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_rumus, by=operator_a)
    realisasi = _terima(survei_a, operator_a)
    assert realisasi.nilai == D(75)
    assert realisasi.masukan == {}


def test_the_survey_weight_decides_the_proposal(survei_a, iku_ikm, operator_a):
    jawab(survei_a, [4] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    assert _usulan(survei_a).nilai == D(100)
    services.update_survei(survei=survei_a, by=operator_a, bobot=ikm.Bobot.DIBULATKAN)
    assert _usulan(survei_a).nilai == D("99.9")


def test_an_accepted_draft_can_be_replaced_by_a_newer_proposal(survei_a, iku_ikm, operator_a):
    jawab(survei_a, [4] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    _terima(survei_a, operator_a)
    services.impor_respons(survei=survei_a, data=[services.DataRespons(nilai=(2,) * 9)], by=operator_a)
    assert _realisasi(iku_ikm).nilai == D(100)  # the import proposes, it does not write
    assert _terima(survei_a, operator_a).nilai == D(75)


def test_a_proposal_that_changed_since_the_page_was_opened_is_refused(survei_a, iku_ikm, operator_a):
    jawab(survei_a, [4] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    dilihat = _usulan(survei_a).nilai
    jawab(survei_a, [2] * 9, sumber="daring")
    with pytest.raises(pengukuran.KonflikError, match="Hasil survei berubah"):
        services.terima_usulan(survei=survei_a, nilai=dilihat, versi=0, by=operator_a)
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()


def test_only_indicators_the_unit_reports_in_that_year_can_be_linked(
    org, survei_a, survei_b, iku_ikm, operator_a, admin_pemda
):
    with pytest.raises(ValidationError, match="dilaporkan unit survei ini"):
        services.tautkan_indikator(survei=survei_b, indikator=iku_ikm, by=admin_pemda)
    s2030 = services.create_survei(
        unit_kerja=org.biro_a, by=operator_a, nama="2030", tahun=2030, periode="S1"
    )
    with pytest.raises(ValidationError):
        services.tautkan_indikator(survei=s2030, indikator=iku_ikm, by=operator_a)


def test_pimpinan_cannot_link(survei_a, iku_ikm, pimpinan_a):
    with pytest.raises(PermissionDenied):
        services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=pimpinan_a)


def test_surveys_of_other_periods_feed_the_same_iku(org, survei_a, iku_ikm, operator_a):
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    bagian = services.create_survei(
        unit_kerja=org.biro_a, by=operator_a, nama="Tahunan", tahun=2024, periode="TAHUN"
    )
    services.tautkan_indikator(survei=bagian, indikator=iku_ikm, by=operator_a)  # another period: allowed
    assert Survei.objects.filter(indikator=iku_ikm).count() == 2


def test_period_cannot_change_while_linked(survei_a, iku_ikm, operator_a):
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    with pytest.raises(ValidationError, match="Lepaskan tautan IKU"):
        services.update_survei(survei=survei_a, by=operator_a, periode="S2")


def test_submitted_realisasi_is_not_overwritten_but_the_response_is_kept(survei_a, iku_ikm, operator_a):
    jawab(survei_a, [4] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    pengukuran.submit_realisasi(_terima(survei_a, operator_a), by=operator_a)
    jawab(survei_a, [2] * 9, sumber="daring")
    assert Respons.objects.filter(survei=survei_a).count() == 2
    assert _realisasi(iku_ikm).nilai == D(100)
    usulan = _usulan(survei_a)
    assert "Diajukan" in usulan.galat
    assert "tidak menimpa" in usulan.galat
    with pytest.raises(ValidationError, match="tidak menimpa"):
        services.terima_usulan(
            survei=survei_a, nilai=usulan.nilai, versi=usulan.realisasi.versi, by=operator_a
        )
    assert _realisasi(iku_ikm).nilai == D(100)


def test_locked_year_is_reported_and_refused(survei_a, iku_ikm, operator_a, admin_pemda, org):
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    pengukuran.lock_year(pemda=org.pemda, tahun=2024, by=admin_pemda)
    jawab(survei_a, [3] * 9, sumber="daring")
    usulan = _usulan(survei_a)
    assert "dikunci" in usulan.galat
    with pytest.raises(ValidationError, match="dikunci"):
        services.terima_usulan(survei=survei_a, nilai=usulan.nilai, versi=0, by=operator_a)
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()


def test_a_locked_quarter_of_the_proposal_is_reported_and_refused(
    survei_a, iku_ikm, operator_a, admin_pemda, org
):
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    pengukuran.lock_period(
        pemda=org.pemda, tahun=2024, periode="TW2", by=admin_pemda
    )  # semester I lands in TW2
    jawab(survei_a, [3] * 9, sumber="daring")
    usulan = _usulan(survei_a)
    assert (
        usulan.galat == "Data periode TW2 tahun 2024 sudah dikunci; usulan dari survei tidak dapat diterima."
    )
    with pytest.raises(ValidationError, match="dikunci"):
        services.terima_usulan(survei=survei_a, nilai=usulan.nilai, versi=0, by=operator_a)
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()


def test_incomplete_answers_make_no_proposal(survei_a, iku_ikm, operator_a):
    jawab(survei_a, [None] + [3] * 8)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    usulan = _usulan(survei_a)
    assert usulan.nilai is None
    assert "unsur U1 belum memiliki jawaban" in usulan.galat
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()


def test_unlinking_keeps_the_last_value_and_stops_proposals(survei_a, iku_ikm, operator_a):
    jawab(survei_a, [4] * 9)
    services.tautkan_indikator(survei=survei_a, indikator=iku_ikm, by=operator_a)
    _terima(survei_a, operator_a)
    services.lepas_indikator(survei=survei_a, by=operator_a)
    jawab(survei_a, [1] * 9)
    assert _realisasi(iku_ikm).nilai == D(100)
    assert _usulan(survei_a) is None


def test_results_query_count_does_not_grow_with_responses(survei_a, django_assert_num_queries):
    jawab(survei_a, [3] * 9)
    with django_assert_num_queries(1):
        queries.hasil_survei(survei_a)
    jawab(survei_a, *[[4] * 9] * 20)
    with django_assert_num_queries(1):
        hasil = queries.hasil_survei(survei_a)
    assert hasil.jumlah_respons == 21


def test_a_monthly_indicator_receives_a_semester_result_in_june_and_december(org, iku_ikm, operator_a):
    Indikator.objects.filter(pk=iku_ikm.pk).update(frekuensi="bulanan")
    for periode, bulan in (("S1", "B06"), ("S2", "B12")):
        s = services.create_survei(
            unit_kerja=org.biro_a, by=operator_a, nama=periode, tahun=2025, periode=periode
        )
        jawab(s, [3] * 9)  # NRR 3 → IKM 75
        services.tautkan_indikator(survei=s, indikator=iku_ikm, by=operator_a)
        assert _usulan(s).periode == bulan
        _terima(s, operator_a)
        assert _realisasi(iku_ikm, 2025, bulan).nilai == D(75)
    s.refresh_from_db()
    assert s.label_periode_realisasi == "Desember"


def test_a_yearly_indicator_takes_only_a_yearly_survey(org, iku_ikm, operator_a):
    Indikator.objects.filter(pk=iku_ikm.pk).update(frekuensi="tahunan")
    iku_ikm.refresh_from_db()
    semester = services.create_survei(
        unit_kerja=org.biro_a, by=operator_a, nama="S1", tahun=2025, periode="S1"
    )
    assert iku_ikm not in services.indikator_pilihan(semester)
    assert semester.label_periode_realisasi == "Triwulan II (Juni bagi indikator bulanan)"
    with pytest.raises(ValidationError) as galat:
        services.tautkan_indikator(survei=semester, indikator=iku_ikm, by=operator_a)
    assert "hanya menerima hasil survei tahunan" in str(galat.value)
    assert not Realisasi.objects.filter(indikator=iku_ikm).exists()
    tahunan = services.create_survei(
        unit_kerja=org.biro_a, by=operator_a, nama="T", tahun=2025, periode="TAHUN"
    )
    jawab(tahunan, [4] * 9)
    services.tautkan_indikator(survei=tahunan, indikator=iku_ikm, by=operator_a)
    _terima(tahunan, operator_a)
    assert _realisasi(iku_ikm, 2025, "TAHUN").nilai == D(100)
