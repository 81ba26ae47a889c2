"""``<processo>/@duplicar``: what may be duplicated (GET) and doing it (POST).

GET lists the documents the acting unit may copy (all preselected in the UI)
and the process's interessados. POST ``{"documentos": [UID…],
"interessados": [UID…]}`` (each optional: absent means all) creates the copy
(:func:`seimg.processos.duplicacao.duplicar`) and answers 201 with it.
"""

from plone.restapi.services import Service
from seimg.base import reader
from seimg.base.idempotencia import Idempotente
from seimg.processos import duplicacao
from seimg.processos import rotulos
from seimg.processos.duplicacao import documentos_duplicaveis
from seimg.processos.duplicacao import duplicar
from seimg.processos.duplicacao import pode_duplicar
from zope.interface import alsoProvides
import plone.protect.interfaces


CORPO = {
    "documentos": reader.List(item=reader.Text(max_length=64), max_items=2000),
    "interessados": reader.List(item=reader.Text(max_length=64), max_items=2000),
}


def _documento(doc) -> dict:
    return {
        "UID": doc.UID(),
        "@id": doc.absolute_url(),
        "@type": doc.portal_type,
        "title": doc.Title(),
        "numero_sei": doc.numero_sei,
        "estado": rotulos.estado_documento(doc),
    }


class DuplicarGet(Service):
    def reply(self):
        documentos = documentos_duplicaveis(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@duplicar",
            "pode_duplicar": pode_duplicar(self.context),
            "documentos": [_documento(d) for d in documentos],
            "interessados": [
                {"UID": item["UID"], "nome": item["nome"]}
                for item in duplicacao.interessados_duplicaveis(self.context)
            ],
        }


class DuplicarPost(Idempotente, Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = reader.read_json(self.request, CORPO)
        novo = duplicar(
            self.context,
            documentos=data.get("documentos"),
            interessados=data.get("interessados"),
        )
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", novo.absolute_url())
        return {
            "@id": novo.absolute_url(),
            "UID": novo.UID(),
            "numero": novo.numero,
            "duplicado_de": self.context.numero,
            "documentos": [
                {"@id": d.absolute_url(), "numero_sei": d.numero_sei}
                for d in novo.objectValues()
            ],
        }
