from django.urls import path

from sakip.publikasi import views

app_name = "publikasi"

urlpatterns = [
    path("", views.arsip, name="arsip"),
    path("<slug:jenis>/<int:objek>/<tahun:tahun>/", views.dokumen, name="dokumen"),
    path("<slug:jenis>/<int:objek>/<tahun:tahun>/unggah/", views.unggah, name="unggah"),
    path("<slug:jenis>/<int:objek>/<tahun:tahun>/terbitkan/", views.terbitkan, name="terbitkan"),
    path("<slug:jenis>/<int:objek>/<tahun:tahun>/tarik/", views.tarik, name="tarik"),
    path("berkas/<int:pk>/", views.unduh, name="unduh"),
]
