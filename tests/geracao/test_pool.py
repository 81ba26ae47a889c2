"""The LibreOffice worker pool, against the real supervised workers.

The test layer runs two workers (``seimg.testing.TEST_WORKERS``). These tests
check that a render holds a worker of its own, waits (then fails clearly)
when all are busy, survives crashed and hung workers by restarting only the
one it holds, and leaves no temporary file behind.
"""

from .conftest import pdf_text
from pathlib import Path
from seimg.geracao import libreoffice
from seimg.geracao import pool
from seimg.geracao import rendering
from seimg.testing import TEST_WORKERS
import contextlib
import os
import pytest
import signal
import threading
import time


HTML = "<html><body><p>Relatório de {marca}</p></body></html>"


@pytest.fixture
def convert(geracao_portal, tmp_path):
    """HTML → PDF through :func:`pool.converter`; returns the PDF's text."""

    def convert(marca: str) -> str:
        folder = Path(tmp_path) / f"c-{time.monotonic_ns()}"
        folder.mkdir()
        origem = folder / "origem.html"
        origem.write_text(HTML.format(marca=marca), encoding="utf-8")
        destino = folder / "destino.pdf"
        pool.converter(origem, destino)
        return pdf_text(destino.read_bytes())

    return convert


SIMPLES = Path(__file__).parent / "data" / "simples.odt"


@pytest.fixture
def appy_pdf(geracao_portal, tmp_path):
    """Render data/simples.odt (built from simples.fodt) with appy on the pool."""
    from appy.pod.renderer import Renderer
    from seimg.geracao import odf

    def appy_pdf(falhar: bool, folder: Path = tmp_path) -> bytes:
        result = folder / f"result-{time.monotonic_ns()}.pdf"
        renderer = Renderer(
            str(SIMPLES),
            {"falhar": falhar},
            str(result),
            raiseOnError=True,
            forceOoCall=True,
            finalizeFunction=odf.strip_annotations,
            loPool=pool.AppyLoPool(),
        )
        rendering.render(renderer.run)
        data = result.read_bytes()
        result.unlink()
        return data

    return appy_pdf


@pytest.fixture
def workers_back():
    """After the test every worker runs (continued or restarted) and listens."""
    yield
    for index in range(TEST_WORKERS):
        pgid = libreoffice.supervised_pgid(index)
        if pgid:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGCONT)
    assert libreoffice.wait_until_listening(90)


def hold_all_workers(stack: contextlib.ExitStack) -> list:
    return [stack.enter_context(pool.reservar(timeout=5)) for _ in range(TEST_WORKERS)]


