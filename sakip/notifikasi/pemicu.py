"""What causes a notification: workflow steps of a realisasi (a signal of `pengukuran`), and the daily and weekly
checks of the schedule (reporting deadlines, LHE follow-up, the pimpinan's digest).

Who is told: the operators (or, for a submission, the pimpinan who verify) assigned to the unit concerned, or to
its nearest parent unit that has any, so a sub-unit without its own operator reaches the one who reports for it.
A period is *owed* by a reporting unit while one of its indicators has no realisasi for it that was submitted or
verified (a draft does not count as reported)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils import timezone

from sakip.antrean import pekerjaan
from sakip.evaluasi.models import Rekomendasi
from sakip.notifikasi import services
from sakip.notifikasi.models import Jenis
from sakip.organisasi.models import Pemda, Pengguna, Penugasan, UnitKerja
from sakip.pengukuran import queries
from sakip.pengukuran.models import Realisasi, pengaturan_untuk
from sakip.perencanaan.models import Indikator

DILAPORKAN = (Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI)
JENDELA_TERLAMBAT = 30  # days after a deadline during which the overdue reminder may still go out (once)
NAMA_TW = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _id_leluhur(unit: UnitKerja) -> list[int]:
    return [int(x) for x in unit.jalur.strip("/").split("/") if x]


def penerima_terdekat(unit: UnitKerja, peran: str) -> list[Pengguna]:
    """The users with `peran` on the unit, or else on its nearest parent that has any."""
    leluhur = _id_leluhur(unit) or [unit.pk]
    per_unit: dict[int, list[Pengguna]] = defaultdict(list)
    for p in Penugasan.objects.filter(peran=peran, unit_kerja_id__in=leluhur).select_related("pengguna"):
        if p.pengguna.is_active:
            per_unit[p.unit_kerja_id].append(p.pengguna)
    for uid in reversed(leluhur):
        if per_unit.get(uid):
            return per_unit[uid]
    return []


def _tautan_indikator(indikator_id: int, tahun: int) -> str:
    return f"{reverse('pengukuran:indikator', args=[indikator_id])}?tahun={tahun}"


def status_realisasi_berubah(sender: Any, *, realisasi: Realisasi, oleh: Pengguna, **kwargs: Any) -> None:
    """Receiver of `pengukuran.sinyal.status_realisasi_berubah` (inside the workflow's transaction)."""
    r = Realisasi.objects.select_related("indikator", "unit_kerja").get(pk=realisasi.pk)
    label = f"{r.indikator.kode} {r.get_periode_display()} {r.tahun}"
    tautan = _tautan_indikator(r.indikator_id, r.tahun)
    if r.status == Realisasi.Status.DIKEMBALIKAN:
        penerima = penerima_terdekat(r.unit_kerja, Penugasan.Peran.OPERATOR)
        services.beri_tahu(
            penerima=[p for p in penerima if p.pk != oleh.pk],
            jenis=Jenis.DIKEMBALIKAN,
            judul=f"Realisasi {label} dikembalikan",
            isi=(
                f"Realisasi indikator {r.indikator.kode} ({r.indikator.nama}) {r.get_periode_display()} {r.tahun} "
                f"unit {r.unit_kerja.nama} dikembalikan oleh {oleh.get_full_name() or oleh.username}.\n\n"
                f"Catatan verifikator: {r.catatan_verifikasi}\n\n"
                "Perbaiki realisasi sesuai catatan, lalu ajukan kembali."
            ),
            tautan=tautan,
            pemda=r.unit_kerja.pemda,
        )
    elif r.status == Realisasi.Status.DIAJUKAN:
        penerima = penerima_terdekat(r.unit_kerja, Penugasan.Peran.PIMPINAN)
        services.beri_tahu(
            penerima=[p for p in penerima if p.pk != oleh.pk],
            jenis=Jenis.DIAJUKAN,
            judul=f"Realisasi {label} menunggu verifikasi",
            isi=(
                f"{oleh.get_full_name() or oleh.username} mengajukan realisasi indikator {r.indikator.kode} "
                f"({r.indikator.nama}) {r.get_periode_display()} {r.tahun} unit {r.unit_kerja.nama} "
                f"sebesar {r.nilai_teks}. Silakan periksa dan verifikasi atau kembalikan dengan catatan."
            ),
            tautan=tautan,
            pemda=r.unit_kerja.pemda,
        )


# --- Reporting deadlines -----------------------------------------------------------------------------------------


def utang_periode(pemda: Pemda, tahun: int, tw: int) -> dict[UnitKerja, list[Indikator]]:
    """Each reporting unit of the pemda that owes quarter `tw` of `tahun`, with the indicators not yet reported."""
    periode = f"TW{tw}"
    indikator = list(
        Indikator.objects.filter(
            renstra__unit_kerja__pemda=pemda,
            renstra__tahun_mulai__lte=tahun,
            renstra__tahun_selesai__gte=tahun,
            sasaran__isnull=False,
        )
        .select_related("penanggung_jawab", "renstra__unit_kerja")
        .order_by("kode")
    )
    dilaporkan = set(
        Realisasi.objects.filter(
            indikator__in=[i.pk for i in indikator], tahun=tahun, periode=periode, status__in=DILAPORKAN
        ).values_list("indikator_id", flat=True)
    )
    hasil: dict[UnitKerja, list[Indikator]] = defaultdict(list)
    for ind in indikator:
        if ind.pk not in dilaporkan:
            hasil[ind.penanggung_jawab or ind.renstra.unit_kerja].append(ind)
    return dict(hasil)


def _jenis_pengingat(selisih: int) -> str | None:
    if 2 <= selisih <= 7:
        return Jenis.TENGGAT_D7
    if 0 <= selisih <= 1:
        return Jenis.TENGGAT_D1
    if -JENDELA_TERLAMBAT <= selisih < 0:
        return Jenis.TERLAMBAT
    return None


def _periode_dalam_jendela(pemda: Pemda, hari_ini: dt.date) -> list[tuple[int, int, dt.date, str]]:
    hasil = []
    for tahun in (hari_ini.year - 1, hari_ini.year):
        hari = pengaturan_untuk(pemda.pk, tahun).hari_tenggat  # the deadline rule of that year
        for tw in (1, 2, 3, 4):
            batas = queries.tenggat(tahun, tw, hari)
            jenis = _jenis_pengingat((batas - hari_ini).days)
            if jenis is not None:
                hasil.append((tahun, tw, batas, jenis))
    return hasil


def kirim_pengingat_tenggat(hari_ini: dt.date | None = None) -> int:
    """D-7, D-1 and overdue reminders to the operators of each unit that owes a quarter; once each. The number of
    notifications created."""
    hari_ini = hari_ini or timezone.localdate()
    jumlah = 0
    for pemda in Pemda.objects.order_by("pk"):
        for tahun, tw, batas, jenis in _periode_dalam_jendela(pemda, hari_ini):
            for unit, daftar in utang_periode(pemda, tahun, tw).items():
                kode = ", ".join(i.kode for i in daftar[:10]) + (" dan lainnya" if len(daftar) > 10 else "")
                tanggal = batas.strftime("%d-%m-%Y")
                judul = {
                    Jenis.TENGGAT_D7: f"Tenggat realisasi Triwulan {NAMA_TW[tw]} {tahun}: 7 hari lagi",
                    Jenis.TENGGAT_D1: f"Tenggat realisasi Triwulan {NAMA_TW[tw]} {tahun}: besok",
                    Jenis.TERLAMBAT: f"Realisasi Triwulan {NAMA_TW[tw]} {tahun} terlambat",
                }[jenis]
                isi = (
                    f"Unit {unit.nama} belum melaporkan realisasi Triwulan {NAMA_TW[tw]} {tahun} untuk "
                    f"{len(daftar)} indikator ({kode}). Tenggat pelaporan: {tanggal}. "
                    "Realisasi dianggap dilaporkan setelah diajukan untuk verifikasi."
                )
                dibuat = services.beri_tahu(
                    penerima=penerima_terdekat(unit, Penugasan.Peran.OPERATOR),
                    jenis=jenis,
                    judul=judul,
                    isi=isi,
                    tautan=f"{reverse('pengukuran:kelengkapan')}?tahun={tahun}",
                    pemda=pemda,
                    kunci=f"{jenis}:{tahun}:TW{tw}:{unit.pk}",
                )
                jumlah += len(dibuat)
    return jumlah


def kirim_pengingat_tindak_lanjut(hari_ini: dt.date | None = None) -> int:
    """LHE recommendations not yet followed up: due within 7 days, and overdue (once each)."""
    hari_ini = hari_ini or timezone.localdate()
    jumlah = 0
    rekomendasi = Rekomendasi.objects.filter(
        status=Rekomendasi.Status.BELUM,
        batas_waktu__gte=hari_ini - dt.timedelta(days=JENDELA_TERLAMBAT),
        batas_waktu__lte=hari_ini + dt.timedelta(days=7),
    ).select_related("evaluasi__unit_kerja__pemda", "penanggung_jawab")
    for rek in rekomendasi:
        unit = rek.penanggung_jawab or rek.evaluasi.unit_kerja
        lewat = rek.batas_waktu < hari_ini
        tanggal = rek.batas_waktu.strftime("%d-%m-%Y")
        dibuat = services.beri_tahu(
            penerima=penerima_terdekat(unit, Penugasan.Peran.OPERATOR),
            jenis=Jenis.TINDAK_LANJUT,
            judul=(
                "Tindak lanjut rekomendasi LHE lewat batas waktu"
                if lewat
                else "Tindak lanjut rekomendasi LHE jatuh tempo"
            ),
            isi=(
                f'Rekomendasi LHE AKIP {rek.evaluasi.tahun} untuk unit {unit.nama}: "{rek.uraian[:300]}" '
                f"belum ditindaklanjuti. Batas waktu: {tanggal}."
            ),
            tautan=reverse("evaluasi:tindak_lanjut", args=[rek.pk]),
            pemda=unit.pemda,
            kunci=f"tl:{rek.pk}:{rek.batas_waktu.isoformat()}:{'lewat' if lewat else 'segera'}",
        )
        jumlah += len(dibuat)
    return jumlah


def kirim_ringkasan_pimpinan(hari_ini: dt.date | None = None) -> int:
    """The weekly digest: to each pimpinan, what is overdue in their units (quarters owed past their deadline this
    year, recommendations past their due date)."""
    hari_ini = hari_ini or timezone.localdate()
    tahun, minggu, _ = hari_ini.isocalendar()
    jumlah = 0
    for pemda in Pemda.objects.order_by("pk"):
        hari = pengaturan_untuk(pemda.pk, tahun).hari_tenggat
        terlambat: list[tuple[UnitKerja, int, int]] = []
        for tw in (1, 2, 3, 4):
            if queries.tenggat(hari_ini.year, tw, hari) < hari_ini:
                terlambat += [(u, tw, len(d)) for u, d in utang_periode(pemda, hari_ini.year, tw).items()]
        rek = list(
            Rekomendasi.objects.filter(evaluasi__unit_kerja__pemda=pemda)
            .terlambat(hari_ini)
            .select_related("evaluasi__unit_kerja", "penanggung_jawab")
        )
        for tugas in Penugasan.objects.filter(pemda=pemda, peran=Penugasan.Peran.PIMPINAN).select_related(
            "pengguna", "unit_kerja"
        ):
            jalur = tugas.unit_kerja.jalur
            milik = [(u, tw, n) for u, tw, n in terlambat if u.jalur.startswith(jalur)]
            rek_milik = [
                r for r in rek if (r.penanggung_jawab or r.evaluasi.unit_kerja).jalur.startswith(jalur)
            ]
            if not milik and not rek_milik:
                continue
            baris = [f"Ringkasan per {hari_ini.strftime('%d-%m-%Y')} untuk {tugas.unit_kerja.nama}:", ""]
            if milik:
                baris.append(f"Realisasi triwulan terlambat ({len(milik)}):")
                baris += [
                    f"- {u.nama}: Triwulan {NAMA_TW[tw]} {hari_ini.year}, {n} indikator" for u, tw, n in milik
                ]
                baris.append("")
            if rek_milik:
                baris.append(f"Rekomendasi LHE lewat batas waktu ({len(rek_milik)}):")
                baris += [
                    f"- {(r.penanggung_jawab or r.evaluasi.unit_kerja).nama}: {r.uraian[:120]} "
                    f"(batas {r.batas_waktu.strftime('%d-%m-%Y')})"
                    for r in rek_milik
                ]
            dibuat = services.beri_tahu(
                penerima=[tugas.pengguna],
                jenis=Jenis.RINGKASAN,
                judul=f"Ringkasan mingguan SAKIP: {len(milik)} laporan terlambat, {len(rek_milik)} rekomendasi",
                isi="\n".join(baris).strip(),
                tautan=f"{reverse('pengukuran:kelengkapan')}?tahun={hari_ini.year}",
                pemda=pemda,
                kunci=f"ringkasan:{tahun}-W{minggu:02d}:{tugas.unit_kerja_id}",
            )
            jumlah += len(dibuat)
    return jumlah


def _harian(konteks: pekerjaan.Konteks) -> dict[str, int]:
    return {"tenggat": kirim_pengingat_tenggat(), "tindak_lanjut": kirim_pengingat_tindak_lanjut()}


def _mingguan(konteks: pekerjaan.Konteks) -> dict[str, int]:
    return {"ringkasan": kirim_ringkasan_pimpinan()}
