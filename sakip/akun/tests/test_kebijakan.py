"""The per-pemda policy page: set by the pemda's admin (audited), read by its other roles, hidden from outsiders."""

from __future__ import annotations

from django.urls import reverse

from sakip.akun import services
from sakip.akun.models import KebijakanDuaFaktor
from sakip.organisasi import services as org_services
from sakip.organisasi.tests.factories import PenggunaFactory


def _url(pemda) -> str:
    return f"{reverse('akun:kebijakan')}?pemda={pemda.pk}"


def test_a_pemda_without_a_saved_policy_requires_admin_pemda_and_evaluator(org, evaluator, client):
    aturan = services.kebijakan(org.pemda)
    assert aturan.pk is None
    assert [p for p in ("admin_pemda", "evaluator", "operator", "pimpinan") if aturan.mewajibkan(p)] == [
        "admin_pemda",
        "evaluator",
    ]
    client.force_login(evaluator)
    page = client.get(_url(org.pemda)).content.decode()
    assert "belum menyimpan kebijakan" in page
    assert "Admin Pemda, Evaluator/Inspektorat" in page


def test_the_admin_pemda_sets_the_policy_and_the_change_is_audited(client, admin_pemda, org):
    services.simpan_kebijakan(pemda=org.pemda, peran_wajib={"admin_pemda"}, by=admin_pemda)
    client.force_login(admin_pemda)
    page = client.get(_url(org.pemda)).content.decode()
    assert 'name="peran_wajib"' in page
    response = client.post(
        reverse("akun:kebijakan"), {"pemda": org.pemda.pk, "peran_wajib": ["operator", "evaluator"]}
    )
    assert response.status_code == 302
    aturan = KebijakanDuaFaktor.objects.get(pemda=org.pemda)
    assert (
        aturan.wajib_admin_pemda,
        aturan.wajib_evaluator,
        aturan.wajib_operator,
        aturan.wajib_pimpinan,
    ) == (
        False,
        True,
        True,
        False,
    )
    terakhir = aturan.history.order_by("-history_id").first()
    assert terakhir.history_user == admin_pemda
    assert terakhir.wajib_operator is True
    assert "Operator, Evaluator/Inspektorat" in client.get(_url(org.pemda)).content.decode()


def test_an_unknown_role_is_refused_without_a_500(client, admin_pemda, org):
    client.force_login(admin_pemda)
    response = client.post(reverse("akun:kebijakan"), {"pemda": org.pemda.pk, "peran_wajib": ["raja"]})
    assert response.status_code == 200
    assert not KebijakanDuaFaktor.objects.filter(pemda=org.pemda).exists()


def test_other_roles_of_the_pemda_read_the_policy_but_cannot_change_it(client, evaluator, operator_a, org):
    services.simpan_kebijakan(pemda=org.pemda, peran_wajib=set(), by=None)
    for user in (evaluator, operator_a):
        client.force_login(user)
        page = client.get(_url(org.pemda)).content.decode()
        assert 'name="peran_wajib"' not in page
        assert "Hanya admin pemda" in page
        response = client.post(
            reverse("akun:kebijakan"), {"pemda": org.pemda.pk, "peran_wajib": ["operator"]}
        )
        assert response.status_code == 403
    assert not KebijakanDuaFaktor.objects.get(pemda=org.pemda).wajib_operator


def test_an_outsider_gets_404_for_another_pemdas_policy(client, org):
    luar = PenggunaFactory(username="admin_q")
    org_services.assign_role(pengguna=luar, peran="admin_pemda", pemda=org.pemda_lain)
    services.simpan_kebijakan(pemda=org.pemda_lain, peran_wajib=set(), by=None)
    client.force_login(luar)
    assert client.get(_url(org.pemda)).status_code == 404
    response = client.post(reverse("akun:kebijakan"), {"pemda": org.pemda.pk, "peran_wajib": []})
    assert response.status_code == 404
    assert not KebijakanDuaFaktor.objects.filter(pemda=org.pemda).exists()
    assert client.get(reverse("akun:kebijakan")).status_code == 200  # their own pemda


def test_a_user_without_any_role_gets_403_and_a_bad_pemda_parameter_no_500(
    client, tanpa_peran, operator_a, org
):
    client.force_login(tanpa_peran)
    assert client.get(reverse("akun:kebijakan")).status_code == 403
    client.force_login(operator_a)
    assert client.get(f"{reverse('akun:kebijakan')}?pemda=abc").status_code == 200
    assert client.get(f"{reverse('akun:kebijakan')}?pemda=999999").status_code == 404
