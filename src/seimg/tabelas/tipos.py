"""The five tables administrators edit: schemas, classes and fixed choices.

TipoProcesso, TipoDocumento (série), HipoteseLegal, Assunto and
TipoConferencia. Each item is active or not by its workflow state
(``seimg_tabela_workflow``: ``ativo`` / ``inativo``); only active items appear
in the vocabularies of :mod:`seimg.tabelas.vocabularies`.
"""

from plone.app.textfield import RichText
from plone.app.z3cform.widgets.select import SelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from seimg import _
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


ATIVO = "ativo"
INATIVO = "inativo"

PUBLICO = "publico"
RESTRITO = "restrito"
SIGILOSO = "sigiloso"

NIVEIS_ACESSO = SimpleVocabulary(
    [
        SimpleTerm(PUBLICO, title=_("Público")),
        SimpleTerm(RESTRITO, title=_("Restrito")),
        SimpleTerm(SIGILOSO, title=_("Sigiloso")),
    ]
)
# Graus of classified information (the tokens of seimg.nivel_acesso.niveis.GRAUS).
GRAUS_CLASSIFICACAO = SimpleVocabulary(
    [
        SimpleTerm("reservado", title=_("grau_reservado", default="Reserved")),
        SimpleTerm("secreto", title=_("grau_secreto", default="Secret")),
        SimpleTerm(
            "ultrassecreto", title=_("grau_ultrassecreto", default="Top secret")
        ),
    ]
)
NIVEIS_RESTRITIVOS = SimpleVocabulary(
    [
        SimpleTerm(RESTRITO, title=_("Restrito")),
        SimpleTerm(SIGILOSO, title=_("Sigiloso")),
    ]
)

INTERNO = "interno"
EXTERNO = "externo"
AMBOS = "ambos"
APLICABILIDADES = SimpleVocabulary(
    [
        SimpleTerm(INTERNO, title=_("Interno (escrito no sistema)")),
        SimpleTerm(EXTERNO, title=_("Externo (arquivo enviado)")),
        SimpleTerm(AMBOS, title=_("Interno e externo")),
    ]
)

NUMERACOES = SimpleVocabulary(
    [
        SimpleTerm("nenhuma", title=_("Sem numeração")),
        SimpleTerm("sequencial_unidade", title=_("Sequencial na unidade")),
        SimpleTerm("sequencial_orgao", title=_("Sequencial no órgão")),
        SimpleTerm("anual_unidade", title=_("Anual na unidade")),
        SimpleTerm("anual_orgao", title=_("Anual no órgão")),
        SimpleTerm("informada", title=_("Informada pelo usuário")),
    ]
)

ELIMINACAO = "eliminacao"
GUARDA_PERMANENTE = "guarda_permanente"
DESTINACOES = SimpleVocabulary(
    [
        SimpleTerm(ELIMINACAO, title=_("Eliminação")),
        SimpleTerm(GUARDA_PERMANENTE, title=_("Guarda permanente")),
    ]
)


class IPastaTabela(model.Schema):
    """A folder of ``/tabelas``; holds the one type its constraint names."""


@implementer(IPastaTabela)
class PastaTabela(Container):
    """Folder of one table (the table types are not addable elsewhere)."""


class TabelaItem(Item):
    """An item of a table; ``ativo`` follows its workflow state."""

    @property
    def ativo(self) -> bool:
        from plone import api

        return api.content.get_state(self, default=ATIVO) == ATIVO


class ITipoProcesso(model.Schema):
    title = schema.TextLine(
        title=_("Nome"),
        description=_("Ex.: Pessoal: Férias; Licitação: Pregão Eletrônico."),
    )
    description = schema.Text(title=_("Descrição"), required=False)
    directives.widget(niveis_permitidos=CheckBoxFieldWidget)
    niveis_permitidos = schema.List(
        title=_("Níveis de acesso permitidos"),
        value_type=schema.Choice(vocabulary=NIVEIS_ACESSO),
        default=[PUBLICO, RESTRITO, SIGILOSO],
        min_length=1,
    )
    nivel_sugerido = schema.Choice(
        title=_("Nível de acesso sugerido"),
        vocabulary=NIVEIS_ACESSO,
        default=PUBLICO,
    )
    hipotese_sugerida = schema.Choice(
        title=_("Hipótese legal sugerida"),
        description=_("Sugerida quando o nível for restrito ou sigiloso."),
        vocabulary="seimg.HipotesesLegais",
        required=False,
    )
    directives.widget(assuntos=SelectFieldWidget)
    assuntos = schema.List(
        title=_("Classificação por assuntos"),
        description=_("Assuntos sugeridos aos processos deste tipo."),
        value_type=schema.Choice(vocabulary="seimg.Assuntos"),
        required=False,
        default=[],
    )
    interessados_publicos = schema.Bool(
        title=_("Interessados públicos"),
        description=_(
            "Nomes de pessoas físicas e MEI interessadas em processos públicos "
            "deste tipo aparecem ao público (ex.: licitações). Sem esta opção, "
            "só servidores os veem."
        ),
        required=False,
        default=False,
    )

    @invariant
    def nivel_sugerido_permitido(data):
        permitidos = getattr(data, "niveis_permitidos", None) or []
        sugerido = getattr(data, "nivel_sugerido", None)
        if sugerido and permitidos and sugerido not in permitidos:
            raise Invalid(
                _(
                    "tabelas_nivel_sugerido_nao_permitido",
                    default="Suggested access level: '${nivel}' is not among "
                    "the allowed access levels.",
                    mapping={"nivel": sugerido},
                )
            )


