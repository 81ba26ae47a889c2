"""The errors of document generation, for people, and the render wrapper.

A render either returns, or raises :class:`GeracaoError` with a message for
people: :class:`LibreOfficeIndisponivel` (503) when LibreOffice is down, hung
past ``SEIMG_RENDER_TIMEOUT`` or busy (the worker pool, :mod:`.pool`, has
already restarted the worker and retried), :class:`ModeloInvalido` (422) when
the template itself fails; ``detail`` says which statement, for
administrators.
"""

from AccessControl import Unauthorized
from appy.pod import PodError
from appy.pod.renderer import CONV_ERR
from seimg import _
from seimg.geracao import libreoffice
from ZODB.POSException import ConflictError
import logging


logger = logging.getLogger(__name__)

CONVERSION_FAILED = CONV_ERR.split("%")[0].strip()


class GeracaoError(Exception):
    """A document could not be generated; ``message`` is for the user."""

    status = 500

    def __init__(self, message, detail=""):
        super().__init__(detail or str(message))
        self.message = message
        self.detail = detail


class ModeloNaoEncontrado(GeracaoError):
    """No template given, or none with that UID (a client's mistake)."""

    status = 400


class LibreOfficeIndisponivel(GeracaoError):
    status = 503
    retry_after = 10  # seconds: a restarted worker answers within this


def responder(error: Exception, response) -> None:
    """Set ``response``'s status for a generation ``error`` (anything with a
    ``status``), with ``Retry-After`` when trying again later will help."""
    response.setStatus(error.status)
    espera = getattr(error, "retry_after", None)
    if espera:
        response.setHeader("Retry-After", str(espera))


class ModeloInvalido(GeracaoError):
    status = 422


def is_conversion_failure(error: Exception) -> bool:
    return isinstance(error, PodError) and str(error).startswith(CONVERSION_FAILED)


def unavailable(detail: str = "") -> LibreOfficeIndisponivel:
    return LibreOfficeIndisponivel(
        _(
            "document_generation_unavailable",
            default="The document generator (LibreOffice) did not answer and is "
            "being restarted. Please try again in a few moments.",
        ),
        detail,
    )


def ensure_running() -> None:
    """Raise :class:`LibreOfficeIndisponivel` unless every worker listens.

    Workers that do not listen are restarted first.
    """
    for index in range(libreoffice.workers()):
        if libreoffice.is_listening(index=index):
            continue
        logger.warning("LibreOffice worker %s is not listening; restarting", index)
        if not libreoffice.restart(index=index):
            raise unavailable(f"LibreOffice worker {index} is not listening")


def template_error(error: Exception) -> ModeloInvalido:
    return ModeloInvalido(
        _(
            "document_template_error",
            default="The document template has an error and could "
            "not be rendered. An administrator must correct it.",
        ),
        str(error),
    )


def render(run):
    """Call ``run()`` (an appy render whose ``loPool`` is a :mod:`.pool`).

    The pool already restarted and retried a failing LibreOffice; here any
    other error is the template's, turned into :class:`ModeloInvalido`.
    """
    try:
        return run()
    except (ConflictError, Unauthorized, GeracaoError):
        raise
    except Exception as error:
        if is_conversion_failure(error):
            logger.error("LibreOffice conversion failed: %s", error)
            raise unavailable(str(error)) from error
        logger.info("Template error: %s", error)
        raise template_error(error) from error
