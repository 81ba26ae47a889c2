"""Numeração on the demo site: NUPs, números SEI, document numbers, masks."""

from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from seimg.base.errors import InvalidInput
from seimg.content.orgao import IOrgao
from seimg.content.orgao import MASCARA_SEIMG
from seimg.numeracao import atual
from seimg.numeracao import formatar_numero_documento
from seimg.numeracao import mascara_do_orgao
from seimg.numeracao import numero_documento
from seimg.numeracao import numero_sei
from seimg.numeracao import NumeroInvalido
from seimg.numeracao import nup
from seimg.numeracao import validar_nup
from seimg.numeracao import ValorForaDaMascara
from seimg.numeracao.digitos import mod97_10
from seimg.numeracao.mascara import ano_atual
from seimg.numeracao.mascara import MascaraInvalida
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.schema import getValidationErrors
import pytest
import re


@pytest.fixture
def seplag(integration):
    return integration["portal"]["orgaos"]["seplag"]


def test_demo_orgaos_masks_are_valid(integration):
    orgaos = integration["portal"]["orgaos"]
    assert len(orgaos.objectIds()) >= 3
    for orgao in orgaos.objectValues():
        campo = IOrgao["mascara_processo"].bind(orgao)
        campo.validate(orgao.mascara_processo)
        erros = dict(getValidationErrors(IOrgao, orgao))
        assert "mascara_processo" not in erros
    assert orgaos["seplag"].mascara_processo == MASCARA_SEIMG


def test_nup_of_seplag(seplag):
    ano = ano_atual()
    chave = f"nup/{seplag.UID()}/{ano}"
    antes = atual(chave)
    primeiro = nup(seplag, seplag["gab"])
    encontrado = re.fullmatch(rf"1500\.01\.(\d{{7}})/{ano}-(\d\d)", primeiro)
    assert encontrado, primeiro
    assert int(encontrado.group(1)) == antes + 1
    digitos = re.sub(r"\D", "", primeiro[:-3])
    assert encontrado.group(2) == mod97_10(digitos)
    validar_nup(seplag, primeiro)

    # the órgão's sequence: another unit continues it
    segundo = nup(seplag, seplag["dcsc"])
    assert segundo.startswith(f"1500.02.{antes + 2:07d}/{ano}-")
    validar_nup(seplag, segundo)
    assert atual(chave) == antes + 2


def test_nup_restarts_each_year(seplag):
    assert nup(seplag, seplag["gab"], ano=2031).startswith("1500.01.0000001/2031-")
    assert nup(seplag, seplag["gab"], ano=2031).startswith("1500.01.0000002/2031-")
    assert nup(seplag, seplag["gab"], ano=2032).startswith("1500.01.0000001/2032-")


def test_nup_per_unit_sequence(seplag):
    seplag.mascara_processo = "{orgao:4}.{unidade:2}.{sequencial_unidade:5}/{ano}"
    assert nup(seplag, seplag["gab"], 2030) == "1500.01.00001/2030"
    assert nup(seplag, seplag["dcsc"], 2030) == "1500.02.00001/2030"
    assert nup(seplag, seplag["gab"], 2030) == "1500.01.00002/2030"


def test_nup_with_a_code_too_wide_consumes_nothing(seplag):
    seplag.mascara_processo = "{orgao:3}.{sequencial:5}/{ano}-{dv:mod11}"
    chave = f"nup/{seplag.UID()}/2030"
    with pytest.raises(ValorForaDaMascara) as info:
        nup(seplag, seplag["gab"], 2030)
    assert atual(chave) == 0
    texto = translate(info.value.args[0], target_language="pt_BR")
    assert "1500" in texto
    assert "código do órgão" in texto


def test_validar_nup_legacy_numbers(seplag):
    validar_nup(seplag, "1500.01.0069235/2025-73")
    with pytest.raises(NumeroInvalido) as info:
        validar_nup(seplag, "1500.01.0069235/2025-74")
    assert info.value.motivo == "dv"
    texto = translate(info.value.args[0], target_language="pt_BR")
    assert "dígitos verificadores" in texto
    assert "OOOO.UU.SSSSSSS/AAAA-DD" in texto

    with pytest.raises(NumeroInvalido) as info:
        validar_nup(seplag, "52402.009002/2024-11")  # a federal number
    assert info.value.motivo == "formato"
    texto = translate(info.value.args[0], target_language="pt_BR")
    assert "não segue o formato OOOO.UU.SSSSSSS/AAAA-DD" in texto


def test_numero_sei(integration):
    antes = atual("sei")
    primeiro = numero_sei()
    assert re.fullmatch(r"\d{7,}", primeiro)
    assert int(primeiro) == antes + 1
    assert int(numero_sei()) == antes + 2


