"""The one adapter over WeasyPrint (the `pdf` extra): HTML to PDF."""

from __future__ import annotations

from meetings.errors import MissingExtraError


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Print an HTML document (with its @page CSS) to PDF bytes."""
    try:
        import weasyprint  # noqa: PLC0415 - optional extra, imported only when asked for
    except ImportError as exc:
        raise MissingExtraError("pdf", "pdf") from exc
    pdf: bytes = weasyprint.HTML(string=html, base_url=base_url).write_pdf()
    return pdf
