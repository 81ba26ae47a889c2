"""REST endpoints of the routing actions (enviar, receber, concluir…)."""
