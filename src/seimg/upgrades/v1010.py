"""1009 → 1010: text stored before the input reader is repaired.

Before seimg's reader (issue 13) REST bodies were stored as sent: NUL and
other control characters, and lone surrogates (``\\ud800``), which made
every process-PDF job of such a process fail. Every text field of seimg's
content (schema and behaviors: TextLine, Text, RichText, lists of them) is
passed through :func:`seimg.base.reader.repair_text` — lone surrogates
become U+FFFD, control characters are dropped (newline and tab kept in
multi-line texts) — and written, and reindexed, only where it changed.

Andamentos are records of what happened and are left as written.
"""

from Acquisition import aq_base
from plone import api
from plone.dexterity.utils import iterSchemata
from seimg.base import reader
from zope.schema import getFieldsInOrder
from zope.schema import interfaces as zi
import logging
import transaction


logger = logging.getLogger("seimg.upgrades")
LOTE = 200
TIPOS = (
    "Processo",
    "Documento",
    "DocumentoExterno",
    "Orgao",
    "Unidade",
    "Contato",
    "Assunto",
    "TipoProcesso",
    "TipoDocumento",
    "HipoteseLegal",
    "TipoConferencia",
    "PastaTabela",
)


def reparar(campo, valor):
    """``valor`` of ``campo`` repaired (the same object when nothing changed)."""
    from plone.app.textfield.interfaces import IRichText
    from plone.app.textfield.value import RichTextValue

    if isinstance(valor, str):
        multilinha = zi.IText.providedBy(campo) and not zi.ITextLine.providedBy(campo)
        novo = reader.repair_text(valor, multiline=multilinha)
        return novo if novo != valor else valor
    if IRichText.providedBy(campo) and isinstance(valor, RichTextValue):
        bruto = valor.raw or ""
        novo = reader.repair_text(bruto, multiline=True)
        if novo == bruto:
            return valor
        return RichTextValue(novo, valor.mimeType, valor.outputMimeType, valor.encoding)
    if isinstance(valor, (list, tuple)) and zi.ICollection.providedBy(campo):
        itens = [reparar(campo.value_type, item) for item in valor]
        if all(a is b for a, b in zip(itens, valor, strict=True)):
            return valor
        return type(valor)(itens)
    return valor


def reparar_objeto(obj) -> list[str]:
    """Repair ``obj``'s text fields; the names of those that changed."""
    base = aq_base(obj)
    mudados = []
    for schema in iterSchemata(obj):
        for nome, campo in getFieldsInOrder(schema):
            valor = getattr(base, nome, None)
            novo = reparar(campo, valor)
            if novo is not valor:
                setattr(obj, nome, novo)
                mudados.append(nome)
    return mudados


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    vistos = reparados = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=TIPOS):
        obj = brain._unrestrictedGetObject()
        vistos += 1
        mudados = reparar_objeto(obj)
        if mudados:
            reparados += 1
            obj.reindexObject()
            logger.info("1010: %s: repaired %s", brain.getPath(), ", ".join(mudados))
        if vistos % LOTE == 0:
            transaction.savepoint(optimistic=True)
    logger.info("1010: %d objects read, %d repaired", vistos, reparados)
