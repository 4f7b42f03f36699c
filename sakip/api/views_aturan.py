"""REST endpoints of the pemda's own rules: every role of a pemda reads them, its admin pemda writes them, through
the same services as the settings pages (validation, audit trail)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sakip.api.dasar_pemda import DasarPemda
from sakip.api.views import GALAT, _bilangan
from sakip.lib import skala
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import Pemda
from sakip.pengukuran import services as pengukuran_services
from sakip.pengukuran.models import (
    AturanValidasi,
    PengaturanPengukuran,
    SkalaKategori,
    pengaturan_untuk,
    pita_sebagai_data,
)
from sakip.perencanaan import satuan as satuan_lib
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.models import Indikator, SatuanPemda

# --- serializers ----------------------------------------------------------------------------------------------------------


class PengaturanSerializer(serializers.ModelSerializer):
    berlaku_mulai = serializers.IntegerField(
        allow_null=True, help_text="Tahun mulai berlakunya; null: pengaturan bawaan (belum pernah diubah)"
    )
    keterangan_kosong = serializers.CharField(source="get_kebijakan_kosong_display", read_only=True)

    class Meta:
        model = PengaturanPengukuran
        fields = [
            "id",
            "pemda",
            "berlaku_mulai",
            "metode_rollup",
            "kebijakan_kosong",
            "keterangan_kosong",
            "batas_capaian",
            "skala_kategori",
            "skala_lampu",
            "hari_tenggat",
        ]


class PengaturanUbahSerializer(serializers.Serializer):
    pemda = serializers.IntegerField()
    tahun = serializers.IntegerField(help_text="Berlaku mulai tahun ini sampai perubahan berikutnya")
    metode_rollup = serializers.ChoiceField(choices=PengaturanPengukuran.Metode.choices)
    kebijakan_kosong = serializers.ChoiceField(choices=PengaturanPengukuran.Kosong.choices)
    batas_capaian = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True, required=False)
    skala_kategori = serializers.CharField(max_length=30)
    skala_lampu = serializers.CharField(max_length=30, default="lampu")
    hari_tenggat = serializers.IntegerField(min_value=0, max_value=365)


# --- helpers --------------------------------------------------------------------------------------------------------------


def pemda_tulis(request: Request, pk: int) -> Pemda:
    """A pemda the user may change the rules of: 404 without any role there, 403 without administering it."""
    return access.get_pemda_for_user(request.user, pk, write=True)


def _pemda_param() -> OpenApiParameter:
    return OpenApiParameter("pemda", int, description="Id pemda (bawaan: pemda pertama Anda)")


def pemda_query(request: Request) -> Pemda:
    pk = _bilangan(request, "pemda")
    pemda_qs = access.pemda_for_user(request.user)
    pemda = pemda_qs.filter(pk=pk).first() if pk is not None else pemda_qs.order_by("kode").first()
    if pemda is None:
        raise Http404("Pemda tidak ditemukan.")
    return pemda


class DasarAturan(DasarPemda):
    """Rows of the pemdas where the user holds a role; writes by that pemda's admin (checked per pemda)."""

    def get_queryset(self) -> QuerySet[Any]:
        qs = super().get_queryset()
        pemda = self.request.query_params.get("pemda") if self.action == "list" else None
        if pemda:
            qs = qs.filter(pemda_id=_bilangan(self.request, "pemda"))
        return qs


