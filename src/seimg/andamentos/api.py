"""Storage of andamentos: append and read, nothing else.

Owns the annotation ``seimg.andamentos`` of every processo: an ``LOBTree``
whose keys are microseconds since the epoch (UTC) times 1000 plus a random
part, so entries are in chronological order and two transactions appending
to the same processo at once write different keys, which the BTree's
conflict resolution merges.

Entries are :class:`Andamento` instances, plain (not ``Persistent``) objects
pickled inside the tree: they cannot be changed in place, their attributes
cannot be set or deleted, and this module offers no way to update or remove
one. What was true at the moment (unit sigla path and name, user name) is
copied into the entry, so later renames do not rewrite history.
"""

from BTrees.LOBTree import LOBTree
from plone import api
from plone.app.uuid.utils import uuidToObject
from seimg.andamentos import eventos
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
import datetime
import json
import random
import time


ANNOTATION_KEY = "seimg.andamentos"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class AndamentoImutavel(AttributeError):
    """Raised on any attempt to change an Andamento."""


class Andamento:
    """One immutable entry of a processo's history.

    ``id`` (int, key in the tree), ``tipo``, ``data`` (aware UTC datetime),
    ``unidade_uid``/``unidade_sigla``/``unidade_nome`` and
    ``usuario_id``/``usuario_nome`` (None for system actions), and
    ``atributos`` (a fresh copy of the JSON-able attributes at every read).
    """

    id: int
    tipo: str
    data: datetime.datetime
    unidade_uid: str | None = None
    unidade_sigla: str | None = None
    unidade_nome: str | None = None
    usuario_id: str | None = None
    usuario_nome: str | None = None
    _atributos: str = "{}"

    def __init__(
        self,
        id: int,
        tipo: str,
        data: datetime.datetime,
        atributos: dict,
        unidade_uid: str | None = None,
        unidade_sigla: str | None = None,
        unidade_nome: str | None = None,
        usuario_id: str | None = None,
        usuario_nome: str | None = None,
    ):
        state = {
            "id": id,
            "tipo": tipo,
            "data": data,
            "_atributos": json.dumps(atributos, ensure_ascii=False, sort_keys=True),
            "unidade_uid": unidade_uid,
            "unidade_sigla": unidade_sigla,
            "unidade_nome": unidade_nome,
            "usuario_id": usuario_id,
            "usuario_nome": usuario_nome,
        }
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AndamentoImutavel("Andamentos cannot be changed.")

    def __delattr__(self, name):
        raise AndamentoImutavel("Andamentos cannot be changed.")

    def __setstate__(self, state):
        # Unpickling (ZODB) bypasses __setattr__.
        self.__dict__.update(state)

    def __eq__(self, other):
        return isinstance(other, Andamento) and self.__dict__ == other.__dict__

    def __lt__(self, other):
        # BTrees' C conflict resolution compares values with "<" before "==":
        # without an order, unchanged entries look changed and every
        # concurrent append would conflict.
        if not isinstance(other, Andamento):
            return NotImplemented
        return self.id < other.id

    def __hash__(self):
        return hash(self.id)

    def __repr__(self):
        return f"<Andamento {self.id} {self.tipo} {self.data.isoformat()}>"

    @property
    def atributos(self) -> dict:
        return json.loads(self._atributos)

    @property
    def resumido(self) -> bool:
        """In the installation's summarised set (see eventos.tipos_resumidos)."""
        return self.tipo in eventos.tipos_resumidos()

    def descricao(self, request=None) -> str:
        """The Portuguese sentence of this entry."""
        request = request if request is not None else getRequest()
        return eventos.descrever(
            self.tipo,
            self.atributos,
            self.unidade_sigla,
            self.usuario_nome,
            request,
        )


def _json_simples(valor, caminho="atributos"):
    if valor is None or isinstance(valor, (str, bool, int, float)):
        return
    if isinstance(valor, (list, tuple)):
        for index, item in enumerate(valor):
            _json_simples(item, f"{caminho}[{index}]")
        return
    if isinstance(valor, dict):
        for chave, item in valor.items():
            if not isinstance(chave, str):
                raise ValueError(f"{caminho}: keys must be strings")
            _json_simples(item, f"{caminho}.{chave}")
        return
    raise ValueError(
        f"{caminho}: {type(valor).__name__} is not a plain JSON value "
        "(use str, int, float, bool, None, list or dict)"
    )


