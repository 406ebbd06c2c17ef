"""Classification: which candidate file is which required document."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rrr_mailbot.classify import classify, judge, normalize
from rrr_mailbot.config import CallSettings
from rrr_mailbot.model import Document, Reading

FORM_TEXT = (
    "RRR Peer Learning Cities - Application Form\n"
    "Name of the city: Porto\nPopulation: 231,800\nContact person: Ana Silva\n"
    "Describe your social economy ecosystem: cooperatives, foundations and mutuals.\n"
)
LETTER_TEXT = (
    "Letter of Intent\nTo the RRR consortium,\n"
    "On behalf of the City of Porto we hereby express our interest in joining the RRR Peer "
    "Learning Cities. Yours sincerely, the Mayor\n"
)
PDF = "application/pdf"


def doc(
    name: str | None,
    text: str | None = None,
    *,
    size: int = 5000,
    ctype: str = PDF,
    error: str | None = None,
) -> Document:
    data = (name or "x").encode() + b"\0" * size + (text or "").encode()
    return Document(filename=name, content_type=ctype, data=data, text=text, text_error=error)


def names(call: CallSettings, *docs: Document) -> dict[str, str | None]:
    result = classify(docs, call)
    return {k: (v.filename if v else None) for k, v in result.documents.items()}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Carta_de_intenção.PDF", "carta de intencao pdf"),
        ("Formularz_zgłoszeniowy.docx", "formularz zgloszeniowy docx"),
        ("LetterOfIntent.pdf", "letter of intent pdf"),
        ("Absichtserklärung Köln.pdf", "absichtserklarung koln pdf"),
        ("lettre d’intention", "lettre d intention"),
    ],
)
def test_normalize_folds_case_accents_and_separators(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("form", "letter"),
    [
        ("Application_Form_Porto.pdf", "Letter_of_Intent_Porto.pdf"),
        ("Formulario de solicitud - Valencia.docx", "Carta de intención Valencia.pdf"),
        ("Formulário de candidatura.pdf", "Carta_de_intenção_assinada.pdf"),
        ("Formulaire de candidature Lyon.odt", "Lettre d'intention Lyon.pdf"),
        ("Bewerbungsformular_Stadt_Köln.docx", "Absichtserklärung_Stadt_Köln.pdf"),
        ("Modulo di candidatura Torino.pdf", "Lettera di intenti Torino.pdf"),
        ("Formularz_zgłoszeniowy_Kraków.docx", "List_intencyjny_Kraków.pdf"),
        ("AF_Lyon.docx", "LOI_Porto.pdf"),
        ("ApplicationForm.pdf", "LetterOfIntent.pdf"),
    ],
)
def test_names_in_many_languages(call: CallSettings, form: str, letter: str) -> None:
    # Reversed order on purpose: assignment must not depend on attachment order.
    assert names(call, doc(letter), doc(form)) == {
        "application_form": form,
        "letter_of_intent": letter,
    }


def test_text_wins_over_a_misleading_name(call: CallSettings) -> None:
    result = names(call, doc("letter.pdf", FORM_TEXT), doc("scan.pdf", LETTER_TEXT))
    assert result == {"application_form": "letter.pdf", "letter_of_intent": "scan.pdf"}


def test_filled_form_named_template_counts(call: CallSettings) -> None:
    result = names(call, doc("RRR_Application_Form_template.docx", FORM_TEXT))
    assert result["application_form"] == "RRR_Application_Form_template.docx"


def test_blank_template_does_not_count(call: CallSettings) -> None:
    blank = (
        "RRR Peer Learning Cities - Application Form\n"
        "Name of the city: Click or tap here to enter text.\n"
        "Population: Click or tap here to enter text.\n"
        "Contact person: Click or tap here to enter text.\n"
    )
    result = classify([doc("Application_Form.docx", blank), doc("LOI.pdf", LETTER_TEXT)], call)
    assert result.documents["application_form"] is None
    assert any("blank form template" in r for r in result.reasons)


def test_underscored_blank_form_does_not_count(call: CallSettings) -> None:
    blank = (
        "Formulario de solicitud RRR\nNombre de la ciudad: __________\n"
        "Población: __________\nPersona de contacto: __________\n"
    )
    assert judge(doc("solicitud.pdf", blank), call).problem is not None


def test_guidelines_and_other_programme_forms_do_not_count(call: CallSettings) -> None:
    guidelines = (
        "RRR Call for Peer Learning Cities\nGuidelines for applicants\nWho can apply: local "
        "authorities. Eligibility criteria: 200,000 inhabitants. How to apply: send the "
        "application form and the letter of intent."
    )
    urbact = (
        "URBACT IV Application Form - Action Planning Networks\nName of the city: Porto\n"
        "Population: 231,800\nContact person: Ana\n"
    )
    result = classify(
        [
            doc("Guidelines.pdf", guidelines),
            doc("application_form.pdf", urbact),
            doc("LOI.pdf", LETTER_TEXT),
        ],
        call,
    )
    assert result.documents["application_form"] is None
    assert result.documents["letter_of_intent"] is not None
    assert result.missing == ("application_form",)


def test_combined_pdf_serves_both(call: CallSettings) -> None:
    combined = FORM_TEXT + "\f" + LETTER_TEXT
    pdf = doc("RRR_Porto.pdf", combined)
    result = classify([pdf], call)
    assert result.documents == {"application_form": pdf, "letter_of_intent": pdf}
    assert result.judgements[0].combined


def test_a_form_that_mentions_the_letter_is_not_combined(call: CallSettings) -> None:
    form = (
        "RRR Peer Learning Cities\nCall for Peer Learning Cities – APPLICATION FORM\n"
        "How to fill in this form: answer every question and send the form together with the\n"
        "signed letter of intent.\n" + FORM_TEXT
    )
    result = classify([doc("Application.pdf", form)], call)
    assert result.missing == ("letter_of_intent",)
    assert not result.judgements[0].combined


def test_a_letter_title_below_the_letterhead_is_found(call: CallSettings) -> None:
    letter = (
        "Gemeente Utrecht\nStadsplateau 1, Utrecht\nUtrecht, 12 mei 2021\nAan het RRR-consortium\n"
        "Barcelona, Spanje\nINTENTIEVERKLARING – RRR Peer Learning Cities\nGeachte leden,\n"
        "Namens de gemeente Utrecht spreken wij hierbij onze interesse uit.\n"
    )
    result = names(call, doc("Application_Utrecht.pdf", letter))
    assert result == {"application_form": None, "letter_of_intent": "Application_Utrecht.pdf"}


def test_a_form_with_one_placeholder_left_counts_and_is_flagged(call: CallSettings) -> None:
    form = FORM_TEXT + "Position: Click or tap here to enter text.\n"
    result = classify([doc("Application form.docx", form)], call)
    assert result.documents["application_form"] is not None
    assert "placeholders_left" in result.review


def test_a_form_saved_as_a_web_page_is_flagged(call: CallSettings) -> None:
    html = doc("Formulario de solicitud.html", "<html>...</html>", ctype="text/html")
    result = classify([html, doc("LOI.pdf", LETTER_TEXT)], call)
    assert result.missing == ("application_form",)
    assert "unaccepted_file_type" in result.review


SCAN_BYTES = 60_000  # an unreadable file this size could be a scanned page


def test_two_unreadable_scans_are_accepted_for_review_and_the_applicant_asked(
    call: CallSettings,
) -> None:
    result = classify([doc("doc1.pdf", size=SCAN_BYTES), doc("doc2.pdf", size=SCAN_BYTES)], call)
    assert result.missing == ()
    assert "ambiguous_documents" in result.review
    assert set(result.uncertain) == {"application_form", "letter_of_intent"}


def test_unread_scan_next_to_the_form_is_the_letter_by_elimination(call: CallSettings) -> None:
    scan = doc("IMG_0412.JPG", ctype="image/jpeg", size=SCAN_BYTES)
    result = classify([doc("Application form.pdf", FORM_TEXT), scan], call)
    assert result.documents["letter_of_intent"] is scan
    assert "assigned_by_elimination" in result.review
    assert result.uncertain == ("letter_of_intent",)  # the reply asks the applicant to check


def test_a_small_unreadable_image_is_a_decoration_not_the_missing_letter(
    call: CallSettings,
) -> None:
    logo = doc("image001.png", ctype="image/png", size=4_000)
    result = classify([doc("Application form.pdf", FORM_TEXT), logo], call)
    assert result.documents["letter_of_intent"] is None
    assert "too small to be a scanned document" in result.notes[logo.sha256].text


def test_a_photo_with_no_text_is_not_a_document(call: CallSettings) -> None:
    photo = replace(
        doc("IMG_2041.jpg", ctype="image/jpeg", size=SCAN_BYTES), reading=Reading.NO_TEXT
    )
    result = classify([doc("Application form.pdf", FORM_TEXT), photo], call)
    assert result.documents["letter_of_intent"] is None
    assert result.notes[photo.sha256].code == "picture"


BUDGET_TEXT = (
    "PRESUPUESTO\nProyecto RRR - Ciudad de Valencia\nCostes de personal: 12.000 EUR\n"
    "Gastos de viaje: 3.000 EUR\nPresupuesto total: 15.000 EUR\n"
)
CV_TEXT = (
    "Curriculum Vitae\nMaria Lopez\nDate of birth: 1 May 1980\nWork experience: 2010-2021 city "
    "of Porto, head of social economy.\nEducation and training: University of Porto.\n"
)
COVER_TEXT = (
    "Dear members of the selection committee,\nPlease find attached the application of the City "
    "of Porto to the RRR Peer Learning Cities call, with the documents requested in the call.\n"
    "Yours sincerely, the international relations office of the city of Porto.\n"
)
PRESS_TEXT = (
    "PRESS RELEASE\nFor immediate release\nPorto applies to the RRR Peer Learning Cities: the "
    "city wants to learn from its peers how social economy can rebuild after the pandemic.\n"
)
DECREE_TEXT = (
    "AYUNTAMIENTO DE VALENCIA\nDECRETO DE ALCALDIA N 2021/1456\nVisto el anuncio del proyecto "
    "RRR Respond, Rebuild, Reinvent, y de conformidad con las competencias atribuidas, RESUELVO: "
    "participar en la convocatoria de ciudades de aprendizaje entre pares del proyecto RRR.\n"
)
UNRELATED_TEXT = (
    "Porto in numbers\nThe city covers 41 square kilometres on the north bank of the Douro and "
    "is famous for its bridges, its port wine cellars and its tiled churches across the centre.\n"
)


@pytest.mark.parametrize(
    ("name", "text", "what"),
    [
        ("Presupuesto.pdf", BUDGET_TEXT, "a budget"),
        ("annex.pdf", CV_TEXT, "a CV"),
        ("carta.pdf", COVER_TEXT, "a cover letter"),
        ("letter.pdf", PRESS_TEXT, "a press release"),
        ("Decreto.pdf", DECREE_TEXT, "a council resolution or decree"),
        ("document2.pdf", UNRELATED_TEXT, "does not read as"),
    ],
)
def test_a_readable_file_that_is_something_else_never_fills_the_missing_slot(
    call: CallSettings, name: str, text: str, what: str
) -> None:
    """The classic false receipt: the form plus one other file, taken as the missing letter."""
    extra = doc(name, text, size=SCAN_BYTES)
    result = classify([doc("Application form.pdf", FORM_TEXT), extra], call)
    assert result.documents["letter_of_intent"] is None
    assert result.missing == ("letter_of_intent",)
    assert what in result.notes[extra.sha256].text
    assert "assigned_by_elimination" not in result.review


def test_a_letter_whose_text_names_it_is_never_taken_for_something_else(
    call: CallSettings,
) -> None:
    """The positive side of the rule above: a letter of intent that also thanks for the budget
    and says "please find attached" is still the letter, because its own wording says so."""
    letter = doc(
        "Presupuesto_y_carta.pdf",
        "Letter of Intent\nPlease find attached our budget. On behalf of the City of Porto we "
        "hereby express our interest in joining the RRR Peer Learning Cities. Yours sincerely\n",
    )
    result = classify([doc("Application form.pdf", FORM_TEXT), letter], call)
    assert result.documents["letter_of_intent"] is letter
    assert result.uncertain == ()


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("Presupuesto_2021.pdf", "a budget"),
        ("CV_alcalde.jpg", "a CV"),
        ("mapa_ciudad.png", "a map"),
    ],
)
def test_an_unreadable_file_named_as_something_else_is_not_eliminated_into_a_slot(
    call: CallSettings, name: str, what: str
) -> None:
    extra = doc(name, size=SCAN_BYTES, ctype="image/jpeg" if name.endswith("jpg") else PDF)
    result = classify([doc("Application form.pdf", FORM_TEXT), extra], call)
    assert result.documents["letter_of_intent"] is None
    assert what in result.notes[extra.sha256].text


PROSE_LETTER = (
    "Gemeente Utrecht\nDatum: 20 mei 2021\nKenmerk: EZ/2021/31877\n"
    "Onderwerp: deelname Peer Learning Cities (RRR)\nGeachte leden van de selectiecommissie,\n"
    "Graag bevestig ik dat de Gemeente Utrecht wil deelnemen aan het programma Peer Learning\n"
    "Cities van het project Respond, Rebuild, Reinvent. Wij zetten ons in om aan alle fasen deel\n"
    "te nemen, een vast team te leveren en lokale sociale ondernemers te betrekken.\n"
    "Met vriendelijke groet,\nWethouder\n"
)


def test_a_letter_known_only_by_its_layout_is_taken_and_the_applicant_asked_to_check(
    call: CallSettings,
) -> None:
    letter = doc("Brief wethouder.pdf", PROSE_LETTER)
    result = classify([doc("Application form.pdf", FORM_TEXT), letter], call)
    assert result.documents["letter_of_intent"] is letter
    assert result.uncertain == ("letter_of_intent",)


def test_a_letter_layout_that_does_not_name_the_call_is_not_taken(call: CallSettings) -> None:
    letter = doc(
        "Brief wethouder.pdf",
        PROSE_LETTER.replace("Peer Learning", "Urban")
        .replace("(RRR)", "")
        .replace("Respond, Rebuild, Reinvent", "Groene Stad"),
    )
    result = classify([doc("Application form.pdf", FORM_TEXT), letter], call)
    assert result.documents["letter_of_intent"] is None


def test_a_letter_that_mentions_a_contact_person_is_not_a_form(call: CallSettings) -> None:
    """Phrases of the form ("contact person", "population") in prose do not make it a form."""
    letter = doc(
        "Schreiben.pdf",
        "Stadt Graz\nBetreff: Teilnahme am Programm Peer Learning Cities (RRR)\n"
        "Sehr geehrte Damen und Herren,\nhiermit bestatige ich, dass die Stadt Graz mit ihrer "
        "Einwohnerzahl von 291.000 am Peer-Learning-Programm teilnehmen mochte.\n"
        "Ansprechperson ist Mag. Stefan Pichler, Referent fur Sozialwirtschaft, der Stadt Graz.\n"
        "Mit freundlichen Grussen\n",
    )
    assert judge(letter, call).scores["application_form"] == 0


@pytest.mark.parametrize(
    ("candidate", "fragment"),
    [
        (doc("letter_of_intent.exe", ctype="application/octet-stream"), "not accepted"),
        (doc("letter_of_intent.pdf", size=10), "empty"),
        (doc("letter_of_intent.pdf", error="PDF header missing"), "could not be opened"),
    ],
)
def test_unusable_files_do_not_count(
    call: CallSettings, candidate: Document, fragment: str
) -> None:
    result = classify([doc("application_form.pdf", FORM_TEXT), candidate], call)
    assert result.missing == ("letter_of_intent",)
    assert any(fragment in r for r in result.reasons)


def test_duplicate_attachment_counts_once(call: CallSettings) -> None:
    form = doc("application_form.pdf", FORM_TEXT)
    result = classify([form, form], call)
    assert result.missing == ("letter_of_intent",)
    assert result.review == ()


def test_old_word_file_counts_by_name_and_is_flagged(call: CallSettings) -> None:
    form = doc("Application Form Lisboa.doc", ctype="application/msword")
    result = classify([form, doc("LOI.pdf", LETTER_TEXT)], call)
    assert result.missing == ()
    assert "unread_document" in result.review


def test_a_language_without_cues_is_read_by_layout(call: CallSettings) -> None:
    form = (
        "RRR Eş Öğrenme Şehirleri\n1. Şehrin adı: Bursa\n2. Nüfus: 3.101.833\n"
        "3. İrtibat kişisi: Ayşe Yılmaz\n4. Görevi: Sosyal Ekonomi Müdürü\n"
        "5. Sosyal ekonomi ekosistemi: kooperatifler ve vakıflar\n"
    )
    letter = (
        "Bursa Büyükşehir Belediyesi\n"
        "Sayın Seçim Komitesi üyeleri, Bursa Büyükşehir Belediyesi olarak RRR programına "
        "katılmaya istekli olduğumuzu bildirmekten memnuniyet duyarız.\n"
        "Belediyemiz öğrenme oturumlarına bir ekip atayacak ve birlikte keşfedeceğimiz "
        "çözümlerin denenmesini destekleyecektir.\nSaygılarımızla,\nBelediye Başkanı\n"
    )
    result = classify([doc("belge2.pdf", letter), doc("belge1.pdf", form)], call)
    assert {k: v.filename if v else None for k, v in result.documents.items()} == {
        "application_form": "belge1.pdf",
        "letter_of_intent": "belge2.pdf",
    }
    assert "judged_by_layout" in result.review


def test_a_form_that_never_names_the_call_is_another_programmes(call: CallSettings) -> None:
    other = (
        "Green Districts Exchange 2021 - Application form\nName of the city: Brunnhausen\n"
        "Population: 250,000\nContact person: Jana Weber\nDescribe your green district plan.\n"
    )
    judgement = judge(doc("Bewerbung.pdf", other), call)
    assert judgement.problem is not None
    assert "does not name this call" in judgement.problem


def test_a_form_with_answers_below_its_questions_is_filled_in(call: CallSettings) -> None:
    form = (
        "APPLICATION FORM\nRRR - Respond, Rebuild, Reinvent\n"
        "1.1 Name of the local or metropolitan authority:\nAarhus Kommune\n"
        "1.2 Country:\nDanmark\n1.3 Population (latest official figure):\n349.983\n"
        "1.4 Contact person:\nMette Kjærgaard\n"
    )
    assert judge(doc("RRR application form.docx", form), call).problem is None


def test_a_letter_template_with_bracketed_placeholders_does_not_count(call: CallSettings) -> None:
    template = (
        "Letter of Intent\n[Name of the city]\n[Date]\nDear members of the Selection Committee,\n"
        "On behalf of [Name of the local authority], I hereby express our interest.\n"
        "Yours sincerely,\n[Name and title of the mayor]\n"
    )
    judgement = judge(doc("RRR_Letter_of_Intent_template.docx", template), call)
    assert judgement.problem is not None
    assert "blank form template" in judgement.problem


def test_a_signed_p7m_envelope_counts_by_its_name(call: CallSettings) -> None:
    signed = doc("Manifestazione_interesse_Sindaco.pdf.p7m", ctype="application/pkcs7-mime")
    result = classify([doc("Modulo di candidatura.pdf", FORM_TEXT), signed], call)
    assert result.documents["letter_of_intent"] is signed


def test_a_partners_letter_of_support_is_not_the_citys_letter(call: CallSettings) -> None:
    support = (
        "University of Coventry\nCentre for Social Innovation\n18 May 2021\n"
        "To whom it may concern,\n"
        "The Centre is pleased to support the application of Coventry City Council to the RRR "
        "Peer Learning Cities programme.\nYours sincerely,\nProf. Miriam Okafor\n"
    )
    result = classify(
        [
            doc("Application form.pdf", FORM_TEXT),
            doc("Letter of support - University.pdf", support),
        ],
        call,
    )
    assert result.missing == ("letter_of_intent",)
    assert any("letter of support" in r for r in result.reasons)


def test_a_picture_named_as_the_letter_is_taken_for_the_applicant_to_check(
    call: CallSettings,
) -> None:
    photo = replace(
        doc("Carta_de_intencion_firmada.jpg", ctype="image/jpeg", size=SCAN_BYTES),
        reading=Reading.NO_TEXT,
    )
    result = classify([doc("Application form.pdf", FORM_TEXT), photo], call)
    assert result.documents["letter_of_intent"] is photo
    assert result.uncertain == ("letter_of_intent",)
    assert "no_text_recognised" in result.review


def test_an_empty_word_file_is_empty_whatever_its_name(call: CallSettings) -> None:
    empty = replace(
        doc("Letter of intent.docx", ctype="application/msword", size=SCAN_BYTES),
        reading=Reading.NO_TEXT,
    )
    result = classify([doc("Application form.pdf", FORM_TEXT), empty], call)
    assert result.documents["letter_of_intent"] is None
    assert result.notes[empty.sha256].code == "empty"
