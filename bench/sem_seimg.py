"""Run a Zope command as if seimg were not installed.

``python bench/sem_seimg.py runwsgi etc/zope.ini`` (or ``addzopeuser …``):
the ``seimg`` package cannot be imported in this process, and Plone's
autoinclude is told to accept that, so the Zope has no trace of seimg: the
baseline of "seimg must not slow other sites" (``bench_write_mix.py``).
"""

from importlib.abc import MetaPathFinder
import os
import sys


os.environ["AUTOINCLUDE_ALLOW_MODULE_NOT_FOUND_ERROR"] = "seimg"


class _SemSeimg(MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname == "seimg" or fullname.startswith("seimg."):
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


sys.meta_path.insert(0, _SemSeimg())

COMANDOS = {
    "runwsgi": "Zope2.Startup.serve:main",
    "addzopeuser": "Zope2.utilities.adduser:main",
}

if __name__ == "__main__":
    nome, *argumentos = sys.argv[1:]
    modulo, funcao = COMANDOS[nome].split(":")
    sys.argv = [nome, *argumentos]
    main = getattr(__import__(modulo, fromlist=[funcao]), funcao)
    sys.exit(main())
