"""The narrative sanitiser: Word's clipboard HTML reduced to the allow-list, lists made real, nothing executable."""

import base64
import io
from pathlib import Path

from PIL import Image

from sakip.lib import html_aman

WORD = (Path(__file__).parent / "data" / "tempel_word.html").read_text(encoding="utf-8")


def _png(lebar: int = 4, tinggi: int = 3) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (lebar, tinggi), "red").save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def test_word_list_paragraphs_become_a_bullet_list_and_numbered_lists():
    hasil = html_aman.bersihkan(WORD)
    assert "<ul><li>Rapat koordinasi triwulanan</li><li>Pemantauan melalui <i>e-monev</i></li></ul>" in hasil
    assert (
        "<ol><li>Menyusun rencana aksi</li><li>Melaksanakan monitoring</li><li>Mengevaluasi hasil</li></ol>"
        in hasil
    )
    assert "<ol><li>Langkah lanjutan pertama</li><li>Langkah lanjutan kedua</li></ol>" in hasil
    # the markers Word writes in front of each item are gone
    assert "·" not in hasil
    assert "1." not in hasil


def test_word_markup_styles_and_head_are_dropped_but_text_formatting_stays():
    hasil = html_aman.bersihkan(WORD)
    for sisa in ("Mso", "mso-", "<o:p", "style=", "class=", "<span", "WordDocument", "Style Definitions"):
        assert sisa not in hasil
    assert "Analisis capaian" not in hasil  # the <title>
    assert "<b>koordinasi</b>" in hasil
    assert "<i>dashboard</i>" in hasil


def test_a_word_table_keeps_its_three_rows_of_three_cells():
    hasil = html_aman.bersihkan(WORD)
    assert hasil.count("<table>") == 1
    assert hasil.count("<tr>") == 3
    assert hasil.count("<td>") == 9
    assert "<td><p>87,5</p></td>" in hasil


def test_scripts_event_handlers_and_outside_images_are_removed():
    hasil = html_aman.bersihkan(WORD)
    assert "alert" not in hasil
    assert "onclick" not in hasil
    assert "file:///" not in hasil
    assert "<img" not in hasil
    assert html_aman.bersihkan(
        '<p><a href="javascript:alert(1)">x</a><iframe src="https://x"></iframe></p>'
    ) == ("<p>x</p>")


def test_only_png_and_jpeg_data_images_within_the_size_cap_are_kept():
    png = _png()
    assert html_aman.bersihkan(f'<p><img src="{png}" onerror="x()"></p>') == f'<p><img src="{png}"></p>'
    svg = "data:image/svg+xml;base64," + base64.b64encode(b"<svg onload='alert(1)'/>").decode()
    assert html_aman.bersihkan(f'<p>a<img src="{svg}"></p>') == "<p>a</p>"
    assert html_aman.bersihkan('<p>a<img src="https://contoh.id/x.png"></p>') == "<p>a</p>"
    besar = "data:image/png;base64," + "A" * (html_aman.UKURAN_GAMBAR_MAKS * 4 // 3 + 100)
    assert html_aman.bersihkan(f'<p>a<img src="{besar}"></p>') == "<p>a</p>"


def test_colspan_and_rowspan_are_kept_other_cell_attributes_not():
    hasil = html_aman.bersihkan(
        '<table><tr><td colspan="2" width="9" bgcolor="red">a</td><td rowspan="x">b</td></tr></table>'
    )
    assert hasil == '<table><tbody><tr><td colspan="2">a</td><td>b</td></tr></tbody></table>'


def test_nested_word_list_levels_become_nested_lists():
    def butir(level: int, tanda: str, teks: str) -> str:
        return (
            f"<p style='mso-list:l0 level{level} lfo1'><span style='mso-list:Ignore'>{tanda}"
            f"<span>&nbsp;</span></span>{teks}</p>"
        )

    html = (
        butir(1, "1.", "Satu") + butir(2, "a.", "Satu-a") + butir(2, "b.", "Satu-b") + butir(1, "2.", "Dua")
    )
    assert html_aman.bersihkan(html) == (
        "<ol><li>Satu<ol><li>Satu-a</li><li>Satu-b</li></ol></li><li>Dua</li></ol>"
    )


def test_css_bold_and_italic_spans_become_tags():
    html = '<p><span style="font-weight:700">tebal</span> <span style="font-style: italic">miring</span></p>'
    assert html_aman.bersihkan(html) == "<p><strong>tebal</strong> <em>miring</em></p>"


def test_an_empty_editor_stores_nothing():
    assert html_aman.bersihkan("<p><br></p>") == ""
    assert html_aman.bersihkan("<p>&nbsp;</p><p> </p>") == ""
    assert html_aman.simpan("  ") == ""


def test_plain_text_is_kept_as_typed_and_shown_as_escaped_paragraphs():
    teks = "Baris satu a < b\n\nParagraf dua & tiga"
    assert html_aman.adalah_html(teks) is False
    assert html_aman.simpan(teks) == teks
    assert html_aman.ke_html(teks) == "<p>Baris satu a &lt; b</p><p>Paragraf dua &amp; tiga</p>"
    assert html_aman.ke_teks(teks) == "Baris satu a < b\n\nParagraf dua & tiga"


def test_plain_text_lines_are_paragraphs_and_its_dash_and_number_lines_lists():
    # as the demo's narratives were typed from seed 004: a line per paragraph, "- " bullets, "1. " items
    teks = "Pengantar:\n- Butir satu;\n- Butir dua.\nLanjutan.\n1. Sektor A\n2. Sektor B\nSumber: data"
    assert html_aman.ke_html(teks) == (
        "<p>Pengantar:</p><ul><li>Butir satu;</li><li>Butir dua.</li></ul><p>Lanjutan.</p>"
        "<ol><li>Sektor A</li><li>Sektor B</li></ol><p>Sumber: data</p>"
    )


def test_plain_text_of_rich_narrative_lists_each_block():
    teks = html_aman.ke_teks(html_aman.bersihkan(WORD))
    blok = teks.split("\n\n")
    assert blok[:3] == [
        "Capaian indikator ini didukung oleh koordinasi yang baik dan pemanfaatan dashboard kinerja.",
        "Rapat koordinasi triwulanan",
        "Pemantauan melalui e-monev",
    ]
    assert "IKM | 85 | 87,5" in blok
