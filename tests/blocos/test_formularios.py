"""Bloco forms without dead ends: items found by number or words, units by name.

carlos.mendes acts for CMVS/SECRETARIA, daniel.souza for CMVS/PROCURADORIA,
helena.prado for PMVS/SEMAD (another órgão).
"""

from plone import api
from Products.statusmessages.interfaces import IStatusMessage
from seimg.blocos import api as blocos
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import pytest
import re


CARLOS = ("carlos.mendes", "cmvs/secretaria")
DANIEL = ("daniel.souza", "cmvs/procuradoria")
HELENA = ("helena.prado", "pmvs/semad")


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _pagina(portal, metodo="GET", **form):
    from plone.protect.authenticator import createToken

    request = portal.REQUEST
    request.form.clear()
    request.method = metodo
    request.form.update(form)
    if metodo == "POST":
        request.form["_authenticator"] = createToken()
    request.response.setStatus(200)
    try:
        return api.content.get_view("blocos", portal, request)()
    finally:
        request.form.clear()
        request.method = "GET"


def _achados(html: str) -> list[str]:
    return re.findall(r'<li class="list-group-item[^"]*"\s+data-uid="([^"]+)"', html)


def _formatos(nup: str) -> list[str]:
    """The same NUP written three ways: as shown, digits only, other marks."""
    digitos = re.sub(r"\D", "", nup)
    return [
        nup,
        digitos,
        f"{digitos[:4]} {digitos[4:6]}-{digitos[6:13]}.{digitos[13:]}",
    ]


def test_bloco_de_assinatura_acha_documentos_por_nup_e_numero_sei(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal, especificacao="Reforma do plenário")
        oficio = novo_oficio(processo)
        outro = novo_oficio(novo_processo(portal))
        bloco = blocos.criar(blocos.ASSINATURA, "Ofícios")
        for nup in _formatos(processo.numero):
            html = _pagina(portal, bloco=str(bloco.id), busca=nup)
            assert _achados(html) == [oficio.UID()], nup
        for numero in (oficio.numero_sei, oficio.numero_sei.lstrip("0")):
            html = _pagina(portal, bloco=str(bloco.id), busca=numero)
            assert _achados(html) == [oficio.UID()], numero
        html = _pagina(portal, bloco=str(bloco.id), busca="0000.00.9999999/1999-00")
        assert _achados(html) == []
        assert 'id="seimg-bloco-sem-resultados"' in html
        # The search form works without JS: a GET with a labelled field.
        assert 'method="get"' in html
        assert '<label class="form-label" for="seimg-bloco-item"' in html
        assert "Incluir item (endereço ou UID)" not in html

        # Adding a result says what happened.
        IStatusMessage(portal.REQUEST).show()
        _pagina(portal, "POST", acao="incluir", bloco=str(bloco.id), item=outro.UID())
        assert outro.UID() in bloco.itens
        (mensagem,) = [m.message for m in IStatusMessage(portal.REQUEST).show()][-1:]
        assert mensagem == (f"{blocos._rotulo(outro)} incluído no bloco nº {bloco.id}.")
        # Already there: no longer offered.
        html = _pagina(portal, bloco=str(bloco.id), busca=outro.numero_sei)
        assert _achados(html) == []


def test_bloco_de_reuniao_acha_processos_por_nup_e_palavras(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal, especificacao="Reforma do plenário")
        bloco = blocos.criar(blocos.REUNIAO, "Sessão")
        for nup in _formatos(processo.numero):
            html = _pagina(portal, bloco=str(bloco.id), busca=nup)
            assert _achados(html) == [processo.UID()], nup
        html = _pagina(portal, bloco=str(bloco.id), busca="plenario reforma")
        assert processo.UID() in _achados(html)


def test_busca_nao_mostra_o_que_o_usuario_nao_ve(portal):
    with como(portal, *HELENA):
        sigiloso = novo_processo(portal, nivel="sigiloso", especificacao="Sindicância")
        restrito = novo_processo(portal, nivel="restrito", especificacao="Sindicância")
        oficio = novo_oficio(restrito)
    with como(portal, *CARLOS):
        reuniao = blocos.criar(blocos.REUNIAO, "Sessão")
        assinatura = blocos.criar(blocos.ASSINATURA, "Ofícios")
        for processo in (sigiloso, restrito):
            for nup in _formatos(processo.numero):
                html = _pagina(portal, bloco=str(reuniao.id), busca=nup)
                assert processo.UID() not in _achados(html)
                assert blocos.resolver_item(nup) is None or processo.UID() != (
                    blocos.resolver_item(nup).UID()
                )
        html = _pagina(portal, bloco=str(reuniao.id), busca="Sindicância")
        assert _achados(html) == []
        html = _pagina(portal, bloco=str(assinatura.id), busca=oficio.numero_sei)
        assert _achados(html) == []
        assert blocos.resolver_item(sigiloso.numero) is None
    with como(portal, *HELENA):
        assert blocos.resolver_item(sigiloso.numero) == sigiloso


def test_resolver_item_por_nup_numero_sei_uid_e_endereco(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        oficio = novo_oficio(processo)
        for nup in _formatos(processo.numero):
            assert blocos.resolver_item(nup) == processo
        assert blocos.resolver_item(oficio.numero_sei) == oficio
        assert blocos.resolver_item(oficio.numero_sei.lstrip("0")) == oficio
        assert blocos.resolver_item(oficio.UID()) == oficio
        assert blocos.resolver_item(oficio.absolute_url()) == oficio
        assert blocos.resolver_item("nada disso") is None
        assert blocos.resolver_item("") is None


def test_unidades_por_nome_em_caixas_de_marcar(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        bloco = blocos.criar(blocos.ASSINATURA, "Ofícios")
        blocos.incluir(bloco, novo_oficio(processo))
        html = _pagina(portal, bloco=str(bloco.id))
        assert 'multiple="multiple"' not in html  # no Ctrl-click select
        assert re.search(
            r'<input class="form-check-input" name="destinos:list" type="checkbox"'
            r'[^>]*id="seimg-destino-[0-9a-f]+"',
            html,
        )
        procuradoria = portal["orgaos"]["cmvs"]["procuradoria"]
        rotulo = f"{procuradoria.sigla_completa()} — {procuradoria.nome}"
        assert rotulo in html
        assert 'id="seimg-bloco-destinos-filtro"' in html
        IStatusMessage(portal.REQUEST).show()
        _pagina(
            portal,
            "POST",
            acao="disponibilizar",
            bloco=str(bloco.id),
            **{"destinos": [procuradoria.UID()]},
        )
        assert bloco.estado == blocos.DISPONIBILIZADO
        (mensagem,) = [m.message for m in IStatusMessage(portal.REQUEST).show()][-1:]
        assert mensagem == (
            f"Bloco nº {bloco.id} disponibilizado para {procuradoria.sigla_completa()}."
        )
