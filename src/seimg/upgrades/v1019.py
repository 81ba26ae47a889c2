"""1018 → 1019: seimg's own search index (Pesquisa, issue 18).

Creates the engine (:mod:`seimg.pesquisa.indice`) and indexes every process
and its documents in batches: a commit every :data:`LOTE` processes, progress
logged, resumable (a run that stops resumes after the last committed batch;
meanwhile the search says the index is being built). Existing external
documents get their text extracted, and scanned ones are queued for OCR at
low priority (:func:`seimg.pesquisa.ocr.enfileirar_pendentes`). Nothing else
is touched: the catalog keeps its indexes.
"""

from plone import api
from seimg.pesquisa import indice
import logging


logger = logging.getLogger("seimg.upgrades")

LOTE = 200


def upgrade(context):
    portal = api.portal.get()
    indice.criar_vazio(portal)
    feitos = indice.reconstruir(portal, lote=LOTE)
    logger.info("Pesquisa: %d processes indexed", feitos)
    try:
        from seimg.pesquisa import ocr
    except ImportError:  # pragma: no cover
        return
    enfileirados = ocr.enfileirar_pendentes(portal)
    logger.info("Pesquisa: %d scanned documents queued for OCR", enfileirados)
