"""Write tests/data/holdout5: a blind corpus of application mails with a careful human's judgement.

    python tests/data/build_holdout5.py           # (re)write tests/data/holdout5
    python tests/data/build_holdout5.py --check   # exit 1 if the committed files differ

Written without reading the product's code. Needs reportlab, Pillow, python-docx and Debian's
fonts-dejavu-core. Every byte is fixed (dates, seeds, boundaries, ZIP times): two runs agree.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import h5_docs as D
import h5_texts as T
from h5_mail import DEADLINE, OURS, finish, message

OUT = Path(__file__).resolve().parent / "holdout5"
UTC = UTC


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """An arrival instant in May 2021, UTC."""
    return datetime(2021, 5, day, hour, minute, second, tzinfo=UTC)


# ---------------------------------------------------------------- cities and documents


class City:
    """An applicant: who they are, in which language they write."""

    def __init__(
        self, name: str, country: str, pop: str, contact: str, mayor: str, lang: str, email: str
    ) -> None:
        self.name, self.country, self.pop = name, country, pop
        self.contact, self.mayor, self.lang, self.email = contact, mayor, lang, email

    def fmt(self, text: str) -> str:
        return text.format(
            city=self.name,
            country=self.country,
            pop=self.pop,
            contact=self.contact,
            mayor=self.mayor,
        )

    # the application form, in every shape it arrives in
    def form_rows(self, lang: str | None = None, blank: bool = False) -> list[tuple[str, str]]:
        _, _, rows = T.FORMS[lang or self.lang]
        return [(q, "" if blank else self.fmt(a)) for q, a in rows]

    def form_pdf(self, lang: str | None = None) -> bytes:
        title, intro, _ = T.FORMS[lang or self.lang]
        paras = [intro] + [f"{q}\n{a}" for q, a in self.form_rows(lang)]
        return D.text_pdf(title, paras, author=self.contact)

    def form_docx(self, lang: str | None = None, blank: bool = False) -> bytes:
        title, intro, _ = T.FORMS[lang or self.lang]
        return D.docx_table_form(title, [intro], self.form_rows(lang, blank))

    def form_fillable(
        self, lang: str | None = None, filled: bool = True, partial: bool = False
    ) -> bytes:
        title, intro, _ = T.FORMS[lang or self.lang]
        fields: list[D.Field] = []
        for n, (q, a) in enumerate(self.form_rows(lang)):
            value = a if filled and not (partial and n == 5) else ""
            fields.append((q, "area" if n >= 3 else "text", value))
        fields.append(("The authority has 200,000 inhabitants or more", "check", filled))
        fields.append(("We agree to the processing of our data for the selection", "check", filled))
        return D.fillable_pdf(title, [intro], fields, footer="RRR - Respond, Rebuild, Reinvent")

    def form_scan_page(self, lang: str | None = None) -> D.Image.Image:
        title, _, _ = T.FORMS[lang or self.lang]
        return D.table_page(title, self.form_rows(lang))

    # the letter of intent
    def letter_parts(self, lang: str | None = None) -> tuple[str, list[str], str]:
        title, paras, sig = T.LETTERS[lang or self.lang]
        return title, [self.fmt(p) for p in paras], self.fmt(sig)

    def letter_pdf(self, lang: str | None = None) -> bytes:
        title, paras, sig = self.letter_parts(lang)
        return D.text_pdf(title, [*paras, "", sig], author=self.mayor)

    def letter_docx(self, lang: str | None = None) -> bytes:
        title, paras, sig = self.letter_parts(lang)
        return D.docx_text(title, [*paras, sig])

    def letter_page(self, lang: str | None = None, serif: bool = False) -> D.Image.Image:
        title, paras, sig = self.letter_parts(lang)
        return D.page_image(
            title.upper(), paras, signature=sig, stamp=self.name.upper()[:12], serif=serif
        )

    def letter_scan(
        self, lang: str | None = None, angle: float = 1.2, grey: int = 238, noise: float = 0.004
    ) -> bytes:
        page = D.scanned(
            self.letter_page(lang), angle=angle, grey=grey, noise=noise, seed=len(self.name)
        )
        return D.image_pdf([page])

    def letter_fillable(self, filled: bool = True) -> bytes:
        fields: list[D.Field] = [
            (
                "Name of the local or metropolitan authority",
                "text",
                f"City of {self.name}" if filled else "",
            ),
            (
                "Name and position of the legal representative",
                "text",
                f"{self.mayor}, Mayor" if filled else "",
            ),
            (
                "The authority named above declares its intention to participate in the RRR Peer Learning Cities programme and to dedicate staff to it",
                "check",
                filled,
            ),
            ("Place and date", "text", f"{self.name}, 18 May 2021" if filled else ""),
            ("Signature of the legal representative", "text", self.mayor if filled else ""),
        ]
        return D.fillable_pdf(
            "RRR Peer Learning Cities - Letter of Intent",
            [
                "Letter of intent to be completed and signed by the legal representative of the applying authority."
            ],
            fields,
        )

    # things that are not either document
    def budget_pdf(self, english: bool = True) -> bytes:
        rows = T.BUDGET_EN if english else T.BUDGET_ES
        title = (
            "Estimated budget for participation"
            if english
            else "Presupuesto estimado de participación"
        )
        return D.text_pdf(title, [f"{a}: {b}" for a, b in rows[1:]], author=self.contact)

    def budget_xlsx(self) -> bytes:
        return D.xlsx(
            "Budget",
            [["Item", "Amount (EUR)"]]
            + [[a, float(b.replace(",", ""))] for a, b in T.BUDGET_EN[1:]],
        )

    def cv_pdf(self) -> bytes:
        return D.text_pdf(f"CV - {self.contact}", [self.fmt(p) for p in T.CV])

    def cv_docx(self) -> bytes:
        return D.docx_text(f"{self.contact}", [self.fmt(p) for p in T.CV])

    def press_docx(self) -> bytes:
        return D.docx_text("", [self.fmt(p) for p in T.PRESS])

    def press_pdf(self) -> bytes:
        return D.text_pdf(self.fmt(T.PRESS[1]), [self.fmt(p) for p in T.PRESS])

    def presentation(self) -> bytes:
        return D.pptx(
            [
                (
                    f"{self.name}: a city of social economy",
                    [
                        f"{self.pop} inhabitants",
                        "900 social enterprises",
                        "Municipal SSE strategy 2019",
                    ],
                ),
                ("Our challenges after COVID-19", ["Care cooperatives lost income", "Digital gap"]),
                ("Why RRR?", ["Learn from peers", "Rebuild with SSE actors"]),
            ]
        )

    def cover_pdf(self) -> bytes:
        return D.text_pdf("Application to the RRR call", [self.fmt(p) for p in T.COVER])

    def resolution_pdf(self, spanish: bool = False) -> bytes:
        paras = T.RESOLUTION_ES if spanish else T.RESOLUTION_EN
        return D.text_pdf(self.fmt(paras[0]), [self.fmt(p) for p in paras[1:]])

    def resolution_scan(self, spanish: bool = True) -> bytes:
        paras = T.RESOLUTION_ES if spanish else T.RESOLUTION_EN
        page = D.page_image(
            self.fmt(paras[0]),
            [self.fmt(p) for p in paras[1:]],
            signature="La Secretaria General",
            stamp="SECRETARÍA",
        )
        return D.image_pdf([D.scanned(page, angle=-0.8, grey=232, noise=0.003, seed=11)])

    def budget_scan(self) -> bytes:
        page = D.table_page("Presupuesto estimado / Estimated budget", T.BUDGET_ES)
        return D.image_pdf([D.scanned(page, angle=0.6, grey=240, noise=0.002, seed=12)])


def guidelines_pdf() -> bytes:
    return D.text_pdf("RRR Call for Peer Learning Cities", T.GUIDELINES, pages=1)


def brochure_pdf(city: City) -> bytes:
    return D.text_pdf(city.fmt(T.BROCHURE[0]), [city.fmt(p) for p in T.BROCHURE[1:]])


def blank_letter_docx() -> bytes:
    return D.docx_text(
        "Letter of Intent (template)",
        [
            "To the RRR consortium, UpSocial, Barcelona",
            "On behalf of [name of the local authority], I, [name of the legal representative], [position], hereby confirm our intention to take part in the RRR Peer Learning Cities programme.",
            "Place and date: ____________________",
            "Signature: ____________________",
        ],
    )


def zipped(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(zipfile.ZipInfo(name, D.ZIP_TIME), data)
    return buf.getvalue()


C = {
    "leeds": City(
        "Leeds",
        "United Kingdom",
        "793,000",
        "Hannah Brooks",
        "Judith Blake",
        "en",
        "h.brooks@leeds.gov.example",
    ),
    "zaragoza": City(
        "Zaragoza",
        "España",
        "675.000",
        "Lucía Gimeno",
        "Jorge Azcón",
        "es",
        "economiasocial@zaragoza.example",
    ),
    "porto": City(
        "Porto",
        "Portugal",
        "232.000",
        "Ana Ribeiro",
        "Rui Moreira",
        "pt",
        "economia.social@cm-porto.example",
    ),
    "lyon": City(
        "Lyon",
        "France",
        "516.000",
        "Camille Durand",
        "Grégory Doucet",
        "fr",
        "ess@mairie-lyon.example",
    ),
    "leipzig": City(
        "Leipzig",
        "Deutschland",
        "597.000",
        "Katrin Vogel",
        "Burkhard Jung",
        "de",
        "k.vogel@leipzig.example",
    ),
    "bologna": City(
        "Bologna",
        "Italia",
        "390.000",
        "Giulia Ferri",
        "Virginio Merola",
        "it",
        "economiasociale@comune.bologna.example",
    ),
    "gdansk": City(
        "Gdańsk",
        "Polska",
        "470.000",
        "Agnieszka Nowak",
        "Aleksandra Dulkiewicz",
        "pl",
        "a.nowak@gdansk.example",
    ),
    "utrecht": City(
        "Utrecht",
        "Nederland",
        "361.000",
        "Sanne de Vries",
        "Sharon Dijksma",
        "nl",
        "s.devries@utrecht.example",
    ),
    "barcelona": City(
        "Barcelona", "Espanya", "1.620.000", "Laia Puig", "Ada Colau", "ca", "ess@bcn.example"
    ),
    "cluj": City(
        "Cluj-Napoca",
        "România",
        "324.000",
        "Ioana Pop",
        "Emil Boc",
        "ro",
        "dezvoltare@primariaclujnapoca.example",
    ),
    "thessaloniki": City(
        "Θεσσαλονίκη",
        "Ελλάδα",
        "325.000",
        "Μαρία Παπαδοπούλου",
        "Κωνσταντίνος Ζέρβας",
        "el",
        "economy@thessaloniki.example",
    ),
    "recife": City(
        "Recife", "Brasil", "1.650.000", "Carla Souza", "João Campos", "pt", "ecosol@recife.example"
    ),
    "guadalajara": City(
        "Guadalajara",
        "México",
        "1.385.000",
        "Mariana López",
        "Ismael del Toro",
        "es",
        "economia@guadalajara.example",
    ),
    "columbus": City(
        "Columbus",
        "United States",
        "905,000",
        "Michael Turner",
        "Andrew Ginther",
        "en",
        "mturner@columbus.example",
    ),
    "toronto": City(
        "Toronto",
        "Canada",
        "2,930,000",
        "Priya Raman",
        "John Tory",
        "en",
        "priya.raman@toronto.example",
    ),
    "valencia": City(
        "València",
        "España",
        "800.000",
        "Pau Ferrer",
        "Joan Ribó",
        "es",
        "innovacio@valencia.example",
    ),
    "marseille": City(
        "Marseille",
        "France",
        "870.000",
        "Nadia Benali",
        "Benoît Payan",
        "fr",
        "n.benali@marseille.example",
    ),
    "torino": City(
        "Torino",
        "Italia",
        "850.000",
        "Paolo Greco",
        "Chiara Appendino",
        "it",
        "innovazione@comune.torino.example",
    ),
    "bristol": City(
        "Bristol",
        "United Kingdom",
        "463,000",
        "Tom Hughes",
        "Marvin Rees",
        "en",
        "tom.hughes@bristol.example",
    ),
    "sevilla": City(
        "Sevilla",
        "España",
        "690.000",
        "Rocío Martín",
        "Juan Espadas",
        "es",
        "economiasocial@sevilla.example",
    ),
    "wroclaw": City(
        "Wrocław",
        "Polska",
        "640.000",
        "Piotr Zieliński",
        "Jacek Sutryk",
        "pl",
        "p.zielinski@wroclaw.example",
    ),
    "rotterdam": City(
        "Rotterdam",
        "Nederland",
        "651.000",
        "Daan Bakker",
        "Ahmed Aboutaleb",
        "nl",
        "d.bakker@rotterdam.example",
    ),
    "lisboa": City(
        "Lisboa",
        "Portugal",
        "545.000",
        "Inês Carvalho",
        "Fernando Medina",
        "pt",
        "ines.carvalho@cm-lisboa.example",
    ),
    "dortmund": City(
        "Dortmund",
        "Deutschland",
        "588.000",
        "Jan Schulte",
        "Thomas Westphal",
        "de",
        "j.schulte@dortmund.example",
    ),
    "bilbao": City(
        "Bilbao",
        "España",
        "346.000",
        "Itziar Etxeberria",
        "Juan Mari Aburto",
        "es",
        "ekonomia@bilbao.example",
    ),
    "montreal": City(
        "Montréal",
        "Canada",
        "1.780.000",
        "Julie Tremblay",
        "Valérie Plante",
        "fr",
        "julie.tremblay@montreal.example",
    ),
    "nantes": City(
        "Nantes",
        "France",
        "314.000",
        "Élodie Martin",
        "Johanna Rolland",
        "fr",
        "e.martin@nantes.example",
    ),
    "milano": City(
        "Milano",
        "Italia",
        "1.390.000",
        "Luca Bianchi",
        "Giuseppe Sala",
        "it",
        "l.bianchi@comune.milano.example",
    ),
    "krakow": City(
        "Kraków",
        "Polska",
        "780.000",
        "Marta Kowalska",
        "Jacek Majchrowski",
        "pl",
        "m.kowalska@krakow.example",
    ),
    "iasi": City(
        "Iași",
        "România",
        "290.000",
        "Andrei Munteanu",
        "Mihai Chirica",
        "ro",
        "andrei.munteanu@primaria-iasi.example",
    ),
    "glasgow": City(
        "Glasgow",
        "United Kingdom",
        "635,000",
        "Fiona Campbell",
        "Susan Aitken",
        "en",
        "fiona.campbell@glasgow.example",
    ),
    "malaga": City(
        "Málaga",
        "España",
        "578.000",
        "Elena Ruiz",
        "Francisco de la Torre",
        "es",
        "eruiz@malaga.example",
    ),
    "curitiba": City(
        "Curitiba",
        "Brasil",
        "1.950.000",
        "Rafael Lima",
        "Rafael Greca",
        "pt",
        "rafael.lima@curitiba.example",
    ),
    "chicago": City(
        "Chicago",
        "United States",
        "2,700,000",
        "Denise Carter",
        "Lori Lightfoot",
        "en",
        "denise.carter@chicago.example",
    ),
    "antwerpen": City(
        "Antwerpen",
        "België",
        "530.000",
        "Lotte Peeters",
        "Bart De Wever",
        "nl",
        "lotte.peeters@antwerpen.example",
    ),
    "lille": City(
        "Lille",
        "France",
        "233.000",
        "Hugo Lefebvre",
        "Martine Aubry",
        "fr",
        "h.lefebvre@mairie-lille.example",
    ),
    "palermo": City(
        "Palermo",
        "Italia",
        "650.000",
        "Salvatore Russo",
        "Leoluca Orlando",
        "it",
        "s.russo@comune.palermo.example",
    ),
    "murcia": City(
        "Murcia",
        "España",
        "460.000",
        "Antonio Sánchez",
        "José Ballesta",
        "es",
        "asanchez@murcia.example",
    ),
}


def sender(city: City) -> str:
    return f"{city.contact} <{city.email}>"


# ---------------------------------------------------------------- expectations


def accepted(form: str, letter: str, why: str, review: bool = False) -> dict[str, object]:
    return {
        "decision": "accepted",
        "documents": {"application_form": form, "letter_of_intent": letter},
        "missing": [],
        "review": review,
        "why": why,
    }


def incomplete(
    form: str | None, letter: str | None, why: str, review: bool = False
) -> dict[str, object]:
    missing = [
        k for k, v in (("application_form", form), ("letter_of_intent", letter)) if v is None
    ]
    return {
        "decision": "incomplete",
        "documents": {"application_form": form, "letter_of_intent": letter},
        "missing": missing,
        "review": review,
        "why": why,
    }


def late(form: str | None, letter: str | None, why: str) -> dict[str, object]:
    missing = [
        k for k, v in (("application_form", form), ("letter_of_intent", letter)) if v is None
    ]
    return {
        "decision": "late",
        "documents": {"application_form": form, "letter_of_intent": letter},
        "missing": missing,
        "review": False,
        "why": why,
    }


def ignored(why: str) -> dict[str, object]:
    return {"decision": "ignored", "documents": None, "missing": None, "review": False, "why": why}


CASES: list[tuple[str, Callable[[], bytes], dict[str, object]]] = []


def case(
    name: str, expected: dict[str, object]
) -> Callable[[Callable[[], EmailMessage | bytes]], None]:
    """Register a case: the function builds the message, `expected` is the human's judgement."""

    def register(build: Callable[[], EmailMessage | bytes]) -> None:
        def raw() -> bytes:
            made = build()
            return made if isinstance(made, bytes) else finish(made, name)

        CASES.append((name, raw, expected))

    return register


