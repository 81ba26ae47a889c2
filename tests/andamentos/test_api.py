"""Storage, immutability, ordering, filters and wording of andamentos."""

from .conftest import entrar
from BTrees.LOBTree import LOBTree
from persistent import Persistent
from seimg import andamentos
from seimg.andamentos import api
from seimg.andamentos import eventos
from seimg.testing import matrix_login
from zope.i18n import interpolate
import datetime
import pickle
import pytest
import transaction
import ZODB
import ZODB.FileStorage


def test_registrar_keeps_entries_in_order(processo, secretaria):
    tipos = ["processo_gerado", "processo_recebido", "processo_concluido"]
    feitos = [
        andamentos.registrar(processo, tipo, unidade=secretaria) for tipo in tipos
    ]
    feitos.append(
        andamentos.registrar(processo, "atualizacao_andamento", texto="Aguardando")
    )

    lidos = andamentos.listar(processo)

    assert [a.tipo for a in lidos] == [*tipos, "atualizacao_andamento"]
    assert lidos == feitos
    assert [a.id for a in lidos] == sorted(a.id for a in lidos)
    assert len({a.id for a in lidos}) == 4
    datas = [a.data for a in lidos]
    assert datas == sorted(datas)
    assert all(d.utcoffset() == datetime.timedelta(0) for d in datas)
    agora = datetime.datetime.now(datetime.UTC)
    assert agora - datetime.timedelta(minutes=1) < datas[0] <= agora


def test_entry_records_unit_and_user_as_they_were(processo, secretaria):
    entrar(processo.aq_parent, matrix_login("basico"))
    andamento = andamentos.registrar(processo, "processo_gerado")

    assert andamento.unidade_uid == secretaria.UID()
    assert andamento.unidade_sigla == "CMVS/PRESIDENCIA/SECRETARIA"
    assert andamento.unidade_nome == secretaria.nome
    assert andamento.usuario_id == matrix_login("basico")
    assert andamento.usuario_nome == "Matriz 0 basico"

    secretaria.sigla = "SECGERAL"
    nome = secretaria.nome
    secretaria.nome = "Nome Novo"
    (lido,) = andamentos.listar(processo)
    assert lido.unidade_sigla == "CMVS/PRESIDENCIA/SECRETARIA"
    assert lido.unidade_nome == nome


def test_system_action_has_no_unit(processo):
    andamento = andamentos.registrar(processo, "processo_gerado", usuario=None)
    # The test user holds no perfil in any unit.
    assert andamento.unidade_uid is None
    assert andamento.descricao() == "Processo gerado"


def test_entries_cannot_be_changed(processo, secretaria):
    andamento = andamentos.registrar(
        processo, "documento_gerado", unidade=secretaria, documento="Ofício 1"
    )
    with pytest.raises(AttributeError):
        andamento.tipo = "documento_excluido"
    with pytest.raises(andamentos.AndamentoImutavel):
        andamento.atributos = {"documento": "Outro"}
    with pytest.raises(andamentos.AndamentoImutavel):
        del andamento.unidade_sigla
    with pytest.raises(andamentos.AndamentoImutavel):
        andamento.novo = 1
    andamento.atributos["documento"] = "Alterado"  # only a copy
    (lido,) = andamentos.listar(processo)
    assert lido.tipo == "documento_gerado"
    assert lido.atributos == {"documento": "Ofício 1"}
    assert lido.unidade_sigla == "CMVS/PRESIDENCIA/SECRETARIA"


def test_entries_are_plain_objects_inside_the_tree(processo, secretaria):
    andamento = andamentos.registrar(processo, "processo_gerado", unidade=secretaria)
    assert not isinstance(andamento, Persistent)
    copia = pickle.loads(pickle.dumps(andamento))
    assert copia == andamento
    with pytest.raises(andamentos.AndamentoImutavel):
        copia.tipo = "x"


