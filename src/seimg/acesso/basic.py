"""HTTP Basic credentials refused by the limits never reach any user folder.

seimg's PAS plugin refuses a throttled attempt without checking the password,
but ZPublisher then offers the same Basic credentials to the user folders
above the site (the Zope root's, where ``admin`` lives), which know nothing of
the limits. When traversal reaches a seimg site (before any user folder is
asked: ZPublisher authenticates once traversal ends), this subscriber drops
Basic credentials whose (login, address) is refused right now, so the request
goes on as anonymous (and gets the usual login challenge). Nothing is counted
here: the plugin counts the attempts that reach it. Requests to other sites
of the same Zope never reach it.
"""

from seimg.acesso import api as acesso
import base64
import binascii
import logging


logger = logging.getLogger("seimg.acesso")


def _login_basic(request) -> str | None:
    auth = getattr(request, "_auth", None) or ""
    if not isinstance(auth, str) or auth[:6].lower() != "basic ":
        return None
    try:
        texto = base64.b64decode(auth[6:].strip()).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return None
    login, sep, _senha = texto.partition(":")
    return login if sep and login else None


def descartar_basic_recusado(site, event) -> None:
    """IBeforeTraverseEvent of a site: on seimg sites, drop Basic credentials
    of a refused (login, address)."""
    from plone.browserlayer.interfaces import ILocalBrowserLayerType

    request = event.request
    login = _login_basic(request)
    if login is None:
        return
    gerenciador = site.getSiteManager()
    if gerenciador.queryUtility(ILocalBrowserLayerType, name="seimg") is None:
        return
    recusa = acesso.verificar_no_pedido(request, login, acesso.endereco(request))
    if recusa is None:
        return
    request._auth = None
    request.environ.pop("HTTP_AUTHORIZATION", None)
    request.response.setHeader(
        "Retry-After", str(recusa.segundos(acesso.limites.agora()))
    )
    logger.info(
        "Acesso: credenciais HTTP Basic de %s descartadas (tentativas demais)",
        login,
    )
