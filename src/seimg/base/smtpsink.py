"""``seimg-smtp-sink``: a local SMTP server that keeps every message in a Maildir.

``make start`` runs it on 127.0.0.1:8025 (``SEIMG_SMTP_PORT``) and points
Plone's MailHost at it, so invitations and notifications of the demo site
can be read in ``$SEIMG_DATA/mail`` instead of reaching anyone. The tests use
:class:`Sink` the same way, over real SMTP.
"""

from aiosmtpd.controller import Controller
from email import message_from_bytes
from pathlib import Path
import argparse
import mailbox
import os
import signal
import socket
import sys
import threading


class MaildirHandler:
    def __init__(self, folder: Path):
        for sub in ("tmp", "new", "cur"):
            (Path(folder) / sub).mkdir(parents=True, exist_ok=True)
        self.maildir = mailbox.Maildir(str(folder), create=False)
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        self.maildir.add(data)
        self.received.append(message_from_bytes(data))
        return "250 Message accepted for delivery"


class Sink:
    """An SMTP sink on ``host:port`` (port 0: any free port) for ``with``."""

    def __init__(self, folder: Path, host: str = "127.0.0.1", port: int = 0):
        if not port:
            with socket.socket() as sock:
                sock.bind((host, 0))
                port = sock.getsockname()[1]
        self.handler = MaildirHandler(folder)
        self.controller = Controller(self.handler, hostname=host, port=port)
        self.host = host
        self.port = port

    @property
    def received(self):
        return self.handler.received

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("SEIMG_SMTP_PORT", "8025"))
    )
    parser.add_argument("--dir", type=Path, default=Path("var/mail"))
    options = parser.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        sink = Sink(options.dir, options.host, options.port)
        sink.__enter__()
    except OSError as error:
        print(f"[seimg-smtp-sink] ERRO: porta {options.port}: {error}", file=sys.stderr)
        return 1
    print(
        f"[seimg-smtp-sink] e-mails em {options.dir} "
        f"(SMTP {options.host}:{options.port})",
        file=sys.stderr,
        flush=True,
    )
    stop.wait()
    sink.__exit__()
    return 0


if __name__ == "__main__":
    sys.exit(main())
