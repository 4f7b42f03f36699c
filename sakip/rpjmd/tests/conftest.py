"""Fixtures of the RPJMD tests: a small RPJMD of pemda P cascading to Biro A's Renstra and one person."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sakip.organisasi import services as org_services
from sakip.organisasi.models import Pengguna
from sakip.perencanaan.tests.factories import renstra_dengan_iku
from sakip.rpjmd import services


@pytest.fixture
def data(org, admin_pemda):
    rpjmd = services.simpan_rpjmd(
        pemda=org.pemda, by=admin_pemda, nama="RPJMD P", tahun_mulai=2024, tahun_selesai=2026, visi="Visi P"
    )
    misi = services.simpan_misi(rpjmd=rpjmd, by=admin_pemda, kode="M1", uraian="Misi satu")
    tujuan = services.simpan_tujuan(rpjmd=rpjmd, by=admin_pemda, kode="T1", uraian="Tujuan satu", misi=misi)
    sasaran = services.simpan_sasaran(
        rpjmd=rpjmd,
        by=admin_pemda,
        kode="S1",
        uraian="Sasaran satu",
        tujuan=tujuan,
        penanggung_jawab=org.setda,
    )
    ind = services.simpan_indikator(
        rpjmd=rpjmd,
        by=admin_pemda,
        kode="I1",
        nama="Indeks satu",
        satuan="Indeks",
        sasaran=sasaran,
        is_iku=True,
        target={2024: (Decimal(80), Decimal(84))},
    )
    renstra_a = renstra_dengan_iku(org.biro_a)
    link = services.tambah_dukungan(
        by=admin_pemda, indikator=renstra_a.indikator.get(kode="IKU01"), indikator_daerah=ind
    )
    orang = services.simpan_pk_individu(
        unit_kerja=org.biro_a,
        by=admin_pemda,
        tahun=2024,
        nama="Ani",
        nip="",
        jabatan="Kepala Biro A",
        status_jabatan="plh",
    )
    ii = services.simpan_indikator_individu(
        pk_individu=orang,
        by=admin_pemda,
        nama="Kinerja Ani",
        satuan="Persen",
        target=Decimal(100),
        realisasi=Decimal(90),
        mendukung=renstra_a.indikator.get(kode="IKU01"),
    )
    return {"rpjmd": rpjmd, "sasaran": sasaran, "indikator": ind, "link": link, "orang": orang, "ii": ii}


@pytest.fixture
def luar(org):
    user = Pengguna.objects.create_user("luar", password="x-rahasia-123")
    org_services.assign_role(pengguna=user, peran="admin_pemda", pemda=org.pemda_lain)
    return user
