"""1023 → 1024: e-mail addresses out of what the public may search.

The disclosure table shows e-mail to no anonymous visitor; the search index
kept them in the text of entries the public may read (a process's
especificação, a público document's body), so the public search found a
process by an e-mail typed in it, and its snippets showed it. Entries are now
written without them (:func:`seimg.pesquisa.entradas._entrada`); this step
re-indexes every process and its documents, in batches as step 1019 did
(a commit every :data:`~seimg.upgrades.v1019.LOTE` processes, resumable,
progress logged). Nothing else changes.
"""

from plone import api
from seimg.pesquisa import indice
from seimg.upgrades import v1019
import logging


logger = logging.getLogger("seimg.upgrades")


def upgrade(context):
    portal = api.portal.get()
    feitos = indice.reconstruir(portal, lote=v1019.LOTE, commit=v1019.CONFIRMAR)
    logger.info("Pesquisa: %d processes re-indexed without e-mails", feitos)
