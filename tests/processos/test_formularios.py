"""The document add/edit forms: sensible order, no format select, no tipo
chosen for the user, buttons after the fields, messages that say what
happened."""

from plone import api
from Products.statusmessages.interfaces import IStatusMessage
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
from tests.processos.conftest import tabela
import pytest
import re


CARLOS = ("carlos.mendes", "cmvs/secretaria")


@pytest.fixture
def portal(integration):
    return integration["portal"]


def _form(portal, contexto, nome, metodo="GET", **form):
    from plone.protect.authenticator import createToken

    request = portal.REQUEST
    request.form.clear()
    request.method = metodo
    request.form.update(form)
    if metodo == "POST":
        request.form["_authenticator"] = createToken()
    request.response.setStatus(200)
    try:
        return contexto.restrictedTraverse(nome)()
    finally:
        request.form.clear()
        request.method = "GET"


def _campos(html: str) -> list[str]:
    return re.findall(r'id="formfield-form-widgets-([^"]+)"', html)


@pytest.mark.parametrize(
    ("tipo", "ordem"),
    [
        ("Documento", ["tipo_documento", "numero", "nivel_acesso", "texto"]),
        (
            "DocumentoExterno",
            ["tipo_documento", "data_documento", "numero", "nivel_acesso", "arquivo"],
        ),
    ],
)
def test_formulario_de_documento(portal, tipo, ordem):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        html = _form(portal, processo, f"++add++{tipo}")
    campos = _campos(html)
    # tipo, número/data, nível de acesso + hipótese, texto/arquivo, the rest
    nivel = campos.index("nivel_acesso")
    assert campos[: nivel + 1] == ordem[:-1]
    assert campos[nivel + 1 : nivel + 7] == [
        "hipotese_legal",
        "grau_sigilo",
        "data_producao",
        "data_classificacao",
        "evento_termino",
        ordem[-1],
    ]
    # No format dropdown on the text.
    assert "mimeType" not in html
    assert "text/x-web-textile" not in html
    # No tipo chosen for the user: the empty option is the selected one.
    select = re.search(
        r'<select id="form-widgets-tipo_documento".*?</select>', html, re.S
    ).group(0)
    primeira = re.search(r"<option[^>]*>", select).group(0)
    assert 'value="--NOVALUE--"' in primeira
    assert 'selected="selected"' in primeira
    assert select.count('selected="selected"') == 1
    # The buttons close the form: after the last field.
    ultimo = max(m.start() for m in re.finditer(r'id="formfield-form-widgets-', html))
    assert html.index('name="form.buttons.save"') > ultimo


def test_tipo_obrigatorio_em_portugues(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        antes = len(processo.objectIds())
        html = _form(
            portal,
            processo,
            "++add++Documento",
            "POST",
            **{
                "form.widgets.tipo_documento": ["--NOVALUE--"],
                "form.widgets.nivel_acesso": ["publico"],
                "form.buttons.save": "Salvar",
            },
        )
        assert len(processo.objectIds()) == antes
        campo = re.search(
            r'id="formfield-form-widgets-tipo_documento".*?id="formfield-', html, re.S
        ).group(0)
        assert "Dado obrigatório não informado" in campo
        assert "Required input is missing" not in html


def test_mensagens_de_criado_e_salvo(portal):
    with como(portal, *CARLOS):
        processo = novo_processo(portal)
        IStatusMessage(portal.REQUEST).show()
        _form(
            portal,
            processo,
            "++add++Documento",
            "POST",
            **{
                "form.widgets.tipo_documento": [tabela("TipoDocumento", "Ofício")],
                "form.widgets.nivel_acesso": ["publico"],
                "form.widgets.hipotese_legal": ["--NOVALUE--"],
                "form.widgets.grau_sigilo": ["--NOVALUE--"],
                "form.buttons.save": "Salvar",
            },
        )
        (documento,) = [
            d for d in processo.objectValues() if d.portal_type == "Documento"
        ]
        mensagens = [m.message for m in IStatusMessage(portal.REQUEST).show()]
        assert mensagens[-1:] == [
            f"{documento.Title()} ({documento.numero_sei}) criado."
        ]
        assert "Ofício" in mensagens[-1]

        oficio = novo_oficio(processo)
        IStatusMessage(portal.REQUEST).show()
        _form(
            portal,
            oficio,
            "edit",
            "POST",
            **{
                "form.widgets.tipo_documento": [oficio.tipo_documento],
                "form.widgets.nivel_acesso": ["publico"],
                "form.widgets.hipotese_legal": ["--NOVALUE--"],
                "form.widgets.grau_sigilo": ["--NOVALUE--"],
                "form.buttons.save": "Salvar",
            },
        )
        mensagens = [m.message for m in IStatusMessage(portal.REQUEST).show()]
        assert mensagens[-1:] == [f"{oficio.Title()} ({oficio.numero_sei}) salvo."]
        assert api.content.get_state(oficio) == "minuta"
