"""PAdES-sealed PDFs and the órgãos' certificates.

The PDFs are validated by two independent implementations: poppler's
``pdfsig`` (NSS) with the demo CA trusted in a private NSS database, and
pyHanko's validator with a ValidationContext trusting the demo CA. A PDF
with one byte changed in the signed range fails both.
"""

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from io import BytesIO
from pathlib import Path
from seimg.assinatura import certificados
from seimg.assinatura import pades
from seimg.assinatura.certificados import CertificadoInvalido
from tests.assinatura.test_autenticidade import assinado
from tests.assinatura.test_autenticidade import cancelar
from tests.assinatura.test_autenticidade import CARLOS
from tests.processos.conftest import como
from tests.processos.conftest import novo_oficio
import os
import pytest
import re
import requests
import shutil
import stat
import subprocess
import transaction


@pytest.fixture(autouse=True)
def seimg_data(tmp_path_factory, monkeypatch):
    """Certificates in a private SEIMG_DATA (one per test session)."""
    global _DATA
    if _DATA is None:
        _DATA = tmp_path_factory.mktemp("seimg-data")
    monkeypatch.setenv("SEIMG_DATA", str(_DATA))
    for name in list(os.environ):
        if name.startswith(certificados.ENV_PREFIX):
            monkeypatch.delenv(name)
    return _DATA


_DATA = None


# --- certificates -------------------------------------------------------------


def test_ca_e_certificado_demo(seimg_data):
    cnpj = "07931776940541"
    credencial = certificados.credencial("TESTECA", "Câmara Municipal", cnpj)
    folder = seimg_data / "certificados"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("ca-demo.p12", "ca-demo.senha", "testeca.p12", "testeca.senha"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    subject = credencial.certificado.subject
    assert subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == (
        "Câmara Municipal"
    )
    assert subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)[0].value == (
        "TESTECA"
    )
    san = credencial.certificado.extensions.get_extension_for_class(
        x509.SubjectAlternativeName
    ).value
    [outro] = san.get_values_for_type(x509.OtherName)
    assert outro.type_id == certificados.OID_CNPJ
    assert outro.value.endswith(cnpj.encode())
    ca = x509.load_pem_x509_certificate((folder / "ca-demo.pem").read_bytes())
    assert credencial.certificado.issuer == ca.subject
    credencial.certificado.verify_directly_issued_by(ca)
    # Kept: the next use loads the same certificate.
    again = certificados.credencial("TESTECA", "Outro nome")
    assert again.certificado == credencial.certificado


def _p12(path: Path, senha: str) -> Path:
    credencial = certificados.emitir_demo("TESTE", "Órgão de Teste", None)
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"teste",
            credencial.chave,
            credencial.certificado,
            credencial.cadeia,
            serialization.BestAvailableEncryption(senha.encode()),
        )
    )
    return path


def test_certificado_configurado(tmp_path, monkeypatch):
    arquivo = _p12(tmp_path / "a1.pfx", "segredo")
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS", str(arquivo))
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS_SENHA", "segredo")
    assert certificados.validar_configuracao() == {
        "CMVS": "CN=Órgão de Teste,O=TESTE,C=BR"
    }
    credencial = certificados.credencial("CMVS", "Câmara")
    assert credencial.origem == str(arquivo)
    assert "TESTE" in credencial.titular


def test_certificado_corrompido_ou_senha_errada(tmp_path, monkeypatch):
    bom = _p12(tmp_path / "bom.p12", "segredo")
    lixo = tmp_path / "lixo.p12"
    lixo.write_bytes(b"isto nao e um certificado")
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS", str(lixo))
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS_SENHA", "x")
    with pytest.raises(CertificadoInvalido) as erro:
        certificados.validar_configuracao()
    assert "SEIMG_CERTIFICADO_CMVS" in str(erro.value)
    assert "corrompido" in str(erro.value)

    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS", str(bom))
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS_SENHA", "errada")
    with pytest.raises(CertificadoInvalido, match="senha incorreta"):
        certificados.validar_configuracao()
    # Signing never falls back to the demo certificate silently.
    with pytest.raises(CertificadoInvalido):
        certificados.credencial("CMVS")

    monkeypatch.delenv("SEIMG_CERTIFICADO_CMVS_SENHA")
    with pytest.raises(CertificadoInvalido, match="SEIMG_CERTIFICADO_CMVS_SENHA"):
        certificados.validar_configuracao()

    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS", str(tmp_path / "nao-existe.p12"))
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS_SENHA", "x")
    with pytest.raises(CertificadoInvalido, match="não pode ser lido"):
        certificados.validar_configuracao()


