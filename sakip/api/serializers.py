"""What the API reads and accepts. Numbers are Decimal and travel as strings ("86.400000"), never floats.

Writes are validated here only for shape (types, lengths, known names); the rules themselves (formula, year
locks, versions, budget ceilings) stay in the services, which the views call exactly as the pages do.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.anggaran.models import AnggaranSubKegiatan, JenisBelanja, RealisasiBulanan
from sakip.lib import rumus
from sakip.organisasi.models import UnitKerja
from sakip.pengukuran.models import DataDukung, Periode, Realisasi
from sakip.perencanaan.models import (
    Agregasi,
    Frekuensi,
    Indikator,
    JenisIndikator,
    Kegiatan,
    KodeNomenklatur,
    Polaritas,
    Program,
    RencanaStrategis,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
    VariabelIndikator,
)
from sakip.survei import models as survei_models

# The columns' own precision (perencanaan.models.ANGKA / RUPIAH): a value that would not fit is refused here
# with a field error instead of failing deeper down.
ANGKA: dict[str, Any] = {"max_digits": 24, "decimal_places": 6}
RUPIAH: dict[str, Any] = {"max_digits": 20, "decimal_places": 2}
TAHUN: dict[str, Any] = {"min_value": 2000, "max_value": 2100}


def _hasil() -> serializers.DecimalField:
    """A computed figure at full precision (rounded only for display, never in the API)."""
    return serializers.DecimalField(max_digits=None, decimal_places=None, read_only=True, allow_null=True)


# --- Renstra ---------------------------------------------------------------------------------------------------------


class RenstraSerializer(serializers.ModelSerializer):
    unit_kode = serializers.CharField(source="unit_kerja.kode", read_only=True)
    unit_nama = serializers.CharField(source="unit_kerja.nama", read_only=True)

    class Meta:
        model = RencanaStrategis
        fields = ["id", "unit_kerja", "unit_kode", "unit_nama", "nama", "tahun_mulai", "tahun_selesai"]
        read_only_fields = fields


# --- Indikator and target ----------------------------------------------------------------------------------------------


class VariabelSerializer(serializers.ModelSerializer):
    label = serializers.CharField(max_length=255, required=False, allow_blank=True)
    satuan = serializers.CharField(max_length=60, required=False, allow_blank=True)

    class Meta:
        model = VariabelIndikator
        fields = ["nama", "label", "satuan"]
        extra_kwargs = {"nama": {"validators": []}}

    def validate_nama(self, nama: str) -> str:
        try:
            rumus.validasi_nama(nama)
        except rumus.RumusError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        return nama


class TargetRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "tahun", "nilai", "nilai_atas", "predikat", "keterangan"]
        read_only_fields = fields


class IndikatorSerializer(serializers.ModelSerializer):
    """An indicator with its formula inputs (`variabel`, written as a whole) and its Renstra targets (read)."""

    renstra = serializers.IntegerField(source="renstra_id")
    tujuan = serializers.IntegerField(source="tujuan_id", required=False, allow_null=True)
    sasaran = serializers.IntegerField(source="sasaran_id", required=False, allow_null=True)
    penanggung_jawab = serializers.IntegerField(source="penanggung_jawab_id", required=False, allow_null=True)
    mendukung = serializers.IntegerField(source="mendukung_id", required=False, allow_null=True)
    skala_predikat = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, max_length=20
    )
    jenis = serializers.ChoiceField(choices=JenisIndikator.choices, required=False)
    polaritas = serializers.ChoiceField(choices=Polaritas.choices, required=False)
    agregasi = serializers.ChoiceField(choices=Agregasi.choices, required=False)
    frekuensi = serializers.ChoiceField(choices=Frekuensi.choices, required=False)
    variabel = VariabelSerializer(many=True, required=False)
    target = TargetRingkasSerializer(many=True, read_only=True)

    class Meta:
        model = Indikator
        fields = [
            "id",
            "renstra",
            "tujuan",
            "sasaran",
            "kode",
            "nama",
            "satuan",
            "jenis",
            "skala_predikat",
            "polaritas",
            "agregasi",
            "frekuensi",
            "definisi",
            "alasan",
            "formulasi",
            "formulasi_uraian",
            "sumber_data",
            "penanggung_jawab",
            "is_iku",
            "boleh_melebihi_100",
            "mendukung",
            "kondisi_awal",
            "kondisi_awal_teks",
            "kondisi_akhir",
            "kondisi_akhir_teks",
            "urutan",
            "variabel",
            "target",
        ]
        # Uniqueness (kode per Renstra) is checked by the service's full_clean, with the page's message.
        validators: list[Any] = []
        extra_kwargs = {"urutan": {"max_value": 1_000_000}}


class TargetSerializer(serializers.ModelSerializer):
    """A Renstra target of one year: a number, a range (`nilai`–`nilai_atas`) or a predikat level."""

    indikator = serializers.IntegerField(source="indikator_id")
    tahun = serializers.IntegerField(**TAHUN)

    class Meta:
        model = Target
        fields = ["id", "indikator", "tahun", "nilai", "nilai_atas", "predikat", "keterangan"]
        validators: list[Any] = []


class TargetUbahSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["nilai", "nilai_atas", "predikat", "keterangan"]


# --- Realisasi ----------------------------------------------------------------------------------------------------------


class RealisasiSerializer(serializers.ModelSerializer):
    indikator_kode = serializers.CharField(source="indikator.kode", read_only=True)
    unit_kode = serializers.CharField(source="unit_kerja.kode", read_only=True)
    masukan = serializers.DictField(child=serializers.CharField(), read_only=True)
    diubah_oleh = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    data_dukung = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Realisasi
        fields = [
            "id",
            "indikator",
            "indikator_kode",
            "unit_kerja",
            "unit_kode",
            "tahun",
            "periode",
            "nilai",
            "nilai_predikat",
            "masukan",
            "status",
            "catatan_verifikasi",
            "peringatan",
            "catatan_peringatan",
            "versi",
            "diubah_oleh",
            "diubah_pada",
            "data_dukung",
        ]
        read_only_fields = fields


class _IsianRealisasi(serializers.Serializer):
    nilai = serializers.DecimalField(required=False, allow_null=True, **ANGKA)
    nilai_predikat = serializers.CharField(required=False, allow_blank=True, max_length=30)
    masukan = serializers.DictField(
        child=serializers.DecimalField(**ANGKA),
        required=False,
        help_text='Nilai variabel rumus IKU, mis. {"difasilitasi": "4", "usulan": "5"}; nilai dihitung dari rumus.',
    )
    catatan_peringatan = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text="Wajib bila nilai memicu aturan validasi tingkat peringatan; dibaca verifikator.",
    )


class RealisasiBaruSerializer(_IsianRealisasi):
    indikator = serializers.IntegerField()
    tahun = serializers.IntegerField(**TAHUN)
    periode = serializers.ChoiceField(choices=Periode.choices)


class RealisasiUbahSerializer(_IsianRealisasi):
    versi = serializers.IntegerField(
        min_value=0,
        max_value=2_000_000_000,
        help_text="Versi yang terakhir dibaca; bila sudah berubah, penyimpanan ditolak dengan 409.",
    )


class KembalikanSerializer(serializers.Serializer):
    # Required by the service, which first checks that the user verifies this unit.
    catatan = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class BukaVerifikasiSerializer(serializers.Serializer):
    # Required by the service, which first checks that the user verifies this unit.
    alasan = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class TautkanSerializer(serializers.Serializer):
    dokumen = serializers.IntegerField(
        min_value=1, max_value=2**62, help_text="id data dukung yang sudah diunggah"
    )


class UnggahSerializer(serializers.Serializer):
    berkas = serializers.FileField(help_text="PDF, PNG, JPEG atau dokumen Office; maksimal 10 MB.")
    keterangan = serializers.CharField(max_length=255, required=False, allow_blank=True)


class DataDukungSerializer(serializers.ModelSerializer):
    diunggah_oleh = serializers.SlugRelatedField(slug_field="username", read_only=True)
    unduh = serializers.SerializerMethodField(
        help_text="Alamat unduhan berkasnya: GET dengan `Authorization: Token ...` (atau sesi masuk)."
    )

    class Meta:
        model = DataDukung
        fields = [
            "id",
            "unit_kerja",
            "nama_asli",
            "jenis",
            "ukuran",
            "sha256",
            "keterangan",
            "diunggah_oleh",
            "diunggah_pada",
            "unduh",
        ]
        read_only_fields = fields

    def get_unduh(self, obj: DataDukung) -> str:
        return reverse("api:data-dukung-unduh", args=[obj.pk])


# --- Anggaran -------------------------------------------------------------------------------------------------------------


class BulananSerializer(serializers.ModelSerializer):
    class Meta:
        model = RealisasiBulanan
        fields = ["bulan", "realisasi"]
        read_only_fields = fields


class AnggaranSerializer(serializers.ModelSerializer):
    sub_kegiatan_kode = serializers.CharField(source="sub_kegiatan.kode", read_only=True)
    sub_kegiatan_nama = serializers.CharField(source="sub_kegiatan.nama", read_only=True)
    unit_kerja = serializers.IntegerField(
        source="sub_kegiatan.kegiatan.program.unit_kerja_id", read_only=True
    )
    unit_kode = serializers.CharField(source="sub_kegiatan.kegiatan.program.unit_kerja.kode", read_only=True)
    penyerapan = _hasil()
    capaian_keluaran = _hasil()
    satuan = serializers.CharField(
        read_only=True, help_text="Satuan keluaran (atau satuan pada sub kegiatan)."
    )
    bulanan = BulananSerializer(many=True, read_only=True)

    class Meta:
        model = AnggaranSubKegiatan
        fields = [
            "id",
            "sub_kegiatan",
            "sub_kegiatan_kode",
            "sub_kegiatan_nama",
            "unit_kerja",
            "unit_kode",
            "tahun",
            "jenis_belanja",
            "pagu",
            "realisasi",
            "penyerapan",
            "target_keluaran",
            "realisasi_keluaran",
            "satuan_keluaran",
            "satuan",
            "capaian_keluaran",
            "bulanan",
        ]
        read_only_fields = fields


class AnggaranUbahSerializer(serializers.Serializer):
    pagu = serializers.DecimalField(min_value=Decimal(0), **RUPIAH)
    realisasi = serializers.DecimalField(min_value=Decimal(0), **RUPIAH)
    jenis_belanja = serializers.ChoiceField(choices=JenisBelanja.choices, required=False)
    target_keluaran = serializers.DecimalField(required=False, allow_null=True, **ANGKA)
    realisasi_keluaran = serializers.DecimalField(required=False, allow_null=True, **ANGKA)
    satuan_keluaran = serializers.CharField(max_length=60, required=False, allow_blank=True)
    izinkan_lebih_pagu = serializers.BooleanField(
        default=False, help_text="Konfirmasi bila realisasi memang melebihi pagu."
    )
    catatan_lebih_pagu = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Catatan bila aturan pemda 'realisasi ≤ pagu' berupa peringatan dan realisasi melebihi pagu.",
    )


class AnggaranBaruSerializer(AnggaranUbahSerializer):
    sub_kegiatan = serializers.IntegerField(min_value=1, max_value=2**62)
    tahun = serializers.IntegerField(**TAHUN)


class IsianBulanSerializer(serializers.Serializer):
    bulan = serializers.IntegerField(min_value=1, max_value=12)
    realisasi = serializers.DecimalField(
        allow_null=True, min_value=Decimal(0), help_text="null menghapus bulan itu", **RUPIAH
    )


class BulananUbahSerializer(serializers.Serializer):
    bulanan = IsianBulanSerializer(many=True, max_length=12)
    izinkan_lebih_pagu = serializers.BooleanField(default=False)
    catatan_lebih_pagu = serializers.CharField(required=False, allow_blank=True, max_length=500)


# --- Survei (IKM) -------------------------------------------------------------------------------------------------------


class UnsurSerializer(serializers.Serializer):
    nomor = serializers.IntegerField()
    label = serializers.CharField()
    jumlah_nilai = serializers.IntegerField()
    jumlah_jawaban = serializers.IntegerField()
    nrr = _hasil()
    nrr_tertimbang = _hasil()


class HasilIKMSerializer(serializers.Serializer):
    bobot = serializers.CharField()
    nilai_bobot = _hasil()
    ikm = _hasil()
    ikm_dibulatkan = _hasil()
    ikm_unit = _hasil()
    ikm_unit_dibulatkan = _hasil()
    kode_mutu = serializers.CharField(help_text="A, B, C, D; kosong bila belum ada jawaban")
    kinerja = serializers.CharField()
    unsur = UnsurSerializer(many=True)


class SurveiSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit_kerja = serializers.IntegerField(source="unit_kerja_id")
    unit_kode = serializers.CharField(source="unit_kerja.kode")
    nama = serializers.CharField()
    tahun = serializers.IntegerField()
    periode = serializers.ChoiceField(choices=survei_models.Periode.choices)
    metode = serializers.CharField()
    bobot = serializers.CharField()
    indikator = serializers.IntegerField(source="indikator_id", allow_null=True)
    jumlah_respons = serializers.IntegerField()
    ikm = _hasil()
    ikm_unit = _hasil()
    ikm_unit_dibulatkan = _hasil()
    kode_mutu = serializers.CharField()
    kinerja = serializers.CharField()


class SurveiRinciSerializer(SurveiSerializer):
    eksak = HasilIKMSerializer(help_text="Bobot 1/jumlah unsur (rumus peraturan)")
    dibulatkan = HasilIKMSerializer(
        help_text="Bobot dibulatkan (0,111 / 0,071) seperti tercetak di banyak laporan"
    )


# --- Capaian --------------------------------------------------------------------------------------------------------------


class KategoriSerializer(serializers.Serializer):
    label = serializers.CharField()
    kode = serializers.CharField()
    warna = serializers.CharField()


class RollupSerializer(serializers.Serializer):
    nilai = _hasil()
    jumlah_dihitung = serializers.IntegerField()
    jumlah_kosong = serializers.IntegerField()
    keterangan = serializers.CharField(
        help_text="Metode rollup, kebijakan realisasi kosong dan batas capaian"
    )
    kategori = KategoriSerializer(allow_null=True)


class BarisCapaianSerializer(serializers.Serializer):
    indikator = serializers.IntegerField()
    kode = serializers.CharField()
    nama = serializers.CharField()
    satuan = serializers.CharField()
    target = _hasil()
    target_atas = _hasil()
    target_predikat = serializers.CharField()
    target_sumber = serializers.CharField(help_text="PK atau Renstra")
    realisasi = _hasil()
    realisasi_predikat = serializers.CharField()
    capaian = _hasil()
    capaian_ditampilkan = _hasil()
    kasus = serializers.CharField()
    keterangan = serializers.CharField()
    kategori = KategoriSerializer(allow_null=True)
    status = serializers.CharField()


class SasaranCapaianSerializer(serializers.Serializer):
    sasaran = serializers.IntegerField()
    kode = serializers.CharField()
    uraian = serializers.CharField()
    rollup = RollupSerializer()
    indikator = BarisCapaianSerializer(many=True)


class MonevSerializer(serializers.Serializer):
    """One quarter of an indicator's Rencana Aksi monev (figures at full precision)."""

    triwulan = serializers.IntegerField()
    target = _hasil()
    realisasi = _hasil()
    capaian = _hasil()
    target_kumulatif = _hasil()
    realisasi_kumulatif = _hasil()
    capaian_kumulatif = _hasil()
    deviasi = serializers.BooleanField(help_text="Capaian s.d. triwulan di bawah 90%")
    keterangan = serializers.CharField()
    bulan = serializers.SerializerMethodField(
        help_text="Indikator bulanan: realisasi tiap bulan triwulan ini (realisasi triwulan = bulan-bulannya "
        "digabung dengan aturan agregasi indikator); kosong untuk indikator lain"
    )

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "bulan": {"type": "string"},
                    "realisasi": {"type": "string", "nullable": True},
                },
            },
        }
    )
    def get_bulan(self, obj: object) -> list[dict[str, object]]:
        return [
            {"bulan": nama, "realisasi": None if nilai is None else str(nilai)}
            for nama, nilai in getattr(obj, "bulan", ())
        ]


