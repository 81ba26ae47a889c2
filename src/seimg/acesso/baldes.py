"""Rates per client address for public surfaces (groundwork of issue 19).

The public portal has no CAPTCHA (it blocks blind citizens): abuse is
limited per address with token buckets (:func:`seimg.acesso.limites.balde`
in the shared store), generous bursts for pages and tighter rates for
exports and PDFs, since many citizens share one address behind a mobile
carrier's NAT. Pure but for the store: :func:`consumir` answers the seconds
to wait (0.0: go on), for a 429 with ``Retry-After``.

Classes are configurable per environment variable
``SEIMG_BALDE_<CLASSE>="<capacidade>/<por minuto>"`` (e.g.
``SEIMG_BALDE_PAGINA="240/120"``); a malformed value is refused at start,
naming the variable (:class:`ConfiguracaoInvalida`).
"""

from dataclasses import dataclass
from seimg.acesso import limites
import math
import os


TIPO = "balde"


@dataclass(frozen=True)
class Classe:
    """A bucket's shape: ``capacidade`` tokens (the burst), refilled at
    ``por_minuto`` tokens a minute."""

    nome: str
    capacidade: float
    por_minuto: float

    @property
    def por_segundo(self) -> float:
        return self.por_minuto / 60.0


PAGINA = "pagina"
EXPORTACAO = "exportacao"
PDF = "pdf"

#: Defaults: a person reading pages never meets the page limit (a burst of
#: 120, two a second after it); exports and PDFs are dearer to serve.
PADROES = {
    PAGINA: Classe(PAGINA, 120, 120),
    EXPORTACAO: Classe(EXPORTACAO, 10, 6),
    PDF: Classe(PDF, 20, 10),
}


class ConfiguracaoInvalida(ValueError):
    """A ``SEIMG_BALDE_*`` variable that is not ``<capacidade>/<por minuto>``."""


def _numero(texto: str) -> float:
    valor = float(texto)
    if not math.isfinite(valor) or valor <= 0:
        raise ValueError(texto)
    return valor


def classes(ambiente=None) -> dict[str, Classe]:
    """The classes in force: defaults, overridden by the environment."""
    ambiente = os.environ if ambiente is None else ambiente
    resultado = dict(PADROES)
    for nome in PADROES:
        variavel = f"SEIMG_BALDE_{nome.upper()}"
        valor = ambiente.get(variavel)
        if not valor:
            continue
        try:
            capacidade, por_minuto = (_numero(p) for p in valor.split("/"))
        except ValueError:
            raise ConfiguracaoInvalida(
                f"{variavel}={valor!r}: use <capacidade>/<por minuto>, "
                "números positivos (por exemplo 120/60)."
            ) from None
        resultado[nome] = Classe(nome, capacidade, por_minuto)
    return resultado


def consumir(
    classe: str, endereco: str, custo: float = 1.0, store=None, momento=None
) -> float:
    """Take ``custo`` from ``endereco``'s bucket of ``classe``: 0.0 when
    allowed, else the seconds until it would be (nothing taken)."""
    forma = classes()[classe]
    store = store if store is not None else limites.loja()
    momento = limites.agora() if momento is None else momento
    return store.consumir(
        TIPO,
        f"{classe}:{endereco}",
        momento,
        forma.capacidade,
        forma.por_segundo,
        custo,
    )


def retry_after(espera: float) -> str:
    """``Retry-After`` for a wait: whole seconds, at least 1."""
    return str(max(1, math.ceil(espera)))
