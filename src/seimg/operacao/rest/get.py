"""Report the installed seimg version and whether LibreOffice answers."""

from importlib.metadata import version
from plone import api
from plone.restapi.services import Service
from seimg.geracao import libreoffice


class StatusGet(Service):
    def reply(self):
        setup = api.portal.get_tool("portal_setup")
        return {
            "@id": f"{self.context.absolute_url()}/@seimg-status",
            "versao": version("seimg"),
            "perfil": ".".join(setup.getLastVersionForProfile("seimg:default")),
            "libreoffice": {
                "host": libreoffice.host(),
                "porta": libreoffice.port(),
                "disponivel": libreoffice.is_listening(),
            },
        }
