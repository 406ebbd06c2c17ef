"""The city, country and population an application form names, read from its text for staff
views (the eligibility hints in rrr_mailbot.staff.eligibility read the last two).

Deliberately simple: the form's first section is a list of "Label: value" lines ("Name of the
city: Graz", "País: España"), or a label alone on a line with its value on the next (a table
turned into text). We look for the labels of the form in the languages the call answers in and
take the value after the first one found; a note in brackets after the label ("Population
(2020): ...") is allowed. A value that is the form template's placeholder ("Click
or tap here to enter text.") or another label counts as not given. Nothing here decides
anything: staff read the result as a hint next to the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Labels as the application form writes them, case- and accent-blind. "Land" (de) and "Kraj" (pl)
# are too common as words to match anywhere but at the start of a line, which is all we match.
CITY_LABELS = (
    "name of the city",
    "city",
    "nombre de la ciudad",
    "ciudad",
    "nom de la ville",
    "ville",
    "nome da cidade",
    "cidade",
    "name der stadt",
    "stadt",
    "nome della citta",
    "citta",
    "nazwa miasta",
    "miasto",
)
COUNTRY_LABELS = ("country", "pais", "pays", "land", "paese", "kraj")
POPULATION_LABELS = (
    "population",
    "number of inhabitants",
    "inhabitants",
    "poblacion",
    "numero de habitantes",
    "habitantes",
    "nombre d'habitants",
    "habitants",
    "populacao",
    "einwohnerzahl",
    "einwohner",
    "bevolkerung",
    "popolazione",
    "numero di abitanti",
    "abitanti",
    "liczba mieszkancow",
    "liczba ludnosci",
    "ludnosc",
    "aantal inwoners",
    "inwoners",
    "bevolking",
    "poblacio",
)
_PLACEHOLDERS = ("click or tap here", "haga clic", "clique ou toque", "cliquez ou appuyez")
_MAX_VALUE_CHARS = 80
# An optional question number ("A.1", "1.2") before the label, then the label, then ":" or the
# end of the line.
_NUMBER = r"(?:(?:[a-z]\.?)?\d+(?:\.\d+)*\.?\s+)?"


@dataclass(frozen=True)
class FormFacts:
    """What the form says about the applicant, as written; None where it does not say."""

    city: str | None = None
    country: str | None = None
    population: str | None = None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\s*{_NUMBER}(?:{alternatives})(?:\s*\([^)]*\))?\s*(?::\s*(.*)|$)")


_CITY = _pattern(CITY_LABELS)
_COUNTRY = _pattern(COUNTRY_LABELS)
_POPULATION = _pattern(POPULATION_LABELS)
_ANY_LABEL = _pattern(CITY_LABELS + COUNTRY_LABELS + POPULATION_LABELS)


def _value(lines: list[str], pattern: re.Pattern[str]) -> str | None:
    folded = [_fold(line) for line in lines]
    for index, line in enumerate(folded):
        match = pattern.match(line)
        if match is None:
            continue
        if match.group(1) is not None and match.group(1).strip():
            start = match.start(1)
            raw = lines[index]
            # Positions in the folded line match the original only when folding kept lengths;
            # otherwise fall back to the text after the first colon.
            value = raw[start:] if len(raw) == len(line) else raw.partition(":")[2]
        else:
            following = next((rest for rest in lines[index + 1 :] if rest.strip()), "")
            if not following or _ANY_LABEL.match(_fold(following)):
                continue
            value = following
        value = " ".join(value.split())
        if not value or any(p in _fold(value) for p in _PLACEHOLDERS):
            continue
        return value[:_MAX_VALUE_CHARS]
    return None


def form_facts(text: str | None) -> FormFacts:
    """City, country and population from a form's text; an empty FormFacts for None or no
    labels."""
    if not text:
        return FormFacts()
    lines = text.splitlines()
    return FormFacts(
        city=_value(lines, _CITY),
        country=_value(lines, _COUNTRY),
        population=_value(lines, _POPULATION),
    )
