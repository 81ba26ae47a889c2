"""Keeping seimg's search index (issue 18): where it lives, what updates it.

The engine (:class:`seimg.pesquisa.motor.MotorZODB`) is kept on the site
(attribute :data:`ATRIBUTO`), created by the profile and upgrade step 1019.
It follows the catalog: :class:`Processador` is an index-queue processor
(``Products.CMFCore.interfaces.IIndexQueueProcessor``), so every time a
process or a document is catalogued, re-catalogued or removed — by whatever
code, at the end of the same transaction — its entries are rebuilt
(:func:`indexar`). No subscriber per feature: whatever changes what the
catalog knows of an object changes what the search knows of it.

A re-index that changes nothing writes nothing (the engine compares the
entries), and a document whose text did not change keeps its analysed words
(the source's fingerprint), so a re-catalogue for a workflow change only
refreshes who may read the entries. When a process's table level changes,
its documents' entries are refreshed too (their readers depend on it).

:func:`reconstruir` rebuilds everything in batches (a commit every ``lote``
processes, resumable, progress logged): ``make pesquisa-reconstruir`` and
upgrade step 1019.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from Products.CMFCore.interfaces import IIndexQueueProcessor
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.pesquisa import entradas
from seimg.pesquisa.motor import MotorZODB
from zope.interface import implementer
import logging
import time
import transaction


logger = logging.getLogger("seimg.pesquisa")

ATRIBUTO = "_seimg_pesquisa"
PROGRESSO = "_seimg_pesquisa_progresso"


def motor(portal=None, criar: bool = False):
    """The site's engine (None when the site has none yet)."""
    if portal is None:
        try:
            portal = api.portal.get()
        except api.exc.CannotGetPortalError:
            return None
    atual = getattr(aq_base(portal), ATRIBUTO, None)
    if atual is None and criar:
        atual = MotorZODB()
        setattr(portal, ATRIBUTO, atual)
    return atual


def criar_vazio(portal) -> None:
    motor(portal, criar=True)


def _uid(obj) -> str | None:
    try:
        return obj.UID()
    except AttributeError:
        return None


def _indexar_documento(m, documento) -> None:
    uid = _uid(documento)
    if not uid:
        return
    anteriores = {r.chave: r for r in m.entradas_de(uid)}
    m.gravar(uid, entradas.entradas_documento(documento, anteriores))


def _nivel_gravado(m, uid: str) -> str | None:
    for registro in m.entradas_de(uid):
        if registro.chave == "existencia":
            return registro.dados.get("nivel")
    return None


def indexar(obj, documentos: bool | None = None) -> None:
    """(Re)index ``obj`` (a Processo or a document) in the site's engine.

    For a process, its documents are refreshed too when ``documentos`` is
    true, or (None) when the process's table level changed.
    """
    m = motor()
    if m is None:
        return
    if IDocumentoBase.providedBy(obj):
        processo = aq_parent(aq_inner(obj))
        if not IProcesso.providedBy(processo):
            return
        _indexar_documento(m, obj)
        # A document changing its process's level (contamination) has the
        # process re-catalogued (seimg.processos.nivel.atualizar): indexed
        # then, not with every document.
    elif IProcesso.providedBy(obj):
        _indexar_processo(m, obj, documentos)


def _indexar_processo(m, processo, documentos) -> None:
    uid = _uid(processo)
    if not uid:
        return
    novas = entradas.entradas_processo(processo)
    for entrada in novas:
        if entrada.chave == "existencia":
            from seimg.divulgacao import api as divulgacao

            entrada.dados = {**entrada.dados, "nivel": divulgacao.nivel(processo)}
            nivel_novo = entrada.dados["nivel"]
    if documentos is None:
        documentos = _nivel_gravado(m, uid) not in (None, nivel_novo)
    m.gravar(uid, novas)
    if documentos:
        for documento in processo.objectValues():
            if IDocumentoBase.providedBy(documento):
                _indexar_documento(m, documento)


def desindexar(obj) -> None:
    m = motor()
    uid = _uid(obj)
    if m is None or not uid:
        return
    m.remover(uid)
    if IProcesso.providedBy(obj):
        for documento in obj.objectValues():
            if IDocumentoBase.providedBy(documento):
                m.remover(_uid(documento))


def contato_modificado(contato, event) -> None:
    """An interessado's contato changed (its name, or whether it is a
    natural person or MEI): re-index the processes naming it, whose entries
    hold its name under the row its kind decides."""
    m = motor()
    uid = _uid(contato)
    if m is None or not uid:
        return
    portal = api.portal.get()
    processos = {}
    for ident in list(m.com_chave(entradas.CONTATO + uid)):
        registro = m.entrada(ident)
        if registro is None or registro.objeto != registro.processo:
            continue
        caminho, base = registro.alvo
        container = portal.unrestrictedTraverse(caminho, None)
        if container is not None:
            processos[registro.processo] = base.__of__(container)
    for processo in processos.values():
        indexar(processo)


@implementer(IIndexQueueProcessor)
class Processador:
    """Follows the catalog's index queue for processes and documents."""

    TIPOS = frozenset({"Processo", "Documento", "DocumentoExterno"})

    def _nosso(self, obj) -> bool:
        return getattr(obj, "portal_type", None) in self.TIPOS and (
            IProcesso.providedBy(obj) or IDocumentoBase.providedBy(obj)
        )

    def index(self, obj, attributes=None):
        if self._nosso(obj):
            indexar(obj)

    def reindex(self, obj, attributes=None, update_metadata=False):
        if self._nosso(obj):
            indexar(obj)

    def unindex(self, obj):
        if self._nosso(obj):
            desindexar(obj)

    def begin(self):
        pass

    def commit(self):
        pass

    def abort(self):
        pass


# --- rebuilding ------------------------------------------------------------
def _caminhos(portal) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    return sorted(
        b.getPath() for b in catalog.unrestrictedSearchResults(portal_type="Processo")
    )


def reconstruir(portal=None, lote: int = 200, commit: bool = True) -> int:
    """Index every process and its documents; a commit every ``lote``
    processes; resumes after the last committed batch. Returns how many
    processes were indexed in this run."""
    portal = portal if portal is not None else api.portal.get()
    m = motor(portal, criar=True)
    caminhos = _caminhos(portal)
    ultimo = getattr(aq_base(portal), PROGRESSO, None)
    if ultimo:
        pendentes = [c for c in caminhos if c > ultimo]
        logger.info("pesquisa: resuming after %s (%d left)", ultimo, len(pendentes))
    else:
        pendentes = caminhos
    inicio, feitos = time.perf_counter(), 0
    for n, caminho in enumerate(pendentes, 1):
        processo = portal.unrestrictedTraverse(caminho, None)
        if processo is not None:
            _indexar_processo(m, processo, documentos=True)
            feitos += 1
        if n % lote == 0 or n == len(pendentes):
            setattr(portal, PROGRESSO, caminho)
            if commit:
                transaction.commit()
            logger.info(
                "pesquisa: %d/%d processes indexed (%.1f s)",
                n,
                len(pendentes),
                time.perf_counter() - inicio,
            )
    if getattr(aq_base(portal), PROGRESSO, None) is not None:
        delattr(portal, PROGRESSO)
    if commit:
        transaction.commit()
    return feitos
