"""``@@controle-processos`` (site root): the acting unit's lists as tabs
(Recebidos, Gerados, Retornos programados, Sobrestados), filters, sortable
columns, pagination that can be switched off, CSV export (``?formato=csv``)
and the bulk actions on the checked processes (concluir, atribuir,
marcador; enviar goes to ``@@enviar-processos``).
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.controle import api as controle
from seimg.controle import planilha
from seimg.controle.browser.comum import _acoes
from seimg.controle.browser.comum import _texto
from seimg.controle.browser.comum import _uids
from seimg.controle.browser.comum import _unidade
from seimg.controle.browser.comum import ABAS
from seimg.controle.browser.comum import COLUNAS
from seimg.controle.browser.comum import em_lote
from seimg.controle.browser.comum import relatar
from seimg.organizacao import perfis
from urllib.parse import urlencode
from zope.i18n import translate


class ControleProcessosView(BrowserView):
    """``@@controle-processos``: the acting unit's inbox."""

    template = ViewPageTemplateFile("templates/controle_processos.pt")

    def __call__(self):
        if api.user.is_anonymous():
            portal_url = api.portal.get().absolute_url()
            came_from = urlencode({"came_from": self.request.getURL()})
            self.request.response.redirect(f"{portal_url}/login?{came_from}")
            return ""
        self.unidade = _unidade(self.request)
        if self.unidade is None:
            return self.template()
        if self.request.method == "POST":
            return self.processar()
        try:
            self.parametros = self._parametros()
        except ValueError:
            api.portal.show_message(
                _("controle_parametro_invalido", default="Invalid list parameters."),
                request=self.request,
                type="error",
            )
            self.request.response.redirect(self.url())
            return ""
        if self.request.form.get("formato") == "csv":
            return self.csv()
        return self.template()

    # -- parameters ---------------------------------------------------------

    @property
    def aba(self) -> str:
        aba = self.request.form.get("aba") or "recebidos"
        return aba if aba in dict(ABAS) else "recebidos"

    @property
    def lista(self) -> str:
        if self.aba == "retornos":
            return (
                "retornos_aguardando"
                if self.request.form.get("retorno") == "aguardando"
                else "retornos_devolver"
            )
        return self.aba

    @property
    def todos(self) -> bool:
        return bool(self.request.form.get("todos"))

    def _parametros(self) -> dict:
        form = self.request.form
        sort_on = _texto(form.get("sort_on")) or None
        sort_order = _texto(form.get("sort_order")) or None
        if sort_on and sort_on not in controle.ORDENACOES:
            raise ValueError(sort_on)
        if sort_order not in (None, "ascending", "descending"):
            raise ValueError(sort_order)
        try:
            b_start = max(int(form.get("b_start") or 0), 0)
        except (TypeError, ValueError):
            b_start = 0
        return {
            "atribuido_a_mim": bool(form.get("atribuido")),
            "marcador": _texto(form.get("marcador")) or None,
            "tipo_processo": _texto(form.get("tipo")) or None,
            "sort_on": sort_on,
            "sort_order": sort_order,
            "b_start": 0 if self.todos else b_start,
            "b_size": 0 if self.todos else controle.TAMANHO_PADRAO,
        }

    def query_string(self, **mudancas) -> str:
        """The current list's parameters with ``mudancas`` (None removes)."""
        form = self.request.form
        params = {
            "aba": self.aba,
            "retorno": form.get("retorno") if self.aba == "retornos" else None,
            "atribuido": "1" if form.get("atribuido") else None,
            "marcador": _texto(form.get("marcador")) or None,
            "tipo": _texto(form.get("tipo")) or None,
            "sort_on": _texto(form.get("sort_on")) or None,
            "sort_order": _texto(form.get("sort_order")) or None,
            "todos": "1" if self.todos else None,
        }
        params.update(mudancas)
        return urlencode({k: v for k, v in params.items() if v})

    def url(self, **mudancas) -> str:
        portal_url = api.portal.get().absolute_url()
        query = self.query_string(**mudancas)
        return f"{portal_url}/@@controle-processos" + (f"?{query}" if query else "")

    # -- page parts -------------------------------------------------------

    @property
    def atalhos(self) -> list[tuple[str, str]]:
        """Skip links of this page: (anchor id, label).

        The theme's skip link viewlet renders them at the top of the page;
        the bulk actions are there only when the list shows them.
        """
        if getattr(self, "unidade", None) is None or not hasattr(self, "parametros"):
            return []
        atalhos = [
            (
                "seimg-controle-lista",
                _("controle_atalho_lista", default="Go to the process list"),
            ),
            (
                "seimg-controle-filtros",
                _("controle_atalho_filtros", default="Go to the filters"),
            ),
        ]
        if self.mostra_acoes():
            atalhos.append(
                (
                    "seimg-controle-acoes",
                    _(
                        "controle_atalho_acoes",
                        default="Go to the actions on the checked processes",
                    ),
                )
            )
        return [
            (id_, translate(rotulo, context=self.request)) for id_, rotulo in atalhos
        ]

    def mostra_acoes(self) -> bool:
        """Whether the bulk actions show (rows that the unit may act upon)."""
        return bool(self.pagina().linhas) and self.lista != "retornos_aguardando"

    def rotulos(self) -> dict[str, str]:
        """Column labels by column id, for the cards' field labels."""
        rotulos = {
            coluna: translate(titulo, context=self.request)
            for coluna, titulo in COLUNAS
        }
        rotulos["anotacao"] = translate(
            _("controle_col_anotacao", default="Note"), context=self.request
        )
        return rotulos

    def rotulo_selecao(self, numero: str) -> str:
        """The accessible name of a row's checkbox."""
        return translate(
            _(
                "controle_selecionar_processo",
                default="Select process ${numero}",
                mapping={"numero": numero},
            ),
            context=self.request,
        )

    # -- data ---------------------------------------------------------------

    def sigla(self) -> str:
        return self.unidade.sigla_completa()

    def pagina(self) -> controle.Pagina:
        if not hasattr(self, "_pagina"):
            self._pagina = controle.listar(self.unidade, self.lista, **self.parametros)
        return self._pagina

    def abas(self) -> list[dict]:
        contagens = controle.contagens(self.unidade)
        contagens["retornos"] = (
            contagens["retornos_devolver"] + contagens["retornos_aguardando"]
        )
        return [
            {
                "id": aba,
                "titulo": translate(titulo, context=self.request),
                "quantidade": contagens[aba],
                "url": self.url(aba=aba, retorno=None, sort_on=None, sort_order=None),
                "ativa": aba == self.aba,
            }
            for aba, titulo in ABAS
        ]

    def subabas(self) -> list[dict]:
        atual = self.request.form.get("retorno") or "devolver"
        return [
            {
                "id": chave,
                "titulo": translate(titulo, context=self.request),
                "url": self.url(retorno=chave),
                "ativa": chave == atual,
            }
            for chave, titulo in (
                (
                    "devolver",
                    _("controle_retornos_devolver", default="To return"),
                ),
                (
                    "aguardando",
                    _("controle_retornos_aguardando", default="Awaiting return"),
                ),
            )
        ]

    def colunas(self) -> list[dict]:
        atual = self.parametros["sort_on"]
        ordem = self.parametros["sort_order"] or "ascending"
        result = []
        for coluna, titulo in COLUNAS:
            ativa = coluna == atual
            proxima = "descending" if ativa and ordem == "ascending" else "ascending"
            result.append(
                {
                    "id": coluna,
                    "titulo": translate(titulo, context=self.request),
                    "url": self.url(sort_on=coluna, sort_order=proxima),
                    "seta": ("▲" if ordem == "ascending" else "▼") if ativa else "",
                }
            )
        return result

    def linhas(self) -> list[dict]:
        from seimg.processos import rotulos

        result = []
        for linha in self.pagina().linhas:
            nivel = rotulos.nivel(linha.nivel_acesso_efetivo, self.request)
            result.append(
                {
                    "linha": linha,
                    "nivel": nivel,
                    "retorno": linha.retorno_data.strftime("%d/%m/%Y")
                    if linha.retorno_data
                    else "",
                    "classe": " ".join(
                        c
                        for c in (
                            "seimg-nao-recebido table-warning"
                            if not linha.recebido
                            else "",
                            "seimg-novo-documento fw-bold"
                            if linha.novo_documento
                            else "",
                        )
                        if c
                    ),
                }
            )
        return result

    def paginacao(self) -> dict | None:
        pagina = self.pagina()
        if not pagina.b_size or pagina.total <= pagina.b_size:
            return None
        inicio = pagina.b_start
        fim = min(inicio + pagina.b_size, pagina.total)
        return {
            "inicio": inicio + 1,
            "fim": fim,
            "total": pagina.total,
            "anterior": self.url(b_start=str(max(inicio - pagina.b_size, 0)))
            if inicio > 0
            else None,
            "proxima": self.url(b_start=str(fim)) if fim < pagina.total else None,
        }

    def url_csv(self) -> str:
        return self.url(formato="csv")

    def url_todos(self) -> str:
        return self.url(todos=None if self.todos else "1")

    def tipos(self) -> list[dict]:
        from zope.component import getUtility
        from zope.schema.interfaces import IVocabularyFactory

        vocabulary = getUtility(IVocabularyFactory, name="seimg.TiposProcesso")(
            self.context
        )
        atual = _texto(self.request.form.get("tipo"))
        return [
            {"uid": t.value, "titulo": t.title, "selecionado": t.value == atual}
            for t in vocabulary
        ]

    def marcadores_da_unidade(self) -> list[dict]:
        """The unit's marcadores ``{id, nome, selecionado}``."""
        from seimg.notas import api as notas

        atual = _texto(self.request.form.get("marcador"))
        return [
            {"id": m["id"], "nome": m["nome"], "selecionado": m["id"] == atual}
            for m in notas.marcadores(self.unidade)
        ]

    def membros(self) -> list[dict]:
        from seimg.processos import rotulos

        return sorted(
            (
                {"userid": userid, "nome": rotulos.nome_usuario(userid)}
                for userid in perfis.membros(self.unidade)
            ),
            key=lambda item: item["nome"].lower(),
        )

    # -- CSV ----------------------------------------------------------------

    def csv(self):
        parametros = dict(self.parametros, b_start=0, b_size=0)
        pagina = controle.listar(self.unidade, self.lista, **parametros)
        data = planilha.exportar_csv(pagina.linhas, self.request)
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{planilha.nome_arquivo_csv(self.lista)}"',
        )
        return data

    # -- bulk actions -------------------------------------------------------

    def processar(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        acao = form.get("acao")
        uids = _uids(form)
        voltar = _texto(form.get("voltar")) or self.url()
        if not voltar.startswith(api.portal.get().absolute_url()):
            voltar = self.url()
        if not uids:
            api.portal.show_message(
                _(
                    "controle_nenhum_processo",
                    default="Select at least one process.",
                ),
                request=self.request,
                type="warning",
            )
        elif acao == "enviar":
            portal_url = api.portal.get().absolute_url()
            query = urlencode([("uids:list", uid) for uid in uids])
            self.request.response.redirect(f"{portal_url}/@@enviar-processos?{query}")
            return ""
        elif acao == "concluir":
            acoes = _acoes()
            feitos, erros = em_lote(self.request, uids, acoes.concluir)
            relatar(
                self.request,
                feitos,
                erros,
                "controle_concluidos",
            )
        elif acao == "atribuir":
            userid = _texto(form.get("usuario")) or None
            acoes = _acoes()
            feitos, erros = em_lote(
                self.request, uids, lambda p: acoes.atribuir(p, userid)
            )
            relatar(
                self.request,
                feitos,
                erros,
                "controle_atribuidos" if userid else "controle_atribuicao_removida",
            )
        elif acao == "marcador":
            marcador_id = _texto(form.get("marcador_id"))
            texto = _texto(form.get("marcador_texto"))
            from seimg.notas import marcar

            if not marcador_id:
                api.portal.show_message(
                    _("controle_escolha_marcador", default="Choose a tag."),
                    request=self.request,
                    type="warning",
                )
            else:
                feitos, erros = em_lote(
                    self.request, uids, lambda p: marcar(p, marcador_id, texto)
                )
                relatar(self.request, feitos, erros, "controle_marcados")
        else:
            api.portal.show_message(
                _("controle_acao_desconhecida", default="Unknown action."),
                request=self.request,
                type="error",
            )
        self.request.response.redirect(voltar)
        return ""
