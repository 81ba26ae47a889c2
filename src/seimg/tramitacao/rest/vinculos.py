"""REST of the links between processos and of each unit's notes on them.

On a processo: ``@sobrestamento`` (POST/DELETE), ``@relacionamentos``
(GET/POST/DELETE), ``@anexar`` and ``@desanexar`` (POST), ``@ciencia``
(POST, also on a documento), ``@anotacao`` (GET/PUT/DELETE), ``@marcador``
(GET/PUT/DELETE), ``@acompanhamento`` (PUT/DELETE). On the site root:
``@marcadores`` (GET/POST; PATCH/DELETE ``@marcadores/<id>``) and
``@acompanhamentos`` (GET), always for the acting unit (``X-Unidade``).

The rules are in :mod:`seimg.tramitacao.vinculos` and
:mod:`seimg.tramitacao.unidade`; their refusals become
``{"error": {"type", "message"}}`` with 403 or 400.
"""

from datetime import date
from datetime import datetime
from plone.app.uuid.utils import uuidToObject
from plone.restapi.services import Service
from seimg import _
from seimg.base import reader
from seimg.base.services import ServicoComParametros
from seimg.interfaces import IDocumentoBase
from seimg.organizacao.atual import unidade_atual
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.tramitacao import unidade as notas
from seimg.tramitacao import vinculos
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides
import plone.protect.interfaces


def _json(valor):
    """Datetimes as ISO strings, recursively."""
    if isinstance(valor, (datetime, date)):
        return valor.isoformat()
    if isinstance(valor, dict):
        return {k: _json(v) for k, v in valor.items()}
    if isinstance(valor, (list, tuple)):
        return [_json(v) for v in valor]
    return valor


def corpo(request) -> dict:
    """The JSON object of the request (seimg.base.reader); empty body: ``{}``."""
    return reader.read_object(request)


def processo_resumo(processo) -> dict:
    return {
        "@id": processo.absolute_url(),
        "UID": processo.UID(),
        "numero": processo.numero,
        "especificacao": processo.especificacao or "",
    }


def _sobrestamento(processo) -> dict | None:
    atual = tramite.sobrestamento(processo)
    if atual is None:
        return None
    vinculado = (
        uuidToObject(atual.processo_vinculado, unrestricted=True)
        if atual.processo_vinculado
        else None
    )
    unidade = uuidToObject(atual.unidade, unrestricted=True)
    return {
        "motivo": atual.motivo,
        "desde": atual.desde.isoformat(),
        "usuario": atual.usuario,
        "unidade": unidade.sigla_completa() if unidade is not None else None,
        "processo_vinculado": vinculado.numero if vinculado is not None else None,
    }


def vinculos_json(processo) -> dict:
    principal = vinculos.anexado_a(processo)
    return {
        "@id": f"{processo.absolute_url()}/@relacionamentos",
        "numero": processo.numero,
        "relacionados": [processo_resumo(p) for p in vinculos.relacionados(processo)],
        "anexos": [processo_resumo(p) for p in vinculos.anexos(processo)],
        "anexado_a": processo_resumo(principal) if principal is not None else None,
        "sobrestado": vinculos.sobrestado(processo),
        "sobrestamento": _sobrestamento(processo),
        "periodos_sobrestado": [
            {"inicio": inicio.isoformat(), "fim": fim.isoformat() if fim else None}
            for inicio, fim in vinculos.periodos_sobrestado(processo)
        ],
    }


class _Acao(Service):
    """Runs :meth:`executar` with the request body; refusals become JSON.

    ``campos``: the body's fields (others are refused); None: no body."""

    status = 200
    campos: frozenset = frozenset()

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        try:
            result = self.executar(reader.read_object(self.request, self.campos))
        except (BadRequest, Forbidden) as exc:
            status = 403 if isinstance(exc, Forbidden) else 400
            self.request.response.setStatus(status)
            return {"error": {"type": type(exc).__name__, "message": str(exc)}}
        self.request.response.setStatus(self.status)
        return _json(result)

    def executar(self, data: dict):  # pragma: no cover - abstract
        raise NotImplementedError


# -- sobrestamento, relacionamentos, anexação, ciência -------------------------


class SobrestamentoPost(_Acao):
    campos = frozenset({"motivo", "processo_vinculado"})

    def executar(self, data):
        vinculos.sobrestar(
            self.context, data.get("motivo"), data.get("processo_vinculado") or None
        )
        return vinculos_json(self.context)


class SobrestamentoDelete(_Acao):
    def executar(self, data):
        vinculos.remover_sobrestamento(self.context)
        return vinculos_json(self.context)


class RelacionamentosGet(_Acao):
    def executar(self, data):
        return vinculos_json(self.context)


class RelacionamentosPost(_Acao):
    campos = frozenset({"processo"})

    status = 201

    def executar(self, data):
        outro = vinculos.resolver_processo(data.get("processo"))
        vinculos.relacionar(self.context, outro)
        return vinculos_json(self.context)


class RelacionamentosDelete(_Acao):
    campos = frozenset({"processo"})

    def executar(self, data):
        outro = vinculos.resolver_processo(data.get("processo"))
        vinculos.remover_relacionamento(self.context, outro)
        return vinculos_json(self.context)


class AnexarPost(_Acao):
    campos = frozenset({"processo"})

    def executar(self, data):
        anexado = vinculos.resolver_processo(data.get("processo"))
        avisos = vinculos.anexar(self.context, anexado)
        result = vinculos_json(self.context)
        result["avisos"] = [translate(a, context=self.request) for a in avisos]
        return result


