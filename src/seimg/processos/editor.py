"""TinyMCE and Plone's HTML filter keep the fill-in fields of templates.

:mod:`seimg.processos.campos` marks a field with
``<span class="seimg-campo" data-campo="…" title="…">``. ``class`` and
``title`` are among lxml's safe attributes (both the ``safe_html``
transform and TinyMCE's ``valid_elements`` start from them); ``data-campo``
is added to ``plone.custom_attributes``, which both read too. The editor
shows the fields highlighted through TinyMCE's ``content_style`` (merged
into ``plone.other_settings``, a JSON object other settings share).

Applied on install (``setuphandlers.post_install``) and by upgrade 1017;
idempotent, and it keeps whatever administrators set beside it.
"""

from plone.registry.interfaces import IRegistry
from seimg.processos.campos import ATRIBUTO
from seimg.processos.campos import CLASSE
from zope.component import getUtility
import json
import logging


logger = logging.getLogger(__name__)

ATRIBUTOS = "plone.custom_attributes"
OUTRAS = "plone.other_settings"

#: The fields as the editor shows them (the pages' CSS has the same rule).
ESTILO = (
    f".{CLASSE}{{background:#fff3bf;border-bottom:1px dashed #8a6d00;padding:0 .1em;}}"
)


def configurar_editor() -> None:
    registro = getUtility(IRegistry)
    atributos = list(registro.get(ATRIBUTOS) or [])
    if ATRIBUTO not in atributos:
        registro[ATRIBUTOS] = [*atributos, ATRIBUTO]
    bruto = registro.get(OUTRAS) or "{}"
    try:
        outras = json.loads(bruto)
    except ValueError:
        logger.warning("%s is not JSON; the editor keeps its settings", OUTRAS)
        return
    if not isinstance(outras, dict):
        return
    estilo = outras.get("content_style") or ""
    if ESTILO not in estilo:
        outras["content_style"] = f"{estilo} {ESTILO}".strip()
        registro[OUTRAS] = json.dumps(outras, ensure_ascii=False)
