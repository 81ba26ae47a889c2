"""The Orgao page: its units as a tree and, for its administrators, its users.

Administrators grant and remove perfis here, and deactivate or reactivate
units (the ``seimg_unidade_workflow`` transitions).
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from seimg import _
from seimg.base.brasil import cpf_valido
from seimg.organizacao import estrutura
from seimg.organizacao import perfis
from seimg.organizacao import usuarios
from zope.i18n import translate


class OrgaoView(BrowserView):
    def __call__(self):
        if self.request.method == "POST" and self.pode_gerenciar():
            CheckAuthenticator(self.request)
            self.processar()
        return self.index()

    def pode_gerenciar(self) -> bool:
        return api.user.has_permission("seimg: Gerenciar usuarios", obj=self.context)

    def perfis(self):
        return [
            {"id": key, "title": translate(label, context=self.request)}
            for key, label in perfis.PERFIS.items()
        ]

    def arvore(self):
        return [
            {
                "unidade": unidade,
                "depth": depth,
                "estado": api.content.get_state(unidade),
                "membros": len(perfis.membros(unidade)),
            }
            for depth, unidade in estrutura.arvore(self.context)
        ]

    def usuarios(self):
        unidades = {u.UID(): u for u in self.context.unidades()}
        result = []
        for userid, por_unidade in sorted(
            perfis.membros_do_orgao(self.context).items()
        ):
            lotacoes = [
                (unidades[uid], sorted(held)) for uid, held in por_unidade.items()
            ]
            user = api.user.get(userid=userid)
            if user is None:
                continue
            result.append(
                {
                    "login": user.getUserName(),
                    "nome": user.getProperty("fullname"),
                    "lotacoes": sorted(lotacoes, key=lambda x: x[0].sigla_completa()),
                }
            )
        return result

    def _message(self, message, type_="info"):
        api.portal.show_message(message, request=self.request, type=type_)

    def processar(self):
        form = self.request.form
        acao = form.get("acao")
        unidade = next(
            (u for u in self.context.unidades() if u.UID() == form.get("unidade")), None
        )
        if unidade is None:
            self.request.response.setStatus(400)
            return self._message(
                _("unidade_invalida", default="Choose a unit."), "error"
            )
        if acao in ("desativar", "reativar"):
            api.content.transition(obj=unidade, transition=acao)
            return self._message(_("unidade_atualizada", default="Unit updated."))
        login = (form.get("login") or "").strip().lower()
        perfil = form.get("perfil")
        if perfil not in perfis.PERFIS or not login:
            self.request.response.setStatus(400)
            return self._message(
                _("perfil_invalido", default="Give a login and a perfil."), "error"
            )
        user = api.user.get(username=login)
        if acao == "revogar":
            if user is not None:
                with api.env.adopt_roles(["Manager"]):
                    perfis.revogar(user.getId(), unidade, perfil)
            return self._message(_("perfil_revogado", default="Perfil removed."))
        if user is None:
            nome = (form.get("nome") or "").strip()
            email = (form.get("email") or "").strip()
            cpf = (form.get("cpf") or "").strip()
            if not (nome and email and cpf_valido(cpf)) or usuarios.por_cpf(cpf):
                self.request.response.setStatus(400)
                return self._message(
                    _(
                        "usuario_novo_invalido",
                        default="A new user needs a name, an e-mail and a valid CPF "
                        "not used by anyone else.",
                    ),
                    "error",
                )
            with api.env.adopt_roles(["Manager"]):
                user, _created = usuarios.salvar(login, nome, email, cpf, [])
                usuarios.convidar(user)
        with api.env.adopt_roles(["Manager"]):
            perfis.conceder(user.getId(), unidade, perfil)
        self._message(_("perfil_concedido", default="Perfil granted."))
