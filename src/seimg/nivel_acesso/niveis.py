"""Níveis de acesso (Lei 12.527/2011) and graus de sigilo, and their order."""

from seimg import _
from zope.interface import Invalid
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


PUBLICO = "publico"
RESTRITO = "restrito"
SIGILOSO = "sigiloso"
# From the least to the most restrictive.
ORDEM = (PUBLICO, RESTRITO, SIGILOSO)

NIVEIS = SimpleVocabulary(
    [
        SimpleTerm(PUBLICO, title=_("nivel_publico", default="Public")),
        SimpleTerm(RESTRITO, title=_("nivel_restrito", default="Restricted")),
        SimpleTerm(SIGILOSO, title=_("nivel_sigiloso", default="Secret")),
    ]
)
GRAUS = SimpleVocabulary(
    [
        SimpleTerm("reservado", title=_("grau_reservado", default="Reserved")),
        SimpleTerm("secreto", title=_("grau_secreto", default="Secret")),
        SimpleTerm(
            "ultrassecreto", title=_("grau_ultrassecreto", default="Top secret")
        ),
    ]
)


def mais_restritivo(*niveis: str | None) -> str:
    """The most restrictive of ``niveis`` (público when none is given)."""
    present = [n for n in niveis if n in ORDEM]
    return max(present, key=ORDEM.index) if present else PUBLICO


def titulo(nivel: str):
    return NIVEIS.getTerm(nivel).title if nivel in ORDEM else nivel


def validar_classificacao(nivel, hipotese_legal, grau_sigilo=None) -> None:
    """Restrito and sigiloso need a hipótese legal.

    Raises :class:`zope.interface.Invalid` naming the missing field. The grau
    de sigilo belongs to classified information only (LAI arts. 23–24), by
    the hipótese: :func:`seimg.nivel_acesso.classificacao.validar`.
    """
    if nivel in (RESTRITO, SIGILOSO) and not hipotese_legal:
        raise Invalid(
            _(
                "hipotese_obrigatoria",
                default="Hipótese legal: required when the access level is ${nivel}.",
                mapping={"nivel": titulo(nivel)},
            )
        )
