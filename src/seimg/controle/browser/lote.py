"""``@@enviar-processos`` (site root): send many processes at once, one
:func:`seimg.tramitacao.acoes.enviar` per process.
"""

from datetime import date
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.controle import api as controle
from seimg.controle.browser.comum import _acoes
from seimg.controle.browser.comum import _processo
from seimg.controle.browser.comum import _texto
from seimg.controle.browser.comum import _uids
from seimg.controle.browser.comum import _unidade
from seimg.controle.browser.comum import em_lote
from seimg.controle.browser.comum import relatar
from seimg.organizacao.atual import resolver
from seimg.tramitacao.retorno import ler_retorno
from zExceptions import BadRequest


class EnviarProcessosView(BrowserView):
    """``@@enviar-processos``: send the checked processes to one or more units."""

    template = ViewPageTemplateFile("templates/enviar_processos.pt")

    def __call__(self):
        if api.user.is_anonymous():
            portal_url = api.portal.get().absolute_url()
            self.request.response.redirect(f"{portal_url}/login")
            return ""
        self.unidade = _unidade(self.request)
        if self.unidade is not None and self.request.method == "POST":
            return self.processar()
        return self.template()

    def uids(self) -> list[str]:
        return _uids(self.request.form)

    def processos(self) -> list[dict]:
        result = []
        for uid in self.uids():
            processo = _processo(uid)
            if processo is not None:
                result.append(
                    {
                        "uid": uid,
                        "numero": processo.numero,
                        "especificacao": processo.especificacao,
                    }
                )
        return result

    def unidades(self) -> list[dict]:
        """Active units of every órgão (one may send to another órgão)."""
        catalog = api.portal.get_tool("portal_catalog")
        result = []
        for brain in catalog.unrestrictedSearchResults(portal_type="Orgao"):
            orgao = brain._unrestrictedGetObject()
            for unidade in orgao.unidades():
                if unidade.ativa and unidade.UID() != self.unidade.UID():
                    result.append(
                        {
                            "uid": unidade.UID(),
                            "titulo": f"{unidade.sigla_completa()} - {unidade.nome}",
                        }
                    )
        return sorted(result, key=lambda item: item["titulo"])

    def voltar(self) -> str:
        return f"{api.portal.get().absolute_url()}/@@controle-processos"

    def _retorno(self, form) -> date | None:
        """The retorno programado date from the form (by date or N days), or None."""
        tipo = _texto(form.get("retorno_tipo"))
        valor = form.get("retorno_data" if tipo == "data" else "retorno_dias")
        return ler_retorno(
            tipo, _texto(valor), self.unidade.aq_parent, hoje=controle.hoje()
        )

    def processar(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        uids = self.uids()
        destinos = [resolver(u) for u in _uids({"uids": form.get("destinos")})]
        destinos = [d for d in destinos if d is not None]
        if not uids or not destinos:
            api.portal.show_message(
                _(
                    "controle_enviar_incompleto",
                    default="Choose the processes and at least one destination unit.",
                ),
                request=self.request,
                type="error",
            )
            return self.template()
        try:
            retorno = self._retorno(form)
        except BadRequest as exc:
            api.portal.show_message(str(exc), request=self.request, type="error")
            return self.template()
        acoes = _acoes()
        opcoes = {
            "manter_aberto": bool(form.get("manter_aberto")),
            "notificar": bool(form.get("notificar")),
            "retorno": retorno,
            "confirmar_minutas": bool(form.get("confirmar_minutas")),
        }
        feitos, erros = em_lote(
            self.request, uids, lambda p: acoes.enviar(p, destinos, **opcoes)
        )
        relatar(self.request, feitos, erros, "controle_enviados")
        self.request.response.redirect(self.voltar())
        return ""
