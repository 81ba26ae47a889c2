#!/usr/bin/env python3
"""Write seimg's document templates (``src/seimg/geracao/modelos/*.fodt``).

One shared layout, the federal "padrão ofício" of the Manual de Redação da
Presidência da República (3rd ed., 2018), with per-type variations
(:data:`MODELOS`). The .fodt files are flat OpenDocument, reviewable in
diffs; ``make templates`` (scripts/build-templates.sh) runs this script and
converts them into the .odt files seimg installs in ``/modelos``.

appy statements: expressions are text-input fields (``view.nup()``; a
leading ``:`` inserts ODF as is, for images); blocks (conditions, loops, the
rich text) are comments (``office:annotation``) holding ``do ...``
statements. appy consumes them, and seimg strips any comment left from the
result before LibreOffice loads it (seimg.geracao.odf).
"""

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape


DESTINO = Path(__file__).resolve().parent.parent / "src/seimg/geracao/modelos"

# A4, Manual de Redação: left 3 cm, right 1.5 cm, top and bottom 2 cm.
LARGURA_TEXTO = 21.0 - 3.0 - 1.5
QRCODE_CM = 2.6


@dataclass(frozen=True)
class Modelo:
    """The variations of one type's template."""

    id: str
    titulo: str
    descricao: str
    identificacao_centralizada: bool = False
    data: str | None = "topo"  # "topo", "fim" or None
    destinatarios: bool = True
    vocativo: bool = False
    assunto: str | None = "linha"  # "linha", "ementa", "ficha" or None
    fecho: bool = False


MODELOS = (
    Modelo(
        "oficio",
        "Ofício",
        "Ofício no padrão do Manual de Redação: endereçamento, vocativo e fecho.",
        vocativo=True,
        fecho=True,
    ),
    Modelo(
        "memorando",
        "Memorando",
        "Comunicação entre unidades, no padrão ofício.",
        vocativo=True,
        fecho=True,
    ),
    Modelo(
        "despacho",
        "Despacho",
        "Despacho com os dados do processo, destinatário e data ao final.",
        data="fim",
        assunto="ficha",
    ),
    Modelo(
        "ata",
        "Ata",
        "Ata de reunião: identificação centralizada, texto e assinaturas.",
        identificacao_centralizada=True,
        data=None,
        destinatarios=False,
        assunto=None,
    ),
    Modelo(
        "comunicado",
        "Comunicado",
        "Comunicado: identificação centralizada, data e assunto.",
        identificacao_centralizada=True,
    ),
    Modelo(
        "portaria",
        "Portaria",
        "Portaria: identificação centralizada, ementa e data ao final.",
        identificacao_centralizada=True,
        data="fim",
        destinatarios=False,
        assunto="ementa",
    ),
    Modelo(
        "parecer",
        "Parecer",
        "Parecer com os dados do processo e data ao final.",
        data="fim",
        destinatarios=False,
        assunto="ficha",
    ),
    Modelo(
        "padrao",
        "Padrão",
        "Modelo dos tipos de documento que não têm modelo próprio.",
    ),
)


# --- building blocks -----------------------------------------------------------


def campo(expressao: str) -> str:
    """An appy expression, as a text-input field."""
    return f'<text:text-input text:description="">{escape(expressao)}</text:text-input>'


def instrucao(*linhas: str) -> str:
    """An appy statement (``do ...`` and its ``from`` line), as a comment."""
    paragrafos = "".join(f"<text:p>{escape(linha)}</text:p>" for linha in linhas)
    return (
        "<office:annotation><dc:creator>seimg</dc:creator>"
        f"{paragrafos}</office:annotation>"
    )


def p(estilo: str, conteudo: str = "", se: str | None = None) -> str:
    """A paragraph; with ``se``, kept only when that expression is true."""
    condicao = instrucao(f"do text if {se}") if se else ""
    return f'<text:p text:style-name="{estilo}">{condicao}{conteudo}</text:p>'


