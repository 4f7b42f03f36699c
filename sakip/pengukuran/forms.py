from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sakip.lib.forms import AngkaField, NarasiField
from sakip.pengukuran.models import AturanValidasi, PengaturanPengukuran, Periode
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

        self.fields["catatan_peringatan"] = forms.CharField(
            label="Catatan bila ada peringatan",
            required=False,
            widget=forms.Textarea(attrs={"rows": 1}),
        )

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


class PengaturanForm(forms.Form):
    """The measurement settings of a pemda from a year on (choices of scale given by the view)."""

    metode_rollup = forms.ChoiceField(
        label="Metode capaian unit", choices=PengaturanPengukuran.Metode.choices
    )
    kebijakan_kosong = forms.ChoiceField(
        label="Realisasi kosong", choices=PengaturanPengukuran.Kosong.choices
    )
    batas_capaian = AngkaField(
        label="Batas atas capaian (%)", required=False, negatif=False, help_text="Kosongkan bila tanpa batas."
    )
    skala_kategori = forms.ChoiceField(label="Skala kategori (LKjIP dan dasbor)")
    skala_lampu = forms.ChoiceField(label="Skala lampu lalu lintas (dasbor)")
    hari_tenggat = forms.IntegerField(
        label="Tenggat pengisian triwulan (hari setelah akhir triwulan)", min_value=0, max_value=365
    )

    def __init__(self, *args: Any, skala: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skala_kategori"].choices = list(skala.items())
        self.fields["skala_lampu"].choices = list(skala.items())


class SkalaForm(forms.Form):
    nama = forms.CharField(label="Nama skala", max_length=200)
    desimal_klasifikasi = forms.IntegerField(
        label="Desimal sebelum digolongkan", min_value=0, max_value=6, initial=2
    )


class PitaForm(forms.Form):
    """One band; an empty bound means unbounded on that side."""

    label = forms.CharField(label="Label", max_length=60, required=False)
    kode = forms.CharField(label="Kode", max_length=20, required=False)
    # A colour input always sends a value: the same initial keeps an untouched empty row unchanged (and ignored).
    warna = forms.CharField(
        label="Warna",
        max_length=7,
        required=False,
        initial="#000000",
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    bawah = AngkaField(label="Batas bawah", required=False)
    bawah_inklusif = forms.BooleanField(label="termasuk (≥)", required=False)
    atas = AngkaField(label="Batas atas", required=False)
    atas_inklusif = forms.BooleanField(label="termasuk (≤)", required=False)


PitaFormSet = forms.formset_factory(PitaForm, extra=1, can_delete=True, max_num=12)


class SalinSkalaForm(forms.Form):
    sumber = forms.ChoiceField(label="Salin dari")
    kode = forms.SlugField(label="Kode skala baru", max_length=30)
    nama = forms.CharField(label="Nama skala baru", max_length=200, required=False)

    def __init__(self, *args: Any, sumber: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sumber"].choices = list(sumber.items())


class AturanForm(forms.Form):
    """A validation rule; the parameters shown depend on the kind (all posted, the service keeps the relevant)."""

    nama = forms.CharField(label="Nama aturan", max_length=200)
    jenis = forms.ChoiceField(label="Jenis", choices=AturanValidasi.Jenis.choices)
    indikator = forms.ModelChoiceField(
        label="Indikator",
        queryset=Indikator.objects.none(),
        required=False,
        empty_label="Semua indikator pemda",
    )
    tingkat = forms.ChoiceField(label="Tingkat", choices=AturanValidasi.Tingkat.choices)
    min = AngkaField(label="Batas bawah (rentang)", required=False)
    maks = AngkaField(label="Batas atas (rentang)", required=False)
    k = AngkaField(label="Pengali k (nilai ≤ target × k)", required=False)
    kiri = forms.CharField(label="Perbandingan: ruas kiri", required=False, initial="realisasi")
    operator = forms.ChoiceField(
        label="Perbandingan: operator",
        required=False,
        choices=[(o, o) for o in ("<=", "<", ">=", ">", "=", "!=")],
    )
    kanan = forms.CharField(label="Perbandingan: ruas kanan", required=False, help_text="mis. target * 2")
    pesan = forms.CharField(label="Pesan bagi pengisi", max_length=300, required=False)
    aktif = forms.BooleanField(label="Aktif", required=False, initial=True)

    PARAMETER = ("min", "maks", "k", "kiri", "operator", "kanan")

    def __init__(self, *args: Any, indikator_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = indikator_qs

    def parameter(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data.get(k) for k in self.PARAMETER if self.cleaned_data.get(k) not in (None, "")
        }
