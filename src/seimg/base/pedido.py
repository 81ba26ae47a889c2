"""Values kept for the rest of the current request (the request's ``other``).

For answers that are asked many times in one request and cannot change
unless the request itself changes them (a unit's sigla path, the acting
unit): the code that changes them calls :func:`esquecer`.
"""

from zope.globalrequest import getRequest


def memo(nome: str) -> dict:
    """The dict ``nome`` of the current request (a new, unkept one without a
    request: scripts and tests outside a request compute every time)."""
    request = getRequest()
    outros = getattr(request, "other", None)
    if outros is None:
        return {}
    guardado = outros.get(nome)
    if guardado is None:
        guardado = outros[nome] = {}
    return guardado


def esquecer(nome: str) -> None:
    """Drop the dict ``nome`` of the current request, if any."""
    outros = getattr(getRequest(), "other", None)
    if outros is not None:
        outros.pop(nome, None)
