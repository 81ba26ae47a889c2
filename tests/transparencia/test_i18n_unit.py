"""Every text of the public portal has its pt-BR translation (issue 19).

The portal's msgids carry English defaults (``_("id", default="...")`` in
code, ``i18n:translate="id"`` in templates): a msgid without a msgstr in
the pt-BR catalog reaches visitors in English. These tests read the msgids
of the files below straight from the source (no Plone) and look each one up
in ``locales/pt_BR/LC_MESSAGES/seimg.po``, which is also checked for
duplicated msgids (``msgfmt`` refuses such a catalog).
"""

from pathlib import Path
import ast
import collections
import lxml.html
import pytest
import re


SEIMG = Path(__file__).resolve().parents[2] / "src" / "seimg"
PO = SEIMG / "locales" / "pt_BR" / "LC_MESSAGES" / "seimg.po"

# What visitors read (the portal, the disclosure table's markers) and the
# staff settings and pages of issue 19 (órgão's portal fieldset, informação
# classificada, revisão de acesso on conclusion). Globs: a file not there
# yet is not an error.
ARQUIVOS = (
    "transparencia/**/*.py",
    "transparencia/**/*.pt",
    "divulgacao/textos.py",
    "nivel_acesso/classificacao.py",
    "processos/classificacao.py",
    "processos/**/classificacoes.py",
    "processos/**/classificacoes.pt",
    "tramitacao/revisao.py",
    "tramitacao/**/revisao*.py",
    "tramitacao/**/revisao*.pt",
)
# content/orgao.py holds older fields too: only the portal's own msgids.
ORGAO = SEIMG / "content" / "orgao.py"
CAMPOS_ORGAO = re.compile(
    r"orgao_(fieldset_transparencia|portal_|lai_|encarregado_|tratamento_dados|"
    r"data_corte|hipoteses_revisao)"
)

VARIAVEL = re.compile(r"\$\{(\w+)\}")


def _literal(linha: str) -> str:
    return ast.literal_eval(linha.strip())


def catalogo(caminho: Path = PO) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every entry of a .po file, header included."""
    entradas, atual, campo = [], {}, None
    for linha in [*caminho.read_text(encoding="utf-8").splitlines(), ""]:
        if linha.startswith(("msgid ", "msgstr ", "msgctxt ")):
            campo, _sep, valor = linha.partition(" ")
            if campo == "msgid" and "msgid" in atual:
                entradas.append(atual)
                atual = {}
            atual[campo] = _literal(valor)
        elif linha.startswith('"') and campo:
            atual[campo] += _literal(linha)
        elif not linha.strip() and "msgid" in atual:
            entradas.append(atual)
            atual, campo = {}, None
    return [(e["msgid"], e.get("msgstr", "")) for e in entradas]


def _arquivos() -> list[Path]:
    encontrados = {p for padrao in ARQUIVOS for p in SEIMG.glob(padrao)}
    return sorted(encontrados | {ORGAO})


def _do_python(caminho: Path):
    """(msgid, variables of the default, where) of every ``_("id", ...)``."""
    arvore = ast.parse(caminho.read_text(encoding="utf-8"))
    for no in ast.walk(arvore):
        if not (
            isinstance(no, ast.Call)
            and isinstance(no.func, ast.Name)
            and no.func.id == "_"
            and no.args
            and isinstance(no.args[0], ast.Constant)
            and isinstance(no.args[0].value, str)
        ):
            continue
        msgid = no.args[0].value
        padrao = next(
            (
                k.value.value
                for k in no.keywords
                if k.arg == "default" and isinstance(k.value, ast.Constant)
            ),
            msgid,
        )
        yield msgid, set(VARIAVEL.findall(padrao)), f"{caminho.name}:{no.lineno}"


def _nomes(elemento) -> set[str]:
    """The i18n:name of an i18n:translate element (not of nested messages)."""
    nomes = set()
    for filho in elemento.iterchildren():
        if not isinstance(filho.tag, str):
            continue
        if filho.get("i18n:name"):
            nomes.add(filho.get("i18n:name"))
        elif filho.get("i18n:translate") is None:
            nomes |= _nomes(filho)
    return nomes


def _do_modelo(caminho: Path):
    """(msgid, i18n:name set, where) of every i18n:translate and
    i18n:attributes of a page template; an implicit msgid (the element's
    text) is reported as such, the portal's templates name every message."""
    raiz = lxml.html.fromstring(caminho.read_text(encoding="utf-8"))
    for elemento in raiz.iter():
        if not isinstance(elemento.tag, str):
            continue
        onde = f"{caminho.name}:{elemento.sourceline}"
        msgid = elemento.get("i18n:translate")
        if msgid is not None:
            yield msgid.strip() or f"<implicit msgid at {onde}>", _nomes(elemento), onde
        for parte in (elemento.get("i18n:attributes") or "").split(";"):
            palavras = parte.split()
            if palavras:
                yield (
                    (palavras[1] if len(palavras) > 1 else f"<implicit at {onde}>"),
                    set(),
                    onde,
                )


def msgids() -> dict[str, list[tuple[set[str], str]]]:
    """msgid -> [(variables its default offers, where)] in the files above."""
    achados = collections.defaultdict(list)
    for caminho in _arquivos():
        origem = _do_modelo if caminho.suffix == ".pt" else _do_python
        for msgid, variaveis, onde in origem(caminho):
            if caminho == ORGAO and not CAMPOS_ORGAO.match(msgid):
                continue
            achados[msgid].append((variaveis, onde))
    return achados


def test_catalog_has_no_duplicate_msgid():
    contagem = collections.Counter(msgid for msgid, _msgstr in catalogo())
    assert not [m for m, n in contagem.items() if n > 1]


def test_the_scan_finds_the_portal_messages():
    achados = msgids()
    # a scan that silently finds nothing would pass the tests below
    for msgid in (
        "transparencia_home_titulo",  # template
        "transparencia_limite_texto",  # template with an i18n:name
        "transparencia_nao_encontrado",  # REST
        "orgao_data_corte",  # the órgão's fieldset
        "divulgacao_anterior_ao_corte",
    ):
        assert msgid in achados, msgid
    assert "orgao_sigla" not in achados
    assert achados["transparencia_limite_texto"][0][0] == {"segundos"}


def test_every_portal_msgid_has_a_pt_br_translation():
    traducoes = dict(catalogo())
    faltam = sorted(
        f"{msgid} ({lugares[0][1]})"
        for msgid, lugares in msgids().items()
        if not traducoes.get(msgid, "").strip()
    )
    assert not faltam, "msgids without pt-BR msgstr in seimg.po:\n" + "\n".join(faltam)


def test_translations_keep_the_variables():
    traducoes = dict(catalogo())
    erradas = []
    for msgid, lugares in msgids().items():
        msgstr = traducoes.get(msgid, "")
        if not msgstr:
            continue  # reported by the test above
        usadas = set(VARIAVEL.findall(msgstr))
        for variaveis, onde in lugares:
            if usadas != variaveis:
                erradas.append(
                    f"{msgid} ({onde}): {sorted(usadas)} != {sorted(variaveis)}"
                )
    assert not erradas, "\n".join(erradas)


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        (
            'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr ""\n"d"\n',
            [("a", "b"), ("c", "d")],
        ),
        ('# x\nmsgid ""\n"e\\"f"\nmsgstr "g"\n', [('e"f', "g")]),
    ],
)
def test_catalog_reader(tmp_path, texto, esperado):
    arquivo = tmp_path / "x.po"
    arquivo.write_text(texto, encoding="utf-8")
    assert catalogo(arquivo) == esperado
