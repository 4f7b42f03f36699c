"""The only place that decides who sees and changes what.

A user's scope comes from their Penugasan rows:
- admin pemda: reads and writes every unit of the pemda;
- evaluator (Inspektorat): reads every unit of the pemda;
- operator: reads and writes the assigned unit and its sub-units;
- pimpinan: reads the assigned unit and its sub-units;
- superuser: everything.
Outside the scope an object is answered with 404, exactly like one that does not exist, so that an
outsider cannot even learn that it exists; a read-only user who tries to write gets 403.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sakip.organisasi.models import Pemda, Penugasan, UnitKerja

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sakip.organisasi.models import Pengguna

M = TypeVar("M", bound=Model)

_CACHE_ATTR = "_sakip_cakupan"


@dataclass(frozen=True)
class Cakupan:
    """What a user may read and write, as pemda ids (whole pemda) and unit paths (subtrees)."""

    superuser: bool = False
    pemda_baca: frozenset[int] = frozenset()
    pemda_tulis: frozenset[int] = frozenset()
    jalur_baca: tuple[str, ...] = ()
    jalur_tulis: tuple[str, ...] = ()
    # Pimpinan verify the realisasi of their unit and its sub-units; admin pemda verify the whole pemda.
    jalur_verifikasi: tuple[str, ...] = ()

    def verifies(self, unit: UnitKerja) -> bool:
        return (
            self.superuser
            or unit.pemda_id in self.pemda_tulis
            or unit.jalur.startswith(self.jalur_verifikasi or ("\0",))
        )

    def reads(self, unit: UnitKerja) -> bool:
        return (
            self.superuser
            or unit.pemda_id in self.pemda_baca
            or unit.jalur.startswith(self.jalur_baca or ("\0",))
        )

    def writes(self, unit: UnitKerja) -> bool:
        return (
            self.superuser
            or unit.pemda_id in self.pemda_tulis
            or unit.jalur.startswith(self.jalur_tulis or ("\0",))
        )


def scope_of(user: Pengguna | AnonymousUser) -> Cakupan:
    """The user's scope, read once per user object (one query; none when `muat_pengguna` loaded the user)."""
    if not user.is_authenticated or not user.is_active:
        return Cakupan()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        cakupan = Cakupan(superuser=True)
    else:
        rows = (
            Penugasan.objects.berlaku()
            .filter(pengguna_id=user.pk)
            .values_list("peran", "pemda_id", "unit_kerja__jalur")
        )
        cakupan = _cakupan(rows)
    setattr(user, _CACHE_ATTR, cakupan)
    return cakupan


def _cakupan(rows: Iterable[tuple[str, int, str | None]]) -> Cakupan:
    """The scope given by a non-superuser's roles in force, as (peran, pemda id, unit path) rows."""
    pemda_baca: set[int] = set()
    pemda_tulis: set[int] = set()
    jalur_baca: list[str] = []
    jalur_tulis: list[str] = []
    jalur_verifikasi: list[str] = []
    for peran, pemda_id, jalur in rows:
        if peran == Penugasan.Peran.ADMIN_PEMDA:
            pemda_baca.add(pemda_id)
            pemda_tulis.add(pemda_id)
        elif peran == Penugasan.Peran.EVALUATOR:
            pemda_baca.add(pemda_id)
        elif peran == Penugasan.Peran.OPERATOR and jalur:
            jalur_baca.append(jalur)
            jalur_tulis.append(jalur)
        elif peran == Penugasan.Peran.PIMPINAN and jalur:
            jalur_baca.append(jalur)
            jalur_verifikasi.append(jalur)
    return Cakupan(
        pemda_baca=frozenset(pemda_baca),
        pemda_tulis=frozenset(pemda_tulis),
        jalur_baca=tuple(sorted(set(jalur_baca))),
        jalur_tulis=tuple(sorted(set(jalur_tulis))),
        jalur_verifikasi=tuple(sorted(set(jalur_verifikasi))),
    )


