"""REST endpoints of the RPJMD (issue #25): every role of a pemda reads its RPJMD, its admin pemda writes it; cascade
links and individual PK follow the unit they belong to. Writes call `rpjmd.services`, as the pages do."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sakip.api.dasar_pemda import DasarPemda
from sakip.api.views import GALAT, HakTulis, _bilangan
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.perencanaan.models import Indikator, Sasaran
from sakip.rpjmd import queries, services
from sakip.rpjmd.models import (
    Dukungan,
    IndikatorDaerah,
    IndikatorIndividu,
    Misi,
    PKIndividu,
    PKKepalaDaerah,
    PKKepalaDaerahIndikator,
    Rpjmd,
    SasaranDaerah,
    TujuanDaerah,
)

# --- serializers ----------------------------------------------------------------------------------------------------------


class RpjmdSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rpjmd
        fields = [
            "id",
            "pemda",
            "nama",
            "tahun_mulai",
            "tahun_selesai",
            "kepala_daerah",
            "dasar_hukum",
            "visi",
            "versi",
        ]
        read_only_fields = ["versi"]
        validators: list[Any] = []  # the service says it in Indonesian ("Pemda ini sudah memiliki RPJMD …")


class RpjmdUbahSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rpjmd
        fields = ["nama", "tahun_mulai", "tahun_selesai", "kepala_daerah", "dasar_hukum", "visi"]


class MisiDaerahSerializer(serializers.ModelSerializer):
    class Meta:
        model = Misi
        fields = ["id", "rpjmd", "kode", "uraian", "urutan"]
        validators: list[Any] = []  # the service's Indonesian message on a duplicate kode


class TujuanDaerahSerializer(serializers.ModelSerializer):
    class Meta:
        model = TujuanDaerah
        fields = ["id", "rpjmd", "misi", "kode", "uraian", "urutan"]
        validators: list[Any] = []  # the service's Indonesian message on a duplicate kode


class SasaranDaerahSerializer(serializers.ModelSerializer):
    class Meta:
        model = SasaranDaerah
        fields = [
            "id",
            "rpjmd",
            "tujuan",
            "kode",
            "uraian",
            "strategi",
            "arah_kebijakan",
            "penanggung_jawab",
            "urutan",
        ]
        validators: list[Any] = []  # the service's Indonesian message on a duplicate kode


class TargetDaerahSerializer(serializers.Serializer):
    tahun = serializers.IntegerField(min_value=2000, max_value=2100)
    target = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True, required=False)
    realisasi = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True, required=False)
    target_predikat = serializers.CharField(
        max_length=30, allow_blank=True, required=False, help_text="Indikator predikat: tingkatan skala"
    )
    realisasi_predikat = serializers.CharField(max_length=30, allow_blank=True, required=False)


class IndikatorDaerahSerializer(serializers.ModelSerializer):
    target = TargetDaerahSerializer(many=True, required=False, help_text="Target dan realisasi per tahun")

    class Meta:
        model = IndikatorDaerah
        fields = [
            "id",
            "rpjmd",
            "tujuan",
            "sasaran",
            "kode",
            "nama",
            "satuan",
            "jenis",
            "skala_predikat",
            "polaritas",
            "is_iku",
            "kondisi_awal",
            "kondisi_akhir",
            "kondisi_awal_teks",
            "kondisi_akhir_teks",
            "definisi",
            "urutan",
            "target",
        ]
        extra_kwargs = {
            "skala_predikat": {"help_text": "Indikator predikat: tingkatan dari terendah ke tertinggi"}
        }
        validators: list[Any] = []  # the service's Indonesian message on a duplicate kode


class DukunganSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dukungan
        fields = ["id", "renstra", "sasaran", "indikator", "sasaran_daerah", "indikator_daerah"]
        read_only_fields = ["renstra"]


class IndikatorIndividuSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndikatorIndividu
        fields = ["id", "nama", "satuan", "polaritas", "target", "realisasi", "mendukung", "urutan"]


class PKIndividuSerializer(serializers.ModelSerializer):
    indikator = IndikatorIndividuSerializer(many=True, read_only=True)

    class Meta:
        model = PKIndividu
        fields = [
            "id",
            "unit_kerja",
            "tahun",
            "nama",
            "nip",
            "jabatan",
            "status_jabatan",
            "atasan_nama",
            "atasan_jabatan",
            "indikator",
        ]


class SimpulAnakField(serializers.ListField):
    """The children of a node, each in the node's own shape."""

    child = serializers.DictField()

    def to_representation(self, data: Any) -> list[Any]:
        return [SimpulSerializer(a).data for a in data]


