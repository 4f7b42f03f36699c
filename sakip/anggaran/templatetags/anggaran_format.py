"""{{ nilai|keluaran:satuan }}: an output value as the LKjIP writes it (`12 Dokumen`, `85%`)."""

from decimal import Decimal

from django import template

from sakip.anggaran import tabel

register = template.Library()


@register.filter
def keluaran(nilai: Decimal | None, satuan: str = "") -> str:
    return tabel.format_keluaran(nilai, satuan or "")
