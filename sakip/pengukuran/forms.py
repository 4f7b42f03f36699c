from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

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

    def _dengan_label(self, pesan: str) -> tuple[str, str | None]:
        """The message with each formula input named by its label instead of its variable name, and the field of
        the first input it names."""
        medan = None
        for nama, field in self.fields.items():
            if not nama.startswith("in_"):
                continue
            variabel = nama[3:]
            for bentuk in (f"'{variabel}'", f"«{variabel}»", variabel):
                if bentuk in pesan:
                    pesan = pesan.replace(bentuk, f"«{field.label}»")
                    medan = medan or nama
                    break
        return pesan, medan

    def terapkan_galat(self, exc: ValidationError) -> None:
        """Put a service's refusal on the form: at the field it concerns (an input named by its label), else above
        the form's fields. The typed values stay in the bound form."""
        per_kunci = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        for kunci, daftar in per_kunci.items():
            for pesan in daftar:
                pesan, medan = self._dengan_label(pesan)
                if kunci in ("nilai", "predikat"):
                    medan = (
                        "nilai"
                        if "nilai" in self.fields
                        else ("predikat" if "predikat" in self.fields else None)
                    )
                elif kunci and kunci in self.fields:
                    medan = kunci
                elif kunci and f"in_{kunci}" in self.fields:
                    medan = f"in_{kunci}"
                elif kunci != "masukan":
                    medan = None
                if medan is None and kunci == "masukan":
                    medan = next((n for n in self.fields if n.startswith("in_")), None)
                self.add_error(medan, pesan)


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
