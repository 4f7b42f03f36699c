"""`{% load survei_tags %}{% sumber_survei indikator tahun %}`: says on an indicator page which survey feeds it."""

from typing import Any

from django import template

from sakip.survei.models import Survei

register = template.Library()


@register.inclusion_tag("survei/_sumber_realisasi.html")
def sumber_survei(indikator: Any, tahun: int) -> dict[str, Any]:
    """The surveys whose IKM unit is this indicator's realisasi in `tahun` (one query)."""
    survei = list(
        Survei.objects.filter(indikator=indikator, tahun=tahun)
        .select_related("unit_kerja", "indikator")
        .order_by("periode")
    )
    return {"daftar_survei": survei, "indikator": indikator, "tahun": tahun}
