from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sakip.evaluasi.models import EvaluasiAkip, KomponenSkema, Rekomendasi
from sakip.lib import angka
from sakip.lib import forms as lib_forms
from sakip.organisasi.models import UnitKerja


class AngkaField(lib_forms.AngkaField):
    """A score typed the Indonesian way (22,40) or plainly (22.40)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 8}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            normal = value.normalize()
            exponent = normal.as_tuple().exponent
            desimal = max(2, -exponent) if isinstance(exponent, int) else 2
            return angka.format_angka(normal, min(desimal, 6))
        return value


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class EvaluasiForm(forms.ModelForm):
    class Meta:
        model = EvaluasiAkip
        fields = ["unit_kerja", "tahun", "skema", "lembaga", "nomor_lhe", "tanggal_lhe", "catatan"]
        widgets = {"tanggal_lhe": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, units: Any, skema: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skema"].queryset = skema
        if self.instance.pk:
            # The unit and year identify the LHE; they are not changed afterwards.
            del self.fields["unit_kerja"]
            del self.fields["tahun"]
        else:
            self.fields["unit_kerja"].queryset = units


class NilaiForm(forms.Form):
    """One field per component and sub-component of the evaluation's scheme, all optional."""

    def __init__(
        self, *args: Any, evaluasi: EvaluasiAkip, komponen: list[KomponenSkema], **kwargs: Any
    ) -> None:
        awal = {n.komponen_id: n.nilai for n in evaluasi.nilai.all()}
        super().__init__(*args, **kwargs)
        self.komponen = komponen
        for k in komponen:
            batas = "0–100" if k.bobot is None else f"0–{angka.format_angka(k.bobot)}"
            field = AngkaField(label=k.nama, required=False, help_text=f"Rentang {batas}")
            field.initial = awal.get(k.pk)
            self.fields[k.kode] = field

    def baris(self) -> list[tuple[KomponenSkema, forms.BoundField]]:
        return [(k, self[k.kode]) for k in self.komponen]


class RekomendasiForm(forms.ModelForm):
    class Meta:
        model = Rekomendasi
        fields = [
            "urutan",
            "komponen",
            "kriteria",
            "uraian",
            "penanggung_jawab",
            "batas_waktu",
            "tindak_lanjut",
        ]
        widgets = {
            "batas_waktu": TanggalInput(),
            "uraian": forms.Textarea(attrs={"rows": 5}),
            "tindak_lanjut": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, evaluasi: EvaluasiAkip, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.evaluasi = evaluasi
        if not self.instance.pk:
            self.fields["urutan"].initial = evaluasi.rekomendasi.count() + 1
        self.fields["komponen"].queryset = KomponenSkema.objects.filter(
            skema_id=evaluasi.skema_id, induk__isnull=True
        )
        self.fields["penanggung_jawab"].queryset = UnitKerja.objects.subtree_of(evaluasi.unit_kerja)
        from sakip.evaluasi.models import KriteriaSkema

        self.fields["kriteria"].queryset = KriteriaSkema.objects.filter(komponen__skema_id=evaluasi.skema_id)
        self.fields["kriteria"].help_text = "Kosong bila rekomendasi untuk komponen"


class TindakLanjutForm(forms.Form):
    tindak_lanjut = forms.CharField(
        label="Tindak lanjut / rencana", widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    berkas = forms.FileField(
        label="Bukti tindak lanjut",
        required=False,
        help_text="PDF, gambar atau dokumen Office; wajib sebelum diajukan ke evaluator",
    )


class PenerimaanForm(forms.Form):
    catatan = forms.CharField(
        label="Catatan evaluator", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class SalinSkemaForm(forms.Form):
    pemda = forms.ModelChoiceField(queryset=None, label="Pemda")
    kode = forms.CharField(max_length=50, help_text="Mis. LKE-KALTIM-2025")
    nama = forms.CharField(max_length=255)

    def __init__(self, *args: Any, pemda: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pemda"].queryset = pemda
        if pemda.count() == 1:
            self.fields["pemda"].initial = pemda.first()


class BobotForm(forms.Form):
    """One weight per component and sub-component of a scheme."""

    def __init__(self, *args: Any, komponen: list[KomponenSkema], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for k in komponen:
            self.fields[k.kode] = AngkaField(label=f"{k.kode} {k.nama}", required=False, initial=k.bobot)


class KriteriaForm(forms.Form):
    kode = forms.CharField(max_length=30)
    uraian = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    jenis_jawaban = forms.ChoiceField(label="Jenis jawaban")
    dinilai_per = forms.ChoiceField(label="Dinilai per")
    bukti = forms.CharField(
        label="Bukti dukung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Satu bukti dukung per baris",
    )
    catatan = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, jenis: list[tuple[str, str]], **kwargs: Any) -> None:
        from sakip.evaluasi.models import KriteriaSkema

        super().__init__(*args, **kwargs)
        self.fields["jenis_jawaban"].choices = jenis
        self.fields["dinilai_per"].choices = KriteriaSkema.DinilaiPer.choices

    def clean_bukti(self) -> list[str]:
        return [b for b in self.cleaned_data["bukti"].splitlines() if b.strip()]


class SkemaTahunForm(forms.Form):
    pemda = forms.ModelChoiceField(queryset=None, label="Pemda")
    tahun = forms.IntegerField(min_value=2000, max_value=2100)
    skema = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args: Any, pemda: Any, skema: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pemda"].queryset = pemda
        self.fields["skema"].queryset = skema
        if pemda.count() == 1:
            self.fields["pemda"].initial = pemda.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        pemda, skema = data.get("pemda"), data.get("skema")
        if pemda and skema and skema.pemda_id not in (None, pemda.pk):
            self.add_error("skema", "Skema milik pemda lain tidak dapat dipakai.")
        return data
