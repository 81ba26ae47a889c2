"""REST: blocos (``/@blocos``), pedidos de assinatura and ``/@para-assinar``.

- ``GET /@blocos[?tipo=]``: the acting unit's blocos and those made
  available to it; ``POST /@blocos`` ``{"tipo", "descricao"}`` creates one;
- ``GET /@blocos/<n>``: one bloco with its items;
- ``POST /@blocos/<n>/itens`` ``{"itens": [UID or URL, ...]}`` adds items,
  ``DELETE /@blocos/<n>/itens/<UID>`` removes one;
- ``POST /@blocos/<n>/disponibilizar`` ``{"destinos": [unit UID or sigla
  path]}``, ``/retornar``, ``/concluir``, ``/cancelar-disponibilizacao``;
- ``POST <documento>/@pedir-assinatura`` ``{"usuarios": [...], "mensagem"}``,
  ``GET <documento>/@pedidos-assinatura``;
- ``GET /@para-assinar``: the current user's documents to sign.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.restapi.services import Service
from seimg import _
from seimg.base import reader
from seimg.base.idempotencia import Idempotente
from seimg.base.services import error
from seimg.base.services import ServicoComParametros
from seimg.blocos import api as blocos
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides
import plone.protect.interfaces


def _recusa(request, exc) -> dict:
    status = 403 if isinstance(exc, Forbidden) else 400
    request.response.setStatus(status)
    return {"error": {"type": type(exc).__name__, "message": str(exc)}}


def _data(valor):
    return valor.isoformat() if valor is not None else None


def _sigla(uid):
    unidade = uuidToObject(uid, unrestricted=True) if uid else None
    return unidade.sigla_completa() if unidade is not None else uid


def _item(obj, request) -> dict:
    data = {"UID": obj.UID(), "@type": obj.portal_type}
    if not api.user.has_permission("View", obj=obj):
        return data
    data["@id"] = obj.absolute_url()
    data["estado"] = api.content.get_state(obj, default=None)
    if obj.portal_type == "Processo":
        data["numero"] = obj.numero
        data["especificacao"] = getattr(obj, "especificacao", "") or ""
        return data
    data["titulo"] = blocos._rotulo(obj)
    data["numero_sei"] = obj.numero_sei
    data["processo"] = obj.aq_parent.numero
    try:
        from seimg.assinatura import api as nucleo

        data["assinaturas"] = [
            {"userid": a.userid, "nome": a.nome, "cargo": a.cargo}
            for a in nucleo.assinaturas(obj)
        ]
    except ImportError:  # pragma: no cover
        data["assinaturas"] = []
    return data


def serializar(bloco, request, completo: bool = True) -> dict:
    portal_url = api.portal.get().absolute_url()
    data = {
        "@id": f"{portal_url}/@blocos/{bloco.id}",
        "id": bloco.id,
        "tipo": bloco.tipo,
        "tipo_titulo": translate(blocos.TIPOS[bloco.tipo], context=request),
        "descricao": bloco.descricao,
        "estado": bloco.estado,
        "estado_titulo": translate(blocos.ESTADOS[bloco.estado], context=request),
        "unidade": _sigla(bloco.unidade),
        "destinos": [_sigla(uid) for uid in bloco.destinos],
        "criado_por": bloco.criado_por,
        "criado_em": _data(bloco.criado_em),
        "disponibilizado_em": _data(bloco.disponibilizado_em),
        "retornado_em": _data(bloco.retornado_em),
        "concluido_em": _data(bloco.concluido_em),
        "quantidade": len(bloco.itens),
    }
    if completo:
        data["itens"] = [_item(obj, request) for obj in blocos.itens(bloco)]
    return data


def _anonimo(request):
    if api.user.is_anonymous():
        return error(
            request,
            401,
            "Unauthorized",
            _("bloco_login", default="Log in to use blocks."),
        )
    return None


def resolver_item(valor):
    """A document or process named by its NUP, número SEI, UID or address
    (see :func:`seimg.blocos.api.resolver_item`), or None."""
    return blocos.resolver_item(valor)


class _Traversing(ServicoComParametros):
    def _bloco(self):
        bloco = blocos.obter(self.params[0]) if self.params else None
        if bloco is None or not blocos.pode_ver(bloco):
            return None
        return bloco

    def _nao_encontrado(self):
        return error(
            self.request,
            404,
            "NotFound",
            _(
                "bloco_nao_encontrado",
                default="Block ${bloco} does not exist or you cannot see it.",
                mapping={"bloco": self.params[0] if self.params else ""},
            ),
        )


class BlocosGet(_Traversing):
    def reply(self):
        recusa = _anonimo(self.request)
        if recusa:
            return recusa
        if self.params:
            bloco = self._bloco()
            if bloco is None or len(self.params) > 1:
                return self._nao_encontrado()
            return serializar(bloco, self.request)
        tipo = self.request.form.get("tipo") or None
        try:
            items = blocos.do_usuario_e_unidade(tipo=tipo)
        except Forbidden as exc:
            return _recusa(self.request, exc)
        return {
            "@id": f"{api.portal.get().absolute_url()}/@blocos",
            "items": [serializar(b, self.request, completo=False) for b in items],
            "items_total": len(items),
        }


ACOES = {
    "disponibilizar": None,
    "retornar": blocos.retornar,
    "concluir": blocos.concluir,
    "cancelar-disponibilizacao": blocos.cancelar_disponibilizacao,
}


CORPO_NOVO_BLOCO = {
    "tipo": reader.Choice(required=True, values=tuple(blocos.TIPOS)),
    "descricao": reader.Text(max_length=250, default=""),
}
CORPO_ACAO = {
    "itens": reader.List(item=reader.Text(max_length=300), max_items=200),
    "item": reader.Text(max_length=300),
    "destinos": reader.List(item=reader.Text(max_length=300), max_items=200),
}


class BlocosPost(Idempotente, _Traversing):
    def idempotente(self) -> bool:
        return not self.params  # a new bloco; not the actions on one

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        recusa = _anonimo(self.request)
        if recusa:
            return recusa
        if not self.params:
            data = reader.read_json(self.request, CORPO_NOVO_BLOCO)
            try:
                bloco = blocos.criar(data["tipo"], data["descricao"] or "")
            except (BadRequest, Forbidden) as exc:
                return _recusa(self.request, exc)
            self.request.response.setStatus(201)
            return serializar(bloco, self.request)
        data = reader.read_json(self.request, CORPO_ACAO)
        try:
            if not self.params:
                bloco = blocos.criar(data.get("tipo"), data.get("descricao") or "")
                self.request.response.setStatus(201)
                return serializar(bloco, self.request)
            bloco = self._bloco()
            if bloco is None or len(self.params) != 2:
                return self._nao_encontrado()
            acao = self.params[1]
            if acao == "itens":
                valores = data.get("itens")
                if valores is None and data.get("item"):
                    valores = [data["item"]]
                if not valores or isinstance(valores, str):
                    raise BadRequest(
                        translate(
                            _("bloco_itens_obrigatorio", default="Itens: required."),
                            context=self.request,
                        )
                    )
                for valor in valores:
                    obj = resolver_item(valor)
                    if obj is None:
                        raise BadRequest(
                            translate(
                                _(
                                    "bloco_item_inexistente",
                                    default="Item '${item}' does not exist.",
                                    mapping={"item": str(valor)},
                                ),
                                context=self.request,
                            )
                        )
                    blocos.incluir(bloco, obj)
            elif acao == "disponibilizar":
                destinos = data.get("destinos")
                if isinstance(destinos, str):
                    destinos = [destinos]
                blocos.disponibilizar(bloco, destinos or [])
            elif acao in ACOES:
                ACOES[acao](bloco)
            else:
                return self._nao_encontrado()
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        return serializar(bloco, self.request)


class BlocosDelete(_Traversing):
    """``DELETE /@blocos/<n>/itens/<item>``: the item's UID, número SEI or
    NUP (digits only: a NUP's slash would split the path)."""

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        recusa = _anonimo(self.request)
        if recusa:
            return recusa
        bloco = self._bloco()
        if bloco is None or len(self.params) != 3 or self.params[1] != "itens":
            return self._nao_encontrado()
        uid = self.params[2]
        if uid not in bloco.itens:
            obj = blocos.resolver_item(uid)
            uid = obj.UID() if obj is not None else uid
        try:
            blocos.retirar(bloco, uid)
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        return serializar(bloco, self.request)


def _pedidos(documento, request) -> dict:
    return {
        "@id": f"{documento.absolute_url()}/@pedidos-assinatura",
        "items": [
            {**item, "data": _data(item["data"])}
            for item in blocos.situacao_pedidos(documento)
        ],
    }


CORPO_PEDIR_ASSINATURA = {
    "usuarios": reader.List(
        required=True, item=reader.Text(max_length=200), min_items=1, max_items=50
    ),
    "mensagem": reader.Text(max_length=1000, multiline=True, default=""),
}


class PedirAssinatura(Idempotente, Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = reader.read_json(self.request, CORPO_PEDIR_ASSINATURA)
        try:
            novos = blocos.pedir_assinatura(
                self.context, data["usuarios"], data["mensagem"] or ""
            )
        except (BadRequest, Forbidden) as exc:
            return _recusa(self.request, exc)
        self.request.response.setStatus(201 if novos else 200)
        return {**_pedidos(self.context, self.request), "novos": novos}


class PedidosAssinatura(Service):
    def reply(self):
        return _pedidos(self.context, self.request)


class ParaAssinar(Service):
    def reply(self):
        recusa = _anonimo(self.request)
        if recusa:
            return recusa
        items = []
        for entrada in blocos.para_assinar():
            documento = entrada["documento"]
            items.append(
                {
                    **_item(documento, self.request),
                    "origem": entrada["origem"],
                    "bloco": entrada["bloco"],
                }
            )
        return {
            "@id": f"{api.portal.get().absolute_url()}/@para-assinar",
            "items": items,
            "items_total": len(items),
        }
