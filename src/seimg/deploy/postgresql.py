"""seimg's own PostgreSQL server: a data directory, a port, a database.

``make cluster`` (and the tests) run PostgreSQL from Debian's package
(``postgresql-15``) with a data directory of their own,
``$SEIMG_DATA/postgresql``, on their own port, bound to 127.0.0.1, leaving
Debian's default cluster alone. PostgreSQL refuses to run as root, so as root
every server command runs as the ``postgres`` system user (``runuser``);
otherwise as the current user.

Access: the Unix socket lives in a private folder of the data directory
(trusted: only the server's owner and root reach it) and serves the
administrative commands; the instances connect over TCP as the ``seimg``
role with a generated password kept in a passfile (``.pgpass``, mode 600)
that their DSN names, so no password is written in any configuration file.

Usage (``scripts/cluster.sh``)::

    python -m seimg.deploy.postgresql preparar   # initdb once; prints nothing
    python -m seimg.deploy.postgresql servir     # becomes the server (foreground)
    python -m seimg.deploy.postgresql banco      # role + database; prints the DSN
    python -m seimg.deploy.postgresql dsn        # prints the DSN

reading ``SEIMG_DATA``, ``SEIMG_PG_PORT`` (5433) and ``SEIMG_PG_BANCO``
(``seimg``).
"""

from __future__ import annotations

from pathlib import Path
import ctypes
import os
import pwd
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time


HOST = "127.0.0.1"
PORTA = 5433
BANCO = "seimg"
PAPEL = "seimg"
ADMIN = "postgres"


_LIBC = ctypes.CDLL(None, use_errno=True)


def _morrer_com_o_pai() -> None:
    # (no imports here: it runs after setuid, when the postgres user may not
    # read this interpreter's files)
    _LIBC.prctl(1, signal.SIGINT)  # PR_SET_PDEATHSIG: fast shutdown


class ErroPostgres(Exception):
    """Something an operator must fix (the message says what, in Portuguese)."""


