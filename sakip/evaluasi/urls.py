from django.urls import path

from sakip.evaluasi import views, views_lke, views_skema

app_name = "evaluasi"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("unit/<int:pk>/", views.unit, name="unit"),
    path("unit/<int:pk>/xlsx/", views.unit_xlsx, name="unit_xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/nilai/", views.isi_nilai, name="nilai"),
    path("<int:pk>/rekomendasi/baru/", views.rekomendasi_baru, name="rekomendasi_baru"),
    path("rekomendasi/<int:pk>/", views.tindak_lanjut, name="tindak_lanjut"),
    path("rekomendasi/<int:pk>/ubah/", views.rekomendasi_ubah, name="rekomendasi_ubah"),
    path("tindak-lanjut/terlambat/", views.terlambat, name="terlambat"),
    path("skema/", views.skema_daftar, name="skema_daftar"),
    path("skema/<int:pk>/", views.skema_detail, name="skema_detail"),
    path("skema/<int:pk>/salin/", views_skema.salin, name="skema_salin"),
    path("skema/<int:pk>/bobot/", views_skema.bobot, name="skema_bobot"),
    path("skema/sub/<int:pk>/kriteria-baru/", views_skema.kriteria_baru, name="kriteria_baru"),
    path("skema/kriteria/<int:pk>/ubah/", views_skema.kriteria_ubah, name="kriteria_ubah"),
    path("skema/kriteria/<int:pk>/hapus/", views_skema.kriteria_hapus, name="kriteria_hapus"),
    path("skema/tahun/", views_skema.skema_tahun, name="skema_tahun"),
    path("lke/", views_lke.putaran_daftar, name="putaran_daftar"),
    path("lke/baru/", views_lke.putaran_baru, name="putaran_baru"),
    path("lke/<int:pk>/", views_lke.putaran_detail, name="putaran_detail"),
    path("lke/lembar/<int:pk>/", views_lke.lembar, name="lembar"),
    path("lke/lembar/<int:pk>/ajukan/", views_lke.ajukan, name="lembar_ajukan"),
    path("lke/lembar/<int:pk>/isi-otomatis/", views_lke.isi_otomatis, name="lembar_isi_otomatis"),
    path("lke/lembar/<int:pk>/kembalikan/", views_lke.kembalikan, name="lembar_kembalikan"),
    path("lke/lembar/<int:pk>/teruskan/", views_lke.teruskan, name="lembar_teruskan"),
    path("lke/lembar/<int:pk>/riwayat/", views_lke.riwayat, name="lembar_riwayat"),
    path("lke/lembar/<int:pk>/kriteria/<int:kriteria_pk>/bukti/", views_lke.bukti, name="lembar_bukti"),
    path("lke/bukti/<int:pk>/lepas/", views_lke.bukti_lepas, name="bukti_lepas"),
    path("lke/lembar/<int:pk>/xlsx/", views_lke.lembar_xlsx, name="lembar_xlsx"),
    path("lke/<int:pk>/rekap.xlsx", views_lke.rekap_xlsx, name="putaran_rekap_xlsx"),
    path("lke/<int:pk>/bukti.xlsx", views_lke.bukti_xlsx, name="putaran_bukti_xlsx"),
]
