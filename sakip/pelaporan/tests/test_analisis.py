"""The analysis in words (lkjip/analisis.py): one test per rule, figures worked out by hand; no database."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal as D

import pytest

from sakip.lib import angka
from sakip.pelaporan.lkjip import Paragraf, Tabel, analisis, bangun_lkjip
from sakip.pelaporan.lkjip.analisis import FaktaIndikator, FaktaSasaran, ProgramSasaran, Titik
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda


def _fakta(**kw) -> FaktaIndikator:
    dasar = FaktaIndikator(
        nama="Persentase OPD dengan nilai SAKIP minimal BB",
        satuan="%",
        tahun=2024,
        polaritas="positif",
        target_teks="80,00",
        realisasi=Titik(2024, D("83.3333")),
        capaian=D("104.166625"),
        kategori="Sangat Baik",
    )
    return replace(dasar, **kw)


def test_a_target_exceeded_says_so_with_the_table_figures():
    teks = analisis.kalimat_capaian(_fakta())
    # 83,3333 shows as 83,33; 104,166625 as 104,17 (half-up, 2 decimals), as in the table
    assert teks == (
        "Indikator Persentase OPD dengan nilai SAKIP minimal BB Tahun 2024 ditargetkan 80,00% dan terealisasi "
        "83,33%, sehingga capaiannya 104,17% dengan kategori Sangat Baik: melampaui target."
    )


def test_a_target_missed_says_by_how_many_points():
    teks = analisis.kalimat_capaian(_fakta(realisasi=Titik(2024, D("60")), capaian=D("75"), kategori="Baik"))
    assert teks.endswith(
        "capaiannya 75,00% dengan kategori Baik: belum mencapai target, kurang 25,00 poin persen."
    )


def test_missing_realisasi_is_said_in_words_not_as_a_dash():
    f = _fakta(realisasi=Titik(2024), capaian=None, kategori="")
    teks = analisis.kalimat_capaian(f)
    assert teks == (
        "Realisasi indikator Persentase OPD dengan nilai SAKIP minimal BB Tahun 2024 belum tersedia, sehingga "
        "capaiannya terhadap target 80,00% belum dapat dihitung."
    )
    assert "–" not in teks
    assert analisis.kalimat_tahun_lalu(f) == ""
    assert analisis.kalimat_target_akhir(f) == ""


def test_a_predikat_indicator_names_both_predikat():
    f = _fakta(
        satuan="Predikat",
        target_teks="Tinggi",
        realisasi=Titik(2024, None, "Tinggi"),
        capaian=D(100),
        riwayat=[Titik(2023, None, "Sedang")],
    )
    assert analisis.kalimat_capaian(f) == (
        "Indikator Persentase OPD dengan nilai SAKIP minimal BB Tahun 2024 ditargetkan berpredikat \u201cTinggi\u201d "
        "dan memperoleh predikat \u201cTinggi\u201d, sehingga capaiannya 100,00% dengan kategori Sangat Baik: "
        "tepat mencapai target."
    )
    assert analisis.kalimat_tahun_lalu(f) == "Pada Tahun 2023 predikatnya \u201cSedang\u201d."
    assert analisis.kalimat_target_akhir(f) == ""  # no distance to compute between two words


def test_a_rise_against_last_year_with_the_tables_percentage():
    # 2023: 71,43 -> 2024: 83,33; the table prints (83,3333/71,4286 - 1) * 100 = 16,67
    f = _fakta(riwayat=[Titik(2023, D("71.4286"))], perubahan=D("16.6666"))
    assert (
        analisis.kalimat_tahun_lalu(f) == "Dibandingkan Tahun 2023 (71,43%), realisasi naik 16,67% (membaik)."
    )


def test_a_fall_against_last_year():
    # the demo's SAKIP >= BB indicator: 100 in 2023, 83,33 in 2024 -> -16,67 %
    f = _fakta(riwayat=[Titik(2023, D("100"))], perubahan=D("-16.667"))
    assert (
        analisis.kalimat_tahun_lalu(f)
        == "Dibandingkan Tahun 2023 (100,00%), realisasi turun 16,67% (memburuk)."
    )


def test_for_a_lower_is_better_indicator_a_fall_is_an_improvement():
    f = _fakta(polaritas="negatif", riwayat=[Titik(2023, D("100"))], perubahan=D("-16.667"))
    assert analisis.kalimat_tahun_lalu(f).endswith("turun 16,67% (membaik).")


def test_no_previous_year_says_the_comparison_cannot_be_made():
    assert analisis.kalimat_tahun_lalu(_fakta(riwayat=[Titik(2022, D(50))])) == (
        "Realisasi Tahun 2023 tidak tersedia, sehingga perbandingan dengan tahun lalu belum dapat dilakukan."
    )


def test_a_previous_year_of_zero_gives_the_difference_not_a_percentage():
    f = _fakta(satuan="Dokumen", riwayat=[Titik(2023, D(0))], realisasi=Titik(2024, D(3)), perubahan=None)
    assert (
        analisis.kalimat_tahun_lalu(f)
        == "Dibandingkan Tahun 2023 (0,00 Dokumen), realisasi naik sebesar 3,00 Dokumen (membaik)."
    )


def test_trend_over_the_years():
    naik = _fakta(riwayat=[Titik(2021, D(60)), Titik(2022, D(70)), Titik(2023, D(75))])
    assert analisis.kalimat_tren(naik) == (
        "Selama Tahun 2021\u20132024 realisasi terus meningkat, dari 60,00% (2021) menjadi 83,33% (2024), membaik."
    )
    turun = _fakta(riwayat=[Titik(2022, D(95)), Titik(2023, D(90))])
    assert "terus menurun, dari 95,00% (2022) menjadi 83,33% (2024), memburuk." in analisis.kalimat_tren(
        turun
    )
    naik_turun = _fakta(riwayat=[Titik(2022, D(90)), Titik(2023, D(70))])
    assert analisis.kalimat_tren(naik_turun) == (
        "Selama Tahun 2022\u20132024 realisasi berfluktuasi, dari 90,00% (2022) menjadi 83,33% (2024)."
    )
    assert analisis.kalimat_tren(_fakta(riwayat=[Titik(2023, D(75))])) == ""  # two years are no trend


def test_end_target_not_yet_reached_says_what_remains_per_year():
    # end target 100 in 2026; realisasi 83,3333 in 2024: 16,6667 to go in 2 years, 8,33335 -> 8,33 a year
    f = _fakta(target_akhir=D(100), target_akhir_teks="100,00", tahun_akhir=2026, kemajuan=D("83.3333"))
    assert analisis.kalimat_target_akhir(f) == (
        "Terhadap target akhir Renstra Tahun 2026 sebesar 100,00% (tingkat kemajuan 83,33%), masih diperlukan "
        "peningkatan 16,67% dalam 2 tahun tersisa, rata-rata 8,33% per tahun."
    )


def test_end_target_reached():
    f = _fakta(target_akhir=D(80), target_akhir_teks="80,00", tahun_akhir=2026, kemajuan=D("104.17"))
    assert analisis.kalimat_target_akhir(f) == (
        "Realisasi ini telah mencapai target akhir Renstra Tahun 2026 sebesar 80,00% (tingkat kemajuan 104,17%)."
    )


def test_end_target_missed_in_the_last_year_of_the_renstra():
    f = _fakta(target_akhir=D(100), target_akhir_teks="100,00", tahun_akhir=2024, kemajuan=D("83.3333"))
    assert analisis.kalimat_target_akhir(f) == (
        "Target akhir Renstra Tahun 2024 sebesar 100,00% tidak tercapai pada akhir periode (tingkat kemajuan "
        "83,33%); selisihnya 16,67%."
    )


def test_lower_is_better_end_target_asks_for_a_decrease():
    f = _fakta(
        satuan="Kasus",
        polaritas="negatif",
        realisasi=Titik(2024, D(12)),
        target_akhir=D(6),
        target_akhir_teks="6",
        tahun_akhir=2027,
        kemajuan=D(50),
    )
    assert analisis.kalimat_target_akhir(f) == (
        "Terhadap target akhir Renstra Tahun 2027 sebesar 6 Kasus (tingkat kemajuan 50,00%), masih diperlukan "
        "penurunan 6,00 Kasus dalam 3 tahun tersisa, rata-rata 2,00 Kasus per tahun."
    )


def test_sasaran_opening_counts_indicators_and_names_programs_with_their_absorption():
    f = FaktaSasaran(
        uraian="Meningkatnya akuntabilitas kinerja",
        jumlah_indikator=3,
        tercapai=1,
        terukur=2,
        capaian=D("95.5"),
        kategori="Sangat Baik",
        efisiensi=D("12.345"),
        efisien=True,
        program=[ProgramSasaran("Program A", D("92.104")), ProgramSasaran("Program B", D("71"))],
    )
    assert analisis.paragraf_sasaran(f) == [
        "Sasaran ini diukur dengan 3 indikator kinerja dengan capaian sasaran 95,50% dengan kategori Sangat Baik. "
        "Sebanyak 1 dari 2 indikator yang terukur mencapai atau melampaui target; 1 indikator belum memiliki "
        "realisasi. Tingkat efisiensi penggunaan anggaran sasaran ini 12,35% (efisien). Sasaran ini didukung oleh "
        "2 program: Program A (penyerapan 92,10%); Program B (penyerapan 71,00%). Penyerapan terendah pada "
        "Program B (71,00%)."
    ]


def test_a_sasaran_without_any_realisasi_says_so():
    f = FaktaSasaran("S", jumlah_indikator=1, tercapai=0, terukur=0, capaian=None, kategori="")
    assert analisis.paragraf_sasaran(f) == [
        "Sasaran ini diukur dengan 1 indikator kinerja. Capaian sasaran belum dapat dihitung karena belum ada "
        "indikator yang realisasinya tersedia."
    ]


# --- the demo report: every figure of a generated sentence is the one its table prints ---------------------------


@pytest.fixture
def laporan(demo):
    return analisis_lkjip()


def analisis_lkjip():
    return bangun_lkjip(renstra_setda(), 2024, pimpinan())


def _sasaran(laporan):
    bab3 = next(b for b in laporan.bab if b.nomor == "III")
    analisis_bagian = next(b for b in bab3.bagian if b.judul.startswith("C."))
    return [s for s in analisis_bagian.sub if re.match(r"\d+\. Sasaran \d+: ", s.judul)]


def _angka_dalam(pola: str, teks: str) -> str | None:
    m = re.search(pola, teks)
    return m.group(1) if m else None


def test_the_demos_sentences_read_back_equal_to_the_table_values(laporan):
    dibaca = 0
    for bagian in _sasaran(laporan):
        tabel = [b for b in bagian.blok if isinstance(b, Tabel)]
        target_realisasi, tahunan, renstra = tabel[0], tabel[1], tabel[2]
        paragraf = [b.teks for b in bagian.blok if isinstance(b, Paragraf)]
        for j, baris in enumerate(target_realisasi.baris):
            nama = baris[1]
            kalimat = next(
                p
                for p in paragraf
                if p.startswith(f"Indikator {nama} Tahun 2024")
                or p.startswith(f"Realisasi indikator {nama} Tahun 2024")
            )
            if kalimat.startswith("Realisasi indikator"):
                assert baris[4] == angka.KOSONG  # the table has no realisasi either
                continue
            if "berpredikat" in kalimat:
                assert f"\u201c{baris[3]}\u201d" in kalimat
                assert f"\u201c{baris[4]}\u201d" in kalimat
            else:
                assert _angka_dalam(r"ditargetkan ([\d.,]+)", kalimat) == baris[3], (nama, kalimat)
                assert _angka_dalam(r"terealisasi ([\d.,]+)", kalimat) == baris[4], (nama, kalimat)
            if baris[5] != angka.KOSONG:
                assert _angka_dalam(r"capaiannya ([\d.,]+)%", kalimat) == baris[5], (nama, kalimat)
            perubahan = tahunan.baris[j][-1]
            gerak = _angka_dalam(r"realisasi (?:naik|turun) ([\d.,]+)%", kalimat)
            if gerak is not None:
                assert gerak == perubahan.lstrip("-"), (nama, kalimat, perubahan)
                assert ("turun" in kalimat) == perubahan.startswith("-")
            lanjut = paragraf[paragraf.index(kalimat) + 1]
            kemajuan = _angka_dalam(r"tingkat kemajuan ([\d.,]+)%", lanjut)
            if kemajuan is not None:
                assert kemajuan == renstra.baris[j][5], (nama, lanjut)
            dibaca += 1
    assert dibaca >= 10  # the demo's Setda has 13 indicators, most with realisasi


def test_the_demo_names_the_fall_of_the_sakip_indicator(laporan):
    """Issue #16: the -16,67 % fall of the SAKIP >= BB indicator was in a table but never in words."""
    teks = " ".join(b.teks for s in _sasaran(laporan) for b in s.blok if isinstance(b, Paragraf))
    assert "turun 16,67%" in teks
    assert "presisi penuh" not in " ".join(b.teks for b in laporan.semua_blok() if isinstance(b, Paragraf))


