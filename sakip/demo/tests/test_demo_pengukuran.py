"""The measurement demo data (pengukuran_*.json) against the seed document it was transcribed from.

Seed 004: LKjIP 2024 Setda Prov. Kaltim, BAB III — Tabel 3.3 (pengukuran kinerja 2024), Tabel 3.5/3.8/3.11/3.14
(realisasi 2021–2024 and yearly change) and the narrative under each indicator.
"""

import json
import re
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

from sakip.demo import loader
from sakip.lib import rumus
from sakip.lib.angka import bulatkan, format_angka, parse_angka
from sakip.organisasi.models import Pengguna
from sakip.pengukuran import queries
from sakip.pengukuran.models import Narasi, Realisasi
from sakip.perencanaan.models import Indikator, RencanaStrategis

DATA = loader.DATA_DIR / "pengukuran_1_kaltim_2024.json"

# Tabel 3.3: kode -> (target, realisasi, capaian). Capaian rounded half-up: 86,40/85 = 101,647… is 101,65
# (the LKjIP prints 101,64 because it truncates).
TABEL_3_3 = {
    "IKU01": ("100,00", "100,00", "100,00"),
    "IKU02": ("100,00", "100,00", "100,00"),
    "IKU03": ("100,00", "100,00", "100,00"),
    "IKU04": ("100,00", "100,00", "100,00"),
    "IKU05": ("100,00", "100,00", "100,00"),
    "IKU06": ("100,00", "100,00", "100,00"),
    "IKU07": ("90,00", "90,00", "100,00"),
    "IKU08": ("71,00", "86,69", "122,10"),
    "IKU09": ("90,00", "95,20", "105,78"),
    "IKU10": ("70,00", "81,08", "115,83"),
    "IKU11": ("85,00", "86,40", "101,65"),
    "IKU12": ("70,00", "81,80", "116,86"),
    "IKU13": ("85,00", "86,41", "101,66"),
}
# Rata-rata capaian per sasaran (Tabel 3.16 prints 108,73 by truncation and 167,69 by mistake for S3/S4).
ROLLUP = {"S1": "100,00", "S2": "106,97", "S3": "108,74", "S4": "109,26"}


def data() -> dict:
    with DATA.open(encoding="utf-8") as handle:
        return json.load(handle)


def renstra_setda() -> RencanaStrategis:
    return RencanaStrategis.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai=2024
    )


def indikator(kode: str) -> Indikator:
    return renstra_setda().indikator.get(kode=kode)


def dua(nilai: Decimal | None) -> str:
    return format_angka(nilai, 2)


def test_tabel_capaian_2024_reproduces_tabel_3_3_and_sasaran_rollups(demo):
    tabel = queries.tabel_capaian(renstra_setda(), 2024)
    baris = {b.indikator.kode: b for b in tabel.baris}
    assert set(baris) == set(TABEL_3_3)
    for kode, (target, realisasi, capaian) in TABEL_3_3.items():
        b = baris[kode]
        tercetak = (dua(b.target.nilai), dua(b.realisasi), dua(b.hasil.nilai))
        assert tercetak == (target, realisasi, capaian), kode
        assert b.target.sumber == "PK"
        assert b.status == "Diverifikasi"
    assert {s.sasaran.kode: dua(s.rollup.nilai) for s in tabel.sasaran} == ROLLUP


def test_dashboard_page_shows_the_published_figures_to_pimpinan(demo, client):
    client.force_login(Pengguna.objects.get(username="pimpinan.setda"))
    url = reverse("pengukuran:dasbor_renstra", args=[renstra_setda().pk])
    response = client.get(url, {"tahun": 2024})
    assert response.status_code == 200
    html = response.content.decode()
    for kode, (_, realisasi, capaian) in TABEL_3_3.items():
        row = re.search(rf'<tr data-indikator="{kode}">(.*?)</tr>', html, re.S)
        assert row is not None, kode
        assert realisasi in row.group(1), kode
        assert capaian in row.group(1), kode
    for kode, nilai in ROLLUP.items():
        row = re.search(rf'<tr class="row-sasaran rollup" data-sasaran="{kode}">(.*?)</tr>', html, re.S)
        assert row is not None, kode
        assert nilai in row.group(1), kode


