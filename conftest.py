"""Project-wide pytest set-up: deterministic hypothesis runs."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "sakip", derandomize=True, deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("sakip")
