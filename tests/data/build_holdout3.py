"""Builds tests/data/holdout3: a third blind holdout of application e-mails with a human's verdicts.

    python tests/data/build_holdout3.py          # (re)write tests/data/holdout3/*.eml + *.json
    python tests/data/build_holdout3.py --check  # exit 1 when the committed files differ

Every message is assembled by hand (fixed boundaries, dates and Message-IDs) so that the bytes are
the same on every run; DOCX and ODT files get their zip dates and metadata times pinned. The
expectations were written before reading the classifier, its cue lists or the other corpora.
"""

from __future__ import annotations

import base64
import io
import json
import quopri
import re
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from email.header import Header
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import documents as d  # noqa: E402

OUT = Path(__file__).resolve().parent / "holdout3"
OUR = "peerlearning@rrr-cities.example"
AF = "application_form"
LI = "letter_of_intent"

# --- documents -----------------------------------------------------------------------------------


def _pin_zip(data: bytes) -> bytes:
    """Rewrites an OOXML/ODF zip with fixed entry dates and fixed metadata times."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in ("meta.xml", "docProps/core.xml"):
                content = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2021-05-18T09:30:00Z", content
                )
            pinned = zipfile.ZipInfo(info.filename, date_time=(2021, 5, 18, 9, 30, 0))
            pinned.compress_type = info.compress_type
            pinned.external_attr = info.external_attr
            target.writestr(pinned, content)
    return out.getvalue()


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    return _pin_zip(d.make_docx(paragraphs, table=table))


def odt(paragraphs: list[str]) -> bytes:
    return _pin_zip(d.make_odt(paragraphs))


def pdf(text: str, pages: int = 1) -> bytes:
    return d.make_pdf(text, pages=pages)


def pdf_pages(pages: list[str]) -> bytes:
    """A PDF with one text per physical page (a combined scan-to-PDF: form, then letter)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "Holdout3Sans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            TTFont("Holdout3Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        )
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for page_text in pages:
        sheet.setFont("Holdout3Sans", 11)
        y = A4[1] - 72
        for paragraph in page_text.split("\n"):
            for line in textwrap.wrap(paragraph, 90) or [""]:
                sheet.drawString(72, y, line)
                y -= 15
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class City:
    """An applicant: the facts its documents and messages are written from."""

    name: str
    country: str
    population: str
    contact: str
    mayor: str
    domain: str


# Application forms, written the way each administration would fill in the downloaded form.
FORM = {
    "en": (
        "RRR - Respond, Rebuild, Reinvent\nCall for Peer Learning Cities\nAPPLICATION FORM\n\n"
        "Section A - Applicant\n1. Name of the local authority: {name}\n2. Country: {country}\n"
        "3. Population (latest official figure): {population}\n4. Contact person: {contact}\n\n"
        "Section B - Your social and solidarity economy ecosystem\n5. Describe the main actors of the SSE in your territory.\n"
        "Our city hosts around 400 cooperatives, social enterprises and community associations, supported by a municipal SSE desk.\n"
        "6. Which challenge related to the COVID-19 recovery would you like to work on?\n"
        "Access to public procurement for social enterprises and the reinsertion of long-term unemployed people.\n"
        "7. Staff and resources the city will commit: two officers, 20% of their time, and meeting rooms.\n"
    ),
    "es": (
        "Convocatoria RRR Ciudades de Aprendizaje entre Pares\nFORMULARIO DE SOLICITUD\n\n"
        "1. Entidad solicitante: {name}\n2. País: {country}\n3. Población: {population} habitantes\n"
        "4. Persona de contacto: {contact}\n"
        "5. Describa el ecosistema local de economía social y solidaria: el Ayuntamiento cuenta con un plan municipal de ESS, "
        "una red de 250 cooperativas y un vivero de empresas sociales.\n"
        "6. Reto principal: recuperar el pequeño comercio de proximidad tras la pandemia mediante la compra pública responsable.\n"
        "7. Recursos comprometidos: un técnico de la Concejalía de Empleo a media jornada.\n"
    ),
    "mx": (
        "CÉDULA DE POSTULACIÓN\nConvocatoria Ciudades de Aprendizaje RRR (Responder, Reconstruir, Reinventar)\n\n"
        "I. Datos generales\nMunicipio: {name}\nEntidad federativa / País: {country}\nNúmero de habitantes (INEGI 2020): {population}\n"
        "Enlace responsable: {contact}\n\n"
        "II. Economía social y solidaria en el municipio\nEl Gobierno Municipal acompaña a 180 sociedades cooperativas y a los tianguis de productores locales.\n"
        "III. Problemática a atender\nFormalización del empleo informal de mujeres jefas de familia tras la contingencia sanitaria.\n"
    ),
    "pt": (
        "Candidatura - Cidades de Aprendizagem entre Pares (projeto RRR)\nFICHA DE CANDIDATURA\n\n"
        "1. Município: {name}\n2. País: {country}\n3. População residente: {population}\n4. Interlocutor: {contact}\n"
        "5. Caracterize o ecossistema de economia social e solidária do concelho.\n"
        "O concelho conta com uma rede de IPSS, cooperativas e associações de desenvolvimento local.\n"
        "6. Desafio prioritário: resposta ao isolamento de pessoas idosas e recuperação do emprego.\n"
    ),
    "br": (
        "FORMULÁRIO DE INSCRIÇÃO\nChamada Cidades de Aprendizagem entre Pares - Respond, Rebuild, Reinvent\n\n"
        "Prefeitura: {name}\nPaís: {country}\nPopulação estimada (IBGE): {population}\nResponsável pelo contato: {contact}\n\n"
        "Questão 1 - Descreva o ecossistema de economia solidária do município.\n"
        "A Secretaria de Desenvolvimento Econômico coordena o Fórum Municipal de Economia Solidária, com 120 empreendimentos e um banco comunitário com moeda social.\n"
        "Questão 2 - Qual desafio pós-pandemia a cidade deseja trabalhar?\nGeração de renda nas periferias e fortalecimento das feiras solidárias.\n"
    ),
    "fr": (
        "Appel à candidatures « Villes apprenantes » - projet RRR\nDOSSIER DE CANDIDATURE\n\n"
        "1. Collectivité candidate : {name}\n2. Pays : {country}\n3. Nombre d'habitants : {population}\n4. Référent(e) : {contact}\n"
        "5. Présentez l'écosystème de l'économie sociale et solidaire sur votre territoire.\n"
        "La collectivité soutient un pôle territorial de coopération économique, 60 structures d'insertion et une monnaie locale.\n"
        "6. Quel défi souhaitez-vous relever ? La relance des tiers-lieux et de l'emploi des jeunes après la crise sanitaire.\n"
    ),
    "qc": (
        "FORMULAIRE DE DEMANDE\nVilles apprenantes RRR (Répondre, Reconstruire, Réinventer)\n\n"
        "Nom de l'organisme municipal : {name}\nProvince / pays : {country}\nPopulation (recensement 2016) : {population}\n"
        "Personne-ressource : {contact}\n\n"
        "Question 1. Décrivez l'écosystème d'économie sociale de votre ville.\n"
        "Le Pôle d'économie sociale regroupe 300 entreprises d'économie sociale, coopératives et OBNL.\n"
        "Question 2. Enjeu de relance : l'accès au logement communautaire et à l'alimentation de proximité.\n"
    ),
    "de": (
        "Bewerbungsbogen\nRRR Peer Learning Cities (Respond, Rebuild, Reinvent)\n\n"
        "1. Stadt / Gebietskörperschaft: {name}\n2. Land: {country}\n3. Einwohnerzahl: {population}\n4. Ansprechperson: {contact}\n"
        "5. Beschreiben Sie die Akteure der Sozial- und Solidarwirtschaft in Ihrer Stadt.\n"
        "Genossenschaften, gemeinnützige Beschäftigungsträger und Sozialunternehmen, begleitet von der städtischen Wirtschaftsförderung.\n"
        "6. Welche Herausforderung nach COVID-19 möchten Sie bearbeiten? Die Stärkung lokaler Wertschöpfungsketten.\n"
    ),
    "it": (
        "MODULO DI CANDIDATURA\nProgetto RRR - Città di apprendimento tra pari\n\n"
        "1. Ente: {name}\n2. Paese: {country}\n3. Popolazione residente: {population}\n4. Referente: {contact}\n"
        "5. Descrivere l'ecosistema dell'economia sociale e solidale del territorio.\n"
        "Il Comune collabora con oltre 300 cooperative sociali e con gli Empori solidali di quartiere.\n"
        "6. Sfida scelta: rigenerazione dei beni confiscati e lavoro per persone fragili.\n"
    ),
    "pl": (
        "Formularz zgłoszeniowy\nProjekt RRR - Miasta uczące się od siebie nawzajem\n\n"
        "1. Nazwa jednostki samorządu terytorialnego: {name}\n2. Kraj: {country}\n3. Liczba mieszkańców: {population}\n"
        "4. Osoba do kontaktu: {contact}\n"
        "5. Proszę opisać ekosystem ekonomii społecznej w mieście: spółdzielnie socjalne, centra integracji społecznej i Ośrodek Wsparcia Ekonomii Społecznej.\n"
        "6. Wyzwanie: aktywizacja zawodowa osób zagrożonych wykluczeniem po pandemii.\n"
    ),
    "nl": (
        "Aanmeldingsformulier\nRRR Peer Learning Cities - oproep voor steden\n\n"
        "1. Gemeente: {name}\n2. Land: {country}\n3. Aantal inwoners: {population}\n4. Contactpersoon: {contact}\n"
        "5. Beschrijf het ecosysteem van de sociale economie in uw gemeente.\n"
        "Wij werken met sociale ondernemingen, wijkcoöperaties en het werkbedrijf.\n"
        "6. Welke uitdaging kiest u? Inclusief herstel van de binnenstad na corona.\n"
    ),
    "ca": (
        "FORMULARI DE SOL·LICITUD\nConvocatòria Ciutats d'Aprenentatge RRR\n\n"
        "1. Ens sol·licitant: {name}\n2. País: {country}\n3. Població: {population}\n4. Persona de contacte: {contact}\n"
        "5. Descriviu l'ecosistema d'economia social i solidària de la ciutat: ateneus cooperatius, xarxa d'economia solidària i mercat social.\n"
        "6. Repte: reactivació econòmica dels barris després de la COVID-19.\n"
    ),
    "ro": (
        "Formular de aplicare\nApelul RRR pentru orașe care învață unele de la altele\n\n"
        "1. Autoritatea locală: {name}\n2. Țara: {country}\n3. Populație: {population}\n4. Persoană de contact: {contact}\n"
        "5. Descrieți ecosistemul economiei sociale din municipiu: întreprinderi sociale de inserție și cooperative agricole.\n"
        "6. Provocarea aleasă: integrarea pe piața muncii a tinerilor NEET.\n"
    ),
    "sv": (
        "Ansökningsblankett\nRRR Peer Learning Cities\n\n"
        "1. Kommun: {name}\n2. Land: {country}\n3. Invånarantal: {population}\n4. Kontaktperson: {contact}\n"
        "5. Beskriv den sociala ekonomin i kommunen: arbetsintegrerande sociala företag och idéburet offentligt partnerskap.\n"
        "6. Utmaning: återhämtning för unga arbetslösa efter pandemin.\n"
    ),
    "el": (
        "ΑΙΤΗΣΗ ΣΥΜΜΕΤΟΧΗΣ\nΠρόσκληση RRR - Πόλεις Αμοιβαίας Μάθησης\n\n"
        "1. Φορέας: {name}\n2. Χώρα: {country}\n3. Πληθυσμός: {population}\n4. Υπεύθυνος επικοινωνίας: {contact}\n"
        "5. Περιγράψτε το οικοσύστημα της κοινωνικής και αλληλέγγυας οικονομίας του Δήμου: Κοινωνικές Συνεταιριστικές Επιχειρήσεις και δίκτυο αλληλεγγύης.\n"
        "6. Πρόκληση: ανάκαμψη της απασχόλησης μετά την πανδημία.\n"
    ),
    "hu": (
        "Jelentkezési lap\nRRR Peer Learning Cities felhívás\n\n"
        "1. Önkormányzat: {name}\n2. Ország: {country}\n3. Lakosságszám: {population}\n4. Kapcsolattartó: {contact}\n"
        "5. Mutassa be a város szociális és szolidáris gazdaságát: szociális szövetkezetek, civil szervezetek, közfoglalkoztatás.\n"
        "6. Kihívás: a járvány utáni foglalkoztatás helyreállítása.\n"
    ),
    "lt": (
        "PARAIŠKOS FORMA\nRRR kvietimas miestams\n\n"
        "1. Savivaldybė: {name}\n2. Šalis: {country}\n3. Gyventojų skaičius: {population}\n4. Kontaktinis asmuo: {contact}\n"
        "5. Aprašykite socialinės ekonomikos ekosistemą: socialinės įmonės, bendruomenių organizacijos.\n"
        "6. Iššūkis: vietos verslo atsigavimas po pandemijos.\n"
    ),
    "hr": (
        "PRIJAVNI OBRAZAC\nPoziv RRR - gradovi koji uče jedni od drugih\n\n"
        "1. Jedinica lokalne samouprave: {name}\n2. Država: {country}\n3. Broj stanovnika: {population}\n4. Kontakt osoba: {contact}\n"
        "5. Opišite ekosustav socijalne ekonomije: socijalne zadruge, udruge i inkubator socijalnog poduzetništva.\n"
        "6. Izazov: oporavak nakon potresa i pandemije.\n"
    ),
    "da": (
        "Ansøgningsskema\nRRR Peer Learning Cities\n\n"
        "1. Kommune: {name}\n2. Land: {country}\n3. Indbyggertal: {population}\n4. Kontaktperson: {contact}\n"
        "5. Beskriv kommunens socialøkonomiske virksomheder og frivillige foreninger.\n"
        "6. Udfordring: beskæftigelse for udsatte borgere efter covid-19.\n"
    ),
}

