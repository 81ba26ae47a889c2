"""Where seimg keeps files outside the database.

- :func:`dados` — ``$SEIMG_DATA`` (``./var`` without it): this instance's
  own files (caches, job working folders, temporary files, logs). In a
  cluster every instance has its own.
- :func:`compartilhada` — ``$SEIMG_COMPARTILHADO`` (``SEIMG_DATA`` without
  it): files every instance of an installation must see alike, which are
  not in the database: the signing certificates, the open-data snapshots,
  the local mail sink. ``make cluster`` points it at the top ``SEIMG_DATA``;
  on several hosts it is a folder the deployment distributes or shares.
"""

from pathlib import Path
import os


def dados() -> Path:
    return Path(os.environ.get("SEIMG_DATA") or "var").resolve()


def compartilhada() -> Path:
    valor = os.environ.get("SEIMG_COMPARTILHADO")
    return Path(valor).resolve() if valor else dados()
