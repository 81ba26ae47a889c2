"""``@@duplicar-processo``: SEI's "Duplicar processo" in the Classic UI.

The form lists the documents the acting unit may copy and the process's
interessados, all checked; the user unchecks what the copy should not take
and confirms. :func:`seimg.processos.duplicacao.duplicar` decides; a
refusal comes back as a message with the form, success opens the new
process.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.processos import duplicacao
from seimg.processos import rotulos
from zExceptions import BadRequest
from zExceptions import Forbidden
from zExceptions import Unauthorized


class DuplicarView(BrowserView):
    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized()
        if self.request.method == "POST":
            resposta = self.processar()
            if resposta is not None:
                return resposta
        return self.index()

    def documentos(self) -> list[dict]:
        return [
            {
                "uid": doc.UID(),
                "titulo": doc.Title(),
                "numero_sei": doc.numero_sei,
                "tipo": rotulos.titulo_tabela(getattr(doc, "tipo_documento", None)),
                "estado": rotulos.estado(doc, self.request),
            }
            for doc in duplicacao.documentos_duplicaveis(self.context)
        ]

    def interessados(self) -> list[dict]:
        return [
            {"uid": item["UID"], "nome": item["nome"]}
            for item in duplicacao.interessados_duplicaveis(self.context)
        ]

    def _lista(self, nome: str) -> list[str]:
        valor = self.request.form.get(nome, [])
        valor = [valor] if isinstance(valor, str) else list(valor)
        return [v for v in valor if isinstance(v, str)]

    def processar(self):
        CheckAuthenticator(self.request)
        try:
            novo = duplicacao.duplicar(
                self.context,
                documentos=self._lista("documentos"),
                interessados=self._lista("interessados"),
            )
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            api.portal.show_message(str(exc), request=self.request, type="error")
            return None
        api.portal.show_message(
            _(
                "duplicar_feito",
                default="Process ${novo} created as a duplicate of ${original}.",
                mapping={"novo": novo.numero, "original": self.context.numero},
            ),
            request=self.request,
            type="info",
        )
        self.request.response.redirect(novo.absolute_url())
        return ""
