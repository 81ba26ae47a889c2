"""Classic UI of the vínculos.

- ``@@seimg-acoes-vinculos`` (Processo): the fragment the process page
  includes: sobrestamento, the unit's anotação and marcador, related and
  annexed processes, and the buttons each rule allows;
- forms on a Processo: ``@@sobrestar``, ``@@remover-sobrestamento``,
  ``@@relacionar``, ``@@anexar``, ``@@desanexar``, ``@@ciencia`` (also on a
  documento).

The rules in :mod:`seimg.vinculos` decide (forms: :mod:`seimg.base.formulario`).
"""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.base.formulario import _t
from seimg.base.formulario import FormularioAcao
from seimg.interfaces import IDocumentoBase
from seimg.nivel_acesso import niveis
from seimg.notas import api as notas
from seimg.organizacao.atual import unidade_atual
from seimg.processos import tramite
from seimg.processos.rotulos import data_hora
from seimg.vinculos import api as vinculos
from zExceptions import Forbidden


def _unidade(request):
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


def _processo_info(processo) -> dict | None:
    """A linked process as the disclosure table lets the viewer see it:
    None when its existence is hidden; its especificação only where the
    table shows it (CPFs masked for anonymous visitors)."""
    from seimg.divulgacao import api as divulgacao

    if divulgacao.processo_oculto(processo):
        return None
    return {
        "numero": processo.numero,
        "url": processo.absolute_url(),
        "especificacao": divulgacao.especificacao(processo) or None,
    }


def _cor(token: str) -> str:
    return notas.CORES.get(token, notas.CORES["cinza"])[1]


class _Form(FormularioAcao):
    def preparar(self):
        self.unidade = _unidade(self.request)


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
        infos = (
            _processo_info(p)
            for p in processos
            if api.user.has_permission("View", obj=p)
        )
        return [info for info in infos if info is not None]

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


class ArvoreVinculosView(AcoesVinculosView):
    """``@@seimg-arvore-vinculos``: related and attached processes, for the
    process tree (only those the viewer may see)."""

    index = ViewPageTemplateFile("templates/vinculos_arvore.pt")

    def __call__(self):
        return self.index()


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
        self.sucesso = _(
            "vinculos_sobrestado_msg",
            default="Process ${numero} suspended.",
            mapping={"numero": self.context.numero},
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
        self.sucesso = _(
            "vinculos_sobrestamento_removido_msg",
            default="Suspension of process ${numero} removed.",
            mapping={"numero": self.context.numero},
        )


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
        mapping = {"numero": self.context.numero, "outro": outro.numero}
        if botao == "remover":
            vinculos.remover_relacionamento(self.context, outro)
            self.sucesso = _(
                "vinculos_relacionamento_removido_msg",
                default="Processes ${numero} and ${outro} are no longer related.",
                mapping=mapping,
            )
        else:
            vinculos.relacionar(self.context, outro)
            self.sucesso = _(
                "vinculos_relacionado_msg",
                default="Process ${outro} related to ${numero}.",
                mapping=mapping,
            )


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
        avisos = vinculos.anexar(self.context, anexado)
        self.sucesso = _(
            "vinculos_anexado_msg",
            default="Process ${outro} attached to ${numero}.",
            mapping={"numero": self.context.numero, "outro": anexado.numero},
        )
        return avisos


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
        self.sucesso = _(
            "vinculos_desanexado_msg",
            default="Process ${outro} detached from ${numero}.",
            mapping={"numero": self.context.numero, "outro": anexado.numero},
        )


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
        self.sucesso = _(
            "vinculos_ciencia_msg",
            default="Ciência given on ${item}.",
            mapping={"item": self.rotulo()},
        )
