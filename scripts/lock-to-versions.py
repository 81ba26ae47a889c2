"""Turn constraints.txt (the pip lock) into a buildout ``[versions]`` file.

constraints.txt is the only source of truth for versions; buildout.cfg
extends the file this script writes, which is never edited by hand::

    python3 scripts/lock-to-versions.py                  # writes ./versions.cfg
    python3 scripts/lock-to-versions.py LOCK OUTPUT      # any paths

Every ``Name==version`` line becomes ``Name = version``; comments and blank
lines are dropped. Anything else (ranges, markers, URLs) is an error, since a
lock pins exactly.
"""

from pathlib import Path
import re
import sys


PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)$")


def versions(lock: str) -> list[tuple[str, str]]:
    pins = []
    for number, line in enumerate(lock.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        if not match:
            raise SystemExit(f"constraints.txt:{number}: not 'Name==version': {line}")
        pins.append(match.groups())
    return pins


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    lock = Path(argv[1]) if len(argv) > 1 else root / "constraints.txt"
    output = Path(argv[2]) if len(argv) > 2 else root / "versions.cfg"
    lines = [
        f"# Generated from {lock.name} by scripts/lock-to-versions.py;",
        "# do not edit: change the lock (make lock) and run the script again.",
        "[versions]",
    ]
    lines += [f"{name} = {version}" for name, version in versions(lock.read_text())]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
