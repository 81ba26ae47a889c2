"""Seed an installation of SIZE processes for the benchmarks.

    .venv/bin/python bench/semear.py SIZE [--lote N]    # SIZE: 1k, 10k, 100k, 2500…

Creates ``bench/dados/semente-<SIZE>/`` (git-ignored): a FileStorage
(``Data.fs``, ``blobs/``) holding the Plone site of ``SEIMG_FIXTURE`` (the
add-on installed, pt-BR), the demo organisation (the three órgãos of
``seimg.demo.create_organizacao``) and SIZE processes, and ``semente.json``
(what was seeded, how fast). Benchmarks open it read-only under a
``DemoStorage`` (``camadas.abrir_semente``), so their writes never touch it.

The workload keeps the *answer* constant: the measured unit
(:data:`MEDIDA`, the CMVS Protocolo) always holds :data:`NA_UNIDADE` open
received processes, spread evenly over the seeding order (every SIZE/1,000th
process); every other process is started by one unit of CMVS or PMVS and
sent to the next unit of the same órgão, where it stays open.

Every process goes through the domain API: ``processos.api.criar_processo``
(the acting unit's rules, numbering, andamento, access level) and
``tramitacao.acoes.enviar`` (the routing state, the Controle index), by the
user ``bench.semeador``, who holds the perfil básico in those units. One
transaction per batch (``--lote``, 250 by default); re-running continues
from the count already stored (a batch is all or nothing).

What makes it fast (profile with ``py-spy record -o perfil.txt --format
raw -- .venv/bin/python bench/semear.py 1k``): the storage is written
through a ``DemoStorage`` whose *changes* are the seed's FileStorage, so
``seimg.numeracao.contadores.separada()`` is False and every number is
allocated in the batch's transaction (the documented fallback: the same
sequences, never reissued, without a commit per number); a large ZODB
cache; the cyclic GC frozen after start-up and run rarely; no e-mail
(``notificar=False``), no LibreOffice (no document is generated).

Measured on 2 CPUs, since the domain API adds a process under its final id
(it used to create and rename it, cataloguing it three times: 53 ms a
process then): 13 ms a process, flat with size; 100k in 22.4 min (a
1.96 GB Data.fs). A long run can go to the background: ``nohup
.venv/bin/python bench/semear.py 100k > bench/dados/semear-100k.log 2>&1 &``;
re-run the same command after an interruption.
"""

from pathlib import Path
import argparse
import gc
import json
import logging
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from camadas import configurado
from camadas import pasta_semente
from camadas import portal_em
from camadas import rotulo
from camadas import tamanho_de


NA_UNIDADE = 1000
MEDIDA = ("cmvs", "protocolo")
REMETENTE_MEDIDA = ("cmvs", "secretaria")
ORGAOS = ("cmvs", "pmvs")
USUARIO = "bench.semeador"
TIPO = "Acesso à Informação: Pedido (LAI)"
LOTE = 250
CACHE = 400_000


def medido(i: int, tamanho: int) -> bool:
    """Whether process ``i`` (0-based) goes to the measured unit: exactly
    ``min(NA_UNIDADE, tamanho)`` of ``range(tamanho)``, evenly spread."""
    return (i * NA_UNIDADE) % tamanho < NA_UNIDADE


def _db(pasta: Path):
    """The seed's FileStorage, written through a DemoStorage (see above)."""
    from camadas import armazenamento
    from ZODB.DB import DB
    from ZODB.DemoStorage import DemoStorage

    return DB(
        DemoStorage(
            name=f"semente {pasta.name}",
            changes=armazenamento(pasta, somente_leitura=False),
            close_changes_on_close=True,
        ),
        cache_size=CACHE,
        large_record_size=1 << 30,
    )


