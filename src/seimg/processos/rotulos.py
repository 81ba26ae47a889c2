"""Labels the processo and documento pages share: levels, states, dates, tables.

Every label is an i18n message (English default, pt-BR in the catalog), so
templates render them with ``i18n:translate`` or ``translate()``.
"""

from datetime import date
from datetime import datetime
from plone import api
from seimg import _
from seimg.nivel_acesso import niveis
from zope.i18n import translate
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
import unicodedata
import zoneinfo


FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")

#: Formats of an external document (the DocumentoExterno field ``formato``).
FORMATOS = SimpleVocabulary(
    [
        SimpleTerm(
            "nato_digital", title=_("formato_nato_digital", default="Born digital")
        ),
        SimpleTerm("digitalizado", title=_("formato_digitalizado", default="Scanned")),
    ]
)

#: nível → (message, Bootstrap badge class)
NIVEIS = {
    niveis.PUBLICO: (_("marcador_publico", default="Public"), "bg-success"),
    niveis.RESTRITO: (
        _("marcador_restrito", default="Restricted"),
        "bg-warning text-dark",
    ),
    niveis.SIGILOSO: (_("marcador_sigiloso", default="Secret"), "bg-danger"),
}

#: estado do documento → (message, Bootstrap badge class)
ESTADOS = {
    "minuta": (_("marcador_minuta", default="Draft"), "bg-secondary"),
    "assinado": (_("marcador_assinado", default="Signed"), "bg-primary"),
    "cancelado": (_("marcador_cancelado", default="Cancelled"), "bg-dark"),
    "externo": (_("marcador_externo", default="External"), "bg-info text-dark"),
}


def sem_acentos(texto: str) -> str:
    """Lower-case ``texto`` without accents, for accent-insensitive filters."""
    decomposto = unicodedata.normalize("NFKD", texto or "")
    return "".join(c for c in decomposto if not unicodedata.combining(c)).lower()


def nivel(valor: str | None, request) -> dict:
    """``{"id", "titulo", "classe"}`` of an access level."""
    valor = valor if valor in NIVEIS else niveis.PUBLICO
    message, classe = NIVEIS[valor]
    return {
        "id": valor,
        "titulo": translate(message, context=request),
        "classe": classe,
    }


def estado_documento(documento) -> str:
    """minuta, assinado, cancelado or externo (a registered external document)."""
    state = api.content.get_state(documento, default=None)
    if state == "cancelado":
        return "cancelado"
    if documento.portal_type == "DocumentoExterno":
        return "externo"
    return state if state in ESTADOS else "minuta"


def estado(documento, request) -> dict:
    """``{"id", "titulo", "classe"}`` of a document's state marker."""
    valor = estado_documento(documento)
    message, classe = ESTADOS[valor]
    return {
        "id": valor,
        "titulo": translate(message, context=request),
        "classe": classe,
    }


def titulo_tabela(uid: str | None) -> str:
    """The title of a table item (tipo, hipótese legal, contato…), or ''."""
    from seimg.tabelas import obter

    item = obter(uid) if uid else None
    if item is None:
        return ""
    completo = getattr(item, "titulo_completo", None)
    return completo() if callable(completo) else (item.title or "")


def data_hora(valor) -> str:
    """``dd/mm/aaaa hh:mm`` in Brasília time; ``dd/mm/aaaa`` for dates."""
    if valor is None:
        return ""
    if isinstance(valor, datetime):
        if valor.tzinfo is not None:
            valor = valor.astimezone(FUSO)
        return valor.strftime("%d/%m/%Y %H:%M")
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    return str(valor)


def nome_usuario(userid: str | None) -> str:
    if not userid:
        return ""
    user = api.user.get(userid=userid)
    if user is None:
        return userid
    return user.getProperty("fullname") or user.getUserName() or userid
