"""Classic UI of the links between processos and of each unit's notes on them.

- ``@@seimg-acoes-vinculos`` (Processo): the fragment the process page
  includes: sobrestamento, the unit's anotação and marcador, related and
  annexed processes, and the buttons each rule allows;
- forms on a Processo: ``@@sobrestar``, ``@@remover-sobrestamento``,
  ``@@relacionar``, ``@@anexar``, ``@@desanexar``, ``@@ciencia`` (also on a
  documento), ``@@anotacao``, ``@@marcador``, ``@@acompanhamento``;
- site root: ``@@marcadores`` (the acting unit's tags) and
  ``@@acompanhamento-especial`` (the unit's watch list, by group).

Every form posts to itself; the rules in :mod:`seimg.tramitacao.vinculos`
and :mod:`seimg.tramitacao.unidade` decide, and refusals come back as
status messages with the form kept filled in.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.interfaces import IDocumentoBase
from seimg.nivel_acesso import niveis
from seimg.organizacao.atual import unidade_atual
from seimg.processos import tramite
from seimg.processos.rotulos import data_hora
from seimg.tramitacao import unidade as notas
from seimg.tramitacao import vinculos
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


def _unidade(request):
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


def _t(request, message) -> str:
    return translate(message, context=request)


def _mensagem(request, message, type_="info"):
    api.portal.show_message(message, request=request, type=type_)


def _processo_info(processo) -> dict:
    return {
        "numero": processo.numero,
        "url": processo.absolute_url(),
        "especificacao": processo.especificacao or "",
    }


def _cor(token: str) -> str:
    return notas.CORES.get(token, notas.CORES["cinza"])[1]


# -- the fragment on the process page ------------------------------------------


class AcoesVinculosView(BrowserView):
    """``@@seimg-acoes-vinculos``: links, the unit's notes and the buttons."""

    index = ViewPageTemplateFile("templates/vinculos_acoes.pt")

    def __call__(self):
        self.unidade = _unidade(self.request)
        self.aberto = tramite.aberto_em(self.context, self.unidade)
        return self.index()

    @property
    def url(self) -> str:
        return self.context.absolute_url()

    def sobrestamento(self) -> dict | None:
        atual = tramite.sobrestamento(self.context)
        if atual is None:
            return None
        vinculado = vinculos.por_uid(atual.processo_vinculado)
        return {
            "motivo": atual.motivo,
            "desde": data_hora(atual.desde),
            "vinculado": _processo_info(vinculado) if vinculado is not None else None,
        }

    def anotacao(self) -> dict | None:
        return notas.anotacao(self.context, self.unidade)

    def marcacao(self) -> dict | None:
        atual = notas.marcacao(self.context, self.unidade)
        if atual is not None:
            atual["hex"] = _cor(atual["marcador"]["cor"])
        return atual

    def acompanhado(self) -> bool:
        return notas.acompanhamento(self.context, self.unidade) is not None

    def _visiveis(self, processos) -> list[dict]:
        return [
            _processo_info(p)
            for p in processos
            if api.user.has_permission("View", obj=p)
        ]

    def relacionados(self) -> list[dict]:
        return self._visiveis(vinculos.relacionados(self.context))

    def anexos(self) -> list[dict]:
        return self._visiveis(vinculos.anexos(self.context))

    def anexado_a(self) -> dict | None:
        principal = vinculos.anexado_a(self.context)
        return _processo_info(principal) if principal is not None else None

    def botoes(self) -> list[dict]:
        """The actions the rules allow the acting unit now."""
        if self.unidade is None:
            return []
        processo = self.context
        uid = self.unidade.UID()
        so_aqui = tramite.unidades_abertas(processo) == [uid]
        sobrestado = vinculos.sobrestado(processo)
        anexado = vinculos.anexado_a(processo) is not None
        sigiloso = processo.nivel_efetivo == niveis.SIGILOSO
        regras = [
            ("sobrestar", _("vinculos_sobrestar", default="Suspend"),
             self.aberto and so_aqui and not sobrestado),
            ("remover-sobrestamento",
             _("vinculos_remover_sobrestamento", default="Remove suspension"),
             self.aberto and sobrestado),
            ("relacionar", _("vinculos_relacionar", default="Relate"), self.aberto),
            ("anexar", _("vinculos_anexar", default="Attach process"),
             self.aberto and not sigiloso and not anexado),
            ("desanexar", _("vinculos_desanexar", default="Detach process"),
             self.aberto and bool(vinculos.anexos(processo))),
            ("ciencia", _("vinculos_ciencia", default="Acknowledge (ciência)"),
             vinculos.pode_dar_ciencia(processo, self.unidade, _userid())
             and not vinculos.deu_ciencia(processo)),
            ("anotacao", _("vinculos_anotacao", default="Note"), self.aberto),
            ("marcador", _("vinculos_marcador", default="Tag"), self.aberto),
            ("acompanhamento",
             _("vinculos_acompanhamento", default="Special watch"),
             tramite.passou_por(processo, self.unidade)),
        ]  # fmt: skip
        return [
            {
                "id": f"seimg-vinculo-{nome}",
                "url": f"{self.url}/@@{nome}",
                "titulo": _t(self.request, titulo),
            }
            for nome, titulo, permitido in regras
            if permitido
        ]


