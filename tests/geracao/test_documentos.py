"""seimg's templates on real Documentos: every type to PDF, signed, ODT, DOCX.

Each template of ``/modelos`` is rendered once to PDF for a document of its
type (created as Carlos Mendes in CMVS/SECRETARIA, with a rich text holding a
heading, a list and a table), and the PDF's text is read back with
``pdftotext``. A signed ofício carries its signature stamp and the
authenticity stamp with the QR code; ODT carries no comment; DOCX opens with
python-docx. Refusals (format, access, broken template) never render.
"""

from .conftest import CARLOS
from .conftest import novo_documento
from .conftest import odf_text
from .conftest import pdf_text
from plone import api
from seimg.geracao import documentos
from seimg.geracao import rendering
from seimg.geracao.instalar import instalar_modelos
from seimg.geracao.instalar import MODELOS
from tests.processos.conftest import como
from zope.i18n import translate
import docx
import html
import io
import pypdf
import pytest


SENHA = "Demo@2026"


def texto(dados: bytes) -> str:
    """The PDF's text with whitespace collapsed (justified lines, wraps)."""
    return " ".join(pdf_text(dados).split())


#: (TipoDocumento title, template id, expected in the PDF besides the common).
TIPOS = [
    (
        "Ofício",
        "oficio",
        [
            "Ao Senhor Prefeito Municipal de Vila Serrana",
            "Senhor Prefeito Municipal de Vila Serrana,",
            "Assunto: Informações sobre o transporte escolar",
            "Atenciosamente,",
        ],
    ),
    (
        "Memorando",
        "memorando",
        ["Ao Senhor Prefeito Municipal de Vila Serrana", "Atenciosamente,"],
    ),
    ("Despacho", "despacho", ["Processo nº:", "Ao Senhor Prefeito Municipal"]),
    ("Ata", "ata", []),
    ("Comunicado", "comunicado", ["Assunto: Informações sobre o transporte"]),
    ("Portaria", "portaria", ["Informações sobre o transporte escolar"]),
    ("Parecer", "parecer", ["Processo nº:", "Assunto: Informações sobre"]),
    ("Nota Técnica", "padrao", ["Assunto: Informações sobre o transporte"]),
]


@pytest.fixture
def portal(geracao_portal, seimg_request):
    return geracao_portal


@pytest.fixture
def carlos(portal):
    with como(portal, *CARLOS):
        yield


