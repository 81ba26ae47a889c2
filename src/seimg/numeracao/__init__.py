"""Numeração: process-number masks, check digits and conflict-free counters.

Owns the mask language of an órgão's process numbers (NUP), the check-digit
algorithms (ISO 7064 MOD 97-10 as in Sei!MG, the federal double mod 11), and
the counters that hand out NUPs, números SEI and document-type numbers
without write conflicts.

Every number goes through :func:`alocar`, which asks the registered
:class:`IAlocadorNumeros` utility — none by default: then, when
``SEIMG_POSTGRESQL_DSN`` is set (a cluster), the counters in PostgreSQL of
:mod:`.sequencias`, else the ZODB counters of :mod:`.contadores` (a separate
connection, one commit for all the numbers of one call). A deployment may
register another allocator without touching the callers. Allocation is
never part of the request's transaction where a separate one is possible;
gaps are tolerated, duplicates never. :func:`atual` reads the same store.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from seimg.base import postgresql
from seimg.numeracao import cmfuid
from seimg.numeracao import contadores
from seimg.numeracao.contadores import instalar
from seimg.numeracao.digitos import mod11_federal
from seimg.numeracao.digitos import mod97_10
from seimg.numeracao.mascara import ano_atual
from seimg.numeracao.mascara import Mascara
from seimg.numeracao.mascara import mascara_constraint
from seimg.numeracao.mascara import MascaraInvalida
from seimg.numeracao.mascara import NumeroInvalido
from seimg.numeracao.mascara import ValorForaDaMascara
from zope.component import queryUtility
from zope.interface import Interface


cmfuid.aplicar()

__all__ = [
    "POLITICAS",
    "IAlocadorNumeros",
    "Mascara",
    "MascaraInvalida",
    "NumeroInvalido",
    "ValorForaDaMascara",
    "alocar",
    "ano_atual",
    "atual",
    "chave_documento",
    "formatar_numero_documento",
    "instalar",
    "mascara_constraint",
    "mascara_do_orgao",
    "mod11_federal",
    "mod97_10",
    "numero_documento",
    "numero_sei",
    "nup",
    "proximo",
    "validar_nup",
]


class IAlocadorNumeros(Interface):
    """Hands out numbers of named sequences; never the same number twice."""

    def alocar(passos, holder=None):
        """Advance each sequence ``chave`` of ``passos`` ({chave: passo ≥ 1})
        by its passo, all at once; return {chave: its new last value}."""


def _alocador():
    """The registered allocator, else PostgreSQL's when it is on, else None
    (the ZODB counters)."""
    alocador = queryUtility(IAlocadorNumeros)
    if alocador is None and postgresql.ativo():
        from seimg.numeracao.sequencias import ALOCADOR as alocador
    return alocador


def alocar(passos: dict[str, int], holder=None) -> dict[str, int]:
    """Allocate numbers of several sequences at once (see IAlocadorNumeros)."""
    alocador = _alocador()
    if alocador is not None:
        return alocador.alocar(passos, holder)
    return contadores.alocar(passos, holder)


def atual(chave: str, holder=None) -> int:
    """The last value issued by sequence ``chave`` (0 if none), from the
    store :func:`alocar` uses; for display and tests."""
    alocador = _alocador()
    if alocador is not None and hasattr(alocador, "atual"):
        return alocador.atual(chave, holder)
    return contadores.atual(chave, holder)


def proximo(chave: str, holder=None) -> int:
    """The next value of sequence ``chave`` (the first is 1); never reissued."""
    return alocar({chave: 1}, holder)[chave]


# Numbering policies of a tipo de documento (série).
POLITICAS = (
    "sequencial_unidade",
    "sequencial_orgao",
    "anual_unidade",
    "anual_orgao",
    "nenhuma",
    "informada",
)
_NUMERADAS = POLITICAS[:4]

#: Sei!MG's process number (NUP) mask, the default of every órgão.
MASCARA_SEIMG = "{orgao:4}.{unidade:2}.{sequencial:7}/{ano}-{dv:mod97}"


def _orgao_de(unidade):
    return aq_parent(aq_inner(unidade))


def mascara_do_orgao(orgao) -> Mascara:
    """The parsed mask of ``orgao`` (Sei!MG's default when it has none)."""
    return Mascara.parse(getattr(orgao, "mascara_processo", None) or MASCARA_SEIMG)


def nup(orgao, unidade, ano: int | None = None) -> str:
    """A new process number of ``orgao``, opened by ``unidade``.

    The sequence is the órgão's or the unit's (by the mask's escopo) for the
    year, so it restarts every year. Raises MascaraInvalida (a bad mask) or
    ValorForaDaMascara (a code too wide for the mask) before consuming a
    number; ValorForaDaMascara also when the year's sequence overflows.
    """
    mascara = mascara_do_orgao(orgao)
    ano = ano or ano_atual()
    codigo_orgao = getattr(orgao, "codigo", None)
    codigo_unidade = getattr(unidade, "codigo", None)
    mascara.formatar(codigo_orgao, codigo_unidade, 1, ano)  # codes fit
    dono = orgao if mascara.escopo == "orgao" else unidade
    sequencial = proximo(f"nup/{dono.UID()}/{ano}")
    return mascara.formatar(codigo_orgao, codigo_unidade, sequencial, ano)


def validar_nup(orgao, numero: str) -> None:
    """Raises NumeroInvalido unless ``numero`` (e.g. an informed legacy
    number) follows the órgão's mask and check-digit algorithm."""
    mascara_do_orgao(orgao).validar(numero)


CHAVE_SEI = "sei"


def formatar_numero_sei(valor: int) -> str:
    return f"{valor:07d}"


def numero_sei() -> str:
    """A new número SEI (the installation's single sequence), 7+ digits."""
    return formatar_numero_sei(proximo(CHAVE_SEI))


def chave_documento(politica: str, tipo_uid: str, unidade, ano: int | None = None):
    """The sequence that numbers ``tipo_uid`` under ``politica`` for
    ``unidade`` (None when the policy numbers nothing); for :func:`alocar`."""
    if politica not in POLITICAS:
        raise ValueError(f"unknown numbering policy: {politica!r}")
    if politica not in _NUMERADAS:
        return None
    escopo, dono = politica.split("_")
    dono = unidade if dono == "unidade" else _orgao_de(unidade)
    periodo = str(ano or ano_atual()) if escopo == "anual" else "-"
    return f"doc/{tipo_uid}/{dono.UID()}/{periodo}"


def numero_documento(
    politica: str, tipo_uid: str, unidade, ano: int | None = None
) -> int | None:
    """The next number of a document type under ``politica`` (one of
    POLITICAS) for ``unidade``: None for ``nenhuma`` and ``informada``."""
    chave = chave_documento(politica, tipo_uid, unidade, ano)
    return proximo(chave) if chave else None


def formatar_numero_documento(
    nome_tipo: str, numero, politica: str, unidade, ano: int | None = None
) -> str:
    """The document's title number, e.g. ``Ofício nº 12/2026/SEPLAG/DCSC``.

    ``anual_*`` add the year; ``*_unidade`` end with the órgão and unit
    siglas, ``*_orgao`` with the órgão's; ``informada`` gives the number as
    typed; ``nenhuma`` (or no number) only the type's name.
    """
    if politica not in POLITICAS:
        raise ValueError(f"unknown numbering policy: {politica!r}")
    if politica == "nenhuma" or numero in (None, ""):
        return nome_tipo
    if politica == "informada":
        return f"{nome_tipo} nº {numero}"
    escopo, dono = politica.split("_")
    partes = [str(numero)]
    if escopo == "anual":
        partes.append(str(ano or ano_atual()))
    partes.append(_orgao_de(unidade).sigla)
    if dono == "unidade":
        partes.append(unidade.sigla)
    return f"{nome_tipo} nº {'/'.join(partes)}"
