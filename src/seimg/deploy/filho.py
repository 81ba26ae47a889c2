"""Run a command that dies with the process that started it.

``python -m seimg.deploy.filho COMMAND [ARGS…]`` asks Linux to send the
command SIGTERM when its parent (``scripts/start.sh``) goes, however it goes
(Ctrl-C, SIGTERM, SIGKILL, a crash), then becomes the command (the request
survives ``exec``). So a killed start script leaves no Zope, LibreOffice
supervisor or mail sink behind to hold the ports of the next start; each of
them stops cleanly on SIGTERM (the supervisor takes its workers along).
"""

import ctypes
import os
import signal
import sys


PR_SET_PDEATHSIG = 1


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(
            "uso: python -m seimg.deploy.filho COMANDO [ARGUMENTOS…]", file=sys.stderr
        )
        return 2
    pai = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
        print("aviso: prctl(PR_SET_PDEATHSIG) falhou", file=sys.stderr)
    if os.getppid() != pai or pai == 1:
        return 1  # the parent is already gone: do not start at all
    os.execvp(argv[0], argv)
    return 127  # not reached


if __name__ == "__main__":
    sys.exit(main())
