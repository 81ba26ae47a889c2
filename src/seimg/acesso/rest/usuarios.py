"""``<orgao>/@usuarios``: the órgão's users and their perfis per unit.

GET lists them; POST gives a perfil in a unit (creating and inviting the
user when new); DELETE ``/@usuarios/<login>`` removes a perfil
(``?unidade=&perfil=``) or, without parameters, every perfil in this órgão.
Only the órgão's administrators (and site managers) may call them.
"""

from plone import api
from plone.restapi.services import Service
from seimg import _
from seimg.acesso import servicos
from seimg.base import reader
from seimg.base.brasil import cpf_valido
from seimg.base.brasil import digitos
from seimg.base.errors import InvalidInput
from seimg.base.idempotencia import Idempotente
from seimg.base.services import error
from seimg.organizacao import atual
from seimg.organizacao import perfis
from seimg.organizacao import usuarios
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
import plone.protect.interfaces


class UsuariosGet(Service):
    def reply(self):
        unidades = {u.UID(): u for u in self.context.unidades()}
        items = []
        for userid, lotacoes in sorted(perfis.membros_do_orgao(self.context).items()):
            user = api.user.get(userid=userid)
            if user is None:
                continue
            items.append(
                {
                    "login": user.getUserName(),
                    "nome": user.getProperty("fullname"),
                    "email": user.getProperty("email"),
                    "cpf": user.getProperty("cpf"),
                    "cargos": list(user.getProperty("cargos") or ()),
                    "lotacoes": [
                        {
                            "unidade": unidades[uid].sigla_completa(),
                            "UID": uid,
                            "perfis": sorted(held),
                        }
                        for uid, held in sorted(
                            lotacoes.items(),
                            key=lambda item: unidades[item[0]].sigla_completa(),
                        )
                    ],
                }
            )
        return {"@id": f"{self.context.absolute_url()}/@usuarios", "items": items}


CORPO_USUARIO = {
    "login": reader.Text(required=True, max_length=64),
    "unidade": reader.Text(required=True, max_length=300),
    "perfil": reader.Text(required=True, max_length=50),
    "nome": reader.Text(max_length=200, default=""),
    "email": reader.Text(max_length=200, default=""),
    "cpf": reader.Text(max_length=20, default=""),
    "cargos": reader.List(item=reader.Text(max_length=200), max_items=20, default=[]),
}


class UsuariosPost(Idempotente, Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = reader.read_json(self.request, CORPO_USUARIO)
        login = (data["login"] or "").strip().lower()
        unidade = atual.resolver(data["unidade"] or "")
        perfil = data["perfil"]
        problemas = {}  # campo → message (first problem of each field)

        def problema(campo, mensagem):
            problemas.setdefault(campo, mensagem)

        if not login:
            problema("login", _("usuario_login_vazio", default="Informe o login."))
        if unidade is None or unidade.aq_parent.UID() != self.context.UID():
            problema(
                "unidade",
                _("usuario_unidade", default="Escolha uma unidade deste órgão."),
            )
        if perfil not in perfis.PERFIS:
            problema(
                "perfil",
                _(
                    "usuario_perfil",
                    default="Perfil desconhecido. Use um destes: ${perfis}.",
                    mapping={"perfis": ", ".join(perfis.PERFIS)},
                ),
            )
        if servicos.e_servico(login):
            # A service account is created by @contas-servico, belongs to
            # one órgão and never administers it.
            if servicos.conta(self.context, login) is None:
                problema(
                    "login",
                    _(
                        "usuario_servico_alheio",
                        default="Não há essa conta de serviço neste órgão.",
                    ),
                )
            if perfil in servicos.PERFIS_VEDADOS:
                problema(
                    "perfil",
                    _(
                        "servico_perfil_invalido",
                        default="Perfil não permitido a uma conta de serviço.",
                    ),
                )
        user = api.user.get(username=login) if login else None
        if user is None:
            for campo in ("nome", "email", "cpf"):
                if not (data[campo] or "").strip():
                    problema(
                        campo,
                        _(
                            "usuario_novo_campo",
                            default="Obrigatório para um usuário novo.",
                        ),
                    )
            if data["cpf"] and not cpf_valido(data["cpf"]):
                problema("cpf", _("usuario_cpf_invalido", default="CPF inválido."))
            dono = usuarios.por_cpf(data["cpf"]) if data["cpf"] else None
            if dono is not None:
                problema(
                    "cpf",
                    _(
                        "usuario_cpf_em_uso",
                        default="Este CPF já é de outro usuário.",
                    ),
                )
        if problemas:
            raise InvalidInput(list(problemas.items()))
        created = user is None
        with api.env.adopt_roles(["Manager"]):
            if created:
                user, _created = usuarios.salvar(
                    login,
                    data["nome"],
                    data["email"],
                    digitos(data["cpf"]),
                    data["cargos"] or [],
                )
                usuarios.convidar(user)
            perfis.conceder(user.getId(), unidade, perfil)
        self.request.response.setStatus(201 if created else 200)
        return {
            "login": user.getUserName(),
            "unidade": unidade.sigla_completa(),
            "perfis": sorted(perfis.perfis_em(user.getId(), unidade)),
            "criado": created,
        }


@implementer(IPublishTraverse)
class UsuariosDelete(Service):
    login = None

    def publishTraverse(self, request, name):
        self.login = name
        return self

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        user = api.user.get(username=self.login or "")
        if user is None:
            return error(
                self.request,
                404,
                "NotFound",
                _(
                    "usuario_inexistente",
                    default="Unknown user: ${login}",
                    mapping={"login": self.login or ""},
                ),
            )
        pedida = self.request.form.get("unidade")
        alvo = atual.resolver(pedida) if pedida else None
        if pedida and (alvo is None or alvo.aq_parent.UID() != self.context.UID()):
            return error(
                self.request,
                404,
                "NotFound",
                _(
                    "unidade_inexistente",
                    default="Unknown unit in this órgão: ${unidade}",
                    mapping={"unidade": pedida},
                ),
            )
        perfil = self.request.form.get("perfil")
        with api.env.adopt_roles(["Manager"]):
            for unidade in [alvo] if alvo is not None else self.context.unidades():
                for held in perfis.perfis_em(user.getId(), unidade):
                    if perfil is None or held == perfil:
                        perfis.revogar(user.getId(), unidade, held)
        self.request.response.setStatus(204)
        return None
