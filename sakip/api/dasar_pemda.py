"""The shared base of the endpoints whose rows belong to a pemda rather than to a unit (the pemda's rules, its
RPJMD): every role of the pemda reads them, its admin pemda writes them (checked per pemda by the viewset)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import permissions, viewsets

from sakip.api.views import HakTulis
from sakip.organisasi import access


class DasarPemda(viewsets.GenericViewSet):
    """Rows of the pemdas where the user holds a role (`jalur_pemda`: the path from the model to its pemda); a write
    needs a writer's role (HakTulis) and then the row's admin pemda (`access.get_pemda_for_user(..., write=True)`)."""

    permission_classes = [permissions.IsAuthenticated, HakTulis]
    lookup_value_converter = "int"
    model: Any = None
    jalur_pemda = "pemda"

    def get_queryset(self) -> QuerySet[Any]:
        return self.model.objects.filter(
            **{f"{self.jalur_pemda}__in": access.pemda_for_user(self.request.user)}
        )