def test_inicio_para_com_certificado_invalido(tmp_path, monkeypatch, capsys):
    from seimg.deploy.site import check_certificates

    check_certificates()  # nothing configured: fine
    lixo = tmp_path / "lixo.pfx"
    lixo.write_bytes(b"\x30\x03\x02\x01\x03")
    monkeypatch.setenv("SEIMG_CERTIFICADO_PMVS", str(lixo))
    monkeypatch.setenv("SEIMG_CERTIFICADO_PMVS_SENHA", "x")
    with pytest.raises(SystemExit) as saida:
        check_certificates()
    assert saida.value.code == 1
    assert "ERRO: SEIMG_CERTIFICADO_PMVS" in capsys.readouterr().err


# --- validation helpers -------------------------------------------------------


def _nss(folder: Path) -> str:
    certutil = shutil.which("certutil")
    if certutil is None:
        pytest.fail(
            "certutil missing: scripts/system-deps.sh test installs libnss3-tools"
        )
    nss = folder / "nss"
    if not nss.exists():
        nss.mkdir()
        subprocess.run(
            [certutil, "-N", "-d", f"sql:{nss}", "--empty-password"], check=True
        )
        subprocess.run(
            [
                certutil,
                "-A",
                "-d",
                f"sql:{nss}",
                "-n",
                "seimg-ca-demo",
                "-t",
                "CT,C,C",
                "-i",
                str(certificados.ca_demo_pem()),
            ],
            check=True,
        )
    return f"sql:{nss}"


