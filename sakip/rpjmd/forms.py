"""Forms of the RPJMD pages; the models validate, the services write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from sakip.lib import angka
from sakip.organisasi.models import UnitKerja
from sakip.perencanaan.models import Indikator, Sasaran
from sakip.rpjmd.models import (
    IndikatorDaerah,
    IndikatorIndividu,
    JenisIndikatorDaerah,
    Misi,
    PKIndividu,
    PKKepalaDaerah,
    Rpjmd,
    SasaranDaerah,
    TujuanDaerah,
)


class AngkaField(forms.CharField):
    """A number typed the Indonesian way ("1.234,5") or plainly ("1234.5")."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        teks = super().to_python(value).strip()
        if not teks:
            return None
        try:
            return angka.parse_angka(teks)
        except (ValueError, ArithmeticError):
            raise forms.ValidationError("Isikan angka, mis. 85 atau 1.234,5.") from None


class RpjmdForm(forms.ModelForm):
    class Meta:
        model = Rpjmd
        fields = ["nama", "tahun_mulai", "tahun_selesai", "kepala_daerah", "dasar_hukum", "visi"]
        widgets = {"visi": forms.Textarea(attrs={"rows": 3})}


class PerubahanForm(forms.Form):
    alasan = forms.CharField(label="Alasan perubahan", widget=forms.Textarea(attrs={"rows": 3}))


class MisiForm(forms.ModelForm):
    class Meta:
        model = Misi
        fields = ["kode", "uraian", "urutan"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class TujuanForm(forms.ModelForm):
    class Meta:
        model = TujuanDaerah
        fields = ["kode", "uraian", "misi", "urutan"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, rpjmd: Rpjmd, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["misi"].queryset = rpjmd.misi.all()


class SasaranForm(forms.ModelForm):
    class Meta:
        model = SasaranDaerah
        fields = ["kode", "uraian", "tujuan", "strategi", "arah_kebijakan", "penanggung_jawab", "urutan"]
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2}),
            "strategi": forms.Textarea(attrs={"rows": 3}),
            "arah_kebijakan": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, rpjmd: Rpjmd, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tujuan"].queryset = rpjmd.tujuan.all()
        self.fields["penanggung_jawab"].queryset = UnitKerja.objects.filter(
            pemda_id=rpjmd.pemda_id, aktif=True
        )


def _skala_teks(nilai: Any) -> list[str]:
    """Levels typed one per line or separated by commas, lowest first."""
    teks = nilai if isinstance(nilai, str) else "\n".join(nilai or [])
    return [" ".join(t.split()) for t in teks.replace(",", "\n").splitlines() if t.strip()]