def negrito(texto: str) -> str:
    return f'<text:span text:style-name="Negrito">{escape(texto)}</text:span>'


def cabecalho() -> list[str]:
    return [
        p("Timbre", campo(":view.imagem_timbre()"), se="view.timbre()"),
        p("Orgao", campo("view.orgao()['nome'].upper()")),
        p("Unidade", campo("view.caminho_unidade()"), se="view.caminho_unidade()"),
        p(
            "Minuta",
            "MINUTA – documento ainda não assinado, sem validade",
            se="view.minuta()",
        ),
    ]


def identificacao(modelo: Modelo) -> str:
    estilo = (
        "IdentificacaoCentro"
        if modelo.identificacao_centralizada
        else ("Identificacao")
    )
    return p(estilo, campo("view.identificacao().upper()"))


def local_e_data(estilo: str) -> str:
    return p(estilo, campo("view.local_e_data()") + ".")


def destinatarios() -> str:
    return (
        '<text:p text:style-name="Destinatario">'
        + instrucao("do text for linha in view.destinatarios()")
        + campo("linha")
        + "</text:p>"
    )


def espaco() -> str:
    """A small gap after a block of lines that have no spacing of their own."""
    return p("Espaco")


def ficha() -> list[str]:
    """Processo nº, interessados and assunto (despachos, pareceres)."""
    return [
        p("Ficha", negrito("Processo nº:") + " " + campo("view.nup()")),
        p(
            "Ficha",
            negrito("Interessado(s):") + " " + campo("'; '.join(view.interessados())"),
            se="view.interessados()",
        ),
        p(
            "Ficha",
            negrito("Assunto:") + " " + campo("view.assunto()"),
            se="view.mostrar_assunto()",
        ),
        espaco(),
    ]


def assunto(modelo: Modelo) -> list[str]:
    if modelo.assunto == "linha":
        return [
            p(
                "Assunto",
                negrito("Assunto:") + " " + campo("view.assunto()"),
                se="view.mostrar_assunto()",
            )
        ]
    if modelo.assunto == "ementa":
        return [p("Ementa", campo("view.assunto()"), se="view.mostrar_assunto()")]
    return []


def corpo() -> str:
    return p("Texto", instrucao("do text", "from view.corpo_xhtml('Texto')"))


def assinaturas() -> list[str]:
    tarja = (
        '<text:p text:style-name="Tarja">'
        + instrucao("do text for assinatura in view.assinaturas()")
        + campo("assinatura['tarja']")
        + "</text:p>"
    )
    autenticidade = f"""<table:table table:name="Autenticidade"
 table:style-name="Autenticidade">
<table:table-column table:style-name="AutenticidadeQr"/>
<table:table-column table:style-name="AutenticidadeTexto"/>
<table:table-row>
<table:table-cell table:style-name="AutenticidadeCelula" office:value-type="string">
{p("QrCode", instrucao("do table if view.assinado()") + campo(":view.imagem_qrcode()"))}
</table:table-cell>
<table:table-cell table:style-name="AutenticidadeCelula" office:value-type="string">
{p("Autenticidade", campo("view.tarja_autenticidade()"))}
</table:table-cell>
</table:table-row>
</table:table>"""
    return [tarja, autenticidade]


def corpo_do_modelo(modelo: Modelo) -> str:
    partes = [*cabecalho(), identificacao(modelo)]
    if modelo.data == "topo":
        partes.append(local_e_data("Data"))
    if modelo.assunto == "ficha":
        partes.extend(ficha())
    if modelo.destinatarios:
        partes.extend([destinatarios(), espaco()])
    partes.extend(assunto(modelo))
    if modelo.vocativo:
        partes.append(p("Vocativo", campo("view.vocativo()"), se="view.vocativo()"))
    partes.append(corpo())
    if modelo.fecho:
        partes.append(p("Fecho", campo("view.fecho()"), se="view.fecho()"))
    if modelo.data == "fim":
        partes.append(local_e_data("DataFim"))
    partes.extend(assinaturas())
    return "\n".join(partes)


