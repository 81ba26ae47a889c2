"""Version tokens: one random token per kind of data, renewed on every change.

Answers derived from rarely changing data (the tables' vocabularies, the
units' sigla paths) are kept per Zope process with the token they were built
from, and built again when the token differs. The token lives in the
database (a small persistent object on the site root), so a change made
through any Zope process invalidates every process's copy, each at its next
transaction. A new random token per change (never a counter) keeps a copy
built from an aborted transaction's state from ever matching a committed one.
"""

from Acquisition import aq_base
from persistent import Persistent
from uuid import uuid4
import threading


class Versao(Persistent):
    """The token of one kind of data's current state."""

    def __init__(self):
        self.token = uuid4().hex

    def mudar(self) -> None:
        self.token = uuid4().hex


def instalar(portal, atributo: str) -> Versao:
    """Create the token ``atributo`` on ``portal`` (idempotent); returns it."""
    base = aq_base(portal)
    versao = getattr(base, atributo, None)
    if versao is None:
        versao = Versao()
        setattr(base, atributo, versao)
    return versao


def _objeto(portal, atributo: str) -> Versao | None:
    return getattr(aq_base(portal), atributo, None) if portal is not None else None


def token(portal, atributo: str) -> str | None:
    """The current token, or None before :func:`instalar` (no keeping then)."""
    versao = _objeto(portal, atributo)
    return versao.token if versao is not None else None


def mudar(portal, atributo: str) -> None:
    """The data changed: renew the token (nothing when not installed)."""
    versao = _objeto(portal, atributo)
    if versao is not None:
        versao.mudar()


class Guardados:
    """Values kept per Zope process and site while a token holds.

    ``obter(portal)`` is the dict of the site's current token (a new, empty
    one when the token changed), or None when the site has no token.
    """

    def __init__(self, atributo: str):
        self.atributo = atributo
        self._por_site: dict[tuple, tuple[str, dict]] = {}
        self._trava = threading.Lock()

    def obter(self, portal) -> dict | None:
        atual = token(portal, self.atributo)
        if atual is None:
            return None
        site = portal.getPhysicalPath()
        guardado = self._por_site.get(site)
        if guardado is None or guardado[0] != atual:
            with self._trava:
                guardado = self._por_site.get(site)
                if guardado is None or guardado[0] != atual:
                    guardado = self._por_site[site] = (atual, {})
        return guardado[1]

    def limpar(self) -> None:
        with self._trava:
            self._por_site.clear()