# -- forms -----------------------------------------------------------------------


class _Form(BrowserView):
    """A small form: fields, buttons; :meth:`executar` applies the rule."""

    index = ViewPageTemplateFile("templates/vinculo_form.pt")
    titulo = _("vinculos_form", default="Process")
    explicacao = None

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden("Anonymous")
        self.unidade = _unidade(self.request)
        if self.request.method == "POST" and self.processar():
            return ""
        return self.index()

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        form = self.request.form
        botao = next(
            (b["nome"] for b in self.botoes() if form.get(f"form.buttons.{b['nome']}")),
            None,
        )
        if botao is None:
            return False
        try:
            resultado = self.executar(botao, form)
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            _mensagem(self.request, str(exc), "error")
            return False
        for aviso in resultado or ():
            _mensagem(self.request, _t(self.request, aviso), "warning")
        _mensagem(self.request, _("vinculos_feito", default="Done."), "info")
        self.request.response.redirect(self.voltar())
        return True

    def voltar(self) -> str:
        return self.context.absolute_url()

    def valor(self, nome: str, padrao=""):
        valor = self.request.form.get(nome, padrao)
        return valor if isinstance(valor, str) else padrao

    def texto(self, message) -> str:
        return _t(self.request, message) if message else ""

    def rotulo(self) -> str:
        numero = getattr(self.context, "numero", None) or self.context.Title()
        return numero

    def campos(self) -> list[dict]:
        return []

    def botoes(self) -> list[dict]:
        return []

    def tabela(self) -> dict | None:
        """Optional ``{"cabecalho": [...], "linhas": [[...]]}`` below the form."""
        return None

    def executar(self, botao: str, form) -> list | None:  # pragma: no cover
        raise NotImplementedError

    # field builders
    def _campo(self, nome, rotulo, tipo="text", obrigatorio=False, maximo=None, **kw):
        campo = {
            "nome": nome,
            "id": f"seimg-{nome}",
            "rotulo": self.texto(rotulo),
            "tipo": tipo,
            "obrigatorio": obrigatorio,
            "maximo": maximo,
            "valor": kw.pop("valor", self.valor(nome)),
            "opcoes": kw.pop("opcoes", []),
            "marcado": kw.pop("marcado", False),
        }
        campo.update(kw)
        return campo

    def _botao(self, nome, rotulo, classe="btn-primary") -> dict:
        return {"nome": nome, "rotulo": self.texto(rotulo), "classe": classe}


_MOTIVO = _("vinculos_campo_motivo", default="Reason")
_PROCESSO = _("vinculos_campo_processo", default="Process (NUP)")


class SobrestarView(_Form):
    titulo = _("sobrestar_titulo", default="Suspend process")
    explicacao = _(
        "sobrestar_explicacao",
        default="Only a process open in your unit alone can be suspended. While "
        "suspended it leaves the inbox and its time does not count.",
    )

    def campos(self):
        return [
            self._campo("motivo", _MOTIVO, "textarea", True, vinculos.MAX_MOTIVO),
            self._campo(
                "processo_vinculado",
                _("vinculos_campo_vinculado", default="Linked process (NUP, optional)"),
            ),
        ]

    def botoes(self):
        return [self._botao("sobrestar", _("vinculos_sobrestar", default="Suspend"))]

    def executar(self, botao, form):
        vinculos.sobrestar(
            self.context,
            self.valor("motivo"),
            self.valor("processo_vinculado").strip() or None,
        )


class RemoverSobrestamentoView(_Form):
    titulo = _("remover_sobrestamento_titulo", default="Remove suspension")

    def botoes(self):
        return [
            self._botao(
                "remover",
                _("vinculos_remover_sobrestamento", default="Remove suspension"),
            )
        ]

    def tabela(self):
        atual = tramite.sobrestamento(self.context)
        if atual is None:
            return None
        return {
            "cabecalho": [
                self.texto(_MOTIVO),
                self.texto(_("vinculos_desde", default="Since")),
            ],
            "linhas": [[atual.motivo, data_hora(atual.desde)]],
        }

    def executar(self, botao, form):
        vinculos.remover_sobrestamento(self.context)


