"""plone.restapi's content deserialisation on seimg sites, in the contract.

Creating (``POST`` to a folder) and changing (``PATCH``) content through
plone.restapi goes through this deserializer on requests that carry
seimg's browser layer:

- the body must be a JSON object; every string in it is cleaned by
  :func:`seimg.base.reader.clean_strings` (NFC; NUL, control characters and
  lone surrogates refused, naming the field);
- for seimg's own types, fields the type does not have are refused;
- validation errors become one :class:`~seimg.base.errors.InvalidInput` with
  a Portuguese message per field (plone.restapi answered a Python list
  written into a string, with zope.schema's messages).

An exception (not plone.restapi's own ``BadRequest`` answer) ends the
request, so its transaction is aborted: nothing is half-written.
"""

from Acquisition import aq_base
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from seimg import _
from seimg.base import reader
from seimg.base.errors import InvalidInput
from seimg.interfaces import ISeimgLayer
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Invalid
from zope.schema import getFieldsInOrder
from zope.schema import interfaces as zi


# plone.restapi's own keys, accepted on any type.
CHAVES_DO_PLONE = frozenset({"@type", "id", "layout", "ordering", "language"})

_MENSAGENS = (
    (
        zi.RequiredMissing,
        _("entrada_obrigatorio", default="Dado obrigatório não informado."),
    ),
    (zi.TooLong, _("entrada_longo_generico", default="Valor longo demais.")),
    (zi.TooShort, _("entrada_curto_generico", default="Valor curto demais.")),
    (zi.TooBig, _("entrada_grande", default="Valor acima do máximo permitido.")),
    (zi.TooSmall, _("entrada_pequeno", default="Valor abaixo do mínimo permitido.")),
    (
        zi.ConstraintNotSatisfied,
        _("entrada_fora_da_lista", default="Valor não permitido para este campo."),
    ),
    (zi.WrongType, _("entrada_tipo_generico", default="Tipo de dado errado.")),
    (
        zi.WrongContainedType,
        _("entrada_itens", default="Itens de tipo errado na lista."),
    ),
)
_INVALIDO = _("entrada_invalido", default="Valor inválido.")


def _de_seimg(erro) -> bool:
    """A message seimg wrote (an i18n Message of its domain)."""
    return getattr(erro, "domain", None) == "seimg"


def mensagem(erro: dict, request) -> str:
    """The Portuguese message of one plone.restapi validation error."""
    exc = erro.get("error")
    texto = erro.get("message")
    # seimg's constraints and invariants carry their own (Portuguese) text.
    if isinstance(exc, Invalid) and not isinstance(exc, zi.ValidationError):
        return translate(exc.args[0] if exc.args else texto, context=request)
    if exc is not None and type(exc).__module__.startswith("seimg."):
        return translate(exc.doc() if hasattr(exc, "doc") else texto, context=request)
    if _de_seimg(texto):
        return translate(texto, context=request)
    for classe, padrao in _MENSAGENS:
        if isinstance(exc, classe):
            return translate(padrao, context=request)
    return translate(_INVALIDO, context=request)


ODT = "application/vnd.oasis.opendocument.text"


def _exigir_odt(context, data: dict) -> None:
    """A document template (collective.documentgenerator) must be an ODT:
    anything else made its subscribers fail (BadZipFile, a 500)."""
    from collective.documentgenerator.content.pod_template import IPODTemplate

    arquivo = data.get("odt_file")
    if not IPODTemplate.providedBy(context) or not isinstance(arquivo, dict):
        return
    import base64
    import binascii
    import io
    import zipfile

    try:
        conteudo = arquivo.get("data") or ""
        if arquivo.get("encoding") == "base64":
            conteudo = base64.b64decode(conteudo, validate=True)
        elif isinstance(conteudo, str):
            conteudo = conteudo.encode("utf-8")
        with zipfile.ZipFile(io.BytesIO(conteudo)) as odt:
            valido = odt.read("mimetype").decode("ascii", "replace").strip() == ODT
    except (binascii.Error, ValueError, KeyError, zipfile.BadZipFile, OSError):
        valido = False
    if not valido:
        raise InvalidInput(
            [
                (
                    "odt_file",
                    _(
                        "modelo_nao_odt",
                        default="O modelo deve ser um documento ODT "
                        "(LibreOffice Writer).",
                    ),
                )
            ]
        )


_ESCALARES = (str, int, float, bool)
# The encodings plone.restapi's deserializers are given (others: LookupError).
_CODIFICACOES_TEXTO = frozenset({"utf-8", "utf8", "UTF-8"})
_CODIFICACOES_ARQUIVO = frozenset({"base64", "utf-8", "utf8", "UTF-8"})


def _uma_de(valor, aceitos) -> bool:
    return isinstance(valor, str) and valor in aceitos


