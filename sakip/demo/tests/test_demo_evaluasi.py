"""The LHE AKIP demo data (evaluasi_*.json) against the seed document it was transcribed from.

Seed 004: LKjIP 2024 Setda Prov. Kaltim, BAB III A — Tabel 3.1 (Nilai Hasil Evaluasi Akuntabilitas Kinerja
2019–2023) and Tabel 3.2 (Rekomendasi, Tindak Lanjut dan Rencana Aksi of the LHE 2023).
"""

import datetime as dt
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from sakip.demo import loader
from sakip.evaluasi import nilai
from sakip.evaluasi.models import EvaluasiAkip, NilaiKomponen, Rekomendasi, SkemaEvaluasi
from sakip.lib.angka import format_angka
from sakip.organisasi.models import Pengguna

D = Decimal
DATA = loader.DATA_DIR / "evaluasi_1_kaltim.json"
SEED = Path("/work/shared/seeds/004_927889737ba2f067.txt")

# Tabel 3.1 as printed: component scores per year.
TABEL_3_1 = {
    "PERENCANAAN": ("22,40", "20,39", "23,75", "22,20", "30,00"),
    "PENGUKURAN": ("15,94", "13,75", "15,00", "14,80", "15,40"),
    "PELAPORAN": ("10,07", "9,88", "11,22", "7,70", "8,00"),
    "EVALUASI": ("6,27", "3,84", "6,85", "14,00", "14,80"),
    "CAPAIAN": ("12,55", "11,28", "11,12", "15,20", "13,60"),
}
TAHUN = (2019, 2020, 2021, 2022, 2023)
# Computed from the component scores. The report prints 67,93 for 2021 (23,75 + 15,00 + 11,22 + 6,85 + 11,12
# = 67,94) and -1,57 for Capaian Kinerja 2022-2023 (13,60 - 15,20 = -1,60): typing slips.
TOTAL = ("67,23", "59,14", "67,94", "73,90", "81,80")
PREDIKAT = ("B", "CC", "B", "BB", "A")
PERUBAHAN_2022_2023 = {
    "PERENCANAAN": "7,80",
    "PENGUKURAN": "0,60",
    "PELAPORAN": "0,30",
    "EVALUASI": "0,80",
    "CAPAIAN": "-1,60",
}


@pytest.fixture
def demo(db):
    loader.load_organisasi()
    return loader.load_evaluasi()


