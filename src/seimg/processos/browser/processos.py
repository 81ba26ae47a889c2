"""Processos in the Classic UI: starting one, its page, its credenciais, deleting it.

- ``@@iniciar-processo`` (site root): choose the tipo de processo, then go to
  the Processo add form prefilled with the type and its suggested level;
- ``processo`` (the Processo's default view): header, effective level and
  the tree of the documents the user may see;
- ``@@credenciais``: holders of credentials of a sigiloso process, grant
  (with password re-entry), revoke, renounce;
- ``delete_confirmation``: refused deletions go back with the reason;
- ``++add++Processo``: Dexterity's add form, which may be prefilled from the
  GET parameters that ``@@iniciar-processo`` links to.
"""

from plone import api
from plone.app.content.browser.actions import DeleteConfirmationForm
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.base.erros import recusa
from seimg.nivel_acesso import niveis
from seimg.organizacao.atual import unidade_atual
from seimg.processos import credenciais
from seimg.processos import duplicacao
from seimg.processos import regras
from seimg.processos import rotulos
from seimg.processos import tramite
from seimg.processos.browser.area_trabalho import AreaTrabalho
from urllib.parse import urlencode
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


PASTA_PROCESSOS = "processos"


def _mensagem(request, message, type_="info"):
    api.portal.show_message(message, request=request, type=type_)


def _unidade(request):
    """The acting unit, or None (also when the X-Unidade header is refused)."""
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


class IniciarProcessoView(BrowserView):
    """Step 1 of "Iniciar processo": the list of tipos de processo."""

    def __call__(self):
        if api.user.is_anonymous():
            portal_url = api.portal.get().absolute_url()
            came_from = urlencode({"came_from": self.request.getURL()})
            self.request.response.redirect(f"{portal_url}/login?{came_from}")
            return ""
        self.unidade = _unidade(self.request)
        self.pasta = api.portal.get().get(PASTA_PROCESSOS)
        return self.index()

    @property
    def q(self) -> str:
        q = self.request.form.get("q", "")
        return q.strip() if isinstance(q, str) else ""

    def pode_iniciar(self) -> bool:
        return (
            self.unidade is not None
            and self.pasta is not None
            and api.user.has_permission("seimg: Add Processo", obj=self.pasta)
        )

    def _nivel_sugerido(self, tipo) -> str:
        permitidos = list(getattr(tipo, "niveis_permitidos", None) or niveis.ORDEM)
        sugerido = getattr(tipo, "nivel_sugerido", None) or niveis.PUBLICO
        if sugerido not in permitidos:
            sugerido = next(
                (n for n in niveis.ORDEM if n in permitidos), niveis.PUBLICO
            )
        return sugerido

    def url_adicionar(self, uid: str, tipo) -> str:
        nivel = self._nivel_sugerido(tipo)
        params = [
            ("form.widgets.tipo_processo:list", uid),
            ("form.widgets.nivel_acesso:list", nivel),
        ]
        hipotese = getattr(tipo, "hipotese_sugerida", None)
        if hipotese and nivel != niveis.PUBLICO:
            params.append(("form.widgets.hipotese_legal:list", hipotese))
        return f"{self.pasta.absolute_url()}/++add++Processo?{urlencode(params)}"

    def tipos(self) -> list[dict]:
        if not self.pode_iniciar():
            return []
        from seimg.tabelas import obter

        vocabulary = getUtility(IVocabularyFactory, name="seimg.TiposProcesso")(
            self.context
        )
        busca = rotulos.sem_acentos(self.q)
        result = []
        for term in vocabulary:
            titulo = term.title or ""
            normalizado = rotulos.sem_acentos(titulo)
            if busca and busca not in normalizado:
                continue
            tipo = obter(term.value)
            if tipo is None:
                continue
            nivel = rotulos.nivel(self._nivel_sugerido(tipo), self.request)
            result.append(
                {
                    "uid": term.value,
                    "titulo": titulo,
                    "descricao": getattr(tipo, "description", "") or "",
                    "busca": normalizado,
                    "nivel": nivel,
                    "url": self.url_adicionar(term.value, tipo),
                }
            )
        return result


class ProcessoAddForm(DefaultAddForm):
    """The Processo add form, prefilled from ``?form.widgets.<campo>:list=``.

    Plone ignores GET values on POST forms (Products.CMFPlone's z3c.form
    hotfix) unless the form allows it; the referrer check still applies, so
    only links from the site itself prefill it. Saving still needs a POST
    with the CSRF token.
    """

    allow_prefill_from_GET_request = True
    criado = None

    def add(self, object):
        super().add(object)
        self.criado = self.container.get(object.id)

    @property
    def success_message(self):
        """ "Processo 2101.02.0000012/2026-31 iniciado." (not "Item created")."""
        if self.criado is None:
            return _("processo_iniciado_msg_generico", default="Process started.")
        return _(
            "processo_iniciado_msg",
            default="Process ${numero} started.",
            mapping={"numero": self.criado.numero or ""},
        )


class ProcessoAddView(DefaultAddView):
    form = ProcessoAddForm


