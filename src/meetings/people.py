"""Names of members and officers as councils write them: parsing, display forms, officer codes.

Councils write a member's name as title, initials and surname, sometimes with post-nominal
letters and a role in brackets: "Mrs S Z Haq", "K J Loydall JP", "Dr SEK van de Ven",
"M H Charlesworth (Chair)". Officers appear by full name ("Anne E Court") or by initials in
attendance lists ("Mrs A E Court"). `Person.parse` reads all of these; `str(person)` writes the
name back as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from meetings.errors import MeetingsError

# Titles a name may start with (compared without a trailing full stop, case-insensitively).
TITLES = (
    "Mr",
    "Mrs",
    "Miss",
    "Ms",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Baroness",
    "Baron",
    "Rev",
    "Revd",
    "Canon",
    "Hon",
)
_TITLES = {t.lower(): t for t in TITLES}

# Post-nominal letters seen after councillors' and officers' names. Others can be given with a
# comma ("A Smith, FCA") or set explicitly in a definition file.
POST_NOMINALS = (
    "JP",
    "DL",
    "MP",
    "MS",
    "MSP",
    "MLA",
    "MEP",
    "CC",
    "KG",
    "GBE",
    "KBE",
    "DBE",
    "CBE",
    "OBE",
    "MBE",
    "BEM",
    "QPM",
    "KC",
    "QC",
    "FRSA",
    "FCA",
    "ACA",
    "FCCA",
    "CIPFA",
    "PhD",
    "MA",
    "BA",
    "BSc",
    "MSc",
    "LLB",
    "LLM",
)
_POST_NOMINALS = {p.lower(): p for p in POST_NOMINALS}

# Lower-case words that begin a multi-part surname ("van de Ven", "de la Mare", "ap Rhys").
SURNAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "la", "le", "ap", "ab"}
)

# Words that introduce a councillor in running text; not part of the name.
_ADDRESS_WORDS = frozenset({"councillor", "cllr", "cllr."})

_ANNOTATION = re.compile(r"^(?P<name>.*?)\s*\((?P<note>[^()]*)\)\s*$")


class BadNameError(MeetingsError, ValueError):
    """A text that cannot be read as a person's name."""


@attrs.frozen(kw_only=True)
class Person:
    """A person's name in the parts councils use.

    `forenames` is what was written before the surname: initials ("M H", "SEK") or names
    ("Anne E", "Samuel"). The value compares and hashes by every part, so "Mrs S Haq" and
    "Mrs S Z Haq" are different people as far as the library knows.
    """

    title: str = ""
    forenames: str = ""
    surname: str
    post_nominals: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.surname.strip():
            raise BadNameError("a name needs a surname")

    @classmethod
    def parse(cls, text: str) -> Person:
        """Read a name as a council writes it; a bracketed note ("(Chair)") is dropped.

        >>> str(Person.parse("Dr SEK van de Ven"))
        'Dr SEK van de Ven'
        """
        return parse_listed_name(text)[0]

    # -- parts --------------------------------------------------------------------------
    @property
    def initials(self) -> tuple[str, ...]:
        """One letter per forename: "Anne E" -> ("A", "E"); "SEK" -> ("S", "E", "K")."""
        out: list[str] = []
        for word in self.forenames.split():
            if _is_initials(word):
                out.extend(ch for ch in word if ch.isalpha())
            else:
                out.append(word[0].upper())
        return tuple(out)

    @property
    def first_forename(self) -> str | None:
        """The first forename when it is written in full ("Samuel"), else None."""
        words = self.forenames.split()
        if words and not _is_initials(words[0]):
            return words[0]
        return None

    # -- display forms ------------------------------------------------------------------
    def __str__(self) -> str:
        parts = [self.title, self.forenames, self.surname, *self.post_nominals]
        return " ".join(p for p in parts if p)

    @property
    def with_initials(self) -> str:
        """The form attendance lists use: "Mrs Anne E Court" -> "Mrs A E Court"."""
        parts = [self.title, " ".join(self.initials), self.surname, *self.post_nominals]
        return " ".join(p for p in parts if p)

    @property
    def without_title(self) -> str:
        parts = [self.forenames, self.surname, *self.post_nominals]
        return " ".join(p for p in parts if p)

    @property
    def councillor(self) -> str:
        """ "Councillor M H Charlesworth" (the title stays: "Councillor Mrs S Z Haq")."""
        return f"Councillor {self}"


