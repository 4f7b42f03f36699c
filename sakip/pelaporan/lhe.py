"""The content of an LHE (Laporan Hasil Evaluasi AKIP) of a scored LKE worksheet, as plain data for the Word
renderer: the scores per component and sub-component (self-assessment beside final), the total and predikat, the
findings (criteria the final answers did not fully meet, with the reviewers' notes) and the recommendations."""

from __future__ import annotations

from dataclasses import dataclass, field

from sakip.evaluasi import services as evaluasi_services
from sakip.evaluasi.models import Jawaban, LembarKerja
from sakip.lib import angka
from sakip.pelaporan.lkjip.model import Paragraf, Tabel


@dataclass
class DokumenLHE:
    judul: str
    unit: str
    pemda: str
    tahun: int
    pembuka: list[Paragraf] = field(default_factory=list)
    nilai: Tabel | None = None
    temuan: Tabel | None = None
    rekomendasi: Tabel | None = None
    penutup: list[Paragraf] = field(default_factory=list)


def bangun_lhe(lembar: LembarKerja) -> DokumenLHE:
    putaran = lembar.putaran
    mandiri = evaluasi_services.hasil_lembar(lembar, 0)
    akhir = evaluasi_services.hasil_lembar(lembar, lembar.tahap)
    unit = lembar.unit_kerja
    dok = DokumenLHE(
        judul=f"Laporan Hasil Evaluasi Akuntabilitas Kinerja Instansi Pemerintah Tahun {putaran.tahun}",
        unit=unit.nama,
        pemda=str(putaran.pemda),
        tahun=putaran.tahun,
    )
    dok.pembuka = [
        Paragraf(
            f"Evaluasi atas implementasi SAKIP {unit.nama} tahun {putaran.tahun} dilaksanakan oleh "
            f"{putaran.lembaga or 'evaluator (Inspektorat)'} menggunakan {putaran.skema.nama}, melalui penilaian "
            f"mandiri oleh unit dan reviu berjenjang ({' → '.join(putaran.tingkat_reviu)})."
        ),
        Paragraf(
            f"Nilai hasil evaluasi {unit.nama} tahun {putaran.tahun} adalah {angka.format_angka(akhir.total)} "
            f"dengan predikat {akhir.predikat.kode} ({akhir.predikat.label}); nilai penilaian mandiri "
            f"{angka.format_angka(mandiri.total)}.",
            gaya="tebal",
        ),
    ]
    nilai = Tabel(
        nomor="1",
        judul="Nilai per komponen",
        kolom=["No", "Komponen", "Bobot", "Nilai mandiri", "Nilai akhir"],
        angka=[False, False, True, True, True],
        bobot=[1, 8, 2, 2, 2],
    )
    komponen = list(putaran.skema.komponen.all())
    for k in (k for k in komponen if k.induk_id is None):
        nilai.tambah(
            [k.kode, k.nama, k.bobot, mandiri.komponen.get(k.kode), akhir.komponen.get(k.kode)], gaya="total"
        )
        for s in (s for s in komponen if s.induk_id == k.pk):
            nilai.tambah([s.kode, s.nama, s.bobot, mandiri.sub.get(s.kode), akhir.sub.get(s.kode)])
    nilai.tambah(["", "Nilai hasil evaluasi", 100, mandiri.total, akhir.total], gaya="total")
    nilai.tambah(["", "Predikat", "", mandiri.predikat.kode, akhir.predikat.kode], gaya="total")
    dok.nilai = nilai
    temuan = Tabel(
        nomor="2",
        judul="Temuan: kriteria yang belum terpenuhi",
        kolom=["Kriteria", "Uraian", "Nilai akhir", "Catatan evaluator"],
        angka=[False, False, True, False],
        bobot=[2, 8, 2, 6],
    )
    catatan: dict[int, list[str]] = {}
    # The final tier's notes: the LHE states the evaluator's conclusion, not the earlier tiers' working notes.
    for a in Jawaban.objects.filter(lembar=lembar, tingkat=lembar.tahap).exclude(catatan=""):
        catatan.setdefault(a.kriteria_id, []).append(a.catatan)
    for k in evaluasi_services._kriteria_skema(putaran.skema_id):
        if akhir.kriteria[k.kode] < 1:
            temuan.tambah([k.kode, k.uraian, akhir.kriteria[k.kode], "; ".join(catatan.get(k.pk, [])) or "–"])
    dok.temuan = temuan
    rekomendasi = Tabel(
        nomor="3",
        judul="Rekomendasi",
        kolom=["No", "Komponen / kriteria", "Rekomendasi", "Batas waktu", "Status"],
        bobot=[1, 4, 10, 3, 2],
    )
    if lembar.evaluasi_id:
        for r in lembar.evaluasi.rekomendasi.select_related("komponen", "kriteria"):
            sasaran = r.kriteria.kode if r.kriteria else (r.komponen.nama if r.komponen else "–")
            batas = r.batas_waktu.strftime("%d-%m-%Y") if r.batas_waktu else "–"
            rekomendasi.tambah([r.urutan, sasaran, r.uraian, batas, r.get_status_display()])
    dok.rekomendasi = rekomendasi
    dok.penutup = [
        Paragraf(
            "Unit menindaklanjuti setiap rekomendasi dengan bukti; status Sudah diberikan setelah evaluator "
            "menerima bukti tindak lanjut."
        )
    ]
    return dok
