"""REST of the vínculos: ``@sobrestamento`` (POST/DELETE), ``@relacionamentos``
(GET/POST/DELETE), ``@anexar`` and ``@desanexar`` (POST) on a processo,
``@ciencia`` (POST, also on a documento). The rules are :mod:`seimg.vinculos`;
their refusals become ``{"error": {"type", "message"}}`` with 403 or 400.
"""

from plone.app.uuid.utils import uuidToObject
from seimg.base import reader
from seimg.base.idempotencia import Idempotente
from seimg.base.services import ServicoAcao
from seimg.interfaces import IDocumentoBase
from seimg.processos import tramite
from seimg.vinculos import api as vinculos
from zope.i18n import translate


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


def _sigla(uid: str) -> str | None:
    unidade = uuidToObject(uid, unrestricted=True)
    return unidade.sigla_completa() if unidade is not None else None


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


# -- sobrestamento, relacionamentos, anexação, ciência -------------------------


class SobrestamentoPost(ServicoAcao):
    campos = frozenset({"motivo", "processo_vinculado"})

    def executar(self, data):
        vinculos.sobrestar(
            self.context, data.get("motivo"), data.get("processo_vinculado") or None
        )
        return vinculos_json(self.context)


class SobrestamentoDelete(ServicoAcao):
    def executar(self, data):
        vinculos.remover_sobrestamento(self.context)
        return vinculos_json(self.context)


class RelacionamentosGet(ServicoAcao):
    def executar(self, data):
        return vinculos_json(self.context)


class RelacionamentosPost(ServicoAcao):
    campos = frozenset({"processo"})

    status = 201

    def executar(self, data):
        outro = vinculos.resolver_processo(data.get("processo"))
        vinculos.relacionar(self.context, outro)
        return vinculos_json(self.context)


class RelacionamentosDelete(ServicoAcao):
    campos = frozenset({"processo"})

    def executar(self, data):
        outro = vinculos.resolver_processo(data.get("processo"))
        vinculos.remover_relacionamento(self.context, outro)
        return vinculos_json(self.context)


class AnexarPost(ServicoAcao):
    campos = frozenset({"processo"})

    def executar(self, data):
        anexado = vinculos.resolver_processo(data.get("processo"))
        avisos = vinculos.anexar(self.context, anexado)
        result = vinculos_json(self.context)
        result["avisos"] = [translate(a, context=self.request) for a in avisos]
        return result


class DesanexarPost(ServicoAcao):
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


class CienciaPost(Idempotente, ServicoAcao):
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
