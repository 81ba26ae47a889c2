"""Adesão: a whole órgão (units, users, perfis) from one YAML or XLSX file.

Three steps, one module each: :mod:`.leitura` (``ler`` parses a file into an
:class:`Arquivo` whose records remember where they came from: YAML line, or
sheet and row), :mod:`.validacao` (``validar`` returns **every** problem
found, each with its place), :mod:`.aplicacao` (``aplicar`` creates or
updates the órgão, only when there is no problem, in the caller's
transaction). Loading the same file twice changes nothing; units and users
missing from a new version of the file are deactivated (units) or lose their
perfis in this órgão (users). :mod:`.modelo` holds the records and messages.

Surfaces: :mod:`.browser` (the @@adesao page), :mod:`.rest` (``POST
@adesao``), :mod:`.cli` (``make adesao``). The format is documented in
``docs/adesao.md`` with an example file.
"""

from seimg.organizacao.adesao.aplicacao import aplicar  # noqa: F401
from seimg.organizacao.adesao.leitura import ler  # noqa: F401
from seimg.organizacao.adesao.leitura import ler_xlsx  # noqa: F401
from seimg.organizacao.adesao.leitura import ler_yaml  # noqa: F401
from seimg.organizacao.adesao.modelo import ARQUIVO  # noqa: F401
from seimg.organizacao.adesao.modelo import Arquivo  # noqa: F401
from seimg.organizacao.adesao.modelo import ArquivoInvalido  # noqa: F401
from seimg.organizacao.adesao.modelo import Erro  # noqa: F401
from seimg.organizacao.adesao.modelo import ESCOLHA_ARQUIVO  # noqa: F401
from seimg.organizacao.adesao.modelo import LOGIN  # noqa: F401
from seimg.organizacao.adesao.modelo import MAX_LINHAS  # noqa: F401
from seimg.organizacao.adesao.modelo import MAX_PROBLEMAS  # noqa: F401
from seimg.organizacao.adesao.modelo import Resultado  # noqa: F401
from seimg.organizacao.adesao.modelo import resumir  # noqa: F401
from seimg.organizacao.adesao.modelo import texto  # noqa: F401
from seimg.organizacao.adesao.validacao import validar  # noqa: F401
