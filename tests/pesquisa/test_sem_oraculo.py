"""No oracle in seimg's search (issue 18), parametrised from the disclosure
table: the leak scenario of :mod:`tests.divulgacao.cenario` (sigiloso,
restrito, Rc, Rp and público processes; restrito, minuta, cancelled and
reclassified documents; observações; interessados) searched for each of its
markers by each viewer kind. Expectations come from the markers' routes
(:meth:`cenario.Marcador.visivel`, i.e. :mod:`seimg.divulgacao.tabela`):

- a marker the table hides from a viewer finds nothing at all for that
  viewer: no result, a count of 0, no facet;
- a marker in a searchable field (especificação, observações, a document's
  current text) that the table shows is found, once, with its snippet.

Written against the search API only (:mod:`seimg.pesquisa.api`), so it
holds for any engine behind :class:`seimg.pesquisa.motor.IMotor`.
"""

from seimg.divulgacao import tabela
from seimg.organizacao import perfis
from tests.divulgacao import cenario
from tests.pesquisa.conftest import buscar
from tests.processos.conftest import como
import pytest


_RESULTADOS = {}

#: Rows whose text the search indexes (a document's *current* text only).
_BUSCAVEIS = (
    tabela.ESPECIFICACAO,
    tabela.OBSERVACOES,
    tabela.CONTEUDO_PUBLICO,
    tabela.CONTEUDO_RESTRITO,
)


def _buscavel(marcador) -> bool:
    campos = {rota.campo for rota in marcador.rotas}
    if campos & set(_BUSCAVEIS):
        return True
    # A minuta's own (current) text; not the versions saved before a signature.
    return campos == {tabela.MINUTA} and (marcador.chave or "").endswith("/minuta")


def _unidade(leitor) -> str | None:
    if leitor.login is None:
        return None
    if leitor.gera:
        return cenario.GERADOR[1]
    lotacao = perfis.lotacoes(leitor.login)[0]
    orgao = lotacao.unidade.aq_parent.getId()
    return f"{orgao}/{lotacao.unidade.getId()}"


def _resposta(resultado) -> dict:
    return {
        "total": resultado.total,
        "itens": [
            (
                item.uid,
                str(item.trecho),
                [(d.uid, str(d.trecho)) for d in item.documentos],
            )
            for item in resultado.itens
        ],
        "facetas": {
            nome: [(f.valor, f.quantidade) for f in lista]
            for nome, lista in resultado.facetas.items()
        },
    }


def resultados(acceptance) -> dict:
    """Every marker searched by every viewer (computed once)."""
    if not _RESULTADOS:
        portal = acceptance["portal"]
        cena = cenario.montar(portal)
        _RESULTADOS["marcadores"] = {m.texto: m for m in cena.marcadores}
        _RESULTADOS["objetos"] = {k: o.UID() for k, o in cena.objetos.items()}
        for codigo, leitor in cenario.LEITORES.items():
            with como(portal, leitor.login, _unidade(leitor)):
                for marcador in cena.marcadores:
                    resultado = buscar(marcador.texto)
                    _RESULTADOS[codigo, marcador.texto] = _resposta(resultado)
    return _RESULTADOS


def _casos():
    casos = []
    for codigo in cenario.LEITORES:
        casos.append(codigo)
    return casos


@pytest.mark.parametrize("codigo", _casos())
def test_marcador_oculto_nao_acha_nada(acceptance, codigo):
    dados = resultados(acceptance)
    leitor = cenario.LEITORES[codigo]
    vazados = []
    for texto, marcador in dados["marcadores"].items():
        if marcador.visivel(leitor):
            continue
        resposta = dados[codigo, texto]
        if resposta["total"] or resposta["itens"] or any(resposta["facetas"].values()):
            vazados.append((marcador.onde, texto, resposta))
    assert not vazados


