"""The one adapter over Jinja2: the template environment, filters, and rendering to text.

Templates ship in the package (`meetings/templates`, from the repository's `templates/`)
and a user folder given with `template_dir` overrides any of them by name. Every template
runs in Jinja's sandbox, with `StrictUndefined` so a missing field fails loudly, and HTML
templates are autoescaped.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
import functools
import math
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import jinja2
import markupsafe
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from meetings import text
from meetings.errors import MeetingsError, RenderError
from meetings.text import long_date, plain_date


class Format(enum.StrEnum):
    """Document formats; the token is the file extension and the `--format` value."""

    HTML = "html"
    MD = "md"
    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"


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


# -- the sandbox's limits ---------------------------------------------------------------------
# A user's template is code: Jinja's sandbox stops it reaching Python's internals, and these
# stop it exhausting the machine. A council's longest paper is well under a megabyte and
# renders in milliseconds, so the limits are far above any real template.
MAX_OUTPUT = 20_000_000  # characters of one rendered document
MAX_SECONDS = 20.0  # wall-clock time of one rendering
MAX_RANGE = 10_000  # items of one range() in a template
MAX_POWER = 1_000  # the largest exponent of `**`
MAX_NUMBER = 1_000_000  # the largest number a filter or method takes (a width, a count)
MAX_BITS = 100_000  # the largest integer arithmetic may make (about 30,000 digits)

_deadline: contextvars.ContextVar[float] = contextvars.ContextVar("deadline", default=math.inf)


class TemplateLimit(SecurityError):
    """A template asked for more than the sandbox allows (time, size, a power, a range)."""


def _check_clock() -> None:
    if time.monotonic() > _deadline.get():
        raise TemplateLimit(f"it ran for more than {MAX_SECONDS:g} seconds")


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _size(value: object) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _bounded_range(*args: int) -> Sequence[int]:
    """range() that refuses more than MAX_RANGE items and watches the clock as it counts."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"range() of {len(numbers)} items; at most {MAX_RANGE}")
    return _Range(numbers)


class _Range(Sequence[int]):
    """A range as templates use it (iterated again, measured, indexed), watching the clock."""

    def __init__(self, numbers: range) -> None:
        self.numbers = numbers

    def __iter__(self) -> Iterator[int]:
        for number in self.numbers:
            _check_clock()
            yield number

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        return self.numbers[index]

    def __repr__(self) -> str:
        return repr(self.numbers)


def _bounded(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses numbers past MAX_NUMBER (`center(10**9)`, `indent(10**9)`)."""

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:
        _check_numbers(args, kwargs)
        return func(*args, **kwargs)

    return call


def _check_numbers(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            raise TemplateLimit(f"the number {value} is too large (at most {MAX_NUMBER})")


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox with limits on powers, repetition and the numbers given to calls."""

    intercepted_binops = frozenset(["**", "*"])

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_POWER:
            raise TemplateLimit(f"a power of {right}; the exponent may be at most {MAX_POWER}")
        if _int(left) and _int(right):  # a power or product of huge numbers, step by step
            bits = (
                left.bit_length() * right
                if operator == "**"
                else left.bit_length() + right.bit_length()
            )
            if abs(left) > 1 and bits > MAX_BITS:
                raise TemplateLimit(f"a number of more than {MAX_BITS:,} bits")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _size(seq) and isinstance(times, int) and _size(seq) * times > MAX_OUTPUT:
                    raise TemplateLimit(f"repeating a text or list to more than {MAX_OUTPUT} items")
        return super().call_binop(context, operator, left, right)

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if __obj is not _bounded_range:  # which says how long a range may be
            _check_numbers(args, kwargs)
        _check_clock()
        return super().call(__context, __obj, *args, **kwargs)


class _FolderLoader(jinja2.FileSystemLoader):
    """A user's template folder: a template (or a link in it) that resolves outside the
    folder is not read, so `{% include %}` cannot reach /etc/passwd through a symlink."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        folders = [Path(p).resolve() for p in self.searchpath]
        if not any(real.is_relative_to(folder) for folder in folders):
            raise TemplateLimit(
                f"template {template!r} links to {real}, outside the template folder"
                f" {', '.join(map(str, folders))}; templates are read from there only"
            )
        return source, filename, uptodate


@functools.lru_cache(maxsize=8)
def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The shared, sandboxed environment; a user folder is searched before the package."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(_FolderLoader(Path(template_dir).resolve()))
    loaders.append(jinja2.PackageLoader("meetings", "templates"))
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters.update({name: _bounded(f) for name, f in env.filters.items()})
    env.globals["range"] = _bounded_range
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
    token = _deadline.set(time.monotonic() + MAX_SECONDS)
    alarm = _Alarm()
    try:
        with alarm:
            return _bounded_render(env.get_template(name), context)
    except TemplateLimit as exc:
        raise RenderError(f"template {_template_line(exc, name)}: stopped: {exc}") from exc
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
    finally:
        _deadline.reset(token)


class _Alarm:
    """The time limit for loops that neither count with range() nor write output: a SIGALRM
    when the deadline passes. Only where it is safe to take the signal: the main thread, on
    POSIX, when the program has not set its own SIGALRM handler (else the checks in
    `_check_clock` are the only limit)."""

    def __enter__(self) -> None:
        self.armed = (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        )
        if self.armed:
            signal.signal(signal.SIGALRM, self._ring)
            signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)

    def __exit__(self, *_: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)

    @staticmethod
    def _ring(_signum: int, _frame: object) -> None:
        raise TemplateLimit(f"it ran for more than {MAX_SECONDS:g} seconds")


def _bounded_render(template: jinja2.Template, context: Mapping[str, object]) -> str:
    """The template's text, gathered piece by piece so that size and time are watched."""
    pieces, size = [], 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"its output passed {MAX_OUTPUT:,} characters")
        _check_clock()
        pieces.append(piece)
    return "".join(pieces)


def render_document(
    name: str,
    context: Mapping[str, object],
    fmt: Format,
    *,
    template_dir: Path | None = None,
    print_css: str = "",
) -> bytes:
    """A document in any format from its templates `name.html`, `name.md`, `name.txt`.

    PDF prints the HTML (the `pdf` extra), with `print_css` as a user stylesheet (the pack
    uses it to leave the page foot to its own numbers); DOCX converts the HTML (the `docx`
    extra), so the HTML template is the single source of both.
    """
    if fmt in (Format.HTML, Format.MD, Format.TXT):
        return render(f"{name}.{fmt.value}", context, template_dir=template_dir).encode()
    html = render(f"{name}.html", context, template_dir=template_dir)
    if fmt is Format.PDF:
        from meetings.printing import html_to_pdf  # noqa: PLC0415 - optional extra

        try:
            return html_to_pdf(html, css=print_css)
        except MeetingsError:
            raise
        except Exception as exc:  # WeasyPrint on a user's template: a bad url(), CSS, …
            raise RenderError(
                f"template {name}.html cannot be printed: {type(exc).__name__}: {exc}"
            ) from exc
    from meetings.office import html_to_docx  # noqa: PLC0415 - optional extra

    return html_to_docx(html)