class CapaianSerializer(serializers.Serializer):
    renstra = serializers.IntegerField()
    unit_kerja = serializers.IntegerField()
    tahun = serializers.IntegerField()
    unit = RollupSerializer()
    sasaran = SasaranCapaianSerializer(many=True)


# --- Token ------------------------------------------------------------------------------------------------------------------


class MasukSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"}, trim_whitespace=False)
    kode = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="Kode verifikasi (6 angka dari aplikasi autentikator, atau kode pemulihan): wajib bagi pengguna "
        "yang memakai verifikasi dua langkah.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


# --- Organisation and plan structure (issue #20): read-only -----------------------------------------------------------


class UnitKerjaSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitKerja
        fields = [
            "id",
            "pemda",
            "induk",
            "kode",
            "nama",
            "singkatan",
            "jenis",
            "eselon",
            "aktif",
            "ditutup_pada",
        ]
        read_only_fields = fields


class TujuanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tujuan
        fields = ["id", "renstra", "kode", "uraian", "urutan"]
        read_only_fields = fields


class SasaranSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sasaran
        fields = ["id", "renstra", "tujuan", "kode", "uraian", "strategi", "kebijakan", "urutan"]
        read_only_fields = fields


class SubKegiatanSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubKegiatan
        fields = ["id", "kode", "nama", "indikator_keluaran", "satuan_keluaran"]
        read_only_fields = fields


