"""The Controle de Processos in the Classic UI, and where users land after login.

- ``@@controle-processos`` (site root): the acting unit's lists as tabs
  (Recebidos, Gerados, Retornos programados, Sobrestados), filters, sortable
  columns, pagination that can be switched off, CSV export
  (``?formato=csv``) and bulk actions on the checked processes (concluir,
  atribuir, marcador; enviar goes to ``@@enviar-processos``);
- ``@@enviar-processos`` (site root): send many processes at once, one
  :func:`seimg.tramitacao.acoes.enviar` per process;
- :class:`RedirectAfterLogin`: a user with a unit and no explicit
  ``came_from`` lands on the Controle de Processos.

Bulk actions run each process in its own savepoint: a refusal (the
Portuguese message of :mod:`seimg.processos.erros`) is reported for that
process and the others still happen.
"""

from datetime import date
from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.organizacao import perfis
from seimg.organizacao.atual import resolver
from seimg.organizacao.atual import unidade_atual
from seimg.tramitacao import controle
from urllib.parse import urlencode
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.interface import Invalid
import transaction


ABAS = (
    ("recebidos", _("controle_aba_recebidos", default="Received")),
    ("gerados", _("controle_aba_gerados", default="Generated")),
    ("retornos", _("controle_aba_retornos", default="Scheduled returns")),
    ("sobrestados", _("controle_aba_sobrestados", default="Suspended")),
)

#: sortable columns shown in the table header: (sort_on, label)
COLUNAS = (
    ("numero", _("controle_col_numero", default="Process")),
    ("tipo", _("controle_col_tipo", default="Type")),
    ("especificacao", _("controle_col_especificacao", default="Specification")),
    ("nivel_acesso_efetivo", _("controle_col_nivel", default="Access level")),
    ("recebido", _("controle_col_recebido", default="Received")),
    ("atribuido_a", _("controle_col_atribuido", default="Assigned to")),
    ("marcador", _("controle_col_marcador", default="Tag")),
    ("retorno_data", _("controle_col_retorno", default="Return date")),
)

ERROS = (Forbidden, BadRequest, Unauthorized, Invalid, ValueError)


def _unidade(request):
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


def _texto(valor) -> str:
    return valor.strip() if isinstance(valor, str) else ""


def _uids(form) -> list[str]:
    valor = form.get("uids") or []
    if isinstance(valor, str):
        valor = [valor]
    vistos = []
    for uid in valor:
        if isinstance(uid, str) and uid and uid not in vistos:
            vistos.append(uid)
    return vistos


