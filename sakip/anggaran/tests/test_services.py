from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sakip.anggaran import services
from sakip.anggaran.models import AnggaranSubKegiatan, KinerjaProgramKegiatan, PengaturanAnggaran
from sakip.anggaran.tests.factories import anggaran_pertama, program_dengan_anggaran
from sakip.conftest import bersamaan
from sakip.perencanaan.models import SubKegiatan


def test_a_budget_change_is_recorded_with_who_when_old_and_new(org, operator_a):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(500))])
    anggaran = anggaran_pertama(program)
    services.simpan_anggaran(
        sub_kegiatan=anggaran.sub_kegiatan,
        tahun=2024,
        pagu=D(1200),
        realisasi=D(700),
        target_keluaran=D(12),
        realisasi_keluaran=D(12),
        satuan_keluaran="Dokumen",
        by=operator_a,
    )
    riwayat = list(AnggaranSubKegiatan.history.filter(id=anggaran.pk).order_by("history_date"))
    assert [(r.pagu, r.realisasi) for r in riwayat] == [(D(1000), D(500)), (D(1200), D(700))]
    terakhir = riwayat[-1]
    assert terakhir.history_user == operator_a
    assert terakhir.history_type == "~"
    assert terakhir.history_date is not None
    perubahan = {c.field: (c.old, c.new) for c in terakhir.diff_against(riwayat[0]).changes}
    assert perubahan == {"pagu": (D(1000), D(1200)), "realisasi": (D(500), D(700))}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: SQLite serialises whole transactions"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_first_saves_of_a_budget_line_queue_and_the_later_wins(org, operator_a, operator_b):
    """Two connections save the first budget line of a sub kegiatan and year at the same moment: the second waits
    for the first (no unique-constraint crash), then applies its figures over it; both are recorded."""
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(500))])
    sub = anggaran_pertama(program).sub_kegiatan

    def simpan(pagu: int, by) -> object:
        return lambda: services.simpan_anggaran(
            sub_kegiatan=sub, tahun=2025, pagu=D(pagu), realisasi=D(100), by=by
        )

    assert bersamaan(simpan(2000, operator_b), simpan(3000, operator_a)) == []
    assert AnggaranSubKegiatan.objects.get(sub_kegiatan=sub, tahun=2025).pagu == D(3000)
    riwayat = AnggaranSubKegiatan.history.filter(sub_kegiatan_id=sub.pk, tahun=2025).order_by("history_date")
    assert [(h.history_type, h.pagu, h.history_user_id) for h in riwayat] == [
        ("+", D(2000), operator_b.pk),
        ("~", D(3000), operator_a.pk),
    ]


def test_saving_unchanged_figures_writes_no_history_entry(org):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(500))])
    anggaran = anggaran_pertama(program)
    before = AnggaranSubKegiatan.history.count()
    services.simpan_anggaran(
        sub_kegiatan=anggaran.sub_kegiatan,
        tahun=2024,
        pagu=D(1000),
        realisasi=D(500),
        target_keluaran=D(12),
        realisasi_keluaran=D(12),
        satuan_keluaran="Dokumen",
    )
    assert AnggaranSubKegiatan.history.count() == before


def test_realisasi_above_pagu_needs_confirmation(org, operator_a):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(500))])
    sub = anggaran_pertama(program).sub_kegiatan
    with pytest.raises(ValidationError, match="melebihi pagu"):
        services.simpan_anggaran(sub_kegiatan=sub, tahun=2024, pagu=D(1000), realisasi=D(1001), by=operator_a)
    assert anggaran_pertama(program).realisasi == D(500)
    services.simpan_anggaran(
        sub_kegiatan=sub, tahun=2024, pagu=D(1000), realisasi=D(1001), izinkan_lebih_pagu=True, by=operator_a
    )
    assert anggaran_pertama(program).realisasi == D(1001)


