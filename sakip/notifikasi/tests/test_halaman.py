"""The notification pages: one's own list, the bell's count, marking read, preferences, the unsubscribe link and the
pemda's webhook; each with its outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sakip.notifikasi import services
from sakip.notifikasi.models import Notifikasi, Preferensi, Webhook

pytestmark = pytest.mark.django_db


def _notif(penerima, judul="Realisasi IKU01 dikembalikan", **kw):
    return Notifikasi.objects.create(
        penerima=penerima, jenis="dikembalikan", judul=judul, isi="Catatan: lengkapi data.", **kw
    )


def test_the_list_shows_only_ones_own_notifications(client, operator_a, operator_b):
    _notif(operator_a, "Milik A")
    _notif(operator_b, "Milik B")
    client.force_login(operator_a)
    body = client.get(reverse("notifikasi:daftar")).content.decode()
    assert "Milik A" in body
    assert "Milik B" not in body
    assert "1 belum dibaca" in body


def test_the_bell_counts_ones_own_unread_notifications(client, operator_a, operator_b):
    _notif(operator_a)
    _notif(operator_a, dibaca_pada="2024-01-01T00:00:00Z")
    _notif(operator_b)
    client.force_login(operator_a)
    response = client.get(reverse("notifikasi:jumlah"))
    assert response.json() == {"belum_dibaca": 1}
    assert response["Cache-Control"] == "no-store"
    page = client.get(reverse("notifikasi:daftar")).content.decode()
    assert 'data-url-jumlah="/notifikasi/jumlah/"' in page  # the bell in the top bar


def test_opening_a_notification_marks_it_read_and_goes_to_its_item(client, operator_a):
    n = _notif(operator_a, tautan="/pengukuran/indikator/1/?tahun=2024")
    client.force_login(operator_a)
    response = client.post(reverse("notifikasi:baca", args=[n.pk]), {"buka": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/pengukuran/indikator/1/?tahun=2024"
    n.refresh_from_db()
    assert n.dibaca_pada is not None


def test_a_notification_cannot_send_the_user_to_another_site(client, operator_a):
    n = _notif(operator_a)
    client.force_login(operator_a)
    response = client.post(reverse("notifikasi:baca", args=[n.pk]), {"kembali": "https://jahat.example/"})
    assert response["Location"] == reverse("notifikasi:daftar")


def test_someone_elses_notification_is_404_and_stays_unread(client, operator_a, operator_b):
    n = _notif(operator_a)
    client.force_login(operator_b)
    assert client.post(reverse("notifikasi:baca", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.dibaca_pada is None


def test_mark_all_read_touches_only_ones_own(client, operator_a, operator_b):
    _notif(operator_a)
    lain = _notif(operator_b)
    client.force_login(operator_a)
    client.post(reverse("notifikasi:baca_semua"))
    assert not Notifikasi.objects.filter(penerima=operator_a, dibaca_pada__isnull=True).exists()
    lain.refresh_from_db()
    assert lain.dibaca_pada is None


def test_anonymous_is_sent_to_login(client):
    for nama in ("notifikasi:daftar", "notifikasi:jumlah", "notifikasi:preferensi", "notifikasi:webhook"):
        response = client.get(reverse(nama))
        assert response.status_code == 302, nama
        assert response["Location"].startswith("/masuk/"), nama


def test_preferences_are_saved_with_an_audit_trail(client, pimpinan_a):
    client.force_login(pimpinan_a)
    response = client.post(reverse("notifikasi:preferensi"), {"email_aktif": "1", "jenis": ["dikembalikan"]})
    assert response.status_code == 302
    pref = Preferensi.objects.get(pengguna=pimpinan_a)
    assert pref.email_aktif is True
    assert "diajukan" in pref.jenis_tanpa_email
    assert "dikembalikan" not in pref.jenis_tanpa_email
    assert pref.mau_email("dikembalikan")
    assert not pref.mau_email("diajukan")
    assert pref.history.first().history_user == pimpinan_a


def test_the_unsubscribe_link_asks_then_turns_email_off_without_login(client, operator_a):
    url = reverse("notifikasi:berhenti", args=[services.token_berhenti(operator_a)])
    assert "Hentikan semua e-mail notifikasi SAKIP" in client.get(url).content.decode()
    assert not Preferensi.objects.filter(pengguna=operator_a).exists()  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert "telah dihentikan" in response.content.decode()
    assert Preferensi.objects.get(pengguna=operator_a).email_aktif is False


def test_a_forged_unsubscribe_token_is_refused_with_a_message(client, operator_a):
    token = services.token_berhenti(operator_a)
    palsu = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post(reverse("notifikasi:berhenti", args=[palsu]))
    assert response.status_code == 400
    assert "Tautan berhenti berlangganan tidak sah" in response.content.decode()
    assert not Preferensi.objects.filter(pengguna=operator_a).exists()


def test_the_admin_pemda_sets_the_webhook_and_the_secret_is_not_shown_again(client, admin_pemda, org):
    client.force_login(admin_pemda)
    url = reverse("notifikasi:webhook")
    response = client.post(url, {"url": "https://wa.pemda.test/masuk", "rahasia": "r" * 20, "aktif": "1"})
    assert response.status_code == 302
    hook = Webhook.objects.get(pemda=org.pemda)
    assert (hook.url, hook.rahasia, hook.aktif) == ("https://wa.pemda.test/masuk", "r" * 20, True)
    assert "r" * 20 not in client.get(url).content.decode()
    # an empty secret keeps the stored one
    client.post(url, {"url": "https://wa.pemda.test/baru", "rahasia": "", "aktif": "1"})
    hook.refresh_from_db()
    assert (hook.url, hook.rahasia) == ("https://wa.pemda.test/baru", "r" * 20)


def test_a_bad_webhook_is_refused_with_an_indonesian_message_and_nothing_saved(client, admin_pemda, org):
    client.force_login(admin_pemda)
    response = client.post(reverse("notifikasi:webhook"), {"url": "ftp://x", "rahasia": "pendek"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "URL webhook harus diawali https:// atau http://." in body
    assert not Webhook.objects.exists()


def test_operators_and_pimpinan_cannot_open_the_webhook_page(client, operator_a, pimpinan_a):
    for user in (operator_a, pimpinan_a):
        client.force_login(user)
        assert client.get(reverse("notifikasi:webhook")).status_code == 403


def test_an_admin_of_another_pemda_cannot_set_this_pemdas_webhook(client, org, admin_pemda):
    from sakip.organisasi import services as org_services
    from sakip.organisasi.models import Pengguna

    lain = Pengguna.objects.create_user("admin_lain", password="x-rahasia-123")
    org_services.assign_role(pengguna=lain, peran="admin_pemda", pemda=org.pemda_lain)
    client.force_login(lain)
    response = client.post(
        reverse("notifikasi:webhook"),
        {"pemda": org.pemda.pk, "url": "https://jahat.test/", "rahasia": "x" * 20, "aktif": "1"},
    )
    assert response.status_code == 403
    assert not Webhook.objects.filter(pemda=org.pemda).exists()
