"""The job API's PostgreSQL backend (:mod:`seimg.base.tarefas`), for clusters.

Records are rows of ``seimg_tarefas`` (the record as ``jsonb``, timestamps,
the claim of :func:`~seimg.base.tarefas.reivindicar` and the name of the
stored result); the result file is stored in ``seimg_tarefas_arquivos`` as
:data:`PARTE`-sized ``bytea`` parts, written and read one part at a time.
:meth:`BancoPostgres.atualizar` is one transaction under ``SELECT … FOR
UPDATE`` (progress reports of a worker and a reader on another instance
never lose each other's fields), and the update that marks a job
``concluido`` stores its result in the same transaction: a job is never
``concluido`` without its file. Each instance's local folder (its own
``$SEIMG_DATA``) holds the working files of the jobs it runs and the copies
of results it served.
"""

from __future__ import annotations

from pathlib import Path
from seimg.base import postgresql
from seimg.base.tarefas import _agora
from seimg.base.tarefas import _campos_interrompida
from seimg.base.tarefas import _id_valido
from seimg.base.tarefas import _interrompida
from seimg.base.tarefas import _nome_valido
from seimg.base.tarefas import CONCLUIDO
from seimg.base.tarefas import PastaLocal
from seimg.base.tarefas import TarefaNaoEncontrada
import hashlib
import os
import secrets
import shutil
import threading


ESQUEMA_POSTGRESQL = """
CREATE TABLE IF NOT EXISTS seimg_tarefas (
    id text PRIMARY KEY,
    dados jsonb NOT NULL,
    criado_em timestamptz NOT NULL DEFAULT now(),
    atualizado_em timestamptz NOT NULL DEFAULT now(),
    reivindicada_em timestamptz,
    arquivo text
);
CREATE INDEX IF NOT EXISTS seimg_tarefas_abertas
    ON seimg_tarefas ((dados->>'usuario'))
    WHERE dados->>'estado' IN ('pendente', 'executando');
CREATE INDEX IF NOT EXISTS seimg_tarefas_dados
    ON seimg_tarefas USING gin (dados jsonb_path_ops);
CREATE INDEX IF NOT EXISTS seimg_tarefas_atualizado_em
    ON seimg_tarefas (atualizado_em);
CREATE TABLE IF NOT EXISTS seimg_tarefas_arquivos (
    tarefa text NOT NULL REFERENCES seimg_tarefas (id) ON DELETE CASCADE,
    parte integer NOT NULL,
    conteudo bytea NOT NULL,
    PRIMARY KEY (tarefa, parte)
);
"""

postgresql.registrar_esquema("tarefas", ESQUEMA_POSTGRESQL)

#: Bytes per stored part of a result (read and written one part at a time).
PARTE = 1024 * 1024


def _json(valor):
    from psycopg2.extras import Json

    return Json(valor)


