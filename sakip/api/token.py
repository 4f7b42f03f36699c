"""`POST /api/token/`: a user's API token for their user name and password, behind the same brute-force lockout
(django-axes) as the login page."""

from __future__ import annotations

from django.contrib.auth import authenticate, user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

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
            400: OpenApiResponse(description="Nama pengguna atau kata sandi salah"),
            429: OpenApiResponse(description="Dikunci sementara setelah terlalu banyak percobaan gagal"),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = s.MasukSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes needs the request: it counts failures per user name and address and refuses a locked pair
        # (setting `axes_locked_out` on it) before the password is even checked.
        user = authenticate(request=request, **serializer.validated_data)
        if getattr(request, "axes_locked_out", False):
            return Response({"detail": TERKUNCI}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None or not user.is_active:
            return Response(
                {"detail": "Nama pengguna atau kata sandi salah."}, status=status.HTTP_400_BAD_REQUEST
            )
        # As a login: axes resets the user's failure count, Django records last_login.
        user_logged_in.send(sender=type(user), request=request, user=user)
        token, _ = Token.objects.get_or_create(user=user)
        if kedaluwarsa(token):
            # By its key: a simultaneous request that already replaced it keeps its new token, and get_or_create
            # settles two requests creating one at the same moment.
            Token.objects.filter(pk=token.pk).delete()
            token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