def test_one_budget_truth_each_total_named_for_what_it_covers(laporan):
    """Issue #16: the Ikhtisar and III.E said Rp 521,8 bn while Tabel 3.19 summed to 546,9 bn, unexplained."""
    ik = laporan.ikhtisar
    t25, t319 = laporan.tabel("2.5"), laporan.tabel("3.19")
    jumlah_25 = next(n for n, g in zip(t25.nilai, t25.gaya, strict=True) if g == "total")
    jumlah_319 = next(n for n, g in zip(t319.nilai, t319.gaya, strict=True) if g == "total")
    assert ik.pagu == jumlah_25[2]  # the programs that support the sasaran (Tabel 2.5)
    assert ik.pagu_unit_teks == angka.format_rupiah(jumlah_319[5])  # the whole budget (Tabel 3.19)
    assert jumlah_319[5] > ik.pagu  # the demo has programs linked to no sasaran
    kalimat = " ".join(p.teks for p in ik.paragraf)
    assert f"program yang mendukung sasaran strategis sebesar {ik.pagu_teks}" in kalimat
    assert f"(Tabel 3.19), sebesar {ik.pagu_unit_teks}" in kalimat
    bab3 = next(b for b in laporan.bab if b.nomor == "III")
    realisasi = next(b for b in bab3.bagian if b.judul == "D. Realisasi Anggaran")
    assert realisasi.blok[0].teks == next(p.teks for p in ik.paragraf if "Pagu anggaran" in p.teks)


