"""The application fold: messages of one applicant -> documents current and superseded, state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rrr_mailbot.model import Outcome
from rrr_mailbot.staff.applications import (
    RecordedDocument,
    RecordedMessage,
    State,
    fold,
    fold_all,
    group_key,
    linked_key,
)
from rrr_mailbot.staff.formtext import form_facts

DEADLINE = datetime(2021, 5, 21, 21, 0, tzinfo=UTC)
REQUIRED = ("application_form", "letter_of_intent")


def doc(role: str, name: str, content: str | None = None) -> RecordedDocument:
    return RecordedDocument(role=role, filename=name, sha256=(content or name).ljust(64, "0"))


def msg(
    ref: str,
    *docs: RecordedDocument,
    hours_before: float = 24,
    outcome: Outcome | None = None,
    sender: str = "city@example.org",
    review: tuple[str, ...] = (),
) -> RecordedMessage:
    arrival = DEADLINE - timedelta(hours=hours_before)
    roles = {d.role for d in docs}
    if outcome is None:
        outcome = (
            Outcome.LATE
            if arrival > DEADLINE
            else Outcome.ACCEPTED
            if roles >= set(REQUIRED)
            else Outcome.INCOMPLETE
        )
    return RecordedMessage(
        reference=ref,
        application_key=sender,
        sender=sender,
        subject="Application",
        arrival=arrival,
        recorded_at=arrival + timedelta(minutes=1),
        outcome=outcome,
        documents=docs,
        review=review,
    )


FORM = doc("application_form", "form.pdf")
LETTER = doc("letter_of_intent", "letter.pdf")


def run(*messages: RecordedMessage):  # type: ignore[no-untyped-def]
    return fold("city@example.org", messages, required=REQUIRED, deadline=DEADLINE)


def test_one_complete_message_is_complete() -> None:
    app = run(msg("A1", FORM, LETTER))
    assert app.state is State.COMPLETE
    assert app.missing == ()
    assert {r: v.reference for r, v in app.current.items()} == {
        "application_form": "A1",
        "letter_of_intent": "A1",
    }
    assert app.completed_at == DEADLINE - timedelta(hours=24)


def test_form_today_letter_tomorrow_completes_and_names_each_message() -> None:
    app = run(msg("A2", LETTER, hours_before=10), msg("A1", FORM, hours_before=30))
    assert app.state is State.COMPLETE
    assert app.references == ("A1", "A2")  # folded in arrival order, not in the order given
    assert app.current["application_form"].reference == "A1"
    assert app.current["letter_of_intent"].reference == "A2"
    assert app.completed_at == DEADLINE - timedelta(hours=10)


def test_only_the_form_is_incomplete_and_says_what_is_missing() -> None:
    app = run(msg("A1", FORM))
    assert app.state is State.INCOMPLETE
    assert app.missing == ("letter_of_intent",)
    assert app.completed_at is None


def test_a_newer_file_supersedes_the_older_and_history_keeps_both() -> None:
    newer = doc("application_form", "form-v2.pdf", "v2")
    app = run(msg("A1", FORM, LETTER, hours_before=30), msg("A2", newer, hours_before=5))
    assert app.state is State.COMPLETE
    assert app.current["application_form"].filename == "form-v2.pdf"
    assert app.current["application_form"].reference == "A2"
    assert [(v.filename, v.reference) for v in app.superseded] == [("form.pdf", "A1")]


def test_the_same_file_sent_again_supersedes_nothing() -> None:
    app = run(msg("A1", FORM, LETTER, hours_before=30), msg("A2", FORM, hours_before=5))
    assert app.current["application_form"].reference == "A1"
    assert app.superseded == ()


def test_a_late_addition_does_not_change_an_on_time_complete_application() -> None:
    newer = doc("application_form", "form-v2.pdf", "v2")
    app = run(msg("A1", FORM, LETTER), msg("A2", newer, hours_before=-3))
    assert app.current["application_form"].reference == "A1"  # the late file does not count
    assert app.superseded == ()
    assert [v.reference for v in app.late_documents] == ["A2"]
    # Staff see it: the application is flagged for review, its documents still complete.
    assert app.state is State.NEEDS_REVIEW
    assert app.documents_complete
    assert app.review == ("late_message_after_complete (A2)",)


def test_a_late_message_does_not_complete_an_incomplete_application() -> None:
    app = run(msg("A1", FORM), msg("A2", LETTER, hours_before=-1))
    assert app.state is State.LATE
    assert app.missing == ("letter_of_intent",)
    assert "letter_of_intent" not in app.current


def test_only_late_messages_make_a_late_application() -> None:
    app = run(msg("A1", FORM, LETTER, hours_before=-2))
    assert app.state is State.LATE
    assert app.completed_at is None


def test_review_flags_need_review_but_the_pipelines_link_flag_does_not() -> None:
    linked = run(msg("A1", FORM), msg("A2", LETTER, review=("earlier_messages_from_sender",)))
    assert linked.state is State.COMPLETE
    flagged = run(msg("A1", FORM, LETTER, review=("assigned_by_elimination",)))
    assert flagged.state is State.NEEDS_REVIEW
    assert flagged.review == ("assigned_by_elimination (A1)",)


def test_ignored_mail_takes_no_part() -> None:
    app = run(msg("A1", FORM, LETTER), msg("A2", outcome=Outcome.IGNORED, review=("auto",)))
    assert app.state is State.COMPLETE
    assert app.references == ("A1",)
    with pytest.raises(ValueError, match="no messages"):
        run(msg("A2", outcome=Outcome.IGNORED))


def test_fold_all_groups_by_sender_and_orders_by_first_arrival() -> None:
    messages = [
        msg("B1", FORM, LETTER, sender="b@x.org", hours_before=20),
        msg("A1", FORM, sender="a@x.org", hours_before=40),
        msg("A2", LETTER, sender="a@x.org", hours_before=2),
        msg("I1", sender="bounce@x.org", outcome=Outcome.IGNORED),
    ]
    apps = fold_all(messages, required=REQUIRED, deadline=DEADLINE)
    assert [(a.key, a.state, a.references) for a in apps] == [
        ("a@x.org", State.COMPLETE, ("A1", "A2")),
        ("b@x.org", State.COMPLETE, ("B1",)),
    ]


def test_a_message_without_sender_is_its_own_application() -> None:
    lone = RecordedMessage(
        reference="N1",
        application_key=None,
        sender=None,
        subject="",
        arrival=None,
        recorded_at=DEADLINE - timedelta(days=1),
        outcome=Outcome.INCOMPLETE,
    )
    (app,) = fold_all([lone], required=REQUIRED, deadline=DEADLINE)
    assert app.key == "reference:N1"
    assert app.state is State.INCOMPLETE


# -- the form's city and country ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("FORM\nName of the city: Graz\nCountry: Austria\nPopulation: 291,000", "Graz", "Austria"),
        ("Nombre de la ciudad: Sevilla\nPaís: España\n", "Sevilla", "España"),
        ("Nom de la ville : Montpellier\nPays : France", "Montpellier", "France"),
        ("A.1 Name of the city: Lublin\nA.2 Country: Poland", "Lublin", "Poland"),
        ("Name of the city\nCuritiba\nCountry\nBrazil\n", "Curitiba", "Brazil"),
        ("Nazwa miasta: Łódź\nKraj: Polska", "Łódź", "Polska"),
    ],
)  # fmt: skip
def test_form_facts_reads_city_and_country(text: str, city: str, country: str) -> None:
    facts = form_facts(text)
    assert (facts.city, facts.country) == (city, country)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "Name of the city: Click or tap here to enter text.\nCountry: Haga clic o pulse aquí",
        "City Chambers, George Square\nThe country is at the heart of our plans.",
        "Name of the city\nCountry\n",  # labels with no values: a value is never another label
    ],
)
def test_form_facts_says_nothing_when_the_form_does_not(text: str | None) -> None:
    facts = form_facts(text)
    assert (facts.city, facts.country) == (None, None)


# -- staff links ------------------------------------------------------------------------------


def test_a_linked_address_joins_the_application_it_names() -> None:
    form = msg("R1", FORM, hours_before=48, sender="office@graz.at")
    letter = msg("R2", LETTER, hours_before=24, sender="mayor@stadt-graz.at")
    apart = fold_all([form, letter], required=REQUIRED, deadline=DEADLINE)
    assert [(a.key, a.state) for a in apart] == [
        ("office@graz.at", State.INCOMPLETE),
        ("mayor@stadt-graz.at", State.INCOMPLETE),
    ]
    links = {"mayor@stadt-graz.at": "office@graz.at"}
    (joined,) = fold_all([form, letter], required=REQUIRED, deadline=DEADLINE, links=links)
    assert (joined.key, joined.state, joined.references) == ("office@graz.at", State.COMPLETE,
                                                              ("R1", "R2"))  # fmt: skip
    assert joined.current["letter_of_intent"].reference == "R2"


def test_a_domain_link_joins_every_address_but_an_address_link_wins() -> None:
    links = {"@graz.at": "office@graz.at", "press@graz.at": "other@wien.at"}
    assert linked_key("anyone@graz.at", links) == "office@graz.at"
    assert linked_key("office@graz.at", links) == "office@graz.at"  # its own domain: no loop
    assert linked_key("press@graz.at", links) == "other@wien.at"
    assert linked_key("someone@wien.at", links) == "someone@wien.at"
    assert linked_key("graz.at", links) == "graz.at"  # not an address: no domain to follow


def test_links_are_followed_to_the_end_and_a_cycle_stops() -> None:
    assert linked_key("a@x.org", {"a@x.org": "b@x.org", "b@x.org": "c@x.org"}) == "c@x.org"
    assert linked_key("a@x.org", {"a@x.org": "b@x.org", "b@x.org": "a@x.org"}) == "b@x.org"


def test_a_message_without_sender_is_not_linked() -> None:
    nobody = RecordedMessage(
        reference="R9", application_key=None, sender=None, subject="s",
        arrival=DEADLINE - timedelta(hours=1), recorded_at=DEADLINE, outcome=Outcome.INCOMPLETE,
    )  # fmt: skip
    assert group_key(nobody, {"@x.org": "a@x.org"}) == "reference:R9"


def test_flags_staff_marked_reviewed_no_longer_hold_the_application_up() -> None:
    flagged = msg("A1", FORM, LETTER, review=("assigned_by_elimination",))
    assert run(flagged).state is State.NEEDS_REVIEW
    looked_at = RecordedMessage(**{**flagged.__dict__, "reviewed": True})
    assert run(looked_at).state is State.COMPLETE
    # Another message's flags still count.
    other = msg("A2", hours_before=2, review=("intake_problems",))
    assert run(looked_at, other).state is State.NEEDS_REVIEW
