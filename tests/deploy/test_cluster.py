"""``make cluster`` for real: PostgreSQL, two Zope instances, HAProxy (issue 20).

One cluster for the module (``scripts/cluster.sh`` in a throw-away folder,
against a PostgreSQL server of its own so that the last tests may stop it):
each instance has its own data folder (``instancias/<n>``: configuration,
logs, blob cache, job working folders), and what they share lives in
PostgreSQL. The tests that break things (an instance killed, the database
down) run last.
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from seimg.deploy.postgresql import Servidor
from tests.deploy.servico import ambiente
from tests.deploy.servico import processos_de
from tests.instancia import SENHA_DEMO
import collections
import os
import pytest
import requests
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time


REPO = Path(__file__).resolve().parents[2]
SECRETARIA = "CMVS/PRESIDENCIA/SECRETARIA"
CLIENTES = 8
POR_CLIENTE = 3


def _portas_livres(quantas: int) -> int:
    """The first of ``quantas`` consecutive free ports."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + quantas > 65000:
            continue
        livres = True
        for porta in range(base, base + quantas):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", porta))
                except OSError:
                    livres = False
                    break
        if livres:
            return base
    raise RuntimeError("no free ports")


class ClusterEmTeste:
    def __init__(self, env: dict, log: Path):
        self.env = env
        self.log = log
        self.porta = int(env["SEIMG_PORT"])
        self.url = f"http://127.0.0.1:{self.porta}/seimg"
        self.inicio = log.stat().st_size if log.exists() else 0
        with open(log, "ab") as saida:
            self.processo = subprocess.Popen(
                ["bash", str(REPO / "scripts" / "cluster.sh")],
                cwd=REPO,
                env=env,
                stdout=saida,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        prazo = time.monotonic() + 400
        while "seimg no ar" not in self.texto():
            if self.processo.poll() is not None:
                pytest.fail("cluster.sh saiu:\n" + self.texto()[-4000:])
            if time.monotonic() > prazo:
                self.parar()
                pytest.fail("cluster.sh não serviu em 400 s:\n" + self.texto()[-4000:])
            time.sleep(0.5)

    def texto(self) -> str:
        with open(self.log, "rb") as entrada:
            entrada.seek(self.inicio)
            return entrada.read().decode("utf-8", "replace")

    def url_instancia(self, numero: int) -> str:
        return f"http://127.0.0.1:{self.porta + numero}/seimg"

    def pasta_instancia(self, numero: int) -> Path:
        return Path(self.env["SEIMG_DATA"]) / "instancias" / str(numero)

    def pid_instancia(self, numero: int) -> int:
        zope_ini = str(self.pasta_instancia(numero) / "instance" / "etc" / "zope.ini")
        for pid in processos_de(Path(self.env["SEIMG_DATA"])):
            comando = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if any(b"runwsgi" in p for p in comando) and zope_ini.encode() in comando:
                return pid
        raise AssertionError(f"a instância {numero} não está rodando")

    def parar(self) -> int:
        if self.processo.poll() is None:
            self.processo.send_signal(signal.SIGTERM)
            try:
                self.processo.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.processo.pid, signal.SIGKILL)
                self.processo.wait(timeout=30)
        return self.processo.returncode