# Letters of intent, signed by the mayor or a deputy, with letterheads and footers.
LETTER = {
    "en": (
        "OFFICE OF THE MAYOR\n{name}\n\nTo: UpSocial, RRR consortium\nBarcelona, Spain\n\n"
        "LETTER OF INTENT\n\nDear members of the selection committee,\n"
        "On behalf of {name}, I am pleased to express our strong interest in joining the RRR Peer Learning Cities programme. "
        "The city commits to take part in the learning journey, to appoint a dedicated team and to host a peer visit.\n\n"
        "Yours sincerely,\n\n{mayor}\nMayor\n\nCity Hall | {domain}"
    ),
    "en_plain": (
        "{name} City Council\nChief Executive's Office\n\n"
        "Re: Respond, Rebuild, Reinvent - Peer Learning Cities\n\n"
        "I write to confirm that {name} wishes to be considered as one of the eight Peer Learning Cities. "
        "The Council will make officers available for the full duration of the programme and the Leader of the Council supports this bid.\n\n"
        "Kind regards\n{mayor}\nLeader of the Council"
    ),
    "es": (
        "AYUNTAMIENTO DE {name_upper}\nAlcaldía\n\nCARTA DE INTENCIÓN\n\n"
        "Por medio de la presente, el Ayuntamiento de {name} manifiesta su voluntad de participar en el programa "
        "Ciudades de Aprendizaje entre Pares del proyecto RRR y se compromete a designar un equipo técnico y a participar en todas las actividades.\n\n"
        "Atentamente,\n{mayor}\nAlcalde"
    ),
    "mx": (
        "H. AYUNTAMIENTO DE {name_upper}\nPresidencia Municipal\n\nASUNTO: Carta compromiso\n\n"
        "C. Equipo del proyecto RRR\nPRESENTE\n\n"
        "Por este conducto, el Gobierno Municipal de {name} expresa su interés en formar parte de las ciudades de aprendizaje "
        "y se compromete a destinar personal de la Dirección de Desarrollo Económico al intercambio entre pares.\n\n"
        'ATENTAMENTE\n"Sufragio efectivo. No reelección"\n{mayor}\nPresidenta Municipal'
    ),
    "pt": (
        "CÂMARA MUNICIPAL DE {name_upper}\nGabinete do Presidente\n\nCARTA DE INTENÇÕES\n\n"
        "Exmos. Senhores,\nA Câmara Municipal de {name} vem, por este meio, manifestar o seu interesse em integrar o grupo de cidades de aprendizagem "
        "do projeto RRR, assumindo o compromisso de participar ativamente em todas as fases.\n\n"
        "Com os melhores cumprimentos,\n{mayor}\nPresidente da Câmara"
    ),
    "br": (
        "PREFEITURA MUNICIPAL DE {name_upper}\nGabinete do Prefeito\n\nOfício nº 214/2021-GP\n\n"
        "Assunto: Manifestação de interesse - Chamada Cidades de Aprendizagem RRR\n\n"
        "Senhores,\nVenho, por meio deste, manifestar o interesse do Município de {name} em participar do programa, "
        "comprometendo-nos a indicar uma equipe técnica e a participar das atividades de intercâmbio.\n\n"
        "Respeitosamente,\n{mayor}\nPrefeito Municipal"
    ),
    "fr": (
        "VILLE DE {name_upper}\nCabinet du Maire\n\nObjet : lettre d'intention - appel RRR\n\n"
        "Madame, Monsieur,\nJ'ai l'honneur de vous confirmer l'engagement de la Ville de {name} à participer au programme des villes apprenantes. "
        "Nous désignerons une équipe projet et accueillerons une visite d'apprentissage entre pairs.\n\n"
        "Je vous prie d'agréer l'expression de mes salutations distinguées.\n{mayor}\nMaire"
    ),
    "qc": (
        "Cabinet de la mairesse\nVille de {name}\n\n"
        "Objet : Engagement de la Ville - Villes apprenantes RRR\n\n"
        "Madame, Monsieur,\nPar la présente, la Ville de {name} confirme sa volonté de participer au parcours d'apprentissage entre pairs "
        "et s'engage à y consacrer les ressources humaines nécessaires.\n\nVeuillez agréer nos salutations distinguées.\n{mayor}\nMairesse"
    ),
    "de": (
        "Der Oberbürgermeister\nStadt {name}\n\nAbsichtserklärung\n\n"
        "Sehr geehrte Damen und Herren,\nhiermit erklärt die Stadt {name} ihre Absicht, am Programm RRR Peer Learning Cities teilzunehmen. "
        "Die Stadtverwaltung stellt ein Projektteam bereit und beteiligt sich an allen Lernaktivitäten.\n\n"
        "Mit freundlichen Grüßen\n{mayor}\nOberbürgermeister"
    ),
    "it": (
        "COMUNE DI {name_upper}\nIl Sindaco\n\nOggetto: Lettera di intenti - progetto RRR\n\n"
        "Con la presente il Comune di {name} manifesta la propria volontà di aderire al percorso delle città di apprendimento "
        "e si impegna a mettere a disposizione personale dedicato.\n\nCordiali saluti\n{mayor}\nSindaco"
    ),
    "pl": (
        "PREZYDENT MIASTA {name_upper}\n\nList intencyjny\n\n"
        "Szanowni Państwo,\nniniejszym wyrażam wolę udziału miasta {name} w programie RRR Peer Learning Cities. "
        "Miasto zobowiązuje się do wyznaczenia zespołu i aktywnego udziału w wymianie doświadczeń.\n\nZ poważaniem\n{mayor}\nPrezydent Miasta"
    ),
    "nl": (
        "Gemeente {name}\nDe burgemeester\n\nIntentieverklaring\n\n"
        "Geachte heer, mevrouw,\nHierbij bevestig ik dat de gemeente {name} graag deelneemt aan het RRR Peer Learning Cities programma "
        "en hiervoor capaciteit vrijmaakt.\n\nMet vriendelijke groet,\n{mayor}\nBurgemeester"
    ),
    "ca": (
        "AJUNTAMENT DE {name_upper}\nAlcaldia\n\nCARTA D'INTENCIONS\n\n"
        "Per mitjà d'aquesta carta, l'Ajuntament de {name} expressa la seva voluntat de participar en el programa RRR "
        "i es compromet a destinar-hi un equip tècnic.\n\nAtentament,\n{mayor}\nAlcaldessa"
    ),
    "ro": (
        "PRIMĂRIA MUNICIPIULUI {name_upper}\nCabinet Primar\n\nScrisoare de intenție\n\n"
        "Stimate doamne și domni,\nPrin prezenta, Municipiul {name} își exprimă intenția de a participa la programul RRR "
        "și se angajează să desemneze o echipă de proiect.\n\nCu stimă,\n{mayor}\nPrimar"
    ),
    "sv": (
        "{name} kommun\nKommunstyrelsens ordförande\n\nAvsiktsförklaring\n\n"
        "{name} kommun förklarar härmed sin avsikt att delta i RRR Peer Learning Cities och avsätter personal för arbetet.\n\n"
        "Med vänliga hälsningar\n{mayor}\nKommunstyrelsens ordförande"
    ),
    "el": (
        "ΔΗΜΟΣ {name_upper}\nΓραφείο Δημάρχου\n\nΕΠΙΣΤΟΛΗ ΠΡΟΘΕΣΗΣ\n\n"
        "Με την παρούσα ο Δήμος {name} εκφράζει την πρόθεσή του να συμμετάσχει στο πρόγραμμα RRR "
        "και δεσμεύεται να ορίσει ομάδα έργου.\n\nΜε εκτίμηση,\n{mayor}\nΔήμαρχος"
    ),
    "hu": (
        "{name} Megyei Jogú Város Polgármestere\n\nSzándéknyilatkozat\n\n"
        "Tisztelt Hölgyeim és Uraim!\n{name} városa ezúton kinyilvánítja szándékát, hogy részt vegyen az RRR programban, "
        "és vállalja egy projektcsapat kijelölését.\n\nTisztelettel:\n{mayor}\npolgármester"
    ),
    "lt": (
        "{name_upper} MIESTO SAVIVALDYBĖS MERAS\n\nKETINIMŲ RAŠTAS\n\n"
        "{name} miesto savivaldybė patvirtina ketinimą dalyvauti RRR programoje ir skirti tam darbuotojų.\n\nPagarbiai\n{mayor}\nMeras"
    ),
    "hr": (
        "GRAD {name_upper}\nGradonačelnik\n\nPISMO NAMJERE\n\n"
        "Ovim putem Grad {name} iskazuje namjeru sudjelovanja u programu RRR te se obvezuje osigurati projektni tim.\n\n"
        "S poštovanjem,\n{mayor}\nGradonačelnik"
    ),
    "da": (
        "{name} Kommune\nBorgmesterens Afdeling\n\nHensigtserklæring\n\n"
        "{name} Kommune erklærer hermed, at kommunen ønsker at deltage i RRR Peer Learning Cities og vil afsætte medarbejdere til forløbet.\n\n"
        "Med venlig hilsen\n{mayor}\nBorgmester"
    ),
}


def form(lang: str, city: City) -> str:
    return FORM[lang].format(
        name=city.name, country=city.country, population=city.population, contact=city.contact
    )


def letter(lang: str, city: City) -> str:
    return LETTER[lang].format(
        name=city.name, name_upper=city.name.upper(), mayor=city.mayor, domain=city.domain
    )


# --- MIME assembly -------------------------------------------------------------------------------


def b64(data: bytes) -> str:
    text = base64.b64encode(data).decode("ascii")
    return "\n".join(text[i : i + 76] for i in range(0, len(text), 76))


def enc_word(text: str, charset: str = "utf-8") -> str:
    """An RFC 2047 encoded word (base64), or the text itself when it is plain ASCII."""
    if text.isascii():
        return text
    return Header(text, charset).encode(maxlinelen=998)


@dataclass(frozen=True)
class Part:
    """A leaf MIME part or a container, rendered to text by ``render``."""

    headers: tuple[tuple[str, str], ...]
    body: str
    children: tuple[Part, ...] = ()
    boundary: str = ""


def attach(
    name: str | None,
    data: bytes,
    ctype: str = "application/pdf",
    *,
    style: str = "2047",
    disposition: str = "attachment",
    charset: str = "utf-8",
    cid: str | None = None,
) -> Part:
    """A base64 file part; ``style`` picks how the name is written (2047, 2231 or raw ASCII)."""
    headers: list[tuple[str, str]] = []
    if name is None:
        headers.append(("Content-Type", ctype))
        headers.append(("Content-Disposition", disposition))
    elif style == "2231":
        encoded = quote(name.encode(charset), safe="")
        headers.append(("Content-Type", f"{ctype}; name*={charset}''{encoded}"))
        headers.append(("Content-Disposition", f"{disposition}; filename*={charset}''{encoded}"))
    else:
        shown = enc_word(name, charset)
        headers.append(("Content-Type", f'{ctype}; name="{shown}"'))
        headers.append(("Content-Disposition", f'{disposition}; filename="{shown}"'))
    headers.append(("Content-Transfer-Encoding", "base64"))
    if cid:
        headers.append(("Content-ID", f"<{cid}>"))
    return Part(tuple(headers), b64(data))


def text(body: str, subtype: str = "plain", *, qp: bool = False, charset: str = "utf-8") -> Part:
    if qp:
        encoded = quopri.encodestring(body.encode(charset)).decode("ascii")
        return Part(
            (
                ("Content-Type", f"text/{subtype}; charset={charset}"),
                ("Content-Transfer-Encoding", "quoted-printable"),
            ),
            encoded,
        )
    if body.isascii():
        cte = "7bit"
        payload = body
    else:
        cte = "base64"
        payload = b64(body.encode(charset))
    return Part(
        (
            ("Content-Type", f"text/{subtype}; charset={charset}"),
            ("Content-Transfer-Encoding", cte),
        ),
        payload,
    )


def alternative(plain: str, boundary: str) -> Part:
    html = "<html><body><p>" + plain.replace("\n", "<br>\n") + "</p></body></html>"
    return multi("alternative", boundary, text(plain), text(html, "html"))


def multi(subtype: str, boundary: str, *children: Part, params: str = "") -> Part:
    return Part(
        ((("Content-Type", f'multipart/{subtype}; boundary="{boundary}"{params}')),),
        "",
        children,
        boundary,
    )


def embedded(raw: bytes, name: str | None = None) -> Part:
    """A message/rfc822 part carrying another whole message (a forward as attachment)."""
    headers: list[tuple[str, str]] = [("Content-Type", "message/rfc822")]
    if name:
        headers.append(("Content-Disposition", f'attachment; filename="{enc_word(name)}"'))
    else:
        headers.append(("Content-Disposition", "inline"))
    return Part(tuple(headers), raw.decode("utf-8").rstrip("\n"))


