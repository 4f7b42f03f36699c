from django.urls import path

from sakip.publikasi import views_portal

app_name = "publik"

urlpatterns = [
    path("", views_portal.indeks, name="indeks"),
    path("<slug:pemda>/", views_portal.beranda, name="beranda"),
    path("<slug:pemda>/kelengkapan/", views_portal.kelengkapan, name="kelengkapan"),
    path("<slug:pemda>/unit/<int:unit>/", views_portal.unit, name="unit"),
    path("<slug:pemda>/dokumen/<int:pk>/", views_portal.dokumen, name="dokumen"),
    path("<slug:pemda>/dokumen/<int:pk>/unduh/", views_portal.unduh, name="unduh"),
]
