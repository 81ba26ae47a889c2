"""The public portal in the leak matrix (issue 19, "It must show").

``/transparencia`` and ``GET @transparencia`` answer as an anonymous
visitor whoever asks: what any viewer gets there is judged by column A of
the disclosure table. The scenario of :mod:`.cenario` (S, Ro, Rc, Rp and P
processes; restrito, minuta, reclassified, cancelled and signed documents;
natural, MEI and legal-person interessados) is built once, with:

- ``pessoal/doc`` (a signed público ofício of the Rp process) and
  ``contratos`` (a tipo with "interessados públicos") published too;
- a público process ``cpf`` whose especificação holds a CPF, with an
  external document whose file name holds another;
- the sealed PDF of every signed document made beforehand (stand-ins
  holding the document's own text, sealed for real, no LibreOffice), so a
  process PDF that took in a restricted document would show its marker,
  instead of answering "being prepared".

Every request of :data:`.pedidos.PEDIDOS_COMO_A` (home, searches by each
fixture's unique words and by its NUP in every format, process and
document pages, PDFs, CSV/JSON exports, the órgão's pages, REST) is
published as A and as carlos.mendes (T of every process, G of every
document, C of the sigiloso one), once, in the first test; each test then
asserts one property of the answers:

- no marker column A hides appears, for either login, nor the NUP of the
  sigiloso process, the número SEI of a hidden document or the CRC of a
  document visitors may not read;
- the two logins get the same answer;
- a word or NUP hidden from A is searched exactly like one that never
  existed (results, counts, facets: no oracle); counts and facets add up
  to the results listed;
- hidden objects answer exactly as never-existing numbers (404, same
  Content-Type, same body but for the number asked);
- the probe is not blind: what column A shows is there.
"""

from dataclasses import dataclass
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from seimg.divulgacao import tabela
from tests.divulgacao import cenario
from tests.divulgacao import pedidos
from tests.divulgacao import sonda
from tests.divulgacao.sonda import Pedido
from tests.processos.conftest import como
from tests.processos.conftest import novo_processo
from urllib.parse import quote
from urllib.parse import quote_plus
import json
import lxml.html
import pytest
import re
import shutil
import tempfile
import transaction


_R = {}
LOGINS = {"A": cenario.LEITORES["A"], "G": cenario.LEITORES["G"]}
A = cenario.LEITORES["A"]
ILIMITADO = "100000/100000"


@dataclass(frozen=True)
class Resposta:
    status: int
    tipo: str  # Content-Type
    corpo: bytes
    texto: str  # decoded, lower-cased (sonda.texto_da_resposta)
    url: str


# --- the scenario --------------------------------------------------------
def _html(texto: str) -> RichTextValue:
    return RichTextValue(f"<p>{texto}</p>", "text/html", "text/x-html-safe")


def _documentos(processo) -> list:
    return [d for d in processo.objectValues() if hasattr(d, "tipo_documento")]


def _cpf():
    from seimg.base import brasil
    from validate_docbr import CPF

    numero = CPF().generate()
    return numero, brasil.formatar_cpf(numero)


def _processo_com_cpf(portal, cena) -> None:
    """A público process whose especificação holds a CPF (free text: masked
    for A), with a público external document whose file name holds another."""
    from tests.geracao.test_processo_pdf import externo
    from tests.geracao.test_processo_pdf import pdf_paginas

    cpf, formatado = _cpf()
    cpf_arquivo, formatado_arquivo = _cpf()
    cpf_numero, formatado_numero = _cpf()
    especificacao = cenario.Marcador(
        "MRKCPFESPZ",
        "processo cpf (P): especificação",
        (cenario.Rota(tabela.ESPECIFICACAO, tabela.PUBLICO),),
        chave="cpf",
    )
    conteudo = cenario.Marcador(
        "MRKCPFEXTZ",
        "documento externo público do processo cpf: conteúdo",
        (cenario.Rota(tabela.CONTEUDO_PUBLICO, tabela.PUBLICO),),
        chave="cpf/externo",
    )
    with como(portal, *cenario.GERADOR):
        processo = novo_processo(
            portal,
            especificacao=(
                f"Pedido {especificacao.texto} de Fulano, CPF {formatado}, "
                "e-mail fulano.mrkcpfmailz@example.org"
            ),
        )
        documento = externo(
            processo,
            f"Laudo de {formatado_arquivo}.pdf",
            pdf_paginas(f"Laudo {conteudo.texto}"),
            "application/pdf",
            "7/2026",
        )
        # An external document's number is typed freely: it is its title.
        numerado = externo(
            processo,
            "Requerimento.pdf",
            pdf_paginas("Requerimento do interessado"),
            "application/pdf",
            f"Requerimento de {formatado_numero}",
        )
        processo.reindexObject()
    cena.objetos["cpf"] = processo
    cena.objetos["cpf/externo"] = documento
    cena.objetos["cpf/numerado"] = numerado
    cena.niveis["cpf/numerado"] = tabela.PUBLICO
    cena.ocultos["cpf/numerado"] = cenario.Rota(tabela.EXISTENCIA, tabela.PUBLICO)
    cena.niveis["cpf"] = cena.niveis["cpf/externo"] = tabela.PUBLICO
    cena.ocultos["cpf"] = cena.ocultos["cpf/externo"] = cenario.Rota(
        tabela.EXISTENCIA, tabela.PUBLICO
    )
    cena.marcadores.extend(
        (
            especificacao,
            conteudo,
            # Free text: a CPF with valid check digits is masked for A.
            cenario.Marcador(
                cpf, "processo cpf: CPF na especificação", (), formas=(formatado,)
            ),
            # Free text: e-mail never, for A.
            cenario.Marcador(
                "mrkcpfmailz", "processo cpf: e-mail na especificação", ()
            ),
            cenario.Marcador(
                cpf_numero,
                "processo cpf: CPF no número de um documento externo",
                (),
                formas=(formatado_numero,),
            ),
            cenario.Marcador(
                cpf_arquivo,
                "processo cpf: CPF no nome do arquivo",
                (),
                formas=(formatado_arquivo,),
            ),
        )
    )


