"""Issue #16 items 7 and 1: who compiles a unit's LKjIP (a pemda setting), the pemda's logo on the documents, the
signature block under the kata pengantar, and the PK's formal layout (Nama/Jabatan/NIP, DRAF mark)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from PIL import Image

from sakip.pelaporan import services
from sakip.pelaporan.keputusan import bangun_keputusan
from sakip.pelaporan.lkjip import bangun_lkjip, bangun_pk
from sakip.pelaporan.models import PengaturanLaporan, PenyusunLaporan, TeksLaporan
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import keputusan as render_keputusan
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.models import PerjanjianKinerja
from sakip.perencanaan.tests.factories import renstra_dengan_iku

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _gambar(format: str = "PNG", ukuran: tuple[int, int] = (120, 150)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", ukuran, (10, 90, 160)).save(buf, format=format)
    return buf.getvalue()


def _gambar_dalam(isi: bytes) -> int:
    """How many pictures the Word document holds inline."""
    return len(Document(io.BytesIO(isi)).inline_shapes)


@pytest.fixture
def renstra_setda(org, admin_pemda):
    return renstra_dengan_iku(org.setda, by=admin_pemda)


# --- compilers ------------------------------------------------------------------------------------------------------


def test_a_named_compiler_unit_builds_the_setda_report_and_edits_its_texts_others_still_get_404(
    client, org, renstra_setda, admin_pemda, operator_a, operator_b
):
    docx_url = reverse("pelaporan:lkjip_docx", args=[renstra_setda.pk, 2024])
    teks_url = reverse("pelaporan:teks", args=[org.setda.pk, 2024])
    client.force_login(operator_b)
    # a Biro's operator cannot see its parent Setda's report by default
    assert client.get(docx_url).status_code == 404
    assert client.get(teks_url).status_code == 404
    assert (
        str(renstra_setda.nama)
        not in client.get(reverse("pelaporan:daftar") + "?tahun=2024").content.decode()
    )

    # the admin pemda names Biro B as a compiler of the Setda's LKjIP through the settings page
    client.force_login(admin_pemda)
    response = client.post(
        reverse("pelaporan:pengaturan_pemda", args=[org.pemda.pk]),
        {"aksi": "tambah_penyusun", "unit_kerja": org.setda.pk, "penyusun": org.biro_b.pk},
    )
    assert response.status_code == 302
    penyusun = PenyusunLaporan.objects.get(unit_kerja=org.setda, penyusun=org.biro_b)
    assert penyusun.history.get().history_user == admin_pemda

    client.force_login(operator_b)
    response = client.get(docx_url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    daftar = client.get(reverse("pelaporan:daftar") + "?tahun=2024").content.decode()
    assert renstra_setda.nama in daftar
    assert teks_url in daftar
    response = client.post(teks_url, {"versi": 0, "kata_pengantar": "<p>Disusun oleh Biro B.</p>"})
    assert response.status_code == 302
    assert TeksLaporan.objects.get(unit_kerja=org.setda, tahun=2024).diubah_oleh == operator_b
    # the background build too
    buat = client.post(reverse("pelaporan:lkjip_buat", args=[renstra_setda.pk, 2024]), {"format": "xlsx"})
    assert buat.status_code == 302

    # Biro A is not a compiler: still nothing
    client.force_login(operator_a)
    assert client.get(docx_url).status_code == 404
    assert client.get(teks_url).status_code == 404

    # withdrawn, Biro B loses it again
    client.force_login(admin_pemda)
    client.post(
        reverse("pelaporan:pengaturan_pemda", args=[org.pemda.pk]),
        {"aksi": "hapus_penyusun", "id": penyusun.pk},
    )
    assert not PenyusunLaporan.objects.exists()
    client.force_login(operator_b)
    operator_b.refresh_from_db()
    assert client.get(docx_url).status_code == 404
    assert client.get(teks_url).status_code == 404


def test_a_compiler_gains_nothing_beyond_the_report(client, org, renstra_setda, admin_pemda, operator_b):
    services.tambah_penyusun(unit_kerja=org.setda, penyusun=org.biro_b, by=admin_pemda)
    client.force_login(operator_b)
    indikator = renstra_setda.indikator.first()
    assert client.get(reverse("perencanaan:renstra_detail", args=[renstra_setda.pk])).status_code == 404
    assert client.get(reverse("perencanaan:indikator_detail", args=[indikator.pk])).status_code == 404


def test_only_the_admin_of_the_pemda_names_compilers_and_bad_choices_are_refused(
    client, org, admin_pemda, operator_a, evaluator
):
    with pytest.raises(PermissionDenied):
        services.tambah_penyusun(unit_kerja=org.setda, penyusun=org.biro_b, by=operator_a)
    with pytest.raises(ValidationError, match="pemda yang sama"):
        services.tambah_penyusun(unit_kerja=org.setda, penyusun=org.setda_lain, by=admin_pemda)
    with pytest.raises(ValidationError, match="Unit itu sendiri"):
        services.tambah_penyusun(unit_kerja=org.setda, penyusun=org.setda, by=admin_pemda)
    services.tambah_penyusun(unit_kerja=org.setda, penyusun=org.biro_b, by=admin_pemda)
    client.force_login(admin_pemda)
    response = client.post(
        reverse("pelaporan:pengaturan_pemda", args=[org.pemda.pk]),
        {"aksi": "tambah_penyusun", "unit_kerja": org.setda.pk, "penyusun": org.biro_b.pk},
    )
    assert response.status_code == 200
    assert "Biro B sudah menjadi penyusun LKjIP Sekretariat Daerah P." in response.content.decode()
    assert PenyusunLaporan.objects.count() == 1

    # the evaluator reads the settings without forms; a POST is refused
    client.force_login(evaluator)
    halaman = client.get(reverse("pelaporan:pengaturan_pemda", args=[org.pemda.pk]))
    assert halaman.status_code == 200
    assert "Hanya admin pemda yang dapat mengubah" in halaman.content.decode()
    assert 'name="aksi"' not in halaman.content.decode()
    response = client.post(
        reverse("pelaporan:pengaturan_pemda", args=[org.pemda.pk]),
        {"aksi": "tambah_penyusun", "unit_kerja": org.setda.pk, "penyusun": org.biro_a.pk},
    )
    assert response.status_code == 403
    # another pemda's settings do not exist for them
    assert client.get(reverse("pelaporan:pengaturan_pemda", args=[org.pemda_lain.pk])).status_code == 404


# --- logo -------------------------------------------------------------------------------------------------------------


def test_the_logo_is_stored_as_a_clean_png_and_bad_files_are_refused_with_a_message(client, org, admin_pemda):
    url = reverse("pelaporan:pengaturan_pemda", args=[org.pemda.pk])
    client.force_login(admin_pemda)
    jpeg = io.BytesIO(_gambar("JPEG", (1200, 1500)))
    jpeg.name = "lambang.jpg"
    assert client.post(url, {"aksi": "logo", "logo": jpeg}).status_code == 302
    obj = PengaturanLaporan.objects.get(pemda=org.pemda)
    with Image.open(io.BytesIO(bytes(obj.logo))) as tersimpan:
        assert tersimpan.format == "PNG"
        assert max(tersimpan.size) == services.LOGO_SISI  # scaled down, proportions kept
        assert tersimpan.size == (480, 600)
    assert obj.history.latest().history_user == admin_pemda
    gambar = client.get(reverse("pelaporan:logo", args=[org.pemda.pk]))
    assert gambar.status_code == 200
    assert gambar["Content-Type"] == "image/png"

    palsu = io.BytesIO(b"<svg onload=alert(1)></svg>")
    palsu.name = "logo.png"
    response = client.post(url, {"aksi": "logo", "logo": palsu})
    assert response.status_code == 200
    assert "Logo harus berupa gambar PNG atau JPEG." in response.content.decode()
    rusak = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    rusak.name = "logo.png"
    assert "Berkas logo rusak" in client.post(url, {"aksi": "logo", "logo": rusak}).content.decode()
    raksasa = io.BytesIO(_gambar("PNG", (5000, 20)))
    raksasa.name = "logo.png"
    assert "terlalu besar" in client.post(url, {"aksi": "logo", "logo": raksasa}).content.decode()
    # the stored logo is untouched by the refused uploads
    obj.refresh_from_db()
    assert obj.logo_nama == "lambang.jpg"


def test_the_logo_is_printed_on_the_lkjip_cover_the_pk_and_the_iku_decree(org, renstra_setda, admin_pemda):
    pk = perencanaan_services.create_pk(
        unit_kerja=org.setda, renstra=renstra_setda, tahun=2024, by=admin_pemda
    )
    tanpa = (
        render_docx.tulis(bangun_lkjip(renstra_setda, 2024, admin_pemda)),
        render_docx.tulis_pk(bangun_pk(pk)),
        render_keputusan.tulis_keputusan(bangun_keputusan(renstra_setda)),
    )
    assert [_gambar_dalam(d) for d in tanpa[1:]] == [0, 0]
    gambar_lkjip_tanpa_logo = _gambar_dalam(tanpa[0])  # the report's charts

    services.simpan_logo(pemda=org.pemda, isi=_gambar(), nama="logo.png", by=admin_pemda)
    lkjip = render_docx.tulis(bangun_lkjip(renstra_setda, 2024, admin_pemda))
    assert _gambar_dalam(lkjip) == gambar_lkjip_tanpa_logo + 1
    sampul = Document(io.BytesIO(lkjip)).paragraphs[0]
    assert sampul._p.xpath(".//pic:pic")  # the logo opens the cover
    assert _gambar_dalam(render_docx.tulis_pk(bangun_pk(pk))) == 1
    keputusan = Document(io.BytesIO(render_keputusan.tulis_keputusan(bangun_keputusan(renstra_setda))))
    kop = keputusan.tables[0]
    assert kop.rows[0].cells[0]._tc.xpath(".//pic:pic")
    assert "PEMERINTAH PROVINSI UJI P" in kop.rows[0].cells[1].text

    services.simpan_logo(pemda=org.pemda, isi=None, by=admin_pemda)
    assert _gambar_dalam(render_docx.tulis_pk(bangun_pk(pk))) == 0


# --- signature under the kata pengantar --------------------------------------------------------------------------------


def _teks_kata_pengantar(isi: bytes) -> list[str]:
    doc = Document(io.BytesIO(isi))
    body = doc.element.body
    teks: list[str] = []
    mulai = False
    for el in body.iterchildren():
        isi_el = "".join(t.text or "" for t in el.iter("{*}t"))
        if isi_el == "KATA PENGANTAR":
            mulai = True
            continue
        if isi_el == "IKHTISAR EKSEKUTIF":
            break
        if mulai and el.tag.endswith("}tbl"):
            teks += [
                "".join(t.text or "" for t in p.iter("{*}t"))
                for p in el.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
            ]
    return [t for t in teks if t]


def test_the_kata_pengantar_is_signed_with_the_reports_own_block(org, renstra_setda, admin_pemda):
    services.simpan_teks(
        unit_kerja=org.setda,
        tahun=2024,
        by=admin_pemda,
        versi=0,
        tempat_tanda_tangan="Samarinda",
        tanggal_tanda_tangan="Februari 2025",
        jabatan_penandatangan="Sekretaris Daerah",
        nama_penandatangan="SRI WAHYUNI",
        pangkat_penandatangan="Pembina Utama Madya (IV/d)",
        nip_penandatangan="19710210 199803 2 004",
    )
    isi = render_docx.tulis(bangun_lkjip(renstra_setda, 2024, admin_pemda))
    assert _teks_kata_pengantar(isi) == [
        "Samarinda, Februari 2025",
        "SEKRETARIS DAERAH,",
        "SRI WAHYUNI",
        "Pembina Utama Madya (IV/d)",
        "NIP 19710210 199803 2 004",
    ]


def test_without_its_own_block_the_signature_comes_from_the_pk_then_a_dotted_line_never_a_dash(
    org, renstra_setda, admin_pemda
):
    isi = render_docx.tulis(bangun_lkjip(renstra_setda, 2024, admin_pemda))
    assert _teks_kata_pengantar(isi) == [
        "…………………………, ………………………… 2025",
        "KEPALA SEKRETARIAT DAERAH P,",
        "…………………………",
    ]
    pk = perencanaan_services.create_pk(
        unit_kerja=org.setda, renstra=renstra_setda, tahun=2024, by=admin_pemda
    )
    pk.pihak_pertama_nama = "Dr. Hj. Contoh Nama, M.Si."
    pk.pihak_pertama_jabatan = "Sekretaris Daerah Provinsi Uji P"
    pk.tempat = "Kota Uji"
    pk.save()
    isi = render_docx.tulis(bangun_lkjip(renstra_setda, 2024, admin_pemda))
    assert _teks_kata_pengantar(isi) == [
        "Kota Uji, ………………………… 2025",
        "SEKRETARIS DAERAH PROVINSI UJI P,",
        "Dr. Hj. Contoh Nama, M.Si.",
    ]


def test_the_texts_page_saves_the_signature_fields(client, org, admin_pemda):
    client.force_login(admin_pemda)
    url = reverse("pelaporan:teks", args=[org.setda.pk, 2024])
    assert "Penanda tangan kata pengantar" in client.get(url).content.decode()
    client.post(url, {"versi": 0, "tempat_tanda_tangan": "Samarinda", "nama_penandatangan": " SRI WAHYUNI "})
    teks = TeksLaporan.objects.get(unit_kerja=org.setda, tahun=2024)
    assert (teks.tempat_tanda_tangan, teks.nama_penandatangan) == ("Samarinda", "SRI WAHYUNI")


# --- the PK's formal layout ---------------------------------------------------------------------------------------------


def test_the_pk_names_each_party_on_its_own_lines_with_nip_and_a_draft_says_so_on_every_page(
    org, renstra_setda, admin_pemda
):
    pk = perencanaan_services.create_pk(
        unit_kerja=org.setda, renstra=renstra_setda, tahun=2024, by=admin_pemda
    )
    pk.pihak_pertama_nama = "SRI WAHYUNI"
    pk.pihak_pertama_jabatan = "Sekretaris Daerah"
    pk.pihak_pertama_nip = "19710210 199803 2 004"
    pk.pihak_kedua_nama = "AKMAL MALIK"
    pk.pihak_kedua_jabatan = "Penjabat Gubernur"
    pk.save()
    doc = Document(io.BytesIO(render_docx.tulis_pk(bangun_pk(pk))))
    baris = [p.text for p in doc.paragraphs]
    i = baris.index("Nama\t: SRI WAHYUNI")
    assert baris[i : i + 7] == [
        "Nama\t: SRI WAHYUNI",
        "Jabatan\t: Sekretaris Daerah",
        "NIP\t: 19710210 199803 2 004",
        "selanjutnya disebut PIHAK PERTAMA.",
        "Nama\t: AKMAL MALIK",
        "Jabatan\t: Penjabat Gubernur",
        "selaku atasan PIHAK PERTAMA, selanjutnya disebut PIHAK KEDUA.",
    ]
    assert not any("Nama:" in b or b.strip() == "–" for b in baris)
    # both signature blocks are borderless and carry the NIP under the name
    ttd = [t for t in doc.tables if "PIHAK PERTAMA," in t.rows[0].cells[-1].text]
    assert len(ttd) == 2  # under the statement and under the attachment
    for tabel in ttd:
        kiri, kanan = (c.text for c in tabel.rows[0].cells)
        assert "PIHAK KEDUA," in kiri
        assert "AKMAL MALIK" in kiri
        assert "PIHAK PERTAMA," in kanan
        assert "NIP 19710210 199803 2 004" in kanan
        assert tabel._tbl.xpath(".//w:tblBorders/w:insideV[@w:val='nil']")
    assert [s.header.paragraphs[0].text for s in doc.sections] == ["DRAF — belum ditandatangani"]

    pk.status = PerjanjianKinerja.Status.FINAL
    pk.save()
    doc = Document(io.BytesIO(render_docx.tulis_pk(bangun_pk(pk))))
    assert [s.header.paragraphs[0].text for s in doc.sections] == [""]


def test_the_lkjip_lampiran_signs_the_pk_without_a_bordered_grid(org, renstra_setda, admin_pemda):
    pk = perencanaan_services.create_pk(
        unit_kerja=org.setda, renstra=renstra_setda, tahun=2024, by=admin_pemda
    )
    pk.pihak_pertama_nama = "SRI WAHYUNI"
    pk.save()
    doc = Document(io.BytesIO(render_docx.tulis(bangun_lkjip(renstra_setda, 2024, admin_pemda))))
    ttd = [t for t in doc.tables if "PIHAK PERTAMA," in t.rows[0].cells[-1].text]
    assert len(ttd) == 2  # after the statement and after the attachment
    for t in ttd:
        assert "SRI WAHYUNI" in t.rows[0].cells[1].text
        assert t._tbl.xpath(".//w:tblBorders/w:top[@w:val='nil']")


# --- typography ---------------------------------------------------------------------------------------------------------


def test_foreign_terms_are_cut_into_italic_runs_and_only_whole_words():
    from sakip.pelaporan.render.istilah import potong

    assert potong("Target output dan Outcome program; refocusing anggaran.") == [
        ("Target ", False),
        ("output", True),
        (" dan ", False),
        ("Outcome", True),
        (" program; ", False),
        ("refocusing", True),
        (" anggaran.", False),
    ]
    assert potong("menuju good governance.") == [("menuju ", False), ("good governance", True), (".", False)]
    # not inside other words or hyphenated names
    assert potong("inputan e-output outputnya") == [("inputan e-output outputnya", False)]
    assert potong("") == [("", False)]


def test_every_table_of_the_chapters_says_where_its_figures_come_from(org, renstra_setda, admin_pemda):
    lap = bangun_lkjip(renstra_setda, 2024, admin_pemda)
    tabel = [b for b in lap.semua_blok(lampiran=False) if hasattr(b, "sumber")]
    assert tabel
    assert all(t.sumber for t in tabel)
    assert lap.ikhtisar.tabel.sumber == "data realisasi kinerja Sekretariat Daerah P Tahun 2024, diolah"
    iku = next(t for t in tabel if t.judul.startswith("Indikator Kinerja Utama"))
    assert iku.sumber == "Keputusan IKU Sekretariat Daerah P Tahun 2024–2026"
    doc = Document(io.BytesIO(render_docx.tulis(lap)))
    sumber = [p for p in doc.paragraphs if p.text.startswith("Sumber: ")]
    assert len(sumber) == len(tabel)


def test_a_compiler_from_a_sub_unit_gets_the_whole_units_budget_in_the_report_not_only_its_own(
    client, org, renstra_setda, admin_pemda, operator_b
):
    from decimal import Decimal

    from sakip.anggaran.tests.factories import program_dengan_anggaran

    sasaran = renstra_setda.sasaran.get()
    program_dengan_anggaran(
        org.biro_a, kode="4.01.01", baris=[(Decimal(1000), Decimal(900))], sasaran=[sasaran]
    )
    program_dengan_anggaran(
        org.biro_b, kode="4.01.02", baris=[(Decimal(500), Decimal(250))], sasaran=[sasaran]
    )
    services.tambah_penyusun(unit_kerja=org.setda, penyusun=org.biro_b, by=admin_pemda)
    oleh_penyusun = bangun_lkjip(renstra_setda, 2024, operator_b).ikhtisar
    oleh_admin = bangun_lkjip(renstra_setda, 2024, admin_pemda).ikhtisar
    assert (oleh_penyusun.pagu, oleh_penyusun.realisasi) == (Decimal(1500), Decimal(1150))
    assert (oleh_admin.pagu, oleh_admin.realisasi) == (Decimal(1500), Decimal(1150))
    # and through the page the compiler downloads
    client.force_login(operator_b)
    xlsx = client.get(reverse("pelaporan:lkjip_xlsx", args=[renstra_setda.pk, 2024]))
    assert xlsx.status_code == 200
