import pytest
from django.urls import reverse

from sakip.organisasi.tests.factories import PASSWORD, UnitKerjaFactory


def test_login_page_is_in_indonesian(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Masuk ke SAKIP" in response.content.decode()
    assert 'lang="id"' in response.content.decode()


def test_wrong_password_shows_an_indonesian_message(client, operator_a):
    response = client.post(reverse("login"), {"username": "operator_a", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_login_then_home_lists_the_users_units(client, operator_a):
    response = client.post(reverse("login"), {"username": "operator_a", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("beranda")
    assert "Biro A" in body
    assert "Bagian A1" in body
    assert "Biro B" not in body
    assert "Baca dan ubah" in body


def test_logout_ends_the_session(client, operator_a):
    client.force_login(operator_a)
    client.post(reverse("logout"))
    response = client.get(reverse("beranda"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["beranda", "organisasi:unit_list"])
def test_anonymous_is_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_is_sent_to_login_from_a_unit_page(client, org):
    response = client.get(reverse("organisasi:unit_detail", args=[org.biro_a.pk]))
    assert response.status_code == 302


def test_operator_of_other_unit_gets_404_on_unit_page(client, org, operator_b):
    client.force_login(operator_b)
    assert client.get(reverse("organisasi:unit_detail", args=[org.biro_a.pk])).status_code == 404
    assert client.get(reverse("organisasi:unit_detail", args=[org.setda.pk])).status_code == 404
    assert client.get(reverse("organisasi:unit_detail", args=[org.biro_b.pk])).status_code == 200


def test_user_of_other_pemda_gets_404(client, org, evaluator):
    client.force_login(evaluator)
    assert client.get(reverse("organisasi:unit_detail", args=[org.setda_lain.pk])).status_code == 404
    assert client.get(reverse("organisasi:unit_detail", args=[org.biro_a.pk])).status_code == 200


def test_unit_page_says_read_only_to_pimpinan(client, org, pimpinan_a):
    client.force_login(pimpinan_a)
    body = client.get(reverse("organisasi:unit_detail", args=[org.bagian_a1.pk])).content.decode()
    assert "Baca saja" in body
    assert "Biro A" in body  # breadcrumb shows the parent


def test_unit_list_query_count_does_not_grow_with_units(
    client, org, admin_pemda, django_assert_max_num_queries
):
    client.force_login(admin_pemda)
    client.get(reverse("organisasi:unit_list"))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organisasi:unit_list"))
    for i in range(30):
        UnitKerjaFactory(pemda=org.pemda, induk=org.biro_b, kode=f"EXTRA{i}", jenis="bagian")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("organisasi:unit_list"))
    assert response.content.decode().count("Unit Kerja ") >= 30
    assert len(many) == len(few)


def test_home_query_count_does_not_grow_with_units(client, org, admin_pemda):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_pemda)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("beranda"))
    for i in range(30):
        UnitKerjaFactory(pemda=org.pemda, induk=org.setda, kode=f"EXTRA{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("beranda"))
    assert len(many) == len(few)


def test_admin_site_refuses_staff_who_are_not_superusers(client, operator_a):
    operator_a.is_staff = True
    operator_a.save()
    client.force_login(operator_a)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_site_opens_for_superuser(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200
