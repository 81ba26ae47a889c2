"""Generic Plone paths that would bypass the domain: copy, move, rename.

A copied process would carry another's NUP, andamentos and signatures; a
moved or renamed one would break its address, which signatures and the
authenticity page print. Both are refused in Portuguese (403) before
anything is written: duplicating a process is
:func:`seimg.processos.duplicacao.duplicar`. The renaming Plone does while
creating an object (plone.api's temporary id) is let through: the object
was added in this very transaction.
"""

from seimg import _
from seimg.processos.erros import proibido
import transaction


CRIADO = "_v_seimg_criado"

MENSAGEM_COPIA = _(
    "processo_copia_recusada",
    default='Processes and documents are not copied: use "Duplicar processo", '
    "which gives the copy its own number and history.",
)
MENSAGEM_MOVIMENTO = _(
    "processo_movimento_recusado",
    default="Processes and documents are neither moved nor renamed: "
    "their address is printed in signatures and authenticity checks.",
)


def marcar_criado(obj, event) -> None:
    """ObjectAdded: the object is new in this transaction (may be renamed)."""
    setattr(obj, CRIADO, transaction.get())


def recusar_copia(obj, event) -> None:
    raise proibido(MENSAGEM_COPIA)


def recusar_movimento(obj, event) -> None:
    if event.oldParent is None or event.newParent is None:
        return  # added or removed: their own rules apply
    if getattr(obj, CRIADO, None) is transaction.get():
        return  # named while being created, in this transaction
    raise proibido(MENSAGEM_MOVIMENTO)
