"""The open-data dictionary: every column of the exports, in one place.

The CSV and JSON exports, the daily snapshots, the JSON Schema of the tests
and ``docs/dados-abertos.md`` (checked by a test) all read these tuples. The
texts are Portuguese on purpose: the dictionary is published for citizens
and developers as it is (``docs/dados-abertos.md``), and column names and
values are data, the same whatever the visitor's language.
"""

from dataclasses import dataclass


#: Column types (the JSON Schema type of each in parentheses).
TEXTO = "texto"  # string
DATA = "data"  # string, ISO 8601 date (AAAA-MM-DD), "" when unknown
INTEIRO = "inteiro"  # integer (a number in CSV)
URL = "url"  # string, an absolute address, "" when none

TIPOS = (TEXTO, DATA, INTEIRO, URL)


@dataclass(frozen=True)
class Coluna:
    nome: str
    tipo: str
    significado: str
    exemplo: str


#: Values of ``nivel_acesso`` (sigiloso processes are never exported).
NIVEL_PUBLICO = "público"
NIVEL_RESTRITO = "restrito"

#: Values of a document's ``situacao``.
SITUACAO_PUBLICO = "público"
SITUACAO_RESTRITO = "Acesso restrito — {hipotese}"
SITUACAO_RESTRITO_SEM_HIPOTESE = "Acesso restrito"
SITUACAO_CANCELADO = "cancelado em {data}"
SITUACAO_CORTE = "anterior à data de corte"

#: Separator of several values in one cell (``interessados_pj``).
SEPARADOR = " | "


PROCESSOS = (
    Coluna(
        "orgao_sigla",
        TEXTO,
        "Sigla do órgão que autuou o processo (prefeitura, câmara…).",
        "CMVS",
    ),
    Coluna(
        "orgao_nome",
        TEXTO,
        "Nome do órgão que autuou o processo.",
        "Câmara Municipal de Vale do Sol",
    ),
    Coluna(
        "nup",
        TEXTO,
        "Número Único de Protocolo do processo, com a pontuação.",
        "12345.000123/2026-45",
    ),
    Coluna(
        "tipo_processo",
        TEXTO,
        "Tipo do processo, da tabela de tipos do sistema.",
        "Acesso à Informação: Pedido (LAI)",
    ),
    Coluna(
        "especificacao",
        TEXTO,
        "Descrição do processo, quando pública. Vazia nos processos restritos "
        "por hipótese legal própria (Lei 12.527/2011, arts. 22 a 31); números "
        "de CPF aparecem mascarados e endereços de e-mail, omitidos.",
        "Pedido de informações sobre o transporte escolar",
    ),
    Coluna(
        "data_autuacao",
        DATA,
        "Data em que o processo foi autuado (horário de Brasília), ISO 8601.",
        "2026-03-17",
    ),
    Coluna(
        "unidade_geradora_sigla",
        TEXTO,
        "Sigla completa da unidade que autuou o processo (órgão/unidade…).",
        "CMVS/SECRETARIA",
    ),
    Coluna(
        "unidade_geradora_nome",
        TEXTO,
        "Nome da unidade que autuou o processo.",
        "Secretaria-Geral",
    ),
    Coluna(
        "nivel_acesso",
        TEXTO,
        "Nível de acesso do processo: “público” ou “restrito” (restrito quando "
        "o próprio processo ou algum de seus documentos é restrito). Processos "
        "sigilosos não são publicados.",
        NIVEL_PUBLICO,
    ),
    Coluna(
        "interessados_pj",
        TEXTO,
        "Interessados que são pessoas jurídicas (exceto empresários individuais "
        "e MEI), como “Nome (CNPJ …)”, separados por “ | ”. Pessoas naturais, "
        "empresários individuais e MEI nunca constam dos dados abertos.",
        "Transportes Vale Ltda. (CNPJ 11.222.333/0001-81)",
    ),
    Coluna(
        "quantidade_documentos",
        INTEIRO,
        "Quantos documentos o processo lista ao público (inclusive os de acesso "
        "restrito e os cancelados, que aparecem só com sua linha; minutas não).",
        "3",
    ),
    Coluna(
        "url",
        URL,
        "Endereço da página pública do processo.",
        "https://seimg.example.gov.br/seimg/transparencia/processo/12345000123202645",
    ),
)


DOCUMENTOS = (
    Coluna(
        "nup",
        TEXTO,
        "NUP do processo a que o documento pertence.",
        "12345.000123/2026-45",
    ),
    Coluna(
        "numero_sei",
        TEXTO,
        "Número SEI do documento (único na instalação).",
        "0000123",
    ),
    Coluna(
        "tipo_documento",
        TEXTO,
        "Tipo do documento, da tabela de tipos do sistema.",
        "Ofício",
    ),
    Coluna(
        "numero",
        TEXTO,
        "Número do documento no seu tipo (vazio quando o tipo não numera).",
        "12",
    ),
    Coluna(
        "data",
        DATA,
        "Data da primeira assinatura (documento interno) ou do registro "
        "(documento externo), horário de Brasília, ISO 8601.",
        "2026-03-18",
    ),
    Coluna(
        "unidade",
        TEXTO,
        "Sigla completa da unidade que gerou o documento.",
        "CMVS/SECRETARIA",
    ),
    Coluna(
        "situacao",
        TEXTO,
        "“público”; “Acesso restrito — <hipótese legal>”; “cancelado em "
        "<AAAA-MM-DD>”; ou “anterior à data de corte” (documento público "
        "anterior à data a partir da qual o órgão publica o conteúdo: peça-o "
        "pelo e-SIC).",
        "Acesso restrito — Informação Pessoal",
    ),
    Coluna(
        "url",
        URL,
        "Endereço da página pública do documento.",
        "https://seimg.example.gov.br/seimg/transparencia/documento/0000123",
    ),
    Coluna(
        "url_pdf",
        URL,
        "Endereço do PDF do documento (assinado e selado, ou o arquivo do "
        "documento externo), apenas quando o conteúdo é público; vazio nos "
        "demais.",
        "https://seimg.example.gov.br/seimg/transparencia/documento/0000123/pdf",
    ),
)


def nomes(colunas) -> list[str]:
    return [c.nome for c in colunas]


def esquema_json(colunas, chave: str) -> dict:
    """The JSON Schema of an export (``{"metadados", chave: [rows]}``)."""
    tipos = {
        TEXTO: {"type": "string"},
        DATA: {
            "type": "string",
            "anyOf": [
                {"maxLength": 0},
                {"pattern": r"^\d{4}-\d{2}-\d{2}$"},
            ],
        },
        INTEIRO: {"type": "integer", "minimum": 0},
        URL: {"type": "string"},
    }
    linha = {
        "type": "object",
        "properties": {c.nome: tipos[c.tipo] for c in colunas},
        "required": nomes(colunas),
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["metadados", chave],
        "additionalProperties": False,
        "properties": {
            "metadados": {
                "type": "object",
                "required": ["gerado_em", "criterios", "total", "colunas"],
                "properties": {
                    "gerado_em": {"type": "string", "format": "date-time"},
                    "criterios": {"type": "object"},
                    "total": {"type": "integer", "minimum": 0},
                    "colunas": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["nome", "tipo", "significado"],
                        },
                    },
                },
            },
            chave: {"type": "array", "items": linha},
        },
    }
