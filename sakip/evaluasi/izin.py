"""Who may write evaluation data, on top of organisasi.access (which decides who reads what).

- scores, evaluations and recommendations: an evaluator (Inspektorat) of the unit's pemda, an admin pemda, a
  superuser. In access.py evaluators only read the whole pemda; evaluation is the one place where they write;
- tindak lanjut text and status of a recommendation: additionally the operator of the evaluated unit or of the
  unit responsible for the recommendation (access.can_edit on either);
- everyone else reads within their scope (403 on writes); outside it everything answers 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sakip.organisasi import access
from sakip.organisasi.models import Penugasan, UnitKerja

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sakip.evaluasi.models import Rekomendasi, RekomendasiQuerySet
    from sakip.organisasi.models import Pengguna, UnitKerjaQuerySet

_CACHE_ATTR = "_sakip_pemda_penilai"


def pemda_penilai(user: Pengguna | AnonymousUser) -> frozenset[int]:
    """Pemda in which the user evaluates (evaluator or admin pemda); read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    # An explicit evaluator query rather than Cakupan.pemda_baca: a future pemda-wide read-only role must not
    # gain the right to score.
    evaluator = (
        Penugasan.objects.berlaku()
        .filter(pengguna_id=user.pk, peran=Penugasan.Peran.EVALUATOR)
        .values_list("pemda_id", flat=True)
    )
    hasil = frozenset(access.scope_of(user).pemda_tulis | set(evaluator))
    setattr(user, _CACHE_ATTR, hasil)
    return hasil


def can_score(user: Pengguna | AnonymousUser, unit: UnitKerja) -> bool:
    """May enter scores, evaluations and recommendations for this unit."""
    if access.scope_of(user).superuser:
        return True
    return unit.pemda_id in pemda_penilai(user)


def can_score_any(user: Pengguna | AnonymousUser) -> bool:
    return access.scope_of(user).superuser or bool(pemda_penilai(user))


def can_follow_up(user: Pengguna | AnonymousUser, rekomendasi: Rekomendasi) -> bool:
    """May write the tindak lanjut text and status of this recommendation."""
    unit = rekomendasi.evaluasi.unit_kerja
    if can_score(user, unit) or access.can_edit(user, unit):
        return True
    return rekomendasi.penanggung_jawab is not None and access.can_edit(user, rekomendasi.penanggung_jawab)


def units_to_score(user: Pengguna | AnonymousUser) -> UnitKerjaQuerySet:
    """Units for which the user may create an evaluation."""
    qs = UnitKerja.objects.select_related("pemda")
    if access.scope_of(user).superuser:
        return qs
    return qs.filter(pemda_id__in=sorted(pemda_penilai(user)))


def require_score(user: Pengguna | AnonymousUser, unit: UnitKerja) -> None:
    """403 for a reader of the unit who may not score (the caller has already answered 404 outside the scope)."""
    if not can_score(user, unit):
        raise PermissionDenied(
            "Hanya evaluator (Inspektorat) atau admin pemda yang dapat mengubah nilai evaluasi."
        )


def require_follow_up(user: Pengguna | AnonymousUser, rekomendasi: Rekomendasi) -> None:
    if not can_follow_up(user, rekomendasi):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk rekomendasi ini.")


def get_rekomendasi(queryset: RekomendasiQuerySet, user: Pengguna | AnonymousUser, pk: int) -> Rekomendasi:
    """One recommendation visible to the user (evaluated unit or responsible unit in scope), else 404."""
    obj = (
        queryset.visible_to(user)
        .select_related("evaluasi__unit_kerja__pemda", "evaluasi__skema", "penanggung_jawab", "komponen")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    return obj


# --- the LKE worksheet -------------------------------------------------------------------------------------------------


def can_open_round(user: Pengguna | AnonymousUser, pemda_id: int) -> bool:
    """May open an evaluation round in this pemda: its evaluator (Inspektorat) or admin pemda."""
    return access.scope_of(user).superuser or pemda_id in pemda_penilai(user)


def can_self_assess(user: Pengguna | AnonymousUser, unit: UnitKerja) -> bool:
    """May answer the unit's self-assessment and attach its evidence: who writes the unit's data."""
    return access.can_edit(user, unit)


def can_review(user: Pengguna | AnonymousUser, unit: UnitKerja) -> bool:
    """May answer the review tiers, return, score: who scores the unit (evaluator, admin pemda)."""
    return can_score(user, unit)
