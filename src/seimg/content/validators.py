"""z3c.form validators: the rules of ``estrutura`` as field errors in forms."""

from seimg.content.orgao import IOrgao
from seimg.content.unidade import IUnidade
from seimg.organizacao import estrutura
from z3c.form import validator
from zope.interface import Invalid


def _split(context):
    """(órgão, unit being edited or None) for an add or edit form's context."""
    if IUnidade.providedBy(context):
        return context.aq_parent, context
    return context, None


class UnidadeCodigoValidator(validator.SimpleFieldValidator):
    def validate(self, value):
        super().validate(value)
        orgao, unidade = _split(self.context)
        if IOrgao.providedBy(orgao):
            for problem in estrutura.problemas_unidade(
                orgao, unidade, None, value, None
            ):
                raise Invalid(problem)


class UnidadeSuperiorValidator(validator.SimpleFieldValidator):
    def validate(self, value):
        super().validate(value)
        orgao, unidade = _split(self.context)
        if IOrgao.providedBy(orgao):
            for problem in estrutura.problemas_unidade(
                orgao, unidade, None, None, value
            ):
                raise Invalid(problem)


class OrgaoCodigoValidator(validator.SimpleFieldValidator):
    def validate(self, value):
        super().validate(value)
        orgao = self.context if IOrgao.providedBy(self.context) else None
        for problem in estrutura.problemas_orgao(orgao, None, value):
            raise Invalid(problem)


class OrgaoSiglaValidator(validator.SimpleFieldValidator):
    def validate(self, value):
        super().validate(value)
        orgao = self.context if IOrgao.providedBy(self.context) else None
        for problem in estrutura.problemas_orgao(orgao, value, None):
            raise Invalid(problem)


validator.WidgetValidatorDiscriminators(
    UnidadeCodigoValidator, field=IUnidade["codigo"]
)
validator.WidgetValidatorDiscriminators(
    UnidadeSuperiorValidator, field=IUnidade["superior"]
)
validator.WidgetValidatorDiscriminators(OrgaoCodigoValidator, field=IOrgao["codigo"])
validator.WidgetValidatorDiscriminators(OrgaoSiglaValidator, field=IOrgao["sigla"])
