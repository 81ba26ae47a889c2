"""What the Controle de Processos pages share: tabs, columns, the acting
unit, running one action over many processes (:func:`em_lote`) and
reporting it (:func:`relatar`).

Bulk actions run each process in its own savepoint: a refusal (the
Portuguese message of :mod:`seimg.processos.erros`) is reported for that
process and the others still happen.
"""

from plone import api
from seimg import _
from seimg.organizacao.atual import unidade_atual
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import Invalid
import transaction


ABAS = (
    ("recebidos", _("controle_aba_recebidos", default="Received")),
    ("gerados", _("controle_aba_gerados", default="Generated")),
    ("retornos", _("controle_aba_retornos", default="Scheduled returns")),
    ("sobrestados", _("controle_aba_sobrestados", default="Suspended")),
)

#: sortable columns shown in the table header: (sort_on, label)
COLUNAS = (
    ("numero", _("controle_col_numero", default="Process")),
    ("tipo", _("controle_col_tipo", default="Type")),
    ("especificacao", _("controle_col_especificacao", default="Specification")),
    ("nivel_acesso_efetivo", _("controle_col_nivel", default="Access level")),
    ("recebido", _("controle_col_recebido", default="Received")),
    ("atribuido_a", _("controle_col_atribuido", default="Assigned to")),
    ("marcador", _("controle_col_marcador", default="Tag")),
    ("retorno_data", _("controle_col_retorno", default="Return date")),
)

ERROS = (Forbidden, BadRequest, Unauthorized, Invalid, ValueError)


def _unidade(request):
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


def _texto(valor) -> str:
    return valor.strip() if isinstance(valor, str) else ""


def _uids(form) -> list[str]:
    valor = form.get("uids") or []
    if isinstance(valor, str):
        valor = [valor]
    vistos = []
    for uid in valor:
        if isinstance(uid, str) and uid and uid not in vistos:
            vistos.append(uid)
    return vistos


def _processo(uid: str):
    """The Processo with ``uid`` the current user may see, or None."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.searchResults(UID=uid, portal_type="Processo"):
        try:
            return brain.getObject()
        except (Unauthorized, KeyError, AttributeError):
            return None
    return None


def _mensagem_erro(exc, request) -> str:
    arg = exc.args[0] if exc.args else None
    if isinstance(arg, Message):
        return translate(arg, context=request)
    return str(exc) or exc.__class__.__name__


def em_lote(request, uids: list[str], funcao) -> tuple[list[str], list[dict]]:
    """Run ``funcao(processo)`` for each uid; (done NUPs, [{numero, erro}])."""
    feitos, erros = [], []
    for uid in uids:
        processo = _processo(uid)
        if processo is None:
            erros.append(
                {
                    "numero": uid,
                    "erro": translate(
                        _(
                            "controle_processo_inexistente",
                            default="Process not found or not accessible.",
                        ),
                        context=request,
                    ),
                }
            )
            continue
        savepoint = transaction.savepoint()
        try:
            funcao(processo)
        except ERROS as exc:
            savepoint.rollback()
            erros.append(
                {"numero": processo.numero, "erro": _mensagem_erro(exc, request)}
            )
            continue
        feitos.append(processo.numero)
    return feitos, erros


def relatar(request, feitos, erros, sucesso) -> None:
    """Status messages: one for what was done, one per refused process."""
    if feitos:
        api.portal.show_message(
            _(
                sucesso,
                default=_DEFAULTS.get(sucesso),
                mapping={"quantidade": len(feitos), "processos": ", ".join(feitos)},
            ),
            request=request,
            type="info",
        )
    for erro in erros:
        api.portal.show_message(
            _(
                "controle_erro_processo",
                default="${numero}: ${erro}",
                mapping=erro,
            ),
            request=request,
            type="error",
        )


def _acoes():
    from seimg.tramitacao import acoes

    return acoes


# Messages of relatar(): defaults declared here for the translators.
_MENSAGENS = (
    _(
        "controle_concluidos",
        default="Concluded in your unit (${quantidade}): ${processos}.",
    ),
    _("controle_atribuidos", default="Assigned (${quantidade}): ${processos}."),
    _(
        "controle_atribuicao_removida",
        default="Assignment removed (${quantidade}): ${processos}.",
    ),
    _("controle_marcados", default="Tag applied (${quantidade}): ${processos}."),
    _("controle_enviados", default="Sent (${quantidade}): ${processos}."),
)
_DEFAULTS = {m: m.default for m in _MENSAGENS}