class ProcessoView(AreaTrabalho):
    """The process workspace with the process itself selected: its data."""

    index = ViewPageTemplateFile("templates/area_trabalho.pt")

    def _pode(self, permission: str) -> bool:
        return api.user.has_permission(permission, obj=self.context)

    def tipo(self) -> str:
        return rotulos.titulo_tabela(self.context.tipo_processo)

    def hipotese_legal(self) -> str:
        return rotulos.titulo_tabela(getattr(self.context, "hipotese_legal", None))

    def interessados(self) -> list[str]:
        """As the disclosure table lets the viewer see them (CPF masked…)."""
        from seimg.divulgacao import api as divulgacao

        return [
            divulgacao.rotulo(interessado)
            for interessado in divulgacao.interessados(self.context)
        ]

    def assuntos(self) -> list[str]:
        return [
            titulo
            for titulo in (
                rotulos.titulo_tabela(uid)
                for uid in (getattr(self.context, "assuntos", None) or ())
            )
            if titulo
        ]

    def unidades_abertas(self) -> list[str]:
        from seimg.tabelas import obter

        siglas = []
        for uid in tramite.unidades_abertas(self.context):
            unidade = obter(uid)
            if unidade is not None:
                siglas.append(unidade.sigla_completa())
        return sorted(siglas)

    def unidade_geradora(self) -> str:
        from seimg.tabelas import obter

        unidade = obter(getattr(self.context, "unidade_geradora", None))
        return unidade.sigla_completa() if unidade is not None else ""

    def observacoes(self) -> str:
        if self.unidade is None:
            return ""
        return self.context.observacoes or ""

    def documentos(self) -> list[dict]:
        """The tree's documents (kept for callers of the former table)."""
        return self.arvore()

    def pode_editar(self) -> bool:
        return self._pode("Modify portal content")

    def pode_duplicar(self) -> bool:
        return (
            not api.user.is_anonymous()
            and _unidade(self.request) is not None
            and duplicacao.pode_duplicar(self.context)
        )

    def pode_excluir(self) -> bool:
        """Offered only when the rules would allow it (empty, never sent…)."""
        return (
            self._pode("Delete objects")
            and regras.motivo_para_nao_excluir_processo(self.context) is None
        )


class ProcessoDeleteConfirmation(DeleteConfirmationForm):
    """Deleting a processo: refusals go back to it with the reason."""

    def update(self):
        motivo = regras.motivo_para_nao_excluir_processo(self.context)
        if motivo is not None:
            _mensagem(self.request, motivo, "error")
            self.request.response.redirect(self.context.absolute_url())
            return
        super().update()


class CredenciaisView(BrowserView):
    """``@@credenciais``: who holds a credential; grant, revoke, renounce."""

    def __call__(self):
        if self.request.method == "POST" and self.processar():
            return ""
        return self.index()

    @property
    def userid(self) -> str | None:
        if api.user.is_anonymous():
            return None
        return api.user.get_current().getId()

    def sigiloso(self) -> bool:
        return getattr(self.context, "nivel_efetivo", None) == niveis.SIGILOSO

    def titular(self) -> bool:
        return credenciais.possui(self.context, self.userid)

    def pode_gerenciar(self) -> bool:
        return (
            self.sigiloso()
            and self.titular()
            and api.user.has_permission(
                "seimg: Gerenciar credenciais", obj=self.context
            )
        )

    def titulares(self) -> list[dict]:
        result = []
        for userid, info in credenciais.titulares(self.context).items():
            user = api.user.get(userid=userid)
            result.append(
                {
                    "userid": userid,
                    "login": user.getUserName() if user is not None else userid,
                    "nome": rotulos.nome_usuario(userid),
                    "concedida_por": rotulos.nome_usuario(info.get("concedida_por")),
                    "data": rotulos.data_hora(info.get("data")),
                    "proprio": userid == self.userid,
                }
            )
        return sorted(result, key=lambda item: item["nome"].lower())

    def _voltar(self):
        self.request.response.redirect(f"{self.context.absolute_url()}/@@credenciais")

    def processar(self) -> bool:
        """Handle a POST; True when it redirected."""
        CheckAuthenticator(self.request)
        form = self.request.form
        acao = form.get("acao")
        me = self.userid
        try:
            if me is None or not self.sigiloso():
                raise recusa(
                    translate(
                        _(
                            "credenciais_so_sigiloso",
                            default="Credentials exist only on secret processes.",
                        ),
                        context=self.request,
                    )
                )
            if acao == "renunciar":
                credenciais.renunciar(self.context, me)
                mensagem = _(
                    "credencial_renunciada_msg",
                    default="You renounced your credential.",
                )
            elif acao in ("conceder", "cassar"):
                if not self.pode_gerenciar():
                    raise recusa(
                        translate(
                            _(
                                "credenciais_somente_titular",
                                default="Only a holder of a credential on this "
                                "process, acting for a unit where it is open, may "
                                "grant or revoke credentials.",
                            ),
                            context=self.request,
                        )
                    )
                if acao == "conceder":
                    credenciais.verificar_senha(me, form.get("senha", ""), self.request)
                    login = (form.get("usuario") or "").strip()
                    if not login:
                        raise BadRequest(
                            translate(
                                _(
                                    "credenciais_usuario_obrigatorio",
                                    default="User: give a login.",
                                ),
                                context=self.request,
                            )
                        )
                    user = api.user.get(username=login) or api.user.get(userid=login)
                    userid = user.getId() if user is not None else login
                    credenciais.conceder(self.context, userid, me)
                    mensagem = _(
                        "credencial_concedida_msg",
                        default="Credential granted to ${usuario}.",
                        mapping={"usuario": rotulos.nome_usuario(userid)},
                    )
                else:
                    userid = form.get("usuario") or ""
                    credenciais.cassar(self.context, userid, me)
                    mensagem = _(
                        "credencial_cassada_msg",
                        default="Credential of ${usuario} revoked.",
                        mapping={"usuario": rotulos.nome_usuario(userid)},
                    )
            else:
                raise BadRequest(
                    translate(
                        _("credenciais_acao_invalida", default="Unknown action."),
                        context=self.request,
                    )
                )
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            _mensagem(self.request, str(exc), "error")
            return False
        _mensagem(self.request, mensagem)
        if acao == "renunciar":
            # Without a credential nobody sees a secret process any more.
            self.request.response.redirect(api.portal.get().absolute_url())
        else:
            self._voltar()
        return True