@pytest.fixture(scope="module")
def cluster():
    pasta = Path(tempfile.mkdtemp(prefix="seimg-cluster-"))
    pasta.chmod(0o711)  # the postgres user passes through
    servidor = Servidor(pasta / "postgresql-externo", _portas_livres(1))
    servidor.preparar()
    pg = servidor.iniciar()
    dsn = servidor.criar_banco("seimg")
    base = _portas_livres(3)  # HAProxy, instance 1, instance 2
    data = pasta / "data"
    env = ambiente(
        data,
        SEIMG_POSTGRESQL_DSN=dsn,
        SEIMG_INSTANCIAS="2",
        SEIMG_PORT=str(base),
        SEIMG_THREADS="4",
        SEIMG_LIBREOFFICE_PORT=str(_portas_livres(1)),
        SEIMG_SMTP_PORT=str(_portas_livres(1)),
        # a login is locked after 3 failures from addresses that never used it
        SEIMG_ACESSO_MAX_POR_LOGIN="3",
    )
    estado = {"pasta": pasta, "data": data, "env": env, "servidor": servidor}
    estado["pg"] = pg
    estado["cluster"] = ClusterEmTeste(env, pasta / "cluster.log")
    yield estado
    codigo = estado["cluster"].parar()
    restos = processos_de(data)
    for pid in restos:
        os.kill(pid, signal.SIGKILL)
    servidor.parar(estado["pg"])
    texto = estado["cluster"].texto()
    shutil.rmtree(pasta, ignore_errors=True)
    assert codigo == 0, texto[-3000:]
    assert "seimg parado." in texto
    assert not restos, f"processos deixados para trás: {restos}"


def _sessao(usuario="carlos.mendes", unidade=SECRETARIA) -> requests.Session:
    sessao = requests.Session()
    sessao.auth = (usuario, SENHA_DEMO)
    sessao.headers.update({"Accept": "application/json", "X-Unidade": unidade})
    return sessao


def _token(sessao, url, vocabulario, titulo) -> str:
    itens = sessao.get(
        f"{url}/@vocabularies/{vocabulario}", params={"b_size": 500}, timeout=60
    ).json()["items"]
    return next(i["token"] for i in itens if i["title"].startswith(titulo))


@pytest.fixture(scope="module")
def tipos(cluster):
    sessao, url = _sessao(), cluster["cluster"].url
    return {
        "processo": _token(sessao, url, "seimg.TiposProcesso", "Acesso à Informação"),
        "oficio": _token(sessao, url, "seimg.TiposDocumentoInterno", "Ofício"),
    }


def _criar(url, tipos, rotulo, chave=None) -> dict:
    """A process and an ofício in it; raises on any refusal."""
    sessao = _sessao()
    cabecalhos = {"Idempotency-Key": chave} if chave else {}
    inicio = time.monotonic()
    resposta = sessao.post(
        f"{url}/processos",
        json={
            "@type": "Processo",
            "tipo_processo": tipos["processo"],
            "especificacao": f"Escala {rotulo}",
            "nivel_acesso": "publico",
        },
        headers=cabecalhos,
        timeout=120,
    )
    resposta.raise_for_status()
    processo = resposta.json()
    resposta = sessao.post(
        processo["@id"],
        json={
            "@type": "Documento",
            "tipo_documento": tipos["oficio"],
            "nivel_acesso": "publico",
            "texto": {"data": f"<p>Ofício {rotulo}</p>", "content-type": "text/html"},
        },
        headers={"Idempotency-Key": f"{chave}-doc"} if chave else {},
        timeout=120,
    )
    resposta.raise_for_status()
    documento = resposta.json()
    return {
        "processo": processo["@id"],
        "nup": processo["numero"],
        "documento": documento["@id"],
        "numero_sei": documento["numero_sei"],
        "segundos": time.monotonic() - inicio,
    }


def _caminho(url_objeto: str) -> str:
    return url_objeto.split("/seimg", 1)[1]


def _conferir_presentes(cluster, criados) -> None:
    """Every acknowledged write is in the database, seen by both instances."""
    sessao = _sessao()
    for numero in (1, 2):
        base = cluster.url_instancia(numero)
        for item in criados:
            resposta = sessao.get(base + _caminho(item["documento"]), timeout=60)
            assert resposta.status_code == 200, (numero, item, resposta.text[:300])
            assert resposta.json()["numero_sei"] == item["numero_sei"]
            resposta = sessao.get(base + _caminho(item["processo"]), timeout=60)
            assert resposta.status_code == 200, (numero, item, resposta.text[:300])
            assert resposta.json()["numero"] == item["nup"]


