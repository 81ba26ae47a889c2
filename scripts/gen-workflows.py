"""Write the DCWorkflow XML of processos and documentos from tables.

The permissions of each state are data (state x role); run
``python scripts/gen-workflows.py src/seimg/workflows/profile/workflows``
then ``make format``. The XML files are what GenericSetup imports.
"""

import sys
from xml.sax.saxutils import quoteattr, escape


def wf(wid, title, desc, initial, perms, states, transitions):
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<dc-workflow description={quoteattr(desc)} initial_state="{initial}" manager_bypass="False" state_variable="review_state" title={quoteattr(title)} workflow_id="{wid}">',
    ]
    perms = list(perms) + LOCKED
    for p in perms:
        out.append(f"  <permission>{escape(p)}</permission>")
    for sid, stitle, sdesc, exits, pmap in states:
        out.append(f'  <state state_id="{sid}" title={quoteattr(stitle)}>')
        out.append(f"    <description>{escape(sdesc)}</description>")
        for e in exits:
            out.append(f'    <exit-transition transition_id="{e}" />')
        for p in perms:
            roles = [] if p in LOCKED else pmap.get(p, "acquire")
            acq = roles == "acquire"
            if isinstance(roles, tuple) and roles[:1] == ("acquire",):
                # acquired from the parent, plus these roles
                acq, roles = True, list(roles[1:])
            out.append(
                f'    <permission-map acquired="{"True" if acq else "False"}" name={quoteattr(p)}>'
            )
            if roles != "acquire":
                for r in roles:
                    out.append(f"      <permission-role>{r}</permission-role>")
            out.append("    </permission-map>")
        out.append("  </state>")
    for tid, ttitle, new, role in transitions:
        out.append(
            f'  <transition after_script="" before_script="" new_state="{new}" title={quoteattr(ttitle)} transition_id="{tid}" trigger="USER">'
        )
        out.append(f"    <description>{escape(ttitle)}</description>")
        out.append(
            f'    <action category="workflow" icon="" url="">{escape(ttitle)}</action>'
        )
        out.append(
            f"    <guard>\n      <guard-permission>{role}</guard-permission>\n    </guard>"
        )
        out.append("  </transition>")
    out.append(
        '  <variable for_catalog="False" for_status="True" update_always="True" variable_id="action"><description>Previous transition</description><default><expression>transition/getId|nothing</expression></default><guard></guard></variable>'
    )
    out.append(
        '  <variable for_catalog="False" for_status="True" update_always="True" variable_id="actor"><description>The ID of the user who performed the previous transition</description><default><expression>user/getUserName</expression></default><guard></guard></variable>'
    )
    out.append(
        '  <variable for_catalog="False" for_status="True" update_always="True" variable_id="time"><description>When the previous transition was performed</description><default><expression>state_change/getDateTime</expression></default><guard></guard></variable>'
    )
    out.append("</dc-workflow>")
    return "\n".join(out) + "\n"


LOCKED = ["Change local roles", "Sharing page: Delegate roles"]
V = "View"
A = "Access contents information"
M = "Modify portal content"
D = "Delete objects"
L = "List folder contents"
C = "seimg: Acessar conteudo do documento"
AD = "seimg: Add Documento"
AE = "seimg: Add DocumentoExterno"
CR = "seimg: Gerenciar credenciais"
H = "CMFEditions: Access previous versions"
CV = "CMFEditions: Save new version"
RV = "CMFEditions: Revert to previous versions"
ADM = ["Manager", "Site Administrator"]
SYS = "seimg: Transicoes do sistema"


