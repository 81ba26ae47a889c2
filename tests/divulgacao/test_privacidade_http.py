"""Personal data and hidden objects over HTTP, as the disclosure table says.

- a contato's CPF never reaches anonymous visitors (page, REST, search) and
  is masked for staff of another órgão; the contato itself is read by its
  órgão only, and its id carries no CPF;
- a hidden object (another unit's minuta, a sigiloso process) answers
  exactly as a never-existing path, HTML and REST, anonymous or signed in;
- refusals never render the refused object's layout or title.
"""

from tests.processos.test_rest import CARLOS
from tests.processos.test_rest import JSON
from tests.processos.test_rest import novo_processo
from tests.processos.test_rest import post
from tests.processos.test_rest import SENHA
from tests.processos.test_rest import uids  # noqa: F401 (fixture)
import pytest
import re
import requests


HELENA = ("helena.prado", SENHA)  # PMVS/SEMAD: another órgão
GABRIELA = ("gabriela.rocha", SENHA)  # CMVS/COMISSOES: same órgão, other unit
CPF = "82987456719"
CPF_FORMATADO = "829.874.567-19"
HTML = {"Accept": "text/html"}


@pytest.fixture
def contato(site_url):
    response = post(
        f"{site_url}/tabelas/contatos",
        {
            "@type": "Contato",
            "tipo_pessoa": "fisica",
            "nome": "Marcadora Privacidade Zeta",
            "cpf": CPF_FORMATADO,
            "email": "zeta.privada@example.org",
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def processo(site_url, uids, contato):  # noqa: F811
    return novo_processo(
        site_url,
        uids,
        especificacao="Pedido MRKPRIVESP de Zeta",
        interessados=[contato["UID"]],
    )


def _get(url, auth=None, headers=JSON):
    return requests.get(url, headers=headers, auth=auth, timeout=60)


def _sem_cpf(texto: str) -> bool:
    return CPF not in texto and CPF_FORMATADO not in texto


def test_contato_id_has_no_cpf(contato):
    assert "cpf" not in contato["@id"].rsplit("/", 1)[1]
    assert "829" not in contato["@id"].rsplit("/", 1)[1]


def test_anonymous_never_gets_the_cpf(site_url, processo):
    pagina = _get(processo["@id"], headers=HTML)
    assert pagina.status_code == 200
    assert "MRKPRIVESP" in pagina.text
    assert _sem_cpf(pagina.text)
    # Natural persons are not public by default: not even the name.
    assert "Zeta" not in pagina.text.replace("MRKPRIVESP de Zeta", "")
    rest = _get(processo["@id"])
    assert rest.status_code == 200
    assert _sem_cpf(rest.text)
    assert rest.json()["interessados"] == []
    for termo in (CPF, CPF_FORMATADO, "82987456719*"):
        achados = requests.get(
            f"{site_url}/@search",
            params={"SearchableText": termo},
            headers=JSON,
            timeout=60,
        ).json()
        assert achados["items_total"] == 0, termo


def test_staff_see_cpf_by_orgao(site_url, processo):
    proprio = _get(processo["@id"], auth=GABRIELA).json()
    assert proprio["interessados"][0]["title"] == (
        f"Marcadora Privacidade Zeta (CPF {CPF_FORMATADO})"
    )
    outro = _get(processo["@id"], auth=HELENA)
    assert _sem_cpf(outro.text)
    assert outro.json()["interessados"] == [
        {
            "token": proprio["interessados"][0]["token"],
            "title": "Marcadora Privacidade Zeta",
        }
    ]


def test_contato_directory_belongs_to_its_orgao(site_url, contato):
    assert _get(contato["@id"], auth=CARLOS).status_code == 200
    assert _get(contato["@id"], auth=GABRIELA).status_code == 200
    for auth in (HELENA, None):
        response = _get(contato["@id"], auth=auth)
        assert response.status_code == 404, (auth, response.text)
        assert _sem_cpf(response.text)
    listagem = _get(f"{site_url}/tabelas/contatos?fullobjects=1", auth=HELENA).text
    assert "Zeta" not in listagem
    assert _sem_cpf(listagem)
    for params in (
        {"portal_type": "Contato"},
        {"SearchableText": "Zeta"},
        {"SearchableText": CPF},
    ):
        achados = requests.get(
            f"{site_url}/@search",
            params={**params, "fullobjects": 1},
            headers=JSON,
            auth=HELENA,
            timeout=60,
        )
        assert achados.json()["items_total"] == 0, params
        assert _sem_cpf(str(achados.json()["items"])), params


def _comparavel(response, url_oculta, url_inexistente):
    return response.status_code, response.text.replace(url_oculta, url_inexistente)


@pytest.mark.parametrize("sufixo", ["", "/@@gerar?formato=pdf", "/@gerar?formato=pdf"])
@pytest.mark.parametrize("auth", [None, HELENA, GABRIELA], ids=["A", "O", "U"])
@pytest.mark.parametrize("headers", [HTML, JSON], ids=["html", "json"])
def test_hidden_minuta_answers_as_a_missing_path(
    site_url,
    uids,  # noqa: F811
    sufixo,
    auth,
    headers,
):
    processo = novo_processo(site_url, uids, especificacao="Minuta oculta")
    minuta = post(
        processo["@id"],
        {
            "@type": "Documento",
            "tipo_documento": uids["oficio"],
            "destinatarios": ["MRKMINUTA"],
        },
    ).json()
    oculta = minuta["@id"]
    inexistente = oculta.rsplit("/", 1)[0] + "/9999999"
    a = _get(oculta + sufixo, auth=auth, headers=headers)
    b = _get(inexistente + sufixo, auth=auth, headers=headers)
    assert a.status_code == 404
    assert (a.status_code, a.content) == (b.status_code, b.content)
    assert "MRKMINUTA" not in a.text
    assert "Minuta oculta" not in a.text


def test_refusal_renders_no_layout_of_the_refused_object(site_url, uids):  # noqa: F811
    processo = novo_processo(
        site_url,
        uids,
        especificacao="MRKRECUSA restrita",
        nivel_acesso="restrito",
        hipotese_legal=uids["pessoal"],
    )
    for auth in (HELENA, GABRIELA):
        response = _get(processo["@id"], auth=auth, headers=HTML)
        assert response.status_code == 403, response.text
        assert "MRKRECUSA" not in response.text
        assert processo["@id"] not in response.text
        assert "Acesso negado" in response.text
    anonimo = requests.get(
        processo["@id"], headers=JSON, timeout=60, allow_redirects=False
    )
    assert anonimo.status_code == 401
    assert anonimo.json() == {
        "error": {
            "type": "Unauthorized",
            "message": "Entre no sistema para ver esta página.",
        }
    }


def test_anonymous_andamentos_are_the_summary_without_people(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids, especificacao="Andamentos públicos")
    url = f"{processo['@id']}/@andamentos"
    atualizado = post(url, {"texto": "MRKANDTEXTO fala com Carlos"})
    assert atualizado.status_code == 201, atualizado.text

    completo = _get(url, auth=CARLOS).json()["items"]
    assert {item["tipo"] for item in completo} >= {
        "processo_gerado",
        "atualizacao_andamento",
    }
    assert any(item["usuario"] for item in completo)

    for auth in (None, HELENA, GABRIELA):
        resposta = _get(url, auth=auth)
        assert resposta.status_code == 200
        items = resposta.json()["items"]
        assert [item["tipo"] for item in items] == ["processo_gerado"], auth
        assert "MRKANDTEXTO" not in resposta.text
        assert "Carlos" not in resposta.text
        assert "carlos.mendes" not in resposta.text
        assert all(item["usuario"] is None for item in items)
        # Asking for the complete history changes nothing.
        assert _get(f"{url}?resumido=false", auth=auth).json()["items"] == items
        pagina = _get(f"{processo['@id']}/@@andamentos", auth=auth, headers=HTML).text
        assert "MRKANDTEXTO" not in pagina
        assert "Carlos Mendes" not in pagina


def test_cpf_in_free_text_is_masked_for_anonymous(site_url, uids):  # noqa: F811
    dados = {
        "@type": "Processo",
        "tipo_processo": uids["lai"],
        "especificacao": f"Certidão de {CPF_FORMATADO} MRKLIVRE",
        "nivel_acesso": "publico",
    }
    # Warned before saving, offered to restrict; nothing is created.
    recusa = post(f"{site_url}/processos", dados)
    assert recusa.status_code == 400, recusa.text
    mensagem = str(recusa.json())
    assert "***.874.567-**" in mensagem
    assert "Informação Pessoal" in mensagem
    assert _sem_cpf(mensagem)
    assert (
        requests.get(
            f"{site_url}/@search",
            params={"SearchableText": "MRKLIVRE"},
            headers=JSON,
            auth=CARLOS,
            timeout=60,
        ).json()["items_total"]
        == 0
    )
    restrito = post(
        f"{site_url}/processos",
        {**dados, "nivel_acesso": "restrito", "hipotese_legal": uids["pessoal"]},
    )
    assert restrito.status_code == 201, restrito.text
    processo = novo_processo(
        site_url,
        uids,
        especificacao=dados["especificacao"],
        publicar_dados_pessoais=True,
    )
    for resposta in (
        _get(processo["@id"], headers=HTML),
        _get(processo["@id"]),
        requests.get(
            f"{site_url}/@search",
            params={"SearchableText": "MRKLIVRE", "metadata_fields": "_all"},
            headers=JSON,
            timeout=60,
        ),
    ):
        assert resposta.status_code == 200
        assert "MRKLIVRE" in resposta.text
        assert _sem_cpf(resposta.text)
        assert "***.874.567-**" in resposta.text
    # Staff of the órgão read the especificação as written.
    assert CPF_FORMATADO in _get(processo["@id"], auth=GABRIELA).json()["especificacao"]
    # Never indexed: the CPF finds nothing, for anyone.
    achados = requests.get(
        f"{site_url}/@search",
        params={"SearchableText": CPF},
        headers=JSON,
        auth=CARLOS,
        timeout=60,
    ).json()
    assert achados["items_total"] == 0


def test_cpf_in_andamento_text_asks_for_confirmation(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids, especificacao="Andamento com CPF")
    url = f"{processo['@id']}/@andamentos"
    texto = f"Requerente {CPF_FORMATADO} ligou"
    recusa = post(url, {"texto": texto})
    assert recusa.status_code == 400
    erro = recusa.json()["error"]
    assert "Descrição: o texto contém um CPF (***.874.567-**)" in erro["message"]
    assert _sem_cpf(recusa.text)
    antes = _get(url, auth=CARLOS).json()["items_total"]
    confirmado = post(url, {"texto": texto, "confirmar_dados_pessoais": True})
    assert confirmado.status_code == 201
    assert _get(url, auth=CARLOS).json()["items_total"] == antes + 1
    # The Classic UI form: the warning, then a checkbox to confirm.
    sessao = requests.Session()
    sessao.auth = CARLOS
    pagina = sessao.get(f"{processo['@id']}/@@andamentos", timeout=60).text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', pagina).group(1)
    aviso = sessao.post(
        f"{processo['@id']}/@@andamentos",
        data={"texto": texto, "_authenticator": token},
        timeout=60,
    )
    assert aviso.status_code == 400
    assert "contém um CPF (***.874.567-**)" in aviso.text
    assert 'name="confirmar_dados_pessoais"' in aviso.text
    feito = sessao.post(
        f"{processo['@id']}/@@andamentos",
        data={"texto": texto, "confirmar_dados_pessoais": "1", "_authenticator": token},
        timeout=60,
    )
    assert feito.status_code == 200
    assert _get(url, auth=CARLOS).json()["items_total"] == antes + 2


def test_staff_cpf_and_email_stay_with_them(site_url, acceptance):
    from plone import api

    carlos = api.user.get(username="carlos.mendes")
    email, cpf = carlos.getProperty("email"), carlos.getProperty("cpf")
    assert email
    assert cpf
    for caminho in ("@principals?search=carlos", "@users?query=carlos", "@groups"):
        for auth in (HELENA, GABRIELA, None):
            resposta = _get(f"{site_url}/{caminho}", auth=auth)
            assert resposta.status_code in (401, 403), (caminho, auth)
            assert email not in resposta.text
    # People search offers names only.
    pessoas = _get(
        f"{site_url}/@vocabularies/plone.app.vocabularies.Users?title=carlos",
        auth=HELENA,
    )
    assert pessoas.json()["items"] == [
        {"title": "Carlos Mendes", "token": "carlos.mendes"}
    ]
    autor = _get(f"{site_url}/author/carlos.mendes", auth=HELENA, headers=HTML)
    assert autor.status_code == 200
    assert "Carlos Mendes" in autor.text
    assert email not in autor.text
    assert cpf not in autor.text
    # He reads his own data.
    proprio = _get(f"{site_url}/@users/carlos.mendes", auth=CARLOS).json()
    assert proprio["email"] == email


def test_history_leaves_out_other_units_minutas(site_url, uids):  # noqa: F811
    processo = novo_processo(site_url, uids, especificacao="Minutas no histórico")
    minuta = post(
        processo["@id"],
        {"@type": "Documento", "tipo_documento": uids["oficio"]},
    ).json()
    enviado = post(
        f"{processo['@id']}/@enviar",
        {
            "destinos": ["CMVS/PRESIDENCIA/SECRETARIA/PROTOCOLO"],
            "confirmar_minutas": True,
        },
    )
    assert enviado.status_code == 200, enviado.text
    url = f"{processo['@id']}/@andamentos"

    def documentos(auth):
        return [
            item["atributos"].get("documento_uid")
            for item in _get(url, auth=auth).json()["items"]
            if item["tipo"] == "documento_gerado"
        ]

    assert documentos(CARLOS) == [minuta["UID"]]  # its unit (G)
    beatriz = ("beatriz.lima", SENHA)  # the Protocolo now has it (T)
    assert _get(url, auth=beatriz).status_code == 200
    assert documentos(beatriz) == []
    assert minuta["UID"] not in _get(url, auth=beatriz).text
    assert f"({minuta['numero_sei']})" not in _get(url, auth=beatriz).text


def test_file_names_reach_anonymous_visitors_without_cpfs(site_url, uids):  # noqa: F811
    from tests.processos.test_rest import PDF
    import base64

    processo = novo_processo(site_url, uids, especificacao="Arquivo com nome")
    dados = {
        "@type": "DocumentoExterno",
        "tipo_documento": uids["certidao"],
        "data_documento": "2026-11-20",
        "formato": "nato_digital",
        "nivel_acesso": "publico",
        "arquivo": {
            "data": base64.b64encode(PDF).decode(),
            "encoding": "base64",
            "filename": f"certidao-{CPF_FORMATADO}.pdf",
            "content-type": "application/pdf",
        },
    }
    # Warned at input, offered to restrict; nothing is created.
    recusa = post(processo["@id"], dados)
    assert recusa.status_code == 400, recusa.text
    assert "Arquivo: o texto contém um CPF (***.874.567-**)" in str(recusa.json())
    assert "Informação Pessoal" in str(recusa.json())
    assert _sem_cpf(recusa.text)
    itens = _get(processo["@id"], auth=CARLOS).json()["items"]
    assert itens == []
    externo = post(processo["@id"], {**dados, "publicar_dados_pessoais": True})
    assert externo.status_code == 201, externo.text
    url = externo.json()["@id"]
    anonimo = _get(url).json()
    assert anonimo["arquivo"]["filename"] == "certidao-***.874.567-**.pdf"
    pagina = _get(url, headers=HTML).text
    assert _sem_cpf(pagina)
    assert "certidao-***.874.567-**.pdf" in pagina
    download = requests.get(f"{url}/@@arquivo", timeout=60)
    assert download.status_code == 200
    assert _sem_cpf(download.headers["Content-Disposition"])
    # Staff of the órgão read it as written.
    assert _get(url, auth=GABRIELA).json()["arquivo"]["filename"] == (
        f"certidao-{CPF_FORMATADO}.pdf"
    )


@pytest.mark.parametrize("auth", [None, HELENA], ids=["A", "O"])
def test_hidden_process_cannot_be_probed_through_acquisition(
    site_url,
    uids,  # noqa: F811
    auth,
):
    """``/<sigiloso>/<público>`` answers as ``/<missing>/<público>``."""
    sigiloso = novo_processo(
        site_url,
        uids,
        tipo_processo=uids["disciplinar"],
        especificacao="Aquisição",
        nivel_acesso="sigiloso",
        hipotese_legal=uids["investigacao"],
    )
    publico = novo_processo(site_url, uids, especificacao="Alcançado por aquisição")
    alvo = publico["@id"].rsplit("/", 1)[1]
    oculto = f"{sigiloso['@id']}/{alvo}"
    inexistente = f"{sigiloso['@id'].rsplit('/', 1)[0]}/9999-99-9999999-9999-99/{alvo}"
    for sufixo in ("", "/@pdf-processo", "/@@processo"):
        for headers in (JSON, HTML):
            a = _get(oculto + sufixo, auth=auth, headers=headers)
            b = _get(inexistente + sufixo, auth=auth, headers=headers)
            assert (a.status_code, a.content) == (b.status_code, b.content), sufixo
            assert a.status_code == 404


@pytest.mark.parametrize("metodo", ["HEAD", "OPTIONS", "PROPFIND", "LOCK", "MKCOL"])
@pytest.mark.parametrize("auth", [None, HELENA], ids=["A", "O"])
def test_other_methods_answer_hidden_as_missing(site_url, uids, metodo, auth):  # noqa: F811
    processo = novo_processo(site_url, uids, especificacao="Métodos")
    minuta = post(
        processo["@id"], {"@type": "Documento", "tipo_documento": uids["oficio"]}
    ).json()
    oculta = minuta["@id"]
    inexistente = oculta.rsplit("/", 1)[0] + "/9999999"
    a = requests.request(metodo, oculta, auth=auth, timeout=60)
    b = requests.request(metodo, inexistente, auth=auth, timeout=60)
    assert a.status_code == 404
    assert (a.status_code, a.content) == (b.status_code, b.content)
    ignorar = {"date", "connection", "keep-alive"}
    assert {k.lower(): v for k, v in a.headers.items() if k.lower() not in ignorar} == {
        k.lower(): v for k, v in b.headers.items() if k.lower() not in ignorar
    }
