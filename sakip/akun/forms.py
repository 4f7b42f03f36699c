from django import forms

from sakip.organisasi.models import Penugasan


class KodeForm(forms.Form):
    kode = forms.CharField(
        label="Kode verifikasi",
        max_length=40,
        help_text="6 angka dari aplikasi autentikator, atau salah satu kode pemulihan.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
    )


class KonfirmasiForm(forms.Form):
    konfirmasi = forms.CharField(
        label="Kata sandi atau kode verifikasi",
        max_length=4096,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class KebijakanForm(forms.Form):
    peran_wajib = forms.MultipleChoiceField(
        label="Peran yang wajib memakai verifikasi dua langkah",
        choices=Penugasan.Peran.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
