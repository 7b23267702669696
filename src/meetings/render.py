"""The one adapter over Jinja2: the template environment, filters, and rendering to text.

Templates ship in the package (`meetings/templates`, from the repository's `templates/`)
and a user folder given with `template_dir` overrides any of them by name. Every template
runs in Jinja's sandbox, with `StrictUndefined` so a missing field fails loudly, and HTML
templates are autoescaped.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import traceback
from collections.abc import Mapping
from pathlib import Path

import jinja2
import markupsafe
from jinja2.sandbox import SandboxedEnvironment

from meetings import text
from meetings.errors import RenderError


class Format(enum.StrEnum):
    """Document formats; the token is the file extension and the `--format` value."""

    HTML = "html"
    MD = "md"
    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"


def long_date(day: dt.date) -> str:
    """'Tuesday, 5 March 2019': weekday always derived from the date."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def plain_date(day: dt.date) -> str:
    """'25 February 2019'."""
    return f"{day.day} {day:%B %Y}"


def clock(time: dt.time | dt.datetime) -> str:
    """'6.30 PM', as council papers write times."""
    hour = time.hour % 12 or 12
    return f"{hour}.{time.minute:02d} {'AM' if time.hour < 12 else 'PM'}"


def month_year(day: dt.date) -> str:
    """'Mar-19', the due-date form of the seed action list."""
    return f"{day:%b-%y}"


md_text = text.md_text  # the one Markdown escaper (meetings.text), for templates and callers


def css_string(text: object) -> markupsafe.Markup:
    """A quoted CSS string for a `<style>` block (`content: ...` of a page margin box).

    Style text is not HTML-decoded, so it is escaped for CSS instead: quotes, backslashes,
    line breaks and "<" (which could close the style element) become CSS escapes.
    """
    escaped = "".join(
        f"\\{ord(c):x} " if c in '"\\<>&\n\r' or ord(c) < 32 else c for c in str(text)
    )
    return markupsafe.Markup(f'"{escaped}"')


FILTERS = {
    "long_date": long_date,
    "plain_date": plain_date,
    "clock": clock,
    "month_year": month_year,
    "md": md_text,
    "css_string": css_string,
}


@functools.lru_cache(maxsize=8)
def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The shared, sandboxed environment; a user folder is searched before the package."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.PackageLoader("meetings", "templates"))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


# The names Jinja gives the frames it rewrites to point into a template (jinja2.debug).
_TEMPLATE_FRAMES = ("top-level template code", "template", "block ")


def _template_line(exc: BaseException, name: str) -> str:
    """'name, line N' of the innermost template frame (an included template by its file)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.name.startswith(_TEMPLATE_FRAMES) and frame.lineno:
            where = name if frame.filename.endswith(name) else frame.filename
            return f"{where}, line {frame.lineno}"
    return name


def render(name: str, context: Mapping[str, object], *, template_dir: Path | None = None) -> str:
    """Render template `name` (e.g. 'agenda/agenda.html') with `context`."""
    env = environment(template_dir)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        known = ", ".join(sorted(t for t in env.list_templates() if not t.startswith("_")))
        raise RenderError(f"no template {exc.name!r}; templates: {known}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"template {exc.name or name}, line {exc.lineno}: {exc.message}") from exc
    except jinja2.exceptions.SecurityError as exc:
        where = _template_line(exc, name)
        raise RenderError(f"template {where} is not allowed to do that: {exc}") from exc
    except jinja2.UndefinedError as exc:
        raise RenderError(f"template {_template_line(exc, name)}: {exc.message}") from exc
    except RecursionError as exc:  # a template that includes or calls itself without end
        where = _template_line(exc, name)
        raise RenderError(f"template {where}: it includes or calls itself without end") from exc
    except Exception as exc:  # a user's template may fail in any way
        # `{{ agenda.council + 1 }}` (TypeError), `range(10**7)` (OverflowError, the sandbox's
        # limit), a filter given the wrong value: the user sees what and where, not a traceback.
        where = _template_line(exc, name)
        raise RenderError(f"template {where}: {type(exc).__name__}: {exc}") from exc


def render_document(
    name: str,
    context: Mapping[str, object],
    fmt: Format,
    *,
    template_dir: Path | None = None,
) -> bytes:
    """A document in any format from its templates `name.html`, `name.md`, `name.txt`.

    PDF prints the HTML (the `pdf` extra); DOCX converts the HTML (the `docx` extra), so the
    HTML template is the single source of both.
    """
    if fmt in (Format.HTML, Format.MD, Format.TXT):
        return render(f"{name}.{fmt.value}", context, template_dir=template_dir).encode()
    html = render(f"{name}.html", context, template_dir=template_dir)
    if fmt is Format.PDF:
        from meetings.printing import html_to_pdf  # noqa: PLC0415 - optional extra

        return html_to_pdf(html)
    from meetings.office import html_to_docx  # noqa: PLC0415 - optional extra

    return html_to_docx(html)
