"""Fixtures of the REST contract tests."""

import os
import pytest
import shutil
import transaction


@pytest.fixture
def tarefa_pendente(acceptance):
    """Make process-PDF jobs of carlos.mendes that wait for ever (none is
    started), for the first process of :func:`dados`; removed afterwards
    (jobs live on disk, outside the test's database)."""
    from seimg.base import tarefas
    import datetime
    import secrets
    import socket

    feitas = []

    def fazer(processo=None) -> str:
        processo = processo or acceptance["portal"]["processos"].objectValues()[0]
        tarefa_id = secrets.token_hex(16)
        tarefas.pasta_tarefa(tarefa_id).mkdir(mode=0o700, parents=True)
        feitas.append(tarefa_id)
        agora = datetime.datetime.now(datetime.UTC).isoformat()
        tarefas.ARMAZENAMENTO.gravar(
            {
                "id": tarefa_id,
                "tipo": "pdf-processo",
                "usuario": "carlos.mendes",
                "processo": processo.UID(),
                "processo_numero": processo.numero,
                "processo_url": processo.absolute_url(),
                "unidade": None,
                "documentos": [],
                "estado": tarefas.PENDENTE,
                "total": 1,
                "concluidos": 0,
                "mensagem": "",
                "nome_arquivo": "processo.pdf",
                "criado_em": agora,
                "atualizado_em": agora,
                "host": socket.gethostname(),
                "pid": os.getpid(),
            }
        )
        return tarefa_id

    yield fazer
    for tarefa_id in feitas:
        shutil.rmtree(tarefas.pasta_tarefa(tarefa_id), ignore_errors=True)


@pytest.fixture
def dados(acceptance, tarefa_pendente):
    """Objects of a fresh database, by path parameter name."""
    from plone import api
    from tests.divulgacao.cenario import CARGO
    from tests.divulgacao.cenario import SENHA
    from tests.processos.conftest import como
    from tests.processos.conftest import novo_oficio
    from tests.processos.conftest import novo_processo
    from tests.processos.conftest import unidade

    portal = acceptance["portal"]
    with como(portal, "carlos.mendes", "cmvs/secretaria"):
        processo = novo_processo(portal, especificacao="Processo do contrato")
        oficio = novo_oficio(processo)
        from seimg.assinatura import api as assinatura

        assinatura.assinar(oficio, SENHA, CARGO)
        minuta = novo_oficio(processo)
        sigiloso = novo_processo(portal, nivel="sigiloso")
        from seimg.blocos import api as blocos

        bloco = blocos.criar("assinatura", "Bloco do contrato")
        from seimg.acesso import servicos

        with api.env.adopt_roles(["Manager"]):
            conta, _segredo = servicos.criar(portal["orgaos"]["cmvs"], "ERP")
        from seimg.notas import api as notas

        marcador = notas.criar_marcador("Urgente", "vermelho")
        unidade(portal, "cmvs/protocolo")
    transaction.commit()
    tarefa = tarefa_pendente(processo)
    # A user of the órgão locked out by failed logins (not carlos.mendes,
    # who makes the requests).
    from seimg.acesso import api as acesso
    from seimg.testing import matrix_login

    bloqueado = matrix_login("basico")
    for tentativa in range(100):
        acesso.falhou(bloqueado, f"10.0.{tentativa}.1")
        if any(b["login"] == bloqueado for b in acesso.bloqueios_de()):
            break
    else:
        raise AssertionError(f"{bloqueado} was never locked")
    caminho = "/".join(processo.getPhysicalPath()[2:])
    return {
        "processo": caminho,
        "processo_ou_documento": caminho,
        "documento": "/".join(oficio.getPhysicalPath()[2:]),
        "minuta": "/".join(minuta.getPhysicalPath()[2:]),
        "orgao": "cmvs",
        "login": conta.login,
        "usuario": "carlos.mendes",
        "bloco": str(bloco.id),
        "uid": sigiloso.UID(),
        "tarefa": tarefa,
        "bloqueado": bloqueado,
        "id": marcador["id"],
        "qualquer": "qualquer",
        "pasta": "processos",
        # The public portal names objects by their numbers.
        "nup": "".join(c for c in processo.numero if c.isdigit()),
        "numero_sei": oficio.numero_sei,
    }