class IndikatorForm(forms.ModelForm):
    """An RPJMD indicator with its targets and realisasi per year: numbers, or levels of its predikat scale."""

    skala_predikat = forms.CharField(
        label="Skala predikat",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Untuk jenis predikat: tingkatan dari terendah ke tertinggi, dipisah koma, "
        "mis. Rendah, Sedang, Tinggi, Sangat Tinggi",
    )
    kondisi_awal = forms.CharField(label="Kondisi awal (baseline)", required=False)
    kondisi_akhir = forms.CharField(label="Target akhir periode", required=False)

    class Meta:
        model = IndikatorDaerah
        fields = [
            "kode",
            "nama",
            "tujuan",
            "sasaran",
            "satuan",
            "jenis",
            "skala_predikat",
            "polaritas",
            "is_iku",
            "kondisi_awal",
            "kondisi_akhir",
            "definisi",
            "urutan",
        ]
        widgets = {"nama": forms.Textarea(attrs={"rows": 2}), "definisi": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"tujuan": "Isi tujuan ATAU sasaran daerah", "satuan": "Dari daftar satuan pemda"}

    def __init__(self, *args: Any, rpjmd: Rpjmd, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rpjmd = rpjmd
        self.fields["tujuan"].queryset = rpjmd.tujuan.all()
        self.fields["sasaran"].queryset = rpjmd.sasaran.all()
        self.fields["jenis"].required = False  # absent: a number, as before predikat indicators existed
        ind = self.instance
        self.initial["skala_predikat"] = ", ".join(ind.skala_predikat or [])
        self.initial["kondisi_awal"] = ind.kondisi_awal_tampil if ind.pk else ""
        self.initial["kondisi_akhir"] = ind.kondisi_akhir_tampil if ind.pk else ""
        lama = {t.tahun: t for t in ind.target.all()} if ind.pk else {}
        bantuan = "Angka, atau tingkatan skala untuk indikator predikat"
        for tahun in rpjmd.tahun:
            t = lama.get(tahun)
            self.fields[f"target_{tahun}"] = forms.CharField(
                label=f"Target {tahun}", required=False, initial=t.target_teks if t else "", help_text=bantuan
            )
            self.fields[f"realisasi_{tahun}"] = forms.CharField(
                label=f"Realisasi {tahun}", required=False, initial=t.realisasi_teks if t else ""
            )
        self._target: dict[int, tuple[Decimal | str | None, Decimal | str | None]] = {}

    def clean_jenis(self) -> str:
        return self.cleaned_data.get("jenis") or JenisIndikatorDaerah.ANGKA

    def clean_skala_predikat(self) -> list[str]:
        return _skala_teks(self.cleaned_data.get("skala_predikat", ""))

    def _nilai(self, nama: str, predikat: bool, skala: list[str]) -> Decimal | str | None:
        """A typed value read by the indicator's kind; an error at the field when it does not fit."""
        teks = (self.cleaned_data.get(nama) or "").strip()
        if not teks:
            return None
        if predikat:
            cocok = IndikatorDaerah(skala_predikat=skala).tingkat(teks)
            if cocok is None:
                self.add_error(
                    nama, f"Isikan salah satu tingkatan skala: {', '.join(skala) or '(skala kosong)'}."
                )
            return cocok
        try:
            return angka.parse_angka(teks)
        except (ValueError, ArithmeticError):
            self.add_error(nama, "Isikan angka, mis. 85 atau 1.234,5.")
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        predikat = data.get("jenis") == "predikat"
        skala = data.get("skala_predikat") or []
        awal = self._nilai("kondisi_awal", predikat, skala)
        akhir = self._nilai("kondisi_akhir", predikat, skala)
        data["kondisi_awal"] = None if predikat else awal
        data["kondisi_akhir"] = None if predikat else akhir
        data["kondisi_awal_teks"] = (awal or "") if predikat else ""
        data["kondisi_akhir_teks"] = (akhir or "") if predikat else ""
        self.instance.kondisi_awal_teks = data["kondisi_awal_teks"]
        self.instance.kondisi_akhir_teks = data["kondisi_akhir_teks"]
        self._target = {
            tahun: (
                self._nilai(f"target_{tahun}", predikat, skala),
                self._nilai(f"realisasi_{tahun}", predikat, skala),
            )
            for tahun in self.rpjmd.tahun
        }
        return data

    def nilai(self) -> dict[str, Any]:
        """The indicator's fields for `services.simpan_indikator`."""
        return {
            f: self.cleaned_data[f] for f in [*self.Meta.fields, "kondisi_awal_teks", "kondisi_akhir_teks"]
        }

    def target(self) -> dict[int, tuple[Decimal | str | None, Decimal | str | None]]:
        return self._target


ELEMEN: dict[str, type[forms.ModelForm]] = {
    "misi": MisiForm,
    "tujuan": TujuanForm,
    "sasaran": SasaranForm,
    "indikator": IndikatorForm,
}


class DukunganForm(forms.Form):
    """A PD indicator or sasaran (of a Renstra the user may edit) supports an RPJMD indicator or sasaran."""

    indikator = forms.ModelChoiceField(
        label="Indikator perangkat daerah", queryset=Indikator.objects.none(), required=False
    )
    sasaran = forms.ModelChoiceField(
        label="atau sasaran perangkat daerah", queryset=Sasaran.objects.none(), required=False
    )
    indikator_daerah = forms.ModelChoiceField(
        label="Indikator RPJMD yang didukung", queryset=IndikatorDaerah.objects.none(), required=False
    )
    sasaran_daerah = forms.ModelChoiceField(
        label="atau sasaran daerah yang didukung", queryset=SasaranDaerah.objects.none(), required=False
    )

    def __init__(self, *args: Any, rpjmd: Rpjmd, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = (
            Indikator.objects.editable_by(user)
            .filter(
                renstra__unit_kerja__pemda_id=rpjmd.pemda_id,
                renstra__tahun_mulai__lte=rpjmd.tahun_selesai,
                renstra__tahun_selesai__gte=rpjmd.tahun_mulai,
                sasaran__isnull=False,
            )
            .select_related("renstra__unit_kerja")
            .order_by("renstra__unit_kerja__jalur", "urutan", "kode")
        )
        self.fields["indikator"].label_from_instance = lambda i: f"{i.renstra.unit_kerja} · {i.kode} {i.nama}"
        self.fields["sasaran"].queryset = (
            Sasaran.objects.editable_by(user)
            .filter(
                renstra__unit_kerja__pemda_id=rpjmd.pemda_id,
                renstra__tahun_mulai__lte=rpjmd.tahun_selesai,
                renstra__tahun_selesai__gte=rpjmd.tahun_mulai,
            )
            .select_related("renstra__unit_kerja")
            .order_by("renstra__unit_kerja__jalur", "urutan", "kode")
        )
        self.fields["sasaran"].label_from_instance = lambda s: f"{s.renstra.unit_kerja} · {s.kode} {s.uraian}"
        self.fields["indikator_daerah"].queryset = rpjmd.indikator.all()
        self.fields["indikator_daerah"].label_from_instance = lambda i: f"{i.kode} {i.nama}"
        self.fields["sasaran_daerah"].queryset = rpjmd.sasaran.all()
        self.fields["sasaran_daerah"].label_from_instance = lambda s: f"{s.kode} {s.uraian}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("indikator")) == bool(data.get("sasaran")):
            raise forms.ValidationError("Pilih tepat satu: indikator atau sasaran perangkat daerah.")
        if bool(data.get("indikator_daerah")) == bool(data.get("sasaran_daerah")):
            raise forms.ValidationError("Pilih tepat satu: indikator RPJMD atau sasaran daerah.")
        return data


class PKIndividuForm(forms.ModelForm):
    class Meta:
        model = PKIndividu
        fields = [
            "unit_kerja",
            "tahun",
            "nama",
            "nip",
            "jabatan",
            "status_jabatan",
            "atasan_nama",
            "atasan_jabatan",
        ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = UnitKerja.objects.editable_by(user).select_related("pemda")


class IndikatorIndividuForm(forms.ModelForm):
    target = AngkaField(label="Target")
    realisasi = AngkaField(label="Realisasi", required=False)

    class Meta:
        model = IndikatorIndividu
        fields = ["nama", "satuan", "polaritas", "target", "realisasi", "mendukung"]
        widgets = {"nama": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, pilihan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mendukung"].queryset = pilihan.select_related("renstra__unit_kerja")
        self.fields["mendukung"].label_from_instance = lambda i: f"{i.renstra.unit_kerja} · {i.kode} {i.nama}"


class PKKepalaDaerahForm(forms.ModelForm):
    class Meta:
        model = PKKepalaDaerah
        fields = ["tahun", "nama", "jabatan", "status_jabatan", "tempat", "tanggal"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"})}


class PKKepalaDaerahUbahForm(forms.ModelForm):
    class Meta:
        model = PKKepalaDaerah
        fields = ["nama", "jabatan", "status_jabatan", "tempat", "tanggal"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.baris = list(self.instance.indikator.select_related("indikator_daerah"))
        for b in self.baris:
            ind = b.indikator_daerah
            label = f"Target {ind.kode} {ind.nama} ({ind.satuan})"
            if ind.is_predikat:
                self.fields[f"target_{b.pk}"] = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[("", "–")] + [(t, t) for t in ind.skala_predikat],
                    initial=b.target_predikat,
                )
            else:
                self.fields[f"target_{b.pk}"] = AngkaField(
                    label=label,
                    required=False,
                    initial=angka.format_angka(b.target) if b.target is not None else "",
                )

    def target(self) -> dict[int, Decimal | str | None]:
        hasil: dict[int, Decimal | str | None] = {}
        for b in self.baris:
            nilai = self.cleaned_data.get(f"target_{b.pk}")
            hasil[b.pk] = None if nilai == "" else nilai
        return hasil
