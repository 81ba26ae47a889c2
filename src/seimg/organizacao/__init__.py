"""The organisation: órgãos, unidades, perfis, the acting unit, and adesão.

``perfis``      (unidade × perfil) as Plone groups, and "may this user act
                for this unit with this perfil";
``estrutura``   rules across units: unique codes, hierarchy without cycles;
``atual``       the acting unit (switcher, ``X-Unidade`` header);
``usuarios``    users with CPF and cargos, invitations;
``adesao``      loading a whole órgão from one YAML/XLSX file.
"""

ORGAOS_FOLDER = "orgaos"
