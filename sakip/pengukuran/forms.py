from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sakip.lib.forms import AngkaField, NarasiField
from sakip.pengukuran.models import Periode
from sakip.perencanaan.models import Indikator


class RealisasiForm(forms.Form):
    """Fields depend on the indicator: one per formula input, a scale choice for predikat, else one value."""

    periode = forms.ChoiceField(choices=Periode.choices)
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, indikator: Indikator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indikator = indikator
        if indikator.pakai_rumus:
            for v in indikator.variabel.all():
                self.fields[f"in_{v.nama}"] = AngkaField(label=v.label, required=True)
        elif indikator.is_predikat:
            self.fields["predikat"] = forms.ChoiceField(
                label="Predikat", choices=[("", "–")] + [(p, p) for p in indikator.skala_predikat]
            )
        else:
            self.fields["nilai"] = AngkaField(label=f"Realisasi ({indikator.satuan})", required=True)

    def masukan(self) -> dict[str, Decimal | None]:
        return {k[3:]: v for k, v in self.cleaned_data.items() if k.startswith("in_")}


class CatatanForm(forms.Form):
    catatan = forms.CharField(label="Catatan pengembalian", widget=forms.Textarea(attrs={"rows": 2}))


class NarasiForm(forms.Form):
    """The narrative texts of an indicator: rich text (the page's editor), stored as sanitised HTML."""

    analisis = NarasiField(label="Analisis capaian")
    faktor_pendukung = NarasiField(label="Faktor pendukung")
    faktor_penghambat = NarasiField(label="Faktor penghambat")
    permasalahan = NarasiField(label="Permasalahan")
    solusi = NarasiField(label="Solusi / upaya")
    versi = forms.IntegerField(required=False, widget=forms.HiddenInput)


class UnggahForm(forms.Form):
    berkas = forms.FileField(label="Berkas data dukung")
    keterangan = forms.CharField(label="Keterangan", required=False)