def test_a_draft_pk_is_said_to_be_a_draft_and_a_missing_party_is_said_in_words():
    from types import SimpleNamespace

    from sakip.pelaporan.lkjip.bab2 import kalimat_pk
    from sakip.perencanaan.models import PerjanjianKinerja

    pk = SimpleNamespace(
        status=PerjanjianKinerja.Status.DRAFT,
        versi=2,
        pihak_pertama_nama="SRI WAHYUNI",
        pihak_pertama_jabatan="Sekretaris Daerah",
        pihak_kedua_nama="",
        pihak_kedua_jabatan="Gubernur Kalimantan Timur",
    )
    teks = kalimat_pk(pk, 2024)
    assert teks.startswith(
        "Perjanjian Kinerja Tahun 2024 masih berupa draf (versi 2) dan belum ditandatangani;"
    )
    assert "SRI WAHYUNI (Sekretaris Daerah) dan Gubernur Kalimantan Timur." in teks
    assert "–" not in teks
    pk.status, pk.pihak_kedua_nama = PerjanjianKinerja.Status.FINAL, "Dr. H. AKMAL MALIK"
    assert kalimat_pk(pk, 2024) == (
        "Perjanjian Kinerja Tahun 2024 (versi 2) ditandatangani oleh SRI WAHYUNI (Sekretaris Daerah) dan "
        "Dr. H. AKMAL MALIK (Gubernur Kalimantan Timur)."
    )