def test_module_offers_no_update_or_delete():
    publicos = {
        nome
        for nome, valor in vars(api).items()
        if callable(valor)
        and getattr(valor, "__module__", "") == api.__name__
        and not nome.startswith("_")
    }
    assert publicos == {
        "Andamento",
        "AndamentoImutavel",
        "registrar",
        "listar",
        "obter",
    }
    assert set(andamentos.__all__) == {
        "TIPOS",
        "Andamento",
        "AndamentoImutavel",
        "listar",
        "obter",
        "registrar",
    }


def test_invalid_input_is_refused(processo, secretaria):
    with pytest.raises(ValueError, match="tipo"):
        andamentos.registrar(processo, "processo_inventado", unidade=secretaria)
    with pytest.raises(ValueError, match="motivo"):
        andamentos.registrar(
            processo, "documento_cancelado", unidade=secretaria, documento="Ofício 1"
        )
    with pytest.raises(ValueError, match="JSON"):
        andamentos.registrar(
            processo, "documento_gerado", unidade=secretaria, documento=object()
        )
    with pytest.raises(ValueError, match="JSON"):
        andamentos.registrar(
            processo,
            "retorno_programado",
            unidade=secretaria,
            data_retorno=datetime.date(2026, 5, 10),
        )
    assert andamentos.listar(processo) == []


def test_sentences_are_portuguese(processo, secretaria, procuradoria, integration):
    request = integration["request"]
    casos = [
        ("processo_gerado", {}, "Processo gerado"),
        (
            "processo_remetido",
            {"destinos": ["CMVS/PRESIDENCIA/PROCURADORIA", "PMVS/GABINETE"]},
            "Processo remetido pela unidade CMVS/PRESIDENCIA/SECRETARIA para "
            "CMVS/PRESIDENCIA/PROCURADORIA, PMVS/GABINETE",
        ),
        ("documento_gerado", {"documento": "Ofício 12"}, "Gerado documento Ofício 12"),
        (
            "documento_cancelado",
            {"documento": "Ofício 12", "motivo": "erro material"},
            "Documento Ofício 12 cancelado. Motivo: erro material",
        ),
        (
            "credencial_concedida",
            {"credenciado": "Ana Ribeiro"},
            "Concedida credencial a Ana Ribeiro",
        ),
        (
            "nivel_acesso_alterado",
            {
                "nivel_anterior": "publico",
                "nivel": "sigiloso",
                "hipotese_legal": "Art. 23 da Lei 12.527/2011",
                "grau_sigilo": "secreto",
            },
            "Alterado nível de acesso do processo de público para sigiloso; "
            "hipótese legal: Art. 23 da Lei 12.527/2011; grau de sigilo: secreto",
        ),
        (
            "processo_alterado",
            {"campos": ["especificacao", "interessados", "outro"]},
            "Alterados dados do processo: especificação, interessados, outro",
        ),
        (
            "retorno_programado",
            {"data_retorno": "2026-05-10"},
            "Retorno programado para 10/05/2026",
        ),
        (
            "sobrestamento",
            {"motivo": "aguarda parecer", "processo_vinculado": "1234"},
            "Processo sobrestado. Motivo: aguarda parecer. Vinculado ao processo 1234",
        ),
        ("ciencia", {}, "Ciência no processo"),
        (
            "processo_concluido",
            {},
            "Conclusão do processo na unidade CMVS/PRESIDENCIA/SECRETARIA",
        ),
    ]
    for tipo, atributos, esperado in casos:
        andamento = andamentos.registrar(
            processo, tipo, unidade=secretaria, usuario="matriz.basico", **atributos
        )
        assert andamento.descricao(request) == esperado, tipo
        assert andamento.descricao() == esperado, tipo
    assinado = andamentos.registrar(
        processo,
        "documento_assinado",
        unidade=secretaria,
        usuario=matrix_login("basico"),
        documento="0000042",
    )
    assert assinado.descricao(request) == (
        "Assinado documento 0000042 por Matriz 0 basico"
    )


