"""Duplicar processo (SEI's user manual, §9.1).

The acting unit starts a new process with the same tipo, especificação,
assuntos, access level and hipótese legal, the interessados the user keeps,
and copies of the documents the user picks (all that may be duplicated,
unless told otherwise):

- a new NUP, and new numbers for every document (número SEI and the type's
  number; an external document keeps its own number, which is the sender's);
- signatures and ciências are not copied: a signed internal document becomes
  a minuta of the acting unit, with the same text; external documents are
  copied with their file;
- offered (:func:`documentos_duplicaveis`): the documents the acting unit may
  read, except cancelled ones, other units' minutas and e-mails;
- levels and hipóteses are kept; a sigiloso process is duplicated only by a
  holder of a credencial, and the copy, sigiloso too, gives one to them;
- nothing the disclosure table hides from the user reaches the copy: the
  especificação and interessados are taken as the user sees them;
- the andamentos of both processes name each other.
"""

from Acquisition import aq_base
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import iterSchemata
from plone.namedfile.file import NamedBlobFile
from seimg import _
from seimg import andamentos
from seimg.interfaces import IDocumentoBase
from seimg.nivel_acesso import niveis
from seimg.nivel_acesso.credenciais import possui
from seimg.processos import regras
from seimg.processos.api import criar_documento
from seimg.processos.api import criar_processo
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.schema import getFieldsInOrder


CONTEUDO = "seimg: Acessar conteudo do documento"

#: Fields the new process takes from the original (especificação and
#: interessados as the user may see them: :func:`interessados_duplicaveis`).
CAMPOS_PROCESSO = (
    "tipo_processo",
    "assuntos",
    "nivel_acesso",
    "hipotese_legal",
    "grau_sigilo",
    "data_producao",
    "data_classificacao",
    "evento_termino",
)
#: Fields a copied document never takes: numbering and the generating unit
#: are the copy's own; the template was applied to the original.
NAO_COPIADOS = frozenset(
    {"numero_sei", "unidade_geradora", "documento_modelo", "publicar_dados_pessoais"}
)


def _userid() -> str | None:
    return None if api.user.is_anonymous() else api.user.get_current().getId()


def _titulo_tipo(documento) -> str:
    from seimg.tabelas import obter

    tipo = obter(getattr(documento, "tipo_documento", None))
    return (tipo.Title() if tipo is not None else "") or ""


def _duplicavel(documento, unidade) -> bool:
    estado = api.content.get_state(documento, default=None)
    if estado == "cancelado":
        return False
    if estado == "minuta" and documento.unidade_geradora != unidade.UID():
        return False  # another unit's minuta
    if _titulo_tipo(documento).lower().startswith("e-mail"):
        return False
    return api.user.has_permission(CONTEUDO, obj=documento)


def documentos_duplicaveis(processo) -> list:
    """The documents the acting unit may copy, in the process's order."""
    unidade = regras.exigir_unidade()
    return [
        doc
        for doc in processo.objectValues()
        if IDocumentoBase.providedBy(doc) and _duplicavel(doc, unidade)
    ]


def interessados_duplicaveis(processo) -> list[dict]:
    """The interessados the user may see (``{"UID", "nome", "documento"}``,
    in the disclosure table's form): only these may go into the copy, or
    duplicating would show the acting unit what the table hides from it."""
    from seimg.divulgacao import api as divulgacao

    return divulgacao.interessados(processo)


def _especificacao(processo) -> str:
    from seimg.divulgacao import api as divulgacao

    return divulgacao.especificacao(processo) or ""


def _exigir_duplicavel(processo):
    unidade = regras.exigir_unidade()
    regras.exigir_acesso(processo)
    if getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO and not possui(
        processo, _userid()
    ):
        raise proibido(
            _(
                "duplicar_sigiloso_sem_credencial",
                default="Only a holder of a credential may duplicate a secret process.",
            )
        )
    return unidade


def pode_duplicar(processo) -> bool:
    """May the current user duplicate ``processo`` for the acting unit?"""
    try:
        _exigir_duplicavel(processo)
    except (BadRequest, Forbidden, Unauthorized):
        return False
    return True


def _copia(valor):
    if isinstance(valor, RichTextValue):
        return RichTextValue(valor.raw, valor.mimeType, valor.outputMimeType)
    if isinstance(valor, NamedBlobFile):
        return NamedBlobFile(
            data=valor.data, filename=valor.filename, contentType=valor.contentType
        )
    if isinstance(valor, (list, tuple, set, frozenset)):
        return list(valor)
    return valor


def _campos_do_documento(documento) -> dict:
    campos = {}
    nao_copiados = set(NAO_COPIADOS)
    if documento.portal_type == "Documento":
        nao_copiados.add("numero")  # the type numbers the copy anew
    for schema in iterSchemata(documento):
        for nome, _campo in getFieldsInOrder(schema):
            if nome in nao_copiados or nome in campos:
                continue
            valor = getattr(aq_base(documento), nome, None)
            if valor is not None:
                campos[nome] = _copia(valor)
    return campos


def _escolhidos(pedidos, oferecidos: list, campo: str, chave) -> list:
    if pedidos is None:
        return list(oferecidos)
    por_chave = {chave(item): item for item in oferecidos}
    estranhos = [p for p in pedidos if p not in por_chave]
    if estranhos:
        raise invalido(
            _(
                "duplicar_item_invalido",
                default="${campo}: '${valor}' is not one of the items that may be "
                "duplicated.",
                mapping={"campo": campo, "valor": str(estranhos[0])},
            )
        )
    return [por_chave[p] for p in dict.fromkeys(pedidos)]


def duplicar(processo, documentos=None, interessados=None):
    """Duplicate ``processo`` for the acting unit; returns the new process.

    ``documentos``: UIDs among :func:`documentos_duplicaveis` (None: all);
    ``interessados``: UIDs among the process's interessados (None: all).
    Everything is checked before anything is written.
    """
    _exigir_duplicavel(processo)
    escolhidos = _escolhidos(
        documentos, documentos_duplicaveis(processo), "documentos", lambda d: d.UID()
    )
    visiveis = [item["UID"] for item in interessados_duplicaveis(processo)]
    mantidos = _escolhidos(interessados, visiveis, "interessados", lambda uid: uid)
    campos = {
        nome: _copia(getattr(aq_base(processo), nome, None))
        for nome in CAMPOS_PROCESSO
        if getattr(aq_base(processo), nome, None) is not None
    }
    campos["especificacao"] = _especificacao(processo)
    campos["interessados"] = mantidos
    novo = criar_processo(**campos)
    for documento in escolhidos:
        criar_documento(novo, documento.portal_type, **_campos_do_documento(documento))
    andamentos.registrar(processo, "processo_duplicado", numero=novo.numero)
    andamentos.registrar(novo, "processo_gerado_por_duplicacao", numero=processo.numero)
    return novo
