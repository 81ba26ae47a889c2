"""Daily open-data snapshots from the console (``make dados-abertos``).

``make dados-abertos`` writes a read-only copy of the instance's
``zope.conf`` (:func:`conf_leitura`: the FileStorage opened read-only under
a DemoStorage, so Zope may keep running and nothing is ever written to the
database) and runs ``scripts/dados-abertos.py`` with it through
``zconsole run``; :func:`run` writes today's snapshot (or ``--dia``'s) of
every órgão whose portal is on (or of ``--orgao`` ones). Links in the files
use ``SEIMG_PUBLIC_URL``. Meant for cron, once a day (docs/operacao.md).
"""

from pathlib import Path
import argparse
import datetime
import os
import re
import sys


def _ambiente_publico() -> dict:
    """Request environment so that addresses in the files are the public ones."""
    from urllib.parse import urlparse

    publico = urlparse(
        os.environ.get("SEIMG_PUBLIC_URL")
        or "http://{}:{}".format(
            os.environ.get("SEIMG_HOST", "127.0.0.1"),
            os.environ.get("SEIMG_PORT", "8080"),
        )
    )
    https = publico.scheme == "https"
    ambiente = {
        "SERVER_NAME": publico.hostname or "127.0.0.1",
        "SERVER_PORT": str(publico.port or (443 if https else 80)),
        "HTTP_ACCEPT_LANGUAGE": "pt-BR",
    }
    if https:
        ambiente["HTTPS"] = "on"
    return ambiente


def _dia(texto: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"data inválida: {texto!r} (use AAAA-MM-DD)"
        ) from None


def run(app, argv: list[str], site_id: str = "seimg") -> int:
    """Write the snapshots; print one line per file. 2 for an unknown órgão;
    1 when ``--dia`` names a past day that already has its files (history is
    never rewritten; today's files are replaced)."""
    from Acquisition import aq_base
    from seimg.transparencia import api as transparencia
    from seimg.transparencia.dados import snapshots
    from Testing.makerequest import makerequest
    from zope.component.hooks import getSite
    from zope.component.hooks import setSite
    from zope.globalrequest import getRequest
    from zope.globalrequest import setRequest
    import transaction

    parser = argparse.ArgumentParser(prog="dados-abertos")
    parser.add_argument("--site", default=site_id)
    parser.add_argument(
        "--orgao", action="append", default=[], help="id or sigla (repeatable)"
    )
    parser.add_argument("--dia", type=_dia, default=None, help="AAAA-MM-DD")
    options = parser.parse_args(argv)
    anteriores = getRequest(), getSite()
    app = makerequest(aq_base(app), environ=_ambiente_publico())
    setRequest(app.REQUEST)
    site = app[options.site]
    setSite(site)
    try:
        if options.orgao:
            try:
                orgaos = [transparencia.orgao(ident) for ident in options.orgao]
            except transparencia.NaoEncontrado as erro:
                print(f"Órgão desconhecido ou sem portal: {erro}", file=sys.stderr)
                return 2
        else:
            orgaos = transparencia.orgaos()
        codigo = 0
        for orgao in orgaos:
            dia = options.dia
            if dia and dia != snapshots.hoje() and snapshots.existe(orgao.getId(), dia):
                # History is kept: only today's files are ever replaced.
                print(
                    f"{orgao.getId()}: o retrato de {dia} já existe e não é "
                    "reescrito (histórico).",
                    file=sys.stderr,
                )
                codigo = 1
                continue
            for caminho in snapshots.gerar(site, orgao, dia):
                print(f"{caminho} ({caminho.stat().st_size} bytes)")
    finally:
        transaction.abort()  # nothing is written to the database
        setRequest(anteriores[0])
        setSite(anteriores[1])
    return codigo


_ARMAZENAMENTO = re.compile(
    r"^(\s*)<(filestorage|relstorage)>\s*$(.*?)^\s*</\2>\s*$", re.M | re.S
)


def conf_leitura(texto: str) -> str:
    """``zope.conf`` with its storage (FileStorage, or RelStorage in a
    cluster) read-only under a DemoStorage (which takes whatever Zope's
    start-up would write, and drops it)."""

    def trocar(achado):
        recuo, tipo, corpo = achado.group(1), achado.group(2), achado.group(3)
        linhas = [linha for linha in corpo.splitlines() if linha.strip()]
        linhas = [
            linha for linha in linhas if not linha.strip().startswith("read-only")
        ]
        dentro = "\n".join(f"  {linha}" for linha in linhas)
        return (
            f"{recuo}<demostorage>\n"
            f"{recuo}  <{tipo}>\n"
            f"{recuo}    read-only true\n"
            f"{dentro}\n"
            f"{recuo}  </{tipo}>\n"
            f"{recuo}</demostorage>\n"
        )

    novo, trocas = _ARMAZENAMENTO.subn(trocar, texto)
    if trocas != 1:
        raise ValueError(
            "zope.conf: expected one <filestorage> or <relstorage> section"
        )
    return novo


def main(argv: list[str] | None = None) -> int:
    """``python -m seimg.transparencia.dados.cli conf-leitura ZOPE_CONF``:
    print the read-only configuration."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "conf-leitura":
        print(main.__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(conf_leitura(Path(argv[1]).read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
