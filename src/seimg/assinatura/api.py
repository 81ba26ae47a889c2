"""Signing documents: the contract other features use.

- :func:`assinar` signs a Documento (password re-entry + one of the user's
  cargos); the first signature freezes the rendering
  (:mod:`seimg.assinatura.renderizacao`) and moves the document to
  ``assinado``; later signers sign the same frozen conteúdo;
- :func:`autenticar` does the same for a digitalised DocumentoExterno: the
  record's SHA-256 and CRC are those of the stored file bytes;
- :func:`cancelar_assinatura` takes one's own signature back while the
  document is not :func:`bloqueado` and no other unit signed; without
  signatures left the document goes back to ``minuta``;
- :func:`registro`, :func:`verificar` (tamper check), :func:`crc`,
  :func:`codigo_verificador` read the record.

The record lives in the annotation ``seimg.assinatura`` of the document:
``conteudo`` (frozen HTML of the document), ``html`` (conteúdo + one stamp
per signature), ``sha256`` and ``crc`` **of ``html``** (recomputed at each
signature or cancellation), ``sha256_conteudo`` (what every signer signed:
each signature keeps it as its ``sha256``), ``congelado_em`` and
``assinaturas``. For external documents ``tipo`` is ``arquivo``, ``html`` is
None and both sums are of the file.
"""

from Acquisition import aq_parent
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from plone import api
from seimg import _
from seimg.assinatura import falhas
from seimg.assinatura import pades
from seimg.assinatura import pregeracao
from seimg.assinatura import renderizacao
from seimg.assinatura import tarjas
from seimg.assinatura.registro import _assinatura
from seimg.assinatura.registro import _store
from seimg.assinatura.registro import ANNOTATION_KEY
from seimg.assinatura.registro import ARQUIVO
from seimg.assinatura.registro import Assinatura
from seimg.assinatura.registro import assinaturas
from seimg.assinatura.registro import codigo_verificador  # noqa: F401 (the API)
from seimg.assinatura.registro import crc  # noqa: F401 (the API)
from seimg.assinatura.registro import METODO_SENHA
from seimg.assinatura.registro import pagina  # noqa: F401 (the API)
from seimg.assinatura.registro import Registro  # noqa: F401 (the API)
from seimg.assinatura.registro import registro
from seimg.assinatura.registro import RENDERIZACAO
from seimg.assinatura.registro import verificar
from seimg.base.persistencia import atributo
from seimg.nivel_acesso import efetivo as nivel
from seimg.organizacao import perfis
from seimg.organizacao.atual import unidade_atual
from seimg.processos import campos
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from seimg.processos.erros import traduzir
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


def cargos(userid: str) -> list[str]:
    user = api.user.get(userid=userid)
    if user is None:
        return []
    valor = user.getProperty("cargos", None) or ()
    if isinstance(valor, str):
        valor = valor.splitlines()
    return [c.strip() for c in valor if c and c.strip()]


def _userid() -> str | None:
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def motivo_para_nao_assinar(
    documento, userid: str | None = None, conteudo: bool = True
):
    """None when the current user may sign ``documento`` now, else (status, message).

    Password, cargo and the wrong-password lock are checked by
    :func:`assinar` itself, and so is the trial conversion of the body
    (:func:`motivo_conteudo_nao_renderiza`). With ``conteudo=False`` the
    body is not looked at (:func:`motivo_conteudo`): the document page still
    offers the signing form, which then says what to fix.
    """
    from seimg.assinatura import permissoes

    userid = userid or _userid()
    estado = api.content.get_state(documento, default=None)
    externo = documento.portal_type == "DocumentoExterno"
    if estado == "cancelado":
        return 403, _(
            "assinar_cancelado",
            default="The document is cancelled: it cannot be signed.",
        )
    if externo:
        if getattr(documento, "formato", None) != "digitalizado":
            return 400, _(
                "autenticar_so_digitalizado",
                default="Only scanned external documents are authenticated.",
            )
    elif estado not in ("minuta", "assinado"):
        return 400, _(
            "assinar_estado",
            default="The document cannot be signed in its current state.",
        )
    if userid is None:
        return 403, _("assinar_anonimo", default="Log in to sign.")
    if not api.user.has_permission("View", obj=documento):
        return 403, _(
            "assinar_sem_acesso",
            default="You have no access to this document.",
        )
    unidade = unidade_atual()
    if unidade is None:
        return 403, _(
            "processo_sem_unidade",
            default="You act for no unit: ask your órgão's administrator "
            "for a perfil in a unit.",
        )
    if not perfis.pode_assinar(userid, unidade):
        return 403, _(
            "assinar_sem_perfil",
            default="Your perfil in ${unidade} does not allow signing.",
            mapping={"unidade": unidade.sigla_completa()},
        )
    da_unidade = documento.unidade_geradora == unidade.UID() and tramite.aberto_em(
        documento.aq_parent, unidade
    )
    if not da_unidade and not permissoes.pode_assinar_por_bloco(documento, userid):
        return 403, _(
            "assinar_outra_unidade",
            default="Only users of the generating unit, with the process open "
            "there, may sign this document (or through a bloco de assinatura).",
        )
    ja_assinadas = assinaturas(documento)
    if any(a.userid == userid for a in ja_assinadas):
        return 400, _(
            "assinar_duas_vezes",
            default="You have already signed this document.",
        )
    if conteudo and not externo and not ja_assinadas:
        return motivo_conteudo(documento)
    return None


