"""Open data (issue 19, item 3): rows as an anonymous visitor whoever asks,
no natural-person or MEI names, CPFs or e-mails; CSV and JSON as the data
dictionary says; the download answer; daily snapshots with their sha256,
their history, same-day replacement and no path traversal."""

from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.transparencia.dados import colunas as C
from seimg.transparencia.dados import exportar
from seimg.transparencia.dados import snapshots
from tests.processos.conftest import assinar
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
from tests.processos.conftest import novo_processo
import csv
import datetime
import hashlib
import io
import json
import jsonschema
import pytest
import re
import shutil
import subprocess


GERADOR = ("carlos.mendes", "cmvs/secretaria")
SENHA = "Demo@2026"
CARGO = "Secretário-Geral"
CPF = "529.982.247-25"
CPF_MEI = "111.444.777-35"
CNPJ_PJ = "11.222.333/0001-81"
CNPJ_MEI = "11.444.777/0001-61"
#: What no export may carry, in any form.
PESSOAIS = (
    "Teodolinda",
    "Quaresma",
    "Zqxmarmitas",
    "teodolinda.zqx",
    "fulano.zqx",
    "example.org",
    "52998224725",
    "529.982.247-25",
    "11144477735",
    "111.444.777-35",
    CNPJ_MEI,
    "11444777000161",
)
DATA_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _html(texto):
    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


def _contato(portal, nome, **campos):
    contato = api.content.create(
        container=portal["tabelas"]["contatos"],
        type="Contato",
        title=nome,
        nome=nome,
        **campos,
    )
    contato.orgao = portal["orgaos"]["cmvs"].UID()
    return contato


def _esquecer(portal):
    """Disclosure answers are cached on the request per user."""
    portal.REQUEST.other.pop("_seimg_divulgacao", None)


@pytest.fixture
def portal(integration):
    return integration["portal"]


@pytest.fixture
def dados(portal):
    """P (público, tipo with "interessados públicos": natural persons are
    shown on its page, never in open data) with PF, MEI and PJ interessados
    and a CPF, an e-mail and a formula in its especificação; its documents:
    a signed público ofício, a restrito one, a cancelled one, a minuta. Rp
    (restrito under Informação Pessoal) and S (sigiloso)."""
    from seimg.assinatura import api as assinatura
    from seimg.processos import acoes
    from seimg.tabelas import por_titulo

    tipo = por_titulo("TipoProcesso", "Gestão de Contratos")
    tipo.interessados_publicos = True
    with como(portal, *GERADOR):
        pessoa = _contato(
            portal,
            "Teodolinda Quaresma",
            tipo_pessoa="fisica",
            cpf=CPF,
            email="teodolinda.zqx@example.org",
        )
        mei = _contato(
            portal,
            "Zqxmarmitas da Esquina",
            tipo_pessoa="juridica",
            empresario_individual=True,
            cnpj=CNPJ_MEI,
            cpf=CPF_MEI,
        )
        empresa = _contato(
            portal, "Transportes Zqxvale Ltda", tipo_pessoa="juridica", cnpj=CNPJ_PJ
        )
        interessados = [pessoa.UID(), mei.UID(), empresa.UID()]
        publico = novo_processo(
            portal,
            especificacao=f"=Zqxcontrato de {CPF}, contato fulano.zqx@example.org",
            tipo="Gestão de Contratos",
            interessados=interessados,
        )
        oficio = novo_oficio(publico, texto=_html("Zqx ofício público"))
        assinatura.assinar(oficio, SENHA, CARGO)
        restrito = novo_oficio(publico, nivel="restrito")
        assinar(restrito)
        cancelado = novo_oficio(publico)
        assinar(cancelado)
        acoes.cancelar(cancelado, "Emitido por engano")
        minuta = novo_oficio(publico)
        pessoal = novo_processo(
            portal,
            nivel="restrito",
            especificacao="Zqxlicença médica de Teodolinda",
            tipo="Gestão de Contratos",
            interessados=interessados,
        )
        assinar(novo_oficio(pessoal))
        sigiloso = novo_processo(
            portal, nivel="sigiloso", especificacao="Zqxsindicância"
        )
    _esquecer(portal)
    return {
        "portal": portal,
        "publico": publico,
        "pessoal": pessoal,
        "sigiloso": sigiloso,
        "oficio": oficio,
        "restrito": restrito,
        "cancelado": cancelado,
        "minuta": minuta,
    }


