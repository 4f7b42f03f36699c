"""The IKU decree and the Perjanjian Kinerja as PDF, through LibreOffice (installed by `make test`)."""

from __future__ import annotations

from django.urls import reverse

from sakip.pelaporan.tests import pdfteks
from sakip.perencanaan import services
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pdfteks.tanpa_soffice()


def _teks(pdf: bytes) -> str:
    return "\n".join(pdfteks.halaman(pdf, tata_letak=False))


def test_the_decree_and_the_pk_convert_to_pdf(client, org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=3)
    services.simpan_keputusan_iku(renstra=renstra, by=operator_a, nomor="061/RO-A/2024", tempat="Samarinda")
    perjanjian = services.create_pk(
        unit_kerja=org.biro_a, renstra=renstra, tahun=2024, by=operator_a, pihak_pertama_nama="KEPALA A"
    )
    client.force_login(operator_a)

    response = client.get(reverse("pelaporan:iku_pdf", args=[renstra.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    teks = _teks(response.content)
    for kata in (
        "KEPUTUSAN KEPALA BIRO A",
        "NOMOR 061/RO-A/2024",
        "MEMUTUSKAN",
        "KESATU",
        "Ditetapkan di : Samarinda",
        "LAMPIRAN",
        "Persentase hal 1",
        "Persentase hal 3",
        "93,00",
    ):
        assert pdfteks.ada_berurutan(teks, kata), kata
    # Arial is rendered with its metric twin, so the PDF wraps where Word does; nothing falls back to DejaVu
    assert pdfteks.huruf(response.content) <= {
        "LiberationSans",
        "LiberationSans-Bold",
        "LiberationSans-Italic",
    }

    response = client.get(reverse("pelaporan:pk_pdf", args=[perjanjian.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-v1.pdf"')
    teks = _teks(response.content)
    assert pdfteks.ada_berurutan(teks, "PERJANJIAN KINERJA TAHUN 2024")
    assert pdfteks.ada_berurutan(teks, "KEPALA A")
    assert "LiberationSans" in pdfteks.huruf(response.content)
    assert not {h for h in pdfteks.huruf(response.content) if not h.startswith("LiberationSans")}


def test_words_in_order_do_not_depend_on_where_a_line_wraps():
    assert pdfteks.ada_berurutan("x Persentase\nhal 1 y", "Persentase hal 1")
    assert not pdfteks.ada_berurutan("Persentase hal 2 hal 1", "Persentase hal 1")
    assert not pdfteks.ada_berurutan("hal 1 Persentase", "Persentase hal 1")
    # in -layout text another column's words may stand between a cell's two lines
    assert pdfteks.ada_berurutan("Persentase Capaian 93,00\nhal 1", "Persentase hal 1", sela=2)
    assert not pdfteks.ada_berurutan("Persentase Capaian 93,00\nhal 1", "Persentase hal 1")
    assert pdfteks.ada_berurutan("MEMUTUSKAN:\nKESATU", "MEMUTUSKAN")
    assert pdfteks.ada_berurutan("NOMOR 061/RO-A/2024 TENTANG", "NOMOR 061/RO-A/2024")
    assert not pdfteks.ada_berurutan("NOMOR 061/RO-A/2024 TENTANG", "NOMOR 062")
