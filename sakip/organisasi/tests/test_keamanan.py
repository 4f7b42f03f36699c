"""Security settings and headers (issue: security hardening)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from sakip.organisasi.tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[3]


def test_repeated_failed_logins_lock_the_user_out_even_with_the_right_password(client, operator_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "operator_a", "password": "salah"}, REMOTE_ADDR="10.0.0.7")
    response = client.post(
        reverse("login"), {"username": "operator_a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_block_the_same_user_from_another_address(client, operator_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "operator_a", "password": "salah"}, REMOTE_ADDR="10.0.0.7")
    response = client.post(
        reverse("login"), {"username": "operator_a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.8"
    )
    assert response.status_code == 302


def test_pages_carry_a_strict_content_security_policy_and_the_usual_headers(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert script_src.strip() == "'self'"
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_an_inline_script_the_policy_would_block():
    offenders = []
    for path in list(ROOT.glob("templates/**/*.html")) + list(ROOT.glob("sakip/**/templates/**/*.html")):
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", path.read_text()):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []


def _settings_in_subprocess(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAKIP_")}
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", f"import config.settings as s; {code}"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess({"SAKIP_DEBUG": "0"}, "print('loaded')")
    assert result.returncode != 0
    assert "SAKIP_SECRET_KEY wajib diisi" in result.stderr


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("s.DEBUG", "False"),
        ("s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE", "True"),
        ("s.SECURE_HSTS_SECONDS > 0", "True"),
        ("'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE", "True"),
    ],
)
def test_production_settings_are_secure_by_default(expr, expected):
    result = _settings_in_subprocess({"SAKIP_SECRET_KEY": "x" * 50}, f"print({expr})")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_production_api_throttle_counts_are_shared_by_every_worker_process(tmp_path):
    """Two processes (as two gunicorn workers) see one cache: a count written by one is read by the other, so the
    API rate limit holds per client, not per worker. DRF's throttles keep their history in this default cache."""
    env = {"SAKIP_SECRET_KEY": "x" * 50, "SAKIP_CACHE_DIR": str(tmp_path / "cache")}
    siapkan = "import django; django.setup(); from django.core.cache import cache; "
    tulis = _settings_in_subprocess(env, siapkan + "cache.set('throttle_user_7', [1.0, 2.0, 3.0], 60)")
    assert tulis.returncode == 0, tulis.stderr
    baca = _settings_in_subprocess(env, siapkan + "print(cache.get('throttle_user_7'))")
    assert baca.returncode == 0, baca.stderr
    assert baca.stdout.strip() == "[1.0, 2.0, 3.0]"
    cek = _settings_in_subprocess(
        env,
        siapkan
        + "from rest_framework.throttling import SimpleRateThrottle; print(SimpleRateThrottle.cache is cache)",
    )
    assert cek.stdout.strip() == "True", cek.stderr


@pytest.mark.parametrize(
    ("env", "pesan"),
    [
        ({"SAKIP_PROXY_COUNT": "1"}, "SAKIP_PROXY_COUNT tidak dipakai lagi"),
        ({"SAKIP_PROXY_TERPERCAYA": "127.0.0.1,nginx"}, "SAKIP_PROXY_TERPERCAYA berisi 'nginx'"),
    ],
    ids=["hitungan_proxy_lama", "proxy_bukan_alamat"],
)
def test_a_proxy_setting_that_would_not_take_effect_stops_the_start(env, pesan):
    """SAKIP_PROXY_COUNT used to be accepted and ignored (every user then had the proxy's address)."""
    result = _settings_in_subprocess({"SAKIP_SECRET_KEY": "x" * 50, **env}, "print('loaded')")
    assert result.returncode != 0
    assert pesan in result.stderr


def test_the_lockout_keys_on_the_address_from_the_trusted_proxies():
    result = _settings_in_subprocess(
        {"SAKIP_SECRET_KEY": "x" * 50, "SAKIP_PROXY_TERPERCAYA": "127.0.0.1, 10.0.0.0/24"},
        "print(s.AXES_CLIENT_IP_CALLABLE, s.PROXY_TERPERCAYA)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "sakip.lib.klien.alamat_klien ['127.0.0.1', '10.0.0.0/24']"