# --- measurement settings ----------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Pengaturan pengukuran per tahun berlaku",
        parameters=[_pemda_param()],
        responses={200: PengaturanSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu baris pengaturan", responses={200: PengaturanSerializer, 404: GALAT[404]}
    ),
)
class PengaturanPengukuranViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarAturan):
    model = PengaturanPengukuran
    serializer_class = PengaturanSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("pemda_id", "berlaku_mulai")

    @extend_schema(
        summary="Ubah pengaturan mulai suatu tahun (admin pemda)",
        request=PengaturanUbahSerializer,
        responses={201: PengaturanSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        data = PengaturanUbahSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        isian = dict(data.validated_data)
        pemda = pemda_tulis(request, isian.pop("pemda"))
        try:
            tahun = lib_tahun.parse(str(isian.pop("tahun")))
        except lib_tahun.TahunTidakSah as exc:
            raise exceptions.ValidationError({"tahun": [str(exc)]}) from None
        isian.setdefault("batas_capaian", None)
        atur = pengukuran_services.simpan_pengaturan(pemda=pemda, tahun=tahun, by=request.user, **isian)
        return Response(PengaturanSerializer(atur).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Pengaturan yang berlaku pada suatu tahun",
        parameters=[_pemda_param(), OpenApiParameter("tahun", int, required=True)],
        responses={200: PengaturanSerializer, **GALAT},
    )
    @action(detail=False, methods=["get"])
    def berlaku(self, request: Request) -> Response:
        pemda = pemda_query(request)
        tahun = _bilangan(request, "tahun", bawah=2000, atas=2100)
        if tahun is None:
            raise exceptions.ValidationError({"tahun": ["Tahun wajib diisi."]})
        atur = pengaturan_untuk(pemda.pk, tahun)
        hasil = PengaturanSerializer(atur).data
        if atur.pk is None:
            hasil["berlaku_mulai"] = None
        return Response(hasil)


# --- category scales -------------------------------------------------------------------------------------------------


class PitaSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=60)
    warna = serializers.CharField(max_length=7, help_text="#rrggbb")
    kode = serializers.CharField(max_length=20, required=False, allow_blank=True)
    bawah = serializers.DecimalField(
        max_digits=12,
        decimal_places=4,
        allow_null=True,
        required=False,
        default=None,
        help_text="null: tanpa batas",
    )
    bawah_inklusif = serializers.BooleanField(default=False)
    atas = serializers.DecimalField(
        max_digits=12,
        decimal_places=4,
        allow_null=True,
        required=False,
        default=None,
        help_text="null: tanpa batas",
    )
    atas_inklusif = serializers.BooleanField(default=False)


class SkalaSerializer(serializers.ModelSerializer):
    pita = PitaSerializer(many=True)

    class Meta:
        model = SkalaKategori
        fields = ["id", "pemda", "kode", "nama", "pita", "desimal_klasifikasi", "disalin_dari"]


class SkalaBuatSerializer(serializers.Serializer):
    pemda = serializers.IntegerField()
    kode = serializers.SlugField(max_length=30)
    nama = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    salin_dari = serializers.CharField(
        max_length=30, required=False, help_text="Kode skala bawaan atau skala pemda yang disalin"
    )
    pita = PitaSerializer(many=True, required=False)
    desimal_klasifikasi = serializers.IntegerField(min_value=0, max_value=6, default=2)


class SkalaUbahSerializer(serializers.Serializer):
    nama = serializers.CharField(max_length=200)
    pita = PitaSerializer(many=True)
    desimal_klasifikasi = serializers.IntegerField(min_value=0, max_value=6, default=2)


class BawaanSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    pita = PitaSerializer(many=True)


def _pita_data(pita: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**p, "bawah": p.get("bawah"), "atas": p.get("atas")} for p in pita]


