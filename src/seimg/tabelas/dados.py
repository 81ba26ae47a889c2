"""Seed data of the tables: what a new installation starts with.

Realistic values for a Brazilian municipality (prefeitura or câmara): the
LAI hipóteses legais, tipos de conferência, a municipal classification plan,
the usual séries with their numbering and templates, and the common tipos de
processo. Loaded by :func:`seimg.tabelas.setup.create_tabelas` into empty
folders only.
"""

# Hipóteses that protect personal information (level Rp of the disclosure
# table): their processes' especificação and interessados stay with the units.
HIPOTESES_PESSOAIS = frozenset(
    {"Informação Pessoal", "Investigação de Responsabilidade de Servidor"}
)

# Hipóteses of classified information (LAI arts. 23–24) and their grau: the
# only ones whose processes and documents record a grau and a term.
HIPOTESES_CLASSIFICADAS = {
    "Informação Classificada - Grau Reservado": "reservado",
    "Informação Classificada - Grau Secreto": "secreto",
    "Informação Classificada - Grau Ultrassecreto": "ultrassecreto",
}

# (title, base_legal, niveis)
HIPOTESES_LEGAIS = [
    ("Informação Pessoal", "Art. 31 da Lei nº 12.527/2011", ["restrito"]),
    (
        "Documento Preparatório",
        "Art. 7º, § 3º, da Lei nº 12.527/2011",
        ["restrito"],
    ),
    (
        "Sigilo Fiscal",
        "Art. 198 do Código Tributário Nacional",
        ["restrito", "sigiloso"],
    ),
    (
        "Sigilo Bancário",
        "Art. 1º da Lei Complementar nº 105/2001",
        ["restrito", "sigiloso"],
    ),
    (
        "Segredo de Justiça",
        "Art. 189 do Código de Processo Civil",
        ["restrito", "sigiloso"],
    ),
    ("Controle Interno", "Art. 26, § 3º, da Lei nº 10.180/2001", ["restrito"]),
    ("Direito Autoral", "Art. 24, III, da Lei nº 9.610/1998", ["restrito"]),
    ("Segredo Industrial", "Art. 195, XIV, da Lei nº 9.279/1996", ["restrito"]),
    (
        "Investigação de Responsabilidade de Servidor",
        "Art. 150 da Lei nº 8.112/1990",
        ["restrito", "sigiloso"],
    ),
    (
        "Informação Classificada - Grau Reservado",
        "Arts. 23 e 24, § 1º, III, da Lei nº 12.527/2011",
        ["sigiloso"],
    ),
    (
        "Informação Classificada - Grau Secreto",
        "Arts. 23 e 24, § 1º, II, da Lei nº 12.527/2011",
        ["sigiloso"],
    ),
    (
        "Informação Classificada - Grau Ultrassecreto",
        "Arts. 23 e 24, § 1º, I, da Lei nº 12.527/2011",
        ["sigiloso"],
    ),
    (
        "Proteção da Propriedade Intelectual de Software",
        "Art. 2º da Lei nº 9.609/1998",
        ["restrito"],
    ),
    (
        "Protocolo - Pendente Análise de Restrição de Acesso",
        "Art. 6º, III, da Lei nº 12.527/2011",
        ["restrito"],
    ),
    (
        "Sigilo das Comunicações",
        "Art. 3º, V, da Lei nº 9.472/1997",
        ["restrito"],
    ),
    (
        "Interceptação de Comunicações Telefônicas",
        "Art. 8º da Lei nº 9.296/1996",
        ["sigiloso"],
    ),
    (
        "Sigilo de Empresa em Situação Falimentar",
        "Art. 169 da Lei nº 11.101/2005",
        ["restrito"],
    ),
]

TIPOS_CONFERENCIA = [
    "Documento Original",
    "Cópia Autenticada por Cartório",
    "Cópia Autenticada Administrativamente",
    "Cópia Simples",
]

