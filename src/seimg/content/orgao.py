"""Orgao: a public body (prefeitura, câmara municipal, secretaria de estado)."""

from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobImage
from plone.supermodel import model
from plone.z3cform.textlines import TextLinesFieldWidget
from seimg import _
from seimg.assinatura.tarjas import tarja_assinatura_constraint
from seimg.assinatura.tarjas import TARJA_ASSINATURA_PADRAO
from seimg.assinatura.tarjas import tarja_autenticidade_constraint
from seimg.assinatura.tarjas import TARJA_AUTENTICIDADE_PADRAO
from seimg.base.brasil import cnpj_constraint
from seimg.base.erros import CampoInvalido
from seimg.content import SiglaNomeTitle
from seimg.numeracao import MASCARA_SEIMG
from seimg.numeracao.mascara import mascara_constraint
from seimg.organizacao.estrutura import SIGLA
from seimg.organizacao.vocabularies import ESFERAS
from seimg.organizacao.vocabularies import PODERES
from seimg.tema.logo import logo_constraint
from seimg.tramitacao.prazos import feriados_constraint
from zope import schema
from zope.interface import implementer
import re


def sigla_constraint(value):
    if not SIGLA.match(value or ""):
        raise CampoInvalido(
            _(
                "invalid_sigla",
                default="The sigla must have up to 20 capital letters, digits or "
                "hyphens, without spaces: ${value}",
                mapping={"value": value},
            )
        )
    return True


def ibge_constraint(value):
    if not re.fullmatch(r"\d{7}", value or ""):
        raise CampoInvalido(_("invalid_ibge", default="The IBGE code has 7 digits."))
    return True


