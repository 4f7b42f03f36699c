"""An API token dies with the password it was obtained with.

A token is handed out for a user name and password (`POST /api/token/`); a user who changes a leaked password, or
whose password an admin resets, expects whoever knew the old one to be locked out, and a token copied into a script
would otherwise keep working for up to `SAKIP_API_TOKEN_HARI` days. Every path that sets a password goes through the
user's `save()`: their own change, the admin's reset form, `manage.py changepassword`, `set_password()` in code.
"""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token


def catat_sandi_lama(
    sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    instance._sandi_berubah = False
    if raw or instance.pk is None:
        return
    if getattr(instance, "_password", None) is not None:  # set_password() since the last save
        instance._sandi_berubah = True
        return
    if update_fields is not None:
        # Django's own re-hash of an unchanged password on login saves update_fields=["password"] only, after
        # clearing `_password`; any other partial save does not touch the password.
        return
    lama = sender._base_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._sandi_berubah = lama is not None and lama != instance.password


def cabut_token(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and getattr(instance, "_sandi_berubah", False):
        Token.objects.filter(user=instance).delete()
        instance._sandi_berubah = False
