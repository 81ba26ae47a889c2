"""A hidden object answers exactly as a never-existing one (cell "—": "the
answer is exactly what a never-existing object gets (404 with the same body
shape), never a 403, so sequential NUPs cannot be probed").

For the sigiloso process, its document and a minuta, each URL below is
asked as an anonymous visitor and as staff of another órgão, next to the
same URL with the hidden object's id replaced by one that never existed;
status, Content-Type and body must be identical byte for byte.
"""

from seimg.divulgacao import tabela
from tests.divulgacao import cenario
import pytest
import requests


JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}

# (object key, path under it, headers)
PEDIDOS = {
    "sigiloso": (
        ("", HTML),
        ("/@@processo", HTML),
        ("/@@andamentos", HTML),
        ("/@@zip-processo", HTML),
        ("", JSON),
        ("/@andamentos", JSON),
        ("/@zip-processo", JSON),
    ),
    "sigiloso/doc": (
        ("", HTML),
        ("/@@gerar?formato=pdf", HTML),
        ("/@@pdf-assinado", HTML),
        ("", JSON),
        ("/@gerar?formato=pdf", JSON),
        ("/@pdf-assinado", JSON),
    ),
    "publico/minuta": (
        ("", HTML),
        ("/@@gerar?formato=pdf", HTML),
        ("", JSON),
        ("/@gerar?formato=pdf", JSON),
    ),
}


@pytest.mark.parametrize("codigo", ["A", "O"])
@pytest.mark.parametrize("chave", sorted(PEDIDOS))
def test_oculto_responde_como_inexistente(acceptance, site_url, chave, codigo):
    portal = acceptance["portal"]
    cena = cenario.montar(portal, chaves=(chave.split("/")[0],))
    leitor = cenario.LEITORES[codigo]
    # The table hides the object from this viewer.
    rota = cena.ocultos[chave]
    assert tabela.celula(rota.campo, rota.nivel, leitor.tipo(rota.nivel)) == tabela.NADA
    obj = cena.objetos[chave]
    url = obj.absolute_url().replace("http://nohost/plone", site_url)
    pai, oculto = url.rsplit("/", 1)
    # Same length, never existed.
    inexistente = f"{pai}/{'x' * len(oculto)}"

    diferencas = []
    with requests.Session() as session:
        session.auth = leitor.auth
        for caminho, cabecalhos in PEDIDOS[chave]:
            respostas = [
                session.get(
                    base + caminho,
                    headers=cabecalhos,
                    allow_redirects=False,
                    timeout=120,
                )
                for base in (url, inexistente)
            ]
            a, b = respostas
            rotulo = f"{caminho or '(objeto)'} [{cabecalhos['Accept']}]"
            if (a.status_code, b.status_code) != (404, 404):
                diferencas.append(
                    f"{rotulo}: status {a.status_code} (oculto) / "
                    f"{b.status_code} (inexistente), esperado 404"
                )
            if a.headers.get("Content-Type") != b.headers.get("Content-Type"):
                diferencas.append(
                    f"{rotulo}: Content-Type {a.headers.get('Content-Type')!r} / "
                    f"{b.headers.get('Content-Type')!r}"
                )
            if a.content != b.content:
                trocado = (
                    a.content.replace(oculto.encode(), b"x" * len(oculto)) == b.content
                )
                diferencas.append(
                    f"{rotulo}: corpos diferentes"
                    + (
                        " (iguais depois de trocar o id: a resposta ecoa a URL)"
                        if trocado
                        else f" ({len(a.content)} / {len(b.content)} bytes)"
                    )
                )
    assert not diferencas, f"[{codigo}] {chave}:\n" + "\n".join(diferencas)
