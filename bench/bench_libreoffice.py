"""Benchmark: document renders per second with 1 and N LibreOffice workers.

Starts seimg's real supervisor (``seimg-libreoffice``) twice, first with one
worker and then with N (``SEIMG_BENCH_WORKERS``, default: the number of
CPUs, at least 2), and converts the same two-page ofício (HTML → PDF, as the
signed-document and process PDFs do) from N client threads through
:func:`seimg.geracao.pool.converter`, so that every render reserves a worker
of its own. It prints renders per second for both pools and their ratio (the
one-worker pool is the baseline of the same run); with N workers on N cores
the ratio should approach N.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_libreoffice.py``);
about a minute. Seen here (two CPUs, other work running): 1.25 and 1.69
renders/s, 1.35×.
"""

from pathlib import Path
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time


RENDERS = int(os.environ.get("SEIMG_BENCH_RENDERS", "24"))
PARAGRAPH = (
    "<p>Solicitamos a Vossa Senhoria informações sobre a execução do contrato "
    "de transporte escolar referente ao primeiro semestre de 2026, nos termos "
    "do Requerimento nº 45/2026, aprovado em Plenário, em especial quanto às "
    "rotas atendidas, à frota utilizada e aos pagamentos efetuados.</p>"
)
OFICIO = (
    '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"/></head><body>'
    "<p><b>CÂMARA MUNICIPAL DE VILA SERRANA</b></p>"
    "<h2>Ofício nº 12/2026/CMVS/SECRETARIA</h2>"
    "<p>Vila Serrana, 27 de novembro de 2026.</p>"
    + PARAGRAPH * 14
    + "<table border='1'><tr><th>Rota</th><th>Alunos</th></tr>"
    + "".join(f"<tr><td>Rota {i}</td><td>{30 + i}</td></tr>" for i in range(12))
    + "</table><p>Atenciosamente,</p></body></html>"
)


def free_ports(count: int) -> int:
    from seimg.testing import free_ports

    return free_ports(count)


class Pool:
    """The real supervisor with ``workers`` LibreOffice servers."""

    def __init__(self, workers: int):
        self.workers = workers

    def __enter__(self):
        from seimg.geracao import libreoffice

        self.folder = Path(tempfile.mkdtemp(prefix="seimg-bench-lo-"))
        port = free_ports(self.workers)
        os.environ.update(
            SEIMG_LIBREOFFICE_PORT=str(port),
            SEIMG_LIBREOFFICE_DIR=str(self.folder),
            SEIMG_LIBREOFFICE_WORKERS=str(self.workers),
        )
        script = Path(sys.executable).parent / "seimg-libreoffice"
        self.process = subprocess.Popen(
            [
                str(script),
                "--workers",
                str(self.workers),
                "--port",
                str(port),
                "--dir",
                str(self.folder),
            ],
            stderr=subprocess.DEVNULL,
        )
        if not libreoffice.wait_until_listening(120):
            raise RuntimeError("LibreOffice did not start")
        return self

    def __exit__(self, *exc):
        import shutil

        self.process.terminate()
        self.process.wait(timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def render_all(clients: int, renders: int) -> float:
    """Convert ``renders`` ofícios from ``clients`` threads; renders/second."""
    from seimg.geracao import pool

    work = tempfile.mkdtemp(prefix="seimg-bench-")
    counter = iter(range(renders))
    lock = threading.Lock()

    def client():
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            folder = Path(work) / str(number)
            folder.mkdir()
            origem = folder / "oficio.html"
            origem.write_text(OFICIO, encoding="utf-8")
            pool.converter(origem, folder / "oficio.pdf")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return renders / elapsed


def measure(workers: int, clients: int) -> float:
    with Pool(workers):
        # Warm-up, not measured: first conversions load filters and fonts.
        render_all(clients, workers * 2)
        return render_all(clients, RENDERS)


def main() -> None:
    socket.setdefaulttimeout(None)
    n = int(os.environ.get("SEIMG_BENCH_WORKERS", str(max(2, os.cpu_count() or 2))))
    one = measure(1, n)
    many = measure(n, n)
    print(f"LibreOffice pool, {RENDERS} two-page ofícios from {n} client threads:")
    print(f"  1 worker : {one:6.2f} renders/s (baseline)")
    print(f"  {n} workers: {many:6.2f} renders/s")
    print(f"  ratio    : {many / one:6.2f}x (ideal {n}x on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
