"""The demo reproduces seed 004's budget (LKjIP 2024 Setda Prov. Kaltim, tables 2.5 and 3.19)."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sakip.anggaran import efisiensi, queries, tabel
from sakip.anggaran.models import AnggaranSubKegiatan, KinerjaProgramKegiatan
from sakip.lib import angka
from sakip.organisasi.models import Pengguna
from sakip.perencanaan.models import Program, RencanaStrategis, SubKegiatan

# Table 2.5: per sasaran pagu, realisasi, absorption, then its programs.
TABEL_2_5 = [
    (
        "S1",
        "202.978.570.206",
        "192.687.497.546",
        "94,93",
        [
            ("Program Kesejahteraan Rakyat", "187.715.133.600", "179.432.736.999", "95,59", "Biro Kesra"),
            (
                "Program Pemerintahan dan Otonomi Daerah",
                "10.741.327.106",
                "9.487.940.821",
                "88,33",
                "Biro POD",
            ),
            (
                "Program Fasilitasi dan Koordinasi Hukum",
                "4.522.109.500",
                "3.766.819.726",
                "83,30",
                "Biro Hukum",
            ),
        ],
    ),
    (
        "S2",
        "31.408.557.558",
        "21.451.289.001",
        "68,30",
        [
            (
                "Program Perekonomian dan Pembangunan",
                "13.608.567.808",
                "6.037.739.791",
                "44,37",
                "Biro Ekonomi",
            ),
            (
                "Program Kebijakan dan Pelayanan Pengadaan Barang dan Jasa",
                "8.603.122.350",
                "6.976.479.090",
                "81,09",
                "Biro PBJ",
            ),
            (
                "Program Kebijakan Administrasi Pembangunan",
                "9.196.867.400",
                "8.437.070.120",
                "91,74",
                "Biro Adbang",
            ),
        ],
    ),
    (
        "S3",
        "258.480.404.817",
        "241.218.263.857",
        "93,32",
        [
            ("Program Penataan Organisasi", "6.694.733.425", "4.730.044.136", "70,65", "Biro Organisasi"),
            (
                "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
                "251.785.671.392",
                "236.488.219.721",
                "93,92",
                "Biro Umum",
            ),
        ],
    ),
    (
        "S4",
        "28.939.960.180",
        "28.195.662.687",
        "97,43",
        [
            (
                "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
                "28.939.960.180",
                "28.195.662.687",
                "97,43",
                "Biro Adpim",
            ),
        ],
    ),
]

PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"
# Table 3.19 as printed: (unit, row name, target, realisasi, pagu, realisasi anggaran, % anggaran).
# Every program row, every unit row and a sample of sub kegiatan rows; "" where the seed prints no performance.
TABEL_3_19 = [
    (
        "BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
        PENUNJANG,
        "85%",
        "85%",
        "4.481.630.194",
        "4.217.970.580",
        "94,12",
    ),
    (
        "BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
        "PROGRAM PEMERINTAHAN DAN OTONOMI DAERAH",
        "100%",
        "100%",
        "10.741.327.106",
        "9.487.940.821",
        "88,33",
    ),
    ("BIRO KESEJAHTERAAN RAKYAT", PENUNJANG, "", "", "2.737.796.000", "2.497.280.359", "91,21"),
    (
        "BIRO KESEJAHTERAAN RAKYAT",
        "PROGRAM KESEJAHTERAAN RAKYAT",
        "100%",
        "100%",
        "187.715.133.600",
        "179.432.736.999",
        "95,59",
    ),
    ("BIRO HUKUM", PENUNJANG, "85%", "89%", "2.184.978.000", "2.035.941.246", "93,18"),
    (
        "BIRO HUKUM",
        "PROGRAM FASILITASI DAN KOORDINASI HUKUM",
        "100%",
        "103%",
        "4.522.109.500",
        "3.766.819.726",
        "83,30",
    ),
    ("BIRO PEREKONOMIAN", PENUNJANG, "81%", "81%", "2.520.563.192", "2.162.513.906", "85,79"),
    (
        "BIRO PEREKONOMIAN",
        "PROGRAM PEREKONOMIAN DAN PEMBANGUNAN",
        "100%",
        "100%",
        "13.608.567.808",
        "6.037.739.791",
        "44,37",
    ),
    ("BIRO PENGADAAN BARANG DAN JASA", PENUNJANG, "", "", "5.064.473.432", "4.083.563.583", "80,63"),
    (
        "BIRO PENGADAAN BARANG DAN JASA",
        "PROGRAM KEBIJAKAN DAN PELAYANAN PENGADAAN BARANG DAN JASA",
        "",
        "",
        "8.603.122.350",
        "6.976.479.090",
        "81,09",
    ),
    (
        "BIRO ADMINISTRASI PEMBANGUNAN",
        PENUNJANG,
        "85 Indeks",
        "97 Indeks",
        "5.884.582.600",
        "5.326.400.227",
        "90,51",
    ),
    (
        "BIRO ADMINISTRASI PEMBANGUNAN",
        "PROGRAM KEBIJAKAN ADMINISTRASI PEMBANGUNAN",
        "80%",
        "80%",
        "9.196.867.400",
        "8.437.070.120",
        "91,74",
    ),
    ("BIRO ORGANISASI", PENUNJANG, "82 Indeks", "77 Indeks", "2.267.512.575", "1.878.432.974", "82,84"),
    (
        "BIRO ORGANISASI",
        "PROGRAM PENATAAN ORGANISASI",
        "72 Indeks",
        "88 Indeks",
        "6.694.733.425",
        "4.730.044.136",
        "70,65",
    ),
    ("BIRO UMUM", PENUNJANG, "84 Indeks", "86 Indeks", "251.785.671.392", "236.488.219.721", "93,92"),
    (
        "BIRO ADMINISTRASI PIMPINAN",
        PENUNJANG,
        "100 Indeks",
        "100 Indeks",
        "28.939.960.180",
        "28.195.662.687",
        "97,43",
    ),
    (
        "BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
        "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
        "1 Dokumen",
        "1 Dokumen",
        "24.163.000",
        "7.494.000",
        "31,01",
    ),
    (
        "BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
        "Fasilitasi Kerja Sama Antar Pemerintah",
        "30 Dokumen",
        "30 Dokumen",
        "1.162.000.000",
        "692.175.314",
        "59,57",
    ),
    (
        "BIRO KESEJAHTERAAN RAKYAT",
        "Fasilitasi Kelembagaan Bina Spiritual",
        "10 Lembaga",
        "10 Lembaga",
        "139.727.750.000",
        "138.487.605.864",
        "99,11",
    ),
    (
        "BIRO HUKUM",
        "Fasilitasi Penyusunan Produk Hukum Pengaturan",
        "90 Dokumen",
        "68 Dokumen",
        "824.793.780",
        "660.154.478",
        "80,04",
    ),
    (
        "BIRO PEREKONOMIAN",
        "Koordinasi, Sinkronisasi dan Evaluasi Kebijakan Pertanian, Kehutanan, Kelautan, dan Perikanan",
        "6 Dokumen",
        "6 Dokumen",
        "10.835.879.473",
        "3.836.779.703",
        "35,41",
    ),
    (
        "BIRO PENGADAAN BARANG DAN JASA",
        "Pembinaan Sumber Daya Manusia Pengadaan Barang dan Jasa",
        "250 Orang",
        "250 Orang",
        "843.912.000",
        "797.173.368",
        "94,46",
    ),
    (
        "BIRO ADMINISTRASI PEMBANGUNAN",
        "Pengendalian Administrasi Pelaksanaan Pembangunan Wilayah",
        "6 Laporan",
        "6 Laporan",
        "3.904.190.000",
        "3.739.011.743",
        "95,77",
    ),
    (
        "BIRO ORGANISASI",
        "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
        "3 Orang",
        "12 Orang",
        "18.411.000",
        "0",
        "0,00",
    ),
    (
        "BIRO ORGANISASI",
        "Monitoring dan Evaluasi Akuntabilitas Kinerja",
        "1 Dokumen",
        "1 Dokumen",
        "840.172.300",
        "295.179.619",
        "35,13",
    ),
    (
        "BIRO UMUM",
        "Penyediaan Gaji dan Tunjangan ASN",
        "383 Orang/Bulan",
        "383 Orang/Bulan",
        "93.508.575.334",
        "89.673.355.546",
        "95,90",
    ),
    (
        "BIRO UMUM",
        "Fasilitasi Kunjungan Tamu",
        "12 Laporan",
        "12 Laporan",
        "1.702.086.000",
        "2.146.259.800",
        "126,10",
    ),
    (
        "BIRO UMUM",
        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "2.340 Laporan",
        "2.340 Laporan",
        "13.837.269.659",
        "13.210.426.530",
        "95,47",
    ),
    (
        "BIRO UMUM",
        "Penyediaan Gaji dan Tunjangan Kepala Daerah dan Wakil Kepala Daerah",
        "1 Orang/Bulan",
        "0 Orang/Bulan",
        "1.158.720",
        "0",
        "0,00",
    ),
    (
        "BIRO ADMINISTRASI PIMPINAN",
        "Pengadaan Peralatan dan Mesin Lainnya",
        "20 Unit",
        "60 Unit",
        "837.776.335",
        "835.475.000",
        "99,73",
    ),
    (
        "BIRO ADMINISTRASI PIMPINAN",
        "Pemeliharaan Peralatan dan Mesin Lainnya",
        "15 Unit",
        "11 Unit",
        "10.386.800",
        "9.850.000",
        "94,83",
    ),
    (
        "BIRO ADMINISTRASI PIMPINAN",
        "Penyiapan Materi Pimpinan",
        "12 Dokumen",
        "12 Dokumen",
        "542.783.600",
        "493.843.093",
        "90,98",
    ),
    (
        "BIRO UMUM",
        "Administrasi Keuangan dan Operasional Kepala Daerah dan Wakil Kepala Daerah",
        "100%",
        "75%",
        "16.819.706.318",
        "15.478.366.890",
        "92,03",
    ),
]
UNIT_3_19 = {
    "BIRO PEMERINTAHAN DAN OTONOMI DAERAH": ("15.222.957.300", "13.705.911.401", "90,03"),
    "BIRO KESEJAHTERAAN RAKYAT": ("190.452.929.600", "181.930.017.358", "95,52"),
    "BIRO HUKUM": ("6.707.087.500", "5.802.760.972", "86,52"),
    "BIRO PEREKONOMIAN": ("16.129.131.000", "8.200.253.697", "50,84"),
    "BIRO PENGADAAN BARANG DAN JASA": ("13.667.595.782", "11.060.042.673", "80,92"),
    "BIRO ADMINISTRASI PEMBANGUNAN": ("15.081.450.000", "13.763.470.347", "91,26"),
    "BIRO ORGANISASI": ("8.962.246.000", "6.608.477.110", "73,74"),
    "BIRO UMUM": ("251.785.671.392", "236.488.219.721", "93,92"),
    "BIRO ADMINISTRASI PIMPINAN": ("28.939.960.180", "28.195.662.687", "97,43"),
}


def _jumlah():
    return (
        Program.objects.count(),
        SubKegiatan.objects.count(),
        AnggaranSubKegiatan.objects.count(),
        AnggaranSubKegiatan.history.count(),
        KinerjaProgramKegiatan.objects.count(),
    )


@pytest.fixture
def admin_kaltim(demo):
    return Pengguna.objects.get(username="admin.kaltim")


def test_demo_reproduces_seed_004_budget_tables(admin_kaltim, client, monkeypatch):
    renstra = RencanaStrategis.objects.get(unit_kerja__kode="SETDA", tahun_mulai=2024)

    # Table 2.5: the four sasaran totals and their programs.
    data = queries.anggaran_per_sasaran(user=admin_kaltim, renstra=renstra, tahun=2024)
    assert len(data.sasaran) == 4
    for baris, (kode, pagu, realisasi, persen, programs) in zip(data.sasaran, TABEL_2_5, strict=True):
        assert baris.sasaran.kode == kode
        assert angka.format_angka(baris.pagu, 0) == pagu
        assert angka.format_angka(baris.realisasi, 0) == realisasi
        assert angka.format_persen(baris.penyerapan) == persen
        assert sorted(
            (
                p.nama,
                angka.format_angka(p.pagu, 0),
                angka.format_angka(p.realisasi, 0),
                angka.format_persen(p.penyerapan),
                p.unit,
            )
            for p in baris.program
        ) == sorted(programs)
    client.force_login(admin_kaltim)
    body = client.get(reverse("anggaran:tabel_2_5"), {"tahun": 2024}).content.decode()
    for teks in (
        "Rp 202.978.570.206",
        "Rp 192.687.497.546",
        "94,93",
        "Rp 31.408.557.558",
        "68,30",
        "Rp 258.480.404.817",
        "Rp 241.218.263.857",
        "93,32",
        "Rp 28.939.960.180",
        "Rp 28.195.662.687",
        "97,43",
    ):
        assert teks in body

    # Table 3.19: every unit and program row and a sample of sub kegiatan rows, as displayed.
    pohon = queries.pohon_anggaran(user=admin_kaltim, tahun=2024)
    t = tabel.tabel_3_19(pohon)
    tampil: dict[tuple[str, str], list[str]] = {}
    unit = ""
    for b, sel in t.html():
        if b.gaya == "unit":
            unit = b.sel[1]
            assert [s for s, _ in sel][5:] == list(UNIT_3_19[unit])
        if b.gaya in {"program", "sub_kegiatan", "kegiatan"}:
            tampil.setdefault((unit, b.sel[1]), [s for s, _ in sel])
    assert {b.sel[1] for b in t.baris if b.gaya == "unit"} == set(UNIT_3_19)
    assert len([b for b in t.baris if b.gaya == "program"]) == 16
    assert len([b for b in t.baris if b.gaya == "sub_kegiatan"]) == 199
    for unit, nama, target, realisasi, pagu, realisasi_rp, persen in TABEL_3_19:
        sel = tampil[(unit, nama)]
        assert sel[2:4] == [target or "", realisasi or ""], (unit, nama)
        assert sel[5:] == [pagu, realisasi_rp, persen], (unit, nama)
    assert len(TABEL_3_19) >= 20
    assert (
        angka.format_angka(pohon.total.pagu, 0),
        angka.format_angka(pohon.per_jenis["modal"].pagu, 0),
    ) == (
        "546.949.028.754",
        "29.267.803.738",
    )
    rows = list(
        load_workbook(
            io.BytesIO(client.get(reverse("anggaran:tabel_3_19_xlsx"), {"tahun": 2024}).content)
        ).active.iter_rows(values_only=True)
    )
    gaji = next(r for r in rows if r[1] == "Penyediaan Gaji dan Tunjangan ASN")
    assert gaji[2:] == ("383 Orang/Bulan", "383 Orang/Bulan", 100, 93508575334, 89673355546, 95.9)

    # Table 3.16 under 'capaian − penyerapan' from capaian given by the measurement layer (100 for sasaran 1).
    s1 = renstra.sasaran.get(kode="S1")
    monkeypatch.setattr(queries, "_penyedia_capaian", [])
    queries.daftarkan_penyedia_capaian(sasaran=lambda r, tahun, user: {s1.pk: D(100)})
    hasil = queries.efisiensi_per_sasaran(
        anggaran=data, capaian={s1.pk: D(100)}, metode=efisiensi.MetodeEfisiensi.SELISIH
    )
    assert angka.format_persen(hasil.baris[0].efisiensi) == "5,07"
    body = client.get(reverse("anggaran:tabel_3_16"), {"tahun": 2024}).content.decode()
    assert (
        "Metode: Selisih capaian dan penyerapan: tingkat efisiensi = capaian kinerja (%) − penyerapan anggaran (%)"
        in body
    )
    assert '<td class="angka">5,07</td>' in body
    assert "89,07" in body  # the seed's unweighted figure, shown only as the labelled comparison column
    assert "rata-rata tidak tertimbang" in body.lower()

    # Table 3.18: the PK's programs beside their sasaran, with the budget matching the PK's pagu.
    body = client.get(reverse("anggaran:tabel_3_18"), {"tahun": 2024}).content.decode()
    assert "Rp 187.715.133.600" in body
    assert "berbeda dari pagu anggaran" not in body
    # each program beside the indicator it supports, as seed 004's Tabel 3.18 (p. 60) has them
    from sakip.perencanaan.models import PerjanjianKinerja

    pk = (
        PerjanjianKinerja.objects.filter(unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun=2024)
        .exclude(status=PerjanjianKinerja.Status.DIGANTI)
        .get()
    )
    data = queries.realisasi_per_pk(user=Pengguna.objects.get(username="admin.kaltim"), perjanjian=pk)
    pasangan = {(i.nama[:40], p.pagu) for b in data.blok for i, p in b.baris() if i and p}
    assert ("Persentase rancangan produk hukum daerah", D("4522109500")) in pasangan
    assert ("Indeks tata kelola pengadaan barang dan ", D("8603122350")) in pasangan
    assert ("Tingkat Capaian Realisasi Pembangunan", D("9196867400")) in pasangan
    assert ("Indeks Kepuasan Terhadap Layanan Sekreta", D("251785671392")) in pasangan
    assert len(pasangan) == 9  # the nine programs of the PK, each beside one indicator

    # Loading the demo again changes nothing, not even the audit trail.
    sebelum = _jumlah()
    call_command("muat_demo")
    assert _jumlah() == sebelum
