"""1013 → 1014: the Controle de Processos' index points at the processes.

Each key of :mod:`seimg.controle.indice` now leads to its process (and the
path of its folder), so a page reads no catalog bucket or folder bucket per
row. The index is rebuilt from the routing state; nothing else is touched.
"""

from plone import api
from seimg.controle import indice
import logging


logger = logging.getLogger("seimg.upgrades")


def upgrade(context):
    lidos = indice.reconstruir(api.portal.get())
    logger.info("Controle de Processos: index rebuilt from %d processes", lidos)
