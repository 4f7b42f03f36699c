"""Moving between sections (issue #17 point 9): the chosen year follows the user, a unit's pages link to each other,
one search box finds indicators, units and documents within the user's access, and the dashboard's chart labels are
the codes shown in its table."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from sakip.pengukuran import services as pengukuran_services
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.tests.factories import renstra_dengan_iku


@pytest.fixture
def renstra(org, operator_a):
    return renstra_dengan_iku(
        org.biro_a, tahun_mulai=2022, tahun_selesai=2026, jumlah_indikator=3, by=operator_a
    )


def _tahun(client, nama, *args, **query):
    response = client.get(reverse(nama, args=args), query)
    assert response.status_code == 200, nama
    return response.context["tahun"]


def test_the_year_chosen_in_one_section_is_the_default_of_the_others(client, operator_a, renstra):
    client.force_login(operator_a)
    assert _tahun(client, "pengukuran:dasbor", tahun="2023") == 2023
    assert _tahun(client, "pelaporan:daftar") == 2023
    assert _tahun(client, "anggaran:pohon") == 2023
    assert _tahun(client, "pengukuran:dasbor_renstra", renstra.pk) == 2023
    # A year in an address is remembered too (a profile of 2022) ...
    assert client.get(reverse("profil:detail", args=[renstra.unit_kerja_id, 2022])).status_code == 200
    assert _tahun(client, "pengukuran:kelengkapan") == 2022
    # ... and a year given in the address always wins over the remembered one.
    assert _tahun(client, "pelaporan:daftar", tahun="2025") == 2025
    assert _tahun(client, "pengukuran:dasbor") == 2025


def test_the_remembered_year_belongs_to_the_session_of_that_user(client, operator_a, operator_b, renstra):
    client.force_login(operator_a)
    _tahun(client, "pengukuran:dasbor", tahun="2023")
    client.logout()
    client.force_login(operator_b)
    assert _tahun(client, "pelaporan:daftar") != 2023


def test_a_unit_page_links_to_its_renstra_dashboard_pk_reports_and_back(client, operator_a, renstra):
    pk = perencanaan_services.create_pk(
        unit_kerja=renstra.unit_kerja, renstra=renstra, tahun=2024, by=operator_a
    )
    client.force_login(operator_a)
    client.get(reverse("pengukuran:dasbor"), {"tahun": "2024"})

    unit = client.get(reverse("organisasi:unit_detail", args=[renstra.unit_kerja_id])).content.decode()
    assert f'href="{reverse("perencanaan:renstra_detail", args=[renstra.pk])}"' in unit
    assert f'href="{reverse("pengukuran:dasbor_renstra", args=[renstra.pk])}?tahun=2024"' in unit
    assert f'href="{reverse("perencanaan:pk_detail", args=[pk.pk])}"' in unit
    assert f'href="{reverse("evaluasi:unit", args=[renstra.unit_kerja_id])}"' in unit
    assert f'href="{reverse("profil:detail", args=[renstra.unit_kerja_id, 2024])}"' in unit

    halaman = {
        "renstra": client.get(reverse("perencanaan:renstra_detail", args=[renstra.pk])).content.decode(),
        "dasbor": client.get(reverse("pengukuran:dasbor_renstra", args=[renstra.pk])).content.decode(),
        "pk": client.get(reverse("perencanaan:pk_detail", args=[pk.pk])).content.decode(),
    }
    tautan = {
        "unit": f'href="{reverse("organisasi:unit_detail", args=[renstra.unit_kerja_id])}"',
        "renstra": f'href="{reverse("perencanaan:renstra_detail", args=[renstra.pk])}"',
        "dasbor": f'href="{reverse("pengukuran:dasbor_renstra", args=[renstra.pk])}?tahun=2024"',
        "pk": f'href="{reverse("perencanaan:pk_detail", args=[pk.pk])}"',
        "laporan": f'href="{reverse("pelaporan:daftar")}?tahun=2024"',
    }
    for nama, isi in halaman.items():
        for tujuan, href in tautan.items():
            if tujuan != nama:
                assert href in isi, (nama, tujuan)


def _cari(client, q):
    response = client.get(reverse("pelaporan:cari"), {"q": q})
    assert response.status_code == 200
    return response.context["hasil"]


def test_search_finds_indicators_units_and_documents_the_user_may_read(client, operator_a, renstra):
    dokumen = pengukuran_services.upload_data_dukung(
        unit=renstra.unit_kerja, nama="notulen-rapat-kesra.pdf", isi=b"%PDF-1.4\n%%EOF\n", by=operator_a
    )
    client.force_login(operator_a)
    hasil = _cari(client, "hal 2")
    assert [i.kode for i in hasil["indikator"]] == ["IKU02"]
    assert [u.nama for u in _cari(client, "Biro A")["unit"]] == ["Biro A"]
    assert [r.pk for r in _cari(client, "Renstra SETDA")["renstra"]] == [renstra.pk]
    assert [d.pk for d in _cari(client, "notulen")["dokumen"]] == [dokumen.pk]
    body = client.get(reverse("pelaporan:cari"), {"q": "IKU0"}).content.decode()
    assert body.count('class="badge">IKU0') == 3


def test_search_shows_an_outsider_nothing_of_another_unit(client, operator_b, renstra, operator_a):
    pengukuran_services.upload_data_dukung(
        unit=renstra.unit_kerja, nama="notulen-rapat-kesra.pdf", isi=b"%PDF-1.4\n%%EOF\n", by=operator_a
    )
    client.force_login(operator_b)
    for q in ["hal", "Biro A", "Renstra", "notulen", "IKU"]:
        hasil = _cari(client, q)
        assert not hasil["indikator"], q
        assert not hasil["renstra"], q
        assert not hasil["dokumen"], q
        assert [u.nama for u in hasil["unit"]] in ([], ["Biro B"]), q


def test_a_one_letter_search_asks_for_more(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("pelaporan:cari"), {"q": "a"})
    assert response.context["hasil"] == {}
    assert "Ketik sedikitnya 2 huruf" in response.content.decode()


def test_the_dashboard_chart_is_labelled_with_the_codes_shown_in_its_table(client, operator_a, renstra):
    client.force_login(operator_a)
    body = client.get(
        reverse("pengukuran:dasbor_renstra", args=[renstra.pk]), {"tahun": "2024"}
    ).content.decode()
    data = json.loads(
        re.search(r'<script id="data-grafik-capaian" type="application/json">(.*?)</script>', body)[1]
    )
    kode_di_tabel = re.findall(r'<span class="kode-indikator">([^<]+)</span>', body)
    assert kode_di_tabel == ["IKU01", "IKU02", "IKU03"]
    assert data["label"] == kode_di_tabel
