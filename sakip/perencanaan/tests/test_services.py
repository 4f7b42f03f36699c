from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sakip.conftest import bersamaan
from sakip.perencanaan import services
from sakip.perencanaan.models import Indikator, PerjanjianKinerja, Target
from sakip.perencanaan.tests.factories import renstra_dengan_iku


@pytest.fixture
def renstra(org, operator_a):
    return renstra_dengan_iku(org.biro_a, by=operator_a)


def test_formula_naming_an_undefined_input_is_refused(renstra):
    sasaran = renstra.sasaran.get()
    indikator = Indikator(
        renstra=renstra, sasaran=sasaran, kode="X", nama="X", satuan="%", formulasi="a / b * 100"
    )
    with pytest.raises(ValidationError) as exc:
        services.save_indikator(indikator=indikator, variabel=[services.VariabelBaru("a", "A")])
    assert "b" in str(exc.value)
    assert not Indikator.objects.filter(kode="X").exists()


def test_formula_with_a_syntax_error_is_refused_in_indonesian(renstra):
    sasaran = renstra.sasaran.get()
    indikator = Indikator(
        renstra=renstra, sasaran=sasaran, kode="X", nama="X", satuan="%", formulasi="a / (b"
    )
    with pytest.raises(ValidationError) as exc:
        services.save_indikator(indikator=indikator, variabel=[])
    assert "kurung" in " ".join(exc.value.messages).lower()


def test_target_outside_the_renstra_period_is_refused(renstra):
    indikator = renstra.indikator.first()
    with pytest.raises(ValidationError):
        services.set_target(indikator=indikator, tahun=2030, nilai=services.NilaiTarget(nilai=Decimal(1)))


def test_predikat_target_must_be_on_the_scale(renstra):
    tujuan = renstra.tujuan.get()
    indikator = Indikator(
        renstra=renstra,
        tujuan=tujuan,
        kode="P",
        nama="Nilai SAKIP",
        satuan="Predikat",
        jenis="predikat",
        skala_predikat=["D", "C", "CC", "B", "BB", "A", "AA"],
    )
    services.save_indikator(indikator=indikator, target={2024: services.NilaiTarget(predikat="BB")})
    with pytest.raises(ValidationError):
        services.set_target(
            indikator=indikator, tahun=2025, nilai=services.NilaiTarget(predikat="Sangat Tinggi")
        )


def test_target_change_is_recorded_with_who_old_and_new(renstra, operator_a, operator_b):
    indikator = renstra.indikator.first()
    services.set_target(
        indikator=indikator, tahun=2024, nilai=services.NilaiTarget(nilai=Decimal("95.5")), by=operator_a
    )
    riwayat = Target.history.filter(indikator_id=indikator.pk, tahun=2024).order_by("history_date")
    assert [h.nilai for h in riwayat] == [Decimal(91), Decimal("95.5")]
    assert riwayat.last().history_user == operator_a


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: SQLite serialises whole transactions"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_saves_of_a_target_queue_and_the_later_wins(org, operator_a, operator_b):
    """Two connections save the first target of the same year at the same moment: the second waits for the first
    (no unique-constraint crash), then applies its value over it, as a save of an existing target would."""
    renstra = renstra_dengan_iku(org.biro_a, by=operator_a)
    indikator = renstra.indikator.first()
    Target.objects.filter(indikator=indikator, tahun=2025).delete()

    def simpan(nilai: int, by) -> object:
        return lambda: services.set_target(
            indikator=indikator, tahun=2025, nilai=services.NilaiTarget(nilai=Decimal(nilai)), by=by
        )

    assert bersamaan(simpan(50, operator_b), simpan(70, operator_a)) == []
    assert Target.objects.get(indikator=indikator, tahun=2025).nilai == Decimal(70)
    riwayat = Target.history.filter(indikator_id=indikator.pk, tahun=2025).order_by("history_date")
    # (before them: the factory's target of that year and its deletion above)
    assert [(h.history_type, h.nilai, h.history_user_id) for h in riwayat][-2:] == [
        ("+", Decimal(50), operator_b.pk),
        ("~", Decimal(70), operator_a.pk),
    ]


