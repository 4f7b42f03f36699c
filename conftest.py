"""Project-wide pytest set-up: deterministic hypothesis runs."""

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "sakip", derandomize=True, deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("sakip")


@pytest.fixture
def tanpa_dua_faktor(org):
    """The test pemda asks no role for a second factor (as the demo's): for walks that are not about it. Here, outside
    the `sakip` package, so that the apps' tests can use it without importing `sakip.akun` (the layer contract)."""
    from sakip.akun.models import KebijakanDuaFaktor

    return KebijakanDuaFaktor.objects.create(pemda=org.pemda, wajib_admin_pemda=False, wajib_evaluator=False)
