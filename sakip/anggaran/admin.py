from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.anggaran.models import (
    AnggaranSubKegiatan,
    KinerjaProgramKegiatan,
    PengaturanAnggaran,
    RealisasiBulanan,
)


class RealisasiBulananInline(admin.TabularInline):
    model = RealisasiBulanan
    extra = 0


@admin.register(AnggaranSubKegiatan)
class AnggaranSubKegiatanAdmin(SimpleHistoryAdmin):
    list_display = ["sub_kegiatan", "tahun", "jenis_belanja", "pagu", "realisasi"]
    list_filter = ["tahun", "jenis_belanja"]
    search_fields = ["sub_kegiatan__kode", "sub_kegiatan__nama"]
    list_select_related = ["sub_kegiatan"]
    raw_id_fields = ["sub_kegiatan"]
    inlines = [RealisasiBulananInline]


@admin.register(KinerjaProgramKegiatan)
class KinerjaProgramKegiatanAdmin(SimpleHistoryAdmin):
    list_display = ["program", "kegiatan", "tahun", "target", "realisasi", "satuan"]
    list_filter = ["tahun"]
    list_select_related = ["program", "kegiatan"]
    raw_id_fields = ["program", "kegiatan"]


@admin.register(PengaturanAnggaran)
class PengaturanAnggaranAdmin(SimpleHistoryAdmin):
    list_display = ["pemda", "metode_efisiensi"]
