import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sakip.organisasi import access, services
from sakip.organisasi.models import Penugasan, UnitKerja


def visible_codes(user):
    return set(UnitKerja.objects.visible_to(user).values_list("pemda__kode", "kode"))


def editable_codes(user):
    return set(UnitKerja.objects.editable_by(user).values_list("pemda__kode", "kode"))


P_ALL = {("64", "SETDA"), ("64", "SETDA.A"), ("64", "SETDA.A.1"), ("64", "SETDA.B")}


def test_operator_reads_and_writes_own_unit_and_its_sub_units_only(operator_a):
    assert visible_codes(operator_a) == {("64", "SETDA.A"), ("64", "SETDA.A.1")}
    assert editable_codes(operator_a) == {("64", "SETDA.A"), ("64", "SETDA.A.1")}


def test_pimpinan_reads_own_subtree_but_writes_nothing(pimpinan_a):
    assert visible_codes(pimpinan_a) == {("64", "SETDA.A"), ("64", "SETDA.A.1")}
    assert editable_codes(pimpinan_a) == set()


def test_evaluator_reads_whole_pemda_but_not_another_pemda(evaluator):
    assert visible_codes(evaluator) == P_ALL
    assert editable_codes(evaluator) == set()


def test_admin_pemda_reads_and_writes_whole_pemda_only(admin_pemda):
    assert visible_codes(admin_pemda) == P_ALL
    assert editable_codes(admin_pemda) == P_ALL


def test_superuser_sees_every_pemda(admin_user):
    assert visible_codes(admin_user) == P_ALL | {("61", "SETDA")}


def test_user_without_role_and_anonymous_see_nothing(tanpa_peran):
    from django.contrib.auth.models import AnonymousUser

    assert visible_codes(tanpa_peran) == set()
    assert visible_codes(AnonymousUser()) == set()


def test_inactive_user_sees_nothing(operator_a):
    operator_a.is_active = False
    access.forget_scope(operator_a)
    assert visible_codes(operator_a) == set()


def test_get_for_user_answers_404_outside_scope(org, operator_b):
    with pytest.raises(Http404):
        access.get_unit_for_user(operator_b, org.biro_a.pk)
    assert access.get_unit_for_user(operator_b, org.biro_b.pk) == org.biro_b


def test_get_for_user_answers_403_when_a_reader_writes(org, pimpinan_a):
    assert access.get_unit_for_user(pimpinan_a, org.bagian_a1.pk) == org.bagian_a1
    with pytest.raises(PermissionDenied):
        access.get_unit_for_user(pimpinan_a, org.bagian_a1.pk, write=True)


def test_unit_filter_follows_a_relation(org, operator_a, operator_b):
    # Rows that belong to a unit are filtered through their relation, here Penugasan.unit_kerja.
    rows = Penugasan.objects.filter(access.unit_filter(operator_a, path="unit_kerja"))
    assert {p.pengguna.username for p in rows} == {"operator_a"}


def test_moving_a_unit_moves_its_subtree_and_the_access_with_it(org, operator_b):
    services.upsert_unit(
        pemda=org.pemda, kode=org.biro_a.kode, nama=org.biro_a.nama, jenis=org.biro_a.jenis, induk=org.biro_b
    )
    access.forget_scope(operator_b)
    org.bagian_a1.refresh_from_db()
    assert org.bagian_a1.jalur == f"/{org.setda.pk}/{org.biro_b.pk}/{org.biro_a.pk}/{org.bagian_a1.pk}/"
    assert ("64", "SETDA.A.1") in visible_codes(operator_b)


def test_a_unit_cannot_become_its_own_descendant(org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.upsert_unit(
            pemda=org.pemda, kode="SETDA.A", nama="Biro A", jenis="biro", induk=org.bagian_a1
        )


def test_unit_parent_must_be_in_the_same_pemda(org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.upsert_unit(pemda=org.pemda, kode="X", nama="X", jenis="biro", induk=org.setda_lain)


def test_operator_role_requires_a_unit_and_pemda_roles_refuse_one(org, tanpa_peran):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.assign_role(pengguna=tanpa_peran, peran=Penugasan.Peran.OPERATOR, pemda=org.pemda)
    with pytest.raises(ValidationError):
        services.assign_role(
            pengguna=tanpa_peran, peran=Penugasan.Peran.EVALUATOR, pemda=org.pemda, unit_kerja=org.setda
        )
    with pytest.raises(ValidationError):
        services.assign_role(
            pengguna=tanpa_peran, peran=Penugasan.Peran.OPERATOR, pemda=org.pemda, unit_kerja=org.setda_lain
        )


def test_scope_is_read_with_one_query_and_then_cached(org, operator_a, django_assert_num_queries):
    access.forget_scope(operator_a)
    with django_assert_num_queries(1):
        access.scope_of(operator_a)
        access.scope_of(operator_a)
        assert access.can_edit(operator_a, org.bagian_a1)
        assert not access.can_view(operator_a, org.biro_b)
