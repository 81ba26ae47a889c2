"""Find processes and documents as people type them: a NUP with any
punctuation (or none), a número SEI, or words.

``localizar`` searches the catalog with the current user's permissions and
drops whatever the disclosure table hides from them (:mod:`seimg.divulgacao`):
a restricted or sigiloso process is found only by those who may see it.
Numbers are looked up in the ``numero`` and ``numero_sei`` field indexes;
words in the full-text index, newest first (no relevance order: it could
tell that a hidden item holds a word).
"""

from AccessControl import Unauthorized
from plone import api
from seimg.interfaces import IDocumentoBase
from seimg.interfaces import IProcesso
import re


TIPOS = ("Processo", "Documento", "DocumentoExterno")
LIMITE = 20
_SO_NUMERO = re.compile(r"^[\d\s./\-]+$")


def _mascaras() -> list:
    """The NUP masks in use: each órgão's (Sei!MG's by default)."""
    from seimg.numeracao import mascara_do_orgao
    from seimg.numeracao import MascaraInvalida

    catalog = api.portal.get_tool("portal_catalog")
    mascaras, vistas = [], set()
    for brain in catalog.unrestrictedSearchResults(portal_type="Orgao"):
        try:
            mascara = mascara_do_orgao(brain._unrestrictedGetObject())
        except MascaraInvalida:
            continue
        if mascara.texto not in vistas:
            vistas.add(mascara.texto)
            mascaras.append(mascara)
    return mascaras


def _pontuar(mascara, digitos: str) -> str | None:
    """``digitos`` laid out in ``mascara``'s shape, when the count fits."""
    saida, posicao = [], 0
    for parte in mascara.partes:
        if isinstance(parte, str):
            saida.append(parte)
        else:
            saida.append(digitos[posicao : posicao + parte.largura])
            posicao += parte.largura
    return "".join(saida) if posicao == len(digitos) else None


def numeros_candidatos(texto: str) -> list[str]:
    """The NUPs ``texto`` may mean: as typed, and its digits in each mask."""
    texto = (texto or "").strip()
    if not texto:
        return []
    candidatos = [texto]
    digitos = re.sub(r"\D", "", texto)
    if digitos:
        for mascara in _mascaras():
            numero = _pontuar(mascara, digitos)
            if numero and numero not in candidatos:
                candidatos.append(numero)
    return candidatos


def oculto(obj) -> bool:
    """Hidden from the current viewer by the disclosure table."""
    from seimg.divulgacao import api as divulgacao

    return divulgacao.oculto(obj)


def _visivel(obj) -> bool:
    return api.user.has_permission("View", obj=obj) and not oculto(obj)


CONTEUDO = "seimg: Acessar conteudo do documento"


def _palavras_legiveis(obj) -> bool:
    """May a match on words reveal nothing hidden? The words indexed are a
    document's text (its content must be readable) and a process's
    especificação and interessados (read in full only where it tramitou or
    with a credential: the complete andamentos' row)."""
    from seimg.divulgacao import api as divulgacao

    if IDocumentoBase.providedBy(obj):
        return api.user.has_permission(CONTEUDO, obj=obj)
    return divulgacao.ve("andamentos_completo", obj)


def _objetos(brains, limite: int, por_palavras: bool = False) -> list:
    result = []
    for brain in brains:
        try:
            obj = brain.getObject()
        except (AttributeError, KeyError, Unauthorized):
            continue
        if _visivel(obj) and (not por_palavras or _palavras_legiveis(obj)):
            result.append(obj)
        if len(result) >= limite:
            break
    return result


def por_numero(texto: str, tipos=TIPOS, limite: int = LIMITE) -> list:
    """Processes whose NUP and documents whose número SEI ``texto`` is."""
    texto = (texto or "").strip()
    if not texto or not _SO_NUMERO.match(texto):
        return []
    catalog = api.portal.get_tool("portal_catalog")
    result = []
    if "Processo" in tipos:
        result += _objetos(
            catalog(portal_type="Processo", numero=numeros_candidatos(texto)), limite
        )
    digitos = re.sub(r"\D", "", texto)
    documentos = [t for t in tipos if t != "Processo"]
    if documentos and digitos and len(digitos) <= 12:
        numeros = sorted({digitos, digitos.lstrip("0").zfill(7)})
        result += _objetos(
            catalog(portal_type=documentos, numero_sei=numeros), limite - len(result)
        )
    return result


def por_palavras(texto: str, tipos=TIPOS, limite: int = LIMITE) -> list:
    """Items whose words (especificação, tipo, text…) match ``texto``."""
    from Products.ZCTextIndex.ParseTree import ParseError
    from seimg.base import reader

    try:
        texto = reader.clean_text(texto or "").strip()
    except reader.FieldError:
        return []
    palavras = [p for p in re.findall(r"\w+", texto) if len(p) > 1]
    if not palavras:
        return []
    consulta = " AND ".join(f"{p}*" for p in palavras[:8])
    catalog = api.portal.get_tool("portal_catalog")
    try:
        brains = catalog(
            portal_type=list(tipos),
            SearchableText=consulta,
            sort_on="modified",
            sort_order="descending",
            sort_limit=limite * 3,
        )
    except ParseError:
        return []
    return _objetos(brains, limite, por_palavras=True)


def localizar(texto: str, tipos=TIPOS, limite: int = LIMITE) -> list:
    """Processes and documents the user may see matching ``texto``: by
    number when it is one (NUP, número SEI), by words otherwise."""
    tipos = tuple(tipos)
    if _SO_NUMERO.match((texto or "").strip()):
        return por_numero(texto, tipos, limite)
    return por_palavras(texto, tipos, limite)


def descrever(obj) -> dict:
    """What a list of results shows of ``obj`` (as the viewer may see it)."""
    from seimg.divulgacao import api as divulgacao

    if IProcesso.providedBy(obj):
        from seimg.processos import rotulos

        return {
            "uid": obj.UID(),
            "tipo": "processo",
            "numero": obj.numero,
            "titulo": rotulos.titulo_tabela(obj.tipo_processo),
            "detalhe": divulgacao.especificacao(obj) or "",
            "url": obj.absolute_url(),
        }
    assert IDocumentoBase.providedBy(obj)
    processo = obj.aq_parent
    return {
        "uid": obj.UID(),
        "tipo": "documento",
        "numero": obj.numero_sei or "",
        "titulo": obj.Title(),
        "detalhe": processo.numero,
        "url": obj.absolute_url(),
    }
