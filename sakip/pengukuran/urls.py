from django.urls import path

from sakip.pengukuran import views, views_isian, views_tugas, views_unit

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
    path("data-dukung/<int:pk>/lihat/", views.lihat, name="lihat"),
    path("data-dukung/<int:pk>/hapus/", views.hapus_dokumen, name="hapus_dokumen"),
    path("realisasi/<int:pk>/data-dukung/lepas/", views.lepas, name="lepas"),
    path("unit/", views_unit.ruang_kerja_saya, name="ruang_kerja_saya"),
    path("unit/<int:pk>/", views_unit.ruang_kerja, name="ruang_kerja"),
    path("unit/<int:pk>/dasbor/", views_unit.dasbor_unit, name="dasbor_unit"),
    path("unit/<int:pk>/monev.xlsx", views_unit.ruang_kerja_monev_xlsx, name="ruang_kerja_monev_xlsx"),
    path("unit/<int:pk>/isian/", views_isian.isian_massal, name="isian_massal"),
    path("unit/<int:pk>/isian/templat.xlsx", views_isian.isian_templat, name="isian_templat"),
    path("unit/<int:pk>/isian/impor/", views_isian.isian_impor, name="isian_impor"),
    path("verifikasi/", views_tugas.kotak_verifikasi, name="kotak_verifikasi"),
    path("verifikasi/massal/", views_tugas.verifikasi_massal, name="verifikasi_massal"),
]

from sakip.pengukuran import views_aturan  # noqa: E402  (the pemda's own rules)

urlpatterns += [
    path("pengaturan/", views_aturan.pengaturan, name="pengaturan"),
    path("skala/", views_aturan.skala_daftar, name="skala_daftar"),
    path("skala/<int:pk>/", views_aturan.skala_detail, name="skala_detail"),
    path("aturan/", views_aturan.aturan_daftar, name="aturan_daftar"),
    path("aturan/<int:pk>/", views_aturan.aturan_detail, name="aturan_detail"),
]

from sakip.pengukuran import views_ikhtisar  # noqa: E402  (the overview grouped by pemda, issue #24)

urlpatterns += [
    path("ikhtisar/", views_ikhtisar.ikhtisar, name="ikhtisar"),
]