@implementer(ITipoProcesso)
class TipoProcesso(TabelaItem):
    """Tipo de processo: suggests access level, hipótese legal and assuntos."""

    interessados_publicos = False


class ITipoDocumento(model.Schema):
    title = schema.TextLine(title=_("Nome"), description=_("Ex.: Ofício."))
    description = schema.Text(title=_("Descrição"), required=False)
    aplicabilidade = schema.Choice(
        title=_("Aplicabilidade"),
        vocabulary=APLICABILIDADES,
        default=INTERNO,
    )
    numeracao = schema.Choice(
        title=_("Numeração"),
        vocabulary=NUMERACOES,
        default="nenhuma",
    )
    modelo = RichText(
        title=_("Modelo"),
        description=_("Texto inicial dos documentos internos deste tipo."),
        required=False,
    )


@implementer(ITipoDocumento)
class TipoDocumento(TabelaItem):
    """Tipo de documento (série): applicability, numbering policy, template."""

    @property
    def interno(self) -> bool:
        return self.aplicabilidade in (INTERNO, AMBOS)

    @property
    def externo(self) -> bool:
        return self.aplicabilidade in (EXTERNO, AMBOS)


class IHipoteseLegal(model.Schema):
    title = schema.TextLine(title=_("Nome"), description=_("Ex.: Informação Pessoal."))
    base_legal = schema.TextLine(
        title=_("Base legal"),
        description=_("Ex.: Art. 31 da Lei nº 12.527/2011."),
    )
    directives.widget(niveis=CheckBoxFieldWidget)
    niveis = schema.List(
        title=_("Níveis de acesso"),
        description=_("Níveis de acesso em que esta hipótese pode ser usada."),
        value_type=schema.Choice(vocabulary=NIVEIS_RESTRITIVOS),
        default=[RESTRITO],
        min_length=1,
    )
    informacao_pessoal = schema.Bool(
        title=_("Protege informação pessoal"),
        description=_(
            "Informação pessoal (LAI art. 31: saúde, disciplinar…): a "
            "especificação e os interessados de processos restritos por esta "
            "hipótese só aparecem às unidades por onde o processo tramitou."
        ),
        required=False,
        default=False,
    )
    classificada = schema.Bool(
        title=_("hipotese_classificada", default="Informação classificada"),
        description=_(
            "hipotese_classificada_ajuda",
            default="Classified information (LAI arts. 23–24): processes and "
            "documents under this hipótese record the grau de sigilo, the "
            "production and classification dates or an ending event, and "
            "their term is reported when it runs out. Leave it unticked for "
            "secrecy under other laws (art. 22) and personal information "
            "(art. 31), which have no such term.",
        ),
        required=False,
        default=False,
    )
    grau = schema.Choice(
        title=_("hipotese_grau", default="Grau de sigilo da hipótese"),
        description=_(
            "hipotese_grau_ajuda",
            default="Optional, for classified information: the grau every "
            "item under this hipótese must have.",
        ),
        vocabulary=GRAUS_CLASSIFICACAO,
        required=False,
    )


@implementer(IHipoteseLegal)
class HipoteseLegal(TabelaItem):
    """Hipótese legal: the legal ground of a restricted or secret level."""

    informacao_pessoal = False
    classificada = False
    grau = None

    def titulo_completo(self) -> str:
        return f"{self.title} ({self.base_legal})" if self.base_legal else self.title


class IAssunto(model.Schema):
    codigo = schema.TextLine(
        title=_("Código"), description=_("Ex.: 020.1 (plano de classificação).")
    )
    title = schema.TextLine(title=_("Descrição"), description=_("Ex.: Férias."))
    prazo_corrente = schema.TextLine(
        title=_("Prazo de guarda na fase corrente"),
        description=_("Ex.: 5 anos; Enquanto vigora."),
        required=False,
    )
    prazo_intermediario = schema.TextLine(
        title=_("Prazo de guarda na fase intermediária"),
        required=False,
    )
    destinacao_final = schema.Choice(
        title=_("Destinação final"),
        vocabulary=DESTINACOES,
        default=ELIMINACAO,
    )


@implementer(IAssunto)
class Assunto(TabelaItem):
    """Assunto of the classification plan, with its retention schedule."""

    def titulo_completo(self) -> str:
        return f"{self.codigo} - {self.title}" if self.codigo else self.title


class ITipoConferencia(model.Schema):
    title = schema.TextLine(
        title=_("Nome"), description=_("Ex.: Cópia Autenticada por Cartório.")
    )


@implementer(ITipoConferencia)
class TipoConferencia(TabelaItem):
    """Tipo de conferência of a digitised external document."""
