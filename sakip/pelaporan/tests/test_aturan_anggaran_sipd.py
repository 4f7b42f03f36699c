"""Issue #18: the "realisasi ≤ pagu" rule on the SIPD import (demo: Biro POD's LRA, sub kegiatan A with pagu
Rp 1.000.000 and realisasi Rp 2.000.000). An error-level rule makes the preview list the row with the rule's message
and refuses the import; a warning-level one needs a note, kept in the history."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from sakip.anggaran import services, sipd
from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.anggaran.tests.test_sipd import KOLOM_LRA, POD_SIPD, SUB_A, _lra, buku
from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.pengukuran import services as pengukuran_services
from sakip.pengukuran.models import AturanValidasi

PESAN = "Realisasi anggaran tidak boleh melebihi pagu."

BUKU = buku(
    KOLOM_LRA,
    [
        _lra(SUB_A, "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "1.000.000", "2.000.000"),
        _lra("5.1", "BELANJA OPERASI", "1.000.000", "2.000.000"),
        _lra("5.1.02.01.01.0024", "Belanja Alat Tulis Kantor", "1.000.000", "2.000.000"),
    ],
    judul=(
        "LAPORAN REALISASI ANGGARAN",
        f"SKPD : {POD_SIPD} - BIRO PEMERINTAHAN DAN OTONOMI DAERAH",
        "Periode : 1 Januari 2024 s.d. 31 Desember 2024",
    ),
)


@pytest.fixture
def admin(demo) -> Pengguna:
    return Pengguna.objects.get(username="admin.kaltim")


def _aturan(admin, tingkat):
    pengukuran_services.simpan_aturan(
        pemda=UnitKerja.objects.get(pemda__kode="64", kode="SETDA.POD").pemda,
        by=admin,
        jenis=AturanValidasi.Jenis.REALISASI_MAKS_PAGU,
        nama="Realisasi tidak melebihi pagu",
        tingkat=tingkat,
        pesan=PESAN,
    )


def _rencana(admin):
    unit = UnitKerja.objects.get(pemda__kode="64", kode="SETDA.POD")
    return services.siapkan_impor_sipd(user=admin, tahun=2024, unit=unit, hasil=sipd.baca(io.BytesIO(BUKU)))


def _baris() -> AnggaranSubKegiatan:
    return AnggaranSubKegiatan.objects.get(
        tahun=2024, sub_kegiatan__kode=SUB_A, sub_kegiatan__kegiatan__program__unit_kerja__kode="SETDA.POD"
    )


def test_an_error_rule_lists_the_row_in_the_preview_and_refuses_the_import(admin):
    _aturan(admin, AturanValidasi.Tingkat.GALAT)
    sebelum = (_baris().pagu, _baris().realisasi)
    rencana = _rencana(admin)
    assert [str(k) for k in rencana.kesalahan] == [f"kolom 'Realisasi': Sub kegiatan {SUB_A}: {PESAN}"]
    with pytest.raises(ValidationError):
        services.terapkan_impor_sipd(rencana=rencana, konfirmasi_lebih_pagu=True, by=admin)
    assert (_baris().pagu, _baris().realisasi) == sebelum


def test_a_warning_rule_needs_the_note_then_imports_with_it(admin):
    _aturan(admin, AturanValidasi.Tingkat.PERINGATAN)
    rencana = _rencana(admin)
    assert rencana.ok, [str(k) for k in rencana.kesalahan]
    with pytest.raises(ValidationError) as exc:
        services.terapkan_impor_sipd(rencana=rencana, konfirmasi_lebih_pagu=True, by=admin)
    assert exc.value.messages[0] == f"Peringatan: sub kegiatan {SUB_A}: {PESAN}"
    services.terapkan_impor_sipd(
        rencana=_rencana(admin), catatan_lebih_pagu="Belanja darurat banjir.", by=admin
    )
    baris = _baris()
    assert (baris.pagu, baris.realisasi) == (D(1000000), D(2000000))
    assert baris.history.latest().history_change_reason.endswith(
        "realisasi melebihi pagu: Belanja darurat banjir."
    )


def test_a_large_export_under_a_warning_rule_is_written_by_the_queue_with_the_note_typed_on_the_preview(
    client, admin, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from sakip.antrean.models import ImporLatar
    from sakip.antrean.tests.pekerja import kerjakan_antrean

    settings.MEDIA_ROOT = tmp_path
    settings.SAKIP_IMPOR_LATAR_BYTE = 1000  # the export counts as large: checked and written by the worker
    _aturan(admin, AturanValidasi.Tingkat.PERINGATAN)
    client.force_login(admin)
    unit = UnitKerja.objects.get(pemda__kode="64", kode="SETDA.POD")
    berkas = SimpleUploadedFile("lra.xlsx", BUKU, content_type="application/octet-stream")
    client.post(reverse("anggaran:impor_sipd"), {"tahun": 2024, "unit": unit.pk, "berkas": berkas})
    obj = ImporLatar.objects.order_by("-pk").first()
    kerjakan_antrean()
    halaman = client.get(reverse("antrean:impor", args=[obj.pk])).content.decode()
    assert 'name="catatan_lebih_pagu"' in halaman  # the note's field sits in the confirm form
    client.post(
        reverse("antrean:impor_terapkan", args=[obj.pk]), {"catatan_lebih_pagu": "Belanja darurat banjir."}
    )
    kerjakan_antrean()
    obj.refresh_from_db()
    assert obj.status == ImporLatar.Status.SELESAI
    baris = _baris()
    assert (baris.pagu, baris.realisasi) == (D(1000000), D(2000000))
    assert baris.history.latest().history_change_reason.endswith(
        "realisasi melebihi pagu: Belanja darurat banjir."
    )
