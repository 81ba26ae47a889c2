"""Wrong passwords when signing: count them, lock signing for a while.

After ``seimg.assinatura.max_falhas`` (default 5) wrong passwords in a row a
user may not sign for ``seimg.assinatura.bloqueio_minutos`` (default 15)
minutes; a right password clears the count. Every failure is logged with
:mod:`logging` (logger ``seimg.assinatura``), never in the andamentos.

**Volatile store, on purpose.** The count lives in this process's memory
(a dict behind a lock), not in the ZODB: a wrong password ends the request
with an error, and Zope aborts the transaction of a failed request, so a
persistent counter would be rolled back with it (or need a second commit
racing the request's own). Keeping it out of the ZODB also spares the
database a write per guessed password. The cost: the count restarts when
the instance restarts and is per process (each ZEO client counts apart),
which still bounds guessing to a few attempts per minute per process.
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from threading import Lock
import logging


logger = logging.getLogger("seimg.assinatura")

MAX_FALHAS = 5
BLOQUEIO_MINUTOS = 15

_lock = Lock()
# userid → {"falhas": int, "ate": datetime | None}
_falhas: dict[str, dict] = {}


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


def bloqueado_ate(userid: str) -> datetime | None:
    """When signing is unlocked again for ``userid``; None when it is not locked."""
    with _lock:
        estado = _falhas.get(userid)
        if not estado or not estado.get("ate"):
            return None
        if estado["ate"] <= datetime.now(UTC):
            _falhas.pop(userid, None)
            return None
        return estado["ate"]


def falhou(userid: str, motivo: str = "senha incorreta") -> int:
    """Count one failure of ``userid`` (logged); return the count."""
    with _lock:
        estado = _falhas.setdefault(userid, {"falhas": 0, "ate": None})
        estado["falhas"] += 1
        falhas = estado["falhas"]
        if falhas >= max_falhas():
            estado["ate"] = datetime.now(UTC) + timedelta(minutes=bloqueio_minutos())
    logger.warning(
        "Assinatura: falha de autenticação de %s (%s), %d seguida(s)%s",
        userid,
        motivo,
        falhas,
        "; assinatura bloqueada" if falhas >= max_falhas() else "",
    )
    return falhas


def acertou(userid: str) -> None:
    with _lock:
        _falhas.pop(userid, None)


def limpar() -> None:
    """Forget every count (tests)."""
    with _lock:
        _falhas.clear()
