"""Write src/seimg/locales/manual.pot: msgids built at run time.

i18ndude only finds literal msgids; the andamento sentences have ids built
from their event type. ``make i18n`` merges this file into seimg.pot.
"""

from pathlib import Path
from seimg.andamentos.eventos import TIPOS


def quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


lines = [
    'msgid ""',
    'msgstr ""',
    '"Content-Type: text/plain; charset=utf-8\\n"',
    '"Content-Transfer-Encoding: 8bit\\n"',
    '"Domain: seimg\\n"',
    "",
]
for tipo in sorted(TIPOS):
    message = TIPOS[tipo].mensagem
    lines += [
        f'#. Default: "{quote(message.default)}"',
        f'msgid "{message}"',
        'msgstr ""',
        "",
    ]
target = Path(__file__).parents[1] / "src" / "seimg" / "locales" / "manual.pot"
target.write_text("\n".join(lines), encoding="utf-8")
