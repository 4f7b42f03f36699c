"""A signed-in request loads its user and their scope in one query (`access.muat_pengguna`, the backend's
`get_user`), and that scope is the one `scope_of` reads from the roles: the same rules, the same dates."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sakip.organisasi import access
from sakip.organisasi.backends import PenggunaBackend
from sakip.organisasi.models import Pengguna, Penugasan


def _cakupan_dibaca(user: Pengguna) -> access.Cakupan:
    return access.scope_of(Pengguna.objects.get(pk=user.pk))  # a fresh object: read from the roles


def test_one_query_loads_the_user_with_the_scope_of_every_role_in_force(org, operator_a):
    hari = timezone.localdate()
    Penugasan.objects.create(pengguna=operator_a, pemda=org.pemda, peran="evaluator")
    Penugasan.objects.create(pengguna=operator_a, pemda=org.pemda, unit_kerja=org.biro_b, peran="pimpinan")
    # Ended yesterday and starting tomorrow: neither counts.
    Penugasan.objects.create(
        pengguna=operator_a,
        pemda=org.pemda_lain,
        peran="admin_pemda",
        mulai=hari - dt.timedelta(days=30),
        selesai=hari,
    )
    Penugasan.objects.create(
        pengguna=operator_a, pemda=org.pemda_lain, peran="evaluator", mulai=hari + dt.timedelta(days=1)
    )
    with CaptureQueriesContext(connection) as ctx:
        user = access.muat_pengguna(operator_a.pk)
        cakupan = access.scope_of(user)
    assert len(ctx.captured_queries) == 1
    assert user == operator_a
    assert user.username == "operator_a"
    assert user.password == operator_a.password
    assert cakupan == _cakupan_dibaca(operator_a)
    assert cakupan.pemda_baca == frozenset({org.pemda.pk})
    assert cakupan.pemda_tulis == frozenset()
    assert cakupan.jalur_tulis == (org.biro_a.jalur,)
    assert cakupan.jalur_verifikasi == (org.biro_b.jalur,)


def test_a_user_without_roles_a_superuser_an_inactive_user_and_a_bad_id(org, tanpa_peran, django_user_model):
    user = access.muat_pengguna(tanpa_peran.pk)
    assert user == tanpa_peran
    assert access.scope_of(user) == access.Cakupan()
    root = django_user_model.objects.create_superuser("akar.uji", password="Sandi-Panjang-2026-x")
    assert access.scope_of(access.muat_pengguna(root.pk)).superuser
    assert access.muat_pengguna(999_999) is None
    assert access.muat_pengguna("bukan-angka") is None
    tanpa_peran.is_active = False
    tanpa_peran.save()
    assert PenggunaBackend().get_user(tanpa_peran.pk) is None


def test_a_signed_in_page_sees_a_role_ended_since_the_last_request(client, org, operator_a):
    """The scope is loaded with the user on every request, never kept between requests."""
    client.force_login(operator_a)
    assert client.session[SESSION_KEY] == str(operator_a.pk)
    url = reverse("organisasi:unit_detail", args=[org.biro_a.pk])
    assert client.get(url).status_code == 200
    Penugasan.objects.filter(pengguna=operator_a).update(selesai=timezone.localdate())
    assert client.get(url).status_code == 404