def motivo_conteudo(documento):
    """None when the body of the (unsigned) Documento may be signed, else
    (400, message): an empty body, or fill-in fields of its template left
    unchanged (:mod:`seimg.processos.campos`). Later signers sign the body
    the first one froze: only the first signature asks."""
    texto = getattr(documento, "texto", None)
    html = (texto.raw if texto is not None else "") or ""
    if campos.vazio(html):
        return 400, _(
            "assinar_documento_vazio",
            default="The document is empty: write its text before signing.",
        )
    pendentes = campos.pendentes(html)
    if pendentes:
        return 400, _(
            "assinar_campos_pendentes",
            default="Fill in the template's fields before signing: ${campos}.",
            mapping={"campos": ", ".join(c.rotulo for c in pendentes)},
        )
    return None


def motivo_conteudo_nao_renderiza(documento):
    """None when the body converts as its template renders the sealed PDF
    (:mod:`seimg.geracao.ensaio`), else (400, message). Costs a trial
    conversion (tens of milliseconds): :func:`assinar` asks it once, before
    the first signature is written."""
    from seimg.geracao import ensaio

    modelo = pades.modelo(documento)
    if modelo is None:  # the frozen HTML goes to LibreOffice as it is
        return None
    if ensaio.erro_de_conversao(renderizacao.corpo(documento), modelo) is None:
        return None
    return 400, MOTIVO_NAO_RENDERIZA


MOTIVO_NAO_RENDERIZA = _(
    "assinar_documento_nao_renderiza",
    default="The text of the document cannot be turned into the signed "
    "PDF: some part of it (a table, a list or an image pasted from "
    "elsewhere) is not understood. Simplify or retype that part and try "
    "again; nothing was signed.",
)


def pode_assinar(documento, conteudo: bool = True) -> bool:
    return motivo_para_nao_assinar(documento, conteudo=conteudo) is None


def _recusar(recusa):
    status, message = recusa
    raise proibido(message) if status == 403 else invalido(message)


def _exigir_nao_travado(userid: str) -> None:
    ate = falhas.bloqueado_ate(userid)
    if ate is not None:
        raise proibido(
            _(
                "assinatura_travada",
                default="Too many wrong passwords: signing is locked for you until "
                "${hora}.",
                mapping={"hora": tarjas.em_brasilia(ate).strftime("%H:%M")},
            )
        )


def _verificar_senha(userid: str, senha: str, request) -> None:
    from seimg.acesso.api import TentativasDemais
    from seimg.processos import credenciais

    request = request if request is not None else getRequest()
    _exigir_nao_travado(userid)
    try:
        credenciais.verificar_senha(userid, senha, request)
    except TentativasDemais:
        raise  # refused before checking the password: not a wrong password
    except Forbidden:
        falhou = falhas.falhou(userid)
        if falhou >= falhas.max_falhas():
            _exigir_nao_travado(userid)
        raise
    falhas.acertou(userid)


def _exigir_cargo(userid: str, cargo: str) -> str:
    cargo = (cargo or "").strip()
    if not cargo or cargo not in cargos(userid):
        raise invalido(
            _(
                "assinar_cargo",
                default="Cargo: choose one of your cargos (${cargos}).",
                mapping={"cargos": ", ".join(cargos(userid)) or "—"},
            )
        )
    return cargo


def _dados_assinatura(userid: str, cargo: str, sha256: str, agora: datetime) -> dict:
    user = api.user.get(userid=userid)
    nome = (user.getProperty("fullname") or userid) if user is not None else userid
    unidade = unidade_atual()
    return {
        "userid": userid,
        "nome": nome,
        "cpf": (user.getProperty("cpf", "") or "") if user is not None else "",
        "cargo": cargo,
        "unidade_uid": unidade.UID(),
        "unidade_sigla": unidade.sigla_completa(),
        "data": agora,
        "metodo": METODO_SENHA,
        "sha256": sha256,
        "tarja": tarjas.texto_assinatura(aq_parent(unidade), nome, cargo, agora),
    }


