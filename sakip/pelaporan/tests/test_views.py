"""The report page and the access-checked LKjIP downloads."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from sakip.organisasi.models import Pengguna
from sakip.pelaporan.tests import pdfteks
from sakip.pelaporan.tests.test_laporan import renstra_setda


def _login(client, username: str) -> None:
    client.force_login(Pengguna.objects.get(username=username))


def test_page_lists_the_users_renstra_with_download_links(demo, client):
    _login(client, "pimpinan.setda")
    renstra = renstra_setda()
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    assert renstra.nama in body
    assert reverse("pelaporan:lkjip_docx", args=[renstra.pk, 2024]) in body
    assert "Unduh LKjIP (.docx)" in body
    assert "Unduh LKjIP (.pdf)" in body
    assert "Unduh Perjanjian Kinerja (.docx)" in body
    assert "<script>" not in body.replace("<script src=", "")


def test_page_of_an_operator_does_not_list_the_setda_renstra(demo, client):
    _login(client, "operator.adpim")
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    assert reverse("pelaporan:lkjip_docx", args=[renstra_setda().pk, 2024]) not in body


def test_docx_download(demo, client):
    _login(client, "pimpinan.setda")
    response = client.get(reverse("pelaporan:lkjip_docx", args=[renstra_setda().pk, 2024]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="LKjIP-' in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert "BAB IV PENUTUP" in [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("jenis", ["lkjip_docx", "lkjip_pdf"])
def test_outsider_gets_404(demo, client, jenis):
    _login(client, "operator.adpim")  # Biro Adpim only: the Setda's Renstra is outside its scope
    response = client.get(reverse(f"pelaporan:{jenis}", args=[renstra_setda().pk, 2024]))
    assert response.status_code == 404


@pytest.mark.parametrize("jenis", ["lkjip_docx", "lkjip_pdf"])
def test_anonymous_is_sent_to_login(demo, client, jenis):
    url = reverse(f"pelaporan:{jenis}", args=[renstra_setda().pk, 2024])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_page_is_sent_to_login(client, db):
    response = client.get(reverse("pelaporan:daftar"))
    assert response.status_code == 302


@pdfteks.tanpa_soffice()
def test_pdf_download(demo, client):
    _login(client, "pimpinan.setda")
    response = client.get(reverse("pelaporan:lkjip_pdf", args=[renstra_setda().pk, 2024]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# --- editable texts -------------------------------------------------------------------------------------------------


def _url_teks() -> str:
    return reverse("pelaporan:teks", args=[renstra_setda().unit_kerja_id, 2024])


def test_admin_saves_texts_that_replace_the_generated_ones(demo, client):
    _login(client, "admin.kaltim")
    halaman = client.get(_url_teks())
    assert halaman.status_code == 200
    response = client.post(
        _url_teks(),
        {
            "kata_pengantar": "Puji syukur.\n\nParagraf dua.",
            "pendahuluan": "",
            "penutup": "Penutup kami.",
            "versi": halaman.context["form"]["versi"].value(),  # the demo signs its kata pengantar already
        },
    )
    assert response.status_code == 302
    response = client.get(reverse("pelaporan:lkjip_docx", args=[renstra_setda().pk, 2024]))
    teks = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert "Puji syukur." in teks
    assert "Paragraf dua." in teks
    assert teks[teks.index("BAB IV PENUTUP") + 1] == "Penutup kami."


def test_stale_version_is_refused(demo, client):
    _login(client, "admin.kaltim")
    client.post(_url_teks(), {"kata_pengantar": "A", "pendahuluan": "", "penutup": "", "versi": ""})
    client.post(_url_teks(), {"kata_pengantar": "B", "pendahuluan": "", "penutup": "", "versi": "1"})
    response = client.post(
        _url_teks(), {"kata_pengantar": "C", "pendahuluan": "", "penutup": "", "versi": "1"}
    )
    assert response.status_code == 200
    assert "sudah diubah pengguna lain" in response.content.decode()


def test_read_only_user_gets_403_and_outsider_404(demo, client):
    _login(client, "pimpinan.setda")
    assert client.get(_url_teks()).status_code == 403
    _login(client, "operator.adpim")
    assert client.get(_url_teks()).status_code == 404