# (codigo, descrição, prazo_corrente, prazo_intermediario, destinacao_final)
ASSUNTOS = [
    (
        "010",
        "Organização e funcionamento",
        "Enquanto vigora",
        "5 anos",
        "guarda_permanente",
    ),
    (
        "010.1",
        "Regimentos, estatutos e estrutura organizacional",
        "Enquanto vigora",
        "5 anos",
        "guarda_permanente",
    ),
    (
        "012",
        "Comunicação social e publicidade institucional",
        "2 anos",
        "3 anos",
        "eliminacao",
    ),
    (
        "020",
        "Pessoal",
        "Enquanto o servidor estiver em atividade",
        "52 anos",
        "eliminacao",
    ),
    ("020.1", "Férias", "2 anos", "5 anos", "eliminacao"),
    ("020.2", "Licenças e afastamentos", "5 anos", "47 anos", "eliminacao"),
    (
        "020.3",
        "Apuração de responsabilidade e processo disciplinar",
        "Até a conclusão do processo",
        "5 anos",
        "guarda_permanente",
    ),
    ("020.4", "Folha de pagamento", "7 anos", "45 anos", "eliminacao"),
    ("030", "Material e patrimônio", "5 anos", "5 anos", "eliminacao"),
    (
        "030.1",
        "Licitações e compras",
        "Até a aprovação das contas",
        "5 anos",
        "guarda_permanente",
    ),
    (
        "030.2",
        "Contratos, convênios e termos de parceria",
        "Até o fim da vigência",
        "10 anos",
        "guarda_permanente",
    ),
    ("050", "Orçamento e finanças", "5 anos", "5 anos", "guarda_permanente"),
    (
        "050.2",
        "Execução orçamentária: empenho, liquidação e pagamento",
        "Até a aprovação das contas",
        "10 anos",
        "eliminacao",
    ),
    (
        "050.3",
        "Receita e tributos municipais",
        "Até a quitação do crédito",
        "5 anos",
        "eliminacao",
    ),
    (
        "060.1",
        "Acesso à informação (Lei nº 12.527/2011)",
        "2 anos",
        "3 anos",
        "eliminacao",
    ),
    (
        "070.1",
        "Protocolo e expedição de correspondência",
        "2 anos",
        "3 anos",
        "eliminacao",
    ),
    (
        "100.1",
        "Processo legislativo: projetos de lei e de resolução",
        "Até o fim da legislatura",
        "4 anos",
        "guarda_permanente",
    ),
    (
        "100.2",
        "Processo legislativo: requerimentos, indicações e moções",
        "Até o fim da legislatura",
        "4 anos",
        "guarda_permanente",
    ),
    (
        "110",
        "Ouvidoria: reclamações, sugestões e denúncias",
        "2 anos",
        "5 anos",
        "eliminacao",
    ),
]


def _modelo(*paragrafos: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragrafos)


def _c(chave: str, rotulo: str) -> str:
    """A fill-in field (see :mod:`seimg.processos.campos`, which reads them:
    the same markup, kept here because the tables sit below processos)."""
    return (
        f'<span class="seimg-campo" data-campo="{chave}" title="{rotulo}">'
        f"{rotulo}</span>"
    )


