"""API of issue #20 point 5 beyond the read-only structure: the admin pemda's accounts and roles (with dates),
programs, kegiatan and sub kegiatan with writes, and the officials' roster. The same services and access rules as
the pages: an outsider gets 404 (or an empty list), a read-only role 403."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sakip.api import serializers as s
from sakip.api import serializers_kelola as sk
from sakip.api.views import GALAT, Dasar, HakTulis, ProgramViewSet, _angka_param, _bilangan, sekaligus
from sakip.organisasi import access
from sakip.organisasi import services as org_services
from sakip.organisasi.models import Pejabat, Pemda, Pengguna, Penugasan, UnitKerja
from sakip.perencanaan import services as perencanaan_services
from sakip.perencanaan.models import Kegiatan, Program, RencanaStrategis, Sasaran, SubKegiatan

HAPUS = {204: OpenApiResponse(description="Dihapus"), **GALAT}


class AdminPemda(permissions.BasePermission):
    """The admin pemda's own endpoints: every other role gets 403 (a superuser passes)."""

    message = "Hanya admin pemda yang dapat mengelola pengguna dan peran."

    def has_permission(self, request: Request, view: Any) -> bool:
        return access.pemda_for_user(request.user, write=True).exists()


# --- accounts and roles ----------------------------------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(request=sk.PenggunaSerializer, responses={201: sk.PenggunaBaruSerializer, **GALAT})
)
class PenggunaViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The accounts of the admin's pemda(s): list, create (a temporary password answered once), deactivate."""

    serializer_class = sk.PenggunaSerializer
    permission_classes = [permissions.IsAuthenticated, AdminPemda]
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet[Any]:
        pemda = access.pemda_for_user(self.request.user, write=True)
        berlaku = Penugasan.objects.berlaku().filter(pemda__in=pemda)
        return (
            access.users_administered_by(self.request.user)
            .prefetch_related(Prefetch("penugasan", queryset=berlaku, to_attr="peran_berlaku"))
            .order_by("username")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        pengguna, sandi = org_services.create_user(
            username=d["username"],
            nama_depan=d["first_name"],
            nama_belakang=d.get("last_name", ""),
            email=d.get("email", ""),
            nip=d.get("nip", ""),
            jabatan=d.get("jabatan", ""),
            by=request.user,
        )
        data = sk.PenggunaSerializer(pengguna).data | {"sandi_sementara": sandi}
        # A new account holds no role yet, so it is outside users_administered_by until the admin gives one.
        return Response(data, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})

    @extend_schema(request=None, responses={200: sk.PenggunaSerializer, **GALAT})
    @action(detail=True, methods=["post"])
    def nonaktifkan(self, request: Request, pk: int) -> Response:
        """Deactivate the account: no more logins, its sessions and API token stop working."""
        pengguna = access.get_user_for_admin(request.user, pk)
        org_services.set_user_active(pengguna=pengguna, aktif=False, by=request.user)
        return Response(sk.PenggunaSerializer(pengguna).data)


