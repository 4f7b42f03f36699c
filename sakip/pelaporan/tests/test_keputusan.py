"""The IKU decree of a Renstra: content, Word document, the page that edits its texts, and access."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT

from sakip.lib import angka
from sakip.organisasi.models import Penugasan
from sakip.organisasi.services import assign_role
from sakip.organisasi.tests.factories import PenggunaFactory
from sakip.pelaporan import keputusan
from sakip.pelaporan.render import keputusan as render_keputusan
from sakip.perencanaan import services
from sakip.perencanaan.models import Indikator, KeputusanIKU, RencanaStrategis
from sakip.perencanaan.tests.factories import renstra_dengan_iku


def _renstra(unit, jumlah: int = 2) -> RencanaStrategis:
    renstra = renstra_dengan_iku(unit, jumlah_indikator=jumlah)
    return RencanaStrategis.objects.select_related("unit_kerja__pemda").get(pk=renstra.pk)


def _dokumen(renstra: RencanaStrategis) -> Document:
    return Document(io.BytesIO(render_keputusan.tulis_keputusan(keputusan.bangun_keputusan(renstra))))


def _semua_teks(doc: Document) -> str:
    bagian = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            bagian += [c.text for c in row.cells]
    return "\n".join(bagian)


def _tabel_iku(doc: Document):
    return next(
        t for t in doc.tables if t.rows[0].cells[0].text == "No." and "Target" in t.rows[0].cells[-4].text
    )


def _kolom(tabel) -> list[str]:
    """Header titles per column: the year under the merged "Target" heading, else the top title."""
    atas = [c.text for c in tabel.rows[0].cells]
    bawah = [c.text for c in tabel.rows[1].cells]
    return [b if a == "Target" else a for a, b in zip(atas, bawah, strict=True)]


@pytest.fixture
def renstra(org):
    r = _renstra(org.biro_a)
    ind = r.indikator.get(kode="IKU01")
    ind.definisi = "Makna: bagian hal yang selesai."
    ind.alasan = "Mengukur penyelesaian."
    ind.formulasi_uraian = "Jumlah hal selesai dibagi jumlah usulan dikali 100"
    ind.sumber_data = "Laporan Biro A"
    ind.kondisi_awal = Decimal("1234.5")
    ind.save()
    services.set_target(indikator=ind, tahun=2025, nilai=services.NilaiTarget(nilai=Decimal("1234567.891")))
    services.set_target(
        indikator=ind, tahun=2026, nilai=services.NilaiTarget(nilai=Decimal("86"), keterangan="Baik")
    )
    return r


def test_the_attachment_lists_every_iku_with_its_formula_satuan_and_targets_in_indonesian_format(renstra):
    doc = _dokumen(renstra)
    tabel = _tabel_iku(doc)
    kolom = _kolom(tabel)
    assert kolom[:6] == [
        "No.",
        "Sasaran Strategis",
        "Indikator Kinerja Utama",
        "Definisi Operasional / Alasan Pemilihan",
        "Formulasi / Cara Perhitungan",
        "Satuan",
    ]
    assert [k for k in kolom if k.isdigit()] == ["2024", "2025", "2026"]
    baris = [[c.text for c in r.cells] for r in tabel.rows[2:]]
    iku = list(renstra.indikator.filter(is_iku=True).prefetch_related("target", "variabel"))
    assert len(iku) == 2
    assert len(baris) == len(iku)
    for ind in iku:
        row = next(r for r in baris if r[kolom.index("Indikator Kinerja Utama")] == ind.nama)
        assert row[kolom.index("Sasaran Strategis")] == "Sasaran satu"
        assert row[kolom.index("Satuan")] == ind.satuan
        assert row[kolom.index("Formulasi / Cara Perhitungan")] == keputusan.rumus_teks(ind)
        for t in ind.target.all():
            assert row[kolom.index(str(t.tahun))] == t.teks
    pertama = next(r for r in baris if r[2] == "Persentase hal 1")
    assert pertama[kolom.index("2025")] == "1.234.567,89"
    assert pertama[kolom.index("2026")] == "86,00 (Baik)"
    assert pertama[kolom.index("Kondisi Awal")] == angka.format_angka(Decimal("1234.5")) == "1.234,50"
    assert pertama[kolom.index("Kondisi Akhir Periode")] == "86,00 (Baik)"  # no end value: the last target
    assert pertama[kolom.index("Sumber Data")] == "Laporan Biro A"
    assert pertama[kolom.index("Penanggung Jawab")] == "Biro A"  # no unit named: the Renstra's unit
    assert (
        "Alasan pemilihan: Mengukur penyelesaian."
        in pertama[kolom.index("Definisi Operasional / Alasan Pemilihan")]
    )
    assert (
        pertama[kolom.index("Formulasi / Cara Perhitungan")]
        == "Jumlah hal selesai dibagi jumlah usulan dikali 100"
    )
    kedua = next(r for r in baris if r[2] == "Persentase hal 2")
    # without a written description the machine formula is shown with its variables' labels
    assert kedua[kolom.index("Formulasi / Cara Perhitungan")] == "Hal selesai / Usulan × 100"
    assert kedua[kolom.index("Kondisi Awal")] == angka.KOSONG


def test_indicators_that_are_not_iku_stay_out_of_the_attachment(renstra):
    ind = renstra.indikator.get(kode="IKU02")
    ind.is_iku = False
    ind.save()
    dok = keputusan.bangun_keputusan(renstra)
    assert [b.indikator for b in dok.tabel.baris] == ["Persentase hal 1"]


def test_the_decree_has_its_headings_and_diktum_with_default_texts_when_nothing_was_written(renstra):
    doc = _dokumen(renstra)
    paragraf = [p.text for p in doc.paragraphs]
    assert paragraf[0] == "PEMERINTAH PROVINSI UJI P"
    assert paragraf[1] == "SEKRETARIAT DAERAH P"
    assert "KEPUTUSAN KEPALA BIRO A SEKRETARIAT DAERAH P PROVINSI UJI P" in paragraf
    assert "NOMOR ……………" in paragraf
    assert "TENTANG" in paragraf
    assert "INDIKATOR KINERJA UTAMA BIRO A SEKRETARIAT DAERAH P PROVINSI UJI P TAHUN 2024-2026" in paragraf
    assert "MEMUTUSKAN:" in paragraf
    semua = _semua_teks(doc)
    for kata in ("Menimbang", "Mengingat", "Menetapkan", "KESATU", "KEDUA", "KETIGA", "LAMPIRAN"):
        assert kata in semua
    assert "PER/9/M.PAN/5/2007" in semua
    assert "PER/20/M.PAN/11/2008" in semua
    assert "Ditetapkan di : ……………" in semua
    assert "NIP ……………" in semua
    dok = keputusan.bangun_keputusan(renstra)
    assert [d.label for d in dok.diktum] == ["KESATU", "KEDUA", "KETIGA"]
    assert dok.diktum[-1].teks == "Keputusan ini mulai berlaku pada tanggal ditetapkan."
    assert [b.label for b in dok.menimbang] == ["a.", "b.", "c."]
    assert not dok.disunting


def test_the_lampiran_is_a_landscape_section_and_its_table_fits_the_page(renstra):
    doc = _dokumen(renstra)
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT
    lampiran = doc.sections[-1]
    assert lampiran.orientation == WD_ORIENT.LANDSCAPE
    assert lampiran.page_width > lampiran.page_height
    lebar = lampiran.page_width - lampiran.left_margin - lampiran.right_margin
    tabel = _tabel_iku(doc)
    assert sum(k.width for k in tabel.columns) <= lebar
    # the header rows are repeated on every page
    for row in tabel.rows[:2]:
        assert row._tr.trPr.xpath("./w:tblHeader")


def test_the_edited_texts_appear_in_the_document(renstra, operator_a):
    services.simpan_keputusan_iku(
        renstra=renstra,
        by=operator_a,
        nomor="188.45/45/Kum/2024",
        alamat_kop="Jl. Jend. Ahmad Yani No. 01 Paringin\nTelp. (0526) 2028408",
        jabatan_penandatangan="Sekretaris Daerah Provinsi Uji P",
        nama_penandatangan="H. SUTIKNO, M.AP",
        pangkat_golongan="Pembina Utama Muda (IV/c)",
        nip="19760417 199412 1 001",
        tempat="Paringin",
        tanggal=datetime.date(2024, 1, 3),
        menimbang="a. bahwa pertimbangan pertama;\nb. bahwa pertimbangan kedua;",
        mengingat="1. Undang-Undang Uji;\n\n2) Peraturan Daerah Uji.",
        diktum_tambahan="Biaya yang timbul dibebankan pada anggaran unit.",
    )
    doc = _dokumen(renstra)
    semua = _semua_teks(doc)
    paragraf = [p.text for p in doc.paragraphs]
    assert "KEPUTUSAN SEKRETARIS DAERAH PROVINSI UJI P" in paragraf
    assert "NOMOR 188.45/45/Kum/2024" in paragraf
    assert "Jl. Jend. Ahmad Yani No. 01 Paringin" in paragraf
    assert "Telp. (0526) 2028408" in paragraf
    for teks in (
        "Ditetapkan di : Paringin",
        "pada tanggal : 3 Januari 2024",
        "H. SUTIKNO, M.AP",
        "Pembina Utama Muda (IV/c)",
        "NIP 19760417 199412 1 001",
        "bahwa pertimbangan pertama;",
        "Undang-Undang Uji;",
        "Peraturan Daerah Uji.",
        ": 188.45/45/Kum/2024",  # the lampiran's header
        ": 3 Januari 2024",
    ):
        assert teks in semua, teks
    assert "PER/9/M.PAN/5/2007" not in semua  # the written Menimbang and Mengingat replace the defaults
    dok = keputusan.bangun_keputusan(renstra)
    assert dok.disunting
    # the numbering typed by the user is not doubled
    assert [(b.label, b.teks) for b in dok.menimbang] == [
        ("a.", "bahwa pertimbangan pertama;"),
        ("b.", "bahwa pertimbangan kedua;"),
    ]
    assert [(b.label, b.teks) for b in dok.mengingat] == [
        ("1.", "Undang-Undang Uji;"),
        ("2.", "Peraturan Daerah Uji."),
    ]
    assert [(d.label, d.teks) for d in dok.diktum][2:] == [
        ("KETIGA", "Biaya yang timbul dibebankan pada anggaran unit."),
        ("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ]


def test_emptied_fields_fall_back_to_the_default_texts(renstra, operator_a):
    obj = services.simpan_keputusan_iku(renstra=renstra, by=operator_a, nomor="1/2024", menimbang="x")
    services.simpan_keputusan_iku(
        renstra=renstra, by=operator_a, versi=obj.versi, nomor="", menimbang="  \n "
    )
    dok = keputusan.bangun_keputusan(renstra)
    assert dok.nomor == "……………"
    assert "PER/9/M.PAN/5/2007" in dok.menimbang[0].teks
    assert dok.jabatan == "Kepala Biro A Sekretariat Daerah P Provinsi Uji P"


def test_the_sekretariat_daerah_is_signed_by_the_sekretaris_daerah(org):
    dok = keputusan.bangun_keputusan(_renstra(org.setda, jumlah=1))
    assert dok.jabatan == "Sekretaris Daerah P Provinsi Uji P"
    assert dok.unit == "Sekretariat Daerah P Provinsi Uji P"


def test_a_save_is_recorded_in_the_audit_trail_with_its_author(renstra, operator_a):
    obj = services.simpan_keputusan_iku(renstra=renstra, by=operator_a, nomor="1/2024")
    obj = services.simpan_keputusan_iku(renstra=renstra, by=operator_a, versi=obj.versi, nomor="2/2024")
    assert obj.versi == 2
    riwayat = list(obj.history.order_by("history_date"))
    assert [h.nomor for h in riwayat] == ["1/2024", "2/2024"]
    assert {h.history_user for h in riwayat} == {operator_a}


def test_a_stale_version_is_refused(renstra, operator_a):
    obj = services.simpan_keputusan_iku(renstra=renstra, by=operator_a, nomor="1/2024")
    services.simpan_keputusan_iku(renstra=renstra, by=operator_a, versi=obj.versi, nomor="2/2024")
    with pytest.raises(services.KonflikError, match="sudah diubah pengguna lain"):
        services.simpan_keputusan_iku(renstra=renstra, by=operator_a, versi=obj.versi, nomor="3/2024")
    assert KeputusanIKU.objects.get(renstra=renstra).nomor == "2/2024"


def test_the_query_count_does_not_grow_with_the_number_of_iku(org):
    def hitung(renstra: RencanaStrategis) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            dok = keputusan.bangun_keputusan(renstra)
        return len(ctx.captured_queries), len(dok.tabel.baris)

    sedikit, n_sedikit = hitung(_renstra(org.biro_a, jumlah=2))
    banyak = _renstra(org.biro_b, jumlah=7)
    sasaran = services.add_sasaran(renstra=banyak, tujuan=None, kode="S2", uraian="Sasaran dua")
    services.save_indikator(
        indikator=Indikator(
            renstra=banyak, sasaran=sasaran, kode="IKU99", nama="Indeks lain", satuan="Indeks", is_iku=True
        ),
        target={2024: services.NilaiTarget(nilai=Decimal(3))},
    )
    jumlah, n_banyak = hitung(banyak)
    assert (n_sedikit, n_banyak) == (2, 8)
    assert jumlah == sedikit


# --- pages ---------------------------------------------------------------------------------------------------------


def test_the_operator_edits_the_texts_and_downloads_the_decree(client, renstra, operator_a):
    client.force_login(operator_a)
    url = reverse("pelaporan:iku_ubah", args=[renstra.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "PER/20/M.PAN/11/2008" in page.content.decode()  # the default text shown as the placeholder
    response = client.post(
        url,
        {"nomor": "061/2024", "nama_penandatangan": "DINI EKA WAHYUNI", "tanggal": "2024-01-03", "versi": ""},
    )
    assert response.status_code == 302
    obj = KeputusanIKU.objects.get(renstra=renstra)
    assert (obj.nomor, obj.nama_penandatangan, obj.tanggal, obj.versi) == (
        "061/2024",
        "DINI EKA WAHYUNI",
        datetime.date(2024, 1, 3),
        1,
    )
    assert obj.diubah_oleh == operator_a
    unduh = client.get(reverse("pelaporan:iku_docx", args=[renstra.pk]))
    assert unduh.status_code == 200
    assert unduh["Content-Disposition"].endswith('.docx"')
    semua = _semua_teks(Document(io.BytesIO(unduh.content)))
    assert "NOMOR 061/2024" in semua
    assert "DINI EKA WAHYUNI" in semua


def test_a_stale_form_is_refused_with_a_message(client, renstra, operator_a):
    obj = services.simpan_keputusan_iku(renstra=renstra, by=operator_a, nomor="1/2024")
    services.simpan_keputusan_iku(renstra=renstra, by=operator_a, versi=obj.versi, nomor="2/2024")
    client.force_login(operator_a)
    response = client.post(
        reverse("pelaporan:iku_ubah", args=[renstra.pk]), {"nomor": "3/2024", "versi": str(obj.versi)}
    )
    assert response.status_code == 200
    assert "sudah diubah pengguna lain" in response.content.decode()
    assert KeputusanIKU.objects.get(renstra=renstra).nomor == "2/2024"


def test_a_read_only_user_downloads_but_cannot_edit(client, renstra, pimpinan_a):
    client.force_login(pimpinan_a)
    url = reverse("pelaporan:iku_ubah", args=[renstra.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"nomor": "9/2024"}).status_code == 403
    assert not KeputusanIKU.objects.filter(renstra=renstra).exists()
    assert client.get(reverse("pelaporan:iku_docx", args=[renstra.pk])).status_code == 200
    with pytest.raises(Exception, match="tidak dapat mengubah"):
        services.simpan_keputusan_iku(renstra=renstra, by=pimpinan_a, nomor="9/2024")


@pytest.fixture
def perjanjian(renstra, operator_a):
    return services.create_pk(
        unit_kerja=renstra.unit_kerja,
        renstra=renstra,
        tahun=2024,
        by=operator_a,
        pihak_pertama_nama="Kepala A",
    )


@pytest.mark.parametrize("nama", ["iku_docx", "iku_pdf", "iku_ubah", "pk_pdf"])
def test_an_operator_of_another_unit_or_pemda_gets_404(client, org, renstra, perjanjian, operator_b, nama):
    obj = perjanjian if nama.startswith("pk") else renstra
    luar = PenggunaFactory(username="operator_q")
    assign_role(
        pengguna=luar, peran=Penugasan.Peran.OPERATOR, pemda=org.pemda_lain, unit_kerja=org.setda_lain
    )
    for user in (operator_b, luar):
        client.force_login(user)
        assert client.get(reverse(f"pelaporan:{nama}", args=[obj.pk])).status_code == 404
        if nama == "iku_ubah":
            assert client.post(reverse(f"pelaporan:{nama}", args=[obj.pk]), {"nomor": "x"}).status_code == 404
    assert not KeputusanIKU.objects.exists()


@pytest.mark.parametrize("nama", ["iku_pdf", "pk_pdf"])
def test_without_libreoffice_the_pdf_answers_503_in_indonesian(
    client, renstra, perjanjian, operator_a, monkeypatch, nama
):
    from sakip.pelaporan.render import pdf as render_pdf

    monkeypatch.setattr(render_pdf.shutil, "which", lambda name: None)
    client.force_login(operator_a)
    obj = perjanjian if nama.startswith("pk") else renstra
    response = client.get(reverse(f"pelaporan:{nama}", args=[obj.pk]))
    assert response.status_code == 503
    assert "LibreOffice (soffice) tidak terpasang" in response.content.decode()


def test_the_report_list_links_the_decree_of_every_renstra(client, renstra, operator_a, pimpinan_a):
    client.force_login(operator_a)
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    assert reverse("pelaporan:iku_docx", args=[renstra.pk]) in body
    assert reverse("pelaporan:iku_ubah", args=[renstra.pk]) in body
    client.force_login(pimpinan_a)
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2030}).content.decode()  # outside the period too
    assert reverse("pelaporan:iku_docx", args=[renstra.pk]) in body
    assert reverse("pelaporan:iku_ubah", args=[renstra.pk]) not in body


def test_the_report_list_offers_the_pk_pdf_as_a_queued_build(
    client, renstra, perjanjian, operator_a, monkeypatch
):
    from sakip.pelaporan.render import pdf as render_pdf

    monkeypatch.setattr(render_pdf, "tersedia", lambda: True)
    client.force_login(operator_a)
    body = client.get(reverse("pelaporan:daftar"), {"tahun": 2024}).content.decode()
    aksi = f'action="{reverse("pelaporan:pk_buat", args=[perjanjian.pk])}"'
    assert body.count(aksi) == 2  # Word and PDF
    assert 'value="pdf"><button type="submit" class="small secondary">Buat PK (.pdf)' in body


def test_typed_numbering_is_removed_from_items():
    assert keputusan.butir("a. satu\n  b)  dua \n\n- tiga\n10. sepuluh\nbahwa a. b") == [
        "satu",
        "dua",
        "tiga",
        "sepuluh",
        "bahwa a. b",
    ]


def test_an_imported_reason_with_its_own_label_is_printed_once_and_text_values_take_the_decimal_comma(
    renstra,
):
    ind = renstra.indikator.get(kode="IKU02")
    ind.alasan = "Alasan Pemilihan : guna memperoleh gambaran kinerja."
    ind.kondisi_awal_teks = "B = 66.04"
    ind.kondisi_akhir_teks = "BB = 78.2; 1.234 dokumen"
    ind.save()
    doc = _dokumen(renstra)
    tabel = _tabel_iku(doc)
    kolom = _kolom(tabel)
    kedua = next([c.text for c in r.cells] for r in tabel.rows[2:] if r.cells[2].text == "Persentase hal 2")
    definisi = kedua[kolom.index("Definisi Operasional / Alasan Pemilihan")]
    assert definisi == "Alasan pemilihan: guna memperoleh gambaran kinerja."
    assert kedua[kolom.index("Kondisi Awal")] == "B = 66,04"
    # one or two decimals after a point are a decimal; three digits are a thousands separator
    assert kedua[kolom.index("Kondisi Akhir Periode")] == "BB = 78,2; 1.234 dokumen"
