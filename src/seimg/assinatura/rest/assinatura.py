"""``<documento>/@assinar`` and ``<documento>/@assinaturas``.

- ``POST @assinar {"senha", "cargo"}``: sign (authenticate, for a scanned
  external document) as the current user for the acting unit (``X-Unidade``);
- ``DELETE @assinar {"senha"}``: cancel one's own signature;
- ``GET @assinaturas``: the signatures, CRC, código verificador and bloqueio.

Refusals answer ``{"error": {"type", "message"}}`` with 400 or 403 (wrong
passwords are counted by :mod:`seimg.assinatura.falhas`, which locks signing
after too many).
"""

from plone import api
from plone.restapi.services import Service
from seimg.assinatura import api as assinatura
from seimg.base import reader
from seimg.processos.erros import traduzir
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.interface import alsoProvides
import plone.protect.interfaces


def _recusa(request, exc) -> dict:
    status = 403 if isinstance(exc, Forbidden) else 400
    request.response.setStatus(status)
    return {"error": {"type": type(exc).__name__, "message": str(exc)}}


def resumo(documento) -> dict:
    reg = assinatura.registro(documento)
    motivo = assinatura.motivo_bloqueio(documento)
    return {
        "@id": f"{documento.absolute_url()}/@assinaturas",
        "estado": api.content.get_state(documento, default=None),
        "codigo_verificador": assinatura.codigo_verificador(documento),
        "crc": reg.crc if reg is not None else None,
        "sha256": reg.sha256 if reg is not None else None,
        "congelado_em": reg.congelado_em.isoformat() if reg is not None else None,
        "bloqueado": motivo is not None,
        "motivo_bloqueio": traduzir(motivo) if motivo is not None else None,
        "items": [a.json() for a in (reg.assinaturas if reg is not None else [])],
    }


class Assinaturas(Service):
    def reply(self):
        return resumo(self.context)


CORPO_SENHA = {"senha": reader.Text(required=True, max_length=200, strip=False)}
CORPO_ASSINAR = {**CORPO_SENHA, "cargo": reader.Text(max_length=200, default="")}


class Assinar(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = reader.read_json(self.request, CORPO_ASSINAR)
        senha, cargo = data["senha"], data["cargo"]
        try:
            assinatura.assinar(self.context, senha, cargo, self.request)
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        return resumo(self.context)


class CancelarAssinatura(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        senha = reader.read_json(self.request, CORPO_SENHA)["senha"]
        try:
            assinatura.cancelar_assinatura(self.context, self.request, senha=senha)
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        return resumo(self.context)
