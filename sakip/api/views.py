"""REST endpoints: the pages' recipe (access check through organisasi.access → validate → service or query →
respond), answered in JSON.

Lists start from the user's scope (`access.unit_filter`), single objects come from `access.get_for_user` (404
outside the scope, 403 for a read-only role writing), and every write calls the same service as the page, so
validation, year locks, optimistic locking and the audit trail are identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from sakip.anggaran import services as anggaran_services
from sakip.anggaran.models import AnggaranSubKegiatan
from sakip.api import serializers as s
from sakip.api.errors import Konflik
from sakip.lib import rumus
from sakip.organisasi import access
from sakip.organisasi.models import UnitKerja
from sakip.pengukuran import berkas, kini, queries
from sakip.pengukuran import services as pengukuran_services
from sakip.pengukuran.models import DataDukung, Periode, Realisasi
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.models import (
    Indikator,
    KodeNomenklatur,
    Program,
    RencanaStrategis,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from sakip.survei import queries as survei_queries
from sakip.survei.models import Survei

GALAT = {
    400: OpenApiResponse(description="Data tidak valid (pesan per isian)"),
    403: OpenApiResponse(description="Hak baca saja, atau bukan verifikator unit ini"),
    404: OpenApiResponse(description="Tidak ada, atau di luar cakupan Anda"),
}
KONFLIK = {409: OpenApiResponse(description="Sudah diubah pengguna lain sejak versi yang Anda baca")}


def _angka_param(nama: str, keterangan: str) -> OpenApiParameter:
    return OpenApiParameter(nama, {"type": "integer", "minimum": 1}, description=keterangan)


def _tahun_param(keterangan: str = "Tahun") -> OpenApiParameter:
    return OpenApiParameter(
        "tahun", {"type": "integer", "minimum": 2000, "maximum": 2100}, description=keterangan
    )


@contextmanager
def sekaligus() -> Iterator[None]:
    """Two clients creating the same row at the same moment: the services check uniqueness first, but only the
    database can settle a tie; the loser gets the 409 of a stale page rather than a server error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise Konflik("Data yang sama baru saja disimpan pengguna lain; muat ulang lalu coba lagi.") from None


def galat(isian: str, pesan: str) -> exceptions.ValidationError:
    """A 400 naming the field, shaped like the serializers' own errors."""
    return exceptions.ValidationError({isian: [pesan]})


def _bilangan(request: Request, nama: str, *, bawah: int = 1, atas: int = 2**62) -> int | None:
    """An optional integer query parameter; a malformed one is a 400 naming it, not a silently empty list."""
    teks = request.query_params.get(nama)
    if teks is None or teks == "":
        return None
    try:
        nilai = int(teks)
    except ValueError:
        raise galat(nama, "Harus berupa bilangan bulat.") from None
    if not bawah <= nilai <= atas:
        raise galat(nama, f"Harus di antara {bawah} dan {atas}.")
    return nilai


class HakTulis(permissions.BasePermission):
    """Writing needs a writer's role somewhere (admin pemda, operator); a read-only role gets 403.

    Verification actions are open to verifiers too (pimpinan verify their unit's realisasi); whether the user may
    verify this very unit is decided by the service."""

    message = "Anda hanya memiliki hak baca."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if access.can_edit_any(request.user):
            return True
        return getattr(view, "action", None) in getattr(view, "aksi_verifikasi", ()) and bool(
            access.scope_of(request.user).jalur_verifikasi
        )


class Dasar(viewsets.GenericViewSet):
    """Common plumbing: integer ids in the URL, scope-filtered lists, objects through access.get_for_user."""

    permission_classes = [permissions.IsAuthenticated, HakTulis]
    lookup_value_converter = "int"
    unit_path = "unit_kerja"
    aksi_verifikasi: tuple[str, ...] = ()

    def basis(self) -> QuerySet[Any]:
        raise NotImplementedError

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        """The list's query parameters."""
        return qs

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.basis().filter(access.unit_filter(self.request.user, path=self.unit_path))
        return self.saring(qs) if self.action == "list" else qs

    def objek(self, *, write: bool = False) -> Any:
        return access.get_for_user(
            self.basis(), self.request.user, unit_path=self.unit_path, write=write, pk=self.kwargs["pk"]
        )

    def get_object(self) -> Any:
        return self.objek(write=self.request.method not in permissions.SAFE_METHODS)

    def daftar(self, qs: QuerySet[Any] | list[Any], serializer_class: type[BaseSerializer]) -> Response:
        halaman = self.paginate_queryset(qs)
        return self.get_paginated_response(
            serializer_class(halaman, many=True, context=self.get_serializer_context()).data
        )


# --- Renstra and capaian -------------------------------------------------------------------------------------------------


def _kategori(pita: Any) -> dict[str, str] | None:
    return None if pita is None else {"label": pita.label, "kode": pita.kode, "warna": pita.warna}


def _rollup(hasil: Any, pita: Any) -> dict[str, Any]:
    return {
        "nilai": hasil.nilai,
        "jumlah_dihitung": hasil.jumlah_dihitung,
        "jumlah_kosong": hasil.jumlah_kosong,
        "keterangan": hasil.keterangan,
        "kategori": _kategori(pita),
    }


