"""The PK of the kepala daerah (issue #25) as a document: the same layout, renderer (Word) and PDF conversion as a
unit's PK (`lkjip.pk`, `render.docx.tulis_pk`, `render.pdf`). The kepala daerah signs alone (no superior), so the
left signature block stays empty; the attachment lists the IKU Pemda with the year's targets and, as the budget
table, the programs of the PDs' PK in force that year, summed per PD."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from sakip.lib import angka
from sakip.organisasi import access
from sakip.pelaporan.lkjip.model import Paragraf, Tabel, TandaTangan, TandaTanganGanda
from sakip.pelaporan.lkjip.pk import TITIK, DokumenPK, Pihak, _baris_pihak
from sakip.pelaporan.models import PengaturanLaporan
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.pelaporan.views import unduhan
from sakip.perencanaan.models import PerjanjianKinerja, PKProgram
from sakip.rpjmd.models import PKKepalaDaerah

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def bangun(pk: PKKepalaDaerah) -> DokumenPK:
    pemda = pk.rpjmd.pemda
    pertama = Pihak("", pk.nama or TITIK, pk.jabatan_lengkap or TITIK)
    pernyataan = [
        Paragraf(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
            "berorientasi pada hasil, saya yang bertanda tangan di bawah ini:"
        ),
        *_baris_pihak(pertama),
        Paragraf(
            "berjanji akan mewujudkan target kinerja tahunan sesuai lampiran perjanjian ini dalam rangka mencapai "
            f"target kinerja jangka menengah seperti yang telah ditetapkan dalam {pk.rpjmd.nama} "
            f"{pk.rpjmd.tahun_mulai}–{pk.rpjmd.tahun_selesai}. Keberhasilan dan kegagalan pencapaian target kinerja "
            "tersebut menjadi tanggung jawab saya."
        ),
    ]
    kinerja = Tabel(
        "",
        f"Lampiran Perjanjian Kinerja Tahun {pk.tahun}",
        ["No.", "Sasaran Daerah", "Indikator Kinerja Utama", "Satuan", "Target"],
        nomor_kolom=["(1)", "(2)", "(3)", "(4)", "(5)"],
        angka=[False, False, False, False, True],
        bobot=[6, 35, 40, 10, 10],
    )
    sebelumnya, n = None, 0
    baris = pk.indikator.select_related("indikator_daerah__sasaran").order_by(
        "indikator_daerah__sasaran__urutan", "urutan", "pk"
    )
    for line in baris:
        ind = line.indikator_daerah
        s = ind.sasaran
        baru = s is not None and s.pk != sebelumnya
        if baru:
            n += 1
            sebelumnya = s.pk
        kinerja.tambah(
            [
                f"{n}." if baru else "",
                s.uraian if baru and s else "",
                ind.nama,
                ind.satuan,
                line.target_teks,
            ],
            [n, s, ind, ind.satuan, line.target if line.target is not None else line.target_predikat],
            "sasaran" if baru else "",
        )
    anggaran = Tabel(
        "",
        "Anggaran Perangkat Daerah (program pada PK perangkat daerah tahun ini)",
        ["No.", "Perangkat Daerah", "Anggaran (Rp)", "Jumlah Program"],
        angka=[False, False, True, True],
        bobot=[6, 54, 20, 20],
    )
    per_unit: dict[str, list[Decimal]] = defaultdict(list)
    program = (
        PKProgram.objects.filter(perjanjian__unit_kerja__pemda=pemda, perjanjian__tahun=pk.tahun)
        .exclude(perjanjian__status=PerjanjianKinerja.Status.DIGANTI)
        .select_related("perjanjian__unit_kerja")
        .order_by("perjanjian__unit_kerja__jalur", "program__kode")
    )
    for p in program:
        per_unit[p.perjanjian.unit_kerja.nama].append(p.pagu)
    for k, (unit, pagu) in enumerate(per_unit.items(), start=1):
        anggaran.tambah(
            [f"{k}.", unit, angka.format_rupiah(sum(pagu)), str(len(pagu))], [k, unit, sum(pagu), len(pagu)]
        )
    jumlah = sum((sum(p) for p in per_unit.values()), Decimal(0))
    anggaran.tambah(["", "Jumlah", angka.format_rupiah(jumlah), ""], ["", "Jumlah", jumlah, ""], "total")
    tempat_tanggal = f"{pk.tempat or TITIK}, {angka.format_tanggal(pk.tanggal, TITIK)}"
    return DokumenPK(
        judul=f"PERJANJIAN KINERJA TAHUN {pk.tahun}",
        unit=f"Pemerintah {pemda.nama}",
        pemda="",
        tahun=pk.tahun,
        status=pk.get_status_display(),
        pihak_pertama=pertama,
        pihak_kedua=Pihak("", "", ""),
        pernyataan=pernyataan,
        tempat_tanggal=tempat_tanggal,
        tabel_kinerja=kinerja,
        tabel_anggaran=anggaran,
        tanda_tangan=TandaTanganGanda(
            kiri=TandaTangan("", "", ""),
            kanan=TandaTangan(tempat_tanggal, pertama.jabatan, pertama.nama),
        ),
        draf=pk.status == PKKepalaDaerah.Status.DRAFT,
        logo=PengaturanLaporan.logo_untuk(pemda.pk),
    )


def _word(request: HttpRequest, pk: int) -> tuple[bytes, str]:
    """The Word document of a PK kepala daerah of a pemda where the user holds a role (404 otherwise)."""
    obj = (
        PKKepalaDaerah.objects.select_related("rpjmd__pemda")
        .filter(pk=pk, rpjmd__pemda__in=access.pemda_for_user(request.user))
        .first()
    )
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    return render_docx.tulis_pk(bangun(obj)), f"PK-kepala-daerah-{slugify(obj.rpjmd.pemda.nama)}-{obj.tahun}"


@login_required
@require_GET
def pk_kd_docx(request: HttpRequest, pk: int) -> HttpResponse:
    isi, nama = _word(request, pk)
    return unduhan(isi, f"{nama}.docx", DOCX)


@login_required
@require_GET
def pk_kd_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    isi, nama = _word(request, pk)
    try:
        berkas = render_pdf.dari_docx(isi)
    except render_pdf.PdfError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    return unduhan(berkas, f"{nama}.pdf", "application/pdf")
