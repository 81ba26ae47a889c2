"""Conferir autenticidade: the public check of código verificador + CRC.

Anyone (no login) may check a signed document with its código verificador
(the número SEI) and CRC, printed in the validation stamp. :func:`conferir`
answers one of:

- ``autentico``: the codes match the current frozen rendering, which is
  intact (:func:`seimg.assinatura.api.verificar`);
- ``cancelado``: the same, but the document was cancelled (``data_cancelamento``);
- ``nao_confere``: unknown código, wrong CRC, unsigned document, a document
  of a sigiloso process (for anyone but its credential holders) or a
  rendering that fails the tamper check. The reason is never told, so that
  the answer cannot be used to enumerate documents.

What is shown follows the access level: the frozen rendering only for
documents of public processes; for restrito/sigiloso ones only that it is
authentic, its type, number and date and the signatures (names, cargos,
dates), never the content nor the signers' CPF.

The page (``@@conferir-autenticidade``) and the REST endpoint
(``GET /@autenticidade``) are rate limited per client address by
:class:`JanelaDeslizante` (settings ``seimg.autenticidade.*`` in the
registry, :class:`IAutenticidadeSettings`). The window is kept in the store
of access limits (:mod:`seimg.acesso.limites`), outside the ZODB, shared by
the Zope processes using the same store and kept across restarts.
``X-Forwarded-For`` is only believed when the direct peer is a trusted
proxy: one of the registry's ``proxies_confiaveis`` or, without them, one of
Zope's ``trusted-proxy`` addresses (``request.getClientAddr()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg.acesso import limites
from seimg.acesso.api import normalizar_endereco
from zope import schema
from zope.interface import Interface
import hmac
import ipaddress
import logging
import re
import sqlite3


logger = logging.getLogger(__name__)

REGISTRY_PREFIX = "seimg.autenticidade"
LIMITE_PADRAO = 30
JANELA_PADRAO = 60

AUTENTICO = "autentico"
CANCELADO = "cancelado"
NAO_CONFERE = "nao_confere"

_CRC = re.compile(r"^[0-9A-F]{8}$")
_CV = re.compile(r"^[0-9]{1,20}$")


class IAutenticidadeSettings(Interface):
    """Rate limit of the public authenticity check (records seimg.autenticidade.*)."""

    limite = schema.Int(
        title=_("autenticidade_limite_titulo", default="Checks per client"),
        description=_(
            "autenticidade_limite_descricao",
            default="How many authenticity checks one client address may make "
            "within the window; more are refused (HTTP 429).",
        ),
        default=LIMITE_PADRAO,
        min=1,
    )
    janela_segundos = schema.Int(
        title=_("autenticidade_janela_titulo", default="Window (seconds)"),
        default=JANELA_PADRAO,
        min=1,
    )
    proxies_confiaveis = schema.List(
        title=_("autenticidade_proxies_titulo", default="Trusted proxies"),
        description=_(
            "autenticidade_proxies_descricao",
            default="Addresses or networks (CIDR) of reverse proxies whose "
            "X-Forwarded-For header is believed.",
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )


def _config(name: str, default):
    try:
        value = api.portal.get_registry_record(
            f"{REGISTRY_PREFIX}.{name}", default=None
        )
    except Exception:  # no site (scripts) or no record yet
        value = None
    return default if value is None else value


# --- rate limit ----------------------------------------------------------


class JanelaDeslizante:
    """A sliding-window counter per key, kept in a store of access limits.

    ``loja`` is an :class:`seimg.acesso.limites.ILimiteStore`, or a callable
    returning the one to use at each call; without it, a private in-memory
    store. When the store fails the check is allowed (and logged).
    """

    def __init__(self, loja=None, tipo: str = "autenticidade"):
        self._loja = limites.MemoriaStore() if loja is None else loja
        self.tipo = tipo

    def _store(self):
        return self._loja() if callable(self._loja) else self._loja

    def permitir(
        self, chave: str, limite: int, janela: float, agora: float | None = None
    ) -> bool:
        """Count one event for ``chave``; False when over ``limite`` per ``janela``."""
        agora = limites.agora() if agora is None else agora
        try:
            return self._store().tentar(self.tipo, chave, agora, janela, limite)
        except (sqlite3.Error, OSError):
            logger.exception("Authenticity rate limit: the store failed")
            return True

    def limpar(self) -> None:
        self._store().limpar((self.tipo,))


JANELA = JanelaDeslizante(limites.loja)


def _na_lista(endereco: str, redes) -> bool:
    try:
        ip = ipaddress.ip_address(endereco.strip())
    except ValueError:
        return False
    for rede in redes:
        try:
            if ip in ipaddress.ip_network(str(rede).strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def endereco_cliente(request, proxies=None) -> str:
    """The client's address: the peer, or X-Forwarded-For behind trusted proxies.

    Walking ``X-Forwarded-For`` from the right, the first address that is not
    a trusted proxy is the client (a client can forge the left part only).
    """
    proxies = list(_config("proxies_confiaveis", []) if proxies is None else proxies)
    peer = (request.environ.get("REMOTE_ADDR") or "").strip()
    if not proxies or not _na_lista(peer, proxies):
        # Zope's own trusted-proxy setting (zope.conf) decides then.
        obter = getattr(request, "getClientAddr", None)
        return (obter() if obter is not None else None) or peer or "desconhecido"
    cabecalho = request.getHeader("X-Forwarded-For") or ""
    cadeia = [item.strip() for item in cabecalho.split(",") if item.strip()]
    for endereco in reversed(cadeia):
        if not _na_lista(endereco, proxies):
            return endereco
    return cadeia[0] if cadeia else peer


def permitido(request) -> bool:
    """Count one check for the request's client; False when over the limit."""
    cliente = normalizar_endereco(endereco_cliente(request))
    ok = JANELA.permitir(
        cliente,
        int(_config("limite", LIMITE_PADRAO)),
        float(_config("janela_segundos", JANELA_PADRAO)),
    )
    if not ok:
        logger.warning("Authenticity check rate limit exceeded by %s", cliente)
    return ok


