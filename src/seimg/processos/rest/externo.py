"""``POST <processo>/@documento-externo``: a DocumentoExterno sent as
``multipart/form-data`` — the file never whole in memory.

plone.restapi's JSON creation carries the file as base64 inside the body, so
the body is decoded in memory (several times the file's size). Here the
publisher spools the file part to disk (a ``FileUpload``), and it is copied
into the blob from there. The other fields are the JSON ones as form fields
(``interessados`` repeated for several), read and validated exactly as
``POST <processo>`` with ``"@type": "DocumentoExterno"`` would: the same
deserializer, the same subscribers, the same errors (400 naming each field,
in Portuguese; nothing created).
"""

from Acquisition import aq_base
from plone.namedfile.file import NamedBlobFile
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.services import Service
from plone.restapi.services.content.utils import add
from plone.restapi.services.content.utils import create
from seimg import _
from seimg.base import reader
from seimg.base.errors import InvalidInput
from seimg.base.idempotencia import Idempotente
from zope.component import queryMultiAdapter
from zope.event import notify
from zope.interface import alsoProvides
from zope.lifecycleevent import ObjectCreatedEvent
import mimetypes
import os


TIPO = "DocumentoExterno"
ARQUIVO = "arquivo"
LISTAS = frozenset({"interessados"})
BOOLEANOS = frozenset({"publicar_dados_pessoais"})


def _sem_arquivo():
    return InvalidInput(
        [
            (
                ARQUIVO,
                _(
                    "externo_sem_arquivo",
                    default="Envie o arquivo na parte 'arquivo' do formulário "
                    "(multipart/form-data), com o nome do arquivo.",
                ),
            )
        ]
    )


def ler_formulario(form) -> dict:
    """The form's fields as the JSON body would carry them (without the
    file): texts, ``interessados`` as a list, booleans; empty fields are
    absent ones. The deserializer then checks names and values."""
    dados, problemas = {}, []
    for nome, valor in form.items():
        if nome == ARQUIVO:
            continue
        if nome in LISTAS:
            itens = valor if isinstance(valor, list) else [valor]
            if all(isinstance(i, str) for i in itens):
                dados[nome] = [i for i in itens if i]
                continue
        elif isinstance(valor, str):
            if valor == "":
                continue
            if nome in BOOLEANOS:
                try:
                    dados[nome] = reader._de_texto(reader.Boolean(), valor)
                except reader.FieldError as exc:
                    problemas.append((nome, exc.mensagem))
                continue
            dados[nome] = valor
            continue
        problemas.append(
            (str(nome), _("entrada_um_valor", default="Informe um só valor."))
        )
    if problemas:
        raise InvalidInput(problemas)
    return dados


class DocumentoExternoMultipart(Idempotente, Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        form = self.request.form
        upload = form.get(ARQUIVO)
        if not getattr(upload, "filename", None) or not hasattr(upload, "read"):
            raise _sem_arquivo()
        dados = ler_formulario(form)
        obj = create(self.context, TIPO)
        obj = obj.__of__(self.context)  # vocabularies need their tools
        nome = os.path.basename(upload.filename.replace("\\", "/"))
        tipo = (getattr(upload, "headers", {}) or {}).get("content-type") or (
            mimetypes.guess_type(nome)[0] or "application/octet-stream"
        )
        # From the spooled upload into the blob, in pieces (plone.namedfile's
        # FileUpload storage): never the whole file in memory.
        obj.arquivo = NamedBlobFile(data=upload, filename=nome, contentType=tipo)
        deserializer = queryMultiAdapter((obj, self.request), IDeserializeFromJson)
        deserializer(validate_all=True, data={"@type": TIPO, **dados}, create=True)
        obj = aq_base(obj)
        if not getattr(deserializer, "notifies_create", False):
            notify(ObjectCreatedEvent(obj))
        obj = add(self.context, obj, rename=True)
        response = self.request.response
        response.setStatus(201)
        response.setHeader("Location", obj.absolute_url())
        dados = queryMultiAdapter((obj, self.request), ISerializeToJson)()
        dados["@id"] = obj.absolute_url()
        return dados
