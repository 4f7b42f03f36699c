import pytest

from sakip.profil import aturan

BARIS = {
    "pns": 182,
    "p3k": 7,
    "laki_laki": 133,
    "perempuan": 56,
    "gol_iv": 9,
    "gol_iii": 102,
    "gol_ii": 66,
    "gol_i": 5,
    "s3": 0,
    "s2": 7,
    "s1": 49,
    "diploma": 32,
    "slta": 87,
    "sltp": 8,
    "sd": 6,
}  # fmt: skip  (seed 004 table 1.1, "Pelaksana")


def test_seed_004_pelaksana_row_adds_up():
    assert aturan.periksa_baris_asn(BARIS) == []


@pytest.mark.parametrize(
    ("kolom", "kelompok", "potongan"),
    [
        ("laki_laki", aturan.KOLOM_JENIS_KELAMIN, "L + P = 190 tidak sama dengan PNS + P3K = 189"),
        ("gol_iii", aturan.KOLOM_GOLONGAN, "Gol. IV + III + II + I = 183 tidak sama dengan jumlah PNS = 182"),
        ("sd", aturan.KOLOM_PENDIDIKAN, "= 190 tidak sama dengan PNS + P3K = 189"),
    ],
)
def test_a_breakdown_that_does_not_add_up_is_named_with_both_figures(kolom, kelompok, potongan):
    pelanggaran = aturan.periksa_baris_asn({**BARIS, kolom: BARIS[kolom] + 1})
    assert len(pelanggaran) == 1
    assert pelanggaran[0].kolom == kelompok
    assert potongan in pelanggaran[0].pesan


def test_golongan_of_p3k_staff_is_not_a_pns_golongan():
    # Moving the 7 P3K into Gol. III keeps the row total right but is wrong: P3K have no PNS golongan.
    pelanggaran = aturan.periksa_baris_asn({**BARIS, "gol_iii": 109})
    assert [p.kolom for p in pelanggaran] == [aturan.KOLOM_GOLONGAN]


def test_summary_adds_asn_and_non_pns_by_sex():
    ringkasan = aturan.RingkasanPegawai(
        asn=aturan.jumlahkan([BARIS], aturan.KOLOM_ASN), non_pns={"laki_laki": 173, "perempuan": 91}
    )
    assert ringkasan.jumlah_asn == 189
    assert ringkasan.jumlah_seluruh == 189 + 264
    assert ringkasan.per_jenis_kelamin == {"Laki-laki": 133 + 173, "Perempuan": 56 + 91}
    assert ringkasan.per_golongan == {"Gol. IV": 9, "Gol. III": 102, "Gol. II": 66, "Gol. I": 5, "P3K": 7}
    assert sum(ringkasan.per_pendidikan.values()) == 189