def _selar_todos(cena, monkeypatch) -> None:
    """Make the sealed PDF of every signed document now, a stand-in page
    with the document's signed text (sealed for real, no LibreOffice)."""
    from seimg.assinatura import pades
    from seimg.assinatura import registro
    from tests.geracao.test_processo_pdf import pdf_paginas

    def pagina(html: str) -> bytes:
        texto = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html or "")).strip()
        return pdf_paginas(texto or "vazio")

    documentos = {
        d.UID(): d
        for chave, processo in cena.objetos.items()
        if "/" not in chave and chave != "contato"
        for d in _documentos(processo)
    }
    for documento in documentos.values():
        reg = registro.registro(documento)
        if reg is None or not reg.html:
            continue
        with monkeypatch.context() as m:
            m.setattr(pades, "pdf_do_modelo", lambda _d, _m, h=reg.html: pagina(h))
            m.setattr(pades, "html_para_pdf", lambda h: pagina(h))
            try:
                pades.pdf_assinado(documento)
            except Exception as error:
                _R.setdefault("sem_pdf", []).append(f"{documento.getId()}: {error}")
    transaction.commit()


def _proibidos_extras(cena) -> dict:
    """Strings column A hides that are not markers: the sigiloso NUP, the
    número SEI of hidden documents, the CRC of documents A may not read.
    Text → what it is."""
    from seimg.assinatura import api as assinatura
    from seimg.transparencia import api as transparencia

    extras = {}
    sigiloso = cena.objetos["sigiloso"].numero
    extras[sigiloso] = "NUP do processo sigiloso"
    extras[re.sub(r"\D", "", sigiloso)] = "NUP do processo sigiloso (dígitos)"
    for chave in ("sigiloso/doc", "publico/minuta"):
        extras[cena.objetos[chave].numero_sei] = f"número SEI de {chave} (oculto)"
    for chave, obj in cena.objetos.items():
        if "/" not in chave:
            continue
        crc = assinatura.crc(obj)
        if not crc:
            continue
        with transparencia.como_anonimo():
            linha = (
                None if cena.oculto(chave, A) else transparencia.linha_documento(obj)
            )
        if linha is None or not linha.legivel:
            extras[crc] = f"CRC de {chave} (conteúdo que A não lê)"
    return extras


def _montar(portal, monkeypatch):
    cena = cenario.montar(portal)
    (cena.objetos["pessoal/doc"],) = _documentos(cena.objetos["pessoal"])
    cena.niveis["pessoal/doc"] = tabela.PESSOAL
    cena.ocultos["pessoal/doc"] = cenario.Rota(tabela.EXISTENCIA, tabela.PESSOAL)
    cena.fora_da_sonda.discard("contratos")
    _processo_com_cpf(portal, cena)
    transaction.commit()
    _selar_todos(cena, monkeypatch)
    return cena


def _dados(cena) -> dict:
    """What the tests read of the objects, read now: the objects belong to
    the first test's storage, gone when the others run."""
    from seimg.assinatura import api as assinatura
    from seimg.divulgacao import api as divulgacao

    objetos = cena.objetos
    supostos = {
        "pessoal em Rp": divulgacao.nivel(objetos["pessoal"]) == tabela.PESSOAL,
        "pessoal/doc público": objetos["pessoal/doc"].nivel_acesso == "publico",
        "cpf em P": divulgacao.nivel(objetos["cpf"]) == tabela.PUBLICO,
        "aberto/cancelado cancelado": (
            api.content.get_state(objetos["aberto/cancelado"]) == "cancelado"
        ),
        "contratos fora da sonda genérica, publicado aqui": (
            "contratos" not in cena.fora_da_sonda
        ),
    }
    return {
        "valores": {
            chave: pedidos._valores(cena, chave)
            for chave in objetos
            if chave != "contato"
        },
        "nup": {
            k: o.numero for k, o in objetos.items() if "/" not in k and k != "contato"
        },
        "sei": {k: o.numero_sei for k, o in objetos.items() if "/" in k},
        "crc_rascunho": assinatura.crc(objetos["aberto/rascunho"]) or "",
        "supostos": supostos,
    }