def _processo(uid: str):
    """The Processo with ``uid`` the current user may see, or None."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.searchResults(UID=uid, portal_type="Processo"):
        try:
            return brain.getObject()
        except (Unauthorized, KeyError, AttributeError):
            return None
    return None


def _mensagem_erro(exc, request) -> str:
    arg = exc.args[0] if exc.args else None
    if isinstance(arg, Message):
        return translate(arg, context=request)
    return str(exc) or exc.__class__.__name__


def em_lote(request, uids: list[str], funcao) -> tuple[list[str], list[dict]]:
    """Run ``funcao(processo)`` for each uid; (done NUPs, [{numero, erro}])."""
    feitos, erros = [], []
    for uid in uids:
        processo = _processo(uid)
        if processo is None:
            erros.append(
                {
                    "numero": uid,
                    "erro": translate(
                        _(
                            "controle_processo_inexistente",
                            default="Process not found or not accessible.",
                        ),
                        context=request,
                    ),
                }
            )
            continue
        savepoint = transaction.savepoint()
        try:
            funcao(processo)
        except ERROS as exc:
            savepoint.rollback()
            erros.append(
                {"numero": processo.numero, "erro": _mensagem_erro(exc, request)}
            )
            continue
        feitos.append(processo.numero)
    return feitos, erros


def relatar(request, feitos, erros, sucesso) -> None:
    """Status messages: one for what was done, one per refused process."""
    if feitos:
        api.portal.show_message(
            _(
                sucesso,
                default=_DEFAULTS.get(sucesso),
                mapping={"quantidade": len(feitos), "processos": ", ".join(feitos)},
            ),
            request=request,
            type="info",
        )
    for erro in erros:
        api.portal.show_message(
            _(
                "controle_erro_processo",
                default="${numero}: ${erro}",
                mapping=erro,
            ),
            request=request,
            type="error",
        )


def _acoes():
    from seimg.tramitacao import acoes

    return acoes


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
        from seimg.tramitacao.browser import marcadores

        result = []
        for linha in self.pagina().linhas:
            nivel = marcadores.nivel(linha.nivel_acesso_efetivo, self.request)
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
        from seimg.tramitacao import unidade as notas

        atual = _texto(self.request.form.get("marcador"))
        return [
            {"id": m["id"], "nome": m["nome"], "selecionado": m["id"] == atual}
            for m in notas.marcadores(self.unidade)
        ]

    def membros(self) -> list[dict]:
        from seimg.tramitacao.browser import marcadores

        return sorted(
            (
                {"userid": userid, "nome": marcadores.nome_usuario(userid)}
                for userid in perfis.membros(self.unidade)
            ),
            key=lambda item: item["nome"].lower(),
        )

    # -- CSV ----------------------------------------------------------------

    def csv(self):
        parametros = dict(self.parametros, b_start=0, b_size=0)
        pagina = controle.listar(self.unidade, self.lista, **parametros)
        data = controle.exportar_csv(pagina.linhas, self.request)
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{controle.nome_arquivo_csv(self.lista)}"',
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
            from seimg.tramitacao.unidade import marcar

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


# Messages of relatar(): defaults declared here for the translators.
_MENSAGENS = (
    _(
        "controle_concluidos",
        default="Concluded in your unit (${quantidade}): ${processos}.",
    ),
    _("controle_atribuidos", default="Assigned (${quantidade}): ${processos}."),
    _(
        "controle_atribuicao_removida",
        default="Assignment removed (${quantidade}): ${processos}.",
    ),
    _("controle_marcados", default="Tag applied (${quantidade}): ${processos}."),
    _("controle_enviados", default="Sent (${quantidade}): ${processos}."),
)
_DEFAULTS = {m: m.default for m in _MENSAGENS}


class EnviarProcessosView(BrowserView):
    """``@@enviar-processos``: send the checked processes to one or more units."""

    template = ViewPageTemplateFile("templates/enviar_processos.pt")

    def __call__(self):
        if api.user.is_anonymous():
            portal_url = api.portal.get().absolute_url()
            self.request.response.redirect(f"{portal_url}/login")
            return ""
        self.unidade = _unidade(self.request)
        if self.unidade is not None and self.request.method == "POST":
            return self.processar()
        return self.template()

    def uids(self) -> list[str]:
        return _uids(self.request.form)

    def processos(self) -> list[dict]:
        result = []
        for uid in self.uids():
            processo = _processo(uid)
            if processo is not None:
                result.append(
                    {
                        "uid": uid,
                        "numero": processo.numero,
                        "especificacao": processo.especificacao,
                    }
                )
        return result

    def unidades(self) -> list[dict]:
        """Active units of every órgão (one may send to another órgão)."""
        catalog = api.portal.get_tool("portal_catalog")
        result = []
        for brain in catalog.unrestrictedSearchResults(portal_type="Orgao"):
            orgao = brain._unrestrictedGetObject()
            for unidade in orgao.unidades():
                if unidade.ativa and unidade.UID() != self.unidade.UID():
                    result.append(
                        {
                            "uid": unidade.UID(),
                            "titulo": f"{unidade.sigla_completa()} - {unidade.nome}",
                        }
                    )
        return sorted(result, key=lambda item: item["titulo"])

    def voltar(self) -> str:
        return f"{api.portal.get().absolute_url()}/@@controle-processos"

    def _retorno(self, form) -> date | None:
        """The retorno programado date from the form (by date or N days), or None."""
        tipo = _texto(form.get("retorno_tipo"))
        if tipo in ("", "nenhum"):
            return None
        if tipo == "data":
            try:
                return date.fromisoformat(_texto(form.get("retorno_data")))
            except ValueError:
                raise BadRequest(
                    translate(
                        _(
                            "controle_retorno_data_invalida",
                            default="Return date: give a valid date.",
                        ),
                        context=self.request,
                    )
                ) from None
        try:
            dias = int(form.get("retorno_dias") or 0)
        except (TypeError, ValueError):
            dias = 0
        if dias <= 0:
            raise BadRequest(
                translate(
                    _(
                        "controle_retorno_dias_invalidos",
                        default="Return: give a positive number of days.",
                    ),
                    context=self.request,
                )
            )
        from seimg.tramitacao import prazos

        return prazos.somar_dias(
            controle.hoje(), dias, tipo == "uteis", self.unidade.aq_parent
        )

    def processar(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        uids = self.uids()
        destinos = [resolver(u) for u in _uids({"uids": form.get("destinos")})]
        destinos = [d for d in destinos if d is not None]
        if not uids or not destinos:
            api.portal.show_message(
                _(
                    "controle_enviar_incompleto",
                    default="Choose the processes and at least one destination unit.",
                ),
                request=self.request,
                type="error",
            )
            return self.template()
        try:
            retorno = self._retorno(form)
        except BadRequest as exc:
            api.portal.show_message(str(exc), request=self.request, type="error")
            return self.template()
        acoes = _acoes()
        opcoes = {
            "manter_aberto": bool(form.get("manter_aberto")),
            "notificar": bool(form.get("notificar")),
            "retorno": retorno,
            "confirmar_minutas": bool(form.get("confirmar_minutas")),
        }
        feitos, erros = em_lote(
            self.request, uids, lambda p: acoes.enviar(p, destinos, **opcoes)
        )
        relatar(self.request, feitos, erros, "controle_enviados")
        self.request.response.redirect(self.voltar())
        return ""


@implementer(IRedirectAfterLogin)
class RedirectAfterLogin:
    """Users with a unit land on the Controle de Processos after logging in."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        portal_url = api.portal.get().absolute_url().rstrip("/")
        explicito = (came_from or "").split("?")[0].split("#")[0].rstrip("/")
        for sufixo in ("/index_html", "/view", "/@@view"):
            if explicito.endswith(sufixo):
                explicito = explicito[: -len(sufixo)]
        if explicito and explicito != portal_url:
            return came_from
        user = api.user.get_current()
        if user is None or not perfis.lotacoes(user.getId()):
            return came_from
        return f"{portal_url}/@@controle-processos"