def processo():
    perms = [V, A, L, C, M, D, AD, AE, CR, "Add portal content"]
    acting = ["UnidadeProcesso"]
    readers = ["LeitorProcesso", "UnidadeProcesso"]
    states = []
    for sid, title, desc, see in [
        (
            "publico",
            "Público",
            "Everyone, anonymous included, may read it.",
            ["Anonymous"],
        ),
        (
            "restrito",
            "Restrito",
            "Only units where it is or was open may read it.",
            readers + ADM,
        ),
        (
            "sigiloso",
            "Sigiloso",
            "Only holders of a credencial may read it (their roles come from seimg.processos.roles).",
            readers,
        ),
    ]:
        pmap = {
            V: see,
            A: see,
            L: see,
            C: see,
            M: acting + (ADM if sid != "sigiloso" else []),
            D: acting,
            AD: acting,
            AE: acting,
            "Add portal content": acting,
            CR: acting if sid == "sigiloso" else [],
        }
        exits = [
            f"classificar_{o}" for o in ("publico", "restrito", "sigiloso") if o != sid
        ]
        states.append((sid, title, desc, exits, pmap))
    trans = [
        (f"classificar_{s}", f"Classificar como {t}", s, SYS)
        for s, t in (
            ("publico", "público"),
            ("restrito", "restrito"),
            ("sigiloso", "sigiloso"),
        )
    ]
    return wf(
        "seimg_processo_workflow",
        "Processo",
        "The state is the process's effective access level, the most restrictive of the process and its documents; seimg.nivel_acesso.efetivo performs the transitions, nobody else can (guarded by a permission only the SeimgSistema role holds).",
        "publico",
        perms,
        states,
        trans,
    )


# Local roles from seimg.blocos: users of the units a bloco de
# assinatura is disponibilizado to (view, edit, sign) and readers through a
# bloco de reunião or a pedido de assinatura.
BLOCO = ["SignatarioBloco"]
LEITOR_BLOCO = ["LeitorBloco"]
VER_BLOCO = ("acquire", *BLOCO, *LEITOR_BLOCO)


def documento():
    perms = [V, A, C, M, D, H, CV, RV]
    ger = ["UnidadeGeradora"]
    ver = ger + BLOCO + LEITOR_BLOCO
    editar = ger + BLOCO
    states = [
        (
            "minuta",
            "Minuta",
            "Unsigned: only the generating unit sees and edits it.",
            ["assinar"],
            {V: ver, A: ver, C: ver, M: editar, D: ger, H: ger, CV: editar, RV: ger},
        ),
        (
            "assinado",
            "Assinado",
            "Signed: read-only; readers of the process read it; never deleted, only cancelled with a reason.",
            ["cancelar", "desfazer_assinatura"],
            {
                V: VER_BLOCO,
                A: VER_BLOCO,
                C: VER_BLOCO,
                M: [],
                # Kept so that a refusal says why (seimg.processos.regras).
                D: ger,
                H: "acquire",
                CV: [],
                RV: [],
            },
        ),
        (
            "cancelado",
            "Cancelado",
            "Cancelled: stays listed, its content is no longer served.",
            [],
            {V: "acquire", A: "acquire", C: [], M: [], D: [], H: [], CV: [], RV: []},
        ),
    ]
    trans = [
        ("assinar", "Assinar", "assinado", SYS),
        ("cancelar", "Cancelar", "cancelado", SYS),
        # The last signature cancelled (seimg.assinatura): a minuta again.
        ("desfazer_assinatura", "Desfazer assinatura", "minuta", SYS),
    ]
    return wf(
        "seimg_documento_workflow",
        "Documento",
        "A document written in seimg. Transitions are performed by seimg's signing and cancelling actions (guarded by a permission only the SeimgSistema role holds), which check the rules first.",
        "minuta",
        perms,
        states,
        trans,
    )


def externo():
    perms = [V, A, C, M, D]
    ger = ["UnidadeGeradora"]
    states = [
        (
            "registrado",
            "Registrado",
            "Registered: readers of the process read it; the generating unit may correct its metadata.",
            ["cancelar"],
            {V: VER_BLOCO, A: VER_BLOCO, C: VER_BLOCO, M: ger, D: ger},
        ),
        (
            "cancelado",
            "Cancelado",
            "Cancelled: stays listed, its file is no longer served.",
            [],
            {V: "acquire", A: "acquire", C: [], M: [], D: []},
        ),
    ]
    trans = [("cancelar", "Cancelar", "cancelado", SYS)]
    return wf(
        "seimg_documento_externo_workflow",
        "Documento externo",
        "An uploaded document. Cancelling is performed by seimg's action (guarded by a permission only the SeimgSistema role holds) after checking the rules.",
        "registrado",
        perms,
        states,
        trans,
    )


import pathlib

base = pathlib.Path(sys.argv[1])
for name, fn in [
    ("seimg_processo_workflow", processo),
    ("seimg_documento_workflow", documento),
    ("seimg_documento_externo_workflow", externo),
]:
    d = base / name
    d.mkdir(parents=True, exist_ok=True)
    (d / "definition.xml").write_text(fn())