class KegiatanSerializer(serializers.ModelSerializer):
    sub_kegiatan = SubKegiatanSerializer(many=True, read_only=True)

    class Meta:
        model = Kegiatan
        fields = ["id", "kode", "nama", "sub_kegiatan"]
        read_only_fields = fields


class ProgramSerializer(serializers.ModelSerializer):
    kegiatan = KegiatanSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = ["id", "unit_kerja", "kode", "nama", "sasaran", "kegiatan"]
        read_only_fields = fields


class KodeNomenklaturSerializer(serializers.ModelSerializer):
    keputusan = serializers.CharField(source="versi.keputusan", read_only=True)

    class Meta:
        model = KodeNomenklatur
        fields = ["id", "keputusan", "jenis", "kode", "nama", "indikator", "satuan"]
        read_only_fields = fields


class CapaianUnitSerializer(serializers.Serializer):
    """One Renstra's unit capaian of a year, read from the kept capaian (the figures of the overview)."""

    id = serializers.IntegerField(help_text="id Renstra")
    nama = serializers.CharField()
    unit_kerja = serializers.IntegerField()
    nama_unit = serializers.CharField()
    pemda = serializers.CharField(help_text="Kode wilayah pemda")
    tahun = serializers.IntegerField()
    jumlah_sasaran = serializers.IntegerField()
    jumlah_indikator = serializers.IntegerField()
    unit = RollupSerializer()
