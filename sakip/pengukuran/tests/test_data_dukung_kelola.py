"""Evidence that was uploaded by mistake (issue #17 point 8): unlinked from a realisasi or deleted, each step in the
audit trail, refused once the realisasi is verified or its year or quarter locked; PDF and images previewed in the
browser under safe headers, other types still downloaded."""

from __future__ import annotations

import io
from decimal import Decimal as D

import docx
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from sakip.pengukuran import services
from sakip.pengukuran.models import DataDukung, Realisasi
from sakip.perencanaan.integritas import DataTerkunci

from .conftest import PDF

PNG = (
    b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
)


def _docx() -> bytes:
    dokumen = docx.Document()
    dokumen.add_paragraph("Notulen rapat.")
    keluaran = io.BytesIO()
    dokumen.save(keluaran)
    return keluaran.getvalue()


@pytest.fixture
def tw1(iku, operator_a):
    return services.save_realisasi(
        indikator=iku, tahun=2024, periode="TW1", by=operator_a, masukan={"selesai": D(3), "usulan": D(4)}
    )


@pytest.fixture
def bukti(org, operator_a):
    return services.upload_data_dukung(unit=org.biro_a, nama="bukti-salah.pdf", isi=PDF, by=operator_a)


def _tautkan(tw1, bukti, operator_a):
    services.link_data_dukung(realisasi=tw1, dokumen=bukti, by=operator_a)
    tw1.refresh_from_db()
    return tw1


def test_the_operator_unlinks_a_wrong_file_on_the_page_and_the_audit_trail_says_so(
    client, tw1, bukti, operator_a
):
    _tautkan(tw1, bukti, operator_a)
    client.force_login(operator_a)
    response = client.post(reverse("pengukuran:lepas", args=[tw1.pk]), {"dokumen": bukti.pk}, follow=True)
    assert "dilepas dari realisasi ini" in response.content.decode()
    assert not tw1.data_dukung.exists()
    jejak = tw1.history.order_by("-history_date").first()
    assert (jejak.history_change_reason, jejak.history_user) == (
        "Data dukung dilepas: bukti-salah.pdf",
        operator_a,
    )
    assert DataDukung.objects.filter(pk=bukti.pk).exists()  # unlinking keeps the file for other uses


def test_unlinking_is_refused_once_verified_or_locked(tw1, bukti, operator_a, pimpinan_a, org, admin_pemda):
    _tautkan(tw1, bukti, operator_a)
    services.lock_period(pemda=org.pemda, tahun=2024, periode="TW1", by=admin_pemda)
    with pytest.raises(DataTerkunci, match="sudah dikunci"):
        services.unlink_data_dukung(realisasi=tw1, dokumen=bukti, by=operator_a)
    services.unlock_period(pemda=org.pemda, tahun=2024, periode="TW1", alasan="koreksi", by=admin_pemda)
    services.verify_realisasi(services.submit_realisasi(tw1, by=operator_a), by=pimpinan_a)
    with pytest.raises(DataTerkunci, match="sudah diverifikasi"):
        services.unlink_data_dukung(realisasi=tw1, dokumen=bukti, by=operator_a)
    assert list(tw1.data_dukung.all()) == [bukti]


def test_deleting_a_linked_file_unlinks_it_with_an_audit_entry_and_removes_the_stored_file(
    tw1, bukti, operator_a, django_capture_on_commit_callbacks
):
    _tautkan(tw1, bukti, operator_a)
    nama = bukti.berkas.name
    assert default_storage.exists(nama)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_data_dukung(dokumen=bukti, by=operator_a)
    assert not DataDukung.objects.filter(pk=bukti.pk).exists()
    assert not default_storage.exists(nama)
    assert tw1.history.order_by("-history_date").first().history_change_reason == (
        "Data dukung dihapus: bukti-salah.pdf"
    )
    hapus = DataDukung.history.get(history_type="-")
    assert (hapus.nama_asli, hapus.sha256, hapus.history_user) == (
        "bukti-salah.pdf",
        bukti.sha256,
        operator_a,
    )


