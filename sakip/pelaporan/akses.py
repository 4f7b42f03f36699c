"""Who may build and edit a unit's LKjIP (and read its PK and IKU decree documents).

By default the unit's own writers (its operators, those of its parent units, the admin pemda) as everywhere else;
besides them the operators of the units the admin pemda named as the report's compilers (`PenyusunLaporan`: the
Biro Organisasi compiles the Setda's LKjIP although it is a sub-unit of the Setda and cannot write the Setda).
A compiler reads the whole report it compiles (the figures of every Biro), but gains no other right on the unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from sakip.organisasi import access
from sakip.organisasi.models import Pemda, Penugasan, UnitKerja
from sakip.pelaporan.models import PenyusunLaporan, PenyusunLaporanPemda
from sakip.perencanaan.models import PerjanjianKinerja, RencanaStrategis
from sakip.rpjmd.models import Rpjmd

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


# --- the pemda's own LKjIP (issue #25) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PembacaPemda:
    """A read-only principal over one whole pemda, for building the pemda's own LKjIP the same way whoever asked
    for it (the counterpart of `access.PembacaUnit`): the caller has decided that the requester may read it."""

    pemda_id: int
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False
    pk: None = None

    def __post_init__(self) -> None:
        # the scope `access.scope_of` reads from its per-user cache: read every unit of the pemda, write none
        object.__setattr__(self, access._CACHE_ATTR, access.Cakupan(pemda_baca=frozenset({self.pemda_id})))


def pembaca_pemda(pemda: Pemda) -> PembacaPemda:
    return PembacaPemda(pemda.pk)


_CACHE_PEMDA = "_sakip_laporan_pemda_disusun"


def pemda_disusun(user: Pengguna | AnonymousUser) -> frozenset[int]:
    """The pemdas whose own LKjIP the user compiles: an operator of a unit named in `PenyusunLaporanPemda`."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_PEMDA, None)
    if cached is None:
        cached = frozenset(
            PenyusunLaporanPemda.objects.filter(
                access.unit_filter(user, path="penyusun", write=True)
            ).values_list("pemda_id", flat=True)
        )
        setattr(user, _CACHE_PEMDA, cached)
    return cached


def boleh_menyusun_pemda(user: Pengguna | AnonymousUser, pemda_id: int) -> bool:
    """May the user build the pemda's LKjIP and edit its texts? Its admin pemda and the compilers' operators."""
    return access.pemda_for_user(user, write=True).filter(pk=pemda_id).exists() or pemda_id in pemda_disusun(
        user
    )


def boleh_membaca_pemda(user: Pengguna | AnonymousUser, pemda_id: int) -> bool:
    """May the user read the pemda's LKjIP? Whoever reads the whole pemda (admin pemda, evaluator), a pimpinan of
    one of its units, and its compilers; an operator of one PD does not (the report holds every PD's figures)."""
    cakupan = access.scope_of(user)
    if cakupan.superuser or pemda_id in cakupan.pemda_baca or pemda_id in pemda_disusun(user):
        return True
    return (
        Penugasan.objects.berlaku()
        .filter(pengguna_id=user.pk, pemda_id=pemda_id, peran=Penugasan.Peran.PIMPINAN)
        .exists()
    )


def rpjmd_laporan(user: Pengguna | AnonymousUser, pk: int, *, tulis: bool = False) -> Rpjmd:
    """The RPJMD whose pemda's LKjIP the user opens: 404 outside the pemdas where the user holds a role or
    compiles, 403 for a role that may not read it (or, with `tulis`, may not build it)."""
    rpjmd = Rpjmd.objects.select_related("pemda").filter(pk=pk).first()
    if rpjmd is None or not (
        access.pemda_for_user(user).filter(pk=rpjmd.pemda_id).exists()
        or rpjmd.pemda_id in pemda_disusun(user)
    ):
        raise Http404("Data tidak ditemukan.")
    if tulis:
        if not boleh_menyusun_pemda(user, rpjmd.pemda_id):
            raise PermissionDenied(
                "Hanya admin pemda dan unit penyusun laporan pemerintah daerah yang dapat membuat laporan ini "
                "dan mengubah teksnya."
            )
    elif not boleh_membaca_pemda(user, rpjmd.pemda_id):
        raise PermissionDenied(
            "Laporan kinerja pemerintah daerah hanya dapat dibuka oleh admin pemda, evaluator, pimpinan dan unit "
            "penyusunnya."
        )
    return rpjmd
