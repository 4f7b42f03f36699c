"""The webhook may not reach internal addresses: checked when the admin saves the URL (message at the field) and
again when the worker sends (a name resolving to loopback at send time is refused, nothing is posted)."""

import ipaddress
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sakip.notifikasi import alamat, services
from sakip.notifikasi.models import Webhook


@pytest.mark.parametrize(
    ("ip", "diizinkan", "harapan"),
    [
        ("127.0.0.1", [], False),  # loopback
        ("10.20.0.5", [], False),  # private
        ("192.168.1.10", [], False),
        ("172.16.0.1", [], False),
        ("169.254.169.254", [], False),  # cloud metadata (link-local)
        ("100.64.0.1", [], False),  # carrier-grade NAT
        ("0.0.0.0", [], False),  # noqa: S104 (an address checked, not bound)
        ("224.0.0.1", [], False),  # multicast
        ("::1", [], False),
        ("::ffff:127.0.0.1", [], False),  # IPv4-mapped loopback
        ("fd00::1", [], False),  # unique local
        ("8.8.8.8", [], True),
        ("2001:4860:4860::8888", [], True),
        ("10.20.0.5", ["10.20.0.0/16"], True),  # the network the installation allowed
        ("10.21.0.5", ["10.20.0.0/16"], False),
        ("::ffff:10.20.0.5", ["10.20.0.0/16"], True),
    ],
)
def test_only_public_addresses_or_allowed_networks_pass(ip, diizinkan, harapan):
    assert alamat.boleh(ipaddress.ip_address(ip), alamat.jaringan(diizinkan)) is harapan


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/admin/",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "https://[::1]/x",
        "http://10.0.0.7/wa",
        "http://2130706433/",  # 127.0.0.1 written as one number
    ],
)
def test_saving_a_webhook_to_an_internal_address_is_refused_at_the_field(url, admin_pemda, org):
    with pytest.raises(ValidationError) as e:
        services.save_webhook(pemda=org.pemda, url=url, rahasia="r" * 20, aktif=True, by=admin_pemda)
    assert "alamat internal" in str(e.value.message_dict["url"])
    assert not Webhook.objects.exists()


def test_a_url_with_credentials_or_a_bad_port_is_refused(admin_pemda, org):
    for url, pesan in [
        ("https://user:pw@wa.pemda.test/", "kata sandi"),
        ("https://wa.pemda.test:99999/", "port"),
    ]:
        with pytest.raises(ValidationError) as e:
            services.save_webhook(pemda=org.pemda, url=url, rahasia="r" * 20, aktif=True, by=admin_pemda)
        assert pesan in str(e.value.message_dict["url"])


def test_the_page_shows_the_refusal_in_indonesian(client, admin_pemda, org):
    client.force_login(admin_pemda)
    response = client.post(
        reverse("notifikasi:webhook"), {"url": "http://169.254.169.254/", "rahasia": "r" * 20, "aktif": "1"}
    )
    assert response.status_code == 400
    assert "Webhook tidak boleh menuju alamat internal (169.254.169.254)" in response.content.decode()
    assert not Webhook.objects.exists()


class _Penerima(BaseHTTPRequestHandler):
    diterima: list[bytes] = []

    def do_POST(self):
        type(self).diterima.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def penerima():
    _Penerima.diterima = []
    server = HTTPServer(("127.0.0.1", 0), _Penerima)
    utas = threading.Thread(target=server.serve_forever, daemon=True)
    utas.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_send_checks_the_address_again_and_posts_nothing_to_loopback(penerima):
    # a URL saved when its name pointed elsewhere, now resolving to loopback: refused at send time
    url = f"http://localhost:{penerima.server_port}/masuk"
    with pytest.raises(alamat.AlamatDitolak):
        alamat.kirim(url, b"{}", {}, diizinkan=[], batas_waktu=5)
    assert _Penerima.diterima == []


def test_an_allowed_internal_network_is_reached_on_the_checked_address(penerima):
    url = f"http://127.0.0.1:{penerima.server_port}/masuk"
    status = alamat.kirim(url, b'{"a": 1}', {}, diizinkan=alamat.jaringan(["127.0.0.0/8"]), batas_waktu=5)
    assert status == 204
    assert _Penerima.diterima == [b'{"a": 1}']