def render(part: Part) -> str:
    lines = [f"{key}: {value}" for key, value in part.headers]
    out = "\n".join(lines) + "\n\n"
    if part.children:
        out += "This is a multi-part message in MIME format.\n"
        for child in part.children:
            out += f"\n--{part.boundary}\n" + render(child)
        out += f"\n--{part.boundary}--\n"
    else:
        out += part.body
    return out


def received(when: str, via: str = "mail.example.net") -> tuple[str, str]:
    return (
        "Received",
        f"from {via} ({via} [198.51.100.23])\n\tby mx.rrr-cities.example (Postfix) with ESMTPS id 4FmQ2x\n"
        f"\tfor <{OUR}>; {when}",
    )


def email(
    *,
    sender: str,
    subject: str,
    date: str,
    arrived: str | None,
    top: Part,
    msgid: str,
    extra: list[tuple[str, str]] | None = None,
    hops: list[tuple[str, str]] | None = None,
    to: str = OUR,
) -> bytes:
    """A whole message: trace headers (newest first), then the usual header block and the body."""
    headers: list[tuple[str, str]] = []
    if arrived:
        headers.append(("Return-Path", f"<{_address(sender)}>"))
        headers.append(received(arrived))
    headers += hops or []
    headers += [
        ("From", sender),
        ("To", to),
        ("Subject", enc_word(subject)),
        ("Date", date),
        ("Message-ID", f"<{msgid}>"),
        ("MIME-Version", "1.0"),
    ]
    headers += extra or []
    body = render(top)
    head = "\n".join(f"{k}: {v}" for k, v in headers)
    return (head + "\n" + body).encode("utf-8")


def _address(sender: str) -> str:
    match = re.search(r"<([^>]+)>", sender)
    return match.group(1) if match else sender


# --- the cases -----------------------------------------------------------------------------------

Expect = dict[str, object]
CASES: dict[str, tuple[bytes, Expect]] = {}


def expect(
    decision: str,
    form_name: str | None,
    letter_name: str | None,
    why: str,
    *,
    review: bool = False,
) -> Expect:
    missing = [k for k, v in ((AF, form_name), (LI, letter_name)) if v is None]
    return {
        "decision": decision,
        "documents": {AF: form_name, LI: letter_name},
        "missing": missing,
        "review": review,
        "why": why,
    }


def ignored(why: str) -> Expect:
    return {"decision": "ignored", "documents": None, "missing": None, "review": False, "why": why}


def add(name: str, raw: bytes, expectation: Expect) -> None:
    assert name not in CASES, name
    CASES[name] = (raw, expectation)


ON = "Thu, 20 May 2021 11:42:17 +0200"
ON_DATE = "Thu, 20 May 2021 11:41:58 +0200"
LATE = "Sat, 22 May 2021 09:15:40 +0200"
LATE_DATE = "Sat, 22 May 2021 09:15:02 +0200"


CITIES = {
    "leeds": City(
        "Leeds",
        "United Kingdom",
        "793,139",
        "Hannah Whitcombe, Policy Officer",
        "Cllr James Lewthwaite",
        "leeds.gov.example",
    ),
    "zaragoza": City(
        "Zaragoza",
        "España",
        "674.997",
        "Lucía Sanz Gimeno",
        "Jorge Azcón Navarro",
        "zaragoza.example",
    ),
    "puebla": City(
        "Puebla",
        "Puebla, México",
        "1,692,181",
        "Lic. Mariana Cortés Ibarra",
        "Claudia Rivera Vivanco",
        "pueblacapital.example",
    ),
    "porto": City(
        "Porto", "Portugal", "231.800", "Ana Rita Meireles", "Rui Moreira", "cm-porto.example"
    ),
    "recife": City(
        "Recife", "Brasil", "1.661.017", "Thiago Albuquerque", "João Campos", "recife.pe.example"
    ),
    "lyon": City(
        "Lyon", "France", "522 969", "Camille Girardot", "Grégory Doucet", "mairie-lyon.example"
    ),
    "laval": City(
        "Laval",
        "Québec, Canada",
        "438 366",
        "Geneviève Paquette",
        "Stéphane Boyer",
        "laval.qc.example",
    ),
    "dortmund": City(
        "Dortmund",
        "Deutschland",
        "587.696",
        "Dr. Katrin Wiesmann",
        "Thomas Westphal",
        "dortmund.example",
    ),
    "torino": City(
        "Torino",
        "Italia",
        "848.885",
        "dott.ssa Elena Ferraris",
        "Chiara Appendino",
        "comune.torino.example",
    ),
    "lodz": City(
        "Łódź", "Polska", "672 185", "Małgorzata Wójcik", "Hanna Zdanowska", "uml.lodz.example"
    ),
    "utrecht": City(
        "Utrecht", "Nederland", "359.355", "Sanne de Vries", "Sharon Dijksma", "utrecht.example"
    ),
    "sabadell": City(
        "Sabadell",
        "Catalunya, Espanya",
        "216.520",
        "Núria Vilaró i Puig",
        "Marta Farrés",
        "sabadell.example",
    ),
    "cluj": City(
        "Cluj-Napoca",
        "România",
        "324.576",
        "Ioana Mureșan",
        "Emil Boc",
        "primariaclujnapoca.example",
    ),
    "malmo": City(
        "Malmö",
        "Sverige",
        "347 949",
        "Johan Lindqvist",
        "Katrin Stjernfeldt Jammeh",
        "malmo.example",
    ),
    "thessaloniki": City(
        "Θεσσαλονίκη",
        "Ελλάδα",
        "325.182",
        "Μαρία Παπαδοπούλου",
        "Κωνσταντίνος Ζέρβας",
        "thessaloniki.example",
    ),
    "debrecen": City(
        "Debrecen", "Magyarország", "201 432", "Kovács Eszter", "Papp László", "debrecen.example"
    ),
    "kaunas": City(
        "Kaunas",
        "Lietuva",
        "298 753",
        "Rūta Petrauskienė",
        "Visvaldas Matijošaitis",
        "kaunas.example",
    ),
    "split": City("Split", "Hrvatska", "178 102", "Ivana Barić", "Ivica Puljak", "split.example"),
    "aarhus": City(
        "Aarhus", "Danmark", "349 983", "Mette Kjærgaard", "Jacob Bundsgaard", "aarhus.example"
    ),
    "seville": City(
        "Sevilla", "España", "684.234", "Rocío Benjumea", "Antonio Muñoz", "sevilla.example"
    ),
    "curitiba": City(
        "Curitiba",
        "Brasil",
        "1.948.626",
        "Fernanda Kowalski",
        "Rafael Greca",
        "curitiba.pr.example",
    ),
    "toronto": City(
        "Toronto",
        "Ontario, Canada",
        "2,731,571",
        "Priya Raman, Economic Development",
        "John Tory",
        "toronto.example",
    ),
    "baltimore": City(
        "Baltimore",
        "Maryland, United States",
        "585,708",
        "Marcus Greene",
        "Brandon M. Scott",
        "baltimorecity.example",
    ),
    "bristol": City(
        "Bristol", "United Kingdom", "463,400", "Olivia Price", "Marvin Rees", "bristol.gov.example"
    ),
    "nantes": City(
        "Nantes Métropole",
        "France",
        "656 275",
        "Yann Le Goff",
        "Johanna Rolland",
        "nantesmetropole.example",
    ),
    "bologna": City(
        "Bologna",
        "Italia",
        "388.367",
        "Giulia Montanari",
        "Virginio Merola",
        "comune.bologna.example",
    ),
    "gdansk": City(
        "Gdańsk",
        "Polska",
        "470 907",
        "Paweł Szczepański",
        "Aleksandra Dulkiewicz",
        "gdansk.example",
    ),
    "eindhoven": City(
        "Eindhoven", "Nederland", "234.235", "Bram Hendriks", "John Jorritsma", "eindhoven.example"
    ),
    "braga": City(
        "Braga",
        "Portugal",
        "193.333 (área metropolitana 800.000)",
        "Sofia Araújo",
        "Ricardo Rio",
        "cm-braga.example",
    ),
    "guadalajara": City(
        "Guadalajara",
        "Jalisco, México",
        "1,385,629",
        "Mtro. Rodrigo Salcedo",
        "Eduardo Fabián Martínez Lomelí",
        "guadalajara.gob.example",
    ),
    "mannheim": City(
        "Mannheim", "Deutschland", "309.370", "Jana Keller", "Dr. Peter Kurz", "mannheim.example"
    ),
    "iasi": City(
        "Iași", "România", "290.422", "Andrei Popescu", "Mihai Chirica", "primaria-iasi.example"
    ),
    "goteborg": City(
        "Göteborg", "Sverige", "583 056", "Elin Bergström", "Axel Josefson", "goteborg.example"
    ),
    "patras": City(
        "Πάτρα", "Ελλάδα", "213.984", "Γιώργος Αντωνίου", "Κωνσταντίνος Πελετίδης", "patras.example"
    ),
    "valencia": City(
        "València", "España", "800.215", "Pau Ferrer Llopis", "Joan Ribó", "valencia.example"
    ),
    "montreal": City(
        "Montréal",
        "Québec, Canada",
        "1 762 949",
        "Martin Tremblay",
        "Valérie Plante",
        "montreal.example",
    ),
    "detroit": City(
        "Detroit",
        "Michigan, United States",
        "639,111",
        "Denise Carter",
        "Mike Duggan",
        "detroitmi.example",
    ),
    "glasgow": City(
        "Glasgow",
        "United Kingdom",
        "635,640",
        "Fiona MacLeod",
        "Cllr Susan Aitken",
        "glasgow.gov.example",
    ),
    "belo": City(
        "Belo Horizonte", "Brasil", "2.521.564", "Luiza Carvalho", "Alexandre Kalil", "pbh.example"
    ),
    "lille": City(
        "Lille", "France", "233 098", "Antoine Delattre", "Martine Aubry", "mairie-lille.example"
    ),
    "krakow": City(
        "Kraków", "Polska", "779 115", "Agnieszka Nowak", "Jacek Majchrowski", "um.krakow.example"
    ),
    "napoli": City(
        "Napoli",
        "Italia",
        "959.188",
        "Salvatore Esposito",
        "Luigi de Magistris",
        "comune.napoli.example",
    ),
    "rotterdam": City(
        "Rotterdam",
        "Nederland",
        "651.446",
        "Fatima El Idrissi",
        "Ahmed Aboutaleb",
        "rotterdam.example",
    ),
    "zagreb": City(
        "Zagreb", "Hrvatska", "790 017", "Marko Horvat", "Tomislav Tomašević", "zagreb.example"
    ),
}


def simple(
    key: str,
    files: list[Part],
    *,
    body: str,
    subject: str,
    sender: str,
    arrived: str | None = ON,
    date: str = ON_DATE,
    extra: list[tuple[str, str]] | None = None,
    hops: list[tuple[str, str]] | None = None,
    related: bool = False,
) -> bytes:
    """A typical application: a body (plain+html) and the files, in multipart/mixed."""
    first = alternative(body, f"alt_{key}")
    top = multi("mixed", f"mix_{key}", first, *files)
    return email(
        sender=sender,
        subject=subject,
        date=date,
        arrived=arrived,
        top=top,
        msgid=f"{key}.20210520@{_address(sender).split('@')[1]}",
        extra=extra,
        hops=hops,
    )


