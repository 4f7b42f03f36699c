"""Writes to the organisation: pemda, units and role assignments."""

from __future__ import annotations

from django.db import transaction

from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja


@transaction.atomic
def upsert_pemda(*, kode: str, nama: str, jenis: str, provinsi: Pemda | None = None) -> Pemda:
    """Create the pemda with this kode, or bring an existing one up to date."""
    pemda, _ = Pemda.objects.update_or_create(
        kode=kode, defaults={"nama": nama, "jenis": jenis, "provinsi": provinsi}
    )
    pemda.full_clean()
    return pemda


@transaction.atomic
def upsert_unit(
    *,
    pemda: Pemda,
    kode: str,
    nama: str,
    jenis: str,
    induk: UnitKerja | None = None,
    singkatan: str = "",
    eselon: str = "",
    urutan: int = 0,
) -> UnitKerja:
    """Create the unit with this kode in the pemda, or update it (moving its subtree with it)."""
    unit = UnitKerja.objects.filter(pemda=pemda, kode=kode).first() or UnitKerja(pemda=pemda, kode=kode)
    unit.nama = nama
    unit.jenis = jenis
    unit.induk = induk
    unit.singkatan = singkatan
    unit.eselon = eselon
    unit.urutan = urutan
    unit.full_clean(exclude=["jalur"])
    unit.save()
    return unit


@transaction.atomic
def assign_role(
    *, pengguna: Pengguna, peran: str, pemda: Pemda, unit_kerja: UnitKerja | None = None
) -> Penugasan:
    """Give the user a role (idempotent)."""
    penugasan = Penugasan(pengguna=pengguna, peran=peran, pemda=pemda, unit_kerja=unit_kerja)
    penugasan.full_clean(validate_unique=False, validate_constraints=False)
    penugasan, _ = Penugasan.objects.get_or_create(
        pengguna=pengguna, peran=peran, pemda=pemda, unit_kerja=unit_kerja
    )
    access.forget_scope(pengguna)
    return penugasan