class TestModelos:
    def test_one_template_per_type_with_the_tipo_id(self, portal):
        modelos = portal["modelos"]
        tipos = portal["tabelas"]["tipos-documento"]
        assert sorted(modelos.objectIds()) == sorted(MODELOS)
        for id_ in MODELOS:
            modelo = modelos[id_]
            assert modelo.portal_type == "ConfigurablePODTemplate"
            assert modelo.pod_formats == ["odt", "pdf", "docx"]
            assert modelo.pod_portal_types == ["Documento"]
            if id_ != "padrao":
                assert tipos[id_].title == modelo.title

    def test_install_is_idempotent_and_keeps_an_edited_template(self, portal):
        from plone.namedfile.file import NamedBlobFile

        editado = portal["modelos"]["ata"]
        editado.odt_file = NamedBlobFile(data=b"editado", filename="ata.odt")
        instalar_modelos()
        instalar_modelos()
        assert sorted(portal["modelos"].objectIds()) == sorted(MODELOS)
        assert portal["modelos"]["ata"].odt_file.data == b"editado"

    def test_install_updates_unchanged_and_legacy_templates(self, portal):
        from plone.namedfile.file import NamedBlobFile
        from seimg.geracao.instalar import ARQUIVOS
        import hashlib

        antigo = portal["modelos"]["ata"]  # as shipped by an older seimg
        antigo.odt_file = NamedBlobFile(data=b"velho", filename="ata.odt")
        antigo.seimg_md5_instalado = hashlib.md5(b"velho").hexdigest()
        toy = portal["modelos"]["oficio"]  # the first demo's, for Plone pages
        toy.odt_file = NamedBlobFile(data=b"toy", filename="oficio.odt")
        toy.pod_portal_types = ["Document"]

        instalar_modelos()

        assert antigo.odt_file.data == (ARQUIVOS / "ata.odt").read_bytes()
        assert toy.odt_file.data == (ARQUIVOS / "oficio.odt").read_bytes()
        assert toy.pod_portal_types == ["Documento"]

    def test_tipo_without_template_uses_padrao(self, portal, carlos):
        nota = novo_documento(portal, "Nota Técnica")
        oficio = novo_documento(portal, "Ofício")
        assert documentos.modelo_do_documento(nota).getId() == "padrao"
        assert documentos.modelo_do_documento(oficio).getId() == "oficio"
        portal["modelos"]["oficio"].enabled = False
        assert documentos.modelo_do_documento(oficio).getId() == "padrao"

    def test_staff_cannot_add_or_edit_templates(self, portal, carlos):
        modelos = portal["modelos"]
        assert not api.user.has_permission("Add portal content", obj=modelos)
        assert not api.user.has_permission(
            "Modify portal content", obj=modelos["oficio"]
        )
        # Carlos is also administrador of CMVS: not even in his órgão.
        lugares = [
            portal,
            portal["processos"],
            portal["orgaos"],
            portal["orgaos"]["cmvs"],
            portal["orgaos"]["cmvs"]["secretaria"],
            portal["tabelas"]["contatos"],
            novo_documento(portal).aq_parent,
            modelos,
        ]
        for lugar in lugares:
            tipos = [t.getId() for t in lugar.allowedContentTypes()]
            assert "ConfigurablePODTemplate" not in tipos, lugar

    def test_site_administrator_may_add_and_edit(self, portal):
        from plone.app.testing import login
        from plone.app.testing import logout

        api.user.grant_roles(username="carlos.mendes", roles=["Site Administrator"])
        login(portal, "carlos.mendes")
        try:
            modelos = portal["modelos"]
            tipos = [t.getId() for t in modelos.allowedContentTypes()]
            assert "ConfigurablePODTemplate" in tipos
            assert api.user.has_permission(
                "Modify portal content", obj=modelos["oficio"]
            )
        finally:
            logout()


def helper(documento):
    from zope.component import getMultiAdapter

    return getMultiAdapter(
        (documento, documento.REQUEST), name="document_generation_helper_view"
    )


