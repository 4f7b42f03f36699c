"""Writes to the organisation: pemda, units, user accounts and role assignments.

Every write records its author in the audit trail (django-simple-history's `_history_user`)."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja


def _simpan(obj: Any, by: Pengguna | None, *, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)
    if by is not None:
        obj._history_user = by
    obj.save()


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


def _induk_terbuka(induk: UnitKerja | None) -> None:
    if induk is not None and not induk.aktif:
        raise ValidationError({"induk": f"Unit {induk} sudah ditutup; pilih unit induk yang masih aktif."})


@transaction.atomic
def create_unit(
    *,
    pemda: Pemda,
    kode: str,
    nama: str,
    jenis: str,
    induk: UnitKerja | None,
    singkatan: str = "",
    eselon: str = "",
    urutan: int = 0,
    by: Pengguna,
) -> UnitKerja:
    """A new unit of the pemda under `induk` (None: a perangkat daerah at the top)."""
    if UnitKerja.objects.filter(pemda=pemda, kode=kode).exists():
        raise ValidationError({"kode": f"Kode unit '{kode}' sudah dipakai di {pemda}."})
    _induk_terbuka(induk)
    unit = UnitKerja(
        pemda=pemda,
        kode=kode,
        nama=nama,
        jenis=jenis,
        induk=induk,
        singkatan=singkatan,
        eselon=eselon,
        urutan=urutan,
    )
    _simpan(unit, by, exclude=["jalur"])
    return unit


@transaction.atomic
def update_unit(
    *,
    unit: UnitKerja,
    nama: str,
    jenis: str,
    induk: UnitKerja | None,
    singkatan: str = "",
    eselon: str = "",
    urutan: int = 0,
    by: Pengguna,
) -> UnitKerja:
    """Rename or move a unit; a move carries its whole subtree (paths rewritten by UnitKerja.save)."""
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    if induk is not None and induk.pk != unit.induk_id:
        _induk_terbuka(induk)
    unit.nama, unit.jenis, unit.induk = nama, jenis, induk
    unit.singkatan, unit.eselon, unit.urutan = singkatan, eselon, urutan
    _simpan(unit, by, exclude=["jalur"])
    return unit


@transaction.atomic
def close_unit(*, unit: UnitKerja, tanggal: datetime.date | None = None, by: Pengguna) -> UnitKerja:
    """Close a unit (a reorganisation): it keeps its data, readable as before, but takes no new sub-unit or role;
    roles still open on it end on the closing date. A unit with an open sub-unit is refused."""
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    if not unit.aktif:
        raise ValidationError(f"Unit {unit} sudah ditutup sejak {unit.ditutup_pada:%d-%m-%Y}.")
    terbuka = list(unit.anak.filter(aktif=True).values_list("nama", flat=True)[:5])
    if terbuka:
        raise ValidationError(
            f"Unit {unit} masih memiliki sub-unit aktif ({', '.join(terbuka)}): tutup atau pindahkan dulu."
        )
    tanggal = tanggal or timezone.localdate()
    unit.aktif, unit.ditutup_pada = False, tanggal
    _simpan(unit, by, exclude=["jalur"])
    for penugasan in Penugasan.objects.filter(unit_kerja=unit, selesai__isnull=True):
        _akhiri(penugasan, tanggal, by)
    return unit


@transaction.atomic
def assign_role(
    *,
    pengguna: Pengguna,
    peran: str,
    pemda: Pemda,
    unit_kerja: UnitKerja | None = None,
    mulai: datetime.date | None = None,
    selesai: datetime.date | None = None,
    by: Pengguna | None = None,
) -> Penugasan:
    """Give the user a role from `mulai` until `selesai` (both optional). Idempotent for an open role: giving it
    again returns the open row unchanged."""
    if unit_kerja is not None and not unit_kerja.aktif:
        raise ValidationError(
            {"unit_kerja": f"Unit {unit_kerja} sudah ditutup; peran tidak dapat diberikan."}
        )
    penugasan = Penugasan(
        pengguna=pengguna, peran=peran, pemda=pemda, unit_kerja=unit_kerja, mulai=mulai, selesai=selesai
    )
    penugasan.full_clean(validate_unique=False, validate_constraints=False)
    ada = Penugasan.objects.filter(
        pengguna=pengguna, peran=peran, pemda=pemda, unit_kerja=unit_kerja, selesai__isnull=True
    ).first()
    if ada is not None:
        if selesai is not None:
            raise ValidationError("Pengguna ini sudah memegang peran itu tanpa tanggal berakhir.")
        access.forget_scope(pengguna)
        return ada
    if by is not None:
        penugasan._history_user = by  # type: ignore[attr-defined]
    penugasan.save()
    access.forget_scope(pengguna)
    return penugasan


def _akhiri(penugasan: Penugasan, tanggal: datetime.date, by: Pengguna) -> None:
    # Withdrawn before (or on) its first day: it ends where it began, so it never applies, and stays on record.
    penugasan.selesai = max(tanggal, penugasan.mulai) if penugasan.mulai else tanggal
    penugasan._history_user = by  # type: ignore[attr-defined]
    penugasan.save()


@transaction.atomic
def withdraw_role(*, penugasan: Penugasan, tanggal: datetime.date | None = None, by: Pengguna) -> Penugasan:
    """End a role on `tanggal` (today by default: the user loses the access at once). The row stays as the record
    of who held the role when."""
    penugasan = Penugasan.objects.select_for_update().select_related("pengguna").get(pk=penugasan.pk)
    tanggal = tanggal or timezone.localdate()
    if penugasan.selesai is not None and penugasan.selesai <= tanggal:
        raise ValidationError(f"Peran ini sudah berakhir pada {penugasan.selesai:%d-%m-%Y}.")
    _akhiri(penugasan, tanggal, by)
    access.forget_scope(penugasan.pengguna)
    return penugasan


def _sandi_sementara() -> str:
    # 12 characters from an alphabet without look-alikes (0/O, 1/l/I): read aloud or copied from the screen.
    huruf = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        sandi = "".join(secrets.choice(huruf) for _ in range(12))
        if any(c.isdigit() for c in sandi) and any(c.isupper() for c in sandi):
            return sandi


@transaction.atomic
def create_user(
    *,
    username: str,
    nama_depan: str,
    nama_belakang: str = "",
    email: str = "",
    nip: str = "",
    jabatan: str = "",
    by: Pengguna,
) -> tuple[Pengguna, str]:
    """A new account with a temporary password, returned once to be handed to the user (who then changes it)."""
    if Pengguna.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"Nama pengguna '{username}' sudah dipakai."})
    pengguna = Pengguna(
        username=username,
        first_name=nama_depan,
        last_name=nama_belakang,
        email=email,
        nip=nip,
        jabatan=jabatan,
    )
    sandi = _sandi_sementara()
    pengguna.set_password(sandi)
    _simpan(pengguna, by)
    return pengguna, sandi


@transaction.atomic
def update_user(
    *,
    pengguna: Pengguna,
    nama_depan: str,
    nama_belakang: str = "",
    email: str = "",
    nip: str = "",
    jabatan: str = "",
    by: Pengguna,
) -> Pengguna:
    """Change an account's name and staff details."""
    pengguna.first_name, pengguna.last_name, pengguna.email = nama_depan, nama_belakang, email
    pengguna.nip, pengguna.jabatan = nip, jabatan
    _simpan(pengguna, by, exclude=["password"])
    return pengguna


