"""1018 → 1019: seimg's own search index (Pesquisa, issue 18).

Creates the engine (:mod:`seimg.pesquisa.indice`) and indexes every process
and its documents in batches: a commit every :data:`LOTE` processes, progress
logged, resumable (a run that stops resumes after the last committed batch;
meanwhile the search says the index is being built). Existing external
documents get their text extracted, and scanned ones are queued for OCR at
low priority (:func:`seimg.pesquisa.ocr.enfileirar_pendentes`, first, so the
index gets their text). Documents' catalog ``SearchableText`` loses their
body (searched through the new index only, for those who may read it).
"""

from plone import api
from seimg.pesquisa import indice
import logging


logger = logging.getLogger("seimg.upgrades")

LOTE = 200
#: Commit every batch (a live site); tests of upgrades in a layer that
#: forbids commits set it to False.
CONFIRMAR = True


def upgrade(context):
    from seimg.pesquisa import ocr

    portal = api.portal.get()
    indice.criar_vazio(portal)
    # Text of uploads kept before this version (scans queued for OCR).
    enfileirados = ocr.enfileirar_pendentes(portal, lote=LOTE, confirmar=CONFIRMAR)
    logger.info("Pesquisa: %d scanned documents queued for OCR", enfileirados)
    feitos = indice.reconstruir(portal, lote=LOTE, commit=CONFIRMAR)
    logger.info("Pesquisa: %d processes indexed", feitos)
    sem_corpo = _searchabletext_sem_corpo(portal)
    logger.info("Pesquisa: %d documents' SearchableText without body", sem_corpo)


def _searchabletext_sem_corpo(portal) -> int:
    """Documents' catalog SearchableText without their body (now searched
    through seimg.pesquisa only), in batches."""
    import transaction

    catalog = api.portal.get_tool("portal_catalog")
    feitos = 0
    for marca in catalog.unrestrictedSearchResults(
        portal_type=["Documento", "DocumentoExterno"]
    ):
        documento = marca._unrestrictedGetObject()
        catalog.catalog_object(
            documento, marca.getPath(), idxs=["SearchableText"], update_metadata=0
        )
        feitos += 1
        if CONFIRMAR and feitos % LOTE == 0:
            transaction.commit()
            logger.info("Pesquisa: %d documents' SearchableText updated", feitos)
    return feitos
