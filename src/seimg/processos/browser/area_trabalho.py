"""The process workspace: the tree on the left, the selection on the right.

As in SEI, a process is worked on from one page: the process tree (the
process node, its documents in order, related and attached processes), the
process actions as a bar of icons with labels, and the selected item beside
the tree. Each selection has its own URL — the process itself
(``<processo>``) or one of its documents (``<processo>/<documento>``) — so
back/forward and shared links work, and every link works without
JavaScript. ``seimg.js`` only swaps the right pane in place (and renders
PDFs with pdf.js); without it the page reloads.

The document's content is never inlined in the page: internal documents
are shown from ``@@conteudo`` (sanitised HTML, or the frozen rendering once
signed) inside a sandboxed iframe under a restrictive Content-Security-Policy;
external files through ``@@arquivo``.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from seimg import _
from seimg.base.icones import icone
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import niveis
from seimg.organizacao.atual import unidade_atual
from seimg.processos import rotulos
from seimg.processos import tramite
from zExceptions import Forbidden
from zope.i18n import translate


#: Permission to read a document's content (text or file).
CONTEUDO = "seimg: Acessar conteudo do documento"

#: Icons of the tree by document state (Bootstrap icons shipped by Plone).
ICONES_ESTADO = {
    "minuta": "pencil",
    "assinado": "patch-check",
    "externo": "paperclip",
    "cancelado": "x-octagon",
}


def _unidade(request):
    try:
        return unidade_atual(request)
    except Forbidden:
        return None


def titulo_com_numero(documento) -> str:
    """``Despacho (0001234)``: the título and, beside it, the número SEI."""
    titulo = documento.Title() or ""
    numero = getattr(documento, "numero_sei", None)
    if numero and numero not in titulo:
        return f"{titulo} ({numero})"
    return titulo


class AreaTrabalho(BrowserView):
    """What the process page and a document's page share.

    ``selecionado`` is the document shown on the right, or None for the
    process itself.
    """

    selecionado = None
    painel_processo = ViewPageTemplateFile("templates/painel_processo.pt")
    painel_documento = ViewPageTemplateFile("templates/painel_documento.pt")

    def __call__(self):
        # The tree is the navigation here: no portlet columns beside it.
        self.request.set("disable_plone.leftcolumn", 1)
        self.request.set("disable_plone.rightcolumn", 1)
        self.unidade = _unidade(self.request)
        # "Novo" is what arrived since this unit last looked: read before the
        # page's routing view records this visit (tramitacao marks it seen).
        abertura = (
            tramite.abertura(self.processo, self.unidade)
            if self.unidade is not None
            else None
        )
        self._aberto_aqui = abertura is not None
        self._visto_antes = getattr(abertura, "visto_em", None)
        if self.request.get("parcial") == "painel":
            # seimg.js swaps the right pane in place: only that part, as is
            # (no page around it, none of Plone's transforms). Read-only.
            self.request.environ["plone.transformchain.disable"] = True
            self.request.response.setHeader("Cache-Control", "no-store")
            self.request.response.setHeader("Content-Type", "text/html; charset=utf-8")
            return self.painel()
        return self.index()

    def botoes_tramitacao(self) -> str:
        """The routing buttons. Only the process's own page receives it in
        the acting unit (marks it seen); a document's page never writes."""
        nome = (
            "seimg-acoes-tramitacao"
            if self.selecionado is None
            else "seimg-botoes-tramitacao"
        )
        return api.content.get_view(nome, self.processo, self.request)()

    @property
    def processo(self):
        context = aq_inner(self.context)
        if IProcesso.providedBy(context):
            return context
        return aq_parent(context)

    def painel(self) -> str:
        if self.selecionado is None:
            return self.painel_processo()
        return self.painel_documento()

    def icone(self, nome: str) -> str:
        return icone(nome, self.request)

    def _t(self, message) -> str:
        return translate(message, context=self.request)

    # The header and the bar ------------------------------------------------

    def nivel_processo(self) -> dict:
        from seimg.divulgacao import api as divulgacao

        return rotulos.nivel(divulgacao.nivel_exibido(self.processo), self.request)

    def especificacao(self) -> str:
        """As the viewer may see it (CPFs masked for anonymous visitors)."""
        from seimg.divulgacao import api as divulgacao

        return divulgacao.especificacao(self.processo) or ""

    def _pode_no_processo(self, permission: str) -> bool:
        return api.user.has_permission(permission, obj=self.processo)

    def pode_incluir_documento(self) -> bool:
        return self._pode_no_processo("seimg: Add Documento")

    def pode_incluir_externo(self) -> bool:
        return self._pode_no_processo("seimg: Add DocumentoExterno")

    def sigiloso(self) -> bool:
        return getattr(self.processo, "nivel_efetivo", None) == niveis.SIGILOSO

    def anonimo(self) -> bool:
        return api.user.is_anonymous()

    def atalhos(self) -> list[tuple[str, str]]:
        """Skip links of this page (rendered by seimg's skip-link viewlet)."""
        return [
            ("seimg-processo-acoes", self._t(_("atalho_acoes_processo",
                                               default="Process actions"))),
            ("seimg-arvore", self._t(_("atalho_arvore", default="Process tree"))),
            ("seimg-visualizador", self._t(_("atalho_visualizador",
                                             default="Selected item"))),
        ]  # fmt: skip

    # The tree --------------------------------------------------------------

    def _novo(self, documento) -> bool:
        """Arrived since this unit last looked, from another unit."""
        if not self._aberto_aqui or self.unidade is None:
            return False
        if getattr(documento, "unidade_geradora", None) == self.unidade.UID():
            return False
        if self._visto_antes is None:
            return True
        criado = documento.created()
        criado = criado.asdatetime() if hasattr(criado, "asdatetime") else criado
        try:
            return criado > self._visto_antes
        except TypeError:
            return False

    def arvore(self) -> list[dict]:
        """The documents the viewer may see, in order, as the table says.

        Restricted ones whose content the viewer may not read keep their row
        ("Acesso restrito — <hipótese>") and the número SEI.
        """
        from seimg.divulgacao import api as divulgacao
        from seimg.divulgacao import tabela

        processo = self.processo
        formas = {
            obj: divulgacao.forma_na_lista(obj)
            for obj in processo.objectValues()
            if IDocumentoBase.providedBy(obj)
            and api.user.has_permission("View", obj=obj)
        }
        docs = [obj for obj, forma in formas.items() if forma != tabela.NADA]
        docs.sort(key=lambda obj: (obj.created(), obj.numero_sei or ""))
        selecionado = self.selecionado
        itens = []
        for obj in docs:
            ve = formas[obj] == tabela.VE
            estado = rotulos.estado(obj, self.request)
            nivel = getattr(obj, "nivel_acesso", None)
            numero = obj.numero_sei or ""
            if ve:
                titulo = titulo_com_numero(obj)
            elif estado["id"] == "cancelado":
                # lst: the row and "cancelado em <data>" (the mark says it).
                titulo = titulo_com_numero(obj)
            else:
                # lst: type, number and número SEI, and why it is restricted.
                restrito = divulgacao.rotulo_restrito(obj)
                titulo = f"{titulo_com_numero(obj)} — {restrito}"
            itens.append(
                {
                    "url": obj.absolute_url(),
                    "id": obj.getId(),
                    "numero_sei": numero,
                    "titulo": titulo,
                    "tipo": rotulos.titulo_tabela(getattr(obj, "tipo_documento", None)),
                    "estado": estado,
                    "icone": self.icone(
                        ICONES_ESTADO.get(estado["id"], "file-earmark")
                    ),
                    "nivel": rotulos.nivel(nivel, self.request),
                    "restrito": nivel in ("restrito", "sigiloso"),
                    "hipotese": rotulos.titulo_tabela(
                        getattr(obj, "hipotese_legal", None)
                    )
                    if nivel in ("restrito", "sigiloso")
                    else "",
                    "novo": self._novo(obj),
                    "cancelado_em": rotulos.data_hora(
                        getattr(obj, "data_cancelamento", None)
                    )
                    if estado["id"] == "cancelado"
                    else "",
                    "selecionado": selecionado is not None
                    and obj.getId() == selecionado.getId(),
                    "unidade": self._sigla(getattr(obj, "unidade_geradora", None)),
                }
            )
        return itens

    def _sigla(self, uid) -> str:
        from seimg.tabelas import obter

        unidade = obter(uid)
        return unidade.sigla_completa() if unidade is not None else ""
