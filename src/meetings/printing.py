"""The one adapter over WeasyPrint (the `pdf` extra): HTML to PDF.

The printer fetches nothing. WeasyPrint would otherwise follow any URL in the document
(`<img src>`, `<link href>`, `@import`, `url()` in CSS, `<object>`, `<iframe>`, PDF
attachments): `file:///etc/passwd` from a user's template, or an address on the council's
network. Our templates embed their styles and use no outside resource, so every URL but an
inline `data:` one is refused, and a document that asks for one is an error naming it rather
than a PDF silently missing a picture.
"""

from __future__ import annotations

from typing import Any

from meetings.errors import MissingExtraError, RenderError


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Print an HTML document (with its @page CSS) to PDF bytes; RenderError when the
    document asks for a file or an address (none is fetched)."""
    pdf, refused = print_refusing(html, base_url=base_url)
    if refused:
        shown = ", ".join(refused[:3])
        raise RenderError(
            f"the document asks for {shown}: the PDF printer fetches no file or address (a"
            " template may embed an image or font as a data: URL instead)"
        )
    return pdf


def print_refusing(html: str, *, base_url: str | None = None) -> tuple[bytes, tuple[str, ...]]:
    """The PDF WeasyPrint makes without fetching anything, and the URLs it was refused."""
    try:
        import weasyprint  # noqa: PLC0415 - optional extra, imported only when asked for
        from weasyprint.urls import URLFetcher  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtraError("pdf", "pdf") from exc

    class NothingFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
        """Fetches `data:` URLs (the bytes are in the document already) and nothing else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"meetings fetches no URL when printing: {url}")

    fetcher = NothingFetcher()
    pdf: bytes = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
    return pdf, tuple(sorted(set(fetcher.refused)))
