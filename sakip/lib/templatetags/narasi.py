"""A stored narrative shown on a page: {{ teks|narasi }} (sanitised HTML, or plain text as paragraphs)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from sakip.lib import html_aman

register = template.Library()


@register.filter
def narasi(teks: str | None) -> SafeString:
    # ke_html escapes plain text and passes HTML through the allow-list: safe to mark as such
    return mark_safe(html_aman.ke_html(teks or ""))  # noqa: S308