def test_riwayat_gives_the_realisasi_2021_2024_and_yearly_change_of_tabel_3_5_to_3_14(demo):
    # kode -> realisasi 2021..2024 ("-" when the LKjIP has none) and the 2024 change, rounded half-up.
    # The LKjIP truncates three changes: IKU05 -1,56, IKU08 22,87, IKU13 0,13.
    harapan = {
        "IKU01": (["85,00", "100,00", "100,00", "100,00"], "0,00"),
        "IKU02": (["–", "–", "–", "100,00"], "–"),
        "IKU04": (["85,00", "90,00", "95,00", "100,00"], "5,26"),
        "IKU05": (["99,86", "102,00", "101,59", "100,00"], "-1,57"),
        "IKU06": (["90,00", "96,77", "100,00", "100,00"], "0,00"),
        "IKU07": (["–", "–", "–", "90,00"], "–"),
        "IKU08": (["74,13", "64,30", "70,55", "86,69"], "22,88"),
        "IKU09": (["98,40", "97,24", "96,63", "95,20"], "-1,48"),
        "IKU10": (["75,68", "89,19", "97,30", "81,08"], "-16,67"),
        "IKU11": (["79,81", "83,38", "84,26", "86,40"], "2,54"),
        "IKU12": (["–", "–", "–", "81,80"], "–"),
        "IKU13": (["85,24", "85,78", "86,29", "86,41"], "0,14"),
    }
    for kode, (realisasi, perubahan) in harapan.items():
        riwayat = queries.riwayat_indikator(indikator(kode), 2024, jumlah=4)
        assert [t.tahun for t in riwayat] == [2021, 2022, 2023, 2024]
        assert [dua(t.realisasi) for t in riwayat] == realisasi, kode
        assert dua(riwayat[-1].perubahan) == perubahan, kode


def test_every_realisasi_matches_the_published_value_and_stated_inputs(demo):
    isi = data()
    rows = isi["realisasi"]
    per_tahun: dict[int, int] = {}
    for row in rows:
        per_tahun[row["tahun"]] = per_tahun.get(row["tahun"], 0) + 1
        ind = indikator(row["indikator"])
        r = Realisasi.objects.get(indikator=ind, tahun=row["tahun"], periode=row["periode"])
        terbit = parse_angka(row["nilai"])
        assert bulatkan(r.nilai, 2) == bulatkan(terbit, 2), row
        assert r.status == Realisasi.Status.DIVERIFIKASI
        assert r.unit_kerja == ind.penanggung_jawab
        masukan = row.get("masukan") or row.get("masukan_belum_dimuat")
        if masukan:
            # the inputs the seed states reproduce the published value to 2 decimals
            dihitung = rumus.hitung(ind.formulasi, {k: parse_angka(v) for k, v in masukan.items()})
            assert bulatkan(dihitung, 2) == bulatkan(terbit, 2), row
        assert r.masukan == {k: str(parse_angka(v)) for k, v in row.get("masukan", {}).items()}
    assert per_tahun == {2021: 9, 2022: 9, 2023: 9, 2024: 13}
    assert Realisasi.objects.filter(indikator__renstra=renstra_setda()).count() == len(rows)
    # IKU06: Total Realisasi 47 of Total Target 47 coordinations (BAB III C.2.d.1)
    iku06 = Realisasi.objects.get(indikator=indikator("IKU06"), tahun=2024)
    assert iku06.masukan == {
        "realisasi_koordinasi_kebijakan_perekonomian": "47",
        "target_koordinasi_kebijakan_perekonomian": "47",
    }
    # the seed reports no realisasi for the indikator tujuan IT1–IT3
    assert not Realisasi.objects.filter(indikator__kode__in=["IT1", "IT2", "IT3"]).exists()


def test_narasi_of_all_13_iku_are_transcribed(demo):
    narasi = Narasi.objects.filter(indikator__renstra=renstra_setda(), tahun=2024)
    assert sorted(narasi.values_list("indikator__kode", flat=True)) == sorted(TABEL_3_3)
    iku01 = narasi.get(indikator__kode="IKU01")
    assert iku01.unit_kerja.kode == "SETDA.KESRA"
    assert iku01.faktor_pendukung == (
        "- Tersedianya dana/anggaran penunjang kegiatan;\n"
        "- Tersedianya regulasi yang jelas;\n"
        "- Telah disusunnya Rencana Kerja Tahunan Sub Bagian;\n"
        "- Tersedianya Sumber Daya Manusia."
    )
    assert iku01.solusi.startswith("Solusi:\n- Penguatan perencanaan untuk tahun selanjutnya;")
    assert "Upaya:\n- Penyusunan RKT" in iku01.solusi
    assert "11. Sektor Keagamaan (Kantor Wilayah Kementerian Agama Prov. Kaltim)" in iku01.analisis
    iku04 = narasi.get(indikator__kode="IKU04")
    assert iku04.solusi == (
        "Memberikan pemahaman kepada Pihak pengusul tentang persyaratan dokumen usulan kerja sama. Adapun "
        "persyaratan dokumen usulan berdasarkan Permendagri Nomor 22 Tahun 2020."
    )
    iku10 = narasi.get(indikator__kode="IKU10")
    assert "ada sejumlah 30 Perangkat Daerah" in iku10.analisis
    assert "dari total jumlah 37" in iku10.analisis
    for n in narasi:
        for teks in (n.analisis, n.faktor_pendukung, n.faktor_penghambat, n.permasalahan, n.solusi):
            assert teks.strip(), n
            assert not any(tanda in teks for tanda in ("**", "$$", "<p>")), n


def test_loading_twice_changes_nothing(demo):
    def keadaan():
        return (
            sorted(Realisasi.objects.values_list("pk", "versi", "status", "nilai")),
            sorted(Narasi.objects.values_list("pk", "versi")),
            Realisasi.history.count(),
            Narasi.history.count(),
        )

    pertama = keadaan()
    call_command("muat_demo")
    assert keadaan() == pertama
