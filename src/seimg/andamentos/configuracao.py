"""Which tipos de andamento are public ("resumido"): settings and vocabulary.

Installation-wide: the registry record ``seimg.andamentos.tipos_resumidos``
(empty: seimg's defaults, :func:`eventos.tipos_resumidos_padrao`). Per órgão:
its ``andamentos_resumidos`` field (empty: the installation's choice).
"""

from seimg import _
from seimg.andamentos import eventos
from zope import schema
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


VOCABULARIO = "seimg.TiposAndamento"


def _titulo(tipo: str) -> str:
    return tipo.replace("_", " ").capitalize()


@provider(IVocabularyFactory)
def tipos_andamento(context=None):
    """Every tipo de andamento (token: the tipo)."""
    return SimpleVocabulary(
        [SimpleTerm(tipo, tipo, _titulo(tipo)) for tipo in sorted(eventos.TIPOS)]
    )


class IAndamentosSettings(Interface):
    tipos_resumidos = schema.List(
        title=_(
            "andamentos_tipos_resumidos_titulo",
            default="Tipos de andamento in the public history",
        ),
        description=_(
            "andamentos_tipos_resumidos_descricao",
            default="Anonymous visitors and units the process never reached see "
            "only these, with units and no people. Empty: seimg's defaults.",
        ),
        value_type=schema.Choice(vocabulary=VOCABULARIO),
        required=False,
        default=[],
    )
