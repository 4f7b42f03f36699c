"""Form fields shared by the apps (Django; not one of the pure modules)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sakip.lib import angka


class AngkaField(forms.CharField):
    """A number typed the Indonesian way (`1.234.567,89`) or plainly (`22.40`), kept as Decimal at full precision."""

    def __init__(self, *args: Any, negatif: bool = True, **kwargs: Any) -> None:
        self.negatif = negatif
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        teks = super().to_python(value)
        if not teks:
            return None
        try:
            nilai = angka.parse_angka(teks)
        except angka.AngkaError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if nilai < 0 and not self.negatif:
            raise forms.ValidationError("Nilai tidak boleh negatif.")
        return nilai
