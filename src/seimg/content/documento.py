"""Documento (written in seimg) and DocumentoExterno (an uploaded file).

Both live inside a Processo and get a número SEI when added (see
:mod:`seimg.processos.numerar`); a Documento may also get its type's own
number. Both are classified like the process (:class:`IClassificacao`).
"""

from plone.app.textfield import RichText
from plone.app.z3cform.widgets.richtext import RichTextFieldWidget
from plone.app.z3cform.widgets.select import SelectFieldWidget as PloneSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import FTIAwareSpecification
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from seimg import _
from seimg.content.processo import IClassificacao
from seimg.interfaces import IDocumentoBase
from seimg.processos.rotulos import FORMATOS
from z3c.form.browser.select import SelectFieldWidget
from z3c.form.interfaces import IEditForm
from zope import schema
from zope.interface import implementer
from zope.interface import invariant


def validar_arquivo(value):
    from seimg.arquivos import validar

    return validar(value)


class IDocumentoComum(IClassificacao):
    numero_sei = schema.TextLine(
        title=_("Número SEI"),
        description=_("The document's unique number, also its verification code."),
        readonly=True,
        required=False,
    )
    interessados = schema.List(
        title=_("Interessados"),
        value_type=schema.Choice(vocabulary="seimg.Contatos"),
        required=False,
        default=[],
    )
    unidade_geradora = schema.TextLine(
        title=_("Unidade geradora"), readonly=True, required=False
    )
    publicar_dados_pessoais = schema.Bool(
        title=_("documento_publicar_dados_pessoais", default="Registrar assim"),
        description=_(
            "documento_publicar_dados_pessoais_ajuda",
            default="Só quando o número, o remetente ou o nome do arquivo de um "
            "documento público contém um CPF: confirme que ele pode ser "
            "registrado assim, ou escolha o nível restrito com a hipótese "
            "'Informação Pessoal'.",
        ),
        required=False,
        default=False,
    )
    directives.omitted("numero_sei", "unidade_geradora")
    # A searchable, labelled select (select2), not the two unlabelled
    # "from/to" lists of z3c.form's ordered-select widget.
    directives.widget("interessados", PloneSelectFieldWidget)

    @invariant
    def dados_pessoais_no_documento(data):
        """A CPF in what lists show of a público document: warn (LGPD)."""
        from seimg.base.dados_pessoais import aviso
        from seimg.nivel_acesso import niveis
        from zope.interface import Invalid

        if (getattr(data, "nivel_acesso", None) or niveis.PUBLICO) != niveis.PUBLICO:
            return
        arquivo = getattr(data, "arquivo", None)
        mensagem = aviso(
            (
                (_("Número"), getattr(data, "numero", None)),
                (_("Remetente"), getattr(data, "remetente", None)),
                (_("Arquivo"), getattr(arquivo, "filename", None)),
            ),
            confirmado=bool(getattr(data, "publicar_dados_pessoais", False)),
        )
        if mensagem is not None:
            raise Invalid(mensagem)


