"""``@acervo-sigilosos``: the acting unit's acervo de sigilosos over REST.

- ``GET @acervo-sigilosos``: the unit's sigiloso processes (NUP, tipo,
  credential holders) for holders of the perfil "Acervo de sigilosos";
- ``POST @acervo-sigilosos/<UID>`` ``{"senha"}``: activate a credencial for
  oneself (201, the item).
"""

from seimg import _
from seimg.acervo import api as acervo
from seimg.base import reader
from seimg.base.services import ServicoComParametros
from seimg.organizacao.atual import unidade_atual
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides
import plone.protect.interfaces


def item_json(item, request) -> dict:
    return {
        "UID": item.uid,
        "numero": item.numero,
        "tipo": item.tipo,
        "ativa": item.ativa,
        "titulares": [
            {
                "usuario": titular.usuario,
                "nome": titular.nome,
                "desde": titular.desde.isoformat() if titular.desde else None,
            }
            for titular in item.titulares
        ],
    }


def _erro(request, status, tipo, mensagem) -> dict:
    request.response.setStatus(status)
    return {"error": {"type": tipo, "message": translate(mensagem, context=request)}}


def _recusa(request, exc) -> dict:
    status = 403 if isinstance(exc, Forbidden) else 400
    tipo = "Forbidden" if status == 403 else "BadRequest"
    return _erro(request, status, tipo, str(exc))


class AcervoGet(ServicoComParametros):
    def reply(self):
        try:
            itens = acervo.processos(unidade_atual(self.request))
        except Forbidden as exc:
            return _recusa(self.request, exc)
        return {
            "@id": f"{self.context.absolute_url()}/@acervo-sigilosos",
            "items": [item_json(item, self.request) for item in itens],
            "items_total": len(itens),
        }


CORPO = {"senha": reader.Text(required=True, max_length=200, strip=False)}


class AcervoPost(ServicoComParametros):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        unidade = unidade_atual(self.request)
        try:
            acervo.exigir(unidade)
            processo = (
                acervo.processo_do_acervo(unidade, self.params[0])
                if len(self.params) == 1
                else None
            )
            if processo is None:
                return _erro(
                    self.request,
                    404,
                    "NotFound",
                    _(
                        "acervo_processo_inexistente",
                        default="Não há esse processo no acervo de sigilosos da "
                        "unidade.",
                    ),
                )
            senha = reader.read_json(self.request, CORPO)["senha"]
            item = acervo.ativar_credencial(unidade, processo, senha, self.request)
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        self.request.response.setStatus(201)
        return item_json(item, self.request)
