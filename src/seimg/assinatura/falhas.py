"""Wrong passwords when signing: count them, lock signing for a while.

After ``seimg.assinatura.max_falhas`` (default 5) wrong passwords in a row a
user may not sign for ``seimg.assinatura.bloqueio_minutos`` (default 15)
minutes; a right password clears the count. Every failure is logged with
:mod:`logging` (logger ``seimg.assinatura``), never in the andamentos; the
lock is logged by ``seimg.acesso`` too, and órgão administrators see and
clear it with the other locks (:mod:`seimg.acesso`).

**Not in the ZODB.** The count lives in the store of access limits
(:mod:`seimg.acesso.limites`, a SQLite file in ``$SEIMG_DATA``): a wrong
password ends the request with an error, and Zope aborts the transaction of
a failed request, so a persistent counter would be rolled back with it (or
need a second commit racing the request's own); it also spares the
database a write per guessed password. The count survives restarts and is
shared by every Zope process using the same store.
"""

from datetime import datetime
from datetime import UTC
from plone import api
from seimg.acesso import limites
from seimg.acesso.api import ASSINATURA
from seimg.acesso.api import seguro
import logging


logger = logging.getLogger("seimg.assinatura")
logger_acesso = logging.getLogger("seimg.acesso")

MAX_FALHAS = 5
BLOQUEIO_MINUTOS = 15


def _registro(nome: str, padrao: int) -> int:
    try:
        valor = api.portal.get_registry_record(f"seimg.assinatura.{nome}", default=None)
    except Exception:  # no registry (e.g. outside a site)
        valor = None
    return int(valor) if valor else padrao


def max_falhas() -> int:
    return _registro("max_falhas", MAX_FALHAS)


def bloqueio_minutos() -> int:
    return _registro("bloqueio_minutos", BLOQUEIO_MINUTOS)


@seguro(None)
def bloqueado_ate(userid: str) -> datetime | None:
    """When signing is unlocked again for ``userid``; None when it is not locked."""
    loja = limites.loja()
    agora = limites.agora()
    marca = loja.marca(ASSINATURA, userid, agora)
    if marca is not None:
        return datetime.fromtimestamp(marca.ate, UTC)
    # A lock that expired starts the count afresh.
    if len(loja.momentos(ASSINATURA, userid, limite=max_falhas())) >= max_falhas():
        loja.esquecer(ASSINATURA, userid)
        loja.desmarcar(ASSINATURA, userid)
    return None


@seguro(0)
def falhou(userid: str, motivo: str = "senha incorreta") -> int:
    """Count one failure of ``userid`` (logged); return the count."""
    loja = limites.loja()
    agora = limites.agora()
    loja.registrar(ASSINATURA, userid, agora)
    falhas = len(loja.momentos(ASSINATURA, userid))
    travou = falhas >= max_falhas()
    if travou and loja.marca(ASSINATURA, userid, agora) is None:
        ate = agora + 60 * bloqueio_minutos()
        loja.marcar(
            ASSINATURA,
            userid,
            ate,
            agora,
            f"{falhas} senhas incorretas seguidas ao assinar",
        )
        logger_acesso.warning(
            "Acesso: assinatura de %s bloqueada até %s (%d senhas incorretas)",
            userid,
            datetime.fromtimestamp(ate, UTC).isoformat(timespec="minutes"),
            falhas,
        )
    logger.warning(
        "Assinatura: falha de autenticação de %s (%s), %d seguida(s)%s",
        userid,
        motivo,
        falhas,
        "; assinatura bloqueada" if travou else "",
    )
    return falhas


@seguro(None)
def acertou(userid: str) -> None:
    loja = limites.loja()
    if loja.momentos(ASSINATURA, userid, limite=1):
        loja.esquecer(ASSINATURA, userid)
        loja.desmarcar(ASSINATURA, userid)


def limpar() -> None:
    """Forget every signing count and lock (tests)."""
    limites.loja().limpar((ASSINATURA,))


class _Contados:
    """``userid in _falhas``: whether a count or lock exists (compatibility)."""

    def __contains__(self, userid) -> bool:
        loja = limites.loja()
        return bool(
            loja.momentos(ASSINATURA, userid, limite=1)
            or loja.marca(ASSINATURA, userid, limites.agora())
        )


_falhas = _Contados()
