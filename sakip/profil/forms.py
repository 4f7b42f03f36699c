"""Edit forms of the profile. They only validate and hand plain rows to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sakip.profil import aturan
from sakip.profil import data as profil_data
from sakip.profil.excel import BATAS_UKURAN
from sakip.profil.models import (
    BarisNonPNS,
    BarisPegawai,
    PerbandinganStandar,
    ProfilOrganisasi,
    SaranaPrasarana,
)

_TEKS_PANJANG = forms.Textarea(attrs={"rows": 5})
_TEKS_PENDEK = forms.Textarea(attrs={"rows": 2})
_ANGKA = forms.NumberInput(attrs={"min": 0, "class": "sel-angka"})


class UraianForm(forms.ModelForm):
    class Meta:
        model = ProfilOrganisasi
        fields = list(profil_data.URAIAN)
        widgets = {
            "dasar_pembentukan": _TEKS_PANJANG,
            "tugas": _TEKS_PANJANG,
            "uraian_struktur": forms.Textarea(attrs={"rows": 3}),
            "uraian_sdm": _TEKS_PANJANG,
            "aspek_strategis": _TEKS_PANJANG,
            "alasan_tanpa_standar": forms.Textarea(attrs={"rows": 3}),
            "sdm_per_tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not cleaned.get("ada_standar") and not (cleaned.get("alasan_tanpa_standar") or "").strip():
            self.add_error(
                "alasan_tanpa_standar",
                "Tidak ada standar pembanding: isi alasannya (seperti LKjIP analisis butir perbandingan).",
            )
        return cleaned

    def _post_clean(self) -> None:
        # The instance is saved by the service, not by the form; skip ModelForm's unique checks on it.
        pass

    def uraian(self) -> dict[str, Any]:
        data = {k: self.cleaned_data[k] for k in profil_data.URAIAN}
        tanggal = data["sdm_per_tanggal"]
        data["sdm_per_tanggal"] = tanggal.isoformat() if tanggal else ""
        return data


class ButirForm(forms.Form):
    uraian = forms.CharField(widget=_TEKS_PENDEK)


class StandarForm(forms.ModelForm):
    class Meta:
        model = PerbandinganStandar
        fields = list(profil_data.KOLOM_STANDAR)
        widgets = {"keterangan": _TEKS_PENDEK}

    def _post_clean(self) -> None:
        pass


class PegawaiForm(forms.ModelForm):
    class Meta:
        model = BarisPegawai
        fields = list(profil_data.KOLOM_ASN)
        widgets = dict.fromkeys(aturan.KOLOM_ASN, _ANGKA)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if all(isinstance(cleaned.get(k), int) for k in aturan.KOLOM_ASN):
            for pelanggaran in aturan.periksa_baris_asn(cleaned):
                self.add_error(None, pelanggaran.pesan)
        return cleaned

    def _post_clean(self) -> None:
        pass


class NonPNSForm(forms.ModelForm):
    class Meta:
        model = BarisNonPNS
        fields = list(profil_data.KOLOM_NON_PNS)
        widgets = dict.fromkeys(aturan.KOLOM_NON_PNS, _ANGKA)

    def _post_clean(self) -> None:
        pass


class SaranaForm(forms.ModelForm):
    class Meta:
        model = SaranaPrasarana
        fields = list(profil_data.KOLOM_SARANA)
        widgets = {"banyaknya": forms.NumberInput(attrs={"min": 0, "step": "0.01", "class": "sel-angka"})}

    def _post_clean(self) -> None:
        pass


def _formset(form: type[forms.BaseForm], extra: int) -> Any:
    return forms.formset_factory(form, extra=extra, can_delete=True, can_order=True)


ButirFormSet = _formset(ButirForm, 2)
StandarFormSet = _formset(StandarForm, 1)
PegawaiFormSet = _formset(PegawaiForm, 2)
NonPNSFormSet = _formset(NonPNSForm, 1)
SaranaFormSet = _formset(SaranaForm, 3)


def baris(formset: Any, kolom: tuple[str, ...]) -> list[dict[str, Any]]:
    """The kept rows of a valid formset, in the order the user gave them."""
    return [{k: f.cleaned_data[k] for k in kolom} for f in formset.ordered_forms]


def butir(formset: Any) -> list[str]:
    return [f.cleaned_data["uraian"] for f in formset.ordered_forms]


class HalamanUraian:
    """The narrative form and its four lists, validated together and handed to `services.simpan_uraian`."""

    def __init__(self, post: Any, data: profil_data.DataProfil) -> None:
        self.form = UraianForm(post, initial=data["uraian"])
        self.butir = {
            nama: ButirFormSet(post, prefix=nama, initial=[{"uraian": t} for t in data[nama]])
            for nama in profil_data.DAFTAR_BUTIR
        }
        self.standar = StandarFormSet(post, prefix="standar", initial=data["perbandingan_standar"])

    def is_valid(self) -> bool:
        hasil = [self.form.is_valid(), self.standar.is_valid(), *(f.is_valid() for f in self.butir.values())]
        return all(hasil)

    def isian(self) -> dict[str, Any]:
        return {
            "uraian": self.form.uraian(),
            "perbandingan_standar": baris(self.standar, profil_data.KOLOM_STANDAR),
            **{nama: butir(f) for nama, f in self.butir.items()},
        }


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        help_text="Gunakan templat atau hasil ekspor; ukuran paling besar 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UKURAN:
            raise ValidationError(
                "Ukuran berkas melebihi batas 5 MB. Kurangi isi berkas lalu unggah kembali."
            )
        return berkas
