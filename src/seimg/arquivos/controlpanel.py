"""The "Arquivos" control panel.

``@@seimg-arquivos`` in Classic UI and ``@controlpanels/seimg-arquivos`` in
plone.restapi, both editing ``IArquivosSettings`` in the registry.
"""

from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from plone.app.registry.browser.controlpanel import RegistryEditForm
from plone.restapi.controlpanels import RegistryConfigletPanel
from plone.z3cform import layout
from seimg import _
from seimg.arquivos.interfaces import IArquivosSettings
from seimg.arquivos.interfaces import REGISTRY_PREFIX
from seimg.interfaces import ISeimgLayer
from zope.component import adapter
from zope.interface import Interface


CONFIGLET_ID = "seimg-arquivos"


class ArquivosControlPanelForm(RegistryEditForm):
    schema = IArquivosSettings
    schema_prefix = REGISTRY_PREFIX
    id = "seimg-arquivos"
    label = _("arquivos_painel_titulo", default="Uploaded files")
    description = _(
        "arquivos_painel_descricao",
        default=(
            "Size limit and extensions accepted for files uploaded to "
            "processes. The content of every file is checked against its "
            "extension."
        ),
    )


ArquivosControlPanelView = layout.wrap_form(
    ArquivosControlPanelForm, ControlPanelFormWrapper
)


@adapter(Interface, ISeimgLayer)
class ArquivosControlpanel(RegistryConfigletPanel):
    """The same settings through plone.restapi's ``@controlpanels``."""

    schema = IArquivosSettings
    schema_prefix = REGISTRY_PREFIX
    configlet_id = CONFIGLET_ID
    configlet_category_id = "Products"
    title = _("arquivos_painel_titulo", default="Uploaded files")
    group = ""
