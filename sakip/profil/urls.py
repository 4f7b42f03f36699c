from django.urls import path

from sakip.profil import views

app_name = "profil"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:unit_id>/bagan.png", views.bagan_png, name="bagan"),
    path("<int:unit_id>/<tahun:tahun>/", views.detail, name="detail"),
    path("<int:unit_id>/<tahun:tahun>/uraian/", views.ubah_uraian, name="ubah_uraian"),
    path("<int:unit_id>/<tahun:tahun>/pegawai/", views.ubah_pegawai, name="ubah_pegawai"),
    path("<int:unit_id>/<tahun:tahun>/sarana/", views.ubah_sarana, name="ubah_sarana"),
    path("<int:unit_id>/<tahun:tahun>/impor/", views.impor, name="impor"),
    path("<int:unit_id>/<tahun:tahun>/impor/terapkan/", views.impor_terapkan, name="impor_terapkan"),
    path("<int:unit_id>/<tahun:tahun>/templat.xlsx", views.templat, name="templat"),
    path("<int:unit_id>/<tahun:tahun>/ekspor.xlsx", views.ekspor, name="ekspor"),
    path("<int:unit_id>/<tahun:tahun>/salin/", views.salin, name="salin"),
    path("<int:unit_id>/<tahun:tahun>/riwayat/", views.riwayat_view, name="riwayat"),
    path("<int:unit_id>/<tahun:tahun>/grafik/<slug:jenis>.png", views.grafik_png, name="grafik"),
]