def _remontar(dados) -> None:
    """Re-render the stamps and recompute the sums of the final HTML."""
    if dados.get("tipo") == ARQUIVO:
        return
    html = renderizacao.montar(dados["conteudo"], dados["assinaturas"])
    dados["html"] = html
    dados["sha256"] = renderizacao.sha256(html)
    dados["crc"] = renderizacao.crc32(html)


def _andamento(documento, tipo: str, **atributos) -> None:
    from seimg import andamentos
    from seimg.processos.subscribers import rotulo

    andamentos.registrar(
        documento.aq_parent,
        tipo,
        documento=rotulo(documento),
        documento_uid=documento.UID(),
        **atributos,
    )


def _modificado(documento) -> None:
    """A signature changes no indexed value (the state, when it changes, is
    reindexed by its transition): the modification date only, not a full
    reindex (which would extract the text again)."""
    documento.notifyModified()
    documento.reindexObject(idxs=["modified"])


def assinar(documento, senha: str, cargo: str, request=None) -> Assinatura:
    """Sign ``documento`` as the current user for the acting unit."""
    if documento.portal_type == "DocumentoExterno":
        return autenticar(documento, senha, cargo, request)
    userid = _userid()
    recusa = motivo_para_nao_assinar(documento, userid)
    if recusa is not None:
        _recusar(recusa)
    _verificar_senha(userid, senha, request)
    cargo = _exigir_cargo(userid, cargo)
    primeira = not assinaturas(documento)
    if primeira:
        # Nothing is written before this: a body that would have no sealed
        # PDF is refused while the document is still a minuta.
        recusa = motivo_conteudo_nao_renderiza(documento)
        if recusa is not None:
            _recusar(recusa)
        conteudo = renderizacao.conteudo(documento)

    agora = datetime.now(UTC)
    dados = _store(documento, criar=True)
    if primeira:
        dados["tipo"] = RENDERIZACAO
        dados["conteudo"] = conteudo
        dados["sha256_conteudo"] = renderizacao.sha256(conteudo)
        dados["congelado_em"] = agora
    nova = _dados_assinatura(userid, cargo, dados["sha256_conteudo"], agora)
    dados["assinaturas"].append(nova)
    _remontar(dados)
    if api.content.get_state(documento) == "minuta":
        with api.env.adopt_roles([nivel.SISTEMA]):
            api.content.transition(obj=documento, transition="assinar")
    _andamento(documento, "documento_assinado", cargo=cargo)
    _modificado(documento)
    pregeracao.apos_assinatura(documento)  # its sealed PDF, ahead of visitors
    return _assinatura(nova)


def autenticar(documento, senha: str, cargo: str, request=None) -> Assinatura:
    """Authenticate a scanned DocumentoExterno: sign the stored file's sums."""
    userid = _userid()
    recusa = motivo_para_nao_assinar(documento, userid)
    if recusa is not None:
        _recusar(recusa)
    arquivo = getattr(documento, "arquivo", None)
    if arquivo is None:
        raise invalido(_("autenticar_sem_arquivo", default="The document has no file."))
    _verificar_senha(userid, senha, request)
    cargo = _exigir_cargo(userid, cargo)

    agora = datetime.now(UTC)
    sha, soma = renderizacao.somas_de_arquivo(arquivo)
    dados = _store(documento, criar=True)
    if not dados.get("assinaturas"):
        dados.update(
            tipo=ARQUIVO,
            html=None,
            conteudo=None,
            sha256=sha,
            sha256_conteudo=sha,
            crc=soma,
            congelado_em=agora,
        )
    elif dados["sha256"] != sha:
        raise proibido(
            _(
                "autenticar_arquivo_alterado",
                default="The file changed after the first authentication.",
            )
        )
    nova = _dados_assinatura(userid, cargo, sha, agora)
    dados["assinaturas"].append(nova)
    _andamento(documento, "documento_assinado", cargo=cargo)
    _modificado(documento)
    return _assinatura(nova)


# Bloqueio and cancelling one's own signature


