"""Plone's own search surfaces on seimg sites: ordered by date, not relevance.

Relevance scores come from word statistics over the whole index, hidden
entries included: the order of visible results could tell that a hidden
document holds a word (an oracle). Until seimg's own search (Pesquisa)
replaces them, ``@search``, ``@querystring-search`` (and collections, through
``querybuilderresults``), ``@@search`` and the live search sort full-text
queries (``SearchableText``, ``Title``, ``Description``: every full-text
index) by modification date, newest first (``plone.sort_on`` is "Date"
in seimg's profile). An explicit ``sort_on`` other than relevance is kept.
"""

from plone.app.querystring.querybuilder import QueryBuilder
from plone.restapi.exceptions import QueryParsingError
from plone.restapi.services.search.get import SearchGet
from Products.CMFPlone import browser as plone_browser
from Products.CMFPlone.browser.search import AjaxSearch
from Products.CMFPlone.browser.search import Search
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.ZCTextIndex.ParseTree import ParseError
from seimg import _
from seimg.base import reader
from seimg.base.errors import InvalidInput
import os
import re


ORDEM = ("modified", "descending")
RELEVANCIA = (None, "", "relevance")
# The catalog's full-text (ZCTextIndex) indexes: each ranks by relevance.
TEXTUAIS = ("SearchableText", "Title", "Description")


def _textual(query) -> bool:
    return any(query.get(indice) for indice in TEXTUAIS)


def _por_data(query: dict) -> dict:
    if _textual(query) and query.get("sort_on") in RELEVANCIA:
        query = {**query, "sort_on": ORDEM[0], "sort_order": ORDEM[1]}
    return query


def _textos_validos(form) -> None:
    """Query texts as the reader wants them (no NUL, control characters or
    lone surrogates): the catalog's parser failed on them (500)."""
    problemas = []
    for nome, valor in form.items():
        for texto in valor if isinstance(valor, list) else [valor]:
            if isinstance(texto, str):
                try:
                    reader.clean_text(texto)
                except reader.FieldError as exc:
                    problemas.append((nome, exc.mensagem))
                    break
    if problemas:
        raise InvalidInput(problemas)


# plone.restapi's own search parameters (besides the catalog's indexes).
PARAMETROS = frozenset(
    {
        "b_start",
        "b_size",
        "sort_on",
        "sort_order",
        "sort_limit",
        "metadata_fields",
        "fullobjects",
        "use_site_search_settings",
        "expand",
    }
)


def _parametros_conhecidos(form, indices) -> None:
    """Unknown parameters are refused, each named: the catalog would ignore
    them (and answer a bare list), hiding a client's typo."""
    problemas = [
        (
            nome,
            _(
                "busca_parametro_desconhecido",
                default="Parâmetro desconhecido: use um índice do catálogo ou "
                "um parâmetro de paginação e ordenação.",
            ),
        )
        for nome in form
        if nome not in PARAMETROS and nome.split(".")[0] not in indices
    ]
    if problemas:
        raise InvalidInput(problemas)


def _inteiros_validos(form) -> None:
    """Paging numbers are whole numbers (plone.restapi failed on others)."""
    problemas = []
    for nome in ("b_start", "b_size", "sort_limit"):
        valor = form.get(nome)
        if valor is None:
            continue
        if not (isinstance(valor, str) and valor.isascii() and valor.isdigit()):
            problemas.append(
                (
                    nome,
                    _(
                        "busca_inteiro",
                        default="Informe um número inteiro, zero ou maior.",
                    ),
                )
            )
        elif len(valor) > 9:
            form[nome] = "999999999"
    if problemas:
        raise InvalidInput(problemas)


class BuscaGet(SearchGet):
    """``@search`` with full-text queries ordered by date."""

    def reply(self):
        from plone import api

        form = self.request.form
        _parametros_conhecidos(form, api.portal.get_tool("portal_catalog").indexes())
        _textos_validos(form)
        _inteiros_validos(form)
        if _textual(form) and form.get("sort_on") in RELEVANCIA:
            form["sort_on"], form["sort_order"] = ORDEM
        try:
            return super().reply()
        except QueryParsingError as exc:
            indice = re.search(r" at ([\w.-]+)>", str(exc))
            raise InvalidInput(
                [
                    (
                        indice.group(1) if indice else "consulta",
                        _(
                            "busca_parametro_invalido",
                            default="Valor inválido para este índice: confira o "
                            "formato (datas AAAA-MM-DD, números, listas) e os "
                            "subparâmetros (query, range, operator).",
                        ),
                    )
                ]
            ) from None
        except ParseError:
            raise InvalidInput(
                [
                    (
                        "SearchableText",
                        _(
                            "busca_consulta_invalida",
                            default="Consulta inválida: confira as palavras, aspas "
                            "e operadores.",
                        ),
                    )
                ]
            ) from None


class ConsultaPorData(QueryBuilder):
    """``querybuilderresults`` with full-text criteria ordered by date."""

    def _makequery(self, query=None, sort_on=None, sort_order=None, **kw):
        textual = any(
            isinstance(row, dict) and row.get("i") in TEXTUAIS for row in query or ()
        )
        if textual and sort_on in RELEVANCIA:
            sort_on, sort_order = ORDEM
        return super()._makequery(
            query=query, sort_on=sort_on, sort_order=sort_order, **kw
        )


class _SemRelevancia:
    """Plone's ``@@search``/``@@ajax-search``: "relevance" means date here."""

    def filter_query(self, query):
        query = super().filter_query(query)
        if query and query.get("sort_on") in RELEVANCIA:
            query["sort_on"], query["sort_order"] = ORDEM
        return query

    def sort_options(self):
        # No "relevance" option to offer: it would be date order anyway.
        return [
            opcao
            for opcao in super().sort_options()
            if getattr(opcao, "sortkey", None) not in RELEVANCIA
        ]


class BuscaClassica(_SemRelevancia, Search):
    """``@@search`` ordered by date (Plone's own template)."""

    index = ViewPageTemplateFile(
        os.path.join(os.path.dirname(plone_browser.__file__), "templates", "search.pt")
    )

    def __call__(self):
        return self.index()


class BuscaAjax(_SemRelevancia, AjaxSearch):
    """The live search ordered by date."""
