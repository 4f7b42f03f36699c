"""Form fields shared by the apps (Django; not one of the pure modules)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sakip.lib import angka, html_aman


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


class EditorNarasi(forms.Textarea):
    """A textarea the page's editor (static/js/editor-narasi.js) replaces with a rich-text area; plain without JS.

    The value put in the textarea is the stored narrative sanitised again (never raw HTML from the database).
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"rows": 6, "data-editor-narasi": "", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        teks = super().format_value(value)
        if teks and html_aman.adalah_html(teks):
            return html_aman.bersihkan(teks)
        return teks


class NarasiField(forms.CharField):
    """Narrative text: HTML from the editor, stored sanitised; plain text typed without the editor is kept as is."""

    BATAS = 2_400_000  # characters: Django refuses a POST over 2,5 MB (DATA_UPLOAD_MAX_MEMORY_SIZE) anyway

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", EditorNarasi())
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> str:
        teks = super().to_python(value) or ""
        if len(teks) > self.BATAS:
            raise forms.ValidationError(
                "Narasi terlalu besar (lebih dari 2,4 MB); perkecil atau kurangi gambar yang ditempel."
            )
        return html_aman.simpan(teks)
