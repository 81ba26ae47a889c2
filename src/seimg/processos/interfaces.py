"""Hooks through which features above processos take part in its rules."""

from zope.interface import Interface


class IImpedimentoSigilo(Interface):
    """Subscription adapter of a Processo: why it may not become sigiloso now.

    ``seimg.blocos`` registers one (a process in a bloco cannot become
    sigiloso); :func:`seimg.processos.subscribers` refuses the change with
    the first message any of them returns.
    """

    def motivo():
        """A translatable message, or None when nothing prevents it."""


class IPainelAssinaturas(Interface):
    """Multi-adapter (document, request): the signatures part of a document page.

    ``seimg.assinatura`` provides it (signatures, buttons, the frozen
    rendering shown instead of the live text once signed); the document
    page (:mod:`seimg.processos.browser.documentos`) asks for it.
    """

    def pagina():
        """The frozen rendering (HTML) once signed, else None."""


class IRoteamentoAlterado(Interface):
    """Event: the routing state of a process may have changed.

    Notified by :func:`seimg.processos.tramite.reindexar` (and when the
    effective level changes); ``object`` is the process. Features above
    keep their own structures in step with it (the Controle de Processos).
    """
