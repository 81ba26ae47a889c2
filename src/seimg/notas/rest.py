"""REST of each unit's notes: ``@anotacao`` (GET/PUT/DELETE), ``@marcador``
(GET/PUT/DELETE), ``@acompanhamento`` (PUT/DELETE) on a processo; on the site
root ``@marcadores`` (GET/POST; PATCH/DELETE ``@marcadores/<id>``) and
``@acompanhamentos`` (GET), always for the acting unit (``X-Unidade``). The
rules are :mod:`seimg.notas`; refusals become ``{"error": ...}`` (403/400).
"""

from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.base.idempotencia import Idempotente
from seimg.base.services import ServicoAcao
from seimg.base.services import ServicoComParametros
from seimg.notas import api as notas
from seimg.organizacao.atual import unidade_atual
from seimg.processos import regras
from seimg.processos.erros import invalido
from zExceptions import NotFound
from zope.i18n import translate


def _sigla(uid: str) -> str | None:
    unidade = uuidToObject(uid, unrestricted=True)
    return unidade.sigla_completa() if unidade is not None else None


# -- anotação ---------------------------------------------------------------------


class _Anotacao(ServicoAcao):
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


class _Marcadores(ServicoAcao):
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


class MarcadoresPost(Idempotente, _Marcadores):
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


class _MarcadorProcesso(ServicoAcao):
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


class AcompanhamentosGet(ServicoAcao):
    def executar(self, data):
        unidade = regras.exigir_unidade()
        return {
            "@id": f"{self.context.absolute_url()}/@acompanhamentos",
            "unidade": unidade.sigla_completa(),
            "items": notas.acompanhamentos(unidade),
        }


class _Acompanhamento(ServicoAcao):
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
