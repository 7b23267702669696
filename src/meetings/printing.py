"""The one adapter over WeasyPrint (the `pdf` extra): HTML to accessible, repeatable PDF.

Every PDF the project prints comes through `html_to_pdf`, which makes three promises:

- **Tagged** (PDF/UA-1, ISO 14289-1): a structure tree, `/MarkInfo` marked, the document
  language (the template's `<html lang>`, en-GB) and title (`<title>`), as the Public Sector
  Bodies Accessibility Regulations 2018 expect of published agendas and minutes.
- **The same pages on every machine**: the family "Meetings Sans" is the DejaVu Sans bundled
  in package data (`meetings/fonts`, with its licence), declared here with @font-face, so
  line breaks, and so page numbers, do not depend on the fonts a host happens to have.
- **Nothing fetched from outside**: a template (a user's included) may load only the bundled
  fonts, `data:` URLs and files under the document's base folder (a council's logo), never
  the network or the rest of the disk.
"""

from __future__ import annotations

import contextlib
import functools
import html as _html
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from meetings.errors import MissingExtraError

FONT_FAMILY = "Meetings Sans"
# (file, weight, style) of the bundled faces.
_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)
PDF_VARIANT = "pdf/ua-1"


@functools.cache
def font_folder() -> Path:
    """The folder of the bundled fonts (a real folder: wheels install unzipped)."""
    return Path(str(resources.files("meetings") / "fonts")).resolve()


def font_faces_css() -> str:
    """@font-face rules naming the bundled faces "Meetings Sans"."""
    folder = font_folder()
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{(folder / name).as_uri()}"); }}'
        for name, weight, style in _FACES
    )


def _weasyprint() -> Any:
    try:
        import weasyprint  # noqa: PLC0415 - optional extra, imported only when asked for
        import weasyprint.text.fonts  # noqa: PLC0415
        import weasyprint.urls  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtraError("pdf", "pdf") from exc
    return weasyprint


def _fetcher(weasyprint: Any, allowed: Sequence[Path]) -> Any:
    """A URL fetcher that serves `data:` URLs and files under `allowed` folders only."""
    roots = tuple(p.resolve() for p in allowed)

    class Fetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                from urllib.request import url2pathname  # noqa: PLC0415

                path = Path(
                    url2pathname(url.split("?", maxsplit=1)[0].removeprefix("file:"))
                ).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(
                f"{url}: not fetched; a printed document may use data: URLs (a logo), the "
                "bundled fonts and files in the folders it is given, nothing else"
            )

    return Fetcher(allowed_protocols=("file", "data"), allow_redirects=False)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """WeasyPrint's warnings (CSS it ignores, say) stay out of the user's terminal; its errors,
    such as a refused URL, are still shown."""
    import logging  # noqa: PLC0415

    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def html_to_pdf(
    html: str,
    *,
    base_url: str | Path | None = None,
    tagged: bool = True,
    css: str = "",
) -> bytes:
    """Print an HTML document (with its @page CSS) to PDF bytes, tagged as PDF/UA-1.

    `base_url` resolves relative links; files may be read from the bundled fonts and the
    base folder only. `css` is a user stylesheet added to the template's own.
    `tagged=False` is for the binder's font carrier, which is never published.
    """
    weasyprint = _weasyprint()
    folders = [font_folder()]
    base = str(base_url) if base_url is not None else None
    if base_url is not None:
        base_path = Path(base_url)
        folders.append(base_path if base_path.is_dir() else base_path.parent)
        if base_path.is_dir():
            base = base_path.resolve().as_uri() + "/"
    fetcher = _fetcher(weasyprint, folders)
    fonts = weasyprint.text.fonts.FontConfiguration()
    sheets = [weasyprint.CSS(string=font_faces_css(), font_config=fonts, url_fetcher=fetcher)]
    if css:
        sheets.append(weasyprint.CSS(string=css, font_config=fonts, url_fetcher=fetcher))
    options: dict[str, Any] = {"stylesheets": sheets, "font_config": fonts}
    if tagged:
        options |= {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
    with _quiet():
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(**options)
    return pdf


@functools.cache
def font_carrier(characters: str) -> bytes:
    """A one-page PDF with `characters` in the regular and bold bundled faces, from which
    the pack binder (meetings.binding) borrows the embedded fonts to draw its stamps (made
    once per process: the same characters always give the same carrier)."""
    # spaces between, so the space glyph is embedded too
    spaced = _html.escape(" ".join(characters), quote=False)
    html = (
        f'<html lang="en-GB"><body style="font-family: \'{FONT_FAMILY}\'">'
        f"<p>{spaced}</p><p><b>{spaced}</b></p></body></html>"
    )
    return html_to_pdf(html, tagged=False)
