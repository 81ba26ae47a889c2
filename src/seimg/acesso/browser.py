"""Classic UI surfaces: the password-reset request and the locks page.

- ``@@mail_password`` (Plone's "forgot my password" form posts here):
  counted per client address; the same confirmation page whether or not
  the login exists (Plone's own view says "user not found").
- ``@@bloqueios`` on an órgão: its administrators see their users' locks
  and clear them; on the site root, managers see every lock.
- ``@@contas-servico`` on an órgão: its integrations' service accounts
  (``seimg.acesso.servicos``).
- A viewlet on the órgão page links administrators to both.
"""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.CMFPlone.browser.login.mail_password import MailPasswordView
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from seimg import _
from seimg.acesso import api as acesso
from seimg.acesso import limites
from seimg.acesso import servicos
from smtplib import SMTPException
from zExceptions import Unauthorized
from zope.component import getMultiAdapter
from zope.i18n import translate
import logging
import zoneinfo


logger = logging.getLogger("seimg.acesso")
FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")


class PedirNovaSenha(MailPasswordView):
    """``@@mail_password``: throttled per address, uniform answer."""

    def __call__(self):
        registro = api.portal.get_tool("portal_registration")
        if not api.user.has_permission("Mail forgotten password", obj=registro):
            return super().__call__()  # disabled for everyone: Plone says so
        endereco = acesso.endereco(self.request)
        recusa = acesso.pedido_de_senha(endereco)
        if recusa is not None:
            texto = translate(acesso.mensagem(recusa), context=self.request)
            IStatusMessage(self.request).add(texto, type="error")
            self.request.response.setStatus(429)
            self.request.response.setHeader(
                "Retry-After", str(recusa.segundos(limites.agora()))
            )
            return getMultiAdapter(
                (self.context, self.request), name="mail_password_form"
            )()
        login = (self.request.form.get("userid") or "").strip()
        try:
            registro.mailPassword(login, self.request)
        except (ValueError, Unauthorized, SMTPException) as exc:
            # Unknown login, no e-mail, not allowed: the same answer for all.
            logger.info(
                "Acesso: pedido de nova senha para %r a partir de %s não enviado: %s",
                login,
                endereco,
                exc,
            )
        return getMultiAdapter(
            (self.context, self.request), name="mail_password_response"
        )()


def _hora(momento) -> str:
    return momento.astimezone(FUSO).strftime("%d/%m/%Y %H:%M")


