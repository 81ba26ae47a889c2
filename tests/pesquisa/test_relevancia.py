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
    licitacao = novo_processo(portal, especificacao="Licitações da merenda escolar")
    contrato = novo_processo(portal, especificacao="Contrato de manutenção predial")
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