def _linhas(dados, *nomes):
    with como(dados["portal"], *GERADOR):  # staff asks: rows stay anonymous
        return list(exportar.linhas_processos([dados[n] for n in nomes]))


def _sem_dados_pessoais(texto: str):
    for proibido in PESSOAIS:
        assert proibido.lower() not in texto.lower(), proibido


# --- rows ----------------------------------------------------------------------
def test_linhas_de_processos_como_visitante(dados):
    from seimg.divulgacao import api as divulgacao
    from seimg.transparencia.api import como_anonimo

    with como_anonimo():  # the portal's page shows them (interessados públicos)
        nomes = [i["nome"] for i in divulgacao.interessados(dados["publico"])]
    assert "Teodolinda Quaresma" in nomes
    assert "Zqxmarmitas da Esquina" in nomes
    _esquecer(dados["portal"])
    linhas = _linhas(dados, "publico", "pessoal", "sigiloso")
    assert [linha["nup"] for linha in linhas] == [
        dados["publico"].numero,
        dados["pessoal"].numero,
    ]  # sigiloso: nothing
    publico, pessoal = linhas
    assert list(publico) == C.nomes(C.PROCESSOS)
    assert publico["orgao_sigla"] == dados["portal"]["orgaos"]["cmvs"].sigla
    assert publico["tipo_processo"] == "Gestão de Contratos"
    assert publico["especificacao"].startswith("=Zqxcontrato de ***.982.247-**")
    assert "[e-mail omitido]" in publico["especificacao"]
    assert publico["interessados_pj"] == f"Transportes Zqxvale Ltda (CNPJ {CNPJ_PJ})"
    assert publico["nivel_acesso"] == C.NIVEL_RESTRITO  # contamination
    assert publico["quantidade_documentos"] == 3  # minuta left out
    assert DATA_ISO.match(publico["data_autuacao"])
    assert publico["unidade_geradora_sigla"].endswith("SECRETARIA")
    digitos = re.sub(r"\D", "", dados["publico"].numero)
    assert publico["url"].endswith(f"/transparencia/processo/{digitos}")
    assert pessoal["especificacao"] == ""
    assert pessoal["interessados_pj"] == ""
    assert pessoal["nivel_acesso"] == C.NIVEL_RESTRITO
    _sem_dados_pessoais(json.dumps(linhas, ensure_ascii=False))


def test_linhas_da_pesquisa_publica(dados):
    from seimg.transparencia import api as transparencia

    portal = dados["portal"]
    with como(portal, *GERADOR):
        criterios = transparencia.ler_criterios({"q": "zqxcontrato"})
        resultado = transparencia.todas(criterios)
        linhas = list(exportar.linhas_processos(resultado))
        assert api.user.get_current().getId() == GERADOR[0]
    assert [linha["nup"] for linha in linhas] == [dados["publico"].numero]


