"""Each unit's notes: where they are kept, the persistent records, helpers.

(Until issue 14 this was ``seimg.notas``: pickles of
:class:`Anotacao` and :class:`Marcacao` naming that path still load, see
``seimg.MOVIDOS``.)
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from seimg import _
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import proibido
from zope.annotation.interfaces import IAnnotations


ANOTACOES = "seimg.anotacoes"
MARCADORES = "seimg.marcadores"
MARCACOES = "seimg.marcacoes"
ACOMPANHAMENTOS = "seimg.acompanhamentos"
ACOMPANHADO_POR = "seimg.acompanhado_por"

MAX_ANOTACAO = 2000
MAX_NOME_MARCADOR = 50
MAX_TEXTO_MARCADOR = 250
MAX_GRUPO = 100
MAX_OBSERVACAO = 500

#: token → (label, CSS colour): the fixed palette of marcadores.
CORES = {
    "vermelho": (_("cor_vermelho", default="Red"), "#dc3545"),
    "laranja": (_("cor_laranja", default="Orange"), "#fd7e14"),
    "amarelo": (_("cor_amarelo", default="Yellow"), "#ffc107"),
    "verde": (_("cor_verde", default="Green"), "#198754"),
    "azul": (_("cor_azul", default="Blue"), "#0d6efd"),
    "roxo": (_("cor_roxo", default="Purple"), "#6f42c1"),
    "rosa": (_("cor_rosa", default="Pink"), "#d63384"),
    "ciano": (_("cor_ciano", default="Cyan"), "#0dcaf0"),
    "cinza": (_("cor_cinza", default="Grey"), "#6c757d"),
    "preto": (_("cor_preto", default="Black"), "#212529"),
}


class Anotacao(Persistent):
    def __init__(self, texto: str, prioridade: bool, usuario: str | None):
        self.texto = texto
        self.prioridade = prioridade
        self.usuario = usuario
        self.data = tramite.agora()

    def info(self) -> dict:
        return {
            "texto": self.texto,
            "prioridade": self.prioridade,
            "usuario": self.usuario,
            "data": self.data,
        }


class Marcacao(Persistent):
    """One unit's marcador on one process (None when removed) and its history."""

    def __init__(self):
        self.marcador: str | None = None
        self.texto = ""
        self.usuario = None
        self.data = None
        self.historico = PersistentList()


# -- helpers -----------------------------------------------------------------


def _usuario() -> str | None:
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def _uid(unidade) -> str:
    return unidade if isinstance(unidade, str) else unidade.UID()


def _tree(obj, key: str, criar: bool):
    annotations = IAnnotations(obj)
    tree = annotations.get(key)
    if tree is None and criar:
        tree = annotations[key] = OOBTree()
    return tree


def _str(valor) -> str:
    return valor.strip() if isinstance(valor, str) else ""


def _reindexar(processo, *indexes: str) -> None:
    processo.reindexObject(idxs=list(indexes))


def _exigir_acesso(processo):
    """The acting unit, which must have (or have had) ``processo``."""
    unidade = regras.exigir_unidade()
    regras.exigir_acesso(processo)
    if not tramite.passou_por(processo, unidade):
        raise proibido(
            _(
                "nota_sem_acesso",
                default="The process ${numero} never was in your unit ${unidade}.",
                mapping={
                    "numero": processo.numero,
                    "unidade": unidade.sigla_completa(),
                },
            )
        )
    return unidade
