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


def _luminancia(hexa: str) -> float:
    canais = [int(hexa[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in canais
    )
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _texto_sobre(hexa: str) -> str:
    """Black or white, whichever reads better on ``hexa`` (WCAG contrast)."""
    fundo = _luminancia(hexa)
    return "#000000" if (fundo + 0.05) / 0.05 >= 1.05 / (fundo + 0.05) else "#ffffff"


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
        mapping = {"numero": self.rotulo()}
        if botao == "remover":
            notas.remover_anotacao(self.context)
            self.sucesso = _(
                "anotacao_removida_msg",
                default="Note of your unit removed from process ${numero}.",
                mapping=mapping,
            )
        else:
            notas.anotar(
                self.context, self.valor("texto"), bool(form.get("prioridade"))
            )
            self.sucesso = _(
                "anotacao_salva_msg",
                default="Note of your unit saved on process ${numero}.",
                mapping=mapping,
            )


class MarcadorView(_Form):
    """``@@marcador``: put one of the unit's tags on the process, or remove it.

    A unit with no tag yet gets the fields of a new one (name and colour)
    here, created and applied at once; otherwise a link to manage them.
    """

    titulo = _("marcador_titulo", default="Tag of your unit")

    def preparar(self):
        super().preparar()
        self.existentes = notas.marcadores(self.unidade) if self.unidade else []

    @property
    def explicacao(self):
        if self.unidade is not None and not self.existentes:
            return _(
                "marcador_explicacao_primeiro",
                default="Your unit has no tag yet: name one here and it is created "
                "and put on this process.",
            )
        return _(
            "marcador_explicacao_gerenciar",
            default="Choose one of your unit's tags.",
        )

    def links(self):
        return [
            {
                "url": f"{api.portal.get().absolute_url()}/@@marcadores",
                "rotulo": self.texto(_("marcador_gerenciar", default="Manage tags")),
                "id": "seimg-gerenciar-marcadores",
            }
        ]

    def _cores(self, escolhida: str) -> list[dict]:
        return [
            {
                "valor": token,
                "titulo": self.texto(titulo),
                "selecionado": token == escolhida,
            }
            for token, (titulo, _hexa) in notas.CORES.items()
        ]

    def campos(self):
        atual = notas.marcacao(self.context, self.unidade)
        post = self.request.method == "POST"
        texto = self._campo(
            "texto",
            _("marcador_campo_texto", default="Text (optional)"),
            maximo=notas.MAX_TEXTO_MARCADOR,
            valor=self.valor("texto") if post else (atual or {}).get("texto", ""),
        )
        if not self.existentes:
            return [
                self._campo(
                    "nome",
                    _("marcador_campo_nome_novo", default="Name of the new tag"),
                    obrigatorio=True,
                    maximo=notas.MAX_NOME_MARCADOR,
                ),
                self._campo(
                    "cor",
                    _("marcadores_cor", default="Colour"),
                    "select",
                    True,
                    opcoes=self._cores(self.valor("cor") or "vermelho"),
                ),
                texto,
            ]
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
            for m in self.existentes
        ]
        return [
            self._campo(
                "marcador",
                _("vinculos_campo_marcador", default="Tag"),
                "select",
                True,
                opcoes=opcoes,
            ),
            texto,
        ]

    def botoes(self):
        salvar = (
            _("marcador_criar_aplicar", default="Create and apply")
            if not self.existentes
            else _("marcador_aplicar", default="Apply tag")
        )
        botoes = [self._botao("salvar", salvar)]
        if notas.marcacao(self.context, self.unidade) is not None:
            botoes.append(
                self._botao(
                    "remover",
                    _("marcador_remover", default="Remove the tag"),
                    "btn-outline-danger",
                )
            )
        return botoes

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
        mapping = {"numero": self.rotulo()}
        if botao == "remover":
            atual = notas.marcacao(self.context, self.unidade)
            notas.desmarcar(self.context)
            mapping["nome"] = atual["marcador"]["nome"] if atual else ""
            self.sucesso = _(
                "marcador_retirado_msg",
                default="Tag «${nome}» removed from process ${numero}.",
                mapping=mapping,
            )
        elif self.existentes:
            marcado = notas.marcar(
                self.context, self.valor("marcador"), self.valor("texto")
            )
            mapping["nome"] = marcado["marcador"]["nome"]
            self.sucesso = _(
                "marcador_aplicado_msg",
                default="Tag «${nome}» applied to process ${numero}.",
                mapping=mapping,
            )
        else:
            marcado = notas.criar_e_marcar(
                self.context, self.valor("nome"), self.valor("cor"), self.valor("texto")
            )
            mapping["nome"] = marcado["marcador"]["nome"]
            self.sucesso = _(
                "marcador_criado_aplicado_msg",
                default="Tag «${nome}» created and applied to process ${numero}.",
                mapping=mapping,
            )


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
        mapping = {"numero": self.rotulo()}
        if botao == "remover":
            notas.deixar_de_acompanhar(self.context)
            self.sucesso = _(
                "acompanhamento_removido_msg",
                default="Process ${numero} left your unit's special watch.",
                mapping=mapping,
            )
        else:
            notas.acompanhar(
                self.context, self.valor("grupo"), self.valor("observacao")
            )
            self.sucesso = _(
                "acompanhamento_salvo_msg",
                default="Process ${numero} is on your unit's special watch.",
                mapping=mapping,
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
        return [
            {
                **m,
                "hex": _cor(m["cor"]),
                "estilo": f"background-color: {_cor(m['cor'])}; "
                f"color: {_texto_sobre(_cor(m['cor']))}",
            }
            for m in notas.marcadores(self.unidade)
        ]

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        form = self.request.form

        def texto(nome):
            valor = form.get(nome, "")
            return valor if isinstance(valor, str) else ""

        try:
            if form.get("form.buttons.criar"):
                novo = notas.criar_marcador(texto("nome"), texto("cor"))
                mensagem = _(
                    "marcador_criado_msg",
                    default="Tag «${nome}» created.",
                    mapping={"nome": novo["nome"]},
                )
            elif form.get("form.buttons.salvar"):
                salvo = notas.editar_marcador(texto("id"), texto("nome"), texto("cor"))
                mensagem = _(
                    "marcador_salvo_msg",
                    default="Tag «${nome}» saved.",
                    mapping={"nome": salvo["nome"]},
                )
            elif form.get("form.buttons.excluir"):
                antigo = (
                    notas.marcador(self.unidade, texto("id")) if self.unidade else None
                ) or {}
                notas.excluir_marcador(texto("id"))
                mensagem = _(
                    "marcador_excluido_msg",
                    default="Tag «${nome}» deleted.",
                    mapping={"nome": antigo.get("nome", "")},
                )
            else:
                return False
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            _mensagem(self.request, str(exc), "error")
            return False
        _mensagem(self.request, mensagem)
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