def _pedidos_por_instancia(cluster, numero: int, metodo="POST") -> int:
    log = cluster.pasta_instancia(numero) / "instance" / "var" / "log" / "access.log"
    return sum(
        1
        for linha in log.read_text(encoding="utf-8").splitlines()
        if f'"{metodo} ' in linha
    )


def test_criacao_concorrente_pelo_haproxy(cluster, tipos):
    c = cluster["cluster"]
    with ThreadPoolExecutor(CLIENTES) as executor:
        criados = list(
            executor.map(
                lambda n: _criar(c.url, tipos, f"concorrente {n}"),
                range(CLIENTES * POR_CLIENTE),
            )
        )
    nups = [item["nup"] for item in criados]
    seis = [item["numero_sei"] for item in criados]
    assert len(set(nups)) == len(nups), collections.Counter(nups).most_common(3)
    assert len(set(seis)) == len(seis), collections.Counter(seis).most_common(3)
    _conferir_presentes(c, criados)
    # both instances took writes (least connections under concurrency)
    assert _pedidos_por_instancia(c, 1) > 0
    assert _pedidos_por_instancia(c, 2) > 0
    tempos = sorted(item["segundos"] for item in criados)
    print(
        f"{len(criados)} processos+ofícios por {CLIENTES} clientes: mediana "
        f"{statistics.median(tempos):.2f} s, máximo {tempos[-1]:.2f} s"
    )


def test_cada_instancia_tem_sua_pasta(cluster):
    c = cluster["cluster"]
    for numero in (1, 2):
        pasta = c.pasta_instancia(numero)
        conf = (pasta / "instance" / "etc" / "zope.conf").read_text(encoding="utf-8")
        assert "<relstorage>" in conf
        assert "keep-history false" in conf
        assert "shared-blob-dir false" in conf
        assert f"SEIMG_DATA {pasta}" in conf
        assert "trusted-proxy 127.0.0.1" in conf
        assert (pasta / "instance" / "var" / "blobcache").is_dir()
        assert not (pasta / "instance" / "var" / "filestorage").exists()
    # no FileStorage anywhere: the data is in PostgreSQL
    assert not list(Path(c.env["SEIMG_DATA"]).rglob("Data.fs"))


def test_tarefa_de_uma_instancia_baixada_na_outra(cluster, tipos):
    c = cluster["cluster"]
    item = _criar(c.url_instancia(1), tipos, "tarefa")
    sessao = _sessao()
    caminho = _caminho(item["processo"])
    resposta = sessao.post(f"{c.url_instancia(1)}{caminho}/@pdf-processo", timeout=60)
    assert resposta.status_code == 202, resposta.text
    tarefa = resposta.json()["tarefa"]
    estado = f"{c.url_instancia(2)}{caminho}/@pdf-processo/{tarefa}"
    prazo = time.monotonic() + 120
    while True:
        dados = sessao.get(estado, timeout=60).json()
        if dados["estado"] in ("concluido", "erro") or time.monotonic() > prazo:
            break
        time.sleep(0.5)
    assert dados["estado"] == "concluido", dados
    pdf = sessao.get(f"{estado}/download", timeout=60)
    assert pdf.status_code == 200, pdf.text[:300]
    assert pdf.content.startswith(b"%PDF")
    # instance 2 never ran it: it served the result kept in PostgreSQL
    locais_2 = list(c.pasta_instancia(2).rglob(f"*{tarefa}*"))
    locais_1 = list(c.pasta_instancia(1).rglob(f"*{tarefa}*"))
    assert locais_1, "o trabalho rodou na instância 1, na pasta dela"
    assert all(c.pasta_instancia(2) in p.parents for p in locais_2)


def _entrar(url, login, senha, endereco) -> requests.Response:
    return requests.post(
        f"{url}/@login",
        json={"login": login, "password": senha},
        headers={"Accept": "application/json", "X-Forwarded-For": endereco},
        timeout=60,
    )


