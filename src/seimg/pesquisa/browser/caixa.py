"""The quick search box in the header (Plone's ``plone.searchbox`` viewlet,
for seimg's layer): signed-in users search with ``@@pesquisa`` (a NUP or
número SEI typed there opens the object directly). Anonymous visitors keep
Plone's box until the public portal has its own search page."""

from plone import api
from plone.app.layout.viewlets.common import SearchBoxViewlet
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class CaixaPesquisaViewlet(SearchBoxViewlet):
    caixa = ViewPageTemplateFile("templates/caixa.pt")

    def update(self):
        super().update()
        self.anonimo = api.user.is_anonymous()
        self.acao = f"{self.navigation_root_url}/@@pesquisa"
        valor = self.request.form.get("q", "")
        self.valor = valor if isinstance(valor, str) else ""

    def render(self):
        if self.anonimo:
            return self.index()
        return self.caixa()