@extend_schema_view(
    list=extend_schema(parameters=[_angka_param("pengguna", "Hanya peran pengguna ini")]),
)
class PenugasanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Roles in the admin's pemda(s), in force or ended (the record of who held what when): give one with its dates,
    withdraw one from a date."""

    serializer_class = sk.PenugasanSerializer
    permission_classes = [permissions.IsAuthenticated, AdminPemda]
    lookup_value_converter = "int"

    def get_queryset(self) -> QuerySet[Any]:
        qs = Penugasan.objects.filter(pemda__in=access.pemda_for_user(self.request.user, write=True))
        if self.action == "list" and (pengguna := _bilangan(self.request, "pengguna")) is not None:
            qs = qs.filter(pengguna_id=pengguna)
        return qs.order_by("pengguna_id", "-mulai", "pk")

    def get_serializer_context(self) -> dict[str, Any]:
        pemda = access.pemda_for_user(self.request.user, write=True)
        return super().get_serializer_context() | {
            "pilihan": {
                # The accounts the admin manages, and new accounts that hold no role anywhere yet.
                "pengguna": Pengguna.objects.filter(is_superuser=False)
                .filter(
                    Q(pk__in=access.users_administered_by(self.request.user).values("pk"))
                    | Q(penugasan__isnull=True)
                )
                .distinct(),
                "pemda": pemda,
                "unit_kerja": UnitKerja.objects.filter(pemda__in=pemda),
            }
        }

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        with sekaligus():
            penugasan = org_services.assign_role(
                pengguna=d["pengguna"],
                peran=d["peran"],
                pemda=d["pemda"],
                unit_kerja=d.get("unit_kerja"),
                mulai=d.get("mulai"),
                selesai=d.get("selesai"),
                by=request.user,
            )
        return Response(sk.PenugasanSerializer(penugasan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=sk.CabutSerializer, responses={200: sk.PenugasanSerializer, **GALAT})
    @action(detail=True, methods=["post"])
    def cabut(self, request: Request, pk: int) -> Response:
        """Withdraw the role from a date (today by default); the row stays on record."""
        penugasan = self.get_object()
        serializer = sk.CabutSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        penugasan = org_services.withdraw_role(
            penugasan=penugasan, tanggal=serializer.validated_data.get("tanggal"), by=request.user
        )
        return Response(sk.PenugasanSerializer(penugasan).data)


# --- programs, kegiatan, sub kegiatan with writes ------------------------------------------------------------------


def _tulis(user: Any, model: Any, pk: Any, unit_path: str) -> Any:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("Data tidak ditemukan.") from None
    return access.get_for_user(model.objects.all(), user, unit_path=unit_path, write=True, pk=pk)


@extend_schema_view(
    create=extend_schema(request=sk.ProgramTulisSerializer, responses={201: s.ProgramSerializer, **GALAT}),
    partial_update=extend_schema(
        request=sk.ProgramTulisSerializer, responses={200: s.ProgramSerializer, **GALAT}
    ),
    destroy=extend_schema(responses=HAPUS),
)
class ProgramTulisViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ProgramViewSet
):
    """Programs: read by the unit's readers; created, changed and deleted by its writers, codes checked against the
    plan's nomenclature version; deleting is refused with a budget, on a final PK or in a locked year."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = sk.ProgramTulisSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        unit = access.get_unit_for_user(request.user, d["unit_kerja"].pk, write=True)
        renstra = None
        if d.get("renstra"):
            renstra = access.get_for_user(RencanaStrategis.objects.all(), request.user, pk=d["renstra"])
        sasaran = self._sasaran(d.get("sasaran", []))
        with sekaligus():
            program = perencanaan_services.simpan_program(
                unit_kerja=unit, kode=d["kode"], nama=d.get("nama", ""), sasaran=sasaran, renstra=renstra,
                by=request.user,
            )  # fmt: skip
        return Response(s.ProgramSerializer(program).data, status=status.HTTP_201_CREATED)

    def _sasaran(self, daftar: list[Sasaran]) -> list[Sasaran]:
        terlihat = set(
            Sasaran.objects.visible_to(self.request.user)
            .filter(pk__in=[x.pk for x in daftar])
            .values_list("pk", flat=True)
        )
        if any(x.pk not in terlihat for x in daftar):
            raise exceptions.ValidationError({"sasaran": ["Sasaran tidak ditemukan."]})
        return list(Sasaran.objects.select_related("renstra__unit_kerja").filter(pk__in=terlihat))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        program = self.objek(write=True)
        serializer = sk.ProgramTulisSerializer(program, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        sasaran = (
            self._sasaran(d["sasaran"]) if "sasaran" in d else list(program.sasaran.select_related("renstra"))
        )
        program = perencanaan_services.simpan_program(
            unit_kerja=program.unit_kerja, kode=d.get("kode", program.kode), nama=d.get("nama") or program.nama,
            sasaran=sasaran, program=program, by=request.user,
        )  # fmt: skip
        return Response(s.ProgramSerializer(self.basis().get(pk=program.pk)).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        perencanaan_services.hapus_program(program=self.objek(write=True), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(parameters=[_angka_param("program", "Hanya kegiatan program ini")]),
    destroy=extend_schema(responses=HAPUS),
)
class KegiatanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    Dasar,
):
    serializer_class = sk.KegiatanTulisSerializer
    unit_path = Kegiatan.unit_path
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def basis(self) -> QuerySet[Any]:
        return Kegiatan.objects.select_related("program__unit_kerja")

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (program := _bilangan(self.request, "program")) is not None:
            qs = qs.filter(program_id=program)
        return qs.order_by("program__unit_kerja__jalur", "kode")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        program = _tulis(request.user, Program, d["program"].pk, Program.unit_path)
        with sekaligus():
            kegiatan = perencanaan_services.simpan_kegiatan(
                program=program, kode=d["kode"], nama=d.get("nama", ""), by=request.user
            )
        return Response(self.get_serializer(kegiatan).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kegiatan = self.objek(write=True)
        serializer = self.get_serializer(kegiatan, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        kegiatan = perencanaan_services.simpan_kegiatan(
            program=kegiatan.program, kode=d.get("kode", kegiatan.kode), nama=d.get("nama", kegiatan.nama),
            kegiatan=kegiatan, by=request.user,
        )  # fmt: skip
        return Response(self.get_serializer(kegiatan).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        perencanaan_services.hapus_kegiatan(kegiatan=self.objek(write=True), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(parameters=[_angka_param("kegiatan", "Hanya sub kegiatan kegiatan ini")]),
    destroy=extend_schema(responses=HAPUS),
)
class SubKegiatanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    Dasar,
):
    serializer_class = sk.SubKegiatanTulisSerializer
    unit_path = SubKegiatan.unit_path
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def basis(self) -> QuerySet[Any]:
        return SubKegiatan.objects.select_related("kegiatan__program__unit_kerja").prefetch_related(
            "target_keluaran"
        )

    def saring(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if (kegiatan := _bilangan(self.request, "kegiatan")) is not None:
            qs = qs.filter(kegiatan_id=kegiatan)
        return qs.order_by("kegiatan__program__unit_kerja__jalur", "kode")

    def _simpan(self, kegiatan: Kegiatan, d: dict[str, Any], sub: SubKegiatan | None) -> SubKegiatan:
        master = perencanaan_services.kode_master_sub_kegiatan(kegiatan=kegiatan, kode=d.get("kode", ""))
        bawaan: Any = sub or master
        return perencanaan_services.save_sub_kegiatan(
            kegiatan=kegiatan,
            kode=d.get("kode", sub.kode if sub else ""),
            nama=d.get("nama") or (bawaan.nama if bawaan else ""),
            indikator_keluaran=d.get("indikator_keluaran")
            or (sub.indikator_keluaran if sub else master.indikator if master else ""),
            satuan_keluaran=d.get("satuan_keluaran")
            or (sub.satuan_keluaran if sub else master.satuan if master else ""),
            sub_kegiatan=sub,
            target=d.get("target"),
            by=self.request.user,
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        kegiatan = _tulis(request.user, Kegiatan, d["kegiatan"].pk, Kegiatan.unit_path)
        with sekaligus():
            sub = self._simpan(kegiatan, d, None)
        return Response(self.get_serializer(self.basis().get(pk=sub.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sub = self.objek(write=True)
        serializer = self.get_serializer(sub, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        sub = self._simpan(sub.kegiatan, serializer.validated_data, sub)
        return Response(self.get_serializer(self.basis().get(pk=sub.pk)).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        perencanaan_services.hapus_sub_kegiatan(sub_kegiatan=self.objek(write=True), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- officials -------------------------------------------------------------------------------------------------------


class HakPejabat(permissions.BasePermission):
    """Every role of a pemda reads its officials (they sign its documents); only its admin writes."""

    message = "Hanya admin pemda yang dapat mengubah daftar pejabat."

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.pemda_for_user(request.user, write=True).exists()


@extend_schema_view(
    list=extend_schema(parameters=[_angka_param("unit", "Hanya pejabat unit ini")]),
)
class PejabatViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = sk.PejabatSerializer
    permission_classes = [permissions.IsAuthenticated, HakPejabat]
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        qs = Pejabat.objects.filter(pemda__in=access.pemda_for_user(self.request.user))
        if self.action == "list" and (unit := _bilangan(self.request, "unit")) is not None:
            qs = qs.filter(unit_kerja_id=unit)
        return qs.order_by("pemda_id", "-mulai", "pk")

    def get_object(self) -> Any:
        pejabat = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS and not (
            access.pemda_for_user(self.request.user, write=True).filter(pk=pejabat.pemda_id).exists()
        ):
            raise exceptions.PermissionDenied("Hanya admin pemda yang dapat mengubah daftar pejabat.")
        return pejabat

    def _pemda(self, pemda: Pemda) -> Pemda:
        return access.get_pemda_for_user(self.request.user, pemda.pk, write=True)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = dict(serializer.validated_data)
        d["pemda"] = self._pemda(d["pemda"])
        pejabat = org_services.simpan_pejabat(**d, by=request.user)
        return Response(self.get_serializer(pejabat).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pejabat = self.get_object()
        serializer = self.get_serializer(pejabat, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        lama = {f: getattr(pejabat, f) for f in serializer.fields if f not in ("id", "nama_jabatan")}
        d = lama | dict(serializer.validated_data)
        d["pemda"] = self._pemda(d["pemda"])
        pejabat = org_services.simpan_pejabat(**d, pejabat=pejabat, by=request.user)
        return Response(self.get_serializer(pejabat).data)


__all__ = ["HakTulis"]
