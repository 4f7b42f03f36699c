"""Forms of the admin pemda's organisation pages and of the user's own password change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from sakip.organisasi.models import Pemda, Penugasan, UnitKerja

_TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitPilihan(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitKerja) -> str:
        return f"{'— ' * obj.kedalaman}{obj.nama} ({obj.kode})"


class UnitForm(forms.Form):
    pemda = forms.ModelChoiceField(queryset=Pemda.objects.none(), label="Pemda")
    kode = forms.CharField(max_length=50, help_text="Unik di dalam pemda, mis. SETDA.ADPIM.PROTOKOL")
    nama = forms.CharField(max_length=255)
    singkatan = forms.CharField(max_length=60, required=False)
    jenis = forms.ChoiceField(choices=UnitKerja.Jenis.choices)
    eselon = forms.ChoiceField(choices=[("", "–"), *UnitKerja.Eselon.choices], required=False)
    induk = UnitPilihan(queryset=UnitKerja.objects.none(), required=False, label="Unit induk")
    urutan = forms.IntegerField(min_value=0, initial=0, required=False)

    def __init__(
        self, *args: Any, pemda: QuerySet[Pemda], unit: UnitKerja | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pemda"].queryset = pemda
        if pemda.count() == 1:
            self.fields["pemda"].initial = pemda.first()
        induk = UnitKerja.objects.filter(pemda__in=pemda, aktif=True).select_related("pemda")
        if unit is not None:
            # A unit cannot move under itself or its own sub-units.
            induk = induk.exclude(jalur__startswith=unit.jalur)
            del self.fields["pemda"]
            del self.fields["kode"]
        self.fields["induk"].queryset = induk.order_by("pemda__kode", "jalur")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        induk, pemda = data.get("induk"), data.get("pemda")
        if induk is not None and pemda is not None and induk.pemda_id != pemda.pk:
            self.add_error("induk", "Unit induk harus berada pada pemda yang sama.")
        return data


class PenugasanForm(forms.Form):
    peran = forms.ChoiceField(choices=Penugasan.Peran.choices)
    pemda = forms.ModelChoiceField(queryset=Pemda.objects.none(), label="Pemda")
    unit_kerja = UnitPilihan(
        queryset=UnitKerja.objects.none(),
        required=False,
        label="Unit kerja",
        help_text="Wajib untuk operator dan pimpinan; kosong untuk admin pemda dan evaluator.",
    )
    mulai = forms.DateField(label="Berlaku mulai", required=False, widget=_TANGGAL)
    selesai = forms.DateField(
        label="Berakhir pada",
        required=False,
        widget=_TANGGAL,
        help_text="Kosongkan bila belum ditentukan; sejak tanggal ini peran tidak berlaku lagi.",
    )

    def __init__(self, *args: Any, pemda: QuerySet[Pemda], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pemda"].queryset = pemda
        if pemda.count() == 1:
            self.fields["pemda"].initial = pemda.first()
        self.fields["unit_kerja"].queryset = (
            UnitKerja.objects.filter(pemda__in=pemda, aktif=True).select_related("pemda").order_by("jalur")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        peran, unit, pemda = data.get("peran"), data.get("unit_kerja"), data.get("pemda")
        if peran in Penugasan.PERAN_UNIT and unit is None:
            self.add_error("unit_kerja", "Peran operator dan pimpinan wajib memiliki unit kerja.")
        if peran and peran not in Penugasan.PERAN_UNIT:
            data["unit_kerja"] = None
        if unit is not None and pemda is not None and unit.pemda_id != pemda.pk:
            self.add_error("unit_kerja", "Unit kerja harus berada pada pemda penugasan.")
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("selesai", "Tanggal berakhir harus sesudah tanggal mulai.")
        return data


class PenggunaForm(PenugasanForm):
    """A new account with its first role (an account always belongs to a pemda through a role)."""

    username = forms.RegexField(
        regex=r"^[\w.@+-]+$",
        max_length=150,
        label="Nama pengguna",
        error_messages={"invalid": "Hanya huruf, angka dan . @ + - _ (tanpa spasi)."},
    )
    nama_depan = forms.CharField(max_length=150, label="Nama depan")
    nama_belakang = forms.CharField(max_length=150, required=False, label="Nama belakang")
    email = forms.EmailField(required=False)
    nip = forms.CharField(max_length=30, required=False, label="NIP")
    jabatan = forms.CharField(max_length=200, required=False)

    field_order = ["username", "nama_depan", "nama_belakang", "email", "nip", "jabatan"]


class GantiSandiForm(forms.Form):
    sandi_lama = forms.CharField(
        label="Kata sandi lama", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    sandi_baru = forms.CharField(
        label="Kata sandi baru",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Minimal 8 karakter, tidak mirip nama pengguna, tidak hanya angka, bukan sandi umum.",
    )
    sandi_baru_ulang = forms.CharField(
        label="Ulangi kata sandi baru", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("sandi_baru") and data.get("sandi_baru") != data.get("sandi_baru_ulang"):
            self.add_error("sandi_baru_ulang", "Kedua kata sandi baru tidak sama.")
        return data


class PejabatForm(forms.Form):
    """An official of the roster (not a user account): who signs the PK and the LKjIP."""

    pemda = forms.ModelChoiceField(queryset=Pemda.objects.none(), label="Pemda")
    unit_kerja = UnitPilihan(
        queryset=UnitKerja.objects.none(),
        required=False,
        label="Unit kerja",
        help_text="Kosong untuk kepala/wakil kepala daerah",
    )
    nama = forms.CharField(max_length=200, help_text="Nama lengkap dengan gelar")
    nip = forms.CharField(
        max_length=30, required=False, label="NIP", help_text="18 angka; kosong untuk kepala daerah"
    )
    jabatan = forms.CharField(max_length=200, help_text="mis. Kepala Biro Organisasi")
    pangkat_golongan = forms.CharField(
        max_length=100, required=False, label="Pangkat/golongan", help_text="mis. Pembina Tingkat I (IV/b)"
    )
    sifat = forms.ChoiceField(label="Sifat jabatan", choices=[])
    mulai = forms.DateField(label="Menjabat mulai", widget=_TANGGAL)
    selesai = forms.DateField(
        label="Berakhir pada", required=False, widget=_TANGGAL, help_text="Kosong bila masih menjabat"
    )

    def __init__(self, *args: Any, pemda: QuerySet[Pemda], **kwargs: Any) -> None:
        from sakip.organisasi.models import Pejabat

        super().__init__(*args, **kwargs)
        self.fields["pemda"].queryset = pemda
        if pemda.count() == 1:
            self.fields["pemda"].initial = pemda.first()
        self.fields["unit_kerja"].queryset = UnitKerja.objects.filter(pemda__in=pemda).select_related("pemda")
        self.fields["sifat"].choices = Pejabat.Sifat.choices


class AkhiriPejabatForm(forms.Form):
    selesai = forms.DateField(label="Berakhir pada", widget=_TANGGAL)
