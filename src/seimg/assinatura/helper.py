"""The template helper of a Documento, with its signatures.

:class:`seimg.geracao.helper.DocumentoHelperView` gives a template the
document's data; this subclass adds what signing owns: the signatures, the
código verificador and CRC, the authenticity link, stamp and QR code. It is
the ``document_generation_helper_view`` registered for Documento.
"""

from seimg.assinatura import api as assinatura
from seimg.assinatura import tarjas
from seimg.geracao.helper import DocumentoHelperView
import io


class DocumentoAssinadoHelperView(DocumentoHelperView):
    # Signatures and authenticity

    def _registro(self):
        return assinatura.registro(self.documento)

    def _assinaturas(self):
        registro = self._registro()
        return registro.assinaturas if registro is not None else []

    def assinado(self) -> bool:
        return bool(self._assinaturas())

    def assinaturas(self) -> list[dict]:
        """Each signature: ``nome``, ``cargo``, ``unidade``, ``data``, ``tarja``."""
        return [
            {
                "nome": a.nome,
                "cargo": a.cargo,
                "unidade": a.unidade_sigla,
                "data": a.data_brasilia.strftime("%d/%m/%Y %H:%M"),
                "tarja": a.tarja,
            }
            for a in self._assinaturas()
        ]

    def codigo_verificador(self) -> str:
        return self.numero_sei() if self.assinado() else ""

    def crc(self) -> str:
        registro = self._registro()
        return registro.crc if registro is not None else ""

    def link_autenticidade(self) -> str:
        """The public authenticity page's link for this document (signed only)."""
        if not self.assinado():
            return ""
        return tarjas.link_conferir(self.codigo_verificador(), self.crc())

    def tarja_autenticidade(self) -> str:
        """The órgão's authenticity stamp text (signed documents only)."""
        if not self.assinado():
            return ""
        return tarjas.texto_autenticidade(
            self._orgao(), self.codigo_verificador(), self.crc()
        )

    def qrcode_png(self) -> bytes | None:
        """PNG of the QR code of :meth:`link_autenticidade` (signed only)."""
        import segno

        link = self.link_autenticidade()
        if not link:
            return None
        saida = io.BytesIO()
        segno.make(link, error="m").save(saida, kind="png", scale=4, border=2)
        return saida.getvalue()

    def imagem_qrcode(self, tamanho: float = 2.5) -> str:
        """ODF of the QR code, ``tamanho`` cm wide (``:view.imagem_qrcode()``)."""
        dados = self.qrcode_png()
        if not dados or self.appy_renderer is None:
            return ""
        return self.appy_renderer.importImage(
            content=dados, format="png", size=(tamanho, tamanho)
        )
