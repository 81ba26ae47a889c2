"""The vinculos API: every public name of the package's modules."""

from seimg.vinculos.anexacao import anexado_a  # noqa: F401
from seimg.vinculos.anexacao import anexar  # noqa: F401
from seimg.vinculos.anexacao import anexos  # noqa: F401
from seimg.vinculos.anexacao import avisos_anexacao  # noqa: F401
from seimg.vinculos.anexacao import desanexar  # noqa: F401
from seimg.vinculos.anexacao import exigir_independente  # noqa: F401
from seimg.vinculos.ciencia import ciencia  # noqa: F401
from seimg.vinculos.ciencia import ciencias  # noqa: F401
from seimg.vinculos.ciencia import deu_ciencia  # noqa: F401
from seimg.vinculos.ciencia import pode_dar_ciencia  # noqa: F401
from seimg.vinculos.comum import CIENCIAS  # noqa: F401
from seimg.vinculos.comum import MAX_MOTIVO  # noqa: F401
from seimg.vinculos.comum import por_uid  # noqa: F401
from seimg.vinculos.comum import resolver_processo  # noqa: F401
from seimg.vinculos.relacionamentos import relacionados  # noqa: F401
from seimg.vinculos.relacionamentos import relacionar  # noqa: F401
from seimg.vinculos.relacionamentos import remover_relacionamento  # noqa: F401
from seimg.vinculos.sobrestamento import periodos_sobrestado  # noqa: F401
from seimg.vinculos.sobrestamento import remover_sobrestamento  # noqa: F401
from seimg.vinculos.sobrestamento import sobrestado  # noqa: F401
from seimg.vinculos.sobrestamento import sobrestar  # noqa: F401
from seimg.vinculos.sobrestamento import tempo_sobrestado  # noqa: F401
