"""The routing actions over REST.

``POST <processo>/@enviar``, ``@receber``, ``@concluir``, ``@reabrir`` and
``@atribuir``. Each parses and checks its JSON body (400 naming the field), calls
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
from seimg.tramitacao import prazos
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
    valor = data.get("retorno_programado")
    if valor is None:
        return None
    erro = _(
        "rest_retorno_invalido",
        default="Field 'retorno_programado': give exactly one of "
        '{"data": "YYYY-MM-DD"}, {"dias_uteis": N} or {"dias_corridos": N}.',
    )
    if not isinstance(valor, dict) or len(valor) != 1:
        raise invalido(erro)
    ((chave, conteudo),) = valor.items()
    if chave == "data":
        try:
            return date.fromisoformat(conteudo)
        except (TypeError, ValueError):
            raise invalido(
                _(
                    "rest_retorno_data_invalida",
                    default="Field 'retorno_programado.data': '${valor}' is not a "
                    "date (YYYY-MM-DD).",
                    mapping={"valor": str(conteudo)},
                )
            ) from None
    if chave in ("dias_uteis", "dias_corridos"):
        if (
            isinstance(conteudo, bool)
            or not isinstance(conteudo, int)
            or not (1 <= conteudo <= 3650)
        ):
            raise invalido(
                _(
                    "rest_retorno_dias_invalidos",
                    default="Field 'retorno_programado.${campo}': a whole number "
                    "of days from 1 to 3650.",
                    mapping={"campo": chave},
                )
            )
        unidade = unidade_atual()
        orgao = unidade.aq_parent if unidade is not None else None
        return prazos.somar_dias(date.today(), conteudo, chave == "dias_uteis", orgao)
    raise invalido(erro)


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
        acoes.concluir(self.context)


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
