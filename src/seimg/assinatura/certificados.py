"""The órgãos' sealing certificates: a demo CA, demo certificates, real A1 ones.

Every signed document's PDF is sealed (see :mod:`seimg.assinatura.pades`) with
the certificate of the órgão that produced it:

- a **real ICP-Brasil A1 certificate** (PKCS#12, ``.p12``/``.pfx``) when the
  environment names one: ``SEIMG_CERTIFICADO_<SIGLA>`` is the file's path and
  ``SEIMG_CERTIFICADO_<SIGLA>_SENHA`` its password (``<SIGLA>`` is the órgão's
  sigla in capitals, e.g. ``SEIMG_CERTIFICADO_CMVS``);
- otherwise a **demo certificate**, issued on first use by a demo CA that
  seimg creates itself (no one trusts it unless told to).

Both live under ``$SEIMG_DATA/certificados/`` (default ``./var``):
``ca-demo.p12`` + ``ca-demo.pem`` (the CA certificate to import into a
validator's trust store) and ``<sigla>.p12`` per órgão, each PKCS#12 with a
random password kept beside it in ``<name>.senha`` (mode 600, like the
folder, 700).

The demo certificate follows ICP-Brasil's layout for an e-CNPJ where that is
easy: CN = the órgão's name, O = its sigla, C = BR and, when the órgão has a
CNPJ, the otherName ``2.16.76.1.3.3`` (CNPJ) in subjectAltName.

:func:`validar_configuracao` is called at every start (``seimg.deploy.site``)
so that a corrupt file or a wrong password stops the start with a clear
message instead of failing at the first signature.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from seimg.base import pastas
import logging
import os
import re
import secrets
import threading


logger = logging.getLogger(__name__)

ENV_PREFIX = "SEIMG_CERTIFICADO_"
SENHA_SUFFIX = "_SENHA"
CA_NAME = "ca-demo"
# ICP-Brasil: otherName holding the CNPJ of a legal entity's certificate.
OID_CNPJ = x509.ObjectIdentifier("2.16.76.1.3.3")
DEMO_YEARS = 10

_lock = threading.RLock()


class CertificadoInvalido(Exception):
    """A configured certificate cannot be used; the message says why (pt + en)."""


@dataclass
class Credencial:
    """A private key with its certificate and chain, ready to sign."""

    chave: rsa.RSAPrivateKey
    certificado: x509.Certificate
    cadeia: list[x509.Certificate] = field(default_factory=list)
    origem: str = "demo"  # "demo" or the configured file's path

    @property
    def titular(self) -> str:
        return self.certificado.subject.rfc4514_string()


def pasta() -> Path:
    """``$SEIMG_COMPARTILHADO/certificados`` (every instance signs with the
    same certificates; ``SEIMG_DATA`` without it), created with mode 700."""
    folder = pastas.compartilhada() / "certificados"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def _nome_arquivo(sigla: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "_", sigla.lower()) or "orgao"


def _env_name(sigla: str) -> str:
    return ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", sigla.upper())


def _write_private(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
    temporary.replace(path)


def carregar_pkcs12(caminho: str | Path, senha: str | bytes | None) -> Credencial:
    """Load a PKCS#12 file, raising :class:`CertificadoInvalido` clearly."""
    path = Path(caminho)
    if isinstance(senha, str):
        senha = senha.encode()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CertificadoInvalido(
            f"Certificado {path}: arquivo não pode ser lido ({error.strerror}). "
            f"/ Certificate {path}: cannot read the file."
        ) from error
    try:
        chave, certificado, extras = pkcs12.load_key_and_certificates(data, senha)
    except ValueError as error:
        # A wrong password and a damaged (but well-formed) file both fail the
        # PKCS#12 MAC: cryptography cannot tell them apart, nor can we.
        if "password" in str(error).lower():
            raise CertificadoInvalido(
                f"Certificado {path}: senha incorreta (ou arquivo danificado). "
                f"/ Certificate {path}: wrong password (or damaged file)."
            ) from error
        raise CertificadoInvalido(
            f"Certificado {path}: arquivo corrompido ou não é PKCS#12 "
            f"(.p12/.pfx). / Certificate {path}: corrupt file or not PKCS#12."
        ) from error
    if chave is None or certificado is None:
        raise CertificadoInvalido(
            f"Certificado {path}: o arquivo não contém chave privada e "
            f"certificado. / Certificate {path}: the file lacks the private key "
            f"or the certificate."
        )
    if not isinstance(chave, rsa.RSAPrivateKey):
        raise CertificadoInvalido(
            f"Certificado {path}: apenas chaves RSA são aceitas. "
            f"/ Certificate {path}: only RSA keys are supported."
        )
    agora = datetime.now(UTC)
    if certificado.not_valid_after_utc < agora:
        raise CertificadoInvalido(
            f"Certificado {path}: vencido em "
            f"{certificado.not_valid_after_utc:%d/%m/%Y}. "
            f"/ Certificate {path}: expired."
        )
    return Credencial(chave, certificado, list(extras or []), origem=str(path))


def _salvar_pkcs12(nome: str, credencial: Credencial, rotulo: str) -> None:
    folder = pasta()
    senha = secrets.token_urlsafe(24)
    data = pkcs12.serialize_key_and_certificates(
        rotulo.encode(),
        credencial.chave,
        credencial.certificado,
        credencial.cadeia or None,
        serialization.BestAvailableEncryption(senha.encode()),
    )
    _write_private(folder / f"{nome}.senha", senha.encode())
    _write_private(folder / f"{nome}.p12", data)


