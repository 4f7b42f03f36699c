"""Issue 19 (part A), attack by attack on the demo data: a verified figure, or one of a locked year, cannot change by
any path (API, page, survey link), and a save never overwrites a version its author did not see.

Each test runs the attack as the issue describes it, then compares the capaian the API reports and the number of
audit-trail rows before and after: a refused attack changes neither.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.api.tests.conftest import KALTIM, indikator, renstra_setda
from sakip.organisasi.models import Pemda, Pengguna
from sakip.pengukuran import services as pengukuran
from sakip.pengukuran.models import DataDukung, Narasi, Realisasi
from sakip.perencanaan import services as perencanaan
from sakip.perencanaan.models import PerjanjianKinerja, RencanaAksi, Target
from sakip.survei import services as survei_services
from sakip.survei.tests.conftest import data_post

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _user(username: str) -> Pengguna:
    return Pengguna.objects.get(username=username)


def _halaman(username: str | None) -> Client:
    client = Client()
    if username:
        client.force_login(_user(username))
    return client


def _kunci_2024() -> None:
    pengukuran.lock_year(pemda=Pemda.objects.get(kode=KALTIM), tahun=2024, by=_user("admin.kaltim"))


def _jejak() -> int:
    """Every audit-trail row of every model."""
    return sum(m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical"))


def _keadaan(api: Any) -> tuple[Any, int, list[tuple[Any, ...]]]:
    """What a refused attack must leave as it was: the 2024 capaian of the Setda (indicator, sasaran, unit), the
    audit trail, and every realisasi row with its status, version, unit and evidence."""
    capaian = api("pimpinan.setda").get(f"/api/renstra/{renstra_setda().pk}/capaian/", {"tahun": 2024})
    assert capaian.status_code == 200
    baris = [
        (r.pk, r.nilai, r.status, r.versi, r.unit_kerja_id, tuple(r.data_dukung.values_list("pk", flat=True)))
        for r in Realisasi.objects.order_by("pk").prefetch_related("data_dukung")
    ]
    return capaian.json(), _jejak(), baris


def _pesan(response: Any) -> str:
    return " ".join(str(v) for v in response.json().values())


def _realisasi_2024(kode: str) -> Realisasi:
    return indikator(kode).realisasi.get(tahun=2024, periode="TAHUN")


# --- 1. verified figures of a locked year do not move ---------------------------------------------------------------


def test_a_formula_or_polarity_change_is_refused_while_figures_computed_with_it_are_verified_and_locked(api):
    _kunci_2024()
    ind = indikator("IKU10")
    assert _realisasi_2024("IKU10").status == "diverifikasi"
    sebelum = _keadaan(api)
    admin = api("admin.kaltim")
    response = admin.patch(f"/api/indikator/{ind.pk}/", {"formulasi": "perangkat_daerah_dinilai_sakip * 2"})
    assert response.status_code == 400
    assert "Definisi indikator IKU10 (rumus) tidak dapat diubah" in _pesan(response)
    assert "sudah diverifikasi" in _pesan(response)
    response = admin.patch(f"/api/indikator/{indikator('IKU08').pk}/", {"polaritas": "negatif"})
    assert response.status_code == 400
    assert "(polaritas) tidak dapat diubah" in _pesan(response)
    response = admin.patch(f"/api/indikator/{ind.pk}/", {"agregasi": "kumulatif"})
    assert response.status_code == 400
    assert _keadaan(api) == sebelum
    # Descriptive texts are not what a figure is computed with: they still change.
    response = admin.patch(f"/api/indikator/{ind.pk}/", {"sumber_data": "Laporan hasil evaluasi SAKIP"})
    assert response.status_code == 200


def test_a_target_of_a_locked_year_is_refused_through_the_api_and_an_open_year_still_changes(api):
    _kunci_2024()
    ind = indikator("IKU12")
    target = Target.objects.get(indikator=ind, tahun=2024)
    sebelum = _keadaan(api)
    response = api("admin.kaltim").patch(f"/api/target/{target.pk}/", {"nilai": "50"}, format="json")
    assert response.status_code == 400
    assert "Target 2024 indikator IKU12 tidak dapat diubah: data tahun 2024 sudah dikunci" in _pesan(response)
    assert _keadaan(api) == sebelum
    assert Target.objects.get(pk=target.pk).nilai == Decimal(70)
    lanjut = Target.objects.get(indikator=ind, tahun=2025)
    response = api("admin.kaltim").patch(f"/api/target/{lanjut.pk}/", {"nilai": "72"}, format="json")
    assert response.status_code == 200


def test_the_budget_of_a_locked_year_is_refused_through_the_api(api):
    _kunci_2024()
    baris = AnggaranSubKegiatan.objects.filter(
        tahun=2024, sub_kegiatan__kegiatan__program__unit_kerja__pemda__kode=KALTIM
    ).first()
    sebelum = _keadaan(api), baris.realisasi
    admin = api("admin.kaltim")
    response = admin.patch(f"/api/anggaran/{baris.pk}/", {"realisasi": "1"}, format="json")
    assert response.status_code == 400
    assert "Anggaran 2024 sub kegiatan" in _pesan(response)
    assert "dikunci" in _pesan(response)
    response = admin.put(
        f"/api/anggaran/{baris.pk}/bulanan/", {"bulanan": [{"bulan": 1, "realisasi": "1"}]}, format="json"
    )
    assert response.status_code == 400
    assert (_keadaan(api), AnggaranSubKegiatan.objects.get(pk=baris.pk).realisasi) == sebelum


def test_evidence_cannot_be_linked_to_a_verified_realisasi_through_the_api_or_the_page(api):
    realisasi = _realisasi_2024("IKU13")
    operator = _user("operator.adpim")
    dokumen = pengukuran.upload_data_dukung(
        unit=realisasi.unit_kerja, nama="notulen.pdf", isi=PDF, by=operator
    )
    sebelum = _keadaan(api)
    klien = api("operator.adpim")
    response = klien.post(f"/api/realisasi/{realisasi.pk}/tautkan/", {"dokumen": dokumen.pk}, format="json")
    assert response.status_code == 400
    assert (
        "Data dukung realisasi ini tidak dapat diubah: realisasi IKU13 2024 TAHUN sudah diverifikasi"
        in _pesan(response)
    )
    response = klien.post(
        f"/api/realisasi/{realisasi.pk}/data-dukung/",
        {"berkas": SimpleUploadedFile("lain.pdf", PDF + b"%lain")},
        format="multipart",
    )
    assert response.status_code == 400
    jumlah_dokumen = DataDukung.objects.count()
    response = _halaman("operator.adpim").post(
        reverse("pengukuran:unggah", args=[realisasi.pk]), {"dokumen": dokumen.pk}, follow=True
    )
    isi = response.content.decode()
    assert "ditautkan" not in isi
    assert "sudah diverifikasi" in isi
    assert DataDukung.objects.count() == jumlah_dokumen  # the refused upload stored no file either
    assert _keadaan(api) == sebelum


def test_a_verified_realisasi_changes_only_after_its_verifier_reopens_it_with_a_reason(api):
    realisasi = _realisasi_2024("IKU12")
    sebelum = _keadaan(api)
    admin = api("admin.kaltim")  # admin pemda verifies every unit, and still may not overwrite
    response = admin.put(
        f"/api/realisasi/{realisasi.pk}/", {"versi": realisasi.versi, "nilai": "1"}, format="json"
    )
    assert response.status_code == 400
    assert "sudah diverifikasi" in _pesan(response)
    response = admin.post(f"/api/realisasi/{realisasi.pk}/buka-verifikasi/", {"alasan": ""}, format="json")
    assert response.status_code == 400
    assert _keadaan(api) == sebelum
    response = admin.post(
        f"/api/realisasi/{realisasi.pk}/buka-verifikasi/", {"alasan": "Temuan Inspektorat"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["catatan_verifikasi"]) == (
        "dikembalikan",
        "Verifikasi dibuka: Temuan Inspektorat",
    )
    riwayat = Realisasi.history.filter(id=realisasi.pk).order_by("-history_date").first()
    assert (riwayat.status, riwayat.history_user.username) == ("dikembalikan", "admin.kaltim")
    response = api("operator.adpim").put(
        f"/api/realisasi/{realisasi.pk}/", {"versi": body["versi"], "nilai": "66"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["nilai"] == "66.000000"


def _pk_draf() -> PerjanjianKinerja:
    """A draft PK 2024 of the Setda: the demo publishes its signed (final) PK on the portal, so a draft is its PK
    Perubahan."""
    final = PerjanjianKinerja.objects.get(
        unit_kerja=renstra_setda().unit_kerja, tahun=2024, status=PerjanjianKinerja.Status.FINAL
    )
    return perencanaan.revise_pk(perjanjian=final, alasan="pejabat", by=_user("admin.kaltim"))


def test_a_final_pk_freezes_its_rencana_aksi_on_the_page(demo):
    perjanjian = _pk_draf()
    line = perjanjian.indikator.select_related("indikator").get(indikator__kode="IKU12")
    halaman = _halaman("admin.kaltim")
    url = reverse("perencanaan:rencana_aksi", args=[line.pk])
    assert halaman.post(url, {"tw1": "10", "tw2": "20", "tw3": "30", "tw4": "70"}).status_code == 200
    perjanjian.pihak_pertama_nama, perjanjian.pihak_kedua_nama = "Sekretaris Daerah", "Gubernur"
    perencanaan.save_with_history(perjanjian, _user("admin.kaltim"))
    perencanaan.finalize_pk(perjanjian=perjanjian, by=_user("admin.kaltim"))
    sebelum = list(RencanaAksi.objects.filter(pk_indikator=line).values_list("triwulan", "target")), _jejak()
    response = halaman.post(url, {"tw1": "1", "tw2": "2", "tw3": "3", "tw4": "70"})
    isi = response.content.decode()
    assert "sudah final: Rencana Aksi hanya dapat diubah melalui PK Perubahan" in isi
    assert 'name="tw1"' not in isi  # the frozen fragment offers no inputs
    assert (
        list(RencanaAksi.objects.filter(pk_indikator=line).values_list("triwulan", "target")),
        _jejak(),
    ) == sebelum


def test_posting_only_tw_i_of_a_rencana_aksi_keeps_tw_ii_to_iv(demo):
    perjanjian = _pk_draf()
    line = perjanjian.indikator.get(indikator__kode="IKU12")
    halaman = _halaman("admin.kaltim")
    url = reverse("perencanaan:rencana_aksi", args=[line.pk])
    halaman.post(url, {"tw1": "10", "tw2": "20", "tw3": "30", "tw4": "70"})
    halaman.post(url, {"tw1": "15"})
    assert dict(RencanaAksi.objects.filter(pk_indikator=line).values_list("triwulan", "target")) == {
        1: Decimal(15),
        2: Decimal(20),
        3: Decimal(30),
        4: Decimal(70),
    }


# --- 4. a survey answer never rewrites a realisasi ------------------------------------------------------------------


def test_linking_a_survey_and_an_anonymous_answer_leave_a_verified_iku_realisasi_as_it_is(api):
    realisasi = _realisasi_2024("IKU13")
    assert realisasi.status == "diverifikasi"
    operator = _user("operator.adpim")
    survei = survei_services.create_survei(
        unit_kerja=realisasi.unit_kerja, by=operator, nama="SKM tahunan", tahun=2024, periode="TAHUN"
    )
    sebelum = _keadaan(api)
    halaman = _halaman("operator.adpim")
    response = halaman.post(reverse("survei:tautan", args=[survei.pk]), {"indikator": realisasi.indikator_id})
    assert response.status_code == 302
    # Anyone with the public link answers, with 2 everywhere: an IKM of 50, far below the verified value.
    response = Client().post(reverse("survei:isi", args=[survei.kode]), data_post(survei, [2] * 9))
    assert response.status_code == 302
    survei.refresh_from_db()
    # The realisasi, the capaian and the rest of the audit trail stay; the answer and the link are recorded.
    capaian, jejak, baris = _keadaan(api)
    assert (capaian, baris) == (sebelum[0], sebelum[2])
    assert jejak == sebelum[1] + 1  # the survey's own history row for the link; no realisasi row
    isi = halaman.get(reverse("survei:detail", args=[survei.pk])).content.decode()
    assert 'id="usulan-iku">50,00<' in isi
    assert "tidak menimpa realisasi yang sudah diajukan atau diverifikasi" in isi
    # Accepting it anyway (a forged post) is refused the same way.
    response = halaman.post(
        reverse("survei:terima_usulan", args=[survei.pk]),
        {"nilai": "50", "versi": str(realisasi.versi)},
        follow=True,
    )
    assert "tidak menimpa" in response.content.decode()
    assert _keadaan(api)[2] == sebelum[2]


# --- 6. no lost update, the first save included ------------------------------------------------------------------------


def test_the_first_save_of_a_narrative_does_not_overwrite_another_users_first_save(demo):
    ind = indikator("IKU12")
    Narasi.objects.filter(indikator=ind, tahun=2025).delete()
    url = reverse("pengukuran:simpan_narasi", args=[ind.pk]) + "?tahun=2025"
    halaman = reverse("pengukuran:indikator", args=[ind.pk]) + "?tahun=2025"
    a, b = _halaman("operator.adpim"), _halaman("admin.kaltim")
    # Both open the empty narrative (version 0), then both save.
    assert 'name="versi" value="0"' in a.get(halaman).content.decode()
    assert 'name="versi" value="0"' in b.get(halaman).content.decode()
    a.post(url, {"analisis": "Analisis operator", "versi": "0"})
    jejak = _jejak()
    response = b.post(url, {"analisis": "Analisis admin", "versi": "0"}, follow=True)
    assert "Narasi ini sudah diubah pengguna lain" in response.content.decode()
    assert Narasi.objects.get(indikator=ind, tahun=2025).analisis == "Analisis operator"
    assert _jejak() == jejak


def test_a_page_post_without_versi_is_refused_as_stale_not_saved(demo):
    ind = indikator("IKU12")
    url = reverse("pengukuran:simpan_narasi", args=[ind.pk]) + "?tahun=2025"
    klien = _halaman("operator.adpim")
    klien.post(url, {"analisis": "Pertama", "versi": "0"})
    jejak = _jejak()
    response = klien.post(url, {"analisis": "Tanpa versi"}, follow=True)
    assert "sudah diubah pengguna lain" in response.content.decode()
    assert Narasi.objects.get(indikator=ind, tahun=2025).analisis == "Pertama"
    # The same for a realisasi of an open year.
    simpan = reverse("pengukuran:simpan_realisasi", args=[ind.pk]) + "?tahun=2025"
    klien.post(simpan, {"prefix": "TW1", "TW1-periode": "TW1", "TW1-versi": "0", "TW1-nilai": "10"})
    r = Realisasi.objects.get(indikator=ind, tahun=2025, periode="TW1")
    response = klien.post(simpan, {"prefix": "TW1", "TW1-periode": "TW1", "TW1-nilai": "99"}, follow=True)
    assert "sudah diubah" in response.content.decode()
    assert Realisasi.objects.get(pk=r.pk).nilai == Decimal(10)
    assert _jejak() == jejak + 1  # only the first realisasi save


def test_the_first_save_of_lkjip_texts_does_not_overwrite_another_users_first_save(demo):
    TeksLaporan = apps.get_model("pelaporan", "TeksLaporan")
    unit = renstra_setda().unit_kerja
    url = reverse("pelaporan:teks", args=[unit.pk, 2025])
    a, b = _halaman("admin.kaltim"), _halaman("admin.kaltim")
    assert 'name="versi" value="0"' in a.get(url).content.decode()
    a.post(url, {"kata_pengantar": "Teks A", "pendahuluan": "", "penutup": "", "versi": "0"})
    response = b.post(url, {"kata_pengantar": "Teks B", "pendahuluan": "", "penutup": "", "versi": "0"})
    assert response.status_code == 200
    assert "Teks laporan sudah diubah pengguna lain" in response.content.decode()
    response = b.post(url, {"kata_pengantar": "Teks C", "pendahuluan": "", "penutup": ""})
    assert "Teks laporan sudah diubah pengguna lain" in response.content.decode()
    assert TeksLaporan.objects.get(unit_kerja=unit, tahun=2025).kata_pengantar == "Teks A"


# --- 8. the reporting unit follows the indicator ----------------------------------------------------------------------------


def test_open_realisasi_follow_a_new_reporting_unit_and_verified_ones_stay_with_the_unit_that_reported_them(
    api,
):
    ind = indikator("IKU12")
    adpim, umum = ind.penanggung_jawab, indikator("IKU11").penanggung_jawab
    terverifikasi = _realisasi_2024("IKU12")
    terbuka = pengukuran.save_realisasi(
        indikator=ind, tahun=2025, periode="TW1", by=_user("operator.adpim"), nilai=Decimal(30), versi=0
    )
    response = api("admin.kaltim").patch(
        f"/api/indikator/{ind.pk}/", {"penanggung_jawab": umum.pk}, format="json"
    )
    assert response.status_code == 200
    terbuka_sesudah = Realisasi.objects.get(pk=terbuka.pk)
    assert (terbuka_sesudah.unit_kerja_id, terbuka_sesudah.versi) == (umum.pk, terbuka.versi + 1)
    assert Realisasi.objects.get(pk=terverifikasi.pk).unit_kerja_id == adpim.pk
    # The new unit's operator now edits the open one; the old unit's operator no longer can.
    response = api("operator.adpim").put(
        f"/api/realisasi/{terbuka.pk}/", {"versi": terbuka_sesudah.versi, "nilai": "31"}, format="json"
    )
    assert response.status_code == 404
