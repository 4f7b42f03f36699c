import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

from sakip.evaluasi import izin, nilai, services
from sakip.evaluasi.models import EvaluasiAkip, NilaiKomponen, Rekomendasi, SkemaEvaluasi
from sakip.organisasi import services as organisasi_services
from sakip.organisasi.models import Penugasan
from sakip.organisasi.tests.factories import PenggunaFactory

D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def test_national_schemes_ship_with_valid_weights(skema_88, skema_12):
    for skema in (skema_88, skema_12):
        assert nilai.validasi_bobot(skema.komponen_murni()) == []
    bobot_88 = {k.kode: k.bobot for k in skema_88.komponen.all()}
    assert bobot_88["PERENCANAAN"] == 30
    assert bobot_88["EVALUASI"] == 25
    # 20 % / 30 % / 50 % of Pelaporan Kinerja 15: 3 + 4,5 + 7,5
    assert [bobot_88[f"PELAPORAN.{s}"] for s in ("PEMENUHAN", "KUALITAS", "PEMANFAATAN")] == [
        D(3),
        D("4.5"),
        D("7.5"),
    ]
    bobot_12 = {k.kode: k.bobot for k in skema_12.komponen.all()}
    assert bobot_12 == {
        "PERENCANAAN": 30,
        "PENGUKURAN": 25,
        "PELAPORAN": 15,
        "EVALUASI": 10,
        "CAPAIAN": 20,
    }
    assert skema_88.pemda is None


def test_evaluator_enters_scores_and_product_computes_total_and_grade(evaluasi_a):
    evaluasi = EvaluasiAkip.objects.lengkap().get(pk=evaluasi_a.pk)
    hasil = evaluasi.hasil()
    # 25 + 20 + 12 + 8 + 17,5 = 82,5 -> A
    assert hasil.total == D("82.5")
    assert hasil.predikat is not None
    assert hasil.predikat.kode == "A"


@pytest.mark.parametrize(("capaian", "predikat"), [("15.00", "A"), ("15.01", "AA")])
def test_stored_total_of_exactly_90_grades_a_and_90_01_grades_aa(evaluasi_a, evaluator, capaian, predikat):
    # 30 + 25 + 12 + 8 + 15,00 = 90,00 -> A; with 15,01 -> 90,01 -> AA
    skor = {
        "PERENCANAAN": D(30),
        "PENGUKURAN": D(25),
        "PELAPORAN": D(12),
        "EVALUASI": D(8),
        "CAPAIAN": D(capaian),
    }
    hasil = services.save_nilai(evaluasi=evaluasi_a, nilai_baru=skor, by=evaluator)
    assert hasil.predikat is not None
    assert hasil.predikat.kode == predikat
    stored = EvaluasiAkip.objects.lengkap().get(pk=evaluasi_a.pk).hasil()
    assert stored.predikat is not None
    assert stored.predikat.kode == predikat


def test_admin_pemda_also_scores(evaluasi_a, admin_pemda):
    services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"CAPAIAN": D(19)}, by=admin_pemda)
    assert evaluasi_a.nilai.get(komponen__kode="CAPAIAN").nilai == 19


@pytest.mark.parametrize("persona", ["operator_a", "pimpinan_a", "operator_b"])
def test_only_evaluators_and_admin_pemda_score(request, evaluasi_a, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"CAPAIAN": D(1)}, by=user)
    with pytest.raises(PermissionDenied):
        services.save_rekomendasi(evaluasi=evaluasi_a, uraian="x", by=user)


def test_evaluator_of_another_pemda_may_not_score(org, evaluasi_a):
    lain = PenggunaFactory(username="evaluator_q")
    organisasi_services.assign_role(pengguna=lain, peran=Penugasan.Peran.EVALUATOR, pemda=org.pemda_lain)
    assert not izin.can_score(lain, org.biro_a)
    with pytest.raises(PermissionDenied):
        services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"CAPAIAN": D(1)}, by=lain)


def test_score_above_weight_is_refused(evaluasi_a, evaluator):
    with pytest.raises(ValidationError) as exc:
        services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"EVALUASI": D("10.01")}, by=evaluator)
    assert "melebihi bobot" in str(exc.value.message_dict["EVALUASI"])
    assert evaluasi_a.nilai.get(komponen__kode="EVALUASI").nilai == 8


def test_model_validation_refuses_scores_above_weight_too(evaluasi_a, skema_12):
    obj = evaluasi_a.nilai.get(komponen__kode="EVALUASI")
    obj.nilai = D(11)
    with pytest.raises(ValidationError):
        obj.full_clean()


def test_unknown_component_is_refused(evaluasi_a, evaluator):
    with pytest.raises(ValidationError):
        services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"TIDAK_ADA": D(1)}, by=evaluator)