def mensagem_limite():
    return _(
        "autenticidade_limite_excedido",
        default="Too many checks from your address. Please wait a minute and "
        "try again.",
    )


# --- the check -----------------------------------------------------------


@dataclass
class Resultado:
    resultado: str
    documento: object | None = None
    registro: object | None = None
    data_cancelamento: datetime | None = None
    publico: bool = False
    assinaturas: list[dict] = field(default_factory=list)

    @property
    def confere(self) -> bool:
        return self.resultado != NAO_CONFERE


def normalizar_cv(cv: str | None) -> str:
    return re.sub(r"\s", "", cv or "")


def normalizar_crc(crc: str | None) -> str:
    return re.sub(r"\s", "", crc or "").upper()


def _buscar(cv: str):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(numero_sei=cv):
        obj = brain._unrestrictedGetObject()
        if getattr(obj, "numero_sei", None) == cv:
            return obj
    return None


def _processo(documento):
    from seimg.interfaces import IProcesso

    parent = documento.aq_parent
    return parent if IProcesso.providedBy(parent) else None


def acesso_publico(documento) -> bool:
    """Whether the law lets anyone read the document's content."""
    from seimg.nivel_acesso import niveis

    if api.content.get_state(documento, default=None) == "cancelado":
        return False  # a cancelled document's content is unreadable (divulgacao.md)
    processo = _processo(documento)
    niveis_ = [getattr(documento, "nivel_acesso", None)]
    if processo is not None:
        niveis_.append(getattr(processo, "nivel_efetivo", None))
    return all(n in (None, niveis.PUBLICO) for n in niveis_)


def _campo(assinatura, nome: str):
    if isinstance(assinatura, dict):
        return assinatura.get(nome)
    return getattr(assinatura, nome, None)


def _assinaturas(registro) -> list[dict]:
    """Names, cargos, units and dates only: never the signers' CPF."""
    return [
        {
            "nome": _campo(a, "nome") or _campo(a, "userid"),
            "cargo": _campo(a, "cargo"),
            "unidade": _campo(a, "unidade_sigla"),
            "data": _campo(a, "data"),
        }
        for a in (registro.assinaturas or [])
    ]


