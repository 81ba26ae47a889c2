"""1011 → 1012: the Controle de Processos' per-unit index; retornos apart.

Moves each process's retornos programados from its openings into its own
``_retornos`` tree (:func:`seimg.processos.tramite.migrar_retornos`) and
builds :mod:`seimg.controle.indice` from the routing state
(:func:`seimg.controle.indice.reconstruir`). Nothing else is touched; the
catalog keeps its indexes.
"""

from plone import api
from seimg.controle import indice
import logging


logger = logging.getLogger("seimg.upgrades")


def upgrade(context):
    lidos = indice.reconstruir(api.portal.get())
    logger.info("Controle de Processos: index built from %d processes", lidos)
