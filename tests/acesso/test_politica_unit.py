"""The throttling policy as pure functions: no Plone, no store, no clock."""

from seimg.acesso import politica as pol
import pytest


P = pol.Politica()


def test_as_primeiras_falhas_nao_custam_nada_depois_a_espera_dobra():
    assert [pol.espera(n, P) for n in range(4)] == [0, 0, 0, 0]
    assert [pol.espera(n, P) for n in range(4, 8)] == [2, 4, 8, 16]
    assert pol.espera(14, P) == P.espera_maxima
    assert pol.espera(10**6, P) == P.espera_maxima  # no overflow


def test_liberado_em_conta_da_falha_mais_recente():
    assert pol.liberado_em([], P) is None
    assert pol.liberado_em([30, 20, 10], P) is None
    assert pol.liberado_em([40, 30, 20, 10], P) == 42


def test_fim_da_janela_deslizante():
    # 3 allowed per 60 s; newest first.
    assert pol.fim_da_janela([50, 40], 3, 60, agora=55) is None
    assert pol.fim_da_janela([50, 40, 30], 3, 60, agora=55) == 90
    # The oldest left the window: fewer than the maximum remain.
    assert pol.fim_da_janela([50, 40, 30], 3, 60, agora=91) is None


def test_atraso_progressivo_recusa_ate_t():
    falhas = [100.0, 99.0, 98.0, 97.0, 96.0]  # 5 failures: waits 4 s
    recusa = pol.decidir(101.0, P, falhas_par=falhas)
    assert recusa == pol.Recusa(pol.ESPERA, 104.0)
    assert recusa.segundos(101.0) == 3
    assert pol.decidir(104.0, P, falhas_par=falhas) is None


def test_teto_por_endereco_so_para_logins_que_ele_nao_conhece():
    politica = pol.Politica(max_por_endereco=3, janela_endereco=60)
    falhas = [50.0, 40.0, 30.0]
    recusa = pol.decidir(55.0, politica, falhas_endereco=falhas)
    assert recusa == pol.Recusa(pol.ENDERECO, 90.0)
    assert pol.decidir(55.0, politica, falhas_endereco=falhas, conhecido=True) is None


def test_bloqueio_do_login_nao_vale_para_endereco_conhecido():
    assert pol.decidir(10.0, P, bloqueado_ate=20.0) == pol.Recusa(pol.BLOQUEIO, 20.0)
    assert pol.decidir(10.0, P, bloqueado_ate=20.0, conhecido=True) is None
    assert pol.decidir(20.0, P, bloqueado_ate=20.0) is None  # expired


def test_a_recusa_mais_longa_vale():
    recusa = pol.decidir(
        100.0,
        pol.Politica(max_por_endereco=1),
        falhas_par=[99.0, 98.0, 97.0, 96.0],  # until 101
        falhas_endereco=[99.0],  # until 99 + 900
        bloqueado_ate=500.0,
    )
    assert recusa == pol.Recusa(pol.ENDERECO, 999.0)


def test_deve_bloquear_apos_max_por_login_na_janela():
    politica = pol.Politica(max_por_login=3, janela_login=100)
    assert not pol.deve_bloquear([90.0, 80.0], politica, agora=95.0)
    assert pol.deve_bloquear([90.0, 80.0, 70.0], politica, agora=95.0)
    assert not pol.deve_bloquear([90.0, 80.0, 70.0], politica, agora=171.0)


def test_politica_do_ambiente():
    politica = pol.Politica.do_ambiente(
        {"SEIMG_ACESSO_MAX_POR_LOGIN": "20", "SEIMG_ACESSO_ESPERA_INICIAL": "0.5"}
    )
    assert politica.max_por_login == 20
    assert politica.espera_inicial == 0.5
    assert politica.max_por_endereco == P.max_por_endereco
    with pytest.raises(ValueError, match="muitos"):
        pol.Politica.do_ambiente({"SEIMG_ACESSO_MAX_POR_LOGIN": "muitos"})
