"""Links between processos and a unit's acknowledgements of them.

Owns, on each Processo:

- ``_sobrestamento`` (a :class:`seimg.processos.tramite.Sobrestamento` while
  suspended) and ``_periodos_sobrestado``: ``(inicio, fim)`` of every past
  suspension, so statistics can subtract the time it did not count;
- ``_relacionados``: UIDs of the processes related to it (two-way: both
  sides hold the other's UID);
- ``_anexos`` (on the principal, UIDs in annexation order) and
  ``_anexado_a`` (on the annexed process, the principal's UID): an annexed
  process is closed in every unit and travels with its principal, whose
  effective level also counts the annexed ones (see
  :func:`seimg.nivel_acesso.efetivo.calcular`);
- the annotation ``seimg.ciencias`` of a processo or documento: user id →
  ``{"unidade", "data"}`` (irreversible, one per user; SEI's rule: users who
  read the object through their acting unit, :func:`pode_dar_ciencia`).

The acting unit is :func:`seimg.organizacao.atual.unidade_atual`. Every
action checks all its rules first (refusing with a Portuguese message,
:func:`~seimg.processos.erros.proibido` → 403 or
:func:`~seimg.processos.erros.invalido` → 400), then changes the state,
writes its andamento(s) and reindexes (:func:`tramite.reindexar`).
"""

from borg.localrole.interfaces import ILocalRoleProvider
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from datetime import datetime
from datetime import timedelta
from persistent.list import PersistentList
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg import _
from seimg import andamentos
from seimg.base.persistencia import atributo
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
from seimg.nivel_acesso import niveis
from seimg.processos import nivel
from seimg.processos import regras
from seimg.processos import tramite
from seimg.processos.erros import invalido
from seimg.processos.erros import proibido
from zope.annotation.interfaces import IAnnotations
from zope.component import getAdapters


MAX_MOTIVO = 500
CIENCIAS = "seimg.ciencias"


# -- helpers -----------------------------------------------------------------


def _usuario() -> str | None:
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def _motivo(motivo) -> str:
    if motivo is not None and not isinstance(motivo, str):
        motivo = None
    motivo = (motivo or "").strip()
    if not motivo:
        raise invalido(_("vinculo_motivo_obrigatorio", default="Motivo: required."))
    if len(motivo) > MAX_MOTIVO:
        raise invalido(
            _(
                "vinculo_motivo_longo",
                default="Motivo: at most ${maximo} characters.",
                mapping={"maximo": MAX_MOTIVO},
            )
        )
    return motivo


def _pode_ver(obj) -> bool:
    return api.user.has_permission("View", obj=obj)


def _exigir_visivel(processo) -> None:
    if not _pode_ver(processo):
        raise proibido(
            _(
                "vinculo_processo_invisivel",
                default="Processo: you cannot see the process ${numero}.",
                mapping={"numero": processo.numero},
            )
        )


def por_uid(uid: str | None):
    return uuidToObject(uid, unrestricted=True) if uid else None


def resolver_processo(valor, campo: str = "processo"):
    """The Processo named by a NUP or a UID, among those the user may see.

    Refuses with 400 naming ``campo`` when nothing (visible) matches.
    """
    if IProcesso.providedBy(valor):
        return valor
    texto = valor.strip() if isinstance(valor, str) else ""
    if texto:
        catalog = api.portal.get_tool("portal_catalog")
        for query in ({"numero": texto}, {"UID": texto}):
            brains = catalog(portal_type="Processo", **query)
            if len(brains):
                return brains[0].getObject()
    raise invalido(
        _(
            "vinculo_processo_desconhecido",
            default="${campo}: no process you can see has the number or UID "
            "'${valor}'.",
            mapping={"campo": campo, "valor": texto},
        )
    )


# -- sobrestamento ---------------------------------------------------------------


def sobrestado(processo) -> bool:
    return tramite.sobrestamento(processo) is not None


def periodos_sobrestado(processo) -> list[tuple[datetime, datetime | None]]:
    """``(inicio, fim)`` of every suspension; ``fim`` None for the current one."""
    periodos = [tuple(p) for p in atributo(processo, "_periodos_sobrestado", ())]
    atual = tramite.sobrestamento(processo)
    if atual is not None:
        periodos.append((atual.desde, None))
    return periodos


def tempo_sobrestado(processo, ate: datetime | None = None) -> timedelta:
    """Total suspended time (the current suspension counted up to ``ate``)."""
    ate = ate or tramite.agora()
    total = timedelta()
    for inicio, fim in periodos_sobrestado(processo):
        total += (fim or ate) - inicio
    return total


