from django.urls import path

from sakip.survei import views

app_name = "survei"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.baru, name="baru"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/xlsx/", views.detail_xlsx, name="detail_xlsx"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/qr.svg", views.qr, name="qr"),
    path("<int:pk>/tautan/", views.tautan, name="tautan"),
    path("<int:pk>/tautan/lepas/", views.lepas, name="lepas"),
    path("<int:pk>/usulan/terima/", views.terima_usulan, name="terima_usulan"),
    path("<int:pk>/impor/", views.impor, name="impor"),
    path("<int:pk>/impor/terapkan/", views.impor_terapkan, name="impor_terapkan"),
    path("<int:pk>/impor/templat/", views.templat, name="templat"),
    # Public: no login; the UUID is the unguessable link printed as a QR code.
    path("isi/<uuid:kode>/", views.isi, name="isi"),
    path("isi/<uuid:kode>/terima-kasih/", views.terima_kasih, name="terima_kasih"),
]
