"""Panels of the home page provided by the layers above (the to-do list of `pengukuran`): `organisasi` cannot import
them, so they register here in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

# Each provider returns {"template": ..., plus its context} or None when it has nothing for this user.
PENYEDIA: list[Callable[[HttpRequest], dict[str, Any] | None]] = []


def daftarkan(penyedia: Callable[[HttpRequest], dict[str, Any] | None]) -> None:
    if penyedia not in PENYEDIA:
        PENYEDIA.append(penyedia)


def untuk(request: HttpRequest) -> list[dict[str, Any]]:
    return [p for p in (f(request) for f in PENYEDIA) if p]
