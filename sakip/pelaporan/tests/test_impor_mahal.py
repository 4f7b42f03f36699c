"""No upload can make an import expensive: every importer refuses the dimension bomb, a million rows, a DTD and
truncated XML with an Indonesian message, quickly and in little memory (issue 19, part B).

The figures are measured (CPU time of this thread, growth of the peak resident memory: `bom_xlsx.ukur`) and held
to generous bounds; `make bench`
prints them too.
"""

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.anggaran import excel as excel_anggaran
from sakip.lib import xlsx_baca
from sakip.lib.tests import bom_xlsx
from sakip.organisasi.models import Pemda
from sakip.pelaporan import audit_excel
from sakip.perencanaan import excel as excel_perencanaan
from sakip.profil import excel as excel_profil
from sakip.survei import excel as excel_survei
from sakip.survei.models import Survei


def _tolakan(
    fungsi: Callable[[bytes], object], galat: type[Exception] | None = None
) -> Callable[[bytes], str]:
    """The importer's answer to `data` as one message: the refusal, or its first reported error."""

    def jalankan(data: bytes) -> str:
        if galat is not None:
            with pytest.raises(galat) as exc:
                fungsi(data)
            return str(exc.value)
        hasil = fungsi(data)
        assert not hasil.data
        return str(hasil.kesalahan[0])

    return jalankan


IMPORTIR = {
    "anggaran": _tolakan(lambda d: excel_anggaran.baca(io.BytesIO(d)), excel_anggaran.BerkasDitolak),
    "profil": _tolakan(
        lambda d: excel_profil.baca(io.BytesIO(d), kode_unit="A", tahun=2024), excel_profil.BerkasDitolak
    ),
    "audit": _tolakan(lambda d: audit_excel.baca(io.BytesIO(d)), audit_excel.BerkasDitolak),
    "survei": _tolakan(lambda d: excel_survei.baca(Survei(), d)),
    "renstra": _tolakan(lambda d: excel_perencanaan.baca_renstra(d, pemda=Pemda())),
    "pk": _tolakan(lambda d: excel_perencanaan.baca_pk(d, pemda=Pemda())),
}


@pytest.fixture(scope="module")
def buku() -> dict[str, bytes]:
    return {
        "bom-dimensi": bom_xlsx.bom_dimensi(),
        "sejuta-baris": bom_xlsx.sejuta_baris(),
        "doctype": bom_xlsx.dengan_xml(sheet=bom_xlsx.DOCTYPE),
        "terpotong": bom_xlsx.dengan_xml(sheet=bom_xlsx.TERPOTONG),
    }


PESAN = {
    "bom-dimensi": "memuat isian di kolom XFD baris 1048576, di luar batas 100 kolom",
    "sejuta-baris": "Sheet 'Sheet1' memuat lebih dari",
    "doctype": xlsx_baca.PESAN_DTD,
    "terpotong": "tidak dapat dibaca; mungkin rusak",
}


@pytest.mark.parametrize("importir", list(IMPORTIR))
@pytest.mark.parametrize("jenis", ["bom-dimensi", "sejuta-baris"])
def test_every_importer_refuses_the_hostile_workbooks_in_under_two_seconds_and_200_mb(
    db, buku, importir, jenis
):
    pesan: list[str] = []
    detik, _, puncak = bom_xlsx.ukur(lambda: pesan.append(IMPORTIR[importir](buku[jenis])))
    assert PESAN[jenis] in pesan[0]
    assert detik < 2.0, f"{importir}/{jenis}: {detik:.2f} s CPU"
    assert puncak < 200 * 1024 * 1024, f"{importir}/{jenis}: {puncak / 1e6:.0f} MB"


@pytest.mark.parametrize("importir", list(IMPORTIR))
@pytest.mark.parametrize("jenis", ["doctype", "terpotong"])
def test_every_importer_answers_malformed_xml_with_an_indonesian_message(db, buku, importir, jenis):
    pesan = IMPORTIR[importir](buku[jenis])
    assert PESAN[jenis] in pesan
    assert "Traceback" not in pesan
    assert "Error" not in pesan


@pytest.mark.parametrize("jenis", ["bom-dimensi", "sejuta-baris", "doctype", "terpotong"])
def test_a_read_only_user_sending_a_hostile_workbook_to_the_audit_gets_the_message(
    client, pimpinan_a, buku, jenis
):
    client.force_login(pimpinan_a)
    berkas = SimpleUploadedFile("lkjip.xlsx", buku[jenis], content_type=audit_excel.JENIS_MIME)
    response = client.post(
        reverse("pelaporan:audit"), {"berkas": berkas, "tahun": 2024}
    )  # the year as the form offers it
    assert response.status_code == 200
    assert PESAN[jenis].replace("'", "&#x27;") in response.content.decode()


@pytest.mark.parametrize("jenis", ["doctype", "terpotong", "bom-dimensi"])
def test_the_budget_and_profile_upload_pages_answer_a_hostile_workbook_with_the_message(
    client, org, operator_a, buku, jenis
):
    client.force_login(operator_a)
    halaman = [
        (reverse("anggaran:impor"), {"tahun": 2024, "unit": org.biro_a.pk}),
        (reverse("profil:impor", args=[org.biro_a.pk, 2024]), {}),
    ]
    for alamat, isian in halaman:
        berkas = SimpleUploadedFile("data.xlsx", buku[jenis], content_type=audit_excel.JENIS_MIME)
        response = client.post(alamat, {**isian, "berkas": berkas})
        assert response.status_code == 200, alamat
        assert PESAN[jenis].replace("'", "&#x27;") in response.content.decode(), alamat
