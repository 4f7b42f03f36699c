"""The planning demo data (perencanaan_*.json) against the seed documents it was transcribed from.

Seed 004: LKjIP 2024 Setda Prov. Kaltim (Renstra 2024-2026, IKU, PK 2024, programs).
Seed 000: IKU Setda Prov. Kaltim, Renstra 2013-2018.
Seed 002: Keputusan Sekda Kab. Balangan, IKU 2021-2026 of the Setda, its Bagian and Sub Bagian.
Seed 003: Keputusan Kepala Biro Umum Prov. Kalimantan Barat, IKU 2024-2026.
"""

from decimal import Decimal

from django.core.management import call_command

from sakip.organisasi.models import Pemda, UnitKerja
from sakip.perencanaan.models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    PKIndikator,
    PKProgram,
    Program,
    RencanaStrategis,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
    VariabelIndikator,
)

KALTIM, BALANGAN, KALBAR = "64", "63.11", "61"


def renstra(pemda: str, unit: str, tahun_mulai: int) -> RencanaStrategis:
    return RencanaStrategis.objects.get(
        unit_kerja__pemda__kode=pemda, unit_kerja__kode=unit, tahun_mulai=tahun_mulai
    )


def targets(indikator: Indikator) -> dict[int, Decimal | str]:
    return {t.tahun: (t.predikat or t.nilai) for t in indikator.target.all()}


def iku(r: RencanaStrategis):
    return r.indikator.filter(is_iku=True, sasaran__isnull=False).order_by("urutan")


# --- Seed 004: LKjIP 2024 Setda Prov. Kaltim ------------------------------------------------------


def test_seed004_renstra_has_2_tujuan_4_sasaran_and_13_iku(demo):
    r = renstra(KALTIM, "SETDA", 2024)
    assert (r.tahun_mulai, r.tahun_selesai) == (2024, 2026)
    assert list(r.tujuan.values_list("kode", flat=True)) == ["T1", "T2"]
    assert list(r.sasaran.values_list("uraian", flat=True)) == [
        "Meningkatnya kualitas kebijakan bidang pemerintahan, kesejahteraan rakyat, dan hukum untuk "
        "mendorong sumber daya manusia yang berdaya saing",
        "Meningkatnya kualitas kebijakan bidang ekonomi, administrasi pembangunan, dan penyelenggaraan "
        "pengadaan barang dan jasa yang mendorong ekonomi yang berkualitas",
        "Meningkatnya kualitas layanan dan kebijakan untuk penerapan administrasi dan birokrasi "
        "yang BerAKHLAK",
        "Meningkatnya akuntabilitas kinerja dan layanan publik Perangkat Daerah",
    ]
    assert r.sasaran.get(kode="S4").tujuan.kode == "T2"
    assert list(iku(r).values_list("kode", flat=True)) == [f"IKU{n:02d}" for n in range(1, 14)]
    per_sasaran = {s.kode: s.indikator.count() for s in r.sasaran.all()}
    assert per_sasaran == {"S1": 5, "S2": 4, "S3": 2, "S4": 2}
    # Tabel 2.1 indikator tujuan are not IKU
    assert list(r.indikator.filter(tujuan__isnull=False).values_list("kode", "is_iku")) == [
        ("IT1", False),
        ("IT2", False),
        ("IT3", False),
    ]


