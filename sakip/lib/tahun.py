"""Years typed by people or put in addresses: one parser, one validator, one URL converter, one answer.

A year outside 2000–2100 (0, -1, a 23-digit number, 40000) is never a real SAKIP year: every page answers it with
400 and an Indonesian message (`TahunMiddleware`), never a 500 from a date or an integer column, and nothing is
stored. The bounds are the ones the models already declare for Renstra and evaluations.

- `parse(teks)`: text → year, or `TahunTidakSah` (a ValueError) with the message;
- `dari_query(request)`: the `?tahun=` of a request (absent or empty → the default);
- `terpilih(request, bawaan)`: the user's chosen year, which follows them across sections (`?tahun=` wins and is
  remembered in the session; a year in an address is remembered too);
- `validasi`: the Django validator for form and model fields; `field()`: a form field using it;
- `Converter` (`<tahun:tahun>` in URLs): matches any path segment, so that the middleware answers a bad one with a
  message instead of the generic 404;
- `TahunMiddleware`: checks every year in a URL's arguments before the view runs, and turns a `TahunTidakSah`
  raised by a view into the same 400 page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

MIN = 2000
MAKS = 2100
_ANGKA = re.compile(r"\s*[0-9]{1,9}\s*")
# URL arguments holding a year.
ARGUMEN_URL = ("tahun", "tahun_mulai", "tahun_selesai")


def pesan(teks: object) -> str:
    ditampilkan = str(teks)
    if len(ditampilkan) > 12:
        ditampilkan = ditampilkan[:12] + "…"
    return f"Tahun tidak valid: '{ditampilkan}'. Tahun harus berupa angka antara {MIN} dan {MAKS}."


class TahunTidakSah(ValueError):
    """A year outside MIN..MAKS or not a number; `str(exc)` is the Indonesian message."""


def parse(teks: object) -> int:
    """The year in `teks` (an int, or digits with optional spaces); TahunTidakSah otherwise."""
    if isinstance(teks, int) and not isinstance(teks, bool):
        nilai = teks
    elif isinstance(teks, str) and _ANGKA.fullmatch(teks):
        nilai = int(teks)
    else:
        raise TahunTidakSah(pesan(teks))
    if not MIN <= nilai <= MAKS:
        raise TahunTidakSah(pesan(teks))
    return nilai


def dari_query(request: HttpRequest, nama: str = "tahun", bawaan: int | None = None) -> int | None:
    """The year given as `?nama=`, `bawaan` when absent or empty; TahunTidakSah when given but not a year."""
    teks = request.GET.get(nama, "")
    if not teks.strip():
        return bawaan
    return parse(teks)


KUNCI_SESI = "sakip_tahun"


def terpilih(request: HttpRequest, bawaan: int | None = None) -> int | None:
    """The year the user is working on: `?tahun=` when given (and remembered in the session), else the year last
    chosen in any section (a `?tahun=` or a year in an address, see `TahunMiddleware`), else `bawaan`."""
    tahun = dari_query(request)
    if tahun is not None:
        ingat(request, tahun)
        return tahun
    sesi = getattr(request, "session", None)
    try:
        return parse(sesi.get(KUNCI_SESI)) if sesi is not None and KUNCI_SESI in sesi else bawaan
    except TahunTidakSah:
        return bawaan


def ingat(request: HttpRequest, tahun: int) -> None:
    """Remember `tahun` as the user's chosen year (only for a logged-in user with a session)."""
    sesi = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if sesi is not None and user is not None and user.is_authenticated and sesi.get(KUNCI_SESI) != tahun:
        sesi[KUNCI_SESI] = tahun


def validasi(nilai: Any) -> None:
    """Validator for form and model fields."""
    try:
        parse(nilai)
    except TahunTidakSah as exc:
        raise ValidationError(str(exc), code="tahun") from None


def field(label: str = "Tahun", **kwargs: Any) -> forms.IntegerField:
    """A form field for a year: whole numbers only, within MIN..MAKS, Indonesian messages."""
    kwargs.setdefault("error_messages", {"invalid": f"Tahun harus berupa angka antara {MIN} dan {MAKS}."})
    return forms.IntegerField(label=label, min_value=None, max_value=None, validators=[validasi], **kwargs)


class Converter:
    """`<tahun:tahun>`: any path segment (a negative or very long number, letters), checked by `TahunMiddleware`,
    so that a nonsense year is answered with the year's message rather than a bare 404. A segment that is not a
    whole number reaches the middleware as text (which `parse` refuses)."""

    regex = "[^/]+"

    def to_python(self, value: str) -> int | str:
        try:
            return int(value)
        except ValueError:
            return value

    def to_url(self, value: int) -> str:
        return str(value)


def _tolak(request: HttpRequest, alasan: str) -> HttpResponse:
    return render(request, "lib/tahun_tidak_sah.html", {"pesan": alasan}, status=400)


class TahunMiddleware:
    """400 with a message for a year outside the allowed range, wherever it comes from (URL or a view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        for nama in ARGUMEN_URL:
            if nama in kwargs:
                try:
                    tahun = parse(kwargs[nama])
                except TahunTidakSah as exc:
                    return _tolak(request, str(exc))
                if nama == "tahun" and request.method == "GET":
                    ingat(request, tahun)  # the year of an address follows the user to the other sections
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, TahunTidakSah):
            return _tolak(request, str(exception))
        return None
