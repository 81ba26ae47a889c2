"""Classic UI surfaces: the password-reset request and the locks page.

- ``@@mail_password`` (Plone's "forgot my password" form posts here):
  counted per client address; the same confirmation page whether or not
  the login exists (Plone's own view says "user not found").
- ``@@bloqueios`` on an órgão: its administrators see their users' locks
  and clear them; on the site root, managers see every lock.
- A viewlet on the órgão page links administrators to ``@@bloqueios``.
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