def binarios() -> Path:
    """The newest ``/usr/lib/postgresql/<versão>/bin`` with ``initdb``."""
    raiz = Path(os.environ.get("SEIMG_PG_BIN_RAIZ", "/usr/lib/postgresql"))
    versoes = sorted(
        (p for p in raiz.glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if not versoes:
        raise ErroPostgres(
            "o PostgreSQL não está instalado (pacote Debian postgresql-15). "
            "Rode make cluster como root para instalá-lo, ou informe um "
            "PostgreSQL existente em SEIMG_POSTGRESQL_DSN."
        )
    return versoes[-1]


def _como_root() -> bool:
    return os.geteuid() == 0


class Servidor:
    """One PostgreSQL server in ``pasta`` on ``porta`` (127.0.0.1)."""

    def __init__(self, pasta: Path, porta: int = PORTA, host: str = HOST):
        self.pasta = Path(pasta).resolve()
        self.porta = int(porta)
        self.host = host
        self.bin = binarios()

    # --- paths ---------------------------------------------------------------

    @property
    def dados(self) -> Path:
        return self.pasta / "dados"

    @property
    def soquete(self) -> Path:
        return self.pasta / "soquete"

    @property
    def log(self) -> Path:
        return self.pasta / "postgresql.log"

    @property
    def passfile(self) -> Path:
        return self.pasta / "pgpass"

    # --- running commands as the server's owner ------------------------------

    def _dono(self) -> tuple[int, int] | None:
        if not _como_root():
            return None
        try:
            usuario = pwd.getpwnam(ADMIN)
        except KeyError as erro:
            raise ErroPostgres(
                "o usuário de sistema postgres não existe (o pacote "
                "postgresql-15 o cria). Instale o pacote."
            ) from erro
        return usuario.pw_uid, usuario.pw_gid

    def _argv(self, comando: list[str]) -> list[str]:
        if self._dono() is None:
            return comando
        return ["runuser", "-u", ADMIN, "--", *comando]

    def _tornar_dono(self) -> None:
        """In the child, before exec: become the server's owner (not through
        runuser, so signals reach the server itself) and die with the parent."""
        dono = self._dono()
        if dono:
            os.setgroups([])
            os.setgid(dono[1])
            os.setuid(dono[0])
        # after setuid: a change of credentials clears the parent-death signal
        _morrer_com_o_pai()

    def _rodar(self, comando: list[str], entrada: str | None = None) -> str:
        resultado = subprocess.run(
            self._argv(comando),
            input=entrada,
            capture_output=True,
            text=True,
            check=False,
        )
        if resultado.returncode != 0:
            raise ErroPostgres(
                f"{Path(comando[0]).name} falhou: "
                f"{(resultado.stderr or resultado.stdout).strip()}"
            )
        return resultado.stdout

    # --- setup ---------------------------------------------------------------

    def preparado(self) -> bool:
        return (self.dados / "PG_VERSION").exists()

    def preparar(self) -> bool:
        """``initdb`` once (True when it ran); folders owned by the server's user."""
        dono = self._dono()
        self.pasta.mkdir(parents=True, exist_ok=True)
        for pasta in (self.pasta, self.soquete):
            pasta.mkdir(exist_ok=True)
            pasta.chmod(0o700)
            if dono:
                os.chown(pasta, *dono)
        if dono:
            self._verificar_acesso(dono[0])
        if self.preparado():
            return False
        if self.dados.exists() and any(self.dados.iterdir()):
            raise ErroPostgres(
                f"{self.dados} existe e não é um banco PostgreSQL. Remova-a ou "
                "escolha outro SEIMG_DATA."
            )
        self._rodar(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.dados),
                "-U",
                ADMIN,
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
            ]
        )
        return True

    def _verificar_acesso(self, uid: int) -> None:
        """The postgres user must reach the data folder through every parent."""
        for pai in [self.pasta, *self.pasta.parents]:
            modo = pai.stat()
            if modo.st_uid != uid and not modo.st_mode & 0o001:
                raise ErroPostgres(
                    f"o usuário postgres não consegue entrar em {pai} (permissões "
                    f"{oct(modo.st_mode & 0o777)}). Use um SEIMG_DATA fora dela "
                    f"ou dê permissão de passagem: chmod o+x {shlex.quote(str(pai))}"
                )

    def comando(self) -> list[str]:
        """The server's command line (foreground; SIGTERM: smart shutdown,
        SIGINT: fast shutdown)."""
        return [
            str(self.bin / "postgres"),
            "-D",
            str(self.dados),
            "-c",
            f"listen_addresses={self.host}",
            "-c",
            f"port={self.porta}",
            "-c",
            f"unix_socket_directories={self.soquete}",
            "-c",
            "max_connections=200",
            "-c",
            "shared_buffers=128MB",
            "-c",
            "logging_collector=off",
            "-c",
            "log_min_messages=warning",
        ]

    def iniciar(self) -> subprocess.Popen:
        """Start in the background (tests); returns once it accepts
        connections. The server dies with the calling process."""
        self._verificar_porta()
        dono = self._dono()
        with open(self.log, "ab") as saida:
            if dono:
                os.chown(self.log, *dono)
            processo = subprocess.Popen(
                self.comando(),
                stdout=saida,
                stderr=subprocess.STDOUT,
                preexec_fn=self._tornar_dono,
            )
        self.esperar(processo)
        return processo

    def servir(self) -> None:
        """Become the server (``make cluster``): exec, as its owner."""
        self._verificar_porta()
        self._tornar_dono()
        comando = self.comando()
        os.execv(comando[0], comando)

    def _verificar_porta(self) -> None:
        with socket.socket() as teste:
            teste.settimeout(1)
            if teste.connect_ex((self.host, self.porta)) == 0:
                raise ErroPostgres(
                    f"a porta {self.host}:{self.porta} do PostgreSQL já está em "
                    "uso. Encerre o processo que a ocupa ou escolha outra com "
                    "SEIMG_PG_PORT."
                )

    def esperar(self, processo=None, segundos: float = 60) -> None:
        fim = time.monotonic() + segundos
        while time.monotonic() < fim:
            if processo is not None and processo.poll() is not None:
                raise ErroPostgres(
                    f"o PostgreSQL parou ao iniciar (código {processo.returncode}); "
                    f"veja {self.log}"
                )
            pronto = subprocess.run(
                [
                    str(self.bin / "pg_isready"),
                    "-q",
                    "-h",
                    self.host,
                    "-p",
                    str(self.porta),
                ],
                check=False,
            )
            if pronto.returncode == 0:
                return
            time.sleep(0.2)
        raise ErroPostgres(
            f"o PostgreSQL não respondeu na porta {self.porta} em {segundos:.0f} s"
        )

    def parar(self, processo: subprocess.Popen, segundos: float = 30) -> None:
        """Fast shutdown (SIGINT), then SIGKILL if it does not stop."""
        if processo.poll() is not None:
            return
        processo.send_signal(signal.SIGINT)
        try:
            processo.wait(segundos)
        except subprocess.TimeoutExpired:
            processo.kill()
            processo.wait()

    # --- databases -----------------------------------------------------------

    def psql(self, sql: str, banco: str = "postgres") -> str:
        """Run ``sql`` as the administrator through the private socket."""
        return self._rodar(
            [
                str(self.bin / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.soquete),
                "-p",
                str(self.porta),
                "-U",
                ADMIN,
                "-d",
                banco,
            ],
            entrada=sql,
        )

    def senha(self) -> str:
        """The ``seimg`` role's password (generated once, in the passfile)."""
        if self.passfile.exists():
            linha = self.passfile.read_text(encoding="utf-8").strip().splitlines()[0]
            return linha.rsplit(":", 1)[1]
        senha = secrets.token_urlsafe(24)
        self.passfile.touch(mode=0o600)
        self.passfile.write_text(f"*:*:*:{PAPEL}:{senha}\n", encoding="utf-8")
        return senha

    def dsn(self, banco: str = BANCO) -> str:
        return (
            f"host={self.host} port={self.porta} dbname={banco} user={PAPEL} "
            f"passfile={self.passfile}"
        )

    def criar_banco(self, banco: str = BANCO) -> str:
        """The ``seimg`` role and database ``banco`` (idempotent); the DSN."""
        senha = self.senha().replace("'", "''")
        existe = self.psql(f"SELECT 1 FROM pg_roles WHERE rolname = '{PAPEL}'")
        verbo = "ALTER" if existe.strip() else "CREATE"
        self.psql(f"{verbo} ROLE {PAPEL} LOGIN PASSWORD '{senha}'")
        if not self.psql(
            f"SELECT 1 FROM pg_database WHERE datname = '{banco}'"
        ).strip():
            self.psql(f"CREATE DATABASE \"{banco}\" OWNER {PAPEL} ENCODING 'UTF8'")
        return self.dsn(banco)

    def remover_banco(self, banco: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{banco}" WITH (FORCE)')


def do_ambiente(environ=os.environ) -> Servidor:
    dados = Path(environ.get("SEIMG_DATA", "var")).resolve()
    return Servidor(dados / "postgresql", int(environ.get("SEIMG_PG_PORT", PORTA)))


def dsn_do_ambiente(environ=os.environ) -> str | None:
    """The cluster's DSN: ``SEIMG_POSTGRESQL_DSN`` when given (a PostgreSQL
    elsewhere), else our own server's when ``$SEIMG_DATA/postgresql`` holds
    one (``make cluster`` made it), else None (the embedded FileStorage)."""
    dado = (environ.get("SEIMG_POSTGRESQL_DSN") or "").strip()
    if dado:
        return dado
    dados = Path(environ.get("SEIMG_DATA", "var")).resolve() / "postgresql"
    if (dados / "dados" / "PG_VERSION").exists():
        servidor = Servidor(dados, int(environ.get("SEIMG_PG_PORT", PORTA)))
        return servidor.dsn(environ.get("SEIMG_PG_BANCO", BANCO))
    return None


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    acao = argv[0] if argv else ""
    try:
        servidor = do_ambiente()
        banco = os.environ.get("SEIMG_PG_BANCO", BANCO)
        if acao == "preparar":
            if servidor.preparar():
                print(f"Banco PostgreSQL criado em {servidor.dados}", file=sys.stderr)
        elif acao == "servir":
            servidor.preparar()
            servidor.servir()
        elif acao == "esperar":
            servidor.esperar()
        elif acao == "banco":
            print(servidor.criar_banco(banco))
        elif acao == "dsn":
            # a PostgreSQL elsewhere (SEIMG_POSTGRESQL_DSN), ours, or nothing
            dsn = dsn_do_ambiente()
            if not dsn:
                return 1
            print(dsn)
        elif acao == "bin":
            print(servidor.bin)
        else:
            print(
                "uso: python -m seimg.deploy.postgresql "
                "preparar|servir|esperar|banco|dsn|bin",
                file=sys.stderr,
            )
            return 2
    except ErroPostgres as erro:
        print(f"ERRO: {erro}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
