"""The kinds of andamento (event types) and how each is worded.

Owns :data:`TIPOS`: every ``tipo`` a feature may pass to
:func:`seimg.andamentos.registrar`, with its i18n message (the Portuguese
sentence, SEI-style), the attributes its sentence needs (``requeridos``),
optional attributes that append a phrase (``opcionais``), and whether it
belongs to the summarised (public) history (``resumido``).

Two variables are filled by the entry itself and must not be passed as
attributes: ``${unidade}`` (sigla path of the acting unit at that moment) and
``${usuario}`` (name of the acting user at that moment).
"""

from dataclasses import dataclass
from dataclasses import field
from seimg import _
from zope.i18n import translate
from zope.i18nmessageid import Message
import datetime


#: Variables filled from the entry itself, never from attributes.
EMBUTIDAS = ("unidade", "usuario")

#: Attributes people type freely (reasons, texts): never in the summarised
#: (public) history; they may name people or restricted matters.
ATRIBUTOS_LIVRES = frozenset(
    {
        "motivo",
        "texto",
        "justificativa",
        "observacao",
        "especificacao",
        "especificacao_anterior",
    }
)


@dataclass(frozen=True)
class TipoAndamento:
    tipo: str
    mensagem: Message
    resumido: bool = False
    requeridos: tuple[str, ...] = ()
    #: (attribute, message appended when the attribute is given and not empty)
    opcionais: tuple[tuple[str, Message], ...] = field(default=())


NIVEIS_ACESSO = {
    "publico": _("andamento_nivel_publico", default="public"),
    "restrito": _("andamento_nivel_restrito", default="restricted"),
    "sigiloso": _("andamento_nivel_sigiloso", default="confidential"),
}

GRAUS_SIGILO = {
    "reservado": _("andamento_grau_reservado", default="reserved"),
    "secreto": _("andamento_grau_secreto", default="secret"),
    "ultrassecreto": _("andamento_grau_ultrassecreto", default="top secret"),
}

#: Labels of processo fields named in ``processo_alterado``'s ``campos``.
CAMPOS_PROCESSO = {
    "tipo_processo": _("andamento_campo_tipo_processo", default="process type"),
    "especificacao": _("andamento_campo_especificacao", default="specification"),
    "interessados": _("andamento_campo_interessados", default="interested parties"),
    "assuntos": _("andamento_campo_assuntos", default="subjects"),
    "classificacao": _("andamento_campo_classificacao", default="classification"),
    "observacoes": _("andamento_campo_observacoes", default="notes"),
    "nivel_acesso": _("andamento_campo_nivel_acesso", default="access level"),
    "hipotese_legal": _("andamento_campo_hipotese_legal", default="legal basis"),
    "grau_sigilo": _("andamento_campo_grau_sigilo", default="secrecy degree"),
    "numero_informado": _(
        "andamento_campo_numero_informado", default="informed number"
    ),
}


def _t(tipo, default, resumido=False, requeridos=(), opcionais=()):
    return TipoAndamento(
        tipo=tipo,
        # Built ids are invisible to i18ndude: locales/manual.pot lists them.
        mensagem=Message(f"andamento_{tipo}", domain="seimg", default=default),
        resumido=resumido,
        requeridos=tuple(requeridos),
        opcionais=tuple(opcionais),
    )


def _o(nome, message):
    return (nome, message)


