"""Notifications delivered for real: a real SMTP server (aiosmtpd) on loopback receives the e-mails, a real HTTP
server on loopback receives the webhook, and the jobs run through the queue's worker steps. Dates via time-machine."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import socket
import threading
from decimal import Decimal
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, HTTPServer
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings

from sakip.antrean import jadwal
from sakip.antrean.tests.pekerja import kerjakan_antrean
from sakip.notifikasi import services
from sakip.notifikasi.models import Notifikasi
from sakip.pengukuran import services as pengukuran
from sakip.perencanaan.models import Indikator
from sakip.perencanaan.tests.factories import renstra_dengan_iku

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Kotak:
    """aiosmtpd handler keeping every message received."""

    def __init__(self) -> None:
        self.pesan: list = []

    async def handle_DATA(self, server, session, envelope):
        pesan = message_from_bytes(envelope.content, policy=policy.default)
        self.pesan.append((list(envelope.rcpt_tos), pesan))
        return "250 OK"

    def untuk(self, alamat: str) -> list:
        return [p for tujuan, p in self.pesan if alamat in tujuan]


@pytest.fixture
def smtp(settings):
    kotak = _Kotak()
    port = _port_bebas()
    server = Controller(kotak, hostname="127.0.0.1", port=port)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.SAKIP_URL_DASAR = "http://sakip.test"
    yield kotak
    server.stop()


@pytest.fixture
def pelapor(org, operator_a, operator_b, pimpinan_a):
    """The Setda's Renstra with IKU01 reported by Biro A and IKU02 by Biro B; e-mail addresses for everyone."""
    for u in (operator_a, operator_b, pimpinan_a):
        u.email = f"{u.username}@pemda.test"
        u.save(update_fields=["email"])
    renstra = renstra_dengan_iku(org.setda, by=None)
    iku01, iku02 = renstra.indikator.get(kode="IKU01"), renstra.indikator.get(kode="IKU02")
    for ind, unit in ((iku01, org.biro_a), (iku02, org.biro_b)):
        Indikator.objects.filter(pk=ind.pk).update(penanggung_jawab=unit)  # the Biro report the Setda's IKU
    return Indikator.objects.get(pk=iku01.pk), Indikator.objects.get(pk=iku02.pk)


def _ajukan(indikator, periode: str, oleh, tahun: int = 2024):
    r = pengukuran.save_realisasi(
        indikator=indikator,
        tahun=tahun,
        periode=periode,
        by=oleh,
        masukan={"selesai": Decimal(9), "usulan": Decimal(10)},
    )
    return pengukuran.submit_realisasi(r, by=oleh)


def test_a_returned_realisasi_sends_one_email_to_the_operator_with_the_note_and_a_working_link(
    smtp, pelapor, operator_a, pimpinan_a, client
):
    iku01, _ = pelapor
    r = _ajukan(iku01, "TW1", operator_a)
    kerjakan_antrean()
    # the submission went to the verifier, not to the operator who submitted it
    assert [p["Subject"] for p in smtp.untuk(pimpinan_a.email)] == [
        "[SAKIP] Realisasi IKU01 Triwulan I 2024 menunggu verifikasi"
    ]
    assert smtp.untuk(operator_a.email) == []

    pengukuran.return_realisasi(r, catatan="Lampirkan SK penetapan sebagai data dukung.", by=pimpinan_a)
    kerjakan_antrean()
    kerjakan_antrean()  # nothing left to send: still one
    diterima = smtp.untuk(operator_a.email)
    assert len(diterima) == 1
    pesan = diterima[0]
    assert pesan["Subject"] == "[SAKIP] Realisasi IKU01 Triwulan I 2024 dikembalikan"
    isi = pesan.get_body(preferencelist=("plain",)).get_content()
    assert "Catatan verifikator: Lampirkan SK penetapan sebagai data dukung." in isi
    assert pesan["List-Unsubscribe"].strip().startswith("<http://sakip.test/notifikasi/berhenti/")

    assert isi.count("http://sakip.test/pengukuran/") == 1, isi
    tautan = re.search(r"http://sakip\.test(/pengukuran/\S+)", isi).group(1)
    client.force_login(operator_a)
    halaman = client.get(tautan)
    assert halaman.status_code == 200
    assert "Lampirkan SK penetapan sebagai data dukung." in halaman.content.decode()
    n = Notifikasi.objects.get(penerima=operator_a)
    assert (n.jenis, n.tautan, n.email_pada is not None) == ("dikembalikan", tautan, True)


