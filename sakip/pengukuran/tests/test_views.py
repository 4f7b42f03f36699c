from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.pengukuran import services
from sakip.pengukuran.models import DataDukung, Realisasi
from sakip.pengukuran.tests.conftest import PDF

D = Decimal


@pytest.fixture
def data(iku, operator_a):
    r = services.save_realisasi(
        indikator=iku, tahun=2024, periode="TW1", by=operator_a, masukan={"selesai": D(4), "usulan": D(4)}
    )
    doc = services.upload_data_dukung(unit=r.unit_kerja, nama="bukti.pdf", isi=PDF, by=operator_a)
    services.link_data_dukung(realisasi=r, dokumen=doc, by=operator_a)
    return {"indikator": iku, "renstra": iku.renstra, "realisasi": r, "dokumen": doc}


GET_UNIT = [
    ("pengukuran:dasbor_renstra", "renstra"),
    ("pengukuran:indikator", "indikator"),
    ("pengukuran:unduh", "dokumen"),
]
POST_UNIT = [
    ("pengukuran:simpan_realisasi", "indikator"),
    ("pengukuran:pratinjau", "indikator"),
    ("pengukuran:simpan_narasi", "indikator"),
    ("pengukuran:ajukan", "realisasi"),
    ("pengukuran:kembalikan", "realisasi"),
    ("pengukuran:verifikasi", "realisasi"),
    ("pengukuran:buka_verifikasi", "realisasi"),
    ("pengukuran:unggah", "realisasi"),
]


@pytest.mark.parametrize(("name", "obj"), GET_UNIT + POST_UNIT)
def test_operator_of_other_unit_gets_404(client, data, operator_b, name, obj):
    client.force_login(operator_b)
    method = client.post if (name, obj) in POST_UNIT else client.get
    assert method(reverse(name, args=[data[obj].pk]) + "?tahun=2024").status_code == 404


