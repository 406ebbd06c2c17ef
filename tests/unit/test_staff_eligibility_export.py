"""Pure parts of the staff side: eligibility hints (country names in many languages, population
numbers as people write them) and the export's safe, unique file names."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rrr_mailbot.config import Eligibility
from rrr_mailbot.staff.eligibility import country_code, eligibility_flags, parse_population
from rrr_mailbot.staff.export import safe_name, spreadsheet_text, unique_name
from rrr_mailbot.staff.formtext import FormFacts, form_facts

RRR = Eligibility(
    countries=("AT", "DE", "ES", "FR", "IT", "PL", "PT", "NL", "GB", "BR", "CA", "MX", "US"),
    min_population=200_000,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.911.191", 1_911_191),
        ("231,800", 231_800),
        ("1 164 716", 1_164_716),
        ("1\u00a0164\u00a0716", 1_164_716),
        ("1\u202f164\u202f716 habitants", 1_164_716),
        ("291.072 (Statistik Austria 2020)", 291_072),
        ("approx. 250k", 250_000),
        ("ca. 250 k", 250_000),
        ("1,2 Mio.", 1_200_000),
        ("1.5 million inhabitants", 1_500_000),
        ("2,3 millones de habitantes", 2_300_000),
        ("1,1 milhão", 1_100_000),
        ("1,2 mln mieszkańców", 1_200_000),
        ("250 mil habitantes", 250_000),
        ("850000", 850_000),
        ("1'164'716", 1_164_716),
        ("150,000 (2019 census)", 150_000),
        ("250.000 hab. en 2021", 250_000),
        ("approximately 199,999 people", 199_999),
    ],
)
def test_population_numbers_as_people_write_them(text: str, expected: int) -> None:
    assert parse_population(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "Click or tap here to enter text.",
        "231,8",  # a decimal with no unit: thousands? Not a head count
        "250",  # three digits: surely "thousand" left out
        "city 300,000; metropolitan area 1.2 million",  # two numbers
        "between 180,000 and 220,000",
        "1.500 millones",  # a thousands group or a decimal before a unit: do not guess
        "99999999999",  # more than any city
        "unknown",
    ],
)
def test_population_unsure_is_none(text: str | None) -> None:
    assert parse_population(text) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Austria", "AT"),
        ("Österreich", "AT"),
        ("España", "ES"),
        ("espana", "ES"),
        ("Espanya", "ES"),
        ("Spain (Catalonia)", "ES"),
        ("Catalunya", "ES"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Polska", "PL"),
        ("Nederland", "NL"),
        ("Brasil", "BR"),
        ("México", "MX"),
        ("Royaume-Uni", "GB"),
        ("UK", "GB"),
        ("Scotland", "GB"),
        ("U.S.A.", "US"),
        ("Estados Unidos", "US"),
        ("Schweiz", "CH"),
        ("Suiza", "CH"),
        ("Norge", "NO"),
        ("Argentina", "AR"),
        ("Türkiye", "TR"),
        ("Ukraine", "UA"),
        ("Austria / Österreich", "AT"),
    ],
)
def test_country_names_in_the_forms_languages(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize(
    "name", [None, "", "Europe", "European Union", "Atlantis", "Spain / Portugal"]
)
def test_country_unclear_is_none(name: str | None) -> None:
    assert country_code(name) is None


def test_flags_for_a_country_outside_and_a_small_city() -> None:
    facts = FormFacts(city="Basel", country="Schweiz", population="177.654")
    assert eligibility_flags(facts, RRR) == (
        "country_not_eligible (Schweiz)",
        "population_below_minimum (177,654 < 200,000)",
    )


@pytest.mark.parametrize(
    "facts",
    [
        FormFacts(city="Graz", country="Österreich", population="291.072 (Statistik Austria 2020)"),
        FormFacts(city="Monterrey", country="México", population="1,142,994"),
        FormFacts(city="Minimum", country="Polska", population="200 000"),  # exactly the minimum
        FormFacts(),  # the form says nothing
        FormFacts(country="Atlantis", population="about two hundred thousand"),  # unsure
    ],
)
def test_no_flag_when_eligible_or_unsure(facts: FormFacts) -> None:
    assert eligibility_flags(facts, RRR) == ()


def test_no_rules_no_flags() -> None:
    facts = FormFacts(country="Schweiz", population="1,000")
    assert eligibility_flags(facts, Eligibility()) == ()


def test_eligibility_config_wants_iso_codes() -> None:
    assert Eligibility(countries=("at", " de")).countries == ("AT", "DE")
    with pytest.raises(ValidationError, match="ISO 3166 alpha-2"):
        Eligibility(countries=("Austria",))
    with pytest.raises(ValidationError):
        Eligibility(min_population=0)


def test_the_rrr_call_has_the_rules_of_the_call(call) -> None:  # type: ignore[no-untyped-def]
    rules = call.eligibility
    assert rules.min_population == 200_000
    assert len(rules.countries) == 27 + 5
    assert {"GB", "BR", "CA", "MX", "US", "HR", "MT"} <= set(rules.countries)
    assert not {"CH", "NO", "IS", "RS", "TR", "UA"} & set(rules.countries)


@pytest.mark.parametrize(
    ("text", "population"),
    [
        ("Name of the city: Graz\nPopulation: 291.072", "291.072"),
        ("Población (2020): 1.911.191", "1.911.191"),
        ("Nombre d'habitants :\n516 092", "516 092"),
        ("Einwohnerzahl: 1 164 716", "1 164 716"),
        ("Liczba mieszkańców: 670 000", "670 000"),
        ("Aantal inwoners: 651.631", "651.631"),
        ("Numero di abitanti: 848,885", "848,885"),
        ("Population: Click or tap here to enter text.", None),
        ("The population of our city is large", None),
    ],
)
def test_form_text_gives_the_population_as_written(text: str, population: str | None) -> None:
    assert form_facts(text).population == population


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..", "file"),
        ("form\x00\u202e\x07.pdf", "form.pdf"),
        ("C:\\Users\\x\\form.pdf", "C__Users_x_form.pdf"),
        ("  form  v2 .pdf ", "form v2.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("nul", "_nul"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
        ("", "file"),
        (None, "file"),
        ("Carta_de_intención.docx", "Carta_de_intención.docx"),
    ],
)
def test_safe_names(name: str | None, safe: str) -> None:
    assert safe_name(name, "file") == safe


def test_unique_names_ignore_letter_case() -> None:
    taken: set[str] = set()
    assert [unique_name(n, taken) for n in ("Form.pdf", "form.PDF", "form.pdf", "notes")] == [
        "Form.pdf",
        "form-2.PDF",
        "form-3.pdf",
        "notes",
    ]
    assert unique_name("notes", taken) == "notes-2"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("@a", "'@a"),
        ("form.pdf", "form.pdf"),
    ],
)
def test_spreadsheet_cells_never_run_as_formulas(value: str, cell: str) -> None:
    assert spreadsheet_text(value) == cell
