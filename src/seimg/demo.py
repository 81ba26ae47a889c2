"""Demo content of the ``seimg:demo`` profile, in Portuguese.

A fictitious municipality, Vila Serrana (MG): its Câmara Municipal and its
Prefeitura, plus the state's SEPLAG, loaded through adesão from the example
files in ``organizacao/exemplos``; a welcome page, the document templates
(``/modelos``, :func:`seimg.geracao.instalar.instalar_modelos`) and two
processes of the Câmara, one with an ofício to generate. Idempotent.

Every demo user's password is ``SEIMG_DEMO_PASSWORD`` (default
``DEMO_PASSWORD``); the README lists the logins.
"""

from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
import os


EXEMPLOS = Path(__file__).parent / "organizacao" / "exemplos"
ADESOES = ("seplag.yaml", "pmvs.yaml", "cmvs.yaml")
DEMO_PASSWORD = "Demo@2026"
COORDENADORES = ("otavio.pereira",)

WELCOME_TEXT = """
<p>O <strong>seimg</strong> é o sistema de processo eletrônico e documentos
da Câmara Municipal de Vila Serrana: ofícios, memorandos, atas e comunicados
tramitam entre as unidades, são assinados eletronicamente e ficam abertos ao
público quando a lei assim determina.</p>
<p>Para conhecer a geração de documentos, entre como
<em>carlos.mendes</em>, abra um dos <a href="processos">processos</a> e, no
ofício, use <strong>Gerar documento</strong> em ODT, PDF ou DOCX.</p>
"""


OFICIO_TEXTO = """
<p>Com fundamento no Requerimento nº 45/2026, aprovado em Plenário, solicito a
Vossa Senhoria as seguintes informações sobre o fornecimento da merenda escolar
na rede municipal de ensino em 2026:</p>
<ol>
<li>os contratos de fornecimento vigentes e seus aditivos;</li>
<li>o número de refeições servidas por mês em cada escola;</li>
<li>os relatórios de fiscalização do Conselho de Alimentação Escolar.</li>
</ol>
<p>Solicito que as informações sejam prestadas no prazo de 15 (quinze) dias,
conforme o art. 31 da Lei Orgânica do Município.</p>
"""


def _create(container, type_, id_, **fields):
    if id_ in container.objectIds():
        return container[id_]
    return api.content.create(container=container, type=type_, id=id_, **fields)


def create_welcome(portal):
    from plone.app.textfield.value import RichTextValue

    page = _create(
        portal,
        "Document",
        "bem-vindo",
        title="Bem-vindo ao seimg",
        description="Processo eletrônico da Câmara Municipal de Vila Serrana (MG).",
        text=RichTextValue(WELCOME_TEXT, "text/html", "text/x-html-safe"),
    )
    if api.content.get_state(page, default=None) == "private":
        api.content.transition(obj=page, to_state="published")


def demo_password() -> str:
    return os.environ.get("SEIMG_DEMO_PASSWORD", DEMO_PASSWORD)


def create_organizacao():
    """The three demo órgãos, their units and users, through adesão."""
    from seimg.organizacao import adesao

    password = demo_password()
    for name in ADESOES:
        arquivo = adesao.ler((EXEMPLOS / name).read_bytes(), name)
        adesao.aplicar(arquivo, convidar=False)
        for registro in arquivo.usuarios:
            user = api.user.get(username=registro.get("login"))
            api.portal.get_tool("acl_users").userSetPassword(user.getId(), password)
    for login in COORDENADORES:
        api.user.grant_roles(username=login, roles=["Member", "CoordenadorAdesao"])


# Municipal holidays and closures of Vila Serrana (Orgao.feriados).
FERIADOS_VILA_SERRANA = [
    "28-09 Aniversário de Vila Serrana",
    "2026-06-05 Ponto facultativo após Corpus Christi",
]


def create_feriados(portal):
    """Vila Serrana's own holidays, in the Câmara and the Prefeitura."""
    for sigla in ("cmvs", "pmvs"):
        orgao = portal["orgaos"].get(sigla)
        if orgao is not None and not getattr(orgao, "feriados", None):
            orgao.feriados = list(FERIADOS_VILA_SERRANA)


def create_tarjas(portal):
    """Vila Serrana signs under its own (fictitious) municipal decree."""
    from seimg.assinatura.tarjas import TARJA_ASSINATURA_PADRAO
    from seimg.assinatura.tarjas import TARJA_ASSINATURA_VILA_SERRANA

    for sigla in ("cmvs", "pmvs"):
        orgao = portal["orgaos"].get(sigla)
        atual = getattr(orgao, "tarja_assinatura", None) if orgao else None
        if orgao is not None and atual in (None, "", TARJA_ASSINATURA_PADRAO):
            orgao.tarja_assinatura = TARJA_ASSINATURA_VILA_SERRANA