# --- publishing ------------------------------------------------------------
def _pedir(session, url, aceita="text/html") -> Resposta:
    resposta = session.get(
        url, headers={"Accept": aceita}, allow_redirects=False, timeout=120
    )
    return Resposta(
        resposta.status_code,
        resposta.headers.get("Content-Type", ""),
        resposta.content,
        sonda.texto_da_resposta(resposta),
        url,
    )


def _nup_inexistente(nup: str) -> str:
    """A NUP of the same shape that never existed: what precedes the
    sequence all nines (the sequence and year, which a search also reads
    as "nº 3/2026" of any process or document, kept)."""
    achado = re.search(r"(\d+)(\s*/\s*\d{4})", nup)
    if not achado:
        return re.sub(r"\d", "9", nup)
    inicio = achado.start(1)
    return re.sub(r"\d", "9", nup[:inicio]) + nup[inicio:]


def _digitos(texto: str) -> str:
    return re.sub(r"\D", "", texto)


def _sei_inexistente(numero: str) -> str:
    return "9" * len(numero)


def _gemeo(texto: str) -> str:
    """A never-existing term of the same shape as a marker."""
    from validate_docbr import CNPJ
    from validate_docbr import CPF

    if texto.isdigit():
        return CPF().generate() if len(texto) == 11 else CNPJ().generate()
    letra = "Q" if texto[3:4].isupper() else "q"
    return texto[:3] + letra * (len(texto) - 4) + texto[-1]


def _pares_404(cena) -> list:
    """(label, hidden path, never-existing path, Accept, identifiers)."""
    pares = []
    nup = cena.objetos["sigiloso"].numero
    outro = _nup_inexistente(nup)
    ids = ((nup, outro), (_digitos(nup), _digitos(outro)))
    for caminho, aceita in (
        ("transparencia/processo/{}", "text/html"),
        ("transparencia/processo/{}/pdf", "text/html"),
        ("@transparencia/processo/{}", "application/json"),
    ):
        pares.append(
            (
                f"sigiloso {caminho}",
                caminho.format(_digitos(nup)),
                caminho.format(_digitos(outro)),
                aceita,
                ids,
            )
        )
    for caminho, aceita in (
        ("transparencia/pesquisa?q={}", "text/html"),
        ("@transparencia?q={}", "application/json"),
    ):
        for forma in (nup, _digitos(nup)):
            inexistente = outro if forma == nup else _digitos(outro)
            pares.append(
                (
                    f"sigiloso {caminho} ({forma})",
                    caminho.format(quote_plus(forma)),
                    caminho.format(quote_plus(inexistente)),
                    aceita,
                    ids,
                )
            )
    for chave in ("sigiloso/doc", "publico/minuta"):
        numero = cena.objetos[chave].numero_sei
        inexistente = _sei_inexistente(numero)
        for caminho, aceita in (
            ("transparencia/documento/{}", "text/html"),
            ("transparencia/documento/{}/pdf", "text/html"),
            ("@transparencia/documento/{}", "application/json"),
            ("transparencia/pesquisa?q={}", "text/html"),
            ("@transparencia?q={}", "application/json"),
        ):
            pares.append(
                (
                    f"{chave} {caminho}",
                    caminho.format(numero),
                    caminho.format(inexistente),
                    aceita,
                    ((numero, inexistente),),
                )
            )
    return pares


def _normalizar(corpo: bytes, trocas) -> bytes:
    """The body with each identifier asked (and its URL forms) replaced by
    one placeholder, and moments of generation blanked."""
    texto = corpo.decode("utf-8", "replace")
    for indice, termo in enumerate(trocas):
        formas = {termo, quote(termo, safe=""), quote_plus(termo), quote(termo)}
        for forma in sorted(formas, key=len, reverse=True):
            texto = re.sub(re.escape(forma), f"<termo{indice}>", texto, flags=re.I)
    texto = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[\d.:+-]*Z?", "<momento>", texto)
    # plone.protect's token for signed-in users changes with time.
    texto = re.sub(r'data-token="\w+"', 'data-token=""', texto)
    texto = re.sub(r'(name="_authenticator"[^>]*value=)"\w+"', r'\1""', texto)
    return texto.encode()


