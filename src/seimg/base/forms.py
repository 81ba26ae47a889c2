"""The reader's text rules for the Classic UI forms of seimg sites.

Every text field of every form on a request with seimg's layer refuses NUL,
control characters (but newline and tab in multi-line texts) and lone
surrogates, as :func:`seimg.base.reader.clean_text` does for REST bodies:
z3c.form fields through the validators below (the error beside the field);
every other form (seimg's action forms read ``request.form`` themselves)
through :func:`recusar_textos_invalidos`, before any view runs.

The validators are registered for any request (by field type only), so a
validator registered for one particular field (e.g. the uniqueness of an
órgão's sigla) stays more specific and wins; outside seimg sites they
behave as z3c.form's default one.
"""

from plone.app.textfield.interfaces import IRichText
from plone.rest.interfaces import IAPIRequest
from seimg import _
from seimg.base import reader
from seimg.interfaces import ISeimgLayer
from z3c.form import validator
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import Invalid
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine


class TextoLimpo(validator.SimpleFieldValidator):
    multilinha = False

    def validate(self, value, force=False):
        super().validate(value, force)
        if not ISeimgLayer.providedBy(self.request):
            return
        texto = getattr(value, "raw", value)
        if isinstance(texto, str) and texto:
            try:
                reader.clean_text(texto, multiline=self.multilinha)
            except reader.FieldError as exc:
                raise Invalid(exc.mensagem) from None


class TextoLongoLimpo(TextoLimpo):
    multilinha = True


class RichTextLimpo(TextoLimpo):
    multilinha = True


validator.WidgetValidatorDiscriminators(TextoLimpo, field=ITextLine)
validator.WidgetValidatorDiscriminators(TextoLongoLimpo, field=IText)
validator.WidgetValidatorDiscriminators(RichTextLimpo, field=IRichText)


Z3C_FORM = ("form.widgets.", "form.buttons.")


def _textos(valor):
    if isinstance(valor, str):
        yield valor
    elif isinstance(valor, (list, tuple)):
        for item in valor:
            yield from _textos(item)


def recusar_textos_invalidos(event) -> None:
    """IPubAfterTraversal: a Classic UI form posted with NUL, control
    characters (newline and tab allowed) or lone surrogates in any field is
    refused (400) before the view runs, naming the fields; nothing is
    written. REST requests have the reader."""
    request = event.request
    if (
        not ISeimgLayer.providedBy(request)
        or IAPIRequest.providedBy(request)
        or request.get("REQUEST_METHOD") != "POST"
    ):
        return
    campos = []
    for nome, valor in request.form.items():
        if str(nome).startswith(Z3C_FORM):
            continue  # z3c.form's fields: the validators above, beside the field
        for texto in _textos(valor):
            try:
                reader.clean_text(texto, multiline=True)
            except reader.FieldError:
                campos.append(str(nome))
                break
    if campos:
        erro = BadRequest(
            translate(
                _(
                    "formulario_caracteres_invalidos",
                    default="O formulário tem caracteres não permitidos (de "
                    "controle, como NUL, ou inválidos) em: ${campos}. Corrija "
                    "e envie de novo.",
                    mapping={"campos": ", ".join(sorted(campos))},
                ),
                context=request,
            )
        )
        erro.seimg = True  # a Portuguese reason, shown on the error page
        raise erro
