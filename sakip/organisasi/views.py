from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sakip.organisasi import access
from sakip.organisasi.models import Penugasan, UnitKerja, urut_pohon


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    penugasan = Penugasan.objects.filter(pengguna=request.user).select_related("pemda", "unit_kerja")
    units = urut_pohon(list(UnitKerja.objects.visible_to(request.user).select_related("pemda")))
    return render(
        request,
        "organisasi/beranda.html",
        {"penugasan": penugasan, "units": units, "cakupan": access.scope_of(request.user)},
    )


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = urut_pohon(list(UnitKerja.objects.visible_to(request.user).select_related("pemda")))
    return render(request, "organisasi/unit_list.html", {"units": units})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.get_unit_for_user(request.user, pk)
    context = {
        "unit": unit,
        "leluhur": UnitKerja.objects.filter(pk__in=[int(p) for p in unit.jalur.strip("/").split("/")[:-1]]),
        "anak": unit.anak.order_by("urutan", "nama"),
        "penugasan": unit.penugasan.select_related("pengguna"),
        "dapat_mengubah": access.can_edit(request.user, unit),
        # The Inspektorat reads the unit and scores its AKIP evaluation: not "read-only".
        "dapat_menilai": Penugasan.objects.filter(
            pengguna_id=request.user.pk, peran=Penugasan.Peran.EVALUATOR, pemda_id=unit.pemda_id
        ).exists(),
    }
    return render(request, "organisasi/unit_detail.html", context)