def test_seed004_iku_formula_satuan_targets_and_penanggung_jawab(demo):
    r = renstra(KALTIM, "SETDA", 2024)
    iku01 = r.indikator.get(kode="IKU01")
    assert iku01.nama == "Persentase perumusan kebijakan di bidang kesra yang difasilitasi"
    assert iku01.satuan == "Persen"
    assert iku01.jenis == "persentase"
    assert iku01.formulasi == "kebijakan_kesra_difasilitasi / usulan_fasilitasi_bahan_kebijakan_kesra * 100"
    assert list(iku01.variabel.values_list("nama", "label")) == [
        ("kebijakan_kesra_difasilitasi", "Kebijakan bidang kesra yang difasilitasi"),
        ("usulan_fasilitasi_bahan_kebijakan_kesra", "Usulan fasilitasi bahan kebijakan bidang kesra"),
    ]
    assert iku01.sumber_data == "Laporan seluruh bagian di Biro Kesra"
    assert iku01.penanggung_jawab.kode == "SETDA.KESRA"
    assert targets(iku01) == {2024: 100, 2025: 100, 2026: 100}

    pbj = r.indikator.get(nama="Indeks tata kelola pengadaan barang dan jasa")
    assert (pbj.kode, pbj.satuan, pbj.jenis) == ("IKU08", "Indeks", "indeks")
    assert targets(pbj) == {2024: 71, 2025: 73, 2026: 76}
    assert pbj.formulasi == ""
    assert pbj.formulasi_uraian == "Hasil Evaluasi LKPP"
    assert pbj.penanggung_jawab.kode == "SETDA.PBJ"

    sakip = r.indikator.get(
        nama="Persentase perangkat daerah yang mendapatkan nilai SAKIP dengan predikat minimal BB"
    )
    assert targets(sakip) == {2024: 70, 2025: 80, 2026: 100}
    assert sakip.penanggung_jawab.kode == "SETDA.ORGANISASI"
    assert sakip.variabel.count() == 2

    ikm = r.indikator.get(nama="Indeks Kepuasan Terhadap Layanan Sekretariat Daerah")
    assert targets(ikm) == {2024: Decimal("85"), 2025: Decimal("85.5"), 2026: Decimal("86")}
    assert ikm.formulasi_uraian == "Perhitungan sesuai dengan Permen PAN RB No.14 Tahun 2017"
    assert ikm.penanggung_jawab.kode == "SETDA.UMUM"

    pendapatan = r.indikator.get(kode="IKU07")
    assert targets(pendapatan) == {2024: 90, 2025: 95, 2026: 100}
    assert pendapatan.satuan == "Persen"  # blank in Tabel 2.1, given in Tabel 2.3

    # sasaran 4: "Nilai/Predikat" with numeric targets is a nilai, not a predikat
    nilai = r.indikator.get(kode="IKU12")
    assert (nilai.nama, nilai.satuan, nilai.jenis) == (
        "Nilai akuntabilitas Kinerja Perangkat Daerah",
        "Nilai/Predikat",
        "nilai",
    )
    assert targets(nilai) == {2024: 70, 2025: 71, 2026: 72}
    assert nilai.penanggung_jawab.kode == "SETDA.ADPIM"
    assert r.indikator.get(kode="IKU13").penanggung_jawab.kode == "SETDA.ADPIM"
    assert r.indikator.get(kode="IKU09").kondisi_akhir == Decimal("92")  # Tabel 3.9 target akhir Renstra

    with_formula = set(iku(r).exclude(formulasi="").values_list("kode", flat=True))
    assert with_formula == {"IKU01", "IKU02", "IKU03", "IKU04", "IKU05", "IKU06", "IKU07", "IKU09", "IKU10"}


def test_seed004_indikator_tujuan_predikat_bb(demo):
    r = renstra(KALTIM, "SETDA", 2024)
    predikat = r.indikator.get(kode="IT2")
    assert predikat.nama == "Nilai akuntabilitas Kinerja Pemerintah Daerah"
    assert predikat.tujuan.kode == "T2"
    assert predikat.jenis == "predikat"
    assert predikat.skala_predikat == ["D", "C", "CC", "B", "BB", "A", "AA"]
    assert targets(predikat) == {2024: "BB", 2025: "BB", 2026: "BB"}
    assert targets(r.indikator.get(nama="Indeks Kualitas Kebijakan")) == {2024: 50, 2025: 55, 2026: 60}
    assert targets(r.indikator.get(kode="IT3")) == {2024: 85, 2025: Decimal("85.5"), 2026: 86}