class IOrgao(model.Schema):
    sigla = schema.TextLine(
        title=_("Sigla"),
        description=_("Ex.: CMVS. Appears in unit paths and document numbers."),
        constraint=sigla_constraint,
    )
    nome = schema.TextLine(title=_("Nome"))
    cnpj = schema.TextLine(title=_("CNPJ"), constraint=cnpj_constraint)
    esfera = schema.Choice(title=_("Esfera"), vocabulary=ESFERAS)
    poder = schema.Choice(title=_("Poder"), vocabulary=PODERES)
    municipio_ibge = schema.TextLine(
        title=_("Código IBGE do município"),
        constraint=ibge_constraint,
        required=False,
    )
    municipio_nome = schema.TextLine(title=_("Município"), required=False)
    codigo = schema.Int(
        title=_("Código numérico"),
        description=_("Used in process numbers; unique in the installation."),
        min=0,
        max=9999,
    )
    mascara_processo = schema.TextLine(
        title=_("Máscara do número de processo"),
        default=MASCARA_SEIMG,
        constraint=mascara_constraint,
    )
    email = schema.TextLine(title=_("E-mail"), required=False)
    timbre = NamedBlobImage(title=_("Timbre"), required=False)
    logo = NamedBlobImage(
        title=_("orgao_logo", default="Logo"),
        description=_(
            "orgao_logo_ajuda",
            default="Shown in every page's header with the órgão's name. PNG or "
            "JPEG, up to 512 KB and 1200×400 pixels.",
        ),
        constraint=logo_constraint,
        required=False,
    )
    directives.widget("feriados", TextLinesFieldWidget)
    feriados = schema.List(
        title=_("orgao_feriados", default="Municipal holidays and closures"),
        description=_(
            "orgao_feriados_ajuda",
            default="One per line: 'YYYY-MM-DD Description' for one day (e.g. a "
            "closure) or 'DD-MM Description' for every year (e.g. the town's "
            "anniversary). Deadlines in business days skip them, besides weekends "
            "and national and Minas Gerais holidays.",
        ),
        value_type=schema.TextLine(),
        constraint=feriados_constraint,
        required=False,
        default=[],
    )
    tarja_assinatura = schema.Text(
        title=_("orgao_tarja_assinatura", default="Signature stamp"),
        description=_(
            "orgao_tarja_assinatura_ajuda",
            default="Printed under the document for each signature. Placeholders: "
            "${nome}, ${cargo}, ${data}, ${hora} (Brasília time).",
        ),
        default=TARJA_ASSINATURA_PADRAO,
        constraint=tarja_assinatura_constraint,
        required=False,
    )
    tarja_autenticidade = schema.Text(
        title=_("orgao_tarja_autenticidade", default="Authenticity stamp"),
        description=_(
            "orgao_tarja_autenticidade_ajuda",
            default="Printed after the signatures, with a QR code. Placeholders: "
            "${url}, ${codigo} (verification code) and ${crc}.",
        ),
        default=TARJA_AUTENTICIDADE_PADRAO,
        constraint=tarja_autenticidade_constraint,
        required=False,
    )
    andamentos_resumidos = schema.List(
        title=_(
            "orgao_andamentos_resumidos",
            default="Tipos de andamento in the public history",
        ),
        description=_(
            "orgao_andamentos_resumidos_ajuda",
            default="Only for this órgão's processes. Empty: the installation's "
            "choice. Free-text updates are not public unless chosen here.",
        ),
        value_type=schema.Choice(vocabulary="seimg.TiposAndamento"),
        required=False,
        default=[],
    )

    model.fieldset(
        "transparencia",
        label=_("orgao_fieldset_transparencia", default="Transparency portal"),
        fields=[
            "portal_ativo",
            "portal_apresentacao",
            "lai_texto",
            "lai_url",
            "encarregado_nome",
            "encarregado_contato",
            "tratamento_dados",
            "data_corte",
            "hipoteses_revisao",
        ],
    )
    portal_ativo = schema.Bool(
        title=_("orgao_portal_ativo", default="Public portal on"),
        description=_(
            "orgao_portal_ativo_ajuda",
            default="Off: the órgão leaves the public portal (its page, search "
            "and open data); the authenticity check keeps working.",
        ),
        default=True,
        required=False,
    )
    portal_apresentacao = schema.Text(
        title=_("orgao_portal_apresentacao", default="Presentation"),
        description=_(
            "orgao_portal_apresentacao_ajuda",
            default="Plain text at the top of the órgão's public page.",
        ),
        max_length=4000,
        required=False,
    )
    lai_texto = schema.Text(
        title=_("orgao_lai_texto", default="How to ask for information (LAI)"),
        description=_(
            "orgao_lai_texto_ajuda",
            default="Plain text: the Serviço de Informação ao Cidadão, its "
            "address, hours and deadlines.",
        ),
        max_length=4000,
        required=False,
    )
    lai_url = schema.URI(
        title=_("orgao_lai_url", default="e-SIC address"),
        description=_(
            "orgao_lai_url_ajuda",
            default="Where citizens file information requests (https://…).",
        ),
        required=False,
    )
    encarregado_nome = schema.TextLine(
        title=_("orgao_encarregado_nome", default="Data protection officer (LGPD)"),
        description=_(
            "orgao_encarregado_nome_ajuda",
            default="Published under LGPD art. 41 §1: the encarregado's name or "
            "office.",
        ),
        max_length=200,
        required=False,
    )
    encarregado_contato = schema.TextLine(
        title=_("orgao_encarregado_contato", default="How to reach the officer"),
        description=_(
            "orgao_encarregado_contato_ajuda",
            default="An institutional e-mail, telephone or address.",
        ),
        max_length=300,
        required=False,
    )
    tratamento_dados = schema.Text(
        title=_(
            "orgao_tratamento_dados", default="How the órgão processes personal data"
        ),
        description=_(
            "orgao_tratamento_dados_ajuda",
            default="Plain text under LGPD art. 23: legal basis, purpose, "
            "procedures and practices.",
        ),
        max_length=8000,
        required=False,
    )
    data_corte = schema.Date(
        title=_("orgao_data_corte", default="Cut-off date"),
        description=_(
            "orgao_data_corte_ajuda",
            default="Public documents older than this date (first signature, or "
            "registration for external ones) are listed in the portal with a "
            "marker but neither searchable nor openable there. Empty: none.",
        ),
        required=False,
    )
    hipoteses_revisao = schema.List(
        title=_("orgao_hipoteses_revisao", default="Hipóteses reviewed on conclusion"),
        description=_(
            "orgao_hipoteses_revisao_ajuda",
            default="When a process is concluded, its documents restricted under "
            "these hipóteses (e.g. Documento Preparatório, LAI art. 7 §3) are "
            "listed for review.",
        ),
        value_type=schema.Choice(vocabulary="seimg.HipotesesLegais"),
        required=False,
        default=[],
    )


@implementer(IOrgao)
class Orgao(SiglaNomeTitle, Container):
    """A public body; contains its Unidades."""

    def unidades(self):
        """All units of this órgão, active or not."""
        return [obj for obj in self.objectValues() if obj.portal_type == "Unidade"]
