"""``<processo>/@andamentos``: read the history, add a free-text update.

GET lists entries (``?resumido=true``, ``?unidade=<uid>``); POST
``{"texto": ...}`` adds an "atualização de andamento". PATCH, PUT and DELETE
(also on ``@andamentos/<anything>``) always answer 405: entries can never be
changed or removed, not even by a Manager.
"""

from plone.restapi.services import Service
from seimg import _
from seimg.andamentos import api as andamentos
from seimg.andamentos.browser import validar_texto
from seimg.base import reader
from seimg.base.idempotencia import Idempotente
from seimg.base.services import error
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
import plone.protect.interfaces
import transaction


VERDADEIRO = ("1", "true", "sim", "on", "yes")


def serializar(andamento, request, completo: bool = True) -> dict:
    """One entry; ``completo`` False drops people and free attributes."""
    from seimg.andamentos import visiveis

    unidade = None
    if andamento.unidade_uid:
        unidade = {
            "uid": andamento.unidade_uid,
            "sigla": andamento.unidade_sigla,
            "nome": andamento.unidade_nome,
        }
    usuario = None
    if andamento.usuario_id and completo:
        usuario = {"id": andamento.usuario_id, "nome": andamento.usuario_nome}
    return {
        "id": str(andamento.id),
        "data": andamento.data.isoformat(),
        "tipo": andamento.tipo,
        "resumido": andamento.resumido,
        "descricao": visiveis.descrever_andamento(andamento, completo, request),
        "atributos": andamento.atributos if completo else {},
        "unidade": unidade,
        "usuario": usuario,
    }


class AndamentosGet(Service):
    def reply(self):
        form = self.request.form
        from seimg.andamentos import visiveis

        resumido = str(form.get("resumido", "")).lower() in VERDADEIRO
        unidade = form.get("unidade") or None
        lista, completo = visiveis.visiveis(
            self.context,
            resumido=resumido,
            unidade_uid=unidade if isinstance(unidade, str) else None,
        )
        items = [serializar(andamento, self.request, completo) for andamento in lista]
        return {
            "@id": f"{self.context.absolute_url()}/@andamentos",
            "items": items,
            "items_total": len(items),
        }


CORPO_ANDAMENTO = {
    "texto": reader.Text(required=True, max_length=1000, multiline=True),
    "confirmar_dados_pessoais": reader.Boolean(default=False),
}


class AndamentosPost(Idempotente, Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        dados = reader.read_json(self.request, CORPO_ANDAMENTO)
        texto = dados["texto"]
        problema = validar_texto(texto, dados["confirmar_dados_pessoais"])
        if problema is not None:
            return error(self.request, 400, "BadRequest", problema, campo="texto")
        andamento = andamentos.registrar(
            self.context, "atualizacao_andamento", texto=texto.strip()
        )
        self.request.response.setStatus(201)
        return serializar(andamento, self.request)


@implementer(IPublishTraverse)
class AndamentosImutaveis(Service):
    """PATCH, PUT and DELETE: always 405, whoever asks."""

    def publishTraverse(self, request, name):
        return self  # @andamentos/<anything> is refused the same way

    def reply(self):
        transaction.doom()
        self.request.response.setHeader("Allow", "GET, POST")
        return error(
            self.request,
            405,
            "MethodNotAllowed",
            _(
                "andamentos_imutaveis",
                default="Andamentos cannot be changed or deleted.",
            ),
        )
