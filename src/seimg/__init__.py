"""seimg: SEI-style electronic processes and documents on Plone 6.2."""

from zope.i18nmessageid import MessageFactory
import importlib
import importlib.abc
import importlib.util
import sys


PACKAGE_NAME = "seimg"

_ = MessageFactory(PACKAGE_NAME)

#: Modules that held persistent classes and moved (issue 14): old path → new.
#: Databases made before keep pickles naming the old path; importing it
#: gives the new module, so they load (and are saved under the new path when
#: they change). Loaded lazily: nothing here is imported until asked for.
MOVIDOS = {
    "seimg.assinatura.blocos": "seimg.blocos.modelo",
    "seimg.tramitacao.unidade": "seimg.notas.modelo",
}


class _Movidos(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVIDOS:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return importlib.import_module(MOVIDOS[spec.name])

    def exec_module(self, module):
        pass


if not any(isinstance(finder, _Movidos) for finder in sys.meta_path):
    sys.meta_path.append(_Movidos())
