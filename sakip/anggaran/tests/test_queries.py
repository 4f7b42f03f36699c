from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.anggaran import efisiensi, queries
from sakip.anggaran.tests.factories import program_dengan_anggaran
from sakip.lib import angka
from sakip.perencanaan import services as perencanaan_services


@pytest.fixture
def renstra(org):
    r = perencanaan_services.create_renstra(
        unit_kerja=org.setda, nama="Renstra Setda", tahun_mulai=2024, tahun_selesai=2026
    )
    for n in (1, 2):
        perencanaan_services.add_sasaran(renstra=r, tujuan=None, kode=f"S{n}", uraian=f"Sasaran {n}")
    return r


def _pos(simpul):
    return simpul.pagu, simpul.realisasi


def test_tree_rolls_money_up_from_sub_kegiatan_to_kegiatan_program_and_unit(org, admin_pemda):
    program_dengan_anggaran(
        org.biro_a, baris=[(D(1000), D(900)), (D(3000), D(1500)), (D(500), D(500))], jumlah_kegiatan=2
    )
    program_dengan_anggaran(
        org.biro_a, kode="4.01.02", nama="Program Dua", baris=[(D(100), D(10))], jenis_belanja="modal"
    )
    pohon = queries.pohon_anggaran(user=admin_pemda, tahun=2024)
    [unit] = pohon.unit
    assert unit.nama == "Biro A"
    assert _pos(unit) == (D(4600), D(2910))
    satu, _dua = unit.anak
    assert _pos(satu) == (D(4500), D(2900))
    keg1, keg2 = satu.anak
    assert _pos(keg1) == (D(1500), D(1400))  # sub kegiatan 1 and 3
    assert _pos(keg2) == (D(3000), D(1500))
    assert [s.tingkat for s in keg1.anak] == ["sub_kegiatan", "sub_kegiatan"]
    # Money-weighted: (900 + 1500 + 500) / 4500 × 100 = 64,44, not the mean of 90, 50 and 100.
    assert angka.bulatkan(satu.penyerapan) == D("64.44")
    assert pohon.per_jenis["operasi"].pagu == D(4500)
    assert pohon.per_jenis["modal"].pagu == D(100)
    assert _pos(pohon.total) == (D(4600), D(2910))


def test_tree_is_limited_to_what_the_user_may_see_and_to_the_filters(org, operator_b, admin_pemda):
    a = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(900))])
    program_dengan_anggaran(org.biro_b, baris=[(D(200), D(100))])
    program_dengan_anggaran(org.bagian_a1, kode="4.01.03", baris=[(D(50), D(5))])
    assert [u.nama for u in queries.pohon_anggaran(user=operator_b, tahun=2024).unit] == ["Biro B"]
    assert [u.nama for u in queries.pohon_anggaran(user=admin_pemda, tahun=2024, unit=org.biro_a).unit] == [
        "Biro A",
        "Bagian A1",
    ]
    hanya = queries.pohon_anggaran(user=admin_pemda, tahun=2024, program_id=a.pk)
    assert _pos(hanya.total) == (D(1000), D(900))
    assert queries.pohon_anggaran(user=admin_pemda, tahun=2025).unit == []


def test_zero_pagu_has_no_absorption_rather_than_zero(org, admin_pemda):
    program_dengan_anggaran(org.biro_a, baris=[(D(0), D(0))])
    [unit] = queries.pohon_anggaran(user=admin_pemda, tahun=2024).unit
    assert unit.penyerapan is None
    assert unit.lebar_bar == "0"


