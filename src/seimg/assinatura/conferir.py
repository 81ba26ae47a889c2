"""The public authenticity page and REST endpoint (see :mod:`.autenticidade`).

- ``@@conferir-autenticidade`` on the site root (zope.Public): a form
  (código verificador + CRC) and the deep link ``?cv=…&crc=…``;
- ``GET /@autenticidade?cv=…&crc=…`` (zope.Public): the same as JSON;
- ``@@conferir-autenticidade-pdf?cv=…&crc=…`` (zope.Public): the sealed PDF
  of an authentic document of a public process (the one staff download, see
  :mod:`.pades`); anything else is a 404 that does not say why.

All count against the per-client rate limit and answer 429 beyond it.
"""

from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.assinatura import autenticidade
from seimg.base.errors import InvalidInput
from zope.i18n import translate


LIMITE_STATUS = 429


class ConferirAutenticidadeView(BrowserView):
    """Form and result of the public authenticity check."""

    template = ViewPageTemplateFile("templates/conferir_autenticidade.pt")

    resultado = None
    limitado = False
    erro = None

    def __call__(self):
        # Never cache an answer (a cancelled document must show as such); the
        # empty form is the same for everyone: proxies may keep it.
        form = self.request.form
        if "cv" in form or "crc" in form:
            self.request.response.setHeader("Cache-Control", "no-store")
        form = self.request.form
        self.cv = autenticidade.normalizar_cv(form.get("cv"))
        self.crc = autenticidade.normalizar_crc(form.get("crc"))
        if "cv" in form or "crc" in form:
            if not self.cv or not self.crc:
                self.erro = _(
                    "autenticidade_informe_codigos",
                    default="Enter both the verification code and the CRC code.",
                )
            elif not autenticidade.permitido(self.request):
                self.limitado = True
                self.request.response.setStatus(LIMITE_STATUS)
                self.request.response.setHeader(
                    "Retry-After", str(autenticidade._config("janela_segundos", 60))
                )
            else:
                self.resultado = autenticidade.conferir(self.cv, self.crc)
        return self.template()

    def mensagem_resultado(self):
        return mensagem(self.resultado)

    def mensagem_limite(self):
        return autenticidade.mensagem_limite()

    def dados(self) -> dict | None:
        if self.resultado is None or not self.resultado.confere:
            return None
        dados = autenticidade.dados_documento(self.resultado)
        if dados.get("data"):
            ano, mes, dia = dados["data"].split("-")
            dados["data_formatada"] = f"{dia}/{mes}/{ano}"
        cancelamento = self.resultado.data_cancelamento
        if cancelamento is not None:
            local = autenticidade._em_brasilia(cancelamento)
            dados["cancelamento_formatado"] = local.strftime("%d/%m/%Y %H:%M")
        return dados

    def assinaturas(self) -> list[dict]:
        if self.resultado is None or not self.resultado.confere:
            return []
        itens = []
        for assinatura in self.resultado.assinaturas:
            data = autenticidade._em_brasilia(assinatura["data"])
            itens.append(
                dict(
                    assinatura,
                    data_formatada=data.strftime("%d/%m/%Y %H:%M") if data else "",
                )
            )
        return itens


class ConferirAutenticidadePdfView(BrowserView):
    """The sealed PDF of an authentic, public document, for anyone."""

    def __call__(self):
        from seimg.assinatura import pades
        from seimg.assinatura.pdf import _servir
        from seimg.geracao.rendering import GeracaoError
        from seimg.geracao.rendering import responder

        response = self.request.response
        response.setHeader("Cache-Control", "no-store")
        if not autenticidade.permitido(self.request):
            response.setStatus(LIMITE_STATUS)
            return self._texto(autenticidade.mensagem_limite())
        form = self.request.form
        resultado = autenticidade.conferir(form.get("cv"), form.get("crc"))
        if not autenticidade.pdf_publico(resultado):
            response.setStatus(404)
            return self._texto(
                _(
                    "autenticidade_pdf_indisponivel",
                    default="There is no public PDF for these codes. Check the "
                    "document on the authenticity page.",
                )
            )
        try:
            return _servir(resultado.documento, self.request)
        except (pades.PdfIndisponivel, GeracaoError) as error:
            responder(error, response)
            return self._texto(error.message)

    def _texto(self, message) -> str:
        self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return translate(message, context=self.request)


def _erro(request, status: int, type_: str, message) -> dict:
    request.response.setStatus(status)
    return {"error": {"type": type_, "message": translate(message, context=request)}}


class AutenticidadeGet(Service):
    """``GET /@autenticidade?cv=&crc=`` → ``{resultado, documento, assinaturas}``."""

    def reply(self):
        self.request.response.setHeader("Cache-Control", "no-store")
        form = self.request.form
        faltam = [
            (
                campo,
                _(
                    "autenticidade_parametro_obrigatorio",
                    default="${nome} (parameter ${campo}): required.",
                    mapping={"nome": nome, "campo": campo},
                ),
            )
            for campo, nome in (("cv", "Código verificador"), ("crc", "Código CRC"))
            if not str(form.get(campo) or "").strip()
        ]
        if faltam:
            raise InvalidInput(faltam)
        if not autenticidade.permitido(self.request):
            self.request.response.setHeader(
                "Retry-After", str(autenticidade._config("janela_segundos", 60))
            )
            return _erro(
                self.request,
                LIMITE_STATUS,
                "TooManyRequests",
                autenticidade.mensagem_limite(),
            )
        resultado = autenticidade.conferir(form.get("cv"), form.get("crc"))
        dados = autenticidade.como_json(resultado)
        dados["@id"] = f"{self.context.absolute_url()}/@autenticidade"
        dados["mensagem"] = translate(mensagem(resultado), context=self.request)
        return dados


def mensagem(resultado):
    """One sentence for people about the outcome."""
    if resultado.resultado == autenticidade.AUTENTICO:
        return _(
            "autenticidade_autentico",
            default="The document is authentic: the codes match a document "
            "signed in seimg.",
        )
    if resultado.resultado == autenticidade.CANCELADO:
        data = autenticidade._em_brasilia(resultado.data_cancelamento)
        return _(
            "autenticidade_cancelado",
            default="The codes match a document that was cancelled on ${data}.",
            mapping={"data": data.strftime("%d/%m/%Y %H:%M") if data else "?"},
        )
    return _(
        "autenticidade_nao_confere",
        default="Does not match: no signed document has this verification "
        "code and CRC code. Check the codes and try again.",
    )