# --- styles --------------------------------------------------------------------


def estilo(nome, paragrafo="", texto="", pai="Standard", extra="") -> str:
    props = ""
    if paragrafo:
        props += f"<style:paragraph-properties {paragrafo}/>"
    if texto:
        props += f"<style:text-properties {texto}/>"
    return (
        f'<style:style style:name="{nome}" style:family="paragraph" '
        f'style:parent-style-name="{pai}" style:class="text"{extra}>{props}'
        "</style:style>"
    )


def titulo(nivel: int, tamanho: str) -> str:
    return (
        f'<style:style style:name="Heading_20_{nivel}" '
        f'style:display-name="Heading {nivel}" style:family="paragraph" '
        'style:parent-style-name="Standard" style:next-style-name="Texto" '
        f'style:default-outline-level="{nivel}" style:class="text">'
        '<style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" '
        'fo:text-align="start" fo:keep-with-next="always"/>'
        f'<style:text-properties fo:font-size="{tamanho}" fo:font-weight="bold"/>'
        "</style:style>"
    )


SEM_ESPACO = 'fo:margin-top="0cm" fo:margin-bottom="0cm"'

ESTILOS = "\n".join(
    [
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties fo:hyphenation-ladder-count="no-limit" '
        'style:writing-mode="lr-tb"/>'
        '<style:text-properties style:font-name="Calibri" fo:font-size="12pt" '
        'fo:language="pt" fo:country="BR" fo:hyphenate="false"/>'
        "</style:default-style>",
        '<style:style style:name="Standard" style:family="paragraph" '
        'style:class="text"><style:paragraph-properties fo:margin-top="0cm" '
        'fo:margin-bottom="0.212cm" fo:line-height="100%" fo:text-align="justify"/>'
        "</style:style>",
        estilo(
            "Texto",
            'fo:text-indent="2.5cm" fo:margin-bottom="0.212cm" fo:text-align="justify"',
        ),
        titulo(1, "13pt"),
        titulo(2, "12pt"),
        titulo(3, "12pt"),
        titulo(4, "12pt"),
        # An as-char image hangs over the next line: keep a gap below it.
        estilo(
            "Timbre",
            'fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0.35cm"',
        ),
        estilo(
            "Orgao",
            f'fo:text-align="center" {SEM_ESPACO}',
            'fo:font-weight="bold" fo:font-size="12pt"',
        ),
        estilo(
            "Unidade", f'fo:text-align="center" {SEM_ESPACO}', 'fo:font-size="11pt"'
        ),
        estilo(
            "Minuta",
            'fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0cm"',
            'fo:font-size="10pt" fo:font-weight="bold" fo:color="#9c1c1c"',
        ),
        estilo(
            "Identificacao",
            'fo:text-align="start" fo:margin-top="0.8cm" fo:margin-bottom="0.4cm"',
            'fo:font-weight="bold"',
        ),
        estilo(
            "IdentificacaoCentro",
            'fo:text-align="center" fo:margin-top="0.8cm" fo:margin-bottom="0.6cm"',
            'fo:font-weight="bold"',
        ),
        estilo("Data", 'fo:text-align="end" fo:margin-bottom="0.6cm"'),
        estilo(
            "DataFim",
            'fo:text-align="end" fo:margin-top="0.4cm" fo:margin-bottom="0.4cm"',
        ),
        estilo("Destinatario", f'fo:text-align="start" {SEM_ESPACO}'),
        estilo(
            "Assunto",
            'fo:text-align="justify" fo:margin-top="0.2cm" fo:margin-bottom="0.4cm"',
        ),
        estilo("Espaco", SEM_ESPACO, 'fo:font-size="6pt"'),
        estilo(
            "Ementa",
            'fo:margin-left="8cm" fo:text-align="justify" fo:margin-bottom="0.6cm"',
        ),
        estilo("Ficha", 'fo:text-align="start" fo:margin-bottom="0.1cm"'),
        estilo(
            "Vocativo",
            'fo:text-indent="2.5cm" fo:margin-top="0.4cm" fo:margin-bottom="0.4cm"',
        ),
        estilo(
            "Fecho",
            'fo:text-indent="2.5cm" fo:margin-top="0.2cm" fo:margin-bottom="0.4cm"',
        ),
        estilo(
            "Tarja",
            'fo:margin-top="0.3cm" fo:margin-bottom="0cm" fo:padding="0.15cm" '
            'fo:border="0.5pt solid #555555" style:join-border="false" '
            'fo:text-align="justify"',
            'fo:font-size="9pt"',
        ),
        estilo("QrCode", f'fo:text-align="center" {SEM_ESPACO}'),
        estilo("Autenticidade", 'fo:text-align="start"', 'fo:font-size="9pt"'),
        estilo("Rodape", f'fo:text-align="center" {SEM_ESPACO}', 'fo:font-size="8pt"'),
        estilo(
            "Referencia",
            'fo:text-align="start" fo:margin-top="0.1cm" fo:margin-bottom="0cm"',
            'fo:font-size="8pt"',
        ),
        '<style:style style:name="Negrito" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>',
    ]
)

