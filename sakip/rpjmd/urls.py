from django.urls import path

from sakip.rpjmd import views, views_excel

app_name = "rpjmd"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/perubahan/", views.perubahan, name="perubahan"),
    path("versi/<int:pk>/", views.versi, name="versi"),
    path("<int:pk>/elemen/<slug:jenis>/baru/", views.elemen_baru, name="elemen_baru"),
    path("elemen/<slug:jenis>/<int:pk>/ubah/", views.elemen_ubah, name="elemen_ubah"),
    path("elemen/<slug:jenis>/<int:pk>/hapus/", views.elemen_hapus, name="elemen_hapus"),
    path("<int:pk>/dukungan/", views.dukungan, name="dukungan"),
    path("dukungan/<int:pk>/hapus/", views.dukungan_hapus, name="dukungan_hapus"),
    path("<int:pk>/pohon/", views.pohon, name="pohon"),
    path("<int:pk>/pohon.png", views.pohon_png, name="pohon_png"),
    path("<int:pk>/pohon.pdf", views.pohon_pdf, name="pohon_pdf"),
    path("<int:pk>/ekspor.xlsx", views_excel.ekspor, name="ekspor"),
    path("<int:pk>/impor/", views_excel.impor, name="impor"),
    path("pk-individu/", views.pk_individu_daftar, name="pk_individu_daftar"),
    path("pk-individu/baru/", views.pk_individu_baru, name="pk_individu_baru"),
    path("pk-individu/<int:pk>/", views.pk_individu_detail, name="pk_individu_detail"),
    path("pk-individu/<int:pk>/ubah/", views.pk_individu_ubah, name="pk_individu_ubah"),
    path("pk-individu/<int:pk>/indikator/", views.pk_individu_indikator, name="pk_individu_indikator"),
    path(
        "indikator-individu/<int:pk>/hapus/", views.indikator_individu_hapus, name="indikator_individu_hapus"
    ),
    path("<int:pk>/pk-kepala-daerah/baru/", views.pk_kd_baru, name="pk_kd_baru"),
    path("pk-kepala-daerah/<int:pk>/", views.pk_kd_detail, name="pk_kd_detail"),
    path("pk-kepala-daerah/<int:pk>/ubah/", views.pk_kd_ubah, name="pk_kd_ubah"),
    path("pk-kepala-daerah/<int:pk>/finalkan/", views.pk_kd_finalkan, name="pk_kd_finalkan"),
]