def test_bloqueio_de_login_feito_numa_instancia_vale_na_outra(cluster):
    c = cluster["cluster"]
    login = "gabriela.rocha"
    # the instances trust 127.0.0.1 (HAProxy): the client's address is the
    # last one it appends to X-Forwarded-For
    assert (
        _entrar(c.url_instancia(2), login, SENHA_DEMO, "10.20.0.1").status_code == 200
    )
    for n in range(3):
        resposta = _entrar(c.url_instancia(1), login, "errada", f"10.20.1.{n}")
        assert resposta.status_code == 401, resposta.text
    # a new address, the right password, the other instance: locked
    resposta = _entrar(c.url_instancia(2), login, SENHA_DEMO, "10.20.2.1")
    assert resposta.status_code in (401, 429), resposta.text
    assert "token" not in resposta.json()
    # the owner's known address still gets in (a lock never locks him out)
    assert (
        _entrar(c.url_instancia(2), login, SENHA_DEMO, "10.20.0.1").status_code == 200
    )


NOVO_ORGAO = """
orgao:
  sigla: CMEC
  nome: Câmara Municipal de Escala
  cnpj: 11.222.333/0001-81
  esfera: municipal
  poder: legislativo
  municipio: {ibge: "3199003", nome: Escala}
  codigo: 2301
unidades:
  - {sigla: PRES, nome: Presidência, codigo: 1}
usuarios:
  - login: ester.cluster
    nome: Ester Cluster
    email: ester.cluster@escala.mg.leg.br
    cpf: "529.982.247-25"
    perfis:
      - {unidade: PRES, perfil: basico}
"""