_LISTA = [
    # Processo
    _t("processo_gerado", "Process created", resumido=True),
    _t(
        "processo_duplicado",
        "Process duplicated as process ${numero}",
        resumido=True,
        requeridos=("numero",),
    ),
    _t(
        "processo_gerado_por_duplicacao",
        "Process created by duplicating process ${numero}",
        resumido=True,
        requeridos=("numero",),
    ),
    _t(
        "processo_remetido",
        "Process sent by unit ${unidade} to ${destinos}",
        resumido=True,
        requeridos=("destinos",),
    ),
    _t("processo_recebido", "Process received in unit ${unidade}", resumido=True),
    _t("processo_concluido", "Process concluded in unit ${unidade}", resumido=True),
    _t("processo_reaberto", "Process reopened in unit ${unidade}", resumido=True),
    _t(
        "processo_atribuido",
        "Process assigned to ${responsavel}",
        requeridos=("responsavel",),
    ),
    _t(
        "atribuicao_removida",
        "Assignment to ${responsavel} removed",
        requeridos=("responsavel",),
    ),
    _t(
        "nivel_acesso_alterado",
        "Access level changed from ${nivel_anterior} to ${nivel}",
        requeridos=("nivel_anterior", "nivel"),
        opcionais=(
            _o(
                "hipotese_legal",
                _(
                    "andamento_sufixo_hipotese_legal",
                    default="; legal basis: ${hipotese_legal}",
                ),
            ),
            _o(
                "grau_sigilo",
                _(
                    "andamento_sufixo_grau_sigilo",
                    default="; secrecy degree: ${grau_sigilo}",
                ),
            ),
        ),
    ),
    _t(
        "tipo_processo_alterado",
        'Process type changed from "${tipo_anterior}" to "${tipo_novo}"',
        requeridos=("tipo_anterior", "tipo_novo"),
    ),
    _t(
        "especificacao_alterada",
        'Specification changed from "${especificacao_anterior}" to "${especificacao}"',
        requeridos=("especificacao_anterior", "especificacao"),
    ),
    _t(
        "processo_alterado",
        "Process data changed: ${campos}",
        requeridos=("campos",),
    ),
    _t(
        "relacionamento_incluido",
        "Relationship with process ${processo_relacionado} added",
        requeridos=("processo_relacionado",),
    ),
    _t(
        "relacionamento_removido",
        "Relationship with process ${processo_relacionado} removed",
        requeridos=("processo_relacionado",),
    ),
    _t(
        "sobrestamento",
        "Process suspended. Reason: ${motivo}",
        resumido=True,
        requeridos=("motivo",),
        opcionais=(
            _o(
                "processo_vinculado",
                _(
                    "andamento_sufixo_processo_vinculado",
                    default=". Linked to process ${processo_vinculado}",
                ),
            ),
        ),
    ),
    _t("sobrestamento_removido", "Process suspension removed", resumido=True),
    _t(
        "anexacao",
        "Process ${processo_anexado} attached",
        resumido=True,
        requeridos=("processo_anexado",),
    ),
    _t(
        "desanexacao",
        "Process ${processo_anexado} detached. Reason: ${motivo}",
        resumido=True,
        requeridos=("processo_anexado", "motivo"),
    ),
    _t(
        "anexado_ao_processo",
        "Process attached to process ${processo_principal}",
        resumido=True,
        requeridos=("processo_principal",),
    ),
    _t(
        "desanexado_do_processo",
        "Process detached from process ${processo_principal}. Reason: ${motivo}",
        resumido=True,
        requeridos=("processo_principal", "motivo"),
    ),
    _t(
        "ciencia",
        "Acknowledgement of the process",
        opcionais=(
            _o(
                "documento",
                _(
                    "andamento_sufixo_ciencia_documento",
                    default=" (document ${documento})",
                ),
            ),
        ),
    ),
    _t(
        "retorno_programado",
        "Return scheduled for ${data_retorno}",
        requeridos=("data_retorno",),
        opcionais=(
            _o(
                "unidade_retorno",
                _(
                    "andamento_sufixo_unidade_retorno",
                    default=" to unit ${unidade_retorno}",
                ),
            ),
        ),
    ),
    _t(
        "retorno_cumprido",
        "Retorno programado fulfilled: process returned to unit "
        "${unidade_retorno} (due ${data_retorno})",
        requeridos=("unidade_retorno", "data_retorno"),
    ),
    _t(
        "retorno_nao_devolvido",
        "Process concluded in unit ${unidade} without returning it to unit "
        "${unidade_retorno} (retorno programado due ${data_retorno}; still owed)",
        requeridos=("unidade_retorno", "data_retorno"),
    ),
    _t(
        "retorno_cancelado",
        "Retorno programado from unit ${unidade_devedora} (due ${data_retorno}) "
        "cancelled by the unit ${unidade}",
        requeridos=("unidade_devedora", "data_retorno"),
    ),
    _t(
        "atualizacao_andamento",
        "${texto}",
        # Free text may name people or restricted matters: never public by
        # default (an installation or órgão may still choose otherwise).
        resumido=False,
        requeridos=("texto",),
    ),
    # Documentos
    _t("documento_gerado", "Document ${documento} created", requeridos=("documento",)),
    _t(
        "documento_assinado",
        "Document ${documento} signed by ${usuario}",
        requeridos=("documento",),
    ),
    _t(
        "assinatura_cancelada",
        "Signature of document ${documento} cancelled",
        requeridos=("documento",),
        opcionais=(
            _o(
                "signatario",
                _("andamento_sufixo_signatario", default=" (signed by ${signatario})"),
            ),
        ),
    ),
    _t(
        "documento_externo_registrado",
        "External document ${documento} registered",
        requeridos=("documento",),
    ),
    _t(
        "documento_excluido",
        "Document ${documento} deleted",
        requeridos=("documento",),
    ),
    _t(
        "documento_cancelado",
        "Document ${documento} cancelled. Reason: ${motivo}",
        resumido=True,
        requeridos=("documento", "motivo"),
    ),
    # Revisão de acesso on conclusion (seimg.tramitacao.revisao)
    _t(
        "revisao_acesso_listada",
        "Documents listed for access review on conclusion in unit ${unidade}: "
        "${documentos}",
        requeridos=("documentos",),
    ),
    _t(
        "revisao_acesso_mantida",
        "Document ${documento} kept restricted after access review. Reason: ${motivo}",
        requeridos=("documento", "motivo"),
    ),
    # Credenciais (processos sigilosos)
    _t(
        "credencial_concedida",
        "Credential granted to ${credenciado}",
        requeridos=("credenciado",),
    ),
    _t(
        "credencial_cassada",
        "Credential of ${credenciado} revoked",
        requeridos=("credenciado",),
    ),
    _t(
        "credencial_renunciada",
        "Credential renounced by ${credenciado}",
        requeridos=("credenciado",),
    ),
    _t(
        "credencial_ativada",
        "Credential activated by ${credenciado} "
        "(acervo de sigilosos of ${unidade_acervo})",
        requeridos=("credenciado", "unidade_acervo"),
    ),
    _t(
        "credencial_transferida",
        "Credential transferred from ${credenciado} to ${novo_credenciado}",
        requeridos=("credenciado", "novo_credenciado"),
    ),
    # Blocos de assinatura
    _t(
        "bloco_disponibilizado",
        "Block ${bloco} made available to ${destinos}",
        requeridos=("bloco", "destinos"),
    ),
    _t("bloco_retornado", "Block ${bloco} returned", requeridos=("bloco",)),
    _t(
        "documento_incluido_bloco",
        "Document ${documento} added to block ${bloco}",
        requeridos=("documento", "bloco"),
    ),
    _t(
        "documento_retirado_bloco",
        "Document ${documento} removed from block ${bloco}",
        requeridos=("documento", "bloco"),
    ),
]

