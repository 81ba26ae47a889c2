"""The page frame: skip links, the órgão in the header, the user's menu, the
footer; Plone's logo, colophon and site actions replaced for seimg's layer."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.app.viewletmanager.manager import OrderedViewletManager
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.organizacao import atual
from seimg.tema import administracao
from zExceptions import Forbidden


ATALHOS = "seimg.atalhos"


class CabecalhoManager(OrderedViewletManager):
    """``plone.portalheader`` with the skip links first, whatever the order."""

    def sort(self, viewlets):
        ordenados = super().sort(viewlets)
        return [v for v in ordenados if v[0] == ATALHOS] + [
            v for v in ordenados if v[0] != ATALHOS
        ]


class AtalhosViewlet(ViewletBase):
    """Skip links, first in every page's tab order.

    A page adds its own by giving its view an ``atalhos`` attribute: a list
    of ``(id, label)`` (an element id on the page, a translated label).
    """

    index = ViewPageTemplateFile("templates/atalhos.pt")

    def atalhos(self):
        fixos = [
            ("portal-column-content", _("atalho_conteudo", default="Go to content")),
            ("portal-globalnav-wrapper", _("atalho_menu", default="Go to the menu")),
        ]
        extras = getattr(self.view, "atalhos", None)
        if callable(extras):
            extras = extras()
        todos = fixos + list(extras or ())
        return [{"id": id_, "titulo": titulo} for id_, titulo in todos]


def orgao_atual(request):
    """The órgão of the acting unit, or None (anonymous, no unit)."""
    if api.user.is_anonymous():
        return None
    try:
        unidade = atual.unidade_atual(request)
    except Forbidden:
        return None
    return aq_parent(aq_inner(unidade)) if unidade is not None else None


class LogoViewlet(ViewletBase):
    """The acting unit's órgão (logo and name); the site title otherwise."""

    index = ViewPageTemplateFile("templates/logo.pt")

    def update(self):
        super().update()
        self.orgao = orgao_atual(self.request)
        self.nome = self.orgao.nome if self.orgao is not None else ""
        self.titulo_site = (
            api.portal.get_registry_record("plone.site_title", default="")
            or api.portal.get().Title()
        )
        self.logo_url = None
        if self.orgao is not None and getattr(self.orgao, "logo", None):
            self.logo_url = f"{self.orgao.absolute_url()}/@@images/logo"


class UsuarioViewlet(ViewletBase):
    """The signed-in user's menu: name, Administração, preferences, log out."""

    index = ViewPageTemplateFile("templates/usuario.pt")

    def update(self):
        super().update()
        self.disponivel = not api.user.is_anonymous()
        if not self.disponivel:
            return
        usuario = api.user.get_current()
        self.nome = usuario.getProperty("fullname", "") or usuario.getUserName()
        self.administra = administracao.disponivel()
        self.preferencias = f"{self.site_url}/@@personal-information"
        self.senha = f"{self.site_url}/@@change-password"
        self.sair = f"{self.site_url}/logout"

    def available(self):
        return self.disponivel


class RodapeViewlet(ViewletBase):
    """The footer: the órgão (or the site), seimg's public links."""

    index = ViewPageTemplateFile("templates/rodape.pt")

    def update(self):
        super().update()
        orgao = orgao_atual(self.request)
        self.nome = orgao.nome if orgao is not None else api.portal.get().Title()


class NadaViewlet(ViewletBase):
    """Plone's colophon and site actions: nothing in seimg."""

    def render(self):
        return ""