def setda_history() -> nilai.Riwayat:
    evaluasi = EvaluasiAkip.objects.filter(unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA").lengkap()
    return nilai.riwayat({e.tahun: (e.skema.komponen_murni(), e.nilai_per_kode()) for e in evaluasi})


def test_component_scores_are_those_of_table_3_1(demo):
    tabel = setda_history()
    assert tabel.tahun == TAHUN
    assert {b.kode: tuple(format_angka(v) for v in b.nilai) for b in tabel.baris} == TABEL_3_1
    assert [b.nama for b in tabel.baris] == [
        "Perencanaan Kinerja",
        "Pengukuran Kinerja",
        "Pelaporan Kinerja",
        "Evaluasi Akuntabilitas Kinerja Internal",
        "Capaian Kinerja",
    ]


def test_totals_grades_and_change_are_computed_from_the_component_scores(demo):
    tabel = setda_history()
    assert tuple(format_angka(t) for t in tabel.total) == TOTAL
    assert tuple(p.kode for p in tabel.predikat if p) == PREDIKAT
    assert {b.kode: format_angka(b.perubahan) for b in tabel.baris} == PERUBAHAN_2022_2023
    assert tabel.perubahan_total == D("7.90")  # 81,80 - 73,90


def test_loader_reports_exactly_the_two_typing_slips_of_the_report(demo):
    assert [(s.tahun, s.apa, s.tercetak, s.dihitung) for s in demo] == [
        (2021, "total", "67,93", "67,94"),
        (2023, "perubahan 2022–2023 CAPAIAN", "-1,57", "-1,60"),
    ]


def test_pemda_scheme_has_the_five_components_and_no_invented_weights(demo):
    skema = SkemaEvaluasi.objects.get(pemda__kode="64", kode="KALTIM-LHE-PD")
    komponen = list(skema.komponen.all())
    assert [k.kode for k in komponen] == list(TABEL_3_1)
    # Table 3.1 prints no weights; 12/2015's Evaluasi Internal weight (10) is below the 2022/2023 scores.
    assert all(k.bobot is None for k in komponen)
    assert nilai.validasi_bobot(skema.komponen_murni()) == []
    assert "Nomor 26 Tahun 2022" in skema.dasar_hukum


def test_recommendations_of_table_3_2(demo):
    rekomendasi = list(
        Rekomendasi.objects.filter(evaluasi__unit_kerja__kode="SETDA", evaluasi__tahun=2023).select_related(
            "komponen"
        )
    )
    assert [(r.urutan, r.komponen.kode, r.status) for r in rekomendasi] == [
        (1, "PERENCANAAN", "sudah"),
        (2, "PENGUKURAN", "sudah"),
        (3, "PELAPORAN", "sudah"),
        (4, "EVALUASI", "sudah"),
        (5, "CAPAIAN", "sudah"),
    ]
    # The seed gives neither a due date nor a responsible unit.
    assert all(r.batas_waktu is None and r.penanggung_jawab is None for r in rekomendasi)
    # Each bullet of the table stays a line; nothing of substance trimmed (typos of the source kept).
    assert [r.uraian.count("\n- ") + r.uraian.startswith("- ") for r in rekomendasi] == [3, 3, 2, 0, 0]
    assert [r.tindak_lanjut.count("\n- ") + r.tindak_lanjut.startswith("- ") for r in rekomendasi] == [
        3,
        3,
        2,
        0,
        0,
    ]
    assert "mengacu pada SMART-C" in rekomendasi[0].uraian
    assert "Pengambilan data melalui aplikasi e-SAKIP dan Evdoren" in rekomendasi[0].tindak_lanjut
    assert 'penilaisn kinerja individu yang harus dengan SKP "sangat baik"' in rekomendasi[1].tindak_lanjut
    assert rekomendasi[2].uraian.endswith(
        "diusulkan sebagai dasar penyesuaian anggaran yang tertuang pada APBD-P/P-RKPD."
    )
    assert "Notulensi Rapat Monev setiap bulannya" in rekomendasi[3].tindak_lanjut
    assert "telah didukung dengan epidemi atau data dukung yang memadai" in rekomendasi[4].tindak_lanjut
    assert not Rekomendasi.objects.terlambat(dt.date(2100, 1, 1)).exists()


def _kata(teks: str) -> list[str]:
    teks = re.sub(r"<[^>]+>", " ", teks)
    return re.findall(r"[0-9A-Za-z]+", teks)


@pytest.mark.skipif(not SEED.exists(), reason="seed 004 is not available on this machine")
def test_recommendation_texts_follow_the_seed_word_for_word():
    """Every word of each transcribed cell appears, in order, in table 3.2 of the seed (page breaks allowed)."""
    seed = SEED.read_text(encoding="utf-8")
    awal = seed.index("Tabel 3.2\nRekomendasi, Tindak Lanjut")
    tabel = seed[
        awal : seed.index("Sekretariat Daerah Provinsi Kalimantan Timur telah melakukan hal-hal", awal)
    ]
    kata_seed = _kata(tabel)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    rows = next(e for e in data["evaluasi"] if e["tahun"] == 2023)["rekomendasi"]
    assert len(rows) == 5
    for row in rows:
        for teks in (row["uraian"], row["tindak_lanjut"]):
            posisi = iter(kata_seed)
            hilang = [k for k in _kata(teks) if not any(k == s for s in posisi)]
            assert hilang == [], teks[:60]
    # Nothing trimmed: the words of the table not in the transcription are only its title and headers, the row
    # numbers, the Sudah/Belum column and the component headings that became the `komponen` field.
    semua = Counter(_kata(" ".join(r["uraian"] + " " + r["tindak_lanjut"] for r in rows)))
    sisa = Counter(kata_seed) - semua
    judul = Counter(_kata("Tabel 3.2 Rekomendasi, Tindak Lanjut dan Rencana Aksi"))
    judul += Counter(_kata("No. Rekomendasi Tindak Lanjut/Rencana Sudah/ Belum") * 2)
    judul += Counter(_kata("1. 2. 3. 4. 5.") + ["Sudah"] * 5)
    for nama in (
        "Perencanaan Kinerja",
        "Pengukuran Kinerja",
        "Pelaporan Kinerja",
        "Evaluasi Akuntabilitas Kinerja Internal",
        "Capaian Kinerja",
    ):
        judul += Counter(_kata(nama) * 2)
    assert sisa == judul


@pytest.mark.skipif(not SEED.exists(), reason="seed 004 is not available on this machine")
def test_table_3_1_scores_follow_the_seed():
    seed = SEED.read_text(encoding="utf-8")
    for kode, nama in (("PERENCANAAN", "Perencanaan Kinerja"), ("CAPAIAN", "Capaian Kinerja")):
        baris = next(line for line in seed.splitlines() if re.match(rf"\| \d \| {nama} \|", line))
        assert " | ".join(TABEL_3_1[kode]) in baris


def test_loading_twice_changes_nothing(demo):
    jumlah = (
        EvaluasiAkip.objects.count(),
        NilaiKomponen.objects.count(),
        Rekomendasi.objects.count(),
        NilaiKomponen.history.count(),
        Rekomendasi.history.count(),
        EvaluasiAkip.history.count(),
    )
    assert jumlah[:3] == (5, 25, 5)
    loader.load_evaluasi()
    assert (
        EvaluasiAkip.objects.count(),
        NilaiKomponen.objects.count(),
        Rekomendasi.objects.count(),
        NilaiKomponen.history.count(),
        Rekomendasi.history.count(),
        EvaluasiAkip.history.count(),
    ) == jumlah


def test_muat_demo_loads_the_evaluation_and_the_pages_show_it(db, client):
    call_command("muat_demo")
    setda = EvaluasiAkip.objects.filter(unit_kerja__kode="SETDA", unit_kerja__pemda__kode="64")
    assert setda.count() == 5
    unit_pk = setda.first().unit_kerja_id
    client.force_login(Pengguna.objects.get(username="inspektorat"))
    body = client.get(reverse("evaluasi:unit", args=[unit_pk])).content.decode()
    for teks in (*TOTAL, "-1,60", "7,90", "(8) = (7) − (6)", "Peningkatan/ Penurunan 2022–2023"):
        assert teks in body
    for kode in PREDIKAT:
        assert f">{kode}<" in body
    assert "67,93" not in body
    # An operator of a Biro does not see the Setda's evaluation.
    client.force_login(Pengguna.objects.get(username="operator.adpim"))
    assert client.get(reverse("evaluasi:unit", args=[unit_pk])).status_code == 404
