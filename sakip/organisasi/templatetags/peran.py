"""Role checks for templates (the menu), answered by `organisasi.access` like everything else."""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from sakip.organisasi import access

register = template.Library()


@register.filter
def admin_pemda(user: object) -> bool:
    """True for a pemda's admin (writes a whole pemda) and for superusers."""
    if not getattr(user, "is_authenticated", False):
        return False
    cakupan = access.scope_of(user)  # type: ignore[arg-type]
    return bool(cakupan.superuser or cakupan.pemda_tulis)


# The menu group of a page, by the start of its path (the most specific first): the group is marked in the menu.
_GRUP_MENU = (
    ("/pengukuran/unit/", "ruang_kerja"),
    ("/pengukuran/pengaturan/", "pengaturan"),
    ("/pengukuran/skala/", "pengaturan"),
    ("/pengukuran/aturan/", "pengaturan"),
    ("/pengukuran/kunci/", "pengaturan"),
    ("/perencanaan/satuan/", "pengaturan"),
    ("/perencanaan/nomenklatur/", "pengaturan"),
    ("/evaluasi/skema/", "pengaturan"),
    ("/laporan/pengaturan/", "pengaturan"),
    ("/notifikasi/webhook/", "pengaturan"),
    ("/akun/kebijakan/", "pengaturan"),
    ("/admin/", "pengaturan"),
    ("/perencanaan/", "perencanaan"),
    ("/rpjmd/", "perencanaan"),
    ("/anggaran/", "perencanaan"),
    ("/pengukuran/", "pengukuran"),
    ("/survei/", "pengukuran"),
    ("/evaluasi/", "evaluasi"),
    ("/laporan/", "evaluasi"),
    ("/arsip/", "evaluasi"),
    ("/organisasi/", "organisasi"),
    ("/profil/", "organisasi"),
)


@register.filter
def grup_menu(path: str) -> str:
    """The menu group a page belongs to ("" for none): `request.path|grup_menu`."""
    if path == "/":
        return "beranda"
    return next((grup for awal, grup in _GRUP_MENU if path.startswith(awal)), "")


@register.simple_tag
def url_tetap(name: str) -> str:
    """`{% url name %}` for a URL without arguments, resolved once per process (and script prefix): the menu of every
    page has some forty of them, and resolving them was a measurable part of a dashboard's time."""
    return _url_tetap(name, get_script_prefix())


@functools.cache
def _url_tetap(name: str, prefix: str) -> str:
    return reverse(name)


@register.simple_tag
def menu_utama(user: object, path: str) -> SafeString:
    """The main menu (`_menu_utama.html`) of a signed-in page. It differs only by the user's kind (admin pemda,
    superuser) and the page's group, so each variant is rendered once per process and script prefix: the menu is
    on every page and rendering its forty links and conditions was a measurable part of the most read pages."""
    jenis = (admin_pemda(user), bool(getattr(user, "is_superuser", False)), grup_menu(path))
    if settings.DEBUG:  # development: an edited menu shows on the next page
        return _menu_utama.__wrapped__(*jenis, get_script_prefix())
    return _menu_utama(*jenis, get_script_prefix())


@functools.cache
def _menu_utama(adm: bool, superuser: bool, grup: str, prefix: str) -> SafeString:
    # Nothing of the user or the request is in it: the cached text is the same for everyone of the same kind.
    return mark_safe(  # noqa: S308  a template's output, escaped by it
        render_to_string("_menu_utama.html", {"adm": adm, "superuser": superuser, "grup": grup})
    )
