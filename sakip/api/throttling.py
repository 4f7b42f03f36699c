"""Rate limits read from the settings at request time.

DRF's own throttles copy `DEFAULT_THROTTLE_RATES` into a class attribute at import, so a changed setting (an
operator's env var, a test's override_settings) would be ignored until a restart.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