def straightforward() -> None:
    """Ordinary applications: one form and one letter, in the city's language and habits."""
    rows = [
        # key, lang form, lang letter, form file, letter file, form kind, body, subject, sender
        (
            "en_leeds_council",
            "en",
            "en_plain",
            "Leeds RRR application form - final.pdf",
            "Leeds CC support letter signed.pdf",
            "pdf",
            "Dear RRR team,\n\nPlease find attached Leeds City Council's application and a letter from the Leader of the Council.\n\nBest wishes\nHannah",
            "Leeds City Council - RRR Peer Learning Cities",
            "Hannah Whitcombe <hannah.whitcombe@leeds.gov.example>",
            "leeds",
        ),
        (
            "es_zaragoza_gmail",
            "es",
            "es",
            "Solicitud_RRR_Zaragoza.pdf",
            "Carta intencion Alcalde.pdf",
            "pdf",
            "Buenos días:\n\nAdjuntamos la documentación de la candidatura de Zaragoza.\n\nUn saludo,\nLucía Sanz",
            "Candidatura Zaragoza",
            "Lucía Sanz <lsanz.zgz@gmail.example>",
            "zaragoza",
        ),
        (
            "mx_puebla_outlook",
            "mx",
            "mx",
            "CEDULA POSTULACION PUEBLA.pdf",
            "CARTA COMPROMISO PRESIDENTA.pdf",
            "pdf",
            "Estimado equipo RRR:\n\nPor instrucciones de la Presidenta Municipal remito la cédula y la carta compromiso del Municipio de Puebla.\n\nSaludos cordiales.",
            "Postulación Municipio de Puebla - Ciudades de Aprendizaje",
            "Mariana Cortés <mariana.cortes@pueblacapital.example>",
            "puebla",
        ),
        (
            "pt_porto_apple",
            "pt",
            "pt",
            "Ficha candidatura Porto.pdf",
            "Carta CMP assinada.pdf",
            "pdf",
            "Bom dia,\n\nSegue em anexo a candidatura do Município do Porto.\n\nCumprimentos,\nAna Rita Meireles\n\nEnviado do meu iPad",
            "Candidatura Porto - RRR",
            "Ana Rita Meireles <anarita.meireles@cm-porto.example>",
            "porto",
        ),
        (
            "br_recife_gmail",
            "br",
            "br",
            "Formulario_Inscricao_Recife.docx",
            "Oficio_214_2021_GP.pdf",
            "docx",
            "Prezados,\n\nEncaminho a inscrição da Prefeitura do Recife e o ofício assinado pelo prefeito.\n\nAtt,\nThiago",
            "Inscrição Prefeitura do Recife - RRR",
            "Thiago Albuquerque <thiago.albuquerque@recife.pe.example>",
            "recife",
        ),
        (
            "fr_lyon_thunderbird",
            "fr",
            "fr",
            "Dossier_candidature_Ville_de_Lyon.odt",
            "Courrier_Maire_RRR.pdf",
            "odt",
            "Bonjour,\n\nVous trouverez ci-joint le dossier de candidature de la Ville de Lyon ainsi que le courrier du Maire.\n\nBien cordialement,\nCamille Girardot",
            "Candidature Ville de Lyon",
            "Camille Girardot <camille.girardot@mairie-lyon.example>",
            "lyon",
        ),
        (
            "qc_laval_outlook",
            "qc",
            "qc",
            "Formulaire RRR - Ville de Laval.docx",
            "Lettre mairesse signée.pdf",
            "docx",
            "Bonjour,\n\nCi-joint le formulaire et la lettre d'appui de la Ville de Laval.\n\nGeneviève Paquette\nService du développement économique",
            "Ville de Laval - appel Villes apprenantes",
            "Geneviève Paquette <g.paquette@laval.qc.example>",
            "laval",
        ),
        (
            "de_dortmund_gmx",
            "de",
            "de",
            "Bewerbung_Dortmund_RRR.pdf",
            "Absichtserklaerung_OB.pdf",
            "pdf",
            "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie die Bewerbungsunterlagen der Stadt Dortmund.\n\nMit freundlichen Grüßen\nKatrin Wiesmann",
            "Bewerbung der Stadt Dortmund",
            "Dr. Katrin Wiesmann <k.wiesmann@gmx.example>",
            "dortmund",
        ),
        (
            "it_torino_pec",
            "it",
            "it",
            "Modulo candidatura Torino.pdf",
            "Lettera intenti Sindaca firmata.pdf",
            "pdf",
            "Gentili,\n\nsi trasmette in allegato la candidatura della Città di Torino.\n\nCordiali saluti\nElena Ferraris\nDivisione Lavoro e Sviluppo",
            "Trasmissione candidatura Città di Torino - progetto RRR",
            "Elena Ferraris <elena.ferraris@comune.torino.example>",
            "torino",
        ),
        (
            "pl_lodz_onet",
            "pl",
            "pl",
            "Formularz zgłoszeniowy Łódź.pdf",
            "List intencyjny Prezydent.pdf",
            "pdf",
            "Dzień dobry,\n\nw załączeniu przesyłam zgłoszenie Miasta Łodzi.\n\nPozdrawiam\nMałgorzata Wójcik",
            "Zgłoszenie Miasta Łodzi - RRR",
            "Małgorzata Wójcik <m.wojcik@uml.lodz.example>",
            "lodz",
        ),
        (
            "nl_utrecht_outlook",
            "nl",
            "nl",
            "Aanmelding Utrecht RRR.docx",
            "Intentieverklaring burgemeester.pdf",
            "docx",
            "Beste RRR-team,\n\nHierbij de aanmelding van de gemeente Utrecht.\n\nMet vriendelijke groet,\nSanne de Vries",
            "Aanmelding gemeente Utrecht",
            "Sanne de Vries <s.de.vries@utrecht.example>",
            "utrecht",
        ),
        (
            "ca_sabadell",
            "ca",
            "ca",
            "Formulari_RRR_Sabadell.pdf",
            "Carta_intencions_Alcaldessa.pdf",
            "pdf",
            "Bon dia,\n\nUs fem arribar la sol·licitud de l'Ajuntament de Sabadell.\n\nCordialment,\nNúria Vilaró",
            "Sol·licitud Ajuntament de Sabadell",
            "Núria Vilaró <nvilaro@sabadell.example>",
            "sabadell",
        ),
        (
            "ro_cluj_yahoo",
            "ro",
            "ro",
            "Formular aplicare Cluj-Napoca.pdf",
            "Scrisoare intentie Primar.pdf",
            "pdf",
            "Bună ziua,\n\nVă transmitem atașat aplicația Municipiului Cluj-Napoca.\n\nCu stimă,\nIoana Mureșan",
            "Aplicatie Cluj-Napoca RRR",
            "Ioana Mureșan <ioana_muresan@yahoo.example>",
            "cluj",
        ),
        (
            "sv_malmo",
            "sv",
            "sv",
            "Ansökan Malmö stad.pdf",
            "Avsiktsförklaring KSO.pdf",
            "pdf",
            "Hej,\n\nBifogat finns Malmö stads ansökan.\n\nVänliga hälsningar\nJohan Lindqvist",
            "Ansökan Malmö stad - RRR",
            "Johan Lindqvist <johan.lindqvist@malmo.example>",
            "malmo",
        ),
        (
            "el_thessaloniki",
            "el",
            "el",
            "Αίτηση_Δήμος_Θεσσαλονίκης.pdf",
            "Επιστολή_Δημάρχου.pdf",
            "pdf",
            "Αξιότιμοι κύριοι,\n\nΣας αποστέλλουμε συνημμένα την αίτηση του Δήμου Θεσσαλονίκης.\n\nΜε εκτίμηση,\nΜαρία Παπαδοπούλου",
            "Αίτηση Δήμου Θεσσαλονίκης - RRR",
            "Μαρία Παπαδοπούλου <m.papadopoulou@thessaloniki.example>",
            "thessaloniki",
        ),
        (
            "hu_debrecen",
            "hu",
            "hu",
            "Jelentkezesi_lap_Debrecen.pdf",
            "Szandeknyilatkozat_polgarmester.pdf",
            "pdf",
            "Tisztelt Címzett!\n\nMellékelten küldjük Debrecen jelentkezését.\n\nÜdvözlettel:\nKovács Eszter",
            "Debrecen jelentkezése",
            "Kovács Eszter <kovacs.eszter@debrecen.example>",
            "debrecen",
        ),
        (
            "lt_kaunas",
            "lt",
            "lt",
            "Paraiska_Kaunas.pdf",
            "Mero_rastas.pdf",
            "pdf",
            "Laba diena,\n\nSiunčiame Kauno miesto savivaldybės paraišką.\n\nPagarbiai\nRūta Petrauskienė",
            "Kauno paraiška RRR",
            "Rūta Petrauskienė <ruta.petrauskiene@kaunas.example>",
            "kaunas",
        ),
        (
            "hr_split",
            "hr",
            "hr",
            "Prijavni_obrazac_Grad_Split.docx",
            "Pismo_namjere_potpisano.pdf",
            "docx",
            "Poštovani,\n\nu privitku dostavljamo prijavu Grada Splita.\n\nLijep pozdrav,\nIvana Barić",
            "Prijava Grada Splita",
            "Ivana Barić <ivana.baric@split.example>",
            "split",
        ),
        (
            "da_aarhus",
            "da",
            "da",
            "Ansoegning_Aarhus_Kommune.pdf",
            "Hensigtserklaering_borgmester.pdf",
            "pdf",
            "Hej,\n\nHermed Aarhus Kommunes ansøgning.\n\nVenlig hilsen\nMette Kjærgaard",
            "Aarhus Kommune ansøgning",
            "Mette Kjærgaard <mekj@aarhus.example>",
            "aarhus",
        ),
        (
            "es_sevilla_rtf",
            "es",
            "es",
            "solicitud sevilla.rtf",
            "carta alcalde sevilla.pdf",
            "rtf",
            "Hola,\n\nos mando la solicitud de Sevilla y la carta firmada del alcalde.\n\nRocío",
            "solicitud RRR Sevilla",
            "Rocío Benjumea <rbenjumea@sevilla.example>",
            "seville",
        ),
        (
            "br_curitiba_outlook",
            "br",
            "br",
            "Inscrição Curitiba - RRR.pdf",
            "Carta do Prefeito Rafael Greca.pdf",
            "pdf",
            "Boa tarde,\n\nSegue a documentação da candidatura de Curitiba.\n\nFernanda Kowalski\nAgência Curitiba de Desenvolvimento",
            "Candidatura Curitiba",
            "Fernanda Kowalski <fkowalski@curitiba.pr.example>",
            "curitiba",
        ),
        (
            "en_toronto",
            "en",
            "en",
            "City of Toronto - RRR Application.pdf",
            "Mayor Tory - Letter of Intent.pdf",
            "pdf",
            "Hello,\n\nAttached is the City of Toronto's submission to the RRR Peer Learning Cities call.\n\nRegards,\nPriya Raman",
            "City of Toronto submission",
            "Priya Raman <priya.raman@toronto.example>",
            "toronto",
        ),
        (
            "en_baltimore_docx_table",
            "en",
            "en",
            "BaltimoreRRR_Application.docx",
            "Baltimore_Mayor_LOI.pdf",
            "table",
            "Good afternoon,\n\nOn behalf of the Mayor's Office of Employment Development, please find our application and the Mayor's letter of intent.\n\nThank you,\nMarcus Greene",
            "Baltimore City - RRR application",
            "Marcus Greene <marcus.greene@baltimorecity.example>",
            "baltimore",
        ),
        (
            "fr_nantes_odt",
            "fr",
            "fr",
            "RRR_candidature_NM.odt",
            "RRR_lettre_intention_NM.odt",
            "odt2",
            "Bonjour,\n\nNantes Métropole candidate à l'appel RRR : formulaire et lettre en pièces jointes.\n\nYann Le Goff",
            "Candidature Nantes Métropole",
            "Yann Le Goff <yann.legoff@nantesmetropole.example>",
            "nantes",
        ),
        (
            "it_bologna",
            "it",
            "it",
            "Bologna_modulo_RRR_def.pdf",
            "Bologna_lettera_Sindaco.pdf",
            "pdf",
            "Buongiorno,\n\nin allegato la candidatura del Comune di Bologna.\n\nGiulia Montanari",
            "Candidatura Bologna RRR",
            "Giulia Montanari <giulia.montanari@comune.bologna.example>",
            "bologna",
        ),
        (
            "pl_gdansk_docx",
            "pl",
            "pl",
            "Gdańsk_formularz.docx",
            "Gdańsk_list_intencyjny_podpisany.pdf",
            "docx",
            "Dzień dobry,\n\nprzesyłam dokumenty zgłoszeniowe Gdańska.\n\nPaweł Szczepański",
            "Gdańsk - zgłoszenie",
            "Paweł Szczepański <pawel.szczepanski@gdansk.example>",
            "gdansk",
        ),
        (
            "de_mannheim",
            "de",
            "de",
            "Bewerbungsbogen Mannheim.pdf",
            "Schreiben OB Dr. Kurz.pdf",
            "pdf",
            "Guten Tag,\n\nim Anhang die Bewerbung Mannheims.\n\nViele Grüße\nJana Keller",
            "Bewerbung Mannheim",
            "Jana Keller <jana.keller@mannheim.example>",
            "mannheim",
        ),
        (
            "sv_goteborg",
            "sv",
            "sv",
            "Goteborg_ansokan.pdf",
            "Goteborg_avsikt.pdf",
            "pdf",
            "Hej!\n\nHär kommer Göteborgs Stads ansökan.\n\nElin",
            "Göteborgs Stad ansöker",
            "Elin Bergström <elin.bergstrom@goteborg.example>",
            "goteborg",
        ),
        (
            "en_glasgow_proton",
            "en",
            "en_plain",
            "Glasgow application RRR.pdf",
            "GCC leader letter.pdf",
            "pdf",
            "Hi,\n\nGlasgow City Council's application and supporting letter attached.\n\nFiona\n\nSent with ProtonMail Secure Email.",
            "Glasgow City Council application",
            "Fiona MacLeod <fiona.macleod@protonmail.example>",
            "glasgow",
        ),
        (
            "nl_rotterdam",
            "nl",
            "nl",
            "RRR aanmeldformulier Rotterdam.pdf",
            "Brief burgemeester Aboutaleb.pdf",
            "pdf",
            "Goedemiddag,\n\nBijgaand de stukken van de gemeente Rotterdam.\n\nFatima El Idrissi",
            "Aanmelding Rotterdam",
            "Fatima El Idrissi <f.elidrissi@rotterdam.example>",
            "rotterdam",
        ),
    ]
    for key, lf, ll, fname, lname, kind, body, subject, sender, ckey in rows:
        city = CITIES[ckey]
        files = [_form_file(fname, kind, lf, city), _letter_file(lname, kind, ll, city)]
        raw = simple(key, files, body=body, subject=subject, sender=sender)
        add(
            key,
            raw,
            expect(
                "accepted",
                fname,
                lname,
                "A filled form and a signed letter from the city, on time.",
            ),
        )


def _form_file(name: str, kind: str, lang: str, city: City) -> Part:
    content = form(lang, city)
    if kind in ("docx",):
        return attach(name, docx(content.split("\n")), DOCX)
    if kind == "table":
        lines = content.split("\n")
        table = [
            [line.split(":", 1)[0], line.split(":", 1)[1].strip()] for line in lines if ": " in line
        ]
        head = [line for line in lines if ": " not in line]
        return attach(name, docx(head, table), DOCX)
    if kind in ("odt", "odt2"):
        return attach(name, odt(content.split("\n")), ODT)
    if kind == "rtf":
        return attach(name, d.make_rtf(content), "application/rtf")
    return attach(name, pdf(content, pages=2))


