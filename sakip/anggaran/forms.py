"""Forms of the budget pages. They validate input and hand plain values to the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sakip.anggaran.efisiensi import NAMA_METODE, MetodeEfisiensi
from sakip.anggaran.excel import BATAS_UKURAN
from sakip.anggaran.models import JenisBelanja
from sakip.lib import angka
from sakip.lib import forms as lib_forms
from sakip.lib import tahun as lib_tahun


class AngkaField(lib_forms.AngkaField):
    """A money or count cell: not negative unless asked, shown back in Indonesian format."""

    def __init__(self, *args: Any, negatif: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "class": "sel-angka"}))
        super().__init__(*args, negatif=negatif, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            normal = value.normalize()
            desimal = max(0, -normal.as_tuple().exponent)  # type: ignore[operator]
            return angka.format_angka(normal, min(desimal, 6))
        return value


class AnggaranForm(forms.Form):
    pagu = AngkaField(label="Pagu (Rp)")
    realisasi = AngkaField(label="Realisasi (Rp)", required=False, help_text="Kosong berarti 0")
    jenis_belanja = forms.ChoiceField(label="Jenis belanja", choices=JenisBelanja.choices)
    target_keluaran = AngkaField(label="Target keluaran", required=False)
    realisasi_keluaran = AngkaField(label="Realisasi keluaran", required=False)
    satuan_keluaran = forms.CharField(label="Satuan keluaran", max_length=60, required=False)
    izinkan_lebih_pagu = forms.BooleanField(
        label="Realisasi memang melebihi pagu (konfirmasi)", required=False
    )
    catatan_lebih_pagu = forms.CharField(
        label="Catatan bila realisasi melebihi pagu",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text="Diminta bila aturan pemda 'realisasi ≤ pagu' berupa peringatan; tercatat di riwayat perubahan.",
    )

    def clean_realisasi(self) -> Decimal:
        return self.cleaned_data.get("realisasi") or Decimal(0)


class BulananForm(forms.Form):
    """Realisasi per month; an empty month has no entry."""

    NAMA_BULAN = angka.NAMA_BULAN

    izinkan_lebih_pagu = forms.BooleanField(
        label="Jumlah realisasi memang melebihi pagu (konfirmasi)", required=False
    )
    catatan_lebih_pagu = forms.CharField(
        label="Catatan bila jumlah realisasi melebihi pagu", required=False, max_length=500
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, nama in enumerate(self.NAMA_BULAN, start=1):
            self.fields[f"bulan_{i}"] = AngkaField(label=nama, required=False)

    def bulan_fields(self) -> list[forms.BoundField]:
        return [self[f"bulan_{i}"] for i in range(1, 13)]

    def per_bulan(self) -> dict[int, Decimal | None]:
        return {i: self.cleaned_data.get(f"bulan_{i}") for i in range(1, 13)}


class KinerjaForm(forms.Form):
    target = AngkaField(label="Target", required=False)
    realisasi = AngkaField(label="Realisasi", required=False)
    satuan = forms.CharField(
        label="Satuan", max_length=60, required=False, help_text="mis. %, Indeks, Dokumen"
    )


class ImporForm(forms.Form):
    tahun = lib_tahun.field("Tahun anggaran")
    unit = forms.ModelChoiceField(
        label="Unit kerja",
        queryset=None,
        required=False,
        empty_label="Semua unit yang dapat saya ubah",
        help_text="Kode dicocokkan dengan sub kegiatan unit ini dan turunannya.",
    )
    berkas = forms.FileField(label="Berkas Excel (.xlsx, maksimal 10 MB)")

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UKURAN:
            raise forms.ValidationError("Ukuran berkas melebihi batas 10 MB.")
        return berkas


class KonfirmasiImporForm(forms.Form):
    konfirmasi_lebih_pagu = forms.BooleanField(
        label="Saya telah memeriksa: realisasi pada baris-baris di atas memang melebihi pagu", required=False
    )
    catatan_lebih_pagu = forms.CharField(
        label="Catatan realisasi yang melebihi pagu (bila aturan pemda memintanya)",
        required=False,
        max_length=500,
    )


class PengaturanForm(forms.Form):
    metode_efisiensi = forms.ChoiceField(
        label="Metode tingkat efisiensi",
        choices=[(m.value, NAMA_METODE[m]) for m in MetodeEfisiensi],
        widget=forms.RadioSelect,
    )


class ImporSipdForm(forms.Form):
    tahun = lib_tahun.field("Tahun anggaran")
    unit = forms.ModelChoiceField(
        label="Unit kerja (SKPD)",
        queryset=None,
        help_text="Kode SKPD pada berkas harus kode SIPD unit ini; berkas unit lain ditolak.",
    )
    berkas = forms.FileField(label="Berkas ekspor SIPD (.xlsx, maksimal 10 MB)")

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UKURAN:
            raise forms.ValidationError("Ukuran berkas melebihi batas 10 MB.")
        return berkas


class KodeSipdForm(forms.Form):
    unit = forms.ModelChoiceField(label="Unit kerja", queryset=None)
    kode = forms.CharField(
        label="Kode SKPD SIPD",
        max_length=40,
        required=False,
        help_text="mis. 4.01.0.00.0.00.01.0000; kosongkan untuk menghapus",
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
