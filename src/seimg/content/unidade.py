"""Unidade: an organisational unit of an órgão, in a hierarchy of any depth.

Units are stored flat inside their Orgao (stable URLs); the hierarchy is the
``superior`` field, the UID of another unit of the same órgão.
"""

from plone.app.uuid.utils import uuidToObject
from plone.dexterity.content import Container
from plone.supermodel import model
from seimg import _
from seimg.content import SiglaNomeTitle
from seimg.content.orgao import sigla_constraint
from zope import schema
from zope.interface import implementer


class IUnidade(model.Schema):
    sigla = schema.TextLine(title=_("Sigla"), constraint=sigla_constraint)
    nome = schema.TextLine(title=_("Nome"))
    codigo = schema.Int(
        title=_("Código numérico"),
        description=_("Unique within the órgão; used in process numbers."),
        min=0,
        max=9999,
    )
    superior = schema.Choice(
        title=_("Unidade superior"),
        vocabulary="seimg.UnidadesDoOrgao",
        required=False,
    )
    emails = schema.List(
        title=_("E-mails para notificações"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    endereco = schema.Text(title=_("Endereço"), required=False)
    protocolo = schema.Bool(
        title=_("Unidade de protocolo"), default=False, required=False
    )
    arquivo = schema.Bool(title=_("Unidade de arquivo"), default=False, required=False)


@implementer(IUnidade)
class Unidade(SiglaNomeTitle, Container):
    """A unit. ``ativa`` follows its workflow state (see seimg_unidade_workflow)."""

    superior = None

    @property
    def orgao(self):
        return self.aq_parent

    def unidade_superior(self):
        return uuidToObject(self.superior, unrestricted=True) if self.superior else None

    def ancestrais(self):
        """Units above this one, nearest first; stops at a cycle."""
        seen = {self.UID()}
        result = []
        current = self.unidade_superior()
        while current is not None and current.UID() not in seen:
            result.append(current)
            seen.add(current.UID())
            current = current.unidade_superior()
        return result

    def sigla_completa(self):
        """Ex.: CMVS/SECRETARIA/PROTOCOLO (kept per Zope process until an
        órgão or unit changes, see seimg.organizacao.versao)."""
        from seimg.base.pedido import memo
        from seimg.organizacao import versao
        from seimg.organizacao.estrutura import SIGLAS

        siglas = versao.siglas()
        if siglas is None:
            siglas = memo(SIGLAS)
        uid = self.UID()
        sigla = siglas.get(uid)
        if sigla is None:
            parts = [u.sigla for u in reversed(self.ancestrais())] + [self.sigla]
            sigla = siglas[uid] = "/".join([self.aq_parent.sigla, *parts])
        return sigla

    @property
    def ativa(self):
        from plone import api

        return api.content.get_state(self, default="ativa") != "inativa"