def _letter_file(name: str, kind: str, lang: str, city: City) -> Part:
    content = letter(lang, city)
    if kind == "odt2":
        return attach(name, odt(content.split("\n")), ODT)
    return attach(name, pdf(content))


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"


def incomplete_and_late() -> None:
    """Plain incomplete and late applications."""
    c = CITIES
    raw = simple(
        "en_bristol_form_only",
        [attach("Bristol_RRR_form.pdf", pdf(form("en", c["bristol"])))],
        body="Hello,\n\nHere is Bristol's application form. The Mayor's letter is being signed and will follow next week.\n\nOlivia",
        subject="Bristol application",
        sender="Olivia Price <olivia.price@bristol.gov.example>",
    )
    add(
        "en_bristol_form_only",
        raw,
        expect(
            "incomplete",
            "Bristol_RRR_form.pdf",
            None,
            "Only the form; the letter is announced for later.",
        ),
    )

    raw = simple(
        "fr_lille_lettre_seule",
        [attach("Lettre d'intention Lille.pdf", pdf(letter("fr", c["lille"])))],
        body="Bonjour,\n\nVoici la lettre d'intention de la Ville de Lille.\n\nAntoine Delattre",
        subject="Lille - lettre d'intention",
        sender="Antoine Delattre <adelattre@mairie-lille.example>",
    )
    add(
        "fr_lille_lettre_seule",
        raw,
        expect("incomplete", None, "Lettre d'intention Lille.pdf", "Only the letter; no form."),
    )

    raw = simple(
        "pl_krakow_tylko_formularz",
        [attach("KRAKÓW - formularz RRR.docx", docx(form("pl", c["krakow"]).split("\n")), DOCX)],
        body="Dzień dobry,\n\nformularz w załączeniu, list intencyjny prześlemy osobno.\n\nAgnieszka Nowak",
        subject="RRR Kraków",
        sender="Agnieszka Nowak <agnieszka.nowak@um.krakow.example>",
    )
    add(
        "pl_krakow_tylko_formularz",
        raw,
        expect(
            "incomplete",
            "KRAKÓW - formularz RRR.docx",
            None,
            "Form only; letter to follow separately.",
        ),
    )

    raw = simple(
        "it_napoli_solo_lettera",
        [attach("Lettera_intenti_Napoli.pdf", pdf(letter("it", c["napoli"])))],
        body="Buonasera,\n\nin allegato la lettera del Sindaco. Il modulo seguirà.\n\nSalvatore Esposito",
        subject="Napoli - RRR",
        sender="Salvatore Esposito <s.esposito@comune.napoli.example>",
    )
    add(
        "it_napoli_solo_lettera",
        raw,
        expect("incomplete", None, "Lettera_intenti_Napoli.pdf", "Letter only."),
    )

    raw = simple(
        "en_detroit_late",
        [
            attach("Detroit RRR Application.pdf", pdf(form("en", c["detroit"]))),
            attach("Detroit LOI.pdf", pdf(letter("en", c["detroit"]))),
        ],
        body="Hi,\n\nApologies for the delay - Detroit's application is attached.\n\nDenise Carter",
        subject="Detroit application (late, sorry)",
        sender="Denise Carter <carterd@detroitmi.example>",
        arrived=LATE,
        date=LATE_DATE,
    )
    add(
        "en_detroit_late",
        raw,
        expect(
            "late",
            "Detroit RRR Application.pdf",
            "Detroit LOI.pdf",
            "Both documents, arrived on 22 May.",
        ),
    )

    raw = simple(
        "es_valencia_tarde_solo_form",
        [attach("Formulari sol·licitud València.pdf", pdf(form("ca", c["valencia"])))],
        body="Bon dia,\n\nadjunte el formulari de València.\n\nPau Ferrer",
        subject="València RRR",
        sender="Pau Ferrer <pferrer@valencia.example>",
        arrived=LATE,
        date=LATE_DATE,
    )
    add(
        "es_valencia_tarde_solo_form",
        raw,
        expect(
            "late",
            "Formulari sol·licitud València.pdf",
            None,
            "Arrived after the deadline, with only the form.",
        ),
    )

    # Exactly at the deadline (23:00:00 CEST): on time.
    raw = simple(
        "br_belo_horizonte_deadline_exact",
        [
            attach("Formulario_BH.pdf", pdf(form("br", c["belo"]))),
            attach("Carta_Kalil.pdf", pdf(letter("br", c["belo"]))),
        ],
        body="Prezados, segue nossa inscrição.\nLuiza",
        subject="Inscrição Belo Horizonte",
        sender="Luiza Carvalho <luiza.carvalho@pbh.example>",
        arrived="Fri, 21 May 2021 18:00:00 -0300",
        date="Fri, 21 May 2021 17:59:31 -0300",
    )
    add(
        "br_belo_horizonte_deadline_exact",
        raw,
        expect(
            "accepted",
            "Formulario_BH.pdf",
            "Carta_Kalil.pdf",
            "Arrived 21:00:00Z exactly, which is still on time.",
        ),
    )

    # One second after.
    raw = simple(
        "mx_guadalajara_un_segundo",
        [
            attach("Cedula_Guadalajara.pdf", pdf(form("mx", c["guadalajara"]))),
            attach("Carta_compromiso_GDL.pdf", pdf(letter("mx", c["guadalajara"]))),
        ],
        body="Buenas tardes, adjunto documentos.\nRodrigo Salcedo",
        subject="Postulación Guadalajara",
        sender="Rodrigo Salcedo <rodrigo.salcedo@guadalajara.gob.example>",
        arrived="Fri, 21 May 2021 16:00:01 -0500",
        date="Fri, 21 May 2021 15:58:40 -0500",
    )
    add(
        "mx_guadalajara_un_segundo",
        raw,
        expect(
            "late",
            "Cedula_Guadalajara.pdf",
            "Carta_compromiso_GDL.pdf",
            "Arrived 21:00:01Z, one second late.",
        ),
    )

    # Date says on time, our server received it late (queued at the sender).
    raw = simple(
        "de_mannheim_queued_late",
        [
            attach("Bewerbung Mannheim (2).pdf", pdf(form("de", c["mannheim"]))),
            attach("OB-Schreiben.pdf", pdf(letter("de", c["mannheim"]))),
        ],
        body="Guten Abend,\n\nanbei unsere Unterlagen.\n\nJana Keller",
        subject="Mannheim Bewerbung",
        sender="Jana Keller <jana.keller@mannheim.example>",
        arrived="Sat, 22 May 2021 01:12:09 +0200",
        date="Fri, 21 May 2021 22:40:00 +0200",
        hops=[
            (
                "Received",
                "from exch01.mannheim.example by mail.mannheim.example; Fri, 21 May 2021 22:40:03 +0200",
            )
        ],
    )
    add(
        "de_mannheim_queued_late",
        raw,
        expect(
            "late",
            "Bewerbung Mannheim (2).pdf",
            "OB-Schreiben.pdf",
            "Written at 22:40 but our server received it at 01:12: the newest Received counts.",
        ),
    )

    # No Received at all (a webmail export): the Date header decides.
    raw = simple(
        "ro_iasi_webmail_export_no_received",
        [
            attach("Formular_Iasi.pdf", pdf(form("ro", c["iasi"]))),
            attach("Scrisoare_Iasi.pdf", pdf(letter("ro", c["iasi"]))),
        ],
        body="Bună ziua,\natașat documentele Iașului.\nAndrei Popescu",
        subject="Aplicatie Iasi",
        sender="Andrei Popescu <andrei.popescu@primaria-iasi.example>",
        arrived=None,
        date="Fri, 21 May 2021 23:30:00 +0300",
    )
    add(
        "ro_iasi_webmail_export_no_received",
        raw,
        expect(
            "accepted",
            "Formular_Iasi.pdf",
            "Scrisoare_Iasi.pdf",
            "No Received header; Date 20:30Z is before the deadline.",
        ),
    )

    raw = simple(
        "el_patras_no_received_late",
        [
            attach("Αίτηση Πάτρα.pdf", pdf(form("el", c["patras"]))),
            attach("Επιστολή πρόθεσης Πάτρα.pdf", pdf(letter("el", c["patras"]))),
        ],
        body="Καλησπέρα σας,\nσυνημμένα τα έγγραφα.\nΓιώργος Αντωνίου",
        subject="Δήμος Πατρέων - RRR",
        sender="Γιώργος Αντωνίου <g.antoniou@patras.example>",
        arrived=None,
        date="Sat, 22 May 2021 00:20:00 +0300",
    )
    add(
        "el_patras_no_received_late",
        raw,
        expect(
            "late",
            "Αίτηση Πάτρα.pdf",
            "Επιστολή πρόθεσης Πάτρα.pdf",
            "No Received header; Date is 21:20Z, after the deadline.",
        ),
    )


def names_and_contents() -> None:
    """File names that mislead, or say nothing: the text decides."""
    c = CITIES
    city = c["eindhoven"]
    raw = simple(
        "nl_eindhoven_dates_only",
        [
            attach("2021-05-20.pdf", pdf(form("nl", city))),
            attach("2021-05-20 (1).pdf", pdf(letter("nl", city))),
        ],
        body="Beste,\n\nZie bijlagen.\n\nBram",
        subject="RRR Eindhoven",
        sender="Bram Hendriks <b.hendriks@eindhoven.example>",
    )
    add(
        "nl_eindhoven_dates_only",
        raw,
        expect(
            "accepted",
            "2021-05-20.pdf",
            "2021-05-20 (1).pdf",
            "Names are dates only; the first is the form and the second the letter by their text.",
        ),
    )

    city = c["braga"]
    raw = simple(
        "pt_braga_nomes_trocados",
        [
            attach("Carta_intencoes_Braga.pdf", pdf(form("pt", city))),
            attach("Formulario_Braga.pdf", pdf(letter("pt", city))),
        ],
        body="Bom dia,\nSeguem os documentos.\nSofia Araújo",
        subject="Braga - candidatura",
        sender="Sofia Araújo <sofia.araujo@cm-braga.example>",
    )
    add(
        "pt_braga_nomes_trocados",
        raw,
        expect(
            "accepted",
            "Carta_intencoes_Braga.pdf",
            "Formulario_Braga.pdf",
            "The two file names are swapped; their texts say which is which.",
        ),
    )

    city = c["zagreb"]
    raw = simple(
        "hr_zagreb_all_caps",
        [
            attach("PRIJAVA ZAGREB RRR.PDF", pdf(form("hr", city))),
            attach("GRADONACELNIK PISMO.PDF", pdf(letter("hr", city))),
        ],
        body="Poštovani,\nu prilogu.\nMarko Horvat",
        subject="PRIJAVA GRAD ZAGREB",
        sender="Marko Horvat <marko.horvat@zagreb.example>",
    )
    add(
        "hr_zagreb_all_caps",
        raw,
        expect(
            "accepted",
            "PRIJAVA ZAGREB RRR.PDF",
            "GRADONACELNIK PISMO.PDF",
            "Upper-case names and extensions; form and letter by text.",
        ),
    )

    city = c["montreal"]
    raw = simple(
        "qc_montreal_scan_names",
        [
            attach("Numérisation_20210519_0001.pdf", pdf(letter("qc", city))),
            attach("Numérisation_20210519_0002.pdf", pdf(form("qc", city))),
        ],
        body="Bonjour,\nVoici nos documents numérisés.\nMartin Tremblay",
        subject="Montréal - candidature RRR",
        sender="Martin Tremblay <martin.tremblay@montreal.example>",
    )
    add(
        "qc_montreal_scan_names",
        raw,
        expect(
            "accepted",
            "Numérisation_20210519_0002.pdf",
            "Numérisation_20210519_0001.pdf",
            "Scanner names; the OCR'd text tells the letter (first) from the form (second).",
        ),
    )

    city = c["bologna"]
    raw = simple(
        "it_bologna_combined_pdf",
        [
            attach(
                "Bologna_RRR_documentazione_completa.pdf",
                pdf_pages([form("it", city), letter("it", city)]),
            )
        ],
        body="Buongiorno,\nun unico PDF con modulo e lettera.\nGiulia",
        subject="Bologna RRR",
        sender="Giulia Montanari <giulia.montanari@comune.bologna.example>",
    )
    add(
        "it_bologna_combined_pdf",
        raw,
        expect(
            "accepted",
            "Bologna_RRR_documentazione_completa.pdf",
            "Bologna_RRR_documentazione_completa.pdf",
            "One PDF holds the form and, on a new page, the letter.",
        ),
    )

    city = c["aarhus"]
    raw = simple(
        "da_aarhus_unnamed_scan_by_elimination",
        [
            attach("Ansøgningsskema Aarhus.docx", docx(form("da", city).split("\n")), DOCX),
            attach("scan0042.pdf", d.make_image_pdf()),
        ],
        body="Hej,\nSkema og underskrevet brev vedhæftet.\nMette",
        subject="Aarhus RRR",
        sender="Mette Kjærgaard <mekj@aarhus.example>",
    )
    add(
        "da_aarhus_unnamed_scan_by_elimination",
        raw,
        expect(
            "accepted",
            "Ansøgningsskema Aarhus.docx",
            "scan0042.pdf",
            "An unnamed image-only scan next to a clear form is the letter by elimination.",
        ),
    )

    city = c["seville"]
    raw = simple(
        "es_sevilla_named_scan",
        [
            attach("Solicitud Sevilla.pdf", pdf(form("es", city))),
            attach("Carta intención firmada (escaneada).pdf", d.make_image_pdf()),
        ],
        body="Buenos días,\nadjunto solicitud y carta firmada escaneada.\nRocío",
        subject="Sevilla - RRR",
        sender="Rocío Benjumea <rbenjumea@sevilla.example>",
    )
    add(
        "es_sevilla_named_scan",
        raw,
        expect(
            "accepted",
            "Solicitud Sevilla.pdf",
            "Carta intención firmada (escaneada).pdf",
            "The scan's name says it is the letter.",
        ),
    )

    city = c["curitiba"]
    raw = simple(
        "br_curitiba_foto_celular",
        [
            attach("Formulário Curitiba.docx", docx(form("br", city).split("\n")), DOCX),
            attach("IMG_20210520_153012.jpg", d.make_png(300, 400), "image/jpeg"),
        ],
        body="Olá,\nsegue o formulário e a foto da carta assinada.\n\nEnviado do meu Galaxy",
        subject="Curitiba",
        sender="Fernanda Kowalski <fkowalski@curitiba.pr.example>",
    )
    add(
        "br_curitiba_foto_celular",
        raw,
        expect(
            "accepted",
            "Formulário Curitiba.docx",
            "IMG_20210520_153012.jpg",
            "A phone photo of the signed letter next to a clear form: the letter by elimination.",
        ),
    )

    city = c["kaunas"]
    raw = simple(
        "lt_kaunas_two_scans",
        [attach("scan1.pdf", d.make_image_pdf()), attach("scan2.pdf", d.make_image_pdf())],
        body="Laba diena,\nsiunčiame skenuotus dokumentus.\nRūta",
        subject="Kaunas RRR",
        sender="Rūta Petrauskienė <ruta.petrauskiene@kaunas.example>",
    )
    add(
        "lt_kaunas_two_scans",
        raw,
        expect(
            "accepted",
            "scan1.pdf",
            "scan2.pdf",
            "Two unreadable, unnamed scans cannot be told apart: accept and review.",
            review=True,
        ),
    )

    # Plain words only: a form that never says 'application form' and a letter that never says 'intent'.
    city = c["glasgow"]
    quiet_form = (
        "Respond, Rebuild, Reinvent - Peer Learning Cities\n\nQuestions for applicant cities\n\n"
        f"Q1 Local authority: {city.name}\nQ2 Country: {city.country}\nQ3 Population: {city.population}\n"
        f"Q4 Lead officer: {city.contact}\nQ5 What does your local social economy look like?\n"
        "Over 700 social enterprises, a Social Enterprise Strategy and community anchor organisations in every ward.\n"
        "Q6 Which recovery challenge would you bring to the peer group?\nCommunity wealth building in the east end.\n"
    )
    quiet_letter = (
        "Glasgow City Council\nCity Chambers, George Square\n\nDear colleagues,\n\n"
        "Glasgow would be delighted to be part of the Respond, Rebuild, Reinvent peer group. I confirm that the Council "
        "will support officers' participation throughout, and I look forward to welcoming peers to our city.\n\n"
        "Yours,\nCllr Susan Aitken\nLeader, Glasgow City Council"
    )
    raw = simple(
        "en_glasgow_plain_words",
        [
            attach("Glasgow - questions.docx", docx(quiet_form.split("\n")), DOCX),
            attach("Cllr Aitken.pdf", pdf(quiet_letter)),
        ],
        body="Hi, our submission attached. Fiona",
        subject="Glasgow submission",
        sender="Fiona MacLeod <fiona.macleod@glasgow.gov.example>",
    )
    add(
        "en_glasgow_plain_words",
        raw,
        expect(
            "accepted",
            "Glasgow - questions.docx",
            "Cllr Aitken.pdf",
            "A filled form and a commitment letter, neither using the obvious words.",
        ),
    )


