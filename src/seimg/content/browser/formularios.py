"""Add and edit forms of documents and processes that say what they did.

Dexterity's own forms say "Item created" and "Changes saved"; these say
"Ofício nº 3/2026/CMVS/SECRETARIA criado" or "Processo … salvo". The fields
and their order come from the schemas (:mod:`seimg.content.documento`).
"""

from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.dexterity.interfaces import IDexterityEditForm
from plone.z3cform import layout
from seimg import _
from zope.interface import classImplements


def rotulo(obj) -> str:
    """ "Ofício nº 3/2026/CMVS/SECRETARIA (0000123)" or "Processo <NUP>"."""
    if obj.portal_type == "Processo":
        return f"Processo {obj.numero or ''}".strip()
    titulo = obj.Title() or ""
    numero = getattr(obj, "numero_sei", None)
    return f"{titulo} ({numero})" if numero and numero != titulo else titulo


class DocumentoAddForm(DefaultAddForm):
    """The add form of Documento and DocumentoExterno."""

    criado = None

    def add(self, object):
        super().add(object)
        self.criado = self.container.get(object.id)

    @property
    def success_message(self):
        if self.criado is None:
            return _("documento_criado_msg_generico", default="Document created.")
        return _(
            "documento_criado_msg",
            default="${documento} created.",
            mapping={"documento": rotulo(self.criado)},
        )


class DocumentoAddView(DefaultAddView):
    form = DocumentoAddForm


class SeimgEditForm(DefaultEditForm):
    """The edit form of documents and processes."""

    @property
    def success_message(self):
        return _(
            "item_salvo_msg",
            default="${item} saved.",
            mapping={"item": rotulo(self.context)},
        )


SeimgEditView = layout.wrap_form(SeimgEditForm)
classImplements(SeimgEditView, IDexterityEditForm)
