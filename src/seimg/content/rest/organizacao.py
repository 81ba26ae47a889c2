"""JSON of Orgao and Unidade: plone.restapi's, plus the full sigla path."""

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from seimg.content.orgao import IOrgao
from seimg.content.unidade import IUnidade
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(ISerializeToJson)
@adapter(IUnidade, Interface)
class UnidadeSerializer(SerializeFolderToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        superior = self.context.unidade_superior()
        result["sigla_completa"] = self.context.sigla_completa()
        result["ativa"] = self.context.ativa
        result["superior"] = (
            {
                "@id": superior.absolute_url(),
                "UID": superior.UID(),
                "sigla_completa": superior.sigla_completa(),
                "nome": superior.nome,
            }
            if superior is not None
            else None
        )
        result["orgao"] = {
            "@id": self.context.aq_parent.absolute_url(),
            "sigla": self.context.aq_parent.sigla,
            "nome": self.context.aq_parent.nome,
        }
        return result


@implementer(ISerializeToJson)
@adapter(IOrgao, Interface)
class OrgaoSerializer(SerializeFolderToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        result["unidades"] = [
            {
                "@id": u.absolute_url(),
                "UID": u.UID(),
                "sigla_completa": u.sigla_completa(),
                "nome": u.nome,
                "ativa": u.ativa,
            }
            for u in sorted(self.context.unidades(), key=lambda u: u.sigla_completa())
        ]
        return result
