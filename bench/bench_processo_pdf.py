"""Benchmark: time and peak memory of "Gerar PDF do processo", 20 vs 200 documents.

Sets up the demo site in-process (the ``SEIMG_DEMO_FIXTURE`` test layer, with
its real LibreOffice workers), fills one process with 200 documents (nine in
ten ofícios written in seimg, rendered through their template; one in ten an
external PDF of four pages) and runs :func:`seimg.exportacao.processo_pdf.montar_pdf`
as Carlos (CMVS/SECRETARIA) on the first 20 documents (the baseline, same run)
and on all 200. It prints both times and peaks and their ratios:

- time should grow about linearly (≈10×): every internal document is one
  LibreOffice render;
- peak Python memory (``tracemalloc``) should stay about flat: documents are
  rendered to temporary files and pages are streamed into the result, never
  held together in memory.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_processo_pdf.py``);
about six minutes, nearly all of it LibreOffice rendering. Seen here (two
CPUs): 27 s / 310 s (11.4×), peak 3.1 MB / 6.7 MB (2.2×: the ZODB cache of
the 200 loaded documents, not pages), 268 pages.
"""

from camadas import portal_de
from pathlib import Path
from plone import api
from plone.app.testing import login
from seimg.testing import SEIMG_DEMO_FIXTURE
import os
import tempfile
import time
import tracemalloc


PEQUENO = int(os.environ.get("SEIMG_BENCH_PEQUENO", "20"))
GRANDE = int(os.environ.get("SEIMG_BENCH_GRANDE", "200"))
PARAGRAFO = (
    "<p>Solicitamos informações sobre a execução do contrato de fornecimento "
    "de merenda escolar, em especial quanto às entregas realizadas, aos "
    "cardápios aplicados e aos pagamentos efetuados no período.</p>"
)


def pdf_externo() -> bytes:
    from seimg.assinatura.pades import html_para_pdf

    paginas = "".join(
        f'<h1 style="page-break-before: always">Anexo, folha {i}</h1>{PARAGRAFO * 8}'
        for i in range(1, 5)
    )
    return html_para_pdf(f'<html><body lang="pt-BR">{paginas}</body></html>')


def preencher(portal, processo, quantidade: int) -> None:
    from datetime import date
    from plone.app.textfield.value import RichTextValue
    from plone.namedfile.file import NamedBlobFile
    from seimg.tabelas import por_titulo

    oficio = por_titulo("TipoDocumento", "Ofício").UID()
    certidao = por_titulo("TipoDocumento", "Certidão").UID()
    anexo = pdf_externo()
    for i in range(quantidade):
        if i % 10 == 9:
            api.content.create(
                container=processo,
                type="DocumentoExterno",
                title="externo",
                tipo_documento=certidao,
                data_documento=date(2026, 3, 2),
                numero=f"{i}/2026",
                formato="nato_digital",
                nivel_acesso="publico",
                arquivo=NamedBlobFile(
                    data=anexo, filename=f"anexo-{i}.pdf", contentType="application/pdf"
                ),
            )
        else:
            api.content.create(
                container=processo,
                type="Documento",
                title="documento",
                tipo_documento=oficio,
                nivel_acesso="publico",
                destinatarios=["Ao Senhor Prefeito Municipal de Vila Serrana"],
                texto=RichTextValue(
                    f"<h2>Item {i}</h2>{PARAGRAFO * 3}", "text/html", "text/x-html-safe"
                ),
            )


def medir(processo, documentos) -> tuple[float, int, int]:
    """(seconds, peak bytes, pages) of one process PDF of ``documentos``."""
    from seimg.exportacao import processo_pdf

    with tempfile.TemporaryDirectory(prefix="seimg-bench-pdf-") as pasta:
        tracemalloc.start()
        started = time.perf_counter()
        resultado = processo_pdf.montar_pdf(
            processo, documentos, Path(pasta) / "processo.pdf"
        )
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    falhas = [item.motivo for item in resultado.nao_convertidos]
    if falhas:
        raise RuntimeError(f"documents not converted: {falhas[:3]}")
    return elapsed, peak, resultado.paginas


def main() -> None:
    from seimg.exportacao import selecao
    from seimg.interfaces import ISeimgLayer
    from seimg.organizacao.atual import _CACHE as ATUAL  # the request cache
    from seimg.tabelas import por_titulo
    from zope.interface import alsoProvides

    with portal_de(SEIMG_DEMO_FIXTURE) as portal:
        request = portal.REQUEST
        alsoProvides(request, ISeimgLayer)
        secretaria = portal["orgaos"]["cmvs"]["secretaria"]
        login(portal, "carlos.mendes")
        request.other[ATUAL] = secretaria
        processo = api.content.create(
            container=portal["processos"],
            type="Processo",
            title="processo",
            tipo_processo=por_titulo(
                "TipoProcesso", "Acesso à Informação: Pedido (LAI)"
            ).UID(),
            especificacao="Merenda escolar: prestação de contas de 2026",
            nivel_acesso="publico",
        )
        preencher(portal, processo, GRANDE)
        documentos = selecao.selecionar(processo, secretaria)
        assert len(documentos) == GRANDE, len(documentos)
        pequeno = medir(processo, documentos[:PEQUENO])
        grande = medir(processo, documentos)
    mb = 1024 * 1024
    print(f'"Gerar PDF do processo": {GRANDE} / {PEQUENO} documents')
    for rotulo, (segundos, pico, paginas) in (
        (f"{PEQUENO} documents", pequeno),
        (f"{GRANDE} documents", grande),
    ):
        print(
            f"  {rotulo:14} {segundos:7.1f} s, {paginas:4d} pages, "
            f"peak {pico / mb:6.1f} MB (tracemalloc)"
        )
    tempo = grande[0] / pequeno[0]
    print(f"  time ratio:        {tempo:6.1f}× (linear ≈ {GRANDE / PEQUENO:.0f}×)")
    print(f"  peak memory ratio: {grande[1] / pequeno[1]:6.1f}× (bounded ≈ 1×)")


if __name__ == "__main__":
    main()
