from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from sakip.api import token, views, views_aturan, views_kelola, views_rpjmd

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("renstra", views.RenstraViewSet, basename="renstra")
router.register("indikator", views.IndikatorViewSet, basename="indikator")
router.register("target", views.TargetViewSet, basename="target")
router.register("realisasi", views.RealisasiViewSet, basename="realisasi")
router.register("data-dukung", views.DataDukungViewSet, basename="data-dukung")
router.register("anggaran", views.AnggaranViewSet, basename="anggaran")
router.register("survei", views.SurveiViewSet, basename="survei")
# The pemda's own rules (settings area of the admin pemda).
router.register(
    "pengaturan-pengukuran", views_aturan.PengaturanPengukuranViewSet, basename="pengaturan-pengukuran"
)
router.register("skala-kategori", views_aturan.SkalaKategoriViewSet, basename="skala-kategori")
router.register("aturan-validasi", views_aturan.AturanValidasiViewSet, basename="aturan-validasi")
router.register("satuan", views_aturan.SatuanViewSet, basename="satuan")
router.register("unit-kerja", views.UnitKerjaViewSet, basename="unit-kerja")
router.register("tujuan", views.TujuanViewSet, basename="tujuan")
router.register("sasaran", views.SasaranViewSet, basename="sasaran")
router.register("program", views_kelola.ProgramTulisViewSet, basename="program")
router.register("nomenklatur", views.NomenklaturViewSet, basename="nomenklatur")
# The admin pemda's accounts and roles, the programs' kegiatan and sub kegiatan, the officials (issue #20 point 5).
router.register("kegiatan", views_kelola.KegiatanViewSet, basename="kegiatan")
router.register("sub-kegiatan", views_kelola.SubKegiatanViewSet, basename="sub-kegiatan")
router.register("pengguna", views_kelola.PenggunaViewSet, basename="pengguna")
router.register("penugasan", views_kelola.PenugasanViewSet, basename="penugasan")
router.register("pejabat", views_kelola.PejabatViewSet, basename="pejabat")
# The pemda's RPJMD, its cascade and individual PK (issue #25).
router.register("rpjmd", views_rpjmd.RpjmdViewSet, basename="rpjmd")
router.register("rpjmd-misi", views_rpjmd.MisiViewSet, basename="rpjmd-misi")
router.register("rpjmd-tujuan", views_rpjmd.TujuanDaerahViewSet, basename="rpjmd-tujuan")
router.register("rpjmd-sasaran", views_rpjmd.SasaranDaerahViewSet, basename="rpjmd-sasaran")
router.register("rpjmd-indikator", views_rpjmd.IndikatorDaerahViewSet, basename="rpjmd-indikator")
router.register("rpjmd-dukungan", views_rpjmd.DukunganViewSet, basename="rpjmd-dukungan")
router.register("pk-individu", views_rpjmd.PKIndividuViewSet, basename="pk-individu")
router.register("pk-kepala-daerah", views_rpjmd.PKKepalaDaerahViewSet, basename="pk-kepala-daerah")

urlpatterns = [
    path("token/", token.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from its own URL: no inline script under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
