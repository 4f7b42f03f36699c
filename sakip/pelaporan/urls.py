from django.urls import path

from sakip.pelaporan import (
    pk_kepala_daerah,
    views,
    views_audit,
    views_cari,
    views_dokumen,
    views_lkjip_pemda,
    views_pembuatan,
    views_pengaturan,
)

app_name = "pelaporan"

urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("lkjip/<int:pk>/<tahun:tahun>/docx/", views.lkjip_docx, name="lkjip_docx"),
    path("lkjip/<int:pk>/<tahun:tahun>/pdf/", views.lkjip_pdf, name="lkjip_pdf"),
    path("lkjip/<int:pk>/<tahun:tahun>/xlsx/", views.lkjip_xlsx, name="lkjip_xlsx"),
    path("lkjip/<int:pk>/<tahun:tahun>/buat/", views_pembuatan.buat_lkjip, name="lkjip_buat"),
    path("pembuatan/<int:pk>/", views_pembuatan.pembuatan_halaman, name="pembuatan_halaman"),
    path("pembuatan/<int:pk>/status/", views_pembuatan.pembuatan_status, name="pembuatan_status"),
    path("pembuatan/<int:pk>/unduh/", views_pembuatan.pembuatan_unduh, name="pembuatan_unduh"),
    path("teks/<int:unit_id>/<tahun:tahun>/", views.teks, name="teks"),
    path("pk/<int:pk>/docx/", views.pk_docx, name="pk_docx"),
    path("pk/<int:pk>/pdf/", views_dokumen.pk_pdf, name="pk_pdf"),
    path("iku/<int:pk>/docx/", views_dokumen.iku_docx, name="iku_docx"),
    path("iku/<int:pk>/pdf/", views_dokumen.iku_pdf, name="iku_pdf"),
    path("iku/<int:pk>/ubah/", views_dokumen.iku_ubah, name="iku_ubah"),
    path("pk/<int:pk>/buat/", views_pembuatan.buat_pk, name="pk_buat"),
    path("iku/<int:pk>/buat/", views_pembuatan.buat_keputusan, name="iku_buat"),
    path("pengaturan/", views_pengaturan.pengaturan, name="pengaturan"),
    path("pengaturan/<int:pemda_id>/", views_pengaturan.pengaturan_pemda, name="pengaturan_pemda"),
    path("pengaturan/<int:pemda_id>/logo.png", views_pengaturan.logo, name="logo"),
    path("lhe/<int:pk>/docx/", views_dokumen.lhe_docx, name="lhe_docx"),
    path("lhe/<int:pk>/pdf/", views_dokumen.lhe_pdf, name="lhe_pdf"),
    path("audit/", views_audit.audit_lkjip, name="audit"),
    path("audit/templat/", views_audit.audit_templat, name="audit_templat"),
    path("cari/", views_cari.cari, name="cari"),
    # The PK of the kepala daerah (issue #25), built like a unit's PK.
    path("pk-kepala-daerah/<int:pk>/docx/", pk_kepala_daerah.pk_kd_docx, name="pk_kd_docx"),
    path("pk-kepala-daerah/<int:pk>/pdf/", pk_kepala_daerah.pk_kd_pdf, name="pk_kd_pdf"),
    # The LKjIP of the pemda itself (issue #25), by its RPJMD and the year.
    path("lkjip-pemda/<int:pk>/<tahun:tahun>/", views_lkjip_pemda.halaman, name="lkjip_pemda"),
    path("lkjip-pemda/<int:pk>/<tahun:tahun>/docx/", views_lkjip_pemda.docx, name="lkjip_pemda_docx"),
    path("lkjip-pemda/<int:pk>/<tahun:tahun>/buat/", views_lkjip_pemda.buat, name="lkjip_pemda_buat"),
    path("lkjip-pemda/<int:pk>/<tahun:tahun>/teks/", views_lkjip_pemda.teks, name="lkjip_pemda_teks"),
    path(
        "lkjip-pemda/<int:pk>/<tahun:tahun>/penyusun/",
        views_lkjip_pemda.penyusun,
        name="lkjip_pemda_penyusun",
    ),
]
