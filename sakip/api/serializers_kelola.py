"""Serializers of the admin pemda's accounts and roles, the programs' structure with writes, and the officials
(issue #20 point 5). Validation beyond the shapes is the services' (Indonesian messages, 400)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sakip.organisasi.models import Pejabat, Pengguna, Penugasan
from sakip.perencanaan.models import Kegiatan, Program, SubKegiatan


class PenugasanSerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="status_teks", read_only=True)

    class Meta:
        model = Penugasan
        fields = ["id", "pengguna", "peran", "pemda", "unit_kerja", "mulai", "selesai", "status"]
        read_only_fields = ["id", "status"]
        # The pairs (pengguna, peran, pemda, unit_kerja) are checked by the service (an open role is idempotent).
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        konteks = self.context
        for nama in ("pengguna", "pemda", "unit_kerja"):
            if nama in konteks.get("pilihan", {}):
                self.fields[nama].queryset = konteks["pilihan"][nama]


class PenggunaSerializer(serializers.ModelSerializer):
    nama_depan = serializers.CharField(source="first_name", max_length=150)
    nama_belakang = serializers.CharField(
        source="last_name", max_length=150, required=False, allow_blank=True
    )
    aktif = serializers.BooleanField(source="is_active", read_only=True)
    peran = serializers.SerializerMethodField()

    class Meta:
        model = Pengguna
        fields = [
            "id",
            "username",
            "nama_depan",
            "nama_belakang",
            "email",
            "nip",
            "jabatan",
            "aktif",
            "peran",
        ]
        read_only_fields = ["id", "aktif", "peran"]
        extra_kwargs = {"username": {"validators": []}}  # the service answers a taken name in Indonesian

    @extend_schema_field(PenugasanSerializer(many=True))
    def get_peran(self, obj: Pengguna) -> list[dict[str, Any]]:
        peran = getattr(obj, "peran_berlaku", None)
        if peran is None:
            peran = list(obj.penugasan.berlaku())
        return PenugasanSerializer(peran, many=True).data


class PenggunaBaruSerializer(PenggunaSerializer):
    sandi_sementara = serializers.CharField(
        read_only=True, help_text="Ditampilkan sekali; serahkan ke pengguna."
    )

    class Meta(PenggunaSerializer.Meta):
        fields = [*PenggunaSerializer.Meta.fields, "sandi_sementara"]


class CabutSerializer(serializers.Serializer):
    tanggal = serializers.DateField(required=False, help_text="Bawaan: hari ini (akses hilang seketika)")


class SubKegiatanTulisSerializer(serializers.ModelSerializer):
    target = serializers.DictField(
        child=serializers.DecimalField(max_digits=24, decimal_places=6, min_value=0, allow_null=True),
        required=False,
        write_only=True,
        help_text='Target keluaran per tahun, mis. {"2025": 4}; null menghapus target tahun itu',
    )
    target_keluaran = serializers.SerializerMethodField()

    class Meta:
        model = SubKegiatan
        fields = [
            "id",
            "kegiatan",
            "kode",
            "nama",
            "indikator_keluaran",
            "satuan_keluaran",
            "target",
            "target_keluaran",
        ]
        read_only_fields = ["id", "target_keluaran"]
        validators: list[Any] = []
        extra_kwargs = {
            "nama": {"required": False, "allow_blank": True, "help_text": "Kosong: nama pada nomenklatur"}
        }

    @extend_schema_field(
        serializers.DictField(child=serializers.DecimalField(max_digits=24, decimal_places=6))
    )
    def get_target_keluaran(self, obj: SubKegiatan) -> dict[str, str]:
        return {str(t.tahun): str(t.nilai) for t in obj.target_keluaran.all()}

    def validate_target(self, nilai: dict[str, Any]) -> dict[int, Any]:
        hasil = {}
        for tahun, angka in nilai.items():
            if not str(tahun).isdigit() or not 2000 <= int(tahun) <= 2100:
                raise serializers.ValidationError(f"Tahun '{tahun}' tidak sah.")
            hasil[int(tahun)] = angka
        return hasil


class KegiatanTulisSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kegiatan
        fields = ["id", "program", "kode", "nama"]
        read_only_fields = ["id"]
        validators: list[Any] = []
        extra_kwargs = {
            "nama": {"required": False, "allow_blank": True, "help_text": "Kosong: nama pada nomenklatur"}
        }


class ProgramTulisSerializer(serializers.ModelSerializer):
    renstra = serializers.IntegerField(
        required=False,
        write_only=True,
        help_text="Renstra yang nomenklaturnya dipakai memeriksa kode (bawaan: Renstra sasaran yang didukung)",
    )

    class Meta:
        model = Program
        fields = ["id", "unit_kerja", "kode", "nama", "sasaran", "renstra"]
        read_only_fields = ["id"]
        validators: list[Any] = []
        extra_kwargs = {"nama": {"required": False, "allow_blank": True}}


class PejabatSerializer(serializers.ModelSerializer):
    nama_jabatan = serializers.CharField(read_only=True)

    class Meta:
        model = Pejabat
        fields = [
            "id",
            "pemda",
            "unit_kerja",
            "nama",
            "nip",
            "jabatan",
            "pangkat_golongan",
            "sifat",
            "mulai",
            "selesai",
            "nama_jabatan",
        ]
        read_only_fields = ["id", "nama_jabatan"]
