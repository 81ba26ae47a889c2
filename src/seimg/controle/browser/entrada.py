"""Where users land after login: a user with a unit and no explicit
``came_from`` lands on the Controle de Processos.
"""

from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from seimg.organizacao import perfis
from zope.interface import implementer


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