def capaian_sebagai_data(tabel: queries.TabelCapaian) -> dict[str, Any]:
    """The dashboard's table (pengukuran.queries.tabel_capaian) as plain data: indicator → sasaran → unit."""
    return {
        "renstra": tabel.renstra.pk,
        "unit_kerja": tabel.renstra.unit_kerja_id,
        "tahun": tabel.tahun,
        "unit": _rollup(tabel.unit, tabel.kategori_unit),
        "sasaran": [
            {
                "sasaran": sc.sasaran.pk,
                "kode": sc.sasaran.kode,
                "uraian": sc.sasaran.uraian,
                "rollup": _rollup(sc.rollup, sc.kategori),
                "indikator": [
                    {
                        "indikator": b.indikator.pk,
                        "kode": b.indikator.kode,
                        "nama": b.indikator.nama,
                        "satuan": b.indikator.satuan,
                        "target": b.target.nilai,
                        "target_atas": b.target.nilai_atas,
                        "target_predikat": b.target.predikat,
                        "target_sumber": b.target.sumber,
                        "realisasi": b.realisasi,
                        "realisasi_predikat": b.realisasi_predikat,
                        "capaian": b.hasil.nilai,
                        "capaian_ditampilkan": b.ditampilkan,
                        "kasus": str(b.hasil.kasus),
                        "keterangan": b.hasil.keterangan,
                        "kategori": _kategori(b.kategori),
                        "status": b.status,
                    }
                    for b in sc.baris
                ],
            }
            for sc in tabel.sasaran
        ],
    }


