"""The LKE scoring rule of the reference JSON (lke-88-2021.json `rumus`), checked against hand computations."""

from decimal import Decimal

from sakip.evaluasi import lke

D = Decimal
YT = {"Y": D(1), "T": D(0)}
AE = {"A": D(1), "B": D("0.75"), "C": D("0.5"), "D": D("0.25"), "E": D(0)}

SUB = [
    lke.SubKomponen(kode="1.a", nama="Pemenuhan", bobot=D(6), komponen="1"),
    lke.SubKomponen(kode="1.b", nama="Kualitas", bobot=D(9), komponen="1"),
    lke.SubKomponen(kode="2.a", nama="Pemenuhan", bobot=D(85), komponen="2"),
]
KRITERIA = [
    lke.Kriteria(
        kode="1.a.1",
        sub="1.a",
        dinilai_per="bukti",
        bukti=(lke.Bukti("RPJMD", "lain"), lke.Bukti("Renstra", "renstra"), lke.Bukti("Pokin", "lain")),
        skala=YT,
    ),
    lke.Kriteria(kode="1.a.2", sub="1.a", skala=YT),
    lke.Kriteria(kode="1.b.1", sub="1.b", jenis_jawaban="AE", skala=AE),
    lke.Kriteria(kode="1.b.2", sub="1.b", jenis_jawaban="AE", skala=AE),
    lke.Kriteria(kode="1.b.3", sub="1.b", jenis_jawaban="AE", skala=AE),
    lke.Kriteria(kode="2.a.1", sub="2.a", skala=YT),
]


def test_a_criterion_scored_per_evidence_is_the_mean_of_its_evidence_with_unanswered_as_zero():
    assert lke.nilai_kriteria(KRITERIA[0], {0: "Y", 1: "Y"}) == D(2) / D(3)  # the same 28-digit quotient
    assert lke.nilai_kriteria(KRITERIA[0], {0: "Y", 1: "T", 2: "Y"}) == D(2) / D(3)


def test_an_answer_off_the_scale_counts_zero():
    assert lke.nilai_kriteria(KRITERIA[1], {None: "X"}) == 0


def test_sub_component_is_the_mean_of_its_criteria_times_its_weight_and_the_total_their_sum():
    hasil = lke.hitung(
        SUB,
        KRITERIA,
        {
            "1.a.1": {0: "Y", 1: "Y"},
            "1.a.2": {None: "Y"},
            "1.b.1": {None: "B"},
            "1.b.2": {None: "C"},
            "2.a.1": {None: "Y"},
        },
    )
    # 1.a: (2/3 + 1) / 2 × 6 = 5; 1.b: (0,75 + 0,5 + 0) / 3 × 9 = 3,75; 2.a: 1 × 85 = 85
    assert hasil.sub["1.a"] == D(5)
    assert hasil.sub["1.b"] == D("3.75")
    assert hasil.komponen == {"1": D("8.75"), "2": D(85)}
    assert hasil.total == D("93.75")
    assert hasil.predikat.kode == "AA"


def test_the_grade_boundary_is_exclusive_at_the_lower_bound():
    hasil = lke.hitung(SUB[2:], KRITERIA[5:], {"2.a.1": {None: "T"}})
    assert hasil.total == 0
    assert hasil.predikat.kode == "D"
    sub = [lke.SubKomponen(kode="x", nama="x", bobot=D(90), komponen="1")]
    kriteria = [lke.Kriteria(kode="x.1", sub="x", skala=YT)]
    assert lke.hitung(sub, kriteria, {"x.1": {None: "Y"}}).predikat.kode == "A"  # exactly 90 is A, not AA


def test_the_reference_scheme_sums_to_one_hundred_when_every_criterion_is_answered_best():
    from sakip.evaluasi import muat_lke

    skema = muat_lke.baca_berkas()
    jawaban = {}
    for k in skema.kriteria:
        terbaik = max(k.skala, key=lambda j: k.skala[j])
        jawaban[k.kode] = dict.fromkeys(range(k.jumlah_bukti), terbaik) if k.jumlah_bukti else {None: terbaik}
    hasil = lke.hitung(skema.sub, skema.kriteria, jawaban)
    assert hasil.total == D(100)
    assert hasil.komponen == {"1": D(30), "2": D(30), "3": D(15), "4": D(25)}