def test_seed004_pk_2024_targets_and_pagu(demo):
    pk = PerjanjianKinerja.objects.get(unit_kerja__pemda__kode=KALTIM, unit_kerja__kode="SETDA", tahun=2024)
    assert pk.renstra.tahun_mulai == 2024
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_jabatan) == (
        "SRI WAHYUNI",
        "Sekretaris Daerah Provinsi Kalimantan Timur",
    )
    assert pk.pihak_kedua_jabatan == "Gubernur Kalimantan Timur"
    # Seed 004 names no Gubernur: the planning file leaves the PK a draft; the portal demo (publikasi_1_kaltim_2024.json)
    # finalises it with a marker in place of the name, so that it can be published.
    assert pk.pihak_kedua_nama == "(nama tidak tercantum pada seed 004)"
    assert pk.status == PerjanjianKinerja.Status.FINAL
    assert pk.tempat == "Samarinda"
    lines = {line.indikator.kode: line.target for line in pk.indikator.select_related("indikator")}
    assert lines == {
        "IKU01": 100,
        "IKU02": 100,
        "IKU03": 100,
        "IKU04": 100,
        "IKU05": 100,
        "IKU06": 100,
        "IKU07": 90,
        "IKU08": 71,
        "IKU09": 90,
        "IKU10": 70,
        "IKU11": 85,
        "IKU12": 70,
        "IKU13": 85,
    }
    pagu = {
        f"{p.program.unit_kerja.kode}/{p.program.kode}": p.pagu
        for p in pk.program.select_related("program__unit_kerja")
    }
    assert pagu["SETDA.KESRA/1.1"] == Decimal("187715133600")
    assert pagu["SETDA.UMUM/3.2"] == Decimal("251785671392")
    assert pagu["SETDA.ADPIM/4.1"] == Decimal("28939960180")
    assert len(pagu) == 9
    assert sum(pagu.values()) == Decimal("521807492761")  # Tabel 2.5: sasaran 1-4


def test_seed004_programs_kegiatan_sub_kegiatan(demo):
    # The nine programs of the PK (Tabel 2.5) serve a sasaran; the budget demo adds the seven Biro's own
    # "Program Penunjang" of Tabel 3.19, which serve none.
    semua = Program.objects.filter(unit_kerja__pemda__kode=KALTIM)
    assert semua.count() == 16
    programs = semua.filter(sasaran__isnull=False).distinct()
    assert programs.count() == 9
    assert Kegiatan.objects.filter(program__in=programs).count() == 36
    assert SubKegiatan.objects.filter(kegiatan__program__in=programs).count() == 106
    penunjang = programs.filter(nama="Program Penunjang Urusan Pemerintahan Daerah Provinsi")
    assert sorted(penunjang.values_list("unit_kerja__kode", flat=True)) == ["SETDA.ADPIM", "SETDA.UMUM"]
    by_unit = {p.unit_kerja.kode: p for p in programs.select_related("unit_kerja")}
    assert by_unit["SETDA.PBJ"].nama == "Program Kebijakan dan Pelayanan Pengadaan Barang dan Jasa"
    assert list(by_unit["SETDA.PBJ"].sasaran.values_list("kode", flat=True)) == ["S2"]
    assert list(by_unit["SETDA.ADPIM"].sasaran.values_list("kode", flat=True)) == ["S4"]
    assert list(by_unit["SETDA.KESRA"].kegiatan.values_list("nama", flat=True)) == [
        "Fasilitasi Pembinaan Mental Spiritual",
        "Fasilitasi Pengembangan Kesejahteraan Rakyat Pelayanan Dasar",
        "Fasilitasi Pengembangan Kesejahteraan Rakyat Non Pelayanan Dasar",
    ]
    assert by_unit["SETDA.UMUM"].kegiatan.count() == 9
    assert by_unit["SETDA.ADPIM"].kegiatan.count() == 9
    gaji = SubKegiatan.objects.get(
        kegiatan__program=by_unit["SETDA.UMUM"], nama="Penyediaan Gaji dan Tunjangan ASN"
    )
    assert gaji.satuan_keluaran == "Orang/Bulan"
    assert SubKegiatan.objects.get(nama="Fasilitasi Kelembagaan Bina Spiritual").satuan_keluaran == "Lembaga"


