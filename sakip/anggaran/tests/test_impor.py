from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.anggaran import excel, services
from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.anggaran.tests.factories import program_dengan_anggaran
from sakip.anggaran.tests.test_excel import buku


@pytest.fixture
def struktur(org):
    """Biro A: sub kegiatan 4.01.01.2.01.0001–0003 (the first two with a 2024 budget); Biro B: 4.01.01.2.01.0001."""
    a = program_dengan_anggaran(org.biro_a, baris=[(D(1000), D(100)), (D(2000), D(200))])
    a.kegiatan.get().sub_kegiatan.create(kode="4.01.01.2.01.0003", nama="Baru A", satuan_keluaran="Dokumen")
    b = program_dengan_anggaran(org.biro_b, baris=[(D(500), D(50))])
    return {"a": a, "b": b}


def _angka_a():
    return sorted(
        AnggaranSubKegiatan.objects.filter(
            sub_kegiatan__kegiatan__program__unit_kerja__kode="SETDA.A"
        ).values_list("sub_kegiatan__kode", "pagu", "realisasi")
    )


def _impor(user, *baris, konfirmasi=False, unit=None):
    return services.impor(
        user=user, tahun=2024, hasil=excel.baca(buku(*baris)), unit=unit, konfirmasi_lebih_pagu=konfirmasi
    )


def test_import_updates_and_creates_by_code_with_history(org, struktur, operator_a):
    hasil = _impor(
        operator_a,
        ["4.01.01.2.01.0001", "x", "1.500", "1.000", 12, 10, "Dokumen"],
        ["4.01.01.2.01.0002", "x", 2000, 200, 12, 12, "Dokumen"],
        ["4.01.01.2.01.0003", "x", 300, 30, 4, 4, "Laporan", "Modal"],
    )
    assert (hasil.baru, hasil.ubah, hasil.sama) == (1, 1, 1)
    assert _angka_a() == [
        ("4.01.01.2.01.0001", D(1500), D(1000)),
        ("4.01.01.2.01.0002", D(2000), D(200)),
        ("4.01.01.2.01.0003", D(300), D(30)),
    ]
    baru = AnggaranSubKegiatan.objects.get(sub_kegiatan__kode="4.01.01.2.01.0003")
    assert (baru.jenis_belanja, baru.satuan, baru.target_keluaran) == ("modal", "Laporan", D(4))
    catatan = AnggaranSubKegiatan.history.filter(history_user=operator_a)
    assert {c.history_type for c in catatan} == {"+", "~"}
    assert catatan.count() == 2
    assert {c.history_change_reason for c in catatan} == {services.ALASAN_IMPOR}
    # Biro B's line with the same code is untouched.
    assert AnggaranSubKegiatan.objects.get(sub_kegiatan__kegiatan__program=struktur["b"]).pagu == D(500)


def test_an_import_with_a_broken_row_changes_nothing_and_reports_the_row(org, struktur, operator_a):
    sebelum = _angka_a()
    riwayat = AnggaranSubKegiatan.history.count()
    with pytest.raises(ValidationError) as exc:
        _impor(
            operator_a,
            ["4.01.01.2.01.0001", "x", 1500, 1000],
            ["4.01.01.2.01.0002", "x", "dua ribu", 200],
            ["4.01.01.2.01.0003", "x", 300, 30],
        )
    assert exc.value.messages[0].startswith("Baris 3, kolom 'Pagu': 'dua ribu' bukan angka rupiah")
    assert _angka_a() == sebelum
    assert AnggaranSubKegiatan.history.count() == riwayat


