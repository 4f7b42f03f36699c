from django.urls import path

from sakip.pengukuran import views

app_name = "pengukuran"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("xlsx/", views.dasbor_xlsx, name="dasbor_xlsx"),
    path("renstra/<int:pk>/", views.dasbor_renstra, name="dasbor_renstra"),
    path("renstra/<int:pk>/xlsx/", views.dasbor_renstra_xlsx, name="dasbor_renstra_xlsx"),
    path("indikator/<int:pk>/", views.indikator, name="indikator"),
    path("indikator/<int:pk>/simpan/", views.simpan_realisasi, name="simpan_realisasi"),
    path("indikator/<int:pk>/pratinjau/", views.pratinjau, name="pratinjau"),
    path("indikator/<int:pk>/narasi/", views.simpan_narasi, name="simpan_narasi"),
    path("realisasi/<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("realisasi/<int:pk>/kembalikan/", views.kembalikan, name="kembalikan"),
    path("realisasi/<int:pk>/verifikasi/", views.verifikasi, name="verifikasi"),
    path("realisasi/<int:pk>/buka-verifikasi/", views.buka_verifikasi, name="buka_verifikasi"),
    path("realisasi/<int:pk>/data-dukung/", views.unggah, name="unggah"),
    path("data-dukung/<int:pk>/unduh/", views.unduh, name="unduh"),
    path("kelengkapan/", views.kelengkapan, name="kelengkapan"),
    path("kualitas-data/", views.kualitas_data, name="kualitas_data"),
    path("kunci/", views.kunci, name="kunci"),
]

from sakip.pengukuran import views_aturan  # noqa: E402  (the pemda's own rules)

urlpatterns += [
    path("pengaturan/", views_aturan.pengaturan, name="pengaturan"),
    path("skala/", views_aturan.skala_daftar, name="skala_daftar"),
    path("skala/<int:pk>/", views_aturan.skala_detail, name="skala_detail"),
    path("aturan/", views_aturan.aturan_daftar, name="aturan_daftar"),
    path("aturan/<int:pk>/", views_aturan.aturan_detail, name="aturan_detail"),
]