BODY = {
    "en": "Dear RRR team,\n\nPlease find attached the application of the City of {city} to the call for Peer Learning Cities: the application form and the letter of intent.\n\nBest regards,\n{contact}",
    "es": "Estimado equipo de RRR:\n\nAdjuntamos la solicitud del Ayuntamiento de {city} a la convocatoria de Ciudades de Aprendizaje entre Pares: el formulario de solicitud y la carta de intención.\n\nUn saludo,\n{contact}",
    "pt": "Caros colegas,\n\nEm anexo enviamos a candidatura do Município de {city}: o formulário de candidatura e a carta de intenção.\n\nCom os melhores cumprimentos,\n{contact}",
    "fr": "Bonjour,\n\nVeuillez trouver ci-joint la candidature de la Ville de {city} : le formulaire de candidature et la lettre d'intention.\n\nBien cordialement,\n{contact}",
    "de": "Sehr geehrte Damen und Herren,\n\nanbei übersenden wir die Bewerbung der Stadt {city}: das Bewerbungsformular und die Absichtserklärung.\n\nMit freundlichen Grüßen\n{contact}",
    "it": "Gentili,\n\nin allegato la candidatura del Comune di {city}: il modulo di candidatura e la lettera di intenti.\n\nCordiali saluti,\n{contact}",
    "pl": "Szanowni Państwo,\n\nw załączeniu przesyłamy zgłoszenie Miasta {city}: formularz zgłoszeniowy oraz list intencyjny.\n\nZ poważaniem,\n{contact}",
    "nl": "Beste RRR-team,\n\nIn de bijlage vindt u de aanmelding van de gemeente {city}: het aanmeldingsformulier en de intentieverklaring.\n\nMet vriendelijke groet,\n{contact}",
    "ca": "Benvolgut equip de RRR,\n\nUs adjuntem la sol·licitud de l'Ajuntament de {city}: el formulari de sol·licitud i la carta d'intencions.\n\nSalutacions cordials,\n{contact}",
    "ro": "Stimată echipă RRR,\n\nVă transmitem atașat aplicația Municipiului {city}: formularul de aplicare și scrisoarea de intenție.\n\nCu stimă,\n{contact}",
    "el": "Αγαπητή ομάδα RRR,\n\nΣας αποστέλλουμε συνημμένα την αίτηση του Δήμου {city}: το έντυπο αίτησης και την επιστολή πρόθεσης.\n\nΜε εκτίμηση,\n{contact}",
}
SUBJECT = {
    "en": "RRR Peer Learning Cities - application {city}",
    "es": "Solicitud RRR - Ayuntamiento de {city}",
    "pt": "Candidatura RRR - {city}",
    "fr": "Candidature RRR - Ville de {city}",
    "de": "Bewerbung RRR Peer Learning Cities - Stadt {city}",
    "it": "Candidatura RRR - Comune di {city}",
    "pl": "Zgłoszenie RRR - Miasto {city}",
    "nl": "Aanmelding RRR - gemeente {city}",
    "ca": "Sol·licitud RRR - Ajuntament de {city}",
    "ro": "Aplicație RRR - Municipiul {city}",
    "el": "Αίτηση RRR - Δήμος {city}",
}


