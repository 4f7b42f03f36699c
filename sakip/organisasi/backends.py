"""The authentication backend: Django's `ModelBackend` (passwords, permissions), loading a signed-in request's user
and their scope in one query."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from sakip.organisasi import access


class PenggunaBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = access.muat_pengguna(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
