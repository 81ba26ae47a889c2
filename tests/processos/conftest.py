"""Helpers to act as demo users of given units in integration tests."""

from contextlib import contextmanager
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from seimg.nivel_acesso.efetivo import SISTEMA
import pytest


ATUAL = "seimg.unidade_atual"


def unidade(portal, caminho: str):
    """``"cmvs/secretaria"`` → the Unidade."""
    orgao, sigla = caminho.split("/")
    return portal["orgaos"][orgao][sigla]


def _esquecer_papeis(request):
    """borg.localrole caches local roles on the request: tests reuse one."""
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(request)
    for key in [k for k in annotations if "borg.localrole" in str(k)]:
        del annotations[key]


@contextmanager
def como(portal, userid: str | None, caminho: str | None = None):
    """Act as ``userid`` for the unit ``caminho`` (anonymous when userid is None)."""
    request = portal.REQUEST
    request.other.pop(ATUAL, None)
    _esquecer_papeis(request)
    if userid is None:
        logout()
    else:
        login(portal, userid)
        if caminho:
            request.other[ATUAL] = unidade(portal, caminho)
    try:
        yield
    finally:
        request.other.pop(ATUAL, None)
        logout()


def tabela(tipo: str, titulo: str) -> str:
    from seimg.tabelas import por_titulo

    return por_titulo(tipo, titulo).UID()


def novo_processo(
    portal, nivel="publico", especificacao="Pedido de informações", **extra
):
    fields = {
        "tipo_processo": tabela(
            "TipoProcesso", extra.pop("tipo", "Acesso à Informação: Pedido (LAI)")
        ),
        "especificacao": especificacao,
        "nivel_acesso": nivel,
    }
    if nivel != "publico":
        fields["hipotese_legal"] = tabela("HipoteseLegal", "Informação Pessoal")
    if nivel == "sigiloso":
        fields["grau_sigilo"] = "reservado"
    fields.update(extra)
    return api.content.create(
        container=portal["processos"], type="Processo", title="processo", **fields
    )


#: The text a clerk writes over the ofício's model (whose fill-in fields
#: signing refuses while unchanged); ``texto=None`` keeps the model.
TEXTO_OFICIO = "<p>Solicitamos informações sobre o transporte escolar.</p>"


def novo_oficio(processo, nivel="publico", **extra):
    from plone.app.textfield.value import RichTextValue

    fields = {
        "tipo_documento": tabela("TipoDocumento", "Ofício"),
        "nivel_acesso": nivel,
        "texto": RichTextValue(TEXTO_OFICIO, "text/html", "text/x-html-safe"),
    }
    if nivel != "publico":
        fields["hipotese_legal"] = tabela("HipoteseLegal", "Informação Pessoal")
    if nivel == "sigiloso":
        fields["grau_sigilo"] = "reservado"
    fields.update(extra)
    return api.content.create(
        container=processo, type="Documento", title="documento", **fields
    )


def assinar(documento):
    """Sign as the system does (the signing feature adds signatures on top)."""
    with api.env.adopt_roles([SISTEMA]):
        api.content.transition(obj=documento, transition="assinar")


@pytest.fixture
def portal(integration):
    return integration["portal"]
