"""A day of SEI work in the process workspace, in Chromium, as clerks do it.

carlos.mendes (CMVS/SECRETARIA) starts a process, writes an ofício from
the template (filling its fields in the editor), signs it, uploads a PDF
and sends the process to the Presidência and the Procuradoria with a
retorno date. ana.ribeiro (Presidência) finds it as new in her Controle,
opens it, selects the ofício in the tree and reads it in the viewer
(back/forward work), writes and signs a despacho and concludes. carlos's
Controle then lists the retorno both units owe.

Every page on the way is checked with axe-core (serious and critical
violations of WCAG 2.1 A/AA and best practices) and for content a person
cannot reach at 1366 px; the workspace also at a 390 px phone.
"""

from .acessibilidade import descrever
from .acessibilidade import fora_da_tela
from .acessibilidade import violacoes_axe
from .conftest import log_in
from datetime import date
from datetime import timedelta
from seimg.demo import DEMO_PASSWORD
from seimg.demo import pdf_simples
import pytest
import re


pytestmark = pytest.mark.browser

PRESIDENCIA = "CMVS/PRESIDENCIA"
PROCURADORIA = "CMVS/PRESIDENCIA/PROCURADORIA"
SALVAR = "button[name='form.buttons.save'], input[name='form.buttons.save']"


class Conferencia:
    """axe-core and reachability on each page visited; asserted at the end."""

    def __init__(self, page):
        self.page = page
        self.problemas = []

    def __call__(self, nome):
        self.page.wait_for_load_state("load")
        violacoes = violacoes_axe(self.page)
        if violacoes:
            self.problemas.append(f"{nome} (axe):\n{descrever(violacoes)}")
        fora = fora_da_tela(self.page)
        if fora:
            self.problemas.append(f"{nome} (fora da tela):\n{descrever(fora)}")

    def conferir(self):
        assert not self.problemas, "\n\n".join(self.problemas)


def _preencher_campos(page, textos: dict):
    """Type over each marked fill-in field of the template in TinyMCE."""
    quadro = page.frame_locator("iframe.tox-edit-area__iframe")
    for titulo, texto in textos.items():
        campo = quadro.locator(f"span.seimg-campo[title='{titulo}']")
        campo.click()
        campo.evaluate(
            """(span) => {
                const intervalo = span.ownerDocument.createRange();
                intervalo.selectNodeContents(span);
                const selecao = span.ownerDocument.getSelection();
                selecao.removeAllRanges();
                selecao.addRange(intervalo);
            }"""
        )
        page.keyboard.type(texto)


def _assinar(page, conferir, nome):
    page.click("#seimg-assinar")
    page.wait_for_selector("#seimg-assinar-form")
    conferir(f"assinar {nome}")
    page.fill("#seimg-senha", DEMO_PASSWORD)
    page.click("#seimg-assinar-form [name='form.buttons.assinar']")
    page.wait_for_selector("#seimg-estado[data-estado='assinado']")


def _selecionar_destinos(page, siglas):
    return page.eval_on_selector(
        "#seimg-destinos",
        """(select, siglas) => {
            const escolhidas = [];
            for (const option of select.options) {
                const texto = option.textContent.trim();
                option.selected = siglas.some((s) => texto.startsWith(s + " "));
                if (option.selected) escolhidas.push(texto);
            }
            select.dispatchEvent(new Event("change", {bubbles: true}));
            return escolhidas;
        }""",
        siglas,
    )


