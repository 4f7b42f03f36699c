"""Rate limits read from the settings at request time, keyed on the client's address behind trusted proxies.

DRF's own throttles copy `DEFAULT_THROTTLE_RATES` into a class attribute at import, so a changed setting (an
operator's env var, a test's override_settings) would be ignored until a restart. Their address comes from
`NUM_PROXIES`, a count rather than a list of trusted proxies; the anonymous limit uses `sakip.lib.klien` instead,
like the login lockout and the survey's flood limit.
"""

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from sakip.lib import klien


class AnonThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request: Any) -> str:
        return klien.alamat_klien(request)


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request: Any) -> str:
        return klien.alamat_klien(request)
