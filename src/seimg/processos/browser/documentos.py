"""Documentos in the Classic UI: their page, cancelling and deleting them.

- ``documento`` (default view of Documento and DocumentoExterno): numbers,
  type, state, level, the text or the file (for those who may read the
  content), the cancellation note;
- ``@@cancelar``: cancel a signed or registered document with a reason;
- signing (``@@assinar``, the signatures panel) comes from
  :mod:`seimg.assinatura.browser`;
- ``delete_confirmation``: refused deletions go back with the reason.
"""

from plone import api
from plone.app.content.browser.actions import DeleteConfirmationForm
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.arquivos.views import nome_visivel
from seimg.processos import acoes
from seimg.processos import regras
from seimg.processos import rotulos
from seimg.processos.browser.area_trabalho import AreaTrabalho
from seimg.processos.browser.area_trabalho import CONTEUDO
from seimg.processos.browser.area_trabalho import titulo_com_numero
from seimg.processos.interfaces import IPainelAssinaturas
from seimg.processos.rotulos import FORMATOS
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.component import getMultiAdapter
from zope.i18n import translate


def _mensagem(request, message, type_="info"):
    api.portal.show_message(message, request=request, type=type_)


def _motivo_visivel(documento) -> str:
    """The cancellation reason (free text): for units that had the process."""
    from seimg.divulgacao import api as divulgacao

    return divulgacao.motivo_cancelamento(documento) or "—"