def conferir(cv: str | None, crc: str | None) -> Resultado:
    """Check código verificador + CRC (see the module docstring)."""
    from seimg.assinatura import api as assinatura

    cv, crc = normalizar_cv(cv), normalizar_crc(crc)
    if not _CV.match(cv) or not _CRC.match(crc):
        return Resultado(NAO_CONFERE)
    documento = _buscar(cv)
    if documento is None:
        return Resultado(NAO_CONFERE)
    from seimg.divulgacao import api as divulgacao

    if divulgacao.oculto(documento):
        # Sigiloso (or otherwise hidden from this viewer): the one neutral
        # answer unknown codes get, so codes cannot be probed (divulgacao.md).
        return Resultado(NAO_CONFERE)
    registro = assinatura.registro(documento)
    if registro is None or not registro.assinaturas:
        return Resultado(NAO_CONFERE)
    if not hmac.compare_digest(str(registro.crc).upper(), crc):
        return Resultado(NAO_CONFERE)
    if not assinatura.verificar(documento):
        logger.warning("Authenticity check: document %s fails the tamper check", cv)
        return Resultado(NAO_CONFERE)
    estado = api.content.get_state(documento, default=None)
    resultado = CANCELADO if estado == "cancelado" else AUTENTICO
    return Resultado(
        resultado,
        documento=documento,
        registro=registro,
        data_cancelamento=getattr(documento, "data_cancelamento", None)
        if resultado == CANCELADO
        else None,
        publico=acesso_publico(documento),
        assinaturas=_assinaturas(registro),
    )


# --- presentation (shared by the page and REST) ------------------------------


def _em_brasilia(data):
    if data is None:
        return None
    from seimg.assinatura.tarjas import em_brasilia

    if data.tzinfo is None:
        from datetime import UTC

        data = data.replace(tzinfo=UTC)
    return em_brasilia(data)


def _titulo_tabela(uid):
    obj = uuidToObject(uid, unrestricted=True) if uid else None
    return obj.Title() if obj is not None else None


def dados_documento(resultado: Resultado) -> dict | None:
    """What may be told about the document (plain data, no objects)."""
    from seimg.processos.numerar import titulo_documento

    documento = resultado.documento
    if documento is None:
        return None
    from seimg.assinatura.renderizacao import orgao_do_documento
    from seimg.assinatura.renderizacao import unidade_geradora

    unidade = unidade_geradora(documento)
    orgao = orgao_do_documento(documento)
    criado = documento.created()
    data = getattr(documento, "data_documento", None)
    if data is None and criado is not None:
        data = criado.asdatetime().date()
    dados = {
        "numero_sei": documento.numero_sei,
        "titulo": titulo_documento(documento),
        "tipo": _titulo_tabela(getattr(documento, "tipo_documento", None)),
        "numero": getattr(documento, "numero_formatado", None)
        or getattr(documento, "numero", None),
        "data": data.isoformat() if data else None,
        "orgao": {"sigla": orgao.sigla, "nome": orgao.nome} if orgao else None,
        "unidade": unidade.sigla_completa() if unidade is not None else None,
        "acesso_publico": resultado.publico,
        "sha256": getattr(resultado.registro, "sha256", None),
    }
    if resultado.data_cancelamento is not None:
        dados["data_cancelamento"] = _em_brasilia(
            resultado.data_cancelamento
        ).isoformat()
    if resultado.publico:
        dados["html"] = getattr(resultado.registro, "html", None)
    if pdf_publico(resultado):
        dados["pdf"] = url_pdf(documento.numero_sei, resultado.registro.crc)
    return dados


def pdf_publico(resultado: Resultado) -> bool:
    """Whether anyone may download the sealed PDF (authentic and public)."""
    return (
        resultado.resultado == AUTENTICO
        and resultado.publico
        and bool(getattr(resultado.registro, "html", None))
    )


def url_pdf(cv: str, crc: str) -> str:
    """The public link to the sealed PDF of a checked document."""
    from urllib.parse import urlencode

    consulta = urlencode({"cv": cv, "crc": crc})
    return f"{api.portal.get().absolute_url()}/@@conferir-autenticidade-pdf?{consulta}"


def assinaturas_json(resultado: Resultado) -> list[dict]:
    return [
        dict(a, data=_em_brasilia(a["data"]).isoformat() if a["data"] else None)
        for a in resultado.assinaturas
    ]


def como_json(resultado: Resultado) -> dict:
    return {
        "resultado": resultado.resultado,
        "documento": dados_documento(resultado),
        "assinaturas": assinaturas_json(resultado),
    }