def containers() -> None:
    """Zip, TNEF, forwarded messages, S/MIME."""
    c = CITIES
    city = c["toronto"]
    z = d.make_zip(
        {
            "Toronto_RRR/": b"",
            "Toronto_RRR/Application Form - Toronto.pdf": pdf(form("en", city)),
            "Toronto_RRR/Letter of Intent - Mayor Tory.pdf": pdf(letter("en", city)),
            "__MACOSX/Toronto_RRR/._Application Form - Toronto.pdf": b"\x00\x05\x16\x07junk",
        }
    )
    raw = simple(
        "en_toronto_zip_macosx",
        [attach("Toronto_RRR.zip", z, "application/zip")],
        body="Hello, zipped files attached.\nPriya",
        subject="Toronto - RRR (zip)",
        sender="Priya Raman <priya.raman@toronto.example>",
    )
    add(
        "en_toronto_zip_macosx",
        raw,
        expect(
            "accepted",
            "Application Form - Toronto.pdf",
            "Letter of Intent - Mayor Tory.pdf",
            "The zip holds both documents; the __MACOSX resource fork is junk.",
        ),
    )

    city = c["valencia"]
    z = d.make_zip(
        {
            "Sol·licitud València.pdf": pdf(form("ca", city)),
            "Carta d'intencions.pdf": pdf(letter("ca", city)),
        },
        utf8_names=False,
        name_encoding="cp850",
    )
    raw = simple(
        "ca_valencia_zip_cp850",
        [attach("Documentacio.zip", z, "application/x-zip-compressed")],
        body="Bon dia,\nadjunte el zip.\nPau",
        subject="València - documentació",
        sender="Pau Ferrer <pferrer@valencia.example>",
    )
    add(
        "ca_valencia_zip_cp850",
        raw,
        expect(
            "accepted",
            "Sol·licitud València.pdf",
            "Carta d'intencions.pdf",
            "A Windows zip with cp850 names holds both documents.",
        ),
    )

    city = c["detroit"]
    z = d.make_zip(
        {
            "Detroit application.pdf": pdf(form("en", city)),
            "Detroit LOI.pdf": pdf(letter("en", city)),
        },
        encrypt=True,
    )
    raw = simple(
        "en_detroit_encrypted_zip",
        [attach("Detroit_RRR_secure.zip", z, "application/zip")],
        body="Hi, the zip is password-protected per city policy; the password will be sent separately.\nDenise",
        subject="Detroit - RRR",
        sender="Denise Carter <carterd@detroitmi.example>",
    )
    add(
        "en_detroit_encrypted_zip",
        raw,
        expect("incomplete", None, None, "Both documents sit in an encrypted zip we cannot open."),
    )

    city = c["dortmund"]
    t = d.make_tnef(
        {
            "Bewerbungsbogen RRR Peer Learning Cities - Stadt Dortmund - endgültige Fassung.pdf": pdf(
                form("de", city)
            ),
            "Absichtserklärung Oberbürgermeister Westphal unterschrieben.pdf": pdf(
                letter("de", city)
            ),
        },
        body="Sehr geehrte Damen und Herren, anbei die Unterlagen.",
    )
    raw = email(
        sender="Katrin Wiesmann <k.wiesmann@dortmund.example>",
        subject="Bewerbung Stadt Dortmund",
        date=ON_DATE,
        arrived=ON,
        top=multi(
            "mixed",
            "tnef_dortmund",
            text("Sehr geehrte Damen und Herren,\n\nanbei die Unterlagen.\n\nMfG\nK. Wiesmann"),
            attach("winmail.dat", t, "application/ms-tnef"),
        ),
        msgid="tnef.dortmund@dortmund.example",
        extra=[("X-Mailer", "Microsoft Outlook 14.0"), ("X-MS-TNEF-Correlator", "0000000091A2")],
    )
    add(
        "de_dortmund_outlook2010_tnef",
        raw,
        expect(
            "accepted",
            "Bewerbungsbogen RRR Peer Learning Cities - Stadt Dortmund - endgültige Fassung.pdf",
            "Absichtserklärung Oberbürgermeister Westphal unterschrieben.pdf",
            "winmail.dat carries both documents under long names.",
        ),
    )

    # Outlook FW: chain with the original's attachments re-attached.
    city = c["rotterdam"]
    body = (
        "Ter info - doorgestuurd namens het kabinet van de burgemeester.\n\n"
        "From: Kabinet Burgemeester <kabinet@rotterdam.example>\nSent: Wednesday, May 19, 2021 4:02 PM\n"
        "To: Fatima El Idrissi <f.elidrissi@rotterdam.example>\nSubject: RRR stukken\n\nFatima, hierbij de getekende brief en het formulier."
    )
    raw = simple(
        "nl_rotterdam_outlook_fw",
        [
            attach("Aanmeldformulier RRR Rotterdam.pdf", pdf(form("nl", city))),
            attach("Brief burgemeester getekend.pdf", pdf(letter("nl", city))),
        ],
        body=body,
        subject="FW: RRR stukken",
        sender="Fatima El Idrissi <f.elidrissi@rotterdam.example>",
    )
    add(
        "nl_rotterdam_outlook_fw",
        raw,
        expect(
            "accepted",
            "Aanmeldformulier RRR Rotterdam.pdf",
            "Brief burgemeester getekend.pdf",
            "An internal FW: with both documents attached.",
        ),
    )

    # A mayor's office forwarding twice: message/rfc822 inside message/rfc822.
    city = c["napoli"]
    inner = email(
        sender="Segreteria Sindaco <segreteria.sindaco@comune.napoli.example>",
        subject="Candidatura RRR",
        date="Tue, 18 May 2021 10:00:00 +0200",
        arrived=None,
        top=multi(
            "mixed",
            "inner_napoli",
            text("In allegato modulo e lettera firmata."),
            attach("Modulo RRR Napoli.pdf", pdf(form("it", city))),
            attach("Lettera Sindaco de Magistris.pdf", pdf(letter("it", city))),
        ),
        msgid="inner.napoli@comune.napoli.example",
        to="gabinetto@comune.napoli.example",
    )
    middle = email(
        sender="Gabinetto <gabinetto@comune.napoli.example>",
        subject="I: Candidatura RRR",
        date="Wed, 19 May 2021 09:00:00 +0200",
        arrived=None,
        top=multi(
            "mixed",
            "middle_napoli",
            text("Per competenza."),
            embedded(inner, "Candidatura RRR.eml"),
        ),
        msgid="middle.napoli@comune.napoli.example",
        to="s.esposito@comune.napoli.example",
    )
    raw = email(
        sender="Salvatore Esposito <s.esposito@comune.napoli.example>",
        subject="I: I: Candidatura RRR",
        date=ON_DATE,
        arrived=ON,
        top=multi(
            "mixed",
            "outer_napoli",
            text("Buongiorno, inoltro la candidatura del Comune di Napoli.\nSalvatore Esposito"),
            embedded(middle, "I Candidatura RRR.eml"),
        ),
        msgid="outer.napoli@comune.napoli.example",
    )
    add(
        "it_napoli_forwarded_twice",
        raw,
        expect(
            "accepted",
            "Modulo RRR Napoli.pdf",
            "Lettera Sindaco de Magistris.pdf",
            "Forwarded twice as attachments; the innermost message holds both documents.",
        ),
    )

    # Gmail Fwd: original inline as text, attachments kept.
    city = c["recife"]
    body = (
        "---------- Forwarded message ---------\nDe: Gabinete do Prefeito <gabinete@recife.pe.example>\nDate: qua., 19 de mai. de 2021 às 14:10\n"
        "Subject: Documentos RRR\nTo: <thiago.albuquerque@recife.pe.example>\n\nThiago, segue ofício assinado e formulário.\n"
    )
    raw = simple(
        "br_recife_gmail_fwd_inline",
        [
            attach("formulario final.pdf", pdf(form("br", city))),
            attach("oficio assinado.pdf", pdf(letter("br", city))),
        ],
        body="Prezados, encaminho.\n\n" + body,
        subject="Fwd: Documentos RRR",
        sender="Thiago Albuquerque <thiago.albuquerque@recife.pe.example>",
    )
    add(
        "br_recife_gmail_fwd_inline",
        raw,
        expect(
            "accepted",
            "formulario final.pdf",
            "oficio assinado.pdf",
            "Gmail forward with the original inline and its attachments.",
        ),
    )

    # Letter written in the forwarded body, the signed scan attached.
    city = c["porto"]
    body = (
        "Exmos. Senhores,\n\nReencaminho a carta do Senhor Presidente, cujo original assinado segue digitalizado.\n\n"
        "-----Mensagem original-----\nDe: Gabinete da Presidência\n\n" + letter("pt", city)
    )
    raw = simple(
        "pt_porto_letter_in_body_scan",
        [
            attach("Ficha_candidatura_Porto_final.pdf", pdf(form("pt", city))),
            attach("digitalizacao.pdf", d.make_image_pdf()),
        ],
        body=body,
        subject="ENC: Carta do Presidente - RRR",
        sender="Ana Rita Meireles <anarita.meireles@cm-porto.example>",
    )
    add(
        "pt_porto_letter_in_body_scan",
        raw,
        expect(
            "accepted",
            "Ficha_candidatura_Porto_final.pdf",
            "digitalizacao.pdf",
            "The letter's text is in the body and its signed scan attached: the scan is the letter.",
        ),
    )

    # S/MIME signed.
    city = c["mannheim"]
    inner_part = multi(
        "mixed",
        "smime_inner",
        text("Guten Tag,\nanbei die Bewerbung.\nJana Keller"),
        attach("Bewerbungsbogen_MA.pdf", pdf(form("de", city))),
        attach("Absichtserklaerung_MA.pdf", pdf(letter("de", city))),
    )
    sig = attach(
        "smime.p7s",
        b"0\x82\x05\x00\x06\t*\x86H\x86\xf7\r\x01\x07\x02" + bytes(range(64)),
        "application/pkcs7-signature",
    )
    top = multi(
        "signed",
        "smime_outer",
        inner_part,
        sig,
        params='; protocol="application/pkcs7-signature"; micalg=sha-256',
    )
    raw = email(
        sender="Jana Keller <jana.keller@mannheim.example>",
        subject="Bewerbung Mannheim (signiert)",
        date=ON_DATE,
        arrived=ON,
        top=top,
        msgid="smime.mannheim@mannheim.example",
    )
    add(
        "de_mannheim_smime",
        raw,
        expect(
            "accepted",
            "Bewerbungsbogen_MA.pdf",
            "Absichtserklaerung_MA.pdf",
            "S/MIME signed; the p7s signature is not a document.",
        ),
    )

    # RFC 2231 and iso-8859-2 names.
    city = c["lodz"]
    raw = simple(
        "pl_lodz_iso8859_2",
        [
            attach("Formularz_zgłoszeniowy_Łódź.pdf", pdf(form("pl", city)), charset="iso-8859-2"),
            attach(
                "List_intencyjny_Prezydent_Łodzi.pdf",
                pdf(letter("pl", city)),
                style="2231",
                charset="iso-8859-2",
            ),
        ],
        body="Dzień dobry,\nw załączeniu dokumenty.\nM. Wójcik",
        subject="Łódź - dokumenty",
        sender="Małgorzata Wójcik <m.wojcik@uml.lodz.example>",
    )
    add(
        "pl_lodz_iso8859_2",
        raw,
        expect(
            "accepted",
            "Formularz_zgłoszeniowy_Łódź.pdf",
            "List_intencyjny_Prezydent_Łodzi.pdf",
            "Names in iso-8859-2 (RFC 2047 and RFC 2231).",
        ),
    )

    # HCL Notes: octet-stream parts, inline disposition.
    city = c["debrecen"]
    raw = simple(
        "hu_debrecen_notes",
        [
            attach(
                "Jelentkezesi lap.pdf",
                pdf(form("hu", city)),
                "application/octet-stream",
                disposition="inline",
            ),
            attach(
                "Polgarmesteri nyilatkozat.pdf",
                pdf(letter("hu", city)),
                "application/octet-stream",
                disposition="inline",
            ),
        ],
        body="Tisztelt RRR csapat!\nMellékelve.\nKovács Eszter",
        subject="Debrecen RRR",
        sender="Kovács Eszter <kovacs.eszter@debrecen.example>",
        extra=[("X-Mailer", "HCL Notes Release 11.0.1 FP2")],
    )
    add(
        "hu_debrecen_notes",
        raw,
        expect(
            "accepted",
            "Jelentkezesi lap.pdf",
            "Polgarmesteri nyilatkozat.pdf",
            "Lotus/HCL Notes sends octet-stream inline parts; both documents present.",
        ),
    )

    # Outlook with signature logos inline.
    city = c["bristol"]
    logo1 = attach(
        "image001.png",
        d.make_png(120, 40),
        "image/png",
        disposition="inline",
        cid="image001.png@01D74D2A",
    )
    logo2 = attach(
        "image002.jpg",
        d.make_png(60, 60),
        "image/jpeg",
        disposition="inline",
        cid="image002.jpg@01D74D2A",
    )
    related_part = multi(
        "related",
        "rel_bristol",
        alternative(
            "Hello,\n\nBristol's application attached.\n\nOlivia Price\n[Bristol City Council logo]",
            "alt_bristol2",
        ),
        logo1,
        logo2,
    )
    top = multi(
        "mixed",
        "mix_bristol2",
        related_part,
        attach("Bristol - RRR application.pdf", pdf(form("en", city))),
        attach("Mayor Rees - letter.pdf", pdf(letter("en", city))),
    )
    raw = email(
        sender="Olivia Price <olivia.price@bristol.gov.example>",
        subject="Bristol City Council - RRR",
        date=ON_DATE,
        arrived=ON,
        top=top,
        msgid="logos.bristol@bristol.gov.example",
    )
    add(
        "en_bristol_signature_logos",
        raw,
        expect(
            "accepted",
            "Bristol - RRR application.pdf",
            "Mayor Rees - letter.pdf",
            "Signature logos are not documents.",
        ),
    )

    # Quoted-printable body, text only parts, iPad inline attachments.
    city = c["lyon"]
    top = multi(
        "mixed",
        "apple_lyon",
        text(
            "Bonjour,\n\nVeuillez trouver la candidature de la Ville de Lyon ci-dessous.\n\nCamille",
            qp=True,
        ),
        attach("Candidature Lyon.pdf", pdf(form("fr", city)), disposition="inline"),
        text("\n\n", qp=True),
        attach("Lettre Maire de Lyon.pdf", pdf(letter("fr", city)), disposition="inline"),
        text("\n\nEnvoyé de mon iPad", qp=True),
    )
    raw = email(
        sender="Camille Girardot <camille.girardot@mairie-lyon.example>",
        subject="Candidature Lyon",
        date=ON_DATE,
        arrived=ON,
        top=top,
        msgid="ipad.lyon@mairie-lyon.example",
        extra=[("X-Mailer", "iPad Mail (18E212)")],
    )
    add(
        "fr_lyon_ipad_inline",
        raw,
        expect(
            "accepted",
            "Candidature Lyon.pdf",
            "Lettre Maire de Lyon.pdf",
            "Apple Mail interleaves text and inline PDFs; both documents present.",
        ),
    )