def _copiar_aplicacao(layer, db) -> None:
    """The layer's Zope application (its Plone site ``plone`` included) into
    ``db``, by ZODB export/import (a ``.zexp``, blobs included)."""
    import tempfile
    import transaction

    origem = layer["zodbDB"].open()
    try:
        raiz = origem.root()
        extras = set(raiz.keys()) - {"Application"}
        if extras:
            print(f"  (not copied: root keys {sorted(extras)})", flush=True)
        with tempfile.TemporaryFile() as arquivo:
            origem.exportFile(raiz["Application"]._p_oid, arquivo)
            arquivo.seek(0)
            destino = db.open()
            try:
                destino.root()["Application"] = destino.importFile(arquivo)
                transaction.commit()
            finally:
                destino.close()
    finally:
        transaction.abort()
        origem.close()


def _unidades(orgao) -> list:
    return sorted(
        (u for u in orgao.objectValues() if u.portal_type == "Unidade"),
        key=lambda u: u.getId(),
    )


def _preparar(portal) -> None:
    """The demo organisation and the seeding user (once, as Manager)."""
    from plone import api
    from plone.app.testing import login
    from plone.app.testing import SITE_OWNER_NAME
    from seimg.base.brasil import digitos
    from seimg.controle import indice
    from seimg.demo import create_organizacao
    from seimg.organizacao import perfis
    from validate_docbr import CPF

    login(portal.aq_parent, SITE_OWNER_NAME)
    create_organizacao()
    user = api.user.create(
        username=USUARIO,
        email=f"{USUARIO}@example.org",
        password="Semente-2026!",
        properties={
            "fullname": "Semeador de Desempenho",
            "cpf": digitos(CPF().generate()),
        },
    )
    for sigla in ORGAOS:
        for unidade in _unidades(portal["orgaos"][sigla]):
            perfis.conceder(user.getId(), unidade, perfis.BASICO)
    indice.criar_vazio(portal)
    assert indice.raiz(portal) is not None


def _iniciar(layer, pasta: Path) -> None:
    """A new seed: the site and the organisation, in ``pasta`` at once."""
    import shutil

    temporaria = pasta.with_name(pasta.name + ".novo")
    shutil.rmtree(temporaria, ignore_errors=True)
    inicio = time.perf_counter()
    db = _db(temporaria)
    try:
        _copiar_aplicacao(layer, db)
        with portal_em(db) as portal:
            _preparar(portal)
    finally:
        db.close()
    temporaria.rename(pasta)
    print(
        f"  site and organisation created in {time.perf_counter() - inicio:.0f} s",
        flush=True,
    )


def _rotas(portal) -> list[tuple]:
    """(from, to) unit pairs of the unmeasured processes, round-robin."""
    rotas = []
    for sigla in ORGAOS:
        unidades = [
            u
            for u in _unidades(portal["orgaos"][sigla])
            if (sigla, u.getId()) != MEDIDA
        ]
        for i, origem in enumerate(unidades):
            rotas.append((origem, unidades[(i + 1) % len(unidades)]))
    return rotas


def _esquecer_caches(request) -> None:
    """borg.localrole and the acting unit cache things on the request."""
    from zope.annotation.interfaces import IAnnotations

    anotacoes = IAnnotations(request)
    for chave in [k for k in anotacoes if "borg.localrole" in str(k)]:
        del anotacoes[chave]


class _SemRenomeacao(logging.Filter):
    """plone.api creates a process under a random id and renames it (twice,
    see :func:`seimg.processos.api.criar_processo`); the catalog logs an
    ERROR for the uncatalog of the never-indexed first id. Not shown here."""

    def filter(self, record) -> bool:
        return not str(record.msg).startswith("uncatalogObject unsuccessfully")


def _lote(db, tamanho: int, de: int, ate: int) -> None:
    """Processes ``de`` … ``ate - 1``, in one transaction."""
    from plone.app.testing import login
    from seimg.organizacao.atual import agindo_por
    from seimg.processos.api import criar_processo
    from seimg.tabelas import por_titulo
    from seimg.tramitacao import acoes

    with portal_em(db) as portal:
        login(portal, USUARIO)
        tipo = por_titulo("TipoProcesso", TIPO).UID()
        orgaos = portal["orgaos"]
        medida = orgaos[MEDIDA[0]][MEDIDA[1]]
        remetente_medida = orgaos[REMETENTE_MEDIDA[0]][REMETENTE_MEDIDA[1]]
        rotas = _rotas(portal)
        outros = 0
        for i in range(de, ate):
            if medido(i, tamanho):
                origem, destino = remetente_medida, medida
            else:
                # i - (measured before i): a stable round-robin on resume
                outros = i - (i * NA_UNIDADE + tamanho - 1) // tamanho
                origem, destino = rotas[outros % len(rotas)]
            processo = criar_processo(
                tipo_processo=tipo,
                especificacao=f"Pedido de informações {i + 1:06d}",
                unidade=origem,
            )
            with agindo_por(origem):
                acoes.enviar(processo, [destino], notificar=False)
            _esquecer_caches(portal.REQUEST)
    # committed by portal_em