def app(
    city: City,
    slug: str,
    files: list,
    *,
    arrived: datetime | None = None,
    body: str | None = None,
    subject: str | None = None,
    **kw: object,
) -> EmailMessage:
    """An ordinary application message from a city, in its language."""
    return message(
        sender=kw.pop("sender", sender(city)),  # type: ignore[arg-type]
        subject=subject or city.fmt(SUBJECT[city.lang]),
        body=body if body is not None else city.fmt(BODY[city.lang]),
        arrived=arrived or at(19, 9, 14),
        attachments=files,
        slug=slug,
        lang=kw.pop("lang", city.lang),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


# ================================================================ ordinary applications

c = C["leeds"]
case(
    "en_leeds_outlook_complete",
    accepted(
        "Application_Form_Leeds.pdf",
        "Letter_of_Intent_Leeds.pdf",
        "Plain complete application, text PDFs, Outlook with an HTML body.",
    ),
)(
    lambda c=c: app(
        c,
        "leeds1",
        [
            ("Application_Form_Leeds.pdf", c.form_pdf()),
            ("Letter_of_Intent_Leeds.pdf", c.letter_pdf()),
        ],
        html=True,
    )
)

c = C["zaragoza"]
case(
    "es_zaragoza_docx_table_form",
    accepted(
        "Formulario_solicitud_Zaragoza.docx",
        "Carta_intencion_Zaragoza.pdf",
        "Word form as a filled two-column table, letter as PDF.",
    ),
)(
    lambda c=c: app(
        c,
        "zgz1",
        [
            ("Formulario_solicitud_Zaragoza.docx", c.form_docx()),
            ("Carta_intencion_Zaragoza.pdf", c.letter_pdf()),
        ],
    )
)

c = C["porto"]
case(
    "pt_porto_thunderbird",
    accepted(
        "formulario_candidatura.pdf",
        "carta_de_intencao.pdf",
        "Portuguese application from Thunderbird.",
    ),
)(
    lambda c=c: app(
        c,
        "porto1",
        [("formulario_candidatura.pdf", c.form_pdf()), ("carta_de_intencao.pdf", c.letter_pdf())],
        client="thunderbird",
    )
)

c = C["lyon"]
case(
    "fr_lyon_apple_fillable_filled",
    accepted(
        "Formulaire_candidature_RRR.pdf",
        "Lettre_intention_Lyon.pdf",
        "The form is the call's fillable PDF with its answers in the form fields (filled).",
    ),
)(
    lambda c=c: app(
        c,
        "lyon1",
        [
            ("Formulaire_candidature_RRR.pdf", c.form_fillable()),
            ("Lettre_intention_Lyon.pdf", c.letter_pdf()),
        ],
        client="apple",
    )
)

c = C["leipzig"]
case(
    "de_leipzig_docx_form_pdf_letter",
    accepted(
        "Bewerbungsformular_Leipzig.docx",
        "Absichtserklärung_OB.pdf",
        "German, umlaut in a file name (RFC 2231).",
    ),
)(
    lambda c=c: app(
        c,
        "lpz1",
        [
            ("Bewerbungsformular_Leipzig.docx", c.form_docx()),
            ("Absichtserklärung_OB.pdf", c.letter_pdf()),
        ],
    )
)

c = C["bologna"]
case(
    "it_bologna_gmail",
    accepted(
        "Modulo di candidatura - Bologna.pdf",
        "Lettera di intenti firmata.pdf",
        "Italian, Gmail, spaces in names.",
    ),
)(
    lambda c=c: app(
        c,
        "bo1",
        [
            ("Modulo di candidatura - Bologna.pdf", c.form_pdf()),
            ("Lettera di intenti firmata.pdf", c.letter_pdf()),
        ],
        client="gmail",
    )
)

c = C["gdansk"]
case(
    "pl_gdansk_docx_form",
    accepted(
        "Formularz_zgłoszeniowy_Gdańsk.docx",
        "List_intencyjny_Gdańsk.pdf",
        "Polish names with diacritics, table DOCX form.",
    ),
)(
    lambda c=c: app(
        c,
        "gda1",
        [
            ("Formularz_zgłoszeniowy_Gdańsk.docx", c.form_docx()),
            ("List_intencyjny_Gdańsk.pdf", c.letter_pdf()),
        ],
    )
)

c = C["utrecht"]
case(
    "nl_utrecht_complete",
    accepted(
        "Aanmeldingsformulier RRR Utrecht.pdf",
        "Intentieverklaring burgemeester.pdf",
        "Dutch application.",
    ),
)(
    lambda c=c: app(
        c,
        "utr1",
        [
            ("Aanmeldingsformulier RRR Utrecht.pdf", c.form_pdf()),
            ("Intentieverklaring burgemeester.pdf", c.letter_pdf()),
        ],
        client="apple",
    )
)

c = C["barcelona"]
case(
    "ca_barcelona_docx_both",
    accepted(
        "Formulari_sol·licitud_BCN.docx",
        "Carta_d'intencions_BCN.docx",
        "Catalan, both documents as Word files, middle dot in a name.",
    ),
)(
    lambda c=c: app(
        c,
        "bcn1",
        [
            ("Formulari_sol·licitud_BCN.docx", c.form_docx()),
            ("Carta_d'intencions_BCN.docx", c.letter_docx()),
        ],
        client="thunderbird",
    )
)

c = C["cluj"]
case(
    "ro_cluj_complete",
    accepted(
        "Formular_aplicare_Cluj.pdf", "Scrisoare_de_intentie_Cluj.pdf", "Romanian application."
    ),
)(
    lambda c=c: app(
        c,
        "cluj1",
        [
            ("Formular_aplicare_Cluj.pdf", c.form_pdf()),
            ("Scrisoare_de_intentie_Cluj.pdf", c.letter_pdf()),
        ],
    )
)

c = C["thessaloniki"]
case(
    "el_thessaloniki_greek_names",
    accepted("Αίτηση_RRR.pdf", "Επιστολή_πρόθεσης.pdf", "Greek text and Greek file names."),
)(
    lambda c=c: app(
        c,
        "thess1",
        [("Αίτηση_RRR.pdf", c.form_pdf()), ("Επιστολή_πρόθεσης.pdf", c.letter_pdf())],
        client="gmail",
    )
)

c = C["recife"]
case(
    "br_recife_iphone",
    accepted(
        "Formulario RRR Recife.pdf",
        "Carta de intencao Recife.pdf",
        "Brazilian application sent from an iPhone, very short body.",
    ),
)(
    lambda c=c: app(
        c,
        "rec1",
        [
            ("Formulario RRR Recife.pdf", c.form_pdf()),
            ("Carta de intencao Recife.pdf", c.letter_pdf()),
        ],
        client="iphone",
        tz_hours=-3,
        body="Segue a candidatura de Recife.\n\nEnviado do meu iPhone",
    )
)

c = C["guadalajara"]
case(
    "mx_guadalajara_complete",
    accepted(
        "Solicitud_Guadalajara.docx",
        "Carta_Intencion_Guadalajara.pdf",
        "Mexican application, UTC-5 Date.",
    ),
)(
    lambda c=c: app(
        c,
        "gdl1",
        [
            ("Solicitud_Guadalajara.docx", c.form_docx()),
            ("Carta_Intencion_Guadalajara.pdf", c.letter_pdf()),
        ],
        client="gmail",
        tz_hours=-5,
    )
)

c = C["columbus"]
case(
    "us_columbus_late_one_hour",
    late(
        "Columbus_RRR_Application.pdf",
        "Columbus_Letter_of_Intent.pdf",
        "Complete, but reached our server at 22:02Z, an hour after the deadline.",
    ),
)(
    lambda c=c: app(
        c,
        "col1",
        [
            ("Columbus_RRR_Application.pdf", c.form_pdf()),
            ("Columbus_Letter_of_Intent.pdf", c.letter_pdf()),
        ],
        arrived=at(21, 22, 2),
        tz_hours=-4,
    )
)

c = C["valencia"]
case(
    "es_valencia_late_thirty_seconds",
    late(
        "Formulario_Valencia.pdf",
        "Carta_Valencia.pdf",
        "Reached our server at 23:00:30 Madrid time, thirty seconds late.",
    ),
)(
    lambda c=c: app(
        c,
        "vlc1",
        [("Formulario_Valencia.pdf", c.form_pdf()), ("Carta_Valencia.pdf", c.letter_pdf())],
        arrived=DEADLINE + timedelta(seconds=30),
        sent_before=timedelta(minutes=2),
    )
)

c = C["marseille"]
case(
    "fr_marseille_exact_deadline",
    accepted(
        "Formulaire_Marseille.pdf",
        "Lettre_intention_Marseille.pdf",
        "Arrived exactly at 23:00:00 Madrid time: on time.",
    ),
)(
    lambda c=c: app(
        c,
        "mrs1",
        [
            ("Formulaire_Marseille.pdf", c.form_pdf()),
            ("Lettre_intention_Marseille.pdf", c.letter_pdf()),
        ],
        arrived=DEADLINE,
    )
)

c = C["torino"]
case(
    "it_torino_sent_before_arrived_after",
    late(
        "Modulo_Torino.pdf",
        "Lettera_Torino.pdf",
        "Date header says 22:55 Madrid, but our server received it at 23:20: late.",
    ),
)(
    lambda c=c: app(
        c,
        "to1",
        [("Modulo_Torino.pdf", c.form_pdf()), ("Lettera_Torino.pdf", c.letter_pdf())],
        arrived=DEADLINE + timedelta(minutes=20),
        sent_before=timedelta(minutes=25),
    )
)

c = C["bristol"]
case(
    "en_bristol_split_1_form_only",
    incomplete(
        "Bristol_application_form.docx",
        None,
        "First of two messages: only the form; the letter will follow.",
    ),
)(
    lambda c=c: app(
        c,
        "bri1",
        [("Bristol_application_form.docx", c.form_docx("en"))],
        body="Hello,\n\nHere is our application form. The Mayor's letter of intent will follow tomorrow.\n\nTom",
    )
)
case(
    "en_bristol_split_2_letter_only",
    incomplete(
        None,
        "Bristol_LOI_signed.pdf",
        "Second message: only the letter. Judged alone, the form is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "bri2",
        [("Bristol_LOI_signed.pdf", c.letter_pdf("en"))],
        arrived=at(20, 11, 5),
        subject="RE: RRR Peer Learning Cities - application Bristol",
        body="Hello again,\n\nAs promised, the signed letter of intent.\n\nTom",
    )
)

c = C["sevilla"]
case(
    "es_sevilla_reply_to_receipt_letter_only",
    incomplete(
        None,
        "Carta_intencion_firmada.pdf",
        "A human reply to our earlier receipt, with only the letter.",
    ),
)(
    lambda c=c: app(
        c,
        "sev1",
        [("Carta_intencion_firmada.pdf", c.letter_pdf())],
        subject="RE: [RRR-7KQ2-M4XD] Su solicitud está incompleta",
        body="Buenos días,\n\nAdjunto la carta de intención que faltaba.\n\nUn saludo,\nRocío",
    )
)

c = C["toronto"]
case(
    "en_toronto_combined_pdf",
    accepted(
        "Toronto_RRR_submission.pdf",
        "Toronto_RRR_submission.pdf",
        "One PDF holding the form (page 1) and the letter (page 2).",
    ),
)(
    lambda c=c: app(
        c,
        "tor1",
        [
            (
                "Toronto_RRR_submission.pdf",
                D.multi_pdf(
                    [
                        (T.FORMS["en"][0], [f"{q}\n{a}" for q, a in c.form_rows()]),
                        (c.letter_parts()[0], c.letter_parts()[1] + [c.letter_parts()[2]]),
                    ]
                ),
            )
        ],
        tz_hours=-4,
    )
)

c = C["lisboa"]
case(
    "pt_lisboa_zip",
    accepted(
        "Formulario_candidatura_Lisboa.docx",
        "Carta_intencao_Lisboa.pdf",
        "Both documents inside a zip file.",
    ),
)(
    lambda c=c: app(
        c,
        "lis1",
        [
            (
                "Candidatura_Lisboa.zip",
                zipped(
                    [
                        ("Formulario_candidatura_Lisboa.docx", c.form_docx()),
                        ("Carta_intencao_Lisboa.pdf", c.letter_pdf()),
                    ]
                ),
            )
        ],
    )
)

c = C["rotterdam"]
case(
    "nl_rotterdam_generic_names",
    accepted("document1.pdf", "document2.pdf", "Generic names: the contents say which is which."),
)(lambda c=c: app(c, "rot1", [("document1.pdf", c.form_pdf()), ("document2.pdf", c.letter_pdf())]))

c = C["dortmund"]
case(
    "de_dortmund_swapped_names",
    accepted(
        "Absichtserklaerung.pdf",
        "Bewerbungsformular.pdf",
        "Names swapped by mistake: the file named letter holds the form and vice versa.",
    ),
)(
    lambda c=c: app(
        c,
        "dor1",
        [("Bewerbungsformular.pdf", c.letter_pdf()), ("Absichtserklaerung.pdf", c.form_pdf())],
    )
)


# ================================================================ fillable PDF forms

c = C["bilbao"]
case(
    "es_bilbao_fillable_form_empty",
    incomplete(
        None,
        "Carta_intencion_Bilbao.pdf",
        "The fillable form came back with every field empty: a blank template.",
    ),
)(
    lambda c=c: app(
        c,
        "bil1",
        [
            ("Formulario_RRR_Bilbao.pdf", c.form_fillable(filled=False)),
            ("Carta_intencion_Bilbao.pdf", c.letter_pdf()),
        ],
    )
)

c = C["montreal"]
case(
    "fr_montreal_fillable_both_filled",
    accepted(
        "RRR_formulaire_rempli.pdf",
        "RRR_lettre_intention_remplie.pdf",
        "Both the call's fillable PDFs, answers only in form fields, checkboxes ticked.",
    ),
)(
    lambda c=c: app(
        c,
        "mtl1",
        [
            ("RRR_formulaire_rempli.pdf", c.form_fillable("en")),
            ("RRR_lettre_intention_remplie.pdf", c.letter_fillable()),
        ],
        tz_hours=-4,
    )
)

c = C["nantes"]
case(
    "fr_nantes_fillable_both_empty",
    incomplete(None, None, "Sent the two downloaded fillable templates back unfilled."),
)(
    lambda c=c: app(
        c,
        "nan1",
        [
            ("RRR_Application_Form.pdf", c.form_fillable("en", filled=False)),
            ("RRR_Letter_of_Intent.pdf", c.letter_fillable(False)),
        ],
    )
)

c = C["milano"]
case(
    "it_milano_fillable_letter_empty",
    incomplete(
        "Modulo_Milano.pdf",
        None,
        "Form filled (text PDF); the letter of intent fillable PDF has empty fields.",
    ),
)(
    lambda c=c: app(
        c,
        "mil1",
        [("Modulo_Milano.pdf", c.form_pdf()), ("Letter_of_Intent.pdf", c.letter_fillable(False))],
    )
)

c = C["glasgow"]
case(
    "en_glasgow_fillable_letter_filled",
    accepted(
        "Glasgow_form.docx",
        "Letter_of_Intent_form.pdf",
        "Letter of intent as the call's fillable PDF, filled in.",
    ),
)(
    lambda c=c: app(
        c,
        "gla1",
        [("Glasgow_form.docx", c.form_docx()), ("Letter_of_Intent_form.pdf", c.letter_fillable())],
    )
)

c = C["chicago"]
case(
    "en_chicago_template_named_fillable_filled",
    accepted(
        "RRR_application_template.pdf",
        "Chicago LOI.pdf",
        "File still named 'template' but its fields are filled: it counts.",
    ),
)(
    lambda c=c: app(
        c,
        "chi1",
        [("RRR_application_template.pdf", c.form_fillable()), ("Chicago LOI.pdf", c.letter_pdf())],
        tz_hours=-5,
    )
)

c = C["lille"]
case(
    "fr_lille_fillable_partially_filled",
    accepted(
        "formulaire.pdf",
        "lettre.pdf",
        "Fillable form with one optional answer left empty: still a filled form.",
    ),
)(
    lambda c=c: app(
        c,
        "lil1",
        [("formulaire.pdf", c.form_fillable(partial=True)), ("lettre.pdf", c.letter_pdf())],
    )
)

c = C["curitiba"]
case(
    "br_curitiba_fillable_empty_plus_budget",
    incomplete(
        None,
        "Carta_Curitiba.pdf",
        "Empty fillable form and a budget: neither is a filled application form.",
    ),
)(
    lambda c=c: app(
        c,
        "cur1",
        [
            ("Formulario.pdf", c.form_fillable(filled=False)),
            ("Carta_Curitiba.pdf", c.letter_pdf()),
            ("Orcamento.pdf", c.budget_pdf()),
        ],
        tz_hours=-3,
    )
)


# ================================================================ DOCX table forms

c = C["malaga"]
case(
    "es_malaga_docx_table_blank",
    incomplete(None, "Carta_Malaga.pdf", "The Word form's answer cells are all empty."),
)(
    lambda c=c: app(
        c,
        "mal1",
        [
            ("Formulario_solicitud.docx", c.form_docx(blank=True)),
            ("Carta_Malaga.pdf", c.letter_pdf()),
        ],
    )
)

c = C["bristol"]
case(
    "en_bristol_template_filled_docx",
    accepted(
        "RRR_application_template_FILLED.docx",
        "Bristol_Letter.pdf",
        "Template-named Word form, filled.",
    ),
)(
    lambda c=c: app(
        c,
        "bri3",
        [
            ("RRR_application_template_FILLED.docx", c.form_docx()),
            ("Bristol_Letter.pdf", c.letter_pdf()),
        ],
        arrived=at(18, 15, 40),
    )
)

c = C["glasgow"]
case(
    "en_glasgow_template_blank_docx",
    incomplete(None, "Glasgow_LOI.pdf", "Sent the blank Word template instead of the filled form."),
)(
    lambda c=c: app(
        c,
        "gla2",
        [
            ("RRR_application_template.docx", c.form_docx(blank=True)),
            ("Glasgow_LOI.pdf", c.letter_pdf()),
        ],
        arrived=at(17, 10, 0),
    )
)

c = C["antwerpen"]
case(
    "nl_antwerpen_final_is_blank",
    incomplete(
        None,
        "Intentieverklaring_Antwerpen.pdf",
        "Named FINAL but the table's answer cells are empty (wrong file attached).",
    ),
)(
    lambda c=c: app(
        c,
        "ant1",
        [
            ("Aanmeldingsformulier_FINAL.docx", c.form_docx(blank=True)),
            ("Intentieverklaring_Antwerpen.pdf", c.letter_pdf()),
        ],
    )
)

c = C["palermo"]
case(
    "it_palermo_letter_template_blank",
    incomplete(
        "Modulo_Palermo.docx",
        None,
        "The letter of intent is the template with placeholders, not filled or signed.",
    ),
)(
    lambda c=c: app(
        c,
        "pal1",
        [
            ("Modulo_Palermo.docx", c.form_docx()),
            ("Letter_of_Intent_template.docx", blank_letter_docx()),
        ],
    )
)

c = C["wroclaw"]
case(
    "pl_wroclaw_docx_english_form",
    accepted(
        "RRR_form_Wroclaw.docx",
        "List_intencyjny.pdf",
        "Polish city, English table form, Polish letter.",
    ),
)(
    lambda c=c: app(
        c,
        "wro1",
        [("RRR_form_Wroclaw.docx", c.form_docx("en")), ("List_intencyjny.pdf", c.letter_pdf())],
    )
)


# ================================================================ scans and phone photos


def photo_letter(
    city: City, *, seed: int, tilt: float, orientation: int, lang: str | None = None
) -> bytes:
    return D.photo_of(city.letter_page(lang), seed=seed, tilt=tilt, orientation=orientation)


c = C["leeds"]
case(
    "en_leeds_scanned_letter",
    accepted(
        "Leeds_form.docx",
        "scan0001.pdf",
        "Signed letter of intent scanned to an image-only PDF (tilted 1.5 degrees).",
    ),
)(
    lambda c=c: app(
        c,
        "leeds2",
        [("Leeds_form.docx", c.form_docx()), ("scan0001.pdf", c.letter_scan(angle=1.5))],
        arrived=at(20, 16, 3),
        body="Hi,\n\nForm attached and the scanned signed letter.\n\nHannah",
    )
)

c = C["sevilla"]
case(
    "es_sevilla_scan_grey_noisy",
    accepted(
        "Formulario_Sevilla.pdf",
        "scan0001.pdf",
        "Spanish signed letter, grey, dusty scan tilted the other way.",
    ),
)(
    lambda c=c: app(
        c,
        "sev2",
        [
            ("Formulario_Sevilla.pdf", c.form_pdf()),
            ("scan0001.pdf", c.letter_scan(angle=-2.0, grey=215, noise=0.01)),
        ],
        arrived=at(21, 12, 47),
    )
)

c = C["lisboa"]
case(
    "pt_lisboa_scanned_form",
    accepted(
        "scan0002.pdf",
        "Carta_intencao.pdf",
        "The filled application form was printed and scanned; the letter is a text PDF.",
    ),
)(
    lambda c=c: app(
        c,
        "lis2",
        [
            (
                "scan0002.pdf",
                D.image_pdf(
                    [D.scanned(c.form_scan_page(), angle=0.9, grey=240, noise=0.003, seed=5)]
                ),
            ),
            ("Carta_intencao.pdf", c.letter_pdf()),
        ],
        arrived=at(20, 9, 30),
    )
)

c = C["murcia"]
case(
    "es_murcia_scan_both_in_one",
    accepted(
        "scan0003.pdf",
        "scan0003.pdf",
        "A two-page scan: the form on page 1, the signed letter on page 2.",
    ),
)(
    lambda c=c: app(
        c,
        "mur1",
        [
            (
                "scan0003.pdf",
                D.image_pdf(
                    [
                        D.scanned(c.form_scan_page(), angle=0.5, grey=242, noise=0.002, seed=6),
                        D.scanned(c.letter_page(), angle=-0.7, grey=242, noise=0.002, seed=7),
                    ]
                ),
            )
        ],
        client="scanner",
        body="Documento escaneado desde RICOH IM C3000.\n\nEnviado por: Antonio Sánchez",
    )
)

c = C["valencia"]
case(
    "es_valencia_scan_is_budget",
    incomplete(
        "Formulario_Valencia.docx",
        None,
        "The only other file is a scanned budget (scan0001.pdf): not the letter of intent.",
    ),
)(
    lambda c=c: app(
        c,
        "vlc2",
        [("Formulario_Valencia.docx", c.form_docx()), ("scan0001.pdf", c.budget_scan())],
        arrived=at(20, 13, 12),
    )
)

c = C["malaga"]
case(
    "es_malaga_scan_is_council_resolution",
    incomplete(
        "Formulario_Malaga.pdf",
        None,
        "The scan is a council resolution certificate, not the letter of intent.",
    ),
)(
    lambda c=c: app(
        c,
        "mal2",
        [("Formulario_Malaga.pdf", c.form_pdf()), ("scan0004.pdf", c.resolution_scan())],
        arrived=at(20, 18, 2),
    )
)

c = C["chicago"]
case(
    "en_chicago_photo_letter_exif_rotated",
    accepted(
        "Chicago_Application.docx",
        "IMG_2041.jpg",
        "Phone photo of the signed letter, stored sideways with EXIF orientation 6.",
    ),
)(
    lambda c=c: app(
        c,
        "chi2",
        [
            ("Chicago_Application.docx", c.form_docx()),
            ("IMG_2041.jpg", photo_letter(c, seed=41, tilt=3.0, orientation=6)),
        ],
        client="iphone",
        tz_hours=-5,
        arrived=at(20, 23, 10),
        body="Form and photo of the signed letter attached.\n\nSent from my iPhone",
    )
)

c = C["palermo"]
case(
    "it_palermo_photo_letter_upright",
    accepted(
        "Modulo_candidatura_Palermo.pdf",
        "IMG_2041.jpg",
        "Italian signed letter photographed upright on a desk.",
    ),
)(
    lambda c=c: app(
        c,
        "pal2",
        [
            ("Modulo_candidatura_Palermo.pdf", c.form_pdf()),
            ("IMG_2041.jpg", photo_letter(c, seed=7, tilt=-2.5, orientation=1)),
        ],
        client="android",
        arrived=at(21, 10, 5),
    )
)

c = C["sevilla"]
case(
    "es_sevilla_photo_of_town_hall",
    incomplete(
        "Formulario_Sevilla.pdf",
        None,
        "Form plus a photo of the town hall (no text): the letter is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "sev3",
        [("Formulario_Sevilla.pdf", c.form_pdf()), ("IMG_0007.jpg", D.picture("building", seed=3))],
        client="iphone",
        arrived=at(18, 8, 0),
        body="Os envío el formulario y una foto del Ayuntamiento.\n\nEnviado desde mi iPhone",
    )
)

c = C["recife"]
case(
    "br_recife_photo_budget",
    incomplete(
        "Formulario_Recife.docx",
        None,
        "Phone photo of a printed budget table: not the letter of intent.",
    ),
)(
    lambda c=c: app(
        c,
        "rec2",
        [
            ("Formulario_Recife.docx", c.form_docx()),
            (
                "IMG_2101.jpg",
                D.photo_of(
                    D.table_page("Orçamento estimado / Estimated budget", T.BUDGET_EN),
                    seed=9,
                    tilt=1.5,
                ),
            ),
        ],
        client="android",
        tz_hours=-3,
        arrived=at(20, 14, 0),
    )
)

c = C["curitiba"]
case(
    "br_curitiba_two_photos",
    accepted(
        "IMG_3001.jpg",
        "IMG_3002.jpg",
        "Both documents as phone photos: the filled form and the signed letter.",
    ),
)(
    lambda c=c: app(
        c,
        "cur2",
        [
            ("IMG_3001.jpg", D.photo_of(c.form_scan_page(), seed=31, tilt=2.0)),
            ("IMG_3002.jpg", photo_letter(c, seed=32, tilt=-1.5, orientation=6)),
        ],
        client="iphone",
        tz_hours=-3,
        arrived=at(21, 19, 30),
        body="Segue formulário e carta, fotografados.\n\nEnviado do meu iPhone",
    )
)

c = C["dortmund"]
case(
    "de_dortmund_tiff_scan_letter",
    accepted(
        "Bewerbungsformular_Dortmund.docx",
        "Scan_20210519_104512.tif",
        "Office copier sent the signed letter as a bilevel TIFF.",
    ),
)(
    lambda c=c: app(
        c,
        "dor2",
        [
            ("Bewerbungsformular_Dortmund.docx", c.form_docx()),
            ("Scan_20210519_104512.tif", D.tiff_scan(c.letter_page(serif=True))),
        ],
        arrived=at(19, 10, 50),
    )
)

c = C["marseille"]
case(
    "fr_marseille_scanned_form_tilted",
    accepted(
        "scan0001.pdf",
        "Lettre_intention.docx",
        "French form printed, filled, scanned with a 3 degree tilt.",
    ),
)(
    lambda c=c: app(
        c,
        "mrs2",
        [
            (
                "scan0001.pdf",
                D.image_pdf(
                    [D.scanned(c.form_scan_page(), angle=3.0, grey=236, noise=0.004, seed=8)]
                ),
            ),
            ("Lettre_intention.docx", c.letter_docx()),
        ],
        arrived=at(20, 7, 45),
    )
)

c = C["leipzig"]
case(
    "de_leipzig_scanned_letter_serif",
    accepted(
        "Bewerbungsformular.pdf",
        "scan0001.pdf",
        "German signed letter in a serif typeface, scanned.",
    ),
)(
    lambda c=c: app(
        c,
        "lpz2",
        [
            ("Bewerbungsformular.pdf", c.form_pdf()),
            (
                "scan0001.pdf",
                D.image_pdf(
                    [
                        D.scanned(
                            c.letter_page(serif=True), angle=-1.0, grey=245, noise=0.002, seed=9
                        )
                    ]
                ),
            ),
        ],
        arrived=at(18, 12, 0),
    )
)

c = C["krakow"]
case(
    "pl_krakow_scanned_letter",
    accepted(
        "Formularz_Krakow.docx",
        "skan_list_intencyjny.pdf",
        "Polish signed letter as an image-only PDF.",
    ),
)(
    lambda c=c: app(
        c,
        "krk1",
        [
            ("Formularz_Krakow.docx", c.form_docx()),
            ("skan_list_intencyjny.pdf", c.letter_scan(angle=0.8)),
        ],
    )
)

c = C["iasi"]
case(
    "ro_iasi_scan_resolution_and_letter",
    accepted(
        "Formular_Iasi.pdf",
        "scan0002.pdf",
        "Two scans: scan0001 is a council resolution, scan0002 the signed letter.",
    ),
)(
    lambda c=c: app(
        c,
        "ias1",
        [
            ("Formular_Iasi.pdf", c.form_pdf()),
            (
                "scan0001.pdf",
                D.image_pdf(
                    [
                        D.scanned(
                            D.page_image(
                                c.fmt(T.RESOLUTION_EN[0]),
                                [c.fmt(p) for p in T.RESOLUTION_EN[1:]],
                                signature="Secretary",
                            ),
                            angle=0.4,
                            grey=240,
                            seed=21,
                        )
                    ]
                ),
            ),
            ("scan0002.pdf", c.letter_scan(angle=-0.6)),
        ],
        arrived=at(21, 15, 0),
    )
)

c = C["bilbao"]
case(
    "es_bilbao_photo_logo_only_other",
    incomplete(
        "Formulario_Bilbao.pdf",
        None,
        "Form plus the city logo: a logo is not the letter of intent.",
    ),
)(
    lambda c=c: app(
        c,
        "bil2",
        [
            ("Formulario_Bilbao.pdf", c.form_pdf()),
            ("logo_bilbao.png", D.picture("logo", seed=1, fmt="PNG")),
        ],
        arrived=at(20, 10, 10),
    )
)


# ================================================================ unrelated extras

c = C["zaragoza"]
case(
    "es_zaragoza_form_plus_presupuesto",
    incomplete(
        "Formulario_Zaragoza.pdf",
        None,
        "Classic false receipt: form plus Presupuesto.pdf; the letter of intent is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "zgz2",
        [
            ("Formulario_Zaragoza.pdf", c.form_pdf()),
            ("Presupuesto.pdf", c.budget_pdf(english=False)),
        ],
        arrived=at(20, 9, 0),
    )
)

c = C["toronto"]
case(
    "en_toronto_form_plus_budget_xlsx",
    incomplete(
        "Toronto_Application_Form.docx", None, "Form plus budget.xlsx: the letter is missing."
    ),
)(
    lambda c=c: app(
        c,
        "tor2",
        [("Toronto_Application_Form.docx", c.form_docx()), ("budget.xlsx", c.budget_xlsx())],
        tz_hours=-4,
        arrived=at(20, 15, 0),
    )
)

c = C["glasgow"]
case(
    "en_glasgow_letter_plus_cv",
    incomplete(
        None,
        "Glasgow_Letter_of_Intent.pdf",
        "Letter plus the coordinator's CV: the form is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "gla3",
        [("Glasgow_Letter_of_Intent.pdf", c.letter_pdf()), ("CV_Fiona_Campbell.pdf", c.cv_pdf())],
        arrived=at(19, 16, 30),
    )
)

c = C["milano"]
case(
    "it_milano_everything_attached",
    accepted(
        "Modulo_candidatura_Milano.docx",
        "Lettera_intenti_Sindaco.pdf",
        "Both documents plus a press release, a presentation, a map and the logo.",
    ),
)(
    lambda c=c: app(
        c,
        "mil2",
        [
            ("Comunicato_stampa.docx", c.press_docx()),
            ("Modulo_candidatura_Milano.docx", c.form_docx()),
            ("Presentazione_Milano.pptx", c.presentation()),
            ("Lettera_intenti_Sindaco.pdf", c.letter_pdf()),
            ("mappa_quartieri.png", D.picture("map", seed=4, fmt="PNG")),
            ("logo.png", D.picture("logo", seed=2, fmt="PNG")),
        ],
        arrived=at(20, 12, 12),
        client="apple",
    )
)

c = C["antwerpen"]
case(
    "nl_antwerpen_form_plus_press_release",
    incomplete(
        "Aanmeldingsformulier_Antwerpen.pdf",
        None,
        "Form plus a press release (Word): the letter is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "ant2",
        [
            ("Aanmeldingsformulier_Antwerpen.pdf", c.form_pdf()),
            ("Persbericht.docx", c.press_docx()),
        ],
        arrived=at(19, 9, 9),
    )
)

c = C["bristol"]
case(
    "en_bristol_form_plus_presentation",
    incomplete(
        "Bristol_RRR_form.pdf", None, "Form plus a PowerPoint presentation: the letter is missing."
    ),
)(
    lambda c=c: app(
        c,
        "bri4",
        [
            ("Bristol_RRR_form.pdf", c.form_pdf("en")),
            ("Bristol_SSE_presentation.pptx", c.presentation()),
        ],
        arrived=at(19, 14, 0),
    )
)

c = C["lyon"]
case(
    "fr_lyon_letter_plus_map",
    incomplete(
        None,
        "Lettre_intention_Lyon.pdf",
        "Letter plus a map as a PDF (a picture, no text): the form is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "lyon2",
        [
            ("Lettre_intention_Lyon.pdf", c.letter_pdf()),
            ("Carte_quartiers.pdf", D.picture("map", seed=5, fmt="PDF")),
        ],
        arrived=at(20, 8, 30),
    )
)

c = C["columbus"]
case(
    "en_columbus_form_plus_cover_letter",
    incomplete(
        "Columbus_Application_Form.pdf",
        None,
        "Form plus a cover letter that says the letter of intent will follow.",
    ),
)(
    lambda c=c: app(
        c,
        "col2",
        [("Columbus_Application_Form.pdf", c.form_pdf()), ("Cover_letter.pdf", c.cover_pdf())],
        tz_hours=-4,
        arrived=at(19, 20, 0),
    )
)

c = C["lille"]
case(
    "fr_lille_letter_plus_guidelines",
    incomplete(
        None,
        "Lettre_intention_Lille.pdf",
        "Letter plus the call's own guidelines: the form is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "lil2",
        [
            ("Lettre_intention_Lille.pdf", c.letter_pdf()),
            ("RRR_Call_Guidelines.pdf", guidelines_pdf()),
        ],
        arrived=at(19, 11, 11),
    )
)

c = C["glasgow"]
case(
    "en_glasgow_form_plus_council_resolution",
    incomplete(
        "Glasgow_RRR_Application.docx",
        None,
        "Form plus the council's resolution approving the application: not a letter of intent.",
    ),
)(
    lambda c=c: app(
        c,
        "gla4",
        [
            ("Glasgow_RRR_Application.docx", c.form_docx()),
            ("Council_resolution_12May2021.pdf", c.resolution_pdf()),
        ],
        arrived=at(20, 10, 0),
    )
)

c = C["utrecht"]
case(
    "nl_utrecht_all_plus_guidelines_budget",
    accepted(
        "Aanmeldingsformulier.docx",
        "Intentieverklaring.pdf",
        "Both documents plus the guidelines and a budget.",
    ),
)(
    lambda c=c: app(
        c,
        "utr2",
        [
            ("RRR_Call_for_Peer_Learning_Cities.pdf", guidelines_pdf()),
            ("Aanmeldingsformulier.docx", c.form_docx()),
            ("Begroting.xlsx", c.budget_xlsx()),
            ("Intentieverklaring.pdf", c.letter_pdf()),
        ],
        arrived=at(18, 16, 0),
    )
)

c = C["porto"]
case(
    "pt_porto_letter_plus_town_hall_photo_png",
    incomplete(
        None,
        "Carta_intencao_Porto.pdf",
        "Letter plus a photo of the Paços do Concelho: the form is missing.",
    ),
)(
    lambda c=c: app(
        c,
        "porto2",
        [
            ("Carta_intencao_Porto.pdf", c.letter_pdf()),
            ("Pacos_do_Concelho.jpg", D.picture("building", seed=8)),
        ],
        arrived=at(20, 17, 0),
    )
)


# ================================================================ misleading names

c = C["murcia"]
case(
    "es_murcia_letter_pdf_is_budget",
    incomplete("form.pdf", None, "'letter.pdf' is a budget; the letter of intent is missing."),
)(
    lambda c=c: app(
        c,
        "mur2",
        [("form.pdf", c.form_pdf()), ("letter.pdf", c.budget_pdf())],
        arrived=at(20, 11, 0),
    )
)

c = C["chicago"]
case(
    "en_chicago_form_docx_is_cv",
    incomplete(None, "letter.pdf", "'form.docx' is a CV; the application form is missing."),
)(
    lambda c=c: app(
        c,
        "chi3",
        [("form.docx", c.cv_docx()), ("letter.pdf", c.letter_pdf())],
        tz_hours=-5,
        arrived=at(19, 15, 0),
    )
)

c = C["bologna"]
case(
    "it_bologna_lettera_is_press_release",
    incomplete(
        "Modulo_Bologna.pdf",
        None,
        "'Lettera_di_intenti.pdf' holds a press release, not a letter of intent.",
    ),
)(
    lambda c=c: app(
        c,
        "bo2",
        [("Modulo_Bologna.pdf", c.form_pdf()), ("Lettera_di_intenti.pdf", c.press_pdf())],
        client="gmail",
        arrived=at(20, 9, 40),
    )
)

c = C["guadalajara"]
case(
    "mx_guadalajara_carta_is_cover_letter",
    incomplete(
        "Formulario_Guadalajara.pdf",
        None,
        "'Carta.pdf' is a cover letter promising the letter of intent later.",
    ),
)(
    lambda c=c: app(
        c,
        "gdl2",
        [("Formulario_Guadalajara.pdf", c.form_pdf()), ("Carta.pdf", c.cover_pdf())],
        tz_hours=-5,
        arrived=at(19, 18, 0),
    )
)

c = C["krakow"]
case(
    "pl_krakow_formularz_is_budget_xlsx",
    incomplete(
        None,
        "List_intencyjny_Krakow.pdf",
        "'Formularz_zgloszeniowy.xlsx' is a budget spreadsheet, not the form.",
    ),
)(
    lambda c=c: app(
        c,
        "krk2",
        [
            ("Formularz_zgloszeniowy.xlsx", c.budget_xlsx()),
            ("List_intencyjny_Krakow.pdf", c.letter_pdf()),
        ],
        arrived=at(20, 8, 8),
    )
)


# ================================================================ legacy formats and unreadable files


def broken_pdf(seed: int, size: int = 48_000) -> bytes:
    """A file that claims to be a PDF but is damaged beyond reading (a failed transfer)."""
    import random

    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + random.Random(seed).randbytes(size)


c = C["sevilla"]
case(
    "es_sevilla_eml_as_octet_stream",
    accepted(
        "Formulario_Sevilla.pdf",
        "Carta_intencion_Sevilla.pdf",
        "The mayor's office forwarded the application as an attached .eml sent as application/octet-stream.",
    ),
)(
    lambda c=c: app(
        c,
        "sev4",
        [
            (
                "Solicitud RRR Sevilla.eml",
                finish(
                    app(
                        c,
                        "sev4inner",
                        [
                            ("Formulario_Sevilla.pdf", c.form_pdf()),
                            ("Carta_intencion_Sevilla.pdf", c.letter_pdf()),
                        ],
                        sender="Alcaldía de Sevilla <alcaldia@sevilla.example>",
                        arrived=at(19, 8, 0),
                    ),
                    "sev4inner",
                ),
                "application/octet-stream",
            )
        ],
        arrived=at(19, 9, 2),
        subject="RV: Solicitud RRR Sevilla",
        body="Os reenvío el correo de Alcaldía con la solicitud completa.\n\nRocío Martín",
    )
)

c = C["zaragoza"]
case(
    "es_zaragoza_letter_damaged",
    accepted(
        "Formulario_Zaragoza.docx",
        "Carta_de_intencion_firmada.pdf",
        "The letter's PDF cannot be read at all; by its name it is the missing letter: accept, but staff must check.",
        review=True,
    ),
)(
    lambda c=c: app(
        c,
        "zgz3",
        [
            ("Formulario_Zaragoza.docx", c.form_docx()),
            ("Carta_de_intencion_firmada.pdf", broken_pdf(3)),
        ],
        arrived=at(21, 18, 0),
    )
)

c = C["bologna"]
case(
    "it_bologna_letter_password_protected",
    accepted(
        "Modulo_Bologna.docx",
        "Lettera_intenti_protetta.pdf",
        "The letter is a password-protected PDF that cannot be opened: accept with review.",
        review=True,
    ),
)(
    lambda c=c: app(
        c,
        "bo3",
        [
            ("Modulo_Bologna.docx", c.form_docx()),
            ("Lettera_intenti_protetta.pdf", D.encrypted_pdf(*c.letter_parts()[:2])),
        ],
        arrived=at(21, 11, 0),
    )
)

c = C["toronto"]
case(
    "en_toronto_damaged_budget",
    incomplete(
        "Toronto_Form.pdf",
        None,
        "The second file is unreadable but named budget: not plausible as the letter.",
    ),
)(
    lambda c=c: app(
        c,
        "tor3",
        [("Toronto_Form.pdf", c.form_pdf()), ("budget_2021.pdf", broken_pdf(5, 20_000))],
        tz_hours=-4,
        arrived=at(19, 13, 0),
    )
)

c = C["iasi"]
case(
    "ro_iasi_damaged_scan",
    accepted(
        "Formular_aplicare_Iasi.docx",
        "scan0005.pdf",
        "A scanner PDF that is damaged, sent as the signed letter: accept with review.",
        review=True,
    ),
)(
    lambda c=c: app(
        c,
        "ias2",
        [("Formular_aplicare_Iasi.docx", c.form_docx()), ("scan0005.pdf", broken_pdf(9, 90_000))],
        arrived=at(20, 12, 30),
        body="Bună ziua,\n\nAtașăm formularul și scrisoarea de intenție semnată (scanată).\n\nAndrei Munteanu",
    )
)

c = C["wroclaw"]
case(
    "pl_wroclaw_zip_form_and_budget",
    incomplete("Formularz_Wroclaw.docx", None, "A zip with the form and a budget only."),
)(
    lambda c=c: app(
        c,
        "wro2",
        [
            (
                "Zgloszenie_Wroclaw.zip",
                zipped([("Formularz_Wroclaw.docx", c.form_docx()), ("Budzet.pdf", c.budget_pdf())]),
            )
        ],
        arrived=at(20, 9, 15),
    )
)


# ================================================================ machine mail without the usual headers

OOO = [
    (
        "en",
        "leeds",
        "Automatic reply: RRR Peer Learning Cities - application Leeds",
        "I am out of the office until Monday 31 May with limited access to email. For urgent matters please contact the Economic Development team.",
        False,
    ),
    (
        "es",
        "zaragoza",
        "Respuesta automática: Solicitud RRR - Ayuntamiento de Zaragoza",
        "Estaré fuera de la oficina hasta el 1 de junio, con acceso limitado al correo. Para asuntos urgentes, contacte con economiasocial@zaragoza.example.",
        False,
    ),
    (
        "pt",
        "lisboa",
        "Resposta automática: Ausência do escritório",
        "Encontro-me ausente do serviço até dia 31 de maio, sem acesso ao correio eletrónico. Para assuntos urgentes contacte a Divisão de Economia Social.",
        False,
    ),
    (
        "fr",
        "nantes",
        "Réponse automatique : Candidature RRR - Ville de Nantes",
        "Je suis absente du bureau jusqu'au 25 mai inclus. En cas d'urgence, merci de contacter l'accueil. Vous trouverez ci-joint la brochure de la Ville.",
        True,
    ),
    (
        "de",
        "dortmund",
        "Abwesenheitsnotiz: Bewerbung RRR Peer Learning Cities",
        "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 28. Mai nicht im Büro. Ihre E-Mail wird nicht weitergeleitet.",
        False,
    ),
    (
        "it",
        "torino",
        "Risposta automatica: Fuori sede",
        "Sono fuori sede fino al 31 maggio con accesso limitato alla posta. Per urgenze rivolgersi alla segreteria.",
        True,
    ),
    (
        "pl",
        "krakow",
        "Automatyczna odpowiedź: Zgłoszenie RRR",
        "Dziękuję za wiadomość. Jestem poza biurem do 31 maja. W pilnych sprawach proszę o kontakt z sekretariatem wydziału.",
        False,
    ),
    (
        "nl",
        "rotterdam",
        "Automatisch antwoord: Aanmelding RRR",
        "Ik ben afwezig tot en met 30 mei en lees mijn e-mail niet. Voor dringende zaken kunt u contact opnemen met het secretariaat.",
        False,
    ),
    (
        "ca",
        "barcelona",
        "Resposta automàtica: Fora de l'oficina",
        "Sóc fora de l'oficina fins al 31 de maig. Per a qualsevol qüestió urgent, adreceu-vos a ess@bcn.example.",
        False,
    ),
    (
        "ro",
        "cluj",
        "Răspuns automat: Aplicație RRR",
        "Vă mulțumesc pentru mesaj. Sunt în concediu până pe 31 mai și nu am acces la e-mail. Pentru urgențe contactați secretariatul.",
        False,
    ),
    (
        "el",
        "thessaloniki",
        "Αυτόματη απάντηση: Αίτηση RRR",
        "Σας ευχαριστώ για το μήνυμά σας. Θα βρίσκομαι εκτός γραφείου έως τις 31 Μαΐου, με περιορισμένη πρόσβαση στο ηλεκτρονικό ταχυδρομείο.",
        False,
    ),
]

for n, (lang, key, subject, text, with_brochure) in enumerate(OOO):
    c = C[key]
    case(
        f"ooo_{lang}_{key}_subject_and_body",
        ignored(
            "Out-of-office reply written only in subject and body, no automatic headers"
            + (", with a brochure attached." if with_brochure else ".")
        ),
    )(
        lambda c=c, subject=subject, text=text, with_brochure=with_brochure, n=n: message(
            sender=sender(c),
            subject=subject,
            body=text + "\n\n" + c.contact,
            arrived=at(20, 8 + n, 5),
            attachments=[("Brochure_" + c.name.replace(" ", "_") + ".pdf", brochure_pdf(c))]
            if with_brochure
            else [],
            slug=f"ooo{n}",
            lang=c.lang,
        )
    )

c = C["malaga"]
case(
    "ooo_es_body_only_with_brochure",
    ignored(
        "Subject is a plain 'RE:'; the body alone says the person is on leave; a brochure is attached."
    ),
)(
    lambda c=c: message(
        sender=sender(c),
        subject="RE: [RRR-4HN8-ZQ2P] Hemos recibido su solicitud",
        body="Gracias por su mensaje. Me encuentro de vacaciones hasta el 2 de junio y no tendré acceso al correo electrónico. "
        "Su mensaje no será reenviado. Le adjunto información sobre Málaga.\n\nElena Ruiz",
        arrived=at(20, 19, 0),
        attachments=[("Malaga_ciudad_genial.pdf", brochure_pdf(c))],
        slug="ooo_malaga",
        lang="es",
    )
)

c = C["chicago"]
case(
    "ooo_en_exchange_suppress_header_only",
    ignored(
        "Exchange out-of-office: only X-Auto-Response-Suppress, no Auto-Submitted; the subject says automatic reply."
    ),
)(
    lambda c=c: message(
        sender=sender(c),
        subject="Automatic reply: Your application to RRR Peer Learning Cities",
        body="Thank you for your message. I am out of the office on annual leave and will return on June 1, 2021.\n\nDenise Carter",
        arrived=at(21, 2, 0),
        slug="ooo_chi",
        tz_hours=-5,
        extra=[("X-Auto-Response-Suppress", "All")],
    )
)


def raw_mail(headers: list[tuple[str, str]], body: str) -> bytes:
    """A machine-written message assembled as its software writes it."""
    head = "".join(f"{k}: {v}\n" for k, v in headers)
    return (head + "\n" + body).encode("utf-8")


def received(host: str, when: datetime) -> tuple[str, str]:
    from email.utils import format_datetime

    return (
        "Received",
        f"from {host} ({host} [198.51.100.7]) by mx.rrr-cities.example (Postfix) with ESMTPS id 4FmZZ{len(host)}; "
        f"{format_datetime(when.astimezone(timezone(timedelta(hours=2))))}",
    )


c = C["lyon"]
case(
    "mdn_read_receipt_report",
    ignored("A read receipt: multipart/report; report-type=disposition-notification."),
)(
    lambda c=c: raw_mail(
        [
            received("mail.mairie-lyon.example", at(20, 14, 2)),
            ("Date", "Thu, 20 May 2021 16:01:55 +0200"),
            ("From", sender(c)),
            ("To", OURS),
            ("Subject", "Lu : Candidature RRR - Ville de Lyon"),
            ("Message-ID", "<mdn-lyon-0520@mairie-lyon.example>"),
            ("MIME-Version", "1.0"),
            (
                "Content-Type",
                'multipart/report; report-type=disposition-notification; boundary="----=_MDN_lyon"',
            ),
        ],
        "------=_MDN_lyon\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        "Votre message\n\n  À : peerlearning@rrr-cities.example\n  Objet : Candidature RRR - Ville de Lyon\n\na été lu le jeudi 20 mai 2021 16:01:55.\n\n"
        "------=_MDN_lyon\nContent-Type: message/disposition-notification\n\n"
        "Reporting-UA: mairie-lyon.example; Microsoft Outlook 16.0\nFinal-Recipient: rfc822;peerlearning@rrr-cities.example\n"
        "Original-Message-ID: <reply-lyon1@rrr-cities.example>\nDisposition: manual-action/MDN-sent-manually; displayed\n\n"
        "------=_MDN_lyon--\n",
    )
)

c = C["bristol"]
case(
    "read_receipt_plain_outlook",
    ignored("An Outlook 'Read:' receipt as plain text, no report structure."),
)(
    lambda c=c: message(
        sender=sender(c),
        subject="Read: RRR Peer Learning Cities - your application has been received",
        body="Your message\n\n  To: Tom Hughes\n  Subject: RRR Peer Learning Cities - your application has been received\n  Sent: 19/05/2021 13:05\n\nwas read on 19/05/2021 14:22.",
        arrived=at(19, 13, 22),
        slug="read_bri",
        tz_hours=1,
    )
)


def original_application(city: City, slug: str) -> EmailMessage:
    return app(
        city,
        slug,
        [("Application_form.pdf", city.form_pdf()), ("Letter_of_intent.pdf", city.letter_pdf())],
        arrived=at(20, 10, 0),
        received=False,
        return_path=None,
    )


c = C["glasgow"]
case(
    "bounce_exchange_undeliverable_quoting_application",
    ignored(
        "Exchange NDR 'Undeliverable:' from postmaster, multipart/mixed, the original application attached."
    ),
)(
    lambda c=c: message(
        sender="Microsoft Outlook <postmaster@glasgow.example>",
        subject="Undeliverable: RRR Peer Learning Cities - application Glasgow",
        body="Delivery has failed to these recipients or groups:\n\nrrr-archive@glasgow.example\n"
        "The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.\n\n"
        "Diagnostic information for administrators:\nGenerating server: EXCH01.glasgow.example\n"
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
        arrived=at(20, 10, 1),
        attachments=[original_application(c, "gla_orig")],
        slug="ndr_gla",
        tz_hours=1,
        client="none",
        return_path=None,
    )
)

c = C["palermo"]
case(
    "bounce_webmail_mail_delivery_failed_inline",
    ignored(
        "Webmail 'Mail delivery failed: returning message to sender', the application quoted inline."
    ),
)(
    lambda c=c: raw_mail(
        [
            received("mx.comune.palermo.example", at(20, 10, 3)),
            ("Date", "Thu, 20 May 2021 12:03:10 +0200"),
            ("From", "Mail Delivery System <Mailer-Daemon@mx.comune.palermo.example>"),
            ("To", OURS),
            ("Subject", "Mail delivery failed: returning message to sender"),
            ("Message-ID", "<E1ljh2Q-0004xT-AB@mx.comune.palermo.example>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ],
        "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n  ufficio.europa@comune.palermo.example\n    mailbox is full: retry timeout exceeded\n\n"
        "------ This is a copy of the message, including all the headers. ------\n\n"
        + finish(original_application(c, "pal_orig"), "pal_orig").decode("ascii"),
    )
)

c = C["krakow"]
case(
    "bounce_webmail_postmaster_rfc822",
    ignored(
        "Webmail bounce from postmaster (no MAILER-DAEMON), multipart/mixed with the application as message/rfc822."
    ),
)(
    lambda c=c: message(
        sender="Mail Delivery Subsystem <postmaster@poczta.krakow.example>",
        subject="Returned mail: see transcript for details",
        body="The original message was received at Thu, 20 May 2021 12:00:00 +0200\n\n   ----- The following addresses had permanent fatal errors -----\n"
        "<projekty.ue@krakow.example>\n    (reason: 550 5.2.2 Mailbox full)\n",
        arrived=at(20, 10, 2),
        attachments=[original_application(c, "krk_orig")],
        slug="ret_krk",
        client="none",
    )
)

c = C["leeds"]
case(
    "own_address_plus_tag_test",
    ignored("Staff testing the desk from peerlearning+test@ with a complete application."),
)(
    lambda c=c: message(
        sender="RRR Peer Learning <peerlearning+test@rrr-cities.example>",
        subject="TEST application Leeds",
        body="Test of the mailbox, please ignore.",
        arrived=at(17, 9, 0),
        slug="own_tag",
        client="thunderbird",
        attachments=[
            ("Application_Form_Leeds.pdf", c.form_pdf()),
            ("Letter_of_Intent_Leeds.pdf", c.letter_pdf()),
        ],
    )
)

c = C["barcelona"]
case("own_address_other_case", ignored("Our own address in another letter case, a staff test."))(
    lambda c=c: message(
        sender="PeerLearning@RRR-Cities.example",
        subject="prova formulari",
        body="Prova.",
        arrived=at(17, 9, 30),
        slug="own_case",
        client="apple",
        attachments=[("Formulari.docx", c.form_docx()), ("Carta.pdf", c.letter_pdf())],
    )
)

c = C["columbus"]
case(
    "human_reply_subject_automatic_reply",
    accepted(
        "Columbus_Application_Form_v2.docx",
        "Columbus_LOI_signed.pdf",
        "A person answering an earlier auto-reply chain: the subject says 'Automatic reply' but the body is human and both documents are attached.",
    ),
)(
    lambda c=c: app(
        c,
        "col3",
        [
            ("Columbus_Application_Form_v2.docx", c.form_docx()),
            ("Columbus_LOI_signed.pdf", c.letter_pdf()),
        ],
        subject="RE: Automatic reply: RRR Peer Learning Cities - application Columbus",
        tz_hours=-4,
        arrived=at(21, 14, 0),
        body="Hello,\n\nSorry for the confusion, my colleague was away. Here is our complete application: the form and the signed letter of intent.\n\nMichael Turner",
    )
)


# ================================================================ more late arrivals

c = C["murcia"]
case(
    "es_murcia_late_form_and_budget",
    late(
        "Formulario_Murcia.pdf",
        None,
        "Arrived on 22 May with the form and a budget: late (and the letter is missing too).",
    ),
)(
    lambda c=c: app(
        c,
        "mur3",
        [
            ("Formulario_Murcia.pdf", c.form_pdf()),
            ("Presupuesto_Murcia.pdf", c.budget_pdf(english=False)),
        ],
        arrived=at(22, 7, 30),
    )
)

c = C["antwerpen"]
case(
    "nl_antwerpen_late_scanned_letter",
    late(
        "Aanmeldingsformulier_Antwerpen.docx",
        "scan0001.pdf",
        "Complete with a scanned letter, but received at 23:41 Brussels time.",
    ),
)(
    lambda c=c: app(
        c,
        "ant3",
        [
            ("Aanmeldingsformulier_Antwerpen.docx", c.form_docx()),
            ("scan0001.pdf", c.letter_scan(angle=1.0)),
        ],
        arrived=DEADLINE + timedelta(minutes=41),
        sent_before=timedelta(minutes=3),
    )
)


# ================================================================ writing and checking

README_NAME = "README.md"


def render() -> dict[str, bytes]:
    """Every file of the folder, by name."""
    files: dict[str, bytes] = {}
    seen: set[str] = set()
    for name, raw, expected in CASES:
        if name in seen:
            raise SystemExit(f"duplicate case name {name}")
        seen.add(name)
        data = raw()
        if len(data) > 600_000:
            raise SystemExit(f"{name}: {len(data)} bytes, over the 600 KB budget")
        files[f"{name}.eml"] = data
        files[f"{name}.json"] = (json.dumps(expected, indent=2, ensure_ascii=False) + "\n").encode()
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the folder differs")
    args = parser.parse_args()
    files = render()
    if args.check:
        present = {p.name for p in OUT.glob("*") if p.name != README_NAME}
        differ = sorted(
            n for n, d in files.items() if not (OUT / n).is_file() or (OUT / n).read_bytes() != d
        )
        extra = sorted(present - set(files))
        for n in differ:
            print(f"differs: {n}")
        for n in extra:
            print(f"not generated: {n}")
        return 1 if differ or extra else 0
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        if old.name != README_NAME:
            old.unlink()
    for n, d in files.items():
        (OUT / n).write_bytes(d)
    counts: dict[str, int] = {}
    for _, _, e in CASES:
        counts[str(e["decision"])] = counts.get(str(e["decision"]), 0) + 1
    print(f"{len(CASES)} cases, {sum(map(len, files.values())) // 1024} KB: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
