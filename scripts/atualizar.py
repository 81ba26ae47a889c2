# Run by `zconsole run <zope.conf> scripts/atualizar.py` (see atualizar.sh).
from seimg.deploy.atualizacao import executar


executar(app)
