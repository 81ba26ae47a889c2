"""The routing actions over REST.

``POST <processo>/@enviar``, ``@receber``, ``@concluir``, ``@reabrir``,
``@atribuir`` and ``@cancelar-retorno``. Each parses and checks its JSON
body (400 naming the field), calls
:mod:`seimg.tramitacao.acoes` and answers the routing summary of the process
(:func:`resumo`). Refusals are ``{"error": {"type", "message"}}`` with 400 or
403, and the transaction is doomed so nothing at all is written.
"""

from datetime import date
from plone.restapi.services import Service
from seimg import _
from seimg.base import reader
from seimg.organizacao.atual import resolver
from seimg.organizacao.atual import unidade_atual
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.tramitacao import acoes
from seimg.tramitacao.retorno import ler_retorno_json
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.interface import alsoProvides
import plone.protect.interfaces
import transaction


def resumo(processo) -> dict:
    """The routing summary: where the process is open and in which state."""
    return {
        "@id": processo.absolute_url(),
        "numero": processo.numero,
        "sobrestado": tramite.sobrestamento(processo) is not None,
        "unidades_abertas": acoes.situacao(processo),
    }


def _campo_invalido(campo: str, message=None) -> BadRequest:
    return invalido(
        message
        or _(
            "rest_campo_invalido",
            default="Field '${campo}': invalid value.",
            mapping={"campo": campo},
        )
    )


def _corpo(request, permitidos: set[str]) -> dict:
    """The JSON object of the request body (seimg.base.reader; empty: {})."""
    return reader.read_object(request, permitidos)


def _booleano(data: dict, campo: str, padrao: bool) -> bool:
    valor = data.get(campo, padrao)
    if not isinstance(valor, bool):
        raise _campo_invalido(
            campo,
            _(
                "rest_campo_booleano",
                default="Field '${campo}': expected true or false.",
                mapping={"campo": campo},
            ),
        )
    return valor


def _destinos(data: dict) -> list:
    valores = data.get("destinos")
    if (
        not isinstance(valores, list)
        or not valores
        or not all(isinstance(v, str) and v.strip() for v in valores)
    ):
        raise _campo_invalido(
            "destinos",
            _(
                "rest_destinos_invalidos",
                default="Field 'destinos': a non-empty list of unit UIDs or full "
                "sigla paths (e.g. CMVS/PRESIDENCIA/SECRETARIA).",
            ),
        )
    result = []
    for valor in valores:
        unidade = resolver(valor)
        if unidade is None:
            raise invalido(
                _(
                    "rest_destino_desconhecido",
                    default="Field 'destinos': unknown unit '${unidade}'.",
                    mapping={"unidade": valor},
                )
            )
        result.append(unidade)
    return result


def _retorno(data: dict) -> date | None:
    unidade = unidade_atual()
    orgao = unidade.aq_parent if unidade is not None else None
    return ler_retorno_json(data.get("retorno_programado"), orgao)


class _Acao(Service):
    campos: set[str] = set()

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            data = _corpo(self.request, self.campos)
            extra = self.agir(data) or {}
        except (BadRequest, Forbidden) as exc:
            transaction.doom()
            status = 403 if isinstance(exc, Forbidden) else 400
            self.request.response.setStatus(status)
            return {"error": {"type": type(exc).__name__, "message": str(exc)}}
        return {**resumo(self.context), **extra}

    def agir(self, data: dict) -> dict | None:
        raise NotImplementedError


class Enviar(_Acao):
    campos = {
        "destinos",
        "manter_aberto",
        "notificar",
        "retorno_programado",
        "confirmar_minutas",
    }

    def agir(self, data):
        destinos = _destinos(data)
        manter_aberto = _booleano(data, "manter_aberto", False)
        notificar = _booleano(data, "notificar", True)
        confirmar = _booleano(data, "confirmar_minutas", False)
        retorno = _retorno(data)
        acoes.enviar(
            self.context,
            destinos,
            manter_aberto=manter_aberto,
            notificar=notificar,
            retorno=retorno,
            confirmar_minutas=confirmar,
        )
        return None


class Receber(_Acao):
    def agir(self, data):
        from seimg.processos import regras

        unidade = regras.exigir_aberto(self.context)
        return {"recebido": acoes.receber(self.context, unidade)}


class Concluir(_Acao):
    def agir(self, data):
        from seimg.tramitacao import revisao

        acoes.concluir(self.context)
        return {"revisao_acesso": revisao.itens(self.context, pendentes=True)}


class Reabrir(_Acao):
    def agir(self, data):
        acoes.reabrir(self.context)


class Atribuir(_Acao):
    campos = {"usuario"}

    def agir(self, data):
        if "usuario" not in data:
            raise _campo_invalido(
                "usuario",
                _(
                    "rest_usuario_obrigatorio",
                    default="Field 'usuario': give a user id, or null to remove "
                    "the assignment.",
                ),
            )
        usuario = data["usuario"]
        if usuario is not None and not isinstance(usuario, str):
            raise _campo_invalido("usuario")
        acoes.atribuir(self.context, usuario)


class CancelarRetorno(_Acao):
    """``{"unidade": <UID or full sigla path of the unit owing the return>}``."""

    campos = {"unidade"}

    def agir(self, data):
        valor = data.get("unidade")
        if not isinstance(valor, str) or not valor.strip():
            raise _campo_invalido(
                "unidade",
                _(
                    "rest_cancelar_retorno_unidade",
                    default="Field 'unidade': the UID or full sigla path of the "
                    "unit that owes the return.",
                ),
            )
        devedora = resolver(valor)
        if devedora is None:
            raise invalido(
                _(
                    "rest_unidade_desconhecida",
                    default="Field 'unidade': unknown unit '${unidade}'.",
                    mapping={"unidade": valor},
                )
            )
        acoes.cancelar_retorno(self.context, devedora)
