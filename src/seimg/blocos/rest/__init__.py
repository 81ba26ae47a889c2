"""REST endpoints of blocos and pedidos de assinatura."""
