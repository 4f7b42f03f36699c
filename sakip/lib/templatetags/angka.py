"""Indonesian number display in templates: {{ nilai|angka }}, {{ nilai|persen }}, {{ nilai|rupiah }}."""

from decimal import Decimal

from django import template

from sakip.lib import angka as angka_lib

register = template.Library()


@register.filter
def angka(nilai: Decimal | int | None, desimal: int = 2) -> str:
    return angka_lib.format_angka(nilai, desimal)


@register.filter
def persen(nilai: Decimal | None, desimal: int = 2) -> str:
    return angka_lib.format_persen(nilai, desimal)


@register.filter
def rupiah(nilai: Decimal | int | None) -> str:
    return angka_lib.format_rupiah(nilai)
