"""@@administracao: every administrative task the user may do, as links."""

from plone import api
from Products.Five.browser import BrowserView
from seimg.tema import administracao
from zExceptions import Unauthorized


class AdministracaoView(BrowserView):
    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("administracao")
        self.grupos = administracao.grupos()
        return self.index()
