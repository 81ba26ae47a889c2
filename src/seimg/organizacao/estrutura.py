"""Rules across units and órgãos: unique codes and siglas, a hierarchy without cycles.

As in SEI, a unit's sigla is unique within its órgão (so ``CMVS/PROTOCOLO``
names one unit, whatever its place in the hierarchy) and so is its code.

``problemas_orgao`` and ``problemas_unidade`` return messages for people (empty
when all is well). Forms show them as field errors (``validators``); event
subscribers re-check them on every add and change, so REST and scripts cannot
store what the forms refuse.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.organizacao import ORGAOS_FOLDER
from zExceptions import BadRequest
from zope.i18n import translate
import re


#: An órgão's or unit's sigla: capitals, digits and hyphens.
SIGLA = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,19}$")

#: The request's memo of units' sigla paths (seimg.base.pedido), by UID;
#: used on sites without the organisation token; forgotten by
#: versao.organizacao_mudou.
SIGLAS = "seimg.siglas_completas"


def orgaos_folder():
    return api.portal.get()[ORGAOS_FOLDER]


def orgaos():
    """Every Orgao of the installation, wherever it was added."""
    catalog = api.portal.get_tool("portal_catalog")
    return [
        b._unrestrictedGetObject()
        for b in catalog.unrestrictedSearchResults(portal_type="Orgao")
    ]


def problemas_orgao(orgao, sigla, codigo) -> list:
    problems = []
    for other in orgaos():
        if orgao is not None and other.UID() == orgao.UID():
            continue
        if codigo is not None and other.codigo == codigo:
            problems.append(
                _(
                    "orgao_codigo_duplicado",
                    default="The code ${codigo} is already used by ${sigla}.",
                    mapping={"codigo": codigo, "sigla": other.sigla},
                )
            )
        if sigla and other.sigla == sigla:
            problems.append(
                _(
                    "orgao_sigla_duplicada",
                    default="Another órgão already has the sigla ${sigla}.",
                    mapping={"sigla": sigla},
                )
            )
    return problems


def problemas_unidade(orgao, unidade, sigla, codigo, superior_uid) -> list:
    """Problems with giving ``unidade`` (None when new) these values in ``orgao``."""
    problems = []
    own_uid = unidade.UID() if unidade is not None else None
    for other in orgao.unidades():
        if other.UID() == own_uid:
            continue
        if codigo is not None and other.codigo == codigo:
            problems.append(
                _(
                    "unidade_codigo_duplicado",
                    default="The code ${codigo} is already used by ${unidade}.",
                    mapping={"codigo": codigo, "unidade": other.sigla_completa()},
                )
            )
        if sigla and other.sigla == sigla:
            problems.append(
                _(
                    "unidade_sigla_duplicada",
                    default="Another unit of this órgão has the sigla ${sigla}.",
                    mapping={"sigla": sigla},
                )
            )
    if superior_uid:
        superior = uuidToObject(superior_uid, unrestricted=True)
        if superior is None or superior.portal_type != "Unidade":
            problems.append(
                _("unidade_superior_inexistente", default="Unknown superior unit.")
            )
        elif superior.aq_parent.UID() != orgao.UID():
            problems.append(
                _(
                    "unidade_superior_outro_orgao",
                    default="The superior unit must belong to the same órgão.",
                )
            )
        elif own_uid is not None and (
            superior.UID() == own_uid
            or own_uid in {u.UID() for u in superior.ancestrais()}
        ):
            problems.append(
                _(
                    "unidade_ciclo",
                    default="A unit cannot be placed under itself or under one of "
                    "its own subunits.",
                )
            )
    return problems


def raise_if(problems: list) -> None:
    """Abort the transaction with the problems, as a 400 for REST and forms."""
    if problems:
        request = api.env.getRequest()
        raise BadRequest(" ".join(translate(p, context=request) for p in problems))


def pode_excluir(unidade) -> bool:
    """Only units never used (state ``nova``) and without subunits may go."""
    return api.content.get_state(unidade, default="nova") == "nova" and not subunidades(
        unidade
    )


def em_uso(unidade):
    """Why ``unidade`` cannot be deleted, for people."""
    return _(
        "unidade_em_uso",
        default="The unit ${unidade} has been used and cannot be deleted; "
        "deactivate it instead.",
        mapping={"unidade": unidade.sigla_completa()},
    )


def subunidades(unidade) -> list:
    """Direct children of ``unidade`` in its órgão."""
    uid = unidade.UID()
    return [u for u in unidade.aq_parent.unidades() if u.superior == uid]


def arvore(orgao) -> list[tuple[int, object]]:
    """(depth, unit) pairs of the órgão's hierarchy, depth-first, by sigla."""
    units = orgao.unidades()
    children: dict = {}
    for unit in units:
        children.setdefault(unit.superior or None, []).append(unit)
    result = []

    def walk(parent_uid, depth, seen):
        for unit in sorted(children.get(parent_uid, []), key=lambda u: u.sigla):
            if unit.UID() in seen:
                continue
            result.append((depth, unit))
            walk(unit.UID(), depth + 1, seen | {unit.UID()})

    walk(None, 0, frozenset())
    return result
