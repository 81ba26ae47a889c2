"""Fill a running seimg with a day of work, over REST, for a legacy snapshot.

Run against an instance served by ``make start`` (demo site) to produce the
database that ``tests/legado`` opens with today's code::

    python tests/legado/popular.py http://127.0.0.1:8080/seimg

What it creates: a restricted process with a signed ofício sent with a
retorno programado to two units (one receives it), a minuta, an external
document, a sigiloso process with a credencial, a marcador, an anotação and a
bloco de assinatura. ``tests/legado/dados/`` holds the result, made at the
commit its README names.
"""

from seimg.demo import pdf_simples
import requests
import sys


SENHA = "Demo@2026"
A = "CMVS/PRESIDENCIA/SECRETARIA"
B = "CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"
C = "CMVS/PRESIDENCIA/PROCURADORIA"
USUARIOS = {
    A: "carlos.mendes",
    B: "beatriz.lima",
    C: "daniel.souza",
}


class Cliente:
    def __init__(self, site: str):
        self.site = site.rstrip("/")

    def pedir(self, metodo, url, unidade=A, json=None, **kw):
        url = url if url.startswith("http") else f"{self.site}/{url.lstrip('/')}"
        response = requests.request(
            metodo,
            url,
            json=json,
            headers={"Accept": "application/json", "X-Unidade": unidade},
            auth=(USUARIOS[unidade], SENHA),
            timeout=180,
            **kw,
        )
        if response.status_code >= 400:
            raise SystemExit(f"{metodo} {url}: {response.status_code} {response.text}")
        return response.json() if response.content else {}

    def uid(self, vocabulario, titulo):
        itens = self.pedir(
            "GET", f"@vocabularies/{vocabulario}", params={"b_size": 500}
        )["items"]
        return next(i["token"] for i in itens if i["title"].startswith(titulo))


def main(site: str) -> None:
    c = Cliente(site)
    lai = c.uid("seimg.TiposProcesso", "Acesso à Informação: Pedido")
    oficio = c.uid("seimg.TiposDocumentoInterno", "Ofício")
    pessoal = c.uid("seimg.HipotesesLegais", "Informação Pessoal")
    processo = c.pedir(
        "POST",
        "processos",
        json={
            "@type": "Processo",
            "tipo_processo": lai,
            "especificacao": "Pedido de cópia de contrato (legado)",
            "nivel_acesso": "restrito",
            "hipotese_legal": pessoal,
        },
    )["@id"]
    doc = c.pedir(
        "POST",
        processo,
        json={
            "@type": "Documento",
            "tipo_documento": oficio,
            "nivel_acesso": "publico",
            # written over the model: signing refuses its fields unchanged
            "texto": {"data": "<p>Ofício do legado.</p>", "content-type": "text/html"},
        },
    )["@id"]
    c.pedir(
        "POST", f"{doc}/@assinar", json={"senha": SENHA, "cargo": "Secretário-Geral"}
    )
    minuta = c.pedir(
        "POST",
        processo,
        json={
            "@type": "Documento",
            "tipo_documento": oficio,
            "nivel_acesso": "publico",
        },
    )["@id"]
    c.pedir(
        "POST",
        f"{processo}/@documento-externo",
        files={
            "arquivo": (
                "anexo.pdf",
                pdf_simples(["Anexo do legado"]),
                "application/pdf",
            )
        },
        data={
            "tipo_documento": c.uid("seimg.TiposDocumentoExterno", ""),
            "data_documento": "2026-03-02",
            "formato": "nato_digital",
        },
    )
    bloco = c.pedir(
        "POST", "@blocos", json={"tipo": "assinatura", "descricao": "Legado"}
    )
    c.pedir("POST", f"@blocos/{bloco['id']}/itens", json={"item": minuta})
    c.pedir("PUT", f"{processo}/@anotacao", json={"texto": "Anotação do legado"})
    c.pedir(
        "POST",
        f"{processo}/@enviar",
        json={
            "destinos": [B, C],
            "manter_aberto": True,
            "notificar": False,
            "confirmar_minutas": True,
            "retorno_programado": {"dias_uteis": 5},
        },
    )
    c.pedir("POST", f"{processo}/@receber", unidade=B)
    print(processo, doc)


def sigiloso(c: Cliente) -> None:
    sigiloso = c.pedir(
        "POST",
        "processos",
        json={
            "@type": "Processo",
            "tipo_processo": c.uid(
                "seimg.TiposProcesso", "Pessoal: Processo Disciplinar"
            ),
            "especificacao": "Apuração sigilosa (legado)",
            "nivel_acesso": "sigiloso",
            "hipotese_legal": c.uid(
                "seimg.HipotesesLegais", "Investigação de Responsabilidade"
            ),
            "grau_sigilo": "reservado",
        },
    )["@id"]
    print(sigiloso)


if __name__ == "__main__":
    if sys.argv[2:] != ["--so-sigiloso"]:
        main(sys.argv[1])
    sigiloso(Cliente(sys.argv[1]))
