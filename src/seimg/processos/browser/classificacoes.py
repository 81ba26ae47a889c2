"""``@@classificacoes`` on an órgão: classified information expired or
expiring (LAI arts. 23–24), for the órgão's administrators.

Lists what :func:`seimg.processos.classificacao.relatorio` gives the viewer
(items the disclosure table hides are left out). ``?dias=`` (0–3650, default
90) sets how far ahead it looks; anything else is answered 400 in
Portuguese.
"""

from Products.Five.browser import BrowserView
from seimg import _
from seimg.nivel_acesso import classificacao as regras
from seimg.processos import classificacao
from seimg.processos.classificacao import ler_dias
from seimg.processos.classificacao import MENSAGEM_DIAS
from zExceptions import Unauthorized
from zope.i18n import translate


SITUACOES = {
    regras.VENCIDA: _("classificacao_vencida", default="Expired"),
    regras.VENCENDO: _("classificacao_vencendo", default="Expiring"),
    regras.VIGENTE: _("classificacao_vigente", default="In force"),
}


def _data_br(iso: str | None) -> str:
    if not iso:
        return ""
    ano, mes, dia = iso.split("-")
    return f"{dia}/{mes}/{ano}"


class ClassificacoesView(BrowserView):
    atalhos = [("seimg-classificacoes", _("atalho_conteudo", default="Content"))]

    def __call__(self):
        if not classificacao.pode_ver_relatorio(self.context):
            raise Unauthorized()
        self.erro = ""
        self.dias = ler_dias(self.request.form.get("dias"))
        if self.dias is None:
            self.request.response.setStatus(400)
            self.erro = translate(MENSAGEM_DIAS, context=self.request)
            self.itens = []
        else:
            self.itens = [
                {
                    **item,
                    "expira_em_br": _data_br(item.get("expira_em")),
                    "producao_br": _data_br(item.get("data_producao")),
                    "situacao_titulo": translate(
                        SITUACOES.get(item.get("situacao"), ""), context=self.request
                    ),
                    "nivel_titulo": translate(
                        item["nivel_titulo"], context=self.request
                    ),
                }
                for item in classificacao.relatorio(self.context, dias=self.dias)
            ]
        return self.index()
