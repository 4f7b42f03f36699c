from django.urls import path

from sakip.akun import views

app_name = "akun"

urlpatterns = [
    path("keamanan/", views.keamanan, name="keamanan"),
    path("keamanan/daftar/", views.daftar, name="daftar"),
    path("keamanan/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("keamanan/kode-pemulihan/", views.kode_pemulihan, name="kode_pemulihan"),
    path("keamanan/nonaktifkan/", views.nonaktifkan, name="nonaktifkan"),
    path("kebijakan/", views.kebijakan, name="kebijakan"),
    path("pengguna/", views.pengguna, name="pengguna"),
    path("pengguna/<int:pk>/atur-ulang/", views.atur_ulang, name="atur_ulang"),
]