def test_per_sasaran_sums_the_programs_linked_to_each_sasaran(org, admin_pemda, renstra):
    s1, s2 = renstra.sasaran.order_by("kode")
    program_dengan_anggaran(org.biro_a, kode="1.1", baris=[(D(1000), D(900))], sasaran=[s1])
    program_dengan_anggaran(org.biro_b, kode="1.2", baris=[(D(3000), D(1500))], sasaran=[s1])
    program_dengan_anggaran(org.biro_b, kode="2.1", baris=[(D(400), D(400))], sasaran=[s2])
    program_dengan_anggaran(org.biro_b, kode="9.9", baris=[(D(7), D(7))])  # no sasaran: not in the table
    data = queries.anggaran_per_sasaran(user=admin_pemda, renstra=renstra, tahun=2024)
    b1, b2 = data.sasaran
    assert (b1.pagu, b1.realisasi) == (D(4000), D(2400))
    assert angka.bulatkan(b1.penyerapan) == D(60)  # 2400 / 4000, not (90 + 50) / 2
    assert b1.rata_rata_program == D(70)  # the unweighted mean, offered under its own name
    assert [p.kode for p in b1.program] == ["1.1", "1.2"]
    assert (b2.pagu, b2.realisasi) == (D(400), D(400))
    assert (data.total.pagu, data.total.realisasi) == (D(4400), D(2800))
    assert data.catatan == []


def test_a_program_serving_two_sasaran_counts_fully_under_each_and_once_in_the_total(
    org, admin_pemda, renstra
):
    s1, s2 = renstra.sasaran.order_by("kode")
    program_dengan_anggaran(
        org.biro_a, kode="1.1", nama="Program Bersama", baris=[(D(1000), D(800))], sasaran=[s1, s2]
    )
    program_dengan_anggaran(org.biro_b, kode="2.1", baris=[(D(500), D(100))], sasaran=[s2])
    data = queries.anggaran_per_sasaran(user=admin_pemda, renstra=renstra, tahun=2024)
    b1, b2 = data.sasaran
    assert b1.pagu == D(1000)
    assert b2.pagu == D(1500)
    assert data.total.pagu == D(1500)  # each program once, so less than 1000 + 1500
    assert [p.nama for p in data.program_ganda] == ["Program Bersama"]
    assert "dihitung penuh pada setiap sasarannya" in data.catatan[0]
    assert "Program Bersama" in data.catatan[0]


def test_efficiency_uses_given_capaian_and_weighted_absorption_and_states_its_method(
    org, admin_pemda, renstra
):
    s1, s2 = renstra.sasaran.order_by("kode")
    # Seed 004 sasaran 1: Rp 202.978.570.206 / Rp 192.687.497.546 → 94,93; 100,00 − 94,93 = 5,07.
    program_dengan_anggaran(
        org.biro_a, kode="1.1", baris=[(D("187715133600"), D("179432736999"))], sasaran=[s1]
    )
    program_dengan_anggaran(org.biro_a, kode="1.2", baris=[(D("10741327106"), D("9487940821"))], sasaran=[s1])
    program_dengan_anggaran(org.biro_a, kode="1.3", baris=[(D("4522109500"), D("3766819726"))], sasaran=[s1])
    program_dengan_anggaran(org.biro_b, kode="2.1", baris=[(D(1000), D(500))], sasaran=[s2])
    data = queries.anggaran_per_sasaran(user=admin_pemda, renstra=renstra, tahun=2024)
    tabel = queries.efisiensi_per_sasaran(
        anggaran=data, capaian={s1.pk: D(100)}, metode=efisiensi.MetodeEfisiensi.SELISIH
    )
    satu, dua = tabel.baris
    assert (satu.pagu, satu.realisasi) == (D("202978570206"), D("192687497546"))
    assert angka.bulatkan(satu.penyerapan) == D("94.93")
    assert angka.bulatkan(satu.efisiensi) == D("5.07")
    assert satu.hasil.efisien is True
    # Table 3.16 prints 10,93 because it subtracts the unweighted mean of the programs (89,07).
    assert angka.bulatkan(satu.rata_rata_tidak_tertimbang) == D("89.07")
    assert dua.capaian is None
    assert dua.efisiensi is None
    assert "capaian kinerja belum ada" in dua.hasil.keterangan
    assert tabel.label == efisiensi.NAMA_METODE[efisiensi.MetodeEfisiensi.SELISIH]
    indeks = queries.efisiensi_per_sasaran(
        anggaran=data, capaian={s1.pk: D(100)}, metode=efisiensi.MetodeEfisiensi.INDEKS
    )
    assert angka.bulatkan(indeks.baris[0].efisiensi, 4) == D("1.0534")  # 100 / 94,93
    assert "IE" in indeks.label