def test_a_file_supporting_a_verified_or_locked_realisasi_cannot_be_deleted(
    tw1, bukti, operator_a, pimpinan_a, org, admin_pemda
):
    _tautkan(tw1, bukti, operator_a)
    services.lock_year(pemda=org.pemda, tahun=2024, by=admin_pemda)
    with pytest.raises(DataTerkunci, match="tahun 2024 sudah dikunci"):
        services.delete_data_dukung(dokumen=bukti, by=operator_a)
    services.unlock_year(pemda=org.pemda, tahun=2024, alasan="koreksi", by=admin_pemda)
    services.verify_realisasi(services.submit_realisasi(tw1, by=operator_a), by=pimpinan_a)
    with pytest.raises(DataTerkunci, match="sudah diverifikasi"):
        services.delete_data_dukung(dokumen=bukti, by=operator_a)
    assert list(Realisasi.objects.get(pk=tw1.pk).data_dukung.all()) == [bukti]
    assert default_storage.exists(bukti.berkas.name)


def test_the_delete_page_refuses_a_reader_and_hides_the_file_from_an_outsider(
    client, bukti, pimpinan_a, operator_b, operator_a
):
    alamat = reverse("pengukuran:hapus_dokumen", args=[bukti.pk])
    client.force_login(pimpinan_a)
    assert client.post(alamat).status_code == 403
    client.force_login(operator_b)
    assert client.post(alamat).status_code == 404
    assert client.get(reverse("pengukuran:lihat", args=[bukti.pk])).status_code == 404
    assert DataDukung.objects.filter(pk=bukti.pk).exists()
    client.force_login(operator_a)
    response = client.post(alamat, {"kembali": "https://contoh.invalid/"})
    assert response["Location"] == reverse("pengukuran:kelengkapan")  # never back to another site
    assert not DataDukung.objects.filter(pk=bukti.pk).exists()


@pytest.mark.parametrize(
    ("nama", "isi", "jenis"), [("bukti.pdf", PDF, "application/pdf"), ("foto.png", PNG, "image/png")]
)
def test_pdf_and_images_open_in_the_browser_under_a_sandbox(client, org, operator_a, nama, isi, jenis):
    dokumen = services.upload_data_dukung(unit=org.biro_a, nama=nama, isi=isi, by=operator_a)
    client.force_login(operator_a)
    response = client.get(reverse("pengukuran:lihat", args=[dokumen.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == jenis
    assert response["Content-Disposition"] == f'inline; filename="{nama}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == isi


def test_other_types_are_still_downloaded(client, org, operator_a):
    dokumen = services.upload_data_dukung(unit=org.biro_a, nama="notulen.docx", isi=_docx(), by=operator_a)
    client.force_login(operator_a)
    response = client.get(reverse("pengukuran:lihat", args=[dokumen.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("pengukuran:unduh", args=[dokumen.pk])
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_entry_page_offers_preview_unlink_and_delete_only_while_the_realisasi_may_change(
    client, tw1, bukti, operator_a, pimpinan_a
):
    _tautkan(tw1, bukti, operator_a)
    client.force_login(operator_a)
    halaman = reverse("pengukuran:indikator", args=[tw1.indikator_id]) + "?tahun=2024"
    baris = client.get(halaman).content.decode().split('id="periode-TW1"')[1].split("</tr>")[0]
    assert reverse("pengukuran:lihat", args=[bukti.pk]) in baris
    assert reverse("pengukuran:lepas", args=[tw1.pk]) in baris
    assert reverse("pengukuran:hapus_dokumen", args=[bukti.pk]) in client.get(halaman).content.decode()
    services.verify_realisasi(services.submit_realisasi(tw1, by=operator_a), by=pimpinan_a)
    baris = client.get(halaman).content.decode().split('id="periode-TW1"')[1].split("</tr>")[0]
    assert reverse("pengukuran:lihat", args=[bukti.pk]) in baris
    assert reverse("pengukuran:lepas", args=[tw1.pk]) not in baris