def test_the_d7_reminder_goes_once_to_each_operator_who_owes_the_quarter_and_not_to_those_who_reported(
    smtp, pelapor, operator_a, operator_b, pimpinan_a
):
    _, iku02 = pelapor
    _ajukan(iku02, "TW1", operator_b)  # Biro B reported TW1; Biro A did not
    kerjakan_antrean()
    smtp.pesan.clear()
    # TW1 2024 ends 31 March; with the default 15 days the deadline is 15 April, so D-7 is 8 April.
    for hari in (dt.datetime(2024, 4, 8, 7, 30, tzinfo=WIB), dt.datetime(2024, 4, 8, 9, 0, tzinfo=WIB)):
        with time_machine.travel(hari, tick=False):
            jadwal.jalankan_jadwal()  # the scheduler of the worker (twice the same day: one run)
            kerjakan_antrean()
    with time_machine.travel(dt.datetime(2024, 4, 9, 7, 30, tzinfo=WIB), tick=False):
        jadwal.jalankan_jadwal()  # the next day: still D-7 window, but already sent
        kerjakan_antrean()

    tw1 = [p for p in smtp.untuk(operator_a.email) if "Triwulan I 2024" in p["Subject"]]
    assert [p["Subject"] for p in tw1] == ["[SAKIP] Tenggat realisasi Triwulan I 2024: 7 hari lagi"]
    isi = tw1[0].get_body(preferencelist=("plain",)).get_content()
    assert "Unit Biro A belum melaporkan realisasi Triwulan I 2024 untuk 1 indikator (IKU01)" in isi
    assert "15-04-2024" in isi
    assert [p for p in smtp.untuk(operator_b.email) if "Triwulan I 2024" in p["Subject"]] == []
    assert smtp.untuk(pimpinan_a.email) == []


def test_the_d1_and_overdue_reminders_follow_once_each(smtp, pelapor, operator_a):
    for hari in (dt.date(2024, 4, 14), dt.date(2024, 4, 16), dt.date(2024, 4, 17)):
        with time_machine.travel(dt.datetime.combine(hari, dt.time(8), tzinfo=WIB), tick=False):
            jadwal.jalankan_jadwal()
            kerjakan_antrean()
    judul = [p["Subject"] for p in smtp.untuk(operator_a.email) if "Triwulan I 2024" in p["Subject"]]
    assert judul == [
        "[SAKIP] Tenggat realisasi Triwulan I 2024: besok",
        "[SAKIP] Realisasi Triwulan I 2024 terlambat",
    ]


class _Penerima(BaseHTTPRequestHandler):
    diterima: list = []

    def do_POST(self):
        isi = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).diterima.append((self.headers, isi))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_pemda_webhook_receives_the_notification_as_json_with_a_valid_signature(
    smtp, pelapor, org, operator_a, pimpinan_a, admin_pemda, settings
):
    settings.SAKIP_WEBHOOK_JARINGAN_INTERNAL = ["127.0.0.0/8"]  # the test's gateway listens on loopback
    _Penerima.diterima = []
    server = HTTPServer(("127.0.0.1", 0), _Penerima)
    utas = threading.Thread(target=server.serve_forever, daemon=True)
    utas.start()
    rahasia = "rahasia-gateway-wa-0123456789"
    try:
        services.save_webhook(
            pemda=org.pemda,
            url=f"http://127.0.0.1:{server.server_port}/sakip",
            rahasia=rahasia,
            aktif=True,
            by=admin_pemda,
        )
        iku01, _ = pelapor
        r = _ajukan(iku01, "TW2", operator_a)
        pengukuran.return_realisasi(r, catatan="Nilai usulan keliru.", by=pimpinan_a)
        kerjakan_antrean()
    finally:
        server.shutdown()
        server.server_close()

    assert len(_Penerima.diterima) == 2  # the submission (to the pimpinan) and the return (to the operator)
    for kepala, isi in _Penerima.diterima:
        harapan = "sha256=" + hmac.new(rahasia.encode(), isi, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(kepala["X-SAKIP-Signature"], harapan)
        assert kepala["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(_Penerima.diterima[1][1])
    assert data["jenis"] == "dikembalikan"
    assert data["penerima"]["username"] == "operator_a"
    assert "Catatan verifikator: Nilai usulan keliru." in data["isi"]
    assert data["tautan"].startswith(f"{django_settings.SAKIP_URL_DASAR}/pengukuran/indikator/")


def test_an_unsubscribed_user_gets_no_email_but_still_sees_the_notification(
    smtp, pelapor, operator_a, pimpinan_a
):
    services.unsubscribe(token=services.token_berhenti(operator_a))
    iku01, _ = pelapor
    r = _ajukan(iku01, "TW3", operator_a)
    pengukuran.return_realisasi(r, catatan="Periksa lagi.", by=pimpinan_a)
    kerjakan_antrean()
    assert smtp.untuk(operator_a.email) == []
    assert Notifikasi.objects.filter(penerima=operator_a, jenis="dikembalikan").count() == 1


def test_a_kind_turned_off_in_the_preferences_is_not_emailed(smtp, pelapor, operator_a, pimpinan_a):
    services.save_preferences(pengguna=pimpinan_a, email_aktif=True, jenis_tanpa_email=["diajukan"])
    iku01, _ = pelapor
    _ajukan(iku01, "TW4", operator_a)
    kerjakan_antrean()
    assert smtp.untuk(pimpinan_a.email) == []
    assert Notifikasi.objects.filter(penerima=pimpinan_a, jenis="diajukan").exists()


def test_an_smtp_server_that_does_not_answer_is_retried_by_the_queue(
    settings, pelapor, operator_a, pimpinan_a
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _port_bebas(), 2
    iku01, _ = pelapor
    _ajukan(iku01, "TW1", operator_a)
    kerjakan_antrean()
    from sakip.antrean.models import Pekerjaan

    p = Pekerjaan.objects.get(jenis="notifikasi.kirim")
    assert (p.status, p.percobaan) == ("menunggu", 2)
    assert Notifikasi.objects.get(penerima=pimpinan_a).email_pada is None