def test_none_clears_a_score_and_the_total_becomes_incomplete(evaluasi_a, evaluator):
    hasil = services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"CAPAIAN": None}, by=evaluator)
    assert hasil.total is None
    assert not evaluasi_a.nilai.filter(komponen__kode="CAPAIAN").exists()


def test_sub_component_scores_of_88_2021(org, evaluator, skema_88):
    evaluasi = services.create_evaluasi(unit_kerja=org.biro_b, tahun=2024, skema=skema_88, by=evaluator)
    skor = {
        "PERENCANAAN.PEMENUHAN": D("5.5"),
        "PERENCANAAN.KUALITAS": D("7.5"),
        "PERENCANAAN.PEMANFAATAN": D("12"),
        "PENGUKURAN": D(24),
        "PELAPORAN": D(12),
        "EVALUASI": D(20),
    }
    hasil = services.save_nilai(evaluasi=evaluasi, nilai_baru=skor, by=evaluator)
    # Perencanaan 5,5 + 7,5 + 12 = 25; total 25 + 24 + 12 + 20 = 81 -> A
    assert hasil.nilai["PERENCANAAN"] == 25
    assert hasil.total == 81
    # Pemenuhan of Perencanaan weighs 6 (20 % of 30)
    with pytest.raises(ValidationError):
        services.save_nilai(evaluasi=evaluasi, nilai_baru={"PERENCANAAN.PEMENUHAN": D("6.5")}, by=evaluator)
    # A component score that contradicts its sub-components is refused.
    with pytest.raises(ValidationError) as exc:
        services.save_nilai(evaluasi=evaluasi, nilai_baru={"PERENCANAAN": D(24)}, by=evaluator)
    assert "tidak sama dengan jumlah" in str(exc.value)


def test_one_evaluation_per_unit_and_year(evaluasi_a, evaluator, skema_88, org):
    with pytest.raises(ValidationError):
        services.create_evaluasi(unit_kerja=org.biro_a, tahun=2023, skema=skema_88, by=evaluator)


def test_scheme_of_another_pemda_cannot_be_used(org, admin_user, evaluator):
    skema_q = services.upsert_skema(
        pemda=org.pemda_lain,
        kode="Q",
        nama="Skema Q",
        komponen=[services.KomponenBaru("A", "A", D(100))],
        by=admin_user,
    )
    with pytest.raises(ValidationError):
        services.create_evaluasi(unit_kerja=org.biro_a, tahun=2024, skema=skema_q, by=evaluator)


def test_scheme_weights_are_validated_on_save(org, admin_pemda):
    with pytest.raises(ValidationError, match="seharusnya 100"):
        services.upsert_skema(
            pemda=org.pemda,
            kode="P",
            nama="Skema P",
            komponen=[services.KomponenBaru("A", "A", D(60)), services.KomponenBaru("B", "B", D(30))],
            by=admin_pemda,
        )


def test_pemda_scheme_upsert_is_idempotent_and_orders_sub_components(org, admin_pemda):
    komponen = [
        services.KomponenBaru("B", "B", D(40)),
        services.KomponenBaru("A", "A", D(60)),
        services.KomponenBaru("A.2", "A2", D(30), induk="A"),
        services.KomponenBaru("A.1", "A1", D(30), induk="A"),
    ]
    for _ in range(2):
        skema = services.upsert_skema(
            pemda=org.pemda, kode="P", nama="Skema P", komponen=komponen, by=admin_pemda
        )
    assert SkemaEvaluasi.objects.filter(pemda=org.pemda).count() == 1
    assert [k.kode for k in skema.komponen.all()] == ["B", "A", "A.2", "A.1"]
    assert skema.komponen.get(kode="A.1").induk.kode == "A"


def test_only_admin_pemda_or_superuser_define_schemes(org, evaluator, admin_pemda):
    args = {"kode": "X", "nama": "X", "komponen": [services.KomponenBaru("A", "A", D(100))]}
    with pytest.raises(PermissionDenied):
        services.upsert_skema(pemda=org.pemda, by=evaluator, **args)
    with pytest.raises(PermissionDenied):
        services.upsert_skema(pemda=None, by=admin_pemda, **args)


def test_component_with_scores_cannot_be_removed_from_a_scheme(org, admin_pemda, evaluator):
    komponen = [services.KomponenBaru("A", "A", D(50)), services.KomponenBaru("B", "B", D(50))]
    skema = services.upsert_skema(pemda=org.pemda, kode="P", nama="P", komponen=komponen, by=admin_pemda)
    evaluasi = services.create_evaluasi(unit_kerja=org.biro_b, tahun=2024, skema=skema, by=evaluator)
    services.save_nilai(evaluasi=evaluasi, nilai_baru={"B": D(40)}, by=evaluator)
    with pytest.raises(ProtectedError):
        services.upsert_skema(
            pemda=org.pemda,
            kode="P",
            nama="P",
            komponen=[services.KomponenBaru("A", "A", D(100))],
            by=admin_pemda,
        )