@extend_schema_view(
    list=extend_schema(
        summary="Renstra yang dapat Anda lihat",
        parameters=[
            _angka_param("unit", "id unit kerja"),
            _tahun_param("Hanya Renstra yang berlaku pada tahun ini"),
        ],
    ),
    retrieve=extend_schema(summary="Satu Renstra", responses={200: s.RenstraSerializer, 404: GALAT[404]}),
)
class RenstraViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Dasar):
    serializer_class = s.RenstraSerializer

    def basis(self) -> QuerySet[Any]:
        return RencanaStrategis.objects.select_related("unit_kerja")

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (unit := _bilangan(self.request, "unit")) is not None:
            qs = qs.filter(unit_kerja_id=unit)
        if (tahun := _bilangan(self.request, "tahun", bawah=2000, atas=2100)) is not None:
            qs = qs.filter(tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
        return qs.order_by("unit_kerja__jalur", "-tahun_mulai", "pk")

    @extend_schema(
        summary="Capaian kinerja per indikator, sasaran dan unit (angka yang sama dengan dasbor)",
        parameters=[_tahun_param("Tahun pengukuran (bawaan: tahun berjalan)")],
        responses={200: s.CapaianSerializer, **GALAT},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def capaian(self, request: Request, pk: int) -> Response:
        renstra = self.objek()
        tahun = _bilangan(request, "tahun", bawah=2000, atas=2100) or timezone.localdate().year
        tabel = kini.tabel(renstra, tahun)  # the kept capaian: the figures of the dashboards
        return Response(s.CapaianSerializer(capaian_sebagai_data(tabel)).data)

    @extend_schema(
        summary="Capaian unit setiap Renstra yang berlaku pada tahun itu (angka yang sama dengan ikhtisar)",
        parameters=[
            _tahun_param("Tahun pengukuran (bawaan: tahun berjalan)"),
            _angka_param("pemda", "id pemda"),
        ],
        responses={200: s.CapaianUnitSerializer(many=True), **GALAT},
    )
    @action(detail=False, methods=["get"], url_path="capaian-unit")
    def capaian_unit(self, request: Request) -> Response:
        """Read from the kept capaian (`pengukuran.kini`), one page at a time."""
        tahun = _bilangan(request, "tahun", bawah=2000, atas=2100) or timezone.localdate().year
        qs = (
            self.get_queryset()
            .filter(tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
            .select_related("unit_kerja__pemda")
            .order_by("unit_kerja__pemda__kode", "unit_kerja__jalur", "pk")
        )
        if (pemda := _bilangan(request, "pemda")) is not None:
            qs = qs.filter(unit_kerja__pemda_id=pemda)
        halaman = self.paginate_queryset(qs)
        data = [
            {
                "id": r.renstra.pk,
                "nama": r.renstra.nama,
                "unit_kerja": r.renstra.unit_kerja_id,
                "nama_unit": r.renstra.unit_kerja.nama,
                "pemda": r.renstra.unit_kerja.pemda.kode,
                "tahun": tahun,
                "jumlah_sasaran": r.jumlah_sasaran,
                "jumlah_indikator": r.jumlah_indikator,
                "unit": _rollup(r.unit, r.kategori_unit),
            }
            for r in kini.rekap(list(halaman), tahun)
        ]
        return self.get_paginated_response(s.CapaianUnitSerializer(data, many=True).data)


# --- Indikator -------------------------------------------------------------------------------------------------------------


def indikator_terlihat(user: Any) -> Q:
    """Indicators a user sees: through the Renstra's unit, or as the unit that reports them (a Biro reporting an
    IKU of the Setda's Renstra), as on the measurement pages."""
    return access.unit_filter(user, path="renstra__unit_kerja") | access.unit_filter(
        user, path="penanggung_jawab"
    )


def _indikator(user: Any, pk: int, *, write: bool = False) -> Indikator:
    ind = (
        Indikator.objects.filter(indikator_terlihat(user))
        .select_related("renstra__unit_kerja", "penanggung_jawab", "sasaran")
        .filter(pk=pk)
        .first()
    )
    if ind is None:
        raise Http404("Indikator tidak ditemukan.")
    if write and not access.can_edit(user, ind.renstra.unit_kerja):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk indikator ini.")
    return ind


def _relasi_indikator(ind: Indikator, data: dict[str, Any], renstra: RencanaStrategis) -> None:
    """Parent, responsible unit and cascading link, limited to what the page's form offers."""
    salah: dict[str, list[str]] = {}
    for nama, qs in (("tujuan", renstra.tujuan.all()), ("sasaran", renstra.sasaran.all())):
        if f"{nama}_id" in data:
            nilai = data[f"{nama}_id"]
            if nilai is not None and not qs.filter(pk=nilai).exists():
                salah[nama] = [f"{nama.capitalize()} {nilai} tidak ada pada Renstra ini."]
            setattr(ind, f"{nama}_id", nilai)
    if "tujuan_id" in data and "sasaran_id" not in data:
        ind.sasaran_id = None
    elif "sasaran_id" in data and "tujuan_id" not in data:
        ind.tujuan_id = None
    if (pj := data.get("penanggung_jawab_id")) is not None and not UnitKerja.objects.filter(
        pk=pj, pemda_id=renstra.unit_kerja.pemda_id
    ).exists():
        salah["penanggung_jawab"] = ["Penanggung jawab harus unit kerja pada pemda yang sama."]
    if (dukung := data.get("mendukung_id")) is not None:
        leluhur = [int(p) for p in renstra.unit_kerja.jalur.strip("/").split("/")[:-1]]
        if not Indikator.objects.filter(pk=dukung, renstra__unit_kerja_id__in=leluhur).exists():
            salah["mendukung"] = ["Indikator yang didukung harus milik Renstra unit induk."]
    if salah:
        raise exceptions.ValidationError(salah)
    for nama in ("penanggung_jawab_id", "mendukung_id"):
        if nama in data:
            setattr(ind, nama, data[nama])


_ISIAN_INDIKATOR = [
    f
    for f in s.IndikatorSerializer.Meta.fields
    if f not in {"id", "renstra", "tujuan", "sasaran", "penanggung_jawab", "mendukung", "variabel", "target"}
]


def _simpan_indikator(ind: Indikator, data: dict[str, Any], renstra: RencanaStrategis, by: Any) -> Indikator:
    if "satuan" in data:  # the pemda's one list of satuan, as the form and the import
        perencanaan_services.periksa_satuan(pemda_id=renstra.unit_kerja.pemda_id, teks=data["satuan"])
    _relasi_indikator(ind, data, renstra)
    for nama in _ISIAN_INDIKATOR:
        if nama in data:
            setattr(ind, nama, data[nama])
    variabel = None
    if "variabel" in data:
        variabel = [
            perencanaan_services.VariabelBaru(
                nama=v["nama"],
                label=v.get("label") or v["nama"].replace("_", " "),
                satuan=v.get("satuan", ""),
            )
            for v in data["variabel"]
        ]
    with sekaligus():
        return perencanaan_services.save_indikator(indikator=ind, variabel=variabel, by=by)


@extend_schema_view(
    list=extend_schema(
        summary="Indikator yang dapat Anda lihat (termasuk yang unit Anda laporkan)",
        parameters=[_angka_param("renstra", "id Renstra"), _angka_param("sasaran", "id sasaran")],
    ),
    retrieve=extend_schema(
        summary="Satu indikator dengan variabel rumus dan targetnya",
        responses={200: s.IndikatorSerializer, 404: GALAT[404]},
    ),
    create=extend_schema(
        summary="Indikator baru pada Renstra", responses={201: s.IndikatorSerializer, **GALAT}
    ),
    update=extend_schema(
        summary="Ubah indikator (variabel rumus diganti seluruhnya bila dikirim)",
        responses={200: s.IndikatorSerializer, **GALAT},
    ),
    partial_update=extend_schema(
        summary="Ubah sebagian isian indikator", responses={200: s.IndikatorSerializer, **GALAT}
    ),
)
class IndikatorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    Dasar,
):
    serializer_class = s.IndikatorSerializer

    def basis(self) -> QuerySet[Any]:
        return Indikator.objects.prefetch_related("variabel", "target")

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.basis().filter(indikator_terlihat(self.request.user))
        if (renstra := _bilangan(self.request, "renstra")) is not None:
            qs = qs.filter(renstra_id=renstra)
        if (sasaran := _bilangan(self.request, "sasaran")) is not None:
            qs = qs.filter(sasaran_id=sasaran)
        return qs.order_by("renstra_id", "urutan", "kode", "pk")

    def get_object(self) -> Indikator:
        write = self.request.method not in permissions.SAFE_METHODS
        _indikator(self.request.user, self.kwargs["pk"], write=write)
        return self.basis().select_related("renstra__unit_kerja").get(pk=self.kwargs["pk"])

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        renstra = access.get_for_user(
            RencanaStrategis.objects.select_related("unit_kerja"),
            request.user,
            write=True,
            pk=data["renstra_id"],
        )
        ind = _simpan_indikator(Indikator(renstra=renstra), data, renstra, request.user)
        return Response(self.get_serializer(self.basis().get(pk=ind.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Monev Rencana Aksi: target triwulan, realisasi, capaian per triwulan dan s.d. triwulan, deviasi",
        parameters=[_tahun_param("Tahun (bawaan: tahun berjalan)")],
        responses={200: s.MonevSerializer(many=True), **GALAT},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def monev(self, request: Request, pk: int) -> Response:
        ind = self.get_object()
        tahun = _bilangan(request, "tahun", bawah=2000, atas=2100) or timezone.localdate().year
        return Response(s.MonevSerializer(queries.monev_banyak([ind], tahun)[ind.pk], many=True).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        ind = self.get_object()
        serializer = self.get_serializer(ind, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("renstra_id", ind.renstra_id) != ind.renstra_id:
            raise galat("renstra", "Indikator tidak dapat dipindahkan ke Renstra lain.")
        _simpan_indikator(ind, data, ind.renstra, request.user)
        return Response(self.get_serializer(self.basis().get(pk=ind.pk)).data)


# --- Target -------------------------------------------------------------------------------------------------------------------


def _nilai_target(data: dict[str, Any], lama: Target | None = None) -> perencanaan_services.NilaiTarget:
    def ambil(nama: str, bawaan: Any) -> Any:
        return data[nama] if nama in data else (getattr(lama, nama) if lama else bawaan)

    return perencanaan_services.NilaiTarget(
        nilai=ambil("nilai", None),
        nilai_atas=ambil("nilai_atas", None),
        predikat=ambil("predikat", ""),
        keterangan=ambil("keterangan", ""),
    )


@extend_schema_view(
    list=extend_schema(
        summary="Target Renstra per tahun",
        parameters=[_angka_param("indikator", "id indikator"), _tahun_param()],
    ),
    retrieve=extend_schema(summary="Satu target", responses={200: s.TargetSerializer, 404: GALAT[404]}),
    create=extend_schema(
        summary="Tetapkan target satu tahun (menimpa target tahun itu bila sudah ada)",
        responses={201: s.TargetSerializer, 200: s.TargetSerializer, **GALAT},
    ),
    update=extend_schema(
        summary="Ubah target", request=s.TargetUbahSerializer, responses={200: s.TargetSerializer, **GALAT}
    ),
    partial_update=extend_schema(
        summary="Ubah sebagian target",
        request=s.TargetUbahSerializer,
        responses={200: s.TargetSerializer, **GALAT},
    ),
)
class TargetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    Dasar,
):
    serializer_class = s.TargetSerializer
    unit_path = Target.unit_path

    def basis(self) -> QuerySet[Any]:
        return Target.objects.select_related("indikator__renstra__unit_kerja")

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (indikator := _bilangan(self.request, "indikator")) is not None:
            qs = qs.filter(indikator_id=indikator)
        if (tahun := _bilangan(self.request, "tahun", bawah=2000, atas=2100)) is not None:
            qs = qs.filter(tahun=tahun)
        return qs.order_by("indikator_id", "tahun")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ind = access.get_for_user(
            Indikator.objects.select_related("renstra__unit_kerja"),
            request.user,
            unit_path=Indikator.unit_path,
            write=True,
            pk=data["indikator_id"],
        )
        ada = Target.objects.filter(indikator=ind, tahun=data["tahun"]).exists()
        with sekaligus():
            target = perencanaan_services.set_target(
                indikator=ind, tahun=data["tahun"], nilai=_nilai_target(data), by=request.user
            )
        return Response(
            s.TargetSerializer(target).data, status=status.HTTP_200_OK if ada else status.HTTP_201_CREATED
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        target = self.get_object()
        serializer = s.TargetUbahSerializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        target = perencanaan_services.set_target(
            indikator=target.indikator,
            tahun=target.tahun,
            nilai=_nilai_target(serializer.validated_data, target),
            by=request.user,
        )
        return Response(s.TargetSerializer(target).data)


# --- Realisasi ------------------------------------------------------------------------------------------------------------------


def _periksa_isian(ind: Indikator, data: dict[str, Any]) -> None:
    """What the page's form offers for this indicator: formula inputs by name, a predikat, or one value."""
    if ind.pakai_rumus:
        dikenal = rumus.parse(ind.formulasi).variabel
        asing = sorted(set(data.get("masukan") or {}) - set(dikenal))
        if asing:
            raise galat(
                "masukan", f"Variabel tidak dikenal: {', '.join(asing)}. Rumus memakai: {', '.join(dikenal)}."
            )
        if data.get("nilai") is not None:
            raise galat("nilai", "Indikator ini memakai rumus: isi 'masukan'; nilainya dihitung dari rumus.")
    elif data.get("masukan"):
        raise galat("masukan", "Indikator ini tidak memakai rumus; isi 'nilai'.")


def _simpan_realisasi(
    ind: Indikator, tahun: int, periode: str, data: dict[str, Any], versi: int, by: Any
) -> Realisasi:
    _periksa_isian(ind, data)
    try:
        with sekaligus():
            return pengukuran_services.save_realisasi(
                indikator=ind,
                tahun=tahun,
                periode=periode,
                by=by,
                nilai=data.get("nilai"),
                predikat=data.get("nilai_predikat", ""),
                masukan=data.get("masukan"),
                versi=versi,
                catatan_peringatan=data.get("catatan_peringatan", ""),
            )
    except ArithmeticError:
        # A formula result too large for the column's 24 digits (e.g. a tiny denominator).
        raise galat("masukan", "Hasil rumus terlalu besar untuk disimpan; periksa nilai masukan.") from None


@extend_schema_view(
    list=extend_schema(
        summary="Realisasi yang dapat Anda lihat",
        parameters=[
            _angka_param("indikator", "id indikator"),
            _angka_param("unit", "id unit kerja pelapor"),
            _tahun_param(),
            OpenApiParameter("periode", OpenApiTypes.STR, enum=Periode.values),
            OpenApiParameter("status", OpenApiTypes.STR, enum=[c for c, _ in Realisasi.Status.choices]),
        ],
    ),
    retrieve=extend_schema(summary="Satu realisasi", responses={200: s.RealisasiSerializer, 404: GALAT[404]}),
)
class RealisasiViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Dasar):
    serializer_class = s.RealisasiSerializer
    aksi_verifikasi = ("kembalikan", "verifikasi", "buka_verifikasi")
    http_method_names = ["get", "post", "put", "head", "options"]

    def basis(self) -> QuerySet[Any]:
        return Realisasi.objects.select_related("indikator", "unit_kerja", "diubah_oleh").prefetch_related(
            "data_dukung"
        )

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (indikator := _bilangan(self.request, "indikator")) is not None:
            qs = qs.filter(indikator_id=indikator)
        if (unit := _bilangan(self.request, "unit")) is not None:
            qs = qs.filter(unit_kerja_id=unit)
        if (tahun := _bilangan(self.request, "tahun", bawah=2000, atas=2100)) is not None:
            qs = qs.filter(tahun=tahun)
        for nama, pilihan in (
            ("periode", Periode.choices),
            ("status", Realisasi.Status.choices),
        ):
            if nilai := self.request.query_params.get(nama):
                if nilai not in {c for c, _ in pilihan}:
                    raise galat(nama, f"Pilihan '{nilai}' tidak dikenal.")
                qs = qs.filter(**{nama: nilai})
        return qs.order_by("indikator_id", "tahun", "periode", "pk")

    def _tampil(self, realisasi: Realisasi, kode: int = status.HTTP_200_OK) -> Response:
        return Response(s.RealisasiSerializer(self.basis().get(pk=realisasi.pk)).data, status=kode)

    @extend_schema(
        summary="Isi realisasi baru (nilai, predikat, atau masukan rumus IKU)",
        request=s.RealisasiBaruSerializer,
        responses={201: s.RealisasiSerializer, **GALAT, **KONFLIK},
    )
    def create(self, request: Request) -> Response:
        serializer = s.RealisasiBaruSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ind = _indikator(request.user, data["indikator"])
        # Version 0: only a new row; an existing one answers 409 with its current value.
        realisasi = _simpan_realisasi(ind, data["tahun"], data["periode"], data, 0, request.user)
        return self._tampil(realisasi, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ubah realisasi; `versi` wajib (penguncian optimistis)",
        request=s.RealisasiUbahSerializer,
        responses={200: s.RealisasiSerializer, **GALAT, **KONFLIK},
    )
    def update(self, request: Request, pk: int) -> Response:
        realisasi = self.get_object()
        serializer = s.RealisasiUbahSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ind = Indikator.objects.select_related("renstra__unit_kerja", "penanggung_jawab").get(
            pk=realisasi.indikator_id
        )
        realisasi = _simpan_realisasi(
            ind, realisasi.tahun, realisasi.periode, data, data["versi"], request.user
        )
        return self._tampil(realisasi)

    def _aksi(self) -> Realisasi:
        return self.objek()

    @extend_schema(
        summary="Ajukan untuk verifikasi", request=None, responses={200: s.RealisasiSerializer, **GALAT}
    )
    @action(detail=True, methods=["post"])
    def ajukan(self, request: Request, pk: int) -> Response:
        return self._tampil(pengukuran_services.submit_realisasi(self._aksi(), by=request.user))

    @extend_schema(
        summary="Kembalikan kepada operator dengan catatan",
        request=s.KembalikanSerializer,
        responses={200: s.RealisasiSerializer, **GALAT},
    )
    @action(detail=True, methods=["post"])
    def kembalikan(self, request: Request, pk: int) -> Response:
        realisasi = self._aksi()
        serializer = s.KembalikanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._tampil(
            pengukuran_services.return_realisasi(
                realisasi, catatan=serializer.validated_data["catatan"], by=request.user
            )
        )

    @extend_schema(summary="Verifikasi", request=None, responses={200: s.RealisasiSerializer, **GALAT})
    @action(detail=True, methods=["post"])
    def verifikasi(self, request: Request, pk: int) -> Response:
        return self._tampil(pengukuran_services.verify_realisasi(self._aksi(), by=request.user))

    @extend_schema(
        summary="Buka verifikasi dengan alasan (tercatat): realisasi kembali kepada operator dan dapat dikoreksi",
        request=s.BukaVerifikasiSerializer,
        responses={200: s.RealisasiSerializer, **GALAT},
    )
    @action(detail=True, methods=["post"], url_path="buka-verifikasi", url_name="buka-verifikasi")
    def buka_verifikasi(self, request: Request, pk: int) -> Response:
        realisasi = self._aksi()
        serializer = s.BukaVerifikasiSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._tampil(
            pengukuran_services.reopen_realisasi(
                realisasi, alasan=serializer.validated_data["alasan"], by=request.user
            )
        )

    @extend_schema(
        methods=["GET"],
        summary="Data dukung yang ditautkan ke realisasi ini",
        responses={200: s.DataDukungSerializer(many=True), 404: GALAT[404]},
    )
    @extend_schema(
        methods=["POST"],
        summary="Unggah data dukung dan tautkan ke realisasi ini",
        description="Isi berkas diperiksa seperti pada halaman: PDF, PNG, JPEG atau dokumen Office; "
        "program (executable), skrip dan arsip ditolak walau namanya berakhiran .pdf.",
        request={"multipart/form-data": s.UnggahSerializer},
        responses={201: s.DataDukungSerializer, **GALAT},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="data-dukung",
        url_name="data-dukung",
        parser_classes=[MultiPartParser, FormParser],
    )
    def data_dukung(self, request: Request, pk: int) -> Response:
        if request.method == "GET":
            realisasi = self.objek()
            qs = (
                realisasi.data_dukung.filter(access.unit_filter(request.user, path="unit_kerja"))
                .select_related("diunggah_oleh")
                .order_by("-diunggah_pada", "pk")
            )
            return self.daftar(qs, s.DataDukungSerializer)
        realisasi = self.objek(write=True)
        # Before any file is stored: a verified realisasi, or one of a locked year, takes no new evidence.
        pengukuran_services.pastikan_realisasi_dapat_diubah(realisasi, perihal="Data dukung realisasi ini")
        serializer = s.UnggahSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        f = serializer.validated_data["berkas"]
        if f.size > berkas.UKURAN_MAKSIMAL:
            raise galat(
                "berkas",
                f"Ukuran berkas melebihi batas {berkas.UKURAN_MAKSIMAL // 1024 // 1024} MB; berkas tidak disimpan.",
            )
        with transaction.atomic():
            dokumen = pengukuran_services.upload_data_dukung(
                unit=realisasi.unit_kerja,
                nama=f.name or "",
                isi=f.read(),
                keterangan=serializer.validated_data.get("keterangan", ""),
                by=request.user,
            )
            pengukuran_services.link_data_dukung(realisasi=realisasi, dokumen=dokumen, by=request.user)
        return Response(s.DataDukungSerializer(dokumen).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tautkan data dukung yang sudah diunggah",
        request=s.TautkanSerializer,
        responses={200: s.DataDukungSerializer, **GALAT},
    )
    @action(detail=True, methods=["post"])
    def tautkan(self, request: Request, pk: int) -> Response:
        realisasi = self.objek(write=True)
        serializer = s.TautkanSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dokumen = access.get_for_user(
            DataDukung.objects.select_related("diunggah_oleh"),
            request.user,
            pk=serializer.validated_data["dokumen"],
        )
        pengukuran_services.link_data_dukung(realisasi=realisasi, dokumen=dokumen, by=request.user)
        return Response(s.DataDukungSerializer(dokumen).data)


@extend_schema_view(
    list=extend_schema(
        summary="Data dukung unit yang dapat Anda lihat", parameters=[_angka_param("unit", "id unit kerja")]
    ),
    retrieve=extend_schema(
        summary="Satu data dukung (berkasnya diunduh lewat `unduh`)",
        responses={200: s.DataDukungSerializer, 404: GALAT[404]},
    ),
)
class DataDukungViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Dasar):
    serializer_class = s.DataDukungSerializer

    def basis(self) -> QuerySet[Any]:
        return DataDukung.objects.select_related("diunggah_oleh")

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The file is whatever type it is; a client asking for it (Accept: application/pdf) gets it, and an error
        # is still JSON.
        return super().perform_content_negotiation(request, force=force or self.action == "unduh")

    @extend_schema(
        summary="Unduh berkas data dukung (dengan token atau sesi)",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="Berkasnya"),
            404: GALAT[404],
        },
    )
    @action(detail=True, methods=["get"])
    def unduh(self, request: Request, pk: int) -> FileResponse:
        """The same file and headers as the web page's download (pengukuran:unduh), for token clients too."""
        dokumen = self.objek()
        response = FileResponse(
            dokumen.berkas.open("rb"),
            as_attachment=True,
            filename=dokumen.nama_asli,
            content_type=dokumen.jenis,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (unit := _bilangan(self.request, "unit")) is not None:
            qs = qs.filter(unit_kerja_id=unit)
        return qs.order_by("-diunggah_pada", "pk")


# --- Anggaran --------------------------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Pagu dan realisasi anggaran per sub kegiatan dan tahun",
        parameters=[
            _tahun_param(),
            _angka_param("sub_kegiatan", "id sub kegiatan"),
            _angka_param("unit", "id unit kerja pelaksana program"),
        ],
    ),
    retrieve=extend_schema(
        summary="Satu baris anggaran dengan realisasi bulanannya",
        responses={200: s.AnggaranSerializer, 404: GALAT[404]},
    ),
)
class AnggaranViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Dasar):
    serializer_class = s.AnggaranSerializer
    unit_path = AnggaranSubKegiatan.unit_path

    def basis(self) -> QuerySet[Any]:
        return AnggaranSubKegiatan.objects.select_related(
            "sub_kegiatan__kegiatan__program__unit_kerja"
        ).prefetch_related("bulanan")

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (tahun := _bilangan(self.request, "tahun", bawah=2000, atas=2100)) is not None:
            qs = qs.filter(tahun=tahun)
        if (sub := _bilangan(self.request, "sub_kegiatan")) is not None:
            qs = qs.filter(sub_kegiatan_id=sub)
        if (unit := _bilangan(self.request, "unit")) is not None:
            qs = qs.filter(sub_kegiatan__kegiatan__program__unit_kerja_id=unit)
        return qs.order_by("tahun", "sub_kegiatan__kode", "pk")

    def _tampil(self, obj: Model, kode: int = status.HTTP_200_OK) -> Response:
        return Response(s.AnggaranSerializer(self.basis().get(pk=obj.pk)).data, status=kode)

    @extend_schema(
        summary="Tetapkan pagu dan realisasi sub kegiatan untuk satu tahun (menimpa bila sudah ada)",
        request=s.AnggaranBaruSerializer,
        responses={201: s.AnggaranSerializer, 200: s.AnggaranSerializer, **GALAT},
    )
    def create(self, request: Request) -> Response:
        serializer = s.AnggaranBaruSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        sub = access.get_for_user(
            SubKegiatan.objects.select_related("kegiatan__program__unit_kerja"),
            request.user,
            unit_path=SubKegiatan.unit_path,
            write=True,
            pk=data.pop("sub_kegiatan"),
        )
        ada = AnggaranSubKegiatan.objects.filter(sub_kegiatan=sub, tahun=data["tahun"]).exists()
        with sekaligus():
            obj = anggaran_services.simpan_anggaran(sub_kegiatan=sub, by=request.user, **data)
        return self._tampil(obj, status.HTTP_200_OK if ada else status.HTTP_201_CREATED)

    def _ubah(self, request: Request, partial: bool) -> Response:
        obj = self.get_object()
        serializer = s.AnggaranUbahSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        isian = {
            nama: getattr(obj, nama)
            for nama in ("pagu", "realisasi", "jenis_belanja", "target_keluaran", "realisasi_keluaran")
        }
        isian["satuan_keluaran"] = obj.satuan
        isian.update(serializer.validated_data)
        isian.setdefault("izinkan_lebih_pagu", False)
        obj = anggaran_services.simpan_anggaran(
            sub_kegiatan=obj.sub_kegiatan, tahun=obj.tahun, by=request.user, **isian
        )
        return self._tampil(obj)

    @extend_schema(
        summary="Ubah pagu, realisasi dan keluaran",
        request=s.AnggaranUbahSerializer,
        responses={200: s.AnggaranSerializer, **GALAT},
    )
    def update(self, request: Request, pk: int) -> Response:
        return self._ubah(request, partial=False)

    @extend_schema(
        summary="Ubah sebagian isian anggaran",
        request=s.AnggaranUbahSerializer,
        responses={200: s.AnggaranSerializer, **GALAT},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        return self._ubah(request, partial=True)

    @extend_schema(
        summary="Realisasi per bulan (realisasi tahunan menjadi jumlahnya)",
        request=s.BulananUbahSerializer,
        responses={200: s.AnggaranSerializer, **GALAT},
    )
    @action(detail=True, methods=["put"])
    def bulanan(self, request: Request, pk: int) -> Response:
        obj = self.objek(write=True)
        serializer = s.BulananUbahSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        isian = serializer.validated_data["bulanan"]
        bulan = [b["bulan"] for b in isian]
        if len(bulan) != len(set(bulan)):
            raise galat("bulanan", "Setiap bulan hanya boleh muncul sekali.")
        obj = anggaran_services.set_realisasi_bulanan(
            anggaran=obj,
            per_bulan={b["bulan"]: b["realisasi"] for b in isian},
            izinkan_lebih_pagu=serializer.validated_data["izinkan_lebih_pagu"],
            catatan_lebih_pagu=serializer.validated_data.get("catatan_lebih_pagu", ""),
            by=request.user,
        )
        return self._tampil(obj)


# --- Survei --------------------------------------------------------------------------------------------------------------------


def _survei(survei: Survei, hasil: Any, jumlah: int) -> dict[str, Any]:
    return {
        "id": survei.pk,
        "unit_kerja_id": survei.unit_kerja_id,
        "unit_kerja": survei.unit_kerja,
        "nama": survei.nama,
        "tahun": survei.tahun,
        "periode": survei.periode,
        "metode": survei.metode,
        "bobot": survei.bobot,
        "indikator_id": survei.indikator_id,
        "jumlah_respons": jumlah,
        "ikm": hasil.ikm,
        "ikm_unit": hasil.ikm_unit,
        "ikm_unit_dibulatkan": hasil.ikm_unit_dibulatkan,
        "kode_mutu": hasil.kode_mutu,
        "kinerja": hasil.kinerja,
    }


def _hasil_ikm(hasil: Any) -> dict[str, Any]:
    return {
        "bobot": str(hasil.bobot),
        "nilai_bobot": hasil.nilai_bobot,
        "ikm": hasil.ikm,
        "ikm_dibulatkan": hasil.ikm_dibulatkan,
        "ikm_unit": hasil.ikm_unit,
        "ikm_unit_dibulatkan": hasil.ikm_unit_dibulatkan,
        "kode_mutu": hasil.kode_mutu,
        "kinerja": hasil.kinerja,
        "unsur": list(hasil.unsur),
    }


@extend_schema_view(
    list=extend_schema(
        summary="Survei kepuasan masyarakat dengan IKM resminya",
        parameters=[_tahun_param(), _angka_param("unit", "id unit kerja")],
        responses=s.SurveiSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="Hasil satu survei: NRR per unsur dan IKM dengan kedua bobot",
        responses={200: s.SurveiRinciSerializer, 404: GALAT[404]},
    ),
)
class SurveiViewSet(Dasar):
    serializer_class = s.SurveiSerializer

    def basis(self) -> QuerySet[Any]:
        return Survei.objects.select_related("unit_kerja")

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (tahun := _bilangan(self.request, "tahun", bawah=2000, atas=2100)) is not None:
            qs = qs.filter(tahun=tahun)
        if (unit := _bilangan(self.request, "unit")) is not None:
            qs = qs.filter(unit_kerja_id=unit)
        return qs.with_rekap().order_by("-tahun", "-periode", "unit_kerja_id", "pk")

    def list(self, request: Request) -> Response:
        halaman = self.paginate_queryset(self.get_queryset())
        baris = [_survei(sv, survei_queries.hitung(sv, vars(sv)), sv.jumlah_respons) for sv in halaman]
        return self.get_paginated_response(s.SurveiSerializer(baris, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        survei = self.objek()
        hasil = survei_queries.hasil_survei(survei)
        data = _survei(survei, hasil.resmi, hasil.jumlah_respons)
        data.update(eksak=_hasil_ikm(hasil.eksak), dibulatkan=_hasil_ikm(hasil.dibulatkan))
        return Response(s.SurveiRinciSerializer(data).data)


# --- Organisation and plan structure (issue #20): read-only, scope-filtered -----------------------------------------


class UnitKerjaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Dasar):
    """Work units in the user's scope (closed units included, with `aktif` false)."""

    serializer_class = s.UnitKerjaSerializer
    unit_path = ""

    def basis(self) -> QuerySet[Any]:
        return UnitKerja.objects.all()

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.order_by("pemda_id", "jalur")


class _BagianRenstra(mixins.ListModelMixin, mixins.RetrieveModelMixin, Dasar):
    unit_path = "renstra__unit_kerja"
    model: Any = None

    def basis(self) -> QuerySet[Any]:
        return self.model.objects.select_related("renstra__unit_kerja")

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (renstra := _bilangan(self.request, "renstra")) is not None:
            qs = qs.filter(renstra_id=renstra)
        return qs.order_by("renstra_id", "urutan", "kode")


@extend_schema_view(list=extend_schema(parameters=[_angka_param("renstra", "Hanya tujuan Renstra ini")]))
class TujuanViewSet(_BagianRenstra):
    serializer_class = s.TujuanSerializer
    model = Tujuan


@extend_schema_view(list=extend_schema(parameters=[_angka_param("renstra", "Hanya sasaran Renstra ini")]))
class SasaranViewSet(_BagianRenstra):
    serializer_class = s.SasaranSerializer
    model = Sasaran


@extend_schema_view(list=extend_schema(parameters=[_angka_param("unit", "Hanya program unit ini")]))
class ProgramViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, Dasar):
    """Programs with their kegiatan and sub kegiatan (nomenclature codes and output indicators)."""

    serializer_class = s.ProgramSerializer

    def basis(self) -> QuerySet[Any]:
        return Program.objects.select_related("unit_kerja").prefetch_related(
            "sasaran", "kegiatan__sub_kegiatan"
        )

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (unit := _bilangan(self.request, "unit")) is not None:
            qs = qs.filter(unit_kerja_id=unit)
        return qs.order_by("unit_kerja__jalur", "kode")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "keputusan", str, description="Nomor Kepmendagri (bawaan: versi yang berlaku tahun ini)"
            ),
            OpenApiParameter("jenis", str, enum=["program", "kegiatan", "sub_kegiatan"]),
            OpenApiParameter("kode", str, description="Awalan kode, mis. 4.01.02"),
        ]
    )
)
class NomenklaturViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The national nomenclature of programs, kegiatan and sub kegiatan per Kepmendagri version (read by every
    logged-in user: it is public reference data)."""

    serializer_class = s.KodeNomenklaturSerializer
    permission_classes = [permissions.IsAuthenticated, HakTulis]

    def get_queryset(self) -> QuerySet[Any]:
        from sakip.perencanaan import nomenklatur

        qs = KodeNomenklatur.objects.select_related("versi")
        keputusan = self.request.query_params.get("keputusan", "").strip()
        if keputusan:
            qs = qs.filter(versi__keputusan=keputusan)
        else:
            versi = nomenklatur.versi_berlaku(timezone.localdate().year)
            qs = qs.filter(versi=versi) if versi else qs.none()
        if jenis := self.request.query_params.get("jenis", "").strip():
            qs = qs.filter(jenis=jenis)
        if kode := self.request.query_params.get("kode", "").strip():
            qs = qs.filter(kode__startswith=kode)
        return qs.order_by("jenis", "kode")
