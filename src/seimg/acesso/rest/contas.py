"""REST surfaces: ``@login`` and ``@users/<login>/reset-password`` throttled,
and ``@bloqueios`` (GET, DELETE) for órgão administrators.

``@login`` answers a refused attempt with 429, ``Retry-After`` and a
Portuguese message, without checking the password; attempts on logins the
site does not know are counted like wrong passwords. Password-reset requests
are counted per address and get the same answer whether or not the login
exists.
"""

from plone import api
from plone.restapi import _ as _restapi
from plone.restapi.services.auth.login import Login
from plone.restapi.services.users.add import UsersPost
from seimg import _
from seimg.acesso import api as acesso
from seimg.acesso import limites
from seimg.acesso import servicos
from seimg.base import reader
from seimg.base.errors import InvalidInput
from seimg.base.services import ServicoComParametros
from smtplib import SMTPException
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.interface import alsoProvides
import logging
import plone.protect.interfaces


logger = logging.getLogger("seimg.acesso")


def _recusar(request, recusa) -> dict:
    agora = limites.agora()
    request.response.setStatus(429)
    request.response.setHeader("Retry-After", str(recusa.segundos(agora)))
    return {
        "error": {
            "type": "TentativasDemais",
            "message": translate(acesso.mensagem(recusa, agora), context=request),
        }
    }


class LoginLimitado(Login):
    """plone.restapi's ``@login``, throttled per login and client address."""

    def reply(self):
        dados = reader.read_json(self.request, CREDENCIAIS)
        login = dados["login"]
        endereco = acesso.endereco(self.request)
        # plone.restapi's JWT plugin already hands these credentials to PAS
        # while the request is traversed: the plugin may have decided.
        feita = acesso.tentativa(self.request, login, dados["password"])
        if feita is not None:
            recusa = feita.recusa
        else:
            recusa = acesso.verificar(login, endereco)
        if recusa is not None:
            if feita is None:
                acesso.recusado(login, endereco, recusa)
            return _recusar(self.request, recusa)
        resultado = super().reply()
        status = self.request.response.getStatus()
        if status == 200:
            acesso.acertou(login, endereco)
        elif status == 401:
            if not acesso.tratado(self.request, login):
                # The PAS plugin did not see it: count it all the same.
                acesso.falhou(login, endereco)
            resultado["error"]["message"] = translate(
                _("login_incorreto", default="Login ou senha incorretos."),
                context=self.request,
            )
        return resultado


CREDENCIAIS = {
    "login": reader.Text(required=True, max_length=200),
    "password": reader.Text(required=True, max_length=1000, strip=False),
}
PEDIDO_DE_SENHA = {
    "reset_token": reader.Text(max_length=200),
    "old_password": reader.Text(max_length=1000, strip=False),
    "new_password": reader.Text(max_length=1000, strip=False),
}


class UsersPostLimitado(UsersPost):
    """plone.restapi's ``POST @users``; ``reset-password`` counted and uniform."""

    def reply(self):
        if self.params and not (
            len(self.params) == 2 and self.params[1] == "reset-password"
        ):
            raise NotFound()  # plone.restapi raised a bare Exception (500)
        if len(self.params) == 2 and self.params[1] == "reset-password":
            alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
            recusa = acesso.pedido_de_senha(acesso.endereco(self.request))
            if recusa is not None:
                return _recusar(self.request, recusa)
            dados = {
                nome: valor
                for nome, valor in reader.read_json(
                    self.request, PEDIDO_DE_SENHA
                ).items()
                if valor is not None
            }
            alvo = self._get_user_by_login_name(self.params[0])
            if not dados:
                return self._pedir_nova_senha(alvo)
            if alvo is None:
                return self._como_se_existisse(dados)
        return super().reply()

    def _pedir_nova_senha(self, alvo):
        """Mail a reset link when the login exists; the same answer otherwise."""
        if alvo is None:
            logger.info(
                "Acesso: pedido de nova senha para login inexistente %r a partir de %s",
                self.params[0],
                acesso.endereco(self.request),
            )
            return None
        registro = api.portal.get_tool("portal_registration")
        try:
            registro.mailPassword(self.params[0], self.request)
        except Unauthorized:
            if not api.user.has_permission("Mail forgotten password", obj=registro):
                raise  # disabled for everyone: say so to everyone
            logger.info("Acesso: %s não pode trocar a senha", self.params[0])
        except (ValueError, SMTPException) as exc:
            logger.info(
                "Acesso: nova senha para %s não enviada: %s", self.params[0], exc
            )
        return None

    def _como_se_existisse(self, dados):
        """Answer a reset for an unknown login as for a known one (no 404)."""
        token = dados.get("reset_token")
        antiga = dados.get("old_password")
        nova = dados.get("new_password")
        if token and antiga:
            return self._error(
                400,
                "Invalid parameters",
                _restapi("You can't use 'reset_token' and 'old_password' together."),
            )
        if token and not nova:
            return self._error(
                400,
                "Invalid parameters",
                _restapi("If you pass 'reset_token' you have to pass 'new_password'"),
            )
        if antiga and not nova:
            return self._error(
                400,
                "Invalid parameters",
                _restapi("If you pass 'old_password' you have to pass 'new_password'"),
            )
        if token:
            return self._error(
                403,
                "Unknown Token",
                _restapi("The reset_token is unknown/not valid."),
            )
        if antiga and not (self.can_manage_users or self.can_set_own_password):
            return self._error(
                403,
                "Not allowed",
                _restapi("You can't set a password without a password reset token."),
            )
        return self._error(
            403,
            "Wrong user",
            _restapi(
                "You need to be logged in as the user '${username}' to set the "
                "password.",
                mapping={"username": self.params[0]},
            ),
        )


