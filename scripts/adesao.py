# Run by `zconsole run etc/zope.conf scripts/adesao.py FILE [--simular]`
# (see `make adesao`). zconsole leaves its own arguments in sys.argv.
import sys

from seimg.organizacao.adesao.cli import run


script = next(i for i, arg in enumerate(sys.argv) if arg.endswith("adesao.py"))
sys.exit(run(app, sys.argv[script + 1 :]))