@transaction.atomic
def set_user_active(*, pengguna: Pengguna, aktif: bool, by: Pengguna) -> Pengguna:
    """Deactivate (or reactivate) an account: a deactivated user cannot log in, and their open sessions and API
    token stop working at the next request. Nobody deactivates their own account."""
    if pengguna.pk == by.pk and not aktif:
        raise ValidationError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    pengguna.is_active = aktif
    _simpan(pengguna, by, exclude=["password"])
    if not aktif:
        from rest_framework.authtoken.models import Token

        Token.objects.filter(user=pengguna).delete()
    return pengguna


@transaction.atomic
def reset_password(*, pengguna: Pengguna, by: Pengguna) -> str:
    """Give the account a new temporary password, returned once. The change of the password ends the user's open
    sessions (Django's session hash) and deletes their API token (sakip.api.sinyal)."""
    if pengguna.pk == by.pk:
        raise ValidationError("Ganti kata sandi Anda sendiri melalui halaman Ganti kata sandi.")
    sandi = _sandi_sementara()
    pengguna.set_password(sandi)
    _simpan(pengguna, by, exclude=["password"])
    return sandi


@transaction.atomic
def change_own_password(*, pengguna: Pengguna, sandi_lama: str, sandi_baru: str) -> Pengguna:
    """The user's own change: the old password must be right and the new one pass the validators."""
    if not pengguna.check_password(sandi_lama):
        raise ValidationError({"sandi_lama": "Kata sandi lama salah."})
    password_validation.validate_password(sandi_baru, pengguna)
    pengguna.set_password(sandi_baru)
    _simpan(pengguna, pengguna, exclude=["password"])
    return pengguna


# --- officials (pejabat), kept apart from user accounts (issue #20 point 1) ----------------------------------------


@transaction.atomic
def simpan_pejabat(
    *,
    pemda: Pemda,
    nama: str,
    jabatan: str,
    mulai: datetime.date,
    unit_kerja: UnitKerja | None = None,
    nip: str = "",
    pangkat_golongan: str = "",
    sifat: str = "definitif",
    selesai: datetime.date | None = None,
    pejabat: Any = None,
    by: Pengguna | None,
) -> Any:
    """Create (pejabat None) or change an official of the roster."""
    from sakip.organisasi.models import Pejabat

    obj = pejabat or Pejabat()
    obj.pemda, obj.unit_kerja = pemda, unit_kerja
    obj.nama, obj.jabatan = nama.strip(), jabatan.strip()
    obj.nip, obj.pangkat_golongan = nip.replace(" ", "").strip(), pangkat_golongan.strip()
    obj.sifat, obj.mulai, obj.selesai = sifat, mulai, selesai
    _simpan(obj, by)
    return obj


@transaction.atomic
def akhiri_pejabat(*, pejabat: Any, selesai: datetime.date, by: Pengguna | None) -> Any:
    """End an official's term on `selesai` (from that day on they no longer hold the post); kept on record."""
    if pejabat.selesai is not None and pejabat.selesai <= timezone.localdate():
        raise ValidationError("Masa jabatan ini sudah berakhir.")
    pejabat.selesai = selesai
    _simpan(pejabat, by)
    return pejabat