# --- @bloqueios ---------------------------------------------------------------


def _item(contexto, item) -> dict:
    bloqueio = item["bloqueio"]
    return {
        "@id": f"{contexto.absolute_url()}/@bloqueios/{item['login']}",
        "login": item["login"],
        "userid": item["userid"],
        "nome": item["nome"],
        "tipo": bloqueio.tipo,
        "desde": bloqueio.desde.isoformat(timespec="seconds"),
        "ate": bloqueio.ate.isoformat(timespec="seconds"),
        "motivo": bloqueio.motivo,
    }


def _usuarios(contexto):
    """The órgão's users; None (every lock) on the site root."""
    if getattr(contexto, "portal_type", None) == "Orgao":
        return acesso.usuarios_do_orgao(contexto)
    return None


class BloqueiosGet(ServicoComParametros):
    """``GET @bloqueios``: the locks of the órgão's users (of all, on the site)."""

    def reply(self):
        itens = acesso.bloqueios_de(_usuarios(self.context))
        if self.params:
            itens = [i for i in itens if i["login"] == self.params[0]]
        return {
            "@id": f"{self.context.absolute_url()}/@bloqueios",
            "items": [_item(self.context, item) for item in itens],
            "items_total": len(itens),
        }


class BloqueiosDelete(ServicoComParametros):
    """``DELETE @bloqueios/<login>``: clear that user's locks (logged)."""

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        if len(self.params) != 1:
            return _erro(
                self.request,
                400,
                "BadRequest",
                _(
                    "bloqueios_login_na_url",
                    default="Informe o login na URL: @bloqueios/<login>.",
                ),
            )
        login = self.params[0]
        itens = [
            i
            for i in acesso.bloqueios_de(_usuarios(self.context))
            if i["login"] == login
        ]
        if not itens:
            return _erro(
                self.request,
                404,
                "NotFound",
                _(
                    "bloqueios_nenhum",
                    default="Não há bloqueio em vigor para ${login} aqui.",
                    mapping={"login": login},
                ),
            )
        por = api.user.get_current().getUserName()
        acesso.liberar(login, itens[0]["userid"], por)
        return self.reply_no_content()


def _erro(request, status, tipo, mensagem) -> dict:
    request.response.setStatus(status)
    return {"error": {"type": tipo, "message": translate(mensagem, context=request)}}


# --- @contas-servico ----------------------------------------------------------


def _conta_json(orgao, conta, segredo=None) -> dict:
    from seimg.organizacao import perfis

    item = {
        "@id": f"{orgao.absolute_url()}/@contas-servico/{conta.login}",
        "login": conta.login,
        "nome": conta.nome,
        "criada_por": conta.criada_por,
        "criada_em": conta.criada_em.isoformat(timespec="seconds"),
        "segredo_em": conta.segredo_em.isoformat(timespec="seconds"),
        "lotacoes": [
            {
                "unidade": lotacao.unidade.sigla_completa(),
                "UID": lotacao.unidade.UID(),
                "perfis": sorted(lotacao.perfis),
            }
            for lotacao in perfis.lotacoes(conta.login, ativas=False)
        ],
    }
    if segredo is not None:
        item["segredo"] = segredo
    return item


def _sem_cache(request) -> None:
    request.response.setHeader("Cache-Control", "no-store")


class ContasServicoGet(ServicoComParametros):
    """``GET <orgao>/@contas-servico[/<login>]``: the órgão's service accounts."""

    def reply(self):
        if self.params:
            conta = servicos.conta(self.context, self.params[0])
            if conta is None or len(self.params) > 1:
                return _conta_inexistente(self.request, self.params[0])
            return _conta_json(self.context, conta)
        contas = servicos.contas(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@contas-servico",
            "items": [_conta_json(self.context, conta) for conta in contas],
            "items_total": len(contas),
        }


CORPO_CONTA = {
    # The name's own rules (required, length) are the domain's (ler_nome).
    "nome": reader.Text(max_length=1000),
    "unidade": reader.Text(max_length=300),
    "perfil": reader.Text(max_length=50),
}


