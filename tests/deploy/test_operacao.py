"""Operating seimg as `make start` runs it (issue 15), on a throw-away instance.

One instance is started by ``scripts/start.sh`` itself in a temporary
``$SEIMG_DATA`` on free ports, and then, in order:

- the health check answers without login and writes nothing;
- a body above the limit is refused (413, Portuguese) before Zope reads it;
- ``scripts/backup.sh`` copies it online, encrypted too;
- Zope is killed with SIGKILL: the script stops everything else, says why,
  and leaves no process behind; the next start serves everything
  acknowledged before the kill; SIGTERM stops it cleanly;
- ``scripts/restore.sh`` refuses a non-empty folder, then rebuilds the copy
  in an empty one and its inventory (processes, andamentos, documents, each
  blob's SHA-256, users) equals the origin's as it was at the copy, and the
  certificates are there.
"""

from pathlib import Path
from seimg.testing import free_port
from seimg.testing import free_ports
from tests.deploy.servico import ambiente
from tests.deploy.servico import processos_de
from tests.deploy.servico import Servico
from tests.instancia import SENHA_DEMO
import base64
import io
import json
import os
import pytest
import requests
import signal
import subprocess
import sys
import time


REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CARLOS = ("carlos.mendes", SENHA_DEMO)
SECRETARIA = {"X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA", "Accept": "application/json"}
LIMITE_MB = 1


def _pdf() -> bytes:
    from pypdf import PdfWriter

    escritor = PdfWriter()
    escritor.add_blank_page(width=595, height=842)
    saida = io.BytesIO()
    escritor.write(saida)
    return saida.getvalue()


def _vocabulario(url, nome, titulo) -> str:
    itens = requests.get(
        f"{url}/seimg/@vocabularies/{nome}",
        params={"b_size": 500},
        headers=SECRETARIA,
        auth=CARLOS,
        timeout=60,
    ).json()["items"]
    return next(i["token"] for i in itens if i["title"].startswith(titulo))


def _post(url, corpo) -> dict:
    resposta = requests.post(
        url, json=corpo, headers=SECRETARIA, auth=CARLOS, timeout=120
    )
    assert resposta.status_code in (200, 201), resposta.text
    return resposta.json()


def _novo_processo(url, especificacao) -> dict:
    return _post(
        f"{url}/seimg/processos",
        {
            "@type": "Processo",
            "tipo_processo": _vocabulario(
                url, "seimg.TiposProcesso", "Acesso à Informação: Pedido"
            ),
            "especificacao": especificacao,
        },
    )