def test_scheme_cannot_change_after_scores(evaluasi_a, evaluator, skema_88):
    with pytest.raises(ValidationError):
        services.update_evaluasi(evaluasi_a, skema=skema_88, by=evaluator)
    services.update_evaluasi(evaluasi_a, nomor_lhe="700/123/Insp", by=evaluator)
    assert EvaluasiAkip.objects.get(pk=evaluasi_a.pk).nomor_lhe == "700/123/Insp"


def test_score_history_records_author_old_and_new_values(evaluasi_a, evaluator, admin_pemda):
    services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"CAPAIAN": D("18.25")}, by=admin_pemda)
    obj = evaluasi_a.nilai.get(komponen__kode="CAPAIAN")
    versi = list(obj.history.order_by("history_date"))
    assert [(v.nilai, v.history_user) for v in versi] == [(D("17.5"), evaluator), (D("18.25"), admin_pemda)]
    assert [v.history_type for v in versi] == ["+", "~"]


def test_unchanged_scores_write_no_history(evaluasi_a, evaluator):
    from sakip.evaluasi.tests.conftest import NILAI_12_2015

    before = NilaiKomponen.history.count()
    services.save_nilai(evaluasi=evaluasi_a, nilai_baru=NILAI_12_2015, by=evaluator)
    assert NilaiKomponen.history.count() == before


def test_cleared_score_is_recorded_as_deletion(evaluasi_a, evaluator):
    services.save_nilai(evaluasi=evaluasi_a, nilai_baru={"CAPAIAN": None}, by=evaluator)
    terakhir = NilaiKomponen.history.order_by("-history_date").first()
    assert (terakhir.history_type, terakhir.nilai, terakhir.history_user) == ("-", D("17.5"), evaluator)