def test_capaian_providers_registered_by_a_higher_layer_are_used(renstra, admin_pemda, monkeypatch):
    monkeypatch.setattr(queries, "_penyedia_capaian", [])
    assert queries.capaian_sasaran(renstra, 2024, admin_pemda) == ({}, False)
    queries.daftarkan_penyedia_capaian(sasaran=lambda r, tahun, user: {1: D(99)})
    assert queries.capaian_sasaran(renstra, 2024, admin_pemda) == ({1: D(99)}, True)


def test_realisasi_per_pk_places_programs_beside_the_indicators_of_their_sasaran(org, admin_pemda, renstra):
    from sakip.perencanaan.models import Indikator

    s1, s2 = renstra.sasaran.order_by("kode")
    perencanaan_services.save_indikator(
        indikator=Indikator(renstra=renstra, sasaran=s1, kode="I1", nama="Indikator satu", satuan="Persen"),
        target={2024: perencanaan_services.NilaiTarget(nilai=D(100))},
    )
    p1 = program_dengan_anggaran(org.biro_a, kode="1.1", baris=[(D(1000), D(900))], sasaran=[s1])
    p1.indikator.add(Indikator.objects.get(renstra=renstra, kode="I1"))
    program_dengan_anggaran(org.biro_b, kode="2.1", baris=[(D(500), D(100))], sasaran=[s2])
    lepas = program_dengan_anggaran(org.biro_b, kode="4.01.01", baris=[(D(70), D(7))])
    pk = perencanaan_services.create_pk(unit_kerja=org.setda, renstra=renstra, tahun=2024)
    line = pk.program.get(program=p1)
    perencanaan_services.set_pk_pagu(line=line, pagu=D(1100))
    ind = pk.indikator.get()
    data = queries.realisasi_per_pk(user=admin_pemda, perjanjian=pk, capaian={ind.pk: (D(95), D(95))})
    blok1, blok2, tanpa = data.blok
    [(baris_ind, baris_prog)] = blok1.baris()
    assert (baris_ind.nama, baris_ind.target, baris_ind.capaian) == ("Indikator satu", D(100), D(95))
    assert (baris_prog.pagu, baris_prog.realisasi) == (D(1000), D(900))
    assert blok2.indikator == []
    assert blok2.program[0].kode == "2.1"
    assert tanpa.sasaran is None
    assert [p.program_id for p in tanpa.program] == [lepas.pk]
    assert data.total.pagu == D(1570)
    assert [(p.kode, pagu) for p, pagu in data.selisih_pagu_pk] == [("1.1", D(1100))]


