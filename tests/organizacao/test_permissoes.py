"""The permission matrix: perfil × where × operation, via Python and via REST.

Every perfil is held, alone, by one user in CMVS/SECRETARIA. Targets: that
unit ("propria"), another unit of the same órgão ("mesmo_orgao":
CMVS/PROCURADORIA) and a unit of another órgão ("outro_orgao": PMVS/SEMAD).
"""

from plone import api
from seimg.organizacao import perfis
from seimg.testing import matrix_login
from seimg.testing import MATRIX_PASSWORD
import pytest
import requests


TARGETS = {
    "propria": ("cmvs", "secretaria"),
    "mesmo_orgao": ("cmvs", "procuradoria"),
    "outro_orgao": ("pmvs", "semad"),
}
OPERATIONS = ("ver", "gerenciar_unidades", "gerenciar_usuarios", "atuar")


def expected(perfil: str | None, target: str, operation: str) -> bool:
    if perfil is None:  # anonymous
        return False
    if operation == "ver":
        return True
    if operation in ("gerenciar_unidades", "gerenciar_usuarios"):
        return perfil == perfis.ADMINISTRADOR and target != "outro_orgao"
    return target == "propria"  # atuar


CASES = [
    (perfil, target, operation)
    for perfil in [*perfis.PERFIS, None]
    for target in TARGETS
    for operation in OPERATIONS
]


def case_id(case):
    perfil, target, operation = case
    return f"{perfil or 'anonimo'}-{target}-{operation}"


def unit(portal, target):
    orgao, sigla = TARGETS[target]
    return portal["orgaos"][orgao][sigla]


def python_allows(portal, perfil, target, operation) -> bool:
    unidade = unit(portal, target)
    if perfil is None:
        with _anonymous():
            return _check(None, unidade, operation)
    return _check(matrix_login(perfil), unidade, operation)


class _anonymous:
    def __enter__(self):
        from AccessControl.SecurityManagement import getSecurityManager
        from AccessControl.SecurityManagement import newSecurityManager
        from AccessControl.SpecialUsers import nobody

        self.previous = getSecurityManager()
        newSecurityManager(None, nobody)

    def __exit__(self, *exc):
        from AccessControl.SecurityManagement import setSecurityManager

        setSecurityManager(self.previous)


def _check(login, unidade, operation) -> bool:
    orgao = unidade.aq_parent

    def has(permission, obj):
        if login is None:
            from AccessControl import getSecurityManager

            return bool(getSecurityManager().checkPermission(permission, obj))
        return api.user.has_permission(permission, username=login, obj=obj)

    if operation == "ver":
        return has("View", unidade)
    if operation == "gerenciar_unidades":
        return (
            has("Modify portal content", unidade)
            and has("seimg: Add Unidade", orgao)
            and has("Add portal content", orgao)
        )
    if operation == "gerenciar_usuarios":
        return has("seimg: Gerenciar usuarios", orgao)
    if login is None:
        return False
    return perfis.pode_atuar(api.user.get(username=login).getId(), unidade)


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_matrix_python(org_portal, case):
    perfil, target, operation = case
    assert python_allows(org_portal, perfil, target, operation) is expected(
        perfil, target, operation
    )


def rest_allows(site_url, perfil, target, operation) -> bool:
    orgao, sigla = TARGETS[target]
    auth = (matrix_login(perfil), MATRIX_PASSWORD) if perfil else None
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    url = f"{site_url}/orgaos/{orgao}/{sigla}"
    if operation == "ver":
        response = requests.get(url, headers=headers, auth=auth, timeout=30)
        ok = response.status_code == 200
    elif operation == "gerenciar_unidades":
        # A harmless change: allowed means 204.
        response = requests.patch(
            url,
            json={"endereco": "Rua Direita, 1"},
            headers=headers,
            auth=auth,
            timeout=30,
        )
        ok = response.status_code == 204
    elif operation == "gerenciar_usuarios":
        response = requests.get(
            f"{site_url}/orgaos/{orgao}/@usuarios",
            headers=headers,
            auth=auth,
            timeout=30,
        )
        ok = response.status_code == 200
    else:
        reader = (matrix_login("basico"), MATRIX_PASSWORD)
        uid = requests.get(url, headers=headers, auth=reader, timeout=30).json()["UID"]
        response = requests.get(
            f"{site_url}/@unidade-atual",
            headers={**headers, "X-Unidade": uid},
            auth=auth,
            timeout=30,
        )
        ok = response.status_code == 200
    if not ok:
        assert response.status_code in (401, 403), (response.status_code, response.text)
        assert response.json()["error"]["type"] in ("Unauthorized", "Forbidden")
    return ok


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_matrix_rest(site_url, case):
    perfil, target, operation = case
    assert rest_allows(site_url, perfil, target, operation) is expected(
        perfil, target, operation
    )
