"""Blocos and pedidos de assinatura in the Classic UI.

- ``@@blocos`` (site root): the acting unit's blocos and those made
  available to it, a form to create one; ``?bloco=<n>`` opens one (its
  items and the actions its state allows);
- ``@@blocos-documento`` (documents): the fragment the document page shows:
  "Incluir em bloco", "Pedir assinatura" and who was asked / signed;
- ``@@para-assinar`` (site root): the current user's documents to sign.

Forms post back to the same view (CSRF-checked); the rules and messages are
those of :mod:`seimg.blocos`.
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.blocos import api as blocos
from seimg.organizacao.atual import unidade_atual
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate


def _mensagem(request, message, type_="info"):
    api.portal.show_message(message, request=request, type=type_)


def _sigla(uid):
    unidade = uuidToObject(uid, unrestricted=True) if uid else None
    return unidade.sigla_completa() if unidade is not None else uid


def _rotulo_item(obj) -> str:
    """ "Ofício nº 3/2026 (0000123)" or "Processo 2101.02.0000012/2026-31"."""
    if obj.portal_type == "Processo":
        return f"Processo {obj.numero}"
    return blocos._rotulo(obj)


def _nome_usuario(login: str) -> str:
    user = api.user.get(username=login) or api.user.get(userid=login)
    return (user.getProperty("fullname", "") or login) if user is not None else login


def _data(valor) -> str:
    if valor is None:
        return ""
    from seimg.assinatura import tarjas

    return tarjas.em_brasilia(valor).strftime("%d/%m/%Y %H:%M")


def _unidades() -> list[dict]:
    catalog = api.portal.get_tool("portal_catalog")
    result = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Unidade"):
        unidade = brain._unrestrictedGetObject()
        if getattr(unidade, "ativa", True):
            sigla = unidade.sigla_completa()
            nome = getattr(unidade, "nome", None) or ""
            result.append(
                {
                    "uid": unidade.UID(),
                    "sigla": sigla,
                    "nome": nome,
                    "rotulo": f"{sigla} — {nome}" if nome else sigla,
                    "id": f"seimg-destino-{unidade.UID()}",
                }
            )
    return sorted(result, key=lambda item: item["sigla"])


class _Base(BrowserView):
    def t(self, message) -> str:
        return translate(message, context=self.request)

    def _executar(self, acao, sucesso) -> bool:
        """Run ``acao``; say ``sucesso`` (a message, or a function giving it
        once the action ran) or the refusal."""
        try:
            acao()
        except (BadRequest, Forbidden) as exc:
            _mensagem(self.request, str(exc), "error")
            return False
        _mensagem(self.request, self.t(sucesso() if callable(sucesso) else sucesso))
        return True


class BlocosView(_Base):
    """``@@blocos``: list, create and open blocos."""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            destino = self._post()
            self.request.response.redirect(destino)
            return ""
        return self.index()

    def _url(self, bloco=None) -> str:
        base = f"{self.context.absolute_url()}/@@blocos"
        return f"{base}?bloco={bloco.id}" if bloco is not None else base

    def _post(self) -> str:
        form = self.request.form
        acao = form.get("acao")
        if acao == "criar":
            criado = []

            def criar():
                criado.append(blocos.criar(form.get("tipo"), form.get("descricao", "")))

            ok = self._executar(
                criar,
                lambda: _(
                    "bloco_criado_msg",
                    default="Block ${bloco} created.",
                    mapping={"bloco": criado[0].nome},
                ),
            )
            return self._url(criado[0] if ok else None)
        bloco = blocos.obter(form.get("bloco"))
        if bloco is None or not blocos.pode_ver(bloco):
            _mensagem(
                self.request,
                self.t(
                    _(
                        "bloco_nao_encontrado",
                        default="Block ${bloco} does not exist or you cannot see it.",
                        mapping={"bloco": str(form.get("bloco", ""))},
                    )
                ),
                "error",
            )
            return self._url()
        nome = {"bloco": bloco.nome}
        if acao == "incluir":
            incluido = []

            def incluir():
                obj = blocos.resolver_item(form.get("item"))
                if obj is None:
                    raise BadRequest(
                        self.t(
                            _(
                                "bloco_item_inexistente",
                                default="Item '${item}' does not exist.",
                                mapping={"item": str(form.get("item", ""))},
                            )
                        )
                    )
                blocos.incluir(bloco, obj)
                incluido.append(_rotulo_item(obj))

            self._executar(
                incluir,
                lambda: _(
                    "bloco_item_incluido_msg",
                    default="${item} added to block ${bloco}.",
                    mapping={**nome, "item": incluido[0]},
                ),
            )
        elif acao == "retirar":
            uid = form.get("uid", "")
            obj = blocos._objeto(uid) if isinstance(uid, str) and uid else None
            rotulo = _rotulo_item(obj) if obj is not None else str(uid)
            self._executar(
                lambda: blocos.retirar(bloco, uid),
                _(
                    "bloco_item_retirado_msg",
                    default="${item} removed from block ${bloco}.",
                    mapping={**nome, "item": rotulo},
                ),
            )
        elif acao == "disponibilizar":
            destinos = form.get("destinos") or []
            if isinstance(destinos, str):
                destinos = [destinos]
            self._executar(
                lambda: blocos.disponibilizar(bloco, destinos),
                lambda: _(
                    "bloco_disponibilizado_para_msg",
                    default="Block ${bloco} made available to ${unidades}.",
                    mapping={
                        **nome,
                        "unidades": ", ".join(_sigla(u) for u in bloco.destinos),
                    },
                ),
            )
        elif acao == "retornar":
            self._executar(
                lambda: blocos.retornar(bloco),
                _(
                    "bloco_retornado_para_msg",
                    default="Block ${bloco} returned to ${unidade}.",
                    mapping={**nome, "unidade": _sigla(bloco.unidade)},
                ),
            )
            if bloco.estado == blocos.RETORNADO:
                return self._url()
        elif acao == "concluir":
            self._executar(
                lambda: blocos.concluir(bloco),
                _(
                    "bloco_concluido_nome_msg",
                    default="Block ${bloco} concluded.",
                    mapping=nome,
                ),
            )
        elif acao == "cancelar":
            self._executar(
                lambda: blocos.cancelar_disponibilizacao(bloco),
                _(
                    "bloco_cancelado_nome_msg",
                    default="Block ${bloco} is no longer available to other units.",
                    mapping=nome,
                ),
            )
        return self._url(bloco)

    def unidade(self) -> str:
        unidade = unidade_atual()
        return unidade.sigla_completa() if unidade is not None else ""

    def tipos(self) -> list[dict]:
        return [{"id": k, "titulo": self.t(v)} for k, v in blocos.TIPOS.items()]

    def _resumo(self, bloco) -> dict:
        unidade = unidade_atual()
        dono = unidade is not None and unidade.UID() == bloco.unidade
        return {
            "id": bloco.id,
            "url": self._url(bloco),
            "tipo": self.t(blocos.TIPOS[bloco.tipo]),
            "tipo_id": bloco.tipo,
            "descricao": bloco.descricao,
            "estado": self.t(blocos.ESTADOS[bloco.estado]),
            "estado_id": bloco.estado,
            "unidade": _sigla(bloco.unidade),
            "destinos": ", ".join(_sigla(uid) for uid in bloco.destinos),
            "quantidade": len(bloco.itens),
            "dono": dono,
            "destino": unidade is not None and unidade.UID() in bloco.destinos,
            "criado_em": _data(bloco.criado_em),
        }

    def lista(self) -> list[dict]:
        return [self._resumo(b) for b in blocos.do_usuario_e_unidade()]

    def bloco(self) -> dict | None:
        bloco = blocos.obter(self.request.form.get("bloco"))
        if bloco is None or not blocos.pode_ver(bloco):
            return None
        data = self._resumo(bloco)
        data["itens"] = [self._item(obj) for obj in blocos.itens(bloco)]
        editavel = bloco.estado in (blocos.ABERTO, blocos.RETORNADO)
        data["pode_editar"] = data["dono"] and editavel
        data["pode_disponibilizar"] = (
            data["pode_editar"] and bloco.tipo != blocos.INTERNO and bool(bloco.itens)
        )
        data["pode_concluir"] = data["pode_editar"]
        data["pode_cancelar"] = data["dono"] and bloco.estado == blocos.DISPONIBILIZADO
        data["pode_retornar"] = data["destino"] and bloco.estado == (
            blocos.DISPONIBILIZADO
        )
        return data

    def _item(self, obj) -> dict:
        visivel = bool(api.user.has_permission("View", obj=obj))
        item = {
            "uid": obj.UID(),
            "visivel": visivel,
            "url": "",
            "titulo": "",
            "processo": "",
            "estado": "",
            "assinaturas": "",
        }
        if not visivel:
            return item
        item["url"] = obj.absolute_url()
        item["estado"] = api.content.get_state(obj, default="") or ""
        if obj.portal_type == "Processo":
            item["titulo"] = obj.numero
            item["processo"] = getattr(obj, "especificacao", "") or ""
            return item
        item["titulo"] = blocos._rotulo(obj)
        item["processo"] = obj.aq_parent.numero
        try:
            from seimg.assinatura import api as nucleo

            item["assinaturas"] = ", ".join(
                f"{a.nome} ({a.cargo})" for a in nucleo.assinaturas(obj)
            )
        except ImportError:  # pragma: no cover
            pass
        return item

    def unidades(self) -> list[dict]:
        """Active units but the acting one, "SIGLA — Nome", to make the
        block available to (checkboxes, filtered by name in the page)."""
        unidade = unidade_atual()
        propria = unidade.UID() if unidade is not None else None
        return [u for u in _unidades() if u["uid"] != propria]

    @property
    def busca(self) -> str:
        valor = self.request.form.get("busca", "")
        return valor.strip()[:200] if isinstance(valor, str) else ""

    def resultados(self) -> list[dict] | None:
        """What ``?busca=`` finds that may enter the open block (None: no
        search asked)."""
        if not self.busca:
            return None
        bloco = blocos.obter(self.request.form.get("bloco"))
        if bloco is None or not blocos.pode_ver(bloco):
            return []
        from seimg.processos import localizar

        return [
            localizar.descrever(obj) for obj in blocos.candidatos(bloco, self.busca)
        ]


class BlocosDocumentoView(_Base):
    """``@@blocos-documento``: the document page's blocos/pedidos fragment."""

    def __call__(self):
        # Also rendered inside the document page, whatever that request is.
        proprio = self.request.get("ACTUAL_URL", "").endswith("blocos-documento")
        if self.request.method == "POST" and proprio:
            CheckAuthenticator(self.request)
            self._post()
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()

    def _post(self):
        form = self.request.form
        acao = form.get("acao")
        if acao == "incluir":
            bloco = blocos.obter(form.get("bloco"))

            def incluir():
                if bloco is None or not blocos.pode_ver(bloco):
                    raise BadRequest(
                        self.t(
                            _(
                                "bloco_nao_encontrado",
                                default="Block ${bloco} does not exist or you "
                                "cannot see it.",
                                mapping={"bloco": str(form.get("bloco", ""))},
                            )
                        )
                    )
                blocos.incluir(bloco, self.context)

            self._executar(
                incluir,
                lambda: _(
                    "bloco_item_incluido_msg",
                    default="${item} added to block ${bloco}.",
                    mapping={"item": _rotulo_item(self.context), "bloco": bloco.nome},
                ),
            )
        elif acao == "pedir":
            texto = form.get("usuarios", "") or ""
            texto = texto if isinstance(texto, str) else ""
            usuarios = [u.strip() for u in texto.replace(";", ",").split(",")]
            usuarios = [u for u in usuarios if u]
            self._executar(
                lambda: blocos.pedir_assinatura(
                    self.context, usuarios, form.get("mensagem", "")
                ),
                lambda: _(
                    "pedido_assinatura_enviado_msg",
                    default="Signature of ${documento} requested from ${usuarios}.",
                    mapping={
                        "documento": _rotulo_item(self.context),
                        "usuarios": ", ".join(_nome_usuario(u) for u in usuarios),
                    },
                ),
            )

    def da_unidade(self) -> bool:
        unidade = unidade_atual()
        return unidade is not None and (
            getattr(self.context, "unidade_geradora", None) == unidade.UID()
        )

    def cancelado(self) -> bool:
        return api.content.get_state(self.context, default=None) == "cancelado"

    def blocos_abertos(self) -> list[dict]:
        if not self.da_unidade() or self.cancelado():
            return []
        uid = self.context.UID()
        return [
            {
                "id": b.id,
                "titulo": f"{b.id} — {b.descricao}" if b.descricao else str(b.id),
            }
            for b in blocos.do_usuario_e_unidade(tipo=blocos.ASSINATURA)
            if b.estado in (blocos.ABERTO, blocos.RETORNADO)
            and uid not in b.itens
            and b.unidade == unidade_atual().UID()
        ]

    def nos_blocos(self) -> list[dict]:
        url = f"{api.portal.get().absolute_url()}/@@blocos?bloco="
        result = []
        for id in blocos._refs(self.context):
            bloco = blocos.obter(id)
            if bloco is not None and blocos.pode_ver(bloco):
                result.append(
                    {
                        "id": bloco.id,
                        "url": f"{url}{bloco.id}",
                        "estado": self.t(blocos.ESTADOS[bloco.estado]),
                    }
                )
        return result

    def pedidos(self) -> list[dict]:
        return [
            {**item, "data": _data(item["data"])}
            for item in blocos.situacao_pedidos(self.context)
        ]


class ParaAssinarView(_Base):
    """``@@para-assinar``: documents waiting for the current user's signature."""

    def items(self) -> list[dict]:
        result = []
        for entrada in blocos.para_assinar():
            documento = entrada["documento"]
            result.append(
                {
                    "url": documento.absolute_url(),
                    "titulo": blocos._rotulo(documento),
                    "processo": documento.aq_parent.numero,
                    "origem": entrada["origem"],
                    # Why signing it now would be refused (template fields
                    # unchanged, empty body…), said before anyone tries.
                    "recusa": entrada.get("recusa"),
                    "bloco": entrada["bloco"],
                    "bloco_url": (
                        f"{api.portal.get().absolute_url()}/@@blocos?bloco="
                        f"{entrada['bloco']}"
                        if entrada["bloco"]
                        else ""
                    ),
                }
            )
        return result
