from __future__ import annotations

import datetime as dt
import html
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sakip.lib import angka, xlsx
from sakip.lib import tahun as lib_tahun
from sakip.organisasi import access
from sakip.organisasi.models import Pemda
from sakip.pengukuran import berkas, capaian, ekspor, forms, jadwal, kini, queries, services, validasi
from sakip.pengukuran.models import (
    BULAN,
    TRIWULAN,
    TRIWULAN_SAJA,
    DataDukung,
    KunciPeriode,
    KunciTahun,
    Narasi,
    Periode,
    Realisasi,
    pengaturan_untuk,
)
from sakip.perencanaan.models import Indikator, RencanaStrategis


def _tahun(request: HttpRequest) -> int:
    """`?tahun=`, else the year chosen in another section, else this year; a bad year answers 400."""
    return lib_tahun.terpilih(request, bawaan=timezone.localdate().year) or timezone.localdate().year


def _float(nilai: object) -> float | None:
    # Chart.js needs JSON numbers; the figures printed in tables stay Decimal.
    return None if nilai is None else float(nilai)  # type: ignore[arg-type]


def _hari_ini() -> dt.date:
    return timezone.localdate()


def _renstra_berlaku(request: HttpRequest, tahun: int) -> QuerySet[RencanaStrategis]:
    return (
        RencanaStrategis.objects.visible_to(request.user)
        .filter(tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
        .select_related("unit_kerja__pemda")
        .order_by("unit_kerja__pemda__kode", "unit_kerja__jalur", "pk")
    )


@login_required
def dasbor(request: HttpRequest) -> HttpResponse:
    """Per-pemda overview: every visible Renstra in force for the year with its unit capaian."""
    tahun = _tahun(request)
    berlaku = _renstra_berlaku(request, tahun)
    pemda = _pemda_dipilih(request)
    if pemda is not None:
        berlaku = berlaku.filter(unit_kerja__pemda=pemda)
    # A ministry sees some 20.000 units: one page at a time, read from the kept capaian (`kini`) joined to the
    # Renstra in the same query, the set-based rekap staying the reference.
    halaman = _halaman(kini.dengan_unit_tersimpan(berlaku, tahun), request.GET.get("halaman"))
    baris = kini.ringkas(list(halaman), tahun)
    return render(
        request,
        "pengukuran/dasbor.html",
        {
            "tahun": tahun,
            "tabel": baris,
            "baris_html": _html_baris_dasbor(baris, tahun),
            "halaman": halaman,
            "pemda_dipilih": pemda,
        },
    )


def _html_baris_dasbor(baris: list[kini.Ringkas], tahun: int) -> SafeString:
    """The overview's rows as HTML, formatted and escaped here in one pass rather than through template lookups
    per cell (the page lists up to 100 units and is the most read page). `html.escape` is what Django's `escape`
    calls, without its lazy-string and SafeString wrapping per value."""
    # One reverse() for the page: the link of each row differs only in the Renstra's id.
    awal, akhir = reverse("pengukuran:dasbor_renstra", args=[_TANDA_PK]).split(str(_TANDA_PK))
    keterangan: dict[tuple[Any, ...], str] = {}  # the method's sentence, alike for a pemda's units
    bagian = []
    for b in baris:
        h = b.hasil
        kunci = (h.metode, h.kebijakan, h.batas)
        if (ket := keterangan.get(kunci)) is None:
            ket = keterangan[kunci] = html.escape(h.keterangan)
        kategori = (
            f'<span class="kategori" style="background:{html.escape(b.kategori.warna)}">'
            f"{html.escape(b.kategori.label)}</span>"
            if b.kategori
            else "–"
        )
        bagian.append(
            f"<tr>\n    <td>{html.escape(b.unit)}</td>\n"
            f'    <td><a href="{awal}{b.renstra_id}{akhir}?tahun={tahun}">{html.escape(b.renstra)}</a></td>\n'
            f'    <td class="angka">{b.jumlah_sasaran}</td><td class="angka">{b.jumlah_indikator}</td>\n'
            f'    <td class="angka">{angka.format_persen(h.nilai)}</td>\n    <td>{kategori}</td>\n'
            f'    <td class="muted small">{ket}</td></tr>'
        )
    return mark_safe("".join(bagian))  # noqa: S308  every value above is escaped or a number


_TANDA_PK = 987654321


def _halaman(qs: QuerySet[RencanaStrategis], nomor: str | None, per: int = 100) -> Page:
    """`Paginator.get_page` without its COUNT query when the first page holds every row (a pemda's 40 units)."""
    paginator = Paginator(qs, per)
    if not nomor or nomor == "1":
        baris = list(qs[: per + 1])
        if len(baris) <= per:
            paginator.count = len(baris)  # a cached_property: the count is known
            return Page(baris, 1, paginator)
    return paginator.get_page(nomor)


def _pemda_dipilih(request: HttpRequest) -> Pemda | None:
    """`?pemda=<id>` of the overview (a link from the grouped overview); an unknown id shows every unit."""
    nilai = request.GET.get("pemda", "")
    return Pemda.objects.filter(pk=int(nilai)).first() if nilai.isdigit() else None


@login_required
def dasbor_xlsx(request: HttpRequest) -> HttpResponse:
    """The overview's table as an Excel workbook: every visible Renstra of the year on one sheet (not a page of
    them), with the same figures as the page."""
    tahun = _tahun(request)
    berlaku = _renstra_berlaku(request, tahun)
    if (pemda := _pemda_dipilih(request)) is not None:
        berlaku = berlaku.filter(unit_kerja__pemda=pemda)
    tabel = kini.rekap(list(berlaku), tahun)
    response = HttpResponse(ekspor.rekap_xlsx(tabel, tahun), content_type=xlsx.JENIS_MIME)
    response["Content-Disposition"] = content_disposition_header(True, f"capaian-unit-{tahun}.xlsx")
    return response


@login_required
def dasbor_renstra(request: HttpRequest, pk: int) -> HttpResponse:
    """Per-unit dashboard: every indicator's target, realisasi, capaian and colour, with the rollups and their method."""
    tahun = _tahun(request)
    renstra = access.get_for_user(
        RencanaStrategis.objects.select_related("unit_kerja__pemda"), request.user, pk=pk
    )
    tabel = kini.tabel(renstra, tahun)
    grafik = {
        "label": [b.indikator.kode for b in tabel.baris],
        "seri": [
            {"nama": "Capaian (%)", "warna": "#0b4f8a", "data": [_float(b.hasil.nilai) for b in tabel.baris]}
        ],
    }
    return render(
        request,
        "pengukuran/dasbor_renstra.html",
        {"tabel": tabel, "tahun": tahun, "renstra": renstra, "grafik": grafik},
    )


@login_required
def dasbor_renstra_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The per-unit dashboard's table as an Excel workbook (same access and figures as the page)."""
    tahun = _tahun(request)
    renstra = access.get_for_user(
        RencanaStrategis.objects.select_related("unit_kerja__pemda"), request.user, pk=pk
    )
    tabel = kini.tabel(renstra, tahun)
    monev_per_ind = queries.monev_banyak([b.indikator for b in tabel.baris], tahun)
    response = HttpResponse(ekspor.capaian_xlsx(tabel, monev_per_ind), content_type=xlsx.JENIS_MIME)
    nama = slugify(renstra.unit_kerja.singkatan or renstra.unit_kerja.nama)
    response["Content-Disposition"] = content_disposition_header(True, f"capaian-{nama}-{tahun}.xlsx")
    return response


def indikator_terlihat(request: HttpRequest) -> QuerySet[Indikator]:
    """Indicators the user may see: through the Renstra's unit, or as the unit that reports them (a Biro
    reporting an IKU of the Setda's Renstra)."""
    user = request.user
    return Indikator.objects.filter(
        access.unit_filter(user, path="renstra__unit_kerja")
        | access.unit_filter(user, path="penanggung_jawab")
    )


def _indikator_pelapor(request: HttpRequest, pk: int) -> Indikator:
    ind = (
        indikator_terlihat(request)
        .select_related("renstra__unit_kerja__pemda", "penanggung_jawab", "sasaran")
        .filter(pk=pk)
        .first()
    )
    if ind is None:
        raise Http404("Indikator tidak ditemukan.")
    return ind


def _alasan_baca(r: Realisasi | None, dapat_verifikasi: bool, terkunci: bool) -> str:
    """Why a period's value is shown read-only to this user (empty: it may be edited)."""
    if terkunci:
        return "Data tahun ini dikunci oleh admin pemda."
    if r is None or r.dapat_diubah_operator:
        return ""
    if r.status == Realisasi.Status.DIAJUKAN:
        return (
            ""
            if dapat_verifikasi
            else (
                "Sudah diajukan dan menunggu verifikasi; dapat diubah lagi bila verifikator mengembalikannya."
            )
        )
    return "Sudah diverifikasi; untuk mengubahnya, verifikator harus membuka verifikasi dengan alasan."


def _konteks_indikator(
    request: HttpRequest, indikator: Indikator, tahun: int, terikat: forms.RealisasiForm | None = None
) -> dict[str, object]:
    unit = services.unit_pelapor(indikator)
    rows = {
        r.periode: r
        for r in Realisasi.objects.filter(indikator=indikator, tahun=tahun)
        .select_related("diubah_oleh")
        .prefetch_related("data_dukung")
    }
    atur = pengaturan_untuk(unit.pemda_id, tahun)
    target = queries.target_tahun([indikator.renstra_id], tahun).get(indikator.pk, queries.TargetTahun())
    nilai, predikat, _ = queries.realisasi_tahunan(indikator, rows.values())
    hasil, tampil = queries.hitung_baris(indikator, target, nilai, predikat, atur)
    riwayat = queries.riwayat_indikator(indikator, tahun)
    kemajuan = None
    if indikator.kondisi_akhir is not None and nilai is not None:
        kemajuan = capaian.tingkat_kemajuan(
            realisasi=nilai,
            target_akhir=indikator.kondisi_akhir,
            polaritas=capaian.Polaritas(indikator.polaritas),
        )
    tahun_terkunci = services.is_locked(unit.pemda_id, tahun)
    dapat_mengubah = access.can_edit(request.user, unit) and not tahun_terkunci
    dapat_verifikasi = access.can_verify(request.user, unit)
    terkunci = services.periode_terkunci(unit.pemda_id, tahun)
    periode = []
    for kode in jadwal.periode_boleh(indikator.frekuensi):
        label = jadwal.label(kode, indikator.frekuensi)
        r = rows.get(kode)
        initial = {"periode": kode, "versi": r.versi if r else 0}
        if r:
            initial.update({f"in_{k}": v for k, v in r.masukan.items()})
            initial["nilai"] = (
                angka.format_angka(r.nilai, 6).rstrip("0").rstrip(",") if r.nilai is not None else ""
            )
            initial["predikat"] = r.nilai_predikat
        periode.append(
            {
                "kode": kode,
                "label": label,
                "realisasi": r,
                "terkunci": kode in terkunci,
                "dapat_mengubah": dapat_mengubah and kode not in terkunci,
                "form": terikat
                if terikat is not None and terikat.prefix == kode
                else forms.RealisasiForm(indikator=indikator, initial=initial, prefix=kode),
                "alasan_baca": _alasan_baca(r, dapat_verifikasi, tahun_terkunci),
            }
        )
    narasi = Narasi.objects.filter(indikator=indikator, tahun=tahun).first()
    monev_tw = queries.monev_banyak([indikator], tahun)[indikator.pk]
    grafik = {
        "label": [t.tahun for t in riwayat],
        "seri": [
            {"nama": "Realisasi", "warna": "#0b4f8a", "data": [_float(t.realisasi) for t in riwayat]},
            {
                "nama": "Target",
                "warna": "#f9a825",
                "putus": True,
                "data": [_float(t.target.nilai) for t in riwayat],
            },
        ],
    }
    return {
        "indikator": indikator,
        "tahun": tahun,
        "unit": unit,
        "periode": periode,
        "target": target,
        "nilai": nilai,
        "predikat": predikat,
        "hasil": hasil,
        "tampil": tampil,
        "pengaturan": atur,
        "kategori": queries._klasifikasi(queries._skala(atur), hasil.nilai),
        "lampu": queries._klasifikasi(queries._lampu(atur), hasil.nilai),
        "riwayat": riwayat,
        "monev": monev_tw,
        "kemajuan": kemajuan,
        "grafik": grafik,
        "dapat_mengubah": dapat_mengubah,
        "dapat_verifikasi": dapat_verifikasi,
        "terkunci": tahun_terkunci,
        # Locks are per quarter (a locked quarter also locks its months): name the quarters.
        "periode_terkunci": [label for kode, label in TRIWULAN_SAJA if kode in terkunci],
        "narasi_form": forms.NarasiForm(
            initial={
                **(
                    {k: getattr(narasi, k) for k in forms.NarasiForm.base_fields if k != "versi"}
                    if narasi
                    else {}
                ),
                "versi": narasi.versi if narasi else 0,
            }
        ),
        "unggah_form": forms.UnggahForm(),
        "dokumen_unit": DataDukung.objects.filter(unit_kerja=unit).order_by("-diunggah_pada")[:50],
        "catatan_form": forms.CatatanForm(),
    }


@login_required
def indikator(request: HttpRequest, pk: int) -> HttpResponse:
    """Entry page of one indicator for a year: periods, workflow, evidence, narrative, history."""
    ind = _indikator_pelapor(request, pk)
    return render(request, "pengukuran/indikator.html", _konteks_indikator(request, ind, _tahun(request)))


@login_required
@require_POST
def simpan_realisasi(request: HttpRequest, pk: int) -> HttpResponse:
    ind = _indikator_pelapor(request, pk)
    tahun = _tahun(request)
    prefix = request.POST.get("prefix", "")
    if prefix not in Periode.values:
        messages.error(request, "Periode tidak dikenal.")
        return redirect(f"{request.path.rsplit('/simpan/', 1)[0]}/?tahun={tahun}")
    form = forms.RealisasiForm(request.POST, indikator=ind, prefix=prefix)
    if not access.can_edit(request.user, services.unit_pelapor(ind)):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk unit ini.")
    label = jadwal.label(prefix, ind.frekuensi)
    if form.is_valid():
        try:
            services.save_realisasi(
                indikator=ind,
                tahun=tahun,
                periode=prefix,
                by=request.user,
                nilai=form.cleaned_data.get("nilai"),
                predikat=form.cleaned_data.get("predikat", ""),
                masukan=form.masukan(),
                versi=form.cleaned_data["versi"],
                catatan_peringatan=form.cleaned_data.get("catatan_peringatan", ""),
            )
        except ValidationError as exc:
            form.terapkan_galat(exc)
        else:
            messages.success(request, f"Realisasi {label} disimpan.")
            return redirect(_url_indikator(ind.pk, tahun))
    if prefix not in jadwal.periode_boleh(ind.frekuensi):
        # No row of the page holds this period: say it above the page.
        messages.error(request, f"{label}: " + " ".join(e for v in form.errors.values() for e in v))
        return redirect(_url_indikator(ind.pk, tahun))
    # The page again with what was typed and each message at its field (nothing was saved).
    konteks = _konteks_indikator(request, ind, tahun, terikat=form)
    baris = next((p for p in konteks["periode"] if p["kode"] == prefix), None)
    if baris is None or not baris["dapat_mengubah"] or baris["alasan_baca"]:
        # The row shows no form (locked year or quarter, read-only): say it above the page.
        messages.error(request, f"{label}: " + " ".join(e for v in form.errors.values() for e in v))
        return redirect(_url_indikator(ind.pk, tahun))
    return render(request, "pengukuran/indikator.html", konteks, status=200)


def _url_indikator(pk: int, tahun: int) -> str:
    from django.urls import reverse

    return f"{reverse('pengukuran:indikator', args=[pk])}?tahun={tahun}"


@login_required
@require_POST
def pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the value, capaian, category and light for what is being typed, before saving."""
    ind = _indikator_pelapor(request, pk)
    tahun = _tahun(request)
    prefix = request.POST.get("prefix", Periode.TAHUN)
    form = forms.RealisasiForm(request.POST, indikator=ind, prefix=prefix)
    konteks: dict[str, object] = {"galat": ""}
    if form.is_valid():
        try:
            if ind.pakai_rumus:
                nilai = services.hitung_dari_masukan(ind, form.masukan())
            else:
                nilai = form.cleaned_data.get("nilai")
            predikat = form.cleaned_data.get("predikat", "")
            atur = pengaturan_untuk(services.unit_pelapor(ind).pemda_id, tahun)
            target = queries.target_tahun([ind.renstra_id], tahun).get(ind.pk, queries.TargetTahun())
            hasil, tampil = queries.hitung_baris(ind, target, nilai, predikat, atur)
            konteks.update(
                {
                    "nilai": nilai,
                    "predikat": predikat,
                    "hasil": hasil,
                    "tampil": tampil,
                    "kategori": queries._klasifikasi(queries._skala(atur), hasil.nilai),
                    "lampu": queries._klasifikasi(queries._lampu(atur), hasil.nilai),
                    "catatan_periode": prefix in TRIWULAN or prefix in BULAN,
                }
            )
        except (ValidationError, capaian.CapaianError) as exc:
            konteks["galat"] = " ".join(getattr(exc, "messages", [str(exc)]))
    else:
        konteks["galat"] = "; ".join(" ".join(v) for v in form.errors.values())
    return render(request, "pengukuran/_pratinjau.html", konteks)


def _realisasi(request: HttpRequest, pk: int) -> Realisasi:
    return access.get_for_user(
        Realisasi.objects.select_related("unit_kerja", "indikator"), request.user, pk=pk
    )


@login_required
@require_POST
def ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    realisasi = _realisasi(request, pk)
    try:
        services.submit_realisasi(realisasi, by=request.user)
        messages.success(request, "Realisasi diajukan untuk verifikasi.")
    except ValidationError as exc:
        halaman = _halaman_dengan_galat(request, realisasi, exc) if hasattr(exc, "error_dict") else None
        if halaman is not None:
            return halaman
        messages.error(request, " ".join(exc.messages))
    return redirect(_url_indikator(realisasi.indikator_id, realisasi.tahun))


def _halaman_dengan_galat(
    request: HttpRequest, realisasi: Realisasi, exc: ValidationError
) -> HttpResponse | None:
    """A rule broken when handing in: the page again with the period's form holding the stored value and the rule's
    message at its field (None when that row shows no form, e.g. read-only: the caller says it above the page)."""
    ind, kode = realisasi.indikator, realisasi.periode
    isian: dict[str, object] = {
        "periode": kode,
        "versi": realisasi.versi,
        "catatan_peringatan": realisasi.catatan_peringatan,
        "predikat": realisasi.nilai_predikat,
        **{f"in_{k}": v for k, v in (realisasi.masukan or {}).items()},
    }
    if realisasi.nilai is not None:
        isian["nilai"] = angka.format_angka(realisasi.nilai, 6).rstrip("0").rstrip(",")
    form = forms.RealisasiForm({f"{kode}-{k}": v for k, v in isian.items()}, indikator=ind, prefix=kode)
    form.is_valid()
    form.terapkan_galat(exc)
    konteks = _konteks_indikator(request, ind, realisasi.tahun, terikat=form)
    baris = next((p for p in konteks["periode"] if p["kode"] == kode), None)  # type: ignore[attr-defined]
    if baris is None or not baris["dapat_mengubah"] or baris["alasan_baca"]:
        return None
    return render(request, "pengukuran/indikator.html", konteks, status=200)


@login_required
@require_POST
def kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    realisasi = _realisasi(request, pk)
    try:
        services.return_realisasi(realisasi, catatan=request.POST.get("catatan", ""), by=request.user)
        messages.success(request, "Realisasi dikembalikan kepada operator dengan catatan.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_url_indikator(realisasi.indikator_id, realisasi.tahun))


@login_required
@require_POST
def verifikasi(request: HttpRequest, pk: int) -> HttpResponse:
    realisasi = _realisasi(request, pk)
    try:
        services.verify_realisasi(realisasi, by=request.user)
        messages.success(request, "Realisasi diverifikasi.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_url_indikator(realisasi.indikator_id, realisasi.tahun))


@login_required
@require_POST
def buka_verifikasi(request: HttpRequest, pk: int) -> HttpResponse:
    """Verifier reopens a verified realisasi with a reason (recorded), so that it may be corrected."""
    realisasi = _realisasi(request, pk)
    try:
        services.reopen_realisasi(realisasi, alasan=request.POST.get("alasan", ""), by=request.user)
        messages.success(
            request, "Verifikasi dibuka; realisasi dikembalikan kepada operator dengan alasan tercatat."
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_url_indikator(realisasi.indikator_id, realisasi.tahun))


@login_required
@require_POST
def unggah(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an evidence file to a realisasi, or link one already uploaded (`dokumen`)."""
    realisasi = _realisasi(request, pk)
    if not access.can_edit(request.user, realisasi.unit_kerja):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk unit ini.")
    try:
        # Before any file is stored: a verified realisasi, or one of a locked year, takes no new evidence.
        services.pastikan_realisasi_dapat_diubah(realisasi, perihal="Data dukung realisasi ini")
        if request.POST.get("dokumen"):
            dokumen = access.get_for_user(
                DataDukung.objects.all(), request.user, pk=int(request.POST["dokumen"])
            )
        else:
            f = request.FILES.get("berkas")
            if f is None:
                raise ValidationError("Pilih berkas yang akan diunggah.")
            if f.size > berkas.UKURAN_MAKSIMAL:
                raise ValidationError(
                    f"Ukuran berkas melebihi batas {berkas.UKURAN_MAKSIMAL // 1024 // 1024} MB; berkas tidak disimpan."
                )
            dokumen = services.upload_data_dukung(
                unit=realisasi.unit_kerja,
                nama=f.name or "",
                isi=f.read(),
                keterangan=request.POST.get("keterangan", ""),
                by=request.user,
            )
        services.link_data_dukung(realisasi=realisasi, dokumen=dokumen, by=request.user)
        messages.success(request, f"Data dukung '{dokumen.nama_asli}' ditautkan.")
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect(_url_indikator(realisasi.indikator_id, realisasi.tahun))


@login_required
def unduh(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an evidence file to someone who may see its unit (files are never under the web root)."""
    dokumen = access.get_for_user(DataDukung.objects.all(), request.user, pk=pk)
    response = FileResponse(
        dokumen.berkas.open("rb"), as_attachment=True, filename=dokumen.nama_asli, content_type=dokumen.jenis
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# A file shown in the browser can do nothing there: no script, no form, no plugin of ours, no framing by others.
CSP_PRATINJAU = (
    "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
)


@login_required
def lihat(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview an evidence file in the browser: PDF and images inline under a sandboxing policy; any other type is
    downloaded as before."""
    dokumen = access.get_for_user(DataDukung.objects.all(), request.user, pk=pk)
    if not dokumen.dapat_dipratinjau:
        return redirect("pengukuran:unduh", pk=dokumen.pk)
    response = FileResponse(
        dokumen.berkas.open("rb"), as_attachment=False, filename=dokumen.nama_asli, content_type=dokumen.jenis
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = CSP_PRATINJAU
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def lepas(request: HttpRequest, pk: int) -> HttpResponse:
    """Unlink one evidence file (`dokumen`) from a realisasi."""
    realisasi = _realisasi(request, pk)
    if not access.can_edit(request.user, realisasi.unit_kerja):
        raise PermissionDenied("Anda hanya memiliki hak baca untuk unit ini.")
    try:
        dokumen = realisasi.data_dukung.get(pk=int(request.POST.get("dokumen", "")))
        services.unlink_data_dukung(realisasi=realisasi, dokumen=dokumen, by=request.user)
        messages.success(request, f"Data dukung '{dokumen.nama_asli}' dilepas dari realisasi ini.")
    except (ValueError, DataDukung.DoesNotExist):
        messages.error(request, "Pilih berkas yang tertaut pada realisasi ini.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_url_indikator(realisasi.indikator_id, realisasi.tahun))


@login_required
@require_POST
def hapus_dokumen(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an evidence file of the unit (refused while it supports a verified or locked realisasi)."""
    dokumen = access.get_for_user(DataDukung.objects.all(), request.user, pk=pk, write=True)
    kembali = request.POST.get("kembali", "")
    try:
        services.delete_data_dukung(dokumen=dokumen, by=request.user)
        messages.success(request, f"Berkas '{dokumen.nama_asli}' dihapus.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if url_has_allowed_host_and_scheme(kembali, allowed_hosts={request.get_host()}):
        return redirect(kembali)
    return redirect("pengukuran:kelengkapan")


@login_required
@require_POST
def simpan_narasi(request: HttpRequest, pk: int) -> HttpResponse:
    ind = _indikator_pelapor(request, pk)
    tahun = _tahun(request)
    form = forms.NarasiForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        versi = data.pop("versi")
        try:
            services.save_narasi(indikator=ind, tahun=tahun, by=request.user, versi=versi, **data)
            messages.success(request, "Narasi disimpan.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for galat in form.errors.values() for e in galat))
    return redirect(_url_indikator(ind.pk, tahun))


@login_required
def kelengkapan(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    baris = queries.kelengkapan(indikator_terlihat(request), tahun, _hari_ini())
    ringkasan = queries.ringkasan_kelengkapan(baris)
    return render(
        request,
        "pengukuran/kelengkapan.html",
        {
            "tahun": tahun,
            "baris": baris,
            "ringkasan": ringkasan,
            "tertinggal": [r for r in ringkasan if r.terlambat],
            "jumlah_terlambat": sum(b.jumlah_terlambat for b in baris),
        },
    )


@login_required
def kualitas_data(request: HttpRequest) -> HttpResponse:
    tahun = _tahun(request)
    daftar = validasi.daftar_pelanggaran(indikator_terlihat(request), tahun, _hari_ini())
    return render(request, "pengukuran/kualitas_data.html", {"tahun": tahun, "daftar": daftar})


@login_required
def kunci(request: HttpRequest) -> HttpResponse:
    """Admin pemda: lock or unlock a year (every change recorded)."""
    cakupan = access.scope_of(request.user)
    pemda_qs = Pemda.objects.all() if cakupan.superuser else Pemda.objects.filter(pk__in=cakupan.pemda_tulis)
    if not pemda_qs.exists():
        raise PermissionDenied("Hanya admin pemda yang dapat mengunci data tahunan.")
    if request.method == "POST":
        try:
            pemda = pemda_qs.get(pk=int(request.POST.get("pemda", "0")))
            tahun = lib_tahun.parse(request.POST.get("tahun", ""))
            periode = request.POST.get("periode", "")
            alasan = request.POST.get("alasan", "")
            kunci_baru = request.POST.get("aksi") == "kunci"
            if periode and kunci_baru:
                services.lock_period(pemda=pemda, tahun=tahun, periode=periode, by=request.user)
            elif periode:
                services.unlock_period(
                    pemda=pemda, tahun=tahun, periode=periode, alasan=alasan, by=request.user
                )
            elif kunci_baru:
                services.lock_year(pemda=pemda, tahun=tahun, by=request.user)
            else:
                services.unlock_year(pemda=pemda, tahun=tahun, alasan=alasan, by=request.user)
            cakupan_kunci = (
                dict(Periode.choices).get(periode, "seluruh tahun") if periode else "seluruh tahun"
            )
            messages.success(
                request, f"{'Dikunci' if kunci_baru else 'Dibuka'}: {cakupan_kunci} {tahun}, {pemda}."
            )
        except lib_tahun.TahunTidakSah as exc:
            messages.error(request, str(exc))
        except (ValidationError, ValueError, Pemda.DoesNotExist) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", ["Data tidak valid."])))
        return redirect("pengukuran:kunci")
    riwayat = sorted(
        [
            *KunciTahun.history.filter(pemda__in=pemda_qs)
            .select_related("history_user", "pemda")
            .order_by("-history_date")[:50],
            *KunciPeriode.history.filter(pemda__in=pemda_qs)
            .select_related("history_user", "pemda")
            .order_by("-history_date")[:50],
        ],
        key=lambda h: h.history_date,
        reverse=True,
    )[:50]
    return render(
        request,
        "pengukuran/kunci.html",
        {
            "pemda": pemda_qs,
            "kunci": KunciTahun.objects.filter(pemda__in=pemda_qs).select_related("pemda"),
            "kunci_periode": KunciPeriode.objects.filter(pemda__in=pemda_qs, terkunci=True)
            .select_related("pemda")
            .order_by("-tahun", "periode"),
            "pilihan_periode": TRIWULAN_SAJA,
            "riwayat": riwayat,
            "tahun": _tahun(request),
        },
    )
