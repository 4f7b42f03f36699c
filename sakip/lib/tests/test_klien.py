"""The client's address: X-Forwarded-For is believed only from a trusted proxy, read from the right."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from sakip.lib import klien


def _alamat(settings, terpercaya, remote, diteruskan=None):
    settings.PROXY_TERPERCAYA = terpercaya
    meta = {"REMOTE_ADDR": remote}
    if diteruskan is not None:
        meta["HTTP_X_FORWARDED_FOR"] = diteruskan
    return klien.alamat_klien(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("terpercaya", "remote", "diteruskan", "hasil"),
    [
        # No proxy trusted: the connection's address, whatever the header says.
        ([], "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # A header from a client that is not a trusted proxy is ignored.
        (["127.0.0.1"], "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # From the trusted nginx: the address it saw.
        (["127.0.0.1"], "127.0.0.1", "198.51.100.1", "198.51.100.1"),
        # A forged entry before nginx's own is not believed: the rightmost untrusted address is the client.
        (["127.0.0.1"], "127.0.0.1", "10.0.0.1, 198.51.100.1", "198.51.100.1"),
        # Two trusted proxies (a load balancer in front of nginx), given as a network.
        (["127.0.0.1", "10.0.0.0/24"], "127.0.0.1", "198.51.100.1, 10.0.0.9", "198.51.100.1"),
        # Garbage where an address should be: the last address a trusted proxy vouched for.
        (["127.0.0.1"], "127.0.0.1", "bukan-alamat", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
        (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
        (["127.0.0.1"], "127.0.0.1", "[2001:db8::7]:4711", "2001:db8::7"),
        (["127.0.0.1"], "127.0.0.1", "198.51.100.1:4711", "198.51.100.1"),
    ],
)
def test_the_client_address_is_taken_from_trusted_proxies_only(
    settings, terpercaya, remote, diteruskan, hasil
):
    assert _alamat(settings, terpercaya, remote, diteruskan) == hasil


def test_a_request_without_remote_addr_gets_a_placeholder(settings):
    assert _alamat(settings, ["127.0.0.1"], "", "198.51.100.1") == klien.TANPA_ALAMAT


def test_a_trusted_proxy_that_is_not_an_address_is_refused():
    with pytest.raises(ImproperlyConfigured, match="SAKIP_PROXY_TERPERCAYA berisi 'nginx'"):
        klien.jaringan_terpercaya(["nginx"])