def publicar(acceptance, site_url) -> dict:
    """Build the scenario and publish everything once (first test asking)."""
    if "respostas" in _R:
        return _R
    if "falhou" in _R:
        pytest.fail(f"a publicação falhou no primeiro teste: {_R['falhou']}")
    try:
        return _publicar(acceptance, site_url)
    except Exception as error:
        _R["falhou"] = repr(error)
        raise


def _snapshots(portal) -> list:
    """The open-data snapshot of CMVS made now: requests for its files."""
    from seimg.transparencia.dados import snapshots

    caminhos = snapshots.gerar(portal, portal["orgaos"][cenario.ORGAO_GERADOR])
    nomes = [c.name for c in caminhos] + [f"{c.name}.sha256" for c in caminhos]
    return [
        Pedido(
            f"transparencia/orgao/{cenario.ORGAO_GERADOR}/dados-abertos/{nome}",
            no_site=True,
        )
        for nome in nomes
    ]


def _publicar(acceptance, site_url) -> dict:
    from seimg.assinatura import certificados

    portal = acceptance["portal"]
    dados = Path(tempfile.mkdtemp(prefix="seimg-vazamentos-"))
    with pytest.MonkeyPatch.context() as mp:
        # A private SEIMG_DATA (snapshots, cached process PDFs) with the
        # certificates in use; no background LibreOffice work; the portal's
        # buckets out of the way (429 would hide answers; the limits have
        # tests of their own).
        (dados / "certificados").symlink_to(certificados.pasta())
        mp.setenv("SEIMG_DATA", str(dados))
        mp.setenv("SEIMG_PDF_PREGERAR", "0")
        for classe in ("PAGINA", "EXPORTACAO", "PDF"):
            mp.setenv(f"SEIMG_BALDE_{classe}", ILIMITADO)
        try:
            return _publicar_em(portal, site_url, mp)
        finally:
            shutil.rmtree(dados, ignore_errors=True)


def _publicar_em(portal, site_url, mp) -> dict:
    cena = _montar(portal, mp)
    _R["cena"] = cena
    _R["dados"] = _dados(cena)
    _R["extras"] = _proibidos_extras(cena)
    por_chave = pedidos.expandir_como_a(cena)
    por_chave["snapshot"] = _snapshots(portal)
    _R["pedidos"] = por_chave
    respostas = {}
    with sonda.limites_privados():
        for codigo, leitor in LOGINS.items():
            with sonda.sessao(leitor) as session:
                for chave, lista in por_chave.items():
                    for pedido in lista:
                        url = pedido.url("", site_url)
                        respostas[codigo, chave, str(pedido)] = _pedir(
                            session, url, pedido.aceita
                        )
                # Hidden objects against never-existing numbers.
                for rotulo, oculto, inexistente, aceita, ids in _pares_404(cena):
                    _R.setdefault("pares", []).append(
                        (
                            codigo,
                            rotulo,
                            _pedir(session, f"{site_url}/{oculto}", aceita),
                            _pedir(session, f"{site_url}/{inexistente}", aceita),
                            ids,
                        )
                    )
        # Words and numbers hidden from A, against never-existing ones.
        with sonda.sessao(A) as session:
            for indice, marcador in enumerate(cena.proibidos(A)):
                gemeo = _gemeo(marcador.texto)
                caminhos = [("@transparencia?q={}&b_size=50", "application/json")]
                if marcador.texto.endswith("NOMZ") or marcador.texto.isdigit():
                    # Names, CPFs and CNPJs: the interessado filter too.
                    caminhos.append(
                        (
                            "@transparencia?interessado={}&b_size=50",
                            "application/json",
                        )
                    )
                if indice % 8 == 0:  # the page and the export: a sample
                    caminhos += [
                        ("transparencia/pesquisa?q={}", "text/html"),
                        ("transparencia/pesquisa.json?q={}", "application/json"),
                    ]
                for caminho, aceita in caminhos:
                    _R.setdefault("oraculo", []).append(
                        (
                            marcador,
                            caminho,
                            _pedir(
                                session,
                                f"{site_url}/"
                                + caminho.format(quote_plus(marcador.texto)),
                                aceita,
                            ),
                            _pedir(
                                session,
                                f"{site_url}/" + caminho.format(quote_plus(gemeo)),
                                aceita,
                            ),
                            (marcador.texto, gemeo),
                        )
                    )
        # The órgão's settings, last (they change what every page shows).
        _R["corte"] = _com_data_de_corte(portal, site_url)
        _R["desligado"] = _com_portal_desligado(portal, site_url)
    _R["respostas"] = respostas
    return _R