def _inventario(env: dict, destino: Path) -> dict:
    etc = Path(env["SEIMG_DATA"]) / "instance" / "etc" / "zope.conf"
    feito = subprocess.run(
        [str(BIN / "zconsole"), "run", str(etc), "scripts/inventario.py", str(destino)],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert feito.returncode == 0, feito.stderr.decode()[-3000:]
    return json.loads(destino.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def origem(tmp_path_factory):
    pasta = tmp_path_factory.mktemp("seimg-operacao")
    data = pasta / "data"
    env = ambiente(
        data,
        SEIMG_MAX_CORPO_MB=str(LIMITE_MB),
        SEIMG_PORT=str(free_port()),
        SEIMG_LIBREOFFICE_PORT=str(free_ports(1)),
        SEIMG_SMTP_PORT=str(free_port()),
    )
    estado = {"pasta": pasta, "data": data, "env": env}
    estado["servico"] = Servico(env, pasta / "start.log")
    yield estado
    estado["servico"].parar()
    for pid in processos_de(data):
        os.kill(pid, signal.SIGKILL)


def test_saude_sem_login_e_sem_escrita(origem):
    url = origem["servico"].url
    datafs = origem["data"] / "instance" / "var" / "filestorage" / "Data.fs"
    antes = datafs.stat().st_size
    for caminho in ("/seimg/@@saude",):
        for _i in range(20):
            resposta = requests.get(url + caminho, timeout=30)
            assert resposta.status_code == 200, resposta.text
            assert resposta.headers["Cache-Control"] == "no-store"
            dados = resposta.json()
            assert dados["status"] == "ok"
            assert dados["banco"] is True
            assert dados["libreoffice"] == {"trabalhadores": 1, "ouvindo": 1}
    assert datafs.stat().st_size == antes  # nothing was committed


def test_corpo_acima_do_limite_recusado_antes_de_ler(origem):
    url = origem["servico"].url
    grande = {"@type": "Processo", "especificacao": "x" * (LIMITE_MB * 1024 * 1024)}
    resposta = requests.post(
        f"{url}/seimg/processos",
        data=json.dumps(grande),
        headers={**SECRETARIA, "Content-Type": "application/json"},
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 413
    erro = resposta.json()["error"]
    assert erro["type"] == "RequestEntityTooLarge"
    assert f"o limite é {LIMITE_MB} MB" in erro["message"]
    pagina = requests.post(
        f"{url}/seimg/processos",
        data=b"x" * (LIMITE_MB * 1024 * 1024 + 1),
        headers={"Accept": "text/html"},
        timeout=60,
    )
    assert pagina.status_code == 413
    assert "Pedido recusado" in pagina.text
    assert "limite" in pagina.text


def test_copia_queda_e_restauracao(origem, tmp_path):
    servico, env, data = origem["servico"], origem["env"], origem["data"]
    url = servico.url
    # Content with a blob, a signature (the órgão's certificate) and andamentos.
    processo = _novo_processo(url, "Processo antes da cópia")
    _post(
        processo["@id"],
        {
            "@type": "DocumentoExterno",
            "tipo_documento": _vocabulario(
                url, "seimg.TiposDocumentoExterno", "Requerimento"
            ),
            "data_documento": "2026-12-01",
            "formato": "nato_digital",
            "arquivo": {
                "data": base64.b64encode(_pdf()).decode(),
                "encoding": "base64",
                "filename": "requerimento.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    oficio = _post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": _vocabulario(
                url, "seimg.TiposDocumentoInterno", "Ofício"
            ),
            # Written over the model (signing refuses its untouched fields).
            "texto": {
                "data": "<p>Encaminhamos a cópia solicitada.</p>",
                "content-type": "text/html",
            },
        },
    )
    _post(
        f"{oficio['@id']}/@assinar",
        {"senha": SENHA_DEMO, "cargo": "Secretário-Geral"},
    )
    assert (data / "certificados").is_dir()

    # A backup that fails midway (the disk filled up) leaves nothing behind.
    copias = tmp_path / "copias"
    falso = tmp_path / "bin"
    falso.mkdir()
    (falso / "cp").write_text(
        "#!/bin/sh\necho 'cp: erro de escrita: No space left on device' >&2\nexit 1\n"
    )
    (falso / "cp").chmod(0o755)
    falha = subprocess.run(
        ["bash", "scripts/backup.sh"],
        cwd=REPO,
        env={
            **env,
            "SEIMG_BACKUP": str(copias),
            "PATH": f"{falso}:{os.environ['PATH']}",
        },
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert falha.returncode != 0
    assert "falhou e foi desfeita" in falha.stderr.decode()
    assert [p.name for p in copias.iterdir()] == ["filestorage"]
    assert list((copias / "filestorage").iterdir()) == []

    # Online backup, plain and encrypted.
    senha = tmp_path / "senha"
    senha.write_text("uma senha longa para a cópia\n")
    feito = subprocess.run(
        ["bash", "scripts/backup.sh"],
        cwd=REPO,
        env={
            **env,
            "SEIMG_BACKUP": str(copias),
            "SEIMG_BACKUP_SENHA_ARQUIVO": str(senha),
        },
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert feito.returncode == 0, feito.stderr.decode()
    ultima = (copias / "ultimo").resolve()
    assert (ultima / "MANIFESTO").is_file()
    assert (ultima / "certificados").is_dir()
    assert oct(copias.stat().st_mode)[-3:] == "700"
    cifrada = Path(str(ultima) + ".tar.gpg")
    assert cifrada.is_file()
    assert b"Processo antes" not in cifrada.read_bytes()

    # Acknowledged after the copy, then Zope is killed.
    depois = _novo_processo(url, "Processo depois da cópia")
    os.kill(servico.zope_pid(), signal.SIGKILL)
    servico.processo.wait(timeout=90)
    assert servico.processo.returncode != 0
    assert "o Zope parou" in servico.texto()
    prazo = time.monotonic() + 30
    while processos_de(data) and time.monotonic() < prazo:
        time.sleep(0.5)
    assert processos_de(data) == []

    # The next start serves everything acknowledged before the kill.
    origem["servico"] = servico = Servico(env, origem["pasta"] / "start.log")
    for item in (processo, depois):
        resposta = requests.get(
            item["@id"], headers=SECRETARIA, auth=CARLOS, timeout=60
        )
        assert resposta.status_code == 200, resposta.text
    assert servico.parar() == 0
    assert "seimg parado." in servico.texto()
    assert processos_de(data) == []
    original = _inventario(env, tmp_path / "original.json")

    # Restore: never into a non-empty folder; then into an empty one.
    restaurada = tmp_path / "restaurada"
    restaurada.mkdir()
    (restaurada / "algo").write_text("não apague")
    env_restauro = ambiente(
        restaurada,
        SEIMG_PORT=str(free_port()),
        SEIMG_BACKUP_SENHA_ARQUIVO=str(senha),
    )
    recusa = subprocess.run(
        ["bash", "scripts/restore.sh", str(cifrada)],
        cwd=REPO,
        env=env_restauro,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert recusa.returncode != 0
    assert "não está vazia" in recusa.stderr.decode()
    assert [p.name for p in restaurada.iterdir()] == ["algo"]
    (restaurada / "algo").unlink()
    feito = subprocess.run(
        ["bash", "scripts/restore.sh", str(cifrada)],
        cwd=REPO,
        env=env_restauro,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert feito.returncode == 0, (feito.stdout + feito.stderr).decode()[-3000:]
    assert "processos" in feito.stdout.decode()
    copia = json.loads((restaurada / "inventario-restaurado.json").read_text())

    # Object by object: what the origin held at the copy.
    esperado = json.loads(json.dumps(original))
    for site in esperado["sites"].values():
        site["processos"] = {
            caminho: dados
            for caminho, dados in site["processos"].items()
            if dados["numero"] != depois["numero"]
        }
    assert copia == esperado
    arquivos = [
        d["arquivos"]
        for site in copia["sites"].values()
        for p in site["processos"].values()
        for d in p["documentos"].values()
        if d["arquivos"]
    ]
    assert arquivos
    assert all(not h.startswith("ERRO") for a in arquivos for h in a.values())
    certificados = sorted(
        p.relative_to(data / "certificados")
        for p in (data / "certificados").rglob("*")
        if p.is_file()
    )
    assert certificados == sorted(
        p.relative_to(restaurada / "certificados")
        for p in (restaurada / "certificados").rglob("*")
        if p.is_file()
    )

    # The restored copy serves; and when the start script itself is killed
    # (SIGKILL: no trap runs), nothing it started outlives it.
    env_restauro.update(
        SEIMG_LIBREOFFICE_PORT=str(free_ports(1)), SEIMG_SMTP_PORT=str(free_port())
    )
    servico = Servico(env_restauro, tmp_path / "restaurada.log")
    resposta = requests.get(
        processo["@id"].replace(url, servico.url),
        headers=SECRETARIA,
        auth=CARLOS,
        timeout=60,
    )
    assert resposta.status_code == 200, resposta.text
    assert resposta.json()["especificacao"] == "Processo antes da cópia"
    servico.processo.send_signal(signal.SIGKILL)
    servico.processo.wait(timeout=30)
    prazo = time.monotonic() + 60
    while processos_de(restaurada) and time.monotonic() < prazo:
        time.sleep(0.5)
    assert processos_de(restaurada) == []
