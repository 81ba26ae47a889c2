"""The public portal's pages, under ``<site>/transparencia`` (stable URLs).

``TransparenciaView`` (the view ``transparencia`` of the site root) reads the
rest of the path and answers:

=======================================  =======================================
``/transparencia``                       the portal's home (also the site's
                                         home page)
``/transparencia/pesquisa``              the search across the installation
``/transparencia/pesquisa.csv|.json``    the same search as open data
``/transparencia/orgao/<sigla>``         an órgão's page and search
``/transparencia/orgao/<sigla>/pesquisa[.csv|.json]``
``/transparencia/orgao/<sigla>/lai``     LAI and LGPD notices of the órgão
``/transparencia/orgao/<sigla>/logo``    its logo (the Órgão is staff-only)
``/transparencia/orgao/<sigla>/dados-abertos[/<file>]``  daily snapshots
``/transparencia/processo/<NUP>``        a process (any NUP format)
``/transparencia/processo/<NUP>/pdf``    its public documents as one PDF
``/transparencia/documento/<número SEI>``  a document; ``/pdf``: its PDF
``/transparencia/acesso-restrito``       why items are restricted
=======================================  =======================================

Everything shown comes from :mod:`seimg.transparencia.api`, which answers as
an anonymous visitor whoever asks. Each request first takes a token from the
client address's bucket (:mod:`seimg.acesso.baldes`: pages, exports, PDFs);
an empty bucket answers 429 with ``Retry-After`` and a page saying so.
Unknown paths answer 404 exactly as unknown objects do.
"""

from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.acesso import baldes
from seimg.assinatura.autenticidade import endereco_cliente
from seimg.pesquisa.formulario import data_br
from seimg.pesquisa.formulario import FormularioPesquisa
from seimg.transparencia import api as transparencia
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
import datetime
import logging


logger = logging.getLogger(__name__)

#: What an órgão's logo may be served as (no SVG: it may carry scripts).
_TIPOS_LOGO = frozenset({"image/png", "image/jpeg"})

#: How many path segments the portal reads at most.
MAX_PARTES = 5


class LimiteExcedido(Exception):
    def __init__(self, espera: float):
        super().__init__(espera)
        self.espera = espera


