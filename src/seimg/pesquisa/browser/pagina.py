"""``@@pesquisa`` (site root): the staff search page (issue 18).

A GET form, so every search has a stable URL (the criteria as
:meth:`seimg.pesquisa.api.Criterios.como_form` writes them). The page reads
the request with :func:`~seimg.pesquisa.api.ler_criterios` (its Portuguese
messages shown beside the fields), asks :func:`~seimg.pesquisa.api.pesquisar`
and renders what the API returns: nothing here decides who sees what. The
form's logic is :class:`seimg.pesquisa.formulario.FormularioPesquisa`.

- a NUP or número SEI that names exactly one object the viewer may find
  (:func:`~seimg.pesquisa.api.abrir_direto`) opens it (302), as the quick
  search box in the header promises, unless filters or a page were asked;
- ``?formato=csv``: the whole result (:func:`~seimg.pesquisa.api.todas`) as
  a spreadsheet (``;``-separated UTF-8 with a BOM);
- anonymous visitors are sent to the login (the public portal is another
  page).
"""

from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg.pesquisa import api as pesquisa
from seimg.pesquisa.formulario import FormularioPesquisa
from urllib.parse import urlencode
import datetime


class PesquisaView(FormularioPesquisa):
    """``@@pesquisa``: the search form, its results and their facets."""

    template = ViewPageTemplateFile("templates/pesquisa.pt")

    def __call__(self):
        if api.user.is_anonymous():
            portal_url = api.portal.get().absolute_url()
            came_from = urlencode({"came_from": self.request.getURL()})
            self.request.response.redirect(f"{portal_url}/login?{came_from}")
            return ""
        # The facets are this page's side column: no portlets beside it.
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        if not self.preparar():
            return self.template()
        if self.request.form.get("formato") == "csv":
            return self.csv()
        destino = self._abrir_direto()
        if destino is not None:
            self.request.response.redirect(destino.absolute_url())
            return ""
        if self.pesquisou:
            self.resultado = self.executar(self.criterios)
        return self.template()

    # -- CSV ------------------------------------------------------------------

    def csv(self):
        resultado = pesquisa.todas(self.criterios) if self.pesquisou else None
        corpo = pesquisa.exportar_csv(
            resultado or pesquisa.Resultado(self.criterios), self.request
        )
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        hoje = datetime.date.today().isoformat()
        response.setHeader(
            "Content-Disposition", f'attachment; filename="pesquisa-{hoje}.csv"'
        )
        response.setHeader("Cache-Control", "no-store")
        return corpo