def _contagem(db) -> tuple[int, str]:
    """(processes stored, the seed's seimg:default profile version)."""
    with portal_em(db) as portal:
        versao = portal.portal_setup.getLastVersionForProfile("seimg:default")
        return portal["processos"].objectCount(), ".".join(versao)


def _gravar_info(pasta: Path, info: dict) -> None:
    caminho = pasta / "semente.json"
    caminho.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n")


def ler_info(pasta: Path) -> dict | None:
    """What ``semente.json`` says of the seed in ``pasta`` (None: none)."""
    caminho = pasta / "semente.json"
    return json.loads(caminho.read_text()) if caminho.exists() else None


def semear(layer, tamanho: int, lote: int = LOTE) -> dict:
    """Seed (or complete) ``tamanho`` processes; Zope configured by ``layer``."""
    pasta = pasta_semente(tamanho)
    print(f"seed {rotulo(tamanho)}: {pasta}", flush=True)
    if not (pasta / "Data.fs").exists():
        _iniciar(layer, pasta)
    gc.collect()
    gc.freeze()  # the start-up's objects are never collected again
    gc.set_threshold(50_000, 20, 100)
    db = _db(pasta)
    try:
        feitos, perfil = _contagem(db)
        info = ler_info(pasta) or {}
        info.update(
            perfil=perfil,
            tamanho=tamanho,
            na_unidade=min(NA_UNIDADE, tamanho),
            unidade="/".join(MEDIDA),
            usuario=USUARIO,
            lote=lote,
        )
        if feitos:
            print(f"  resuming at {feitos:,} processes", flush=True)
        inicio, antes = time.perf_counter(), feitos
        while feitos < tamanho:
            ate = min(tamanho, feitos + lote)
            t0 = time.perf_counter()
            _lote(db, tamanho, feitos, ate)
            agora = time.perf_counter()
            taxa_lote = (ate - feitos) / (agora - t0)
            taxa = (ate - antes) / (agora - inicio)
            feitos = ate
            falta = (tamanho - feitos) / taxa
            print(
                f"  {feitos:>8,} / {tamanho:,}  {taxa_lote:6.1f} proc/s "
                f"(this batch), {taxa:6.1f} proc/s (this run), "
                f"{1000 / taxa:5.1f} ms/proc, ETA {falta / 60:5.1f} min",
                flush=True,
            )
            info["feitos"] = feitos
            info["segundos"] = round(info.get("segundos", 0) + (agora - t0), 1)
            _gravar_info(pasta, info)
    finally:
        db.close()
        gc.unfreeze()
    tamanho_mb = (pasta / "Data.fs").stat().st_size / 2**20
    print(
        f"seed {rotulo(tamanho)} complete: {feitos:,} processes, "
        f"{info.get('segundos', 0) / 60:.1f} min of seeding in all, "
        f"Data.fs {tamanho_mb:,.0f} MB",
        flush=True,
    )
    return info


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tamanhos", nargs="+", help="1k, 10k, 100k or an integer")
    parser.add_argument("--lote", type=int, default=LOTE, help="processes a commit")
    args = parser.parse_args(argv)
    from seimg.testing import SEIMG_FIXTURE

    logging.getLogger("Zope.ZCatalog").addFilter(_SemRenomeacao())
    with configurado(SEIMG_FIXTURE) as layer:
        for texto in args.tamanhos:
            semear(layer, tamanho_de(texto), args.lote)


if __name__ == "__main__":
    main()
