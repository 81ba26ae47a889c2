"""The cover page of the process PDF: the process's data and its documents.

:func:`html_capa` writes it as HTML (rendered to PDF with the signed
documents' engine); :mod:`.processo_pdf` puts it first.
"""

from __future__ import annotations

from datetime import datetime
from seimg import _
from zope.i18n import translate
import base64
import html
import zoneinfo


LANGUAGE = "pt_BR"
FUSO = zoneinfo.ZoneInfo("America/Sao_Paulo")

CSS = """
body { font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 10.5pt; }
h1 { font-size: 15pt; text-align: center; margin: 4pt 0 2pt 0; }
.orgao { text-align: center; margin: 0; font-size: 11pt; }
.timbre { text-align: center; margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 10pt; }
th, td { border: 1px solid #777; padding: 3pt 5pt; text-align: left;
  vertical-align: top; }
th { background: #e8e8e8; }
table.dados th { width: 30%; }
h2 { font-size: 12pt; margin-top: 16pt; }
.nota { font-size: 9pt; color: #333; }
"""


def _t(message) -> str:
    return translate(message, target_language=LANGUAGE)


def _timbre(orgao) -> str:
    timbre = getattr(orgao, "timbre", None) if orgao is not None else None
    if timbre is None or not getattr(timbre, "data", None):
        return ""
    dados = base64.b64encode(timbre.data).decode("ascii")
    tipo = html.escape(getattr(timbre, "contentType", "") or "image/png")
    return (
        f'<p class="timbre"><img alt="" height="60" '
        f'src="data:{tipo};base64,{dados}" /></p>'
    )


def _nivel(processo) -> str:
    from seimg.nivel_acesso import niveis

    valor = getattr(processo, "nivel_efetivo", None) or getattr(
        processo, "nivel_acesso", None
    )
    return _t(niveis.titulo(valor or niveis.PUBLICO))


def _usuario(usuario) -> str:
    if usuario is None:
        return ""
    nome = (
        usuario.getProperty("fullname", "") if hasattr(usuario, "getProperty") else ""
    )
    login = usuario.getUserName()
    return f"{nome} ({login})" if nome and nome != login else login


def html_capa(
    processo,
    itens: list,
    unidade,
    usuario,
    agora: datetime,
    paginas_capa: int = 1,
) -> str:
    """The cover page's HTML."""
    from seimg.processos.rotulos import titulo_tabela
    from seimg.tabelas import obter

    esc = html.escape
    orgao = obter(getattr(processo, "orgao", None))
    from seimg.divulgacao import api as divulgacao

    interessados = [
        divulgacao.rotulo(interessado)
        for interessado in divulgacao.interessados(processo)
    ]
    titulo = _t(
        _(
            "processo_pdf_capa_titulo",
            default="Process no. ${numero}",
            mapping={"numero": processo.numero or ""},
        )
    )
    quando = agora.astimezone(FUSO).strftime("%d/%m/%Y %H:%M")
    linhas = [
        (
            _("processo_pdf_capa_tipo", default="Process type"),
            titulo_tabela(getattr(processo, "tipo_processo", None)),
        ),
        (
            _("processo_pdf_capa_especificacao", default="Specification"),
            getattr(processo, "especificacao", "") or "",
        ),
        (
            _("processo_pdf_capa_interessados", default="Interested parties"),
            "; ".join(interessados) or "—",
        ),
        (
            _("processo_pdf_capa_nivel", default="Access level"),
            _nivel(processo),
        ),
        (
            _("processo_pdf_capa_gerado_em", default="Generated on"),
            _t(
                _(
                    "processo_pdf_capa_quando",
                    default="${quando} (Brasília time)",
                    mapping={"quando": quando},
                )
            ),
        ),
        (
            _("processo_pdf_capa_unidade", default="Requesting unit"),
            unidade.sigla_completa() if unidade is not None else "—",
        ),
        (
            _("processo_pdf_capa_usuario", default="Requested by"),
            _usuario(usuario) or "—",
        ),
    ]
    partes = [
        '<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8" />',
        f"<title>{esc(titulo)}</title><style>{CSS}</style></head><body>",
        _timbre(orgao),
    ]
    if orgao is not None:
        partes.append(
            f'<p class="orgao">{esc(getattr(orgao, "nome", "") or "")}'
            f" ({esc(getattr(orgao, 'sigla', '') or '')})</p>"
        )
    partes.append(f"<h1>{esc(titulo)}</h1>")
    partes.append('<table class="dados">')
    for rotulo_, valor in linhas:
        partes.append(f"<tr><th>{esc(_t(rotulo_))}</th><td>{esc(valor)}</td></tr>")
    partes.append("</table>")
    partes.append(
        "<h2>"
        + esc(
            _t(
                _(
                    "processo_pdf_capa_documentos",
                    default="Documents (${quantidade})",
                    mapping={"quantidade": len(itens)},
                )
            )
        )
        + "</h2>"
    )
    cabecalho = [
        _t(_("processo_pdf_capa_ordem", default="#")),
        _t(_("processo_pdf_capa_documento", default="Document")),
        _t(_("processo_pdf_capa_tipo_documento", default="Type")),
        _t(_("processo_pdf_capa_paginas", default="Pages")),
        _t(_("processo_pdf_capa_observacao", default="Note")),
    ]
    # Each document's pages in the final PDF, after the cover's own pages.
    inicio = paginas_capa + 1
    partes.append(
        "<table><tr>" + "".join(f"<th>{esc(c)}</th>" for c in cabecalho) + "</tr>"
    )
    for ordem, item in enumerate(itens, start=1):
        nota = ""
        if item.motivo:
            nota = _t(
                _(
                    "processo_pdf_capa_nao_convertido",
                    default="Not converted: ${motivo}",
                    mapping={"motivo": item.motivo},
                )
            )
        fim = inicio + max(item.paginas, 1) - 1
        paginas = f"{inicio}–{fim}" if fim > inicio else str(inicio)
        inicio = fim + 1
        partes.append(
            f"<tr><td>{ordem}</td><td>{esc(item.rotulo)}</td>"
            f"<td>{esc(item.tipo)}</td><td>{paginas}</td>"
            f'<td class="nota">{esc(nota)}</td></tr>'
        )
    partes.append("</table></body></html>")
    return "".join(partes)
