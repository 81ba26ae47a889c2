"""What blocos and pedidos de assinatura grant, plugged into lower features.

- local roles (borg.localrole merges every named provider): ``LeitorProcesso``
  on the processes of a disponibilizado bloco de reunião,
  ``SignatarioBloco``/``LeitorBloco`` on documents (:mod:`.modelo`);
- who may sign a document besides its unit
  (:class:`seimg.assinatura.permissoes.IAutorizacaoAssinatura`);
- why a process may not become sigiloso
  (:class:`seimg.processos.interfaces.IImpedimentoSigilo`).
"""

from borg.localrole.interfaces import ILocalRoleProvider
from seimg import _
from seimg.assinatura.permissoes import IAutorizacaoAssinatura
from seimg.blocos import modelo
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.processos.interfaces import IImpedimentoSigilo
from zope.component import adapter
from zope.interface import implementer


class _Papeis:
    calcular = None

    def __init__(self, context):
        self.context = context

    def getRoles(self, principal_id):
        return tuple(type(self).calcular(self.context).get(principal_id, ()))

    def getAllRoles(self):
        for principal, roles in type(self).calcular(self.context).items():
            yield principal, tuple(roles)


@implementer(ILocalRoleProvider)
@adapter(IProcesso)
class PapeisProcesso(_Papeis):
    calcular = staticmethod(modelo.papeis_processo)


@implementer(ILocalRoleProvider)
@adapter(IDocumentoBase)
class PapeisDocumento(_Papeis):
    calcular = staticmethod(modelo.papeis_documento)


@implementer(IAutorizacaoAssinatura)
@adapter(IDocumentoBase)
class AssinaturaPorBloco:
    def __init__(self, context):
        self.context = context

    def pode_assinar(self, userid):
        return modelo.pode_assinar(self.context, userid)


@implementer(IImpedimentoSigilo)
@adapter(IProcesso)
class SigiloEmBloco:
    def __init__(self, context):
        self.context = context

    def motivo(self):
        if not modelo.em_blocos(self.context):
            return None
        return _(
            "sigiloso_em_bloco",
            default="Nível de acesso: a process in a block (or with "
            "documents in a block) cannot become secret: take it out "
            "of the blocks first.",
        )