def _com_data_de_corte(portal, site_url) -> list:
    """CMVS's data de corte set to tomorrow: every público document of its
    processes is then listed with a marker, neither searchable nor
    openable. (label, answer, texts that must not be in it, status wanted)."""
    import datetime

    dados = _R["dados"]
    portal["orgaos"][cenario.ORGAO_GERADOR].data_corte = (
        datetime.date.today() + datetime.timedelta(days=2)
    )
    transaction.commit()
    sei = dados["sei"]["aberto/rascunho"]
    nup = _digitos(dados["nup"]["aberto"])
    proibidos = tuple(t for t in ("mrkabefinz", dados["crc_rascunho"].lower()) if t)
    gemeo = _gemeo("MRKABEFINZ")
    resultado = []
    with sonda.sessao(A) as session:
        for caminho, aceita, status in (
            (f"transparencia/documento/{sei}", "text/html", 200),
            (f"transparencia/documento/{sei}/pdf", "text/html", 404),
            (f"@transparencia/documento/{sei}", "application/json", 200),
            (f"transparencia/processo/{nup}", "text/html", 200),
            (f"transparencia/processo/{nup}/pdf", "text/html", None),
            ("transparencia/pesquisa?q=mrkabe*&b_size=50", "text/html", 200),
            ("transparencia/pesquisa.json?q=mrkabe*", "application/json", 200),
            ("@transparencia?q=mrkabe*", "application/json", 200),
        ):
            r = _pedir(session, f"{site_url}/{caminho}", aceita)
            extra = ("conferir-autenticidade?cv=",) if "documento/" in caminho else ()
            resultado.append((caminho, r, proibidos + extra, status))
        # A word only in content behind the cut: searched as one that never
        # existed.
        url = f"{site_url}/@transparencia?q="
        oculto = _pedir(session, f"{url}MRKABEFINZ", "application/json")
        inexistente = _pedir(session, f"{url}{gemeo}", "application/json")
        resultado.append(
            (
                "@transparencia?q=MRKABEFINZ ≡ nunca existiu",
                oculto,
                (),
                200,
                _normalizar(oculto.corpo, ("MRKABEFINZ",))
                == _normalizar(inexistente.corpo, (gemeo,)),
            )
        )
    return resultado


def _com_portal_desligado(portal, site_url) -> list:
    """CMVS's portal off: its processes and documents, and its page, answer
    exactly as never-existing ones; searches find nothing of it.
    (label, hidden answer, never-existing answer) pairs, and search answers."""
    dados = _R["dados"]
    portal["orgaos"][cenario.ORGAO_GERADOR].portal_ativo = False
    transaction.commit()
    nup = _digitos(dados["nup"]["aberto"])
    outro = _digitos(_nup_inexistente(dados["nup"]["aberto"]))
    sei = dados["sei"]["aberto/rascunho"]
    outro_sei = _sei_inexistente(sei)
    pares = []
    with sonda.sessao(A) as session:
        for caminho, aceita, ids in (
            ("transparencia/processo/{}", "text/html", (nup, outro)),
            ("@transparencia/processo/{}", "application/json", (nup, outro)),
            ("transparencia/documento/{}", "text/html", (sei, outro_sei)),
            ("@transparencia/documento/{}", "application/json", (sei, outro_sei)),
            ("transparencia/orgao/{}", "text/html", ("cmvs", "xqzw")),
            ("transparencia/orgao/{}/lai", "text/html", ("cmvs", "xqzw")),
        ):
            pares.append(
                (
                    caminho,
                    _pedir(session, f"{site_url}/{caminho.format(ids[0])}", aceita),
                    _pedir(session, f"{site_url}/{caminho.format(ids[1])}", aceita),
                    ids,
                )
            )
        buscas = [
            _pedir(
                session,
                f"{site_url}/@transparencia?q=mrk*&b_size=50",
                "application/json",
            ),
            _pedir(session, f"{site_url}/transparencia/pesquisa?q=mrk*", "text/html"),
        ]
    return pares, buscas


# --- the tests -------------------------------------------------------------
# Leaks in the portal's code, left out of the general check and each
# asserted by its own strict xfail (it fails to xfail once fixed, and must
# then leave this list): name → (request path fragment, marker, reason).
FALHAS_CONHECIDAS: dict = {}
# Words hidden from A that A's search still matches (an oracle), each
# asserted by its own strict xfail: marker → reason.
ORACULOS_CONHECIDOS: dict = {}


def _conhecida(pedido: str, onde: str) -> str | None:
    for nome, (fragmento, marcador, _motivo) in FALHAS_CONHECIDAS.items():
        if fragmento in pedido and onde == marcador:
            return nome
    return None


def _vazamentos(res) -> dict:
    """Leak description → the known failure it is, or None."""
    proibidos = res["cena"].proibidos(A)
    achados = {}
    for codigo, _chave, pedido, r in _todas(res):
        for marcador in proibidos:
            if sonda.contem(r.texto, marcador):
                achados[f"[{codigo}] {pedido} → {r.status}: {marcador.onde}"] = (
                    _conhecida(pedido, marcador.onde)
                )
        for termo, onde in res["extras"].items():
            if termo.lower() in pedido.lower():
                continue
            if _contem_termo(r.texto, termo):
                achados[f"[{codigo}] {pedido} → {r.status}: {onde} ({termo})"] = (
                    _conhecida(pedido, onde)
                )
    return achados


