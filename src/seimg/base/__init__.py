"""The bottom of seimg: what every package may use, importing no package above.

- :mod:`.erros`: domain refusals (:class:`.erros.CampoInvalido`, ``recusa``).
- :mod:`.persistencia`: small persistence helpers.
- :mod:`.brasil`: Brazilian data (CPF, CNPJ) with validate-docbr.
- :mod:`.dados_pessoais`: personal data in free text (CPFs masked).
- :mod:`.reader` reads a JSON body (or form values) against a declared
  schema: types checked, unknown fields refused, texts normalised (NFC) and
  cleaned of NUL, control characters and lone surrogates, dates and numbers
  range-checked; every problem names its field, in Portuguese.
- :mod:`.errors` gives every error of seimg's REST endpoints one shape,
  ``{"error": {"type", "message", "campos"?}}``, with a Portuguese message:
  :class:`.errors.InvalidInput` raised by the reader or by domain code, and
  the exceptions Plone and plone.restapi raise on requests that carry
  seimg's browser layer. Sites without seimg keep plone.rest's shape.
- :mod:`.forms`: the same text rules for Classic UI forms.
- :mod:`.multipart`: multipart bodies without a boundary refused (400).
- :mod:`.services`: the base class of seimg's REST services.
"""