def test_linhas_de_documentos_e_situacao(dados):
    with como(dados["portal"], *GERADOR):
        linhas = {
            linha["numero_sei"]: linha
            for linha in exportar.linhas_documentos(dados["publico"])
        }
        assert list(exportar.linhas_documentos(dados["sigiloso"])) == []
    oficio, restrito, cancelado = (
        linhas.pop(dados[n].numero_sei) for n in ("oficio", "restrito", "cancelado")
    )
    assert linhas == {}  # the minuta is no row
    assert list(oficio) == C.nomes(C.DOCUMENTOS)
    assert oficio["situacao"] == C.SITUACAO_PUBLICO
    sei = dados["oficio"].numero_sei
    assert oficio["url"].endswith(f"/transparencia/documento/{sei}")
    assert oficio["url_pdf"] == oficio["url"] + "/pdf"
    assert oficio["tipo_documento"] == "Ofício"
    assert DATA_ISO.match(oficio["data"])
    assert restrito["situacao"] == "Acesso restrito — Informação Pessoal"
    assert restrito["url_pdf"] == ""
    assert re.fullmatch(r"cancelado em \d{4}-\d{2}-\d{2}", cancelado["situacao"])
    assert cancelado["url_pdf"] == ""


# --- writers -------------------------------------------------------------------
def test_csv_bom_separador_iso_e_sem_formulas(dados):
    linhas = _linhas(dados, "publico", "pessoal")
    corpo = b"".join(exportar.csv_bytes(linhas))
    assert corpo.startswith(b"\xef\xbb\xbf")
    texto = corpo.decode("utf-8-sig")
    assert texto.split("\r\n")[0] == ";".join(C.nomes(C.PROCESSOS))
    assert texto.endswith("\r\n")
    assert "\n" not in texto.replace("\r\n", "")
    tabela_ = list(csv.DictReader(io.StringIO(texto), delimiter=";"))
    assert len(tabela_) == 2
    assert all(DATA_ISO.match(linha["data_autuacao"]) for linha in tabela_)
    assert tabela_[0]["especificacao"].startswith("'=Zqxcontrato")
    assert tabela_[0]["quantidade_documentos"] == "3"
    _sem_dados_pessoais(texto)


def test_json_conforme_o_esquema(dados):
    linhas = _linhas(dados, "publico", "pessoal")
    meta = exportar.metadados(C.PROCESSOS, {"q": "zqx"}, len(linhas))
    documento = json.loads(b"".join(exportar.json_bytes(linhas, meta)))
    jsonschema.validate(documento, C.esquema_json(C.PROCESSOS, "processos"))
    assert documento["metadados"]["total"] == 2
    assert [c["nome"] for c in documento["metadados"]["colunas"]] == C.nomes(
        C.PROCESSOS
    )
    with como(dados["portal"], *GERADOR):
        docs = list(exportar.linhas_documentos(dados["publico"]))
    meta = exportar.metadados(C.DOCUMENTOS, None, len(docs))
    corpo = b"".join(exportar.json_bytes(docs, meta, "documentos"))
    jsonschema.validate(json.loads(corpo), C.esquema_json(C.DOCUMENTOS, "documentos"))
    _sem_dados_pessoais(corpo.decode("utf-8"))


@pytest.mark.parametrize("formato", ["csv", "json"])
def test_responder_baixa_por_arquivo(dados, formato):
    from seimg.transparencia import api as transparencia
    from ZPublisher.HTTPResponse import WSGIResponse
    from ZPublisher.Iterators import IStreamIterator

    portal = dados["portal"]
    request = portal.REQUEST
    linhas = exportar.linhas_processos([dados["publico"]])
    resultado = exportar.responder(
        request, linhas, formato, "../processos cmvs", criterios={"q": "x"}, total=7
    )
    assert IStreamIterator.providedBy(resultado)
    cabecalhos = request.response.headers
    assert cabecalhos["content-type"] == exportar.FORMATOS[formato]
    assert cabecalhos["content-disposition"] == (
        f'attachment; filename="processos-cmvs.{formato}"'
    )
    response = WSGIResponse()
    response.setBody(resultado)  # what the publisher does with it
    corpo = b"".join(iter(resultado))
    assert len(corpo) == int(cabecalhos["content-length"])
    if formato == "json":
        documento = json.loads(corpo)
        jsonschema.validate(documento, C.esquema_json(C.PROCESSOS, "processos"))
        assert documento["metadados"]["total"] == 1
        assert documento["metadados"]["total_pesquisa"] == 7
        assert documento["metadados"]["criterios"] == {"q": "x"}
    else:
        assert corpo.startswith(b"\xef\xbb\xbf" + b"orgao_sigla;")
    with pytest.raises(transparencia.NaoEncontrado, match="xlsx"):
        exportar.responder(request, [], "xlsx", "x")


