from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "provinsi"]
    search_fields = ["kode", "nama"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "eselon", "pemda", "induk"]
    list_filter = ["pemda", "jenis"]
    search_fields = ["kode", "nama", "singkatan"]
    list_select_related = ["pemda", "induk"]
    readonly_fields = ["jalur"]


class PenugasanInline(admin.TabularInline):
    model = Penugasan
    extra = 0
    autocomplete_fields = ["unit_kerja"]


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    inlines = [PenugasanInline]
    fieldsets = (*UserAdmin.fieldsets, ("Kepegawaian", {"fields": ["nip", "jabatan"]}))


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    list_display = ["pengguna", "peran", "pemda", "unit_kerja"]
    list_filter = ["peran", "pemda"]
    list_select_related = ["pengguna", "pemda", "unit_kerja"]
    autocomplete_fields = ["pengguna", "unit_kerja"]
