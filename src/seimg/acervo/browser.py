"""``@@acervo-sigilosos``: the acting unit's acervo de sigilosos (Classic UI)."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.acervo import api as acervo
from seimg.organizacao.atual import unidade_atual
from zExceptions import BadRequest
from zExceptions import Forbidden
import zoneinfo


FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")


class AcervoView(BrowserView):
    erro = None

    def __call__(self):
        self.unidade = unidade_atual(self.request)
        if not acervo.pode_ver(self.unidade):
            raise Forbidden(
                "Só quem tem o perfil 'Acervo de sigilosos' na unidade vê o acervo."
            )
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self._ativar():
                return ""
        return self.index()

    def _ativar(self) -> bool:
        form = self.request.form
        processo = acervo.processo_do_acervo(self.unidade, form.get("uid"))
        if processo is None:
            self.request.response.setStatus(404)
            self.erro = _(
                "acervo_processo_inexistente",
                default="Não há esse processo no acervo de sigilosos da unidade.",
            )
            return False
        try:
            acervo.ativar_credencial(
                self.unidade, processo, form.get("senha") or "", self.request
            )
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            self.erro = str(exc)
            return False
        api.portal.show_message(
            _(
                "acervo_credencial_ativada",
                default="Credencial ativada no processo ${numero}.",
                mapping={"numero": processo.numero},
            ),
            request=self.request,
        )
        self.request.response.redirect(processo.absolute_url())
        return True

    def sigla(self) -> str:
        return self.unidade.sigla_completa()

    def itens(self) -> list[dict]:
        return [
            {
                "uid": item.uid,
                "numero": item.numero,
                "tipo": item.tipo,
                "ativa": item.ativa,
                "titulares": ", ".join(t.nome for t in item.titulares),
            }
            for item in acervo.processos(self.unidade)
        ]
