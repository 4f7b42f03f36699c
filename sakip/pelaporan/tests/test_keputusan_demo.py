"""The demo's IKU decrees (seeds 002 and 003) carry their documents' texts."""

from __future__ import annotations

from sakip.demo import loader
from sakip.pelaporan import keputusan
from sakip.perencanaan.models import KeputusanIKU, RencanaStrategis


def _renstra(pemda: str, unit: str, tahun: int) -> RencanaStrategis:
    return RencanaStrategis.objects.select_related("unit_kerja__pemda").get(
        unit_kerja__pemda__kode=pemda, unit_kerja__kode=unit, tahun_mulai=tahun
    )


def test_the_decree_of_kalbar_biro_umum_is_that_of_seed_003(demo):
    dok = keputusan.bangun_keputusan(_renstra("61", "SETDA.UMUM", 2024))
    assert dok.judul == "KEPUTUSAN KEPALA BIRO UMUM SEKRETARIAT DAERAH PROVINSI KALIMANTAN BARAT"
    assert dok.nomor == "017.1/RO-UM/2024"
    assert (dok.tempat, dok.tanggal) == ("Pontianak", "3 Januari 2024")
    assert dok.penandatangan.nama == "DINI EKA WAHYUNI"
    assert dok.pemerintah == "PEMERINTAH PROVINSI KALIMANTAN BARAT"
    assert dok.kop_unit == "SEKRETARIAT DAERAH"
    assert dok.tentang == (
        "INDIKATOR KINERJA UTAMA BIRO UMUM SEKRETARIAT DAERAH PROVINSI KALIMANTAN BARAT TAHUN 2024-2026"
    )
    [baris] = dok.tabel.baris
    assert baris.indikator.startswith("Indeks Kepuasan Masyarakat (IKM) Pelayanan Umum")
    assert baris.target == ["86,00 (Baik)", "87,50 (Baik)", "89,50 (Sangat Baik)"]


def test_the_decree_of_balangan_setda_is_that_of_seed_002(demo):
    dok = keputusan.bangun_keputusan(_renstra("63.11", "SETDA", 2021))
    assert dok.judul == "KEPUTUSAN SEKRETARIS DAERAH KABUPATEN BALANGAN"
    assert dok.penandatangan.pangkat == "Pembina Utama Muda / (IV.c)"
    assert dok.penandatangan.nip == "19760417 199412 1 001"
    assert dok.alamat == ["Jl. Jend. Ahmad Yani No. 01 Paringin. Telp. (0526) 2028408"]
    assert dok.tabel.tahun == [2021, 2022, 2023, 2024, 2025, 2026]


def test_loading_the_demo_again_leaves_the_decrees_unchanged(demo):
    versi = dict(KeputusanIKU.objects.values_list("pk", "versi"))
    loader.load_keputusan_iku()
    assert dict(KeputusanIKU.objects.values_list("pk", "versi")) == versi
    assert len(versi) == 2
