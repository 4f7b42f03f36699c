"""Cells of the profile's tables: {{ nilai|sel }} prints a count the way LKjIP tables do ("-" for zero)."""

from django import template

from sakip.lib import angka

register = template.Library()


@register.filter
def sel(nilai: int | None) -> str:
    if not nilai:
        return "-"
    return angka.format_angka(nilai, 0)


@register.filter
def ambil(kamus: dict, kunci: str) -> object:
    return kamus.get(kunci) if kamus else None
