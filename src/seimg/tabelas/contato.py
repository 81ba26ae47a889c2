"""Contato: an interessado (person with CPF or company with CNPJ) of an órgão.

Contatos are reused by the processos of one órgão: ``orgao`` (UID) is set
from the acting unit when the contato is created (:mod:`.subscribers`) and is
not editable. CPF and CNPJ are validated with :mod:`seimg.base.brasil` and stored
as digits only; the title is derived: ``Nome (CPF 000.000.000-00)``.
"""

from plone.autoform import directives
from plone.schema.email import Email
from plone.supermodel import model
from seimg import _
from seimg.base import brasil
from seimg.tabelas.tipos import TabelaItem
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


FISICA = "fisica"
JURIDICA = "juridica"
TIPOS_PESSOA = SimpleVocabulary(
    [
        SimpleTerm(FISICA, title=_("Pessoa física")),
        SimpleTerm(JURIDICA, title=_("Pessoa jurídica")),
    ]
)


class CPFInvalido(ValidationError):
    """Invalid CPF (a ValidationError, so REST answers 400, not 500)."""

    def doc(self):
        return _(
            "tabelas_cpf_invalido",
            default="CPF: '${value}' is not a valid CPF.",
            mapping={"value": self.args[0] if self.args else ""},
        )


class CNPJInvalido(ValidationError):
    """Invalid CNPJ."""

    def doc(self):
        return _(
            "tabelas_cnpj_invalido",
            default="CNPJ: '${value}' is not a valid CNPJ.",
            mapping={"value": self.args[0] if self.args else ""},
        )


def cpf_constraint(value: str | None) -> bool:
    if value and not brasil.cpf_valido(value):
        raise CPFInvalido(value)
    return True


def cnpj_constraint(value: str | None) -> bool:
    if value and not brasil.cnpj_valido(value):
        raise CNPJInvalido(value)
    return True


class IContato(model.Schema):
    tipo_pessoa = schema.Choice(
        title=_("Tipo de pessoa"),
        vocabulary=TIPOS_PESSOA,
        default=FISICA,
    )
    nome = schema.TextLine(
        title=_("Nome"), description=_("Nome completo ou razão social.")
    )
    cpf = schema.TextLine(
        title=_("CPF"),
        description=_("Obrigatório para pessoa física."),
        required=False,
        constraint=cpf_constraint,
    )
    cnpj = schema.TextLine(
        title=_("CNPJ"),
        description=_("Obrigatório para pessoa jurídica."),
        required=False,
        constraint=cnpj_constraint,
    )
    empresario_individual = schema.Bool(
        title=_("Empresário individual ou MEI"),
        description=_(
            "Pessoa jurídica que é uma pessoa natural (empresário individual, "
            "MEI): protegida como pessoa física."
        ),
        required=False,
        default=False,
    )
    email = Email(title=_("E-mail"), required=False)
    directives.omitted("title")
    title = schema.TextLine(
        title=_("Título"),
        description=_("Nome (CPF ou CNPJ), derivado dos outros campos."),
        required=False,
        readonly=True,
    )
    directives.omitted("orgao")
    orgao = schema.TextLine(
        title=_("Órgão"),
        description=_("UID do órgão dono do contato (definido na criação)."),
        required=False,
        readonly=True,
    )

    @invariant
    def documento_do_tipo(data):
        tipo = getattr(data, "tipo_pessoa", None) or FISICA
        if tipo == FISICA:
            cpf = getattr(data, "cpf", None)
            if not brasil.cpf_valido(cpf):
                raise Invalid(
                    _(
                        "tabelas_contato_cpf_obrigatorio",
                        default="CPF: a natural person needs a valid CPF "
                        "(received: '${value}').",
                        mapping={"value": cpf or ""},
                    )
                )
        else:
            cnpj = getattr(data, "cnpj", None)
            if not brasil.cnpj_valido(cnpj):
                raise Invalid(
                    _(
                        "tabelas_contato_cnpj_obrigatorio",
                        default="CNPJ: a legal person needs a valid CNPJ "
                        "(received: '${value}').",
                        mapping={"value": cnpj or ""},
                    )
                )


def _digits_property(name: str):
    attr = f"_{name}"

    def getter(self):
        return getattr(self, attr, None)

    def setter(self, value):
        setattr(self, attr, brasil.digitos(value) or None)

    return property(getter, setter)


@implementer(IContato)
class Contato(TabelaItem):
    """An interessado; ``title`` derived from nome and CPF/CNPJ (never stored)."""

    cpf = _digits_property("cpf")
    cnpj = _digits_property("cnpj")
    orgao = None
    empresario_individual = False

    @property
    def documento(self) -> str:
        """ "CPF 000.000.000-00" or "CNPJ 00.000.000/0000-00" (or "")."""
        if getattr(self, "tipo_pessoa", FISICA) == JURIDICA:
            return f"CNPJ {brasil.formatar_cnpj(self.cnpj)}" if self.cnpj else ""
        return f"CPF {brasil.formatar_cpf(self.cpf)}" if self.cpf else ""

    @property
    def title(self):
        nome = getattr(self, "nome", None) or ""
        documento = self.documento
        return f"{nome} ({documento})" if nome and documento else nome

    @title.setter
    def title(self, value):
        """The title is derived from nome and the CPF/CNPJ."""

    def Title(self):
        return self.title


class NameFromNome:
    """Contatos get their id from the name only (no CPF in URLs)."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return self.context.nome or ""