@implementer(IPublishTraverse)
class TransparenciaView(FormularioPesquisa):
    """``/transparencia/…``: see the module's docstring."""

    nome_pagina = "transparencia/pesquisa"
    orgao = None  # the órgão of a per-órgão page
    preparando = False  # the 503 page: a PDF being made, not a rate limit

    home = ViewPageTemplateFile("templates/home.pt")
    pagina_pesquisa = ViewPageTemplateFile("templates/pesquisa.pt")
    pagina_orgao = ViewPageTemplateFile("templates/orgao.pt")
    pagina_lai = ViewPageTemplateFile("templates/lai.pt")
    pagina_processo = ViewPageTemplateFile("templates/processo.pt")
    pagina_documento = ViewPageTemplateFile("templates/documento.pt")
    pagina_restrito = ViewPageTemplateFile("templates/restrito.pt")
    pagina_dados = ViewPageTemplateFile("templates/dados.pt")
    pagina_limite = ViewPageTemplateFile("templates/limite.pt")
    pagina_dicionario = ViewPageTemplateFile("templates/dicionario.pt")
    modelos = ViewPageTemplateFile("templates/macros.pt")

    def __init__(self, context, request):
        super().__init__(context, request)
        self.partes = []
        self.ficha = None
        self.mensagem_erro = ""

    def publishTraverse(self, request, name):
        if len(self.partes) >= MAX_PARTES:
            raise NotFound(name)
        self.partes.append(name)
        return self

    # -- dispatch -------------------------------------------------------------
    def __call__(self):
        partes = list(self.partes)
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        self.request.response.setHeader("Content-Language", "pt-BR")
        try:
            return self._rota(partes)
        except LimiteExcedido as exc:
            return self._limite(exc.espera)
        except transparencia.NaoEncontrado:
            raise NotFound("/".join(partes)) from None

    def _rota(self, partes):
        if not partes:
            self._consumir(baldes.PAGINA)
            return self.home()
        primeiro, resto = partes[0], partes[1:]
        if primeiro in ("pesquisa", "pesquisa.csv", "pesquisa.json") and not resto:
            return self._pesquisa(primeiro)
        if primeiro == "orgao" and resto:
            self.orgao = transparencia.orgao(resto[0])
            return self._orgao(resto[1:])
        if primeiro == "processo" and len(resto) in (1, 2):
            processo = transparencia.processo_por_numero(resto[0])
            if len(resto) == 2 and resto[1] in ("documentos.csv", "documentos.json"):
                return self._exportar_documentos(processo, resto[1])
            if len(resto) == 2:
                return self._pdf_processo(processo, resto[1])
            self._consumir(baldes.PAGINA)
            self.ficha = transparencia.ficha_processo(processo)
            return self.pagina_processo()
        if primeiro == "documento" and len(resto) in (1, 2):
            documento = transparencia.documento_por_numero(resto[0])
            if len(resto) == 2:
                return self._arquivo_documento(documento, resto[1])
            self._consumir(baldes.PAGINA)
            self.ficha = transparencia.ficha_documento(documento)
            return self.pagina_documento()
        if primeiro == "dicionario-de-dados" and not resto:
            self._consumir(baldes.PAGINA)
            return self.pagina_dicionario()
        if primeiro == "acesso-restrito" and not resto:
            self._consumir(baldes.PAGINA)
            return self.pagina_restrito()
        raise transparencia.NaoEncontrado("/".join(partes))

    def _orgao(self, resto):
        if not resto:
            self._consumir(baldes.PAGINA)
            self.nome_pagina = f"transparencia/orgao/{self.orgao.getId()}/pesquisa"
            self.preparar()
            return self.pagina_orgao()
        if (
            resto[0] in ("pesquisa", "pesquisa.csv", "pesquisa.json")
            and len(resto) == 1
        ):
            self.nome_pagina = f"transparencia/orgao/{self.orgao.getId()}/pesquisa"
            return self._pesquisa(resto[0])
        if resto == ["lai"]:
            self._consumir(baldes.PAGINA)
            return self.pagina_lai()
        if resto == ["logo"]:
            self._consumir(baldes.PAGINA)
            return self._logo()
        if resto[0] == "dados-abertos" and len(resto) <= 2:
            return self._dados_abertos(resto[1:])
        raise transparencia.NaoEncontrado("/".join(resto))

    # -- rate limits --------------------------------------------------------
    def _consumir(self, classe: str) -> None:
        espera = baldes.consumir(classe, endereco_cliente(self.request))
        if espera > 0:
            raise LimiteExcedido(espera)

    def _limite(self, espera: float):
        response = self.request.response
        response.setStatus(429)
        response.setHeader("Retry-After", baldes.retry_after(espera))
        response.setHeader("Cache-Control", "no-store")
        self.espera = baldes.retry_after(espera)
        self.preparando = False
        logger.info("Public portal rate limit for %s", endereco_cliente(self.request))
        return self.pagina_limite()

    # -- search -------------------------------------------------------------
    def ler(self, form):
        return transparencia.ler_criterios(form, self.orgao)

    def executar(self, criterios):
        return transparencia.pesquisar(criterios)

    @property
    def pesquisou(self) -> bool:
        return self.criterios is not None

    def _pesquisa(self, nome: str):
        formato = nome.rpartition(".")[2] if "." in nome else ""
        self._consumir(baldes.EXPORTACAO if formato else baldes.PAGINA)
        if not self.preparar():
            if formato:
                return self._erro_dados()
            self.request.response.setStatus(400)
            return self.pagina_pesquisa()
        if formato:
            return self._exportar(formato)
        destino = self._abrir_direto()
        if destino is not None:
            self.request.response.redirect(self.url_objeto(destino))
            return ""
        self.resultado = self.executar(self.criterios)
        if self.resultado.aviso == "indice":
            # incomplete while the index is rebuilt: no proxy may keep it
            self.request.response.setHeader("Cache-Control", "no-store")
        return self.pagina_pesquisa()

    def _abrir_direto(self):
        c = self.criterios
        if not c.q or c.filtros or c.b_start:
            return None
        try:
            return transparencia.processo_por_numero(c.q)
        except transparencia.NaoEncontrado:
            pass
        try:
            return transparencia.documento_por_numero(c.q)
        except transparencia.NaoEncontrado:
            return None

    def _erro_dados(self):
        response = self.request.response
        response.setStatus(400)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        textos = [f"{campo}: {self._t(m)}" for campo, m in self.problemas] or [
            self._t(_("transparencia_erro", default="Invalid request."))
        ]
        return "\n".join(textos) + "\n"

    def _exportar(self, formato: str):
        from seimg.transparencia.dados import exportar
        from seimg.transparencia.dados import snapshots

        resultado = transparencia.todas(self.criterios)
        if resultado.aviso == "indice":
            # An empty file would say "nothing public": say why instead.
            response = self.request.response
            response.setStatus(503)
            response.setHeader("Retry-After", "300")
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return self.aviso_indice() + "\n"
        dia = snapshots.hoje().isoformat()
        nome = f"processos-{self.orgao.getId() if self.orgao else 'seimg'}-{dia}"
        return exportar.responder(
            self.request,
            exportar.linhas_processos(resultado),
            formato,
            nome,
            criterios=self.criterios.como_form(),
            total=resultado.total,
        )

    def _exportar_documentos(self, processo, nome: str):
        """A process's document list as open data (its page's table)."""
        from seimg.transparencia.dados import colunas
        from seimg.transparencia.dados import exportar

        self._consumir(baldes.EXPORTACAO)
        ficha = transparencia.ficha_processo(processo)  # NaoEncontrado: 404
        nup = transparencia.nup_na_url(ficha.nup)
        return exportar.responder(
            self.request,
            exportar.linhas_documentos(processo),
            nome.rpartition(".")[2],
            f"documentos-{nup}",
            colunas=colunas.DOCUMENTOS,
            chave="documentos",
            criterios={"processo": ficha.nup},
        )

    # -- PDFs and files -----------------------------------------------------
    def _pdf_processo(self, processo, nome: str):
        from plone.app.uuid.utils import uuidToObject
        from seimg.transparencia import pdfs

        if nome != "pdf":
            raise transparencia.NaoEncontrado(nome)
        self._consumir(baldes.PDF)
        ficha = transparencia.ficha_processo(processo)
        documentos = [
            uuidToObject(linha.uid, unrestricted=True)
            for linha in ficha.documentos
            if linha.legivel
        ]
        try:
            partes = pdfs.pdf_processo(processo, [d for d in documentos if d])
        except pdfs.PdfEmPreparacao as exc:
            return self._em_preparacao(exc)
        except pdfs.SemPdf:
            raise transparencia.NaoEncontrado(nome) from None
        nup = transparencia.nup_na_url(ficha.nup)
        return self._enviar_pdf(partes, f"processo-{nup}-publico.pdf")

    def _arquivo_documento(self, documento, nome: str):
        from plone.namedfile.utils import stream_data
        from seimg.transparencia import pdfs

        if nome != "pdf":
            raise transparencia.NaoEncontrado(nome)
        self._consumir(baldes.PDF)
        ficha = transparencia.ficha_documento(documento)
        if not ficha.linha.legivel:
            raise transparencia.NaoEncontrado(nome)
        try:
            arquivo = pdfs.arquivo_documento(documento)
        except pdfs.PdfEmPreparacao as exc:
            return self._em_preparacao(exc)
        except pdfs.SemPdf:
            raise transparencia.NaoEncontrado(nome) from None
        response = self.request.response
        self._cabecalhos_pdf(pdfs.nome_arquivo(documento))
        response.setHeader("Content-Length", str(arquivo.getSize()))
        return stream_data(arquivo)

    def _cabecalhos_pdf(self, nome_arquivo: str) -> None:
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{nome_arquivo}"'
        )
        response.setHeader("X-Content-Type-Options", "nosniff")

    def _enviar_pdf(self, partes, nome_arquivo: str):
        """Stream ``partes`` (bytes) as the response body."""
        self._cabecalhos_pdf(nome_arquivo)
        response = self.request.response
        for parte in partes:
            response.write(parte)
        return ""

    def _em_preparacao(self, exc):
        response = self.request.response
        response.setStatus(503)
        response.setHeader("Retry-After", str(exc.retry_after))
        response.setHeader("Cache-Control", "no-store")
        self.espera = str(exc.retry_after)
        self.preparando = True
        return self.pagina_limite()

    def _dados_abertos(self, resto):
        from seimg.transparencia.dados import snapshots

        if not resto:
            self._consumir(baldes.PAGINA)
            self.arquivos = snapshots.listar(self.orgao.getId())
            return self.pagina_dados()
        self._consumir(baldes.EXPORTACAO)
        try:
            caminho = snapshots.abrir(self.orgao.getId(), resto[0])
        except (ValueError, FileNotFoundError):
            raise transparencia.NaoEncontrado(resto[0]) from None
        return snapshots.responder(self.request, caminho)

    # -- helpers for the templates ------------------------------------------
    def _t(self, mensagem) -> str:
        return translate(mensagem, context=self.request)

    def portal_url(self) -> str:
        return api.portal.get().absolute_url()

    def url_portal(self, *partes) -> str:
        return "/".join([self.portal_url(), "transparencia", *partes])

    def url_objeto(self, obj) -> str:
        from seimg.interfaces import IProcesso

        if IProcesso.providedBy(obj):
            return self.url_portal("processo", transparencia.nup_na_url(obj.numero))
        return self.url_portal("documento", obj.numero_sei or "")

    def url(self, **mudancas) -> str:
        """This search's URL with ``mudancas``, the órgão as the visitor
        chose it (its id, as the form's select) and never the UIDs the search
        runs on: those would leave the select blank on the next page (a
        resubmitted form then dropped the órgão), and with an órgão's portal
        off every link would list all the others for ever."""
        if "orgao" not in mudancas:
            mudancas["orgao"] = self._orgaos_escolhidos() or None
        return super().url(**mudancas)

    def _orgaos_escolhidos(self) -> list[str]:
        """Ids of the órgãos the visitor chose (none on an órgão's page,
        whose path names it)."""
        if self.orgao is not None:
            return []
        ids = []
        for valor in self.valores("orgao"):
            try:
                ident = transparencia.orgao(valor).getId()
            except transparencia.NaoEncontrado:
                continue
            if ident not in ids:
                ids.append(ident)
        return ids

    def url_orgao(self, orgao, *partes) -> str:
        return self.url_portal("orgao", orgao.getId(), *partes)

    def orgaos(self) -> list:
        return transparencia.orgaos()

    def url_logo(self, orgao) -> str | None:
        """The órgão's logo under the portal: the Órgão itself is staff-only
        (its @@images answered visitors 401, a broken image)."""
        if getattr(orgao, "logo", None) is None:
            return None
        return self.url_orgao(orgao, "logo")

    def _logo(self):
        """``/transparencia/orgao/<id>/logo``: the órgão's logo (a PNG or
        JPEG of at most 512 KB: seimg.tema.logo)."""
        from plone.namedfile.utils import stream_data

        logo = getattr(self.orgao, "logo", None)
        tipo = getattr(logo, "contentType", None)
        if logo is None or not logo.getSize() or tipo not in _TIPOS_LOGO:
            raise transparencia.NaoEncontrado("logo")
        response = self.request.response
        response.setHeader("Content-Type", tipo)
        response.setHeader("Content-Length", str(logo.getSize()))
        response.setHeader("X-Content-Type-Options", "nosniff")
        return stream_data(logo)

    def paragrafos(self, texto) -> list[str]:
        """Plain text as paragraphs (blank lines split them)."""
        return [p.strip() for p in (texto or "").split("\n\n") if p.strip()]

    def data(self, iso: str) -> str:
        return data_br(iso)

    def momento(self, iso: str) -> str:
        try:
            valor = datetime.datetime.fromisoformat(iso)
        except (TypeError, ValueError):
            return iso or ""
        return valor.strftime("%d/%m/%Y %H:%M")

    def url_autenticidade(self) -> str:
        return transparencia.url_autenticidade(self.ficha)

    def url_documentos(self, formato: str) -> str:
        nup = transparencia.nup_na_url(self.ficha.nup)
        return self.url_portal("processo", nup, f"documentos.{formato}")

    def url_processo_pdf(self) -> str:
        return self.url_portal(
            "processo", transparencia.nup_na_url(self.ficha.nup), "pdf"
        )

    def dicionario(self) -> list[dict]:
        """The open data's columns (one home: :mod:`..dados.colunas`)."""
        from seimg.transparencia.dados import colunas

        return [
            {
                "id": "processos",
                "titulo": self._t(
                    _("transparencia_dicionario_processos", default="Processes")
                ),
                "colunas": colunas.PROCESSOS,
            },
            {
                "id": "documentos",
                "titulo": self._t(
                    _("transparencia_dicionario_documentos", default="Documents")
                ),
                "colunas": colunas.DOCUMENTOS,
            },
        ]

    def legiveis(self) -> list:
        return [d for d in self.ficha.documentos if d.legivel]

    def url_csv(self) -> str:
        return self._url_formato("csv")

    def url_json(self) -> str:
        return self._url_formato("json")

    def _url_formato(self, formato: str) -> str:
        base, _sep, consulta = self.url().partition("?")
        return f"{base}.{formato}" + (f"?{consulta}" if consulta else "")

    def tipos_documento(self) -> list[dict]:
        return self._vocabulario("seimg.TiposDocumento", "tipo_documento")

    def assuntos(self) -> list[dict]:
        return self._vocabulario("seimg.Assuntos", "assunto")

    def _unidades(self) -> list[tuple[str, str]]:
        if not hasattr(self, "_lista_unidades"):
            orgaos = [self.orgao] if self.orgao is not None else self.orgaos()
            unidades = [
                (u.UID(), u.sigla_completa())
                for orgao in orgaos
                for u in orgao.unidades()
                if getattr(u, "ativa", True)
            ]
            self._lista_unidades = sorted(unidades, key=lambda u: u[1])
        return self._lista_unidades

    def opcoes_orgao(self) -> list[dict]:
        escolhidos = set(self._orgaos_escolhidos())
        return [
            {
                "valor": o.getId(),
                "titulo": o.nome or o.title,
                "selecionado": o.getId() in escolhidos,
            }
            for o in self.orgaos()
        ]

    def aviso_indice(self) -> str:
        return self._t(
            _(
                "transparencia_indice",
                default="The search index is being rebuilt: results may be "
                "incomplete. Please try again in a few minutes.",
            )
        )

    def aviso(self) -> str:
        if self.resultado is None:
            return ""
        if self.resultado.aviso == "indice":
            return self.aviso_indice()
        if self.resultado.ampla:
            return self._t(
                _(
                    "transparencia_ampla",
                    default="Too many matches: the results come from the first "
                    "5,000. Add words or filters to narrow the search.",
                )
            )
        return ""

    @property
    def atalhos(self) -> list[tuple[str, str]]:
        atalhos = [
            (
                "seimg-portal-busca",
                _("transparencia_atalho_busca", default="Go to the search"),
            )
        ]
        if self.resultado is not None:
            atalhos.append(
                (
                    "seimg-pesquisa-resultados",
                    _("pesquisa_atalho_resultados", default="Go to the results"),
                )
            )
        if self.ficha is not None and hasattr(self.ficha, "documentos"):
            atalhos.append(
                (
                    "seimg-portal-documentos",
                    _("transparencia_atalho_documentos", default="Go to the documents"),
                )
            )
        return [(id_, self._t(rotulo)) for id_, rotulo in atalhos]

    def itens(self) -> list[dict]:
        result = []
        for item in self.resultado.itens:
            result.append(
                {
                    "item": item,
                    "url": self.url_portal(
                        "processo", transparencia.nup_na_url(item.nup)
                    ),
                    "data": data_br(item.data),
                    "documentos": [
                        {
                            "doc": doc,
                            "titulo": transparencia.texto_publico(doc.titulo),
                            "data": data_br(doc.data),
                            "url": self.url_portal("documento", doc.numero_sei),
                        }
                        for doc in item.documentos
                    ],
                }
            )
        return result