def test_operator_of_evaluated_unit_writes_tindak_lanjut_only(rekomendasi_a, operator_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.save_tindak_lanjut(
        rekomendasi=rekomendasi_a,
        tindak_lanjut="IKU direviu.",
        status=Rekomendasi.Status.DIAJUKAN,
        berkas_nama="notulen.pdf",
        berkas_isi=PDF,
        by=operator_a,
    )
    rekomendasi_a.refresh_from_db()
    assert (rekomendasi_a.status, rekomendasi_a.tindak_lanjut) == ("diajukan", "IKU direviu.")
    versi = rekomendasi_a.history.order_by("-history_date").first()
    assert versi.history_user == operator_a
    with pytest.raises(PermissionDenied):
        services.save_rekomendasi(
            evaluasi=rekomendasi_a.evaluasi, rekomendasi=rekomendasi_a, uraian="diubah", by=operator_a
        )


@pytest.mark.parametrize("persona", ["pimpinan_a", "operator_b"])
def test_readers_and_outsiders_cannot_write_tindak_lanjut(request, rekomendasi_a, persona):
    with pytest.raises(PermissionDenied):
        services.save_tindak_lanjut(
            rekomendasi=rekomendasi_a, tindak_lanjut="x", status="belum", by=request.getfixturevalue(persona)
        )


def test_evaluator_may_also_record_tindak_lanjut(rekomendasi_a, evaluator):
    services.save_tindak_lanjut(rekomendasi=rekomendasi_a, tindak_lanjut="Diverifikasi.", by=evaluator)
    rekomendasi_a.refresh_from_db()
    assert rekomendasi_a.tindak_lanjut == "Diverifikasi."


def test_submitting_needs_a_tindak_lanjut_text(rekomendasi_a, operator_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        services.save_tindak_lanjut(
            rekomendasi=rekomendasi_a,
            tindak_lanjut="  ",
            status="diajukan",
            berkas_nama="b.pdf",
            berkas_isi=PDF,
            by=operator_a,
        )
    rekomendasi_a.refresh_from_db()
    assert rekomendasi_a.status == "belum"


def test_a_follow_up_marked_done_without_evidence_is_refused(rekomendasi_a, operator_a, evaluator):
    with pytest.raises(ValidationError) as exc:
        services.save_tindak_lanjut(
            rekomendasi=rekomendasi_a, tindak_lanjut="Sudah kami perbaiki.", status="sudah", by=operator_a
        )
    assert "evaluator" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.save_tindak_lanjut(
            rekomendasi=rekomendasi_a, tindak_lanjut="Sudah kami perbaiki.", status="diajukan", by=operator_a
        )
    assert "Lampirkan bukti" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        services.terima_tindak_lanjut(rekomendasi=rekomendasi_a, by=evaluator)
    assert "tanpa bukti" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        services.save_rekomendasi(
            evaluasi=rekomendasi_a.evaluasi,
            rekomendasi=rekomendasi_a,
            uraian="x",
            status="sudah",
            by=evaluator,
        )
    rekomendasi_a.refresh_from_db()
    assert rekomendasi_a.status == "belum"


def test_a_follow_up_with_evidence_becomes_sudah_only_when_the_evaluator_accepts_it(
    rekomendasi_a, operator_a, evaluator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.save_tindak_lanjut(
        rekomendasi=rekomendasi_a,
        tindak_lanjut="IKU direviu.",
        status="diajukan",
        berkas_nama="notulen.pdf",
        berkas_isi=PDF,
        by=operator_a,
    )
    with pytest.raises(PermissionDenied):
        services.terima_tindak_lanjut(rekomendasi=rekomendasi_a, by=operator_a)
    services.kembalikan_tindak_lanjut(
        rekomendasi=rekomendasi_a, catatan="Notulen belum ditandatangani.", by=evaluator
    )
    rekomendasi_a.refresh_from_db()
    assert (rekomendasi_a.status, rekomendasi_a.catatan_evaluator) == (
        "belum",
        "Notulen belum ditandatangani.",
    )
    services.save_tindak_lanjut(
        rekomendasi=rekomendasi_a,
        tindak_lanjut="IKU direviu; notulen ditandatangani.",
        status="diajukan",
        by=operator_a,
    )  # the evidence already attached is kept
    services.terima_tindak_lanjut(rekomendasi=rekomendasi_a, by=evaluator)
    rekomendasi_a.refresh_from_db()
    assert rekomendasi_a.status == "sudah"
    assert [h.status for h in rekomendasi_a.history.order_by("history_date")][-4:] == [
        "diajukan",
        "belum",
        "diajukan",
        "sudah",
    ]


def test_operator_of_responsible_sub_unit_writes_tindak_lanjut(org, evaluasi_a, evaluator):
    operator_a1 = PenggunaFactory(username="operator_a1")
    organisasi_services.assign_role(
        pengguna=operator_a1, peran=Penugasan.Peran.OPERATOR, pemda=org.pemda, unit_kerja=org.bagian_a1
    )
    rekomendasi = services.save_rekomendasi(
        evaluasi=evaluasi_a,
        uraian="Bagian A1: lengkapi data dukung.",
        penanggung_jawab=org.bagian_a1,
        by=evaluator,
    )
    assert Rekomendasi.objects.visible_to(operator_a1).get() == rekomendasi
    assert not EvaluasiAkip.objects.visible_to(operator_a1).exists()
    services.save_tindak_lanjut(rekomendasi=rekomendasi, tindak_lanjut="Sudah dilengkapi.", by=operator_a1)
    rekomendasi.refresh_from_db()
    assert rekomendasi.tindak_lanjut == "Sudah dilengkapi."


def test_responsible_unit_must_be_the_evaluated_unit_or_below(org, evaluasi_a, evaluator):
    with pytest.raises(ValidationError):
        services.save_rekomendasi(evaluasi=evaluasi_a, uraian="x", penanggung_jawab=org.biro_b, by=evaluator)


def test_recommendation_component_must_belong_to_the_scheme(evaluasi_a, evaluator, skema_88):
    with pytest.raises(ValidationError):
        services.save_rekomendasi(
            evaluasi=evaluasi_a, uraian="x", komponen=skema_88.komponen.first(), by=evaluator
        )


def test_recommendations_are_numbered_in_order(evaluasi_a, evaluator, rekomendasi_a):
    kedua = services.save_rekomendasi(evaluasi=evaluasi_a, uraian="Kedua.", by=evaluator)
    assert (rekomendasi_a.urutan, kedua.urutan) == (1, 2)


def test_overdue_means_belum_and_past_due_date(rekomendasi_a, evaluator):
    assert Rekomendasi.objects.terlambat(dt.date(2024, 3, 31)).count() == 0  # due today: not yet late
    assert Rekomendasi.objects.terlambat(dt.date(2024, 4, 1)).get() == rekomendasi_a
    assert rekomendasi_a.terlambat_pada(dt.date(2024, 4, 1))
    Rekomendasi.objects.filter(pk=rekomendasi_a.pk).update(status="sudah")  # accepted (see the test above)
    assert Rekomendasi.objects.terlambat(dt.date(2024, 4, 1)).count() == 0
    tanpa_batas = services.save_rekomendasi(
        evaluasi=rekomendasi_a.evaluasi, uraian="Tanpa batas.", by=evaluator
    )
    assert not tanpa_batas.terlambat_pada(dt.date(2099, 1, 1))


def test_pemda_penilai_is_cached_per_user_object(evaluator, org, django_assert_num_queries):
    izin.pemda_penilai(evaluator)
    with django_assert_num_queries(0):
        assert izin.pemda_penilai(evaluator) == frozenset({org.pemda.pk})