@pytest.fixture
def pk(renstra, operator_a):
    perjanjian = services.create_pk(unit_kerja=renstra.unit_kerja, renstra=renstra, tahun=2024, by=operator_a)
    perjanjian.pihak_pertama_nama = "Kepala Biro A"
    perjanjian.pihak_kedua_nama = "Sekretaris Daerah"
    perjanjian.save()
    return perjanjian


def test_new_pk_is_prefilled_with_the_renstra_targets_of_the_year(pk):
    assert [(line.indikator.kode, line.target) for line in pk.indikator.all()] == [
        ("IKU01", Decimal(91)),
        ("IKU02", Decimal(92)),
    ]


def test_changing_a_target_of_a_final_pk_without_revision_is_refused(pk, operator_a):
    services.finalize_pk(perjanjian=pk, by=operator_a)
    line = pk.indikator.first()
    with pytest.raises(ValidationError) as exc:
        services.set_pk_target(line=line, target=Decimal(50), by=operator_a)
    assert "PK Perubahan" in " ".join(exc.value.messages)
    line.refresh_from_db()
    assert line.target == Decimal(91)


def test_revision_keeps_both_versions_and_the_reason(pk, operator_a):
    services.finalize_pk(perjanjian=pk, by=operator_a)
    baru = services.revise_pk(
        perjanjian=pk,
        alasan=PerjanjianKinerja.AlasanPerubahan.STRATEGI,
        catatan="Refocusing anggaran",
        by=operator_a,
    )
    services.set_pk_target(
        line=baru.indikator.get(indikator__kode="IKU01"), target=Decimal(80), by=operator_a
    )
    pk.refresh_from_db()
    assert pk.status == PerjanjianKinerja.Status.DIGANTI
    assert pk.indikator.get(indikator__kode="IKU01").target == Decimal(91)
    assert baru.versi == 2
    assert baru.sebelumnya == pk
    assert baru.alasan_perubahan == "strategi"
    assert baru.catatan_perubahan == "Refocusing anggaran"
    assert baru.indikator.get(indikator__kode="IKU01").target == Decimal(80)


def test_revision_needs_a_lawful_reason(pk, operator_a):
    services.finalize_pk(perjanjian=pk, by=operator_a)
    with pytest.raises(ValidationError):
        services.revise_pk(perjanjian=pk, alasan="lainnya", by=operator_a)


def test_a_draft_pk_cannot_be_revised_and_cannot_be_final_without_parties(renstra, operator_a):
    perjanjian = services.create_pk(unit_kerja=renstra.unit_kerja, renstra=renstra, tahun=2025, by=operator_a)
    with pytest.raises(ValidationError):
        services.revise_pk(perjanjian=perjanjian, alasan="pejabat", by=operator_a)
    with pytest.raises(ValidationError):
        services.finalize_pk(perjanjian=perjanjian, by=operator_a)


def test_second_pk_for_the_same_year_is_refused(pk, renstra, operator_a):
    with pytest.raises(ValidationError):
        services.create_pk(unit_kerja=renstra.unit_kerja, renstra=renstra, tahun=2024, by=operator_a)


@pytest.mark.parametrize(
    ("agregasi", "tw", "cocok"),
    [
        ("kumulatif", [20, 20, 25, 26], True),  # 20+20+25+26 = 91
        ("kumulatif", [20, 20, 25, 25], False),  # 90 ≠ 91
        ("rata_rata", [91, 91, 91, 91], True),
        ("rata_rata", [90, 92, 90, 92], True),  # mean 91
        ("nilai_akhir", [10, 40, 70, 91], True),
        ("nilai_akhir", [10, 40, 91, 90], False),
    ],
)
def test_rencana_aksi_is_checked_against_the_yearly_target_by_the_aggregation_rule(pk, agregasi, tw, cocok):
    line = pk.indikator.get(indikator__kode="IKU01")  # yearly target 91
    Indikator.objects.filter(pk=line.indikator_id).update(agregasi=agregasi)
    line.refresh_from_db()
    target_tw = {i + 1: Decimal(v) for i, v in enumerate(tw)}
    if cocok:
        services.set_rencana_aksi(line=line, target_tw=target_tw)
        assert [ra.target for ra in line.rencana_aksi.order_by("triwulan")] == [Decimal(v) for v in tw]
    else:
        with pytest.raises(ValidationError):
            services.set_rencana_aksi(line=line, target_tw=target_tw)
        assert not line.rencana_aksi.exists()
