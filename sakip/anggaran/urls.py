from django.urls import path

from sakip.anggaran import views

app_name = "anggaran"

XLSX = {"xlsx": True}

urlpatterns = [
    path("", views.pohon, name="pohon"),
    path("per-sasaran/", views.tabel_2_5, name="tabel_2_5"),
    path("per-sasaran/xlsx/", views.tabel_2_5, XLSX, name="tabel_2_5_xlsx"),
    path("efisiensi/", views.tabel_3_16, name="tabel_3_16"),
    path("efisiensi/xlsx/", views.tabel_3_16, XLSX, name="tabel_3_16_xlsx"),
    path("program-prioritas/", views.tabel_3_17, name="tabel_3_17"),
    path("program-prioritas/xlsx/", views.tabel_3_17, XLSX, name="tabel_3_17_xlsx"),
    path("realisasi-pk/", views.tabel_3_18, name="tabel_3_18"),
    path("realisasi-pk/xlsx/", views.tabel_3_18, XLSX, name="tabel_3_18_xlsx"),
    path("rincian/", views.tabel_3_19, name="tabel_3_19"),
    path("rincian/xlsx/", views.tabel_3_19, XLSX, name="tabel_3_19_xlsx"),
    path("sub-kegiatan/<int:pk>/<tahun:tahun>/", views.anggaran_detail, name="anggaran_detail"),
    path("sub-kegiatan/<int:pk>/<tahun:tahun>/ubah/", views.anggaran_ubah, name="anggaran_ubah"),
    path("sub-kegiatan/<int:pk>/<tahun:tahun>/bulanan/", views.anggaran_bulanan, name="anggaran_bulanan"),
    path("program/<int:pk>/<tahun:tahun>/kinerja/", views.kinerja_program, name="kinerja_program"),
    path("kegiatan/<int:pk>/<tahun:tahun>/kinerja/", views.kinerja_kegiatan, name="kinerja_kegiatan"),
    path("impor/", views.impor, name="impor"),
    path("impor/terapkan/", views.impor_terapkan, name="impor_terapkan"),
    path("impor/templat/", views.impor_templat, name="impor_templat"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
    path("impor-sipd/", views.impor_sipd, name="impor_sipd"),
    path("impor-sipd/terapkan/", views.impor_sipd_terapkan, name="impor_sipd_terapkan"),
    path("kode-sipd/", views.kode_sipd, name="kode_sipd"),
]
