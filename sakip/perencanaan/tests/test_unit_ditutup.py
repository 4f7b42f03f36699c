"""Issue #20: a closed unit's plans stay readable (the organisation side is tested in organisasi/tests)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sakip.organisasi import services
from sakip.organisasi.models import Penugasan
from sakip.perencanaan.tests.factories import renstra_dengan_iku

HARI_INI = timezone.localdate()


def _klien(user):
    c = Client()
    c.force_login(user)
    return c


def test_a_closed_unit_keeps_its_data_readable_and_takes_no_new_role_or_sub_unit(
    org, admin_pemda, pimpinan_a, operator_a
):
    renstra = renstra_dengan_iku(org.bagian_a1, jumlah_indikator=1)
    services.assign_role(
        pengguna=operator_a, peran="operator", pemda=org.pemda, unit_kerja=org.bagian_a1, by=admin_pemda
    )
    r = _klien(admin_pemda).post(reverse("organisasi:unit_close", args=[org.bagian_a1.pk]))
    assert r.status_code == 302
    org.bagian_a1.refresh_from_db()
    assert (org.bagian_a1.aktif, org.bagian_a1.ditutup_pada) == (False, HARI_INI)
    # Its data: still there and readable by the parent's pimpinan and the admin.
    for user in (pimpinan_a, admin_pemda):
        assert _klien(user).get(reverse("organisasi:unit_detail", args=[org.bagian_a1.pk])).status_code == 200
        assert _klien(user).get(reverse("perencanaan:renstra_detail", args=[renstra.pk])).status_code == 200
    # The roles held on the closed unit ended that day; nothing new attaches to it.
    assert Penugasan.objects.get(pengguna=operator_a, unit_kerja=org.bagian_a1).selesai == HARI_INI
    with pytest.raises(ValidationError, match="ditutup"):
        services.assign_role(pengguna=operator_a, peran="operator", pemda=org.pemda, unit_kerja=org.bagian_a1)
    with pytest.raises(ValidationError, match="ditutup"):
        services.create_unit(
            pemda=org.pemda, kode="X", nama="X", jenis="bagian", induk=org.bagian_a1, by=admin_pemda
        )
    assert org.bagian_a1.history.first().history_user == admin_pemda
