"""Revisão de acesso on conclusion: restricted documents listed for review.

Each órgão names, in ``hipoteses_revisao`` (its "transparência" fieldset),
the hipóteses legais whose restriction should end with the case (e.g.
Documento Preparatório, LAI art. 7 §3: access is granted once the decision
is taken). When a unit concludes a process (:func:`seimg.tramitacao.acoes.
concluir`), :func:`listar_na_conclusao` records its documents restricted
under one of them (on the process, ``_revisao_acesso``: documento UID →
entry) and writes the andamento ``revisao_acesso_listada``.

Reviewing is either changing the document's level (the ordinary edit: the
entry then reads ``alterado``) or :func:`manter` — kept restricted, with a
reason (andamento ``revisao_acesso_mantida``). :func:`itens` describes the
entries as the current viewer may see them (the disclosure table decides
each document's label; hidden documents are left out).
"""

from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.base.persistencia import atributo
from seimg.interfaces import IDocumentoBase
from seimg.nivel_acesso import niveis
from seimg.processos import regras
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido


PENDENTE = "pendente"
MANTIDO = "mantido"
ALTERADO = "alterado"
ATRIBUTO = "_revisao_acesso"
MOTIVO_MAXIMO = 500

SITUACOES = {
    PENDENTE: _("revisao_situacao_pendente", default="Waiting for review"),
    MANTIDO: _("revisao_situacao_mantido", default="Kept restricted"),
    ALTERADO: _("revisao_situacao_alterado", default="Access level changed"),
}


def hipoteses(processo) -> frozenset:
    """UIDs of the hipóteses the process's órgão reviews on conclusion."""
    orgao = uuidToObject(processo.orgao, unrestricted=True) if processo.orgao else None
    return frozenset(getattr(orgao, "hipoteses_revisao", None) or ())


def _em_revisao(documento, revistas: frozenset) -> bool:
    if api.content.get_state(documento, default=None) in ("minuta", "cancelado"):
        return False
    return (
        getattr(documento, "nivel_acesso", None) in (niveis.RESTRITO, niveis.SIGILOSO)
        and getattr(documento, "hipotese_legal", None) in revistas
    )


def a_revisar(processo) -> list:
    """The process's documents restricted under one of its órgão's hipóteses
    (signed or registered ones: minutas and cancelled documents are not)."""
    revistas = hipoteses(processo)
    if not revistas:
        return []
    return [
        doc
        for doc in processo.objectValues()
        if IDocumentoBase.providedBy(doc) and _em_revisao(doc, revistas)
    ]


def _registros(processo) -> dict:
    return atributo(processo, ATRIBUTO) or {}


def listar_na_conclusao(processo, unidade) -> list:
    """Record the documents to review when ``unidade`` concludes ``processo``.

    Documents already listed keep their entry (and their review); returns
    the documents newly listed.
    """
    documentos = a_revisar(processo)
    if not documentos:
        return []
    if atributo(processo, ATRIBUTO) is None:
        processo._revisao_acesso = PersistentMapping()
    registros = processo._revisao_acesso
    novos = []
    for documento in documentos:
        uid = documento.UID()
        anterior = registros.get(uid)
        if anterior is not None and anterior.get("situacao") == PENDENTE:
            continue
        if (
            anterior is not None
            and anterior.get("hipotese") == documento.hipotese_legal
        ):
            continue  # reviewed under this hipótese already
        registros[uid] = {
            "unidade": unidade.UID(),
            "listado_em": datetime.now(UTC).isoformat(),
            "hipotese": documento.hipotese_legal,
            "situacao": PENDENTE,
        }
        novos.append(documento)
    if novos:
        from seimg import andamentos
        from seimg.processos.subscribers import rotulo

        andamentos.registrar(
            processo,
            "revisao_acesso_listada",
            unidade=unidade,
            documentos=", ".join(rotulo(doc) for doc in novos),
        )
    return novos


def situacao(processo, documento, registro: dict | None = None) -> str | None:
    """``pendente``, ``mantido`` or ``alterado``; None when never listed."""
    registro = registro or _registros(processo).get(documento.UID())
    if registro is None:
        return None
    if registro.get("situacao") == MANTIDO:
        return MANTIDO
    ainda = getattr(documento, "nivel_acesso", None) in (
        niveis.RESTRITO,
        niveis.SIGILOSO,
    ) and getattr(documento, "hipotese_legal", None) == registro.get("hipotese")
    return PENDENTE if ainda else ALTERADO