def test_document_numbers(seplag):
    gab, dcsc = seplag["gab"], seplag["dcsc"]
    assert numero_documento("anual_unidade", "tipo-oficio", dcsc, 2026) == 1
    assert numero_documento("anual_unidade", "tipo-oficio", dcsc, 2026) == 2
    assert numero_documento("anual_unidade", "tipo-oficio", gab, 2026) == 1
    assert numero_documento("anual_unidade", "tipo-oficio", dcsc, 2027) == 1
    assert numero_documento("anual_unidade", "tipo-memorando", dcsc, 2026) == 1
    assert numero_documento("sequencial_unidade", "tipo-x", dcsc, 2026) == 1
    assert numero_documento("sequencial_unidade", "tipo-x", dcsc, 2027) == 2
    assert numero_documento("anual_orgao", "tipo-portaria", dcsc, 2026) == 1
    assert numero_documento("anual_orgao", "tipo-portaria", gab, 2026) == 2
    assert numero_documento("sequencial_orgao", "tipo-p", gab, 2026) == 1
    assert numero_documento("sequencial_orgao", "tipo-p", dcsc, 2099) == 2
    assert numero_documento("nenhuma", "tipo-despacho", dcsc) is None
    assert numero_documento("informada", "tipo-externo", dcsc) is None
    assert atual(f"doc/tipo-oficio/{dcsc.UID()}/2026") == 2
    assert atual(f"doc/tipo-p/{seplag.UID()}/-") == 2
    with pytest.raises(ValueError, match="mensal"):
        numero_documento("mensal", "tipo-x", dcsc)

    f = formatar_numero_documento
    assert f("Ofício", 12, "anual_unidade", dcsc, 2026) == (
        "Ofício nº 12/2026/SEPLAG/DCSC"
    )
    assert f("Memorando", 7, "sequencial_unidade", dcsc) == (
        "Memorando nº 7/SEPLAG/DCSC"
    )
    assert f("Portaria", 3, "anual_orgao", gab, 2026) == "Portaria nº 3/2026/SEPLAG"
    assert f("Portaria", 3, "sequencial_orgao", gab) == "Portaria nº 3/SEPLAG"
    assert f("Ofício", f"{ano_atual()}", "anual_unidade", gab).endswith(
        f"/{ano_atual()}/SEPLAG/GAB"
    )


def test_saving_a_bad_mask_is_refused(seplag, integration):
    request = integration["request"]
    with pytest.raises(MascaraInvalida):
        IOrgao["mascara_processo"].bind(seplag).validate("{orgao:4}.{ano}")

    deserializer = getMultiAdapter((seplag, request), IDeserializeFromJson)
    with api.env.adopt_roles(["Manager"]):
        with pytest.raises(InvalidInput) as info:
            deserializer(data={"mascara_processo": "{orgao:4}.{unidade:2}/{ano}"})
        assert [campo for campo, _m in info.value.campos] == ["mascara_processo"]
        assert seplag.mascara_processo == MASCARA_SEIMG

        federal = "{unidade:5}.{sequencial:6}/{ano}-{dv:mod11}"
        deserializer(data={"mascara_processo": federal})
    assert seplag.mascara_processo == federal
    assert mascara_do_orgao(seplag).algoritmo == "mod11"


def test_mask_error_messages_in_portuguese():
    casos = {
        "{orgao:4}.{x}.{sequencial:7}/{ano}": "desconhecido",
        "{orgao:4}.{unidade:2}/{ano}": "sequencial",
        "{orgao:4}.{sequencial:7}": "{ano}",
        "{sequencial:7}-{dv:mod97}/{ano}": "último",
        "{ano}{ano}{sequencial:3}": "mais de uma vez",
        "{orgao}.{sequencial:7}/{ano}": "dígitos",
    }
    for mascara, trecho in casos.items():
        with pytest.raises(MascaraInvalida) as info:
            IOrgao["mascara_processo"].validate(mascara)
        texto = translate(info.value.args[0], target_language="pt_BR")
        assert trecho in texto, (mascara, texto)
        assert texto != info.value.args[0].default


def test_documento_numerado_numa_so_alocacao(integration, monkeypatch):
    """A new Documento's número SEI and its type's number are allocated
    together (one side commit per document, see numeracao.alocar)."""
    from plone.app.testing import login
    from seimg import numeracao
    from seimg.numeracao import contadores
    from seimg.processos.api import criar_documento
    from seimg.processos.api import criar_processo
    from seimg.tabelas import por_titulo

    portal = integration["portal"]
    login(portal, "carlos.mendes")
    processo = criar_processo(
        tipo_processo=por_titulo(
            "TipoProcesso", "Acesso à Informação: Pedido (LAI)"
        ).UID(),
        especificacao="Pedido",
    )
    chamadas = []
    original = contadores.alocar

    def espiar(passos, holder=None):
        if "cmfuid" not in passos:  # versioning ids: blocks, see test_contadores
            chamadas.append(dict(passos))
        return original(passos, holder)

    monkeypatch.setattr(numeracao, "alocar", espiar)
    oficio = por_titulo("TipoDocumento", "Ofício")
    documento = criar_documento(processo, tipo_documento=oficio.UID())
    assert len(chamadas) == 1, chamadas
    assert set(chamadas[0]) == {"sei", next(k for k in chamadas[0] if k != "sei")}
    chave_tipo = next(k for k in chamadas[0] if k != "sei")
    assert chave_tipo.startswith(f"doc/{oficio.UID()}/")
    assert documento.numero == str(atual(chave_tipo))
    assert int(documento.numero_sei) == atual("sei")
    assert documento.numero_formatado.startswith(f"Ofício nº {documento.numero}/")


def test_outro_alocador_registrado(integration):
    """A deployment's allocator (e.g. PostgreSQL sequences) replaces the ZODB
    counters for every number without touching the callers."""
    from seimg import numeracao
    from zope.component import getGlobalSiteManager

    class Sequencias:
        def __init__(self):
            self.valores = {}

        def alocar(self, passos, holder=None):
            for chave, passo in passos.items():
                self.valores[chave] = self.valores.get(chave, 1000) + passo
            return {chave: self.valores[chave] for chave in passos}

    alocador = Sequencias()
    gsm = getGlobalSiteManager()
    gsm.registerUtility(alocador, numeracao.IAlocadorNumeros)
    try:
        antes = atual("sei")
        assert numero_sei() == "0001001"
        assert numeracao.proximo("sei") == 1002
        assert atual("sei") == antes  # the ZODB counter untouched
    finally:
        gsm.unregisterUtility(alocador, numeracao.IAlocadorNumeros)
    assert int(numero_sei()) == antes + 1
