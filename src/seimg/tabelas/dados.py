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


# (title, aplicabilidade, numeracao, modelo HTML or None)
TIPOS_DOCUMENTO = [
    (
        "Ofício",
        "interno",
        "anual_unidade",
        _modelo(
            "Ao(À) Senhor(a)<br/>[Nome do destinatário]<br/>[Cargo]<br/>"
            "[Órgão ou entidade]<br/>[Endereço]",
            "Assunto: [assunto do ofício]",
            "Senhor(a) [cargo],",
            "[Texto do ofício.]",
            "Atenciosamente,",
        ),
    ),
    (
        "Memorando",
        "interno",
        "anual_unidade",
        _modelo(
            "Ao(À) [unidade de destino]",
            "Assunto: [assunto do memorando]",
            "[Texto do memorando.]",
            "Atenciosamente,",
        ),
    ),
    (
        "Despacho",
        "interno",
        "nenhuma",
        _modelo(
            "À [unidade de destino],",
            "[Encaminhamento ou decisão.]",
        ),
    ),
    (
        "Ata",
        "interno",
        "anual_orgao",
        _modelo(
            "Aos [dia] dias do mês de [mês] de [ano], às [hora], reuniram-se "
            "em [local] os seguintes participantes: [nomes].",
            "Pauta: [itens da pauta].",
            "[Registro das discussões e deliberações.]",
            "Nada mais havendo a tratar, foi encerrada a reunião, e eu, "
            "[secretário(a)], lavrei a presente ata, que, lida e aprovada, "
            "segue assinada.",
        ),
    ),
    (
        "Comunicado",
        "interno",
        "anual_unidade",
        _modelo("[Texto do comunicado.]"),
    ),
    (
        "Parecer",
        "interno",
        "anual_unidade",
        _modelo(
            "Interessado: [interessado]",
            "Assunto: [assunto]",
            "I - RELATÓRIO",
            "[Breve histórico do processo.]",
            "II - FUNDAMENTAÇÃO",
            "[Análise técnica ou jurídica.]",
            "III - CONCLUSÃO",
            "[Opinião conclusiva.]",
            "É o parecer, salvo melhor juízo.",
        ),
    ),
    (
        "Nota Técnica",
        "interno",
        "anual_unidade",
        _modelo(
            "Assunto: [assunto]",
            "1. Objetivo",
            "[Objetivo da nota técnica.]",
            "2. Análise",
            "[Análise.]",
            "3. Conclusão e recomendações",
            "[Conclusão.]",
        ),
    ),
    (
        "Portaria",
        "interno",
        "anual_orgao",
        _modelo(
            "[Ementa da portaria.]",
            "O(A) [cargo da autoridade], no uso das atribuições que lhe "
            "confere [fundamento legal], RESOLVE:",
            "Art. 1º [Texto.]",
            "Art. 2º Esta Portaria entra em vigor na data de sua publicação.",
        ),
    ),
    (
        "Decreto",
        "interno",
        "anual_orgao",
        _modelo(
            "[Ementa do decreto.]",
            "O PREFEITO MUNICIPAL, no uso das atribuições que lhe confere a "
            "Lei Orgânica do Município, DECRETA:",
            "Art. 1º [Texto.]",
            "Art. 2º Este Decreto entra em vigor na data de sua publicação.",
        ),
    ),
    (
        "Resolução",
        "interno",
        "anual_orgao",
        _modelo(
            "[Ementa da resolução.]",
            "Art. 1º [Texto.]",
            "Art. 2º Esta Resolução entra em vigor na data de sua publicação.",
        ),
    ),
    (
        "Requerimento",
        "ambos",
        "anual_unidade",
        _modelo(
            "[Nome do requerente], [qualificação], vem respeitosamente "
            "requerer [objeto do pedido].",
            "Nestes termos, pede deferimento.",
        ),
    ),
    (
        "Termo de Referência",
        "interno",
        "anual_unidade",
        _modelo(
            "1. DO OBJETO",
            "[Descrição do objeto.]",
            "2. DA JUSTIFICATIVA",
            "[Justificativa da contratação.]",
            "3. DA ESPECIFICAÇÃO E DOS QUANTITATIVOS",
            "[Especificação.]",
            "4. DO PRAZO E DAS CONDIÇÕES DE EXECUÇÃO",
            "[Prazos.]",
        ),
    ),
    (
        "Estudo Técnico Preliminar",
        "interno",
        "anual_unidade",
        _modelo(
            "1. Descrição da necessidade",
            "[Necessidade.]",
            "2. Levantamento de mercado",
            "[Soluções possíveis.]",
            "3. Estimativa do valor da contratação",
            "[Estimativa.]",
        ),
    ),
    (
        "Contrato",
        "ambos",
        "anual_orgao",
        _modelo(
            "CONTRATO Nº [número] QUE ENTRE SI CELEBRAM [CONTRATANTE] E [CONTRATADA].",
            "CLÁUSULA PRIMEIRA - DO OBJETO",
            "[Objeto.]",
            "CLÁUSULA SEGUNDA - DO PREÇO",
            "[Valor.]",
            "CLÁUSULA TERCEIRA - DA VIGÊNCIA",
            "[Vigência.]",
        ),
    ),
    (
        "Edital",
        "interno",
        "anual_orgao",
        _modelo(
            "[Órgão] torna público que realizará [modalidade], do tipo "
            "[critério de julgamento], para [objeto], nos termos da "
            "Lei nº 14.133/2021.",
            "1. DO OBJETO",
            "[Objeto.]",
        ),
    ),
    (
        "Projeto de Lei",
        "interno",
        "anual_orgao",
        _modelo(
            "[Ementa.]",
            "A CÂMARA MUNICIPAL aprova:",
            "Art. 1º [Texto.]",
            "Art. 2º Esta Lei entra em vigor na data de sua publicação.",
            "JUSTIFICATIVA",
            "[Justificativa.]",
        ),
    ),
    (
        "Indicação",
        "interno",
        "anual_orgao",
        _modelo(
            "O Vereador que esta subscreve, na forma regimental, INDICA ao "
            "Senhor Prefeito Municipal [providência].",
            "JUSTIFICATIVA",
            "[Justificativa.]",
        ),
    ),
    (
        "Moção",
        "interno",
        "anual_orgao",
        _modelo(
            "A Câmara Municipal, na forma regimental, manifesta [aplauso, "
            "pesar, repúdio ou apoio] a [destinatário], pelos motivos "
            "seguintes:",
            "[Motivos.]",
        ),
    ),
    (
        "Relatório",
        "interno",
        "nenhuma",
        _modelo("1. Introdução", "[Texto.]", "2. Conclusão", "[Texto.]"),
    ),
    ("Informação", "interno", "nenhuma", _modelo("[Informação prestada.]")),
    (
        "Declaração",
        "ambos",
        "nenhuma",
        _modelo("Declaro, para os devidos fins, que [conteúdo da declaração]."),
    ),
    (
        "Termo de Encerramento",
        "interno",
        "nenhuma",
        _modelo(
            "Nesta data, encerra-se o presente processo, por [motivo do encerramento]."
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
