"""Eligibility hints for staff: is the applicant's country one the call admits, is its population
at least the call's minimum? Read from what the application form says (rrr_mailbot.staff.formtext).

These are hints, never decisions: a flag only says "look at this form". Whenever the form's text
can be read more than one way (two numbers, a decimal without a unit, a name that is not a
country or names two), there is no flag: a false alarm costs staff more trust than a missed one
costs them time, since they read every form anyway.

Country names are matched in every language the applicants write in, from the CLDR territory
names that Babel ships, plus the usual short forms (UK, USA) and the UK's nations.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel import Locale

from rrr_mailbot.config import Eligibility
from rrr_mailbot.staff.formtext import FormFacts

# The call's reply languages and the official languages of the EU member states: applicants write
# their country's name in one of these.
NAME_LANGUAGES = (
    "en", "es", "pt", "fr", "de", "it", "pl", "nl", "ca", "cs", "sk", "sl", "hr", "hu", "ro",
    "bg", "el", "sv", "da", "fi", "et", "lv", "lt", "ga", "mt", "eu", "gl",
)  # fmt: skip
# Names CLDR does not list as a country's main name but forms use.
ALIASES = {
    "uk": "GB",
    "u k": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "united states of america": "US",
    "eeuu": "US",
    "ee uu": "US",
    "eua": "US",
    "holland": "NL",
    "czech republic": "CZ",
    "ceska republika": "CZ",
    "slovak republic": "SK",
    "republic of ireland": "IE",
    "eire": "IE",
    "brasil": "BR",
    "mejico": "MX",
    "catalunya": "ES",
    "catalonia": "ES",
    "cataluna": "ES",
    "euskadi": "ES",
}

FLAG_COUNTRY = "country_not_eligible"
FLAG_POPULATION = "population_below_minimum"

_WORDS = re.compile(r"[^\w]+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# A number as people write a population: grouped in threes by dots, commas, spaces (also the
# no-break and thin ones) or apostrophes, or plain digits, with at most one decimal part.
_SEPARATORS = " .,'\u00a0\u202f\u2009"
_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:(?P<sep>[ .,'\u00a0\u202f\u2009])\d{3})(?:(?P=sep)\d{3})*"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:\s*(?P<unit>[^\W\d]+\.?))?"
)
# Multipliers after a number, case-blind, accents removed: thousand and million in the forms'
# languages ("250k", "1,2 Mio.", "2,3 millones", "1,1 milhao", "1,2 mln", "1,5 miljoen").
_UNITS = {
    "k": 1_000,
    "thousand": 1_000,
    "mil": 1_000,
    "tys": 1_000,
    "tausend": 1_000,
    "mille": 1_000,
    "duizend": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mio": 1_000_000,
    "mill": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "millon": 1_000_000,
    "millones": 1_000_000,
    "milhao": 1_000_000,
    "milhoes": 1_000_000,
    "millionen": 1_000_000,
    "milione": 1_000_000,
    "milioni": 1_000_000,
    "mln": 1_000_000,
    "milion": 1_000_000,
    "miliony": 1_000_000,
    "milionow": 1_000_000,
    "miljoen": 1_000_000,
    "milio": 1_000_000,
    "milions": 1_000_000,
}
# No city writes its population in three digits, nor has more than this many people: outside
# these bounds the number means something else ("250" thousand, a phone number).
MIN_PLAUSIBLE = 1_000
MAX_PLAUSIBLE = 50_000_000


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_WORDS.sub(" ", plain).split())


@functools.cache
def _country_names() -> dict[str, frozenset[str]]:
    """Folded country name -> the ISO codes it names (one, unless two languages disagree)."""
    names: dict[str, set[str]] = {}
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            # Two letters: countries; numeric codes are regions ("150" Europe), and EU, EZ, UN,
            # QO and the X* codes are groupings or private use, not countries.
            if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO"}:
                names.setdefault(_fold(name), set()).add(code)
    for alias, code in ALIASES.items():
        names.setdefault(alias, set()).add(code)
    return {name: frozenset(codes) for name, codes in names.items()}


def country_code(value: str | None) -> str | None:
    """The ISO 3166 alpha-2 code of the one country ``value`` names, or None when it names none
    or more than one ("Spain (Catalonia)" is ES; "Austria / Österreich" is AT)."""
    if not value:
        return None
    names = _country_names()
    whole = names.get(_fold(value))
    if whole is not None:
        return next(iter(whole)) if len(whole) == 1 else None
    found: set[str] = set()
    for part in re.split(r"[,;/|()\[\]\n]+| - ", value):
        codes = names.get(_fold(part))
        if codes is not None:
            if len(codes) > 1:
                return None
            found |= codes
    return next(iter(found)) if len(found) == 1 else None


def _amount(number: str, separator: str | None, unit: str | None) -> int | None:
    """One number token as an integer count, or None when it can be read two ways."""
    multiplier = 1
    if unit is not None:
        folded = _fold(unit)
        if folded not in _UNITS:
            unit = None  # a word after the number ("inhabitants"), not a multiplier
        else:
            multiplier = _UNITS[folded]
    if separator is not None:
        if multiplier != 1:
            return None  # "1.500 million": a thousands group or a decimal? Do not guess.
        return int("".join(ch for ch in number if ch.isdigit()))
    if "." in number or "," in number:
        if multiplier == 1:
            return None  # "231,8" (a decimal without a unit) or "231,80": not a head count
        try:
            value = Decimal(number.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None
        return int(value * multiplier)
    return int(number) * multiplier


def parse_population(text: str | None) -> int | None:
    """The population a form's answer states, or None when unsure.

    Notes in brackets go ("291.072 (Statistik Austria 2020)"); words like "approx." do not matter;
    of several numbers, a lone four-digit year beside another is dropped ("250,000 in 2020").
    Any other second number, a decimal without a unit, or a result outside the plausible bounds
    gives None.
    """
    if not text:
        return None
    plain = _BRACKETS.sub(" ", text)
    candidates: list[tuple[str, int | None]] = []
    for match in _NUMBER.finditer(plain):
        number, separator, unit = match["number"], match["sep"], match["unit"]
        candidates.append((number, _amount(number, separator, unit)))
    if len(candidates) > 1:
        candidates = [
            (number, value)
            for number, value in candidates
            if not (len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099)
        ]
    if len(candidates) != 1:
        return None
    value = candidates[0][1]
    if value is None or not MIN_PLAUSIBLE <= value <= MAX_PLAUSIBLE:
        return None
    return value


def eligibility_flags(facts: FormFacts, rules: Eligibility) -> tuple[str, ...]:
    """Review hints for staff, each a flag with what the form said: ``country_not_eligible
    (Switzerland)``, ``population_below_minimum (150,000 < 200,000)``. Empty when the form says
    nothing, is unclear, or meets the rules."""
    flags: list[str] = []
    if rules.countries and facts.country:
        code = country_code(facts.country)
        if code is not None and code not in rules.countries:
            flags.append(f"{FLAG_COUNTRY} ({facts.country})")
    if rules.min_population is not None:
        population = parse_population(facts.population)
        if population is not None and population < rules.min_population:
            flags.append(f"{FLAG_POPULATION} ({population:,} < {rules.min_population:,})")
    return tuple(flags)
