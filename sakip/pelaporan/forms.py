from __future__ import annotations

from django import forms

from sakip.lib.forms import EditorNarasi, NarasiField
from sakip.pelaporan import services
from sakip.pelaporan.models import TeksLaporan


class TeksLaporanForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TeksLaporan
        fields = list(services.BAGIAN)
        field_classes = dict.fromkeys(fields, NarasiField)
        widgets = {nama: EditorNarasi() for nama in fields}
