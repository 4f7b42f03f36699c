from django.urls import path

from sakip.perencanaan import views, views_impor, views_nomenklatur, views_program

app_name = "perencanaan"

urlpatterns = [
    path("", views.renstra_list, name="renstra_list"),
    path("renstra/baru/", views.renstra_create, name="renstra_create"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra_detail"),
    path("renstra/<int:pk>/tujuan/baru/", views.tujuan_create, name="tujuan_create"),
    path("renstra/<int:pk>/sasaran/baru/", views.sasaran_create, name="sasaran_create"),
    path("renstra/<int:pk>/indikator/baru/", views.indikator_create, name="indikator_create"),
    path("renstra/<int:pk>/pohon-kinerja/", views.pohon_kinerja, name="pohon_kinerja"),
    path("indikator/<int:pk>/", views.indikator_detail, name="indikator_detail"),
    path("indikator/<int:pk>/ubah/", views.indikator_update, name="indikator_update"),
    path("program/", views.program_list, name="program_list"),
    path("pk/", views.pk_list, name="pk_list"),
    path("pk/baru/", views.pk_create, name="pk_create"),
    path("pk/<int:pk>/", views.pk_detail, name="pk_detail"),
    path("pk/<int:pk>/simpan/", views.pk_update, name="pk_update"),
    path("pk/<int:pk>/finalkan/", views.pk_finalize, name="pk_finalize"),
    path("pk/<int:pk>/revisi/", views.pk_revise, name="pk_revise"),
    path("pk/indikator/<int:pk>/rencana-aksi/", views.rencana_aksi, name="rencana_aksi"),
]

urlpatterns += [
    path("impor/", views_impor.impor, name="impor"),
    path("impor/simpan/", views_impor.impor_terapkan, name="impor_terapkan"),
    path("templat/", views_impor.templat, name="templat"),
    path("renstra/<int:pk>/ekspor/", views_impor.ekspor_renstra, name="renstra_ekspor"),
    path("pk/<int:pk>/ekspor/", views_impor.ekspor_pk, name="pk_ekspor"),
]

from sakip.perencanaan import views_satuan  # noqa: E402  (the pemda's list of satuan, issue #18)

urlpatterns += [path("satuan/", views_satuan.satuan_daftar, name="satuan")]
urlpatterns += [
    path("tujuan/<int:pk>/ubah/", views.tujuan_update, name="tujuan_update"),
    path("tujuan/<int:pk>/hapus/", views.tujuan_delete, name="tujuan_delete"),
    path("sasaran/<int:pk>/ubah/", views.sasaran_update, name="sasaran_update"),
    path("sasaran/<int:pk>/hapus/", views.sasaran_delete, name="sasaran_delete"),
    path("indikator/<int:pk>/hapus/", views.indikator_delete, name="indikator_delete"),
    path("renstra/<int:pk>/perubahan/", views.renstra_perubahan, name="renstra_perubahan"),
    path("renstra/versi/<int:pk>/", views.renstra_versi, name="renstra_versi"),
    path(
        "kegiatan/<int:pk>/sub-kegiatan/baru/", views_program.sub_kegiatan_create, name="sub_kegiatan_create"
    ),
]

# Programs, kegiatan and sub kegiatan (issue #20 point 3).
urlpatterns += [
    path("renstra/<int:pk>/program/baru/", views_program.program_create, name="program_create"),
    path("program/<int:pk>/", views_program.program_detail, name="program_detail"),
    path("program/<int:pk>/ubah/", views_program.program_update, name="program_update"),
    path("program/<int:pk>/hapus/", views_program.program_delete, name="program_delete"),
    path("program/<int:pk>/kegiatan/baru/", views_program.kegiatan_create, name="kegiatan_create"),
    path("kegiatan/<int:pk>/ubah/", views_program.kegiatan_update, name="kegiatan_update"),
    path("kegiatan/<int:pk>/hapus/", views_program.kegiatan_delete, name="kegiatan_delete"),
    path("sub-kegiatan/<int:pk>/ubah/", views_program.sub_kegiatan_update, name="sub_kegiatan_update"),
    path("sub-kegiatan/<int:pk>/hapus/", views_program.sub_kegiatan_delete, name="sub_kegiatan_delete"),
]
# The nomenclature master: versions read by all, imported from Excel by a superuser (issue #20 point 3).
urlpatterns += [
    path("nomenklatur/", views_nomenklatur.nomenklatur_daftar, name="nomenklatur_daftar"),
    path("nomenklatur/impor/", views_nomenklatur.nomenklatur_impor, name="nomenklatur_impor"),
    path(
        "nomenklatur/impor/simpan/",
        views_nomenklatur.nomenklatur_impor_terapkan,
        name="nomenklatur_impor_terapkan",
    ),
]
