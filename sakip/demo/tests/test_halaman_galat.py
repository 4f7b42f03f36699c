"""Error pages in the site's layout and in Indonesian (403, 404, 500, a refused form), and nonsense years answered
with a message on every page of the demo, never with a 500 (issue #17, point 10). DEBUG is off, as in production."""

from __future__ import annotations

import re

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve, reverse
from django.views import defaults

from config import urls as config_urls
from sakip.demo.tests import test_matriks_akses as matriks
from sakip.organisasi.models import Pengguna

MENU = "Renstra &amp; IKU"  # a link of the main menu: the page is in the site's layout for a logged-in user


def _rusak(request: HttpRequest) -> None:
    raise RuntimeError("kesalahan yang tidak tertangani")


# This module is also a URL conf (for the 500 test): the product's URLs plus one view that fails.
urlpatterns = [path("uji-rusak/", _rusak), *config_urls.urlpatterns]


@pytest.fixture(autouse=True)
def _tanpa_debug(settings):
    settings.DEBUG = False


@pytest.fixture
def akun(demo):
    return {u.username: u for u in Pengguna.objects.filter(username__in=["admin.kaltim", "pimpinan.adpim"])}


def _as(user: Pengguna, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_a_read_only_user_refused_a_form_sees_an_indonesian_403_in_the_layout(akun):
    response = _as(akun["pimpinan.adpim"]).get(reverse("perencanaan:renstra_create"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Akses ditolak" in body
    assert MENU in body
    assert "Forbidden" not in body


def test_a_missing_page_or_object_shows_an_indonesian_404_in_the_layout(akun):
    client = _as(akun["pimpinan.adpim"])
    for alamat in ["/tidak-ada/", reverse("perencanaan:renstra_detail", args=[matriks._renstra().pk])]:
        response = client.get(alamat)  # the second: the Setda's Renstra, outside Biro Adpim's scope
        assert response.status_code == 404, alamat
        body = response.content.decode()
        assert "Halaman tidak ditemukan" in body
        assert MENU in body
        assert "Not Found" not in body


@pytest.mark.urls(__name__)
def test_an_unhandled_error_shows_an_indonesian_500_page(akun):
    response = _as(akun["admin.kaltim"], raise_request_exception=False).get("/uji-rusak/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Terjadi kesalahan pada server" in body
    assert 'class="topbar"' in body  # the site's layout (without the menu: the page needs no request)
    assert "Server Error" not in body


def test_the_500_page_renders_without_a_database():
    """No `db` fixture here: any query would fail the test, as when the database is the thing that is down."""
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()


def test_a_form_posted_without_its_csrf_token_gets_an_indonesian_page_in_the_layout(akun):
    client = _as(akun["admin.kaltim"], enforce_csrf_checks=True)
    response = client.post(reverse("perencanaan:renstra_create"), {"nama": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulir tidak dapat diproses" in body
    assert MENU in body
    assert "CSRF verification failed" not in body


# --- nonsense years ------------------------------------------------------------------------------------------------

DUA_PULUH_DIGIT = "9" * 20
HURUF = "duaribu"


def _rute_tahun(resolver: URLResolver | None = None, awalan: str = ""):
    for pola in (resolver or get_resolver()).url_patterns:
        route = awalan + str(pola.pattern)
        if isinstance(pola, URLResolver):
            yield from _rute_tahun(pola, route)
        elif isinstance(pola, URLPattern) and "tahun" in pola.pattern.converters:
            yield route


CONTOH = {"int": "1", "uuid": "12345678-1234-5678-1234-567812345678"}


def _isi(route: str, tahun: str) -> str:
    return "/" + re.sub(
        r"<(\w+):(\w+)>", lambda m: tahun if m[2] == "tahun" else CONTOH.get(m[1], "x"), route
    )


@pytest.mark.parametrize("tahun", [DUA_PULUH_DIGIT, HURUF, "20x4"])
def test_a_nonsense_year_in_any_address_is_answered_with_the_message(akun, tahun):
    client = _as(akun["admin.kaltim"])
    rute = sorted(_rute_tahun())
    assert len(rute) >= 20
    for route in rute:
        response = client.get(_isi(route, tahun))
        assert response.status_code == 400, route
        assert "Tahun tidak valid" in response.content.decode(), route


def test_the_year_converter_shadows_no_other_address():
    """The converter matches any segment: every named address must still resolve to itself."""
    for name in matriks._semua_nama():
        pola = resolve_pattern(name)
        if any(c in pola for c in "^$(\\"):
            continue  # the API router's regular expressions: no year in them
        contoh = _isi(pola, "2024")
        assert resolve(contoh).view_name == name, (name, contoh)


def resolve_pattern(name: str) -> str:
    """The route text of a named pattern (namespaces joined)."""

    def walk(resolver: URLResolver, ns: str, awalan: str):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    continue
                yield from walk(p, f"{ns}{p.namespace}:" if p.namespace else ns, awalan + str(p.pattern))
            else:
                yield ns + (p.name or ""), awalan + str(p.pattern)

    return dict(walk(get_resolver(), "", ""))[name]


@pytest.mark.parametrize("tahun", [DUA_PULUH_DIGIT, HURUF])
def test_a_nonsense_year_in_the_query_of_any_page_is_never_a_500(akun, tahun):
    """Every page of the access matrix, opened by the pemda's admin with nonsense in each year parameter."""
    client = _as(akun["admin.kaltim"])
    query = {"tahun": tahun, "tahun_mulai": tahun, "tahun_selesai": tahun}
    ditanya = 0
    for name, kwargs_of in matriks.OBJEK.items():
        if name in {"logout", "sehat"} or name in matriks.PEMILIK_SAJA:
            continue
        url = reverse(name, kwargs=kwargs_of() or None)
        response = client.get(url, query)
        if response.status_code == 405:
            continue  # POST only
        ditanya += 1
        assert response.status_code < 500, (name, response.status_code)
        if response.status_code == 400:
            assert "Tahun tidak valid" in response.content.decode(), name
    assert ditanya > 80
