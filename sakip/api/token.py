"""`POST /api/token/`: a user's API token for their user name and password, behind the same brute-force lockout
(django-axes) as the login page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, user_logged_in, user_login_failed
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sakip.akun import services as akun_services
from sakip.api import serializers as s
from sakip.api.otentikasi import kedaluwarsa

TERKUNCI = (
    "Terlalu banyak percobaan masuk: demi keamanan, nama pengguna ini dikunci untuk alamat Anda selama 30 menit "
    "setelah beberapa kali kata sandi salah. Coba lagi nanti atau hubungi admin pemda."
)


class TokenView(APIView):
    authentication_classes: list[type] = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Minta token API dengan nama pengguna dan kata sandi",
        description="Kirim token pada setiap permintaan: `Authorization: Token <token>`. "
        "Token yang sama dikembalikan sampai kedaluwarsa (SAKIP_API_TOKEN_HARI hari sejak dibuat, bawaan 90) "
        "atau dicabut admin; sesudah kedaluwarsa, permintaan berikutnya memberi token baru.",
        request=s.MasukSerializer,
        responses={
            200: s.TokenSerializer,
            400: OpenApiResponse(description="Nama pengguna, kata sandi atau kode verifikasi salah"),
            403: OpenApiResponse(
                description="Peran pengguna mewajibkan verifikasi dua langkah yang belum aktif"
            ),
            429: OpenApiResponse(description="Dikunci sementara setelah terlalu banyak percobaan gagal"),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = s.MasukSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes needs the request: it counts failures per user name and address and refuses a locked pair
        # (setting `axes_locked_out` on it) before the password is even checked.
        kode = serializer.validated_data.pop("kode", "")
        user = authenticate(request=request, **serializer.validated_data)
        if getattr(request, "axes_locked_out", False):
            return Response({"detail": TERKUNCI}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None or not user.is_active:
            return Response(
                {"detail": "Nama pengguna atau kata sandi salah."}, status=status.HTTP_400_BAD_REQUEST
            )
        ditolak = _dua_faktor(request, user, kode)
        if ditolak is not None:
            return ditolak
        # As a login: axes resets the user's failure count, Django records last_login.
        user_logged_in.send(sender=type(user), request=request, user=user)
        token, _ = Token.objects.get_or_create(user=user)
        if kedaluwarsa(token):
            # By its key: a simultaneous request that already replaced it keeps its new token, and get_or_create
            # settles two requests creating one at the same moment.
            Token.objects.filter(pk=token.pk).delete()
            token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


def _dua_faktor(request: Request, user: Any, kode: str) -> Response | None:
    """The password alone never yields a token where the web login asks for more (docs/api.md): a user with an
    authenticator sends a code too (counted like the login page's), and a user whose role requires one and who has
    none is refused until they enrol."""
    if akun_services.punya_dua_faktor(user):
        if not kode:
            return Response(
                {"detail": "Akun ini memakai verifikasi dua langkah: kirim juga `kode`."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            hasil = akun_services.periksa_kode(pengguna=user, kode=kode)
        except akun_services.KodeTerkunci as exc:
            return Response(
                {
                    "detail": f"Terlalu banyak kode verifikasi salah: dikunci sampai {exc.sampai:%Y-%m-%d %H:%M} UTC."
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if hasil.cocok:
            return None
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
        pesan = (
            "Kode verifikasi salah."
            if kode
            else "Akun ini memakai verifikasi dua langkah: kirim juga `kode`."
        )
        return Response({"detail": pesan}, status=status.HTTP_400_BAD_REQUEST)
    if akun_services.wajib_dua_faktor(user):
        return Response(
            {
                "detail": "Peran Anda mewajibkan verifikasi dua langkah. Aktifkan di halaman Keamanan akun "
                "sebelum meminta token API."
            },
            status=status.HTTP_403_FORBIDDEN,
        )
    return None
