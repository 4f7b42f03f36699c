"""`{% load laporan_pemda %}`: the links to the pemda's LKjIP where pages of a lower layer (the RPJMD's) show them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from sakip.pelaporan import akses

register = template.Library()


@register.simple_tag
def tahun_lkjip_pemda(user: Any, rpjmd: Any) -> list[int]:
    """The years of the RPJMD up to the current one whose pemda LKjIP the user may read (none when they may not)."""
    if not akses.boleh_membaca_pemda(user, rpjmd.pemda_id):
        return []
    akhir = min(rpjmd.tahun_selesai, dt.date.today().year)
    return list(range(rpjmd.tahun_mulai, akhir + 1))
