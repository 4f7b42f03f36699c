"""Behind a real nginx, configured with the proxy headers of docs/deploy.md, every client keeps its own address
(issue 19): one attacker can no longer lock another address's user out, use up a citizen's survey limit or the
anonymous API limit of everyone else.

The test starts Debian's nginx itself (its own configuration in a temporary directory, a free loopback port) in front
of the live test server, and sends requests from two loopback source addresses, 127.0.0.2 (the attacker) and
127.0.0.3 (the user). Without nginx the test fails rather than skips: scripts/ensure-system-packages.sh installs it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from axes.models import AccessAttempt
from django.core.cache import cache

from sakip.organisasi.tests.factories import PASSWORD
from sakip.survei import pembatas
from sakip.survei import services as survei_services
from sakip.survei.models import Respons
from sakip.survei.tests.conftest import data_post

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]
NGINX = "/usr/sbin/nginx"
PENYERANG, PENGGUNA = "127.0.0.2", "127.0.0.3"


def _header_proxy_dokumentasi() -> list[str]:
    """The `proxy_set_header` lines of the nginx block in docs/deploy.md: the test runs what the docs tell."""
    teks = (ROOT / "docs" / "deploy.md").read_text()
    blok = re.search(r"```nginx\n(.*?)```", teks, re.S)
    assert blok, "docs/deploy.md has no nginx block"
    baris = [b.strip() for b in blok.group(1).splitlines() if b.strip().startswith("proxy_set_header")]
    assert any("X-Forwarded-For" in b for b in baris), (
        "docs/deploy.md's nginx block does not pass the client address"
    )
    return baris


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path: Path, settings) -> Iterator[str]:
    """nginx on a free loopback port in front of the live server; its URL. nginx connects from 127.0.0.1, the one
    trusted proxy."""
    if not os.access(NGINX, os.X_OK):
        pytest.fail(f"{NGINX} tidak ada: jalankan scripts/ensure-system-packages.sh (paket nginx-light).")
    settings.PROXY_TERPERCAYA = ["127.0.0.1"]
    cache.clear()
    hulu = urlsplit(live_server.url).port
    port = _port_bebas()
    header = "\n".join(f"            {b}" for b in _header_proxy_dokumentasi())
    (tmp_path / "nginx.conf").write_text(
        f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{hulu};
{header}
        }}
    }}
}}
"""
    )
    proses = subprocess.Popen(  # noqa: S603 (fixed binary, own configuration)
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        batas = time.monotonic() + 10
        while True:
            if proses.poll() is not None:
                pytest.fail(f"nginx berhenti: {proses.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > batas:
                    pytest.fail("nginx tidak mendengarkan dalam 10 detik")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proses.terminate()
        proses.wait(10)
        cache.clear()


def _klien(url: str, alamat: str) -> httpx.Client:
    return httpx.Client(
        base_url=url, transport=httpx.HTTPTransport(local_address=alamat), timeout=30, follow_redirects=False
    )


def _kirim_formulir(klien: httpx.Client, url: str, data: dict[str, str]) -> httpx.Response:
    """As a browser does: open the form (its CSRF cookie and token), then send it."""
    halaman = klien.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', halaman.text).group(1)
    return klien.post(url, data={"csrfmiddlewaretoken": token, **data})


def _masuk(klien: httpx.Client, username: str, password: str) -> httpx.Response:
    return _kirim_formulir(klien, "/masuk/", {"username": username, "password": password})


def test_an_attacker_behind_nginx_cannot_lock_out_a_user_at_another_address(nginx, operator_a, settings):
    with _klien(nginx, PENYERANG) as penyerang, _klien(nginx, PENGGUNA) as pengguna:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert _masuk(penyerang, "operator_a", "salah").status_code == 200
        assert _masuk(penyerang, "operator_a", "salah").status_code == 429
        terkunci = _masuk(penyerang, "operator_a", PASSWORD)
        assert terkunci.status_code == 429
        assert "Terlalu banyak percobaan masuk" in terkunci.text
        # The lockout names the attacker's address, not nginx's.
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PENYERANG}

        masuk = _masuk(pengguna, "operator_a", PASSWORD)
        assert masuk.status_code == 302
        assert masuk.headers["location"] == "/"
        assert pengguna.get("/").status_code == 200


def test_a_header_forged_by_the_attacker_does_not_move_the_lockout_to_another_address(
    nginx, operator_a, settings
):
    with _klien(nginx, PENYERANG) as penyerang, _klien(nginx, PENGGUNA) as pengguna:
        penyerang.headers["X-Forwarded-For"] = PENGGUNA
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _masuk(penyerang, "operator_a", "salah")
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PENYERANG}
        assert _masuk(pengguna, "operator_a", PASSWORD).status_code == 302


def test_one_address_using_up_the_survey_limit_behind_nginx_leaves_the_next_citizen_free(
    nginx, org, operator_a
):
    survei = survei_services.create_survei(
        unit_kerja=org.biro_a, by=operator_a, nama="SKM di balik nginx", tahun=2024, periode="S1"
    )
    url = f"/survei/isi/{survei.kode}/"
    with _klien(nginx, PENYERANG) as penyerang, _klien(nginx, PENGGUNA) as warga:
        for _ in range(pembatas.BATAS_PER_KLIEN):
            assert _kirim_formulir(penyerang, url, data_post(survei)).status_code == 302
        banjir = _kirim_formulir(penyerang, url, data_post(survei))
        assert banjir.status_code == 429
        assert "Terlalu banyak jawaban" in banjir.text
        assert _kirim_formulir(warga, url, data_post(survei)).status_code == 302
    assert Respons.objects.filter(survei=survei).count() == pembatas.BATAS_PER_KLIEN + 1


def test_the_anonymous_api_limit_behind_nginx_counts_each_address(nginx, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "100000/hour"},
    }
    with _klien(nginx, PENYERANG) as penyerang, _klien(nginx, PENGGUNA) as pengguna:
        for _ in range(3):
            assert penyerang.post("/api/token/", json={}).status_code == 400
        dibatasi = penyerang.post("/api/token/", json={})
        assert dibatasi.status_code == 429
        assert dibatasi.json()["detail"].startswith(
            "Terlalu banyak permintaan dari akun atau alamat Anda. Coba lagi"
        )
        assert pengguna.post("/api/token/", json={}).status_code == 400
