from django.urls import path

from sakip.antrean import views

app_name = "antrean"

urlpatterns = [
    path("impor/<int:pk>/", views.impor, name="impor"),
    path("impor/<int:pk>/simpan/", views.impor_terapkan, name="impor_terapkan"),
]
