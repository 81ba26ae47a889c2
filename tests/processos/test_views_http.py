"""The Classic UI of processos through the WSGI server (real publisher, real forms)."""

from html import unescape
from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SECRETARIA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import re
import requests


def _get(url, headers=None, **kwargs):
    return requests.get(
        url,
        auth=CARLOS,
        headers={**SECRETARIA, **(headers or {})},
        timeout=120,
        **kwargs,
    )


def _selected(html: str, name: str) -> list[str]:
    select = re.search(
        rf'<select name="{re.escape(name)}:list".*?</select>', html, re.S
    )
    assert select, f"no select {name}"
    return re.findall(
        r'<option[^>]*selected="selected"[^>]*value="([^"]*)"', select.group(0)
    ) + re.findall(
        r'<option[^>]*value="([^"]*)"[^>]*selected="selected"', select.group(0)
    )


def test_iniciar_processo_leva_ao_formulario_preenchido(site_url):
    anonimo = requests.get(
        f"{site_url}/@@iniciar-processo", allow_redirects=False, timeout=60
    )
    assert anonimo.status_code == 302
    assert "/login" in anonimo.headers["Location"]

    page = _get(f"{site_url}/@@iniciar-processo")
    assert page.status_code == 200
    assert "Iniciar processo" in page.text
    link = re.search(
        r'<a class="seimg-tipo"\s+href="([^"]+)"\s*>Pessoal: Férias</a>', page.text
    )
    assert link, "Pessoal: Férias not listed"
    url = unescape(link.group(1))
    assert "/processos/++add++Processo?" in url

    # As the browser follows the link from the site itself.
    form = _get(url, headers={"Referer": page.url})
    assert form.status_code == 200
    tipo = re.search(r"tipo_processo%3Alist=([0-9a-f]+)", url).group(1)
    assert _selected(form.text, "form.widgets.tipo_processo") == [tipo]
    assert _selected(form.text, "form.widgets.nivel_acesso") == ["restrito"]


def test_paginas_de_processo_e_documento(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids, especificacao="Cópia do contrato 12")
    oficio = post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "nivel_acesso": "publico",
        },
    ).json()

    page = _get(processo["@id"])
    assert page.status_code == 200
    assert processo["numero"] in page.text
    assert "Cópia do contrato 12" in page.text
    assert f'data-numero-sei="{oficio["numero_sei"]}"' in page.text
    assert "Incluir documento" in page.text

    doc = _get(oficio["@id"])
    assert doc.status_code == 200
    assert 'data-estado="minuta"' in doc.text
    assert "Número SEI" in doc.text

    # Cancelling without the CSRF token is refused and changes nothing.
    cancel = requests.post(
        f"{oficio['@id']}/@@cancelar",
        data={"motivo": "Engano"},
        auth=CARLOS,
        headers=SECRETARIA,
        timeout=60,
    )
    assert cancel.status_code == 403
    assert 'data-estado="minuta"' in _get(oficio["@id"]).text
