"""The acting unit ("unidade atual"): on whose behalf the current request acts.

Every later feature asks :func:`unidade_atual`. It is, in order:

1. the unit named by the ``X-Unidade`` request header (UID or full sigla
   path such as ``CMVS/SECRETARIA/PROTOCOLO``), which must be one the user
   holds a perfil in, else the request is refused with 403;
2. the unit the user chose last (member property ``unidade_atual``), set by
   the switcher in the UI or ``POST /@unidade-atual``;
3. the first of the user's units by sigla path.
"""

from contextlib import contextmanager
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.organizacao import perfis
from zope.globalrequest import getRequest
from zope.i18n import translate


HEADER = "X-Unidade"
PROPERTY = "unidade_atual"
_CACHE = "seimg.unidade_atual"


def resolver(valor: str):
    """The Unidade named by a UID or a full sigla path, or None."""
    valor = (valor or "").strip()
    if not valor:
        return None
    if "/" not in valor:
        found = uuidToObject(valor, unrestricted=True)
        if found is not None and getattr(found, "portal_type", None) == "Unidade":
            return found
    caminho = valor.upper()
    from seimg.organizacao import versao

    guardados = versao.caminhos()
    if guardados is not None and caminho in guardados:
        unidade = api.portal.get().unrestrictedTraverse(guardados[caminho], None)
        if getattr(unidade, "portal_type", None) == "Unidade":
            return unidade
    unidade = _procurar(caminho)
    if unidade is not None and guardados is not None:
        guardados[caminho] = unidade.getPhysicalPath()
    return unidade


def _procurar(caminho: str):
    """The unit whose sigla path is ``caminho`` (upper case), or None."""
    sigla_orgao = caminho.split("/", 1)[0]
    sigla = caminho.rsplit("/", 1)[-1]
    from seimg.organizacao import ORGAOS_FOLDER

    pasta = api.portal.get().get(ORGAOS_FOLDER)
    for orgao in pasta.objectValues() if pasta is not None else ():
        if getattr(orgao, "portal_type", None) != "Orgao":
            continue
        if orgao.sigla != sigla_orgao:
            continue
        for unidade in orgao.unidades():
            # the path only of the units with the last sigla
            if unidade.sigla == sigla and unidade.sigla_completa() == caminho:
                return unidade
    return None


def _refuse(valor: str):
    message = _(
        "unidade_nao_permitida",
        default="You cannot act for the unit '${unidade}': it does not exist, is "
        "inactive, or you hold no perfil in it.",
        mapping={"unidade": valor},
    )
    from seimg.base.erros import recusa

    raise recusa(translate(message, context=getRequest()))


def _userid():
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def unidade_atual(request=None):
    """The acting Unidade of the current request, or None (no unit at all)."""
    request = request if request is not None else getRequest()
    if request is not None and _CACHE in request.other:
        return request.other[_CACHE]
    userid = _userid()
    unidade = None
    if userid is not None:
        header = request.getHeader(HEADER) if request is not None else None
        if header:
            unidade = resolver(header)
            if unidade is None or not perfis.pode_atuar(userid, unidade):
                _refuse(header)
        else:
            lotacoes = perfis.lotacoes(userid)
            chosen = api.user.get(userid=userid).getProperty(PROPERTY, "")
            for lotacao in lotacoes:
                if lotacao.unidade.UID() == chosen:
                    unidade = lotacao.unidade
                    break
            else:
                unidade = lotacoes[0].unidade if lotacoes else None
    if request is not None:
        request.other[_CACHE] = unidade
    return unidade


@contextmanager
def agindo_por(unidade, request=None):
    """Act for ``unidade`` inside the ``with`` block (scripts, the demo, the
    domain entry points given a unit): :func:`unidade_atual` answers it.

    The current user must hold a perfil there (refused like a wrong
    ``X-Unidade``); None leaves the acting unit as it is.
    """
    request = request if request is not None else getRequest()
    if unidade is None or request is None:
        yield unidade_atual(request)
        return
    userid = _userid()
    if userid is None or not perfis.pode_atuar(userid, unidade):
        _refuse(unidade.sigla_completa())
    vazio = object()
    anterior = request.other.get(_CACHE, vazio)
    request.other[_CACHE] = unidade
    try:
        yield unidade
    finally:
        if anterior is vazio:
            request.other.pop(_CACHE, None)
        else:
            request.other[_CACHE] = anterior


def definir_unidade_atual(unidade, request=None) -> None:
    """Make ``unidade`` the current user's acting unit from now on."""
    userid = _userid()
    if userid is None or unidade is None or not perfis.pode_atuar(userid, unidade):
        _refuse(unidade.sigla_completa() if unidade is not None else "")
    api.user.get(userid=userid).setMemberProperties({PROPERTY: unidade.UID()})
    request = request if request is not None else getRequest()
    if request is not None:
        request.other[_CACHE] = unidade


def check_header(event):
    """IPubAfterTraversal: refuse at once a request naming a foreign unit
    (on seimg sites)."""
    from seimg.interfaces import ISeimgLayer

    request = event.request
    if ISeimgLayer.providedBy(request) and request.getHeader(HEADER):
        unidade_atual(request)