def _todas(res):
    for (codigo, chave, pedido), resposta in res["respostas"].items():
        yield codigo, chave, pedido, resposta


def test_nenhuma_resposta_5xx_nem_429(acceptance, site_url):
    res = publicar(acceptance, site_url)
    erros = sorted(
        {
            f"{pedido} → {r.status}: {sonda._erro(r.texto)}"
            for _codigo, _chave, pedido, r in _todas(res)
            if r.status >= 500 or r.status == 429
        }
    )
    assert not erros, f"{len(erros)} pedido(s):\n" + "\n".join(erros)


def _contem_termo(texto: str, termo: str) -> bool:
    """``termo`` in ``texto`` as a whole token (numbers inside longer
    numbers or hashes are not it)."""
    return bool(re.search(rf"(?<![\w.]){re.escape(termo.lower())}(?![\w/])", texto))


def test_nada_que_a_coluna_a_esconde_aparece(acceptance, site_url):
    """Markers hidden from A, the sigiloso NUP, hidden documents' números
    SEI and unreadable documents' CRCs: in no answer, whoever asked (an
    identifier is not looked for in the answer to a request naming it)."""
    res = publicar(acceptance, site_url)
    achados = sorted(a for a, conhecida in _vazamentos(res).items() if not conhecida)
    assert not achados, f"{len(achados)} vazamento(s):\n" + "\n".join(achados)


@pytest.mark.parametrize(
    "nome",
    [
        pytest.param(nome, marks=pytest.mark.xfail(strict=True, reason=motivo))
        for nome, (_f, _m, motivo) in FALHAS_CONHECIDAS.items()
    ],
)
def test_vazamento_conhecido(acceptance, site_url, nome):
    res = publicar(acceptance, site_url)
    achados = sorted(
        a for a, conhecida in _vazamentos(res).items() if conhecida == nome
    )
    assert not achados, "\n".join(achados)


def _conteudo(r: Resposta):
    """What the portal itself answered: JSON decoded; a page's portal
    region (the layout around it is the viewer's); other bodies' text."""
    if r.tipo.startswith("application/json"):
        try:
            return json.loads(_normalizar(r.corpo, ()))
        except ValueError:
            return r.corpo
    if r.tipo.startswith("text/html") and r.corpo:
        arvore = lxml.html.fromstring(r.corpo)
        regiao = arvore.cssselect(".seimg-portal") or arvore.cssselect("#content")
        if regiao:
            return re.sub(r"\s+", " ", regiao[0].text_content()).strip()
        return ""
    return _normalizar(r.corpo, ()) if not r.corpo.startswith(b"%PDF") else r.texto


def test_todo_leitor_recebe_a_resposta_de_a(acceptance, site_url):
    res = publicar(acceptance, site_url)
    diferentes = []
    for (codigo, chave, pedido), r in res["respostas"].items():
        if codigo == "A":
            continue
        a = res["respostas"]["A", chave, pedido]
        if (a.status, a.tipo) != (r.status, r.tipo):
            diferentes.append(
                f"{pedido}: A {a.status} {a.tipo} / {codigo} {r.status} {r.tipo}"
            )
        elif a.status == 200 and _conteudo(a) != _conteudo(r):
            diferentes.append(f"{pedido}: conteúdo diferente para {codigo}")
    assert not diferentes, "\n".join(sorted(set(diferentes)))


def test_termo_oculto_e_pesquisado_como_inexistente(acceptance, site_url):
    """No oracle: searching a word, CPF, CNPJ or e-mail A may not see gives
    what a never-existing one of the same shape gives (results, count,
    facets, the 'consulta ampla' flag)."""
    res = publicar(acceptance, site_url)
    diferentes = _oraculos(res, lambda onde: onde not in ORACULOS_CONHECIDOS)
    assert not diferentes, "\n".join(diferentes)


@pytest.mark.parametrize(
    "onde",
    [
        pytest.param(onde, marks=pytest.mark.xfail(strict=True, reason=motivo))
        for onde, motivo in ORACULOS_CONHECIDOS.items()
    ],
)
def test_oraculo_conhecido(acceptance, site_url, onde):
    res = publicar(acceptance, site_url)
    diferentes = _oraculos(res, lambda outro: outro == onde)
    assert not diferentes, "\n".join(diferentes)


def _oraculos(res, incluir) -> list:
    diferentes = []
    for marcador, caminho, oculto, inexistente, trocas in res["oraculo"]:
        if not incluir(marcador.onde):
            continue
        a = _normalizar(oculto.corpo, trocas[:1])
        b = _normalizar(inexistente.corpo, trocas[1:])
        if (oculto.status, a) != (inexistente.status, b):
            diferentes.append(
                f"{caminho.format(marcador.texto)} ({marcador.onde}): "
                f"{oculto.status} / {inexistente.status}, "
                f"{len(oculto.corpo)} / {len(inexistente.corpo)} bytes"
            )
    return diferentes


