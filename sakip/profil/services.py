"""Writes to the organisation profile. Every path (edit pages, Excel import, demo data, copy from last year)
ends here, so every change is validated the same way and recorded in the history with its author.

Rows are matched by position: row n of the new list updates row n of the stored one, and a row whose
values did not change is not saved, so the history shows exactly the cells that changed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from sakip.profil import data as profil_data
from sakip.profil.models import (
    BarisNonPNS,
    BarisPegawai,
    Fungsi,
    IsuStrategis,
    LandasanHukum,
    PerbandinganStandar,
    ProfilOrganisasi,
    SaranaPrasarana,
)

if TYPE_CHECKING:
    from sakip.organisasi.models import Pengguna, UnitKerja


def _teks(nilai: Any) -> str:
    return str(nilai or "").replace("\r\n", "\n").strip()


def _tanggal(nilai: Any) -> datetime.date | None:
    if not nilai:
        return None
    if isinstance(nilai, datetime.date):
        return nilai
    try:
        return datetime.date.fromisoformat(str(nilai))
    except ValueError as exc:
        raise ValidationError(f"Tanggal data pegawai '{nilai}' tidak valid.") from exc


def _desimal(nilai: Any) -> Decimal:
    try:
        return Decimal(str(nilai))
    except InvalidOperation as exc:
        raise ValidationError(f"'{nilai}' bukan angka.") from exc


def _profil(unit_kerja: UnitKerja, tahun: int, by: Pengguna | None) -> ProfilOrganisasi:
    profil = ProfilOrganisasi.objects.select_for_update().filter(unit_kerja=unit_kerja, tahun=tahun).first()
    if profil is None:
        profil = ProfilOrganisasi(unit_kerja=unit_kerja, tahun=tahun)
        profil.full_clean(validate_unique=False, validate_constraints=False)
        profil._history_user = by  # type: ignore[attr-defined]
        profil.save()
    return profil


def _sync(
    profil: ProfilOrganisasi,
    model: type[models.Model],
    rows: list[dict[str, Any]],
    by: Pengguna | None,
) -> None:
    existing = list(model.objects.filter(profil=profil).order_by("urutan"))  # type: ignore[attr-defined]
    for urutan, values in enumerate(rows, start=1):
        obj = existing[urutan - 1] if urutan <= len(existing) else model(profil=profil, urutan=urutan)
        if obj.pk is not None and all(getattr(obj, k) == v for k, v in values.items()):
            continue
        for k, v in values.items():
            setattr(obj, k, v)
        try:
            # The database constraints hold the same rules; clean() gives the Indonesian reason first.
            obj.full_clean(exclude=["profil"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            label = model._meta.verbose_name
            raise ValidationError(f"{label.capitalize()} baris {urutan}: {' '.join(exc.messages)}") from exc
        obj._history_user = by  # type: ignore[attr-defined]
        obj.save()
    for obj in existing[len(rows) :]:
        obj._history_user = by  # type: ignore[attr-defined]
        obj.delete()


@transaction.atomic
def simpan_uraian(
    *,
    unit_kerja: UnitKerja,
    tahun: int,
    uraian: dict[str, Any],
    landasan_hukum: list[str],
    fungsi: list[str],
    isu_strategis: list[str],
    perbandingan_standar: list[dict[str, Any]],
    by: Pengguna | None,
) -> ProfilOrganisasi:
    """Save the narrative sections and the numbered lists of the profile."""
    # A missing reason is allowed here (a profile is filled in over several visits); the edit form and the
    # import require it, and the profile page lists it as missing.
    ada_standar = bool(uraian.get("ada_standar"))
    if ada_standar and not perbandingan_standar:
        raise ValidationError("Isi minimal satu indikator yang dibandingkan dengan standar.")
    if not ada_standar and perbandingan_standar:
        raise ValidationError("Perbandingan dengan standar diisi, tetapi 'ada standar' tidak dipilih.")
    profil = _profil(unit_kerja, tahun, by)
    baru = {k: _teks(uraian.get(k)) for k in profil_data.URAIAN_TEKS}
    baru.update(sdm_per_tanggal=_tanggal(uraian.get("sdm_per_tanggal")), ada_standar=ada_standar)
    if any(getattr(profil, k) != v for k, v in baru.items()):
        for k, v in baru.items():
            setattr(profil, k, v)
        profil.full_clean(validate_unique=False, validate_constraints=False)
        profil._history_user = by  # type: ignore[attr-defined]
        profil.save()
    for model, butir in [(LandasanHukum, landasan_hukum), (Fungsi, fungsi), (IsuStrategis, isu_strategis)]:
        _sync(profil, model, [{"uraian": _teks(t)} for t in butir], by)
    standar = [{k: _teks(b.get(k)) for k in profil_data.KOLOM_STANDAR} for b in perbandingan_standar]
    _sync(profil, PerbandinganStandar, standar, by)
    return profil


@transaction.atomic
def simpan_pegawai(
    *,
    unit_kerja: UnitKerja,
    tahun: int,
    pegawai_asn: list[dict[str, Any]],
    pegawai_non_pns: list[dict[str, Any]],
    by: Pengguna | None,
) -> ProfilOrganisasi:
    """Save the staff tables; a row whose breakdowns disagree with its headcount is refused."""
    profil = _profil(unit_kerja, tahun, by)
    asn = [{k: _teks(b[k]) if k == "jabatan" else b[k] for k in profil_data.KOLOM_ASN} for b in pegawai_asn]
    non_pns = [
        {k: _teks(b[k]) if k == "jabatan" else b[k] for k in profil_data.KOLOM_NON_PNS}
        for b in pegawai_non_pns
    ]
    _sync(profil, BarisPegawai, asn, by)
    _sync(profil, BarisNonPNS, non_pns, by)
    return profil


@transaction.atomic
def simpan_sarana(
    *, unit_kerja: UnitKerja, tahun: int, sarana: list[dict[str, Any]], by: Pengguna | None
) -> ProfilOrganisasi:
    """Save table 1.2 (sarana dan prasarana)."""
    profil = _profil(unit_kerja, tahun, by)
    rows = [
        {
            "uraian": _teks(b["uraian"]),
            "banyaknya": _desimal(b["banyaknya"]),
            "satuan": _teks(b["satuan"]),
            "keterangan": _teks(b.get("keterangan")),
        }
        for b in sarana
    ]
    _sync(profil, SaranaPrasarana, rows, by)
    return profil


@transaction.atomic
def simpan_profil(
    *, unit_kerja: UnitKerja, tahun: int, data: profil_data.DataProfil, by: Pengguna | None
) -> ProfilOrganisasi:
    """Replace the whole profile of a unit and year (import, demo data, copy), all or nothing."""
    simpan_uraian(
        unit_kerja=unit_kerja,
        tahun=tahun,
        uraian=data["uraian"],
        landasan_hukum=data["landasan_hukum"],
        fungsi=data["fungsi"],
        isu_strategis=data["isu_strategis"],
        perbandingan_standar=data["perbandingan_standar"],
        by=by,
    )
    simpan_pegawai(
        unit_kerja=unit_kerja,
        tahun=tahun,
        pegawai_asn=data["pegawai_asn"],
        pegawai_non_pns=data["pegawai_non_pns"],
        by=by,
    )
    return simpan_sarana(unit_kerja=unit_kerja, tahun=tahun, sarana=data["sarana"], by=by)


@transaction.atomic
def salin_profil(
    *, unit_kerja: UnitKerja, dari_tahun: int, ke_tahun: int, by: Pengguna | None
) -> ProfilOrganisasi:
    """Start a year's profile from another year's, to be edited rather than retyped."""
    sumber = ProfilOrganisasi.objects.filter(unit_kerja=unit_kerja, tahun=dari_tahun).first()
    if sumber is None:
        raise ValidationError(f"Profil tahun {dari_tahun} belum ada.")
    if ProfilOrganisasi.objects.filter(unit_kerja=unit_kerja, tahun=ke_tahun).exists():
        raise ValidationError(f"Profil tahun {ke_tahun} sudah ada; ubah atau impor untuk menggantinya.")
    data = profil_data.dari_profil(sumber)
    data["uraian"]["sdm_per_tanggal"] = ""
    return simpan_profil(unit_kerja=unit_kerja, tahun=ke_tahun, data=data, by=by)
