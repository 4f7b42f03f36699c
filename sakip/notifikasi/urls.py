from django.urls import path

from sakip.notifikasi import views

app_name = "notifikasi"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("jumlah/", views.jumlah, name="jumlah"),
    path("<int:pk>/baca/", views.baca, name="baca"),
    path("baca-semua/", views.baca_semua, name="baca_semua"),
    path("preferensi/", views.preferensi, name="preferensi"),
    path("berhenti/<str:token>/", views.berhenti, name="berhenti"),
    path("webhook/", views.webhook, name="webhook"),
]
