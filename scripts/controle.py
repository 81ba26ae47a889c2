# Run by `zconsole run etc/zope.conf scripts/controle.py [--verificar]`
# (see `make controle-reconstruir`). zconsole leaves its own arguments in sys.argv.
import sys

from seimg.controle.cli import run


script = next(i for i, arg in enumerate(sys.argv) if arg.endswith("controle.py"))
sys.exit(run(app, sys.argv[script + 1 :]))