class ContasServicoPost(ServicoComParametros):
    """``POST <orgao>/@contas-servico`` ``{"nome"}``: a new account, its secret
    shown once; ``POST <orgao>/@contas-servico/<login>/segredo``: a new secret."""

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        _sem_cache(self.request)
        if self.params:
            if len(self.params) != 2 or self.params[1] != "segredo":
                return _conta_inexistente(self.request, "/".join(self.params))
            conta = servicos.conta(self.context, self.params[0])
            if conta is None:
                return _conta_inexistente(self.request, self.params[0])
            segredo = servicos.renovar_segredo(self.context, conta.login)
            conta = servicos.conta(self.context, conta.login)
            return _conta_json(self.context, conta, segredo)
        dados = reader.read_json(self.request, CORPO_CONTA)
        try:
            conta, segredo = servicos.criar(
                self.context,
                dados.get("nome"),
                dados.get("unidade"),
                dados.get("perfil"),
            )
        except servicos.DadoInvalido as exc:
            raise InvalidInput([(exc.campo, exc.mensagem)]) from None
        self.request.response.setStatus(201)
        return _conta_json(self.context, conta, segredo)


class ContasServicoDelete(ServicoComParametros):
    """``DELETE <orgao>/@contas-servico/<login>``: remove the account."""

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        login = self.params[0] if len(self.params) == 1 else "/".join(self.params)
        if servicos.conta(self.context, login) is None:
            return _conta_inexistente(self.request, login)
        servicos.remover(self.context, login)
        return self.reply_no_content()


def _conta_inexistente(request, login) -> dict:
    return _erro(
        request,
        404,
        "NotFound",
        _(
            "servico_inexistente",
            default="Não há conta de serviço ${login} neste órgão.",
            mapping={"login": login},
        ),
    )


# --- @users PATCH and DELETE: plone.restapi's, with their bad input answered ---

from plone.restapi.services.users.delete import UsersDelete  # noqa: E402
from plone.restapi.services.users.update import UsersPatch  # noqa: E402


#: What a user may change of their own data through ``PATCH @users/<self>``.
PROPRIOS = frozenset(
    {"email", "password", "home_page", "location", "description", "portrait"}
)


class UsersPatchSeimg(UsersPatch):
    """plone.restapi's ``PATCH @users/<id>``: other paths are missing ones
    (plone.restapi raised a bare Exception: 500) and the body is read by
    seimg's reader (malformed JSON was a 500 too)."""

    def reply(self):
        if len(self.params) != 1:
            raise NotFound()
        if api.user.is_anonymous():
            raise Unauthorized()
        if not (self.can_manage_users or self._get_current_user == self.params[0]):
            from seimg.base.erros import recusa

            # Before looking the login up: no telling who exists.
            raise recusa(
                translate(
                    _(
                        "usuarios_editar_outro",
                        default="Você só pode alterar os seus próprios dados.",
                    ),
                    context=self.request,
                )
            )
        if self._get_user(self.params[0]) is None:
            raise NotFound()  # plone.restapi failed on it (500)
        dados = reader.parse_json(self.request.get("BODY") or b"")
        if not isinstance(dados, dict):
            raise InvalidInput(
                [
                    (
                        "corpo",
                        _("entrada_objeto", default="O corpo deve ser um objeto JSON."),
                    )
                ]
            )
        reader.clean_strings(dados)
        errados = [
            (nome, _("entrada_tipo_generico", default="Tipo de dado errado."))
            for nome, valor in dados.items()
            if not (
                isinstance(valor, str)
                or (
                    nome == "roles"
                    and isinstance(valor, dict)
                    and all(isinstance(v, bool) for v in valor.values())
                )
            )
        ]
        if errados:
            raise InvalidInput(errados)  # plone.restapi failed on them (500)
        if not self.can_manage_users:
            # One's name, CPF and cargos are printed in every signature stamp
            # and chosen by the órgão (adesão, @usuarios): not self-service.
            alheios = sorted(set(dados) - PROPRIOS)
            if alheios:
                raise InvalidInput(
                    [
                        (
                            nome,
                            _(
                                "usuarios_dado_da_administracao",
                                default="Este dado é mantido pela administração "
                                "do órgão; peça a alteração a ela.",
                            ),
                        )
                        for nome in alheios
                    ],
                    status=403,
                    tipo="Forbidden",
                )
        if not dados:
            return self.reply_no_content()  # nothing to change
        return super().reply()


class UsersDeleteSeimg(UsersDelete):
    """plone.restapi's ``DELETE @users/<id>``: other paths are missing ones,
    and so is an unknown login (plone.restapi answered 404 without a body)."""

    def reply(self):
        if len(self.params) != 1:
            raise NotFound()
        resultado = super().reply()
        if self.request.response.getStatus() == 404:
            raise NotFound()
        return resultado


from plone.restapi.services.users.get import UsersGet  # noqa: E402


class UsersGetSeimg(UsersGet):
    """plone.restapi's ``GET @users[/<id>]``: deeper paths are missing ones."""

    def reply(self):
        if len(self.params) > 1:
            raise NotFound()
        return super().reply()
