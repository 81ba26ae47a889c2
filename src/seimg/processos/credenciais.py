"""Credenciais: per-user access to sigiloso processos.

A holder grants one to a named user (after re-entering the password, checked
by the view or service), may revoke it (cassar); a holder may renounce his
own. Every change is written to the andamentos and reindexes the security of
the process and its documents.
"""

from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from seimg import _
from seimg.nivel_acesso.credenciais import possui
from seimg.nivel_acesso.credenciais import titulares
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido


def _store(processo):
    if getattr(processo, "_credenciais", None) is None:
        processo._credenciais = PersistentMapping()
    return processo._credenciais


def _nome(userid: str) -> str:
    user = api.user.get(userid=userid)
    return (user.getProperty("fullname") or userid) if user is not None else userid


def _registrar(processo, tipo, **atributos):
    from seimg import andamentos

    andamentos.registrar(processo, tipo, **atributos)


def _exigir_titular(processo, userid):
    if not possui(processo, userid):
        raise proibido(
            _(
                "credencial_exigida",
                default="Only a holder of a credential on this process may do this.",
            )
        )


def conceder_inicial(processo, userid: str) -> None:
    """The user who made the process sigiloso gets the first credential."""
    if userid and not possui(processo, userid):
        _store(processo)[userid] = {
            "concedida_por": userid,
            "data": datetime.now(UTC),
        }
        _registrar(processo, "credencial_concedida", credenciado=_nome(userid))
        processo.reindexObjectSecurity()


def conceder(processo, userid: str, por: str) -> None:
    _exigir_titular(processo, por)
    if api.user.get(userid=userid) is None:
        raise invalido(
            _(
                "credencial_usuario_inexistente",
                default="Usuário: no user '${usuario}'.",
                mapping={"usuario": userid},
            )
        )
    if possui(processo, userid):
        raise invalido(
            _(
                "credencial_existente",
                default="Usuário: ${usuario} already holds a credential.",
                mapping={"usuario": _nome(userid)},
            )
        )
    _store(processo)[userid] = {
        "concedida_por": por,
        "data": datetime.now(UTC),
    }
    _registrar(processo, "credencial_concedida", credenciado=_nome(userid))
    processo.reindexObjectSecurity()


def ativar_pelo_acervo(processo, userid: str, unidade) -> None:
    """``userid``, of ``unidade``'s "Acervo de sigilosos" perfil, activates a
    credential for himself (the rules: :mod:`seimg.acervo.api`)."""
    _store(processo)[userid] = {
        "concedida_por": userid,
        "data": datetime.now(UTC),
        "acervo": unidade.UID(),
    }
    _registrar(
        processo,
        "credencial_ativada",
        credenciado=_nome(userid),
        unidade_acervo=unidade.sigla_completa(),
    )
    processo.reindexObjectSecurity()


def cassar(processo, userid: str, por: str) -> None:
    _exigir_titular(processo, por)
    if not possui(processo, userid):
        raise invalido(
            _(
                "credencial_inexistente",
                default="Usuário: ${usuario} holds no credential.",
                mapping={"usuario": userid},
            )
        )
    if userid == por:
        return renunciar(processo, userid)
    _ultimo_titular(processo, userid)
    del _store(processo)[userid]
    _registrar(processo, "credencial_cassada", credenciado=_nome(userid))
    processo.reindexObjectSecurity()


def renunciar(processo, userid: str) -> None:
    _exigir_titular(processo, userid)
    _ultimo_titular(processo, userid)
    del _store(processo)[userid]
    _registrar(processo, "credencial_renunciada", credenciado=_nome(userid))
    processo.reindexObjectSecurity()


def _ultimo_titular(processo, userid):
    if set(titulares(processo)) == {userid}:
        raise invalido(
            _(
                "ultima_credencial",
                default="The last credential of a secret process cannot be "
                "removed: nobody could open it any more.",
            )
        )


def verificar_senha(userid: str, senha: str, request) -> None:
    """Password re-entry: raise Forbidden unless ``senha`` is the user's password.

    Throttled like every password check (:mod:`seimg.acesso`): while refused,
    :class:`seimg.acesso.api.TentativasDemais` (a Forbidden) is raised
    without checking the password.
    """
    from seimg.acesso.api import exigir_permitido

    user = api.user.get(userid=userid)
    acl = api.portal.get_tool("acl_users")
    login = user.getUserName() if user is not None else userid
    exigir_permitido(login, request)
    if not senha or acl.authenticate(login, senha, request) is None:
        raise proibido(
            _("senha_incorreta", default="Senha: the password is not correct.")
        )