def _resolver_unidade(unidade):
    if unidade is None:
        from seimg.organizacao.atual import unidade_atual

        return unidade_atual()
    if isinstance(unidade, str):
        found = uuidToObject(unidade, unrestricted=True)
        if found is None:
            raise ValueError(f"Unknown unit UID: {unidade}")
        return found
    return unidade


def _usuario_atual() -> str | None:
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def _nome_usuario(userid: str) -> str:
    # nearly always the current user: no user-folder search then
    current = api.user.get_current()
    user = current if current.getId() == userid else api.user.get(userid=userid)
    nome = user.getProperty("fullname", "") if user is not None else ""
    return nome or userid


def _historico(processo, criar: bool):
    annotations = IAnnotations(processo)
    tree = annotations.get(ANNOTATION_KEY)
    if tree is None and criar:
        tree = annotations[ANNOTATION_KEY] = LOBTree()
    return tree


def _nova_chave(tree) -> int:
    agora = time.time_ns() // 1000 * 1000
    chave = agora + random.randrange(1000)
    if len(tree):
        ultima = tree.maxKey()
        if chave <= ultima:  # clock went back or same microsecond
            chave = ultima + 1 + random.randrange(1000)
    while chave in tree:
        chave += 1
    return chave


def _acrescentar(tree, fabricar) -> "Andamento":
    """Add ``fabricar(chave)`` to ``tree`` under a fresh key (no overwrite)."""
    chave = _nova_chave(tree)
    andamento = fabricar(chave)
    if not tree.insert(chave, andamento):  # pragma: no cover - key checked above
        raise RuntimeError("andamento key already used")
    return andamento


def registrar(
    processo,
    tipo: str,
    unidade=None,
    usuario: str | None = None,
    **atributos,
) -> Andamento:
    """Append an entry of ``tipo`` to ``processo``'s history and return it.

    ``unidade``: a Unidade (or its UID); default the acting unit
    (``unidade_atual()``, None for system actions). ``usuario``: a user id;
    default the current user (None when anonymous). ``atributos``: plain
    JSON values that fill the sentence of ``tipo`` (see
    :mod:`seimg.andamentos.eventos`); extra ones are kept but not shown.
    Raises ValueError for an unknown tipo, a missing required attribute or a
    value that is not plain JSON.
    """
    eventos.tipo_andamento(tipo)
    for reservado in eventos.EMBUTIDAS:
        if reservado in atributos:  # pragma: no cover - they are parameters
            raise ValueError(f"'{reservado}' is filled by the entry itself")
    _json_simples(atributos)
    faltam = eventos.faltando(tipo, atributos)
    if faltam:
        raise ValueError(f"andamento {tipo!r} needs: {', '.join(faltam)}")
    atributos = json.loads(json.dumps(atributos))  # tuples become lists

    unidade = _resolver_unidade(unidade)
    if usuario is None:
        usuario = _usuario_atual()
    dados_unidade = {}
    if unidade is not None:
        dados_unidade = {
            "unidade_uid": unidade.UID(),
            "unidade_sigla": unidade.sigla_completa(),
            "unidade_nome": unidade.nome,
        }
    usuario_nome = _nome_usuario(usuario) if usuario else None

    def fabricar(chave: int) -> Andamento:
        data = _EPOCH + datetime.timedelta(microseconds=chave // 1000)
        return Andamento(
            id=chave,
            tipo=tipo,
            data=data,
            atributos=atributos,
            usuario_id=usuario,
            usuario_nome=usuario_nome,
            **dados_unidade,
        )

    return _acrescentar(_historico(processo, criar=True), fabricar)


def listar(
    processo,
    resumido: bool = False,
    unidade_uid: str | None = None,
    tipos_resumidos: frozenset[str] | None = None,
) -> list[Andamento]:
    """The history of ``processo`` in chronological order.

    ``resumido``: only the entries of the summarised (public) view, whose
    tipos are ``tipos_resumidos`` (default :func:`eventos.tipos_resumidos`);
    ``unidade_uid``: only the entries made by that unit.
    """
    tree = _historico(processo, criar=False)
    if tree is None:
        return []
    if resumido and tipos_resumidos is None:
        tipos_resumidos = eventos.tipos_resumidos()
    result = []
    for andamento in tree.values():
        if resumido and andamento.tipo not in tipos_resumidos:
            continue
        if unidade_uid and andamento.unidade_uid != unidade_uid:
            continue
        result.append(andamento)
    return result


def obter(processo, id: int) -> Andamento | None:
    """One entry by its id, or None."""
    tree = _historico(processo, criar=False)
    return tree.get(int(id)) if tree is not None else None