class TestHelper:
    def test_registered_for_documento_over_the_generic_one(self, portal, carlos):
        from seimg.geracao.helper import DocumentoHelperView

        view = helper(novo_documento(portal))
        assert isinstance(view, DocumentoHelperView)

    def test_document_process_unit_and_orgao(self, portal, carlos):
        documento = novo_documento(portal)
        view = helper(documento)
        assert view.nup() == documento.aq_parent.numero
        assert view.identificacao() == documento.Title()
        assert view.numero_sei() == documento.numero_sei
        assert view.tipo() == "Ofício"
        assert view.unidade_sigla_completa() == "CMVS/PRESIDENCIA/SECRETARIA"
        assert view.caminho_unidade() == "Presidência – Secretaria-Geral"
        assert view.orgao() == {
            "nome": "Câmara Municipal de Vila Serrana",
            "sigla": "CMVS",
            "municipio": "Vila Serrana",
            "uf": "MG",
            "email": "secretaria@vilaserrana.mg.leg.br",
        }
        assert view.endereco() == "Praça da Matriz, 100 - Centro - Vila Serrana/MG"
        assert view.local_e_data() == f"Vila Serrana, {view.data_extenso()}"
        assert view.referencia() == (
            f"Referência: Processo nº {view.nup()} SEI nº {documento.numero_sei}"
        )
        assert view.minuta()
        assert view.assinaturas() == []
        assert view.tarja_autenticidade() == ""
        assert view.qrcode_png() is None

    def test_date_in_portuguese_without_locale(self):
        from datetime import date
        from seimg.geracao.helper import data_por_extenso

        assert data_por_extenso(date(2026, 3, 1)) == "1 de março de 2026"
        assert data_por_extenso(date(2026, 11, 27)) == "27 de novembro de 2026"

    def test_vocative_and_closing_from_the_addressee(self, portal, carlos):
        senhor = helper(novo_documento(portal))
        assert senhor.vocativo() == "Senhor Prefeito Municipal de Vila Serrana,"
        assert senhor.fecho() == "Atenciosamente,"
        excelencia = helper(
            novo_documento(
                portal,
                destinatarios=[
                    "A Sua Excelência a Senhora",
                    "Maria Souza",
                    "Presidente da Assembleia Legislativa",
                ],
            )
        )
        assert excelencia.vocativo() == "Senhora Presidente da Assembleia Legislativa,"
        assert excelencia.fecho() == "Respeitosamente,"
        assert helper(novo_documento(portal, destinatarios=[])).vocativo() == ""

    def test_parts_already_in_the_text_are_not_repeated(self, portal, carlos):
        from plone.app.textfield.value import RichTextValue

        # The tipo's initial text (tabelas) holds assunto, vocative and closing.
        documento = novo_documento(portal, texto=None)
        assert "Atenciosamente" in documento.texto.raw
        view = helper(documento)
        assert not view.mostrar_assunto()
        assert view.vocativo() == ""
        assert view.fecho() == ""
        documento.texto = RichTextValue(
            "<p>Texto.</p><p>Respeitosamente,</p>", "text/html", "text/x-html-safe"
        )
        assert helper(documento).fecho() == ""
        assert helper(documento).mostrar_assunto()

    def test_interessados_by_name(self, portal, carlos):
        contato = api.content.create(
            container=portal["tabelas"]["contatos"],
            type="Contato",
            title="Maria da Silva",
            tipo_pessoa="fisica",
            nome="Maria da Silva",
            cpf="529.982.247-25",
        )
        documento = novo_documento(portal, interessados=[contato.UID()])
        assert helper(documento).interessados() == ["Maria da Silva"]
        assert helper(novo_documento(portal)).interessados() == []

    def test_no_text_for_who_may_not_read_it(self, portal):
        with como(portal, *CARLOS):
            documento = novo_documento(portal)
            assert "Escola Municipal" in helper(documento).corpo()
        with como(portal, "daniel.souza", "cmvs/procuradoria"):
            assert helper(documento).corpo() == ""


@pytest.mark.parametrize(("tipo", "modelo_id", "esperados"), TIPOS)
def test_each_template_renders_the_document_to_pdf(
    portal, carlos, tipo, modelo_id, esperados
):
    documento = novo_documento(portal, tipo)
    assert documentos.modelo_do_documento(documento).getId() == modelo_id

    gerado = documentos.gerar(documento, "pdf")

    assert gerado.mimetype == "application/pdf"
    assert gerado.dados.startswith(b"%PDF")
    lido = texto(gerado.dados)
    assert "CÂMARA MUNICIPAL DE VILA SERRANA" in lido
    assert documento.Title().upper() in lido
    assert "MINUTA" in lido
    # The rich text: paragraph, heading, list item and table cell.
    assert "Solicitamos informações sobre o transporte escolar" in lido
    assert "Das rotas do transporte escolar" in lido
    assert "Rotas atendidas pelo contrato" in lido
    assert "Escola Municipal Serra Azul" in lido
    processo = documento.aq_parent
    assert (
        f"Referência: Processo nº {processo.numero} SEI nº {documento.numero_sei}"
        in lido
    )
    for esperado in esperados:
        assert esperado in lido, esperado


def test_renders_on_seimg_layer_even_from_a_plain_request(geracao_portal):
    """A background job's request may lack the browser layer: seimg's helper."""
    from seimg.interfaces import ISeimgLayer
    from zope.interface import noLongerProvides

    request = geracao_portal.REQUEST
    noLongerProvides(request, ISeimgLayer)
    assert documentos._pedido(None) is request
    assert ISeimgLayer.providedBy(request)