def test_every_tipo_renders_in_portuguese(integration):
    request = integration["request"]
    for tipo, definicao in eventos.TIPOS.items():
        atributos = dict.fromkeys(definicao.requeridos, "X")
        mapping = {**atributos, "unidade": "CMVS/SEC", "usuario": "Ana"}
        ingles = interpolate(definicao.mensagem.default, mapping)
        texto = eventos.descrever(tipo, atributos, "CMVS/SEC", "Ana", request)
        assert "${" not in texto, tipo
        if tipo != "atualizacao_andamento":  # the free text itself
            assert texto != ingles, f"{tipo} not translated: {texto}"


def test_resumido_filter(processo, secretaria):
    andamentos.registrar(processo, "processo_gerado", unidade=secretaria)
    andamentos.registrar(
        processo, "documento_gerado", unidade=secretaria, documento="Ofício 1"
    )
    andamentos.registrar(
        processo, "processo_remetido", unidade=secretaria, destinos=["CMVS/PROTOCOLO"]
    )
    andamentos.registrar(
        processo, "processo_atribuido", unidade=secretaria, responsavel="Ana"
    )

    assert len(andamentos.listar(processo)) == 4
    assert [a.tipo for a in andamentos.listar(processo, resumido=True)] == [
        "processo_gerado",
        "processo_remetido",
    ]


def test_per_unit_filter(processo, secretaria, procuradoria):
    andamentos.registrar(processo, "processo_gerado", unidade=secretaria)
    andamentos.registrar(processo, "processo_recebido", unidade=procuradoria.UID())
    andamentos.registrar(processo, "processo_concluido", unidade=secretaria)

    da_secretaria = andamentos.listar(processo, unidade_uid=secretaria.UID())
    assert [a.tipo for a in da_secretaria] == ["processo_gerado", "processo_concluido"]
    da_procuradoria = andamentos.listar(
        processo, resumido=True, unidade_uid=procuradoria.UID()
    )
    assert [a.tipo for a in da_procuradoria] == ["processo_recebido"]
    assert andamentos.obter(processo, da_procuradoria[0].id) == da_procuradoria[0]


def test_listing_a_new_processo_writes_nothing(processo):
    assert andamentos.listar(processo) == []
    assert api.ANNOTATION_KEY not in getattr(processo, "__annotations__", {})


def _fabrica(texto):
    def fabricar(chave):
        return api.Andamento(
            id=chave,
            tipo="atualizacao_andamento",
            data=datetime.datetime.now(datetime.UTC),
            atributos={"texto": texto},
        )

    return fabricar


@pytest.mark.parametrize("anteriores", [0, 3, 200])
def test_concurrent_appends_do_not_conflict(tmp_path, anteriores):
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / "Data.fs")))
    try:
        with db.transaction() as conn:
            conn.root()["historico"] = LOBTree()
            for index in range(anteriores):
                api._acrescentar(conn.root()["historico"], _fabrica(f"a{index}"))
        tm1 = transaction.TransactionManager()
        tm2 = transaction.TransactionManager()
        conn1 = db.open(transaction_manager=tm1)
        conn2 = db.open(transaction_manager=tm2)
        tree1 = conn1.root()["historico"]
        tree2 = conn2.root()["historico"]
        len(tree1), len(tree2)  # both read before either writes
        api._acrescentar(tree1, _fabrica("primeiro"))
        api._acrescentar(tree2, _fabrica("segundo"))
        tm1.commit()
        tm2.commit()  # resolved by the BTree, no ConflictError
        conn1.close()
        conn2.close()
        with db.transaction() as conn:
            textos = [a.atributos["texto"] for a in conn.root()["historico"].values()]
        assert len(textos) == anteriores + 2
        assert sorted(textos[-2:]) == ["primeiro", "segundo"]
    finally:
        db.close()
