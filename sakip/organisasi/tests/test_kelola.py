"""Issue #20 item 1: the admin pemda runs units, accounts and roles in the app; every user changes their password."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from sakip.organisasi import access, services
from sakip.organisasi.models import Pengguna, Penugasan, UnitKerja
from sakip.organisasi.tests.factories import PASSWORD

HARI_INI = timezone.localdate()
BESOK = HARI_INI + datetime.timedelta(days=1)


def _masuk(username, password):
    """A real login through the login page (django-axes needs the request); the client, or None when refused."""
    c = Client()
    r = c.post(reverse("login"), {"username": username, "password": password})
    return c if r.status_code == 302 else None


def _klien(user):
    c = Client()
    c.force_login(user)
    return c


# --- units ------------------------------------------------------------------------------------------------------------


def test_admin_pemda_creates_a_bagian_under_a_biro_through_the_page_and_the_audit_names_them(
    org, admin_pemda
):
    r = _klien(admin_pemda).post(
        reverse("organisasi:unit_create"),
        {
            "pemda": org.pemda.pk,
            "kode": "SETDA.B.1",
            "nama": "Bagian B1",
            "jenis": "bagian",
            "induk": org.biro_b.pk,
            "urutan": "1",
        },
    )
    unit = UnitKerja.objects.get(pemda=org.pemda, kode="SETDA.B.1")
    assert r.status_code == 302
    assert r["Location"] == reverse("organisasi:unit_detail", args=[unit.pk])
    assert unit.induk == org.biro_b
    assert unit.jalur == f"{org.biro_b.jalur}{unit.pk}/"
    [catatan] = unit.history.all()
    assert (catatan.history_type, catatan.history_user) == ("+", admin_pemda)


def test_a_duplicate_unit_code_is_refused_on_the_form_and_nothing_is_saved(org, admin_pemda):
    r = _klien(admin_pemda).post(
        reverse("organisasi:unit_create"),
        {"pemda": org.pemda.pk, "kode": "SETDA.A", "nama": "Kembar", "jenis": "biro", "induk": org.setda.pk},
    )
    assert r.status_code == 200
    assert "sudah dipakai" in r.content.decode()
    assert UnitKerja.objects.filter(nama="Kembar").count() == 0


def test_renaming_and_moving_a_unit_carries_its_subtree_and_is_recorded(org, admin_pemda):
    r = _klien(admin_pemda).post(
        reverse("organisasi:unit_update", args=[org.biro_a.pk]),
        {"nama": "Biro A Baru", "jenis": "biro", "induk": org.biro_b.pk, "urutan": "0"},
    )
    assert r.status_code == 302
    org.biro_a.refresh_from_db()
    org.bagian_a1.refresh_from_db()
    assert org.biro_a.nama == "Biro A Baru"
    assert org.bagian_a1.jalur == f"{org.biro_b.jalur}{org.biro_a.pk}/{org.bagian_a1.pk}/"
    lama, baru = org.biro_a.history.order_by("history_date")[:2]
    assert (lama.nama, baru.nama, baru.induk_id, baru.history_user) == (
        "Biro A",
        "Biro A Baru",
        org.biro_b.pk,
        admin_pemda,
    )


def test_a_unit_cannot_move_under_its_own_sub_unit(org, admin_pemda):
    r = _klien(admin_pemda).post(
        reverse("organisasi:unit_update", args=[org.biro_a.pk]),
        {"nama": "Biro A", "jenis": "biro", "induk": org.bagian_a1.pk},
    )
    assert r.status_code == 200
    org.biro_a.refresh_from_db()
    assert org.biro_a.induk == org.setda


def test_a_unit_with_an_open_sub_unit_cannot_be_closed(org, admin_pemda):
    with pytest.raises(ValidationError, match="sub-unit aktif"):
        services.close_unit(unit=org.biro_a, by=admin_pemda)
    org.biro_a.refresh_from_db()
    assert org.biro_a.aktif


# --- accounts and roles ------------------------------------------------------------------------------------------------


def test_admin_creates_a_user_with_a_role_from_a_date_and_the_temporary_password_is_shown_once(
    org, admin_pemda
):
    r = _klien(admin_pemda).post(
        reverse("organisasi:pengguna_create"),
        {
            "username": "budi.a1",
            "nama_depan": "Budi",
            "nip": "198001012005011001",
            "peran": "operator",
            "pemda": org.pemda.pk,
            "unit_kerja": org.bagian_a1.pk,
            "mulai": BESOK.isoformat(),
        },
    )
    assert r.status_code == 200
    assert r["Cache-Control"] == "no-store"
    sandi = r.context["sandi"]
    assert sandi in r.content.decode()
    budi = Pengguna.objects.get(username="budi.a1")
    assert budi.check_password(sandi)
    [peran] = budi.penugasan.all()
    assert (peran.peran, peran.unit_kerja, peran.mulai, peran.selesai) == (
        "operator",
        org.bagian_a1,
        BESOK,
        None,
    )
    # Not in force before its first day.
    assert not access.can_view(budi, org.bagian_a1)
    access.forget_scope(budi)
    assert budi.penugasan.berlaku(BESOK).count() == 1
    # Audit: the account and the role, both by the admin; no password hash in the trail.
    assert budi.history.get().history_user == admin_pemda
    assert not hasattr(budi.history.get(), "password")
    assert peran.history.get().history_user == admin_pemda
    # The page shows the password only in that answer.
    halaman = _klien(admin_pemda).get(reverse("organisasi:pengguna_detail", args=[budi.pk])).content.decode()
    assert sandi not in halaman


def test_a_withdrawn_role_ends_the_access_at_once_and_stays_on_record(org, admin_pemda, operator_a):
    assert access.can_edit(operator_a, org.biro_a)
    peran = operator_a.penugasan.get()
    r = _klien(admin_pemda).post(reverse("organisasi:penugasan_withdraw", args=[peran.pk]))
    assert r.status_code == 302
    peran.refresh_from_db()
    assert peran.selesai == HARI_INI
    operator_a = Pengguna.objects.get(pk=operator_a.pk)
    assert not access.can_view(operator_a, org.biro_a)
    assert _klien(operator_a).get(reverse("organisasi:unit_detail", args=[org.biro_a.pk])).status_code == 404
    assert [h.history_type for h in peran.history.order_by("history_date")] == ["+", "~"]


def test_a_handover_ends_one_role_and_starts_the_next_on_the_same_day(org, admin_pemda, pimpinan_a):
    lama = pimpinan_a.penugasan.get()
    baru = Pengguna.objects.create_user("kepala.baru", password=PASSWORD)
    services.withdraw_role(penugasan=lama, tanggal=BESOK, by=admin_pemda)
    services.assign_role(
        pengguna=baru, peran="pimpinan", pemda=org.pemda, unit_kerja=org.biro_a, mulai=BESOK, by=admin_pemda
    )
    pada_hari_ini = Penugasan.objects.berlaku(HARI_INI).filter(unit_kerja=org.biro_a, peran="pimpinan")
    pada_besok = Penugasan.objects.berlaku(BESOK).filter(unit_kerja=org.biro_a, peran="pimpinan")
    assert [p.pengguna for p in pada_hari_ini] == [pimpinan_a]
    assert [p.pengguna for p in pada_besok] == [baru]


def test_an_end_date_before_the_start_is_refused(org, admin_pemda, tanpa_peran):
    r = _klien(admin_pemda).post(
        reverse("organisasi:pengguna_detail", args=[admin_pemda.pk]),
        {
            "peran": "evaluator",
            "pemda": org.pemda.pk,
            "mulai": BESOK.isoformat(),
            "selesai": HARI_INI.isoformat(),
        },
    )
    assert r.status_code == 200
    assert "Tanggal berakhir harus sesudah tanggal mulai." in r.content.decode()
    assert admin_pemda.penugasan.count() == 1


def test_a_deactivated_user_cannot_log_in_and_their_session_and_token_stop(org, admin_pemda, operator_a):
    sesi = _klien(operator_a)
    token = Token.objects.create(user=operator_a)
    r = _klien(admin_pemda).post(reverse("organisasi:pengguna_aktif", args=[operator_a.pk]), {"aktif": "0"})
    assert r.status_code == 302
    assert not Pengguna.objects.get(pk=operator_a.pk).is_active
    assert not _masuk(operator_a.username, PASSWORD)
    assert sesi.get(reverse("organisasi:unit_list"))["Location"].startswith("/masuk/")
    assert not Token.objects.filter(pk=token.pk).exists()
    assert operator_a.history.order_by("-history_date").first().is_active is False


def test_password_reset_gives_a_working_temporary_password_and_ends_sessions_and_tokens(
    org, admin_pemda, operator_a
):
    sesi = _klien(operator_a)
    Token.objects.create(user=operator_a)
    r = _klien(admin_pemda).post(reverse("organisasi:pengguna_sandi", args=[operator_a.pk]))
    assert r["Cache-Control"] == "no-store"
    sandi = r.context["sandi"]
    assert _masuk(operator_a.username, sandi)
    assert not _masuk(operator_a.username, PASSWORD)
    assert sesi.get(reverse("organisasi:unit_list"))["Location"].startswith("/masuk/")
    assert not Token.objects.filter(user=operator_a).exists()


def test_every_user_changes_their_own_password_and_their_other_sessions_and_token_end(org, pimpinan_a):
    ini, lain = _masuk(pimpinan_a.username, PASSWORD), _masuk(pimpinan_a.username, PASSWORD)
    Token.objects.create(user=pimpinan_a)
    r = ini.post(
        reverse("organisasi:ganti_sandi"),
        {"sandi_lama": PASSWORD, "sandi_baru": "Kopi-Tubruk-2025", "sandi_baru_ulang": "Kopi-Tubruk-2025"},
    )
    assert r.status_code == 302
    assert ini.get(reverse("organisasi:unit_list")).status_code == 200  # this session stays
    assert lain.get(reverse("organisasi:unit_list"))["Location"].startswith("/masuk/")
    assert not Token.objects.filter(user=pimpinan_a).exists()
    assert _masuk(pimpinan_a.username, "Kopi-Tubruk-2025")


@pytest.mark.parametrize(
    ("lama", "baru", "ulang", "pesan"),
    [
        ("salah-sandi", "Kopi-Tubruk-2025", "Kopi-Tubruk-2025", "Kata sandi lama salah."),
        (PASSWORD, "Kopi-Tubruk-2025", "Kopi-Tubruk-2026", "Kedua kata sandi baru tidak sama."),
        (PASSWORD, "12345678901", "12345678901", "angka"),
    ],
)
def test_a_wrong_old_password_or_a_weak_new_one_is_refused_with_a_message(
    org, pimpinan_a, lama, baru, ulang, pesan
):
    r = _klien(pimpinan_a).post(
        reverse("organisasi:ganti_sandi"), {"sandi_lama": lama, "sandi_baru": baru, "sandi_baru_ulang": ulang}
    )
    assert r.status_code == 200
    assert pesan in r.content.decode()
    pimpinan_a.refresh_from_db()
    assert pimpinan_a.check_password(PASSWORD)


# --- who may open the admin pages -----------------------------------------------------------------------------------


def _halaman_admin(org, pengguna, peran):
    return [
        ("get", reverse("organisasi:unit_create")),
        ("get", reverse("organisasi:unit_update", args=[org.biro_a.pk])),
        ("post", reverse("organisasi:unit_close", args=[org.bagian_a1.pk])),
        ("get", reverse("organisasi:pengguna_list")),
        ("get", reverse("organisasi:pengguna_create")),
        ("get", reverse("organisasi:pengguna_detail", args=[pengguna.pk])),
        ("post", reverse("organisasi:pengguna_aktif", args=[pengguna.pk])),
        ("post", reverse("organisasi:pengguna_sandi", args=[pengguna.pk])),
        ("post", reverse("organisasi:penugasan_withdraw", args=[peran.pk])),
    ]


@pytest.mark.parametrize("persona", ["operator_a", "pimpinan_a", "evaluator", "tanpa_peran"])
def test_read_only_and_unit_roles_get_403_on_every_admin_page_and_nothing_changes(
    org, request, persona, operator_b
):
    user = request.getfixturevalue(persona)
    peran = operator_b.penugasan.get()
    for metode, url in _halaman_admin(org, operator_b, peran):
        assert getattr(_klien(user), metode)(url).status_code == 403, url
    peran.refresh_from_db()
    org.bagian_a1.refresh_from_db()
    assert (peran.selesai, org.bagian_a1.aktif, Pengguna.objects.get(pk=operator_b.pk).is_active) == (
        None,
        True,
        True,
    )


def test_the_admin_of_another_pemda_gets_404_for_this_pemdas_units_users_and_roles(org, operator_b):
    luar = Pengguna.objects.create_user("admin.q", password=PASSWORD)
    services.assign_role(pengguna=luar, peran="admin_pemda", pemda=org.pemda_lain)
    peran = operator_b.penugasan.get()
    for metode, url in _halaman_admin(org, operator_b, peran)[1:]:
        if "pengguna/" in url and url.endswith(("pengguna/", "baru/")):
            continue
        assert getattr(_klien(luar), metode)(url).status_code == 404, url
    assert Pengguna.objects.get(pk=operator_b.pk).is_active
    # And the forms of their own pages offer nothing of this pemda.
    r = _klien(luar).get(reverse("organisasi:unit_create"))
    assert org.biro_a.nama not in r.content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(org, operator_b):
    for metode, url in [
        *_halaman_admin(org, operator_b, operator_b.penugasan.get()),
        ("get", reverse("organisasi:ganti_sandi")),
    ]:
        r = getattr(Client(), metode)(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith("/masuk/")


# --- login page: tries left, and the lockout page -------------------------------------------------------------------


def test_the_login_page_counts_down_the_tries_left_and_the_lockout_page_says_when_and_links_back(
    org, operator_a, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    c = Client()
    sisa = []
    for _ in range(2):
        r = c.post(reverse("login"), {"username": operator_a.username, "password": "keliru"})
        sisa.append(r.context["sisa_percobaan"])
    assert sisa == [2, 1]
    assert "Sisa 1 kali percobaan lagi" in r.content.decode()
    r = c.post(reverse("login"), {"username": operator_a.username, "password": "keliru"})
    assert r.status_code == 429
    teks = r.content.decode()
    sampai = r.context["sampai"]
    assert (
        timezone.now() + datetime.timedelta(minutes=29)
        < sampai
        <= timezone.now() + datetime.timedelta(minutes=30)
    )
    assert f"mulai pukul <strong>{sampai:%H:%M}</strong>" in teks
    assert f'href="{reverse("login")}"' in teks


def test_a_future_role_withdrawn_before_it_starts_stays_on_record_and_never_applies(
    org, admin_pemda, tanpa_peran
):
    lusa = BESOK + datetime.timedelta(days=1)
    peran = services.assign_role(
        pengguna=tanpa_peran, peran="evaluator", pemda=org.pemda, mulai=lusa, by=admin_pemda
    )
    services.withdraw_role(penugasan=peran, by=admin_pemda)
    peran.refresh_from_db()
    assert (peran.mulai, peran.selesai, peran.status_teks) == (lusa, lusa, "Dibatalkan")
    assert not Penugasan.objects.berlaku(lusa).filter(pk=peran.pk).exists()
    with pytest.raises(ValidationError, match="sudah berakhir"):
        services.withdraw_role(penugasan=peran, tanggal=lusa, by=admin_pemda)
