from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sakip.evaluasi.models import EvaluasiAkip, KomponenSkema, NilaiKomponen, Rekomendasi, SkemaEvaluasi


class KomponenInline(admin.TabularInline):
    model = KomponenSkema
    fk_name = "skema"
    extra = 0
    fields = ["urutan", "kode", "nama", "bobot", "induk"]


@admin.register(SkemaEvaluasi)
class SkemaEvaluasiAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "pemda"]
    list_filter = ["pemda"]
    inlines = [KomponenInline]


class NilaiInline(admin.TabularInline):
    model = NilaiKomponen
    extra = 0


class RekomendasiInline(admin.StackedInline):
    model = Rekomendasi
    extra = 0


@admin.register(EvaluasiAkip)
class EvaluasiAkipAdmin(SimpleHistoryAdmin):
    list_display = ["unit_kerja", "tahun", "skema", "lembaga"]
    list_filter = ["tahun", "skema", "unit_kerja__pemda"]
    list_select_related = ["unit_kerja", "skema"]
    inlines = [NilaiInline, RekomendasiInline]


@admin.register(NilaiKomponen)
class NilaiKomponenAdmin(SimpleHistoryAdmin):
    list_display = ["evaluasi", "komponen", "nilai"]
    list_select_related = ["evaluasi__unit_kerja", "komponen"]


@admin.register(Rekomendasi)
class RekomendasiAdmin(SimpleHistoryAdmin):
    list_display = ["evaluasi", "urutan", "komponen", "status", "batas_waktu"]
    list_filter = ["status"]
    list_select_related = ["evaluasi__unit_kerja", "komponen"]