class DocumentoView(AreaTrabalho):
    """The process workspace with this document selected.

    Its URL is the document's own, so a tree selection is a link.
    """

    index = ViewPageTemplateFile("templates/area_trabalho.pt")

    @property
    def selecionado(self):
        return self.context

    def titulo(self) -> str:
        return titulo_com_numero(self.context)

    def _pode(self, permission: str) -> bool:
        return api.user.has_permission(permission, obj=self.context)

    def externo(self) -> bool:
        return self.context.portal_type == "DocumentoExterno"

    def estado(self) -> dict:
        return rotulos.estado(self.context, self.request)

    def cancelado(self) -> bool:
        return rotulos.estado_documento(self.context) == "cancelado"

    def nivel(self) -> dict:
        return rotulos.nivel(getattr(self.context, "nivel_acesso", None), self.request)

    def tipo(self) -> str:
        return rotulos.titulo_tabela(getattr(self.context, "tipo_documento", None))

    def hipotese_legal(self) -> str:
        return rotulos.titulo_tabela(getattr(self.context, "hipotese_legal", None))

    def unidade_geradora(self) -> str:
        from seimg.tabelas import obter

        unidade = obter(getattr(self.context, "unidade_geradora", None))
        return unidade.sigla_completa() if unidade is not None else ""

    def interessados_documento(self) -> list[str]:
        """As the disclosure table lets the viewer see them (CPF masked…)."""
        from seimg.divulgacao import api as divulgacao

        return [
            divulgacao.rotulo(interessado)
            for interessado in divulgacao.interessados(
                self.context.__parent__, documento=self.context
            )
        ]

    def destinatarios(self) -> list[str]:
        return list(getattr(self.context, "destinatarios", None) or ())

    def cancelamento(self) -> dict | None:
        if not self.cancelado():
            return None
        return {
            "data": rotulos.data_hora(getattr(self.context, "data_cancelamento", None)),
            "motivo": _motivo_visivel(self.context),
        }

    def pode_ler_conteudo(self) -> bool:
        return not self.cancelado() and self._pode(CONTEUDO)

    @property
    def assinaturas(self):
        """Signatures panel, buttons and frozen rendering (seimg.assinatura)."""
        return getMultiAdapter((self.context, self.request), IPainelAssinaturas)

    def conteudo(self) -> dict:
        """How the viewer shows the content (``tipo`` None: not shown).

        Internal documents: ``@@conteudo`` in a sandboxed iframe; external
        PDFs through pdf.js; images as images; other files only by link.
        """
        url = self.context.absolute_url()
        assinado = rotulos.estado_documento(self.context) == "assinado"
        result = {
            "tipo": None,
            "url": None,
            "titulo": self._t(
                _(
                    "documento_conteudo_de",
                    default="Content of ${titulo}",
                    mapping={"titulo": self.titulo()},
                )
            ),
            "pdf_selado": None,
            "pdfjs": f"{api.portal.get().absolute_url()}/++plone++seimg/pdfjs/",
        }
        if not self.pode_ler_conteudo():
            return result
        if not self.externo():
            if getattr(self.context, "texto", None) is None:
                return result
            result.update(tipo="html", url=f"{url}/@@conteudo")
            if assinado:
                result["pdf_selado"] = f"{url}/@@pdf-assinado"
            return result
        arquivo = getattr(self.context, "arquivo", None)
        if arquivo is None:
            return result
        tipo = (getattr(arquivo, "contentType", "") or "").lower()
        result["url"] = f"{url}/@@arquivo"
        if tipo == "application/pdf":
            result["tipo"] = "pdf"
        elif tipo in ("image/png", "image/jpeg"):
            result["tipo"] = "imagem"
        else:
            result["tipo"] = "arquivo"
        if self.assinaturas.crc():
            result["pdf_selado"] = f"{url}/@@pdf-assinado"
        return result

    def externo_dados(self) -> dict | None:
        if not self.externo():
            return None
        formato = getattr(self.context, "formato", None)
        formato_titulo = ""
        if formato in FORMATOS:
            formato_titulo = translate(
                FORMATOS.getTerm(formato).title, context=self.request
            )
        arquivo = None
        if (
            self.pode_ler_conteudo()
            and getattr(self.context, "arquivo", None) is not None
        ):
            arquivo = {
                "url": f"{self.context.absolute_url()}/@@arquivo",
                "nome": nome_visivel(self.context.arquivo) or "",
                "tamanho": self._tamanho(self.context.arquivo.getSize()),
            }
        return {
            "data_documento": rotulos.data_hora(
                getattr(self.context, "data_documento", None)
            ),
            "numero": getattr(self.context, "numero", None) or "",
            "formato": formato_titulo,
            "tipo_conferencia": rotulos.titulo_tabela(
                getattr(self.context, "tipo_conferencia", None)
            ),
            "remetente": getattr(self.context, "remetente", None) or "",
            "arquivo": arquivo,
        }

    @staticmethod
    def _tamanho(size: int) -> str:
        if size >= 1024 * 1024:
            return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
        return f"{max(1, round(size / 1024))} KB"

    def pode_editar(self) -> bool:
        return self._pode("Modify portal content")

    def url_versoes(self) -> str | None:
        """Only Documento is versioned; the history page needs Modify."""
        if self.externo() or self.cancelado():
            return None
        if self._pode("Modify portal content"):
            return f"{self.context.absolute_url()}/@@historyview"
        if self._pode("CMFEditions: Access previous versions"):
            return f"{self.context.absolute_url()}/@@history"
        return None

    def pode_cancelar(self) -> bool:
        return (
            not api.user.is_anonymous()
            and regras.motivo_para_nao_cancelar(self.context) is None
        )

    def pode_excluir(self) -> bool:
        """Offered only when the rules would allow it; else Cancelar is."""
        return (
            self._pode("Delete objects")
            and regras.motivo_para_nao_excluir(self.context) is None
        )


#: The content pane is a document of its own: no script, no network but
#: its own images, no form, no framing by others; links open outside.
CSP_CONTEUDO = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"
)

