"""1024 → 1025: concurrent creations of processes no longer conflict on
``/processos`` nor on the catalog's text indexes (issue 20).

- The ``processos`` folder gets the class
  :class:`seimg.content.pasta.PastaProcessos` (in place: same object, id,
  UID, permissions and content): a process added or removed no longer
  re-catalogues and stamps it, so concurrent creations stop writing that one
  object.
- The catalog's ZCTextIndexes keep every word's documents in an IIBTree
  (:func:`seimg.operacao.textindex.converter`): their ``_wordinfo`` buckets
  held inline dicts, which BTrees cannot merge. One write per bucket, in
  this step's transaction.

Nothing else changes; searches answer the same.
"""

from plone import api
from seimg.content.pasta import adotar
from seimg.operacao import textindex
import logging


logger = logging.getLogger("seimg.upgrades")


def upgrade(context):
    portal = api.portal.get()
    pasta = portal.get("processos")
    if pasta is not None and adotar(pasta):
        logger.info("processos: now a PastaProcessos")
    feitos = textindex.converter(api.portal.get_tool("portal_catalog"))
    logger.info("catalog text indexes: %d words' documents now IIBTrees", feitos)
