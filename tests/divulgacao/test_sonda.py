"""The generic leak probe over HTTP (project issue 12, "It must show").

The scenario of :mod:`.cenario` (a sigiloso process and its document, a
restrito process, a process of own level público holding a restrito document
and a minuta, a contato) is published through the running WSGI server,
every GET surface of every object (:func:`.sonda.superficies`: seimg's and
Plone's views and REST services, minus :data:`.sonda.PULAR`), with no
parameters, as each viewer kind. The expectations come from
:mod:`seimg.divulgacao.tabela` through the markers' routes.

The probe runs once per session (about 80 s here); each test below
asserts one property of its answers:

- no answer is a server error (5xx);
- no answer carries a marker the table hides from that viewer;
- an object the table hides from a viewer answers 404 on every surface.
"""

from tests.divulgacao import cenario
from tests.divulgacao import sonda
from tests.divulgacao import superficies
import pytest


_RESULTADO = {}

# 5xx of Plone's or add-ons' views unrelated to disclosure, each checked by
# its own strict xfail below (it must start failing to xfail when fixed).
FALHAS_CONHECIDAS = {
    "@@collective.excelexport": (
        "collective.excelexport on an item (document, contato) raises (500)"
    ),
    "@@collective.excelexportcsv": (
        "collective.excelexport's CSV on an item (document, contato) raises (500)"
    ),
    "@@babel_edit": (
        "plone.app.multilingual's translation form raises (500) for a user who "
        "may edit the process (T on the process open in its unit)"
    ),
}


def resultado(acceptance, site_url) -> sonda.Resultado:
    """The probe's answers, computed by the first test that asks."""
    if "resultado" not in _RESULTADO:
        cena = cenario.montar(acceptance["portal"])
        guardar = {(c, k) for c, k, _s, _m in POSITIVOS}
        _RESULTADO["resultado"] = sonda.sondar(
            site_url, cena, cenario.LEITORES, guardar=guardar
        )
        _RESULTADO["marcadores"] = {m.texto: m for m in cena.marcadores}
        _RESULTADO["nomes"] = {
            chave: set(sonda.nomes_registrados(obj))
            for chave, obj in cena.objetos.items()
        }
    return _RESULTADO["resultado"]


def _achados(acceptance, site_url, categoria):
    return [
        a for a in resultado(acceptance, site_url).achados if a.categoria == categoria
    ]


def test_nenhuma_resposta_5xx(acceptance, site_url):
    achados = [
        a
        for a in _achados(acceptance, site_url, "5xx")
        if a.superficie not in FALHAS_CONHECIDAS
    ]
    assert not achados, "Respostas 5xx: " + sonda.relatorio(achados)


@pytest.mark.parametrize(
    "superficie",
    [
        pytest.param(nome, marks=pytest.mark.xfail(strict=True, reason=motivo))
        for nome, motivo in FALHAS_CONHECIDAS.items()
    ],
)
def test_falha_conhecida(acceptance, site_url, superficie):
    achados = [
        a for a in _achados(acceptance, site_url, "5xx") if a.superficie == superficie
    ]
    assert not achados, sonda.relatorio(achados)


def test_nenhum_marcador_oculto_aparece(acceptance, site_url):
    achados = _achados(acceptance, site_url, "vazamento")
    assert not achados, (
        "Marcadores que a tabela esconde do leitor apareceram: "
        + sonda.relatorio(achados)
    )


def test_objeto_oculto_responde_404_em_toda_superficie(acceptance, site_url):
    achados = _achados(acceptance, site_url, "existencia")
    assert not achados, (
        "Objetos ocultos pela tabela responderam outra coisa que 404: "
        + sonda.relatorio(achados)
    )


# The probe is not blind: where the table shows a field (✔) and the page
# renders it, the decoded answer holds its marker.
POSITIVOS = (
    ("C", "sigiloso", "(visão padrão)", "MRKSIGESPZ"),
    ("C", "sigiloso", "GET (conteúdo) [application/json]", "MRKSIGESPZ"),
    ("C", "sigiloso/doc", "(visão padrão)", "MRKSIGDOCZ"),
    ("T", "publico/doc", "(visão padrão)", "MRKPUBDOCZ"),
    ("T", "publico", "@@andamentos", "MRKPUBANDZ"),
)


def test_sonda_encontra_o_que_a_tabela_mostra(acceptance, site_url):
    res = resultado(acceptance, site_url)
    marcadores = _RESULTADO["marcadores"]
    faltam = []
    for codigo, chave, sup, texto in POSITIVOS:
        marcador = marcadores[texto]
        assert marcador.visivel(cenario.LEITORES[codigo]), (codigo, texto)
        status, corpo = res.respostas[codigo, chave, sup]
        if status != 200 or not sonda.contem(corpo, marcador):
            faltam.append(f"[{codigo}] {chave} {sup} → {status}: sem {texto}")
    assert not faltam, "\n".join(faltam)


def test_lista_de_pulos_so_tem_superficies_alheias_e_registradas(acceptance, site_url):
    """PULAR never hides one of seimg's surfaces, and holds no stale name."""
    resultado(acceptance, site_url)
    de_seimg = {chave[2] for chave in superficies.registradas() if chave[0] == "view"}
    assert not (sonda.PULAR & de_seimg), sorted(sonda.PULAR & de_seimg)
    registrados = set().union(*_RESULTADO["nomes"].values())
    assert not (sonda.PULAR - registrados), sorted(sonda.PULAR - registrados)
