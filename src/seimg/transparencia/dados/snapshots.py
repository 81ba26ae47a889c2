"""Daily open-data snapshots per órgão, with their history.

:func:`gerar` writes every public process of an órgão (the rows of
:func:`.exportar.linhas_processos`, as an anonymous visitor) to
``$SEIMG_DATA/dados-abertos/<órgão id>/processos-<AAAA-MM-DD>.csv`` and
``.json``, each with a ``.sha256`` beside it (``sha256sum -c`` reads it).
Files appear whole (written to a temporary name, then renamed); another
day's files are never touched, and running again on the same day replaces
that day's. :func:`listar` and :func:`abrir` serve them (names outside the
pattern are refused: no path traversal).

Run daily by cron (``make dados-abertos``, see docs/operacao.md), which reads
the database read-only while Zope runs.
"""

from pathlib import Path
from seimg.base import pastas
from seimg.transparencia.api import NaoEncontrado
from seimg.transparencia.dados import colunas as C
from seimg.transparencia.dados import exportar
import datetime
import hashlib
import json
import os
import re
import tempfile


PASTA = "dados-abertos"
PREFIXO = "processos"
FORMATOS = ("csv", "json")
NOME = re.compile(
    rf"^{PREFIXO}-(?P<dia>\d{{4}}-\d{{2}}-\d{{2}})\.(?P<formato>csv|json)"
    r"(?P<hash>\.sha256)?$"
)
#: Processes between two trims of the database cache.
LOTE = 200
ORGAO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class ArquivoNaoEncontrado(NaoEncontrado, FileNotFoundError):
    """No snapshot answers to this name (404, as any unknown path)."""


def pasta_base() -> Path:
    """``$SEIMG_COMPARTILHADO/dados-abertos`` (the cron job writes, every
    instance serves; ``$SEIMG_DATA``, then ``./var``, without it)."""
    return pastas.compartilhada() / PASTA


def _pasta_orgao(orgao_id: str) -> Path:
    if not isinstance(orgao_id, str) or not ORGAO_ID.fullmatch(orgao_id):
        raise ArquivoNaoEncontrado(orgao_id)
    return pasta_base() / orgao_id


def hoje() -> datetime.date:
    """Today in Brasília."""
    from seimg.base.brasil import em_brasilia

    return em_brasilia(datetime.datetime.now(datetime.UTC)).date()


def nome_arquivo(dia: datetime.date, formato: str) -> str:
    return f"{PREFIXO}-{dia.isoformat()}.{formato}"


def existe(orgao_id: str, dia: datetime.date) -> bool:
    """True when ``orgao_id`` has a snapshot of ``dia``."""
    try:
        pasta = _pasta_orgao(orgao_id)
    except ArquivoNaoEncontrado:
        return False
    return any((pasta / nome_arquivo(dia, f)).exists() for f in FORMATOS)


def processos_do_orgao(orgao):
    """Every process of ``orgao``, oldest first, loaded one at a time
    (visibility is decided per row, as an anonymous visitor)."""
    from plone import api

    catalogo = api.portal.get_tool("portal_catalog")
    for i, brain in enumerate(
        catalogo.unrestrictedSearchResults(
            portal_type="Processo", orgao=orgao.UID(), sort_on="created"
        ),
        1,
    ):
        processo = brain._unrestrictedGetObject()
        if processo is not None:
            yield processo
            if i % LOTE == 0 and processo._p_jar is not None:
                processo._p_jar.cacheGC()  # a big órgão: keep the cache bounded


