"""Without Plone's toolbar, every administrative task is in seimg's menu.

Over HTTP on the demo site: the órgão administrator (carlos.mendes, CMVS;
helena.prado, PMVS) finds the Administração link in the header of any page,
and on @@administracao a link to each task of their órgão, each of which
loads; a clerk without the perfil sees no such link; the Manager keeps
Plone's toolbar and finds the installation's tasks too.
"""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from seimg.demo import DEMO_PASSWORD
import pytest
import re
import requests


MANAGER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def _get(url, login, senha=DEMO_PASSWORD):
    auth = login if isinstance(login, tuple) else (login, senha)
    resposta = requests.get(url, auth=auth, timeout=60, allow_redirects=False)
    return resposta


def _links(html: str) -> set:
    return set(re.findall(r'href="([^"#]+)"', html))


def _tarefas_orgao(site_url, orgao):
    base = f"{site_url}/orgaos/{orgao}"
    return {
        base,
        f"{base}/edit",
        f"{base}/++add++Unidade",
        f"{base}/@@bloqueios",
        f"{base}/@@contas-servico",
    }


TAREFAS_INSTALACAO = (
    "orgaos",
    "@@adesao",
    "tabelas",
    "modelos",
    "@@bloqueios",
    "@@seimg-arquivos",
    "@@usergroup-userprefs",
    "@@overview-controlpanel",
)


@pytest.mark.parametrize(
    ("login", "orgao", "outro"),
    [("carlos.mendes", "cmvs", "pmvs"), ("helena.prado", "pmvs", "cmvs")],
)
def test_orgao_admin_reaches_every_task_from_the_menu(site_url, login, orgao, outro):
    pagina = _get(f"{site_url}/@@controle-processos", login)
    assert pagina.status_code == 200
    assert f"{site_url}/@@administracao" in _links(pagina.text)

    menu = _get(f"{site_url}/@@administracao", login)
    assert menu.status_code == 200
    links = _links(menu.text)
    esperadas = _tarefas_orgao(site_url, orgao)
    assert esperadas <= links, esperadas - links
    # Only their own órgão's tasks, none of the installation's.
    assert not _tarefas_orgao(site_url, outro) & links
    assert f"{site_url}/tabelas" not in links
    for url in sorted(esperadas):
        assert _get(url, login).status_code == 200, url


def test_clerk_without_the_perfil_has_no_administration(site_url):
    pagina = _get(f"{site_url}/@@controle-processos", "ana.ribeiro")
    assert pagina.status_code == 200
    assert f"{site_url}/@@administracao" not in _links(pagina.text)
    menu = _get(f"{site_url}/@@administracao", "ana.ribeiro")
    assert menu.status_code == 200
    assert "Você não administra nenhum órgão." in menu.text
    assert not any("/orgaos/" in link for link in _links(menu.text))


def test_anonymous_is_asked_to_log_in(site_url):
    resposta = requests.get(
        f"{site_url}/@@administracao", timeout=60, allow_redirects=False
    )
    assert resposta.status_code in (302, 401)


def test_manager_finds_the_installation_tasks(site_url):
    menu = _get(f"{site_url}/@@administracao", MANAGER)
    assert menu.status_code == 200
    links = _links(menu.text)
    esperadas = {f"{site_url}/{t}" for t in TAREFAS_INSTALACAO}
    assert esperadas <= links, esperadas - links
    # The Manager administers every órgão.
    assert _tarefas_orgao(site_url, "cmvs") <= links
    for url in sorted(esperadas):
        assert _get(url, MANAGER).status_code == 200, url


@pytest.mark.parametrize(
    ("login", "barra"),
    [
        ("carlos.mendes", False),
        ("helena.prado", False),
        ("ana.ribeiro", False),
        (MANAGER, True),
    ],
)
def test_plone_toolbar_only_for_managers(site_url, login, barra):
    for pagina in ("@@controle-processos", "orgaos/cmvs", "processos"):
        html = _get(f"{site_url}/{pagina}", login).text
        assert ('id="edit-zone"' in html) is barra, pagina
        assert ("plone-toolbar" in html) is barra, pagina
        # No workflow state for staff (it was in the toolbar).
        if not barra:
            assert "plone-contentmenu-workflow" not in html


def test_no_plone_branding(site_url):
    for login in (None, "carlos.mendes"):
        url = (
            f"{site_url}/login" if login is None else f"{site_url}/@@controle-processos"
        )
        html = (
            requests.get(url, timeout=60).text
            if login is None
            else _get(url, login).text
        )
        assert "Impulsionado por Plone" not in html
        assert 'href="http://plone.org' not in html
        assert "Fundação Plone" not in html
        assert not re.search(r"<img[^>]+plone-logo", html)
        assert "Mapa do Site" not in html
