# Run by `zconsole run etc/zope.conf scripts/pesquisa.py [--novo] [--lote N]`
# (see `make pesquisa-reconstruir`). zconsole leaves its own arguments in sys.argv.
import sys

from seimg.pesquisa.cli import run


script = next(i for i, arg in enumerate(sys.argv) if arg.endswith("pesquisa.py"))
sys.exit(run(app, sys.argv[script + 1 :]))