class IDocumentoSchema(IDocumentoComum):
    tipo_documento = schema.Choice(
        title=_("Tipo de documento"),
        vocabulary="seimg.TiposDocumentoInterno",
    )
    numero = schema.TextLine(
        title=_("Número"),
        description=_(
            "Only for types whose number is informed; other types are numbered "
            "by seimg."
        ),
        required=False,
    )
    documento_modelo = schema.TextLine(
        title=_("Texto inicial de outro documento"),
        description=_(
            "Número SEI of a document you can read whose text starts this one; "
            "empty: the type's template."
        ),
        required=False,
    )
    texto = RichText(
        title=_("Texto"),
        required=False,
        default_mime_type="text/html",
        output_mime_type="text/x-html-safe",
        allowed_mime_types=("text/html",),  # one format: no format dropdown
    )
    destinatarios = schema.List(
        title=_("Destinatários"),
        description=_("One per line: name, office and address."),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    # tipo, número, nível de acesso (hipótese, grau), texto, then the rest;
    # no tipo chosen for the user: an empty "Selecione…" first.
    directives.order_before(tipo_documento="*")
    directives.order_after(numero="tipo_documento")
    directives.order_after(nivel_acesso="numero")
    directives.order_after(hipotese_legal="nivel_acesso")
    directives.order_after(grau_sigilo="hipotese_legal")
    directives.order_after(data_producao="grau_sigilo")
    directives.order_after(data_classificacao="data_producao")
    directives.order_after(evento_termino="data_classificacao")
    directives.order_after(texto="evento_termino")
    directives.order_after(documento_modelo="texto")
    directives.widget(
        "tipo_documento",
        SelectFieldWidget,
        prompt=True,
        prompt_message=_("form_selecione", default="Choose…"),
    )
    # TinyMCE: its editing frame named, no resize handle (an ARIA separator
    # without a value: a critical axe-core violation).
    directives.widget(
        "texto",
        RichTextFieldWidget,
        pattern_options={"tiny": {"iframe_aria_text": "Texto", "resize": False}},
    )
    directives.read_permission(texto="seimg.AcessarConteudo")
    directives.omitted(IEditForm, "documento_modelo")


class IDocumentoExternoSchema(IDocumentoComum):
    tipo_documento = schema.Choice(
        title=_("Tipo de documento"),
        vocabulary="seimg.TiposDocumentoExterno",
    )
    data_documento = schema.Date(title=_("Data do documento"))
    numero = schema.TextLine(
        title=_("Número / nome na árvore"),
        description=_("As printed on the document."),
        required=False,
    )
    formato = schema.Choice(title=_("Formato"), vocabulary=FORMATOS)
    tipo_conferencia = schema.Choice(
        title=_("Tipo de conferência"),
        description=_("Required for scanned documents."),
        vocabulary="seimg.TiposConferencia",
        required=False,
    )
    remetente = schema.TextLine(title=_("Remetente"), required=False)
    arquivo = NamedBlobFile(title=_("Arquivo"), constraint=validar_arquivo)
    # tipo, data and número, nível de acesso (hipótese, grau), the file,
    # then the rest; no tipo chosen for the user.
    directives.order_before(tipo_documento="*")
    directives.order_after(data_documento="tipo_documento")
    directives.order_after(numero="data_documento")
    directives.order_after(nivel_acesso="numero")
    directives.order_after(hipotese_legal="nivel_acesso")
    directives.order_after(grau_sigilo="hipotese_legal")
    directives.order_after(data_producao="grau_sigilo")
    directives.order_after(data_classificacao="data_producao")
    directives.order_after(evento_termino="data_classificacao")
    directives.order_after(arquivo="evento_termino")
    directives.widget(
        "tipo_documento",
        SelectFieldWidget,
        prompt=True,
        prompt_message=_("form_selecione", default="Choose…"),
    )
    directives.read_permission(arquivo="seimg.AcessarConteudo")

    @invariant
    def conferencia_de_digitalizado(data):
        from zope.interface import Invalid

        if getattr(data, "formato", None) == "digitalizado" and not getattr(
            data, "tipo_conferencia", None
        ):
            raise Invalid(
                _(
                    "conferencia_obrigatoria",
                    default="Tipo de conferência: required for scanned documents.",
                )
            )


class DocumentoBase:
    """What Documento and DocumentoExterno share: number, type, title."""

    # This mixin comes before Item in the MRO: without Dexterity's descriptor
    # here, zope.interface gives it a plain one and behavior markers (e.g.
    # plone.versioning's IVersioningSupport) are never provided.
    __providedBy__ = FTIAwareSpecification()

    numero_sei = None
    unidade_geradora = None
    numero_formatado = None

    @property
    def title(self):
        from seimg.processos.numerar import titulo_documento

        return titulo_documento(self)

    @title.setter
    def title(self, value):
        """The title is derived from the type and numbers."""

    def Title(self):
        return self.title

    def cb_isCopyable(self):
        """A copy would carry the same número SEI: documents are never copied."""
        return False

    @property
    def processo(self):
        return self.aq_parent


@implementer(IDocumentoSchema, IDocumentoBase)
class Documento(DocumentoBase, Item):
    """A document written in seimg; a minuta until signed."""


@implementer(IDocumentoExternoSchema, IDocumentoBase)
class DocumentoExterno(DocumentoBase, Item):
    """An uploaded document (exactly one file)."""