def not_counting() -> None:
    """Files that are there but do not count."""
    c = CITIES
    city = c["sabadell"]
    blank = (
        "FORMULARI DE SOL·LICITUD\nConvocatòria Ciutats d'Aprenentatge RRR\n\n1. Ens sol·licitant:\n2. País:\n3. Població:\n"
        "4. Persona de contacte:\n5. Descriviu l'ecosistema d'economia social i solidària de la ciutat:\n6. Repte:\n"
    )
    raw = simple(
        "ca_sabadell_blank_template",
        [
            attach("Formulari_RRR.docx", docx(blank.split("\n")), DOCX),
            attach("Carta Alcaldessa.pdf", pdf(letter("ca", city))),
        ],
        body="Bon dia,\nadjuntem la documentació.\nNúria",
        subject="Sabadell - RRR",
        sender="Núria Vilaró <nvilaro@sabadell.example>",
    )
    add(
        "ca_sabadell_blank_template",
        raw,
        expect(
            "incomplete",
            None,
            "Carta Alcaldessa.pdf",
            "The form sent is the blank template; the letter is fine.",
        ),
    )

    city = c["cluj"]
    guide = (
        "RRR - Respond, Rebuild, Reinvent\nCall for Peer Learning Cities\nGuidelines for applicants\n\n"
        "1. Background\nThe project is funded by the European Union...\n2. Who can apply\nLocal or metropolitan authorities of 200,000 inhabitants or more.\n"
        "3. How to apply\nDownload the application form and the letter of intent form, fill them in and send both by e-mail before 21 May 2021.\n"
        "4. Selection criteria\nCommitment, relevance, diversity.\n"
    )
    raw = simple(
        "ro_cluj_guidelines_instead",
        [
            attach("RRR_call_guidelines.pdf", pdf(guide, pages=3)),
            attach("Scrisoare de intentie Cluj.pdf", pdf(letter("ro", city))),
        ],
        body="Bună ziua,\nvă trimitem documentele.\nIoana",
        subject="Cluj-Napoca",
        sender="Ioana Mureșan <ioana_muresan@yahoo.example>",
    )
    add(
        "ro_cluj_guidelines_instead",
        raw,
        expect(
            "incomplete",
            None,
            "Scrisoare de intentie Cluj.pdf",
            "They attached the call's guidelines instead of their form.",
        ),
    )

    city = c["eindhoven"]
    other = (
        "URBACT Action Planning Networks\nPartner application form\n\n1. City: Eindhoven\n2. Network: Tech Revolution 2.0\n"
        "3. Motivation: Eindhoven wants to share its experience with brainport innovation.\n4. Contact: Bram Hendriks\n"
    )
    raw = simple(
        "nl_eindhoven_other_programme_form",
        [
            attach("Application form Eindhoven.pdf", pdf(other)),
            attach("Intentieverklaring Eindhoven.pdf", pdf(letter("nl", city))),
        ],
        body="Beste,\nHierbij onze aanmelding.\nBram",
        subject="Aanmelding Eindhoven",
        sender="Bram Hendriks <b.hendriks@eindhoven.example>",
    )
    add(
        "nl_eindhoven_other_programme_form",
        raw,
        expect(
            "incomplete",
            None,
            "Intentieverklaring Eindhoven.pdf",
            "The form is another programme's (URBACT), not RRR's.",
        ),
    )

    city = c["split"]
    raw = simple(
        "hr_split_empty_pdf",
        [
            attach("Prijavni obrazac Split.pdf", b""),
            attach("Pismo namjere Split.pdf", pdf(letter("hr", city))),
        ],
        body="Poštovani,\nu prilogu.\nIvana",
        subject="Split - RRR",
        sender="Ivana Barić <ivana.baric@split.example>",
    )
    add(
        "hr_split_empty_pdf",
        raw,
        expect("incomplete", None, "Pismo namjere Split.pdf", "The form file is empty (0 bytes)."),
    )

    city = c["goteborg"]
    broken = pdf(form("sv", city))[:700]
    raw = simple(
        "sv_goteborg_truncated_pdf",
        [
            attach("Ansokan Goteborg.pdf", broken),
            attach("Avsiktsforklaring Goteborg.pdf", pdf(letter("sv", city))),
        ],
        body="Hej,\nbifogat.\nElin",
        subject="Göteborg ansökan",
        sender="Elin Bergström <elin.bergstrom@goteborg.example>",
    )
    add(
        "sv_goteborg_truncated_pdf",
        raw,
        expect(
            "incomplete",
            None,
            "Avsiktsforklaring Goteborg.pdf",
            "The form PDF is cut short and cannot be read.",
        ),
    )

    city = c["baltimore"]
    html = b"<html><body><h1>RRR Application Form</h1><p>1. Local authority: Baltimore</p><p>2. Country: United States</p></body></html>"
    raw = simple(
        "en_baltimore_html_form",
        [
            attach("RRR Application - Baltimore.html", html, "text/html"),
            attach("Baltimore LOI signed.pdf", pdf(letter("en", city))),
        ],
        body="Hi,\nwe filled the form online and saved it.\nMarcus",
        subject="Baltimore",
        sender="Marcus Greene <marcus.greene@baltimorecity.example>",
    )
    add(
        "en_baltimore_html_form",
        raw,
        expect(
            "incomplete",
            None,
            "Baltimore LOI signed.pdf",
            "An .html file is not an accepted document format.",
        ),
    )

    raw = simple(
        "es_zaragoza_exe",
        [
            attach(
                "Formulario_Zaragoza.exe", b"MZ\x90\x00" + bytes(200), "application/octet-stream"
            ),
            attach("Carta_Zaragoza.pdf", pdf(letter("es", c["zaragoza"]))),
        ],
        body="Hola,\nadjunto.\nLucía",
        subject="Zaragoza RRR",
        sender="Lucía Sanz <lsanz.zgz@gmail.example>",
    )
    add(
        "es_zaragoza_exe",
        raw,
        expect("incomplete", None, "Carta_Zaragoza.pdf", "An executable is not a document."),
    )

    raw = simple(
        "fr_nantes_wetransfer",
        [],
        body=(
            "Bonjour,\n\nLes fichiers étant volumineux, vous pouvez les télécharger ici : https://we.tl/t-h3Kx9QpRzA\n"
            "(formulaire de candidature et lettre d'intention signée).\n\nYann Le Goff"
        ),
        subject="Candidature Nantes Métropole - lien de téléchargement",
        sender="Yann Le Goff <yann.legoff@nantesmetropole.example>",
    )
    add(
        "fr_nantes_wetransfer",
        raw,
        expect("incomplete", None, None, "Only a WeTransfer link; nothing attached."),
    )

    raw = simple(
        "en_leeds_onedrive",
        [],
        body=(
            "Hi,\n\nHannah Whitcombe shared a folder with you: 'RRR application - Leeds'\n"
            "https://leedsgov-my.sharepoint.example/:f:/g/personal/hannah/EqX1\n\nOpen in OneDrive"
        ),
        subject="Hannah Whitcombe shared 'RRR application - Leeds' with you",
        sender="Hannah Whitcombe <hannah.whitcombe@leeds.gov.example>",
    )
    add(
        "en_leeds_onedrive",
        raw,
        expect("incomplete", None, None, "A OneDrive sharing link instead of attachments."),
    )

    city = c["laval"]
    raw = simple(
        "qc_laval_letter_in_body_only",
        [attach("Formulaire de demande Laval.pdf", pdf(form("qc", city)))],
        body="Bonjour,\n\nVoici notre formulaire. Pour ce qui est de la lettre, la mairesse confirme par le présent courriel l'engagement de la Ville.\n\nGeneviève",
        subject="Laval",
        sender="Geneviève Paquette <g.paquette@laval.qc.example>",
    )
    add(
        "qc_laval_letter_in_body_only",
        raw,
        expect(
            "incomplete",
            "Formulaire de demande Laval.pdf",
            None,
            "A sentence in the e-mail body is not a signed letter of intent.",
        ),
    )


