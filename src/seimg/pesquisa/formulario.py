"""The search form's logic, shared by the staff page (``@@pesquisa``) and
the public portal's search (:mod:`seimg.transparencia`): reading the request
into criteria, field errors in Portuguese, stable URLs, facets' links,
pagination. Surfaces subclass :class:`FormularioPesquisa` and say where the
form posts (:meth:`FormularioPesquisa.url_base`), how criteria are read and
how the search runs; nothing here decides who sees what.
"""

from plone import api
from Products.Five.browser import BrowserView
from seimg import _
from seimg.base.erros import InvalidInput
from seimg.pesquisa import api as pesquisa
from urllib.parse import urlencode
from zope.i18n import translate
from zope.i18nmessageid import Message
import datetime
import re


#: Form fields, in the page's order: (name, label). Errors on other names
#: (unknown parameters, pagination) are listed above the form only.
CAMPOS = (
    ("q", _("pesquisa_campo_q", default="Words or numbers")),
    ("tipo_processo", _("pesquisa_campo_tipo_processo", default="Process type")),
    ("tipo_documento", _("pesquisa_campo_tipo_documento", default="Document type")),
    ("unidade", _("pesquisa_campo_unidade", default="Generating unit")),
    ("tramitacao", _("pesquisa_campo_tramitacao", default="Routed through unit")),
    (
        "interessado",
        _(
            "pesquisa_campo_interessado",
            default="Interested party, sender or addressee",
        ),
    ),
    ("de", _("pesquisa_campo_de", default="From")),
    ("ate", _("pesquisa_campo_ate", default="To")),
    ("nivel", _("pesquisa_campo_nivel", default="Access level")),
    ("ordem", _("pesquisa_campo_ordem", default="Sort by")),
)

ORDENS = (
    ("relevancia", _("pesquisa_ordem_relevancia", default="Relevance")),
    ("data", _("pesquisa_ordem_data", default="Newest first")),
    ("data_asc", _("pesquisa_ordem_data_asc", default="Oldest first")),
)

FACETAS = (
    ("tipo_processo", _("pesquisa_faceta_tipo_processo", default="Process type")),
    ("unidade", _("pesquisa_faceta_unidade", default="Generating unit")),
    ("ano", _("pesquisa_faceta_ano", default="Year")),
)

#: Fields with a help text: name → the help's id.
AJUDAS = {
    "q": "seimg-pesquisa-ajuda",
    "interessado": "seimg-pesquisa-interessado-ajuda",
}

#: The query language in brief: (example, what it does).
SINTAXE = (
    (
        "licitação merenda",
        _("pesquisa_ajuda_e", default="all the words (E), in any inflection"),
    ),
    ("licitação OU contrato", _("pesquisa_ajuda_ou", default="either word")),
    (
        "merenda NÃO transporte, merenda -transporte",
        _("pesquisa_ajuda_nao", default="without the word"),
    ),
    ('"merenda escolar"', _("pesquisa_ajuda_frase", default="the exact phrase")),
    (
        "licita*",
        _("pesquisa_ajuda_prefixo", default="words that begin so (3 letters or more)"),
    ),
    (
        "1320.01.0009530/2022-26, 9530/2022",
        _(
            "pesquisa_ajuda_numero",
            default="a NUP or a número SEI, in any format, opens it",
        ),
    ),
)

#: Parameters the page reads; others (old links, tracking) are ignored.
PARAMETROS = frozenset(pesquisa.ESQUEMA)


def _primeiro(valor) -> str:
    if isinstance(valor, (list, tuple)):
        valor = valor[0] if valor else ""
    return valor if isinstance(valor, str) else ""


def _lista(valor) -> list[str]:
    valores = valor if isinstance(valor, (list, tuple)) else [valor]
    return [v for v in valores if isinstance(v, str) and v]


def data_br(iso: str) -> str:
    """``2026-03-01`` → ``01/03/2026`` (what is not a date stays as is)."""
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return iso or ""


