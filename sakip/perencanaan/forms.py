from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sakip.lib import rumus
from sakip.lib import tahun as lib_tahun
from sakip.organisasi.models import UnitKerja
from sakip.perencanaan import paket, services
from sakip.perencanaan.models import (
    Frekuensi,
    Indikator,
    JenisIndikator,
    KeputusanIKU,
    PerjanjianKinerja,
    RencanaStrategis,
    Sasaran,
    Tujuan,
)


class RenstraForm(forms.ModelForm):
    class Meta:
        model = RencanaStrategis
        fields = ["unit_kerja", "nama", "tahun_mulai", "tahun_selesai", "visi", "misi"]
        labels = {"unit_kerja": "Unit kerja", "tahun_mulai": "Tahun mulai", "tahun_selesai": "Tahun selesai"}
        widgets = {"visi": forms.Textarea(attrs={"rows": 2}), "misi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = units


class TujuanForm(forms.ModelForm):
    class Meta:
        model = Tujuan
        fields = ["kode", "uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class SasaranForm(forms.ModelForm):
    class Meta:
        model = Sasaran
        fields = ["tujuan", "kode", "uraian", "strategi", "kebijakan"]
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2}),
            "strategi": forms.Textarea(attrs={"rows": 2}),
            "kebijakan": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_frekuensi(self) -> str:
        return self.cleaned_data.get("frekuensi") or self.instance.frekuensi or Frekuensi.TRIWULANAN

    def __init__(self, *args: Any, renstra: RencanaStrategis, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.renstra = renstra
        self.fields["tujuan"].queryset = renstra.tujuan.all()
        self.fields["tujuan"].required = False


class IndikatorForm(forms.ModelForm):
    """An indicator with its parent (a tujuan or a sasaran), its formula inputs and one target per Renstra year."""

    induk = forms.ChoiceField(label="Tujuan / sasaran")
    skala_teks = forms.CharField(
        label="Skala predikat",
        required=False,
        help_text="Untuk indikator predikat: dari terendah ke tertinggi, dipisah koma",
    )
    kondisi_awal_isi = forms.CharField(label="Kondisi awal", required=False)
    kondisi_akhir_isi = forms.CharField(label="Kondisi akhir (target akhir Renstra)", required=False)
    variabel_teks = forms.CharField(
        label="Variabel masukan rumus",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu per baris: nama_variabel | uraian | satuan, mis. difasilitasi | Kebijakan yang difasilitasi | kebijakan",
    )

    class Meta:
        model = Indikator
        fields = [
            "kode",
            "nama",
            "satuan",
            "jenis",
            "polaritas",
            "agregasi",
            "frekuensi",
            "formulasi",
            "formulasi_uraian",
            "definisi",
            "alasan",
            "sumber_data",
            "penanggung_jawab",
            "is_iku",
            "mendukung",
        ]
        widgets = {
            "nama": forms.Textarea(attrs={"rows": 2}),
            "definisi": forms.Textarea(attrs={"rows": 2}),
            "alasan": forms.Textarea(attrs={"rows": 2}),
            "formulasi_uraian": forms.Textarea(attrs={"rows": 2}),
            "sumber_data": forms.Textarea(attrs={"rows": 1}),
        }

    def __init__(self, *args: Any, renstra: RencanaStrategis, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.renstra = renstra
        self.instance.renstra = renstra
        pilihan = [(f"t{t.pk}", f"Tujuan {t.kode}: {t.uraian[:80]}") for t in renstra.tujuan.all()]
        pilihan += [(f"s{s.pk}", f"Sasaran {s.kode}: {s.uraian[:80]}") for s in renstra.sasaran.all()]
        self.fields["induk"].choices = pilihan
        unit = renstra.unit_kerja
        self.fields["penanggung_jawab"].queryset = UnitKerja.objects.filter(pemda_id=unit.pemda_id)
        leluhur = [int(p) for p in unit.jalur.strip("/").split("/")[:-1]]
        self.fields["mendukung"].queryset = Indikator.objects.filter(renstra__unit_kerja_id__in=leluhur)
        self.fields["mendukung"].label = "Mendukung indikator unit induk"
        # Not sent by forms made before the field existed: empty keeps the indicator's (or the default) frequency.
        self.fields["frekuensi"].required = False
        self.tahun = renstra.tahun
        for tahun in self.tahun:
            self.fields[f"target_{tahun}"] = forms.CharField(label=f"Target {tahun}", required=False)
        ind = self.instance
        if ind.pk:
            self.fields["induk"].initial = f"t{ind.tujuan_id}" if ind.tujuan_id else f"s{ind.sasaran_id}"
            self.fields["skala_teks"].initial = ", ".join(ind.skala_predikat)
            self.fields["kondisi_awal_isi"].initial = ind.kondisi_awal_teks or paket._angka_mentah(
                ind.kondisi_awal
            )
            self.fields["kondisi_akhir_isi"].initial = ind.kondisi_akhir_teks or paket._angka_mentah(
                ind.kondisi_akhir
            )
            self.fields["variabel_teks"].initial = "\n".join(
                " | ".join(filter(None, [v.nama, v.label, v.satuan])) for v in ind.variabel.all()
            )
            for t in ind.target.all():
                if f"target_{t.tahun}" in self.fields:
                    self.fields[f"target_{t.tahun}"].initial = paket.format_target(
                        services.NilaiTarget(t.nilai, t.nilai_atas, t.predikat, t.keterangan)
                    )

    def target_fields(self) -> list[forms.BoundField]:
        return [self[f"target_{tahun}"] for tahun in self.tahun]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:  # the pemda's one list of satuan, as the import and the API
            services.periksa_satuan(pemda_id=self.renstra.unit_kerja.pemda_id, teks=data.get("satuan") or "")
        except ValidationError as exc:
            self.add_error("satuan", exc.message_dict["satuan"])
        induk = data.get("induk", "")
        self.instance.tujuan = self.instance.sasaran = None
        if induk.startswith("t"):
            self.instance.tujuan = self.renstra.tujuan.get(pk=int(induk[1:]))
        elif induk.startswith("s"):
            self.instance.sasaran = self.renstra.sasaran.get(pk=int(induk[1:]))
        self.instance.skala_predikat = [p.strip() for p in data.get("skala_teks", "").split(",") if p.strip()]
        predikat = data.get("jenis") == JenisIndikator.PREDIKAT
        for nama in ("kondisi_awal", "kondisi_akhir"):
            nilai, teks = paket._kondisi(data.get(f"{nama}_isi", ""), predikat=predikat)
            setattr(self.instance, nama, nilai)
            setattr(self.instance, f"{nama}_teks", teks)
        self.variabel = self._variabel(data.get("variabel_teks", ""))
        self.target: dict[int, services.NilaiTarget] = {}
        for tahun in self.tahun:
            teks = data.get(f"target_{tahun}", "").strip()
            if not teks:
                continue
            try:
                self.target[tahun] = paket.parse_target(
                    teks, predikat=predikat, skala=self.instance.skala_predikat
                )
            except paket.PaketError as exc:
                self.add_error(f"target_{tahun}", str(exc))
        return data

    def _variabel(self, teks: str) -> list[services.VariabelBaru]:
        hasil = []
        for nomor, baris in enumerate(teks.splitlines(), start=1):
            if not baris.strip():
                continue
            bagian = [b.strip() for b in baris.split("|")]
            nama = bagian[0]
            try:
                rumus.validasi_nama(nama)
            except rumus.RumusError as exc:
                self.add_error("variabel_teks", f"Baris {nomor}: {exc}")
                continue
            label = bagian[1] if len(bagian) > 1 and bagian[1] else nama.replace("_", " ")
            hasil.append(
                services.VariabelBaru(nama=nama, label=label, satuan=bagian[2] if len(bagian) > 2 else "")
            )
        return hasil

    def save_with(self, *, by: Any) -> Indikator:
        try:
            return services.save_indikator(
                indikator=self.instance, variabel=self.variabel, target=self.target, by=by
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error(None, exc)
            raise


class PKBaruForm(forms.Form):
    renstra = forms.ModelChoiceField(label="Renstra", queryset=RencanaStrategis.objects.none())
    tahun = lib_tahun.field("Tahun")

    def __init__(self, *args: Any, renstra_qs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["renstra"].queryset = renstra_qs


class _PejabatPilihan(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.nama_jabatan} – {obj.nama}" + (f" (NIP {obj.nip})" if obj.nip else "")


class PKPihakForm(forms.ModelForm):
    """The parties of a PK. Choosing an official from the roster copies their name, post and NIP into the PK's own
    fields, so that a signed PK keeps its text whatever later happens to the roster."""

    pejabat_pertama = _PejabatPilihan(
        label="Pihak pertama: pilih dari daftar pejabat", queryset=None, required=False
    )
    pejabat_kedua = _PejabatPilihan(
        label="Pihak kedua: pilih dari daftar pejabat", queryset=None, required=False
    )

    field_order = [
        "pejabat_pertama",
        "pihak_pertama_nama",
        "pihak_pertama_jabatan",
        "pihak_pertama_nip",
        "pejabat_kedua",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.utils import timezone

        from sakip.organisasi.models import Pejabat

        super().__init__(*args, **kwargs)
        pk = self.instance
        pada = pk.tanggal or timezone.localdate()
        pejabat = (
            Pejabat.objects.filter(pemda_id=pk.unit_kerja.pemda_id).berlaku(pada).select_related("unit_kerja")
            if pk.unit_kerja_id
            else Pejabat.objects.none()
        )
        # The unit's own officials (and those above it) first, then the rest of the pemda (the regional head).
        self.fields["pejabat_pertama"].queryset = pejabat.order_by("unit_kerja__jalur", "nama")
        self.fields["pejabat_kedua"].queryset = pejabat.order_by("unit_kerja__jalur", "nama")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for pihak in ("pertama", "kedua"):
            pejabat = data.get(f"pejabat_{pihak}")
            if pejabat is not None:
                data[f"pihak_{pihak}_nama"] = pejabat.nama
                data[f"pihak_{pihak}_jabatan"] = pejabat.nama_jabatan
                data[f"pihak_{pihak}_nip"] = pejabat.nip
        return data

    class Meta:
        model = PerjanjianKinerja
        fields = [
            "pihak_pertama_nama",
            "pihak_pertama_jabatan",
            "pihak_pertama_nip",
            "pihak_kedua_nama",
            "pihak_kedua_jabatan",
            "pihak_kedua_nip",
            "tempat",
            "tanggal",
        ]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"})}


class RevisiForm(forms.Form):
    alasan = forms.ChoiceField(label="Alasan perubahan", choices=PerjanjianKinerja.AlasanPerubahan.choices)
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class KeputusanIKUForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = KeputusanIKU
        fields = [
            "nomor",
            "jabatan_penandatangan",
            "nama_penandatangan",
            "pangkat_golongan",
            "nip",
            "tempat",
            "tanggal",
            "alamat_kop",
            "menimbang",
            "mengingat",
            "diktum_tambahan",
        ]
        labels = {
            "jabatan_penandatangan": "Jabatan penandatangan",
            "nama_penandatangan": "Nama penandatangan",
        }
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "alamat_kop": forms.Textarea(attrs={"rows": 2}),
            "menimbang": forms.Textarea(attrs={"rows": 6}),
            "mengingat": forms.Textarea(attrs={"rows": 8}),
            "diktum_tambahan": forms.Textarea(attrs={"rows": 3}),
        }


class _SasaranPilihan(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Sasaran) -> str:
        return f"{obj.renstra.unit_kerja} {obj.renstra.tahun_mulai}–{obj.renstra.tahun_selesai} · {obj.kode} {obj.uraian}"


class ProgramForm(forms.Form):
    """A program of a unit: its nomenclature code, name (empty: the master's) and the sasaran it serves."""

    unit_kerja = forms.ModelChoiceField(label="Unit kerja", queryset=UnitKerja.objects.none())
    kode = forms.CharField(max_length=20, help_text="Kode nomenklatur, mis. 4.01.02")
    nama = forms.CharField(
        max_length=500, required=False, help_text="Kosongkan untuk memakai nama pada nomenklatur."
    )
    sasaran = _SasaranPilihan(
        label="Sasaran yang didukung",
        queryset=Sasaran.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kosong: program penunjang yang tidak terkait langsung dengan sasaran.",
    )

    def __init__(self, *args: Any, units: Any, sasaran: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].queryset = units
        self.fields["sasaran"].queryset = sasaran.select_related("renstra__unit_kerja")
        if units.count() == 1:
            self.fields["unit_kerja"].initial = units.first()


class KegiatanForm(forms.Form):
    kode = forms.CharField(max_length=30, help_text="Kode nomenklatur, mis. 4.01.02.2.01")
    nama = forms.CharField(
        max_length=500, required=False, help_text="Kosongkan untuk memakai nama pada nomenklatur."
    )


class SubKegiatanForm(forms.Form):
    kode = forms.CharField(max_length=30, help_text="Kode nomenklatur, mis. 4.01.02.2.01.0001")
    nama = forms.CharField(
        max_length=500, required=False, help_text="Kosongkan untuk memakai nama pada nomenklatur."
    )
    indikator_keluaran = forms.CharField(max_length=500, required=False, label="Indikator keluaran")
    satuan_keluaran = forms.CharField(max_length=100, required=False, label="Satuan keluaran")

    def __init__(self, *args: Any, tahun: list[int] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        from sakip.lib.forms import AngkaField

        super().__init__(*args, **kwargs)
        self.tahun = list(tahun)
        for t in self.tahun:
            self.fields[f"target_{t}"] = AngkaField(
                label=f"Target keluaran {t}", required=False, negatif=False
            )

    def target(self) -> dict[int, Any]:
        return {t: self.cleaned_data.get(f"target_{t}") for t in self.tahun}