def test_table_3_1_prints_the_akip_letter_grade(laporan):
    t = laporan.tabel("3.1")
    predikat = next(b for b in t.baris if b[1] == "Predikat")
    tercetak = [p for p in predikat[2:-1] if p != angka.KOSONG]
    assert tercetak
    assert all(re.fullmatch(r"(AA|A|BB|B|CC|C|D) \([A-Za-z ]+\)", p) for p in tercetak), tercetak


def test_bab_i_staff_tables_have_their_totals_and_the_paragraph_seed_004_has(laporan):
    """Seed 004, BAB I D: 312 PNS and 17 P3K (329 ASN), 264 non-PNS, 593 in all, 388 men and 205 women."""
    t = laporan.tabel("1.1")
    jumlah = next(b for b, g in zip(t.baris, t.gaya, strict=True) if g == "total")
    assert jumlah[:5] == ["Jumlah", "312", "17", "215", "114"]
    bab1 = next(b for b in laporan.bab if b.nomor == "I")
    sdm = next(b for b in bab1.bagian if b.judul.startswith("D."))
    non_pns = next(
        b for b in sdm.blok if isinstance(b, Tabel) and b.judul == "Pegawai Non PNS menurut Jabatan"
    )
    assert non_pns.baris[-1][1:] == ["Jumlah Non PNS", "264", "173", "91"]
    kalimat = next(
        b.teks for b in sdm.blok if isinstance(b, Paragraf) and b.teks.startswith("Berdasarkan data")
    )
    assert "secara keseluruhan sebanyak 593 orang" in kalimat
    assert "329 ASN (312 PNS dan 17 P3K) dan 264 pegawai Non PNS" in kalimat
    assert "388 orang laki-laki dan 205 orang perempuan" in kalimat


def test_tabel_2_1_gives_the_tujuan_indicators_their_targets(laporan):
    from sakip.perencanaan.models import Indikator

    t = laporan.tabel("2.1")
    kolom = t.kolom.index("Target Tujuan 2024")
    dicek = 0
    for ind in Indikator.objects.filter(renstra=renstra_setda(), tujuan__isnull=False).prefetch_related(
        "target"
    ):
        target = next((tg for tg in ind.target.all() if tg.tahun == 2024), None)
        if target is None:
            continue
        baris = next(b for b in t.baris if ind.nama in b[1].split("\n"))
        ke = baris[1].split("\n").index(ind.nama)
        assert baris[kolom].split("\n")[ke] == target.teks, (ind.nama, baris[kolom])
        dicek += 1
    assert dicek >= 2  # the demo's two tujuan have an indicator with targets each