PORTAL_TEXTOS = {
    "cmvs": {
        "portal_apresentacao": "A Câmara Municipal de Vila Serrana publica aqui "
        "os processos administrativos e os documentos assinados que a lei torna "
        "públicos: ofícios, requerimentos, atas e contratos.",
        "lai_texto": "O Serviço de Informação ao Cidadão (SIC) da Câmara atende "
        "na Rua Direita, 100, Centro, de segunda a sexta, das 12h às 18h. O "
        "pedido não precisa ser justificado e é respondido em até 20 dias, "
        "prorrogáveis por mais 10.",
        "lai_url": "https://esic.cmvs.example.gov.br/",
        "encarregado_nome": "Ouvidoria da Câmara Municipal",
        "encarregado_contato": "encarregado@cmvs.example.gov.br, (31) 3333-0100",
        "tratamento_dados": "A Câmara trata dados pessoais para cumprir suas "
        "atribuições legais (LGPD, art. 7º, II e III, e art. 23): "
        "identificação de requerentes e interessados nos processos, "
        "correspondência oficial e controle de prazos. Os dados não são "
        "compartilhados além do que a lei exige, e o titular pode pedir "
        "acesso e correção ao encarregado.",
    },
    "pmvs": {
        "portal_apresentacao": "A Prefeitura Municipal de Vila Serrana publica "
        "aqui seus processos administrativos e documentos assinados públicos.",
        "lai_texto": "O SIC da Prefeitura funciona no térreo do Paço Municipal, "
        "de segunda a sexta, das 8h às 17h.",
        "lai_url": "https://esic.pmvs.example.gov.br/",
        "encarregado_nome": "Controladoria-Geral do Município",
        "encarregado_contato": "lgpd@pmvs.example.gov.br",
        "tratamento_dados": "A Prefeitura trata dados pessoais na execução de "
        "políticas públicas e no cumprimento de obrigações legais (LGPD, art. "
        "23), pelo tempo que a legislação de arquivos exige.",
    },
}


def create_portal(portal):
    """The portal texts of Vila Serrana's órgãos (left alone once edited)."""
    for sigla, textos in PORTAL_TEXTOS.items():
        orgao = portal["orgaos"].get(sigla)
        if orgao is None:
            continue
        for campo, valor in textos.items():
            if not getattr(orgao, campo, None):
                setattr(orgao, campo, valor)


def create_demo_content():
    from seimg.geracao.instalar import instalar_modelos

    portal = api.portal.get()
    create_organizacao()
    create_feriados(portal)
    create_tarjas(portal)
    instalar_modelos()
    create_welcome(portal)
    create_portal(portal)
    create_processos(portal)


def pdf_simples(linhas: list[str]) -> bytes:
    """A small, valid one-page PDF showing ``linhas`` (Latin-1 text)."""

    def literal(linha: str) -> str:
        escaped = linha.replace("\\", "\\\\").replace("(", "\\(")
        return "(" + escaped.replace(")", "\\)") + ") Tj"

    texto = " T* ".join(literal(linha) for linha in linhas)
    stream = f"BT /F1 12 Tf 14 TL 72 760 Td {texto} ET".encode("latin-1")
    objetos = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    saida = bytearray(b"%PDF-1.4\n")
    posicoes = []
    for numero, corpo in enumerate(objetos, start=1):
        posicoes.append(len(saida))
        saida += b"%d 0 obj\n" % numero + corpo + b"\nendobj\n"
    xref = len(saida)
    saida += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objetos) + 1)
    for posicao in posicoes:
        saida += b"%010d 00000 n \n" % posicao
    saida += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objetos) + 1,
        xref,
    )
    return bytes(saida)


def create_processos(portal):
    """Two processes of the Câmara, started by Carlos Mendes (SECRETARIA)."""
    from plone.app.textfield.value import RichTextValue
    from seimg.processos.api import criar_documento
    from seimg.processos.api import criar_processo
    from seimg.tabelas import por_titulo
    import datetime

    processos = portal["processos"]
    if len(processos.objectIds()):
        return
    unidade = portal["orgaos"]["cmvs"]["secretaria"]
    with api.env.adopt_user(username="carlos.mendes"):
        requerimento = criar_processo(
            unidade=unidade,
            tipo_processo=por_titulo("TipoProcesso", "Legislativo: Requerimento").UID(),
            especificacao="Requerimento de informações sobre a merenda escolar",
            nivel_acesso="publico",
        )
        criar_documento(
            requerimento,
            "Documento",
            unidade=unidade,
            tipo_documento=por_titulo("TipoDocumento", "Ofício").UID(),
            nivel_acesso="publico",
            destinatarios=[
                "Ao Senhor Prefeito Municipal de Vila Serrana",
                "Praça da Matriz, 1 - Centro - Vila Serrana/MG",
            ],
            texto=RichTextValue(OFICIO_TEXTO, "text/html", "text/x-html-safe"),
        )
        criar_documento(
            requerimento,
            "DocumentoExterno",
            unidade=unidade,
            tipo_documento=por_titulo("TipoDocumento", "Certidão").UID(),
            data_documento=datetime.date(2026, 11, 16),
            numero="418/2026",
            formato="nato_digital",
            remetente="Secretaria Municipal de Educação e Cultura",
            nivel_acesso="publico",
            arquivo=NamedBlobFile(
                data=pdf_simples(
                    [
                        "Prefeitura Municipal de Vila Serrana",
                        "Certidao n. 418/2026",
                        "Certificamos o fornecimento regular da merenda escolar",
                        "nas 14 escolas da rede municipal em 2026.",
                    ]
                ),
                filename="certidao-418-2026.pdf",
                contentType="application/pdf",
            ),
        )
        criar_processo(
            unidade=unidade,
            tipo_processo=por_titulo("TipoProcesso", "Pessoal: Férias").UID(),
            especificacao="Férias de servidora da Secretaria-Geral, exercício 2026",
            nivel_acesso="restrito",
            hipotese_legal=por_titulo("HipoteseLegal", "Informação Pessoal").UID(),
        )
