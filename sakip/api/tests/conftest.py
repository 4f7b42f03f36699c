"""Personas on the demo data of Setda Kaltim, each with an API client authenticated by their token."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Pemda, Pengguna
from sakip.perencanaan.models import Indikator, RencanaStrategis

KALTIM = "64"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


def client_for(user: Pengguna | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api(demo) -> Callable[[str | None], APIClient]:
    """`api("operator.organisasi")`: a client sending that demo user's token (None: anonymous)."""

    def make(username: str | None) -> APIClient:
        return client_for(Pengguna.objects.get(username=username) if username else None)

    return make


@pytest.fixture
def luar(demo) -> Pengguna:
    """An operator of Kalbar's Biro Umum: outside every Kaltim object."""
    user = Pengguna.objects.create_user("operator.kalbar", password="x-rahasia-123")
    kalbar = Pemda.objects.get(kode="61")
    org_services.assign_role(
        pengguna=user, peran="operator", pemda=kalbar, unit_kerja=kalbar.unit_kerja.get(kode="SETDA.UMUM")
    )
    return user


def renstra_setda() -> RencanaStrategis:
    return RencanaStrategis.objects.get(
        unit_kerja__pemda__kode=KALTIM, unit_kerja__kode="SETDA", tahun_mulai=2024
    )


def indikator(kode: str) -> Indikator:
    return renstra_setda().indikator.get(kode=kode)
