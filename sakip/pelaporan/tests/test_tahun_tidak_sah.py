"""A year outside 2000–2100 (0, -1, 23 digits, 40000) gets a clear Indonesian message on every page, never a 500,
and nothing is stored (issue 19, part B)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sakip.lib import tahun as lib_tahun
from sakip.pengukuran.models import KunciTahun, Narasi, Realisasi
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.profil.models import ProfilOrganisasi
from sakip.survei.models import Survei

TAHUN_SALAH = ["0", "-1", "1" * 23, "40000"]
PESAN = "Tahun tidak valid"


def _pola_dengan_tahun(resolver=None, awalan=""):
    """(route, names of arguments) of every URL pattern taking a year in its path."""
    for pola in (resolver or get_resolver()).url_patterns:
        route = awalan + str(pola.pattern)
        if isinstance(pola, URLResolver):
            yield from _pola_dengan_tahun(pola, route)
        elif isinstance(pola, URLPattern) and "tahun" in pola.pattern.converters:
            yield route, pola


POLA_TAHUN = sorted(route for route, _ in _pola_dengan_tahun())


def test_every_url_taking_a_year_uses_the_year_converter():
    assert len(POLA_TAHUN) >= 20
    for _, pola in _pola_dengan_tahun():
        assert isinstance(pola.pattern.converters["tahun"], lib_tahun.Converter), str(pola.pattern)


def _isi(route: str, tahun: str) -> str:
    return "/" + re.sub(
        r"<(\w+):(\w+)>", lambda m: tahun if m[2] == "tahun" else ("1" if m[1] == "int" else "x"), route
    )


@pytest.mark.parametrize("route", POLA_TAHUN)
@pytest.mark.parametrize("tahun", TAHUN_SALAH)
def test_a_bad_year_in_any_address_gets_400_with_the_message(client, admin_pemda, route, tahun):
    client.force_login(admin_pemda)
    response = client.get(_isi(route, tahun))  # checked before the view, whatever its method
    assert response.status_code == 400, route
    assert PESAN in response.content.decode()


@pytest.fixture
def renstra(org, operator_a):
    return renstra_dengan_iku(org.biro_a, by=operator_a)


def _halaman_query(renstra) -> list[str]:
    indikator = renstra.indikator.get(kode="IKU01")
    return [
        reverse("pengukuran:dasbor"),
        reverse("pengukuran:dasbor_xlsx"),
        reverse("pengukuran:dasbor_renstra", args=[renstra.pk]),
        reverse("pengukuran:dasbor_renstra_xlsx", args=[renstra.pk]),
        reverse("pengukuran:indikator", args=[indikator.pk]),
        reverse("pengukuran:kelengkapan"),
        reverse("pengukuran:kualitas_data"),
        reverse("anggaran:pohon"),
        reverse("anggaran:tabel_2_5"),
        reverse("anggaran:tabel_3_18"),
        reverse("anggaran:tabel_3_19_xlsx"),
        reverse("anggaran:impor"),
        reverse("anggaran:impor_templat"),
        reverse("evaluasi:daftar"),
        reverse("evaluasi:unit", args=[renstra.unit_kerja.pk]),
        reverse("pelaporan:daftar"),
    ]


@pytest.mark.parametrize("tahun", TAHUN_SALAH)
def test_a_bad_year_as_a_query_parameter_gets_400_with_the_message_on_every_page(
    client, operator_a, renstra, tahun
):
    client.force_login(operator_a)
    for alamat in _halaman_query(renstra):
        response = client.get(alamat, {"tahun": tahun})
        assert response.status_code == 400, alamat
        assert PESAN in response.content.decode(), alamat
    response = client.get(reverse("perencanaan:templat"), {"tahun_mulai": tahun})
    assert response.status_code == 400
    response = client.get(reverse("profil:daftar"), {"unit": renstra.unit_kerja.pk, "tahun": tahun})
    assert response.status_code == 400


@pytest.mark.parametrize("tahun", TAHUN_SALAH)
def test_a_realisasi_or_narrative_for_a_bad_year_is_refused_and_nothing_is_stored(
    client, operator_a, renstra, tahun
):
    indikator = renstra.indikator.get(kode="IKU01")
    client.force_login(operator_a)
    alamat = reverse("pengukuran:simpan_realisasi", args=[indikator.pk]) + f"?tahun={tahun}"
    response = client.post(
        alamat, {"prefix": "TAHUN", "TAHUN-selesai": "1", "TAHUN-usulan": "1", "TAHUN-versi": "0"}
    )
    assert response.status_code == 400
    assert PESAN in response.content.decode()
    response = client.post(
        reverse("pengukuran:simpan_narasi", args=[indikator.pk]) + f"?tahun={tahun}",
        {"analisis": "x", "versi": "0"},
    )
    assert response.status_code == 400
    assert not Realisasi.objects.exists()
    assert not Narasi.objects.exists()


@pytest.mark.parametrize("tahun", TAHUN_SALAH)
def test_locking_a_bad_year_says_why_and_stores_nothing(client, admin_pemda, org, tahun):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("pengukuran:kunci"), {"pemda": org.pemda.pk, "tahun": tahun, "aksi": "kunci"}, follow=True
    )
    assert response.status_code == 200
    assert PESAN in response.content.decode()
    assert not KunciTahun.objects.exists()


@pytest.mark.parametrize("tahun", TAHUN_SALAH)
def test_forms_with_a_year_refuse_a_bad_one_with_the_message(client, admin_pemda, org, tahun):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("survei:baru"), {"unit_kerja": org.biro_a.pk, "tahun": tahun, "nama": "SKM"}
    )
    assert response.status_code == 200
    assert PESAN in response.content.decode()
    assert not Survei.objects.exists()


def test_copying_a_profile_from_a_bad_year_gets_400(client, operator_a, org):
    client.force_login(operator_a)
    response = client.post(reverse("profil:salin", args=[org.biro_a.pk, 2024]), {"dari": "1" * 23})
    assert response.status_code == 400
    assert PESAN in response.content.decode()
    assert not ProfilOrganisasi.objects.exists()


@pytest.mark.parametrize(("teks", "tahun"), [("2024", 2024), (" 2000 ", 2000), ("2100", 2100), (2050, 2050)])
def test_the_parser_accepts_years_in_range(teks, tahun):
    assert lib_tahun.parse(teks) == tahun


@pytest.mark.parametrize(
    "teks", [*TAHUN_SALAH, "1999", "2101", "", "abc", "2024.0", "٢٠٢٤", True, None, 2024.0]
)
def test_the_parser_refuses_anything_else_with_the_indonesian_message(teks):
    with pytest.raises(lib_tahun.TahunTidakSah) as exc:
        lib_tahun.parse(teks)
    assert str(exc.value).startswith("Tahun tidak valid: ")
    assert "antara 2000 dan 2100" in str(exc.value)
    assert len(str(exc.value)) < 120
