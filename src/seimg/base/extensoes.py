"""Table spans kept within reason before any renderer sees them.

Plone's safe HTML filter keeps any ``colspan``/``rowspan``, and the document
renderer (appy, for the sealed PDF and the generated copies) spends minutes
on a cell spanning 100,000 columns: a body like that ties up a worker. No
official document needs more than :data:`MAX_EXTENSAO`. Pure: no Zope.
"""

import re


#: Cells spanning more columns or rows than this are brought down to it.
MAX_EXTENSAO = 100

_EXTENSAO = re.compile(r"""(\s(?:col|row)span\s*=\s*["']?)\s*(\d+)""", re.IGNORECASE)


def limitar_extensoes(html: str) -> str:
    """``colspan``/``rowspan`` above :data:`MAX_EXTENSAO` brought down to it."""

    def limitar(achado):
        valor = int(achado.group(2))
        return f"{achado.group(1)}{min(valor, MAX_EXTENSAO)}"

    return _EXTENSAO.sub(limitar, html) if "span" in html else html