def test_oculto_responde_como_inexistente(acceptance, site_url):
    res = publicar(acceptance, site_url)
    diferencas = []
    for codigo, rotulo, oculto, inexistente, ids in res["pares"]:
        a = _normalizar(oculto.corpo, [i for i, _o in ids])
        b = _normalizar(inexistente.corpo, [o for _i, o in ids])
        if oculto.status != inexistente.status:
            diferencas.append(
                f"[{codigo}] {rotulo}: {oculto.status} / {inexistente.status}"
            )
        elif "/pesquisa" not in rotulo and "?q=" not in rotulo and oculto.status != 404:
            diferencas.append(f"[{codigo}] {rotulo}: {oculto.status}, esperado 404")
        if oculto.tipo != inexistente.tipo:
            diferencas.append(
                f"[{codigo}] {rotulo}: Content-Type {oculto.tipo} / {inexistente.tipo}"
            )
        if a != b:
            diferencas.append(
                f"[{codigo}] {rotulo}: corpos diferentes "
                f"({len(oculto.corpo)} / {len(inexistente.corpo)} bytes)"
            )
    assert not diferencas, "\n".join(diferencas)


def test_contagens_e_facetas_somam_os_resultados(acceptance, site_url):
    """Counts and facets derive from the results A may see: with no
    filter, each facet's counts add up to the total, which is the number
    of items listed (fewer than a page here), and the sigiloso process is
    none of them."""
    res = publicar(acceptance, site_url)
    erros = []
    for (codigo, _chave, pedido), r in res["respostas"].items():
        if not pedido.startswith("(site) @transparencia?q=") or r.status != 200:
            continue
        dados = json.loads(r.corpo)
        total = dados["items_total"]
        if dados.get("consulta_ampla"):
            continue
        if total != len(dados["items"]) and total <= dados["b_size"]:
            erros.append(f"[{codigo}] {pedido}: {total} ≠ {len(dados['items'])} itens")
        for nome, valores in dados["facetas"].items():
            soma = sum(v["quantidade"] for v in valores)
            if soma != total:
                erros.append(
                    f"[{codigo}] {pedido}: faceta {nome} soma {soma} ≠ {total}"
                )
        numeros = {item["numero"] for item in dados["items"]}
        if res["dados"]["nup"]["sigiloso"] in numeros:
            erros.append(f"[{codigo}] {pedido}: o processo sigiloso listado")
    assert not erros, "\n".join(erros)


def _resposta(res, chave, caminho, codigo="A"):
    for (c, k, pedido), r in res["respostas"].items():
        if c == codigo and k == chave and pedido.startswith(f"(site) {caminho} ["):
            return r
    raise KeyError((codigo, chave, caminho))


def _caminho(res, chave, modelo):
    return pedidos._preencher(modelo, res["dados"]["valores"][chave])