# (title, aplicabilidade, numeracao, modelo HTML or None). Each part the
# clerk must write is a fill-in field (_c); signing refuses a document whose
# fields are unchanged.
TIPOS_DOCUMENTO = [
    (
        "Ofício",
        "interno",
        "anual_unidade",
        _modelo(
            f"Ao(À) Senhor(a)<br/>{_c('destinatario', 'Nome do destinatário')}"
            f"<br/>{_c('cargo', 'Cargo')}<br/>"
            f"{_c('orgao', 'Órgão ou entidade')}<br/>{_c('endereco', 'Endereço')}",
            f"Assunto: {_c('assunto', 'Assunto do ofício')}",
            f"Senhor(a) {_c('vocativo', 'Cargo do destinatário')},",
            _c("texto", "Texto do ofício"),
            "Atenciosamente,",
        ),
    ),
    (
        "Memorando",
        "interno",
        "anual_unidade",
        _modelo(
            f"Ao(À) {_c('destino', 'Unidade de destino')}",
            f"Assunto: {_c('assunto', 'Assunto do memorando')}",
            _c("texto", "Texto do memorando"),
            "Atenciosamente,",
        ),
    ),
    (
        "Despacho",
        "interno",
        "anual_unidade",
        _modelo(
            f"À {_c('destino', 'Unidade de destino')},",
            _c("texto", "Encaminhamento ou decisão"),
        ),
    ),
    (
        "Ata",
        "interno",
        "anual_orgao",
        _modelo(
            f"Aos {_c('dia', 'Dia')} dias do mês de {_c('mes', 'Mês')} de "
            f"{_c('ano', 'Ano')}, às {_c('hora', 'Hora')}, reuniram-se em "
            f"{_c('local', 'Local')} os seguintes participantes: "
            f"{_c('participantes', 'Nomes dos participantes')}.",
            f"Pauta: {_c('pauta', 'Itens da pauta')}.",
            _c("registro", "Registro das discussões e deliberações"),
            "Nada mais havendo a tratar, foi encerrada a reunião, e eu, "
            f"{_c('secretario', 'Secretário(a)')}, lavrei a presente ata, que, "
            "lida e aprovada, segue assinada.",
        ),
    ),
    (
        "Comunicado",
        "interno",
        "anual_unidade",
        _modelo(_c("texto", "Texto do comunicado")),
    ),
    (
        "Parecer",
        "interno",
        "anual_unidade",
        _modelo(
            f"Interessado: {_c('interessado', 'Interessado')}",
            f"Assunto: {_c('assunto', 'Assunto')}",
            "I - RELATÓRIO",
            _c("relatorio", "Breve histórico do processo"),
            "II - FUNDAMENTAÇÃO",
            _c("fundamentacao", "Análise técnica ou jurídica"),
            "III - CONCLUSÃO",
            _c("conclusao", "Opinião conclusiva"),
            "É o parecer, salvo melhor juízo.",
        ),
    ),
    (
        "Nota Técnica",
        "interno",
        "anual_unidade",
        _modelo(
            f"Assunto: {_c('assunto', 'Assunto')}",
            "1. Objetivo",
            _c("objetivo", "Objetivo da nota técnica"),
            "2. Análise",
            _c("analise", "Análise"),
            "3. Conclusão e recomendações",
            _c("conclusao", "Conclusão"),
        ),
    ),
    (
        "Portaria",
        "interno",
        "anual_orgao",
        _modelo(
            _c("ementa", "Ementa da portaria"),
            f"O(A) {_c('autoridade', 'Cargo da autoridade')}, no uso das "
            f"atribuições que lhe confere {_c('fundamento', 'Fundamento legal')}, "
            "RESOLVE:",
            f"Art. 1º {_c('texto', 'Texto')}",
            "Art. 2º Esta Portaria entra em vigor na data de sua publicação.",
        ),
    ),
    (
        "Decreto",
        "interno",
        "anual_orgao",
        _modelo(
            _c("ementa", "Ementa do decreto"),
            "O PREFEITO MUNICIPAL, no uso das atribuições que lhe confere a "
            "Lei Orgânica do Município, DECRETA:",
            f"Art. 1º {_c('texto', 'Texto')}",
            "Art. 2º Este Decreto entra em vigor na data de sua publicação.",
        ),
    ),
    (
        "Resolução",
        "interno",
        "anual_orgao",
        _modelo(
            _c("ementa", "Ementa da resolução"),
            f"Art. 1º {_c('texto', 'Texto')}",
            "Art. 2º Esta Resolução entra em vigor na data de sua publicação.",
        ),
    ),
    (
        "Requerimento",
        "ambos",
        "anual_unidade",
        _modelo(
            f"{_c('requerente', 'Nome do requerente')}, "
            f"{_c('qualificacao', 'Qualificação')}, vem respeitosamente requerer "
            f"{_c('objeto', 'Objeto do pedido')}.",
            "Nestes termos, pede deferimento.",
        ),
    ),
    (
        "Termo de Referência",
        "interno",
        "anual_unidade",
        _modelo(
            "1. DO OBJETO",
            _c("objeto", "Descrição do objeto"),
            "2. DA JUSTIFICATIVA",
            _c("justificativa", "Justificativa da contratação"),
            "3. DA ESPECIFICAÇÃO E DOS QUANTITATIVOS",
            _c("especificacao", "Especificação"),
            "4. DO PRAZO E DAS CONDIÇÕES DE EXECUÇÃO",
            _c("prazos", "Prazos"),
        ),
    ),
    (
        "Estudo Técnico Preliminar",
        "interno",
        "anual_unidade",
        _modelo(
            "1. Descrição da necessidade",
            _c("necessidade", "Necessidade"),
            "2. Levantamento de mercado",
            _c("solucoes", "Soluções possíveis"),
            "3. Estimativa do valor da contratação",
            _c("estimativa", "Estimativa"),
        ),
    ),
    (
        "Contrato",
        "ambos",
        "anual_orgao",
        _modelo(
            f"CONTRATO Nº {_c('numero', 'Número')} QUE ENTRE SI CELEBRAM "
            f"{_c('contratante', 'Contratante')} E {_c('contratada', 'Contratada')}.",
            "CLÁUSULA PRIMEIRA - DO OBJETO",
            _c("objeto", "Objeto"),
            "CLÁUSULA SEGUNDA - DO PREÇO",
            _c("valor", "Valor"),
            "CLÁUSULA TERCEIRA - DA VIGÊNCIA",
            _c("vigencia", "Vigência"),
        ),
    ),
    (
        "Edital",
        "interno",
        "anual_orgao",
        _modelo(
            f"{_c('orgao', 'Órgão')} torna público que realizará "
            f"{_c('modalidade', 'Modalidade')}, do tipo "
            f"{_c('criterio', 'Critério de julgamento')}, para "
            f"{_c('objeto', 'Objeto')}, nos termos da Lei nº 14.133/2021.",
            "1. DO OBJETO",
            _c("descricao", "Descrição do objeto"),
        ),
    ),
    (
        "Projeto de Lei",
        "interno",
        "anual_orgao",
        _modelo(
            _c("ementa", "Ementa"),
            "A CÂMARA MUNICIPAL aprova:",
            f"Art. 1º {_c('texto', 'Texto')}",
            "Art. 2º Esta Lei entra em vigor na data de sua publicação.",
            "JUSTIFICATIVA",
            _c("justificativa", "Justificativa"),
        ),
    ),
    (
        "Indicação",
        "interno",
        "anual_orgao",
        _modelo(
            "O Vereador que esta subscreve, na forma regimental, INDICA ao "
            f"Senhor Prefeito Municipal {_c('providencia', 'Providência')}.",
            "JUSTIFICATIVA",
            _c("justificativa", "Justificativa"),
        ),
    ),
    (
        "Moção",
        "interno",
        "anual_orgao",
        _modelo(
            "A Câmara Municipal, na forma regimental, manifesta "
            f"{_c('manifestacao', 'Aplauso, pesar, repúdio ou apoio')} a "
            f"{_c('destinatario', 'Destinatário')}, pelos motivos seguintes:",
            _c("motivos", "Motivos"),
        ),
    ),
    (
        "Relatório",
        "interno",
        "nenhuma",
        _modelo(
            "1. Introdução",
            _c("introducao", "Introdução"),
            "2. Conclusão",
            _c("conclusao", "Conclusão"),
        ),
    ),
    (
        "Informação",
        "interno",
        "anual_unidade",
        _modelo(_c("texto", "Informação prestada")),
    ),
    (
        "Declaração",
        "ambos",
        "nenhuma",
        _modelo(
            "Declaro, para os devidos fins, que "
            f"{_c('conteudo', 'Conteúdo da declaração')}."
        ),
    ),
    (
        "Termo de Encerramento",
        "interno",
        "nenhuma",
        _modelo(
            "Nesta data, encerra-se o presente processo, por "
            f"{_c('motivo', 'Motivo do encerramento')}."
        ),
    ),
    ("Nota de Empenho", "ambos", "anual_orgao", None),
    ("Nota Fiscal", "externo", "informada", None),
    ("Certidão", "externo", "informada", None),
    ("Procuração", "externo", "nenhuma", None),
    ("Documento de Identificação", "externo", "nenhuma", None),
    ("Comprovante", "externo", "nenhuma", None),
    ("Planilha", "externo", "nenhuma", None),
    ("E-mail", "externo", "nenhuma", None),
]

