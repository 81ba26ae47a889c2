"""1016 → 1017: Despacho and Informação numbered; fill-in fields in the models.

- The seed tipos **Despacho** and **Informação** had no numbering, so several
  documents of a process looked alike; they are now numbered per unit and
  year (``Despacho nº 1/2026/CMVS/SECRETARIA``). Only a tipo an administrator
  never edited changes: its title, applicability, numbering, description and
  model are still exactly the old seed's. Existing documents keep their
  numbers (or none): only documents created from now on are numbered.
- Every seed model whose text is still exactly the old seed's gets the new
  seed model, whose parts to write are fill-in fields
  (:mod:`seimg.processos.campos`) instead of bracketed text; an edited model
  is left as it is.
- TinyMCE and Plone's HTML filter keep the fields' markup and the editor
  highlights them (:func:`seimg.processos.editor.configurar_editor`).
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.processos.editor import configurar_editor
from seimg.tabelas import dados
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import hashlib
import logging


logger = logging.getLogger("seimg.upgrades")

#: SHA-256 of each seed model before 1017 (bracketed placeholders).
MODELOS_ANTIGOS = {
    "Ofício": "88b2992fbc36ab30e9f0c4b57c0678f61268a3c216da62d57d1fb4c3f96a86ad",
    "Memorando": "897ec34af0672e5a461b3db0e3fc2a15ddafe7ea6f8e748e3cb8a2aceea517b4",
    "Despacho": "32fd153b774eba121b347dc314a9c4873fdcf8b5c9168e2fc77b030f84277283",
    "Ata": "2605e7804f42b238ac7ce52c048b1098c58df411d253bfcb3a4b7d0958a5146f",
    "Comunicado": "3c8c8fd4f4e7ca9c8307370acba7453f7362032fbe6f25f688d15441dab120b4",
    "Parecer": "4e646feb646dc0db64404d25df4e476c47a01f4b4ad2395095a16488fa8a2234",
    "Nota Técnica": "a589b99882d3cf8724ab0d2270e6ec3624fb6dd28d431c0fc5bf521f39123168",
    "Portaria": "792120170e79185b973137a5074c99c8da8b666ecbd461d882fb3f662b93afbf",
    "Decreto": "38237d146c80e09734bf14e715bcb2118ffe6216efd6b9439e4569af2966f409",
    "Resolução": "8f9962732a86a518217c8de83b33857240dd2324de7df7381d0ca403d7030384",
    "Requerimento": "9c24c7d4b6b6a219737be8bdac3067650b98ec95f2f363244819929abc3c1ed0",
    "Termo de Referência": "6b89d60b0014273c7f934b6b827c048acf78197619ab328158c91b6bce1b927a",  # noqa: E501
    "Estudo Técnico Preliminar": "86f9e1cf20d875bf407b740728729a9d990f276e4e9759f63503dd8f9e685838",  # noqa: E501
    "Contrato": "a8fd19ede6b67f184387c86fd2ba789b73b33fd96a49d08afa289d00d604890f",
    "Edital": "ac2561683d0f736b5780a2c1233cfea72d601336316eff5b398844cdd3f50fc8",
    "Projeto de Lei": "50ad8d1be978aeb625b1b52a30defb3bc57817e8869bfb76712f1a6a4787ef85",  # noqa: E501
    "Indicação": "b2ee5e2bb598f346b136053dad581a881bf0b03c5d932c28cd8561287786193e",
    "Moção": "b75241c3bedccd8b2c717fd4aeac9bc1541328581055770151f104f6a7cda9b7",
    "Relatório": "c42ca4cdd7af784083c7c74bd9e16facd5e2e111adb92dba8b1f25e9975afe03",
    "Informação": "6375dcf46677db032b0a8033c250e6067cdb1a7b6a71e6a1982699008bb36021",
    "Declaração": "08340f814ff5bdcabadf48040f6994570ebba0eaa0c3cc57363ef09990990148",
    "Termo de Encerramento": "eae92138c269947a1fc51f898ab4d6d5528169fae1a589f1d3d0d18ac903b081",  # noqa: E501
}

#: The seed tipos numbered from 1017, with their seed values before it.
NUMERADOS = {"Despacho", "Informação"}
ANTES = {"aplicabilidade": "interno", "numeracao": "nenhuma"}


def _hash(tipo) -> str | None:
    modelo = getattr(tipo, "modelo", None)
    raw = (modelo.raw if modelo is not None else "") or ""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest() if raw else None


def _intocado(tipo) -> bool:
    """Whether ``tipo`` still holds every value of the old seed."""
    return (
        _hash(tipo) == MODELOS_ANTIGOS.get(tipo.title)
        and all(getattr(tipo, campo, None) == valor for campo, valor in ANTES.items())
        and not (getattr(tipo, "description", "") or "").strip()
    )


def atualizar_tipos(pasta) -> list[str]:
    """Apply the new seed to the unedited seed tipos of ``pasta``; the
    titles of those that changed."""
    novos = {
        titulo: (numeracao, modelo)
        for titulo, _a, numeracao, modelo in dados.TIPOS_DOCUMENTO
    }
    mudados = []
    for tipo in pasta.objectValues():
        titulo = tipo.title
        if titulo not in MODELOS_ANTIGOS or titulo not in novos:
            continue
        numeracao, modelo = novos[titulo]
        mudou = False
        if titulo in NUMERADOS and _intocado(tipo):
            tipo.numeracao = numeracao
            mudou = True
        if _hash(tipo) == MODELOS_ANTIGOS[titulo]:
            tipo.modelo = RichTextValue(modelo, "text/html", "text/x-html-safe")
            mudou = True
        if mudou:
            notify(ObjectModifiedEvent(tipo))
            tipo.reindexObject()
            mudados.append(titulo)
    return mudados


def upgrade(context):
    configurar_editor()
    tabelas = api.portal.get().get("tabelas")
    pasta = tabelas.get("tipos-documento") if tabelas is not None else None
    if pasta is None:
        return
    mudados = atualizar_tipos(pasta)
    logger.info(
        "Tipos de documento from the new seed: %s", ", ".join(mudados) or "none"
    )
