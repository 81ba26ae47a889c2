"""A small Classic UI form acting on one object: fields, buttons, one action.

Subclasses declare :meth:`campos` and :meth:`botoes` (built with
:meth:`_campo` and :meth:`_botao`) and :meth:`executar`, which calls a domain
action; a refusal (BadRequest 400, Forbidden 403) comes back as a status
message with the form kept filled in, success redirects to :meth:`voltar`.
The vínculos and notes forms are made of it.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


def _t(request, message) -> str:
    return translate(message, context=request)


def _mensagem(request, message, type_="info"):
    api.portal.show_message(message, request=request, type=type_)


class FormularioAcao(BrowserView):
    """A small form: fields, buttons; :meth:`executar` applies the rule."""

    index = ViewPageTemplateFile("templates/formulario_acao.pt")
    titulo = _("vinculos_form", default="Process")
    explicacao = None
    #: What :meth:`executar` did, said to the user (e.g. "Marcador «Urgente»
    #: aplicado"); set it in :meth:`executar`. "Done." only as a last resort.
    sucesso = None

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden("Anonymous")
        self.preparar()
        if self.request.method == "POST" and self.processar():
            return ""
        return self.index()

    def preparar(self) -> None:
        """Before the form is processed or shown (e.g. find the acting unit)."""

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        form = self.request.form
        botao = next(
            (b["nome"] for b in self.botoes() if form.get(f"form.buttons.{b['nome']}")),
            None,
        )
        if botao is None:
            return False
        try:
            resultado = self.executar(botao, form)
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            _mensagem(self.request, str(exc), "error")
            return False
        for aviso in resultado or ():
            _mensagem(self.request, _t(self.request, aviso), "warning")
        _mensagem(
            self.request,
            self.sucesso or _("vinculos_feito", default="Done."),
            "info",
        )
        self.request.response.redirect(self.voltar())
        return True

    def voltar(self) -> str:
        return self.context.absolute_url()

    def valor(self, nome: str, padrao=""):
        valor = self.request.form.get(nome, padrao)
        return valor if isinstance(valor, str) else padrao

    def texto(self, message) -> str:
        return _t(self.request, message) if message else ""

    def rotulo(self) -> str:
        numero = getattr(self.context, "numero", None) or self.context.Title()
        return numero

    def campos(self) -> list[dict]:
        return []

    def botoes(self) -> list[dict]:
        return []

    def links(self) -> list[dict]:
        """Related pages shown under the explanation: ``{url, rotulo, id}``."""
        return []

    def tabela(self) -> dict | None:
        """Optional ``{"cabecalho": [...], "linhas": [[...]]}`` below the form."""
        return None

    def executar(self, botao: str, form) -> list | None:  # pragma: no cover
        raise NotImplementedError

    # field builders
    def _campo(self, nome, rotulo, tipo="text", obrigatorio=False, maximo=None, **kw):
        campo = {
            "nome": nome,
            "id": f"seimg-{nome}",
            "rotulo": self.texto(rotulo),
            "tipo": tipo,
            "obrigatorio": obrigatorio,
            "maximo": maximo,
            "valor": kw.pop("valor", self.valor(nome)),
            "opcoes": kw.pop("opcoes", []),
            "marcado": kw.pop("marcado", False),
        }
        campo.update(kw)
        return campo

    def _botao(self, nome, rotulo, classe="btn-primary") -> dict:
        return {"nome": nome, "rotulo": self.texto(rotulo), "classe": classe}
