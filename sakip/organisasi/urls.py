from django.urls import path

from sakip.organisasi import views

app_name = "organisasi"

urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
]