# --- snapshots -----------------------------------------------------------------
@pytest.fixture
def pasta(tmp_path, monkeypatch):
    monkeypatch.setenv("SEIMG_DATA", str(tmp_path))
    return tmp_path / "dados-abertos" / "cmvs"


def _sha256(caminho) -> str:
    return hashlib.sha256(caminho.read_bytes()).hexdigest()


def test_retratos_hash_historico_e_mesmo_dia(dados, pasta):
    portal = dados["portal"]
    orgao = portal["orgaos"]["cmvs"]
    dia1, dia2 = datetime.date(2026, 12, 1), datetime.date(2026, 12, 2)
    with como(portal, *GERADOR):
        feitos = snapshots.gerar(portal, orgao, dia1)
    assert [c.name for c in feitos] == [
        "processos-2026-12-01.csv",
        "processos-2026-12-01.json",
    ]
    for caminho in feitos:
        hash_ = caminho.with_name(caminho.name + ".sha256").read_text()
        assert hash_ == f"{_sha256(caminho)}  {caminho.name}\n"
    if shutil.which("sha256sum"):
        subprocess.run(
            ["sha256sum", "--quiet", "-c", *(f"{c.name}.sha256" for c in feitos)],
            cwd=pasta,
            check=True,
        )
    documento = json.loads(feitos[1].read_text(encoding="utf-8"))
    jsonschema.validate(documento, C.esquema_json(C.PROCESSOS, "processos"))
    nups = [linha["nup"] for linha in documento["processos"]]
    assert dados["publico"].numero in nups
    assert dados["pessoal"].numero in nups
    assert dados["sigiloso"].numero not in nups
    assert documento["metadados"]["total"] == len(nups)
    assert documento["metadados"]["orgao"]["id"] == "cmvs"
    texto_csv = feitos[0].read_bytes().decode("utf-8-sig")
    assert len(texto_csv.strip("\r\n").split("\r\n")) == len(nups) + 1
    _sem_dados_pessoais(texto_csv + json.dumps(documento, ensure_ascii=False))
    antes = {c.name: c.read_bytes() for c in pasta.iterdir()}

    # Another day: a file of its own, the first day's untouched.
    with como(portal, *GERADOR):
        snapshots.gerar(portal, orgao, dia2)
        novo = novo_processo(portal, especificacao="Zqxnovo processo do dia")
    assert {c.name: c.read_bytes() for c in pasta.iterdir() if "12-01" in c.name} == (
        antes
    )
    dia2_antes = (pasta / "processos-2026-12-02.csv").read_bytes()
    assert novo.numero not in dia2_antes.decode("utf-8-sig")

    # The same day again: that day's files replaced, nothing else.
    _esquecer(portal)
    with como(portal, *GERADOR):
        snapshots.gerar(portal, orgao, dia2)
    dia2_depois = (pasta / "processos-2026-12-02.csv").read_text(encoding="utf-8-sig")
    assert novo.numero in dia2_depois
    assert {c.name: c.read_bytes() for c in pasta.iterdir() if "12-01" in c.name} == (
        antes
    )
    caminho = pasta / "processos-2026-12-02.json"
    assert (
        (pasta / "processos-2026-12-02.json.sha256")
        .read_text()
        .startswith(_sha256(caminho))
    )
    assert sorted(c.name for c in pasta.iterdir()) == sorted(
        f"processos-2026-12-0{d}.{f}{h}"
        for d in (1, 2)
        for f in ("csv", "json")
        for h in ("", ".sha256")
    )  # no temporary file left behind

    lista = snapshots.listar("cmvs")
    assert [(i["dia"], i["formato"]) for i in lista] == [
        ("2026-12-02", "json"),
        ("2026-12-02", "csv"),
        ("2026-12-01", "json"),
        ("2026-12-01", "csv"),
    ]
    assert lista[0]["sha256"] == _sha256(caminho)
    assert lista[0]["tamanho"] == caminho.stat().st_size
    assert snapshots.abrir("cmvs", "processos-2026-12-01.csv") == (
        pasta / "processos-2026-12-01.csv"
    )
    assert snapshots.abrir("cmvs", "processos-2026-12-01.csv.sha256").is_file()
    request = portal.REQUEST
    corpo = b"".join(snapshots.responder(request, caminho))
    assert corpo == caminho.read_bytes()
    assert request.response.headers["content-type"] == "application/json"
    assert request.response.headers["content-disposition"] == (
        'attachment; filename="processos-2026-12-02.json"'
    )


