"""Project-level views."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache
def sehat(request: HttpRequest) -> JsonResponse:
    """Health check for the load balancer and monitoring: 200 when the database answers, else 503. No login, no data."""
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "basis data tidak tersedia"}, status=503)
    return JsonResponse({"status": "ok"})


def csrf_gagal(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (expired page, cookies blocked): 403 in the site's layout, in Indonesian."""
    return render(request, "403_csrf.html", status=403)
