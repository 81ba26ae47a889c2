"""The input reader, without Plone."""

from seimg.base import reader as r
from seimg.base.erros import InvalidInput
import datetime
import pytest


ESQUEMA = {
    "descricao": r.Text(required=True, max_length=10),
    "texto": r.Text(multiline=True),
    "dias": r.Integer(minimum=1, maximum=365),
    "ativo": r.Boolean(default=False),
    "tipo": r.Choice(values=("interno", "assinatura")),
    "data": r.Date(),
    "destinos": r.List(item=r.Text(max_length=5), max_items=2),
}


def _campos(dados):
    with pytest.raises(InvalidInput) as exc:
        r.read_values(dados, ESQUEMA)
    return [campo for campo, _m in exc.value.campos]


def test_valores_validos():
    lido = r.read_values(
        {
            "descricao": " Café ",
            "texto": "linha 1\nlinha\t2",
            "dias": 30,
            "tipo": "interno",
            "data": "2026-12-05",
            "destinos": ["A", "B"],
        },
        ESQUEMA,
    )
    assert lido == {
        "descricao": "Café",
        "texto": "linha 1\nlinha\t2",
        "dias": 30,
        "ativo": False,
        "tipo": "interno",
        "data": datetime.date(2026, 12, 5),
        "destinos": ["A", "B"],
    }


def test_nfc():
    decomposto = "Cafe\u0301"
    assert r.read_values({"descricao": decomposto}, ESQUEMA)["descricao"] == "Café"


@pytest.mark.parametrize(
    ("dados", "campos"),
    [
        ({}, ["descricao"]),
        ({"descricao": 7}, ["descricao"]),
        ({"descricao": "a\x00b"}, ["descricao"]),
        ({"descricao": "a\ud800"}, ["descricao"]),
        ({"descricao": "a\nb"}, ["descricao"]),
        ({"descricao": "x" * 11}, ["descricao"]),
        ({"descricao": "ok", "texto": "a\x07"}, ["texto"]),
        ({"descricao": "ok", "dias": -138}, ["dias"]),
        ({"descricao": "ok", "dias": 10**7}, ["dias"]),
        ({"descricao": "ok", "dias": True}, ["dias"]),
        ({"descricao": "ok", "dias": "3"}, ["dias"]),
        ({"descricao": "ok", "ativo": "sim"}, ["ativo"]),
        ({"descricao": "ok", "tipo": "reuniao"}, ["tipo"]),
        ({"descricao": "ok", "data": "2026-02-30"}, ["data"]),
        ({"descricao": "ok", "data": "ontem"}, ["data"]),
        ({"descricao": "ok", "data": "1500-01-01"}, ["data"]),
        ({"descricao": "ok", "destinos": "A"}, ["destinos"]),
        ({"descricao": "ok", "destinos": ["A", "B", "C"]}, ["destinos"]),
        ({"descricao": "ok", "destinos": [1]}, ["destinos"]),
        ({"descricao": "ok", "outro": 1}, ["outro"]),
        ({"descricao": 1, "dias": 0, "outro": 1}, ["outro", "descricao", "dias"]),
    ],
)
def test_problemas_nomeiam_cada_campo(dados, campos):
    assert _campos(dados) == campos


@pytest.mark.parametrize("corpo", [b"[1, 2]", b'"x"', b"null", b"3"])
def test_corpo_que_nao_e_objeto(corpo):
    with pytest.raises(InvalidInput) as exc:
        r.read_values(r.parse_json(corpo), ESQUEMA)
    assert exc.value.campos[0][0] == "corpo"


@pytest.mark.parametrize("corpo", [b'{"a": ', b"\xff\xfe", b"{'a': 1}", b"[" * 100000])
def test_corpo_que_nao_e_json(corpo):
    with pytest.raises(InvalidInput) as exc:
        r.parse_json(corpo)
    assert exc.value.campos[0][0] == "corpo"


def test_limpar_todas_as_strings():
    assert r.clean_strings({"a": ["Cafe\u0301", {"b": "ok\n"}]}) == {
        "a": ["Café", {"b": "ok\n"}]
    }
    with pytest.raises(InvalidInput) as exc:
        r.clean_strings({"a": ["x", "y\x00"], "b": {"c": "\udfff"}, "d\x01": 1})
    assert [c for c, _m in exc.value.campos] == ["a[1]", "b.c", "d\x01"]


class _Pedido:
    def __init__(self, **form):
        self.form = form


QUERY = {
    "q": r.Text(max_length=20),
    "inativas": r.Boolean(default=False),
    "b_size": r.Integer(minimum=0, maximum=1000, default=50),
    "lista": r.Choice(values=("recebidos", "gerados"), default="recebidos"),
}


def test_read_query_converte_textos():
    assert r.read_query(
        _Pedido(q=" Ofício ", inativas="sim", b_size="10", _="123"), QUERY
    ) == {"q": "Ofício", "inativas": True, "b_size": 10, "lista": "recebidos"}
    assert r.read_query(_Pedido(q="", b_size=""), QUERY)["b_size"] == 50


@pytest.mark.parametrize(
    ("form", "campo"),
    [
        ({"q": ["a", "b"]}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"inativas": "talvez"}, "inativas"),
        ({"b_size": "dez"}, "b_size"),
        ({"b_size": "-1"}, "b_size"),
        ({"b_size": "9" * 400}, "b_size"),
        ({"lista": "todos"}, "lista"),
        ({"outro": "1"}, "outro"),
    ],
)
def test_read_query_recusa_nomeando_o_parametro(form, campo):
    with pytest.raises(InvalidInput) as erro:
        r.read_query(_Pedido(**form), QUERY)
    assert [c for c, _m in erro.value.campos] == [campo]