class SimpulSerializer(serializers.Serializer):
    jenis = serializers.CharField()
    label = serializers.CharField()
    keterangan = serializers.CharField()
    unit = serializers.CharField()
    capaian = serializers.DecimalField(max_digits=30, decimal_places=10, allow_null=True)
    kategori = serializers.CharField(source="kategori.label", allow_null=True, default=None)
    warna = serializers.CharField()
    target = serializers.CharField()
    realisasi = serializers.CharField()
    anak = SimpulAnakField(help_text="Simpul anak (bentuk yang sama)")


# --- the RPJMD and its parts ----------------------------------------------------------------------------------------------


def _rpjmd_tulis(request: Request, rpjmd: Rpjmd) -> Rpjmd:
    access.get_pemda_for_user(request.user, rpjmd.pemda_id, write=True)
    return rpjmd


class DasarRpjmd(DasarPemda):
    """Rows of the RPJMD of the pemdas where the user holds a role; writes by that pemda's admin."""

    jalur_pemda = "rpjmd__pemda"

    def get_queryset(self) -> QuerySet[Any]:
        qs = super().get_queryset()
        if self.action == "list" and self.jalur_pemda != "pemda":
            rpjmd = _bilangan(self.request, "rpjmd")
            if rpjmd is not None:
                qs = qs.filter(rpjmd_id=rpjmd)
        return qs.order_by("pk")

    def _rpjmd_dari(self, request: Request) -> Rpjmd:
        pk = request.data.get("rpjmd")
        rpjmd = Rpjmd.objects.filter(
            pemda__in=access.pemda_for_user(request.user), pk=pk if str(pk).isdigit() else 0
        ).first()
        if rpjmd is None:
            from django.http import Http404

            raise Http404("RPJMD tidak ditemukan.")
        return _rpjmd_tulis(request, rpjmd)


_RPJMD_PARAM = OpenApiParameter("rpjmd", int, description="Hanya bagian RPJMD ini")


