"""``make cluster``: the same site on PostgreSQL, N Zope instances behind HAProxy.

Started by ``scripts/cluster.sh`` (``python -m seimg.deploy.cluster``), all
bound to 127.0.0.1:

- PostgreSQL 15 from Debian, our own server (:mod:`seimg.deploy.postgresql`:
  data in ``$SEIMG_DATA/postgresql``, port ``SEIMG_PG_PORT`` 5433), unless
  ``SEIMG_POSTGRESQL_DSN`` names a PostgreSQL elsewhere;
- ``SEIMG_INSTANCIAS`` (2) Zope instances on history-free RelStorage, each
  with its own data folder ``$SEIMG_DATA/instancias/<n>`` (configuration,
  logs, blob cache, job working folders, temporary files) on ports
  ``SEIMG_PORT + n``; files every instance must see alike (certificates,
  open-data snapshots, the mail sink) stay in ``$SEIMG_DATA``
  (``SEIMG_COMPARTILHADO``); an instance that stops is started again;
- HAProxy (:mod:`seimg.deploy.haproxy`) on ``SEIMG_PORT`` (8080);
- the LibreOffice workers and the local mail sink, shared by the instances.

The site (and the demo) is created once, by one instance's configuration,
before the instances start: so is any pending upgrade. Ctrl-C or SIGTERM
stops everything (HAProxy first, PostgreSQL last) and the command ends
with "seimg parado."; if PostgreSQL, HAProxy, LibreOffice or the sink
stops, everything stops and the message says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from seimg.deploy import haproxy
from seimg.deploy import instance
from seimg.deploy import postgresql as servidor_pg
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time


BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[3]
_LIBC = ctypes.CDLL(None, use_errno=True)

#: An instance that stops is started again, at most this often per minute.
REINICIOS_POR_MINUTO = 5


class ErroCluster(Exception):
    """What the operator must fix (Portuguese)."""


def _com_o_pai() -> None:
    _LIBC.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: die with the supervisor


def ouvindo(host: str, porta: int) -> bool:
    try:
        socket.create_connection((host, porta), timeout=1).close()
    except OSError:
        return False
    return True


def dizer(mensagem: str) -> None:
    print(mensagem, flush=True)


@dataclass
class Parte:
    """One supervised child process."""

    nome: str
    comando: list[str]
    ambiente: dict
    log: Path | None = None
    reiniciar: bool = False
    processo: subprocess.Popen | None = None
    reinicios: list[float] = field(default_factory=list)
    preexec: object = None
    sinal_parada: int = signal.SIGTERM

    def iniciar(self) -> None:
        saida = open(self.log, "ab") if self.log else None  # noqa: SIM115
        try:
            self.processo = subprocess.Popen(
                self.comando,
                env=self.ambiente,
                cwd=REPO,
                stdout=saida,
                stderr=subprocess.STDOUT if saida else None,
                preexec_fn=self.preexec or _com_o_pai,
            )
        finally:
            if saida:
                saida.close()

    def viva(self) -> bool:
        return self.processo is not None and self.processo.poll() is None

    def parar(self, segundos: float = 30) -> None:
        if not self.viva():
            return
        self.processo.send_signal(self.sinal_parada)
        try:
            self.processo.wait(segundos)
        except subprocess.TimeoutExpired:
            self.processo.kill()
            self.processo.wait()


@dataclass
class Config:
    data: Path
    host: str
    porta: int
    instancias: int
    threads: int
    pg_porta: int
    dsn_externo: str
    lo_host: str
    lo_porta: int
    lo_trabalhadores: int
    smtp_host: str
    smtp_porta: int
    smtp_sink: bool

    @classmethod
    def do_ambiente(cls, env=os.environ) -> Config:
        def inteiro(nome, padrao):
            valor = env.get(nome) or str(padrao)
            try:
                return int(valor)
            except ValueError as erro:
                raise ErroCluster(
                    f"{nome}={valor!r} não é um número inteiro."
                ) from erro

        config = cls(
            data=Path(env.get("SEIMG_DATA") or "var").resolve(),
            host=env.get("SEIMG_HOST", "127.0.0.1"),
            porta=inteiro("SEIMG_PORT", 8080),
            instancias=inteiro("SEIMG_INSTANCIAS", 2),
            threads=inteiro("SEIMG_THREADS", 4),
            pg_porta=inteiro("SEIMG_PG_PORT", servidor_pg.PORTA),
            dsn_externo=(env.get("SEIMG_POSTGRESQL_DSN") or "").strip(),
            lo_host=env.get("SEIMG_LIBREOFFICE_HOST", "127.0.0.1"),
            lo_porta=inteiro("SEIMG_LIBREOFFICE_PORT", 2002),
            lo_trabalhadores=inteiro("SEIMG_LIBREOFFICE_WORKERS", 2),
            smtp_host=env.get("SEIMG_SMTP_HOST", "127.0.0.1"),
            smtp_porta=inteiro("SEIMG_SMTP_PORT", 8025),
            smtp_sink=env.get("SEIMG_SMTP_SINK", "1") == "1",
        )
        if not 1 <= config.instancias <= 16:
            raise ErroCluster("SEIMG_INSTANCIAS deve estar entre 1 e 16.")
        return config

    def porta_instancia(self, numero: int) -> int:
        return self.porta + numero

    def pasta_instancia(self, numero: int) -> Path:
        return self.data / "instancias" / str(numero)


class Cluster:
    def __init__(self, config: Config, env=os.environ):
        self.config = config
        self.env = dict(env)
        self.partes: list[Parte] = []
        self.instancias: list[Parte] = []
        self.dsn = ""
        self.parando = False

    # --- checks ----------------------------------------------------------------

    def verificar_portas(self) -> None:
        c = self.config
        ocupadas = []
        portas = [("do HAProxy (SEIMG_PORT)", c.host, c.porta)]
        portas += [
            (f"da instância {n}", "127.0.0.1", c.porta_instancia(n))
            for n in range(1, c.instancias + 1)
        ]
        if not c.dsn_externo:
            portas.append(("do PostgreSQL (SEIMG_PG_PORT)", "127.0.0.1", c.pg_porta))
        portas += [
            ("do LibreOffice (SEIMG_LIBREOFFICE_PORT)", c.lo_host, c.lo_porta + i)
            for i in range(c.lo_trabalhadores)
        ]
        if c.smtp_sink:
            portas.append(
                ("do e-mail local (SEIMG_SMTP_PORT)", c.smtp_host, c.smtp_porta)
            )
        for nome, host, porta in portas:
            if ouvindo(host, porta):
                ocupadas.append(f"{porta} ({nome})")
        if ocupadas:
            raise ErroCluster(
                "portas já em uso: "
                + ", ".join(ocupadas)
                + ". Encerre o processo que as ocupa ou escolha outras portas."
            )

    # --- parts -----------------------------------------------------------------

    def _parte(self, *args, **kwargs) -> Parte:
        parte = Parte(*args, **kwargs)
        self.partes.append(parte)
        parte.iniciar()
        return parte

    def _esperar_porta(self, parte: Parte, host: str, porta: int, segundos: float):
        fim = time.monotonic() + segundos
        while time.monotonic() < fim:
            if ouvindo(host, porta):
                return
            if not parte.viva():
                raise ErroCluster(
                    f"{parte.nome} não iniciou"
                    + (f" (veja {parte.log})" if parte.log else "")
                    + "."
                )
            time.sleep(0.3)
        raise ErroCluster(
            f"{parte.nome} não abriu a porta {porta} em {segundos:.0f} s."
        )

    def iniciar_postgresql(self) -> None:
        c = self.config
        if c.dsn_externo:
            self.dsn = c.dsn_externo
            dizer("Usando o PostgreSQL informado em SEIMG_POSTGRESQL_DSN.")
        else:
            servidor = servidor_pg.Servidor(c.data / "postgresql", c.pg_porta)
            if servidor.preparar():
                dizer(f"Banco PostgreSQL criado em {servidor.dados}.")
            parte = Parte(
                "o PostgreSQL",
                servidor.comando(),
                self.env,
                log=servidor.log,
                preexec=lambda: servidor._tornar_dono(),
                sinal_parada=signal.SIGINT,  # fast shutdown
            )
            parte.log.touch()
            dono = servidor._dono()
            if dono:
                os.chown(parte.log, *dono)
            self.partes.append(parte)
            parte.iniciar()
            try:
                servidor.esperar(parte.processo)
            except servidor_pg.ErroPostgres as erro:
                raise ErroCluster(str(erro)) from erro
            self.dsn = servidor.criar_banco(self.env.get("SEIMG_PG_BANCO", "seimg"))
        self._verificar_banco()

    def _verificar_banco(self) -> None:
        import psycopg2

        try:
            psycopg2.connect(self.dsn, connect_timeout=5).close()
        except psycopg2.Error as erro:
            detalhe = str(erro).strip().splitlines()[0] if str(erro).strip() else ""
            raise ErroCluster(
                f"não foi possível conectar ao PostgreSQL ({detalhe}). Confira "
                "SEIMG_POSTGRESQL_DSN (host, port, dbname, user, senha) e se o "
                "servidor está no ar."
            ) from erro

    def iniciar_auxiliares(self) -> None:
        c = self.config
        if c.smtp_sink:
            sink = self._parte(
                "o servidor de e-mail local",
                [
                    str(BIN / "seimg-smtp-sink"),
                    "--host",
                    c.smtp_host,
                    "--port",
                    str(c.smtp_porta),
                    "--dir",
                    str(c.data / "mail"),
                ],
                self.env,
            )
            self._esperar_porta(sink, c.smtp_host, c.smtp_porta, 30)
        lo = self._parte(
            "o LibreOffice",
            [
                str(BIN / "seimg-libreoffice"),
                "--host",
                c.lo_host,
                "--port",
                str(c.lo_porta),
                "--workers",
                str(c.lo_trabalhadores),
                "--dir",
                str(c.data / "libreoffice"),
            ],
            self.env,
        )
        for i in range(c.lo_trabalhadores):
            self._esperar_porta(lo, c.lo_host, c.lo_porta + i, 90)

    def ambiente_instancia(self, numero: int) -> dict:
        c = self.config
        env = dict(self.env)
        env.update(
            SEIMG_DATA=str(c.pasta_instancia(numero)),
            SEIMG_PORT=str(c.porta_instancia(numero)),
            SEIMG_HOST="127.0.0.1",
            SEIMG_THREADS=str(c.threads),
            SEIMG_POSTGRESQL_DSN=self.dsn,
            SEIMG_COMPARTILHADO=str(c.data),
            SEIMG_TRUSTED_PROXY="127.0.0.1",
            SEIMG_LIBREOFFICE_DIR=str(c.data / "libreoffice"),
        )
        return env

    def configurar_instancias(self) -> list[Path]:
        etcs = []
        for numero in range(1, self.config.instancias + 1):
            env = self.ambiente_instancia(numero)
            Path(env["SEIMG_DATA"]).mkdir(parents=True, exist_ok=True)
            etcs.append(instance.write(instance.Settings.from_environ(env)))
        return etcs

    def criar_site(self, etc: Path) -> None:
        dizer("Preparando o site (na primeira vez leva alguns minutos)…")
        resultado = subprocess.run(
            [
                str(BIN / "zconsole"),
                "run",
                str(etc / "zope.conf"),
                str(REPO / "scripts" / "create-site.py"),
            ],
            env=self.ambiente_instancia(1),
            cwd=REPO,
            preexec_fn=_com_o_pai,
            check=False,
        )
        if resultado.returncode != 0:
            raise ErroCluster(
                f"a criação ou atualização do site falhou (código "
                f"{resultado.returncode}); veja as mensagens acima."
            )

    def iniciar_instancias(self, etcs: list[Path]) -> None:
        for numero, etc in enumerate(etcs, start=1):
            parte = self._parte(
                f"a instância {numero}",
                [str(BIN / "runwsgi"), str(etc / "zope.ini")],
                self.ambiente_instancia(numero),
                reiniciar=True,
            )
            self.instancias.append(parte)
        for numero, parte in enumerate(self.instancias, start=1):
            self._esperar_porta(
                parte, "127.0.0.1", self.config.porta_instancia(numero), 180
            )

    def iniciar_haproxy(self) -> None:
        c = self.config
        arquivo = haproxy.escrever(
            c.data / "haproxy",
            host=c.host,
            porta=c.porta,
            instancias=[
                ("127.0.0.1", c.porta_instancia(n)) for n in range(1, c.instancias + 1)
            ],
            maxconn=c.threads,
        )
        parte = self._parte(
            "o HAProxy", ["haproxy", "-db", "-f", str(arquivo)], self.env
        )
        self._esperar_porta(parte, c.host, c.porta, 30)

    # --- running ---------------------------------------------------------------

    def parar(self) -> None:
        self.parando = True
        for parte in reversed(self.partes):  # HAProxy first, PostgreSQL last
            parte.parar()

    def vigiar(self) -> str:
        """Until a part that is not an instance stops; restarts instances."""
        while True:
            time.sleep(0.5)
            for parte in self.partes:
                if parte.viva():
                    continue
                codigo = parte.processo.returncode
                if not parte.reiniciar:
                    return f"{parte.nome} parou (código {codigo})"
                agora = time.monotonic()
                parte.reinicios = [t for t in parte.reinicios if agora - t < 60]
                if len(parte.reinicios) >= REINICIOS_POR_MINUTO:
                    return (
                        f"{parte.nome} parou {REINICIOS_POR_MINUTO} vezes em um "
                        f"minuto (código {codigo}); veja {parte.ambiente['SEIMG_DATA']}"
                        "/instance/var/log/event.log"
                    )
                parte.reinicios.append(agora)
                dizer(f"{parte.nome} parou (código {codigo}); iniciando de novo.")
                parte.iniciar()

    def rodar(self) -> int:
        c = self.config
        self.verificar_portas()
        c.data.mkdir(parents=True, exist_ok=True)
        self.iniciar_postgresql()
        self.iniciar_auxiliares()
        etcs = self.configurar_instancias()
        self.criar_site(etcs[0])
        self.iniciar_instancias(etcs)
        self.iniciar_haproxy()
        dizer("")
        dizer(
            f"seimg no ar: http://{c.host}:{c.porta}/seimg  ({c.instancias} "
            f"instâncias atrás do HAProxy, banco PostgreSQL; usuário: admin; "
            "Ctrl-C para parar)"
        )
        if c.smtp_sink:
            dizer(f"E-mails enviados pelo site ficam em {c.data / 'mail'} (Maildir).")
        dizer("")
        motivo = self.vigiar()
        raise ErroCluster(f"{motivo}; as outras partes foram paradas.")


def main() -> int:
    parado = {"sinal": None}

    def ao_sinal(numero, _quadro):
        parado["sinal"] = numero
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, ao_sinal)
    # Ctrl-C reaches every part at once (one process group): this process
    # must take it as a stop even when started with SIGINT ignored (a
    # background job of a script), or it would report PostgreSQL's own
    # fast shutdown as a failure.
    signal.signal(signal.SIGINT, ao_sinal)
    cluster = None
    codigo = 0
    try:
        cluster = Cluster(Config.do_ambiente())
        cluster.rodar()
    except KeyboardInterrupt:
        codigo = 0
    except (ErroCluster, servidor_pg.ErroPostgres) as erro:
        print(f"ERRO: {erro}", file=sys.stderr, flush=True)
        codigo = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if cluster is not None:
            cluster.parar()
        dizer("seimg parado.")
    return codigo


if __name__ == "__main__":
    sys.exit(main())
