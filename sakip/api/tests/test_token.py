"""Token authentication: getting a token, using it, and the login lockout that protects it."""

import datetime as dt

from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sakip.organisasi.models import Pengguna
from sakip.organisasi.tests.factories import PASSWORD

URL = "/api/token/"
MODEL_BACKEND = "sakip.organisasi.backends.PenggunaBackend"


def _user(db):
    return Pengguna.objects.create_user("operator.uji", password=PASSWORD)


def test_a_user_gets_a_token_with_name_and_password_and_it_authenticates(db):
    user = _user(db)
    client = APIClient()
    response = client.post(URL, {"username": "operator.uji", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=user).key
    assert client.post(URL, {"username": "operator.uji", "password": PASSWORD}).json()["token"] == token

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/realisasi/").status_code == 200
    user.refresh_from_db()
    assert user.last_login is not None


def test_a_wrong_password_is_a_400_in_indonesian_and_no_token(db):
    _user(db)
    response = APIClient().post(URL, {"username": "operator.uji", "password": "salah"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Nama pengguna atau kata sandi salah."}
    assert not Token.objects.exists()


def test_anonymous_and_a_wrong_token_get_401(db):
    assert APIClient().get("/api/realisasi/").status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get("/api/realisasi/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_an_inactive_user_is_refused_even_with_a_token(db):
    user = _user(db)
    token = Token.objects.create(user=user)
    user.is_active = False
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/realisasi/").status_code == 401
    assert client.post(URL, {"username": "operator.uji", "password": PASSWORD}).status_code == 400


def test_repeated_failures_lock_the_token_endpoint_like_the_login_page(db, settings):
    _user(db)
    client = APIClient(REMOTE_ADDR="10.0.0.9")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(URL, {"username": "operator.uji", "password": "salah"}).status_code == 400
    assert client.post(URL, {"username": "operator.uji", "password": "salah"}).status_code == 429
    locked = client.post(URL, {"username": "operator.uji", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.json()["detail"]
    assert not Token.objects.exists()
    # Another address is not locked (the pair user name + address is).
    assert (
        APIClient(REMOTE_ADDR="10.0.0.10")
        .post(URL, {"username": "operator.uji", "password": PASSWORD})
        .status_code
        == 200
    )


def test_a_success_resets_the_failure_count(db, settings):
    _user(db)
    client = APIClient(REMOTE_ADDR="10.0.0.11")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(URL, {"username": "operator.uji", "password": "salah"})
    assert client.post(URL, {"username": "operator.uji", "password": PASSWORD}).status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(URL, {"username": "operator.uji", "password": "salah"})
    assert client.post(URL, {"username": "operator.uji", "password": PASSWORD}).status_code == 200


def test_the_browser_session_authenticates_too_with_csrf(db):
    user = _user(db)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user, backend=MODEL_BACKEND)
    assert client.get("/api/realisasi/").status_code == 200
    assert client.post("/api/realisasi/", {}, format="json").status_code == 403  # no CSRF token


def test_missing_fields_are_named(db):
    response = APIClient().post(URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_an_expired_token_is_refused_in_indonesian_and_the_endpoint_issues_a_new_one(db, settings):
    settings.SAKIP_API_TOKEN_HARI = 90
    user = _user(db)
    lama = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {lama.key}")
    assert client.get("/api/realisasi/").status_code == 200  # fresh: accepted
    Token.objects.filter(pk=lama.pk).update(created=timezone.now() - dt.timedelta(days=90, minutes=1))
    response = client.get("/api/realisasi/")
    assert response.status_code == 401
    assert "kedaluwarsa" in response.json()["detail"]

    client.credentials()
    baru = client.post(URL, {"username": "operator.uji", "password": PASSWORD}, format="json").json()["token"]
    assert baru != lama.key
    assert not Token.objects.filter(pk=lama.key).exists()
    client.credentials(HTTP_AUTHORIZATION=f"Token {baru}")
    assert client.get("/api/realisasi/").status_code == 200


def test_a_token_just_inside_its_lifetime_still_works(db, settings):
    settings.SAKIP_API_TOKEN_HARI = 30
    user = _user(db)
    token = Token.objects.create(user=user)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - dt.timedelta(days=29, hours=23))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/realisasi/").status_code == 200
    assert client.post(URL, {"username": "operator.uji", "password": PASSWORD}).json()["token"] == token.key


# --- A password change revokes the token (issue 19) -----------------------------------------------------------------


def _dengan_token(user: Pengguna) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    assert client.get("/api/realisasi/").status_code == 200
    return client


def _dicabut(client: APIClient, user: Pengguna) -> None:
    response = client.get("/api/realisasi/")
    assert response.status_code == 401
    assert "token dicabut ketika kata sandi diganti" in response.json()["detail"]
    assert not Token.objects.filter(user=user).exists()


def test_a_token_stops_working_when_its_user_changes_their_own_password(db, client):
    user = Pengguna.objects.create_superuser("admin.uji", password=PASSWORD)
    api = _dengan_token(user)
    client.force_login(user, backend=MODEL_BACKEND)
    baru = "kata-sandi-baru-yang-panjang-77"
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": baru, "new_password2": baru},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/admin/password_change/done/"
    _dicabut(api, user)
    # A new token comes with the new password only.
    assert APIClient().post(URL, {"username": "admin.uji", "password": PASSWORD}).status_code == 400
    assert APIClient().post(URL, {"username": "admin.uji", "password": baru}).status_code == 200


def test_a_token_stops_working_when_an_admin_resets_the_password(db, client):
    user = _user(db)
    api = _dengan_token(user)
    admin = Pengguna.objects.create_superuser("super.uji", password=PASSWORD)
    client.force_login(admin, backend=MODEL_BACKEND)
    baru = "kata-sandi-dari-admin-123"
    response = client.post(
        f"/admin/organisasi/pengguna/{user.pk}/password/",
        {"password1": baru, "password2": baru, "usable_password": "true"},
    )
    assert response.status_code == 302
    _dicabut(api, user)


def test_a_token_stops_working_when_the_password_is_set_in_code(db):
    user = _user(db)
    api = _dengan_token(user)
    user.set_password("kata-sandi-lain-456")
    user.save()
    _dicabut(api, user)


def test_a_token_stops_working_when_the_password_is_made_unusable(db):
    user = _user(db)
    api = _dengan_token(user)
    u = Pengguna.objects.get(pk=user.pk)
    u.set_unusable_password()
    u.save()
    _dicabut(api, user)


def test_saving_a_user_without_a_new_password_keeps_the_token(db):
    user = _user(db)
    api = _dengan_token(user)
    user.first_name = "Uji"
    user.save()
    Pengguna.objects.get(pk=user.pk).save()
    # A login (last_login, and Django's re-hash of an unchanged password) keeps it too.
    assert APIClient().post(URL, {"username": "operator.uji", "password": PASSWORD}).status_code == 200
    assert api.get("/api/realisasi/").status_code == 200