@pytest.mark.parametrize(("name", "obj"), GET_UNIT + POST_UNIT)
def test_anonymous_is_sent_to_login(client, data, name, obj):
    response = client.get(reverse(name, args=[data[obj].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "name", ["pengukuran:dasbor", "pengukuran:kelengkapan", "pengukuran:kualitas_data", "pengukuran:kunci"]
)
def test_anonymous_is_sent_to_login_from_lists(client, db, name):
    assert client.get(reverse(name)).status_code == 302


@pytest.mark.parametrize("name", ["pengukuran:dasbor", "pengukuran:kelengkapan", "pengukuran:kualitas_data"])
def test_lists_do_not_show_other_units_indicators(client, data, operator_b, name):
    client.force_login(operator_b)
    body = client.get(reverse(name) + "?tahun=2024").content.decode()
    assert "Persentase hal 1" not in body


def test_pimpinan_reads_but_gets_403_on_operator_writes(client, data, pimpinan_a):
    client.force_login(pimpinan_a)
    assert client.get(reverse("pengukuran:indikator", args=[data["indikator"].pk])).status_code == 200
    assert client.get(reverse("pengukuran:unduh", args=[data["dokumen"].pk])).status_code == 200
    response = client.post(
        reverse("pengukuran:simpan_realisasi", args=[data["indikator"].pk]) + "?tahun=2024",
        {"prefix": "TW1", "TW1-in_selesai": "1", "TW1-in_usulan": "2", "TW1-periode": "TW1"},
    )
    assert response.status_code == 403
    assert client.post(reverse("pengukuran:unggah", args=[data["realisasi"].pk])).status_code == 403


def test_operator_cannot_lock_years(client, data, operator_a):
    client.force_login(operator_a)
    assert client.get(reverse("pengukuran:kunci")).status_code == 403


def test_evidence_download_serves_the_file_to_the_unit(client, data, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("pengukuran:unduh", args=[data["dokumen"].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


def test_upload_through_the_page_refuses_an_executable_named_pdf(client, data, operator_a):
    client.force_login(operator_a)
    berkas = SimpleUploadedFile("jahat.pdf", b"MZ" + b"\x00" * 200, content_type="application/pdf")
    response = client.post(
        reverse("pengukuran:unggah", args=[data["realisasi"].pk]), {"berkas": berkas}, follow=True
    )
    assert "tidak diizinkan" in response.content.decode()
    assert DataDukung.objects.count() == 1


def test_entry_form_saves_and_a_stale_form_is_refused(client, data, operator_a):
    client.force_login(operator_a)
    url = reverse("pengukuran:simpan_realisasi", args=[data["indikator"].pk]) + "?tahun=2024"
    versi = data["realisasi"].versi
    isian = {
        "prefix": "TW1",
        "TW1-periode": "TW1",
        "TW1-in_selesai": "3",
        "TW1-in_usulan": "4",
        "TW1-versi": versi,
    }
    client.post(url, isian)
    assert Realisasi.objects.get(pk=data["realisasi"].pk).nilai == D(75)
    response = client.post(url, {**isian, "TW1-in_selesai": "1"}, follow=True)
    assert "sudah diubah" in response.content.decode()
    assert Realisasi.objects.get(pk=data["realisasi"].pk).nilai == D(75)


def test_preview_shows_capaian_and_category_before_saving(client, data, operator_a):
    client.force_login(operator_a)
    url = reverse("pengukuran:pratinjau", args=[data["indikator"].pk]) + "?tahun=2024"
    body = client.post(
        url, {"prefix": "TAHUN", "TAHUN-periode": "TAHUN", "TAHUN-in_selesai": "91", "TAHUN-in_usulan": "100"}
    ).content.decode()
    assert "91,00" in body  # realisasi 91 / 100 × 100
    assert "100,00" in body  # capaian 91 / 91 × 100
    assert "Sangat Baik" in body


@pytest.mark.parametrize("name", ["pengukuran:dasbor", "pengukuran:kelengkapan", "pengukuran:kualitas_data"])
def test_list_query_counts_do_not_grow_with_indicators(
    client, org, admin_pemda, name, django_capture_on_commit_callbacks
):
    from sakip.perencanaan.tests.factories import renstra_dengan_iku

    client.force_login(admin_pemda)
    renstra_dengan_iku(org.biro_a, jumlah_indikator=2)
    url = reverse(name) + "?tahun=2024"
    client.get(url)  # the first visit remembers the chosen year in the session (one write, not per indicator)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    # The writes commit (their kept capaian are recomputed after commit, as in production).
    with django_capture_on_commit_callbacks(execute=True):
        for unit in (org.biro_b, org.bagian_a1):
            for ind in renstra_dengan_iku(unit, jumlah_indikator=10).indikator.all():
                services.save_realisasi(
                    indikator=ind,
                    tahun=2024,
                    periode="TW1",
                    by=admin_pemda,
                    masukan={"selesai": D(1), "usulan": D(1)},
                )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_renstra_dashboard_query_count_does_not_grow_with_indicators(client, org, admin_pemda):
    from sakip.perencanaan.tests.factories import renstra_dengan_iku

    client.force_login(admin_pemda)
    client.get(reverse("pengukuran:dasbor") + "?tahun=2024")  # the year is remembered in the session once
    counts = []
    for unit, n in ((org.biro_a, 2), (org.biro_b, 25)):
        renstra = renstra_dengan_iku(unit, jumlah_indikator=n)
        url = reverse("pengukuran:dasbor_renstra", args=[renstra.pk]) + "?tahun=2024"
        # The first read of a new Renstra computes its kept capaian (and its pemda's aggregate the first time);
        # the page then reads the kept rows.
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


def test_verifier_reopens_a_verified_realisasi_on_the_page_with_a_reason_and_the_operator_corrects_it(
    client, data, operator_a, pimpinan_a
):
    r = services.verify_realisasi(services.submit_realisasi(data["realisasi"], by=operator_a), by=pimpinan_a)
    halaman = reverse("pengukuran:indikator", args=[data["indikator"].pk]) + "?tahun=2024"
    client.force_login(operator_a)
    body = client.get(halaman).content.decode()
    assert "Buka verifikasi" not in body  # an operator does not reopen
    assert 'name="TW1-versi"' not in body  # nor gets an entry form for a verified value
    client.force_login(pimpinan_a)
    url = reverse("pengukuran:buka_verifikasi", args=[r.pk])
    body = client.post(url, {"alasan": ""}, follow=True).content.decode()
    assert "Alasan membuka verifikasi wajib diisi" in body
    assert Realisasi.objects.get(pk=r.pk).status == "diverifikasi"
    body = client.post(url, {"alasan": "Bukti kurang"}, follow=True).content.decode()
    assert "Verifikasi dibuka" in body
    r = Realisasi.objects.get(pk=r.pk)
    assert (r.status, r.catatan_verifikasi) == ("dikembalikan", "Verifikasi dibuka: Bukti kurang")
    assert r.history.first().history_user == pimpinan_a
