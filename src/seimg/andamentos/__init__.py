"""Andamentos: the append-only history of every processo.

Every feature records what happened through :func:`registrar`; nobody,
Manager included, can change or remove an entry. The kinds of entry and their
sentences live in :mod:`seimg.andamentos.eventos`, the storage in
:mod:`seimg.andamentos.api`.
"""

from seimg.andamentos.api import Andamento
from seimg.andamentos.api import AndamentoImutavel
from seimg.andamentos.api import listar
from seimg.andamentos.api import obter
from seimg.andamentos.api import registrar
from seimg.andamentos.eventos import TIPOS


__all__ = [
    "TIPOS",
    "Andamento",
    "AndamentoImutavel",
    "listar",
    "obter",
    "registrar",
]
