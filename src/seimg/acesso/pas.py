"""The PAS plugin that throttles every password check of the site.

PAS asks *every* active authentication plugin and accepts any that says
yes, so a plugin placed first cannot veto the others. This plugin therefore
**wraps** the password checkers instead: it is the active
``IAuthenticationPlugin`` for logins and passwords, and the plugins it wraps
(``delegados``, by default ``source_users``) are deactivated for that
interface (they still list, enumerate and store users). For credentials
with a login and a password it:

1. asks :func:`seimg.acesso.api.verificar`; when refused, answers "no"
   without asking the wrapped plugins (the password is not checked), sets
   ``Retry-After`` and, on the login form, a Portuguese status message;
2. otherwise asks the wrapped plugins and records the outcome with
   :func:`~seimg.acesso.api.falhou` or :func:`~seimg.acesso.api.acertou`.

Other credentials (plone.session tickets, JWT tokens) are not its business:
their own plugins stay active and answer them. Every path that checks a
password goes through here: the login form, ``@login``, HTTP Basic on any
URL, and password re-entry (``acl_users.authenticate``). One request that
presents the same credentials twice is counted once.

Service accounts (:mod:`seimg.acesso.servicos`) are accepted only with
credentials extracted from HTTP Basic; offered anywhere else they are
refused without being checked or counted.

:func:`instalar` and :func:`desinstalar` set this up and undo it (profile
``seimg:default``, upgrade step 1007).
"""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.PluggableAuthService import (
    _SWALLOWABLE_PLUGIN_EXCEPTIONS,
)
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from seimg.acesso import api as acesso
from seimg.acesso import servicos
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
import logging


logger = logging.getLogger("seimg.acesso")

PLUGIN_ID = "seimg_limites"
DELEGADOS = ("source_users",)


@implementer(IAuthenticationPlugin)
class LimitesDeAcesso(BasePlugin):
    """Throttles password checks, delegating them to the wrapped plugins."""

    meta_type = "seimg Limites de Acesso"
    security = ClassSecurityInfo()

    _properties = (
        {"id": "title", "label": "Title", "type": "string", "mode": "w"},
        {
            "id": "delegados",
            "label": "Wrapped authentication plugins (ids)",
            "type": "lines",
            "mode": "w",
        },
    )

    def __init__(self, id, title=None, delegados=()):
        self._setId(id)
        self.title = title or "seimg: limites de tentativas de senha"
        self.delegados = tuple(delegados)

    @security.private
    def authenticateCredentials(self, credentials):
        """See IAuthenticationPlugin."""
        login = credentials.get("login")
        senha = credentials.get("password")
        if not login or senha is None:
            return self._delegar(credentials)
        if servicos.e_servico(login) and servicos.interativo(credentials):
            # Service accounts: HTTP Basic only (no form, @login, re-entry).
            return None
        request = getRequest()
        if request is None:
            request = getattr(self, "REQUEST", None)
        feita = acesso.tentativa(request, login, senha)
        if feita is not None:
            return feita.resultado
        endereco = acesso.endereco(request)
        recusa = acesso.verificar_no_pedido(request, login, endereco)
        if recusa is not None:
            acesso.recusado(login, endereco, recusa)
            self._avisar(request, recusa)
            resultado = None
        else:
            resultado = self._delegar(credentials)
            if resultado is not None or self._da_raiz(login, senha, request):
                acesso.acertou(login, endereco)
            else:
                acesso.falhou(login, endereco)
        acesso.esquecer_verificacao(request, login, endereco)
        acesso.guardar_tentativa(
            request, login, senha, acesso.Tentativa(resultado, recusa)
        )
        return resultado

    def _delegar(self, credentials):
        pas = self._getPAS()
        for plugin_id in self.delegados:
            plugin = pas._getOb(plugin_id, None) if pas is not None else None
            if plugin is None:
                continue
            try:
                resultado = plugin.authenticateCredentials(credentials)
            except _SWALLOWABLE_PLUGIN_EXCEPTIONS:
                logger.debug("Plugin %s failed", plugin_id, exc_info=True)
                continue
            if resultado is not None and resultado[0] is not None:
                return resultado
        return None

    def _da_raiz(self, login, senha, request) -> bool:
        """Whether these are the credentials of a Zope-root user (e.g. admin).

        Zope authenticates those in the root user folder after this PAS says
        no; they are not wrong passwords, only not this site's users.
        """
        try:
            raiz = self.getPhysicalRoot().acl_users
            if aq_base(raiz) is aq_base(self._getPAS()) or raiz.getUser(login) is None:
                return False
            return raiz.authenticate(login, senha, request) is not None
        except _SWALLOWABLE_PLUGIN_EXCEPTIONS:
            return False

    def _avisar(self, request, recusa):
        response = getattr(request, "response", None)
        if response is None:
            return
        agora = acesso.limites.agora()
        response.setHeader("Retry-After", str(recusa.segundos(agora)))
        if "__ac_name" in getattr(request, "form", {}):
            from Products.statusmessages.interfaces import IStatusMessage

            texto = translate(acesso.mensagem(recusa, agora), context=request)
            IStatusMessage(request).add(texto, type="error")


InitializeClass(LimitesDeAcesso)


# --- set up and undo ----------------------------------------------------------


def instalar(portal, delegados=DELEGADOS) -> LimitesDeAcesso:
    """Add the plugin, make it the first authenticator, wrap ``delegados``.

    Idempotent: a wrapped plugin found active again (e.g. re-activated by
    hand) is wrapped again.
    """
    pas = portal.acl_users
    plugins = pas.plugins
    plugin = pas._getOb(PLUGIN_ID, None)
    if plugin is None:
        pas._setObject(PLUGIN_ID, LimitesDeAcesso(PLUGIN_ID))
        plugin = pas._getOb(PLUGIN_ID)
        logger.info("Acesso: plugin %s instalado", PLUGIN_ID)
    ativos = [pid for pid, _p in plugins.listPlugins(IAuthenticationPlugin)]
    if PLUGIN_ID not in ativos:
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    if plugins.listPluginIds(IAuthenticationPlugin)[0] != PLUGIN_ID:
        plugins.movePluginsTop(IAuthenticationPlugin, [PLUGIN_ID])
    envolvidos = list(plugin.delegados)
    for plugin_id in delegados:
        if pas._getOb(plugin_id, None) is None:
            continue
        if plugin_id in plugins.listPluginIds(IAuthenticationPlugin):
            plugins.deactivatePlugin(IAuthenticationPlugin, plugin_id)
        if plugin_id not in envolvidos:
            envolvidos.append(plugin_id)
    plugin.delegados = tuple(envolvidos)
    return plugin


def desinstalar(portal) -> None:
    """Re-activate the wrapped plugins and remove this one."""
    pas = portal.acl_users
    plugin = pas._getOb(PLUGIN_ID, None)
    if plugin is None:
        return
    plugins = pas.plugins
    for plugin_id in plugin.delegados:
        if pas._getOb(plugin_id, None) is None:
            continue
        if plugin_id not in plugins.listPluginIds(IAuthenticationPlugin):
            plugins.activatePlugin(IAuthenticationPlugin, plugin_id)
    pas._delObject(PLUGIN_ID)
    logger.info("Acesso: plugin %s removido", PLUGIN_ID)