def _documento(processo, referencia: str):
    """A document of ``processo`` by UID or número SEI, or None."""
    for doc in processo.objectValues():
        if IDocumentoBase.providedBy(doc) and referencia in (
            doc.UID(),
            doc.numero_sei,
        ):
            return doc
    return None


def pode_revisar(processo, documento) -> bool:
    """The unit that listed it (it concluded the process) or the document's
    generating unit, acting now; the document visible to the user."""
    from seimg.organizacao.atual import unidade_atual

    if api.user.is_anonymous():
        return False
    registro = _registros(processo).get(documento.UID())
    unidade = unidade_atual()
    if registro is None or unidade is None:
        return False
    return unidade.UID() in (registro.get("unidade"), documento.unidade_geradora)


def manter(processo, referencia, motivo) -> object:
    """Mark a listed document as kept restricted, with the reason."""
    from seimg import andamentos
    from seimg.processos.subscribers import rotulo

    if not isinstance(referencia, str) or not referencia.strip():
        raise invalido(
            _(
                "revisao_documento_obrigatorio",
                default="Documento: give the UID or número SEI of a listed document.",
            )
        )
    documento = _documento(processo, referencia.strip())
    registro = _registros(processo).get(documento.UID()) if documento else None
    from seimg.divulgacao import api as divulgacao

    if documento is None or registro is None or divulgacao.oculto(documento):
        raise invalido(
            _(
                "revisao_documento_desconhecido",
                default="Documento: ${documento} is not listed for access review in "
                "this process.",
                mapping={"documento": referencia[:40]},
            )
        )
    motivo = motivo.strip() if isinstance(motivo, str) else ""
    if not motivo or len(motivo) > MOTIVO_MAXIMO:
        raise invalido(
            _(
                "revisao_motivo_obrigatorio",
                default="Motivo: say why the document stays restricted (up to "
                "${n} characters).",
                mapping={"n": MOTIVO_MAXIMO},
            )
        )
    if situacao(processo, documento, registro) != PENDENTE:
        raise invalido(
            _(
                "revisao_ja_revisado",
                default="Documento: its access was already reviewed.",
            )
        )
    if not pode_revisar(processo, documento):
        raise proibido(
            _(
                "revisao_sem_permissao",
                default="Only the unit that concluded the process or the unit "
                "that generated the document may review its access.",
            )
        )
    processo._revisao_acesso[documento.UID()] = {
        **registro,
        "situacao": MANTIDO,
        "motivo": motivo,
        "revisado_por": api.user.get_current().getId(),
        "revisado_em": datetime.now(UTC).isoformat(),
    }
    andamentos.registrar(
        processo, "revisao_acesso_mantida", documento=rotulo(documento), motivo=motivo
    )
    return documento


def itens(processo, pendentes: bool = False) -> list[dict]:
    """The listed documents as the current viewer may see them."""
    from seimg.divulgacao import api as divulgacao
    from seimg.divulgacao import tabela

    if api.user.is_anonymous():
        return []
    registros = _registros(processo)
    if not registros:
        return []
    result = []
    for doc in processo.objectValues():
        if not IDocumentoBase.providedBy(doc) or doc.UID() not in registros:
            continue
        registro = registros[doc.UID()]
        forma = divulgacao.forma_na_lista(doc)
        if forma == tabela.NADA or divulgacao.oculto(doc):
            continue
        estado = situacao(processo, doc, registro)
        if pendentes and estado != PENDENTE:
            continue
        unidade = uuidToObject(registro.get("unidade"), unrestricted=True)
        result.append(
            {
                "@id": doc.absolute_url(),
                "UID": doc.UID(),
                "numero_sei": doc.numero_sei,
                "title": doc.title
                if forma == tabela.VE
                else divulgacao.rotulo_restrito(doc),
                "nivel_acesso": doc.nivel_acesso,
                "situacao": estado,
                "listado_por": unidade.sigla_completa() if unidade else None,
                "listado_em": registro.get("listado_em"),
                "motivo": registro.get("motivo") if estado == MANTIDO else None,
                "pode_revisar": estado == PENDENTE and pode_revisar(processo, doc),
                "pode_alterar_nivel": estado == PENDENTE
                and regras.da_unidade_atual(doc),
            }
        )
    return result
