# Run by `zconsole run etc/zope-leitura.conf scripts/dados-abertos.py [--dia D]
# [--orgao X]` (see `make dados-abertos`). zconsole leaves its own arguments in
# sys.argv.
import sys

from seimg.transparencia.dados.cli import run


script = next(i for i, arg in enumerate(sys.argv) if arg.endswith("dados-abertos.py"))
sys.exit(run(app, sys.argv[script + 1 :]))