def motivo_bloqueio(documento):
    """Why the signed ``documento`` is bloqueado (a message), or None.

    Reference §3: once another unit saw it, or the process was sent or
    concluded after the first signature. From the routing state: a unit other
    than the generating one opened it (sent there) or looked at it after the
    first signature, or the andamentos record a sending or a conclusion since.
    """
    reg = registro(documento)
    if reg is None:
        return None
    desde = reg.congelado_em
    processo = documento.aq_parent
    geradora = documento.unidade_geradora
    from seimg import andamentos

    for andamento in andamentos.listar(processo):
        if andamento.data <= desde:
            continue
        if andamento.tipo == "processo_remetido":
            return _(
                "bloqueio_enviado",
                default="Bloqueado: the process was sent on ${data}, after the "
                "first signature.",
                mapping={"data": _quando(andamento.data)},
            )
        if andamento.tipo == "processo_concluido":
            return _(
                "bloqueio_concluido",
                default="Bloqueado: the process was concluded on ${data}, after the "
                "first signature.",
                mapping={"data": _quando(andamento.data)},
            )
    historico = atributo(processo, "_historico") or {}
    for uid, quando in historico.items():
        if uid != geradora and quando > desde:
            return _(
                "bloqueio_enviado",
                default="Bloqueado: the process was sent on ${data}, after the "
                "first signature.",
                mapping={"data": _quando(quando)},
            )
    for uid, abertura in tramite.aberturas(processo).items():
        if uid == geradora:
            continue
        if abertura.visto_em and abertura.visto_em > desde:
            return _(
                "bloqueio_visto",
                default="Bloqueado: another unit viewed the process on ${data}, "
                "after the first signature.",
                mapping={"data": _quando(abertura.visto_em)},
            )
        if abertura.enviado_por and abertura.desde > desde:
            return _(
                "bloqueio_enviado",
                default="Bloqueado: the process was sent on ${data}, after the "
                "first signature.",
                mapping={"data": _quando(abertura.desde)},
            )
    return None


def _quando(data: datetime) -> str:
    return tarjas.em_brasilia(data).strftime("%d/%m/%Y %H:%M")


def bloqueado(documento) -> bool:
    return motivo_bloqueio(documento) is not None


def motivo_para_nao_cancelar_assinatura(documento, userid: str | None = None):
    """None when ``userid`` may cancel his own signature, else a message."""
    userid = userid or _userid()
    if api.content.get_state(documento, default=None) == "cancelado":
        return _(
            "assinar_cancelado",
            default="The document is cancelled: it cannot be signed.",
        )
    minhas = [a for a in assinaturas(documento) if a.userid == userid]
    if not userid or not minhas:
        return _(
            "cancelar_assinatura_nao_assinou",
            default="You have not signed this document.",
        )
    motivo = motivo_bloqueio(documento)
    if motivo is not None:
        return motivo
    minha_unidade = minhas[0].unidade_uid
    if any(
        a.unidade_uid != minha_unidade
        for a in assinaturas(documento)
        if a.userid != userid
    ):
        return _(
            "cancelar_assinatura_outra_unidade",
            default="Another unit has signed this document: your signature can no "
            "longer be cancelled.",
        )
    return None


def pode_cancelar_assinatura(documento) -> bool:
    return motivo_para_nao_cancelar_assinatura(documento) is None


def cancelar_assinatura(documento, request=None, senha: str | None = None) -> None:
    """Take back the current user's signature (password checked when given)."""
    userid = _userid()
    motivo = motivo_para_nao_cancelar_assinatura(documento, userid)
    if motivo is not None:
        raise proibido(motivo)
    if senha is not None:
        _verificar_senha(userid, senha, request)
    dados = _store(documento)
    minha = next(a for a in dados["assinaturas"] if a["userid"] == userid)
    dados["assinaturas"] = PersistentList(
        a for a in dados["assinaturas"] if a["userid"] != userid
    )
    if dados["assinaturas"]:
        _remontar(dados)
    else:
        del IAnnotations(documento)[ANNOTATION_KEY]
        if (
            documento.portal_type == "Documento"
            and api.content.get_state(documento) == "assinado"
        ):
            with api.env.adopt_roles([nivel.SISTEMA]):
                api.content.transition(obj=documento, transition="desfazer_assinatura")
    _andamento(documento, "assinatura_cancelada", signatario=minha["nome"])
    documento.reindexObject()
    if dados["assinaturas"]:
        pregeracao.apos_assinatura(documento)  # the stamps changed


def mensagem(recusa) -> str:
    """A refusal (message or (status, message)) as translated text."""
    if isinstance(recusa, tuple):
        recusa = recusa[1]
    return traduzir(recusa)


def documento_modificado(documento, event) -> None:
    """Subscriber: what was signed or authenticated cannot change any more.

    Signed Documentos are read-only through the workflow; an authenticated
    DocumentoExterno stays editable for its metadata, but its file is what
    the signatures cover: replacing it is refused.
    """
    if registro(documento) is not None and not verificar(documento):
        from seimg import _
        from seimg.processos.erros import proibido

        raise proibido(
            _(
                "arquivo_autenticado",
                default="Arquivo: the file was authenticated with signatures and "
                "cannot be replaced.",
            )
        )