def _tipo_aceito(campo, valor) -> bool:
    """Whether ``valor`` (decoded JSON) has a type ``campo`` can deserialise."""
    from plone.app.textfield.interfaces import IRichText
    from plone.namedfile.interfaces import INamedField

    if valor is None:
        return True
    if IRichText.providedBy(campo):
        return isinstance(valor, str) or (
            isinstance(valor, dict)
            and isinstance(valor.get("data"), str)
            and isinstance(valor.get("content-type", ""), str)
            and _uma_de(valor.get("encoding", "utf-8"), _CODIFICACOES_TEXTO)
        )
    if INamedField.providedBy(campo):
        return isinstance(valor, str) or (
            isinstance(valor, dict)
            and isinstance(valor.get("data", ""), str)
            and isinstance(valor.get("content-type", ""), str)
            and isinstance(valor.get("filename", ""), (str, type(None)))
            and _uma_de(valor.get("encoding", "base64"), _CODIFICACOES_ARQUIVO)
        )
    if zi.IChoice.providedBy(campo):
        return isinstance(valor, _ESCALARES)
    if zi.ICollection.providedBy(campo):
        return (
            isinstance(valor, list)
            and all(_tipo_aceito(campo.value_type, v) for v in valor)
            if campo.value_type is not None
            else isinstance(valor, list)
        )
    if zi.IBool.providedBy(campo):
        return isinstance(valor, bool)
    if zi.IInt.providedBy(campo):
        return isinstance(valor, int) and not isinstance(valor, bool)
    if zi.IDict.providedBy(campo) or zi.IObject.providedBy(campo):
        return isinstance(valor, dict)
    if (
        zi.IText.providedBy(campo)
        or zi.IDate.providedBy(campo)
        or zi.IDatetime.providedBy(campo)
    ):
        return isinstance(valor, str)
    return True


@implementer(IDeserializeFromJson)
@adapter(IDexterityContent, ISeimgLayer)
class DeserializeSeimg(DeserializeFromJson):
    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        if data is None:
            # not JSON: 400 naming the body (plone.restapi's json_body raised
            # DeserializationError, answered in English by its services)
            data = reader.parse_json(self.request.get("BODY") or b"")
        if not isinstance(data, dict):
            raise InvalidInput(
                [
                    (
                        "corpo",
                        _("entrada_objeto", default="O corpo deve ser um objeto JSON."),
                    )
                ]
            )
        data = reader.clean_strings(data)
        self._recusar_desconhecidos(data)
        if not create:
            self._recusar_fixos(data)
        self._conferir_tipos(data)
        _exigir_odt(self.context, data)
        try:
            return super().__call__(
                validate_all=validate_all,
                data=data,
                create=create,
                mask_validation_errors=False,
            )
        except BadRequest as exc:
            erros = exc.args[0] if exc.args else None
            if not isinstance(erros, list):
                raise
            raise InvalidInput(
                [
                    (erro.get("field") or "dados", mensagem(erro, self.request))
                    for erro in erros
                ]
            ) from None

    def _conferir_tipos(self, data: dict) -> None:
        """JSON types the fields' deserializers cannot take (a dict for a
        choice raised TypeError in the vocabulary: a 500)."""
        problemas = []
        for schema in iterSchemata(self.context):
            for nome, campo in getFieldsInOrder(schema):
                if nome in data and not _tipo_aceito(campo, data[nome]):
                    problemas.append(
                        (
                            nome,
                            _("entrada_tipo_generico", default="Tipo de dado errado."),
                        )
                    )
        if problemas:
            raise InvalidInput(list(dict(problemas).items()))

    def _recusar_fixos(self, data: dict) -> None:
        """A change (PATCH) may not rename a process or document nor touch
        what numbering gave it: its address and numbers are printed in
        signatures and authenticity checks."""
        if not type(aq_base(self.context)).__module__.startswith("seimg."):
            return
        fixos = ["id", "numero_sei", "unidade_geradora"]
        if getattr(self.context, "portal_type", None) == "Processo":
            fixos.append("numero")
        alterados = [
            nome
            for nome in fixos
            if nome in data and data[nome] != getattr(aq_base(self.context), nome, None)
        ]
        if alterados:
            raise InvalidInput(
                [
                    (
                        nome,
                        _(
                            "entrada_fixo",
                            default="Definido pelo sistema: não pode ser alterado.",
                        ),
                    )
                    for nome in alterados
                ]
            )

    def _recusar_desconhecidos(self, data: dict) -> None:
        # (the class of the object, not of its acquisition wrapper)
        if not type(aq_base(self.context)).__module__.startswith("seimg."):
            return  # seimg's types only: their bodies hold only their fields
        conhecidos = set(CHAVES_DO_PLONE)
        for schema in iterSchemata(self.context):
            conhecidos.update(nome for nome, _f in getFieldsInOrder(schema))
        desconhecidos = sorted(set(data) - conhecidos)
        if desconhecidos:
            raise InvalidInput(
                [
                    (nome, _("entrada_desconhecido", default="Campo desconhecido."))
                    for nome in desconhecidos
                ]
            )


from plone.restapi.services.content.add import FolderPost  # noqa: E402
from seimg.base.idempotencia import Idempotente  # noqa: E402


class FolderPostSeimg(Idempotente, FolderPost):
    """plone.restapi's content creation, its own keys checked first: a
    non-text ``@type`` or ``id`` failed inside plone.restapi (500). A retry
    with the same ``Idempotency-Key`` gets the first answer."""

    def reply(self):
        dados = reader.parse_json(self.request.get("BODY") or b"")
        if not isinstance(dados, dict):
            raise InvalidInput(
                [
                    (
                        "corpo",
                        _("entrada_objeto", default="O corpo deve ser um objeto JSON."),
                    )
                ]
            )
        problemas = []
        tipo = dados.get("@type")
        if not isinstance(tipo, str) or not tipo.strip():
            problemas.append(
                ("@type", _("entrada_tipo_conteudo", default="Informe o tipo (@type)."))
            )
        for chave in ("id", "title"):
            if chave in dados and not isinstance(dados[chave], (str, type(None))):
                problemas.append(
                    (chave, _("entrada_tipo_generico", default="Tipo de dado errado."))
                )
        if problemas:
            raise InvalidInput(problemas)
        return super().reply()