class BloqueiosView(BrowserView):
    """The locks of the órgão's users (of every user on the site root)."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.liberar(self.request.form.get("login") or "")
            self.request.response.redirect(f"{self.context.absolute_url()}/@@bloqueios")
            return ""
        return self.index()

    def _usuarios(self):
        if getattr(self.context, "portal_type", None) == "Orgao":
            return acesso.usuarios_do_orgao(self.context)
        return None

    def itens(self) -> list[dict]:
        tipos = {
            acesso.TIPO_ACESSO: translate(
                _("bloqueio_tipo_acesso", default="Acesso (login)"),
                context=self.request,
            ),
            acesso.TIPO_ASSINATURA: translate(
                _("bloqueio_tipo_assinatura", default="Assinatura"),
                context=self.request,
            ),
        }
        resultado = []
        for item in acesso.bloqueios_de(self._usuarios()):
            bloqueio = item["bloqueio"]
            resultado.append(
                {
                    **item,
                    "tipo": tipos[bloqueio.tipo],
                    "desde": _hora(bloqueio.desde),
                    "ate": _hora(bloqueio.ate),
                    "motivo": bloqueio.motivo,
                }
            )
        return resultado

    def liberar(self, login: str) -> None:
        itens = [
            i for i in acesso.bloqueios_de(self._usuarios()) if i["login"] == login
        ]
        if not itens:
            api.portal.show_message(
                _(
                    "bloqueios_nenhum",
                    default="Não há bloqueio em vigor para ${login} aqui.",
                    mapping={"login": login},
                ),
                request=self.request,
                type="error",
            )
            return
        acesso.liberar(login, itens[0]["userid"], api.user.get_current().getUserName())
        api.portal.show_message(
            _(
                "bloqueios_liberado",
                default="Bloqueios de ${login} liberados.",
                mapping={"login": login},
            ),
            request=self.request,
        )


class BloqueiosViewlet(ViewletBase):
    """On the órgão page, for its administrators: a link to ``@@bloqueios``."""

    def update(self):
        super().update()
        self.visivel = api.user.has_permission(
            "seimg: Gerenciar usuarios", obj=self.context
        )
        self.quantos = (
            len(acesso.bloqueios_de(acesso.usuarios_do_orgao(self.context)))
            if self.visivel
            else 0
        )
        self.url = f"{self.context.absolute_url()}/@@bloqueios"

    def render(self):
        return self.index() if self.visivel else ""


class ContasServicoView(BrowserView):
    """``@@contas-servico`` on an órgão: its integrations' service accounts.

    Administrators create an account (optionally with a perfil in one of the
    órgão's units), renew its secret and remove it. A new secret is shown
    once, on the answer to the POST that made it (never stored in clear,
    never cached).
    """

    segredo = None
    conta_nova = None
    erros: dict

    def __call__(self):
        self.erros = {}
        self.request.response.setHeader("Cache-Control", "no-store")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            acao = self.request.form.get("acao")
            login = self.request.form.get("login") or ""
            if acao == "criar":
                self._criar()
            elif acao == "renovar" and servicos.conta(self.context, login):
                self.segredo = servicos.renovar_segredo(self.context, login)
                self.conta_nova = servicos.conta(self.context, login)
            elif acao == "remover" and servicos.conta(self.context, login):
                servicos.remover(self.context, login)
                api.portal.show_message(
                    _(
                        "servico_removida",
                        default="Conta de serviço ${login} removida.",
                        mapping={"login": login},
                    ),
                    request=self.request,
                )
                self.request.response.redirect(self.url())
                return ""
            elif acao in ("renovar", "remover"):
                self.request.response.setStatus(404)
                api.portal.show_message(
                    _(
                        "servico_inexistente",
                        default="Não há conta de serviço ${login} neste órgão.",
                        mapping={"login": login},
                    ),
                    request=self.request,
                    type="error",
                )
        return self.index()

    def _criar(self):
        form = self.request.form
        unidade = form.get("unidade") or None
        perfil = form.get("perfil") or None
        try:
            self.conta_nova, self.segredo = servicos.criar(
                self.context, form.get("nome"), unidade, perfil
            )
        except servicos.DadoInvalido as exc:
            self.erros[exc.campo] = translate(exc.mensagem, context=self.request)
            self.request.response.setStatus(400)

    def url(self) -> str:
        return f"{self.context.absolute_url()}/@@contas-servico"

    def contas(self) -> list[dict]:
        from seimg.organizacao import perfis

        resultado = []
        for conta in servicos.contas(self.context):
            lotacoes = [
                "{}: {}".format(
                    lotacao.unidade.sigla_completa(),
                    ", ".join(
                        translate(perfis.PERFIS[p], context=self.request)
                        for p in sorted(lotacao.perfis)
                    ),
                )
                for lotacao in perfis.lotacoes(conta.login, ativas=False)
            ]
            resultado.append(
                {
                    "login": conta.login,
                    "nome": conta.nome,
                    "criada_em": _hora(conta.criada_em),
                    "segredo_em": _hora(conta.segredo_em),
                    "lotacoes": lotacoes,
                }
            )
        return resultado

    def unidades(self) -> list[dict]:
        return [
            {"uid": u.UID(), "titulo": f"{u.sigla_completa()} — {u.nome}"}
            for u in self.context.unidades()
        ]

    def perfis(self) -> list[dict]:
        return [
            {"id": perfil, "titulo": translate(titulo, context=self.request)}
            for perfil, titulo in servicos.perfis_permitidos().items()
        ]