def muat_pengguna(user_id: Any) -> Pengguna | None:
    """The user with the given id and their scope together, in one query (the user joined to their roles in
    force): what every signed-in request loads (`organisasi.backends`), one query less than the user and then
    `scope_of`. None when there is no such user. The SQL is written out (`_sql_pengguna`, the same rule as
    `PenugasanQuerySet.berlaku`): built through the ORM it cost several times the query itself on every request."""
    from sakip.organisasi.models import Pengguna

    try:
        pk = int(user_id)
    except (TypeError, ValueError):  # a malformed id in a session
        return None
    hari = timezone.localdate()
    rows = list(Pengguna.objects.raw(_sql_pengguna(connection.vendor), [hari, hari, pk]))
    if not rows:
        return None
    user = rows[0]
    if user.is_superuser:
        cakupan = Cakupan(superuser=True)
    else:
        cakupan = _cakupan(
            (r.peran_berlaku, r.pemda_berlaku, r.jalur_berlaku) for r in rows if r.peran_berlaku is not None
        )
    for nama in ("peran_berlaku", "pemda_berlaku", "jalur_berlaku"):
        delattr(user, nama)
    setattr(user, _CACHE_ATTR, cakupan)
    return user


@functools.cache
def _sql_pengguna(vendor: str) -> str:
    from sakip.organisasi.models import Pengguna

    qn = connection.ops.quote_name
    # Only names (quoted by the backend) are formatted in; the date and the id are parameters.
    return (
        f"SELECT u.*, p.{qn('peran')} AS peran_berlaku, p.{qn('pemda_id')} AS pemda_berlaku, "  # noqa: S608
        f"k.{qn('jalur')} AS jalur_berlaku "
        f"FROM {qn(Pengguna._meta.db_table)} u "
        f"LEFT JOIN {qn(Penugasan._meta.db_table)} p ON p.{qn('pengguna_id')} = u.{qn('id')} "
        f"AND (p.{qn('mulai')} IS NULL OR p.{qn('mulai')} <= %s) "
        f"AND (p.{qn('selesai')} IS NULL OR p.{qn('selesai')} > %s) "
        f"LEFT JOIN {qn(UnitKerja._meta.db_table)} k ON k.{qn('id')} = p.{qn('unit_kerja_id')} "
        f"WHERE u.{qn('id')} = %s"
    )


def forget_scope(user: Pengguna) -> None:
    """Drop the cached scope, e.g. after the user's Penugasan changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def unit_filter(user: Pengguna | AnonymousUser, *, path: str = "", write: bool = False) -> Q:
    """A Q for rows whose unit (reached through `path`, "" for UnitKerja itself) is in the user's scope."""
    cakupan = scope_of(user)
    if cakupan.superuser:
        return Q()
    prefix = f"{path}__" if path else ""
    pemda = cakupan.pemda_tulis if write else cakupan.pemda_baca
    jalur = cakupan.jalur_tulis if write else cakupan.jalur_baca
    q = Q(pk__in=[])
    if pemda:
        q |= Q(**{f"{prefix}pemda_id__in": sorted(pemda)})
    for prefix_jalur in jalur:
        q |= Q(**{f"{prefix}jalur__startswith": prefix_jalur})
    return q


def verify_filter(user: Pengguna | AnonymousUser, *, path: str = "") -> Q:
    """A Q for rows whose unit (through `path`) the user verifies: the admin's pemda, a pimpinan's subtree."""
    cakupan = scope_of(user)
    if cakupan.superuser:
        return Q()
    prefix = f"{path}__" if path else ""
    q = Q(pk__in=[])
    if cakupan.pemda_tulis:
        q |= Q(**{f"{prefix}pemda_id__in": sorted(cakupan.pemda_tulis)})
    for prefix_jalur in cakupan.jalur_verifikasi:
        q |= Q(**{f"{prefix}jalur__startswith": prefix_jalur})
    return q


def can_verify_any(user: Pengguna | AnonymousUser) -> bool:
    cakupan = scope_of(user)
    return cakupan.superuser or bool(cakupan.pemda_tulis or cakupan.jalur_verifikasi)


def can_view(user: Pengguna | AnonymousUser, unit: UnitKerja) -> bool:
    return scope_of(user).reads(unit)


def can_edit(user: Pengguna | AnonymousUser, unit: UnitKerja) -> bool:
    return scope_of(user).writes(unit)


def can_verify(user: Pengguna | AnonymousUser, unit: UnitKerja) -> bool:
    return scope_of(user).verifies(unit)


def can_edit_any(user: Pengguna | AnonymousUser) -> bool:
    cakupan = scope_of(user)
    return cakupan.superuser or bool(cakupan.pemda_tulis or cakupan.jalur_tulis)


