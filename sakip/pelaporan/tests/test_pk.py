"""The Perjanjian Kinerja document: statement, signature blocks, target and budget attachment."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document

from sakip.lib import angka
from sakip.organisasi.models import Pengguna
from sakip.pelaporan.lkjip import bangun_pk, pk_berlaku
from sakip.pelaporan.tests.test_laporan import renstra_setda


def test_pk_docx_has_signatures_targets_and_budget(demo, client):
    pk = pk_berlaku(renstra_setda(), 2024)
    dok = bangun_pk(pk)
    client.force_login(Pengguna.objects.get(username="pimpinan.setda"))
    response = client.get(reverse("pelaporan:pk_docx", args=[pk.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == "PERJANJIAN KINERJA TAHUN 2024"
    assert doc.paragraphs[0].style.name == "Heading 1"
    # two signature blocks (statement page and attachment), each naming both parties
    tanda_tangan = [t for t in doc.tables if len(t.columns) == 2]
    assert len(tanda_tangan) == 2
    for t in tanda_tangan:
        teks = t.rows[0].cells[0].text + t.rows[0].cells[1].text
        assert "PIHAK PERTAMA" in teks
        assert "PIHAK KEDUA" in teks
        if pk.pihak_pertama_nama:
            assert pk.pihak_pertama_nama in teks
    # every PK indicator line with its target
    lampiran = next(t for t in doc.tables if t.rows[0].cells[0].text == "No." and len(t.columns) == 5)
    baris = [[c.text for c in r.cells] for r in lampiran.rows[2:]]
    assert len(baris) == pk.indikator.count()
    for line in pk.indikator.select_related("indikator"):
        assert [line.indikator.nama, line.target_teks] in [[r[2], r[4]] for r in baris]
    # budget total
    anggaran = next(t for t in doc.tables if t.rows[0].cells[1].text == "Program")
    jumlah = sum(p.pagu for p in pk.program.all())
    # the amount is kept on one line with its currency by a no-break space
    assert anggaran.rows[-1].cells[2].text == angka.format_rupiah(jumlah).replace(" ", "\u00a0")
    assert dok.tabel_anggaran.nilai[-1][2] == jumlah


def test_pk_docx_outsider_404(demo, client):
    pk = pk_berlaku(renstra_setda(), 2024)
    client.force_login(Pengguna.objects.get(username="operator.adpim"))
    assert client.get(reverse("pelaporan:pk_docx", args=[pk.pk])).status_code == 404
