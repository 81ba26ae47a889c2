"""``@@revisao-acesso`` on a process: "Documentos para revisão de acesso".

The documents listed when a unit concluded the process
(:mod:`seimg.tramitacao.revisao`), as the viewer may see them: a link to
change a document's level (the ordinary edit, for its generating unit) and
a form to keep it restricted with a reason (POST ``documento``, ``motivo``;
CSRF-protected; refusals re-render the page with the reason, 400/403).
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.tramitacao import revisao
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized
from zope.i18n import translate
import transaction


class RevisaoAcessoView(BrowserView):
    atalhos = [("seimg-revisao-acesso", _("atalho_conteudo", default="Content"))]

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized()
        self.erro = ""
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                documento = revisao.manter(
                    self.context,
                    self.request.form.get("documento"),
                    self.request.form.get("motivo"),
                )
            except (BadRequest, Forbidden) as exc:
                transaction.doom()
                self.request.response.setStatus(
                    403 if isinstance(exc, Forbidden) else 400
                )
                self.erro = str(exc)
            else:
                api.portal.show_message(
                    _(
                        "revisao_mantido_msg",
                        default="Document ${documento} kept restricted.",
                        mapping={"documento": documento.numero_sei},
                    ),
                    request=self.request,
                )
                self.request.response.redirect(
                    f"{self.context.absolute_url()}/@@revisao-acesso"
                )
                return ""
        return self.index()

    def itens(self) -> list[dict]:
        return [
            {
                **item,
                "situacao_titulo": translate(
                    revisao.SITUACOES[item["situacao"]], context=self.request
                ),
            }
            for item in revisao.itens(self.context)
        ]
