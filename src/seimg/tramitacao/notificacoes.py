"""E-mail to units: a process sent to them, a retorno programado due or late.

Owns the messages (Portuguese, through i18n in the site's language) and
sending them through MailHost (``api.portal.send_email``) to the unit's
``emails``; units without addresses are skipped. A mail that cannot be sent
is logged and never undoes the action that caused it.

:func:`notificar_retornos_vencidos` is meant to run once a day (the view
``@@notificar-retornos`` on the site root, for cron).
"""

from datetime import date
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.processos import tramite
from zope.i18n import translate
import logging


logger = logging.getLogger("seimg.tramitacao")


def _language() -> str:
    language, _sep, country = api.portal.get_default_language().partition("-")
    return f"{language}_{country.upper()}" if country else language


def _t(message) -> str:
    return translate(message, target_language=_language())


def _data(valor: date | None) -> str:
    return valor.strftime("%d/%m/%Y") if valor else ""


def enviar_email(unidade, assunto, corpo) -> bool:
    """Send one message to every address of ``unidade``; False when skipped."""
    emails = [e.strip() for e in (getattr(unidade, "emails", None) or ()) if e]
    if not emails:
        return False
    try:
        api.portal.send_email(
            recipient=", ".join(emails), subject=_t(assunto), body=_t(corpo)
        )
    except Exception:  # a mail never undoes the routing action
        logger.exception("could not e-mail unit %s", unidade.sigla_completa())
        return False
    return True


def notificar_envio(processo, remetente, destinos, retorno: date | None = None) -> int:
    """Tell each destination unit that ``processo`` arrived; count the mails."""
    enviados = 0
    for destino in destinos:
        mapping = {
            "numero": processo.numero,
            "especificacao": getattr(processo, "especificacao", "") or "",
            "remetente": remetente.sigla_completa(),
            "remetente_nome": remetente.nome,
            "destino": destino.sigla_completa(),
            "link": processo.absolute_url(),
            "retorno": _data(retorno),
        }
        assunto = _(
            "email_envio_assunto",
            default="Process ${numero} sent to ${destino}",
            mapping=mapping,
        )
        corpo = _(
            "email_envio_corpo",
            default="The process ${numero} was sent by the unit ${remetente} "
            "(${remetente_nome}) to the unit ${destino}.\n\n"
            "Specification: ${especificacao}\n\nOpen it at:\n${link}\n",
            mapping=mapping,
        )
        if retorno is not None:
            corpo = _(
                "email_envio_corpo_retorno",
                default="The process ${numero} was sent by the unit ${remetente} "
                "(${remetente_nome}) to the unit ${destino}, to be returned by "
                "${retorno}.\n\nSpecification: ${especificacao}\n\n"
                "Open it at:\n${link}\n",
                mapping=mapping,
            )
        if enviar_email(destino, assunto, corpo):
            enviados += 1
    return enviados


def notificar_retornos_vencidos(hoje: date | None = None) -> int:
    """E-mail units whose retorno programado is due today or late.

    Each unit is told at most once a day per process. Returns the number of
    mails sent.
    """
    hoje = hoje or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog.Indexes.get("retorno_programado")
    valores = list(index.uniqueValues()) if index is not None else []
    if not valores:
        return 0
    enviados = 0
    brains = catalog.unrestrictedSearchResults(
        portal_type="Processo", retorno_programado=valores
    )
    for brain in brains:
        processo = brain._unrestrictedGetObject()
        for devido in tramite.retornos_pendentes(processo):
            prazo = devido.data
            if prazo is None or prazo > hoje:
                continue
            if devido.avisado_em == hoje:
                continue
            unidade = uuidToObject(devido.devedora, unrestricted=True)
            para = uuidToObject(devido.credora, unrestricted=True)
            if unidade is None:
                continue
            mapping = {
                "numero": processo.numero,
                "especificacao": getattr(processo, "especificacao", "") or "",
                "unidade": unidade.sigla_completa(),
                "para": para.sigla_completa() if para is not None else "",
                "data": _data(prazo),
                "link": processo.absolute_url(),
            }
            if prazo == hoje:
                assunto = _(
                    "email_retorno_hoje_assunto",
                    default="Retorno programado due today: process ${numero}",
                    mapping=mapping,
                )
            else:
                assunto = _(
                    "email_retorno_atrasado_assunto",
                    default="Retorno programado late: process ${numero}",
                    mapping=mapping,
                )
            corpo = _(
                "email_retorno_corpo",
                default="The unit ${unidade} must return the process ${numero} to "
                "the unit ${para} by ${data}.\n\nSpecification: ${especificacao}"
                "\n\nOpen it at:\n${link}\n",
                mapping=mapping,
            )
            if enviar_email(unidade, assunto, corpo):
                devido.avisado_em = hoje
                enviados += 1
    return enviados


def notificar_classificacoes(hoje: date | None = None) -> int:
    """E-mail the generating unit of each classified item (LAI arts. 23–24)
    whose term ended or ends within 90 days.

    Once per item and state (expiring, expired): the state told is kept on
    the item (``_classificacao_avisada``). The message names the item by
    number only (never the especificação) with its link. Returns the number
    of mails sent.
    """
    from seimg.nivel_acesso import classificacao

    hoje = hoje or classificacao.hoje_brasilia()
    catalog = api.portal.get_tool("portal_catalog")
    enviados = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Orgao"):
        orgao = brain._unrestrictedGetObject()
        for obj, fim in classificacao.vencidas(orgao, hoje):
            estado = classificacao.situacao_em(fim, hoje)
            marca = (estado, fim.isoformat())
            if tuple(getattr(obj, "_classificacao_avisada", None) or ()) == marca:
                continue
            unidade = uuidToObject(obj.unidade_geradora, unrestricted=True)
            if unidade is None:
                continue
            numero = getattr(obj, "numero_sei", None) or obj.numero
            mapping = {"numero": numero, "data": _data(fim), "link": obj.absolute_url()}
            if estado == classificacao.VENCIDA:
                assunto = _(
                    "email_classificacao_vencida_assunto",
                    default="Classification expired: ${numero}",
                    mapping=mapping,
                )
            else:
                assunto = _(
                    "email_classificacao_vencendo_assunto",
                    default="Classification expiring on ${data}: ${numero}",
                    mapping=mapping,
                )
            corpo = _(
                "email_classificacao_corpo",
                default="The classification of ${numero} (classified information, "
                "LAI arts. 23 and 24) ends on ${data}. Once it ends, the "
                "information becomes public (art. 24 §4): review its access "
                "level.\n\nOpen it at:\n${link}\n",
                mapping=mapping,
            )
            if enviar_email(unidade, assunto, corpo):
                obj._classificacao_avisada = marca
                enviados += 1
    return enviados