PAGINA_CONTEUDO = """<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titulo}</title>
<base target="_blank">
<style>
body {{ font-family: "Liberation Serif", "Times New Roman", serif; font-size: 12pt;
  line-height: 1.5; color: #1b1b1b; background: #fff; margin: 0 auto;
  max-width: 17cm; padding: 1.5rem 1rem; overflow-wrap: anywhere; }}
table {{ border-collapse: collapse; max-width: 100%; }}
td, th {{ border: 1px solid #767676; padding: .2rem .4rem; }}
img, svg {{ max-width: 100%; height: auto; }}
a {{ color: #0b4f8a; }}
.seimg-campo {{ background: #fff1b8; outline: 1px dashed #8a6d00; }}
.seimg-tarja-autenticidade {{ display: flex; gap: 1rem; align-items: center;
  border-top: 1px solid #767676; margin-top: 2rem; padding-top: 1rem;
  font-family: "Liberation Sans", Arial, sans-serif; font-size: 10pt; }}
</style></head>
<body>{corpo}</body></html>"""


class ConteudoView(BrowserView):
    """``@@conteudo``: an internal document's content as a page of its own.

    Sanitised HTML of the text, or, once signed, the frozen rendering with
    its stamps — never the live text. Shown by the workspace in a sandboxed
    iframe; the Content-Security-Policy repeats the sandbox so that opening
    the address directly is as contained. Only for those who may read the
    content (checked here and by the permission of the page).
    """

    def __call__(self):
        from html import escape

        documento = self.context
        if rotulos.estado_documento(documento) == "cancelado" or not (
            api.user.has_permission(CONTEUDO, obj=documento)
        ):
            raise Forbidden(
                translate(
                    _(
                        "documento_sem_acesso",
                        default="You may not read the content of this document.",
                    ),
                    context=self.request,
                )
            )
        if documento.portal_type == "DocumentoExterno":
            self.request.response.redirect(f"{documento.absolute_url()}/@@arquivo")
            return ""
        painel = getMultiAdapter((documento, self.request), IPainelAssinaturas)
        corpo = painel.pagina()
        if not corpo:
            texto = getattr(documento, "texto", None)
            corpo = texto.output_relative_to(documento) if texto is not None else ""
        # A page of its own: none of Plone's transforms (they would add the
        # CSRF script, which the sandbox blocks anyway).
        self.request.environ["plone.transformchain.disable"] = True
        response = self.request.response
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        response.setHeader("Content-Security-Policy", CSP_CONTEUDO)
        response.setHeader("X-Content-Type-Options", "nosniff")
        response.setHeader("Referrer-Policy", "same-origin")
        response.setHeader("X-Frame-Options", "SAMEORIGIN")
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin")
        response.setHeader("Cache-Control", "private, no-cache")
        return PAGINA_CONTEUDO.format(titulo=escape(documento.Title()), corpo=corpo)


class CancelarView(BrowserView):
    """``@@cancelar``: a form with the required reason; the rules decide."""

    motivo = ""
    recusa = None

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden("Anonymous")
        if self.request.method == "POST":
            if self.processar():
                return ""
        else:
            recusa = regras.motivo_para_nao_cancelar(self.context)
            if recusa is not None:
                self.recusa = translate(recusa, context=self.request)
        return self.index()

    def processar(self) -> bool:
        CheckAuthenticator(self.request)
        motivo = self.request.form.get("motivo", "")
        self.motivo = motivo if isinstance(motivo, str) else ""
        try:
            acoes.cancelar(self.context, self.motivo)
        except (BadRequest, Forbidden) as exc:
            self.request.response.setStatus(403 if isinstance(exc, Forbidden) else 400)
            _mensagem(self.request, str(exc), "error")
            return False
        _mensagem(
            self.request,
            _(
                "documento_cancelado_nome_msg",
                default="${documento} cancelled.",
                mapping={"documento": titulo_com_numero(self.context)},
            ),
        )
        self.request.response.redirect(self.context.absolute_url())
        return True


class DocumentoDeleteConfirmation(DeleteConfirmationForm):
    """Deleting a document: refusals go back to it with the reason."""

    def update(self):
        motivo = regras.motivo_para_nao_excluir(self.context)
        if motivo is not None:
            _mensagem(self.request, motivo, "error")
            self.request.response.redirect(self.context.absolute_url())
            return
        super().update()
