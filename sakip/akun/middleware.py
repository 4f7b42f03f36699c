"""Keeps a user who must enrol a second factor on the enrolment page until they have (see views.MasukView)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from sakip.akun.views import WAJIB_DAFTAR

BOLEH = {"akun:keamanan", "akun:daftar", "akun:konfirmasi", "logout", "login", "sehat"}


class WajibDuaFaktorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        # A session flag, set only by the login view: no query on any request.
        if not request.session.get(WAJIB_DAFTAR) or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in BOLEH:
            return None
        pesan = "Aktifkan verifikasi dua langkah di halaman Keamanan akun terlebih dahulu."
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": pesan}, status=403)
        response = redirect("akun:keamanan")
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = response["Location"]
        return response