# --- Seed 000: IKU Setda Prov. Kaltim 2013-2018 ---------------------------------------------------


def test_seed000_renstra_2013_has_12_sasaran_and_13_iku_without_targets(demo):
    r = renstra(KALTIM, "SETDA", 2013)
    assert r.tahun_selesai == 2018
    assert r.tujuan.count() == 0
    assert r.sasaran.count() == 12
    assert r.indikator.count() == 13
    assert iku(r).count() == 13
    assert Target.objects.filter(indikator__renstra=r).count() == 0
    lppd = r.indikator.get(kode="IKU01")
    assert (lppd.nama, lppd.satuan, lppd.jenis) == ("Predikat LPPD", "Predikat", "predikat")
    assert lppd.skala_predikat == ["Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]
    assert r.sasaran.get(kode="S11").indikator.count() == 2
    advokasi = r.indikator.get(kode="IKU04")
    assert advokasi.formulasi == "perkara_diselesaikan / perkara_masuk * 100"
    assert r.indikator.get(kode="IKU05").satuan == "MoU"
    assert r.indikator.get(kode="IKU03").penanggung_jawab.kode == "SETDA.HUKUM"


# --- Seed 002: Kabupaten Balangan -----------------------------------------------------------------


BAGIAN_IKU = {  # Eselon III tables
    "SETDA.HUKUM": 3,
    "SETDA.KESRA": 1,
    "SETDA.PEM": 3,
    "SETDA.ADBANG": 2,
    "SETDA.EKONOMI": 3,
    "SETDA.PBJ": 2,
    "SETDA.PROKOPIM": 2,
}
SUB_BAGIAN_IKU = {  # Eselon IV tables
    "SETDA.HUKUM.PERUNDANGAN": 1,
    "SETDA.HUKUM.BANKUM": 2,
    "SETDA.HUKUM.DOKINFO": 1,
    "SETDA.KESRA.KESMAS": 1,
    "SETDA.KESRA.BINTAL": 1,
    "SETDA.KESRA.KESOS": 3,
    "SETDA.PEM.ADPEM": 2,
    "SETDA.PEM.KEWILAYAHAN": 3,
    "SETDA.PEM.OTDA": 3,
    "SETDA.ADBANG.PROGRAM": 1,
    "SETDA.ADBANG.PENGENDALIAN": 1,
    "SETDA.ADBANG.EVALUASI": 1,
    "SETDA.EKONOMI.EKONOMI": 2,
    "SETDA.EKONOMI.SDA": 3,
    "SETDA.EKONOMI.BUMD": 2,
    "SETDA.PBJ.PENGELOLAAN": 1,
    "SETDA.PBJ.LPSE": 1,
    "SETDA.PBJ.PEMBINAAN": 1,
    "SETDA.PROKOPIM.PROTOKOL": 1,
    "SETDA.PROKOPIM.KOMUNIKASI": 1,
    "SETDA.PROKOPIM.DOKUMENTASI": 1,
}


def test_balangan_organisation_and_iku_counts(demo):
    balangan = Pemda.objects.get(kode=BALANGAN)
    assert (balangan.nama, balangan.jenis) == ("Kabupaten Balangan", "kabupaten")
    setda = UnitKerja.objects.get(pemda=balangan, kode="SETDA")
    assert (setda.nama, setda.eselon) == ("Sekretariat Daerah Kabupaten Balangan", "II.a")
    bagian = UnitKerja.objects.filter(pemda=balangan, jenis="bagian")
    assert set(bagian.values_list("kode", flat=True)) == set(BAGIAN_IKU) | {"SETDA.ORGANISASI"}
    assert set(bagian.values_list("eselon", flat=True)) == {"III.a"}
    assert UnitKerja.objects.filter(pemda=balangan, jenis="sub_bagian", eselon="IV.a").count() == 21
    assert UnitKerja.objects.get(pemda=balangan, kode="SETDA.HUKUM.PERUNDANGAN").induk.kode == "SETDA.HUKUM"

    assert RencanaStrategis.objects.filter(unit_kerja__pemda=balangan).count() == 29
    assert iku(renstra(BALANGAN, "SETDA", 2021)).count() == 3
    counts = {
        r.unit_kerja.kode: iku(r).count()
        for r in RencanaStrategis.objects.filter(unit_kerja__pemda=balangan).select_related("unit_kerja")
    }
    assert {k: counts[k] for k in BAGIAN_IKU} == BAGIAN_IKU
    assert {k: counts[k] for k in SUB_BAGIAN_IKU} == SUB_BAGIAN_IKU
    assert Indikator.objects.filter(renstra__unit_kerja__pemda=balangan).count() == 52
    adbang = renstra(BALANGAN, "SETDA.ADBANG", 2022)  # the Adbang decree covers 2022-2026
    assert adbang.tahun_selesai == 2026


def test_balangan_baseline_grades_and_targets(demo):
    setda = renstra(BALANGAN, "SETDA", 2021)
    assert setda.sasaran.get().uraian == "Meningkatnya Kualitas Reformasi Birokrasi"
    sakip = setda.indikator.get(nama="Nilai SAKIP")
    assert sakip.kondisi_awal == Decimal("66.04")  # "B = 66.04"
    assert sakip.kondisi_awal_teks == "B = 66.04"
    assert sakip.kondisi_akhir == Decimal("78.2")
    t2022 = sakip.target.get(tahun=2022)
    assert (t2022.nilai, t2022.keterangan) == (Decimal("70.4"), "BB")
    assert sorted(sakip.target.values_list("tahun", flat=True)) == [2021, 2022, 2023, 2024, 2025]
    assert sakip.penanggung_jawab.kode == "SETDA.ORGANISASI"

    ipp = setda.indikator.get(nama="Indeks Pelayanan Publik")
    assert ipp.kondisi_awal == Decimal("3.01")
    t2021 = ipp.target.get(tahun=2021)
    assert (t2021.nilai, t2021.keterangan) == (Decimal("3.01"), "-B")
    t2025 = ipp.target.get(tahun=2025)
    assert (t2025.nilai, t2025.keterangan) == (Decimal("4.01"), "-A")

    ikm = setda.indikator.get(nama="Indeks Kepuasan Masyarakat")
    assert ikm.kondisi_awal == Decimal("82.53")
    assert targets(ikm)[2021] == Decimal("82.55")
    assert targets(ikm)[2026] == Decimal("85")

    bumd = renstra(BALANGAN, "SETDA.EKONOMI", 2021).indikator.get(nama="Jumlah BUMD/BLUD yang dibentuk")
    assert targets(bumd) == {2021: 0, 2022: 1, 2023: 0, 2024: 0, 2025: 0, 2026: 0}

    hukum = renstra(BALANGAN, "SETDA.HUKUM", 2021)
    kepuasan = hukum.indikator.get(nama="Tingkat kepuasan layanan produk hukum dan informasi hukum")
    assert targets(kepuasan) == {2021: 83, 2022: 84, 2023: 85, 2024: 86, 2025: 87, 2026: 91}

    paten = renstra(BALANGAN, "SETDA.PEM.KEWILAYAHAN", 2021).indikator.get(kode="IKU01")
    assert paten.nama == "Rata-rata skor pelayanan PATEN di Kecamatan"
    assert targets(paten)[2021] == Decimal("2.991")
    assert targets(paten)[2022] == Decimal("3.05")
    assert paten.formulasi == "skor_kumulatif_paten / 8"

    hibah = renstra(BALANGAN, "SETDA.KESRA.KESOS", 2021).indikator.get(kode="IKU01")
    assert targets(hibah) == {2021: 76, 2022: 45, 2023: 46, 2024: 47, 2025: 48, 2026: 49}

    pengendalian = renstra(BALANGAN, "SETDA.ADBANG.PENGENDALIAN", 2022).indikator.get()
    assert pengendalian.kondisi_awal == Decimal("2")
    assert targets(pengendalian) == {2022: 4, 2023: 4, 2024: 4, 2025: 4, 2026: 4}

    lpse = renstra(BALANGAN, "SETDA.PBJ.LPSE", 2021).indikator.get()
    assert targets(lpse) == {2021: 10, 2022: 20, 2023: 30, 2024: 40, 2025: 50, 2026: 60}
    assert list(lpse.variabel.values_list("nama", flat=True)) == [
        "realisasi_transaksi_spse",
        "belanja_pengadaan",
    ]

    pilar = renstra(BALANGAN, "SETDA.PEM.KEWILAYAHAN", 2021).indikator.get(kode="IKU03")
    assert (pilar.mendukung.renstra.unit_kerja.kode, pilar.mendukung.kode) == ("SETDA.PEM", "IKU03")


# --- Seed 003: Biro Umum Prov. Kalimantan Barat ---------------------------------------------------


def test_kalbar_biro_umum_iku_with_category_targets(demo):
    kalbar = Pemda.objects.get(kode=KALBAR)
    assert (kalbar.nama, kalbar.jenis) == ("Provinsi Kalimantan Barat", "provinsi")
    umum = UnitKerja.objects.get(pemda=kalbar, kode="SETDA.UMUM")
    assert (umum.nama, umum.jenis, umum.eselon, umum.induk.kode) == ("Biro Umum", "biro", "II.a", "SETDA")
    r = renstra(KALBAR, "SETDA.UMUM", 2024)
    assert r.tahun_selesai == 2026
    assert iku(r).count() == 1
    ikm = iku(r).get()
    assert ikm.nama.startswith("Indeks Kepuasan Masyarakat (IKM) Pelayanan Umum")
    assert ikm.sasaran.uraian == (
        "Meningkatkan Efektivitas Tata Kelola Organisasi Kelembagaan Pemda, Pelayanan Umum dan "
        "Administrasi Pimpinan"
    )
    got = {t.tahun: (t.nilai, t.keterangan) for t in ikm.target.all()}
    assert got == {
        2024: (Decimal("86"), "Baik"),
        2025: (Decimal("87.50"), "Baik"),
        2026: (Decimal("89.50"), "Sangat Baik"),
    }
    assert ikm.target.get(tahun=2024).teks == "86,00 (Baik)"
    assert list(ikm.variabel.values_list("nama", flat=True)) == [
        "total_nilai_persepsi_per_unsur",
        "total_unsur_terisi",
        "nilai_penimbang",
    ]
    assert ikm.penanggung_jawab == umum


# --- Idempotence ----------------------------------------------------------------------------------


def snapshot():
    models = (
        Pemda,
        UnitKerja,
        RencanaStrategis,
        Tujuan,
        Sasaran,
        Indikator,
        VariabelIndikator,
        Target,
        Program,
        Kegiatan,
        SubKegiatan,
        PerjanjianKinerja,
        PKIndikator,
        PKProgram,
    )
    return {m.__name__: m.objects.count() for m in models} | {
        "pagu": sum(PKProgram.objects.values_list("pagu", flat=True)),
        "target": sorted(
            Target.objects.values_list("indikator_id", "tahun", "nilai", "predikat", "keterangan")
        ),
    }


def test_loading_the_planning_demo_twice_duplicates_nothing(demo):
    first = snapshot()
    assert first["RencanaStrategis"] == 2 + 29 + 1
    call_command("muat_demo")
    assert snapshot() == first