def sobrestar(processo, motivo: str, processo_vinculado=None) -> None:
    """Suspend ``processo``: only when it is open in the acting unit alone."""
    unidade = regras.exigir_aberto(processo)
    motivo = _motivo(motivo)
    if sobrestado(processo):
        raise proibido(
            _(
                "sobrestar_ja_sobrestado",
                default="The process ${numero} is already suspended.",
                mapping={"numero": processo.numero},
            )
        )
    if tramite.unidades_abertas(processo) != [unidade.UID()]:
        raise proibido(
            _(
                "sobrestar_aberto_em_outras",
                default="The process ${numero} is also open in other units: it can "
                "only be suspended when open in your unit alone.",
                mapping={"numero": processo.numero},
            )
        )
    vinculado = None
    if processo_vinculado not in (None, ""):
        vinculado = resolver_processo(processo_vinculado, "processo_vinculado")
        if vinculado.UID() == processo.UID():
            raise invalido(
                _(
                    "sobrestar_vinculado_proprio",
                    default="processo_vinculado: a process cannot be linked to itself.",
                )
            )
    processo._sobrestamento = tramite.Sobrestamento(
        unidade.UID(),
        motivo,
        _usuario(),
        processo_vinculado=vinculado.UID() if vinculado is not None else None,
    )
    atributos = {"motivo": motivo}
    if vinculado is not None:
        atributos["processo_vinculado"] = vinculado.numero
    andamentos.registrar(processo, "sobrestamento", unidade=unidade, **atributos)
    tramite.reindexar(processo)


def remover_sobrestamento(processo) -> None:
    unidade = regras.exigir_aberto(processo)
    atual = tramite.sobrestamento(processo)
    if atual is None:
        raise proibido(
            _(
                "sobrestamento_inexistente",
                default="The process ${numero} is not suspended.",
                mapping={"numero": processo.numero},
            )
        )
    periodos = atributo(processo, "_periodos_sobrestado")
    if periodos is None:
        periodos = processo._periodos_sobrestado = PersistentList()
    periodos.append((atual.desde, tramite.agora()))
    processo._sobrestamento = None
    andamentos.registrar(processo, "sobrestamento_removido", unidade=unidade)
    tramite.reindexar(processo)


# -- relacionamentos -------------------------------------------------------------


def _conjunto(processo, nome: str) -> OOTreeSet:
    conjunto = atributo(processo, nome)
    if conjunto is None:
        conjunto = OOTreeSet()
        setattr(processo, nome, conjunto)
    return conjunto


def relacionados(processo) -> list:
    """The processes related to ``processo`` (any the user may or may not see)."""
    return [
        obj
        for obj in (por_uid(uid) for uid in atributo(processo, "_relacionados", ()))
        if obj is not None
    ]


def _exigir_outro(a, b) -> None:
    if a.UID() == b.UID():
        raise invalido(
            _(
                "relacionar_proprio",
                default="Processo: a process cannot be related to itself.",
            )
        )


def relacionar(a, b) -> None:
    """Relate ``a`` and ``b`` both ways (the acting unit has ``a`` open)."""
    unidade = regras.exigir_aberto(a)
    _exigir_outro(a, b)
    _exigir_visivel(b)
    if b.UID() in atributo(a, "_relacionados", ()):
        raise invalido(
            _(
                "relacionar_duplicado",
                default="Processo: ${a} and ${b} are already related.",
                mapping={"a": a.numero, "b": b.numero},
            )
        )
    _conjunto(a, "_relacionados").add(b.UID())
    _conjunto(b, "_relacionados").add(a.UID())
    andamentos.registrar(
        a, "relacionamento_incluido", unidade=unidade, processo_relacionado=b.numero
    )
    andamentos.registrar(
        b, "relacionamento_incluido", unidade=unidade, processo_relacionado=a.numero
    )
    tramite.reindexar(a)
    tramite.reindexar(b)


def remover_relacionamento(a, b) -> None:
    unidade = regras.exigir_aberto(a)
    _exigir_outro(a, b)
    if b.UID() not in atributo(a, "_relacionados", ()):
        raise invalido(
            _(
                "relacionamento_inexistente",
                default="Processo: ${a} and ${b} are not related.",
                mapping={"a": a.numero, "b": b.numero},
            )
        )
    _conjunto(a, "_relacionados").remove(b.UID())
    outro = _conjunto(b, "_relacionados")
    if a.UID() in outro:
        outro.remove(a.UID())
    andamentos.registrar(
        a, "relacionamento_removido", unidade=unidade, processo_relacionado=b.numero
    )
    andamentos.registrar(
        b, "relacionamento_removido", unidade=unidade, processo_relacionado=a.numero
    )
    tramite.reindexar(a)
    tramite.reindexar(b)


# -- anexação --------------------------------------------------------------------


