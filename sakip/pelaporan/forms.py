from __future__ import annotations

from typing import Any

from django import forms

from sakip.lib.forms import EditorNarasi, NarasiField
from sakip.pelaporan import services
from sakip.pelaporan.models import TeksLaporan, TeksLaporanPemda


class _PejabatPilihan(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.nama_jabatan} – {obj.nama}" + (f" (NIP {obj.nip})" if obj.nip else "")


class TeksLaporanForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Choosing an official of the roster copies their post, name, rank and NIP into the signature fields (the
    # report keeps its own text). Offered when the unit is known: passed as `unit`, or the saved texts' unit.
    penandatangan = _PejabatPilihan(
        label="Penanda tangan: pilih dari daftar pejabat", queryset=None, required=False
    )

    def __init__(self, *args: Any, unit: Any = None, **kwargs: Any) -> None:
        from sakip.organisasi.models import Pejabat

        super().__init__(*args, **kwargs)
        unit = unit or (self.instance.unit_kerja if self.instance.unit_kerja_id else None)
        self.fields["penandatangan"].queryset = (
            Pejabat.objects.berlaku().filter(pemda_id=unit.pemda_id).order_by("unit_kerja__jalur", "nama")
            if unit is not None
            else Pejabat.objects.none()
        )
        if unit is None:
            del self.fields["penandatangan"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        pejabat = data.get("penandatangan")
        if pejabat is not None:
            data["jabatan_penandatangan"] = pejabat.nama_jabatan
            data["nama_penandatangan"] = pejabat.nama
            data["pangkat_penandatangan"] = pejabat.pangkat_golongan
            data["nip_penandatangan"] = pejabat.nip
        return data

    class Meta:
        model = TeksLaporan
        fields = [*services.BAGIAN, *services.TANDA_TANGAN]
        field_classes = dict.fromkeys(services.BAGIAN, NarasiField)
        widgets = {nama: EditorNarasi() for nama in services.BAGIAN}

    def narasi(self) -> list[forms.BoundField]:
        return [self[nama] for nama in services.BAGIAN]

    def tanda_tangan(self) -> list[forms.BoundField]:
        pilihan = ["penandatangan"] if "penandatangan" in self.fields else []
        return [self[nama] for nama in (*pilihan, *services.TANDA_TANGAN)]


class TeksLaporanPemdaForm(forms.ModelForm):
    """The pemda LKjIP's own texts (rich text, pasted from Word) and the signature under the kata pengantar."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TeksLaporanPemda
        fields = [*services.BAGIAN_PEMDA, *services.TANDA_TANGAN_PEMDA]
        field_classes = dict.fromkeys(services.BAGIAN_PEMDA, NarasiField)
        widgets = {nama: EditorNarasi() for nama in services.BAGIAN_PEMDA}

    def narasi(self) -> list[forms.BoundField]:
        return [self[nama] for nama in services.BAGIAN_PEMDA]

    def tanda_tangan(self) -> list[forms.BoundField]:
        return [self[nama] for nama in services.TANDA_TANGAN_PEMDA]


class PenyusunPemdaForm(forms.Form):
    penyusun = forms.ModelChoiceField(label="Unit penyusun", queryset=None)

    def __init__(self, *args: Any, pemda: Any, **kwargs: Any) -> None:
        from sakip.organisasi.models import UnitKerja

        super().__init__(*args, **kwargs)
        self.fields["penyusun"].queryset = UnitKerja.objects.filter(pemda=pemda).order_by("jalur")