def _unit_of(obj: Model, path: str) -> UnitKerja:
    target: Any = obj
    for part in filter(None, path.split("__")):
        target = getattr(target, part)
    if not isinstance(target, UnitKerja):
        raise TypeError(f"{path!r} does not lead to a UnitKerja")
    return target


def get_for_user(
    queryset: QuerySet[M],
    user: Pengguna | AnonymousUser,
    *,
    unit_path: str = "unit_kerja",
    write: bool = False,
    **lookup: Any,
) -> M:
    """One object in the user's scope: 404 outside it (as if absent), 403 when writing without the right."""
    qs = queryset.filter(unit_filter(user, path=unit_path)).filter(**lookup)
    if unit_path:
        qs = qs.select_related(unit_path)
    obj = qs.first()
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    if write and not can_edit(user, _unit_of(obj, unit_path)):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk unit ini.")
    return obj


def get_unit_for_user(user: Pengguna | AnonymousUser, pk: int, *, write: bool = False) -> UnitKerja:
    return get_for_user(
        UnitKerja.objects.select_related("pemda", "induk"), user, unit_path="", write=write, pk=pk
    )


def pemda_for_user(user: Pengguna | AnonymousUser, *, write: bool = False) -> QuerySet[Pemda]:
    """The pemdas in which the user holds any role (write: the pemdas they administer)."""
    cakupan = scope_of(user)
    if cakupan.superuser:
        return Pemda.objects.all()
    if write:
        return Pemda.objects.filter(pk__in=cakupan.pemda_tulis)
    return Pemda.objects.filter(
        pk__in=Penugasan.objects.berlaku().filter(pengguna_id=user.pk).values("pemda_id")
    )


def get_pemda_for_user(user: Pengguna | AnonymousUser, pk: int, *, write: bool = False) -> Pemda:
    """A pemda-level page: 404 for a pemda where the user holds no role, 403 when writing without administering it."""
    pemda = pemda_for_user(user).filter(pk=pk).first()
    if pemda is None:
        raise Http404("Data tidak ditemukan.")
    if write and not pemda_for_user(user, write=True).filter(pk=pk).exists():
        raise PermissionDenied("Hanya admin pemda yang dapat mengubah ini.")
    return pemda


def users_administered_by(user: Pengguna | AnonymousUser) -> QuerySet[Pengguna]:
    """The accounts whose security an admin pemda may manage: users holding a role in a pemda they administer (never a
    superuser, unless the admin is one)."""
    from sakip.organisasi.models import Pengguna

    cakupan = scope_of(user)
    if cakupan.superuser:
        return Pengguna.objects.all()
    if not cakupan.pemda_tulis:
        return Pengguna.objects.none()
    return Pengguna.objects.filter(
        is_superuser=False,
        pk__in=Penugasan.objects.filter(pemda_id__in=cakupan.pemda_tulis).values("pengguna_id"),
    )


@dataclass(frozen=True)
class PembacaUnit:
    """A read-only principal over one unit's subtree, for building that unit's documents (its LKjIP) the same way
    whoever asked for them: the caller has already decided that the requester may read the document (as a reader
    of the unit or as one of its report's compilers), and the document then holds the whole unit's figures."""

    unit: UnitKerja
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False
    pk: None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, _CACHE_ATTR, Cakupan(jalur_baca=(self.unit.jalur,)))


def pembaca_unit(unit: UnitKerja) -> Any:
    """See `PembacaUnit`."""
    return PembacaUnit(unit)


def get_user_for_admin(user: Pengguna | AnonymousUser, pk: int) -> Pengguna:
    """An account the admin pemda manages: 403 for a user who administers no pemda, 404 for any other account."""
    if not pemda_for_user(user, write=True).exists():
        raise PermissionDenied("Hanya admin pemda yang dapat mengelola pengguna.")
    target = users_administered_by(user).filter(pk=pk).first()
    if target is None:
        raise Http404("Data tidak ditemukan.")
    return target


def require_admin_pemda(user: Pengguna | AnonymousUser) -> QuerySet[Pemda]:
    """The pemdas the user administers; 403 when none."""
    pemda = pemda_for_user(user, write=True)
    if not pemda.exists():
        raise PermissionDenied("Hanya admin pemda yang dapat membuka halaman ini.")
    return pemda