@extend_schema_view(
    list=extend_schema(summary="Daftar RPJMD pemda Anda", responses={200: RpjmdSerializer(many=True)}),
    retrieve=extend_schema(
        summary="Satu RPJMD beserta isinya", responses={200: RpjmdSerializer, 404: GALAT[404]}
    ),
)
class RpjmdViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarRpjmd):
    model = Rpjmd
    serializer_class = RpjmdSerializer
    jalur_pemda = "pemda"

    def retrieve(self, request: Request, pk: int) -> Response:
        rpjmd = self.get_object()
        return Response({**RpjmdSerializer(rpjmd).data, "isi": services.isi_rpjmd(rpjmd)})

    @extend_schema(
        summary="Buat RPJMD (admin pemda)", request=RpjmdSerializer, responses={201: RpjmdSerializer, **GALAT}
    )
    def create(self, request: Request) -> Response:
        data = RpjmdSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        pemda = access.get_pemda_for_user(request.user, v.pop("pemda").pk, write=True)
        obj = services.simpan_rpjmd(pemda=pemda, by=request.user, **v)
        return Response(RpjmdSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ubah RPJMD (admin pemda)",
        request=RpjmdUbahSerializer,
        responses={200: RpjmdSerializer, **GALAT},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        rpjmd = _rpjmd_tulis(request, self.get_object())
        data = RpjmdUbahSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        obj = services.simpan_rpjmd(pemda=rpjmd.pemda, by=request.user, rpjmd=rpjmd, **data.validated_data)
        return Response(RpjmdSerializer(obj).data)

    @extend_schema(
        summary="Pohon kinerja dengan capaian tiap simpul",
        parameters=[
            OpenApiParameter("tahun", int, description="Tahun capaian (bawaan: tahun terakhir yang berdata)")
        ],
        responses={200: SimpulSerializer, 400: GALAT[400], 404: GALAT[404]},
    )
    @action(detail=True, methods=["get"])
    def pohon(self, request: Request, pk: int) -> Response:
        rpjmd = self.get_object()
        tahun = _bilangan(request, "tahun", bawah=lib_tahun.MIN, atas=lib_tahun.MAKS) or queries.tahun_bawaan(
            rpjmd
        )
        data = queries.pohon_kinerja(rpjmd, tahun, request.user)
        return Response(
            {"tahun": tahun, "keterangan": data.keterangan_rollup, "akar": SimpulSerializer(data.akar).data}
        )

    @extend_schema(
        summary="Peringatan cascading (indikator yatim)",
        responses={
            200: {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object"}}}
        },
    )
    @action(detail=True, methods=["get"])
    def yatim(self, request: Request, pk: int) -> Response:
        y = queries.yatim(self.get_object(), request.user)
        return Response(
            {
                "indikator_daerah": [
                    {"id": i.pk, "kode": i.kode, "nama": i.nama} for i in y.indikator_daerah
                ],
                "indikator_pd": [
                    {"id": i.pk, "kode": i.kode, "nama": i.nama, "unit_kerja": i.renstra.unit_kerja_id}
                    for i in y.indikator_pd
                ],
                "indikator_individu": [
                    {"id": i.pk, "nama": i.nama, "pk_individu": i.pk_individu_id} for i in y.indikator_orang
                ],
            }
        )


def _bagian_viewset(model_: Any, serializer: Any, simpan: Any, nama: str, judul: str) -> type[DasarRpjmd]:
    """List, read, create and change one kind of RPJMD part (misi, tujuan, sasaran) through its service."""

    @extend_schema_view(
        list=extend_schema(
            summary=f"Daftar {judul}", parameters=[_RPJMD_PARAM], responses={200: serializer(many=True)}
        ),
        retrieve=extend_schema(summary=f"Satu {judul}", responses={200: serializer, 404: GALAT[404]}),
    )
    class Bagian(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarRpjmd):
        model = model_
        serializer_class = serializer

        @extend_schema(
            summary=f"Tambah {judul} (admin pemda)", request=serializer, responses={201: serializer, **GALAT}
        )
        def create(self, request: Request) -> Response:
            rpjmd = self._rpjmd_dari(request)
            data = serializer(data=request.data)
            data.is_valid(raise_exception=True)
            v = {k: val for k, val in data.validated_data.items() if k != "rpjmd"}
            obj = simpan(rpjmd=rpjmd, by=request.user, **v)
            return Response(serializer(obj).data, status=status.HTTP_201_CREATED)

        @extend_schema(
            summary=f"Ubah {judul} (admin pemda)", request=serializer, responses={200: serializer, **GALAT}
        )
        def partial_update(self, request: Request, pk: int) -> Response:
            obj = self.get_object()
            rpjmd = _rpjmd_tulis(request, obj.rpjmd)
            data = serializer(obj, data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            v = {k: val for k, val in data.validated_data.items() if k != "rpjmd"}
            obj = simpan(rpjmd=rpjmd, by=request.user, **{nama: obj}, **v)
            return Response(serializer(obj).data)

    Bagian.__name__ = Bagian.__qualname__ = f"{model_.__name__}ViewSet"
    return Bagian


MisiViewSet = _bagian_viewset(Misi, MisiDaerahSerializer, services.simpan_misi, "misi", "misi")
TujuanDaerahViewSet = _bagian_viewset(
    TujuanDaerah, TujuanDaerahSerializer, services.simpan_tujuan, "tujuan", "tujuan daerah"
)
SasaranDaerahViewSet = _bagian_viewset(
    SasaranDaerah, SasaranDaerahSerializer, services.simpan_sasaran, "sasaran", "sasaran daerah"
)


def _target(data: list[dict[str, Any]]) -> dict[int, tuple[Any, Any]]:
    """Per year (target, realisasi): the predikat text when given, else the number (the service checks the kind)."""
    hasil: dict[int, tuple[Any, Any]] = {}
    for t in data:
        if t.get("target") is not None and t.get("target_predikat"):
            raise exceptions.ValidationError(
                {"target": [f"Tahun {t['tahun']}: isi target angka atau target predikat, bukan keduanya."]}
            )
        hasil[t["tahun"]] = (
            t.get("target_predikat") or t.get("target"),
            t.get("realisasi_predikat") or t.get("realisasi"),
        )
    return hasil


def _target_data(t: Any) -> dict[str, Any]:
    return {
        "tahun": t.tahun,
        "target": t.target,
        "realisasi": t.realisasi,
        "target_predikat": t.target_predikat,
        "realisasi_predikat": t.realisasi_predikat,
    }


def _indikator_data(obj: IndikatorDaerah) -> dict[str, Any]:
    data = dict(IndikatorDaerahSerializer(obj).data)
    data["target"] = [_target_data(t) for t in obj.target.order_by("tahun")]
    return data


@extend_schema_view(
    list=extend_schema(
        summary="Daftar indikator daerah (IKU Pemda ditandai)",
        parameters=[_RPJMD_PARAM],
        responses={200: IndikatorDaerahSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu indikator daerah", responses={200: IndikatorDaerahSerializer, 404: GALAT[404]}
    ),
)
class IndikatorDaerahViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarRpjmd):
    model = IndikatorDaerah
    serializer_class = IndikatorDaerahSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("target")

    @extend_schema(
        summary="Tambah indikator daerah dengan target per tahun (admin pemda)",
        request=IndikatorDaerahSerializer,
        responses={201: IndikatorDaerahSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        rpjmd = self._rpjmd_dari(request)
        data = IndikatorDaerahSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = {k: val for k, val in data.validated_data.items() if k != "rpjmd"}
        target = _target(v.pop("target", []))
        obj = services.simpan_indikator(rpjmd=rpjmd, by=request.user, target=target, **v)
        return Response(_indikator_data(obj), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ubah indikator daerah dan targetnya (admin pemda)",
        request=IndikatorDaerahSerializer,
        responses={200: IndikatorDaerahSerializer, **GALAT},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        obj = self.get_object()
        rpjmd = _rpjmd_tulis(request, obj.rpjmd)
        data = IndikatorDaerahSerializer(obj, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        v = {k: val for k, val in data.validated_data.items() if k != "rpjmd"}
        target = _target(v.pop("target", []))
        obj = services.simpan_indikator(rpjmd=rpjmd, by=request.user, indikator=obj, target=target, **v)
        return Response(_indikator_data(obj))


# --- cascade and individual PK --------------------------------------------------------------------------------------------


class DasarUnit(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated, HakTulis]
    lookup_value_converter = "int"
    unit_path = "unit_kerja"
    model: Any = None

    def get_queryset(self) -> QuerySet[Any]:
        return self.model.objects.filter(access.unit_filter(self.request.user, path=self.unit_path)).order_by(
            "pk"
        )

    def get_object(self) -> Any:
        write = self.request.method not in permissions.SAFE_METHODS
        return access.get_for_user(
            self.model.objects.all(),
            self.request.user,
            unit_path=self.unit_path,
            write=write,
            pk=self.kwargs["pk"],
        )


@extend_schema_view(
    list=extend_schema(
        summary="Dukungan Renstra PD terhadap RPJMD", responses={200: DukunganSerializer(many=True)}
    ),
    retrieve=extend_schema(summary="Satu dukungan", responses={200: DukunganSerializer, 404: GALAT[404]}),
    destroy=extend_schema(summary="Lepas dukungan (penulis unit)", responses={204: None, **GALAT}),
)
class DukunganViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, DasarUnit):
    model = Dukungan
    serializer_class = DukunganSerializer
    unit_path = "renstra__unit_kerja"

    @extend_schema(
        summary="Catat dukungan: sasaran/indikator PD mendukung sasaran/indikator RPJMD (penulis unit PD)",
        request=DukunganSerializer,
        responses={201: DukunganSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        data = DukunganSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        sumber: Any = v.get("indikator") or v.get("sasaran")
        if sumber is not None:
            model = Indikator if v.get("indikator") else Sasaran
            access.get_for_user(
                model.objects.all(), request.user, unit_path="renstra__unit_kerja", write=True, pk=sumber.pk
            )
        tujuan: Any = v.get("indikator_daerah") or v.get("sasaran_daerah")
        if tujuan is not None:
            access.get_pemda_for_user(request.user, tujuan.rpjmd.pemda_id)
        obj = services.tambah_dukungan(
            by=request.user,
            indikator=v.get("indikator"),
            sasaran=v.get("sasaran"),
            indikator_daerah=v.get("indikator_daerah"),
            sasaran_daerah=v.get("sasaran_daerah"),
        )
        return Response(DukunganSerializer(obj).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: Dukungan) -> None:
        services.hapus_dukungan(dukungan=instance, by=self.request.user)


class PKIndividuBaruSerializer(serializers.ModelSerializer):
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
        validators: list[Any] = []  # the service's Indonesian message on a duplicate PK


@extend_schema_view(
    list=extend_schema(
        summary="PK individu yang dapat Anda lihat",
        parameters=[OpenApiParameter("tahun", int, description="Tahun PK")],
        responses={200: PKIndividuSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu PK individu", responses={200: PKIndividuSerializer, 404: GALAT[404]}
    ),
)
class PKIndividuViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarUnit):
    model = PKIndividu
    serializer_class = PKIndividuSerializer

    def get_queryset(self) -> QuerySet[Any]:
        qs = super().get_queryset().prefetch_related("indikator")
        tahun = _bilangan(self.request, "tahun", bawah=lib_tahun.MIN, atas=lib_tahun.MAKS)
        return qs.filter(tahun=tahun) if tahun else qs

    @extend_schema(
        summary="Buat PK individu (penulis unit)",
        request=PKIndividuBaruSerializer,
        responses={201: PKIndividuSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        data = PKIndividuBaruSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        unit = access.get_for_user(
            UnitKerja.objects.all(), request.user, unit_path="", write=True, pk=v.pop("unit_kerja").pk
        )
        obj = services.simpan_pk_individu(unit_kerja=unit, by=request.user, **v)
        return Response(PKIndividuSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tambah indikator PK individu (penulis unit)",
        request=IndikatorIndividuSerializer,
        responses={201: IndikatorIndividuSerializer, **GALAT},
    )
    @action(detail=True, methods=["post"])
    def indikator(self, request: Request, pk: int) -> Response:
        pk_individu = self.get_object()
        data = IndikatorIndividuSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        obj = services.simpan_indikator_individu(
            pk_individu=pk_individu, by=request.user, **data.validated_data
        )
        return Response(IndikatorIndividuSerializer(obj).data, status=status.HTTP_201_CREATED)


# --- PK of the kepala daerah ------------------------------------------------------------------------------------------------


class PKKepalaDaerahIndikatorSerializer(serializers.ModelSerializer):
    kode = serializers.CharField(source="indikator_daerah.kode", read_only=True)
    nama = serializers.CharField(source="indikator_daerah.nama", read_only=True)
    satuan = serializers.CharField(source="indikator_daerah.satuan", read_only=True)
    jenis = serializers.CharField(source="indikator_daerah.jenis", read_only=True)

    class Meta:
        model = PKKepalaDaerahIndikator
        fields = [
            "id",
            "indikator_daerah",
            "kode",
            "nama",
            "satuan",
            "jenis",
            "target",
            "target_predikat",
            "urutan",
        ]
        read_only_fields = fields


class PKKepalaDaerahSerializer(serializers.ModelSerializer):
    indikator = PKKepalaDaerahIndikatorSerializer(
        many=True, read_only=True, help_text="IKU Pemda dan targetnya"
    )

    class Meta:
        model = PKKepalaDaerah
        fields = [
            "id",
            "rpjmd",
            "tahun",
            "status",
            "nama",
            "jabatan",
            "status_jabatan",
            "tempat",
            "tanggal",
            "indikator",
        ]
        read_only_fields = ["status"]


class PKKepalaDaerahBaruSerializer(serializers.ModelSerializer):
    class Meta:
        model = PKKepalaDaerah
        fields = ["rpjmd", "tahun", "nama", "jabatan", "status_jabatan", "tempat", "tanggal"]
        validators: list[Any] = []  # the service says it in Indonesian ("PK … tahun … sudah ada")


class TargetPKSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id baris PK (indikator[].id)")
    target = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True, required=False)
    target_predikat = serializers.CharField(
        max_length=30, allow_blank=True, required=False, help_text="IKU predikat: tingkatan skala"
    )


class PKKepalaDaerahUbahSerializer(serializers.ModelSerializer):
    indikator = TargetPKSerializer(many=True, required=False, help_text="Target baris yang diubah")

    class Meta:
        model = PKKepalaDaerah
        fields = ["nama", "jabatan", "status_jabatan", "tempat", "tanggal", "indikator"]


@extend_schema_view(
    list=extend_schema(
        summary="PK kepala daerah pada pemda Anda",
        parameters=[_RPJMD_PARAM, OpenApiParameter("tahun", int, description="Tahun PK")],
        responses={200: PKKepalaDaerahSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Satu PK kepala daerah dengan IKU Pemda dan targetnya",
        responses={200: PKKepalaDaerahSerializer, 404: GALAT[404]},
    ),
)
class PKKepalaDaerahViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DasarRpjmd):
    """Every role of the pemda reads its kepala daerah's PK; its admin pemda creates and changes a draft and
    finalises it (then it is kept as signed)."""

    model = PKKepalaDaerah
    serializer_class = PKKepalaDaerahSerializer

    def get_queryset(self) -> QuerySet[Any]:
        qs = super().get_queryset().prefetch_related("indikator__indikator_daerah")
        tahun = _bilangan(self.request, "tahun", bawah=lib_tahun.MIN, atas=lib_tahun.MAKS)
        return qs.filter(tahun=tahun) if self.action == "list" and tahun else qs

    @extend_schema(
        summary="Buat PK kepala daerah dari IKU Pemda dengan target RPJMD tahun itu (admin pemda)",
        request=PKKepalaDaerahBaruSerializer,
        responses={201: PKKepalaDaerahSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        rpjmd = self._rpjmd_dari(request)
        data = PKKepalaDaerahBaruSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = {k: val for k, val in data.validated_data.items() if k != "rpjmd"}
        obj = services.buat_pk_kepala_daerah(rpjmd=rpjmd, tahun=v.pop("tahun"), by=request.user, **v)
        return Response(PKKepalaDaerahSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ubah penanda tangan dan target PK yang masih draf (admin pemda)",
        request=PKKepalaDaerahUbahSerializer,
        responses={200: PKKepalaDaerahSerializer, **GALAT},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        obj = self.get_object()
        _rpjmd_tulis(request, obj.rpjmd)
        data = PKKepalaDaerahUbahSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        target: dict[int, Any] = {}
        for baris in v.pop("indikator", []):
            if baris.get("target") is not None and baris.get("target_predikat"):
                raise exceptions.ValidationError(
                    {
                        "indikator": [
                            f"Baris {baris['id']}: isi target angka atau target predikat, bukan keduanya."
                        ]
                    }
                )
            target[baris["id"]] = baris.get("target_predikat") or baris.get("target")
        obj = services.ubah_pk_kepala_daerah(pk=obj, by=request.user, target=target, **v)
        return Response(PKKepalaDaerahSerializer(self.get_queryset().get(pk=obj.pk)).data)

    @extend_schema(
        summary="Finalkan PK kepala daerah (admin pemda): butuh nama dan semua target",
        request=None,
        responses={200: PKKepalaDaerahSerializer, **GALAT},
    )
    @action(detail=True, methods=["post"])
    def finalkan(self, request: Request, pk: int) -> Response:
        obj = self.get_object()
        _rpjmd_tulis(request, obj.rpjmd)
        obj = services.finalkan_pk_kepala_daerah(pk=obj, by=request.user)
        return Response(PKKepalaDaerahSerializer(self.get_queryset().get(pk=obj.pk)).data)


__all__ = [
    "DukunganViewSet",
    "IndikatorDaerahViewSet",
    "MisiViewSet",
    "PKIndividuViewSet",
    "PKKepalaDaerahViewSet",
    "RpjmdViewSet",
    "SasaranDaerahViewSet",
    "TujuanDaerahViewSet",
]