class FormularioPesquisa(BrowserView):
    """The form, its results and their facets (see the module's docstring)."""

    criterios = None
    resultado = None
    form: dict = {}
    erros: dict = {}
    erros_gerais: list = []
    #: ``(parameter, message)`` of the last bad input, as the API named them.
    problemas: list = []
    #: The page's name under the site root (``@@pesquisa``).
    nome_pagina = "@@pesquisa"

    def url_base(self) -> str:
        return f"{api.portal.get().absolute_url()}/{self.nome_pagina}"

    def ler(self, form) -> pesquisa.Criterios:
        return pesquisa.ler_criterios(form)

    def executar(self, criterios) -> pesquisa.Resultado:
        return pesquisa.pesquisar(criterios)

    def preparar(self) -> bool:
        """Read the request into :attr:`criterios` (False on bad input: the
        errors are then in :attr:`erros` and :attr:`erros_gerais`)."""
        self.erros, self.erros_gerais = {}, []
        self.form = self._form()
        try:
            self.criterios = self.ler(self.form)
        except InvalidInput as exc:
            self.problemas = list(exc.campos)
            self._anotar_erros(exc)
            return False
        return True

    # -- reading ------------------------------------------------------------

    def _form(self) -> dict:
        form = {k: v for k, v in self.request.form.items() if k in PARAMETROS}
        # Plone's own search box and old links say SearchableText.
        if "q" not in form and isinstance(self.request.form.get("SearchableText"), str):
            form["q"] = self.request.form["SearchableText"]
        return form

    def _anotar_erros(self, exc: InvalidInput) -> None:
        nomes = dict(CAMPOS)
        for campo, mensagem in exc.campos:
            texto = self._t(mensagem)
            if campo in nomes:
                self.erros.setdefault(campo, []).append(texto)
            else:
                self.erros_gerais.append(texto)

    def _abrir_direto(self):
        c = self.criterios
        if not c.q or c.filtros or c.b_start:
            return None
        return pesquisa.abrir_direto(c.q)

    @property
    def pesquisou(self) -> bool:
        c = self.criterios
        return c is not None and (not c.consulta.vazia or c.filtros)

    # -- helpers for the template -------------------------------------------

    def _t(self, mensagem) -> str:
        if isinstance(mensagem, Message):
            return translate(mensagem, context=self.request)
        return str(mensagem)

    def url(self, **mudancas) -> str:
        """This search's URL with ``mudancas`` (None removes a parameter)."""
        params = self.criterios.como_form() if self.criterios is not None else {}
        params.pop("b_start", None)
        params.update(mudancas)
        params = {k: v for k, v in params.items() if v not in (None, "", [], 0)}
        query = urlencode(params, doseq=True)
        return self.url_base() + (f"?{query}" if query else "")

    def acao(self) -> str:
        return self.url_base()

    def valor(self, nome: str) -> str:
        """What the person typed or chose in field ``nome`` (first value)."""
        return _primeiro(self.form.get(nome, ""))

    def valores(self, nome: str) -> list[str]:
        return _lista(self.form.get(nome, []))

    def campo(self, nome: str) -> dict:
        """The error state of field ``nome``: ``{erros, invalido, descrito}``."""
        erros = self.erros.get(nome, [])
        descrito = [f"seimg-pesquisa-{nome}-erro"] if erros else []
        if nome in AJUDAS:
            descrito.append(AJUDAS[nome])
        return {
            "erros": erros,
            "invalido": "true" if erros else None,
            "descrito": " ".join(descrito) or None,
        }

    def resumo_erros(self) -> list[dict]:
        """Every problem, in the page's order: ``{texto, campo or None}``."""
        rotulos = dict(CAMPOS)
        result = []
        for nome, _rotulo in CAMPOS:
            for erro in self.erros.get(nome, []):
                result.append(
                    {
                        "campo": f"seimg-pesquisa-{nome}",
                        "texto": f"{self._t(rotulos[nome])}: {erro}",
                    }
                )
        result += [{"campo": None, "texto": erro} for erro in self.erros_gerais]
        return result

    @property
    def atalhos(self) -> list[tuple[str, str]]:
        """Skip links (the theme's viewlet renders them)."""
        atalhos = [
            (
                "seimg-pesquisa-form",
                _("pesquisa_atalho_form", default="Go to the search form"),
            ),
        ]
        if self.resultado is not None:
            atalhos.append(
                (
                    "seimg-pesquisa-resultados",
                    _("pesquisa_atalho_resultados", default="Go to the results"),
                )
            )
            if self.tem_facetas():
                atalhos.append(
                    (
                        "seimg-pesquisa-facetas",
                        _(
                            "pesquisa_atalho_facetas",
                            default="Go to the filters by type, unit and year",
                        ),
                    )
                )
        return [(id_, self._t(rotulo)) for id_, rotulo in atalhos]

    # -- the form's choices -------------------------------------------------

    def ajuda(self) -> list[dict]:
        return [{"exemplo": ex, "texto": self._t(texto)} for ex, texto in SINTAXE]

    def _vocabulario(self, nome: str, campo: str) -> list[dict]:
        from zope.component import getUtility
        from zope.schema.interfaces import IVocabularyFactory

        vocabulario = getUtility(IVocabularyFactory, name=nome)(self.context)
        escolhidos = set(self.valores(campo))
        return [
            {"valor": t.value, "titulo": t.title, "selecionado": t.value in escolhidos}
            for t in vocabulario
        ]

    def tipos_processo(self) -> list[dict]:
        return self._vocabulario("seimg.TiposProcesso", "tipo_processo")

    def tipos_documento(self) -> list[dict]:
        return self._vocabulario("seimg.TiposDocumento", "tipo_documento")

    def _unidades(self) -> list[tuple[str, str]]:
        if not hasattr(self, "_lista_unidades"):
            from seimg.organizacao.estrutura import orgaos

            unidades = [
                (u.UID(), u.sigla_completa())
                for orgao in orgaos()
                for u in orgao.unidades()
                if getattr(u, "ativa", True)
            ]
            self._lista_unidades = sorted(unidades, key=lambda u: u[1])
        return self._lista_unidades

    def unidades(self, campo: str) -> list[dict]:
        escolhidos = set(self.valores(campo))
        return [
            {"valor": uid, "titulo": sigla, "selecionado": uid in escolhidos}
            for uid, sigla in self._unidades()
        ]

    def multiplo(self, campo: str) -> bool:
        """A list field with more than one value (chosen through the facets)
        is a multiple select, so the form keeps them all."""
        return len(self.valores(campo)) > 1

    def niveis(self) -> list[dict]:
        from seimg.processos import rotulos

        atual = self.valor("nivel")
        return [
            {
                "valor": valor,
                "titulo": self._t(rotulos.NIVEIS[valor][0]),
                "selecionado": valor == atual,
            }
            for valor in pesquisa.NIVEIS
        ]

    def ordens(self) -> list[dict]:
        atual = self.valor("ordem") or "relevancia"
        return [
            {
                "valor": valor,
                "titulo": self._t(titulo),
                "selecionado": valor == atual,
                "url": self.url(ordem=None if valor == "relevancia" else valor),
            }
            for valor, titulo in ORDENS
        ]

    # -- results ------------------------------------------------------------

    def total(self) -> str:
        return self._quantos(self.resultado.total)

    def _quantos(self, total: int) -> str:
        if total == 1:
            return self._t(_("pesquisa_total_um", default="1 process"))
        return self._t(
            _(
                "pesquisa_total",
                default="${total} processes",
                mapping={"total": f"{total:,}".replace(",", ".")},
            )
        )

    def itens(self) -> list[dict]:
        from seimg.processos import rotulos

        result = []
        for item in self.resultado.itens:
            documentos = []
            for doc in item.documentos:
                estado = None
                if doc.estado in ("minuta", "cancelado"):
                    mensagem, classe = rotulos.ESTADOS[doc.estado]
                    estado = {"titulo": self._t(mensagem), "classe": classe}
                documentos.append(
                    {"doc": doc, "data": data_br(doc.data), "estado": estado}
                )
            result.append(
                {
                    "item": item,
                    "data": data_br(item.data),
                    "nivel": rotulos.nivel(item.nivel, self.request),
                    "documentos": documentos,
                }
            )
        return result

    def tem_facetas(self) -> bool:
        return self.resultado is not None and any(
            self.resultado.facetas.get(nome) for nome, _t in FACETAS
        )

    def facetas(self) -> list[dict]:
        """Each facet group with its links: a link adds the value to the
        filter, or removes it when it is already there."""
        result = []
        for nome, titulo in FACETAS:
            valores = self.resultado.facetas.get(nome) or []
            if not valores:
                continue
            atuais = list(getattr(self.criterios, nome))
            links = []
            for faceta in valores:
                if faceta.selecionada:
                    novos = [v for v in atuais if v != faceta.valor]
                else:
                    novos = [*atuais, faceta.valor]
                links.append(
                    {
                        "faceta": faceta,
                        # unit paths break after a slash, not mid-word
                        "partes": re.findall(r"[^/]+/?|/", faceta.rotulo or ""),
                        "processos": self._quantos(faceta.quantidade),
                        "url": self.url(**{nome: novos or None}),
                        "atual": "true" if faceta.selecionada else None,
                    }
                )
            result.append({"id": nome, "titulo": self._t(titulo), "links": links})
        return result

    def paginacao(self) -> dict | None:
        c, total = self.criterios, self.resultado.total
        if total <= c.b_size and not c.b_start:
            return None
        inicio = c.b_start
        fim = min(inicio + c.b_size, total)

        def pagina(b_start):
            return self.url(b_start=b_start or None)

        return {
            "inicio": inicio + 1 if total else 0,
            "fim": fim,
            "total": total,
            "anterior": pagina(max(inicio - c.b_size, 0)) if inicio > 0 else None,
            "proxima": pagina(fim) if fim < total else None,
        }

    def url_csv(self) -> str:
        return self.url(formato="csv")

    def url_limpar(self) -> str:
        return self.acao()
