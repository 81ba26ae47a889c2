"""The reader's text rules for the Classic UI forms (z3c.form) of seimg sites.

Every text field of every form on a request with seimg's layer refuses NUL,
control characters (but newline and tab in multi-line texts) and lone
surrogates, as :func:`seimg.rest.reader.clean_text` does for REST bodies.

The validators are registered for any request (by field type only), so a
validator registered for one particular field (e.g. the uniqueness of an
órgão's sigla) stays more specific and wins; outside seimg sites they
behave as z3c.form's default one.
"""

from plone.app.textfield.interfaces import IRichText
from seimg.interfaces import ISeimgLayer
from seimg.rest import reader
from z3c.form import validator
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
