from __future__ import annotations

from django import forms

from sakip.pelaporan.models import TeksLaporan


class TeksLaporanForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TeksLaporan
        fields = ["kata_pengantar", "pendahuluan", "penutup"]
        widgets = {nama: forms.Textarea(attrs={"rows": 8}) for nama in fields}