def test_filename_follows_the_document_number(portal, carlos):
    oficio = novo_documento(portal, "Ofício")
    relatorio = novo_documento(portal, "Relatório")  # a type without numbers
    numero = oficio.numero
    assert documentos.nome_arquivo(oficio, "pdf") == (
        f"oficio-{numero}-{oficio.created().year()}-cmvs-secretaria.pdf"
    )
    assert documentos.nome_arquivo(relatorio, "odt") == (
        f"relatorio-{relatorio.numero_sei}.odt"
    )


def timbre():
    """A small PNG letterhead."""
    from PIL import Image
    from plone.namedfile.file import NamedBlobImage

    saida = io.BytesIO()
    Image.new("RGB", (300, 100), (20, 60, 120)).save(saida, format="PNG")
    return NamedBlobImage(saida.getvalue(), filename="timbre.png")


def test_signed_document_carries_stamps_and_qr_code(portal, carlos):
    from seimg.assinatura import api as assinatura

    oficio = novo_documento(portal, "Ofício")
    assinatura.assinar(oficio, SENHA, "Secretário-Geral")
    crc = assinatura.crc(oficio)
    portal["orgaos"]["cmvs"].timbre = timbre()

    gerado = documentos.gerar(oficio, "pdf")

    lido = texto(gerado.dados)
    assert "Documento assinado eletronicamente por Carlos Mendes, Secretário-Geral" in (
        lido
    )
    assert f"código verificador {oficio.numero_sei} e o código CRC {crc}" in lido
    assert "conferir-autenticidade" in lido
    assert "MINUTA" not in lido
    imagens = [
        imagem
        for pagina in pypdf.PdfReader(io.BytesIO(gerado.dados)).pages
        for imagem in pagina.images
    ]
    # The órgão's letterhead and the QR code.
    assert len(imagens) == 2


def test_odt_has_no_comments_left(portal, carlos):
    oficio = novo_documento(portal, "Ofício")
    gerado = documentos.gerar(oficio, "odt")
    assert gerado.mimetype == "application/vnd.oasis.opendocument.text"
    for parte in ("content.xml", "styles.xml"):
        assert "office:annotation" not in odf_text(gerado.dados, parte)
    assert oficio.Title().upper() in odf_text(gerado.dados)


def test_docx_opens_with_python_docx(portal, carlos):
    oficio = novo_documento(portal, "Ofício")
    gerado = documentos.gerar(oficio, "docx")
    documento = docx.Document(io.BytesIO(gerado.dados))
    paragrafos = " ".join(p.text for p in documento.paragraphs)
    celulas = " ".join(
        celula.text
        for tabela in documento.tables
        for linha in tabela.rows
        for celula in linha.cells
    )
    assert oficio.Title().upper() in paragrafos
    assert "Solicitamos informações sobre o transporte escolar" in paragrafos
    assert "Escola Municipal Serra Azul" in celulas
    assert gerado.nome.endswith(".docx")


class TestRefusals:
    def test_format_not_offered_is_400_in_portuguese(self, portal, carlos):
        oficio = novo_documento(portal, "Ofício")
        with pytest.raises(documentos.FormatoIndisponivel) as recusa:
            documentos.gerar(oficio, "rtf")
        assert recusa.value.status == 400
        mensagem = translate(recusa.value.message, target_language="pt_BR")
        assert '"rtf"' in mensagem
        assert "ODT, PDF, DOCX" in mensagem

    def test_other_units_minuta_is_403(self, portal):
        with como(portal, *CARLOS):
            oficio = novo_documento(portal, "Ofício")
        with (
            como(portal, "daniel.souza", "cmvs/procuradoria"),
            pytest.raises(documentos.SemAcesso) as recusa,
        ):
            documentos.gerar(oficio, "pdf")
        assert recusa.value.status == 403

    def test_cancelled_document_is_403(self, portal):
        from seimg.processos import acoes
        from tests.processos.conftest import assinar

        with como(portal, *CARLOS):
            oficio = novo_documento(portal, "Ofício")
            assinar(oficio)
            acoes.cancelar(oficio, "Enviado por engano")
            with pytest.raises(documentos.SemAcesso):
                documentos.gerar(oficio, "pdf")