class DesanexarPost(_Acao):
    campos = frozenset({"processo", "motivo"})

    def executar(self, data):
        valor = data.get("processo")
        anexado = None
        if isinstance(valor, str):
            for anexo in vinculos.anexos(self.context):
                if valor.strip() in (anexo.numero, anexo.UID()):
                    anexado = anexo
        if anexado is None:
            anexado = vinculos.resolver_processo(valor)
        vinculos.desanexar(self.context, anexado, data.get("motivo"))
        return vinculos_json(self.context)


class CienciaPost(_Acao):
    status = 201

    def executar(self, data):
        vinculos.ciencia(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@ciencia",
            "documento": IDocumentoBase.providedBy(self.context),
            "ciencias": [
                {
                    "unidade": _sigla(info["unidade"]),
                    "UID": info["unidade"],
                    "usuario": userid,
                    "data": info["data"],
                }
                for userid, info in vinculos.ciencias(self.context).items()
            ],
        }


def _sigla(uid: str) -> str | None:
    unidade = uuidToObject(uid, unrestricted=True)
    return unidade.sigla_completa() if unidade is not None else None


# -- anotação ---------------------------------------------------------------------


class _Anotacao(_Acao):
    def resposta(self):
        return {
            "@id": f"{self.context.absolute_url()}/@anotacao",
            "anotacao": notas.anotacao(self.context, unidade_atual()),
        }


class AnotacaoGet(_Anotacao):
    def executar(self, data):
        regras.exigir_unidade()
        return self.resposta()


class AnotacaoPut(_Anotacao):
    campos = frozenset({"texto", "prioridade"})

    def executar(self, data):
        notas.anotar(self.context, data.get("texto"), data.get("prioridade", False))
        return self.resposta()


class AnotacaoDelete(_Anotacao):
    def executar(self, data):
        notas.remover_anotacao(self.context)
        return self.resposta()


# -- marcadores -------------------------------------------------------------------


def _cores(request) -> list[dict]:
    return [
        {"token": token, "title": translate(titulo, context=request), "hex": hexa}
        for token, (titulo, hexa) in notas.CORES.items()
    ]


class _Marcadores(_Acao):
    def lista(self):
        unidade = regras.exigir_unidade()
        portal_url = self.context.absolute_url()
        return {
            "@id": f"{portal_url}/@marcadores",
            "unidade": unidade.sigla_completa(),
            "items": [
                {"@id": f"{portal_url}/@marcadores/{m['id']}", **m}
                for m in notas.marcadores(unidade)
            ],
            "cores": _cores(self.request),
        }


class MarcadoresGet(_Marcadores):
    def executar(self, data):
        return self.lista()


class MarcadoresPost(_Marcadores):
    campos = frozenset({"nome", "cor"})

    status = 201

    def executar(self, data):
        notas.criar_marcador(data.get("nome"), data.get("cor"))
        return self.lista()


class _MarcadorPorId(ServicoComParametros, _Marcadores):
    def marcador_id(self) -> str:
        if len(self.params) != 1:
            raise invalido(
                _("marcador_na_url", default="Marcador: name its id in the URL.")
            )
        if notas.marcador(regras.exigir_unidade(), self.params[0]) is None:
            raise NotFound()  # the unit has no such marcador: a missing path
        return self.params[0]


class MarcadorPatch(_MarcadorPorId):
    campos = frozenset({"nome", "cor"})

    def executar(self, data):
        notas.editar_marcador(self.marcador_id(), data.get("nome"), data.get("cor"))
        return self.lista()


class MarcadorDelete(_MarcadorPorId):
    def executar(self, data):
        notas.excluir_marcador(self.marcador_id())
        return self.lista()


class _MarcadorProcesso(_Acao):
    def resposta(self):
        unidade = unidade_atual()
        return {
            "@id": f"{self.context.absolute_url()}/@marcador",
            "marcacao": notas.marcacao(self.context, unidade),
            "historico": notas.historico_marcadores(self.context, unidade)
            if unidade is not None
            else [],
        }


class ProcessoMarcadorGet(_MarcadorProcesso):
    def executar(self, data):
        regras.exigir_unidade()
        return self.resposta()


class ProcessoMarcadorPut(_MarcadorProcesso):
    campos = frozenset({"marcador", "texto"})

    def executar(self, data):
        marcador = data.get("marcador")
        marcador = str(marcador) if isinstance(marcador, (int, str)) else None
        notas.marcar(self.context, marcador, data.get("texto", ""))
        return self.resposta()


class ProcessoMarcadorDelete(_MarcadorProcesso):
    def executar(self, data):
        notas.desmarcar(self.context)
        return self.resposta()


# -- acompanhamento especial -----------------------------------------------------


class AcompanhamentosGet(_Acao):
    def executar(self, data):
        unidade = regras.exigir_unidade()
        return {
            "@id": f"{self.context.absolute_url()}/@acompanhamentos",
            "unidade": unidade.sigla_completa(),
            "items": notas.acompanhamentos(unidade),
        }


class _Acompanhamento(_Acao):
    def resposta(self):
        return {
            "@id": f"{self.context.absolute_url()}/@acompanhamento",
            "acompanhamento": notas.acompanhamento(self.context, unidade_atual()),
        }


class AcompanhamentoPut(_Acompanhamento):
    campos = frozenset({"grupo", "observacao"})

    def executar(self, data):
        notas.acompanhar(
            self.context, data.get("grupo", ""), data.get("observacao", "")
        )
        return self.resposta()


class AcompanhamentoDelete(_Acompanhamento):
    def executar(self, data):
        notas.deixar_de_acompanhar(self.context)
        return self.resposta()
