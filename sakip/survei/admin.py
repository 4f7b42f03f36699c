from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.survei.models import Respons, Survei


@admin.register(Survei)
class SurveiAdmin(SimpleHistoryAdmin):
    list_display = ["nama", "unit_kerja", "tahun", "periode", "metode", "bobot", "aktif", "indikator"]
    list_filter = ["tahun", "periode", "metode", "aktif"]
    search_fields = ["nama", "unit_kerja__nama"]
    raw_id_fields = ["unit_kerja", "indikator", "ditautkan_oleh", "dibuat_oleh"]
    readonly_fields = ["kode", "galat_tautan"]


@admin.register(Respons)
class ResponsAdmin(admin.ModelAdmin):
    """Read-only: responses are evidence; a change here would bypass the IKU recomputation."""

    list_display = ["pk", "survei", "sumber", "diisi_pada"]
    list_filter = ["sumber"]
    raw_id_fields = ["survei"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
