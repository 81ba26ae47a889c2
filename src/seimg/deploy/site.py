"""Create the admin user and the ``seimg`` Plone site when they are missing.

Run by ``zconsole run etc/zope.conf`` at every ``make start`` (see
``scripts/create-site.py``). It is idempotent: an existing site keeps its data, gets
the upgrade steps of seimg's profile still pending (a database made by an
older seimg), and only the LibreOffice connection settings are refreshed
from the environment.

The admin password comes from ``SEIMG_ADMIN_PASSWORD`` when given (and is
then updated); otherwise one is generated on first start and stored, readable
by its owner only, in ``$SEIMG_DATA/admin-password``.
"""

from pathlib import Path
from seimg.base import pastas
import os
import secrets
import transaction


SITE_ID = "seimg"
ADMIN_USER = "admin"
PROFILES = (
    "plone.app.contenttypes:default",
    # Classic UI's theme; addPloneSite alone leaves the site unstyled.
    "plonetheme.barceloneta:default",
    "seimg:default",
)
DEMO_PROFILE = "seimg:demo"


def admin_password(data: Path) -> tuple[str, bool]:
    """Return the admin password and whether it was generated now."""
    stored = data / "admin-password"
    given = os.environ.get("SEIMG_ADMIN_PASSWORD")
    if given:
        return given, False
    if stored.exists():
        return stored.read_text(encoding="utf-8").strip(), False
    password = secrets.token_urlsafe(12)
    stored.touch(mode=0o600)
    stored.write_text(password + "\n", encoding="utf-8")
    return password, True


def ensure_admin(app, password: str) -> None:
    """The Zope-root Manager ``admin``, with ``password``."""
    users = app.acl_users
    if users.getUserById(ADMIN_USER) is None:
        users._doAddUser(ADMIN_USER, password, ["Manager"], [])
    else:
        # The root user folder is a PAS: its ZODB user manager holds passwords.
        users.users.updateUserPassword(ADMIN_USER, password)


def ensure_site(app, demo: bool = True):
    from AccessControl.SecurityManagement import newSecurityManager
    from Products.CMFPlone.factory import addPloneSite
    from seimg.geracao import libreoffice
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite

    app = makerequest(app)
    admin = app.acl_users.getUserById(ADMIN_USER)
    newSecurityManager(None, admin.__of__(app.acl_users))
    site = app.get(SITE_ID)
    created = site is None
    if created:
        site = addPloneSite(
            app,
            SITE_ID,
            title="seimg",
            description="Processo eletrônico e documentos para órgãos públicos",
            extension_ids=PROFILES + ((DEMO_PROFILE,) if demo else ()),
            setup_content=False,
            default_language="pt-br",
            portal_timezone="America/Sao_Paulo",
        )
    setSite(site)
    if not created:
        upgrade(site)
    libreoffice.configure_documentgenerator()
    configure_mail()
    # plone.app.theming serves 127.0.0.1 unthemed by default; seimg is served there.
    from plone import api

    api.portal.set_registry_record(
        "plone.app.theming.interfaces.IThemeSettings.hostnameBlacklist", []
    )
    return site, created


def upgrade(site) -> list[str]:
    """Run seimg's pending upgrade steps; return (and print) their titles."""
    setup = site.portal_setup
    profile = PROFILES[-1]
    steps = setup.listUpgrades(profile)
    if not steps:
        return []
    antes = setup.getLastVersionForProfile(profile)
    titles = []
    for step in steps:
        for one in step if isinstance(step, list) else [step]:
            titles.append(one["title"])
    setup.upgradeProfile(profile)
    depois = setup.getLastVersionForProfile(profile)
    print(f"Atualização do seimg: versão {'.'.join(antes)} → {'.'.join(depois)}")
    for title in titles:
        print(f"  - {title}")
    return titles


def configure_mail(host: str | None = None, port: int | None = None) -> None:
    """Point MailHost at ``host:port`` (default: ``SEIMG_SMTP_*``, the local sink)."""
    from plone import api

    host = host or os.environ.get("SEIMG_SMTP_HOST", "127.0.0.1")
    port = port or int(os.environ.get("SEIMG_SMTP_PORT", "8025"))
    mailhost = api.portal.get_tool("MailHost")
    mailhost.smtp_host = host
    mailhost.smtp_port = port
    api.portal.set_registry_record("plone.smtp_host", host)
    api.portal.set_registry_record("plone.smtp_port", port)
    if not api.portal.get_registry_record("plone.email_from_address", default=None):
        api.portal.set_registry_record(
            "plone.email_from_address",
            os.environ.get("SEIMG_EMAIL_FROM", "nao-responda@seimg.localhost"),
        )
        api.portal.set_registry_record("plone.email_from_name", "seimg")


def check_certificates() -> None:
    """Stop the start when a configured A1 certificate cannot be used."""
    from seimg.assinatura.certificados import CertificadoInvalido
    from seimg.assinatura.certificados import validar_configuracao
    import sys

    try:
        validar_configuracao()
    except CertificadoInvalido as error:
        print(f"ERRO: {error}", file=sys.stderr)
        raise SystemExit(1) from error


def ensure_certificates(site) -> None:
    """Issue the demo CA and each órgão's demo certificate when missing."""
    from seimg.assinatura import certificados

    certificados.ca_demo()
    folder = site.get("orgaos")
    for orgao in folder.objectValues() if folder is not None else ():
        if getattr(orgao, "sigla", None):
            certificados.credencial_do_orgao(orgao)


def main(app) -> None:
    check_certificates()
    # shared by every instance of a cluster (SEIMG_COMPARTILHADO)
    data = pastas.compartilhada()
    password, generated = admin_password(data)
    demo = os.environ.get("SEIMG_DEMO", "1") not in ("0", "false", "no")
    # On PostgreSQL several hosts may start at once: one creates the site or
    # runs the upgrade steps, under the upgrade lock, and the others wait
    # (instances starting meanwhile wait too: seimg.operacao.atualizacao).
    from seimg.operacao import atualizacao

    with atualizacao.trava(avisar=print):
        transaction.begin()  # see what a previous holder committed
        ensure_admin(app, password)
        site, created = ensure_site(app, demo=demo)
        transaction.commit()
    ensure_certificates(site)
    print(f"Site '/{SITE_ID}' {'criado' if created else 'já existia; dados mantidos'}.")
    if generated:
        print(
            f"Senha gerada para o usuário '{ADMIN_USER}': {password} "
            f"(guardada em {data / 'admin-password'})"
        )