NOTA = (
    "<office:annotation><dc:creator>x</dc:creator><text:p>{}</text:p>"
    "</office:annotation>"
)
#: A failing expression (input field) and an unparsable statement (comment).
QUEBRAS = {
    "expressao": ("Antes {campo} depois", "view.nao_existe()"),
    "instrucao": ("Antes {nota} depois", 'Bad element "txt"'),
}


class TestBrokenTemplate:
    @pytest.fixture
    def quebrar(self, template_with, tmp_path):
        from .conftest import field
        from .conftest import FODT

        def quebrar(tipo: str) -> str:
            modelo, detalhe = QUEBRAS[tipo]
            corpo = modelo.format(
                campo=field("view.nao_existe()"), nota=NOTA.format("do txt")
            )
            template_with(FODT.format(body=f"<text:p>{corpo}</text:p>"), tmp_path)
            return detalhe

        return quebrar

    def _pagina(self, documento):
        request = documento.REQUEST
        request.form["formato"] = "pdf"
        view = api.content.get_view("gerar", documento, request)
        pagina = view()
        return request.response.getStatus(), pagina

    def test_staff_get_a_clear_422_without_the_detail(self, portal, carlos, quebrar):
        detalhe = quebrar("expressao")
        oficio = novo_documento(portal, "Ofício")
        with pytest.raises(rendering.ModeloInvalido) as erro:
            documentos.gerar(oficio, "pdf")
        assert detalhe in erro.value.detail

        status, pagina = self._pagina(oficio)

        assert status == 422
        assert "administrador precisa corrigi-lo" in pagina
        assert "nao_existe" not in pagina

    @pytest.mark.parametrize("tipo", sorted(QUEBRAS))
    def test_administrator_sees_which_statement_failed(self, portal, quebrar, tipo):
        detalhe = quebrar(tipo)
        with como(portal, *CARLOS):
            oficio = novo_documento(portal, "Ofício")
        api.user.grant_roles(username="carlos.mendes", roles=["Site Administrator"])
        with como(portal, *CARLOS):
            status, pagina = self._pagina(oficio)

        assert status == 422
        assert "administrador precisa corrigi-lo" in pagina
        assert detalhe in html.unescape(pagina)


class TestGerarView:
    def test_pdf_download_with_a_good_filename(self, portal, carlos):
        oficio = novo_documento(portal, "Ofício")
        request = oficio.REQUEST
        request.form["formato"] = "pdf"

        dados = api.content.get_view("gerar", oficio, request)()

        response = request.response
        assert response.getStatus() == 200
        assert dados.startswith(b"%PDF")
        assert response.getHeader("Content-Type") == "application/pdf"
        assert response.getHeader("Content-Disposition") == (
            f'attachment; filename="{documentos.nome_arquivo(oficio, "pdf")}"'
        )

    def test_unoffered_format_page_is_400(self, portal, carlos):
        oficio = novo_documento(portal, "Ofício")
        request = oficio.REQUEST
        request.form["formato"] = "xls"
        pagina = api.content.get_view("gerar", oficio, request)()
        assert request.response.getStatus() == 400
        assert "não é oferecido pelo modelo" in pagina

    def test_document_page_offers_the_three_formats(self, portal, carlos):
        oficio = novo_documento(portal, "Ofício")
        links = api.content.get_view("gerar-links", oficio, oficio.REQUEST)
        assert [link["formato"] for link in links.links()] == ["odt", "pdf", "docx"]
        pagina = api.content.get_view("documento", oficio, oficio.REQUEST)()
        assert f"{oficio.absolute_url()}/@@gerar?formato=pdf" in pagina
