"""Token authentication with a lifetime: a token older than `SAKIP_API_TOKEN_HARI` days (default 90) is refused,
and the token endpoint then hands out a new one. A token copied into a script or a spreadsheet macro and forgotten
stops working by itself instead of granting access for ever."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def kedaluwarsa(token: Token) -> bool:
    return token.created < timezone.now() - dt.timedelta(days=settings.SAKIP_API_TOKEN_HARI)


TIDAK_DIKENAL = (
    "Token API tidak dikenal: token dicabut ketika kata sandi diganti (oleh Anda atau admin) atau oleh admin. "
    "Minta token baru melalui POST /api/token/."
)


class TokenBerbatas(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        try:
            user, token = super().authenticate_credentials(key)
        except exceptions.AuthenticationFailed:
            if not Token.objects.filter(key=key).exists():
                raise exceptions.AuthenticationFailed(TIDAK_DIKENAL) from None
            raise
        if kedaluwarsa(token):
            raise exceptions.AuthenticationFailed(
                f"Token API kedaluwarsa (berlaku {settings.SAKIP_API_TOKEN_HARI} hari). "
                "Minta token baru melalui POST /api/token/."
            )
        return user, token
