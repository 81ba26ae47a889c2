"""Assinatura eletrônica: signing documents with password and cargo.

- :mod:`seimg.assinatura.api`: the contract (``assinar``,
  ``cancelar_assinatura``, ``registro``, ``verificar``, ``crc``,
  ``codigo_verificador``, ``autenticar``, ``bloqueado``);
- :mod:`seimg.assinatura.renderizacao`: the frozen HTML rendering;
- :mod:`seimg.assinatura.tarjas`: the órgão's stamp templates and the
  validation stamp (with its QR code);
- :mod:`seimg.assinatura.falhas`: wrong-password lockout;
- :mod:`seimg.assinatura.permissoes`: hooks other features fill in (blocos).
"""
