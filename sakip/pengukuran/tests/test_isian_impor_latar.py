"""A large realisasi template is checked by a queue job (the worker: django-tasks' own claim and run steps,
`kerjakan_antrean`) and its preview shown in the grid exactly as the synchronous import shows it; the grid's own
all-or-nothing save then stores it."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.antrean.models import ImporLatar
from sakip.antrean.tests.pekerja import kerjakan_antrean
from sakip.pengukuran.models import Realisasi
from sakip.pengukuran.tests import test_isian_massal
from sakip.pengukuran.tests.test_isian_massal import _isi_templat, _url

pytestmark = pytest.mark.django_db
grid = test_isian_massal.grid  # the fixture: Biro A's indicators of TW I


@pytest.fixture(autouse=True)
def _besar(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SAKIP_IMPOR_LATAR_BYTE = 1000  # every test workbook counts as large


def _kesalahan(html: str) -> str:
    return re.search(r'id="kesalahan-impor">.*?</section>', html, re.S).group(0)


def _impor_lewat_antrean(client, org, berkas) -> tuple[ImporLatar, str]:
    response = client.post(_url("pengukuran:isian_impor", org.biro_a), {"berkas_excel": berkas})
    obj = ImporLatar.objects.get()
    assert response["Location"] == reverse("antrean:impor", args=[obj.pk])
    assert "Berkas sedang diperiksa" in client.get(response["Location"]).content.decode()
    kerjakan_antrean()
    halaman = client.get(reverse("antrean:impor", args=[obj.pk]))
    grid_url = _url("pengukuran:isian_massal", org.biro_a) + f"&impor={obj.pk}"
    assert halaman["Location"] == grid_url
    return obj, client.get(grid_url).content.decode()


NILAI_SALAH = {
    ("IKU01", "selesai"): 9,
    ("IKU01", "usulan"): 10,
    ("IKU02", "selesai"): 3,
    ("IKU02", "usulan"): 0,
    ("IDX", "nilai"): "sembilan",
}


def test_the_check_job_gives_the_grid_the_same_row_errors_as_the_synchronous_import(
    client, org, operator_a, grid, settings
):
    client.force_login(operator_a)
    templat = client.get(_url("pengukuran:isian_templat", org.biro_a)).content
    _, html = _impor_lewat_antrean(client, org, _isi_templat(templat, NILAI_SALAH))
    assert not Realisasi.objects.exists()
    assert "Pembagian dengan nol: nilai «Usulan» bernilai 0" in _kesalahan(html)
    assert 'value="sembilan"' in html

    settings.SAKIP_IMPOR_LATAR_BYTE = 10 * 1024 * 1024  # the same file, checked in the request
    sinkron = client.post(
        _url("pengukuran:isian_impor", org.biro_a), {"berkas_excel": _isi_templat(templat, NILAI_SALAH)}
    ).content.decode()
    assert _kesalahan(html) == _kesalahan(sinkron)


def test_a_clean_large_import_previews_in_the_grid_then_the_grid_saves_it(client, org, operator_a, grid):
    client.force_login(operator_a)
    templat = client.get(_url("pengukuran:isian_templat", org.biro_a)).content
    berkas = _isi_templat(templat, {("IKU01", "selesai"): 9, ("IKU01", "usulan"): 10, ("IDX", "nilai"): 81.5})
    obj, html = _impor_lewat_antrean(client, org, berkas)
    assert "Pratinjau impor" in html
    assert 'value="81,5"' in html
    assert not Realisasi.objects.exists()
    data = {
        m.group(1): m.group(2)
        for m in re.finditer(r'name="(i\d+-[a-z_]+|impor_latar)"[^>]*value="([^"]*)"', html)
    }
    assert data["impor_latar"] == str(obj.pk)
    client.post(_url("pengukuran:isian_massal", org.biro_a), data)
    assert {r.indikator.kode: r.nilai for r in Realisasi.objects.select_related("indikator")} == {
        "IKU01": Decimal(90),
        "IDX": Decimal("81.5"),
    }
    # The upload is done at once (it no longer waits for confirmation in the user's list of imports).
    obj.refresh_from_db()
    assert (obj.status, obj.pesan) == (
        ImporLatar.Status.SELESAI,
        "2 realisasi disimpan dari isian sekaligus.",
    )
    assert obj.selesai_pada is not None


def test_a_grid_save_refused_leaves_the_upload_waiting_and_another_users_upload_untouched(
    client, org, operator_a, admin_pemda, grid
):
    client.force_login(operator_a)
    templat = client.get(_url("pengukuran:isian_templat", org.biro_a)).content
    obj, html = _impor_lewat_antrean(client, org, _isi_templat(templat, {("IDX", "nilai"): 81.5}))
    data = {m.group(1): m.group(2) for m in re.finditer(r'name="(i\d+-[a-z_]+)"[^>]*value="([^"]*)"', html)}
    # Nothing filled: refused, the upload still waits.
    kosong = {k: ("" if k.endswith("-nilai") else v) for k, v in data.items()}
    client.post(_url("pengukuran:isian_massal", org.biro_a), {**kosong, "impor_latar": obj.pk})
    obj.refresh_from_db()
    assert obj.status == ImporLatar.Status.PRATINJAU
    # Someone else's upload id posted with a save does not touch it.
    lain = ImporLatar.objects.create(
        pengguna=admin_pemda,
        jenis="pengukuran.isian",
        parameter={"unit": org.biro_a.pk},
        nama_berkas="x.xlsx",
        status=ImporLatar.Status.PRATINJAU,
    )
    client.post(_url("pengukuran:isian_massal", org.biro_a), {**data, "impor_latar": lain.pk})
    assert Realisasi.objects.filter(indikator__kode="IDX").exists()
    lain.refresh_from_db()
    assert lain.status == ImporLatar.Status.PRATINJAU


def test_a_workbook_refused_as_a_whole_shows_the_indonesian_reason_at_its_cell(client, org, operator_a, grid):
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Lain"
    wb.active.append(["bukan templat"] * 400)
    isi = io.BytesIO()
    wb.save(isi)
    isi.seek(0)
    isi.name = "lain.xlsx"
    client.force_login(operator_a)
    client.post(_url("pengukuran:isian_impor", org.biro_a), {"berkas_excel": isi})
    obj = ImporLatar.objects.get()
    kerjakan_antrean()
    obj.refresh_from_db()
    assert obj.status == ImporLatar.Status.DITOLAK
    html = client.get(reverse("antrean:impor", args=[obj.pk])).content.decode()
    assert "Berkas belum dapat diimpor; tidak ada data yang disimpan." in html
    assert (
        "Sheet &#x27;Lain&#x27; memuat isian di kolom CW baris 1, di luar batas 100 kolom; hapus isian itu lalu "
        "unggah kembali."
    ) in html


def test_the_preview_of_another_users_import_is_404(client, org, operator_a, pimpinan_a, admin_pemda, grid):
    client.force_login(operator_a)
    templat = client.get(_url("pengukuran:isian_templat", org.biro_a)).content
    obj, _ = _impor_lewat_antrean(client, org, _isi_templat(templat, {("IDX", "nilai"): 81.5}))
    grid_url = _url("pengukuran:isian_massal", org.biro_a) + f"&impor={obj.pk}"
    for orang in (pimpinan_a, admin_pemda):  # both may open the unit's grid, not this upload
        client.force_login(orang)
        assert client.get(grid_url).status_code == 404
        assert client.get(reverse("antrean:impor", args=[obj.pk])).status_code == 404
    client.force_login(operator_a)
    assert client.get(_url("pengukuran:isian_massal", org.biro_a) + "&impor=x").status_code == 404