def _gravar(destino: Path, partes) -> str:
    """Write ``partes`` (bytes) to ``destino`` atomically; its sha256."""
    soma = hashlib.sha256()
    descritor, temporario = tempfile.mkstemp(
        dir=destino.parent, prefix=f".{destino.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descritor, "wb") as arquivo:
            for parte in partes:
                soma.update(parte)
                arquivo.write(parte)
            arquivo.flush()
            os.fsync(arquivo.fileno())
        os.chmod(temporario, 0o644)
        os.replace(temporario, destino)
    except BaseException:
        Path(temporario).unlink(missing_ok=True)
        raise
    return soma.hexdigest()


def _gravar_hash(arquivo: Path, hexdigest: str) -> None:
    linha = f"{hexdigest}  {arquivo.name}\n".encode("ascii")
    _gravar(arquivo.with_name(arquivo.name + ".sha256"), [linha])


def gerar(portal, orgao, dia: datetime.date | None = None) -> list[Path]:
    """Write the snapshot of ``orgao`` for ``dia`` (default: today in
    Brasília); returns the CSV and JSON paths. ``portal`` is the site (the
    rows' addresses are its)."""
    del portal  # the site is the current one (setSite); kept for callers
    dia = dia or hoje()
    pasta = _pasta_orgao(orgao.getId())
    pasta.mkdir(parents=True, exist_ok=True)
    # One pass over the processes: the CSV is written as rows come, the JSON
    # rows go to a scratch file so that the metadados (with the total) can
    # come first in the JSON file.
    csv_destino = pasta / nome_arquivo(dia, "csv")
    json_destino = pasta / nome_arquivo(dia, "json")
    total = 0
    with tempfile.TemporaryFile(dir=pasta, prefix=".linhas-") as rascunho:

        def linhas():
            nonlocal total
            for linha in exportar.linhas_processos(processos_do_orgao(orgao)):
                total += 1
                rascunho.write(json.dumps(linha, ensure_ascii=False).encode())
                rascunho.write(b"\n")
                yield linha

        csv_hash = _gravar(csv_destino, exportar.csv_bytes(linhas(), C.PROCESSOS))
        rascunho.seek(0)
        meta = exportar.metadados(
            C.PROCESSOS,
            {"orgao": getattr(orgao, "sigla", "") or orgao.getId()},
            total,
            orgao={
                "id": orgao.getId(),
                "sigla": getattr(orgao, "sigla", "") or "",
                "nome": getattr(orgao, "nome", "") or "",
            },
            dia=dia.isoformat(),
        )
        json_hash = _gravar(
            json_destino,
            exportar.json_bytes((json.loads(linha) for linha in rascunho), meta),
        )
    _gravar_hash(csv_destino, csv_hash)
    _gravar_hash(json_destino, json_hash)
    return [csv_destino, json_destino]


def listar(orgao_id: str) -> list[dict]:
    """The snapshots of an órgão, newest first: ``{"dia", "nome", "formato",
    "tamanho", "sha256", "caminho"}`` ("sha256" is "" when its file is
    missing)."""
    try:
        pasta = _pasta_orgao(orgao_id)
    except ArquivoNaoEncontrado:
        return []
    if not pasta.is_dir():
        return []
    result = []
    for arquivo in pasta.iterdir():
        achado = NOME.fullmatch(arquivo.name)
        if achado is None or achado["hash"] or not arquivo.is_file():
            continue
        soma = ""
        hash_ = arquivo.with_name(arquivo.name + ".sha256")
        if hash_.is_file():
            soma = hash_.read_text(encoding="ascii").split(" ", 1)[0].strip()
        result.append(
            {
                "dia": achado["dia"],
                "nome": arquivo.name,
                "formato": achado["formato"],
                "tamanho": arquivo.stat().st_size,
                "sha256": soma,
                "caminho": arquivo,
            }
        )
    result.sort(key=lambda item: (item["dia"], item["formato"]), reverse=True)
    return result


def abrir(orgao_id: str, nome: str) -> Path:
    """The path of the snapshot ``nome`` (a ``.csv``, ``.json`` or its
    ``.sha256``) of ``orgao_id``; ArquivoNaoEncontrado for any other name
    or a missing file."""
    if not isinstance(nome, str) or not NOME.fullmatch(nome):
        raise ArquivoNaoEncontrado(nome)
    pasta = _pasta_orgao(orgao_id)
    caminho = (pasta / nome).resolve()
    if caminho.parent != pasta.resolve() or not caminho.is_file():
        raise ArquivoNaoEncontrado(nome)
    return caminho


def responder(request, caminho: Path):
    """Answer ``request`` with the snapshot file ``caminho`` (from
    :func:`abrir`): streamed from disk, as an attachment."""
    from ZPublisher.Iterators import filestream_iterator

    achado = NOME.fullmatch(caminho.name)
    if achado is None:
        raise ArquivoNaoEncontrado(caminho.name)
    if achado["hash"]:
        tipo = "text/plain; charset=utf-8"
    else:
        tipo = exportar.FORMATOS[achado["formato"]]
    return exportar.responder_iterador(
        request, filestream_iterator(str(caminho), "rb"), tipo, caminho.name
    )
