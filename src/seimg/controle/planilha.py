"""The Controle de Processos as CSV (``?formato=csv`` of the page and of REST).

One row per listed process, the columns of the page, in Portuguese.
"""

from seimg import _
from seimg.controle.api import hoje
from seimg.controle.api import Linha
from seimg.nivel_acesso import niveis
from zope.i18n import translate
import csv
import io


COLUNAS_CSV = (
    _("controle_col_numero", default="Process"),
    _("controle_col_tipo", default="Type"),
    _("controle_col_especificacao", default="Specification"),
    _("controle_col_nivel", default="Access level"),
    _("controle_col_recebido", default="Received"),
    _("controle_col_novo_documento", default="New document"),
    _("controle_col_atribuido", default="Assigned to"),
    _("controle_col_retorno", default="Return date"),
    _("controle_col_retorno_atrasado", default="Return late"),
    _("controle_col_marcador", default="Tag"),
    _("controle_col_anotacao", default="Note"),
    _("controle_col_prioridade", default="Priority"),
)


def exportar_csv(linhas: list[Linha], request) -> bytes:
    """The rows as CSV for spreadsheets: ``;``-separated UTF-8 with a BOM."""
    sim = translate(_("controle_sim", default="Yes"), context=request)
    nao = translate(_("controle_nao", default="No"), context=request)

    def simnao(valor) -> str:
        return sim if valor else nao

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([translate(c, context=request) for c in COLUNAS_CSV])
    for linha in linhas:
        anotacao = linha.anotacao or {}
        marcador = linha.marcador or {}
        writer.writerow(
            [
                linha.numero,
                linha.tipo,
                linha.especificacao,
                translate(niveis.titulo(linha.nivel_acesso_efetivo), context=request),
                simnao(linha.recebido),
                simnao(linha.novo_documento),
                linha.atribuido_nome or linha.atribuido_a or "",
                linha.retorno_data.strftime("%d/%m/%Y") if linha.retorno_data else "",
                simnao(linha.retorno_atrasado) if linha.retorno_data else "",
                " ".join(v for v in (marcador.get("nome"), marcador.get("texto")) if v),
                anotacao.get("texto") or "",
                simnao(anotacao.get("prioridade")) if anotacao else "",
            ]
        )
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def nome_arquivo_csv(lista: str) -> str:
    return f"controle-processos-{lista}-{hoje().isoformat()}.csv"