def test_sonda_nao_e_cega(acceptance, site_url):
    """What column A shows is there (so the checks above look at real
    answers): especificação and legal persons of a P process, the rows of
    restricted and cancelled documents, a signed público document's text,
    CRC and authenticity link, its PDF and the process PDF, the search and
    its exports, masked CPFs, interessados of a tipo that says public."""
    res = publicar(acceptance, site_url)
    sei = res["dados"]["sei"]
    nup = res["dados"]["nup"]
    crc = res["dados"]["crc_rascunho"]
    esperados = [
        ("aberto", "transparencia/processo/{nup_digitos}", 200,
         ("mrkabeespz", "mrkabepjnomz", "cancelado em", sei["aberto/rascunho"])),
        ("publico", "transparencia/processo/{nup_digitos}", 200,
         ("mrkpubespz", sei["publico/doc"], sei["publico/reclassificado"],
          "acesso restrito")),
        ("restrito", "transparencia/processo/{nup_digitos}", 200, ()),
        ("pessoal", "transparencia/processo/{nup_digitos}", 200,
         (sei["pessoal/doc"], "acesso restrito")),
        ("contratos", "transparencia/processo/{nup_digitos}", 200,
         ("mrkctrintnomz", "mrkctrmeinomz")),
        ("cpf", "transparencia/processo/{nup_digitos}", 200, ("mrkcpfespz", "***.")),
        ("sigiloso", "transparencia/processo/{nup_digitos}", 404, ()),
        ("aberto/rascunho", "transparencia/documento/{numero_sei}", 200,
         ("mrkabefinz", crc.lower(), "conferir-autenticidade?cv=")),
        ("aberto/rascunho", "transparencia/documento/{numero_sei}/pdf", 200,
         ("mrkabefinz",)),
        ("aberto", "transparencia/processo/{nup_digitos}/pdf", 200, ("mrkabefinz",)),
        ("cpf/externo", "transparencia/documento/{numero_sei}", 200, ()),
        ("publico/doc", "transparencia/documento/{numero_sei}", 200,
         ("acesso restrito",)),
        ("aberto/cancelado", "transparencia/documento/{numero_sei}", 200,
         ("cancelado em",)),
        ("publico/minuta", "transparencia/documento/{numero_sei}", 404, ()),
        ("aberto", "transparencia/pesquisa?q={nup}", 302, ()),
        ("publico", "transparencia/pesquisa?q=mrk*&b_size=50", 200,
         (nup["aberto"], nup["publico"], nup["contratos"], nup["cpf"])),
        ("publico", "transparencia/pesquisa.csv?q=mrk*", 200,
         (nup["aberto"], "mrkabeespz")),
        ("publico", "transparencia/pesquisa.json?q=mrk*", 200,
         (nup["aberto"], "mrkabeespz")),
        ("publico", "@transparencia?q=mrk*&b_size=50", 200,
         (nup["aberto"], nup["publico"], nup["contratos"], nup["cpf"])),
        ("aberto", "@transparencia/processo/{nup_digitos}", 200,
         ("mrkabeespz", "mrkabepjnomz")),
        ("aberto/rascunho", "@transparencia/documento/{numero_sei}", 200,
         ("mrkabefinz", crc.lower())),
    ]  # fmt: skip
    faltam = []
    for chave, modelo, status, textos in esperados:
        caminho = _caminho(res, chave, modelo)
        try:
            r = _resposta(res, chave, caminho)
        except KeyError:
            faltam.append(f"{chave} {caminho}: não publicado")
            continue
        if r.status != status:
            faltam.append(f"{chave} {caminho}: {r.status}, esperado {status}")
            continue
        for texto in textos:
            if texto.lower() not in r.texto:
                faltam.append(f"{chave} {caminho}: sem {texto!r}")
    snapshot = [
        r
        for (c, k, pedido), r in res["respostas"].items()
        if c == "A" and k == "snapshot" and ".csv [" in pedido
    ]
    if not snapshot or snapshot[0].status != 200:
        faltam.append("snapshot CSV de CMVS: não servido")
    elif not all(t in snapshot[0].texto for t in (nup["aberto"], "mrkabeespz")):
        faltam.append("snapshot CSV de CMVS: sem o processo aberto")
    if res.get("sem_pdf"):
        faltam.append("PDFs selados não feitos: " + "; ".join(res["sem_pdf"]))
    assert not faltam, "\n".join(faltam)


def test_data_de_corte_esconde_o_conteudo(acceptance, site_url):
    """Público documents signed before the órgão's data de corte: their
    row only, for pages, PDFs, REST and search alike (no oracle)."""
    res = publicar(acceptance, site_url)
    erros = []
    for item in res["corte"]:
        caminho, r, proibidos, status = item[:4]
        if status is not None and r.status != status:
            erros.append(f"{caminho}: {r.status}, esperado {status}")
        erros += [f"{caminho}: {p!r} apareceu" for p in proibidos if p in r.texto]
        if len(item) > 4 and not item[4]:
            erros.append(f"{caminho}: diferente")
    assert not erros, "\n".join(erros)


def test_portal_desligado_responde_como_inexistente(acceptance, site_url):
    res = publicar(acceptance, site_url)
    pares, buscas = res["desligado"]
    erros = []
    for caminho, oculto, inexistente, ids in pares:
        a = _normalizar(oculto.corpo, ids[:1])
        b = _normalizar(inexistente.corpo, ids[1:])
        if (oculto.status, oculto.tipo, a) != (inexistente.status, inexistente.tipo, b):
            erros.append(
                f"{caminho}: {oculto.status} {len(oculto.corpo)} bytes / "
                f"{inexistente.status} {len(inexistente.corpo)} bytes"
            )
        elif oculto.status != 404:
            erros.append(f"{caminho}: {oculto.status}, esperado 404")
    nups = [n.lower() for n in res["dados"]["nup"].values()]
    for r in buscas:
        erros += [f"{r.url}: {n} listado" for n in nups if n in r.texto]
    assert not erros, "\n".join(erros)


def test_cenario_tem_o_que_a_tabela_supoe(acceptance, site_url):
    """The added fixtures are what the checks assume, and the requests
    went out (two logins: about 500 answers)."""
    res = publicar(acceptance, site_url)
    falsos = [nome for nome, ok in res["dados"]["supostos"].items() if not ok]
    # Not blind by omission: every kind of request went out.
    contagens = {
        "pedidos": len(res["respostas"]),
        "pares": len(res["pares"]),
        "oraculo": len(res["oraculo"]),
    }
    minimos = {"pedidos": 300, "pares": 30, "oraculo": 60}
    falsos += [
        f"{nome}: {contagens[nome]} < {minimo}"
        for nome, minimo in minimos.items()
        if contagens[nome] < minimo
    ]
    assert not falsos, falsos
