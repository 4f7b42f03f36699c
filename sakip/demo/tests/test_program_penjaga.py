"""Issue #20 point 3, the guards of deleting programs, kegiatan and sub kegiatan that reach the layers above
planning: spent budget (anggaran) and a locked year (pengukuran). Nothing is half-deleted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.pengukuran import services as pengukuran_services
from sakip.perencanaan import services
from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan
from sakip.perencanaan.tests.factories import renstra_dengan_iku


@pytest.fixture
def program(org, operator_a):
    renstra = renstra_dengan_iku(org.biro_a, jumlah_indikator=1)
    program = services.simpan_program(
        unit_kerja=org.biro_a,
        kode="4.01.02",
        nama="Program A",
        sasaran=[renstra.sasaran.get()],
        by=operator_a,
    )
    kegiatan = services.simpan_kegiatan(
        program=program, kode="4.01.02.2.01", nama="Kegiatan A", by=operator_a
    )
    services.save_sub_kegiatan(
        kegiatan=kegiatan, kode="4.01.02.2.01.0001", nama="Sub A", target={2025: Decimal(3)}, by=operator_a
    )
    return program


def _sub():
    return SubKegiatan.objects.get(kode="4.01.02.2.01.0001")


def test_a_sub_kegiatan_with_spent_budget_is_not_deleted_nor_its_kegiatan_or_program(program, operator_a):
    AnggaranSubKegiatan.objects.create(
        sub_kegiatan=_sub(), tahun=2024, pagu=Decimal(1000), realisasi=Decimal(10)
    )
    c = Client()
    c.force_login(operator_a)
    for nama, obj in (
        ("sub_kegiatan_delete", _sub()),
        ("kegiatan_delete", Kegiatan.objects.get()),
        ("program_delete", program),
    ):
        r = c.post(reverse(f"perencanaan:{nama}", args=[obj.pk]), follow=True)
        assert "sudah memiliki realisasi anggaran tahun 2024" in r.content.decode(), nama
    assert SubKegiatan.objects.count() == 1
    assert Program.objects.filter(pk=program.pk).exists()


def test_a_sub_kegiatan_with_only_a_pagu_is_refused_with_the_way_out(program, operator_a):
    AnggaranSubKegiatan.objects.create(sub_kegiatan=_sub(), tahun=2025, pagu=Decimal(1000))
    with pytest.raises(ValidationError, match=r"memiliki pagu anggaran tahun 2025\. Hapus baris anggarannya"):
        services.hapus_sub_kegiatan(sub_kegiatan=_sub(), by=operator_a)
    assert SubKegiatan.objects.count() == 1


def test_a_target_of_a_locked_year_is_neither_changed_nor_deleted(program, org, operator_a, admin_pemda):
    pengukuran_services.lock_year(pemda=org.pemda, tahun=2025, by=admin_pemda)
    with pytest.raises(ValidationError, match="data tahun 2025 sudah dikunci"):
        services.simpan_target_keluaran(sub_kegiatan=_sub(), tahun=2025, nilai=Decimal(4), by=operator_a)
    with pytest.raises(ValidationError, match="data tahun 2025 sudah dikunci"):
        services.hapus_program(program=program, by=admin_pemda)
    assert _sub().target_keluaran.get().nilai == Decimal(3)
    # Another year of the plan is still open.
    services.simpan_target_keluaran(sub_kegiatan=_sub(), tahun=2026, nilai=Decimal(4), by=operator_a)
