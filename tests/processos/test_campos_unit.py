"""Fill-in fields of templates (seimg.processos.campos): pure HTML rules."""

from seimg.processos import campos
from seimg.processos.campos import Campo
import pytest


DESTINATARIO = campos.marcar("destinatario", "Nome do destinatário")
TEXTO = campos.marcar("texto", "Texto do ofício")
MODELO = (
    f"<p>Ao(À) Senhor(a)<br/>{DESTINATARIO}</p><p>Assunto: [art. 5º]</p>"
    f"<p>{TEXTO}</p><p>Atenciosamente,</p>"
)


def test_marcacao():
    assert DESTINATARIO == (
        '<span class="seimg-campo" data-campo="destinatario" '
        'title="Nome do destinatário">Nome do destinatário</span>'
    )
    assert campos.marcar("x", 'A "b" <c>') == (
        '<span class="seimg-campo" data-campo="x" '
        'title="A &quot;b&quot; &lt;c&gt;">A "b" &lt;c&gt;</span>'
    )


def test_modelo_intocado_lista_todos_os_campos_em_ordem():
    assert campos.campos(MODELO) == [
        Campo("destinatario", "Nome do destinatário"),
        Campo("texto", "Texto do ofício"),
    ]
    assert campos.pendentes(MODELO) == campos.campos(MODELO)


def test_colchetes_nao_sao_campos():
    assert campos.pendentes("<p>Nos termos do art. 5º [revogado], decide.</p>") == []


def test_campo_preenchido_deixa_de_pendente():
    html = MODELO.replace(">Texto do ofício<", ">Solicitamos a cópia do contrato.<")
    assert campos.pendentes(html) == [Campo("destinatario", "Nome do destinatário")]


@pytest.mark.parametrize(
    "conteudo",
    ["", " ", "&nbsp;", "<br/>", "\n  Nome do destinatário \xa0"],
)
def test_campo_vazio_ou_com_o_texto_original_continua_pendente(conteudo):
    html = (
        '<p><span class="seimg-campo" data-campo="d" title="Nome do destinatário">'
        f"{conteudo}</span></p>"
    )
    assert campos.pendentes(html) == [Campo("d", "Nome do destinatário")]


def test_campo_apagado_inteiro_nao_e_pendente():
    assert campos.pendentes(f"<p>Ao Senhor Prefeito</p><p>{TEXTO}</p>") == [
        Campo("texto", "Texto do ofício")
    ]
    assert campos.pendentes("<p>Ao Senhor Prefeito</p>") == []


def test_sem_data_campo_a_marca_e_a_classe():
    # Were data-campo filtered out, the class and the title still tell.
    html = '<p><span class="destaque seimg-campo" title="Cargo">Cargo</span></p>'
    assert campos.pendentes(html) == [Campo("", "Cargo")]
    assert campos.pendentes('<p><span class="seimg-campos">Cargo</span></p>') == []


def test_sem_titulo_so_vazio_e_pendente():
    html = '<p><span class="seimg-campo" data-campo="x">algo</span></p>'
    assert campos.pendentes(html) == []
    vazio = '<p><span class="seimg-campo" data-campo="x"> </span></p>'
    assert campos.pendentes(vazio) == [Campo("x", "x")]


def test_campo_repetido_nomeado_uma_vez():
    assert campos.pendentes(f"<p>{TEXTO}</p><p>{TEXTO}</p>") == [
        Campo("texto", "Texto do ofício")
    ]


@pytest.mark.parametrize(
    ("html", "esperado"),
    [
        ("", True),
        (None, True),
        ("<p></p><p>&nbsp;</p><p> <br/> </p>", True),
        ("<p><strong> </strong></p>", True),
        ("<p>Texto</p>", False),
        ("Texto solto", False),
        ('<p><img src="x.png" alt=""/></p>', False),
        ("<table><tr><td></td></tr></table>", False),
    ],
)
def test_vazio(html, esperado):
    assert campos.vazio(html) is esperado


def test_desmarcar_mantem_o_texto():
    html = MODELO.replace(">Texto do ofício<", ">Solicitamos <b>urgência</b>.<")
    limpo = campos.desmarcar(html)
    assert "seimg-campo" not in limpo
    assert "Nome do destinatário" in limpo
    assert "<p>Solicitamos <b>urgência</b>.</p>" in limpo
    assert campos.desmarcar("<p>Sem campos</p>") == "<p>Sem campos</p>"
    assert campos.desmarcar(f"antes {TEXTO} depois") == "antes Texto do ofício depois"
