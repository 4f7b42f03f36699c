"""The document archive (signed scans, versions, publication) and the public portal, on the demo data: the demo
publishes the Setda Kaltim 2024 LKjIP and PK (sakip/demo/data/publikasi_1_kaltim_2024.json)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sakip.evaluasi.models import EvaluasiAkip
from sakip.organisasi.models import Pengguna, UnitKerja
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
from sakip.publikasi import services
from sakip.publikasi.models import BerkasDokumen, Dokumen, JenisDokumen
from sakip.survei.models import Survei

SLUG = "provinsi-kalimantan-timur"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _user(nama: str) -> Pengguna:
    return Pengguna.objects.get(username=nama)


def _pk_setda() -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun=2024)


def _sumber_pk() -> services.Sumber:
    return services.sumber(jenis=JenisDokumen.PK, objek=_pk_setda())


def _terbit(jenis: str) -> Dokumen:
    return Dokumen.objects.get(
        unit_kerja__kode="SETDA", unit_kerja__pemda__kode="64", jenis=jenis, tahun=2024, terbit=True
    )


def _pdf(nama: str = "pk-bertanda-tangan.pdf", isi: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


# --- archive ------------------------------------------------------------------------------------------------------


def test_signed_scans_are_kept_as_versions_with_history(demo):
    admin = _user("admin.kaltim")
    satu = services.unggah_pindaian(sumber=_sumber_pk(), nama="pk.pdf", isi=PDF, by=admin)
    dua = services.unggah_pindaian(
        sumber=_sumber_pk(), nama="pk-revisi.pdf", isi=PDF + b"%", catatan="paraf", by=admin
    )
    assert (satu.versi, dua.versi) == (
        2,
        3,
    )  # version 1 is the generated PK frozen when the demo published it
    assert satu.dokumen_id == dua.dokumen_id
    assert list(dua.dokumen.berkas.values_list("versi", "asal")) == [
        (3, "pindaian"),
        (2, "pindaian"),
        (1, "dihasilkan"),
    ]
    assert satu.berkas.read() == PDF  # the first version is still there
    assert BerkasDokumen.history.filter(id=dua.pk, history_user=admin).exists()
    assert dua.berkas.name.startswith(f"arsip/{dua.dokumen.unit_kerja.pemda_id}/")
    assert "revisi" not in dua.berkas.name


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "tidak sesuai dengan akhiran"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "harus PDF"),
        ("scan.pdf", b"MZ\x90\x00" + b"0" * 20, ""),
        ("scan.pdf", b"", "kosong"),
    ],
    ids=["png-named-pdf", "png", "executable", "empty"],
)
def test_a_scan_that_is_not_a_pdf_is_refused_by_content(demo, nama, isi, pesan):
    with pytest.raises(ValidationError) as exc:
        services.unggah_pindaian(sumber=_sumber_pk(), nama=nama, isi=isi, by=_user("admin.kaltim"))
    assert pesan in " ".join(exc.value.messages)
    assert not BerkasDokumen.objects.filter(asal="pindaian").exists()


def test_archive_page_shows_the_generated_document_beside_the_signed_scans(client, demo):
    admin = _user("admin.kaltim")
    client.force_login(admin)
    pk = _pk_setda()
    url = f"/arsip/pk/{pk.pk}/2024/"
    jawab = client.post(
        url + "unggah/", {"berkas": _pdf(), "catatan": "ditandatangani 2 Januari"}, follow=True
    )
    teks = jawab.content.decode()
    assert "Pindaian versi 2 disimpan." in teks
    assert f"/laporan/pk/{pk.pk}/docx/" in teks  # the generated document
    assert "pk-bertanda-tangan.pdf" in teks
    assert "ditandatangani 2 Januari" in teks
    berkas = BerkasDokumen.objects.get(asal="pindaian")
    unduh = client.get(f"/arsip/berkas/{berkas.pk}/")
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content) == PDF


def test_publishing_takes_the_latest_signed_scan_and_withdrawing_needs_a_reason_and_is_audited(demo):
    admin = _user("admin.kaltim")
    scan = services.unggah_pindaian(sumber=_sumber_pk(), nama="pk.pdf", isi=PDF, by=admin)
    dok = services.terbitkan(sumber=_sumber_pk(), by=admin)
    assert (dok.terbit, dok.berkas_terbit_id) == (True, scan.pk)
    with pytest.raises(ValidationError, match="Alasan penarikan wajib diisi"):
        services.tarik_terbitan(dokumen=dok, alasan=" ", by=admin)
    services.tarik_terbitan(dokumen=dok, alasan="Salah unggah lampiran", by=admin)
    terakhir = dok.history.order_by("-history_id").first()
    assert (terakhir.terbit, terakhir.history_user, terakhir.history_change_reason) == (
        False,
        admin,
        "Ditarik: Salah unggah lampiran",
    )


def test_only_the_admin_pemda_publishes_and_only_a_final_document(demo):
    with pytest.raises(PermissionDenied):
        services.terbitkan(sumber=_sumber_pk(), by=_user("operator.adpim"))
    draf = perencanaan.revise_pk(perjanjian=_pk_setda(), alasan="pejabat", by=_user("admin.kaltim"))
    with pytest.raises(ValidationError, match="PK masih draf"):
        services.terbitkan(
            sumber=services.sumber(jenis=JenisDokumen.PK, objek=draf), by=_user("admin.kaltim")
        )


def test_archive_outsiders(client, demo):
    pk = _pk_setda()
    url = f"/arsip/pk/{pk.pk}/2024/"
    client.force_login(_user("operator.adpim"))  # Biro Adpim does not see the Setda's own PK
    assert client.get(url).status_code == 404
    assert client.post(url + "unggah/", {"berkas": _pdf()}).status_code == 404
    assert client.post(url + "terbitkan/").status_code == 403
    client.force_login(_user("pimpinan.setda"))  # reads the Setda, may not write
    assert client.get(url).status_code == 200
    assert client.post(url + "unggah/", {"berkas": _pdf()}).status_code == 403
    assert client.post(url + "tarik/", {"alasan": "x"}).status_code == 403
    assert _terbit(JenisDokumen.PK).terbit


# --- portal -------------------------------------------------------------------------------------------------------


def _portal_urls() -> list[str]:
    lkjip, pk = _terbit(JenisDokumen.LKJIP), _terbit(JenisDokumen.PK)
    return [
        "/publik/",
        f"/publik/{SLUG}/",
        f"/publik/{SLUG}/kelengkapan/",
        f"/publik/{SLUG}/unit/{lkjip.unit_kerja_id}/",
        f"/publik/{SLUG}/dokumen/{lkjip.pk}/",
        f"/publik/{SLUG}/dokumen/{pk.pk}/",
        f"/publik/{SLUG}/dokumen/{lkjip.pk}/unduh/",
        f"/publik/{SLUG}/dokumen/{pk.pk}/unduh/",
    ]


def test_portal_pages_answer_anonymous_visitors_without_setting_any_cookie(demo):
    for url in _portal_urls():
        jawab = Client().get(url)
        assert jawab.status_code == 200, url
        assert not jawab.cookies, (url, jawab.cookies)
        assert "Set-Cookie" not in jawab.headers, url


def test_the_published_lkjip_and_pk_download_as_word_documents(demo):
    for jenis, kata in ((JenisDokumen.LKJIP, b"LAPORAN KINERJA"), (JenisDokumen.PK, b"PERJANJIAN KINERJA")):
        jawab = Client().get(f"/publik/{SLUG}/dokumen/{_terbit(jenis).pk}/unduh/")
        isi = b"".join(jawab.streaming_content)
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            assert kata in arsip.read("word/document.xml").upper()


def test_portal_lists_published_documents_with_dates_and_the_recap(demo):
    teks = Client().get(f"/publik/{SLUG}/").content.decode()
    assert "LKjIP 2024 Sekretariat Daerah Provinsi Kalimantan Timur" in teks
    assert "Perjanjian Kinerja 2024 Sekretariat Daerah Provinsi Kalimantan Timur" in teks
    assert "Rekap capaian kinerja per unit" in teks
    kelengkapan = Client().get(f"/publik/{SLUG}/kelengkapan/").content.decode()
    tanggal = _terbit(JenisDokumen.LKJIP).diterbitkan_pada
    assert tanggal.strftime("%Y") in kelengkapan
    assert "2/7" in kelengkapan  # PK and LKjIP of the seven documents


def _semua_sumber() -> list[services.Sumber]:
    hasil = []
    for r in RencanaStrategis.objects.select_related("unit_kerja"):
        hasil += [
            services.sumber(jenis=j, objek=r) for j in (JenisDokumen.RENSTRA, JenisDokumen.KEPUTUSAN_IKU)
        ]
        hasil += [
            services.sumber(jenis=JenisDokumen.LKJIP, objek=r, tahun=t)
            for t in range(r.tahun_mulai, r.tahun_selesai + 1)
        ]
    for p in PerjanjianKinerja.objects.select_related("unit_kerja"):
        hasil += [services.sumber(jenis=j, objek=p) for j in (JenisDokumen.PK, JenisDokumen.RENCANA_AKSI)]
    hasil += [
        services.sumber(jenis=JenisDokumen.LHE, objek=e)
        for e in EvaluasiAkip.objects.select_related("unit_kerja")
    ]
    hasil += [
        services.sumber(jenis=JenisDokumen.IKM, objek=s) for s in Survei.objects.select_related("unit_kerja")
    ]
    return hasil


def test_every_unpublished_document_and_draft_answers_404_on_the_portal(demo):
    admin = _user("admin.kaltim")
    # A draft (PK Perubahan) with a signed scan, a withdrawn document, and a record for every other document.
    draf = perencanaan.revise_pk(perjanjian=_pk_setda(), alasan="pejabat", by=admin)
    services.unggah_pindaian(
        sumber=services.sumber(jenis=JenisDokumen.PK, objek=draf), nama="d.pdf", isi=PDF, by=admin
    )
    services.tarik_terbitan(dokumen=_terbit(JenisDokumen.LKJIP), alasan="Perbaikan", by=admin)
    for s in _semua_sumber():
        services.dokumen_untuk(sumber=s)
    belum = list(Dokumen.objects.filter(terbit=False))
    assert len(belum) > 50
    klien = Client()
    slugs = {SLUG, "kabupaten-balangan", "provinsi-kalimantan-barat"}
    for d in belum:
        for slug in slugs:
            for akhir in ("", "unduh/"):
                url = f"/publik/{slug}/dokumen/{d.pk}/{akhir}"
                assert klien.get(url).status_code == 404, url
    for berkas in BerkasDokumen.objects.exclude(dokumen__terbit=True):
        assert klien.get(f"/arsip/berkas/{berkas.pk}/").status_code == 302  # the archive asks for a login
    # Nothing unpublished is listed either.
    for url in (f"/publik/{SLUG}/", f"/publik/{SLUG}/kelengkapan/"):
        teks = klien.get(url).content.decode()
        assert "LKjIP 2024" not in teks
        assert "versi 2" not in teks
    assert (
        klien.get(
            f"/publik/{SLUG}/unit/{UnitKerja.objects.get(pemda__kode='64', kode='SETDA.ADPIM').pk}/"
        ).status_code
        == 404
    )


def test_a_published_document_of_one_pemda_is_not_reachable_under_another_pemdas_address(demo):
    pk = _terbit(JenisDokumen.PK)
    assert Client().get(f"/publik/kabupaten-balangan/dokumen/{pk.pk}/").status_code == 404
    assert Client().get("/publik/tidak-ada/").status_code == 404


def test_portal_queries_do_not_grow_with_documents(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        Client().get(f"/publik/{SLUG}/kelengkapan/")


def test_an_lhe_and_an_ikm_result_are_published_as_their_figures(demo):
    admin = _user("admin.kaltim")
    lhe = EvaluasiAkip.objects.get(unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun=2023)
    dok = services.terbitkan(sumber=services.sumber(jenis=JenisDokumen.LHE, objek=lhe), by=admin)
    teks = Client().get(f"/publik/{SLUG}/dokumen/{dok.pk}/").content.decode()
    assert "81,80" in teks  # 30,00 + 15,40 + 8,00 + 14,80 + 13,60 (the demo's component scores)
    assert Client().get(f"/publik/{SLUG}/dokumen/{dok.pk}/unduh/").status_code == 404  # no scan: data only
    survei = Survei.objects.get(nama="SKM Biro Administrasi Pimpinan Semester I 2024")
    dok = services.terbitkan(sumber=services.sumber(jenis=JenisDokumen.IKM, objek=survei), by=admin)
    teks = Client().get(f"/publik/{SLUG}/dokumen/{dok.pk}/").content.decode()
    assert "<dd>86,36</dd>" in teks  # 31,12 × 0,111 × 25 = 86,358 (seed 004), rounded half-up
    assert "<dd>B (" in teks  # mutu B: 76,61–88,30


def test_an_iku_decree_without_number_and_date_is_not_final(demo):
    renstra = RencanaStrategis.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA", tahun_mulai=2024
    )
    with pytest.raises(ValidationError, match="belum bernomor dan bertanggal"):
        services.terbitkan(
            sumber=services.sumber(jenis=JenisDokumen.KEPUTUSAN_IKU, objek=renstra), by=_user("admin.kaltim")
        )
