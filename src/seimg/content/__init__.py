"""Dexterity content types of seimg (Orgao, Unidade, Processo, Documento…)."""
