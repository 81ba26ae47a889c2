"""The unit switcher (a viewlet on every page) and the view it posts to."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.organizacao import atual
from seimg.organizacao import perfis
from zExceptions import Forbidden


class UnidadeAtualViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/unidade_atual.pt")

    def update(self):
        super().update()
        self.lotacoes = []
        self.atual = None
        if api.user.is_anonymous():
            return
        self.lotacoes = perfis.lotacoes(api.user.get_current().getId())
        try:
            self.atual = atual.unidade_atual(self.request)
        except Forbidden:
            self.atual = None

    def available(self):
        return bool(self.lotacoes)

    def options(self):
        current = self.atual.UID() if self.atual is not None else None
        return [
            {
                "uid": lotacao.unidade.UID(),
                "title": f"{lotacao.unidade.sigla_completa()} - {lotacao.unidade.nome}",
                "selected": lotacao.unidade.UID() == current,
            }
            for lotacao in self.lotacoes
        ]


class TrocarUnidadeView(BrowserView):
    """POST ``unidade`` (UID): make it the acting unit, then go back."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.setStatus(405)
            return ""
        CheckAuthenticator(self.request)
        unidade = atual.resolver(self.request.form.get("unidade", ""))
        messages = api.portal.show_message
        try:
            atual.definir_unidade_atual(unidade, self.request)
        except Forbidden as error:
            self.request.response.setStatus(403)
            messages(str(error), request=self.request, type="error")
        else:
            messages(
                _(
                    "unidade_trocada",
                    default="You now act for ${unidade}.",
                    mapping={"unidade": unidade.sigla_completa()},
                ),
                request=self.request,
            )
        came_from = (
            self.request.form.get("came_from") or api.portal.get().absolute_url()
        )
        if not came_from.startswith(api.portal.get().absolute_url()):
            came_from = api.portal.get().absolute_url()
        self.request.response.redirect(came_from)
        return ""
