"""The andamentos a viewer may read, as the disclosure table says.

:func:`visiveis` gives the complete history or only the "resumido" entries
(``seimg.divulgacao.tabela.ANDAMENTOS_COMPLETO``), and leaves out entries
about documents the viewer may not know of; :func:`descrever_andamento`
writes an entry's sentence without people, CPFs masked, for viewers without
the complete history. The andamentos surfaces (page, REST) call these.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from seimg.andamentos import api as andamentos_api
from seimg.andamentos import eventos
from seimg.base.dados_pessoais import mascarar_texto
from seimg.divulgacao import api as divulgacao
from seimg.divulgacao import tabela
from seimg.organizacao import perfis
from seimg.tabelas import obter
from zope.globalrequest import getRequest


def visiveis(processo, resumido=False, unidade_uid=None) -> tuple[list, bool]:
    """``(entries, completo)``: the history the current viewer may read.

    Viewers without the complete history (anonymous, units the process never
    reached) get the "resumido" set only, whatever they ask, and
    ``completo`` False: surfaces then show units, never people nor free
    attributes (:func:`descrever_andamento`).
    """
    completo = divulgacao.ve(tabela.ANDAMENTOS_COMPLETO, processo)
    tipos = None
    if resumido or not completo:
        unidade = obter(getattr(processo, "unidade_geradora", None))
        orgao = aq_parent(aq_inner(unidade)) if unidade is not None else None
        tipos = eventos.tipos_resumidos(orgao)
    lista = andamentos_api.listar(
        processo,
        resumido=resumido or not completo,
        unidade_uid=unidade_uid,
        tipos_resumidos=tipos,
    )
    if not divulgacao.gerente():
        lista = [a for a in lista if not _andamento_de_documento_oculto(a)]
    return lista, completo


def _andamento_de_documento_oculto(andamento) -> bool:
    """An entry about a document the viewer may not know of (another unit's
    minuta, also once deleted): left out, as the document is."""
    from plone.app.uuid.utils import uuidToObject

    uid = andamento.atributos.get("documento_uid")
    if not uid:
        return False
    documento = uuidToObject(uid, unrestricted=True)
    if documento is not None:
        return divulgacao.documento_oculto(documento)
    # Deleted (only minutas and unseen registrations are): its unit only.
    if api.user.is_anonymous() or not andamento.unidade_uid:
        return True
    userid = api.user.get_current().getId()
    return andamento.unidade_uid not in {
        lotacao.unidade.UID() for lotacao in perfis.lotacoes(userid, ativas=False)
    }


#: Attributes naming another process by its NUP.
PROCESSOS_CITADOS = frozenset(
    {
        "numero",
        "processo_relacionado",
        "processo_vinculado",
        "processo_anexado",
        "processo_principal",
    }
)


def _processo_oculto(numero) -> bool:
    """True when the process ``numero`` names is hidden from the viewer."""
    if not isinstance(numero, str) or not numero:
        return False
    catalogo = api.portal.get_tool("portal_catalog")
    for marca in catalogo.unrestrictedSearchResults(
        portal_type="Processo", numero=numero
    ):
        processo = marca._unrestrictedGetObject()
        if processo is not None:
            return divulgacao.processo_oculto(processo)
    return False


def _sem_processos_ocultos(atributos: dict) -> dict:
    """``atributos`` with every process the viewer may not know of as "—"
    (a sigiloso NUP linked in another process's history)."""
    return {
        nome: ("—" if nome in PROCESSOS_CITADOS and _processo_oculto(valor) else valor)
        for nome, valor in atributos.items()
    }


def descrever_andamento(andamento, completo: bool, request=None) -> str:
    """An entry's sentence; without people and with CPFs masked if not
    complete; processes the viewer may not know of named "—" for everyone."""
    request = request if request is not None else getRequest()
    atributos = andamento.atributos
    if any(nome in PROCESSOS_CITADOS for nome in atributos):
        atributos = _sem_processos_ocultos(atributos)
    if completo:
        return eventos.descrever(
            andamento.tipo,
            atributos,
            andamento.unidade_sigla,
            andamento.usuario_nome,
            request,
        )
    atributos = {
        nome: ("—" if nome in eventos.ATRIBUTOS_LIVRES else valor)
        for nome, valor in atributos.items()
    }
    texto = eventos.descrever(
        andamento.tipo,
        atributos,
        andamento.unidade_sigla,
        None,
        request,
    )
    return mascarar_texto(texto)
