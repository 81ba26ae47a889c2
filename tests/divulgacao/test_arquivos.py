"""Generated files go through the same checks: the probe's decoding of PDF,
ODT, DOCX and ZIP answers finds a document's text where the table shows it
(so the probe is not blind to files), and not where it hides it.

The restrito ofício of the "publico" process (level Rc) is read by T (the
unit the process was sent to: ✔) and by U (same órgão, never reached:
content of a restrito document — lst), through the parameterised surfaces
the generic probe publishes without parameters.
"""

from seimg.divulgacao import tabela
from tests.divulgacao import cenario
from tests.divulgacao import sonda
import pytest


PEDIDOS = (
    ("publico/doc", "/@@gerar?formato=pdf", "text/html"),
    ("publico/doc", "/@@gerar?formato=odt", "text/html"),
    ("publico/doc", "/@@gerar?formato=docx", "text/html"),
    ("publico/doc", "/@gerar?formato=pdf", "application/json"),
    ("publico", "/@@zip-processo", "text/html"),
)


@pytest.mark.parametrize("codigo", ["T", "U"])
def test_arquivos_gerados_seguem_a_tabela(acceptance, site_url, codigo):
    cena = cenario.montar(acceptance["portal"], chaves=("publico",))
    leitor = cenario.LEITORES[codigo]
    marcador = next(m for m in cena.marcadores if m.texto == "MRKPUBDOCZ")
    pode = marcador.visivel(leitor)
    assert pode == tabela.ve(
        tabela.CONTEUDO_RESTRITO, tabela.CONTAMINADO, leitor.tipo(tabela.CONTAMINADO)
    )
    errados = []
    with sonda.sessao(leitor) as session:
        for chave, caminho, aceita in PEDIDOS:
            base = cena.objetos[chave].absolute_url()
            url = base.replace("http://nohost/plone", site_url) + caminho
            resposta = session.get(
                url, headers={"Accept": aceita}, allow_redirects=False, timeout=180
            )
            tem = sonda.contem(sonda.texto_da_resposta(resposta), marcador)
            tipo = resposta.headers.get("Content-Type", "")
            if resposta.status_code >= 500:
                errados.append(f"{caminho}: {resposta.status_code}")
            elif pode and not (resposta.status_code == 200 and tem):
                errados.append(
                    f"{caminho}: {resposta.status_code} {tipo}, sem o marcador"
                )
            elif not pode and tem:
                errados.append(f"{caminho}: {resposta.status_code} {tipo}, vazou")
    assert not errados, f"[{codigo}] " + "; ".join(errados)
