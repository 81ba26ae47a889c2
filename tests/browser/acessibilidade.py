"""Accessibility checks for the browser tests.

- ``violacoes_axe(page, desativar=())``: runs axe-core (``npm ci`` installs it
  in ``node_modules``; ``make test`` does so when it is missing) on the page
  and returns the serious and critical violations of WCAG 2.0/2.1 A and AA and
  axe's best practices;
- ``fora_da_tela(page)``: what a person cannot reach at the current viewport:
  a page wider than the window (horizontal scrolling) and visible focusable
  elements outside the window or cut off by an ancestor that clips.

Both return lists, empty when all is well; ``descrever`` turns them into an
assertion message::

    assert not (v := violacoes_axe(page)), descrever(v)
"""

from pathlib import Path


RAIZ = Path(__file__).resolve().parents[2]
AXE = RAIZ / "node_modules" / "axe-core" / "axe.min.js"
ETIQUETAS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
IMPACTOS = ("serious", "critical")
#: Every impact axe reports (for pages held to zero violations of any kind).
TODOS_OS_IMPACTOS = ("minor", "moderate", "serious", "critical")
NOS_POR_VIOLACAO = 5


def _axe_js():
    if not AXE.exists():
        raise RuntimeError(
            f"{AXE} não existe: rode `npm ci` na raiz do repositório "
            "(make test o faz quando falta)."
        )
    return AXE.read_text(encoding="utf-8")


def violacoes_axe(page, desativar=(), impactos=IMPACTOS):
    """axe-core's serious/critical violations on ``page``, as dicts
    (``impactos=TODOS_OS_IMPACTOS``: those of any impact).

    Each dict has ``id``, ``impact``, ``help``, ``helpUrl``, ``nodes`` (how many
    elements) and ``alvos``: the first few elements' CSS selectors with the
    failure summary, for the assertion message. ``desativar`` names axe rules
    to switch off; give a written reason wherever you use it.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_js())
    opcoes = {
        "runOnly": {"type": "tag", "values": list(ETIQUETAS)},
        "resultTypes": ["violations"],
    }
    if desativar:
        opcoes["rules"] = {regra: {"enabled": False} for regra in desativar}
    violacoes = page.evaluate(
        """async ([opcoes, quantos]) => {
            const resultado = await axe.run(document, opcoes);
            return resultado.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.length,
                alvos: v.nodes.slice(0, quantos).map((n) => ({
                    alvo: n.target.join(" "),
                    html: n.html.slice(0, 200),
                    resumo: (n.failureSummary || "").slice(0, 300),
                })),
            }));
        }""",
        [opcoes, NOS_POR_VIOLACAO],
    )
    return [v for v in violacoes if v["impact"] in impactos]


_FORA_DA_TELA_JS = (Path(__file__).parent / "fora_da_tela.js").read_text("utf-8")


def fora_da_tela(page):
    """Problems reaching the page at the current viewport, as sentences."""
    return page.evaluate(_FORA_DA_TELA_JS)


def descrever(problemas):
    """An assertion message for ``violacoes_axe`` or ``fora_da_tela``."""
    if not problemas:
        return ""
    linhas = []
    for p in problemas:
        if isinstance(p, str):
            linhas.append(f"- {p}")
            continue
        linhas.append(f"- {p['id']} ({p['impact']}, {p['nodes']}×): {p['help']}")
        for alvo in p["alvos"]:
            linhas.append(f"    {alvo['alvo']}: {alvo['resumo']}")
    return "\n" + "\n".join(linhas)
