"""The SKM results in the LKjIP (issue #7 "IKM results"): where seed 004 prints them, with the values the survey
pages compute, and their comparison with the PermenPANRB 14/2017 mutu bands."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from docx import Document

from sakip.lib import angka, skala
from sakip.pelaporan.lkjip import Paragraf, Tabel, bangun_lkjip
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.tests.test_laporan import pimpinan, renstra_setda
from sakip.survei import queries as survei_queries
from sakip.survei.models import Survei

JUDUL = "Hasil Survei Kepuasan Masyarakat Biro Administrasi Pimpinan Tahun 2024"
JUDUL_STANDAR = "Perbandingan IKM Biro Administrasi Pimpinan Tahun 2024 dengan Standar Mutu Pelayanan"


def _survei(periode: str) -> Survei:
    return Survei.objects.get(
        unit_kerja__pemda__kode="64", unit_kerja__kode="SETDA.ADPIM", tahun=2024, periode=periode
    )


@pytest.fixture
def laporan(demo):
    return bangun_lkjip(renstra_setda(), 2024, pimpinan())


@pytest.fixture
def hasil(demo):
    """What the survey pages show (survei:detail reads `hasil_survei`)."""
    return {p: survei_queries.hasil_survei(_survei(p)) for p in ("S1", "S2")}


def _tabel(laporan, judul: str) -> Tabel:
    return next(b for b in laporan.semua_blok() if isinstance(b, Tabel) and b.judul == judul)


def test_ikm_is_reported_under_the_ikm_indicator_of_sasaran_4_as_in_seed_004(laporan):
    analisis = next(b for b in laporan.bab[2].bagian if b.judul.startswith("C. "))
    sasaran_4 = analisis.sub[3]
    assert sasaran_4.judul.startswith("4. Sasaran 4: ")
    blok = sasaran_4.blok
    kepala = next(
        i
        for i, b in enumerate(blok)
        if isinstance(b, Paragraf) and b.teks == "2) Indeks Kepuasan Masyarakat Perangkat Daerah"
    )
    tabel = [b for b in blok[kepala:] if isinstance(b, Tabel)]
    assert [t.judul for t in tabel[:2]] == [JUDUL, JUDUL_STANDAR]
    # unnumbered, like seed 004's own tables in the analysis: the chapter keeps the seed's numbering
    assert tabel[0].nomor == tabel[1].nomor == ""
    assert laporan.tabel("3.16").judul.startswith("Tingkat Efisiensi")


def test_ikm_table_holds_what_the_survey_pages_compute(laporan, hasil):
    t = _tabel(laporan, JUDUL)
    assert t.kolom == ["No.", "Unsur Pelayanan", "Semester I", "Semester II"]
    baris = {r[1]: (r, n) for r, n in zip(t.baris, t.nilai, strict=True)}
    for k, p in enumerate(("S1", "S2"), start=2):
        resmi = hasil[p].resmi
        for u in resmi.unsur:
            teks, nilai = baris[u.label]
            assert teks[0] == f"U{u.nomor}"
            assert nilai[k] == u.nrr
            assert teks[k] == angka.format_angka(u.nrr, 3)
        assert baris["Jumlah responden"][1][k] == hasil[p].jumlah_respons
        assert baris["IKM (Σ NRR × bobot)"][1][k] == resmi.ikm
        konversi = baris["IKM unit pelayanan (konversi IKM × 25)"]
        assert konversi[1][k] == resmi.ikm_unit
        assert konversi[0][k] == angka.format_angka(resmi.ikm_unit_dibulatkan)
        assert baris["Mutu pelayanan"][0][k] == resmi.kode_mutu
        assert baris["Kinerja unit pelayanan"][0][k] == resmi.kinerja
        assert baris["Unsur terendah"][0][k] == ", ".join(f"U{u.nomor}" for u in resmi.terendah)
    # the demo's known figures (seed 004): 50 and 127 respondents, 86,358 and 86,418, both mutu B
    assert [baris["Jumlah responden"][0][k] for k in (2, 3)] == ["50", "127"]
    assert [baris["IKM unit pelayanan (konversi IKM × 25)"][0][k] for k in (2, 3)] == ["86,36", "86,42"]
    assert angka.bulatkan(baris["IKM unit pelayanan (konversi IKM × 25)"][1][3], 3) == Decimal("86.418")
    assert [baris["Mutu pelayanan"][0][k] for k in (2, 3)] == ["B", "B"]
    assert baris["Unsur terendah"][0][2:] == ["U6, U7, U2", "U6, U7, U2"]


def test_comparison_with_the_standard_marks_the_band_of_each_semester(laporan, hasil):
    t = _tabel(laporan, JUDUL_STANDAR)
    assert [r[0] for r in t.baris] == [p.kode for p in skala.MUTU_IKM.pita]
    assert [r[1] for r in t.baris] == [p.uraian() for p in skala.MUTU_IKM.pita]
    b = next(r for r in t.nilai if r[0] == "B")
    assert b[3:] == [hasil["S1"].resmi.ikm_unit_dibulatkan, hasil["S2"].resmi.ikm_unit_dibulatkan]
    assert all(r[3:] == [None, None] for r in t.nilai if r[0] != "B")
    assert any("PermenPANRB 14/2017" in c for c in t.catatan)


def test_generated_paragraph_states_respondents_ikm_mutu_and_the_gap_to_the_next_band(laporan, hasil):
    teks = [b.teks for b in laporan.semua_blok() if isinstance(b, Paragraf)]
    s2 = next(t for t in teks if t.startswith("Jumlah responden Semester II 2024"))
    assert "yakni 127 orang" in s2
    assert "86,42 (86,418 sebelum dibulatkan)" in s2
    assert "mutu pelayanan B yang berarti kinerja unit pelayanan Baik" in s2
    jarak = Decimal("88.31") - hasil["S2"].resmi.ikm_unit_dibulatkan
    assert f"kenaikan {angka.format_angka(jarak)} poin untuk mencapai mutu A" in s2
    assert "Kompetensi/kemampuan petugas (3,340)" in next(
        t for t in teks if t.startswith("Jumlah responden Semester I 2024")
    )


def test_docx_contains_the_ikm_table_with_the_survey_values(laporan, hasil):
    doc = Document(io.BytesIO(render_docx.tulis(laporan)))
    tabel = next(
        t
        for t in doc.tables
        if (p := t._tbl.getprevious()) is not None
        and "".join(x.text or "" for x in p.iter() if x.tag.endswith("}t")) == JUDUL
    )
    sel = {r.cells[1].text: [c.text for c in r.cells] for r in tabel.rows}
    s1, s2 = hasil["S1"].resmi, hasil["S2"].resmi
    assert sel["IKM unit pelayanan (konversi IKM × 25)"][2:] == [
        angka.format_angka(s1.ikm_unit_dibulatkan),
        angka.format_angka(s2.ikm_unit_dibulatkan),
    ]
    assert sel["IKM unit pelayanan (konversi IKM × 25)"][3] == "86,42"
    assert sel["Mutu pelayanan"][2:] == ["B", "B"]
    assert sel["Jumlah responden"][2:] == ["50", "127"]
    for u1, u2 in zip(s1.unsur, s2.unsur, strict=True):
        assert sel[u1.label][2:] == [angka.format_angka(u1.nrr, 3), angka.format_angka(u2.nrr, 3)]
    assert sel["Kesesuaian persyaratan pelayanan"][2] == "3,460"


def test_surveys_go_under_the_indicator_they_feed_else_into_a_section_of_their_own(demo):
    from sakip.organisasi.models import UnitKerja
    from sakip.perencanaan.models import Indikator
    from sakip.survei.models import unsur_bawaan

    renstra = renstra_setda()
    iku01 = Indikator.objects.get(renstra=renstra, kode="IKU01")
    organisasi = UnitKerja.objects.get(pemda__kode="64", kode="SETDA.ORGANISASI")
    hukum = UnitKerja.objects.get(pemda__kode="64", kode="SETDA.HUKUM")
    unsur = unsur_bawaan("permenpanrb_14_2017")
    Survei.objects.create(unit_kerja=organisasi, nama="SKM Organisasi", tahun=2024, periode="S1", unsur=unsur)
    Survei.objects.create(
        unit_kerja=hukum, nama="SKM Hukum", tahun=2024, periode="TAHUN", unsur=unsur, indikator=iku01
    )
    laporan = bangun_lkjip(renstra, 2024, pimpinan())
    analisis = next(b for b in laporan.bab[2].bagian if b.judul.startswith("C. "))
    # after the sasaran, before C.5–C.7 (efficiency, programs, comparison with the province) that close section C
    lain = analisis.sub[-4]
    assert lain.judul == "Hasil Survei Kepuasan Masyarakat Unit Layanan"
    n = len(laporan.ikhtisar.tabel.baris) - 1  # the sasaran (the summary's last row is the unit)
    assert [b.judul.split(" ")[0] for b in analisis.sub[-3:]] == [f"{n + 1}.", f"{n + 2}.", f"{n + 3}."]
    judul = [b.judul for b in lain.blok if isinstance(b, Tabel)]
    assert f"Hasil Survei Kepuasan Masyarakat {organisasi.nama} Tahun 2024" in judul
    teks = [b.teks for b in lain.blok if isinstance(b, Paragraf)]
    assert "Semester I 2024: 0 responden; IKM belum dapat dihitung karena belum ada jawaban." in teks
    # the linked survey: under IKU01's analysis in sasaran 1, whatever the indicator measures
    sasaran_1 = [b for b in analisis.sub[0].blok if isinstance(b, Tabel)]
    assert f"Hasil Survei Kepuasan Masyarakat {hukum.nama} Tahun 2024" in [t.judul for t in sasaran_1]
