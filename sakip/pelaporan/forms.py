from __future__ import annotations

from django import forms

from sakip.lib.forms import EditorNarasi, NarasiField
from sakip.pelaporan import services
from sakip.pelaporan.models import TeksLaporan


class TeksLaporanForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TeksLaporan
        fields = [*services.BAGIAN, *services.TANDA_TANGAN]
        field_classes = dict.fromkeys(services.BAGIAN, NarasiField)
        widgets = {nama: EditorNarasi() for nama in services.BAGIAN}

    def narasi(self) -> list[forms.BoundField]:
        return [self[nama] for nama in services.BAGIAN]

    def tanda_tangan(self) -> list[forms.BoundField]:
        return [self[nama] for nama in services.TANDA_TANGAN]