@extend_schema_view(
    list=extend_schema(
        summary="Skala kategori milik pemda",
        parameters=[_pemda_param()],
        responses={200: SkalaSerializer(many=True)},
    ),
    retrieve=extend_schema(summary="Satu skala", responses={200: SkalaSerializer, 404: GALAT[404]}),
)
class SkalaKategoriViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarAturan):
    model = SkalaKategori
    serializer_class = SkalaSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("pemda_id", "nama")

    @extend_schema(
        summary="Buat skala (admin pemda): salinan templat/skala lain, atau dengan pitanya sendiri",
        request=SkalaBuatSerializer,
        responses={201: SkalaSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        data = SkalaBuatSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        pemda = pemda_tulis(request, v["pemda"])
        if v.get("salin_dari"):
            obj = pengukuran_services.salin_skala(
                pemda=pemda, by=request.user, sumber=v["salin_dari"], kode=v["kode"], nama=v["nama"]
            )
        else:
            obj = pengukuran_services.buat_skala(
                pemda=pemda,
                by=request.user,
                kode=v["kode"],
                nama=v["nama"],
                pita=_pita_data(v.get("pita", [])),
                desimal_klasifikasi=v["desimal_klasifikasi"],
            )
        return Response(SkalaSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ubah nama dan pita skala (admin pemda)",
        request=SkalaUbahSerializer,
        responses={200: SkalaSerializer, **GALAT},
    )
    def update(self, request: Request, pk: int) -> Response:
        obj = self.get_object()
        access.get_pemda_for_user(request.user, obj.pemda_id, write=True)
        data = SkalaUbahSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        obj = pengukuran_services.ubah_skala(
            skala_obj=obj,
            by=request.user,
            nama=v["nama"],
            pita=_pita_data(v["pita"]),
            desimal_klasifikasi=v["desimal_klasifikasi"],
        )
        return Response(SkalaSerializer(obj).data)

    @extend_schema(
        summary="Skala bawaan (templat untuk disalin)", responses={200: BawaanSerializer(many=True)}
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def bawaan(self, request: Request) -> Response:
        hasil = [
            {"kode": sk.kode, "nama": sk.nama, "pita": [pita_sebagai_data(p) for p in sk.pita]}
            for sk in skala.SKALA_BAWAAN.values()
        ]
        return Response(BawaanSerializer(hasil, many=True).data)


# --- validation rules --------------------------------------------------------------------------------------------------


class AturanSerializer(serializers.ModelSerializer):
    class Meta:
        model = AturanValidasi
        fields = ["id", "pemda", "indikator", "jenis", "nama", "parameter", "pesan", "tingkat", "aktif"]


class AturanTulisSerializer(serializers.Serializer):
    indikator = serializers.IntegerField(required=False, allow_null=True, default=None)
    jenis = serializers.ChoiceField(choices=AturanValidasi.Jenis.choices)
    nama = serializers.CharField(max_length=200)
    parameter = serializers.DictField(
        required=False,
        default=dict,
        help_text="rentang: {min, maks}; maks_target: {k}; perbandingan: {kiri, operator, kanan}",
    )
    pesan = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    tingkat = serializers.ChoiceField(choices=AturanValidasi.Tingkat.choices)
    aktif = serializers.BooleanField(default=True)


class AturanBaruSerializer(AturanTulisSerializer):
    pemda = serializers.IntegerField()


def _simpan_aturan(request: Request, pemda: Pemda, v: dict[str, Any], aturan: Any = None) -> AturanValidasi:
    indikator = None
    if v.get("indikator") is not None:
        indikator = Indikator.objects.filter(pk=v["indikator"], renstra__unit_kerja__pemda=pemda).first()
        if indikator is None:
            raise exceptions.ValidationError({"indikator": ["Indikator tidak ditemukan pada pemda ini."]})
    return pengukuran_services.simpan_aturan(
        pemda=pemda,
        by=request.user,
        jenis=v["jenis"],
        nama=v["nama"],
        tingkat=v["tingkat"],
        parameter=v.get("parameter") or {},
        indikator=indikator,
        pesan=v.get("pesan", ""),
        aktif=v.get("aktif", True),
        aturan=aturan,
    )


@extend_schema_view(
    list=extend_schema(
        summary="Aturan validasi pemda",
        parameters=[_pemda_param()],
        responses={200: AturanSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu aturan validasi", responses={200: AturanSerializer, 404: GALAT[404]}
    ),
)
class AturanValidasiViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarAturan):
    model = AturanValidasi
    serializer_class = AturanSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("pemda_id", "jenis", "pk")

    @extend_schema(
        summary="Tambah aturan validasi (admin pemda)",
        request=AturanBaruSerializer,
        responses={201: AturanSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        data = AturanBaruSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        pemda = pemda_tulis(request, v.pop("pemda"))
        return Response(
            AturanSerializer(_simpan_aturan(request, pemda, v)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Ubah aturan validasi (admin pemda)",
        request=AturanTulisSerializer,
        responses={200: AturanSerializer, **GALAT},
    )
    def update(self, request: Request, pk: int) -> Response:
        obj = self.get_object()
        pemda = pemda_tulis(request, obj.pemda_id)
        data = AturanTulisSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(AturanSerializer(_simpan_aturan(request, pemda, dict(data.validated_data), obj)).data)


# --- units of measure (satuan) --------------------------------------------------------------------------------------


class SatuanSerializer(serializers.ModelSerializer):
    class Meta:
        model = SatuanPemda
        fields = ["id", "pemda", "nama", "jenis", "keterangan"]


class SatuanBaruSerializer(serializers.Serializer):
    pemda = serializers.IntegerField()
    nama = serializers.CharField(max_length=60)
    jenis = serializers.ChoiceField(choices=SatuanPemda.Jenis.choices)
    keterangan = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(
        summary="Satuan milik pemda (selain satuan bawaan)",
        parameters=[_pemda_param()],
        responses={200: SatuanSerializer(many=True)},
    ),
    retrieve=extend_schema(summary="Satu satuan", responses={200: SatuanSerializer, 404: GALAT[404]}),
)
class SatuanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarAturan):
    model = SatuanPemda
    serializer_class = SatuanSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("pemda_id", "nama")

    @extend_schema(
        summary="Tambah satuan (admin pemda)",
        request=SatuanBaruSerializer,
        responses={201: SatuanSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        data = SatuanBaruSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        pemda = pemda_tulis(request, v.pop("pemda"))
        obj = perencanaan_services.tambah_satuan(pemda=pemda, by=request.user, **v)
        return Response(SatuanSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Satuan bawaan", responses={200: {"type": "array", "items": {"type": "string"}}})
    @action(detail=False, methods=["get"], pagination_class=None)
    def bawaan(self, request: Request) -> Response:
        return Response(list(satuan_lib.SATUAN))
