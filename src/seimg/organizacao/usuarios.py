"""Users of seimg: Plone users with CPF (unique) and cargos, and invitations.

The login is chosen by the órgão (e.g. ``maria.silva``); the CPF identifies
the person across órgãos and must be unique in the installation.
"""

from plone import api
from seimg import _
from seimg.base.brasil import digitos
from zope.i18n import translate
import secrets


def cpfs() -> dict[str, str]:
    """{CPF digits: userid} of every user with a CPF (one pass over the users)."""
    result = {}
    for user in api.user.get_users():
        numero = digitos(user.getProperty("cpf", ""))
        if numero:
            result[numero] = user.getId()
    return result


def por_cpf(cpf: str) -> str | None:
    """The userid holding ``cpf``, if any."""
    return cpfs().get(digitos(cpf))


def salvar(login: str, nome: str, email: str, cpf: str, cargos) -> tuple[object, bool]:
    """Create the user ``login`` or update its data; return (user, created)."""
    user = api.user.get(username=login)
    created = user is None
    properties = {
        "fullname": nome,
        "email": email,
        "cpf": digitos(cpf),
        "cargos": tuple(cargos or ()),
    }
    if created:
        user = api.user.create(
            username=login,
            email=email,
            password=secrets.token_urlsafe(24),
            properties=properties,
        )
    else:
        user.setMemberProperties(properties)
    return user, created


def convidar(user) -> None:
    """E-mail ``user`` an invitation with a link to choose a password."""
    portal = api.portal.get()
    reset = api.portal.get_tool("portal_password_reset").requestReset(user.getId())
    link = (
        f"{portal.absolute_url()}/passwordreset/{reset['randomstring']}"
        f"?userid={user.getId()}"
    )
    # In the site's language: the person has no session yet, and the sender
    # may be a console script.
    language, _sep, country = api.portal.get_default_language().partition("-")
    language = f"{language}_{country.upper()}" if country else language
    subject = translate(
        _("convite_assunto", default="Your access to seimg"), target_language=language
    )
    body = translate(
        _(
            "convite_corpo",
            default="Hello, ${nome}.\n\nAn account was created for you in seimg "
            "(${site}) with the login ${login}.\nChoose your password at:\n\n"
            "${link}\n\nThe link expires in 7 days.",
            mapping={
                "nome": user.getProperty("fullname") or user.getUserName(),
                "site": portal.absolute_url(),
                "login": user.getUserName(),
                "link": link,
            },
        ),
        target_language=language,
    )
    api.portal.send_email(
        recipient=user.getProperty("email"), subject=subject, body=body
    )