def split_annotation(text: str) -> tuple[str, str | None]:
    """A name and its bracketed note: "Dr SA Harangozo (Opposition Spokesman)" ->
    ("Dr SA Harangozo", "Opposition Spokesman"); the note is None when there is none or it is
    empty, and the text without a note comes back stripped.

    >>> split_annotation("M H Charlesworth (Chair)")
    ('M H Charlesworth', 'Chair')
    """
    match = _ANNOTATION.match(text)
    if match is None:
        return text.strip(), None
    return match["name"], match["note"].strip() or None


def parse_listed_name(text: str) -> tuple[Person, str | None]:
    """Read a name as written in a list, returning the person and any bracketed note.

    "M H Charlesworth (Chair)" -> (Person(forenames="M H", surname="Charlesworth"), "Chair").
    A leading "Councillor"/"Cllr" is dropped; text after a comma is post-nominal letters
    ("Anne Court, MBE") unless it is a role ("TD Bygott, Portfolio Holder" keeps the role as
    the note).
    """
    raw = " ".join(text.split())
    raw, note = split_annotation(raw)
    post: list[str] = []
    if "," in raw:
        raw, _, after = raw.partition(",")
        extra = after.replace(",", " ").split()
        if extra and all(w.lower() in _POST_NOMINALS or w.isupper() for w in extra):
            post.extend(_POST_NOMINALS.get(w.lower(), w) for w in extra)
        elif after.strip():
            note = after.strip() if note is None else f"{after.strip()}; {note}"
    words = raw.split()
    while words and words[0].lower() in _ADDRESS_WORDS:
        words.pop(0)
    title = ""
    if len(words) > 1 and words[0].rstrip(".").lower() in _TITLES:
        title = _TITLES[words.pop(0).rstrip(".").lower()]
    trailing: list[str] = []
    # Exact case only: "MA" is a degree, "Ma" a surname; "MS" a Member of the Senedd.
    while len(words) > 1 and words[-1] in _POST_NOMINALS.values():
        trailing.insert(0, words.pop())
    if not words:
        raise BadNameError(f"{text!r} is not a name: expected e.g. 'Mrs S Z Haq' or 'Samuel Ball'")
    # The surname is the last word and the lower-case particles before it ("van de Ven").
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in SURNAME_PARTICLES and start - 1 > 0:
        start -= 1
    forenames = " ".join(words[:start])
    surname = " ".join(words[start:])
    return (
        Person(
            title=title,
            forenames=forenames,
            surname=surname,
            post_nominals=tuple(trailing + post),
        ),
        note,
    )


def _is_initials(word: str) -> bool:
    """ "M", "SEK", "A.E." are initials; "Anne" and "Jo" are names."""
    letters = word.replace(".", "")
    return bool(letters) and letters.isalpha() and (len(letters) == 1 or letters.isupper())


def parse_name_list(text: str) -> tuple[Person, ...]:
    """Read the names in a list as minutes write them.

    "Councillors Miss A R Bond, Mrs L M Broadley, M L Darr and Mrs S B Morris" gives four
    people; a leading "Councillor(s)" and bracketed notes are dropped.
    """
    body = " ".join(text.split()).rstrip(".")
    body = re.sub(r"^(?:councillors|councillor|cllrs|cllr)\.?\s+", "", body, flags=re.IGNORECASE)
    parts = [p for chunk in body.split(",") for p in re.split(r"\s+and\s+", chunk) if p.strip()]
    return tuple(Person.parse(p) for p in parts)


def join_names(names: Iterable[str]) -> str:
    """ "A", "A and B", "A, B and C" (no Oxford comma, as council papers write lists)."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def councillors(people: Iterable[Person]) -> str:
    """ "Councillor X" or "Councillors Miss A R Bond, Mrs L M Broadley and M L Darr"."""
    names = [str(p) for p in people]
    if not names:
        return ""
    word = "Councillor" if len(names) == 1 else "Councillors"
    return f"{word} {join_names(names)}"


def officer_code(name: str | Person) -> str:
    """The action-list code of an officer: first two letters of forename and of surname.

    >>> officer_code("Samuel Ball")
    'SaBa'

    The surname's letters come from its main word ("van de Ven" -> "Ve"). A name whose
    forename is only an initial ("S Tucker") has no code of its own: set one explicitly.
    """
    person = name if isinstance(name, Person) else Person.parse(name)
    forename = person.first_forename
    if forename is None or len(forename) < 2:
        raise BadNameError(
            f"cannot make an action-list code from {str(person)!r}: the forename is not "
            "written in full; give the code explicitly: `code = ...`, the first two letters"
            " of the forename and of the surname (Steven Tucker: StTu)"
        )
    main = person.surname.split()[-1].replace("-", "").replace("'", "")
    return forename[:2].capitalize() + main[:2].capitalize()
