"""Evidence files through the API: the page's content checks, storage, linking and scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.api.tests.conftest import client_for, indikator
from sakip.organisasi.models import Pengguna
from sakip.pengukuran import services
from sakip.pengukuran.models import DataDukung

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _realisasi(kode="IKU12"):
    """A demo realisasi open for evidence: the demo's are verified, so the verifier reopens it with a reason first
    (a verified realisasi takes no new evidence, see test_integritas)."""
    realisasi = indikator(kode).realisasi.get(tahun=2024, periode="TAHUN")
    if realisasi.status == "diverifikasi":
        realisasi = services.reopen_realisasi(
            realisasi, alasan="Lengkapi data dukung", by=Pengguna.objects.get(username="admin.kaltim")
        )
    return realisasi


def _url(realisasi):
    return f"/api/realisasi/{realisasi.pk}/data-dukung/"


def _stored(media):
    return [p for p in media.rglob("*") if p.is_file()]


def test_upload_stores_the_file_under_a_random_name_and_links_it(api, media):
    realisasi = _realisasi()
    response = api("operator.adpim").post(
        _url(realisasi),
        {"berkas": SimpleUploadedFile("laporan ikm.pdf", PDF), "keterangan": "Laporan IKM 2024"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["nama_asli"], body["jenis"], body["ukuran"]) == (
        "laporan ikm.pdf",
        "application/pdf",
        len(PDF),
    )
    assert body["diunggah_oleh"] == "operator.adpim"
    assert body["unduh"] == f"/api/data-dukung/{body['id']}/unduh/"
    assert list(realisasi.data_dukung.values_list("pk", flat=True)) == [body["id"]]
    [path] = _stored(media)
    assert path.read_bytes() == PDF
    assert "laporan" not in path.name

    listed = api("pimpinan.adpim").get(_url(realisasi)).json()
    assert [d["id"] for d in listed["results"]] == [body["id"]]


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(api, media):
    realisasi = _realisasi()
    before = DataDukung.objects.count()
    response = api("operator.adpim").post(
        _url(realisasi), {"berkas": SimpleUploadedFile("laporan.pdf", EXE)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json() == {
        "berkas": ["Berkas program (executable/skrip) tidak diizinkan sebagai data dukung."]
    }
    assert DataDukung.objects.count() == before
    assert not realisasi.data_dukung.exists()
    assert _stored(media) == []


def test_a_pdf_named_docx_and_a_path_in_the_name_are_refused(api, media):
    realisasi = _realisasi()
    client = api("operator.adpim")
    salah = client.post(
        _url(realisasi), {"berkas": SimpleUploadedFile("laporan.docx", PDF)}, format="multipart"
    )
    assert salah.status_code == 400
    assert "tidak sesuai dengan akhiran" in salah.json()["berkas"][0]
    assert _stored(media) == []


def test_link_an_uploaded_document_to_another_realisasi_of_the_unit(api, media):
    operator = Pengguna.objects.get(username="operator.adpim")
    dokumen = services.upload_data_dukung(unit=_realisasi().unit_kerja, nama="sk.pdf", isi=PDF, by=operator)
    other = _realisasi("IKU13")
    response = api("operator.adpim").post(
        f"/api/realisasi/{other.pk}/tautkan/", {"dokumen": dokumen.pk}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["id"] == dokumen.pk
    assert list(other.data_dukung.all()) == [dokumen]


def test_read_only_roles_cannot_upload_and_outsiders_cannot_see(api, luar, media):
    realisasi = _realisasi()
    berkas = {"berkas": SimpleUploadedFile("a.pdf", PDF)}
    assert api("pimpinan.adpim").post(_url(realisasi), berkas, format="multipart").status_code == 403
    berkas = {"berkas": SimpleUploadedFile("a.pdf", PDF)}
    assert api("operator.organisasi").post(_url(realisasi), berkas, format="multipart").status_code == 404
    assert client_for(luar).get(_url(realisasi)).status_code == 404
    operator = Pengguna.objects.get(username="operator.adpim")
    dokumen = services.upload_data_dukung(unit=realisasi.unit_kerja, nama="sk.pdf", isi=PDF, by=operator)
    assert client_for(luar).get(f"/api/data-dukung/{dokumen.pk}/").status_code == 404
    assert api("operator.organisasi").get(f"/api/data-dukung/{dokumen.pk}/").status_code == 404
    assert api("operator.adpim").get(f"/api/data-dukung/{dokumen.pk}/").status_code == 200
    # Linking someone else's document to one's own realisasi: the document is outside the scope.
    own = indikator("IKU10").realisasi.get(tahun=2024, periode="TAHUN")
    linked = api("operator.organisasi").post(
        f"/api/realisasi/{own.pk}/tautkan/", {"dokumen": dokumen.pk}, format="json"
    )
    assert linked.status_code == 404
    assert _stored(media) != []


def test_the_download_url_the_api_advertises_serves_the_file_to_a_token(api, luar, media):
    """Issue 19: the advertised URL answered a token with a 302 to the login page."""
    dokumen = services.upload_data_dukung(
        unit=_realisasi().unit_kerja,
        nama="bukti ikm.pdf",
        isi=PDF,
        by=Pengguna.objects.get(username="operator.adpim"),
    )
    pimpinan = api("pimpinan.adpim")
    url = pimpinan.get(f"/api/data-dukung/{dokumen.pk}/").json()["unduh"]
    response = pimpinan.get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bukti ikm.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"

    # Access is unchanged: an outsider's token learns nothing, and no token is a 401.
    ditolak = client_for(luar).get(url)
    assert ditolak.status_code == 404
    assert ditolak["Content-Type"] == "application/json"
    assert client_for(None).get(url).status_code == 401
