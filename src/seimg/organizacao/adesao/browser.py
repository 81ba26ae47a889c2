"""``@@adesao``: load an órgão's adesão file from the browser."""

from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg.organizacao import adesao


class AdesaoView(BrowserView):
    erros = ()
    resultado = None
    valido = False
    simulado = False
    nome = ""

    def erros_traduzidos(self):
        listados, _omitidos = adesao.resumir(list(self.erros))
        return [erro.as_dict(self.request) for erro in listados]

    def erros_omitidos(self) -> int:
        return adesao.resumir(list(self.erros))[1]

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.processar()
        return self.index()

    def processar(self):
        upload = self.request.form.get("arquivo")
        self.simulado = bool(self.request.form.get("simular"))
        conteudo = upload.read() if upload else b""
        self.nome = getattr(upload, "filename", "") or ""
        if not conteudo:
            self.erros = [adesao.Erro(adesao.ARQUIVO, adesao.ESCOLHA_ARQUIVO)]
            self.request.response.setStatus(400)
            return
        try:
            arquivo = adesao.ler(conteudo, self.nome)
            erros = adesao.validar(arquivo)
            if erros:
                raise adesao.ArquivoInvalido(erros)
            self.valido = True
            if not self.simulado:
                self.resultado = adesao.aplicar(arquivo)
        except adesao.ArquivoInvalido as invalid:
            import transaction

            transaction.doom()
            self.erros = invalid.erros
            self.request.response.setStatus(400)