@pytest.mark.parametrize("codigo", _casos())
def test_marcador_visivel_e_buscavel_e_achado_com_trecho(acceptance, codigo):
    dados = resultados(acceptance)
    leitor = cenario.LEITORES[codigo]
    cegos = []
    for texto, marcador in dados["marcadores"].items():
        if not (_buscavel(marcador) and marcador.visivel(leitor)):
            continue
        if leitor.objetos is not None and marcador.chave not in leitor.objetos:
            continue  # this login stands for its kind on those objects only
        resposta = dados[codigo, texto]
        trechos = " ".join(
            t for _u, t, docs in resposta["itens"] for t in [t, *(d for _d, d in docs)]
        )
        if (
            resposta["total"] != 1
            or f"<mark>{texto}</mark>".lower() not in trechos.lower()
        ):
            cegos.append((marcador.onde, texto, resposta))
    assert not cegos


def test_cada_tipo_de_leitor_acha_algo_e_deixa_de_achar_algo(acceptance):
    """The matrix is not blind: every viewer kind both finds and misses."""
    dados = resultados(acceptance)
    for codigo in ("A", "O", "U", "T", "C"):
        achados = [t for t in dados["marcadores"] if dados[codigo, t]["total"]]
        perdidos = [t for t in dados["marcadores"] if not dados[codigo, t]["total"]]
        assert achados, codigo
        assert perdidos, codigo


# --- hidden words change nothing ---------------------------------------------
def _html(texto):
    from plone.app.textfield.value import RichTextValue

    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


def _completa(resultado) -> dict:
    """Everything an answer tells: items, their order, scores, snippets,
    documents beneath, count and facets."""
    from dataclasses import asdict

    return {
        "total": resultado.total,
        "itens": [asdict(item) for item in resultado.itens],
        "facetas": {
            nome: [asdict(f) for f in lista]
            for nome, lista in resultado.facetas.items()
        },
    }


_CONSULTAS = ("xilofone", "xilofone zabumba", "xilofone OU zabumba", "xilof*")
_VISITANTES = (
    (None, None),  # A
    ("helena.prado", None),  # O
    ("gabriela.rocha", None),  # U
)


def _respostas(portal) -> dict:
    respostas = {}
    for login, unidade in _VISITANTES:
        with como(portal, login, unidade):
            for q in _CONSULTAS:
                respostas[login, q] = _completa(buscar(q))
    return respostas


def test_palavra_em_documentos_ocultos_nao_muda_resultado_nem_ordem(integration):
    """x ("xilofone") in visible documents at different frequencies; y
    ("zabumba", and x too) in a varying number of documents and processes
    the visitors may not read: every answer, its order and its scores stay
    the same."""
    from tests.processos.conftest import assinar
    from tests.processos.conftest import novo_oficio
    from tests.processos.conftest import novo_processo

    portal = integration["portal"]
    with como(portal, *cenario.GERADOR):
        visivel = novo_processo(portal, especificacao="Compra de instrumentos")
        for vezes in (1, 2, 4):
            assinar(novo_oficio(visivel, texto=_html(" ".join(["xilofone"] * vezes))))
        # Restrito by contamination from the start: the level every visitor
        # sees does not change when more restrito documents come.
        assinar(novo_oficio(visivel, nivel="restrito", texto=_html("Parecer")))
        outro = novo_processo(portal, especificacao="Xilofone para a banda")
        assert outro
    antes = _respostas(portal)
    assert antes[None, "xilofone"]["total"] == 2
    assert [len(i["documentos"]) for i in antes[None, "xilofone"]["itens"]] in (
        [3, 0],
        [0, 3],
    )

    for rodada in (1, 3):
        with como(portal, *cenario.GERADOR):
            for _n in range(rodada):
                texto = "xilofone zabumba " * rodada
                # restrito documents of the visible process (content: lst)
                assinar(novo_oficio(visivel, nivel="restrito", texto=_html(texto)))
                # a minuta (its generating unit only)
                novo_oficio(visivel, texto=_html(texto))
                # a sigiloso process (nobody here)
                sigiloso = novo_processo(
                    portal, nivel="sigiloso", especificacao=f"Sigilo {texto}"
                )
                assinar(novo_oficio(sigiloso, nivel="sigiloso", texto=_html(texto)))
                # a restrito (Rp) process: especificação for T only
                novo_processo(portal, nivel="restrito", especificacao=texto)
        assert _respostas(portal) == antes, rodada

    # The words are there: the generating unit finds them.
    with como(portal, *cenario.GERADOR):
        assert buscar("zabumba").total >= 5