def test_dia_de_trabalho_na_area_de_trabalho(page, site_url, chromium, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 768})
    conferir = Conferencia(page)

    # --- carlos: iniciar processo -------------------------------------------
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    conferir("controle (carlos)")
    page.goto(f"{site_url}/@@iniciar-processo")
    conferir("iniciar processo")
    page.get_by_text("Acesso à Informação: Pedido (LAI)", exact=True).first.click()
    page.wait_for_selector("input[name='form.widgets.especificacao']")
    conferir("formulário do processo")
    page.fill(
        "input[name='form.widgets.especificacao']",
        "Pedido de cópia do contrato de transporte escolar",
    )
    page.select_option("select[name='form.widgets.nivel_acesso:list']", "publico")
    page.click(SALVAR)
    page.wait_for_selector("#seimg-arvore")
    numero = page.locator("#seimg-nup").inner_text().strip()
    assert f"Processo {numero} iniciado." in page.content()
    processo_url = page.locator("#seimg-processo").get_attribute("data-processo")
    conferir("área de trabalho (processo novo)")

    # --- an ofício from the template, its fields filled in the editor ---------
    page.click("#seimg-incluir-documento")
    page.wait_for_selector("select[name='form.widgets.tipo_documento:list']")
    conferir("incluir documento")
    page.select_option(
        "select[name='form.widgets.tipo_documento:list']", label="Ofício"
    )
    page.select_option("select[name='form.widgets.nivel_acesso:list']", "publico")
    page.click(SALVAR)
    page.wait_for_selector("#seimg-documento")
    titulo = page.locator("#seimg-documento-titulo").inner_text()
    assert re.match(r"Ofício nº \d+/\d{4}/CMVS/SECRETARIA \(\d{7}\)", titulo)
    mensagem = page.locator(".portalMessage, .alert").first.inner_text()
    assert "criado" in mensagem.lower(), mensagem
    oficio_url = re.sub(r"/view$", "", page.url.split("?")[0])
    conferir("área de trabalho (ofício)")

    # Signing the untouched template is refused, naming the fields.
    page.click("#seimg-assinar")
    page.fill("#seimg-senha", DEMO_PASSWORD)
    page.click("#seimg-assinar-form [name='form.buttons.assinar']")
    page.wait_for_load_state()
    assert "Nome do destinatário" in page.content()
    page.goto(oficio_url)
    assert page.locator("#seimg-estado").get_attribute("data-estado") == "minuta"

    page.click("#seimg-editar")
    page.wait_for_selector("iframe.tox-edit-area__iframe")
    conferir("editar ofício")
    _preencher_campos(
        page,
        {
            "Nome do destinatário": "Maria da Silva",
            "Cargo": "Diretora",
            "Órgão ou entidade": "Secretaria Municipal de Educação",
            "Endereço": "Rua das Flores, 10",
            "Assunto do ofício": "Cópia de contrato",
            "Cargo do destinatário": "Diretora",
            "Texto do ofício": "Solicitamos a cópia do contrato de transporte.",
        },
    )
    page.click(SALVAR)
    page.wait_for_selector("#seimg-documento")
    _assinar(page, conferir, "ofício")
    assert page.locator("#seimg-pdf-assinado").is_visible()
    assert page.locator("#seimg-conferir-link").get_attribute("href")

    # --- upload a PDF ----------------------------------------------------------
    page.click("#seimg-incluir-externo")
    page.wait_for_selector("select[name='form.widgets.tipo_documento:list']")
    conferir("incluir documento externo")
    pdf = tmp_path / "certidao.pdf"
    pdf.write_bytes(pdf_simples(["Certidao de regularidade", "Segunda pagina"]))
    page.select_option(
        "select[name='form.widgets.tipo_documento:list']", label="Certidão"
    )
    page.fill("input[name='form.widgets.data_documento']", "2026-11-20")
    page.select_option("select[name='form.widgets.formato:list']", "nato_digital")
    page.select_option("select[name='form.widgets.nivel_acesso:list']", "publico")
    page.set_input_files("input[name='form.widgets.arquivo']", str(pdf))
    page.click(SALVAR)
    page.wait_for_selector("#seimg-documento")
    # pdf.js draws the pages in the viewer; the link stays beside it.
    page.wait_for_selector("#seimg-pdf canvas")
    assert page.locator("#seimg-pdf .seimg-pdf-pagina").count() >= 1
    assert page.locator("#seimg-abrir-documento").is_visible()
    conferir("área de trabalho (PDF)")

    # --- enviar to two units with retorno ----------------------------------------
    page.click("#seimg-enviar")
    page.wait_for_selector("#seimg-enviar-form")
    conferir("enviar")
    assert len(_selecionar_destinos(page, [PRESIDENCIA, PROCURADORIA])) == 2
    page.uncheck("#seimg-notificar")
    page.check("#seimg-retorno-data")
    prazo = date.today() + timedelta(days=10)
    page.fill("input[name='retorno_data']", prazo.isoformat())
    page.click("#seimg-enviar-form button[name='form.buttons.enviar']")
    page.wait_for_load_state()
    assert page.locator("#seimg-tramitacao-erro").count() == 0
    chromium.clear_cookies()

    # --- ana: new in her Controle, opened, read in the viewer ----------------------
    log_in(page, site_url, "ana.ribeiro", DEMO_PASSWORD)
    linha = page.locator(f"#seimg-controle-tabela tr[data-numero='{numero}']")
    assert linha.count() == 1
    assert "seimg-nao-recebido" in (linha.get_attribute("class") or "")
    conferir("controle (ana)")
    linha.locator("a.seimg-nup").click()
    page.wait_for_selector("#seimg-arvore")
    oficio = page.locator("#seimg-arvore li.seimg-doc", has_text="Ofício")
    assert oficio.locator(".seimg-marca-novo").count() == 1, "new in her unit"
    oficio.locator("a.seimg-doc-link").click()
    page.wait_for_url(oficio_url)
    quadro = page.frame_locator("#seimg-quadro")
    quadro.locator("text=Solicitamos a cópia do contrato de transporte.").wait_for()
    assert quadro.locator("text=Maria da Silva").count() == 1
    assert quadro.locator(".seimg-tarja-autenticidade a").count() == 1
    conferir("área de trabalho (ana lendo o ofício)")
    page.go_back()
    page.wait_for_url(processo_url)
    page.wait_for_selector("#seimg-painel-processo")
    page.go_forward()
    page.wait_for_url(oficio_url)
    page.wait_for_selector("#seimg-documento")

    # --- ana: despacho, signed; concluir -------------------------------------------
    page.click("#seimg-incluir-documento")
    page.wait_for_selector("select[name='form.widgets.tipo_documento:list']")
    page.select_option(
        "select[name='form.widgets.tipo_documento:list']", label="Despacho"
    )
    page.select_option("select[name='form.widgets.nivel_acesso:list']", "publico")
    page.click(SALVAR)
    page.wait_for_selector("#seimg-documento")
    despacho = page.locator("#seimg-documento-titulo").inner_text()
    assert re.match(r"Despacho nº \d+/\d{4}/CMVS/PRESIDENCIA \(\d{7}\)", despacho)
    page.click("#seimg-editar")
    page.wait_for_selector("iframe.tox-edit-area__iframe")
    quadro = page.frame_locator("iframe.tox-edit-area__iframe")
    campos = quadro.locator("span.seimg-campo")
    textos = {
        campos.nth(i).get_attribute("title"): "De acordo. Encaminhe-se a cópia."
        for i in range(campos.count())
    }
    if textos:
        _preencher_campos(page, textos)
    else:
        quadro.locator("body").click()
        page.keyboard.type("De acordo. Encaminhe-se a cópia.")
    page.click(SALVAR)
    page.wait_for_selector("#seimg-documento")
    _assinar(page, conferir, "despacho")
    page.click("#seimg-concluir")
    page.wait_for_selector("#seimg-tramitacao-form")
    conferir("concluir")
    page.click("#seimg-tramitacao-form [name='form.buttons.confirmar']")
    page.wait_for_load_state()
    assert page.locator("#seimg-tramitacao-erro").count() == 0
    chromium.clear_cookies()

    # --- carlos: the retorno both units owe ------------------------------------------
    log_in(page, site_url, "carlos.mendes", DEMO_PASSWORD)
    page.goto(f"{site_url}/@@controle-processos?aba=retornos&retorno=aguardando")
    linhas = page.locator(f"#seimg-controle-tabela tr[data-numero='{numero}']")
    texto = " ".join(linhas.all_inner_texts())
    assert "PRESIDENCIA" in texto, texto
    assert "PROCURADORIA" in texto, texto
    conferir("controle (retornos aguardando)")

    # --- the workspace on a phone ---------------------------------------------
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(oficio_url)
    assert page.locator("#seimg-quadro").is_hidden()
    assert page.locator("#seimg-abrir-documento").is_visible()
    conferir("área de trabalho (390 px)")
    conferir.conferir()