class BancoPostgres(PastaLocal):
    """Job records and results in the shared PostgreSQL; the local folder
    (:meth:`pasta`, as :class:`PastaLocal`'s) is a working folder and cache."""

    #: A lock key shared by every instance: creating a job (count, then
    #: insert) is serialised, so the limits hold across instances.
    TRAVA_CRIACAO = int.from_bytes(
        hashlib.sha256(b"seimg-tarefas-criar").digest()[:8], "big", signed=True
    )

    def pasta_tarefa(self, tarefa_id: str) -> Path:
        caminho = super().pasta_tarefa(tarefa_id)
        caminho.mkdir(mode=0o700, exist_ok=True)  # this instance's copy
        return caminho

    def novo(self) -> str:
        return secrets.token_hex(16)

    def gravar(self, dados: dict) -> None:
        if not _id_valido(dados.get("id")):
            raise TarefaNaoEncontrada(dados.get("id"))
        with postgresql.transacao() as cursor:
            cursor.execute(
                "INSERT INTO seimg_tarefas (id, dados) VALUES (%s, %s) "
                "ON CONFLICT (id) DO UPDATE SET dados = excluded.dados, "
                "atualizado_em = now()",
                (dados["id"], _json(dados)),
            )

    def ler(self, tarefa_id: str) -> dict | None:
        if not _id_valido(tarefa_id):
            return None
        with postgresql.transacao() as cursor:
            cursor.execute(
                "SELECT dados FROM seimg_tarefas WHERE id = %s", (tarefa_id,)
            )
            linha = cursor.fetchone()
        return linha[0] if linha else None

    def ids(self) -> list[str]:
        with postgresql.transacao() as cursor:
            cursor.execute("SELECT id FROM seimg_tarefas")
            return [linha[0] for linha in cursor.fetchall()]

    def registros(self, filtros: dict) -> list[dict]:
        """The records containing ``filtros``' scalar values (the caller
        checks every filter again: equality, None, lists)."""
        contidos = {
            campo: valor
            for campo, valor in filtros.items()
            if isinstance(valor, str | int | float | bool)
        }
        with postgresql.transacao() as cursor:
            cursor.execute(
                "SELECT dados FROM seimg_tarefas WHERE dados @> %s", (_json(contidos),)
            )
            return [linha[0] for linha in cursor.fetchall()]

    def inserir(self, dados: dict, vaga) -> dict:
        dados = {"id": self.novo(), **dados}
        with postgresql.transacao() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (self.TRAVA_CRIACAO,))
            cursor.execute(
                "SELECT dados FROM seimg_tarefas "
                "WHERE dados->>'estado' IN ('pendente', 'executando') "
                "AND (dados->>'usuario' = %s OR dados->>'endereco' = %s)",
                (dados.get("usuario"), dados.get("endereco")),
            )
            abertas = []
            for (registro,) in cursor.fetchall():
                if _interrompida(registro):  # its process died: not counted
                    registro.update(_campos_interrompida())
                    cursor.execute(
                        "UPDATE seimg_tarefas SET dados = %s, atualizado_em = now() "
                        "WHERE id = %s",
                        (_json(registro), registro["id"]),
                    )
                else:
                    abertas.append(registro)
            vaga(abertas)
            cursor.execute(
                "INSERT INTO seimg_tarefas (id, dados) VALUES (%s, %s)",
                (dados["id"], _json(dados)),
            )
        self.pasta_tarefa(dados["id"])
        return dados

    def atualizar(self, tarefa_id: str, campos: dict) -> dict:
        if not _id_valido(tarefa_id):
            raise TarefaNaoEncontrada(tarefa_id)
        with postgresql.transacao() as cursor:
            cursor.execute(
                "SELECT dados, arquivo FROM seimg_tarefas WHERE id = %s FOR UPDATE",
                (tarefa_id,),
            )
            linha = cursor.fetchone()
            if linha is None:
                raise TarefaNaoEncontrada(tarefa_id)
            dados, arquivo = linha
            dados.update(campos)
            dados["atualizado_em"] = _agora()
            nome = dados.get("resultado")
            if (
                dados.get("estado") == CONCLUIDO
                and _nome_valido(nome)
                and arquivo != nome
                and self._guardar(cursor, tarefa_id, nome)
            ):
                arquivo = nome
            cursor.execute(
                "UPDATE seimg_tarefas SET dados = %s, arquivo = %s, "
                "atualizado_em = now() WHERE id = %s",
                (_json(dados), arquivo, tarefa_id),
            )
        return dados

    def _guardar(self, cursor, tarefa_id: str, nome: str) -> bool:
        """Store the finished result (this instance's file), part by part,
        in the transaction that marks the job finished; whether it was here."""
        local = super().pasta_tarefa(tarefa_id) / nome
        try:
            arquivo = local.open("rb")
        except OSError:
            return False
        import psycopg2

        with arquivo:
            cursor.execute(
                "DELETE FROM seimg_tarefas_arquivos WHERE tarefa = %s", (tarefa_id,)
            )
            parte = 0
            while bloco := arquivo.read(PARTE):
                cursor.execute(
                    "INSERT INTO seimg_tarefas_arquivos (tarefa, parte, conteudo) "
                    "VALUES (%s, %s, %s)",
                    (tarefa_id, parte, psycopg2.Binary(bloco)),
                )
                parte += 1
        return True

    def reivindicar(self, tarefa_id: str) -> bool:
        if not _id_valido(tarefa_id):
            return False
        with postgresql.transacao() as cursor:
            cursor.execute(
                "UPDATE seimg_tarefas SET reivindicada_em = now() "
                "WHERE id = %s AND reivindicada_em IS NULL",
                (tarefa_id,),
            )
            return cursor.rowcount == 1

    def resultado(self, dados: dict) -> Path | None:
        nome = dados.get("resultado")
        if not _nome_valido(nome) or not _id_valido(dados.get("id")):
            return None
        local = super().pasta_tarefa(dados["id"]) / nome
        if local.is_file():  # made here, or copied before (atomically)
            return local
        return self._baixar(dados["id"], nome)

    def _baixar(self, tarefa_id: str, nome: str) -> Path | None:
        """Copy the stored result into this instance's folder, one part at a
        time (a named cursor: the file is never whole in memory)."""
        destino = self.pasta_tarefa(tarefa_id) / nome
        temporario = destino.with_name(f".{nome}.{os.getpid()}.{threading.get_ident()}")
        try:
            with postgresql.transacao() as cursor:
                cursor.execute(
                    "SELECT arquivo FROM seimg_tarefas WHERE id = %s", (tarefa_id,)
                )
                linha = cursor.fetchone()
                if linha is None or linha[0] != nome:
                    return None
                with (
                    cursor.connection.cursor(
                        name=f"seimg_tarefa_{tarefa_id}"
                    ) as partes,
                    temporario.open("wb") as saida,
                ):
                    partes.itersize = 2
                    partes.execute(
                        "SELECT conteudo FROM seimg_tarefas_arquivos "
                        "WHERE tarefa = %s ORDER BY parte",
                        (tarefa_id,),
                    )
                    for (conteudo,) in partes:
                        saida.write(conteudo)
            os.replace(temporario, destino)
        finally:
            temporario.unlink(missing_ok=True)
        return destino

    def remover_antigas(self, limite: float) -> int:
        with postgresql.transacao() as cursor:
            cursor.execute(
                "DELETE FROM seimg_tarefas WHERE atualizado_em < to_timestamp(%s) "
                "RETURNING id",
                (limite,),
            )
            removidas = [linha[0] for linha in cursor.fetchall()]
        base = self.pasta()
        for tarefa_id in removidas:
            shutil.rmtree(base / tarefa_id, ignore_errors=True)
        super().remover_antigas(limite)  # this instance's old copies
        return len(removidas)


BANCO = BancoPostgres()
