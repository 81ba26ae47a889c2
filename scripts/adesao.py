# Run by `zconsole run etc/zope.conf scripts/adesao.py FILE [--simular]`
# (see `make adesao`).
import sys

from seimg.organizacao.cli import run


sys.exit(run(app, sys.argv[1:]))
