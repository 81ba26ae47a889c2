"""Throttling of every credential path (seimg.acesso)."""
