"""Writes audit_lkjip_2024_setda_kaltim.xlsx: the tables of seed 004 (LKjIP 2024 Setda Prov. Kalimantan Timur)
in the audit workbook format (sheets Pengukuran, Efisiensi, Anggaran; see sakip/pelaporan/audit_excel.py).

Every value is transcribed from the seed text exactly as published, typos included, and written as text the way it
is printed ("101,64", "30,00%", "Rp 202.978.570.206", "12 Dokumen") so the number of decimals shown is kept:
the audit compares at the published precision. Sources:

- Pengukuran: Tabel 3.3 (target, realisasi, capaian; identical in Tabel 3.4/3.7/3.10/3.13, 3.18 and the Ikhtisar
  Eksekutif), the 2023 realisasi and "% Peningkatan/Penurunan" of Tabel 3.5/3.8/3.11/3.14 ("-" left empty) and the
  Renstra end target and tingkat kemajuan of Tabel 3.6/3.9/3.12/3.15. Tabel 3.3 prints no indicator codes and no
  capaian per sasaran, so those columns stay empty.
- Efisiensi: Tabel 3.16 (capaian kinerja, penyerapan anggaran, tingkat efisiensi "5=3-4" per sasaran; the sasaran 3
  name as printed there). It prints no pagu or realisasi: the audit takes them from Tabel 2.5 on the Anggaran sheet.
- Anggaran: Tabel 2.5 (per sasaran and program), Tabel 3.17 (the same programs) and Tabel 3.19 (per biro, program,
  kegiatan and sub kegiatan, with the output indicators). The seed prints no level column in Tabel 3.19; biro and
  program rows are in capitals, and a kegiatan row is followed by its sub kegiatan (its pagu is their sum). The last
  row of Tabel 3.19 carries the total budget the report gives in BAB II ("Rencana Anggaran Tahun 2024") and in the
  Ikhtisar Eksekutif, Rp 535.648.948.995: the total that the biro rows of Tabel 3.19 should add up to.
  Tabel 3.18 repeats the money of Tabel 2.5 against the indicators and is left out.

Run from the repository root: .venv/bin/python sakip/pelaporan/tests/data/buat_audit_xlsx.py
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from openpyxl import Workbook

BERKAS = Path(__file__).with_name("audit_lkjip_2024_setda_kaltim.xlsx")

SASARAN = {
    "1": "Meningkatnya kualitas kebijakan bidang pemerintahan, kesejahteraan rakyat, dan hukum untuk mendorong "
    "sumber daya manusia yang berdaya saing",
    "2": "Meningkatnya kualitas kebijakan bidang ekonomi, administrasi pembangunan, dan penyelenggaraan pengadaan "
    "barang dan jasa yang mendorong ekonomi yang berkualitas",
    "3": "Meningkatnya kualitas layanan dan kebijakan untuk penerapan administrasi dan birokrasi yang BerAHKLAK",
    "4": "Meningkatnya akuntabilitas kinerja dan layanan publik Perangkat Daerah",
}

JUDUL_PENGUKURAN = (
    "Tabel", "No. sasaran", "Sasaran", "Kode indikator", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi",
    "Capaian (%)", "Capaian sasaran (%)", "Realisasi tahun lalu", "Perubahan (%)", "Target akhir Renstra",
    "Tingkat kemajuan (%)",
)  # fmt: skip

# (tabel, no. sasaran, indikator, satuan, target, realisasi, capaian, realisasi 2023, perubahan, target akhir 2026,
#  tingkat kemajuan)
PENGUKURAN = (
    ("Tabel 3.3; 3.4–3.6", "1", "Persentase perumusan kebijakan di bidang kesra yang difasilitasi", "Persen",
     "100,00", "100,00", "100,00", "100,00", "0,00", "100,00", "100,00"),
    ("Tabel 3.3; 3.4–3.6", "1", "Persentase Laporan Penyelenggaraan Pemerintahan Daerah yang difasilitasi",
     "Persen", "100,00", "100,00", "100,00", "", "", "100,00", "100,00"),
    ("Tabel 3.3; 3.4–3.6", "1", "Persentase Kebijakan di Bidang Pemerintahan dan Otonomi Daerah yang difasilitasi",
     "", "100,00", "100,00", "100,00", "", "", "100,00", "100,00"),
    ("Tabel 3.3; 3.4–3.6", "1", "Persentase Kerja Sama Daerah Yang Difasilitasi", "", "100,00", "100,00", "100,00",
     "95,00", "5,26", "100,00", "100,00"),
    ("Tabel 3.3; 3.4–3.6", "1",
     "Persentase rancangan produk hukum daerah provinsi yang diharmonisasi dan kabupaten/kota yang "
     "difasilitasi/dievaluasi serta penanganan masalah hukum dan HAM", "Persen", "100,00", "100,00", "100,00",
     "101,59", "-1,56", "100,00", "100,00"),
    ("Tabel 3.3; 3.7–3.9", "2", "Persentase Perumusan Kebijakan Daerah di Bidang Perekonomian yang difasilitasi",
     "Persen", "100,00", "100,00", "100,00", "100,00", "0,00", "100,00", "100,00"),
    ("Tabel 3.3; 3.7–3.9", "2", "Persentase Realisasi Pendapatan Daerah dari hasil kebijakan Bidang Perekonomian",
     "", "90,00", "90,00", "100,00", "", "", "100,00", "90,00"),
    ("Tabel 3.3; 3.7–3.9", "2", "Indeks tata kelola pengadaan barang dan jasa", "Indeks", "71", "86,69", "122,10",
     "70,55", "22,87", "76", "114,06"),
    ("Tabel 3.3; 3.7–3.9", "2", "Tingkat Capaian Realisasi Pembangunan", "Persen", "90,00", "95,20", "105,78",
     "96,63", "-1,48", "92,00", "103,48"),
    ("Tabel 3.3; 3.10–3.12", "3",
     "Persentase perangkat daerah yang mendapatkan nilai SAKIP dengan predikat minimal BB", "Persen", "70,00",
     "81,08", "115,83", "97,30", "-16,67", "100,00", "81,08"),
    ("Tabel 3.3; 3.10–3.12", "3", "Indeks Kepuasan Terhadap Layanan Sekretariat Daerah", "Indeks", "85", "86,40",
     "101,64", "84,26", "2,54", "86", "100,46"),
    ("Tabel 3.3; 3.13–3.15", "4", "Nilai akuntabilitas Kinerja Perangkat Daerah", "Nilai/Predikat", "70", "81,80",
     "116,86", "", "", "72", "113,61"),
    ("Tabel 3.3; 3.13–3.15", "4", "Indeks Kepuasan Masyarakat Perangkat Daerah", "Indeks", "85", "86,41", "101,66",
     "86,29", "0,13", "86", "100,48"),
)  # fmt: skip

JUDUL_EFISIENSI = (
    "Tabel", "No. sasaran", "Sasaran", "Capaian kinerja (%)", "Pagu", "Realisasi anggaran",
    "Penyerapan anggaran (%)", "Tingkat efisiensi", "Metode",
)  # fmt: skip

# Tabel 3.16: (no., sasaran as printed there, % capaian kinerja, % penyerapan anggaran, tingkat efisiensi 5=3-4)
EFISIENSI = (
    ("1.", SASARAN["1"], "100,00", "89,07", "10,93"),
    ("2.", SASARAN["2"], "106,97", "72,40", "34,57"),
    ("3.", "Meningkatkan kualitas kebijakan pelayanan publik Meningkatkan kualitas layanan dan kebijakan untuk "
     "penerapan administrasi dan birokrasi yang BerAHKLAK", "108,73", "82,28", "26,45"),
    ("4.", SASARAN["4"], "167,69", "97,43", "70,26"),
)  # fmt: skip

JUDUL_ANGGARAN = (
    "Tabel", "Tingkat", "No. sasaran", "Uraian", "Pagu", "Realisasi", "Penyerapan (%)", "Target kinerja",
    "Realisasi kinerja", "Capaian kinerja (%)",
)  # fmt: skip

# Tabel 2.5: (tingkat, no. sasaran, uraian, pagu, realisasi, capaian %)
TABEL_2_5 = (
    ("Sasaran", "1", SASARAN["1"], "Rp 202.978.570.206", "Rp 192.687.497.546", "94,93"),
    ("Program", "", "Program Kesejahteraan Rakyat", "Rp 187.715.133.600", "Rp 179.432.736.999", "95,59"),
    ("Program", "", "Program Pemerintahan dan Otonomi Daerah", "Rp 10.741.327.106", "Rp 9.487.940.821", "88,33"),
    ("Program", "", "Program Fasilitasi dan Koordinasi Hukum", "Rp 4.522.109.500", "Rp 3.766.819.726", "83,30"),
    ("Sasaran", "2", SASARAN["2"], "Rp 31.408.557.558", "Rp 21.451.289.001", "68,30"),
    ("Program", "", "Program Perekonomian dan Pembangunan", "Rp 13.608.567.808", "Rp 6.037.739.791", "44,37"),
    ("Program", "", "Program Kebijakan dan Pelayanan Pengadaan Barang dan Jasa", "Rp 8.603.122.350",
     "Rp 6.976.479.090", "81,09"),
    ("Program", "", "Program Kebijakan Administrasi Pembangunan", "Rp 9.196.867.400", "Rp 8.437.070.120", "91,74"),
    ("Sasaran", "3", SASARAN["3"], "Rp 258.480.404.817", "Rp 241.218.263.857", "93,32"),
    ("Program", "", "Program Penataan Organisasi", "Rp 6.694.733.425", "Rp 4.730.044.136", "70,65"),
    ("Program", "", "Program Penunjang Urusan Pemerintahan Daerah Provinsi", "Rp 251.785.671.392",
     "Rp 236.488.219.721", "93,92"),
    ("Sasaran", "4", SASARAN["4"], "Rp 28.939.960.180", "Rp 28.195.662.687", "97,43"),
    ("Program", "", "Program Penunjang Urusan Pemerintahan Daerah Provinsi", "Rp 28.939.960.180",
     "Rp 28.195.662.687", "97,43"),
)  # fmt: skip

# Tabel 3.17: the sasaran heading rows print no money.
TABEL_3_17 = (
    ("Sasaran", "1", "Sasaran 1: Meningkatkan kualitas kebijakan bidang pemerintahan, kesejahteraan rakyat, dan "
     "hukum untuk mendorong sumber daya manusia yang berdaya saing", "", "", ""),
    ("Program", "", "Program Kesejahteraan Rakyat", "187.715.133.600", "179.432.736.999", "95,59"),
    ("Program", "", "Program Pemerintahan dan Otonomi Daerah", "10.741.327.106", "9.487.940.821", "88,33"),
    ("Program", "", "Program Fasilitasi dan Koordinasi Hukum", "4.522.109.500", "3.766.819.726", "83,30"),
    ("Sasaran", "2", "Sasaran 2 Meningkatkan kualitas kebijakan bidang ekonomi, administrasi pembangunan, dan "
     "penyelenggaraan pengadaan barang dan jasa yang mendorong ekonomi yang berkualitas", "", "", ""),
    ("Program", "", "Program Perekonomian dan Pembangunan", "13.608.567.808", "6.037.739.791", "44,37"),
    ("Program", "", "Program Kebijakan dan Pelayanan Pengadaan Barang dan Jasa", "8.603.122.350", "6.976.479.090",
     "81,09"),
    ("Program", "", "Program Kebijakan Administrasi Pembangunan", "9.196.867.400", "8.437.070.120", "91,74"),
    ("Sasaran", "3", "Sasaran 3: Meningkatkan kualitas kebijakan pelayanan publik Meningkatnya kualitas layanan dan "
     "kebijakan untuk penerapan administrasi dan birokrasi yang BerAHKLAK", "", "", ""),
    ("Program", "", "Program Penataan Organisasi", "6.694.733.425", "4.730.044.136", "70,65"),
    ("Program", "", "Program Penunjang Urusan Pemerintahan Daerah Provinsi", "251.785.671.392", "236.488.219.721",
     "93,92"),
    ("Sasaran", "4", "Sasaran 4: Meningkatnya akuntabilitas kinerja dan layanan publik Perangkat Daerah", "", "", ""),
    ("Program", "", "Program Penunjang Urusan Pemerintahan Daerah Provinsi", "28.939.960.180", "28.195.662.687",
     "97,43"),
)  # fmt: skip

# Tabel 3.19: (tingkat, uraian, target kinerja, realisasi kinerja, capaian kinerja, pagu, realisasi, capaian %)
TABEL_3_19 = (
    ("Unit", "BIRO PEMERINTAHAN DAN OTONOMI DAERAH", "", "", "", "15.222.957.300", "13.705.911.401", "90,03"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "85%", "85%", "100", "4.481.630.194", "4.217.970.580", "94,12"),
    ("Kegiatan", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "100%", "100%", "100", "48.513.000", "14.555.200", "30,00%"),
    ("Sub kegiatan", "Koordinasi dan Penyusunan Dokumen RKA- SKPD", "1 Dokumen", "1 Dokumen", "100", "24.163.000", "7.494.000", "31,01"),
    ("Sub kegiatan", "Koordinasi dan Penyusunan DPA-SKPD", "1 Dokumen", "1 Dokumen", "100", "24.350.000", "7.061.200", "29,00"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "95%", "95%", "100", "143.640.000", "138.840.000", "96,66"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "2 Dokumen", "2 Dokumen", "100", "143.640.000", "138.840.000", "96,66"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "100%", "100%", "100", "43.391.500", "41.940.000", "96,65"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "7 Orang", "7 Orang", "100", "43.391.500", "41.940.000", "96,65"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "100%", "100%", "100", "2.718.222.948", "2.502.830.634", "92,08"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "12 Paket", "12 Paket", "100", "94.998.500", "94.955.310", "99,95"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "12 Paket", "12 Paket", "100", "49.998.800", "49.893.000", "99,79"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "12 Laporan", "12 Laporan", "100", "2.573.225.648", "2.357.982.324", "91,64"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "100%", "100%", "100", "499.879.074", "492.570.000", "98,54"),
    ("Sub kegiatan", "Pengadaan Peralatan dan Mesin Lainnya", "29 Unit", "29 Unit", "100", "499.879.074", "492.570.000", "98,54"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "958.483.672", "957.973.672", "99,95"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "442 Laporan", "442 Laporan", "100", "8.000.000", "7.490.000", "93,63"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "12 Laporan", "12 Laporan", "100", "950.483.672", "950.483.672", "100,00"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "69.500.000", "69.261.074", "99,66"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "9 Unit", "9 Unit", "100", "57.227.000", "57.171.074", "99,90"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "12 Unit", "12 Unit", "100", "12.273.000", "12.090.000", "98,51"),
    ("Program", "PROGRAM PEMERINTAHAN DAN OTONOMI DAERAH", "100%", "100%", "100", "10.741.327.106", "9.487.940.821", "88,33"),
    ("Kegiatan", "Pelaksanaan Tugas Pemerintahan", "100%", "100%", "100", "4.041.202.980", "3.630.371.888", "89,83"),
    ("Sub kegiatan", "Fasilitasi Pelaksanaan Pemerintahan Umum", "3 Dokumen", "3 Dokumen", "100", "3.455.682.460", "3.213.089.764", "92,98"),
    ("Sub kegiatan", "Fasilitasi Penataan Wilayah", "3 Dokumen", "3 Dokumen", "100", "585.520.520", "417.282.124", "71,27"),
    ("Kegiatan", "Pelaksanaan Otonomi Daerah", "95%", "95%", "100", "4.500.312.700", "4.129.501.522", "91,76"),
    ("Sub kegiatan", "Fasilitasi Administrasi Kepala Daerah dan DPRD", "3 Dokumen", "3 Dokumen", "100", "772.800.000", "635.590.020", "82,25"),
    ("Sub kegiatan", "Pengembangan Otonomi dan Penataan Urusan", "4 Dokumen", "4 Dokumen", "100", "2.500.080.000", "2.321.557.574", "92,86"),
    ("Sub kegiatan", "Evaluasi dan Penyelenggaraan Pemerintahan", "3 Laporan", "3 Laporan", "100", "1.227.432.700", "1.172.353.928", "95,51"),
    ("Kegiatan", "Fasilitasi Kerja Sama Daerah", "100%", "100%", "100", "2.199.811.426", "1.728.067.411", "78,56"),
    ("Sub kegiatan", "Fasilitasi Kerja Sama Antar Pemerintah", "30 Dokumen", "30 Dokumen", "100", "1.162.000.000", "692.175.314", "59,57"),
    ("Sub kegiatan", "Fasilitasi Kerja Sama Badan Usaha/Swasta", "20 Dokumen", "20 Dokumen", "100", "389.000.000", "388.468.720", "99,86"),
    ("Sub kegiatan", "Evaluasi Pelaksanaan Kerja Sama", "3 Laporan", "3 Laporan", "100", "648.811.426", "647.423.377", "99,79"),
    ("Unit", "BIRO KESEJAHTERAAN RAKYAT", "", "", "", "190.452.929.600", "181.930.017.358", "95,52"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "", "", "", "2.737.796.000", "2.497.280.359", "91,21"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "93%", "93%", "100", "321.000.000", "242.516.775", "75,55"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "12 Dokumen", "12 Dokumen", "100", "302.000.000", "229.188.175", "75,89"),
    ("Sub kegiatan", "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD", "1 Laporan", "1 Laporan", "100", "19.000.000", "13.328.600", "70,15"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "100%", "100%", "100", "32.695.000", "10.188.200", "31,16"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "4 Orang", "4 Orang", "100", "32.695.000", "10.188.200", "31,16"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "12 Bulan", "12 Bulan", "100", "1.091.757.044", "971.195.513", "88,96"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "6 Paket", "6 Paket", "100", "150.266.000", "113.684.950", "75,66"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "12 Paket", "12 Paket", "100", "57.000.000", "30.809.500", "54,05"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "12 Laporan", "12 Laporan", "100", "884.491.044", "826.701.063", "93,47"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "12 Bulan", "12 Bulan", "100", "1.172.343.956", "1.167.493.956", "99,59"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "12 Laporan", "12 Laporan", "100", "11.600.000", "7.020.000", "60,52"),
    ("Sub kegiatan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "12 Laporan", "12 Laporan", "100", "12.480.000", "12.210.000", "97,84"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "12 Laporan", "12 Laporan", "100", "1.148.263.956", "1.148.263.956", "100,00"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "120.000.000", "105.885.915", "88,24"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "8 Unit", "8 Unit", "100", "85.000.000", "76.633.563", "90,16"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "18 Unit", "18 Unit", "100", "35.000.000", "29.252.352", "83,58"),
    ("Program", "PROGRAM KESEJAHTERAAN RAKYAT", "100%", "100%", "100", "187.715.133.600", "179.432.736.999", "95,59"),
    ("Kegiatan", "Fasilitasi Pembinaan Mental Spiritual", "100%", "100%", "100", "173.950.462.000", "166.683.750.656", "95,82"),
    ("Sub kegiatan", "Pengelolaan Sarana dan Prasarana Spiritual", "100 Unit", "100 Unit", "100", "34.222.712.000", "28.196.144.792", "82,39"),
    ("Sub kegiatan", "Fasilitasi Kelembagaan Bina Spiritual", "10 Lembaga", "10 Lembaga", "100", "139.727.750.000", "138.487.605.864", "99,11"),
    ("Kegiatan", "Fasilitasi Pengembangan Kesejahteraan Rakyat Pelayanan Dasar", "100%", "100%", "100", "10.186.950.000", "9.717.976.487", "95,40"),
    ("Sub kegiatan", "Fasilitasi, Koordinasi, Sinkronisasi, Evaluasi dan Capaian Kinerja Kebijakan Kesejahteraan Rakyat Bidang Pendidikan", "12 Dokumen", "12 Dokumen", "100", "9.313.750.000", "8.985.108.898", "96,47"),
    ("Sub kegiatan", "Fasilitasi, Koordinasi dan Sinkronisasi, Evaluasi dan Capaian Kinerja Kebijakan Kesejahteraan Rakyat Bidang Kesehatan", "12 Dokumen", "12 Dokumen", "100", "435.400.000", "416.782.080", "95,72"),
    ("Sub kegiatan", "Fasilitasi, Koordinasi dan Sinkronisasi, Evaluasi dan Capaian Kinerja Kebijakan Kesejahteraan Rakyat Bidang Sosial", "12 Dokumen", "12 Dokumen", "100", "437.800.000", "316.085.509", "72,20"),
    ("Kegiatan", "Fasilitasi Pengembangan Kesejahteraan Rakyat Non Pelayanan Dasar", "100%", "100%", "100", "3.577.721.600", "3.031.009.856", "84,72"),
    ("Sub kegiatan", "Koordinasi dan Sinkronisasi Kebijakan Kesejahteraan Rakyat Bidang Kepemudaan, Olahraga, Kebudayaan, dan Pariwisata", "12 Dokumen", "12 Dokumen", "100", "1.428.200.000", "1.073.628.657", "75,17"),
    ("Sub kegiatan", "Koordinasi dan Sinkronisasi Kebijakan Kesejahteraan Rakyat Bidang Pemberdayaan Perempuan dan Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana, Administrasi Kependudukan dan Pencatatan Sipil, Pemberdayaan Masyarakat dan Desa, Transmigrasi dan Tenaga Kerja", "12 Dokumen", "12 Dokumen", "100", "1.776.721.600", "1.663.732.394", "93,64"),
    ("Sub kegiatan", "Koordinasi dan Sinkronisasi Kebijakan Kesejahteraan Rakyat Bidang Komunikasi, Informatika, Statistik, Persandian, dan Perhubungan", "12 Dokumen", "12 Dokumen", "100", "372.800.000", "293.648.805", "78,77"),
    ("Unit", "BIRO HUKUM", "", "", "", "6.707.087.500", "5.802.760.972", "86,52"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "85%", "89%", "105", "2.184.978.000", "2.035.941.246", "93,18"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "100%", "100%", "100", "104.420.000", "95.260.000", "91,23"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "12 Dokumen", "12 Dokumen", "100", "104.420.000", "95.260.000", "91,23"),
    ("Kegiatan", "Administrasi Barang Milik Daerah pada Perangkat Daerah", "100%", "100%", "100", "8.180.000", "6.400.000", "78,24"),
    ("Sub kegiatan", "Penatausahaan Barang Milik Daerah pada SKPD", "12 Laporan", "12 Laporan", "100", "8.180.000", "6.400.000", "78,24"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "100%", "50%", "50", "30.000.000", "10.500.728", "35,00"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "2 Orang", "1 Orang", "50", "30.000.000", "10.500.728", "35,00"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "100%", "100%", "100", "1.088.650.820", "1.057.521.057", "97,14"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "101 Paket", "97 Paket", "96", "192.980.320", "177.432.857", "91,94"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "15 Paket", "15 Paket", "100", "20.000.000", "17.845.110", "89,23"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "40 Laporan", "40 Laporan", "100", "875.670.500", "862.243.090", "98,47"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "100%", "100%", "100", "127.433.000", "50.463.165", "39,60"),
    ("Sub kegiatan", "Pengadaan Peralatan dan Mesin Lainnya", "5 Unit", "5 Unit", "100", "127.433.000", "50.463.165", "39,60"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "806.294.180", "803.081.296", "99,60"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "12 Laporan", "12 Laporan", "100", "5.212.884", "2.000.000", "38,37"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "12Laporan", "12 Laporan", "100", "801.081.296", "801.081.296", "100,00"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "20.000.000", "12.715.000", "63,58"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "30 Unit", "30 Unit", "100", "20.000.000", "12.715.000", "63,58"),
    ("Program", "PROGRAM FASILITASI DAN KOORDINASI HUKUM", "100%", "103%", "103", "4.522.109.500", "3.766.819.726", "83,30"),
    ("Kegiatan", "Fasilitasi Penyusunan Perundang-Undangan", "100%", "103%", "103", "2.768.309.500", "2.163.408.829", "78,15"),
    ("Sub kegiatan", "Fasilitasi Penyusunan Produk Hukum Pengaturan", "90 Dokumen", "68 Dokumen", "76", "824.793.780", "660.154.478", "80,04"),
    ("Sub kegiatan", "Fasilitasi Penyusunan Produk Hukum Penetapan", "750 Dokumen", "741 Dokumen", "99", "298.000.000", "275.392.074", "92,41"),
    ("Sub kegiatan", "Pendokumentasian Produk Hukum dan Naskah Hukum Lainnya", "700 Dokumen", "809 Dokumen", "116", "677.515.720", "531.441.042", "78,44"),
    ("Sub kegiatan", "Fasilitasi dan Evaluasi Produk Hukum Kabupaten/Kota", "400 Dokumen", "382 Dokumen", "96", "968.000.000", "696.421.235", "71,94"),
    ("Kegiatan", "Fasilitasi Bantuan Hukum", "100%", "100%", "100", "1.753.800.000", "1.603.410.897", "91,42"),
    ("Sub kegiatan", "Fasilitasi Penyelesaian Masalah Hukum", "10 Kasus", "10 Kasus", "100", "1.185.400.000", "1.062.457.245", "89,63"),
    ("Sub kegiatan", "Fasilitasi Penyelesaian Masalah Non Litigasi dan HAM", "25 Kasus", "25 Kasus", "100", "568.400.000", "540.953.652", "95,17"),
    ("Unit", "BIRO PEREKONOMIAN", "", "", "", "16.129.131.000", "8.200.253.697", "50,84"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "81%", "81%", "100", "2.520.563.192", "2.162.513.906", "85,79"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "95%", "95%", "100", "130.468.500", "130.320.000", "99,89"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "3 Dokumen", "3 Dokumen", "100", "130.468.500", "130.320.000", "99,89"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "100%", "100%", "100", "159.915.000", "122.708.000", "76,73"),
    ("Sub kegiatan", "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya", "41 Paket", "41 Paket", "100", "36.457.500", "36.080.000", "98,96"),
    ("Sub kegiatan", "Monitoring, Evaluasi, dan Penilaian Kinerja Pegawai", "25 Dokumen", "25 Dokumen", "100", "5.077.500", "4.110.000", "80,95"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "3 Orang", "3 Orang", "100", "118.380.000", "82.518.000", "69,71"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "100%", "100%", "100", "682.959.931", "659.928.347", "96,63"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "50 Paket", "50 Paket", "100", "75.183.100", "74.444.571", "99,02"),
    ("Sub kegiatan", "Penyediaan Bahan Logistik Kantor", "25 Paket", "25 Paket", "100", "14.449.500", "12.687.000", "87,80"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "2 Paket", "2 Paket", "100", "23.726.121", "23.258.000", "98,03"),
    ("Sub kegiatan", "Penyediaan Bahan Bacaan dan Peraturan Perundang-Undangan", "96 Dokumen", "96 Dokumen", "100", "7.806.300", "7.680.000", "98,38"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "120 Laporan", "120 Laporan", "100", "561.794.910", "541.858.776", "96,45"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "100%", "100%", "100", "436.806.261", "376.877.323", "86,28"),
    ("Sub kegiatan", "Pengadaan Mebel", "5 Paket", "4 Paket", "80", "99.773.400", "74.470.000", "74,64"),
    ("Sub kegiatan", "Pengadaan Peralatan dan Mesin Lainnya", "14 Unit", "14 Unit", "100", "337.032.861", "302.407.323", "89,73"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "1.021.939.000", "833.981.590", "81,61"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "1 Laporan", "1 Laporan", "100", "10.271.500", "10.242.000", "99,71"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "12 Laporan", "12 Laporan", "100", "1.011.667.500", "823.739.590", "81,42"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "88.474.500", "38.698.646", "43,74"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "2 Unit", "1 Unit", "50", "65.034.500", "21.568.646", "33,16"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "25 Unit", "25 Unit", "100", "23.440.000", "17.130.000", "73,08"),
    ("Sub kegiatan", "Pemeliharaan Aset Tak Berwujud", "1 Unit", "1 Unit", "0", "0", "0", "0,00"),
    ("Program", "PROGRAM PEREKONOMIAN DAN PEMBANGUNAN", "100%", "100%", "100", "13.608.567.808", "6.037.739.791", "44,37"),
    ("Kegiatan", "Pengelolaan Kebijakan dan Koordinasi Perekonomian", "100%", "100%", "100", "988.157.400", "777.875.115", "78,72"),
    ("Sub kegiatan", "Fasilitasi Pengelolaan Kebijakan Ekonomi Makro", "2 Dokumen", "2 Dokumen", "100", "653.957.400", "492.015.279", "75,24"),
    ("Sub kegiatan", "Fasilitasi Pengelolaan Kebijakan Ekonomi Mikro", "2 Dokumen", "2 Dokumen", "100", "334.200.000", "285.859.836", "85,54"),
    ("Kegiatan", "Pengelolaan Kebijakan dan Koordinasi Sumber Daya Alam", "100%", "100%", "100", "11.328.879.473", "4.166.902.631", "36,78"),
    ("Sub kegiatan", "Koordinasi, Sinkronisasi dan Evaluasi Kebijakan Pertanian, Kehutanan, Kelautan, dan Perikanan", "6 Dokumen", "6 Dokumen", "100", "10.835.879.473", "3.836.779.703", "35,41"),
    ("Sub kegiatan", "Koordinasi, Sinkronisasi dan Evaluasi Kebijakan Pertambangan dan Lingkungan Hidup", "2 Dokumen", "2 Dokumen", "100", "260.800.000", "154.045.349", "59,07"),
    ("Sub kegiatan", "Koordinasi, Sinkronisasi dan Evaluasi Kebijakan Energi dan Air", "2 Dokumen", "2 Dokumen", "100", "232.200.000", "176.077.579", "75,83"),
    ("Kegiatan", "Pengelolaan Kebijakan dan Koordinasi BUMD dan BLUD", "100%", "100%", "100", "1.291.530.935", "1.092.962.045", "84,63"),
    ("Sub kegiatan", "Koordinasi, Sinkronisasi, Monitoring, dan Evaluasi Kebijakan Pengelolaan Badan Usaha Milik Daerah Jasa Keuangan dan Aneka Usaha", "10 Dokumen", "10 Dokumen", "100", "725.955.035", "588.324.975", "81,04"),
    ("Sub kegiatan", "Koordinasi, Sinkronisasi, Monitoring dan Evaluasi Kebijakan Pengelolaan Badan Usaha Milik Daerah Air Minum, Limbah dan Sanitasi", "1 Dokumen", "1 Dokumen", "100", "250.283.800", "219.560.945", "87,72"),
    ("Sub kegiatan", "Koordinasi, Sinkronisasi, Monitoring dan Evaluasi Kebijakan Pengelolaan Badan Layanan Umum Daerah", "1 Dokumen", "1 Dokumen", "100", "315.292.100", "285.076.125", "90,42"),
    ("Unit", "BIRO PENGADAAN BARANG DAN JASA", "", "", "", "13.667.595.782", "11.060.042.673", "80,92"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "", "", "", "5.064.473.432", "4.083.563.583", "80,63"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "85%", "81%", "95", "150.606.900", "137.478.000", "91,28"),
    ("Sub kegiatan", "Penyediaan Administrasi Pelaksanaan Tugas ASN", "12 Dokumen", "12 Dokumen", "100", "149.634.000", "136.554.000", "91,26"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "12 Dokumen", "12 Dokumen", "100", "972.900", "924.000", "94,97"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "50%", "50%", "100", "319.846.200", "213.542.600", "66,76"),
    ("Sub kegiatan", "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya", "1 Paket", "1 Paket", "100", "70.996.200", "70.975.000", "99,97"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "10 Orang", "10 Orang", "100", "184.900.000", "107.879.100", "58,34"),
    ("Sub kegiatan", "Sosialisasi Peraturan Perundang-Undangan", "20 Orang", "20 Orang", "100", "63.950.000", "34.688.500", "54,24"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "80%", "80%", "100", "884.008.935", "790.167.197", "89,38"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "3 Paket", "3 Paket", "100", "152.385.150", "152.013.500", "99,76"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "12 Paket", "12 Paket", "100", "44.941.473", "44.937.000", "99,99"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "40 Laporan", "40 Laporan", "100", "686.682.312", "593.216.697", "86,39"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "85%", "85%", "100", "1.416.025.405", "1.261.651.040", "89,10"),
    ("Sub kegiatan", "Pengadaan Peralatan dan Mesin Lainnya", "40 Unit", "40 Unit", "100", "1.416.025.405", "1.261.651.040", "89,10"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "80%", "80%", "100", "2.179.091.992", "1.596.116.584", "73,25"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "12 Laporan", "12 Laporan", "100", "9.840.000", "9.278.500", "94,29"),
    ("Sub kegiatan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "12 Laporan", "12 Laporan", "100", "296.635.080", "167.038.000", "56,31"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "12 Laporan", "12 Laporan", "100", "1.872.616.912", "1.419.800.084", "75,82"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "80%", "80%", "100", "114.894.000", "84.608.162", "73,64"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan", "1 Unit", "1 Unit", "100", "13.568.000", "5.693.000", "41,96"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "2 Unit", "2 Unit", "100", "27.136.000", "16.260.162", "59,92"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "40 Unit", "40 Unit", "100", "74.190.000", "62.655.000", "84,45"),
    ("Program", "PROGRAM KEBIJAKAN DAN PELAYANAN PENGADAAN BARANG DAN JASA", "", "", "", "8.603.122.350", "6.976.479.090", "81,09"),
    ("Kegiatan", "Pengelolaan Pengadaan Barang dan Jasa", "4 Variabel", "4 Variabel", "100", "3.201.660.400", "2.742.237.908", "85,65"),
    ("Sub kegiatan", "Pengelolaan Strategi Pengadaan Barang dan Jasa", "1 Laporan", "1 Laporan", "100", "597.332.000", "502.669.239", "84,15"),
    ("Sub kegiatan", "Pelaksanaan Pengadaan Barang dan Jasa", "1 Laporan", "1 Laporan", "100", "1.724.788.400", "1.455.161.452", "84,37"),
    ("Sub kegiatan", "Pemantauan dan Evaluasi Pengadaan Barang dan Jasa", "1 Laporan", "1 Laporan", "100", "879.540.000", "784.407.217", "89,18"),
    ("Kegiatan", "Pengelolaan Layanan Pengadaan Secara Elektronik", "1 Variabel", "1 Variabel", "100", "2.665.195.950", "1.966.370.679", "73,78"),
    ("Sub kegiatan", "Pengelolaan Sistem Pengadaan Secara Elektronik", "1 Laporan", "1 Laporan", "100", "898.509.150", "661.213.517", "73,59"),
    ("Sub kegiatan", "Pengembangan Sistem Informasi Pengadaan Barang dan Jasa", "1 Laporan", "1 Laporan", "100", "535.344.800", "503.580.486", "94,07"),
    ("Sub kegiatan", "Pengelolaan Informasi Pengadaan Barang dan Jasa", "1 Laporan", "1 Laporan", "100", "1.231.342.000", "801.576.676", "65,10"),
    ("Kegiatan", "Pembinaan dan Advokasi Pengadaan Barang dan Jasa", "4 Variabel", "4 Variabel", "100", "2.736.266.000", "2.267.870.503", "82,88"),
    ("Sub kegiatan", "Pembinaan Sumber Daya Manusia Pengadaan Barang dan Jasa", "250 Orang", "250 Orang", "100", "843.912.000", "797.173.368", "94,46"),
    ("Sub kegiatan", "Pembinaan Kelembagaan Pengadaan Barang dan Jasa", "1 Dokumen", "1 Dokumen", "100", "1.177.644.000", "1.015.851.662", "86,26"),
    ("Sub kegiatan", "Pendampingan, Konsultasi, dan/atau Bimbingan Teknis Pengadaan Barang dan Jasa", "1 Dokumen", "1 Dokumen", "100", "714.710.000", "454.845.473", "63,64"),
    ("Unit", "BIRO ADMINISTRASI PEMBANGUNAN", "", "", "", "15.081.450.000", "13.763.470.347", "91,26"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "85 Indeks", "97 Indeks", "115", "5.884.582.600", "5.326.400.227", "90,51"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "100%", "100%", "100", "271.629.500", "233.305.640", "85,89"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "1 Dokumen", "1 Dokumen", "100", "271.629.500", "233.305.640", "85,89"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "100%", "100%", "100", "142.777.520", "120.456.209", "84,37"),
    ("Sub kegiatan", "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya", "50 Paket", "50 Paket", "100", "80.000.000", "79.250.000", "99,06"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "10 Orang", "10 Orang", "100", "47.400.000", "29.516.509", "62,27"),
    ("Sub kegiatan", "Sosialisasi Peraturan Perundang-Undangan", "10 Orang", "10 Orang", "100", "15.377.520", "11.689.700", "76,02"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "80%", "80%", "100", "2.617.546.275", "2.208.595.297", "84,38"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "1 Paket", "1 Paket", "100", "49.000.000", "41.781.250", "85,27"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "1 Paket", "1 Paket", "100", "72.900.200", "45.060.900", "61,81"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "4 Laporan", "4 Laporan", "100", "2.495.646.075", "2.121.753.147", "85,02"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "90%", "100%", "111,11", "489.367.769", "476.240.000", "97,32"),
    ("Sub kegiatan", "Pengadaan Peralatan dan Mesin Lainnya", "42 Unit", "42 Unit", "100", "489.367.769", "476.240.000", "97,32"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "80%", "100%", "125", "2.064.662.636", "1.989.944.181", "96,38"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "1 Laporan", "1 Laporan", "100", "2.000.000", "0", "0,00"),
    ("Sub kegiatan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "1 Laporan", "1 Laporan", "100", "208.330.800", "161.408.500", "77,48"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "1 Laporan", "1 Laporan", "100", "1.854.331.836", "1.828.535.681", "98,61"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "85%", "100%", "117,65", "298.598.900", "297.858.900", "99,75"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan", "2 Unit", "2 Unit", "100", "82.028.000", "82.028.000", "100,00"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "5 Unit", "5 Unit", "100", "196.570.900", "196.570.900", "100,00"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "20 Unit", "20 Unit", "100", "20.000.000", "19.260.000", "96,30"),
    ("Program", "PROGRAM KEBIJAKAN ADMINISTRASI PEMBANGUNAN", "80%", "80%", "100", "9.196.867.400", "8.437.070.120", "91,74"),
    ("Kegiatan", "Pengendalian Administrasi Pelaksanaan Pembangunan Daerah", "80%", "100%", "125", "5.549.486.000", "5.195.856.243", "93,63"),
    ("Sub kegiatan", "Pengendalian Administrasi Pelaksanaan Pembangunan APBD", "4 Laporan", "4 Laporan", "100", "1.033.296.000", "914.383.500", "88,49"),
    ("Sub kegiatan", "Pengendalian Administrasi Pelaksanaan Pembangunan APBN", "4 Laporan", "4 Laporan", "100", "612.000.000", "542.461.000", "88,64"),
    ("Sub kegiatan", "Pengendalian Administrasi Pelaksanaan Pembangunan Wilayah", "6 Laporan", "6 Laporan", "100", "3.904.190.000", "3.739.011.743", "95,77"),
    ("Kegiatan", "Pelaporan Pelaksanaan Pembangunan Daerah", "80%", "100%", "125", "3.647.381.400", "3.241.213.877", "88,86"),
    ("Sub kegiatan", "Analisis Capaian Kinerja Pembangunan Daerah", "1 Dokumen", "1 Dokumen", "100", "827.000.000", "793.717.989", "95,98"),
    ("Sub kegiatan", "Pelaporan Pelaksanaan Pembangunan Daerah", "1 Laporan", "1 Laporan", "100", "1.483.954.000", "1.345.215.888", "90,65"),
    ("Sub kegiatan", "Fasilitasi Perumusan Kebijakan Teknis Pembangunan Daerah", "1 Dokumen", "1 Dokumen", "100", "1.336.427.400", "1.102.280.000", "82,48"),
    ("Unit", "BIRO ORGANISASI", "", "", "", "8.962.246.000", "6.608.477.110", "73,74"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "82 Indeks", "77 Indeks", "94", "2.267.512.575", "1.878.432.974", "82,84"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "100%", "74%", "74", "146.008.400", "131.995.000", "90,40"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "12 Dokumen", "12 Dokumen", "100", "146.008.400", "131.995.000", "90,40"),
    ("Kegiatan", "Administrasi Barang Milik Daerah pada Perangkat Daerah", "100%", "100%", "100", "10.072.500", "6.840.000", "67,91"),
    ("Sub kegiatan", "Penatausahaan Barang Milik Daerah pada SKPD", "12 Laporan", "12 Laporan", "100", "10.072.500", "6.840.000", "67,91"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "100%", "100%", "100", "49.926.200", "31.257.600", "62,61"),
    ("Sub kegiatan", "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya", "1 Paket", "1 Paket", "100", "31.515.200", "31.257.600", "99,18"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "3 Orang", "12 Orang", "400", "18.411.000", "0", "0,00"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "90%", "68%", "75", "1.194.618.642", "896.938.238", "75,08"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "6 Paket", "4 Paket", "67", "87.048.500", "41.672.800", "47,87"),
    ("Sub kegiatan", "Penyediaan Bahan Logistik Kantor", "2 Paket", "2 Paket", "100", "264.885.000", "77.954.500", "29,43"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "2 Paket", "2 Paket", "100", "14.572.809", "5.100.000", "35,00"),
    ("Sub kegiatan", "Fasilitasi Kunjungan Tamu", "1 Laporan", "1 Laporan", "100", "47.664.000", "3.437.300", "7,21"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "1 Laporan", "1 Laporan", "100", "707.220.000", "696.178.638", "98,44"),
    ("Sub kegiatan", "Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD", "2 Dokumen", "2 Dokumen", "100", "73.228.333", "72.595.000", "99,14"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "100%", "100%", "100", "255.444.289", "219.436.800", "85,90"),
    ("Sub kegiatan", "Pengadaan Peralatan dan Mesin Lainnya", "17 Unit", "17 Unit", "100", "255.444.289", "219.436.800", "85,90"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "538.848.544", "537.848.544", "99,81"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "1 Laporan", "0", "0", "1.000.000", "0", "0,00"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "13 Laporan", "13 Laporan", "100", "537.848.544", "537.848.544", "100,00"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "72.594.000", "54.116.792", "74,55"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "11 Unit", "11 Unit", "100", "53.812.000", "42.441.792", "78,87"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "13 Unit", "12 Unit", "92", "18.782.000", "11.675.000", "62,16"),
    ("Program", "PROGRAM PENATAAN ORGANISASI", "72 Indeks", "88 Indeks", "123", "6.694.733.425", "4.730.044.136", "70,65"),
    ("Kegiatan", "Fasilitasi Kelembagaan dan Analisis Jabatan", "100%", "100%", "100", "3.614.306.725", "3.030.236.413", "83,84"),
    ("Sub kegiatan", "Fasilitasi Penataan Kelembagaan Provinsi", "2 Dokumen", "2 Dokumen", "100", "727.456.800", "518.833.298", "71,32"),
    ("Sub kegiatan", "Fasilitasi Penataan Kelembagaan Kabupaten/Kota", "1 Dokumen", "1 Dokumen", "100", "2.178.528.700", "1.853.725.797", "85,09"),
    ("Sub kegiatan", "Penataan Analisis Jabatan", "2 Dokumen", "2 Dokumen", "100", "708.321.225", "657.677.318", "92,85"),
    ("Kegiatan", "Fasilitasi Reformasi Birokrasi dan Akuntabilitas Kinerja", "100%", "100%", "100", "3.080.426.700", "1.699.807.723", "55,18"),
    ("Sub kegiatan", "Pembinaan Pelaksanaan Reformasi Birokrasi", "1 Dokumen", "1 Dokumen", "100", "851.864.000", "546.404.770", "64,14"),
    ("Sub kegiatan", "Monitoring dan Evaluasi Akuntabilitas Kinerja", "1 Dokumen", "1 Dokumen", "100", "840.172.300", "295.179.619", "35,13"),
    ("Sub kegiatan", "Evaluasi Pelaksanaan Budaya Kerja", "1 Laporan", "1 Laporan", "100", "290.938.100", "136.752.400", "47,00"),
    ("Sub kegiatan", "Pengelolaan Tatalaksana Pemerintahan", "1 Dokumen", "1 Dokumen", "100", "499.459.100", "313.208.819", "62,71"),
    ("Sub kegiatan", "Fasilitasi Peningkatan Pelayanan Publik", "1 Dokumen", "1 Dokumen", "100", "597.993.200", "408.262.115", "68,27"),
    ("Unit", "BIRO UMUM", "", "", "", "251.785.671.392", "236.488.219.721", "93,92"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "84 Indeks", "86 Indeks", "102,21", "251.785.671.392", "236.488.219.721", "93,92"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "100%", "100%", "100", "95.707.599.334", "91.610.161.373", "95,72"),
    ("Sub kegiatan", "Penyediaan Gaji dan Tunjangan ASN", "383 Orang/Bulan", "383 Orang/Bulan", "100", "93.508.575.334", "89.673.355.546", "95,90"),
    ("Sub kegiatan", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD", "12 Dokumen", "12 Dokumen", "100", "2.199.024.000", "1.936.805.827", "88,08"),
    ("Kegiatan", "Administrasi Barang Milik Daerah pada Perangkat Daerah", "100%", "100%", "100", "1.271.435.000", "1.250.495.851", "98,35"),
    ("Sub kegiatan", "Pembinaan, Pengawasan, dan Pengendalian Barang Milik Daerah pada SKPD", "12 Laporan", "12 Laporan", "100", "633.875.000", "622.339.004", "98,18"),
    ("Sub kegiatan", "Penatausahaan Barang Milik Daerah pada SKPD", "12 Laporan", "12 Laporan", "100", "637.560.000", "628.156.847", "98,53"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "100%", "100%", "100", "3.334.608.000", "3.017.131.121", "90,48"),
    ("Sub kegiatan", "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya", "3 Paket", "3 Paket", "100", "847.920.000", "776.895.000", "91,62"),
    ("Sub kegiatan", "Pendataan dan Pengolahan Administrasi Kepegawaian", "4 Dokumen", "4 Dokumen", "100", "1.515.168.000", "1.394.169.763", "92,01"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "175 Orang", "175 Orang", "100", "971.520.000", "846.066.358", "87,09"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "100%", "100%", "100", "28.540.843.749", "27.917.624.257", "97,82"),
    ("Sub kegiatan", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor", "5 Paket", "5 Paket", "100", "251.578.362", "232.681.420", "92,49"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "8 Paket", "8 Paket", "100", "378.484.972", "247.384.332", "65,36"),
    ("Sub kegiatan", "Penyediaan Bahan Logistik Kantor", "210 Paket", "210 Paket", "100", "10.472.896.749", "10.462.938.068", "99,90"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "16 Paket", "16 Paket", "100", "814.215.800", "702.461.500", "86,27"),
    ("Sub kegiatan", "Fasilitasi Kunjungan Tamu", "12 Laporan", "12 Laporan", "100", "1.702.086.000", "2.146.259.800", "126,10"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "2.340 Laporan", "2.340 Laporan", "100", "13.837.269.659", "13.210.426.530", "95,47"),
    ("Sub kegiatan", "Penatausahaan Arsip Dinamis pada SKPD", "4 Dokumen", "4 Dokumen", "100", "735.734.400", "654.871.669", "89,01"),
    ("Sub kegiatan", "Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD", "4 Dokumen", "4 Dokumen", "100", "348.577.807", "260.600.938", "74,76"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "100%", "100%", "100", "25.205.071.605", "24.184.608.705", "95,95"),
    ("Sub kegiatan", "Pengadaan Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan", "5 Unit", "5 Unit", "100", "8.418.750.000", "8.417.750.000", "99,99"),
    ("Sub kegiatan", "Pengadaan Kendaraan Dinas Operasional atau Lapangan", "18 Unit", "18 Unit", "100", "12.391.907.155", "11.898.072.705", "96,01"),
    ("Sub kegiatan", "Pengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya", "766 Unit", "766 Unit", "100", "4.394.414.450", "3.868.786.000", "88,04"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "32.261.111.868", "30.053.413.588", "93,16"),
    ("Sub kegiatan", "Penyediaan Jasa Surat Menyurat", "12 Laporan", "12 Laporan", "100", "83.700.000", "44.494.800", "53,16"),
    ("Sub kegiatan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "12 Laporan", "12 Laporan", "100", "11.219.904.500", "10.758.365.242", "95,89"),
    ("Sub kegiatan", "Penyediaan Jasa Peralatan dan Perlengkapan Kantor", "12 Laporan", "12 Laporan", "100", "2.863.729.996", "1.831.455.306", "63,95"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "12 Laporan", "12 Laporan", "100", "18.093.777.372", "17.419.098.240", "96,27"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "100%", "100%", "100", "31.949.185.158", "28.423.408.994", "88,96"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "273 Unit", "273 Unit", "100", "10.451.945.350", "9.480.090.632", "90,70"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "920 Unit", "920 Unit", "100", "1.442.370.008", "580.282.780", "40,23"),
    ("Sub kegiatan", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya", "13 Unit", "13 Unit", "100", "19.676.369.800", "18.224.675.972", "92,62"),
    ("Sub kegiatan", "Pemeliharaan/Rehabilitasi Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya", "340 Unit", "340 Unit", "100", "378.500.000", "138.359.610", "36,55"),
    ("Kegiatan", "Administrasi Keuangan dan Operasional Kepala Daerah dan Wakil Kepala Daerah", "100%", "75%", "75%", "16.819.706.318", "15.478.366.890", "92,03"),
    ("Sub kegiatan", "Penyediaan Gaji dan Tunjangan Kepala Daerah dan Wakil Kepala Daerah", "1 Orang/Bulan", "0 Orang/Bulan", "0", "1.158.720", "0", "0,00"),
    ("Sub kegiatan", "Penyediaan Pakaian Dinas dan Atribut Kelengkapan Kepala Daerah dan Wakil Kepala Daerah", "20 Paket", "20 Paket", "100", "244.117.000", "241.032.390", "98,74"),
    ("Sub kegiatan", "Pelaksanaan Medical Check Up Kepala Daerah dan Wakil Kepala Daerah", "4 Orang", "4 Orang", "100", "435.000.000", "257.334.500", "59,16"),
    ("Sub kegiatan", "Penyediaan Dana Penunjang Operasional Kepala Daerah dan Wakil Kepala Daerah", "1 Orang/Bulan", "1 Orang/Bulan", "100", "16.139.430.598", "14.980.000.000", "92,82"),
    ("Kegiatan", "Fasilitasi Kerumahtanggaan Sekretariat Daerah", "100%", "100%", "100", "16.696.110.360", "14.553.008.942", "87,16"),
    ("Sub kegiatan", "Penyediaan Kebutuhan Rumah Tangga Kepala Daerah", "15 Paket", "15 Paket", "100", "7.595.140.672", "6.612.059.039", "87,06"),
    ("Sub kegiatan", "Penyediaan Kebutuhan Rumah Tangga Wakil Kepala Daerah", "15 Paket", "15 Paket", "100", "2.789.035.574", "2.496.602.079", "89,51"),
    ("Sub kegiatan", "Penyediaan Kebutuhan Rumah Tangga Sekretariat Daerah", "18 Paket", "18 Paket", "100", "6.311.934.114", "5.444.347.824", "86,25"),
    ("Unit", "BIRO ADMINISTRASI PIMPINAN", "", "", "", "28.939.960.180", "28.195.662.687", "97,43"),
    ("Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "100 Indeks", "100 Indeks", "100", "28.939.960.180", "28.195.662.687", "97,43"),
    ("Kegiatan", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "90%", "100%", "111,11", "1.032.042.500", "914.180.175", "95,45"),
    ("Sub kegiatan", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "9 Dokumen", "9 Dokumen", "100", "794.830.000", "729.784.597", "91,82"),
    ("Sub kegiatan", "Evaluasi Kinerja Perangkat Daerah", "4 Laporan", "4 Laporan", "100", "237.212.500", "184.395.578", "77,73"),
    ("Kegiatan", "Administrasi Keuangan Perangkat Daerah", "90%", "90%", "100", "303.662.792", "289.752.000", "95,42"),
    ("Sub kegiatan", "Penyediaan Administrasi Pelaksanaan Tugas ASN", "12 Dokumen", "12 Dokumen", "100", "303.662.792", "289.752.000", "95,42"),
    ("Kegiatan", "Administrasi Kepegawaian Perangkat Daerah", "90%", "90%", "100", "482.507.900", "445.252.517", "92,28"),
    ("Sub kegiatan", "Pendataan dan Pengolahan Administrasi Kepegawaian", "2 Dokumen", "2 Dokumen", "100", "309.668.000", "292.265.869", "94,38"),
    ("Sub kegiatan", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "20 Orang", "16 Orang", "80", "172.839.900", "152.986.648", "88,51"),
    ("Kegiatan", "Administrasi Umum Perangkat Daerah", "90%", "90%", "100", "2.037.754.287", "2.020.075.646", "99,13"),
    ("Sub kegiatan", "Penyediaan Peralatan dan Perlengkapan Kantor", "150 Paket", "150 Paket", "100", "282.099.853", "273.765.300", "97,05"),
    ("Sub kegiatan", "Penyediaan Bahan Logistik Kantor", "50 Paket", "50 Paket", "100", "82.882.800", "77.932.500", "94,03"),
    ("Sub kegiatan", "Penyediaan Barang Cetak dan Penggandaan", "15 Paket", "15 Paket", "100", "12.049.491", "11.024.000", "91,49"),
    ("Sub kegiatan", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "150 Laporan", "150 Laporan", "100", "1.660.722.143", "1.657.353.846", "99,80"),
    ("Kegiatan", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", "90%", "90%", "100", "837.776.335", "835.475.000", "99,73"),
    ("Sub kegiatan", "Pengadaan Peralatan dan Mesin Lainnya", "20 Unit", "60 Unit", "300", "837.776.335", "835.475.000", "99,73"),
    ("Kegiatan", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "90%", "90%", "100", "2.446.961.908", "2.302.034.220", "94,08"),
    ("Sub kegiatan", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "12 Laporan", "12 Laporan", "100", "29.489.220", "10.942.950", "37,11"),
    ("Sub kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor", "12 Laporan", "12 Laporan", "100", "2.417.472.688", "2.291.091.270", "94,77"),
    ("Kegiatan", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", "90%", "90%", "100", "97.536.550", "67.395.737", "69,10"),
    ("Sub kegiatan", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan", "15 Unit", "9 Unit", "60", "87.149.750", "57.545.737", "66,03"),
    ("Sub kegiatan", "Pemeliharaan Peralatan dan Mesin Lainnya", "15 Unit", "11 Unit", "73,33", "10.386.800", "9.850.000", "94,83"),
    ("Kegiatan", "Fasilitasi Materi dan Komunikasi Pimpinan", "100%", "100%", "100", "19.018.726.308", "18.656.709.365", "98,10"),
    ("Sub kegiatan", "Penyiapan Materi Pimpinan", "12 Dokumen", "12 Dokumen", "100", "542.783.600", "493.843.093", "90,98"),
    ("Sub kegiatan", "Fasilitasi Komunikasi Pimpinan", "12 Laporan", "12 Laporan", "100", "10.754.070.393", "10.475.385.294", "97,41"),
    ("Sub kegiatan", "Pengelolaan Dokumentasi Pimpinan", "12 Laporan", "12 Laporan", "100", "7.721.872.315", "7.687.480.978", "99,55"),
    ("Kegiatan", "Fasilitasi Keprotokolan", "100%", "100%", "100", "2.682.991.600", "2.664.788.027", "99,32"),
    ("Sub kegiatan", "Fasilitasi dan Koordinasi Pelaksanaan Acara", "4 Laporan", "4 Laporan", "100", "1.599.160.800", "1.591.447.154", "99,52"),
    ("Sub kegiatan", "Fasilitasi Kunjungan Tamu Kepala Daerah dan Wakil Kepala Daerah", "2 Laporan", "2 Laporan", "100", "718.480.800", "716.237.971", "99,69"),
    ("Sub kegiatan", "Pengelolaan Hubungan Keprotokolan", "2 Laporan", "2 Laporan", "100", "365.350.000", "357.102.902", "97,74"),)  # fmt: skip

# BAB II "Rencana Anggaran Tahun 2024" and the Ikhtisar Eksekutif: the Setda's total budget (no realisasi printed).
TOTAL_BAB_II = (
    "Total",
    "Anggaran Setda Tahun 2024 menurut BAB II (Rencana Anggaran)",
    "Rp. 535.648.948.995,-",
)


def _lembar(wb: Workbook, judul: str, kolom: tuple[str, ...], baris: list[tuple[str, ...]]) -> None:
    ws = wb.create_sheet(judul)
    ws.append(list(kolom))
    for nilai in baris:
        # Empty text is an empty cell; everything else is text, as printed.
        ws.append([v if v != "" else None for v in nilai])


def baris_pengukuran() -> list[tuple[str, ...]]:
    return [
        (tabel, no, SASARAN[no], "", indikator, satuan, "", target, realisasi, capaian, "", lalu, perubahan,
         akhir, kemajuan)
        for tabel, no, indikator, satuan, target, realisasi, capaian, lalu, perubahan, akhir, kemajuan in PENGUKURAN
    ]  # fmt: skip


def baris_efisiensi() -> list[tuple[str, ...]]:
    return [
        ("Tabel 3.16", no, nama, capaian, "", "", serapan, efisien, "Selisih")
        for no, nama, capaian, serapan, efisien in EFISIENSI
    ]


def baris_anggaran() -> list[tuple[str, ...]]:
    baris: list[tuple[str, ...]] = []
    for tabel, isi in (("Tabel 2.5", TABEL_2_5), ("Tabel 3.17", TABEL_3_17)):
        baris += [
            (tabel, tingkat, no, uraian, pagu, realisasi, persen, "", "", "")
            for tingkat, no, uraian, pagu, realisasi, persen in isi
        ]
    baris += [
        ("Tabel 3.19", tingkat, "", uraian, pagu, realisasi, persen, target_k, realisasi_k, capaian_k)
        for tingkat, uraian, target_k, realisasi_k, capaian_k, pagu, realisasi, persen in TABEL_3_19
    ]
    tingkat, uraian, pagu = TOTAL_BAB_II
    baris.append(("Tabel 3.19", tingkat, "", uraian, pagu, "", "", "", "", ""))
    return baris


def buat() -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _lembar(wb, "Pengukuran", JUDUL_PENGUKURAN, baris_pengukuran())
    _lembar(wb, "Efisiensi", JUDUL_EFISIENSI, baris_efisiensi())
    _lembar(wb, "Anggaran", JUDUL_ANGGARAN, baris_anggaran())
    # Fixed document dates: regenerating changes no cell and no property.
    wb.properties.created = wb.properties.modified = datetime.datetime(2025, 2, 1)
    wb.properties.creator = "buat_audit_xlsx.py"
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


if __name__ == "__main__":
    BERKAS.write_bytes(buat())
    print(f"{BERKAS} ditulis.")
