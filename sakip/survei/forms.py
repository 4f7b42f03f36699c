"""Forms of the survey pages and of the public questionnaire."""

from __future__ import annotations

from typing import Any

from django import forms

from sakip.lib import tahun as lib_tahun
from sakip.survei import excel, services
from sakip.survei.models import Bobot, Metode, Periode, Respons, Survei

PEMISAH_PILIHAN = ";"


class SurveiForm(forms.Form):
    unit_kerja = forms.ModelChoiceField(label="Unit layanan", queryset=None)
    nama = forms.CharField(label="Nama survei", max_length=255)
    tahun = lib_tahun.field("Tahun")
    periode = forms.ChoiceField(label="Periode", choices=Periode.choices)
    metode = forms.ChoiceField(label="Metode", choices=Metode.choices)
    bobot = forms.ChoiceField(label="Bobot unsur untuk IKM resmi", choices=Bobot.choices)
    layanan = forms.CharField(
        label="Jenis layanan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Satu per baris; bila diisi, responden memilih layanan yang diterimanya.",
    )
    keterangan = forms.CharField(label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    aktif = forms.BooleanField(label="Menerima jawaban daring", required=False, initial=True)
    maks_respons = forms.IntegerField(
        label="Batas jumlah jawaban",
        min_value=1,
        max_value=100_000,
        initial=2000,
        help_text="Jawaban baru ditolak setelah batas ini tercapai (pelindung dari banjir isian).",
    )

    def __init__(self, *args: Any, unit_qs: Any, survei: Survei | None = None, **kwargs: Any) -> None:
        if survei is not None:
            kwargs.setdefault(
                "initial",
                {
                    "unit_kerja": survei.unit_kerja_id,
                    "nama": survei.nama,
                    "tahun": survei.tahun,
                    "periode": survei.periode,
                    "metode": survei.metode,
                    "bobot": survei.bobot,
                    "layanan": survei.layanan,
                    "keterangan": survei.keterangan,
                    "aktif": survei.aktif,
                    "maks_respons": survei.maks_respons,
                },
            )
        super().__init__(*args, **kwargs)
        self.survei = survei
        self.fields["unit_kerja"].queryset = unit_qs
        if survei is not None:
            # The unit of an existing survey stays; its questionnaire wording can be edited.
            del self.fields["unit_kerja"]
            for i, u in enumerate(survei.unsur, start=1):
                self.fields[f"unsur_{i}_label"] = forms.CharField(
                    label=f"Unsur {i}: label", max_length=120, initial=u["label"]
                )
                self.fields[f"unsur_{i}_pertanyaan"] = forms.CharField(
                    label=f"Unsur {i}: pertanyaan", max_length=500, initial=u["pertanyaan"]
                )
                self.fields[f"unsur_{i}_pilihan"] = forms.CharField(
                    label=f"Unsur {i}: pilihan jawaban nilai 1–4 (dipisah titik koma)",
                    max_length=500,
                    initial=f"{PEMISAH_PILIHAN} ".join(u["pilihan"]),
                )

    @property
    def medan_unsur(self) -> list[tuple[Any, Any, Any]]:
        if self.survei is None:
            return []
        return [
            (self[f"unsur_{i}_label"], self[f"unsur_{i}_pertanyaan"], self[f"unsur_{i}_pilihan"])
            for i in range(1, len(self.survei.unsur) + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.survei is None:
            return data
        unsur = []
        for i in range(1, len(self.survei.unsur) + 1):
            pilihan = [p.strip() for p in data.get(f"unsur_{i}_pilihan", "").split(PEMISAH_PILIHAN)]
            if len(pilihan) != 4 or not all(pilihan):
                self.add_error(f"unsur_{i}_pilihan", "Tuliskan tepat empat pilihan, dipisah titik koma.")
            unsur.append(
                {
                    "label": data.get(f"unsur_{i}_label", "").strip(),
                    "pertanyaan": data.get(f"unsur_{i}_pertanyaan", "").strip(),
                    "pilihan": pilihan,
                }
            )
        # A new method brings its own questionnaire; the edited wording only applies to the same method.
        data["unsur"] = unsur if data.get("metode") == self.survei.metode else None
        return data

    def isian(self) -> dict[str, Any]:
        d = self.cleaned_data
        hasil = {
            k: d[k]
            for k in (
                "nama",
                "tahun",
                "periode",
                "metode",
                "bobot",
                "layanan",
                "keterangan",
                "aktif",
                "maks_respons",
            )
        }
        if self.survei is not None and d.get("unsur") is not None:
            hasil["unsur"] = d["unsur"]
        return hasil


_KOSONG = [("", "– pilih –")]


class ResponsForm(forms.Form):
    """The public questionnaire: every unsur as four radio answers scored 1–4, and the respondent's profile."""

    jenis_kelamin = forms.ChoiceField(
        label="Jenis kelamin", choices=Respons.JenisKelamin.choices, widget=forms.RadioSelect
    )
    umur = forms.IntegerField(
        label="Umur (tahun)",
        min_value=10,
        max_value=120,
        error_messages={
            "min_value": "Umur minimal 10 tahun.",
            "max_value": "Umur maksimal 120 tahun.",
            "invalid": "Umur harus berupa bilangan bulat.",
        },
    )
    pendidikan = forms.ChoiceField(label="Pendidikan terakhir", choices=_KOSONG + Respons.Pendidikan.choices)
    pekerjaan = forms.ChoiceField(label="Pekerjaan utama", choices=_KOSONG + Respons.Pekerjaan.choices)
    saran = forms.CharField(
        label="Saran dan masukan (boleh dikosongkan)",
        required=False,
        max_length=services.MAKS_SARAN,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, survei: Survei, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survei = survei
        for nama in ("jenis_kelamin", "pendidikan", "pekerjaan"):
            self.fields[nama].error_messages["required"] = f"Pilih {self.fields[nama].label.lower()}."
            self.fields[nama].error_messages["invalid_choice"] = (
                f"Pilihan {self.fields[nama].label.lower()} tidak dikenal."
            )
        self.fields["umur"].error_messages["required"] = "Isi umur Anda."
        if survei.daftar_layanan:
            self.fields["layanan"] = forms.ChoiceField(
                label="Jenis layanan yang Anda terima",
                choices=_KOSONG + [(x, x) for x in survei.daftar_layanan],
                error_messages={
                    "required": "Pilih jenis layanan.",
                    "invalid_choice": "Jenis layanan tidak dikenal.",
                },
            )
        for i, u in enumerate(survei.unsur, start=1):
            self.fields[f"u{i}"] = forms.TypedChoiceField(
                label=f"{i}. {u['pertanyaan']}",
                choices=[(n, teks) for n, teks in enumerate(u["pilihan"], start=1)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Unsur {i} ({u['label']}) belum dijawab.",
                    "invalid_choice": f"Jawaban unsur {i} ({u['label']}) harus salah satu pilihan nilai 1–4.",
                },
            )

    @property
    def pertanyaan(self) -> list[Any]:
        return [self[f"u{i}"] for i in range(1, len(self.survei.unsur) + 1)]

    def data_respons(self) -> services.DataRespons:
        d = self.cleaned_data
        return services.DataRespons(
            nilai=tuple(d[f"u{i}"] for i in range(1, len(self.survei.unsur) + 1)),
            jenis_kelamin=d["jenis_kelamin"],
            umur=d["umur"],
            pendidikan=d["pendidikan"],
            pekerjaan=d["pekerjaan"],
            layanan=d.get("layanan", ""),
            saran=d.get("saran", ""),
        )


class ImporForm(forms.Form):
    berkas = forms.FileField(label=f"Berkas Excel (.xlsx, maks. {excel.MAKS_UKURAN // (1024 * 1024)} MB)")

    def clean_berkas(self) -> Any:
        berkas = self.cleaned_data["berkas"]
        if berkas.size > excel.MAKS_UKURAN:
            raise forms.ValidationError(
                f"Berkas terlalu besar ({berkas.size / 1024 / 1024:.1f} MB); ukuran maksimal "
                f"{excel.MAKS_UKURAN // (1024 * 1024)} MB."
            )
        if not berkas.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Hanya berkas Excel .xlsx yang diterima (gunakan templat).")
        return berkas


class TautanForm(forms.Form):
    indikator = forms.ModelChoiceField(
        label="Indikator (IKU) yang realisasinya diambil dari survei ini", queryset=None
    )

    def __init__(self, *args: Any, survei: Survei, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indikator"].queryset = services.indikator_pilihan(survei)
        self.fields["indikator"].label_from_instance = lambda i: (
            f"{i.kode} – {i.nama} (Renstra {i.renstra.tahun_mulai}–{i.renstra.tahun_selesai})"
        )
