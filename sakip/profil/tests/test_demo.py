from sakip.organisasi import services as organisasi_services
from sakip.profil import demo
from sakip.profil.models import BarisPegawai, ProfilOrganisasi, SaranaPrasarana


def _setda(db):
    pemda = organisasi_services.upsert_pemda(kode="64", nama="Provinsi Kalimantan Timur", jenis="provinsi")
    return organisasi_services.upsert_unit(
        pemda=pemda,
        kode="SETDA",
        nama="Sekretariat Daerah Provinsi Kalimantan Timur",
        jenis="perangkat_daerah",
    )


def test_demo_staff_tables_reproduce_seed_004_totals_from_the_cells(db):
    setda = _setda(db)
    demo.load()
    profil = ProfilOrganisasi.objects.get(unit_kerja=setda, tahun=2024)
    ringkasan = profil.ringkasan_pegawai()
    assert ringkasan.pns == 312
    assert ringkasan.p3k == 17
    assert ringkasan.jumlah_asn == 329
    assert ringkasan.jumlah_non_pns == 264
    assert ringkasan.jumlah_seluruh == 593
    assert ringkasan.laki_laki == 388
    assert ringkasan.perempuan == 205


def test_demo_staff_table_column_totals_match_seed_004_jumlah_row(db):
    setda = _setda(db)
    demo.load()
    jumlah = BarisPegawai.objects.filter(profil__unit_kerja=setda, profil__tahun=2024).jumlah()
    assert jumlah == {
        "pns": 312, "p3k": 17, "laki_laki": 215, "perempuan": 114,
        "gol_iv": 65, "gol_iii": 176, "gol_ii": 66, "gol_i": 5,
        "s3": 1, "s2": 65, "s1": 128, "diploma": 34, "slta": 87, "sltp": 8, "sd": 6,
    }  # fmt: skip


def test_demo_profile_carries_seed_004_lists_and_the_reason_for_no_standard(db):
    setda = _setda(db)
    demo.load()
    profil = ProfilOrganisasi.objects.get(unit_kerja=setda, tahun=2024)
    assert profil.landasan_hukum.count() == 6
    assert profil.fungsi.count() == 5
    assert profil.isu_strategis.count() == 12
    assert profil.sarana.count() == 14
    assert list(profil.sarana.filter(uraian="Gedung").values_list("satuan", flat=True)) == [
        "Unit (2 lantai)",
        "m2",
    ]
    assert not profil.ada_standar
    assert "cascade kinerja" in profil.alasan_tanpa_standar
    assert profil.kekurangan() == []


def test_loading_the_demo_twice_changes_nothing_and_records_no_new_history(db):
    setda = _setda(db)
    demo.load()
    counts = (ProfilOrganisasi.objects.count(), BarisPegawai.objects.count(), SaranaPrasarana.objects.count())
    history = (BarisPegawai.history.count(), ProfilOrganisasi.history.count())
    demo.load()
    assert (
        ProfilOrganisasi.objects.count(),
        BarisPegawai.objects.count(),
        SaranaPrasarana.objects.count(),
    ) == counts
    assert (BarisPegawai.history.count(), ProfilOrganisasi.history.count()) == history
    assert ProfilOrganisasi.objects.get().unit_kerja == setda