class RelacionarView(_Form):
    titulo = _("relacionar_titulo", default="Related processes")
    explicacao = _(
        "relacionar_explicacao",
        default="A relation is two-way: both processes show it. Give the NUP of "
        "the other process to add or remove it.",
    )

    def campos(self):
        return [self._campo("processo", _PROCESSO, obrigatorio=True)]

    def botoes(self):
        return [
            self._botao("relacionar", _("vinculos_relacionar", default="Relate")),
            self._botao(
                "remover",
                _("vinculos_remover_relacionamento", default="Remove relation"),
                "btn-outline-danger",
            ),
        ]

    def tabela(self):
        linhas = [
            [p.numero, p.especificacao or ""]
            for p in vinculos.relacionados(self.context)
            if api.user.has_permission("View", obj=p)
        ]
        if not linhas:
            return None
        return {
            "cabecalho": [
                self.texto(_("vinculos_processo", default="Process")),
                self.texto(_("vinculos_especificacao", default="Specification")),
            ],
            "linhas": linhas,
        }

    def executar(self, botao, form):
        outro = vinculos.resolver_processo(self.valor("processo"))
        if botao == "remover":
            vinculos.remover_relacionamento(self.context, outro)
        else:
            vinculos.relacionar(self.context, outro)


class AnexarView(_Form):
    titulo = _("anexar_titulo", default="Attach process")
    explicacao = _(
        "anexar_explicacao",
        default="The attached process must be newer, of the same órgão, not "
        "secret, and open in your unit; it loses its independence and its "
        "restricted content makes this process restricted.",
    )

    def campos(self):
        return [self._campo("processo", _PROCESSO, obrigatorio=True)]

    def botoes(self):
        return [self._botao("anexar", _("vinculos_anexar", default="Attach process"))]

    def executar(self, botao, form):
        anexado = vinculos.resolver_processo(self.valor("processo"))
        return vinculos.anexar(self.context, anexado)


class DesanexarView(_Form):
    titulo = _("desanexar_titulo", default="Detach process")

    def campos(self):
        opcoes = [
            {
                "valor": p.UID(),
                "titulo": p.numero,
                "selecionado": p.UID() == self.valor("processo"),
            }
            for p in vinculos.anexos(self.context)
        ]
        return [
            self._campo("processo", _PROCESSO, "select", True, opcoes=opcoes),
            self._campo("motivo", _MOTIVO, "textarea", True, vinculos.MAX_MOTIVO),
        ]

    def botoes(self):
        return [
            self._botao(
                "desanexar",
                _("vinculos_desanexar", default="Detach process"),
                "btn-danger",
            )
        ]

    def executar(self, botao, form):
        uid = self.valor("processo")
        anexado = next(
            (p for p in vinculos.anexos(self.context) if p.UID() == uid), None
        )
        if anexado is None:
            anexado = vinculos.resolver_processo(uid)
        vinculos.desanexar(self.context, anexado, self.valor("motivo"))


def _userid() -> str | None:
    return None if api.user.is_anonymous() else api.user.get_current().getId()


class CienciaView(_Form):
    titulo = _("ciencia_titulo", default="Acknowledge (ciência)")
    explicacao = _(
        "ciencia_explicacao_usuario",
        default="You declare, for your unit, that you have taken note of this "
        "item. It cannot be undone, and it is recorded in the process history.",
    )

    def rotulo(self):
        if IDocumentoBase.providedBy(self.context):
            return f"{self.context.Title()} ({self.context.numero_sei})"
        return super().rotulo()

    def botoes(self):
        return [
            self._botao("ciencia", _("vinculos_dar_ciencia", default="Give ciência"))
        ]

    def tabela(self):
        from seimg.divulgacao import api as divulgacao
        from seimg.divulgacao import tabela

        processo = self.context
        if IDocumentoBase.providedBy(processo):
            processo = processo.aq_parent
        if not divulgacao.ve(tabela.ANDAMENTOS_COMPLETO, processo):
            return None  # who gave ciência is for the units that had it
        linhas = []
        for userid, info in vinculos.ciencias(self.context).items():
            unidade = vinculos.por_uid(info.get("unidade"))
            linhas.append(
                [
                    unidade.sigla_completa() if unidade is not None else "",
                    userid,
                    data_hora(info.get("data")),
                ]
            )
        if not linhas:
            return None
        return {
            "cabecalho": [
                self.texto(_("vinculos_unidade", default="Unit")),
                self.texto(_("vinculos_usuario", default="User")),
                self.texto(_("vinculos_data", default="Date")),
            ],
            "linhas": linhas,
        }

    def executar(self, botao, form):
        vinculos.ciencia(self.context)


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
