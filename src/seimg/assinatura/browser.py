"""Signing in the Classic UI: ``@@assinar`` and ``@@cancelar-assinatura``.

Both are forms posting with the CSRF authenticator; the rules are those of
:mod:`seimg.assinatura.api`. The document page (``seimg.processos.browser.documentos``)
shows the buttons, the signatures panel and the frozen rendering through
:class:`PainelAssinaturas`.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.assinatura import api as assinatura
from zExceptions import BadRequest
from zExceptions import Forbidden


class PainelAssinaturas:
    """What the document page shows about signatures (used by DocumentoView)."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def registro(self):
        return assinatura.registro(self.context)

    def itens(self) -> list[dict]:
        return [
            {
                "nome": a.nome,
                "cargo": a.cargo,
                "unidade": a.unidade_sigla,
                "data": a.data_brasilia.strftime("%d/%m/%Y %H:%M"),
                "userid": a.userid,
            }
            for a in assinatura.assinaturas(self.context)
        ]

    def pagina(self) -> str | None:
        """The frozen rendering with the stamps (only for content readers)."""
        return assinatura.pagina(self.context)

    def crc(self) -> str | None:
        return assinatura.crc(self.context)

    def url_conferir(self) -> str | None:
        """The public authenticity check of this document, filled in."""
        crc = self.crc()
        if not crc:
            return None
        from seimg.assinatura import tarjas

        return tarjas.link_conferir(assinatura.codigo_verificador(self.context), crc)

    def pode_assinar(self) -> bool:
        # The body is not judged here: the form says what to fill in.
        return not api.user.is_anonymous() and assinatura.pode_assinar(
            self.context, conteudo=False
        )

    def pode_cancelar(self) -> bool:
        return not api.user.is_anonymous() and assinatura.pode_cancelar_assinatura(
            self.context
        )

    def motivo_bloqueio(self) -> str | None:
        motivo = assinatura.motivo_bloqueio(self.context)
        return assinatura.mensagem(motivo) if motivo is not None else None


class _Form(BrowserView):
    recusa = None

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden("Anonymous")
        if self.request.method == "POST":
            if self.processar():
                return ""
        else:
            recusa = self.motivo()
            if recusa is not None:
                self.recusa = assinatura.mensagem(recusa)
        return self.index()

    def _falhou(self, exc) -> bool:
        self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
        api.portal.show_message(str(exc), request=self.request, type="error")
        self.recusa = str(exc)
        return False

    def _senha(self) -> str:
        senha = self.request.form.get("senha", "")
        return senha if isinstance(senha, str) else ""


class AssinarView(_Form):
    """``@@assinar``: password and one of the user's cargos."""

    recusa_corpo = False  # the trial conversion of the body failed

    def motivo(self):
        return assinatura.motivo_para_nao_assinar(self.context)

    def cargos(self) -> list[str]:
        return assinatura.cargos(api.user.get_current().getId())

    def externo(self) -> bool:
        return self.context.portal_type == "DocumentoExterno"

    def url_editar(self) -> str | None:
        """Where to fix the text when the body is what is refused."""
        if self.externo() or not self.recusa:
            return None
        if assinatura.motivo_conteudo(self.context) is None and not self.recusa_corpo:
            return None
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return None
        return f"{self.context.absolute_url()}/@@edit"

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        cargo = self.request.form.get("cargo", "")
        try:
            assinatura.assinar(
                self.context,
                self._senha(),
                cargo if isinstance(cargo, str) else "",
                self.request,
            )
        except (BadRequest, Forbidden) as exc:
            self.recusa_corpo = str(exc) == assinatura.mensagem(
                assinatura.MOTIVO_NAO_RENDERIZA
            )
            return self._falhou(exc)
        api.portal.show_message(
            _("documento_assinado_msg", default="Document signed."),
            request=self.request,
        )
        self.request.response.redirect(self.context.absolute_url())
        return True


class CancelarAssinaturaView(_Form):
    """``@@cancelar-assinatura``: take one's own signature back (password)."""

    def motivo(self):
        return assinatura.motivo_para_nao_cancelar_assinatura(self.context)

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        try:
            assinatura.cancelar_assinatura(
                self.context, self.request, senha=self._senha()
            )
        except (BadRequest, Forbidden) as exc:
            return self._falhou(exc)
        api.portal.show_message(
            _("assinatura_cancelada_msg", default="Your signature was cancelled."),
            request=self.request,
        )
        self.request.response.redirect(self.context.absolute_url())
        return True