def _carregar_salvo(nome: str) -> Credencial | None:
    folder = pasta()
    arquivo = folder / f"{nome}.p12"
    if not arquivo.exists():
        return None
    senha = (folder / f"{nome}.senha").read_bytes().strip()
    credencial = carregar_pkcs12(arquivo, senha)
    credencial.origem = "demo"
    return credencial


def _nova_chave() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ca_demo() -> Credencial:
    """The demo CA (created on first use), and its PEM beside it."""
    with _lock:
        credencial = _carregar_salvo(CA_NAME)
        if credencial is None:
            chave = _nova_chave()
            nome = x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "seimg"),
                    x509.NameAttribute(
                        NameOID.COMMON_NAME, "AC Demonstracao seimg (sem validade)"
                    ),
                ]
            )
            agora = datetime.now(UTC)
            certificado = (
                x509.CertificateBuilder()
                .subject_name(nome)
                .issuer_name(nome)
                .public_key(chave.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(agora - timedelta(days=1))
                .not_valid_after(agora + timedelta(days=365 * (DEMO_YEARS + 5)))
                .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
                .add_extension(
                    x509.KeyUsage(
                        digital_signature=False,
                        content_commitment=False,
                        key_encipherment=False,
                        data_encipherment=False,
                        key_agreement=False,
                        key_cert_sign=True,
                        crl_sign=True,
                        encipher_only=False,
                        decipher_only=False,
                    ),
                    True,
                )
                .add_extension(
                    x509.SubjectKeyIdentifier.from_public_key(chave.public_key()),
                    False,
                )
                .sign(chave, hashes.SHA256())
            )
            credencial = Credencial(chave, certificado)
            _salvar_pkcs12(CA_NAME, credencial, "ca-demo")
            logger.info("Demo CA created in %s", pasta())
        pem = pasta() / f"{CA_NAME}.pem"
        if not pem.exists():
            pem.write_bytes(
                credencial.certificado.public_bytes(serialization.Encoding.PEM)
            )
        return credencial


def ca_demo_pem() -> Path:
    """Path of the demo CA certificate (PEM), to trust it in a validator."""
    ca_demo()
    return pasta() / f"{CA_NAME}.pem"


def _cnpj_digits(cnpj: str | None) -> str:
    return re.sub(r"\D", "", cnpj or "")


def emitir_demo(sigla: str, nome: str, cnpj: str | None = None) -> Credencial:
    """Issue a demo certificate for an órgão, signed by the demo CA."""
    ca = ca_demo()
    chave = _nova_chave()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, sigla[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, (nome or sigla)[:64]),
        ]
    )
    agora = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificado.subject)
        .public_key(chave.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(agora - timedelta(days=1))
        .not_valid_after(agora + timedelta(days=365 * DEMO_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            False,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(chave.public_key()), False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca.certificado.public_key()
            ),
            False,
        )
    )
    digits = _cnpj_digits(cnpj)
    if len(digits) == 14:
        # DER OCTET STRING with the 14 digits, as ICP-Brasil's DOC-ICP-04.
        valor = bytes([0x04, len(digits)]) + digits.encode()
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.OtherName(OID_CNPJ, valor)]), False
        )
    certificado = builder.sign(ca.chave, hashes.SHA256())
    return Credencial(chave, certificado, [ca.certificado])


def _configurado(sigla: str, environ=None) -> tuple[str, str | None] | None:
    environ = os.environ if environ is None else environ
    caminho = environ.get(_env_name(sigla))
    if not caminho:
        return None
    return caminho, environ.get(_env_name(sigla) + SENHA_SUFFIX)


def credencial(sigla: str, nome: str = "", cnpj: str | None = None) -> Credencial:
    """The órgão's sealing credential: the configured A1 or its demo one."""
    configurado = _configurado(sigla)
    if configurado:
        return carregar_pkcs12(*configurado)
    nome_arquivo = _nome_arquivo(sigla)
    with _lock:
        salvo = _carregar_salvo(nome_arquivo)
        if salvo is not None:
            return salvo
        novo = emitir_demo(sigla, nome, cnpj)
        _salvar_pkcs12(nome_arquivo, novo, sigla)
        logger.info("Demo certificate issued for %s", sigla)
        return novo


def credencial_do_orgao(orgao) -> Credencial:
    return credencial(
        orgao.sigla, getattr(orgao, "nome", "") or "", getattr(orgao, "cnpj", None)
    )


def configurados(environ=None) -> dict[str, tuple[str, str | None]]:
    """``{SIGLA: (path, password)}`` of every certificate the environment names."""
    environ = os.environ if environ is None else environ
    found = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name.endswith(SENHA_SUFFIX):
            continue
        sigla = name[len(ENV_PREFIX) :]
        if sigla and value:
            found[sigla] = (value, environ.get(name + SENHA_SUFFIX))
    return found


def validar_configuracao(environ=None) -> dict[str, str]:
    """Load every configured certificate; raise :class:`CertificadoInvalido`.

    Returns ``{SIGLA: subject}`` of the configured ones. All problems are
    reported together, one per line.
    """
    problemas = []
    titulares = {}
    for sigla, (caminho, senha) in sorted(configurados(environ).items()):
        if senha is None:
            problemas.append(
                f"{ENV_PREFIX}{sigla}: falta {ENV_PREFIX}{sigla}{SENHA_SUFFIX} "
                f"(a senha do certificado). / missing the certificate's password."
            )
            continue
        try:
            titulares[sigla] = carregar_pkcs12(caminho, senha).titular
        except CertificadoInvalido as error:
            problemas.append(f"{ENV_PREFIX}{sigla}: {error}")
    if problemas:
        raise CertificadoInvalido("\n".join(problemas))
    return titulares