def test_table_3_18_pairs_programs_with_indicators_by_their_links_never_by_position(
    org, admin_pemda, renstra
):
    """Issue #16: the second program of a sasaran stood beside its second indicator although it supports the third."""
    from sakip.perencanaan.models import Indikator

    s1, _ = renstra.sasaran.order_by("kode")
    ind = {}
    for k in (1, 2, 3):
        ind[k] = Indikator(renstra=renstra, sasaran=s1, kode=f"I{k}", nama=f"Indikator {k}", satuan="Persen")
        perencanaan_services.save_indikator(
            indikator=ind[k], target={2024: perencanaan_services.NilaiTarget(nilai=D(100))}
        )
    pa = program_dengan_anggaran(org.biro_a, kode="1.1", baris=[(D(1000), D(900))], sasaran=[s1])
    pb = program_dengan_anggaran(org.biro_b, kode="1.2", baris=[(D(500), D(400))], sasaran=[s1])
    pc = program_dengan_anggaran(org.biro_b, kode="1.3", baris=[(D(300), D(30))], sasaran=[s1])
    pd = program_dengan_anggaran(org.bagian_a1, kode="1.4", baris=[(D(200), D(20))], sasaran=[s1])
    pa.indikator.add(ind[1])
    pb.indikator.add(ind[3])
    pc.indikator.add(ind[3])  # two programs support indicator 3; pd supports none of them
    pk = perencanaan_services.create_pk(unit_kerja=org.setda, renstra=renstra, tahun=2024)
    blok = queries.realisasi_per_pk(user=admin_pemda, perjanjian=pk).blok[0]
    baris = [(i.nama if i else None, p.kode if p else None) for i, p in blok.baris()]
    assert baris == [
        ("Indikator 1", "1.1"),
        ("Indikator 2", None),
        ("Indikator 3", "1.2"),
        (None, "1.3"),
        (None, "1.4"),
    ]
    assert pd.pk not in {p.program_id for i, p in blok.baris() if i is not None and p is not None}


def _hitung_query(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx)


def test_reads_do_not_grow_queries_with_rows(org, admin_pemda, renstra):
    s1, _ = renstra.sasaran.order_by("kode")
    program_dengan_anggaran(org.biro_a, kode="1.1", baris=[(D(10), D(1))], sasaran=[s1])
    pk = perencanaan_services.create_pk(unit_kerja=org.setda, renstra=renstra, tahun=2024)
    pk.refresh_from_db()

    def semua():
        queries.pohon_anggaran(user=admin_pemda, tahun=2024)
        queries.anggaran_per_sasaran(user=admin_pemda, renstra=renstra, tahun=2024)
        queries.realisasi_per_pk(user=admin_pemda, perjanjian=pk)

    semua()  # the user's scope and the PK's Renstra are cached after the first read
    sedikit = _hitung_query(semua)
    for n, unit in enumerate((org.biro_b, org.bagian_a1, org.setda), start=2):
        program_dengan_anggaran(
            unit,
            kode=f"{n}.1",
            baris=[(D(100 * i), D(i)) for i in range(1, 15)],
            sasaran=[s1],
            jumlah_kegiatan=4,
        )
    banyak = _hitung_query(semua)
    assert banyak == sedikit


def test_table_3_18_prints_a_predikat_realisasi_as_the_measurement_table_does(org, admin_pemda, renstra):
    """Issue #16: a predikat indicator's realisasi printed '–' in Tabel 3.18 while the measurement showed 'Tinggi'."""
    from sakip.anggaran import tabel
    from sakip.perencanaan.models import Indikator

    s1, _ = renstra.sasaran.order_by("kode")
    perencanaan_services.save_indikator(
        indikator=Indikator(renstra=renstra, sasaran=s1, kode="P1", nama="Predikat LPPD", satuan="Predikat"),
        target={2024: perencanaan_services.NilaiTarget(nilai=D(100))},
    )
    pk = perencanaan_services.create_pk(unit_kerja=org.setda, renstra=renstra, tahun=2024)
    line = pk.indikator.get()
    data = queries.realisasi_per_pk(
        user=admin_pemda, perjanjian=pk, capaian={line.pk: (None, D(100), "Tinggi")}
    )
    t = tabel.tabel_3_18(data)
    sel = [tabel.format_sel(v, k.jenis) for v, k in zip(t.baris[0].sel, t.kolom, strict=True)]
    assert sel[2:6] == ["Predikat LPPD", "100,00", "Tinggi", "100,00"]
    # a numeric realisasi stays a number for the Excel export
    data = queries.realisasi_per_pk(user=admin_pemda, perjanjian=pk, capaian={line.pk: (D("81.08"), D(101))})
    assert tabel.tabel_3_18(data).baris[0].sel[4] == D("81.08")