TIPOS: dict[str, TipoAndamento] = {item.tipo: item for item in _LISTA}

SEM_UNIDADE = _("andamento_sem_unidade", default="(no unit)")
SEM_USUARIO = _("andamento_sem_usuario", default="(system)")


def tipo_andamento(tipo: str) -> TipoAndamento:
    """The definition of ``tipo``; ValueError when unknown."""
    try:
        return TIPOS[tipo]
    except KeyError:
        raise ValueError(f"Unknown andamento tipo: {tipo!r}") from None


def tipos_resumidos_padrao() -> frozenset[str]:
    """The tipos flagged "resumido" in the code (seimg's defaults)."""
    return frozenset(t.tipo for t in _LISTA if t.resumido)


REGISTRO_RESUMIDOS = "seimg.andamentos.tipos_resumidos"


def tipos_resumidos(orgao=None) -> frozenset[str]:
    """The tipos shown in the summarised (public) history.

    An órgão's own choice (its ``andamentos_resumidos``) wins; else the
    installation's registry record ``seimg.andamentos.tipos_resumidos``;
    else the code's defaults. Unknown tipos in a setting are ignored.
    """
    escolha = getattr(orgao, "andamentos_resumidos", None) if orgao else None
    if not escolha:
        try:
            from plone import api

            escolha = api.portal.get_registry_record(REGISTRO_RESUMIDOS, default=None)
        except Exception:  # outside a site
            escolha = None
    if escolha:
        return frozenset(escolha) & frozenset(TIPOS)
    return tipos_resumidos_padrao()


def _traduzir(message, request):
    if request is None:
        return translate(message, target_language="pt_BR")
    return translate(message, context=request)


def _data_br(valor: str) -> str:
    try:
        return datetime.date.fromisoformat(str(valor)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(valor)


def _texto(nome: str, valor, request) -> str:
    """One attribute as a person reads it."""
    if valor is None:
        return ""
    if nome in ("nivel", "nivel_anterior") and valor in NIVEIS_ACESSO:
        return _traduzir(NIVEIS_ACESSO[valor], request)
    if nome == "grau_sigilo" and valor in GRAUS_SIGILO:
        return _traduzir(GRAUS_SIGILO[valor], request)
    if nome == "campos" and isinstance(valor, (list, tuple)):
        return ", ".join(
            _traduzir(CAMPOS_PROCESSO[c], request) if c in CAMPOS_PROCESSO else str(c)
            for c in valor
        )
    if nome == "data_retorno":
        return _data_br(valor)
    if isinstance(valor, (list, tuple)):
        return ", ".join(str(item) for item in valor)
    if isinstance(valor, bool):
        return "sim" if valor else "não"
    return str(valor)


def faltando(tipo: str, atributos: dict) -> list[str]:
    """Required attributes of ``tipo`` missing or empty in ``atributos``."""
    definicao = tipo_andamento(tipo)
    return [
        nome
        for nome in definicao.requeridos
        if atributos.get(nome) in (None, "", [], {})
    ]


def descrever(
    tipo: str,
    atributos: dict,
    unidade: str | None,
    usuario: str | None,
    request=None,
) -> str:
    """The sentence of one entry, translated (Portuguese on this site)."""
    definicao = tipo_andamento(tipo)
    mapping = {nome: _texto(nome, valor, request) for nome, valor in atributos.items()}
    mapping["unidade"] = unidade or _traduzir(SEM_UNIDADE, request)
    mapping["usuario"] = usuario or _traduzir(SEM_USUARIO, request)
    partes = [_traduzir(Message(definicao.mensagem, mapping=mapping), request)]
    for nome, sufixo in definicao.opcionais:
        if atributos.get(nome) not in (None, "", [], {}):
            partes.append(_traduzir(Message(sufixo, mapping=mapping), request))
    return "".join(partes)
