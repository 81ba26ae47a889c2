"""Relevance of seimg's search (issue 18): Portuguese words, operators,
phrases, prefixes and numbers in every format, through the search API."""

from plone.app.textfield.value import RichTextValue
from tests.pesquisa.conftest import buscar
from tests.pesquisa.conftest import uids
from tests.pesquisa.conftest import uids_documentos
from tests.processos.conftest import assinar
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import pytest


def _html(texto):
    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


@pytest.fixture
def processos(secretaria):
    portal = secretaria
    licitacao = novo_processo(
        portal, especificacao="Licitações da piscicultura sustentável"
    )
    contrato = novo_processo(
        portal, especificacao="Contrato de manutenção hidropneumática"
    )
    outro = novo_processo(portal, especificacao="Reforma da quadra poliesportiva")
    oficio = novo_oficio(
        outro, texto=_html("Conforme a Lei 14.133/2021, os contratos vigentes.")
    )
    assinar(oficio)
    return {
        "licitacao": licitacao,
        "contrato": contrato,
        "outro": outro,
        "oficio": oficio,
    }


@pytest.mark.parametrize(
    "q", ["licitação", "licitacao", "Licitações", "LICITACAO", "licitacoes"]
)
def test_acentos_caixa_e_flexoes_se_encontram(processos, q):
    assert uids(buscar(q)) == [processos["licitacao"].UID()]


def test_plural_encontra_singular(processos):
    achados = buscar("contratos")
    assert processos["contrato"].UID() in uids(achados)
    assert processos["outro"].UID() in uids(achados)  # "contratos" in the body


def test_numero_nup_em_todos_os_formatos(processos):
    processo = processos["contrato"]
    nup = processo.numero
    digitos = "".join(c for c in nup if c.isdigit())
    seq, ano = nup.split("/")[0].split(".")[-1], nup.split("/")[1][:4]
    for q in (nup, digitos, digitos[:-2], f"{int(seq)}/{ano}"):
        assert processo.UID() in uids(buscar(q)), q


def test_numero_so_no_corpo(processos):
    achados = buscar("Lei 14.133/2021")
    assert uids(achados) == [processos["outro"].UID()]
    assert uids_documentos(achados) == [processos["oficio"].UID()]


def test_operadores(processos):
    licitacao, contrato = processos["licitacao"].UID(), processos["contrato"].UID()
    outro = processos["outro"].UID()
    assert set(uids(buscar("piscicultura OU hidropneumática"))) == {
        licitacao,
        contrato,
    }
    assert uids(buscar("piscicultura E sustentável")) == [licitacao]
    assert uids(buscar("piscicultura hidropneumática")) == []
    for q in ("contrato NÃO hidropneumática", "contrato -hidropneumática"):
        achados = uids(buscar(q))
        assert outro in achados
        assert contrato not in achados
    assert contrato in uids(buscar("contrato"))
    # lower-case "ou" is a stop word, not an operator
    assert uids(buscar("piscicultura ou hidropneumática")) == []


def test_frases_e_palavras_de_parada(processos):
    licitacao = processos["licitacao"].UID()
    assert uids(buscar('"piscicultura sustentável"')) == [licitacao]
    assert uids(buscar('"sustentável piscicultura"')) == []
    # "da" is a stop word: the phrase matches across it
    assert uids(buscar('"licitações piscicultura"')) == [licitacao]


def test_prefixos_casam_a_forma_escrita(processos):
    assert uids(buscar("poliesport*")) == [processos["outro"].UID()]
    assert uids(buscar("piscicult*")) == [processos["licitacao"].UID()]
    assert uids(buscar("PISCICULT*")) == [processos["licitacao"].UID()]
    # a prefix of the written form, not of the stem
    assert uids(buscar("hidropneumatic*")) == [processos["contrato"].UID()]
    assert uids(buscar("hidropneumaticx*")) == []


def test_numero_sei_e_numero_por_tipo(processos):
    oficio = processos["oficio"]
    numero_sei = oficio.numero_sei
    achados = buscar(numero_sei)
    assert uids_documentos(achados) == [oficio.UID()]
    assert uids_documentos(buscar(str(int(numero_sei)))) == [oficio.UID()]
    seq_ano = "/".join(oficio.numero_formatado.split(" ")[-1].split("/")[:2])
    assert oficio.UID() in uids_documentos(buscar(seq_ano))


def test_titulo_acima_do_corpo(secretaria):
    portal = secretaria
    corpo = novo_processo(portal, especificacao="Manutenção de veículos")
    assinar(novo_oficio(corpo, texto=_html("Trata da capivara do parque.")))
    titulo = novo_processo(portal, especificacao="Resgate de capivara")
    achados = buscar("capivara")
    assert uids(achados) == [titulo.UID(), corpo.UID()]
    assert achados.itens[0].pontuacao > achados.itens[1].pontuacao


def test_trecho_destaca_as_palavras(processos):
    item = buscar("licitacao piscicultura").itens[0]
    assert "<mark>Licitações</mark>" in item.trecho
    assert "<mark>piscicultura</mark>" in item.trecho


