"""Role checks for templates (the menu), answered by `organisasi.access` like everything else."""

from __future__ import annotations

from django import template

from sakip.organisasi import access

register = template.Library()


@register.filter
def admin_pemda(user: object) -> bool:
    """True for a pemda's admin (writes a whole pemda) and for superusers."""
    if not getattr(user, "is_authenticated", False):
        return False
    cakupan = access.scope_of(user)  # type: ignore[arg-type]
    return bool(cakupan.superuser or cakupan.pemda_tulis)