AUTOMATICOS = f"""
<style:page-layout style:name="Pagina">
 <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="1.2cm"
  fo:margin-left="3cm" fo:margin-right="1.5cm"/>
 <style:footer-style>
  <style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/>
 </style:footer-style>
</style:page-layout>
<style:style style:name="Autenticidade" style:family="table">
 <style:table-properties style:width="{LARGURA_TEXTO}cm" table:align="margins"
  fo:margin-top="0.3cm"/>
</style:style>
<style:style style:name="AutenticidadeQr" style:family="table-column">
 <style:table-column-properties style:column-width="{QRCODE_CM + 0.4}cm"/>
</style:style>
<style:style style:name="AutenticidadeTexto" style:family="table-column">
 <style:table-column-properties
  style:column-width="{LARGURA_TEXTO - QRCODE_CM - 0.4}cm"/>
</style:style>
<style:style style:name="AutenticidadeCelula" style:family="table-cell">
 <style:table-cell-properties style:vertical-align="middle" fo:padding="0.1cm"
  fo:border="0.5pt solid #555555"/>
</style:style>
"""

RODAPE = "\n".join(
    [
        p("Rodape", campo("view.endereco()")),
        p("Referencia", campo("view.referencia()")),
    ]
)

DOCUMENTO = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/gen-modelos.py: edit that script, then `make templates`. -->
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta>
 <dc:title>{titulo}</dc:title>
 <dc:description>{descricao}</dc:description>
 <dc:language>pt-BR</dc:language>
</office:meta>
<office:font-face-decls>
 <style:font-face style:name="Calibri" svg:font-family="Calibri"
  style:font-family-generic="swiss" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
{estilos}
</office:styles>
<office:automatic-styles>
{automaticos}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Pagina">
  <style:footer>
{rodape}
  </style:footer>
 </style:master-page>
</office:master-styles>
<office:body>
<office:text>
{corpo}
</office:text>
</office:body>
</office:document>
"""


def fodt(modelo: Modelo) -> str:
    return DOCUMENTO.format(
        titulo=escape(f"Modelo de {modelo.titulo}"),
        descricao=escape(modelo.descricao),
        estilos=ESTILOS,
        automaticos=AUTOMATICOS,
        rodape=RODAPE,
        corpo=corpo_do_modelo(modelo),
    )


def main() -> None:
    DESTINO.mkdir(parents=True, exist_ok=True)
    for modelo in MODELOS:
        destino = DESTINO / f"{modelo.id}.fodt"
        destino.write_text(fodt(modelo), encoding="utf-8")
        print(f"{destino.relative_to(DESTINO.parents[3])}")


if __name__ == "__main__":
    main()