def test_filtros(processos, secretaria):
    contrato = processos["contrato"]
    tipo = contrato.tipo_processo
    todos = buscar("", tipo_processo=[tipo])
    assert contrato.UID() in uids(todos)
    outro_tipo = next(
        t.UID()
        for t in secretaria["tabelas"]["tipos-processo"].objectValues()
        if t.UID() != tipo
    )
    assert uids(buscar("hidropneumática", tipo_processo=[outro_tipo])) == []
    assert uids(buscar("hidropneumática", unidade=[contrato.unidade_geradora])) == [
        contrato.UID()
    ]
    assert uids(buscar("hidropneumática", tramitacao=contrato.unidade_geradora)) == [
        contrato.UID()
    ]
    hoje = contrato.created().asdatetime().date().isoformat()
    assert uids(buscar("hidropneumática", de=hoje, ate=hoje)) == [contrato.UID()]
    assert uids(buscar("hidropneumática", ate="2000-01-01")) == []
    assert uids(buscar("hidropneumática", nivel="publico")) == [contrato.UID()]
    assert uids(buscar("hidropneumática", nivel="restrito")) == []
    assert uids(buscar("hidropneumática", ano=[hoje[:4]])) == [contrato.UID()]
    facetas = buscar("piscicultura OU hidropneumática").facetas
    assert [(f.valor, f.quantidade) for f in facetas["ano"]] == [(hoje[:4], 2)]
    assert facetas["tipo_processo"][0].quantidade == 2


def test_interessado_pelo_nome_exato(secretaria):
    from validate_docbr import CPF

    portal = secretaria
    from plone import api

    contato = portal["tabelas"]["contatos"]

    pessoa = api.content.create(
        container=contato,
        type="Contato",
        title="Joana Quitéria Bezerra",
        nome="Joana Quitéria Bezerra",
        tipo_pessoa="fisica",
        cpf=CPF().generate(),
    )
    processo = novo_processo(
        portal, especificacao="Pedido", interessados=[pessoa.UID()]
    )
    assert uids(buscar("", interessado="Joana Quitéria Bezerra")) == [processo.UID()]
    assert uids(buscar("", interessado="joana quiteria bezerra")) == [processo.UID()]
    # natural persons: exact name only, never a word or a part of it
    assert uids(buscar("", interessado="Joana")) == []
    assert uids(buscar("Quitéria")) == []


def test_cpf_no_texto_so_para_quem_le(secretaria):
    from tests.processos.conftest import como
    from validate_docbr import CPF

    portal = secretaria
    cpf = CPF().generate(mask=True)
    processo = novo_processo(portal, especificacao="Requerimento")
    assinar(novo_oficio(processo, texto=_html(f"Requerente CPF {cpf} solicita.")))
    assert uids(buscar(cpf)) == [processo.UID()]
    with como(portal, None):
        assert uids(buscar(cpf)) == []
        item = buscar("requerente").itens[0]
        assert cpf not in item.documentos[0].trecho


def test_abrir_direto_por_nup_e_numero_sei(processos):
    from seimg.pesquisa.api import abrir_direto

    contrato, oficio = processos["contrato"], processos["oficio"]
    digitos = "".join(c for c in contrato.numero if c.isdigit())
    assert abrir_direto(contrato.numero) == contrato
    assert abrir_direto(digitos) == contrato
    assert abrir_direto(oficio.numero_sei) == oficio
    assert abrir_direto("contrato") is None
    assert abrir_direto("99999999999999999") is None


def test_faceta_conta_sem_o_proprio_filtro(processos):
    licitacao, contrato = processos["licitacao"], processos["contrato"]
    q = "piscicultura OU hidropneumática"
    escolhido = buscar(q, tipo_processo=[licitacao.tipo_processo])
    assert len(uids(escolhido)) == 2  # same tipo in this fixture
    outro_tipo = "tipo-inexistente"
    nenhum = buscar(q, tipo_processo=[outro_tipo])
    assert nenhum.total == 0
    # the tipo facet still offers the tipos the other criteria find
    tipos = {f.valor: f.quantidade for f in nenhum.facetas["tipo_processo"]}
    assert tipos == {contrato.tipo_processo: 2}
    # other facets count only what every filter lets through
    assert nenhum.facetas["ano"] == []


def test_consulta_ampla_le_no_maximo_um_limite_de_entradas_legiveis(
    secretaria, monkeypatch
):
    from seimg.pesquisa import api as pesquisa
    from tests.processos.conftest import como

    portal = secretaria
    for n in range(4):
        novo_processo(portal, especificacao=f"Quermesse número {n}")
    sigilosos = [
        novo_processo(portal, nivel="sigiloso", especificacao=f"Quermesse oculta {n}")
        for n in range(6)
    ]
    assert sigilosos
    monkeypatch.setattr(pesquisa, "MAX_LIDAS", 3)
    with como(portal, "gabriela.rocha"):
        ampla = buscar("quermesse")
    assert ampla.ampla
    assert ampla.total == 3  # the first 3 readable ones; hidden ones count nothing
    monkeypatch.setattr(pesquisa, "MAX_LIDAS", 5)
    with como(portal, "gabriela.rocha"):
        inteira = buscar("quermesse")
    assert not inteira.ampla
    assert inteira.total == 4
