from django.urls import path

from sakip.pelaporan import views

app_name = "pelaporan"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("lkjip/<int:pk>/<int:tahun>/docx/", views.lkjip_docx, name="lkjip_docx"),
    path("lkjip/<int:pk>/<int:tahun>/pdf/", views.lkjip_pdf, name="lkjip_pdf"),
    path("teks/<int:unit_id>/<int:tahun>/", views.teks, name="teks"),
    path("pk/<int:pk>/docx/", views.pk_docx, name="pk_docx"),
]