def special_messages() -> None:
    """Automatic mail, replies, invitations."""
    c = CITIES
    ooo = [
        (
            "ooo_de_abwesend",
            "Abwesenheitsnotiz: Bewerbung Stadt Dortmund",
            "Ich bin bis 31.05. nicht im Büro. In dringenden Fällen wenden Sie sich an ...",
            [("Auto-Submitted", "auto-replied")],
            "Katrin Wiesmann <k.wiesmann@dortmund.example>",
        ),
        (
            "ooo_fr_absence",
            "Réponse automatique : Candidature",
            "Je suis absente jusqu'au 25 mai.",
            [("X-Autoreply", "yes")],
            "Camille Girardot <camille.girardot@mairie-lyon.example>",
        ),
        (
            "ooo_pt_ausencia",
            "Resposta automática: RRR",
            "Estou ausente do escritório.",
            [("Precedence", "auto_reply")],
            "Ana Rita Meireles <anarita.meireles@cm-porto.example>",
        ),
        (
            "ooo_sv_franvaro",
            "Frånvaro: RRR",
            "Jag är på semester till och med 30 maj.",
            [("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")],
            "Johan Lindqvist <johan.lindqvist@malmo.example>",
        ),
        (
            "ooo_pl_autoodpowiedz",
            "Automatyczna odpowiedź: zgłoszenie",
            "Jestem na urlopie.",
            [("X-Autorespond", "yes")],
            "Małgorzata Wójcik <m.wojcik@uml.lodz.example>",
        ),
        (
            "ooo_el_autoreply",
            "Αυτόματη απάντηση: RRR",
            "Θα απουσιάζω έως τις 28 Μαΐου.",
            [("Auto-Submitted", "auto-generated")],
            "Μαρία Παπαδοπούλου <m.papadopoulou@thessaloniki.example>",
        ),
    ]
    for key, subject, body, extra, sender in ooo:
        raw = simple(key, [], body=body, subject=subject, sender=sender, extra=extra)
        add(key, raw, ignored("An out-of-office auto-reply."))

    # Auto-Submitted: no is a human.
    city = c["iasi"]
    raw = simple(
        "ro_iasi_autosubmitted_no",
        [
            attach("Formular Iasi.pdf", pdf(form("ro", city))),
            attach("Scrisoare Primar Iasi.pdf", pdf(letter("ro", city))),
        ],
        body="Bună ziua,\natașat.\nAndrei",
        subject="Iași RRR",
        sender="Andrei Popescu <andrei.popescu@primaria-iasi.example>",
        extra=[("Auto-Submitted", "no")],
    )
    add(
        "ro_iasi_autosubmitted_no",
        raw,
        expect(
            "accepted",
            "Formular Iasi.pdf",
            "Scrisoare Primar Iasi.pdf",
            "Auto-Submitted: no means a person sent it.",
        ),
    )

    # Bounce.
    dsn = multi(
        "report",
        "dsn_bounce",
        text(
            "This is the mail system at host mx.rrr-cities.example.\n\nI'm sorry to have to inform you that your message could not be delivered.\n\n<info@unknown-city.example>: host not found"
        ),
        Part(
            (("Content-Type", "message/delivery-status"),),
            "Reporting-MTA: dns; mx.rrr-cities.example\n\nFinal-Recipient: rfc822; info@unknown-city.example\nAction: failed\nStatus: 5.1.2",
        ),
        params="; report-type=delivery-status",
    )
    raw = email(
        sender="MAILER-DAEMON@mx.rrr-cities.example (Mail Delivery System)",
        subject="Undelivered Mail Returned to Sender",
        date=ON_DATE,
        arrived=None,
        top=dsn,
        msgid="bounce.20210520@mx.rrr-cities.example",
        hops=[("Return-Path", "<>"), received(ON, "localhost")],
    )
    add("bounce_postfix_dsn", raw, ignored("A delivery status notification."))

    # Our own mail looping back.
    raw = simple(
        "own_address_loop",
        [
            attach(
                "RRR_application_form_TEMPLATE.docx",
                docx(["Application form", "1. City:", "2. Country:"]),
                DOCX,
            )
        ],
        body="Dear applicant, please find the templates attached.",
        subject="RRR - templates",
        sender=f"RRR Peer Learning <{OUR}>",
    )
    add("own_address_loop", raw, ignored("Mail from our own address."))

    # A newsletter through a list, with a PDF.
    raw = simple(
        "eurocities_newsletter_list",
        [
            attach(
                "Eurocities_Flash_May2021.pdf",
                pdf(
                    "Eurocities Flash\nSocial affairs news from member cities\nRRR call closes 21 May."
                ),
            )
        ],
        body="Eurocities Flash - May 2021",
        subject="Eurocities Flash | May 2021",
        sender="Eurocities <newsletter@eurocities.example>",
        extra=[
            ("List-Id", "Eurocities Flash <flash.eurocities.example>"),
            ("List-Unsubscribe", "<mailto:unsubscribe@eurocities.example>"),
            ("Precedence", "bulk"),
        ],
    )
    add("eurocities_newsletter_list", raw, ignored("A mailing-list newsletter."))

    # Reply to our acknowledgement with the missing letter.
    city = c["bristol"]
    body = (
        "Hello,\n\nAs promised, the Mayor's letter is attached.\n\nOlivia\n\n"
        "On 20 May 2021, at 11:45, RRR Peer Learning <peerlearning@rrr-cities.example> wrote:\n"
        "> Thank you for your message. We have received your application form. The letter of intent is missing.\n"
    )
    raw = simple(
        "en_bristol_reply_to_ack",
        [attach("Bristol Mayor letter of intent.pdf", pdf(letter("en", city)))],
        body=body,
        subject="Re: RRR Peer Learning Cities - we received your application (RRR-2021-0042)",
        sender="Olivia Price <olivia.price@bristol.gov.example>",
        extra=[
            ("In-Reply-To", "<ack.0042@rrr-cities.example>"),
            (
                "References",
                "<en_bristol_form_only.20210520@bristol.gov.example> <ack.0042@rrr-cities.example>",
            ),
        ],
    )
    add(
        "en_bristol_reply_to_ack",
        raw,
        expect(
            "incomplete",
            None,
            "Bristol Mayor letter of intent.pdf",
            "A reply bringing the letter; judged alone this message lacks the form.",
        ),
    )

    # Calendar invitation alongside the documents.
    city = c["utrecht"]
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
        b"DTSTART:20210527T080000Z\r\nDTEND:20210527T090000Z\r\nSUMMARY:Kennismaking RRR - gemeente Utrecht\r\nUID:040000008200E0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    raw = simple(
        "nl_utrecht_with_invite",
        [
            attach("Aanmeldformulier Utrecht.pdf", pdf(form("nl", city))),
            attach("Intentieverklaring Utrecht.pdf", pdf(letter("nl", city))),
            attach("invite.ics", ics, "text/calendar; method=REQUEST"),
        ],
        body="Beste,\nHierbij onze aanmelding, en een uitnodiging voor een kennismaking.\nSanne",
        subject="Aanmelding Utrecht + uitnodiging",
        sender="Sanne de Vries <s.de.vries@utrecht.example>",
    )
    add(
        "nl_utrecht_with_invite",
        raw,
        expect(
            "accepted",
            "Aanmeldformulier Utrecht.pdf",
            "Intentieverklaring Utrecht.pdf",
            "Both documents; the calendar invitation is not a document.",
        ),
    )

    # A forwarded message from a Yahoo account to a city account, an extra CV not counting.
    city = c["krakow"]
    cv = pdf(
        "Curriculum Vitae\nAgnieszka Nowak\nEducation: Jagiellonian University, MA in Sociology\nExperience: City of Kraków, Social Policy Department, 2012-2021"
    )
    raw = simple(
        "pl_krakow_with_cv",
        [
            attach("CV_Agnieszka_Nowak.pdf", cv),
            attach("Formularz zgłoszeniowy Kraków.pdf", pdf(form("pl", city))),
            attach("List intencyjny Kraków.pdf", pdf(letter("pl", city))),
        ],
        body="Dzień dobry,\nprzesyłam zgłoszenie wraz z CV koordynatorki.\nAgnieszka",
        subject="Kraków - zgłoszenie RRR",
        sender="Agnieszka Nowak <agnieszka.nowak@um.krakow.example>",
    )
    add(
        "pl_krakow_with_cv",
        raw,
        expect(
            "accepted",
            "Formularz zgłoszeniowy Kraków.pdf",
            "List intencyjny Kraków.pdf",
            "An extra CV neither helps nor hurts.",
        ),
    )

    # Received chain: the top hop is ours and on time, older internal hops earlier.
    city = c["lille"]
    raw = simple(
        "fr_lille_three_hops",
        [
            attach("Dossier Lille RRR.pdf", pdf(form("fr", city))),
            attach("Lettre Mme Aubry.pdf", pdf(letter("fr", city))),
        ],
        body="Bonjour,\nci-joint.\nAntoine",
        subject="Candidature Lille",
        sender="Antoine Delattre <adelattre@mairie-lille.example>",
        arrived="Fri, 21 May 2021 22:58:12 +0200",
        date="Fri, 21 May 2021 22:31:00 +0200",
        hops=[
            (
                "Received",
                "from relay.mairie-lille.example by smtp-out.mairie-lille.example; Fri, 21 May 2021 22:57:59 +0200",
            ),
            (
                "Received",
                "from PC-ADELATTRE by relay.mairie-lille.example; Fri, 21 May 2021 22:31:05 +0200",
            ),
        ],
    )
    add(
        "fr_lille_three_hops",
        raw,
        expect(
            "accepted",
            "Dossier Lille RRR.pdf",
            "Lettre Mme Aubry.pdf",
            "Our server received it at 20:58:12Z, two minutes before the deadline.",
        ),
    )

    # Date in the future (wrong PC clock) but received on time.
    city = c["patras"]
    raw = simple(
        "el_patras_wrong_clock",
        [
            attach("Αίτηση συμμετοχής.docx", docx(form("el", city).split("\n")), DOCX),
            attach("Επιστολή πρόθεσης.pdf", pdf(letter("el", city))),
        ],
        body="Καλημέρα,\nσυνημμένα.\nΓιώργος",
        subject="Πάτρα RRR",
        sender="Γιώργος Αντωνίου <g.antoniou@patras.example>",
        date="Mon, 24 May 2021 09:00:00 +0300",
    )
    add(
        "el_patras_wrong_clock",
        raw,
        expect(
            "accepted",
            "Αίτηση συμμετοχής.docx",
            "Επιστολή πρόθεσης.pdf",
            "Date header is wrong (24 May) but our server received it on 20 May.",
        ),
    )

    # Spanish form with answers in a docx table, letter as odt; Mexican city.
    city = c["puebla"]
    lines = form("mx", city).split("\n")
    table = [
        [line.split(":", 1)[0], line.split(":", 1)[1].strip()] for line in lines if ": " in line
    ]
    raw = simple(
        "mx_puebla_tabla_odt",
        [
            attach(
                "Cedula Puebla tabla.docx",
                docx([line for line in lines if ": " not in line], table),
                DOCX,
            ),
            attach("Carta compromiso Puebla.odt", odt(letter("mx", city).split("\n")), ODT),
        ],
        body="Buen día,\nadjunto cédula y carta compromiso.\nMariana",
        subject="Puebla - postulación",
        sender="Mariana Cortés <mariana.cortes@pueblacapital.example>",
    )
    add(
        "mx_puebla_tabla_odt",
        raw,
        expect(
            "accepted",
            "Cedula Puebla tabla.docx",
            "Carta compromiso Puebla.odt",
            "Form answers in a table; letter in ODT.",
        ),
    )

    # A Word letter and a Word form both named 'Documento1.docx'-like.
    city = c["zaragoza"]
    raw = simple(
        "es_zaragoza_documento1",
        [
            attach("Documento1.docx", docx(letter("es", city).split("\n")), DOCX),
            attach("Documento2.docx", docx(form("es", city).split("\n")), DOCX),
        ],
        body="Hola, adjunto los dos documentos.\nLucía",
        subject="RRR",
        sender="Lucía Sanz <lsanz.zgz@gmail.example>",
    )
    add(
        "es_zaragoza_documento1",
        raw,
        expect(
            "accepted",
            "Documento2.docx",
            "Documento1.docx",
            "Word's default names; the first is the letter and the second the form by their text.",
        ),
    )


def build() -> dict[str, bytes]:
    CASES.clear()
    straightforward()
    incomplete_and_late()
    names_and_contents()
    containers()
    not_counting()
    special_messages()
    files: dict[str, bytes] = {}
    for name, (raw, expectation) in CASES.items():
        files[f"{name}.eml"] = raw
        files[f"{name}.json"] = (
            json.dumps(expectation, ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
    return files


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = [
            name
            for name, data in files.items()
            if not (OUT / name).is_file() or (OUT / name).read_bytes() != data
        ]
        for name in stale:
            print(f"differs: {name}")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
    print(f"{len(files) // 2} cases written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
