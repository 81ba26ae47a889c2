"""Side effects of adding, changing and removing processos and documentos.

Numbers, the generating unit, initial text, the effective level, security
reindexing and the andamentos are all kept here; refusals raise before
anything is written (the transaction is aborted).
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from seimg import _
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import niveis
from seimg.processos import nivel
from seimg.processos import numerar
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from seimg.processos.interfaces import IImpedimentoSigilo
from zope.component import subscribers


CAMPOS_PROCESSO = (
    "tipo_processo",
    "especificacao",
    "interessados",
    "assuntos",
    "nivel_acesso",
    "hipotese_legal",
    "grau_sigilo",
)
CAMPOS_DOCUMENTO = ("tipo_documento", "nivel_acesso", "hipotese_legal", "grau_sigilo")


def _registrar(processo, tipo, **atributos):
    from seimg import andamentos

    andamentos.registrar(processo, tipo, **atributos)


def _snapshot(obj, campos):
    obj._seimg_registrado = {name: getattr(obj, name, None) for name in campos}


def _titulo_tabela(uid):
    from seimg.tabelas import obter

    item = obter(uid) if uid else None
    return item.title if item is not None else (uid or "")


def rotulo(documento) -> str:
    """How andamentos name a document, e.g.
    ``Ofício nº 3/2026/CMVS/SECRETARIA (0000012)``.

    (Type label, then the número SEI in parentheses.)
    """
    return f"{numerar.titulo_documento(documento)} ({documento.numero_sei})"


def _exigir_sigilo_permitido(processo, nivel_novo, nivel_antigo):
    tornou_sigiloso = nivel_novo == niveis.SIGILOSO and nivel_antigo != niveis.SIGILOSO
    if tornou_sigiloso and not regras.pode_tornar_sigiloso(processo):
        raise proibido(
            _(
                "sigiloso_aberto_em_outras",
                default="Nível de acesso: a process can become secret only "
                "while it is open in your unit alone.",
            )
        )
    if tornou_sigiloso:
        for impedimento in subscribers((processo,), IImpedimentoSigilo):
            motivo = impedimento.motivo()
            if motivo:
                raise proibido(motivo)


def _registrar_classificacao(processo, obj, antes, depois, documento=None):
    if (
        antes.get("nivel_acesso"),
        antes.get("hipotese_legal"),
        antes.get("grau_sigilo"),
    ) == (
        depois.get("nivel_acesso"),
        depois.get("hipotese_legal"),
        depois.get("grau_sigilo"),
    ):
        return
    _registrar(
        processo,
        "nivel_acesso_alterado",
        documento=documento,
        nivel_anterior=antes.get("nivel_acesso") or niveis.PUBLICO,
        nivel=depois.get("nivel_acesso") or niveis.PUBLICO,
        hipotese_legal=_titulo_tabela(depois.get("hipotese_legal")) or None,
        grau_sigilo=depois.get("grau_sigilo") or None,
    )


# Processo


def processo_adicionado(processo, event):
    unidade = regras.exigir_unidade()
    numerar.numerar_processo(processo)
    tramite.iniciar(processo, unidade)
    _snapshot(processo, CAMPOS_PROCESSO)
    _registrar(processo, "processo_gerado", unidade=unidade)
    nivel.atualizar(processo)
    processo.reindexObject()


def processo_modificado(processo, event):
    if getattr(processo, "_seimg_registrado", None) is None:
        return
    regras.exigir_aberto(processo)
    antes = processo._seimg_registrado
    depois = {name: getattr(processo, name, None) for name in CAMPOS_PROCESSO}
    if antes == depois:
        return
    _exigir_sigilo_permitido(
        processo, depois["nivel_acesso"], antes.get("nivel_acesso")
    )
    if antes.get("tipo_processo") != depois["tipo_processo"]:
        _registrar(
            processo,
            "tipo_processo_alterado",
            tipo_anterior=_titulo_tabela(antes.get("tipo_processo")),
            tipo_novo=_titulo_tabela(depois["tipo_processo"]),
        )
    _registrar_classificacao(processo, processo, antes, depois)
    outros = [
        name
        for name in ("especificacao", "interessados", "assuntos")
        if antes.get(name) != depois[name]
    ]
    if outros:
        _registrar(processo, "processo_alterado", campos=outros)
    _snapshot(processo, CAMPOS_PROCESSO)
    nivel.atualizar(processo)


def processo_sera_removido(processo, event):
    if event.object is not processo:
        return
    motivo = regras.motivo_para_nao_excluir_processo(processo)
    if motivo is not None:
        raise proibido(motivo)


# Documentos


def _texto_inicial(documento, tipo):
    from plone.app.textfield.value import RichTextValue

    if documento.portal_type != "Documento" or documento.texto:
        return
    html = None
    origem = (getattr(documento, "documento_modelo", None) or "").strip()
    if origem:
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(numero_sei=origem.zfill(7))
        modelo = brains[0].getObject() if brains else None
        if modelo is None or getattr(modelo, "texto", None) is None:
            raise invalido(
                _(
                    "documento_modelo_inexistente",
                    default="Texto inicial: no document ${numero} that you can "
                    "read has a text.",
                    mapping={"numero": origem},
                )
            )
        if not api.user.has_permission(
            "seimg: Acessar conteudo do documento", obj=modelo
        ):
            raise proibido(
                _(
                    "documento_modelo_sem_acesso",
                    default="Texto inicial: you cannot read document ${numero}.",
                    mapping={"numero": origem},
                )
            )
        html = modelo.texto.raw
    elif getattr(tipo, "modelo", None) is not None:
        html = tipo.modelo.raw
    if html:
        documento.texto = RichTextValue(html, "text/html", "text/x-html-safe")


def documento_sera_adicionado(documento, event):
    """Know the generating unit before the document is added.

    Its local roles (UnidadeGeradora) come from ``unidade_geradora``; other
    IObjectAddedEvent subscribers that run before :func:`documento_adicionado`
    (plone.versioning's initial version needs "CMFEditions: Save new
    version") must already see them.
    """
    if event.oldParent is not None or event.newParent is None:
        return
    unidade = regras.exigir_aberto(event.newParent)
    documento.unidade_geradora = unidade.UID()


def documento_adicionado(documento, event):
    from seimg.tabelas import obter

    processo = documento.aq_parent
    unidade = regras.exigir_aberto(processo)
    numerar.numerar_documento(documento)
    documento.unidade_geradora = unidade.UID()
    tipo = obter(documento.tipo_documento)
    if tipo is None:
        raise invalido(
            _("tipo_documento_inexistente", default="Tipo de documento: unknown type.")
        )
    _exigir_sigilo_permitido(
        processo, getattr(documento, "nivel_acesso", None), processo.nivel_efetivo
    )
    numerar.numerar_no_tipo(documento, tipo, unidade)
    _texto_inicial(documento, tipo)
    if documento.portal_type == "DocumentoExterno" and documento.arquivo is not None:
        from seimg.arquivos import tipo_real

        documento.arquivo.contentType = tipo_real(
            documento.arquivo, documento.arquivo.filename
        )
    _snapshot(documento, CAMPOS_DOCUMENTO)
    evento = (
        "documento_gerado"
        if documento.portal_type == "Documento"
        else "documento_externo_registrado"
    )
    _registrar(
        processo,
        evento,
        unidade=unidade,
        documento=rotulo(documento),
        documento_uid=documento.UID(),
    )
    tramite.marcar_documento_novo(processo)  # "new documents" flag
    documento.reindexObject()
    nivel.atualizar(processo)


def documento_modificado(documento, event):
    antes = getattr(documento, "_seimg_registrado", None)
    if antes is None:
        return
    processo = documento.aq_parent
    # The generating unit edits its documents; so do the units a bloco de
    # assinatura is made available to (role SignatarioBloco).
    editor_de_bloco = "SignatarioBloco" in api.user.get_roles(obj=documento)
    if not regras.da_unidade_atual(documento) and not editor_de_bloco:
        raise proibido(
            _(
                "editar_outra_unidade",
                default="Only the unit that generated the document may change it.",
            )
        )
    depois = {name: getattr(documento, name, None) for name in CAMPOS_DOCUMENTO}
    if antes.get("tipo_documento") != depois["tipo_documento"]:
        raise invalido(
            _(
                "tipo_documento_fixo",
                default="Tipo de documento: the type of an existing document "
                "cannot change (its number was given by the type).",
            )
        )
    if antes == depois:
        return
    _exigir_sigilo_permitido(processo, depois["nivel_acesso"], processo.nivel_efetivo)
    _registrar_classificacao(processo, documento, antes, depois, rotulo(documento))
    _snapshot(documento, CAMPOS_DOCUMENTO)
    nivel.atualizar(processo)


def documento_transitou(documento, event):
    """Signing a minuta (or taking its last signature back) changes whether
    its level counts towards the process's (``seimg.nivel_acesso.efetivo``)."""
    processo = aq_parent(aq_inner(documento))
    if IProcesso.providedBy(processo):
        nivel.atualizar(processo)


def documento_sera_removido(documento, event):
    if event.object is not documento:
        return
    motivo = regras.motivo_para_nao_excluir(documento)
    if motivo is not None:
        raise proibido(motivo)


def documento_removido(documento, event):
    if event.object is not documento or event.oldParent is None:
        return
    processo = event.oldParent
    _registrar(
        processo,
        "documento_excluido",
        documento=rotulo(documento),
        documento_uid=documento.UID(),
    )
    nivel.atualizar(processo, ignorar=documento)
