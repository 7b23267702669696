"""Names as the seed papers write them: parsing, display forms, officer codes."""

from __future__ import annotations

import pytest

from meetings import Person, councillors, join_names, officer_code
from meetings.errors import MeetingsError
from meetings.people import parse_listed_name, parse_name_list

# Every form of name in the seeds: (as written, title, forenames, surname, post-nominals, note).
SEED_NAMES = [
    # 000: the summons list
    ("Miss A R Bond", "Miss", "A R", "Bond", (), None),
    ("Mrs L M Broadley", "Mrs", "L M", "Broadley", (), None),
    ("M H Charlesworth (Chair)", "", "M H", "Charlesworth", (), "Chair"),
    ("M L Darr", "", "M L", "Darr", (), None),
    ("B Dave", "", "B", "Dave", (), None),
    ("Mrs S Z Haq", "Mrs", "S Z", "Haq", (), None),
    ("K J Loydall JP", "", "K J", "Loydall", ("JP",), None),
    ("Mrs S B Morris", "Mrs", "S B", "Morris", (), None),
    # 000: the signature, the minutes' attendance and apologies
    ("Mrs Anne E Court", "Mrs", "Anne E", "Court", (), None),
    ("Councillor M H Charlesworth (Chair)", "", "M H", "Charlesworth", (), "Chair"),
    ("J Kaufman", "", "J", "Kaufman", (), None),
    ("Mrs A E Court", "Mrs", "A E", "Court", (), None),
    ("D M Gill", "", "D M", "Gill", (), None),
    ("K Pollard", "", "K", "Pollard", (), None),
    ("Miss J Sweeney", "Miss", "J", "Sweeney", (), None),
    ("S Tucker", "", "S", "Tucker", (), None),
    ("Mrs S Haq", "Mrs", "S", "Haq", (), None),
    ("Councillor J Kaufman", "", "J", "Kaufman", (), None),
    ("Mrs A E Court (Chief Executive)", "Mrs", "A E", "Court", (), "Chief Executive"),
    (
        "D M Gill (Head of Law & Governance / Monitoring Officer)",
        "",
        "D M",
        "Gill",
        (),
        "Head of Law & Governance / Monitoring Officer",
    ),
    # 000: report authors and contacts
    ("Anne Court", "", "Anne", "Court", (), None),
    ("Steven Tucker", "", "Steven", "Tucker", (), None),
    ("David Gill", "", "David", "Gill", (), None),
    ("Samuel Ball", "", "Samuel", "Ball", (), None),
    ("Karen Pollard", "", "Karen", "Pollard", (), None),
    ("Veronika Quintyne", "", "Veronika", "Quintyne", (), None),
    # 003: the portfolio holder's papers
    ("Councillor TD Bygott, Portfolio Holder", "", "TD", "Bygott", (), "Portfolio Holder"),
    ("TD Bygott", "", "TD", "Bygott", (), None),
    ("Cllr Tom Bygott", "", "Tom", "Bygott", (), None),
    ("Dr SA Harangozo", "Dr", "SA", "Harangozo", (), None),
    ("MJ Mason", "", "MJ", "Mason", (), None),
    ("Mrs BZD Smith", "Mrs", "BZD", "Smith", (), None),
    ("Dr SEK van de Ven", "Dr", "SEK", "van de Ven", (), None),
    ("Councillor Dr SEK van de Ven", "Dr", "SEK", "van de Ven", (), None),
    ("Mrs SM Ellington", "Mrs", "SM", "Ellington", (), None),
    ("GJ HARLOCK", "", "GJ", "HARLOCK", (), None),
    ("Holly Adams", "", "Holly", "Adams", (), None),
]


@pytest.mark.parametrize("case", SEED_NAMES, ids=[c[0] for c in SEED_NAMES])
def test_seed_names_parse(
    case: tuple[str, str, str, str, tuple[str, ...], str | None],
) -> None:
    text, title, forenames, surname, post, note = case
    person, found_note = parse_listed_name(text)
    assert person == Person(title=title, forenames=forenames, surname=surname, post_nominals=post)
    assert found_note == note
    assert Person.parse(text) == person


@pytest.mark.parametrize("text", [t for t, *_ in SEED_NAMES if "(" not in t and "," not in t])
def test_names_written_back_as_written(text: str) -> None:
    expected = text.removeprefix("Councillor ").removeprefix("Cllr ")
    assert str(Person.parse(text)) == expected


def test_post_nominals_after_a_comma_and_case() -> None:
    assert Person.parse("Anne Court, MBE").post_nominals == ("MBE",)
    # "MA" is a degree but "Ma" a surname; "MS" after a name is post-nominal letters.
    assert Person.parse("J Ma").surname == "Ma"
    assert Person.parse("J Smith MA").post_nominals == ("MA",)


def test_display_forms() -> None:
    court = Person.parse("Mrs Anne E Court")
    assert court.with_initials == "Mrs A E Court"
    assert court.initials == ("A", "E")
    assert Person.parse("Dr SEK van de Ven").initials == ("S", "E", "K")
    assert Person.parse("M H Charlesworth (Chair)").councillor == "Councillor M H Charlesworth"
    assert Person.parse("Mrs S Z Haq").councillor == "Councillor Mrs S Z Haq"
    assert Person.parse("K J Loydall JP").without_title == "K J Loydall JP"


def test_councillors_joins_names_as_documents_do() -> None:
    people = [Person.parse(n) for n in ("Miss A R Bond", "Mrs L M Broadley", "M L Darr")]
    assert councillors(people) == "Councillors Miss A R Bond, Mrs L M Broadley and M L Darr"
    assert councillors(people[:1]) == "Councillor Miss A R Bond"
    assert councillors([]) == ""
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A"]) == "A"
    assert join_names([]) == ""


def test_name_lists_from_minutes() -> None:
    # Seed 000, minute 10.
    text = "Councillors Miss A R Bond, Mrs L M Broadley, M L Darr, Mrs S Haq and Mrs S B Morris."
    assert [str(p) for p in parse_name_list(text)] == [
        "Miss A R Bond",
        "Mrs L M Broadley",
        "M L Darr",
        "Mrs S Haq",
        "Mrs S B Morris",
    ]
    # Seed 003.
    assert [p.surname for p in parse_name_list("Dr SA Harangozo and Dr SEK van de Ven")] == [
        "Harangozo",
        "van de Ven",
    ]


def test_not_a_name() -> None:
    with pytest.raises(MeetingsError, match="not a name"):
        Person.parse("Councillor")
    with pytest.raises(MeetingsError, match="surname"):
        Person(surname=" ")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # The codes seed 000's action list uses.
        ("Samuel Ball", "SaBa"),
        ("Karen Pollard", "KaPo"),
        ("Anne E Court", "AnCo"),
        ("Mrs Anne E Court", "AnCo"),
        ("Dr SEK van de Ven", None),
        ("Holly Adams", "HoAd"),
        ("Jo Mills", "JoMi"),
        ("Sophie van de Ven", "SoVe"),
        ("Kate O'Neill", "KaOn"),
    ],
)
def test_officer_code(name: str, code: str | None) -> None:
    if code is None:
        with pytest.raises(MeetingsError, match="give the code explicitly"):
            officer_code(name)
    else:
        assert officer_code(name) == code
        assert officer_code(Person.parse(name)) == code


def test_officer_code_needs_a_full_forename() -> None:
    with pytest.raises(MeetingsError, match="S Tucker"):
        officer_code("S Tucker")