# (title, niveis permitidos, nível sugerido, hipótese sugerida, assuntos)
TIPOS_PROCESSO = [
    (
        "Licitação: Pregão Eletrônico",
        ["publico", "restrito"],
        "publico",
        None,
        ["030.1"],
    ),
    (
        "Licitação: Dispensa de Licitação",
        ["publico", "restrito"],
        "publico",
        None,
        ["030.1"],
    ),
    ("Gestão de Contratos", ["publico", "restrito"], "publico", None, ["030.2"]),
    (
        "Orçamento: Execução da Despesa",
        ["publico", "restrito"],
        "publico",
        None,
        ["050.2"],
    ),
    (
        "Pessoal: Férias",
        ["publico", "restrito"],
        "restrito",
        "Informação Pessoal",
        ["020.1"],
    ),
    (
        "Pessoal: Licença",
        ["restrito"],
        "restrito",
        "Informação Pessoal",
        ["020.2"],
    ),
    (
        "Pessoal: Folha de Pagamento",
        ["publico", "restrito"],
        "restrito",
        "Informação Pessoal",
        ["020.4"],
    ),
    (
        "Pessoal: Processo Disciplinar",
        ["restrito", "sigiloso"],
        "restrito",
        "Investigação de Responsabilidade de Servidor",
        ["020.3"],
    ),
    (
        "Legislativo: Projeto de Lei",
        ["publico"],
        "publico",
        None,
        ["100.1"],
    ),
    (
        "Legislativo: Requerimento",
        ["publico"],
        "publico",
        None,
        ["100.2"],
    ),
    ("Legislativo: Indicação", ["publico"], "publico", None, ["100.2"]),
    (
        "Ouvidoria: Reclamação",
        ["publico", "restrito"],
        "restrito",
        "Informação Pessoal",
        ["110"],
    ),
    (
        "Ouvidoria: Denúncia",
        ["restrito", "sigiloso"],
        "restrito",
        "Informação Pessoal",
        ["110"],
    ),
    (
        "Acesso à Informação: Pedido (LAI)",
        ["publico", "restrito"],
        "publico",
        None,
        ["060.1"],
    ),
    (
        "Tributário: Restituição de Tributos",
        ["restrito"],
        "restrito",
        "Sigilo Fiscal",
        ["050.3"],
    ),
    (
        "Administração: Atos Normativos",
        ["publico"],
        "publico",
        None,
        ["010.1"],
    ),
    (
        "Ofício recebido",
        ["publico", "restrito", "sigiloso"],
        "publico",
        None,
        ["070.1"],
    ),
]