@pytest.mark.parametrize(("pagu", "realisasi", "kolom"), [(D(-1), D(0), "pagu"), (D(10), D(-1), "realisasi")])
def test_negative_amounts_are_refused(org, pagu, realisasi, kolom):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(500))])
    sub = anggaran_pertama(program).sub_kegiatan
    with pytest.raises(ValidationError) as exc:
        services.simpan_anggaran(sub_kegiatan=sub, tahun=2024, pagu=pagu, realisasi=realisasi)
    assert kolom in exc.value.message_dict


def test_monthly_realisasi_sets_the_yearly_sum_and_then_binds_it(org, operator_a):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1200), D(0))])
    anggaran = anggaran_pertama(program)
    services.set_realisasi_bulanan(
        anggaran=anggaran, per_bulan={1: D(100), 2: D(200), 7: D("50.50")}, by=operator_a
    )
    anggaran.refresh_from_db()
    assert anggaran.realisasi == D("350.50")
    assert {b.bulan: b.triwulan for b in anggaran.bulanan.all()} == {1: 1, 2: 1, 7: 3}
    with pytest.raises(ValidationError, match="jumlah realisasi bulanan"):
        services.simpan_anggaran(
            sub_kegiatan=anggaran.sub_kegiatan, tahun=2024, pagu=D(1200), realisasi=D(999)
        )
    services.set_realisasi_bulanan(anggaran=anggaran, per_bulan={2: None}, by=operator_a)
    anggaran.refresh_from_db()
    assert anggaran.realisasi == D("150.50")


def test_monthly_realisasi_above_pagu_needs_confirmation(org):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(100), D(0))])
    anggaran = anggaran_pertama(program)
    with pytest.raises(ValidationError, match="melebihi pagu"):
        services.set_realisasi_bulanan(anggaran=anggaran, per_bulan={1: D(60), 2: D(60)})
    anggaran.refresh_from_db()
    assert anggaran.realisasi == D(0)
    assert not anggaran.bulanan.exists()


def test_kinerja_of_program_and_kegiatan_is_kept_per_year(org):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(100), D(0))])
    kegiatan = program.kegiatan.get()
    services.simpan_kinerja(program=program, tahun=2024, target=D(72), realisasi=D(88), satuan="Indeks")
    services.simpan_kinerja(
        program=program, kegiatan=kegiatan, tahun=2024, target=D(100), realisasi=D(75), satuan="%"
    )
    k = KinerjaProgramKegiatan.objects.get(program=program, kegiatan=None)
    assert k.capaian.quantize(D("0.01")) == D("122.22")  # 88 / 72 × 100
    assert KinerjaProgramKegiatan.objects.get(kegiatan=kegiatan).capaian == D(75)


def test_kinerja_refuses_a_kegiatan_of_another_program(org):
    a = program_dengan_anggaran(org.biro_a, kode="4.01.01", baris=[(D(1), D(0))])
    b = program_dengan_anggaran(org.biro_a, kode="4.01.02", baris=[(D(1), D(0))])
    with pytest.raises(ValidationError):
        services.simpan_kinerja(program=a, kegiatan=b.kegiatan.get(), tahun=2024, target=D(1), realisasi=D(1))


def test_efficiency_method_is_a_per_pemda_setting_with_history(org, admin_pemda):
    from sakip.anggaran import queries

    assert queries.metode_efisiensi(org.pemda) == "selisih"
    services.set_metode_efisiensi(pemda=org.pemda, metode="indeks", by=admin_pemda)
    assert queries.metode_efisiensi(org.pemda) == "indeks"
    assert queries.metode_efisiensi(org.pemda_lain) == "selisih"
    assert PengaturanAnggaran.history.get().history_user == admin_pemda
    with pytest.raises(ValidationError):
        services.set_metode_efisiensi(pemda=org.pemda, metode="rasio")


def test_a_sub_kegiatan_with_budget_cannot_be_deleted_silently(org):
    from django.db.models import ProtectedError

    program = program_dengan_anggaran(org.biro_a, baris=[(D(100), D(0))])
    with pytest.raises(ProtectedError):
        SubKegiatan.objects.filter(kegiatan__program=program).delete()
