"""What every endpoint shares: pagination, throttling, a fixed number of queries per list, the OpenAPI schema and
Swagger UI under the Content-Security-Policy."""

import re

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from sakip.api.tests.conftest import client_for, indikator
from sakip.organisasi.models import Pengguna
from sakip.pengukuran import services
from sakip.perencanaan.models import Indikator

LISTS = [
    "/api/renstra/",
    "/api/indikator/",
    "/api/target/",
    "/api/realisasi/",
    "/api/data-dukung/",
    "/api/anggaran/",
    "/api/survei/",
    "/api/unit-kerja/",
    "/api/tujuan/",
    "/api/sasaran/",
    "/api/program/",
    "/api/kegiatan/",
    "/api/sub-kegiatan/",
    "/api/pengguna/",
    "/api/penugasan/",
]


def test_lists_are_paginated_by_50_and_at_most_500(api):
    client = api("admin")  # the superuser sees the indicators of every demo pemda
    total = Indikator.objects.count()
    assert total > 50
    first = client.get("/api/indikator/").json()
    assert (first["count"], len(first["results"])) == (total, 50)
    assert first["next"].endswith("/api/indikator/?page=2")
    second = client.get("/api/indikator/", {"page": 2}).json()
    assert len(second["results"]) == min(50, total - 50)
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert len(client.get("/api/indikator/", {"page_size": 10_000}).json()["results"]) == min(total, 500)
    assert client.get("/api/indikator/", {"page": 999}).status_code == 404


def _queries(client, url, size):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page_size": size})
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries), len(response.json()["results"])


@pytest.mark.parametrize("url", LISTS)
def test_a_list_reads_the_same_number_of_queries_for_a_few_rows_and_for_many(api, url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = Pengguna.objects.get(username="admin.kaltim")
    for i in range(6):  # evidence rows for the data-dukung list
        services.upload_data_dukung(
            unit=indikator("IKU12").penanggung_jawab,
            nama=f"b{i}.pdf",
            isi=b"%PDF-1.4 " + bytes([i]),
            by=admin,
        )
    client = api("admin")
    sedikit, baris_sedikit = _queries(client, url, 1)
    banyak, baris_banyak = _queries(client, url, 500)
    assert baris_banyak > baris_sedikit, url
    assert banyak == sedikit, url


def test_a_client_over_its_rate_gets_429_with_retry_after(api):
    rates = {"anon": "2/minute", "user": "3/minute"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        client = api("pimpinan.setda")
        assert [client.get("/api/renstra/").status_code for _ in range(3)] == [200, 200, 200]
        throttled = client.get("/api/renstra/")
        assert throttled.status_code == 429
        assert int(throttled["Retry-After"]) > 0
        assert throttled.json()["detail"] == (
            f"Terlalu banyak permintaan dari akun atau alamat Anda. Coba lagi dalam {throttled['Retry-After']} detik."
        )
        # Another user has a count of their own.
        assert api("inspektorat").get("/api/renstra/").status_code == 200
        anonymous = client_for(None)
        statuses = [
            anonymous.post("/api/token/", {"username": "x", "password": "y"}).status_code for _ in range(3)
        ]
        assert statuses == [400, 400, 429]


def test_the_schema_generates_without_warnings_and_validates(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    paths = schema["paths"]
    assert "/api/realisasi/{id}/verifikasi/" in paths
    assert "/api/renstra/{id}/capaian/" in paths
    # Decimals travel as strings, never floats.
    assert schema["components"]["schemas"]["Realisasi"]["properties"]["nilai"]["type"] == "string"


def test_the_schema_is_served(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "SAKIP API"


def test_swagger_ui_is_served_from_this_origin_without_an_inline_script(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"script-src 'self'(;|$)", response["Content-Security-Policy"])
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    sources = re.findall(r'<script src="([^"]+)"', html)
    assert all(src.startswith("/") for src in sources), sources  # no CDN
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in src for src in sources)
    [init] = [src for src in sources if "script" in src.split("?", 1)[-1]]
    script = client.get(init.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


@pytest.mark.browser
def test_swagger_ui_renders_the_operations_under_the_csp(browser_page, db):
    violations = []
    browser_page.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    browser_page.goto("/api/docs/")
    # ".opblock-tag", not ".opblock-tag-section": past 29 tags Swagger UI renders the tags in view only, without sections
    browser_page.wait_for_selector(".opblock-tag", timeout=15_000)
    assert browser_page.locator(".opblock").count() > 10
    assert violations == []
