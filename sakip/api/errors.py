"""Service errors as HTTP answers: the services raise Django's exceptions with Indonesian messages, the API
returns them as JSON with the status a client can act on."""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from sakip.pengukuran.services import KonflikError


class Konflik(exceptions.APIException):
    """The row changed since the client read it (optimistic locking): nothing was overwritten."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "Data sudah diubah pengguna lain; muat ulang lalu coba lagi."
    default_code = "konflik"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, exceptions.Throttled):
        # DRF's Indonesian catalogue translates only half of this message.
        wait = exc.wait
        tunggu = f" Coba lagi dalam {math.ceil(wait)} detik." if wait is not None else ""
        exc = exceptions.Throttled(detail=f"Terlalu banyak permintaan dari akun atau alamat Anda.{tunggu}")
        exc.wait = wait  # for the Retry-After header
    elif isinstance(exc, KonflikError):
        exc = Konflik(" ".join(exc.messages))
    elif isinstance(exc, DjangoValidationError):
        galat = as_serializer_error(exc)
        if NON_FIELD_ERRORS in galat:  # a model's clean() error not tied to one field
            galat.setdefault(api_settings.NON_FIELD_ERRORS_KEY, []).extend(galat.pop(NON_FIELD_ERRORS))
        exc = exceptions.ValidationError(galat)
    return drf_exception_handler(exc, context)