def test_adesao_pelo_console_com_o_site_no_ar(cluster, tmp_path):
    c = cluster["cluster"]
    arquivo = tmp_path / "cmec.yaml"
    arquivo.write_text(NOVO_ORGAO, encoding="utf-8")
    feito = subprocess.run(
        ["make", "-s", "adesao", f"ARQUIVO={arquivo}"],
        cwd=REPO,
        env=c.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert feito.returncode == 0, (feito.stdout + feito.stderr)[-3000:]
    admin = requests.Session()
    admin.auth = ("admin", c.env["SEIMG_ADMIN_PASSWORD"])
    admin.headers["Accept"] = "application/json"
    for numero in (1, 2):  # both instances see the console's commit, live
        resposta = admin.get(f"{c.url_instancia(numero)}/orgaos/cmec", timeout=60)
        assert resposta.status_code == 200, resposta.text[:300]


def test_copia_do_banco_real_restaurada_e_comparada(cluster, tmp_path):
    """make backup of the serving cluster (pg_dump of one snapshot), make
    restore into an empty database, compared object by object."""
    from seimg.deploy.migracao import comparar
    from seimg.deploy.migracao import config_relstorage

    c = cluster["cluster"]
    copias = tmp_path / "copias"
    feito = subprocess.run(
        ["make", "-s", "backup"],
        cwd=REPO,
        env={**c.env, "SEIMG_BACKUP": str(copias)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert feito.returncode == 0, (feito.stdout + feito.stderr)[-3000:]
    destino = cluster["servidor"].criar_banco("seimg_restaurado")
    try:
        env = {
            **c.env,
            "SEIMG_DATA": str(tmp_path / "nova"),
            "SEIMG_POSTGRESQL_DSN": destino,
        }
        feito = subprocess.run(
            ["make", "-s", "restore", f"DE={copias}"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        saida = feito.stdout + feito.stderr
        assert feito.returncode == 0, saida[-3000:]
        assert "Banco conferido" in saida
        relatorio = comparar(
            "%import relstorage\n"
            + config_relstorage(c.env["SEIMG_POSTGRESQL_DSN"], tmp_path / "ca"),
            "%import relstorage\n" + config_relstorage(destino, tmp_path / "cb"),
        )
        assert relatorio.iguais, relatorio.resumo()
        assert relatorio.objetos_a > 5000
        print(relatorio.resumo())
    finally:
        cluster["servidor"].remover_banco("seimg_restaurado")


def test_migracao_do_site_real_de_filestorage(cluster, tmp_path):
    """The serving site copied into a FileStorage (zodbconvert), then
    ``make migrar-postgresql`` into a new database: counted and compared
    object by object with the original."""
    from seimg.deploy.migracao import comparar
    from seimg.deploy.migracao import config_relstorage

    c = cluster["cluster"]
    origem = c.env["SEIMG_POSTGRESQL_DSN"]
    data = tmp_path / "embutido"
    var = data / "instance" / "var"
    (var / "filestorage").mkdir(parents=True)
    conf = tmp_path / "para-filestorage.conf"
    conf.write_text(
        "%import relstorage\n"
        + config_relstorage(origem, tmp_path / "cache", "source", somente_leitura=True)
        + f"<filestorage destination>\n  path {var / 'filestorage' / 'Data.fs'}\n"
        f"  blob-dir {var / 'blobstorage'}\n</filestorage>\n",
        encoding="utf-8",
    )
    feito = subprocess.run(
        [str(REPO / ".venv" / "bin" / "zodbconvert"), str(conf)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert feito.returncode == 0, feito.stderr[-2000:]
    destino = cluster["servidor"].criar_banco("seimg_migrado")
    try:
        feito = subprocess.run(
            ["make", "-s", "migrar-postgresql", f"DSN={destino}"],
            cwd=REPO,
            env={**c.env, "SEIMG_DATA": str(data)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        saida = feito.stdout + feito.stderr
        assert feito.returncode == 0, saida[-3000:]
        assert "Contagem conferida" in saida
        assert "estado idêntico objeto a objeto" in saida
        relatorio = comparar(
            "%import relstorage\n" + config_relstorage(origem, tmp_path / "ca"),
            "%import relstorage\n" + config_relstorage(destino, tmp_path / "cb"),
        )
        assert relatorio.iguais, relatorio.resumo()
        assert relatorio.blobs > 0
    finally:
        cluster["servidor"].remover_banco("seimg_migrado")


def test_envio_truncado_pelo_haproxy_nao_grava_nada(cluster, tipos):
    """A client that sends half of an upload and goes away: nothing is
    created (the instance never dispatches an incomplete body)."""
    c = cluster["cluster"]
    sessao = _sessao()
    processo = _criar(c.url, tipos, "truncado")["processo"]
    certidao = _token(sessao, c.url, "seimg.TiposDocumentoExterno", "Certidão")
    antes = sessao.get(processo, timeout=60).json()["documentos"]
    campos = {
        "tipo_documento": certidao,
        "data_documento": "2026-11-20",
        "numero": "1/2026",
        "formato": "nato_digital",
        "nivel_acesso": "publico",
    }
    pdf = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"
    pedido = requests.Request(
        "POST",
        f"{processo}/@documento-externo",
        files=[
            *((k, (None, v)) for k, v in campos.items()),
            ("arquivo", ("a.pdf", pdf)),
        ],
        auth=sessao.auth,
        headers={"Accept": "application/json", "X-Unidade": SECRETARIA},
    ).prepare()
    caminho = "/" + pedido.url.split("/", 3)[3]
    cabecalho = f"POST {caminho} HTTP/1.1\r\nHost: 127.0.0.1:{c.porta}\r\n"
    for nome, valor in pedido.headers.items():
        cabecalho += f"{nome}: {valor}\r\n"
    with socket.create_connection(("127.0.0.1", c.porta), timeout=30) as conexao:
        conexao.sendall(cabecalho.encode("latin-1") + b"\r\n")
        conexao.sendall(pedido.body[: len(pedido.body) // 2])
    time.sleep(2)
    depois = sessao.get(processo, timeout=60).json()["documentos"]
    assert len(depois) == len(antes)
    # the whole request, sent again, works
    feito = sessao.send(pedido, timeout=120)
    assert feito.status_code == 201, feito.text[:300]
    assert len(sessao.get(processo, timeout=60).json()["documentos"]) == len(antes) + 1


def _total_de_processos(url) -> int:
    resposta = _sessao().get(
        f"{url}/@search",
        params={"portal_type": "Processo", "b_size": 1},
        timeout=60,
    )
    resposta.raise_for_status()
    return resposta.json()["items_total"]


def test_instancia_morta_sob_carga(cluster, tipos):
    """kill -9 one instance under load: nothing acknowledged is lost, HAProxy
    routes around it, the supervisor starts it again and it serves; clients
    that retry with an Idempotency-Key get each process exactly once."""
    c = cluster["cluster"]
    criados, recusas, parar = [], collections.Counter(), threading.Event()
    trava = threading.Lock()
    antes = _total_de_processos(c.url)

    def carga(cliente):
        n = 0
        while not parar.is_set():
            n += 1
            chave = f"queda-{cliente}-{n}"
            for _tentativa in range(120):  # the client retries until it is told
                try:
                    item = _criar(c.url, tipos, chave, chave=chave)
                except requests.RequestException as erro:
                    resposta = getattr(erro, "response", None)
                    with trava:
                        recusas[getattr(resposta, "status_code", 0)] += 1
                    time.sleep(0.5)
                    continue
                with trava:
                    criados.append(item)
                break

    pid = c.pid_instancia(2)
    with ThreadPoolExecutor(4) as executor:
        for cliente in range(4):
            executor.submit(carga, cliente)
        time.sleep(3)
        os.kill(pid, signal.SIGKILL)
        time.sleep(5)
        parar.set()
    assert criados
    # what was in flight on the killed instance: a gateway answer, a
    # connection closed (0) or "still in progress" (409), never a success
    assert set(recusas) <= {0, 409, 502, 503, 504}, recusas
    prazo = time.monotonic() + 120
    while time.monotonic() < prazo:
        try:
            if requests.get(c.url_instancia(2) + "/@@saude", timeout=5).ok:
                break
        except requests.RequestException:
            pass
        time.sleep(1)
    assert c.pid_instancia(2) != pid
    assert "a instância 2 parou" in c.texto()
    _conferir_presentes(c, criados)
    nups = [item["nup"] for item in criados]
    assert len(set(nups)) == len(nups)
    # retried creations were not duplicated: one process per logical creation
    assert _total_de_processos(c.url) - antes == len(criados), recusas
    print(f"queda: {len(criados)} criações, recusas durante a queda: {dict(recusas)}")


def test_banco_fora_do_ar_503_e_volta_sozinho(cluster):
    c = cluster["cluster"]
    servidor = cluster["servidor"]
    servidor.parar(cluster["pg"])
    try:
        resposta = requests.get(
            c.url_instancia(1) + "/@search",
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert resposta.status_code == 503
        assert resposta.headers["Retry-After"] == "10"
        assert "banco de dados está indisponível" in resposta.json()["error"]["message"]
        pagina = requests.get(c.url_instancia(2) + "/transparencia", timeout=30)
        assert pagina.status_code == 503
        assert "Serviço temporariamente indisponível" in pagina.text
        assert (
            requests.get(c.url_instancia(1) + "/@@saude", timeout=30).status_code == 503
        )
        # HAProxy's checks fail: its own Portuguese page once both are out
        time.sleep(6)
        pelo_proxy = requests.get(c.url + "/transparencia", timeout=30)
        assert pelo_proxy.status_code == 503
        assert "Retry-After" in pelo_proxy.headers
        assert "indisponível" in pelo_proxy.text
    finally:
        cluster["pg"] = servidor.iniciar()
    prazo = time.monotonic() + 60
    while time.monotonic() < prazo:
        if requests.get(c.url + "/transparencia", timeout=30).status_code == 200:
            break
        time.sleep(1)
    for numero in (1, 2):
        assert requests.get(c.url_instancia(numero) + "/@@saude", timeout=30).ok
