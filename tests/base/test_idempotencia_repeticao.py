"""A replayed Idempotency-Key answer is still subject to who may see what.

The first answer of a creation (the new process, its especificação and
interessados) is kept for 24 h; a replay must not show it to a user who may
no longer View the object (it became sigiloso, the user left the unit), nor
describe an object that is gone: the replay answers as a hidden object."""

from seimg.base import idempotencia
from zExceptions import NotFound
import pytest
import transaction


RAIZ_URL = "http://localhost:8080"


class Obj:
    def __init__(self, nome, filhos=(), visivel=True):
        self.nome = nome
        self.filhos = {f.nome: f for f in filhos}
        self.visivel = visivel

    def getId(self):
        return self.nome

    def _getOb(self, nome, default=None):
        return self.filhos.get(nome, default)


class Resposta:
    def __init__(self):
        self.status = 200
        self.cabecalhos = {}

    def setStatus(self, status):
        self.status = status

    def getStatus(self):
        return self.status

    def setHeader(self, nome, valor):
        self.cabecalhos[nome] = valor

    def getHeader(self, nome):
        return self.cabecalhos.get(nome)


class Pedido(dict):
    def __init__(self, chave):
        super().__init__(BODY=b'{"especificacao": "x"}', REQUEST_METHOD="POST")
        self.cabecalhos = {"Content-Type": "application/json", "Idempotency-Key": chave}
        self.form = {}
        self.environ = {}
        self.response = Resposta()

    def getHeader(self, nome):
        return self.cabecalhos.get(nome)

    def physicalPathFromURL(self, url):
        if not url.startswith(RAIZ_URL + "/"):
            raise ValueError(url)
        return ["", *url[len(RAIZ_URL) + 1 :].split("/")]


class Servico:
    __name__ = "POST_application_json_"
    method = "POST"

    def __init__(self, raiz, contexto, pedido, criar):
        self.raiz = raiz
        self.contexto = contexto
        self.request = pedido
        self.criar = criar
        self.context = self

    def getPhysicalPath(self):
        return ("", "seimg", self.contexto.nome)

    def getPhysicalRoot(self):
        return self.raiz

    def executar(self):
        return self.criar(self.request)


class Usuario:
    def getId(self):
        return "carlos.mendes"


class Seguranca:
    def getUser(self):
        return Usuario()

    def checkPermission(self, permissao, obj):
        assert permissao == "View"
        return obj.visivel


@pytest.fixture
def site(monkeypatch):
    from AccessControl import SecurityManagement

    monkeypatch.setattr(SecurityManagement, "getSecurityManager", Seguranca)
    antiga = idempotencia.usar(idempotencia.MemoriaStore())
    processo = Obj("p-1")
    processos = Obj("processos", [processo])
    raiz = Obj("", [Obj("seimg", [processos])])
    criados = []

    def criar(pedido):
        criados.append(1)
        pedido.response.setStatus(201)
        pedido.response.setHeader("Content-Type", "application/json")
        pedido.response.setHeader("Location", f"{RAIZ_URL}/seimg/processos/p-1")
        return '{"especificacao": "Dados de Maria, CPF 529.982.247-25"}'

    def pedir(chave="k-1", pedido=Pedido):
        servico = Servico(raiz, processos, pedido(chave), criar)
        corpo = idempotencia.responder(servico, servico.executar)
        transaction.commit()  # keeps the answer (after-commit hook)
        return servico.request.response, corpo

    yield pedir, processos, processo, criados
    transaction.abort()
    idempotencia.usar(antiga)


def test_repeticao_visivel_devolve_a_primeira_resposta(site):
    pedir, _processos, _processo, criados = site
    _resposta, primeiro = pedir()
    resposta, corpo = pedir()
    assert corpo == primeiro
    assert resposta.getHeader(idempotencia.REPETIDA) == "true"
    assert len(criados) == 1


def test_repeticao_de_objeto_que_ficou_oculto_e_404(site):
    pedir, _processos, processo, criados = site
    pedir()
    processo.visivel = False  # made sigiloso, or the user left the unit
    with pytest.raises(NotFound):
        pedir()
    assert len(criados) == 1  # nothing created again either


def test_repeticao_de_objeto_que_sumiu_e_404(site):
    pedir, processos, _processo, criados = site
    pedir()
    del processos.filhos["p-1"]
    with pytest.raises(NotFound):
        pedir()
    assert len(criados) == 1


class Falha(idempotencia.MemoriaStore):
    """A store whose writes after the request fail while ``fora`` (the
    database went down between the ZODB commit and keeping the answer)."""

    fora = False

    def concluir(self, ident, dono, resposta):
        if self.fora:
            raise RuntimeError("banco fora do ar")
        return super().concluir(ident, dono, resposta)

    def liberar(self, ident, dono):
        if self.fora:
            raise RuntimeError("banco fora do ar")
        return super().liberar(ident, dono)


def test_resposta_nao_guardada_e_guardada_depois(site):
    pedir, _processos, _processo, criados = site
    store = Falha()
    idempotencia.usar(store)
    store.fora = True
    _resposta, primeiro = pedir("k-1")  # created; its answer not kept
    store.fora = False
    pedir("k-2")  # the next request with a key keeps it first
    resposta, corpo = pedir("k-1")
    assert resposta.getStatus() == 201, corpo
    assert resposta.getHeader(idempotencia.REPETIDA) == "true"
    assert corpo == primeiro
    assert len(criados) == 2  # k-1 once, k-2 once


def test_chave_nao_liberada_e_liberada_depois(site):
    pedir, _processos, _processo, criados = site
    store = Falha()
    idempotencia.usar(store)

    def falhar(pedido):
        raise ValueError("erro do serviço")

    servico = Servico(None, Obj("processos"), Pedido("k-1"), falhar)
    store.fora = True
    with pytest.raises(ValueError, match="erro do serviço"):
        idempotencia.responder(servico, servico.executar)
    transaction.abort()
    store.fora = False
    resposta, _corpo = pedir("k-1")  # not 409 until ABANDONO
    assert resposta.getStatus() == 201
    assert idempotencia.REPETIDA not in resposta.cabecalhos
    assert len(criados) == 1


class OutroHost(Pedido):
    """A replay through another virtual host (a ``_vh_`` prefix, a direct
    instance port): the first answer's Location is not one of its URLs."""

    def physicalPathFromURL(self, url):
        raise ValueError(url)


def test_repeticao_por_outro_host_ainda_confere(site):
    pedir, _processos, processo, _criados = site
    _resposta, primeiro = pedir()
    resposta, corpo = pedir(pedido=OutroHost)
    assert corpo == primeiro
    assert "_caminho" not in resposta.cabecalhos  # not a header
    processo.visivel = False
    with pytest.raises(NotFound):  # not skipped through another host
        pedir(pedido=OutroHost)
