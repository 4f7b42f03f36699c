"""Who may build and edit a unit's LKjIP (and read its PK and IKU decree documents).

By default the unit's own writers (its operators, those of its parent units, the admin pemda) as everywhere else;
besides them the operators of the units the admin pemda named as the report's compilers (`PenyusunLaporan`: the
Biro Organisasi compiles the Setda's LKjIP although it is a sub-unit of the Setda and cannot write the Setda).
A compiler reads the whole report it compiles (the figures of every Biro), but gains no other right on the unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.pelaporan.models import PenyusunLaporan
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sakip.organisasi.models import Pengguna

_CACHE_ATTR = "_sakip_laporan_disusun"


def unit_disusun(user: Pengguna | AnonymousUser) -> frozenset[int]:
    """The ids of the units whose LKjIP the user compiles through a `PenyusunLaporan` (one query per user object)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = frozenset(
            PenyusunLaporan.objects.filter(access.unit_filter(user, path="penyusun", write=True)).values_list(
                "unit_kerja_id", flat=True
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def boleh_menyusun(user: Pengguna | AnonymousUser, unit: UnitKerja) -> bool:
    """May the user build the unit's LKjIP and edit its texts?"""
    return access.can_edit(user, unit) or unit.pk in unit_disusun(user)


def renstra_laporan(user: Pengguna | AnonymousUser, pk: int) -> RencanaStrategis:
    """A Renstra whose LKjIP the user may read: in their scope, or of a unit they compile. 404 otherwise."""
    renstra = RencanaStrategis.objects.select_related("unit_kerja__pemda").filter(pk=pk).first()
    if renstra is None or not (
        access.can_view(user, renstra.unit_kerja) or renstra.unit_kerja_id in unit_disusun(user)
    ):
        raise Http404("Data tidak ditemukan.")
    return renstra


def unit_teks(user: Pengguna | AnonymousUser, unit_id: int) -> UnitKerja:
    """The unit whose report texts the user edits: 404 outside their reach, 403 for a reader who does not compile."""
    unit = UnitKerja.objects.select_related("pemda", "induk").filter(pk=unit_id).first()
    if unit is None or not (access.can_view(user, unit) or unit.pk in unit_disusun(user)):
        raise Http404("Data tidak ditemukan.")
    if not boleh_menyusun(user, unit):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk laporan unit ini.")
    return unit


def perjanjian_laporan(user: Pengguna | AnonymousUser, pk: int) -> PerjanjianKinerja:
    """A PK the user may read (in their scope, or of a unit whose report they compile); 404 otherwise."""
    perjanjian = (
        PerjanjianKinerja.objects.select_related("unit_kerja__pemda", "renstra")
        .filter(pk=pk)
        .filter(access.unit_filter(user, path="unit_kerja") | Q(unit_kerja_id__in=unit_disusun(user)))
        .first()
    )
    if perjanjian is None:
        raise Http404("Data tidak ditemukan.")
    return perjanjian


def renstra_keputusan(user: Pengguna | AnonymousUser, pk: int) -> RencanaStrategis:
    """A Renstra whose IKU decree the user may read (the same scope as the Renstra itself); 404 otherwise."""
    return access.get_for_user(RencanaStrategis.objects.select_related("unit_kerja__pemda"), user, pk=pk)
