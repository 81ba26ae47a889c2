"""Run one appy render against the supervised LibreOffice, failing clearly.

A render either returns, or raises :class:`GeracaoError` with a message for
people. When LibreOffice is down, crashed during the conversion, or hung past
``SEIMG_RENDER_TIMEOUT`` (the converter is killed by ``seimg-python-uno``), the
server is restarted through its supervisor and the render is tried once more.
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


class LibreOfficeIndisponivel(GeracaoError):
    status = 503


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
    if libreoffice.is_listening():
        return
    logger.warning("LibreOffice is not listening; asking for a restart")
    if not libreoffice.restart():
        raise unavailable("LibreOffice is not listening")


def render(run):
    """Call ``run()`` (an appy render) with restart-and-retry around it."""
    ensure_running()
    for attempt in (1, 2):
        try:
            return run()
        except (ConflictError, Unauthorized):
            raise
        except GeracaoError:
            raise
        except Exception as error:
            if not is_conversion_failure(error):
                logger.info("Template error: %s", error)
                raise ModeloInvalido(
                    _(
                        "document_template_error",
                        default="The document template has an error and could "
                        "not be rendered. An administrator must correct it.",
                    ),
                    str(error),
                ) from error
            logger.error(
                "LibreOffice conversion failed (attempt %s): %s", attempt, error
            )
            restarted = libreoffice.restart()
            if attempt == 2 or not restarted:
                raise unavailable(str(error)) from error
    raise AssertionError("unreachable")  # pragma: no cover
