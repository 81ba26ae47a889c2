# Run by `zconsole run etc/zope.conf scripts/inventario.py [ARQUIVO]` (make
# restore). zconsole leaves its own arguments in sys.argv.
import sys

from seimg.deploy.inventario import main


script = next(i for i, arg in enumerate(sys.argv) if arg.endswith("inventario.py"))
sys.exit(main(app, sys.argv[script + 1 :]))
