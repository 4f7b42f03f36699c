from sakip.pelaporan.lkjip.pemda import bangun_lkjip_pemda
from sakip.pelaporan.render import docx as render_docx
from sakip.pelaporan.render import pdf as render_pdf
from sakip.rpjmd.models import Rpjmd


def test_coba(demo):
    rpjmd = Rpjmd.objects.select_related("pemda").get(pemda__kode="64", tahun_mulai=2024)
    lap = bangun_lkjip_pemda(rpjmd, 2024)
    d = render_docx.tulis(lap)
    open("/tmp/lkp/pemda.docx", "wb").write(d)
    open("/tmp/lkp/pemda.pdf", "wb").write(render_pdf.dari_docx(d))
