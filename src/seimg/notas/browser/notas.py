"""Classic UI of each unit's notes.

- forms on a Processo: ``@@anotacao``, ``@@marcador``, ``@@acompanhamento``;
- site root: ``@@marcadores`` (the acting unit's tags) and
  ``@@acompanhamento-especial`` (the unit's watch list, by group).

The rules in :mod:`seimg.notas` decide (forms: :mod:`seimg.base.formulario`).
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.base.formulario import _mensagem
from seimg.base.formulario import _t
from seimg.base.formulario import FormularioAcao
from seimg.notas import api as notas
from seimg.organizacao.atual import unidade_atual
from seimg.processos.rotulos import data_hora
from zExceptions import BadRequest
from zExceptions import Forbidden


def _unidade(request):
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


def _cor(token: str) -> str:
    return notas.CORES.get(token, notas.CORES["cinza"])[1]


class _Form(FormularioAcao):
    def preparar(self):
        self.unidade = _unidade(self.request)


class AnotacaoView(_Form):
    titulo = _("anotacao_titulo", default="Note of your unit")
    explicacao = _(
        "anotacao_explicacao",
        default="Only users of your unit see this note.",
    )

    def campos(self):
        atual = notas.anotacao(self.context, self.unidade) or {}
        post = self.request.method == "POST"
        return [
            self._campo(
                "texto",
                _("vinculos_campo_texto", default="Text"),
                "textarea",
                True,
                notas.MAX_ANOTACAO,
                valor=self.valor("texto") if post else atual.get("texto", ""),
            ),
            self._campo(
                "prioridade",
                _("vinculos_campo_prioridade", default="Priority"),
                "checkbox",
                marcado=bool(self.request.form.get("prioridade"))
                if post
                else atual.get("prioridade", False),
            ),
        ]

    def botoes(self):
        return [
            self._botao("salvar", _("vinculos_salvar", default="Save")),
            self._botao(
                "remover",
                _("vinculos_remover", default="Remove"),
                "btn-outline-danger",
            ),
        ]

    def executar(self, botao, form):
        if botao == "remover":
            notas.remover_anotacao(self.context)
        else:
            notas.anotar(
                self.context, self.valor("texto"), bool(form.get("prioridade"))
            )


class MarcadorView(_Form):
    titulo = _("marcador_titulo", default="Tag of your unit")

    @property
    def explicacao(self):
        return _(
            "marcador_explicacao",
            default="Your unit's tags are managed in ${url}.",
            mapping={"url": f"{api.portal.get().absolute_url()}/@@marcadores"},
        )

    def campos(self):
        atual = notas.marcacao(self.context, self.unidade)
        post = self.request.method == "POST"
        escolhido = (
            self.valor("marcador")
            if post
            else (atual["marcador"]["id"] if atual else "")
        )
        opcoes = [
            {
                "valor": m["id"],
                "titulo": m["nome"],
                "selecionado": m["id"] == escolhido,
            }
            for m in (notas.marcadores(self.unidade) if self.unidade else [])
        ]
        return [
            self._campo(
                "marcador",
                _("vinculos_campo_marcador", default="Tag"),
                "select",
                True,
                opcoes=opcoes,
            ),
            self._campo(
                "texto",
                _("vinculos_campo_texto", default="Text"),
                maximo=notas.MAX_TEXTO_MARCADOR,
                valor=self.valor("texto") if post else (atual or {}).get("texto", ""),
            ),
        ]

    def botoes(self):
        return [
            self._botao("salvar", _("vinculos_salvar", default="Save")),
            self._botao(
                "remover",
                _("vinculos_remover", default="Remove"),
                "btn-outline-danger",
            ),
        ]

    def tabela(self):
        if self.unidade is None:
            return None
        historico = notas.historico_marcadores(self.context, self.unidade)
        if not historico:
            return None
        acoes = {
            "marcado": self.texto(_("marcador_acao_marcado", default="Tagged")),
            "desmarcado": self.texto(_("marcador_acao_desmarcado", default="Untagged")),
        }
        return {
            "cabecalho": [
                self.texto(_("vinculos_data", default="Date")),
                self.texto(_("vinculos_acao", default="Action")),
                self.texto(_("vinculos_campo_marcador", default="Tag")),
                self.texto(_("vinculos_campo_texto", default="Text")),
                self.texto(_("vinculos_usuario", default="User")),
            ],
            "linhas": [
                [
                    data_hora(h["data"]),
                    acoes.get(h["acao"], h["acao"]),
                    h["nome"],
                    h["texto"],
                    h["usuario"] or "",
                ]
                for h in reversed(historico)
            ],
        }

    def executar(self, botao, form):
        if botao == "remover":
            notas.desmarcar(self.context)
        else:
            notas.marcar(self.context, self.valor("marcador"), self.valor("texto"))


class AcompanharView(_Form):
    titulo = _("acompanhar_titulo", default="Special watch")
    explicacao = _(
        "acompanhar_explicacao",
        default="Keep this process on your unit's watch list, in a group, even "
        "after it is concluded here.",
    )

    def campos(self):
        atual = notas.acompanhamento(self.context, self.unidade) or {}
        post = self.request.method == "POST"
        return [
            self._campo(
                "grupo",
                _("vinculos_campo_grupo", default="Group"),
                maximo=notas.MAX_GRUPO,
                valor=self.valor("grupo") if post else atual.get("grupo", ""),
            ),
            self._campo(
                "observacao",
                _("vinculos_campo_observacao", default="Remark"),
                "textarea",
                maximo=notas.MAX_OBSERVACAO,
                valor=self.valor("observacao") if post else atual.get("observacao", ""),
            ),
        ]

    def botoes(self):
        return [
            self._botao("salvar", _("vinculos_salvar", default="Save")),
            self._botao(
                "remover",
                _("vinculos_deixar_de_acompanhar", default="Stop watching"),
                "btn-outline-danger",
            ),
        ]

    def executar(self, botao, form):
        if botao == "remover":
            notas.deixar_de_acompanhar(self.context)
        else:
            notas.acompanhar(
                self.context, self.valor("grupo"), self.valor("observacao")
            )


# -- site root pages ---------------------------------------------------------------


class MarcadoresView(BrowserView):
    """``@@marcadores``: the acting unit's tags: create, rename, recolour, delete."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden("Anonymous")
        self.unidade = _unidade(self.request)
        if self.request.method == "POST" and self.processar():
            return ""
        return self.index()

    def cores(self) -> list[dict]:
        return [
            {"token": token, "titulo": _t(self.request, titulo), "hex": hexa}
            for token, (titulo, hexa) in notas.CORES.items()
        ]

    def marcadores(self) -> list[dict]:
        if self.unidade is None:
            return []
        return [{**m, "hex": _cor(m["cor"])} for m in notas.marcadores(self.unidade)]

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        form = self.request.form

        def texto(nome):
            valor = form.get(nome, "")
            return valor if isinstance(valor, str) else ""

        try:
            if form.get("form.buttons.criar"):
                notas.criar_marcador(texto("nome"), texto("cor"))
            elif form.get("form.buttons.salvar"):
                notas.editar_marcador(texto("id"), texto("nome"), texto("cor"))
            elif form.get("form.buttons.excluir"):
                notas.excluir_marcador(texto("id"))
            else:
                return False
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            _mensagem(self.request, str(exc), "error")
            return False
        _mensagem(self.request, _("vinculos_feito", default="Done."))
        self.request.response.redirect(self.request.getURL())
        return True


class AcompanhamentoEspecialView(BrowserView):
    """``@@acompanhamento-especial``: the acting unit's watch list, by group."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden("Anonymous")
        self.unidade = _unidade(self.request)
        return self.index()

    def grupos(self) -> list[dict]:
        if self.unidade is None:
            return []
        sem_grupo = _t(self.request, _("acompanhamento_sem_grupo", default="No group"))
        grupos: dict[str, list] = {}
        for item in notas.acompanhamentos(self.unidade):
            item = {**item, "data": data_hora(item["data"])}
            grupos.setdefault(item["grupo"] or sem_grupo, []).append(item)
        return [{"nome": nome, "itens": itens} for nome, itens in grupos.items()]