class TestReservation:
    def test_the_pool_has_the_configured_workers(self, geracao_portal):
        assert libreoffice.workers() == TEST_WORKERS
        assert libreoffice.wait_until_listening(60)
        ports = libreoffice.ports()
        assert ports == [libreoffice.port() + i for i in range(TEST_WORKERS)]

    def test_concurrent_reservations_never_share_a_worker(self, geracao_portal):
        with contextlib.ExitStack() as stack:
            held = hold_all_workers(stack)
            assert sorted(w.index for w in held) == list(range(TEST_WORKERS))
            assert len({w.port for w in held}) == TEST_WORKERS

    def test_reservation_is_exclusive_between_threads(self, geracao_portal):
        inside = []
        overlap = []
        lock = threading.Lock()

        def work():
            with pool.reservar(timeout=30) as trabalhador:
                with lock:
                    if trabalhador.index in inside:
                        overlap.append(trabalhador.index)
                    inside.append(trabalhador.index)
                time.sleep(0.2)
                with lock:
                    inside.remove(trabalhador.index)

        threads = [threading.Thread(target=work) for _ in range(TEST_WORKERS * 3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert overlap == []

    def test_all_busy_waits_then_fails_clearly(self, geracao_portal, monkeypatch):
        monkeypatch.setenv("SEIMG_LIBREOFFICE_QUEUE_TIMEOUT", "1")
        with contextlib.ExitStack() as stack:
            hold_all_workers(stack)
            started = time.monotonic()
            with (
                pytest.raises(rendering.LibreOfficeIndisponivel) as caught,
                pool.reservar(),
            ):
                pass  # pragma: no cover
            assert 1 <= time.monotonic() - started < 5
        assert caught.value.status == 503
        assert "busy" in str(caught.value.message.default)

    def test_a_waiting_render_gets_the_first_freed_worker(self, convert, monkeypatch):
        monkeypatch.setenv("SEIMG_LIBREOFFICE_QUEUE_TIMEOUT", "30")
        stack = contextlib.ExitStack()
        hold_all_workers(stack)
        timer = threading.Timer(1.0, stack.close)
        timer.start()
        try:
            assert "Relatório de espera" in convert("espera")
        finally:
            timer.cancel()
            stack.close()


class TestFailures:
    def test_crashed_workers_are_restarted_and_the_render_succeeds(
        self, convert, workers_back
    ):
        old = [libreoffice.supervised_pgid(i) for i in range(TEST_WORKERS)]
        for pgid in old:
            os.killpg(pgid, signal.SIGKILL)

        assert "Relatório de falha" in convert("falha")
        assert libreoffice.wait_until_listening(60)
        new = [libreoffice.supervised_pgid(i) for i in range(TEST_WORKERS)]
        assert not set(new) & set(old)

    def test_hung_worker_times_out_is_restarted_and_renders(
        self, convert, monkeypatch, workers_back
    ):
        monkeypatch.setenv("SEIMG_RENDER_TIMEOUT", "15")
        old = [libreoffice.supervised_pgid(i) for i in range(TEST_WORKERS)]
        for pgid in old:
            os.killpg(pgid, signal.SIGSTOP)  # alive, accepting, never answering
        started = time.monotonic()

        assert "Relatório de espera" in convert("espera")

        # One timed-out attempt on the reserved worker and one good one after
        # its restart: bounded, not an endless wait.
        assert time.monotonic() - started < 60
        restarted = [
            i for i in range(TEST_WORKERS) if libreoffice.supervised_pgid(i) != old[i]
        ]
        assert len(restarted) == 1

    def test_template_render_survives_crashed_workers(self, appy_pdf, workers_back):
        """The same for appy's conversions (collective.documentgenerator)."""
        for index in range(TEST_WORKERS):
            os.killpg(libreoffice.supervised_pgid(index), signal.SIGKILL)
        assert "Resultado: bom" in pdf_text(appy_pdf(falhar=False))

    def test_a_dead_pool_is_a_503_in_portuguese(self, convert, monkeypatch, tmp_path):
        # A port range where nothing listens, and no supervisor to restart.
        from seimg.testing import free_ports

        monkeypatch.setenv("SEIMG_LIBREOFFICE_PORT", str(free_ports(TEST_WORKERS)))
        monkeypatch.setenv("SEIMG_LIBREOFFICE_DIR", str(tmp_path / "nada"))
        monkeypatch.setenv("SEIMG_LIBREOFFICE_RESTART_WAIT", "1")
        with pytest.raises(rendering.LibreOfficeIndisponivel) as caught:
            convert("nada")
        from zope.i18n import translate

        message = translate(caught.value.message, target_language="pt_BR")
        assert "LibreOffice" in message
        assert "Tente novamente" in message


class TestTemporaryFiles:
    def test_renders_leave_no_files_behind(self, appy_pdf, tmp_path):
        """appy's work folder (beside the result) goes, failed or not."""
        scratch = tmp_path / "scratch"
        scratch.mkdir()
        assert "bom" in pdf_text(appy_pdf(falhar=False, folder=scratch))
        with pytest.raises(rendering.ModeloInvalido) as caught:
            appy_pdf(falhar=True, folder=scratch)
        assert "division by zero" in caught.value.detail
        assert list(scratch.iterdir()) == []


class TestUserFacing:
    """What a person meets in the UI when LibreOffice is gone, then back."""

    def test_gerar_answers_503_in_portuguese_then_works_again(
        self, oficio, monkeypatch, tmp_path
    ):
        from plone import api
        from seimg.testing import free_ports

        def gerar():
            request = oficio.REQUEST
            request.form["formato"] = "pdf"
            view = api.content.get_view("gerar", oficio, request)
            body = view()
            return request.response.getStatus(), body

        with monkeypatch.context() as down:
            down.setenv("SEIMG_LIBREOFFICE_PORT", str(free_ports(TEST_WORKERS)))
            down.setenv("SEIMG_LIBREOFFICE_DIR", str(tmp_path / "nada"))
            down.setenv("SEIMG_LIBREOFFICE_RESTART_WAIT", "1")
            started = time.monotonic()
            status, body = gerar()
            assert time.monotonic() - started < 30  # never a hung request
        assert status == 503
        assert "LibreOffice" in body
        assert "Tente novamente" in body

        oficio.REQUEST.response.setStatus(200)
        status, body = gerar()
        assert status == 200
        assert "Vila Serrana" in pdf_text(body)
