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
from seimg.brasil import cpf_valido
from seimg.brasil import digitos
from seimg.organizacao import atual
from seimg.organizacao import perfis
from seimg.organizacao import usuarios
from seimg.services.organizacao.utils import body
from seimg.services.organizacao.utils import error
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


class UsuariosPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = body(self.request)
        login = (data.get("login") or "").strip().lower()
        unidade = atual.resolver(data.get("unidade") or "")
        perfil = data.get("perfil")
        problems = []
        if not login:
            problems.append("login")
        if unidade is None or unidade.aq_parent.UID() != self.context.UID():
            problems.append("unidade")
        if perfil not in perfis.PERFIS:
            problems.append("perfil")
        if servicos.e_servico(login):
            # A service account is created by @contas-servico, belongs to
            # one órgão and never administers it.
            if servicos.conta(self.context, login) is None:
                problems.append("login")
            if perfil in servicos.PERFIS_VEDADOS:
                problems.append("perfil")
        user = api.user.get(username=login) if login else None
        if user is None:
            for campo in ("nome", "email", "cpf"):
                if not (data.get(campo) or "").strip():
                    problems.append(campo)
            if data.get("cpf") and not cpf_valido(data["cpf"]):
                problems.append("cpf")
            dono = usuarios.por_cpf(data.get("cpf") or "") if data.get("cpf") else None
            if dono is not None:
                problems.append("cpf")
        if problems:
            return error(
                self.request,
                400,
                "BadRequest",
                _(
                    "usuario_dados_invalidos",
                    default="Missing or invalid fields: ${campos}.",
                    mapping={"campos": ", ".join(dict.fromkeys(problems))},
                ),
                campos=list(dict.fromkeys(problems)),
            )
        created = user is None
        with api.env.adopt_roles(["Manager"]):
            if created:
                user, _created = usuarios.salvar(
                    login,
                    data["nome"],
                    data["email"],
                    digitos(data["cpf"]),
                    data.get("cargos") or [],
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
