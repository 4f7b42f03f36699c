from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views as config_views
from sakip.akun import views as akun_views
from sakip.organisasi import views as organisasi_views

urlpatterns = [
    path("", organisasi_views.beranda, name="beranda"),
    path("sehat/", config_views.sehat, name="sehat"),
    path("organisasi/", include("sakip.organisasi.urls")),
    path("profil/", include("sakip.profil.urls")),
    path("perencanaan/", include("sakip.perencanaan.urls")),
    path("anggaran/", include("sakip.anggaran.urls")),
    path("pengukuran/", include("sakip.pengukuran.urls")),
    path("survei/", include("sakip.survei.urls")),
    path("evaluasi/", include("sakip.evaluasi.urls")),
    path("laporan/", include("sakip.pelaporan.urls")),
    path("rpjmd/", include("sakip.rpjmd.urls")),
    path("api/", include("sakip.api.urls")),
    path("akun/", include("sakip.akun.urls")),
    path("notifikasi/", include("sakip.notifikasi.urls")),
    path("antrean/", include("sakip.antrean.urls")),
    # Login in two steps when the user has a second factor (sakip.akun).
    path("masuk/", akun_views.MasukView.as_view(), name="login"),
    path("masuk/kode/", akun_views.masuk_kode, name="masuk_kode"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("arsip/", include("sakip.publikasi.urls")),
    path("publik/", include("sakip.publikasi.urls_portal")),
]