def pdfsig(pdf: bytes, folder: Path) -> str:
    arquivo = folder / "teste.pdf"
    arquivo.write_bytes(pdf)
    proc = subprocess.run(
        ["pdfsig", "-nssdir", _nss(folder), str(arquivo)],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout + proc.stderr


def pyhanko_status(pdf: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    ca = asn1_x509.Certificate.load(
        certificados.ca_demo().certificado.public_bytes(serialization.Encoding.DER)
    )
    reader = PdfFileReader(BytesIO(pdf))
    [assinatura] = reader.embedded_signatures
    return assinatura, validate_pdf_signature(
        assinatura, ValidationContext(trust_roots=[ca])
    )


def adulterar_pdf(pdf: bytes) -> bytes:
    """Flip one byte inside a content stream, within the first signed range."""
    inicio, fim = map(int, re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)", pdf).groups())
    posicao = pdf.index(b"stream", inicio) + 20
    assert posicao < inicio + fim
    alterado = bytearray(pdf)
    alterado[posicao] ^= 0x01
    return bytes(alterado)


# --- the sealed PDF -------------------------------------------------------------


def test_pdf_assinado_valido_em_pdfsig_e_pyhanko(portal, seimg_data):
    documento = assinado(portal)
    pdf = pades.pdf_assinado(documento)
    assert pdf.startswith(b"%PDF")

    saida = pdfsig(pdf, seimg_data)
    assert "Signature Validation: Signature is Valid." in saida, saida
    assert "Certificate Validation: Certificate is Trusted." in saida, saida
    assert "ETSI.CAdES.detached" in saida
    assert "Total document signed" in saida
    orgao = portal["orgaos"]["cmvs"]
    assert orgao.nome in saida

    assinatura, status = pyhanko_status(pdf)
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.bottom_line
    campo = assinatura.sig_field
    rect = [float(v) for v in campo["/Rect"]]
    assert rect[2] - rect[0] > 300
    assert rect[3] - rect[1] > 100
    assert "/AP" in campo

    texto = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    texto = " ".join(texto.split())
    # The template's official layout, with the stamps, then the seal's page.
    assert "OFÍCIO Nº" in texto
    assert "Solicitamos a cópia integral" in texto, texto
    assert "Código verificador" in texto
    assert "Folha de assinatura digital" in texto
    assert documento.numero_sei in texto

    adulterado = adulterar_pdf(pdf)
    saida = pdfsig(adulterado, seimg_data)
    assert "Signature is Valid." not in saida, saida
    _, status = pyhanko_status(adulterado)
    assert not status.intact
    assert not status.bottom_line


def test_pdf_em_cache_e_refeito_quando_muda(portal):
    documento = assinado(portal)
    primeiro = pades.pdf_assinado(documento)
    assert pades.pdf_assinado(documento) == primeiro  # cached, not re-signed
    cancelar(portal, documento)
    depois = pades.pdf_assinado(documento)
    assert depois != primeiro
    _, status = pyhanko_status(depois)
    assert status.bottom_line


def test_sem_pdf_para_minuta_ou_renderizacao_adulterada(portal):
    from tests.assinatura.test_autenticidade import adulterar

    documento = assinado(portal)
    with como(portal, *CARLOS):
        minuta = novo_oficio(documento.aq_parent)
    with pytest.raises(pades.PdfIndisponivel):
        pades.pdf_assinado(minuta)
    adulterar(documento)
    with pytest.raises(pades.PdfIndisponivel) as erro:
        pades.pdf_assinado(documento)
    assert "integridade" in pades._t(erro.value.message)


def test_pdf_com_certificado_configurado(portal, tmp_path, monkeypatch, seimg_data):
    arquivo = _p12(tmp_path / "a1.p12", "segredo")
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS", str(arquivo))
    monkeypatch.setenv("SEIMG_CERTIFICADO_CMVS_SENHA", "segredo")
    pdf = pades.pdf_assinado(assinado(portal))
    saida = pdfsig(pdf, seimg_data)
    assert "Órgão de Teste" in saida
    assert "Signature is Valid." in saida


# --- HTTP ---------------------------------------------------------------------


def test_pdf_por_http(site_url, acceptance_portal):
    documento = assinado(acceptance_portal)
    restrito = assinado(acceptance_portal, nivel="restrito")
    with como(acceptance_portal, *CARLOS):
        minuta = novo_oficio(documento.aq_parent)
    transaction.commit()
    url = documento.absolute_url()
    auth = ("carlos.mendes", "Demo@2026")

    page = requests.get(f"{url}/@@pdf-assinado", auth=auth, timeout=120)
    assert page.status_code == 200, page.text
    assert page.headers["Content-Type"] == "application/pdf"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Content-Disposition"].startswith("inline")
    assert page.content.startswith(b"%PDF")
    assert pyhanko_status(page.content)[1].bottom_line

    rest = requests.get(
        f"{url}/@pdf-assinado",
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=120,
    )
    assert rest.status_code == 200
    assert rest.headers["Content-Type"] == "application/pdf"
    assert rest.content == page.content  # the cached one

    anonimo = requests.get(
        f"{restrito.absolute_url()}/@@pdf-assinado", allow_redirects=False, timeout=60
    )
    assert anonimo.status_code in (302, 401), anonimo.status_code
    assert not anonimo.content.startswith(b"%PDF")

    recusa = requests.get(
        f"{minuta.absolute_url()}/@pdf-assinado",
        auth=auth,
        headers={
            "Accept": "application/json",
            "X-Unidade": "CMVS/PRESIDENCIA/SECRETARIA",
        },
        timeout=60,
    )
    assert recusa.status_code == 409
    assert "não está assinado" in recusa.json()["error"]["message"]


def test_pdf_publico_na_pagina_de_autenticidade(site_url, acceptance_portal):
    """A citizen downloads the same sealed PDF, only for public documents."""
    from seimg.assinatura import autenticidade
    from tests.assinatura.test_autenticidade import codigos
    from tests.assinatura.test_autenticidade import TEXTO

    autenticidade.JANELA.limpar()
    publico = assinado(acceptance_portal)
    restrito = assinado(acceptance_portal, nivel="restrito")
    transaction.commit()

    cv, crc = codigos(publico)
    resposta = requests.get(
        f"{site_url}/@autenticidade",
        params={"cv": cv, "crc": crc},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    link = resposta["documento"]["pdf"]
    assert link.startswith(f"{site_url}/@@conferir-autenticidade-pdf?")
    pagina = requests.get(
        f"{site_url}/@@conferir-autenticidade",
        params={"cv": cv, "crc": crc},
        timeout=60,
    )
    assert 'id="seimg-autenticidade-pdf"' in pagina.text

    pdf = requests.get(link, timeout=120)  # anonymous
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pyhanko_status(pdf.content)[1].bottom_line
    texto = " ".join(
        subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
        )
        .stdout.decode()
        .split()
    )
    assert TEXTO in texto
    assert "OFÍCIO Nº" in texto

    cv, crc = codigos(restrito)
    resposta = requests.get(
        f"{site_url}/@autenticidade",
        params={"cv": cv, "crc": crc},
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    assert resposta["resultado"] == "autentico"
    assert "pdf" not in resposta["documento"]
    negado = requests.get(
        f"{site_url}/@@conferir-autenticidade-pdf",
        params={"cv": cv, "crc": crc},
        timeout=60,
    )
    assert negado.status_code == 404
    assert not negado.content.startswith(b"%PDF")
    assert "Não há PDF público" in negado.text

    errado = "00000000" if crc != "00000000" else "11111111"
    cv, _crc = codigos(publico)
    assert (
        requests.get(
            f"{site_url}/@@conferir-autenticidade-pdf",
            params={"cv": cv, "crc": errado},
            timeout=60,
        ).status_code
        == 404
    )


def test_sealing_works_inside_a_running_event_loop():
    """pyHanko signs through asyncio.run, which refuses to start in a thread
    running an event loop (Playwright's in the browser tests, an async
    server): the signing then runs in a thread of its own."""
    from seimg.assinatura import pades
    import asyncio

    async def dentro():
        return pades._fora_do_laco(lambda: asyncio.run(asyncio.sleep(0, result=7)))

    assert asyncio.run(dentro()) == 7