def anexos(processo) -> list:
    """The processes annexed to ``processo``, in annexation order."""
    return nivel.anexos(processo)


def anexado_a(processo):
    """The principal ``processo`` is annexed to, or None."""
    return por_uid(atributo(processo, "_anexado_a"))


def exigir_independente(processo) -> None:
    """Refuse (403) acting on an annexed process: it travels with its principal."""
    principal = anexado_a(processo)
    if principal is not None:
        raise proibido(
            _(
                "processo_anexado_sem_independencia",
                default="The process ${numero} is attached to ${principal}: act on "
                "that process instead.",
                mapping={"numero": processo.numero, "principal": principal.numero},
            )
        )


def avisos_anexacao(principal, anexado) -> list:
    """Advisory (not blocking) remarks: different type or subjects."""
    avisos = []
    mesmo_tipo = principal.tipo_processo == anexado.tipo_processo
    assuntos_a = set(getattr(principal, "assuntos", None) or ())
    assuntos_b = set(getattr(anexado, "assuntos", None) or ())
    if not mesmo_tipo or (assuntos_a and assuntos_b and not assuntos_a & assuntos_b):
        avisos.append(
            _(
                "anexar_assunto_diferente",
                default="The processes ${principal} and ${anexado} seem to deal "
                "with different subjects.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    return avisos


def anexar(principal, anexado) -> list:
    """Attach the newer ``anexado`` into ``principal`` for good.

    Returns the advisory remarks (see :func:`avisos_anexacao`).
    """
    unidade = regras.exigir_aberto(principal)
    if principal.UID() == anexado.UID():
        raise invalido(
            _(
                "anexar_proprio",
                default="Processo: a process cannot be attached to itself.",
            )
        )
    _exigir_visivel(anexado)
    regras.exigir_aberto(anexado)
    if principal.orgao != anexado.orgao:
        raise proibido(
            _(
                "anexar_outro_orgao",
                default="${anexado} belongs to another órgão than ${principal}: only "
                "processes of the same órgão can be attached.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if niveis.SIGILOSO in (principal.nivel_efetivo, anexado.nivel_efetivo):
        raise proibido(
            _(
                "anexar_sigiloso",
                default="Secret processes cannot be attached nor receive attachments.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if not anexado.created() > principal.created():
        raise proibido(
            _(
                "anexar_mais_antigo",
                default="Only a newer process can be attached to an older one: "
                "${anexado} is not newer than ${principal}.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if anexado_a(anexado) is not None or anexado_a(principal) is not None:
        raise proibido(
            _(
                "anexar_ja_anexado",
                default="An attached process cannot take part in another attachment.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if atributo(anexado, "_anexos"):
        raise proibido(
            _(
                "anexar_com_anexos",
                default="${anexado} has processes attached to it and cannot be "
                "attached.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    if sobrestado(anexado):
        raise proibido(
            _(
                "anexar_sobrestado",
                default="${anexado} is suspended: remove the suspension before "
                "attaching it.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    avisos = avisos_anexacao(principal, anexado)

    for uid in tramite.unidades_abertas(anexado):
        aberta = por_uid(uid)
        if aberta is not None:
            tramite.fechar_em(anexado, aberta)
    anexado._anexado_a = principal.UID()
    lista = atributo(principal, "_anexos")
    if lista is None:
        lista = principal._anexos = PersistentList()
    lista.append(anexado.UID())
    andamentos.registrar(
        principal, "anexacao", unidade=unidade, processo_anexado=anexado.numero
    )
    andamentos.registrar(
        anexado,
        "anexado_ao_processo",
        unidade=unidade,
        processo_principal=principal.numero,
    )
    nivel.atualizar(principal)
    tramite.reindexar(anexado)
    tramite.reindexar(principal)
    return avisos


def desanexar(principal, anexado, motivo: str) -> None:
    """Undo an annexation (with a reason): ``anexado`` opens in the acting unit."""
    unidade = regras.exigir_aberto(principal)
    motivo = _motivo(motivo)
    if anexado.UID() not in atributo(principal, "_anexos", ()):
        raise invalido(
            _(
                "desanexar_nao_anexado",
                default="Processo: ${anexado} is not attached to ${principal}.",
                mapping={"principal": principal.numero, "anexado": anexado.numero},
            )
        )
    principal._anexos.remove(anexado.UID())
    anexado._anexado_a = None
    andamentos.registrar(
        principal,
        "desanexacao",
        unidade=unidade,
        processo_anexado=anexado.numero,
        motivo=motivo,
    )
    andamentos.registrar(
        anexado,
        "desanexado_do_processo",
        unidade=unidade,
        processo_principal=principal.numero,
        motivo=motivo,
    )
    tramite.abrir_em(anexado, unidade)
    nivel.atualizar(principal)
    tramite.reindexar(anexado)
    tramite.reindexar(principal)


# -- ciência ---------------------------------------------------------------------


def _ciencias(obj, criar: bool):
    annotations = IAnnotations(obj)
    tree = annotations.get(CIENCIAS)
    if tree is None and criar:
        tree = annotations[CIENCIAS] = OOBTree()
    return tree


def ciencias(obj) -> dict[str, dict]:
    """User id → ``{"unidade", "data"}`` of every ciência on ``obj``.

    Entries recorded before ciência was per user (keyed by unit UID, with
    ``usuario``) are read in the same form.
    """
    tree = _ciencias(obj, criar=False)
    result = {}
    for chave, info in (tree or {}).items():
        info = dict(info)
        if "usuario" in info:  # per unit, as recorded before profile 1006
            usuario = info.pop("usuario") or chave
            result[usuario] = {"unidade": chave, **info}
        else:
            result[chave] = info
    return result


def deu_ciencia(obj, userid: str | None = None) -> bool:
    """Whether ``userid`` (default: the current user) gave ciência on ``obj``."""
    userid = userid if userid is not None else _usuario()
    return bool(userid) and userid in ciencias(obj)


def _grupos_da_unidade(unidade) -> str:
    from seimg.organizacao import perfis

    return f"{perfis.GROUP_PREFIX}{unidade.UID()}-"


def _em_bloco_de_reuniao(obj, unidade) -> bool:
    """A bloco made available to ``unidade`` holds ``obj``: the unit's groups
    get roles on it from a provider other than the process's own (the
    providers of ``seimg.blocos.papeis``)."""
    proprios = {"seimg.processo", "seimg.documento"}
    prefixo = _grupos_da_unidade(unidade)
    return any(
        principal.startswith(prefixo)
        for nome, provedor in getAdapters((obj,), ILocalRoleProvider)
        if nome not in proprios
        for principal, _papeis in provedor.getAllRoles()
    )


def pode_dar_ciencia(obj, unidade, userid) -> bool:
    """SEI's rule: the user reads ``obj`` through the acting unit.

    The process is or was open in the unit, or a bloco de reunião made
    available to the unit holds it, or (sigiloso) the user holds a
    credencial. Minutas: only the generating unit's own, or those of a bloco
    de reunião made available to the unit.
    """
    from seimg.processos import credenciais

    if unidade is None or not userid:
        return False
    documento = obj if IDocumentoBase.providedBy(obj) else None
    processo = obj.aq_parent if documento is not None else obj
    if not _pode_ver(obj):
        return False
    if getattr(processo, "nivel_efetivo", None) == niveis.SIGILOSO:
        return credenciais.possui(processo, userid)
    if documento is not None and api.content.get_state(documento, None) == "minuta":
        return documento.unidade_geradora == unidade.UID() or _em_bloco_de_reuniao(
            documento, unidade
        )
    return tramite.passou_por(processo, unidade) or _em_bloco_de_reuniao(
        processo, unidade
    )


def _registrar_ciencia(obj, userid, unidade) -> None:
    _ciencias(obj, criar=True)[userid] = {
        "unidade": unidade.UID(),
        "data": tramite.agora(),
    }


def ciencia(obj) -> None:
    """The current user acknowledges a Processo or a documento (irreversible).

    Recorded per user, with the acting unit; a document's ciência also
    registers it on its process.
    """
    unidade = regras.exigir_unidade()
    userid = _usuario()
    documento = obj if IDocumentoBase.providedBy(obj) else None
    processo = obj.aq_parent if documento is not None else obj
    if not IProcesso.providedBy(processo):
        raise invalido(
            _("ciencia_objeto", default="Ciência: only on a process or a document.")
        )
    if not pode_dar_ciencia(obj, unidade, userid):
        raise proibido(
            _(
                "ciencia_sem_acesso",
                default="You cannot see this item: no ciência can be given.",
            )
        )
    if documento is not None and api.content.get_state(documento, default=None) == (
        "cancelado"
    ):
        raise proibido(
            _(
                "ciencia_documento_cancelado",
                default="Ciência is not given on a cancelled document.",
            )
        )
    if deu_ciencia(obj, userid):
        raise invalido(
            _(
                "ciencia_repetida_usuario",
                default="You have already given ciência here.",
            )
        )
    _registrar_ciencia(obj, userid, unidade)
    atributos = {}
    if documento is not None:
        from seimg.processos.subscribers import rotulo

        atributos["documento"] = rotulo(documento)
        if not deu_ciencia(processo, userid):
            _registrar_ciencia(processo, userid, unidade)
    andamentos.registrar(processo, "ciencia", unidade=unidade, **atributos)
    tramite.reindexar(processo)
