"""A large SIPD export is checked and written by queue jobs (the worker: django-tasks' own claim and run steps,
`kerjakan_antrean`), on the demo data of Setda Kaltim; the expected figures are those of test_sipd.py."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.urls import reverse

from sakip.anggaran.tests.test_sipd import (
    BUKU_LRA,
    KESRA_SIPD,
    KOLOM_APBD,
    KOLOM_DPA,
    POD_SIPD,
    SUB_A,
    SUB_B,
    _apbd,
    _berkas,
    _dpa,
    _line,
    _unit,
    buku,
)
from sakip.antrean.models import ImporLatar, Pekerjaan
from sakip.antrean.tests.pekerja import kerjakan_antrean
from sakip.organisasi.models import Pengguna

Status = ImporLatar.Status


@pytest.fixture
def admin(demo, settings, tmp_path) -> Pengguna:
    settings.MEDIA_ROOT = tmp_path
    settings.SAKIP_IMPOR_LATAR_BYTE = 1000  # every test export counts as large
    return Pengguna.objects.get(username="admin.kaltim")


def _unggah(client, isi: bytes, unit: str = "SETDA.POD") -> ImporLatar:
    jawab = client.post(
        reverse("anggaran:impor_sipd"),
        {"tahun": 2024, "unit": _unit(unit).pk, "berkas": _berkas("sipd.xlsx", isi)},
    )
    obj = ImporLatar.objects.order_by("-pk").first()
    assert jawab["Location"] == reverse("antrean:impor", args=[obj.pk])
    return obj


def _halaman(client, obj: ImporLatar) -> str:
    jawab = client.get(reverse("antrean:impor", args=[obj.pk]))
    assert jawab.status_code == 200
    return jawab.content.decode()


def test_a_large_export_is_previewed_by_the_check_job_and_written_by_the_confirm_job(client, admin):
    client.force_login(admin)
    obj = _unggah(client, BUKU_LRA)
    assert obj.parameter == {"tahun": 2024, "unit": _unit("SETDA.POD").pk}
    assert "Berkas sedang diperiksa" in _halaman(client, obj)

    kerjakan_antrean()
    teks = _halaman(client, obj)
    assert "Tidak ada kesalahan: 2 sub kegiatan akan diubah" in teks
    assert _line(SUB_A).realisasi == D(7494000)  # the check wrote nothing

    client.post(reverse("antrean:impor_terapkan", args=[obj.pk]))
    assert _line(SUB_A).realisasi == D(7494000)  # queued, not yet written
    kerjakan_antrean()
    teks = _halaman(client, obj)
    assert (
        "Impor SIPD dari berkas &#x27;sipd.xlsx&#x27; disimpan: 2 sub kegiatan diubah, 0 tanpa perubahan."
        in teks
    )
    assert f"{reverse('anggaran:pohon')}?tahun=2024&amp;unit={_unit('SETDA.POD').pk}" in teks
    assert (_line(SUB_A).realisasi, _line(SUB_B).realisasi) == (D(12000000), D(10000000))
    assert _line(SUB_A).history.first().history_user == admin


def test_realisasi_above_pagu_is_written_only_with_the_confirmation_ticked_on_the_preview(client, admin):
    # Sub A: pagu 1.000.000 on one account, 3.000.000 spent by February.
    lebih = buku(
        KOLOM_APBD,
        [
            _apbd("1", "5.1.02.01.01.0024", "1.000.000", "1.000.000"),
            _apbd("2", "5.1.02.01.01.0024", "1.000.000", "2.000.000"),
        ],
        judul=("REALISASI APBD", "PEMERINTAH PROVINSI KALIMANTAN TIMUR"),
    )
    client.force_login(admin)
    tanpa = _unggah(client, lebih, unit="SETDA")
    kerjakan_antrean()
    teks = _halaman(client, tanpa)
    assert "Realisasi melebihi pagu" in teks
    assert 'name="konfirmasi_lebih_pagu"' in teks  # the checkbox sits inside the confirm form
    client.post(reverse("antrean:impor_terapkan", args=[tanpa.pk]))  # not ticked
    kerjakan_antrean()
    tanpa.refresh_from_db()
    assert tanpa.status == Status.DITOLAK
    teks = _halaman(client, tanpa)
    assert "Impor dibatalkan, tidak ada data yang diubah." in teks
    assert "Centang konfirmasi realisasi melebihi pagu untuk menyimpan baris-baris tersebut." in teks
    assert _line(SUB_A).pagu == D(24163000)

    dengan = _unggah(client, lebih, unit="SETDA")
    kerjakan_antrean()
    client.post(reverse("antrean:impor_terapkan", args=[dengan.pk]), {"konfirmasi_lebih_pagu": "on"})
    kerjakan_antrean()
    dengan.refresh_from_db()
    assert (dengan.status, dengan.konfirmasi) == (
        Status.SELESAI,
        {"konfirmasi_lebih_pagu": "on", "catatan_lebih_pagu": ""},
    )
    assert (_line(SUB_A).pagu, _line(SUB_A).realisasi) == (D(1000000), D(3000000))


def test_an_export_of_another_unit_is_refused_by_the_check_job_with_the_indonesian_reason(client, admin):
    isi = buku(
        KOLOM_DPA, [{**_dpa(SUB_A, "1.000", "1", "Dokumen", ["0"] * 11 + ["1.000"]), "Kode SKPD": KESRA_SIPD}]
    )
    client.force_login(admin)
    obj = _unggah(client, isi)
    kerjakan_antrean()
    obj.refresh_from_db()
    assert obj.status == Status.DITOLAK
    teks = _halaman(client, obj)
    assert (
        f"Berkas ini bukan milik Biro Pemerintahan dan Otonomi Daerah (kode SKPD {POD_SIPD}): berkas memuat kode "
        f"SKPD {KESRA_SIPD} (Biro Kesejahteraan Rakyat). Berkas ditolak; tidak ada data yang diimpor."
    ) in teks
    assert "Simpan ke basis data" not in teks
    assert _line(SUB_A).pagu == D(24163000)


def test_an_operator_of_another_unit_gets_404_for_the_upload(client, admin):
    client.force_login(admin)
    obj = _unggah(client, BUKU_LRA)
    kerjakan_antrean()
    for nama in ("operator.adpim", "pimpinan.setda", "operator.organisasi"):
        client.force_login(Pengguna.objects.get(username=nama))
        assert client.get(reverse("antrean:impor", args=[obj.pk])).status_code == 404
        assert client.post(reverse("antrean:impor_terapkan", args=[obj.pk])).status_code == 404
    assert Pekerjaan.objects.filter(jenis="antrean.impor_terapkan").count() == 0