def test_unknown_code_and_code_of_another_unit_are_kode_tidak_dikenal(org, struktur, operator_b):
    hasil = excel.baca(
        buku(
            ["4.01.01.2.01.0003", "x", 10, 1],  # exists, but in Biro A
            ["9.99.99.9.99.9999", "x", 10, 1],
            ["1.1.1.1", "x", 10, 1],
            ["4.01.01.2.01.0001", "x", 10, 1],  # Biro B's own line: fine
        )
    )
    rencana = services.siapkan_impor(user=operator_b, tahun=2024, hasil=hasil)
    pesan = [str(k) for k in rencana.kesalahan]
    assert pesan[0].startswith("Baris 2, kolom 'Kode': kode tidak dikenal: 4.01.01.2.01.0003")
    assert pesan[1].startswith("Baris 3, kolom 'Kode': kode tidak dikenal: 9.99.99.9.99.9999")
    assert "format kode sub kegiatan Permendagri" in pesan[2]
    assert len(pesan) == 3
    assert [b.unit for b in rencana.baris] == ["SETDA.B"]
    with pytest.raises(ValidationError):
        services.terapkan_impor(rencana=rencana, tahun=2024, by=operator_b)
    assert AnggaranSubKegiatan.objects.get(sub_kegiatan__kegiatan__program=struktur["b"]).pagu == D(500)


def test_a_code_shared_by_two_units_needs_the_unit(org, struktur, admin_pemda):
    hasil = excel.baca(buku(["4.01.01.2.01.0001", "x", 10, 1]))
    rencana = services.siapkan_impor(user=admin_pemda, tahun=2024, hasil=hasil)
    assert "dipakai oleh beberapa unit (SETDA.A, SETDA.B)" in str(rencana.kesalahan[0])
    assert services.siapkan_impor(user=admin_pemda, tahun=2024, hasil=hasil, unit=org.biro_b).ok
    kepala = ["Kode", "Nama", "Pagu", "Realisasi", "Kode unit"]
    dengan_unit = excel.baca(buku(["4.01.01.2.01.0001", "x", 10, 1, "SETDA.B"], kepala=kepala))
    rencana = services.siapkan_impor(user=admin_pemda, tahun=2024, hasil=dengan_unit)
    assert rencana.ok
    assert rencana.baris[0].unit == "SETDA.B"


def test_realisasi_above_pagu_is_refused_without_confirmation_then_allowed_and_listed(
    org, struktur, operator_a
):
    baris = (["4.01.01.2.01.0001", "x", 1000, 1200], ["4.01.01.2.01.0002", "x", 2000, 300])
    with pytest.raises(ValidationError) as exc:
        _impor(operator_a, *baris)
    assert exc.value.messages[0].startswith("Baris 2, kolom 'Realisasi': realisasi Rp 1.200,00 melebihi pagu")
    assert _angka_a()[0] == ("4.01.01.2.01.0001", D(1000), D(100))
    assert _angka_a()[1] == ("4.01.01.2.01.0002", D(2000), D(200))
    hasil = _impor(operator_a, *baris, konfirmasi=True)
    assert [b.baris.nomor for b in hasil.lebih_pagu] == [2]
    assert _angka_a()[0] == ("4.01.01.2.01.0001", D(1000), D(1200))


def test_import_writes_in_batches_not_one_query_per_row(org, operator_a):
    program = program_dengan_anggaran(org.biro_a, baris=[(D(1), D(0))] * 3)
    kegiatan = program.kegiatan.get()
    from sakip.perencanaan.models import SubKegiatan

    SubKegiatan.objects.bulk_create(
        SubKegiatan(kegiatan=kegiatan, kode=f"4.01.01.2.01.{n:04d}", nama=f"S{n}") for n in range(4, 1200)
    )

    def jalankan(n):
        baris = [[f"4.01.01.2.01.{i:04d}", "x", 1000 + n, 10] for i in range(1, n + 1)]
        with CaptureQueriesContext(connection) as ctx:
            _impor(operator_a, *baris)
        return len(ctx)

    sedikit = jalankan(10)
    banyak = jalankan(1100)  # new and changed lines in several batches of 500
    assert AnggaranSubKegiatan.objects.filter(sub_kegiatan__kegiatan=kegiatan).count() == 1100
    # Reads are a fixed handful (two of them the year-lock check of the integrity rule, plus on PostgreSQL the share
    # lock on the pemda's row that orders the write against a lock being set); writes go in batches (SQLite caps a
    # batch at ~90 rows of this model).
    assert sedikit <= (15 if connection.vendor == "postgresql" else 14)
    assert banyak < 1100 / 20
