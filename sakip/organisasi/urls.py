from django.urls import path

from sakip.organisasi import views

app_name = "organisasi"

urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/baru/", views.unit_create, name="unit_create"),
    path("unit/<int:pk>/ubah/", views.unit_update, name="unit_update"),
    path("unit/<int:pk>/tutup/", views.unit_close, name="unit_close"),
    path("pengguna/", views.pengguna_list, name="pengguna_list"),
    path("pengguna/baru/", views.pengguna_create, name="pengguna_create"),
    path("pengguna/<int:pk>/", views.pengguna_detail, name="pengguna_detail"),
    path("pengguna/<int:pk>/aktif/", views.pengguna_aktif, name="pengguna_aktif"),
    path("pengguna/<int:pk>/atur-ulang-sandi/", views.pengguna_sandi, name="pengguna_sandi"),
    path("penugasan/<int:pk>/cabut/", views.penugasan_withdraw, name="penugasan_withdraw"),
    path("ganti-sandi/", views.ganti_sandi, name="ganti_sandi"),
    # The roster of officials who sign (issue #20 point 1).
    path("pejabat/", views.pejabat_list, name="pejabat_list"),
    path("pejabat/baru/", views.pejabat_create, name="pejabat_create"),
    path("pejabat/<int:pk>/ubah/", views.pejabat_update, name="pejabat_update"),
    path("pejabat/<int:pk>/akhiri/", views.pejabat_end, name="pejabat_end"),
]