@pytest.mark.parametrize(
    ("orgao_id", "nome"),
    [
        ("cmvs", "../cmvs/processos-2026-12-01.csv"),
        ("cmvs", "processos-2026-12-01.csv/../../../etc/passwd"),
        ("cmvs", "/etc/passwd"),
        ("cmvs", "processos-2026-12-01.txt"),
        ("cmvs", ".processos-2026-12-01.csv.tmp"),
        ("cmvs", "processos-2026-12-09.csv"),  # well-formed, missing
        ("..", "processos-2026-12-01.csv"),
        ("cmvs/..", "processos-2026-12-01.csv"),
        ("", "processos-2026-12-01.csv"),
        (None, None),
    ],
)
def test_abrir_recusa_nomes_fora_do_padrao(pasta, orgao_id, nome):
    pasta.mkdir(parents=True)
    (pasta / "processos-2026-12-01.csv").write_text("x")
    (pasta.parent / "processos-2026-12-01.csv").write_text("x")
    from seimg.transparencia.api import NaoEncontrado

    with pytest.raises(snapshots.ArquivoNaoEncontrado) as erro:
        snapshots.abrir(orgao_id, nome)
    assert isinstance(erro.value, NaoEncontrado)  # the portal's 404
    assert isinstance(erro.value, FileNotFoundError)
    assert snapshots.listar("..") == []
    assert snapshots.listar("nenhum") == []


def test_cli_gera_os_retratos_dos_orgaos(dados, pasta, capsys, monkeypatch):
    from seimg.transparencia.dados import cli

    portal = dados["portal"]
    app = portal.aq_parent
    monkeypatch.setenv("SEIMG_PUBLIC_URL", "https://transparencia.example.gov.br")
    assert cli.run(app, ["--orgao", "cmvs", "--dia", "2026-12-03"], portal.getId()) == 0
    saida = capsys.readouterr().out
    assert "processos-2026-12-03.csv" in saida
    assert "processos-2026-12-03.json" in saida
    texto = (pasta / "processos-2026-12-03.csv").read_text(encoding="utf-8-sig")
    assert "https://transparencia.example.gov.br/" in texto
    hash_ = (pasta / "processos-2026-12-03.csv.sha256").read_text()
    # A past day's files are history: never written again.
    assert cli.run(app, ["--orgao", "cmvs", "--dia", "2026-12-03"], portal.getId()) == 1
    assert "não é reescrito" in capsys.readouterr().err
    assert (pasta / "processos-2026-12-03.csv.sha256").read_text() == hash_
    assert cli.run(app, ["--orgao", "nenhum"], portal.getId()) == 2
    with pytest.raises(SystemExit):
        cli.run(app, ["--dia", "06/12/2026"], portal.getId())
