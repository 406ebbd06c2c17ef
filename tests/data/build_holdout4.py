"""Builds tests/data/holdout4: a holdout corpus of application mails judged by hand.

    python tests/data/build_holdout4.py

Every case is a raw NAME.eml as a mail client or city mail system would send it and a NAME.json
with what a careful human decides. Dates, boundaries and document bytes are fixed, so running
the script twice writes the same bytes (DOCX/ODT zip entries get a fixed timestamp here).
"""

from __future__ import annotations

import base64
import io
import json
import quopri
import re
import sys
import urllib.parse
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import documents as d  # noqa: E402

OUT = ROOT / "tests/data/holdout4"
OUR = "peerlearning@rrr-cities.example"
FIXED = (2021, 5, 20, 12, 0, 0)

Part = tuple[str, bytes]  # header lines (each ending in "\n") and the encoded body


# --- deterministic office documents ----------------------------------------------------------


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry dates and no creation times inside the XML."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xml"):
                # core.xml / meta.xml carry the moment the library wrote them
                content = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2021-05-20T12:00:00Z", content
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, content)
    return buffer.getvalue()


def docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    return _fixed_zip(d.make_docx(paragraphs, table=table))


def odt(paragraphs: list[str]) -> bytes:
    return _fixed_zip(d.make_odt(paragraphs))


def pdf(text: str, pages: int = 1) -> bytes:
    return bytes(d.make_pdf(text, pages=pages))


# --- MIME pieces written by hand (so the bytes are exactly what a client would send) ---------


class Mime:
    """Hands out boundaries that are fixed per case."""

    def __init__(self, case: str) -> None:
        self.case = case
        self.count = 0

    def boundary(self) -> str:
        self.count += 1
        return f"----=_NextPart_{self.count:03d}_{abs(hash_name(self.case)):08X}"


def hash_name(text: str) -> int:
    value = 0
    for char in text.encode():
        value = (value * 131 + char) % 0xFFFFFFFF
    return value


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data)


def enc_name(name: str, style: str) -> str:
    """A Content-Type/Content-Disposition name parameter as different clients write it."""
    if style == "2231":
        return f"filename*=utf-8''{urllib.parse.quote(name, safe='')}"
    if style.startswith("2047"):
        charset = style.partition(":")[2] or "utf-8"
        word = base64.b64encode(name.encode(charset)).decode()
        return f'filename="=?{charset}?B?{word}?="'
    return f'filename="{name}"'


def att(
    name: str | None,
    data: bytes,
    ctype: str = "application/pdf",
    *,
    style: str = "plain",
    disp: str = "attachment",
    name_only: bool = False,
) -> Part:
    """An attached file, base64."""
    if name is None:
        head = f"Content-Type: {ctype}\nContent-Transfer-Encoding: base64\n"
    elif name_only:  # HCL Notes style: only name= on Content-Type, no disposition
        param = enc_name(name, style).replace("filename", "name", 1)
        head = f"Content-Type: {ctype}; {param}\nContent-Transfer-Encoding: base64\n"
    else:
        param = enc_name(name, style)
        nparam = param.replace("filename", "name", 1)
        head = (
            f"Content-Type: {ctype};\n\t{nparam}\n"
            f"Content-Disposition: {disp};\n\t{param}\n"
            "Content-Transfer-Encoding: base64\n"
        )
    return head, b64(data)


def text(body: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "qp") -> Part:
    raw = body.replace("\n", "\r\n").encode(charset)
    if cte == "qp":
        return (
            f'Content-Type: text/{subtype}; charset="{charset}"\n'
            "Content-Transfer-Encoding: quoted-printable\n",
            quopri.encodestring(raw).replace(b"\r\n", b"\n"),
        )
    if cte == "b64":
        return (
            f'Content-Type: text/{subtype}; charset="{charset}"\n'
            "Content-Transfer-Encoding: base64\n",
            b64(raw),
        )
    return (
        f'Content-Type: text/{subtype}; charset="{charset}"\nContent-Transfer-Encoding: 8bit\n',
        body.encode(charset),
    )


def multi(m: Mime, subtype: str, parts: list[Part], params: str = "") -> Part:
    boundary = m.boundary()
    out = bytearray(b"This is a multi-part message in MIME format.\n")
    for head, body in parts:
        out += f"\n--{boundary}\n{head}\n".encode() + body
        if not body.endswith(b"\n"):
            out += b"\n"
    out += f"\n--{boundary}--\n".encode()
    return f'Content-Type: multipart/{subtype};{params}\n\tboundary="{boundary}"\n', bytes(out)


def alt(m: Mime, body: str) -> Part:
    html = (
        "<html><body>" + "".join(f"<p>{line}</p>" for line in body.split("\n")) + "</body></html>"
    )
    return multi(m, "alternative", [text(body), text(html, "html")])


def rfc822(message: bytes, name: str | None = None) -> Part:
    head = "Content-Type: message/rfc822\n"
    if name:
        head += f'Content-Disposition: attachment; filename="{name}"\n'
    return head, message


def rcv(when: str, via: str = "mail.city.example (mail.city.example [192.0.2.25])") -> str:
    return f"Received: from {via}\n\tby mx.rrr-cities.example (Postfix) with ESMTPS id 4Fm{hash_name(when) % 99999:05d};\n\t{when}"


def message(
    headers: list[str], top: Part, *, received: list[str] | None = None, date: str | None = None
) -> bytes:
    """A whole message: our Received line(s) first, then the sender's headers, then the body."""
    lines = list(received or [])
    if date:
        lines.append(f"Date: {date}")
    lines += headers
    lines.append("MIME-Version: 1.0")
    head = "\n".join(lines) + "\n" + top[0] + "\n"
    return head.encode("utf-8") + top[1]


# --- document texts: written the way city staff write them -----------------------------------

FORM = {
    "en": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nApplication Form\n1. Name of the local authority: {city}\n2. Population: {pop}\n3. Contact person and role: {contact}\n4. Please describe the social and solidarity economy (SSE) ecosystem in your city: cooperatives, social enterprises and mutual aid networks grew during the pandemic.\n5. Which challenge would you like to work on with peer cities? Access to public procurement for SSE organisations.\n6. Staff time the city can dedicate: two officers, 20% each.",
    "es": "RESPOND, REBUILD, REINVENT - CIUDADES DE APRENDIZAJE ENTRE PARES\nFormulario de solicitud\n1. Nombre de la entidad local: {city}\n2. Población: {pop} habitantes\n3. Persona de contacto: {contact}\n4. Describa el ecosistema de economía social y solidaria de su ciudad: más de 300 cooperativas y una red de mercados de proximidad.\n5. Reto que desea trabajar: compra pública responsable.\n6. Recursos que dedicará el Ayuntamiento: dos técnicos municipales.",
    "pt": "RESPOND, REBUILD, REINVENT - CIDADES DE APRENDIZAGEM ENTRE PARES\nFormulário de candidatura\n1. Nome da autoridade local: {city}\n2. População: {pop}\n3. Pessoa de contacto: {contact}\n4. Descreva o ecossistema de economia social e solidária do município: IPSS, cooperativas e associações de desenvolvimento local.\n5. Desafio principal: emprego de jovens e inclusão.",
    "br": "RESPOND, REBUILD, REINVENT - CIDADES DE APRENDIZAGEM ENTRE PARES\nFicha de inscrição\n1. Nome do município: {city}\n2. População estimada (IBGE): {pop}\n3. Responsável pelo contato: {contact}\n4. Descreva o ecossistema de economia solidária da cidade: bancos comunitários, moeda social e feiras de economia solidária.\n5. Principal desafio pós-pandemia: geração de renda nas periferias.",
    "fr": "RESPOND, REBUILD, REINVENT - VILLES D'APPRENTISSAGE PAR LES PAIRS\nFormulaire de candidature\n1. Nom de la collectivité : {city}\n2. Population : {pop} habitants\n3. Personne de contact : {contact}\n4. Décrivez l'écosystème de l'économie sociale et solidaire de votre territoire : SCIC, tiers-lieux, pôle territorial de coopération économique.\n5. Défi prioritaire : relocalisation alimentaire.",
    "de": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nBewerbungsformular\n1. Name der Gebietskörperschaft: {city}\n2. Einwohnerzahl: {pop}\n3. Ansprechperson: {contact}\n4. Beschreiben Sie das Ökosystem der Sozial- und Solidarwirtschaft in Ihrer Stadt: Genossenschaften, Sozialunternehmen, Quartiersarbeit.\n5. Zentrale Herausforderung: Zugang zu Finanzierung für Sozialunternehmen.",
    "it": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nModulo di candidatura\n1. Denominazione dell'ente: {city}\n2. Popolazione residente: {pop}\n3. Referente: {contact}\n4. Descrivere l'ecosistema dell'economia sociale e solidale della città: cooperative sociali, imprese di comunità, patti di collaborazione.\n5. Sfida principale: amministrazione condivisa dei beni comuni.",
    "pl": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nFormularz zgłoszeniowy\n1. Nazwa jednostki samorządu terytorialnego: {city}\n2. Liczba mieszkańców: {pop}\n3. Osoba do kontaktu: {contact}\n4. Proszę opisać ekosystem ekonomii społecznej i solidarnej w mieście: spółdzielnie socjalne, centra integracji społecznej.\n5. Główne wyzwanie: zamówienia publiczne z klauzulami społecznymi.",
    "nl": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nAanvraagformulier\n1. Naam van de gemeente: {city}\n2. Aantal inwoners: {pop}\n3. Contactpersoon: {contact}\n4. Beschrijf het ecosysteem van de sociale en solidaire economie in uw stad: sociale ondernemingen, coöperaties en buurtinitiatieven.\n5. Belangrijkste uitdaging: social return bij inkoop.",
    "ca": "RESPOND, REBUILD, REINVENT - CIUTATS D'APRENENTATGE ENTRE IGUALS\nFormulari de sol·licitud\n1. Nom de l'ens local: {city}\n2. Població: {pop} habitants\n3. Persona de contacte: {contact}\n4. Descriviu l'ecosistema d'economia social i solidària: ateneus cooperatius, xarxa d'economia solidària.\n5. Repte principal: habitatge cooperatiu en cessió d'ús.",
    "ro": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nFormular de candidatură\n1. Denumirea autorității locale: {city}\n2. Populație: {pop} locuitori\n3. Persoană de contact: {contact}\n4. Descrieți ecosistemul economiei sociale și solidare din oraș: întreprinderi sociale de inserție, cooperative.\n5. Provocarea principală: ocuparea grupurilor vulnerabile.",
    "sv": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nAnsökningsformulär\n1. Kommunens namn: {city}\n2. Antal invånare: {pop}\n3. Kontaktperson: {contact}\n4. Beskriv ekosystemet för social och solidarisk ekonomi i staden: arbetsintegrerande sociala företag, idéburet offentligt partnerskap (IOP).\n5. Största utmaning: långtidsarbetslöshet.",
    "el": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nΑίτηση συμμετοχής\n1. Επωνυμία του δήμου: {city}\n2. Πληθυσμός: {pop}\n3. Υπεύθυνος επικοινωνίας: {contact}\n4. Περιγράψτε το οικοσύστημα της κοινωνικής και αλληλέγγυας οικονομίας στην πόλη σας: Κοινωνικές Συνεταιριστικές Επιχειρήσεις (ΚοινΣΕπ).\n5. Κύρια πρόκληση: απασχόληση νέων.",
    "hu": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nJelentkezési lap\n1. Az önkormányzat neve: {city}\n2. Lakosság: {pop} fő\n3. Kapcsolattartó: {contact}\n4. Kérjük, mutassa be a város szociális és szolidáris gazdasági ökoszisztémáját: szociális szövetkezetek, civil szervezetek.\n5. Fő kihívás: hátrányos helyzetű csoportok foglalkoztatása.",
    "lt": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nParaiškos forma\n1. Savivaldybės pavadinimas: {city}\n2. Gyventojų skaičius: {pop}\n3. Kontaktinis asmuo: {contact}\n4. Aprašykite socialinės ir solidarios ekonomikos ekosistemą: socialinės įmonės, bendruomeninės organizacijos.\n5. Pagrindinis iššūkis: socialinis verslumas jaunimui.",
    "hr": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nPrijavni obrazac\n1. Naziv jedinice lokalne samouprave: {city}\n2. Broj stanovnika: {pop}\n3. Kontakt osoba: {contact}\n4. Opišite ekosustav socijalne i solidarne ekonomije u gradu: zadruge, socijalna poduzeća.\n5. Glavni izazov: zapošljavanje osoba s invaliditetom.",
    "fi": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nHakulomake\n1. Kunnan nimi: {city}\n2. Asukasluku: {pop}\n3. Yhteyshenkilö: {contact}\n4. Kuvatkaa kaupungin yhteisötalouden ja solidaarisen talouden ekosysteemi: osuuskunnat, yhteiskunnalliset yritykset.\n5. Keskeinen haaste: nuorten työllisyys.",
    "da": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nAnsøgningsskema\n1. Kommunens navn: {city}\n2. Indbyggertal: {pop}\n3. Kontaktperson: {contact}\n4. Beskriv økosystemet for social- og solidarøkonomi i byen: socialøkonomiske virksomheder, andelsforeninger.\n5. Største udfordring: udsatte borgeres vej til job.",
    "cs": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nPřihláška\n1. Název samosprávy: {city}\n2. Počet obyvatel: {pop}\n3. Kontaktní osoba: {contact}\n4. Popište ekosystém sociální a solidární ekonomiky ve městě: sociální podniky, družstva.\n5. Hlavní výzva: sociálně odpovědné zadávání veřejných zakázek.",
    "bg": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nФормуляр за кандидатстване\n1. Наименование на общината: {city}\n2. Население: {pop}\n3. Лице за контакт: {contact}\n4. Опишете екосистемата на социалната и солидарна икономика в града: социални предприятия, кооперации.\n5. Основно предизвикателство: заетост на младите хора.",
    "tr": "RESPOND, REBUILD, REINVENT - PEER LEARNING CITIES\nBaşvuru Formu\n1. Yerel yönetimin adı: {city}\n2. Nüfus: {pop}\n3. İrtibat kişisi: {contact}\n4. Şehrinizdeki sosyal ve dayanışma ekonomisi ekosistemini açıklayınız: kadın kooperatifleri, kent kooperatifi.\n5. Temel zorluk: kadın istihdamı.",
}

LETTER = {
    "en": "{city}\nOffice of the Mayor\n\nLetter of Intent\n\nDear members of the RRR consortium,\nOn behalf of {city}, I hereby confirm our intention to participate as a Peer Learning City in the Respond, Rebuild, Reinvent project and our commitment to take part in the learning activities, to dedicate staff time and to share our experience with the other cities.\nYours sincerely,\n{signer}\nMayor",
    "es": "{city}\nAlcaldía\n\nCarta de intención\n\nEstimados miembros del consorcio RRR:\nPor medio de la presente, y en nombre de {city}, manifiesto nuestro interés en participar como Ciudad de Aprendizaje entre Pares en el proyecto Respond, Rebuild, Reinvent y nuestro compromiso de participar activamente en las actividades previstas.\nAtentamente,\n{signer}\nAlcalde",
    "pt": "{city}\nGabinete do Presidente\n\nCarta de intenção\n\nExmos. Senhores,\nVenho, em nome de {city}, manifestar a intenção de participar como Cidade de Aprendizagem entre Pares no projeto Respond, Rebuild, Reinvent, assumindo o compromisso de participar nas atividades do projeto.\nCom os melhores cumprimentos,\n{signer}\nPresidente da Câmara",
    "br": "PREFEITURA DE {city}\nGabinete do Prefeito\n\nCarta de intenção\n\nPrezados membros do consórcio RRR,\nPela presente, em nome de {city}, manifestamos nossa intenção de participar como Cidade de Aprendizagem entre Pares do projeto Respond, Rebuild, Reinvent e nosso compromisso com as atividades previstas.\nAtenciosamente,\n{signer}\nPrefeito",
    "fr": "{city}\nCabinet du Maire\n\nLettre d'intention\n\nMesdames, Messieurs,\nAu nom de {city}, j'ai l'honneur de vous confirmer notre intention de participer au projet Respond, Rebuild, Reinvent en tant que ville d'apprentissage par les pairs et notre engagement à prendre part aux activités.\nVeuillez agréer, Mesdames, Messieurs, l'expression de mes salutations distinguées.\n{signer}\nMaire",
    "de": "{city}\nDer Oberbürgermeister\n\nAbsichtserklärung\n\nSehr geehrte Damen und Herren,\nhiermit erkläre ich im Namen der {city} unsere Absicht, als Peer Learning City am Projekt Respond, Rebuild, Reinvent teilzunehmen, und verpflichte die Verwaltung zur aktiven Mitwirkung.\nMit freundlichen Grüßen\n{signer}\nOberbürgermeister",
    "it": "{city}\nIl Sindaco\n\nLettera di intenti\n\nGentili membri del consorzio RRR,\ncon la presente, a nome di {city}, manifesto l'intenzione di partecipare in qualità di Peer Learning City al progetto Respond, Rebuild, Reinvent e l'impegno a prendere parte alle attività previste.\nDistinti saluti,\n{signer}\nSindaco",
    "pl": "{city}\nPrezydent Miasta\n\nList intencyjny\n\nSzanowni Państwo,\nw imieniu {city} wyrażam wolę udziału w projekcie Respond, Rebuild, Reinvent jako Peer Learning City oraz zobowiązuję się do aktywnego uczestnictwa w działaniach projektu.\nZ poważaniem\n{signer}\nPrezydent Miasta",
    "nl": "{city}\nDe burgemeester\n\nIntentieverklaring\n\nGeachte leden van het RRR-consortium,\nNamens {city} bevestig ik hierbij onze intentie om als Peer Learning City deel te nemen aan het project Respond, Rebuild, Reinvent en onze inzet voor de activiteiten.\nMet vriendelijke groet,\n{signer}\nBurgemeester",
    "ca": "{city}\nAlcaldia\n\nCarta d'intencions\n\nBenvolguts membres del consorci RRR,\nEn nom de {city}, us manifesto la nostra voluntat de participar com a ciutat d'aprenentatge entre iguals al projecte Respond, Rebuild, Reinvent i el nostre compromís amb les activitats.\nCordialment,\n{signer}\nAlcaldessa",
    "ro": "{city}\nPrimar\n\nScrisoare de intenție\n\nStimați membri ai consorțiului RRR,\nÎn numele {city}, confirm intenția noastră de a participa ca Peer Learning City în proiectul Respond, Rebuild, Reinvent și angajamentul de a lua parte la activități.\nCu stimă,\n{signer}\nPrimar",
    "sv": "{city}\nKommunstyrelsens ordförande\n\nAvsiktsförklaring\n\nTill RRR-konsortiet,\nHärmed bekräftar jag på uppdrag av {city} vår avsikt att delta som Peer Learning City i projektet Respond, Rebuild, Reinvent och vårt åtagande att delta i aktiviteterna.\nMed vänliga hälsningar\n{signer}",
    "el": "{city}\nΓραφείο Δημάρχου\n\nΕπιστολή πρόθεσης\n\nΑξιότιμα μέλη της κοινοπραξίας RRR,\nΕκ μέρους του {city} επιβεβαιώνω την πρόθεσή μας να συμμετάσχουμε ως Peer Learning City στο έργο Respond, Rebuild, Reinvent και τη δέσμευσή μας στις δράσεις του.\nΜε εκτίμηση,\n{signer}\nΔήμαρχος",
    "hu": "{city}\nPolgármester\n\nSzándéknyilatkozat\n\nTisztelt RRR Konzorcium!\nAlulírott, {city} nevében kijelentem, hogy részt kívánunk venni a Respond, Rebuild, Reinvent projektben Peer Learning City-ként, és vállaljuk a tevékenységekben való aktív részvételt.\nTisztelettel:\n{signer}\npolgármester",
    "lt": "{city}\nMeras\n\nKetinimų raštas\n\nGerbiami RRR konsorciumo nariai,\n{city} vardu patvirtinu mūsų ketinimą dalyvauti projekte Respond, Rebuild, Reinvent kaip Peer Learning City ir įsipareigojimą aktyviai dalyvauti veiklose.\nPagarbiai\n{signer}\nMeras",
    "hr": "{city}\nGradonačelnik\n\nPismo namjere\n\nPoštovani članovi konzorcija RRR,\nu ime {city} potvrđujem našu namjeru sudjelovanja u projektu Respond, Rebuild, Reinvent kao Peer Learning City i obvezu aktivnog sudjelovanja.\nS poštovanjem,\n{signer}\nGradonačelnik",
    "fi": "{city}\nPormestari\n\nAiekirje\n\nHyvät RRR-konsortion jäsenet,\n{city} vahvistaa täten aikomuksensa osallistua Respond, Rebuild, Reinvent -hankkeeseen Peer Learning City -kaupunkina ja sitoutuu osallistumaan toimintaan.\nYstävällisin terveisin\n{signer}\npormestari",
    "da": "{city}\nBorgmesteren\n\nHensigtserklæring\n\nKære medlemmer af RRR-konsortiet,\nPå vegne af {city} bekræfter jeg hermed vores hensigt om at deltage som Peer Learning City i projektet Respond, Rebuild, Reinvent og vores tilsagn om at deltage aktivt.\nMed venlig hilsen\n{signer}\nBorgmester",
    "cs": "{city}\nPrimátor\n\nProhlášení o záměru\n\nVážení členové konsorcia RRR,\njménem {city} potvrzuji náš záměr zapojit se do projektu Respond, Rebuild, Reinvent jako Peer Learning City a závazek aktivně se účastnit činností.\nS pozdravem\n{signer}\nprimátor",
    "bg": "{city}\nКмет\n\nПисмо за намерение\n\nУважаеми членове на консорциума RRR,\nОт името на {city} потвърждавам намерението ни да участваме като Peer Learning City в проекта Respond, Rebuild, Reinvent и ангажимента ни да участваме активно.\nС уважение,\n{signer}\nКмет",
    "tr": "{city}\nBelediye Başkanlığı\n\nNiyet Mektubu\n\nSayın RRR konsorsiyumu üyeleri,\n{city} adına, Respond, Rebuild, Reinvent projesine Peer Learning City olarak katılma niyetimizi ve faaliyetlere aktif katılım taahhüdümüzü teyit ederim.\nSaygılarımla,\n{signer}\nBelediye Başkanı",
}


def form(lang: str, city: str, pop: str = "512,000", contact: str = "Ana Ruiz, SSE unit") -> str:
    return FORM[lang].format(city=city, pop=pop, contact=contact)


def letter(lang: str, city: str, signer: str = "(signed)") -> str:
    return LETTER[lang].format(city=city, signer=signer)


# Documents that use none of the obvious words: a decree, an ofício, a council resolution...
DECREE_ES = """AYUNTAMIENTO DE ZARAGOZA
DECRETO DE ALCALDÍA N.º 2021/1456
Visto el anuncio del proyecto Respond, Rebuild, Reinvent, liderado por UpSocial, y considerando el interés municipal en el fomento de la economía social,
RESUELVO:
PRIMERO.- Aprobar la participación del Ayuntamiento de Zaragoza en el proyecto Respond, Rebuild, Reinvent como ciudad de aprendizaje, asumiendo los compromisos de participación establecidos.
SEGUNDO.- Designar como interlocutora a la Jefa del Servicio de Economía Social.
Lo manda y firma el Alcalde, en Zaragoza, a 18 de mayo de 2021."""

OFICIO_BR = """PREFEITURA DA CIDADE DO RECIFE
GABINETE DO PREFEITO
Ofício nº 123/2021 - GP
Recife, 19 de maio de 2021.
Ao Consórcio Respond, Rebuild, Reinvent
Assunto: participação no projeto RRR
Senhores,
A Prefeitura do Recife vem, por meio deste, manifestar formalmente seu interesse e compromisso em integrar o grupo de cidades participantes do projeto, disponibilizando equipe técnica da Secretaria de Desenvolvimento Econômico.
Respeitosamente,
João Campos
Prefeito do Recife"""

RESOLUCIO_CA = """AJUNTAMENT DE L'HOSPITALET
RESOLUCIÓ DE L'ALCALDIA NÚM. 3021/2021
Atès que el projecte Respond, Rebuild, Reinvent cerca ciutats que vulguin aprendre d'altres ciutats en economia social i solidària,
RESOLC:
Primer. Aprovar que l'Ajuntament de l'Hospitalet s'hi adhereixi i es comprometi a participar en totes les activitats del projecte.
Segon. Notificar aquesta resolució al consorci.
L'alcaldessa, Núria Marín Martínez"""

COUNCIL_UK = """GLASGOW CITY COUNCIL
City Chambers, George Square, Glasgow G2 1DU
20 May 2021
To the selection committee, RRR Peer Learning Cities
Glasgow City Council is delighted to put itself forward. The Council commits to attend the learning sessions, to nominate a lead officer from Neighbourhoods, Regeneration and Sustainability and to host a study visit should the consortium wish.
Councillor Susan Aitken
Leader of the Council"""

STADTRAT_DE = """Stadt Leipzig - Der Oberbürgermeister
Herrn/Frau Projektkoordination RRR, UpSocial, Barcelona
Leipzig, 17.05.2021
Teilnahme der Stadt Leipzig am Projekt Respond, Rebuild, Reinvent
Sehr geehrte Damen und Herren,
die Stadt Leipzig wird sich an dem Vorhaben beteiligen. Das Amt für Wirtschaftsförderung stellt hierfür eine Koordinatorin ab, und wir werden an allen Lernformaten teilnehmen.
Mit freundlichen Grüßen
Burkhard Jung"""

QUESTIONNAIRE_US = """City of Pittsburgh - Department of City Planning
Candidate city questionnaire
Section A. About your city
A1. Jurisdiction: City of Pittsburgh, Pennsylvania
A2. Population (2020 Census): 302,971
A3. Lead department and contact: Office of Equity, J. Smith
Section B. Your ecosystem
B1. Worker cooperatives, community land trusts and CDFIs active in the city: 41
B2. Public programs supporting them since March 2020: small business relief grants.
Section C. Your challenge
C1. Inclusive recovery in historically disinvested neighborhoods."""

SPACED_FORM = "A p p l i c a t i o n   F o r m\nRRR - Peer Lear-\nning Cities\n1. Na me of the lo cal autho-\nrity: City of Aarhus\n2. Pop ula tion: 349 983\n3. De scribe the so cial and so li dar ity eco nomy eco sys tem: co-ops and so cial en ter pri ses."
SPACED_LETTER = "L e t t e r   o f   I n t e n t\nAarhus Kom-\nmune hereby con firms its in ten tion to par ti ci pate in the Re spond, Re build, Re invent pro ject and its com mit ment to the ac ti vi ties.\nJacob Bundsgaard, Borg mester"

URBACT_FORM = "URBACT IV - Action Planning Networks\nApplication form for partner cities\n1. City: Porto\n2. Population: 231,800\n3. Network theme: circular economy\n4. Describe the integrated approach of your city to the network topic.\nURBACT Secretariat, Saint-Denis"

BLANK_FORM = "RESPOND, REBUILD, REINVENT - CIUDADES DE APRENDIZAJE ENTRE PARES\nFormulario de solicitud\n1. Nombre de la entidad local: ______________________\n2. Población: ______________________\n3. Persona de contacto: ______________________\n4. Describa el ecosistema de economía social y solidaria de su ciudad:\n[máximo 500 palabras]\n5. Reto que desea trabajar:\n[máximo 300 palabras]"

GUIDELINES = "RESPOND, REBUILD, REINVENT\nCall for Peer Learning Cities - Guidelines for applicants\nWho can apply: local and metropolitan authorities of 200,000 inhabitants or more.\nHow to apply: fill in the application form and the letter of intent and send both by email before 21 May 2021, 23:00.\nSelection criteria: commitment, SSE ecosystem, diversity of cities."

HTML_LETTER = "<html><body><h1>Carta de intención</h1><p>El Municipio de Guadalajara manifiesta su intención de participar en el proyecto Respond, Rebuild, Reinvent.</p></body></html>"

ICS = "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:20210527T080000Z\r\nDTEND:20210527T090000Z\r\nSUMMARY:RRR - presentation of the application of Lyon\r\nUID:040000008200E00074C5B7101A82E00800000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


# --- the cases --------------------------------------------------------------------------------

CASES: list[tuple[str, bytes, dict[str, Any]]] = []

AF = "application_form"
LI = "letter_of_intent"


def expect(
    decision: str,
    form_name: str | None,
    letter_name: str | None,
    why: str,
    *,
    review: bool = False,
) -> dict[str, Any]:
    if decision == "ignored":
        return {
            "decision": "ignored",
            "documents": None,
            "missing": None,
            "review": review,
            "why": why,
        }
    missing = [k for k, v in ((AF, form_name), (LI, letter_name)) if v is None]
    return {
        "decision": decision,
        "documents": {AF: form_name, LI: letter_name},
        "missing": missing,
        "review": review,
        "why": why,
    }


ON = "Thu, 20 May 2021 10:14:32 +0000"
ON2 = "Fri, 21 May 2021 16:02:11 +0200"
LATE = "Sat, 22 May 2021 09:41:05 +0200"


def simple(
    name: str,
    *,
    sender: str,
    subject: str,
    body: str,
    files: list[Part],
    exp: dict[str, Any],
    when: str = ON,
    extra: list[str] | None = None,
    client: str = "Microsoft Outlook 16.0",
    alternative: bool = True,
) -> None:
    """The common shape: one message, a text (or text+html) body and some attachments."""
    m = Mime(name)
    first = alt(m, body) if alternative else text(body)
    top = multi(m, "mixed", [first, *files])
    headers = [
        f"From: {sender}",
        f"To: RRR Peer Learning <{OUR}>",
        f"Subject: {subject}",
        f"Message-ID: <{hash_name(name):x}.{name}@mail.city.example>",
        f"X-Mailer: {client}",
        *(extra or []),
    ]
    CASES.append((name, message(headers, top, received=[rcv(when)], date=when), exp))


def build() -> None:
    DOCX, ODT, RTF = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/rtf",
    )

    # ---- straightforward applications in many languages and clients -----------------------
    simple(
        "en_leeds_outlook",
        sender="Leeds City Council <sse.team@leeds.gov.example>",
        subject="RRR Peer Learning Cities - application from Leeds",
        body="Dear colleagues,\nPlease find attached our application form and the letter of intent signed by the Leader of the Council.\nKind regards,\nSarah",
        files=[
            att("RRR_Application_Form_Leeds.pdf", pdf(form("en", "Leeds City Council"))),
            att("Leeds_LoI_signed.pdf", pdf(letter("en", "Leeds City Council"))),
        ],
        exp=expect(
            "accepted",
            "RRR_Application_Form_Leeds.pdf",
            "Leeds_LoI_signed.pdf",
            "Both named and readable.",
        ),
    )
    simple(
        "es_zaragoza_decreto",
        sender="Economía Social <economiasocial@zaragoza.es.example>",
        subject="Solicitud RRR - Ayuntamiento de Zaragoza",
        body="Buenos días:\nAdjuntamos el formulario cumplimentado y el decreto de Alcaldía por el que el Ayuntamiento se compromete a participar.\nUn saludo",
        files=[
            att(
                "Formulario_RRR_Zaragoza.docx",
                docx(form("es", "Ayuntamiento de Zaragoza").split("\n")),
                DOCX,
            ),
            att("Decreto_Alcaldia_2021-1456.pdf", pdf(DECREE_ES)),
        ],
        exp=expect(
            "accepted",
            "Formulario_RRR_Zaragoza.docx",
            "Decreto_Alcaldia_2021-1456.pdf",
            "A mayoral decree committing the city is its letter of intent.",
        ),
    )
    recife_rows = [
        ["Campo", "Resposta"],
        ["Nome do município", "Recife"],
        ["População", "1.661.017"],
        [
            "Ecossistema de economia solidária",
            "Bancos comunitários, feiras e cooperativas de catadores",
        ],
        ["Desafio", "Renda nas periferias"],
    ]
    simple(
        "br_recife_oficio",
        sender="=?utf-8?q?Secretaria_de_Desenvolvimento_Econ=C3=B4mico?= <sdec@recife.pe.gov.example>",
        subject="=?utf-8?q?Inscri=C3=A7=C3=A3o_Recife_-_RRR?=",
        body="Prezados,\nSegue a ficha de inscrição preenchida e o ofício do Prefeito.\nAtenciosamente",
        files=[
            att(
                "ficha_inscricao_recife.docx",
                docx(
                    [
                        "Ficha de inscrição - Respond, Rebuild, Reinvent",
                        "Cidades de aprendizagem entre pares",
                    ],
                    recife_rows,
                ),
                DOCX,
            ),
            att("Oficio_123_2021_GP.pdf", pdf(OFICIO_BR)),
        ],
        exp=expect(
            "accepted",
            "ficha_inscricao_recife.docx",
            "Oficio_123_2021_GP.pdf",
            "Form with table answers; an ofício from the mayor committing the city is the letter.",
        ),
        client="Zimbra",
    )
    simple(
        "frca_montreal",
        sender="Service du développement économique <sde@montreal.qc.example>",
        subject="Candidature de Montréal - Villes d'apprentissage RRR",
        body="Bonjour,\nVeuillez trouver ci-joint le formulaire de candidature de la Ville de Montréal ainsi que la lettre de la mairesse.\nCordialement",
        files=[
            att("Formulaire_RRR_Montreal.pdf", pdf(form("fr", "Ville de Montréal", "1 780 000"))),
            att(
                "Lettre_mairesse_Plante.pdf",
                pdf(letter("fr", "la Ville de Montréal", "Valérie Plante")),
            ),
        ],
        exp=expect(
            "accepted",
            "Formulaire_RRR_Montreal.pdf",
            "Lettre_mairesse_Plante.pdf",
            "Form and mayor's letter of intent.",
        ),
    )
    simple(
        "de_leipzig_schreiben",
        sender="Amt für Wirtschaftsförderung <wirtschaft@leipzig.de.example>",
        subject="Bewerbung der Stadt Leipzig",
        body="Sehr geehrte Damen und Herren,\nanbei erhalten Sie unsere Bewerbung sowie das Schreiben des Oberbürgermeisters.\nMit freundlichen Grüßen",
        files=[
            att(
                "Bewerbung_Leipzig_RRR.docx",
                docx(form("de", "Stadt Leipzig", "605.407").split("\n")),
                DOCX,
            ),
            att("Schreiben_OBM_17052021.pdf", pdf(STADTRAT_DE)),
        ],
        exp=expect(
            "accepted",
            "Bewerbung_Leipzig_RRR.docx",
            "Schreiben_OBM_17052021.pdf",
            "The mayor's letter commits the city without the word Absichtserklärung.",
        ),
        client="Microsoft Outlook 16.0 (GroupWise bridge)",
    )
    simple(
        "pl_lodz_utf8_names",
        sender="=?utf-8?b?VXJ6xIVkIE1pYXN0YSDFgW9kemk=?= <ekonomia@uml.lodz.pl.example>",
        subject="=?utf-8?q?Zg=C5=82oszenie_=C5=81=C3=B3d=C5=BA_-_RRR?=",
        body="Dzień dobry,\nw załączeniu przesyłamy formularz zgłoszeniowy oraz list intencyjny Prezydent Miasta.\nZ poważaniem",
        files=[
            att(
                "formularz_zgłoszeniowy_Łódź.docx",
                docx(form("pl", "Miasto Łódź", "677 286").split("\n")),
                DOCX,
                style="2231",
            ),
            att(
                "list_intencyjny_Łódź.pdf",
                pdf(letter("pl", "Miasta Łodzi", "Hanna Zdanowska")),
                style="2231",
            ),
        ],
        exp=expect(
            "accepted",
            "formularz_zgłoszeniowy_Łódź.docx",
            "list_intencyjny_Łódź.pdf",
            "Polish names in RFC 2231.",
        ),
        client="Thunderbird 78.10",
    )
    simple(
        "nl_utrecht_odt",
        sender="Gemeente Utrecht <economie@utrecht.nl.example>",
        subject="Aanmelding RRR Peer Learning Cities",
        body="Beste,\nBijgaand het aanvraagformulier (LibreOffice) en de intentieverklaring van de burgemeester.\nMet vriendelijke groet",
        files=[
            att(
                "Aanvraagformulier RRR gemeente Utrecht.odt",
                odt(form("nl", "Gemeente Utrecht", "361.924").split("\n")),
                ODT,
            ),
            att(
                "Intentieverklaring burgemeester.pdf",
                pdf(letter("nl", "de gemeente Utrecht", "Sharon Dijksma")),
            ),
        ],
        exp=expect(
            "accepted",
            "Aanvraagformulier RRR gemeente Utrecht.odt",
            "Intentieverklaring burgemeester.pdf",
            "ODT form and letter.",
        ),
        client="LibreOffice / Thunderbird",
    )
    simple(
        "ca_hospitalet_resolucio",
        sender="Promoció Econòmica <promocio@l-h.cat.example>",
        subject="Sol·licitud RRR - L'Hospitalet",
        body="Bon dia,\nUs fem arribar el formulari i la resolució de l'Alcaldia.\nSalutacions",
        files=[
            att(
                "Formulari_RRR_LH.docx",
                docx(form("ca", "Ajuntament de l'Hospitalet", "265.444").split("\n")),
                DOCX,
            ),
            att("Resolucio_3021-2021.pdf", pdf(RESOLUCIO_CA)),
        ],
        exp=expect(
            "accepted",
            "Formulari_RRR_LH.docx",
            "Resolucio_3021-2021.pdf",
            "A mayoral resolution to join is the letter of intent.",
        ),
    )
    simple(
        "ro_cluj",
        sender="Primaria Cluj-Napoca <proiecte@primariaclujnapoca.ro.example>",
        subject="Candidatura Cluj-Napoca RRR",
        body="Stimate doamne si domni,\nAtasat gasiti formularul si scrisoarea de intentie.\nCu stima",
        files=[
            att(
                "Formular_candidatura_Cluj.pdf",
                pdf(form("ro", "Municipiul Cluj-Napoca", "324.576")),
            ),
            att(
                "Scrisoare_intentie_Primar.pdf",
                pdf(letter("ro", "Municipiului Cluj-Napoca", "Emil Boc")),
            ),
        ],
        exp=expect(
            "accepted",
            "Formular_candidatura_Cluj.pdf",
            "Scrisoare_intentie_Primar.pdf",
            "Romanian form and letter.",
        ),
        client="Yahoo Mail",
    )
    simple(
        "sv_malmo",
        sender="Malmö stad <naringsliv@malmo.se.example>",
        subject="Ansökan RRR - Malmö stad",
        body="Hej,\nHär kommer vår ansökan och avsiktsförklaringen.\nVänliga hälsningar",
        files=[
            att(
                "Ansökan_Malmö.docx",
                docx(form("sv", "Malmö stad", "347 949").split("\n")),
                DOCX,
                style="2047",
            ),
            att(
                "Avsiktsförklaring_Malmö.pdf",
                pdf(letter("sv", "Malmö stad", "Katrin Stjernfeldt Jammeh")),
                style="2047",
            ),
        ],
        exp=expect(
            "accepted",
            "Ansökan_Malmö.docx",
            "Avsiktsförklaring_Malmö.pdf",
            "Swedish names as RFC 2047 words.",
        ),
    )
    simple(
        "el_thessaloniki",
        sender="=?utf-8?b?zpTOrs68zr/PgiDOmM61z4PPg86xzrvOv869zq/Ous63z4I=?= <rrr@thessaloniki.gr.example>",
        subject="RRR application - Municipality of Thessaloniki",
        body="Dear Sir/Madam,\nPlease find attached the application and the letter of the Mayor (in Greek, English summary in the form).\nBest regards",
        files=[
            att(
                "Αίτηση_Θεσσαλονίκη.docx",
                docx(form("el", "Δήμος Θεσσαλονίκης", "325.182").split("\n")),
                DOCX,
                style="2047",
            ),
            att(
                "Επιστολή_Δημάρχου.pdf",
                pdf(letter("el", "Δήμου Θεσσαλονίκης", "Κωνσταντίνος Ζέρβας")),
                style="2047",
            ),
        ],
        exp=expect(
            "accepted",
            "Αίτηση_Θεσσαλονίκη.docx",
            "Επιστολή_Δημάρχου.pdf",
            "Greek form and letter of intent.",
        ),
    )
    simple(
        "hu_budapest_iso88592",
        sender="=?iso-8859-2?q?Budapest_F=F5v=E1ros_Korm=E1nyhivatala?= <projekt@budapest.hu.example>",
        subject="=?iso-8859-2?q?Jelentkez=E9s_-_RRR?=",
        body="Tisztelt Címzett!\nMellékelten küldjük a jelentkezési lapot és a szándéknyilatkozatot.\nÜdvözlettel",
        files=[
            att(
                "jelentkezési_lap_Budapest.pdf",
                pdf(form("hu", "Budapest Főváros", "1 750 000")),
                style="2047:iso-8859-2",
            ),
            att(
                "szándéknyilatkozat_főpolgármester.pdf",
                pdf(letter("hu", "Budapest Főváros", "Karácsony Gergely")),
                style="2047:iso-8859-2",
            ),
        ],
        exp=expect(
            "accepted",
            "jelentkezési_lap_Budapest.pdf",
            "szándéknyilatkozat_főpolgármester.pdf",
            "Hungarian names in iso-8859-2 encoded words.",
        ),
        alternative=False,
    )
    simple(
        "us_pittsburgh_questionnaire",
        sender="Office of Equity <equity@pittsburghpa.gov.example>",
        subject="Pittsburgh - RRR Peer Learning Cities submission",
        body="Hello,\nAttached please find Pittsburgh's submission: the candidate city questionnaire and a letter from Mayor Peduto.\nThanks,\nJ.",
        files=[
            att("Pittsburgh questionnaire FINAL.docx", docx(QUESTIONNAIRE_US.split("\n")), DOCX),
            att("Peduto letter.pdf", pdf(letter("en", "City of Pittsburgh", "William Peduto"))),
        ],
        exp=expect(
            "accepted",
            "Pittsburgh questionnaire FINAL.docx",
            "Peduto letter.pdf",
            "A questionnaire with the form's answers, without the words 'application form'.",
        ),
        client="Apple Mail (2.3654.60.0.2.21)",
    )
    simple(
        "uk_glasgow_letter_to_follow",
        sender="Glasgow City Council <economic.development@glasgow.gov.uk.example>",
        subject="RRR - Glasgow application form",
        body="Dear RRR team,\nPlease find our application form attached. The Leader's letter is with her office for signature and will follow early next week.\nBest wishes",
        files=[
            att(
                "Glasgow RRR application form v3.docx",
                docx(form("en", "Glasgow City Council", "635,640").split("\n")),
                DOCX,
            )
        ],
        exp=expect(
            "incomplete",
            "Glasgow RRR application form v3.docx",
            None,
            "Only the form; the letter is promised later.",
        ),
    )
    simple(
        "mx_guadalajara_solo_carta",
        sender="Gobierno de Guadalajara <desarrollo@guadalajara.gob.mx.example>",
        subject="Postulación Guadalajara",
        body="Estimados,\nLes compartimos la carta compromiso firmada por el Presidente Municipal. El formato de postulación lo enviamos en cuanto esté listo.\nSaludos cordiales",
        files=[
            att(
                "Carta_compromiso_Guadalajara.pdf",
                pdf(letter("es", "Guadalajara, Jalisco", "Ismael del Toro")),
            )
        ],
        exp=expect("incomplete", None, "Carta_compromiso_Guadalajara.pdf", "Letter only."),
        client="Microsoft Outlook 15.0",
    )
    simple(
        "lt_vilnius",
        sender="Vilniaus miesto savivaldybė <projektai@vilnius.lt.example>",
        subject="RRR paraiška - Vilnius",
        body="Laba diena,\nsiunčiame paraiškos formą ir ketinimų raštą.\nPagarbiai",
        files=[
            att(
                "Paraiskos_forma_Vilnius.docx",
                docx(form("lt", "Vilniaus miesto savivaldybė", "588 412").split("\n")),
                DOCX,
            ),
            att(
                "Ketinimu_rastas_Meras.pdf",
                pdf(letter("lt", "Vilniaus miesto savivaldybės", "Remigijus Šimašius")),
            ),
        ],
        exp=expect(
            "accepted",
            "Paraiskos_forma_Vilnius.docx",
            "Ketinimu_rastas_Meras.pdf",
            "Lithuanian form and letter.",
        ),
    )
    simple(
        "hr_zagreb",
        sender="Grad Zagreb <gospodarstvo@zagreb.hr.example>",
        subject="Prijava Grada Zagreba - RRR",
        body="Poštovani,\nu privitku dostavljamo prijavni obrazac i pismo namjere.\nLijep pozdrav",
        files=[
            att(
                "Prijavni obrazac - Grad Zagreb.docx",
                docx(form("hr", "Grad Zagreb", "790 017").split("\n")),
                DOCX,
            ),
            att(
                "Pismo namjere - Grad Zagreb.pdf",
                pdf(letter("hr", "Grada Zagreba", "Milan Bandić")),
            ),
        ],
        exp=expect(
            "accepted",
            "Prijavni obrazac - Grad Zagreb.docx",
            "Pismo namjere - Grad Zagreb.pdf",
            "Croatian form and letter.",
        ),
        client="GMX Webmailer",
    )
    simple(
        "fi_tampere",
        sender="Tampereen kaupunki <elinkeinot@tampere.fi.example>",
        subject="RRR hakemus / application - Tampere",
        body="Hei,\nliitteenä hakulomake ja pormestarin aiekirje.\nTerveisin",
        files=[
            att("hakulomake_tampere.pdf", pdf(form("fi", "Tampereen kaupunki", "244 029"))),
            att("aiekirje_pormestari.pdf", pdf(letter("fi", "Tampereen kaupunki", "Lauri Lyly"))),
        ],
        exp=expect(
            "accepted",
            "hakulomake_tampere.pdf",
            "aiekirje_pormestari.pdf",
            "Finnish form and letter.",
        ),
    )
    simple(
        "cs_brno",
        sender="Statutární město Brno <projekty@brno.cz.example>",
        subject="Přihláška Brno RRR",
        body="Dobrý den,\nv příloze zasíláme přihlášku a prohlášení primátorky.\nS pozdravem",
        files=[
            att("Prihlaska_Brno.pdf", pdf(form("cs", "Statutární město Brno", "381 346"))),
            att(
                "Prohlaseni_o_zameru.pdf",
                pdf(letter("cs", "statutárního města Brna", "Markéta Vaňková")),
            ),
        ],
        exp=expect(
            "accepted", "Prihlaska_Brno.pdf", "Prohlaseni_o_zameru.pdf", "Czech form and letter."
        ),
    )
    simple(
        "bg_sofia_cyrillic",
        sender="Столична община <projects@sofia.bg.example>",
        subject="RRR - Sofia Municipality application",
        body="Dear colleagues,\nattached are the application form and the letter of intent (in Bulgarian).\nRegards",
        files=[
            att(
                "Формуляр_София.pdf", pdf(form("bg", "Столична община", "1 241 675")), style="2231"
            ),
            att(
                "Писмо_за_намерение.pdf",
                pdf(letter("bg", "Столична община", "Йорданка Фандъкова")),
                style="2231",
            ),
        ],
        exp=expect(
            "accepted", "Формуляр_София.pdf", "Писмо_за_намерение.pdf", "Bulgarian form and letter."
        ),
    )
    simple(
        "pt_porto",
        sender="Câmara Municipal do Porto <economia@cm-porto.pt.example>",
        subject="Candidatura RRR - Município do Porto",
        body="Exmos. Senhores,\nEnviamos em anexo o formulário de candidatura e a carta de intenção assinada pelo Presidente da Câmara.\nCom os melhores cumprimentos",
        files=[
            att(
                "Formulario_Candidatura_Porto.docx",
                docx(form("pt", "Município do Porto", "231 800").split("\n")),
                DOCX,
            ),
            att("Carta_Intencao_PCM.pdf", pdf(letter("pt", "Município do Porto", "Rui Moreira"))),
        ],
        exp=expect(
            "accepted",
            "Formulario_Candidatura_Porto.docx",
            "Carta_Intencao_PCM.pdf",
            "Portuguese form and letter.",
        ),
    )
    simple(
        "da_aarhus_spaced_pdf",
        sender="Aarhus Kommune <erhverv@aarhus.dk.example>",
        subject="Ansøgning RRR",
        body="Hej,\nvedhæftet ansøgningsskema og hensigtserklæring.\nVenlig hilsen",
        files=[
            att("Aarhus_1.pdf", pdf(SPACED_FORM)),
            att("Aarhus_2.pdf", pdf(SPACED_LETTER)),
        ],
        exp=expect(
            "accepted",
            "Aarhus_1.pdf",
            "Aarhus_2.pdf",
            "Text layer with broken spacing and hyphenation still reads as form and letter.",
        ),
    )
    simple(
        "tr_izmir",
        sender="İzmir Büyükşehir Belediyesi <dis.iliskiler@izmir.bel.tr.example>",
        subject="RRR Application - Izmir Metropolitan Municipality",
        body="Dear RRR team,\nPlease find our application form and letter of intent attached.\nBest regards",
        files=[
            att(
                "Başvuru_Formu_İzmir.pdf",
                pdf(form("tr", "İzmir Büyükşehir Belediyesi", "4.394.694")),
                style="2047",
            ),
            att(
                "Niyet_Mektubu_İzmir.pdf",
                pdf(letter("tr", "İzmir Büyükşehir Belediyesi", "Tunç Soyer")),
                style="2047",
            ),
        ],
        exp=expect(
            "accepted",
            "Başvuru_Formu_İzmir.pdf",
            "Niyet_Mektubu_İzmir.pdf",
            "Turkish form and letter (eligibility is for staff).",
        ),
    )
    simple(
        "it_bologna_scan_named",
        sender="Comune di Bologna <economia@comune.bologna.it.example>",
        subject="Candidatura Comune di Bologna - RRR",
        body="Buongiorno,\nin allegato il modulo e la scansione della lettera firmata dal Sindaco.\nCordiali saluti",
        files=[
            att(
                "Modulo_candidatura_Bologna.docx",
                docx(form("it", "Comune di Bologna", "394.843").split("\n")),
                DOCX,
            ),
            att("lettera_intenti_firmata.png", d.make_png(120, 160), "image/png"),
        ],
        exp=expect(
            "accepted",
            "Modulo_candidatura_Bologna.docx",
            "lettera_intenti_firmata.png",
            "A scan counts for the document its name says.",
        ),
    )
    simple(
        "pt_lisboa_guidelines_too",
        sender="Câmara Municipal de Lisboa <dmei@cm-lisboa.pt.example>",
        subject="RRR - candidatura de Lisboa",
        body="Bom dia,\nSegue a candidatura de Lisboa (formulário e carta). Junto também o regulamento assinado pelos serviços.\nCumprimentos",
        files=[
            att("Regulamento_RRR.pdf", pdf(GUIDELINES)),
            att("Formulario_Lisboa.pdf", pdf(form("pt", "Município de Lisboa", "544 851"))),
            att("Carta_Lisboa.pdf", pdf(letter("pt", "Município de Lisboa", "Fernando Medina"))),
        ],
        exp=expect(
            "accepted",
            "Formulario_Lisboa.pdf",
            "Carta_Lisboa.pdf",
            "The call's guidelines do not count; form and letter are there.",
        ),
    )
    simple(
        "nl_rotterdam_rtf_letter",
        sender="Gemeente Rotterdam <wsb@rotterdam.nl.example>",
        subject="RRR aanmelding Rotterdam",
        body="Goedemiddag,\nIn de bijlage het formulier en de brief.\nGroet",
        files=[
            att("Formulier Rotterdam.pdf", pdf(form("nl", "Gemeente Rotterdam", "651.446"))),
            att(
                "Brief burgemeester.rtf",
                d.make_rtf(letter("nl", "de gemeente Rotterdam", "Ahmed Aboutaleb")),
                RTF,
            ),
        ],
        exp=expect("accepted", "Formulier Rotterdam.pdf", "Brief burgemeester.rtf", "RTF letter."),
    )
    simple(
        "pl_krakow_logo_images",
        sender="Urząd Miasta Krakowa <rozwoj@um.krakow.pl.example>",
        subject="Zgłoszenie Kraków RRR",
        body="Szanowni Państwo,\nw załączeniu formularz i list intencyjny.\n[logo UMK]\nZ wyrazami szacunku",
        files=[
            att("image001.png", d.make_png(60, 20), "image/png", disp="inline"),
            att("Formularz_Krakow.pdf", pdf(form("pl", "Gmina Miejska Kraków", "779 966"))),
            att(
                "List_intencyjny_Krakow.pdf",
                pdf(letter("pl", "Miasta Krakowa", "Jacek Majchrowski")),
            ),
            att("image002.jpg", d.make_png(40, 40), "image/jpeg", disp="inline"),
        ],
        exp=expect(
            "accepted",
            "Formularz_Krakow.pdf",
            "List_intencyjny_Krakow.pdf",
            "Signature logos are not documents.",
        ),
    )
    simple(
        "es_sevilla_blank_template",
        sender="Ayuntamiento de Sevilla <economia@sevilla.org.example>",
        subject="RRR Sevilla",
        body="Buenas tardes,\nadjuntamos la documentación.\nSaludos",
        files=[
            att("Formulario_solicitud_RRR.pdf", pdf(BLANK_FORM)),
            att(
                "Carta_intencion_Sevilla.pdf",
                pdf(letter("es", "Ayuntamiento de Sevilla", "Juan Espadas")),
            ),
        ],
        exp=expect(
            "incomplete",
            None,
            "Carta_intencion_Sevilla.pdf",
            "The form sent is the blank template.",
        ),
    )
    simple(
        "br_curitiba_drive_link",
        sender="Prefeitura de Curitiba <inovacao@curitiba.pr.gov.example>",
        subject="Inscrição Curitiba - RRR",
        body="Prezados,\nOs documentos estão disponíveis no link abaixo (Google Drive):\nhttps://drive.google.com/drive/folders/1aBcD_curitiba_rrr?usp=sharing\nAtenciosamente",
        files=[],
        exp=expect("incomplete", None, None, "Cloud link instead of attachments."),
        client="Gmail",
    )
    simple(
        "us_boston_swapped_names",
        sender="City of Boston <economic.opportunity@boston.gov.example>",
        subject="Boston - RRR",
        body="Hi,\nOur two documents are attached.\nBest",
        files=[
            att("Letter.pdf", pdf(form("en", "City of Boston", "692,600"))),
            att("Application.pdf", pdf(letter("en", "City of Boston", "Kim Janey"))),
        ],
        exp=expect(
            "accepted", "Letter.pdf", "Application.pdf", "Names are swapped; the text wins."
        ),
    )
    simple(
        "generic_document_names",
        sender="Municipio de Puebla <vinculacion@pueblacapital.gob.mx.example>",
        subject="RRR",
        body="Envío documentos.",
        files=[
            att("document.pdf", pdf(form("es", "Municipio de Puebla", "1 692 181"))),
            att(
                "document(1).pdf",
                pdf(letter("es", "Municipio de Puebla", "Claudia Rivera Vivanco")),
            ),
        ],
        exp=expect(
            "accepted", "document.pdf", "document(1).pdf", "Generic names; text tells them apart."
        ),
        client="iPhone Mail (18E212)",
        alternative=False,
    )
    simple(
        "dates_only_names",
        sender="Stadt Dortmund <wirtschaft@dortmund.de.example>",
        subject="RRR Bewerbung",
        body="Anbei die Unterlagen.",
        files=[
            att("2021-05-20.docx", docx(form("de", "Stadt Dortmund", "588.250").split("\n")), DOCX),
            att("2021-05-20 (2).pdf", pdf(letter("de", "Stadt Dortmund", "Thomas Westphal"))),
        ],
        exp=expect(
            "accepted", "2021-05-20.docx", "2021-05-20 (2).pdf", "Date-only names; text decides."
        ),
    )
    simple(
        "all_caps_names",
        sender="MUNICIPIO DE MEDELLIN <CONVOCATORIAS@MEDELLIN.GOV.EXAMPLE>",
        subject="SOLICITUD RRR",
        body="ADJUNTO FORMULARIO Y CARTA.",
        files=[
            att("FORMULARIO.PDF", pdf(form("es", "Ciudad de Guadalajara", "1 385 629"))),
            att("CARTA.PDF", pdf(letter("es", "Ciudad de Guadalajara", "Ismael del Toro"))),
        ],
        exp=expect("accepted", "FORMULARIO.PDF", "CARTA.PDF", "Upper-case names and extensions."),
    )
    simple(
        "rrr_pdf_only_form",
        sender="Ville de Québec <international@ville.quebec.qc.example>",
        subject="RRR",
        body="Bonjour, voici notre envoi.",
        files=[att("RRR.pdf", pdf(form("fr", "Ville de Québec", "549 459")))],
        exp=expect("incomplete", "RRR.pdf", None, "Only a form, named after the project."),
    )
    simple(
        "scan_pdf_letter_by_elimination",
        sender="Comune di Torino <torinosociale@comune.torino.it.example>",
        subject="Candidatura Torino",
        body="Buonasera,\nin allegato modulo e lettera scansionata.\nSaluti",
        files=[
            att("Modulo_Torino.pdf", pdf(form("it", "Città di Torino", "848.885"))),
            att("scan0001.pdf", d.make_image_pdf()),
        ],
        exp=expect(
            "accepted",
            "Modulo_Torino.pdf",
            "scan0001.pdf",
            "An unnamed scan next to a clear form is the letter.",
        ),
    )
    simple(
        "two_phone_photos",
        sender="Lorena <lorena.b@yahoo.es.example>",
        subject="RRR Ayuntamiento de Valladolid",
        body="Hola, os mando las fotos de los documentos firmados, el escáner no funciona.",
        files=[
            att("IMG_20210520_101204.jpg", d.make_png(90, 120), "image/jpeg"),
            att("IMG_20210520_101231.jpg", d.make_png(90, 121), "image/jpeg"),
        ],
        exp=expect(
            "accepted",
            "IMG_20210520_101204.jpg",
            "IMG_20210520_101231.jpg",
            "Two photos that cannot be told apart: accepted with review.",
            review=True,
        ),
        client="Yahoo Mail for Android",
        alternative=False,
    )
    simple(
        "urbact_form_by_mistake",
        sender="Câmara Municipal de Braga <projetos@cm-braga.pt.example>",
        subject="Candidatura RRR - Braga",
        body="Caros,\nseguem os documentos.",
        files=[
            att("Application_form_Braga.pdf", pdf(URBACT_FORM)),
            att("Carta_intencao_Braga.pdf", pdf(letter("pt", "Município de Braga", "Ricardo Rio"))),
        ],
        exp=expect(
            "incomplete",
            None,
            "Carta_intencao_Braga.pdf",
            "The form is URBACT's, another programme.",
        ),
    )
    simple(
        "exe_letter",
        sender="City of Cork <info@corkcity.ie.example>",
        subject="RRR application Cork",
        body="Please see attached.",
        files=[
            att("Cork_Application_Form.pdf", pdf(form("en", "Cork City Council", "210,000"))),
            att(
                "Letter_of_Intent.exe",
                b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120,
                "application/octet-stream",
            ),
        ],
        exp=expect("incomplete", "Cork_Application_Form.pdf", None, "An .exe does not count."),
    )
    simple(
        "html_letter",
        sender="Municipio de Zapopan <internacional@zapopan.gob.mx.example>",
        subject="Postulación Zapopan",
        body="Adjunto formulario y carta.",
        files=[
            att("Formulario_Zapopan.pdf", pdf(form("es", "Municipio de Zapopan", "1 476 491"))),
            att("Carta_intencion.html", HTML_LETTER.encode(), "text/html"),
        ],
        exp=expect(
            "incomplete", "Formulario_Zapopan.pdf", None, "An .html letter is a disallowed type."
        ),
    )
    simple(
        "empty_letter_file",
        sender="Ayuntamiento de Málaga <innovacion@malaga.eu.example>",
        subject="Solicitud RRR Málaga",
        body="Adjuntamos formulario y carta de intención.",
        files=[
            att(
                "Formulario_Malaga.docx",
                docx(form("es", "Ayuntamiento de Málaga", "578 460").split("\n")),
                DOCX,
            ),
            att("Carta_intencion_Malaga.pdf", b""),
        ],
        exp=expect("incomplete", "Formulario_Malaga.docx", None, "The letter file is empty."),
    )
    simple(
        "corrupt_form_pdf",
        sender="Città di Napoli <sviluppo@comune.napoli.it.example>",
        subject="Candidatura RRR Napoli",
        body="In allegato.",
        files=[
            att("Modulo_Napoli.pdf", pdf(form("it", "Comune di Napoli", "948.850"))[:400]),
            att("Lettera_Napoli.pdf", pdf(letter("it", "Comune di Napoli", "Luigi de Magistris"))),
        ],
        exp=expect(
            "incomplete", None, "Lettera_Napoli.pdf", "The form PDF is truncated and unreadable."
        ),
    )
    simple(
        "nothing_attached",
        sender="Gemeente Eindhoven <economie@eindhoven.nl.example>",
        subject="Aanmelding RRR",
        body="Beste,\nIn de bijlage vindt u onze aanmelding.\nGroet",
        files=[],
        exp=expect("incomplete", None, None, "The attachment was forgotten."),
    )
    simple(
        "google_docs_export",
        sender="City of Vancouver <social.policy@vancouver.ca.example>",
        subject="Vancouver RRR application",
        body="Hi there, attached are our documents.",
        files=[
            att(
                "RRR Application - Vancouver - Google Docs.pdf",
                pdf(form("en", "City of Vancouver", "675,218")),
            ),
            att("LOI Vancouver (1).pdf", pdf(letter("en", "City of Vancouver", "Kennedy Stewart"))),
        ],
        exp=expect(
            "accepted",
            "RRR Application - Vancouver - Google Docs.pdf",
            "LOI Vancouver (1).pdf",
            "Google Docs export and LOI.",
        ),
        client="Gmail",
    )
    simple(
        "mixed_language_form",
        sender="Prefeitura de Belo Horizonte <rrr@pbh.gov.br.example>",
        subject="BH - RRR application",
        body="Dear all, attached.",
        files=[
            att(
                "BH_form_EN-PT.pdf",
                pdf(
                    form("en", "Prefeitura de Belo Horizonte", "2.521.564")
                    + "\nRespostas complementares: economia popular solidária, Centro Público de Economia Solidária."
                ),
            ),
            att("BH_carta.pdf", pdf(letter("br", "BELO HORIZONTE", "Alexandre Kalil"))),
        ],
        exp=expect(
            "accepted", "BH_form_EN-PT.pdf", "BH_carta.pdf", "English form with Portuguese answers."
        ),
    )
    simple(
        "combined_pdf",
        sender="Urząd Miasta Bydgoszczy <wrm@um.bydgoszcz.pl.example>",
        subject="RRR Bydgoszcz",
        body="W załączeniu komplet dokumentów w jednym pliku.",
        files=[
            att(
                "RRR_Bydgoszcz.pdf",
                pdf(
                    form("pl", "Miasto Bydgoszcz", "344 091")
                    + "\n" * 60
                    + letter("pl", "Miasta Bydgoszczy", "Rafał Bruski")
                ),
            )
        ],
        exp=expect(
            "accepted",
            "RRR_Bydgoszcz.pdf",
            "RRR_Bydgoszcz.pdf",
            "One PDF holding the form and, on its second page, the letter.",
        ),
    )
    simple(
        "proton_pubkey",
        sender="Helsinki SSE <sse-helsinki@protonmail.com.example>",
        subject="Helsinki application RRR",
        body="Hello,\nattached are the form and the letter.\nSent with ProtonMail Secure Email.",
        files=[
            att("Helsinki_hakulomake.pdf", pdf(form("fi", "Helsingin kaupunki", "656 229"))),
            att("Helsinki_aiekirje.pdf", pdf(letter("fi", "Helsingin kaupunki", "Jan Vapaavuori"))),
            att(
                "publickey - sse-helsinki@protonmail.com - 0x1A2B3C4D.asc",
                b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEYKZ\n-----END PGP PUBLIC KEY BLOCK-----\n",
                "application/pgp-keys",
            ),
        ],
        exp=expect(
            "accepted",
            "Helsinki_hakulomake.pdf",
            "Helsinki_aiekirje.pdf",
            "The PGP key is not a document.",
        ),
        client="ProtonMail",
    )
    simple(
        "gmx_vcard",
        sender="Stadt Nürnberg <sozialwirtschaft@gmx.de.example>",
        subject="Bewerbung Nürnberg",
        body="Guten Tag, anbei Formular und Erklärung. Meine Visitenkarte hängt an.",
        files=[
            att("Antrag_Nuernberg.pdf", pdf(form("de", "Stadt Nürnberg", "518.370"))),
            att("Erklaerung_OB.pdf", pdf(letter("de", "Stadt Nürnberg", "Marcus König"))),
            att(
                "Mueller.vcf",
                b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eva Mueller\r\nEND:VCARD\r\n",
                "text/vcard",
            ),
        ],
        exp=expect(
            "accepted", "Antrag_Nuernberg.pdf", "Erklaerung_OB.pdf", "vCard is not a document."
        ),
        client="GMX Freemail",
    )

    # ---- deadline: arrival is our newest Received header --------------------------------
    simple(
        "late_wien",
        sender="Stadt Wien <wirtschaft@wien.gv.at.example>",
        subject="Bewerbung Wien RRR",
        body="Anbei unsere Bewerbung.",
        files=[
            att("Bewerbungsformular_Wien.pdf", pdf(form("de", "Stadt Wien", "1.911.191"))),
            att("Absichtserklaerung_Wien.pdf", pdf(letter("de", "Stadt Wien", "Michael Ludwig"))),
        ],
        when=LATE,
        exp=expect(
            "late",
            "Bewerbungsformular_Wien.pdf",
            "Absichtserklaerung_Wien.pdf",
            "Arrived the next morning.",
        ),
    )
    simple(
        "late_lyon_four_minutes",
        sender="Métropole de Lyon <ess@grandlyon.com.example>",
        subject="Candidature Lyon",
        body="Bonsoir, voici notre candidature, désolés pour l'heure tardive.",
        files=[
            att("Formulaire_Lyon.pdf", pdf(form("fr", "Métropole de Lyon", "1 411 571"))),
            att(
                "Lettre_intention_Lyon.pdf",
                pdf(letter("fr", "la Métropole de Lyon", "Bruno Bernard")),
            ),
        ],
        when="Fri, 21 May 2021 23:04:10 +0200",
        exp=expect(
            "late",
            "Formulaire_Lyon.pdf",
            "Lettre_intention_Lyon.pdf",
            "Four minutes after 23:00 Madrid time.",
        ),
    )
    simple(
        "on_time_exactly",
        sender="Ajuntament de València <innovacio@valencia.es.example>",
        subject="Sol·licitud RRR València",
        body="Adjuntem formulari i carta.",
        files=[
            att("Formulari_Valencia.pdf", pdf(form("ca", "Ajuntament de València", "800.215"))),
            att(
                "Carta_intencions_Valencia.pdf",
                pdf(letter("ca", "l'Ajuntament de València", "Joan Ribó")),
            ),
        ],
        when="Fri, 21 May 2021 23:00:00 +0200",
        exp=expect(
            "accepted",
            "Formulari_Valencia.pdf",
            "Carta_intencions_Valencia.pdf",
            "Exactly at the deadline counts as on time.",
        ),
    )
    simple(
        "on_time_us_pacific_offset",
        sender="City of Los Angeles <econdev@lacity.org.example>",
        subject="RRR application - Los Angeles",
        body="Attached.",
        files=[
            att("LA_application.pdf", pdf(form("en", "City of Los Angeles", "3,898,747"))),
            att("LA_LOI.pdf", pdf(letter("en", "City of Los Angeles", "Eric Garcetti"))),
        ],
        when="Fri, 21 May 2021 13:59:30 -0700",
        exp=expect(
            "accepted", "LA_application.pdf", "LA_LOI.pdf", "13:59:30 -0700 is 20:59:30Z, on time."
        ),
    )
    simple(
        "late_us_eastern_offset",
        sender="City of Philadelphia <commerce@phila.gov.example>",
        subject="RRR application - Philadelphia",
        body="Attached are our form and letter.",
        files=[
            att(
                "Philadelphia_application_form.pdf",
                pdf(form("en", "City of Philadelphia", "1,603,797")),
            ),
            att(
                "Philadelphia_letter_of_intent.pdf",
                pdf(letter("en", "City of Philadelphia", "Jim Kenney")),
            ),
        ],
        when="Fri, 21 May 2021 17:30:00 -0400",
        exp=expect(
            "late",
            "Philadelphia_application_form.pdf",
            "Philadelphia_letter_of_intent.pdf",
            "17:30 -0400 is 21:30Z, late although still 'Friday afternoon' for the sender.",
        ),
    )

    # ---- hand-built cases -------------------------------------------------------------------
    _messy_received()
    _date_only()
    _auto_and_system_mail()
    _forwards()
    _containers()
    _signed_and_pec()
    _replies_and_invites()


def _messy_received() -> None:
    # Our server received it late, though every header lower down and Date say Friday evening.
    m = Mime("messy_received_late")
    top = multi(
        m,
        "mixed",
        [
            text("Bonsoir, ci-joint notre dossier."),
            att(
                "Dossier_Toulouse_formulaire.pdf", pdf(form("fr", "Toulouse Métropole", "783 353"))
            ),
            att(
                "Dossier_Toulouse_lettre.pdf",
                pdf(letter("fr", "Toulouse Métropole", "Jean-Luc Moudenc")),
            ),
        ],
    )
    received = [
        rcv(
            "Sat, 22 May 2021 00:12:44 +0200",
            "relay2.toulouse-metropole.fr.example (relay2.toulouse-metropole.fr.example\n\t[198.51.100.7])",
        ),
        "Received: from exch01.intra.toulouse.example (10.1.2.3) by relay2.toulouse-metropole.fr.example\n\t(10.1.2.4) with Microsoft SMTP Server id 15.1.2242.4; Fri, 21 May 2021 22:58:12 +0200",
        "Received: from PC-DGA-0142 ([10.9.8.7]) by exch01.intra.toulouse.example with\n\tMicrosoft SMTPSVC(8.5.9600.16384); Fri, 21 May 2021 22:57:59 +0200",
    ]
    headers = [
        "From: Toulouse Métropole <europe@toulouse-metropole.fr.example>".replace("é", "e"),
        f"To: {OUR}",
        "Subject: Candidature RRR Toulouse",
        "Message-ID: <tls-0142@exch01.intra.toulouse.example>",
    ]
    CASES.append(
        (
            "messy_received_late",
            message(headers, top, received=received, date="Fri, 21 May 2021 22:57:50 +0200"),
            expect(
                "late",
                "Dossier_Toulouse_formulaire.pdf",
                "Dossier_Toulouse_lettre.pdf",
                "Our top Received says 00:12 on 22 May, after a queue at the city's relay.",
            ),
        )
    )

    # Lower hops have a skewed clock (late-looking), our own top header is on time.
    m = Mime("skewed_lower_hops_on_time")
    top = multi(
        m,
        "mixed",
        [
            text("Dear colleagues, please find our application attached."),
            att("Riga_application_form.pdf", pdf(form("en", "Riga City Council", "614,618"))),
            att(
                "Riga_letter_of_intent.pdf",
                pdf(letter("en", "Riga City Council", "Mārtiņš Staķis")),
            ),
        ],
    )
    received = [
        rcv(
            "Fri, 21 May 2021 22:41:03 +0200",
            "mx.riga.lv.example (mx.riga.lv.example [203.0.113.44])",
        ),
        "Received: from gw.riga.lv.example (unknown [10.0.0.2])\n\tby mx.riga.lv.example (Postfix) with ESMTP id 77AB1; Sat, 22 May 2021 03:40:58 +0300",
        "Received: (qmail 12345 invoked by uid 89); 22 May 2021 00:40:51 -0000",
    ]
    headers = [
        "From: Riga City Council <eu.projects@riga.lv.example>",
        f"To: {OUR}",
        "Subject: RRR application Riga",
        "Message-ID: <riga-1@gw.riga.lv.example>",
    ]
    CASES.append(
        (
            "skewed_lower_hops_on_time",
            message(headers, top, received=received, date="Sat, 22 May 2021 03:40:00 +0300"),
            expect(
                "accepted",
                "Riga_application_form.pdf",
                "Riga_letter_of_intent.pdf",
                "Only our newest Received counts: 20:41Z, on time.",
            ),
        )
    )


def _date_only() -> None:
    for name, when, decision, why in (
        (
            "no_received_date_on_time",
            "Wed, 19 May 2021 18:20:00 +0200",
            "accepted",
            "No Received: the Date header decides, on time.",
        ),
        (
            "no_received_date_late",
            "Mon, 24 May 2021 09:00:00 +0200",
            "late",
            "No Received: the Date header decides, late.",
        ),
    ):
        m = Mime(name)
        top = multi(
            m,
            "mixed",
            [
                text("Webmail export of our application."),
                att("Sofia_form.pdf", pdf(form("bg", "Столична община", "1 241 675"))),
                att("Sofia_letter.pdf", pdf(letter("bg", "Столична община", "Йорданка Фандъкова"))),
            ],
        )
        headers = [
            "From: Sofia Municipality <eu@sofia.bg.example>",
            f"To: {OUR}",
            "Subject: RRR application (saved copy)",
            f"Message-ID: <{name}@webmail.sofia.bg.example>",
        ]
        CASES.append(
            (
                name,
                message(headers, top, date=when),
                expect(decision, "Sofia_form.pdf", "Sofia_letter.pdf", why),
            )
        )


def _auto_and_system_mail() -> None:
    def plain(
        name: str, headers: list[str], body: str, when: str = ON2, files: list[Part] | None = None
    ) -> bytes:
        m = Mime(name)
        top = multi(m, "mixed", [text(body), *files]) if files else text(body)
        return message(headers, top, received=[rcv(when)], date=when)

    CASES.append(
        (
            "ooo_spanish_auto_replied",
            plain(
                "ooo_spanish_auto_replied",
                [
                    "From: Marta Gil <mgil@ayto-bilbao.eus.example>",
                    f"To: {OUR}",
                    "Subject: Respuesta automática: RRR - acuse de recibo",
                    "Auto-Submitted: auto-replied",
                    "Message-ID: <ooo1@ayto-bilbao.eus.example>",
                ],
                "Estaré fuera de la oficina hasta el 31 de mayo. Para asuntos urgentes, contacte con economia@bilbao.eus.",
            ),
            expect("ignored", None, None, "Out-of-office auto-reply (Auto-Submitted)."),
        )
    )
    CASES.append(
        (
            "ooo_german_x_autoreply",
            plain(
                "ooo_german_x_autoreply",
                [
                    "From: Jens Weber <j.weber@stadt-bremen.de.example>",
                    f"To: {OUR}",
                    "Subject: Abwesenheitsnotiz: Ihre Bewerbung RRR",
                    "X-Autoreply: yes",
                    "Message-ID: <ooo2@stadt-bremen.de.example>",
                ],
                "Vielen Dank für Ihre Nachricht. Ich bin bis 25.05. nicht im Büro und habe keinen Zugriff auf meine E-Mails.",
            ),
            expect("ignored", None, None, "Abwesenheitsnotiz with X-Autoreply."),
        )
    )
    CASES.append(
        (
            "auto_reply_with_brochure",
            plain(
                "auto_reply_with_brochure",
                [
                    "From: Comune di Milano <protocollo@comune.milano.it.example>",
                    f"To: {OUR}",
                    "Subject: Re: RRR Peer Learning Cities - application",
                    "Auto-Submitted: auto-generated",
                    "Message-ID: <auto3@comune.milano.it.example>",
                ],
                "Gentile utente, la sua comunicazione è stata protocollata. In allegato la carta dei servizi.",
                files=[
                    att(
                        "Carta_dei_servizi.pdf",
                        pdf("Carta dei servizi del Comune di Milano. Orari degli sportelli."),
                    )
                ],
            ),
            expect(
                "ignored",
                None,
                None,
                "An automatic protocol receipt with a leaflet, though it looks like a reply.",
            ),
        )
    )
    CASES.append(
        (
            "precedence_bulk_newsletter",
            plain(
                "precedence_bulk_newsletter",
                [
                    "From: Eurocities <newsletter@eurocities.eu.example>",
                    f"To: {OUR}",
                    "Subject: Cities for SSE - May newsletter",
                    "Precedence: bulk",
                    "Message-ID: <nl-0521@eurocities.eu.example>",
                ],
                "This month: the RRR Peer Learning Cities call closes on 21 May. Apply with the application form and letter of intent!",
                files=[att("Newsletter_May.pdf", pdf(GUIDELINES))],
            ),
            expect("ignored", None, None, "Bulk newsletter."),
        )
    )
    CASES.append(
        (
            "city_google_group_list_id",
            plain(
                "city_google_group_list_id",
                [
                    "From: Equipo Economía Social <economia-social@googlegroups.com.example>",
                    f"To: {OUR}",
                    "Subject: Solicitud RRR Alicante",
                    "List-Id: <economia-social.googlegroups.com.example>",
                    "Message-ID: <gg-1@googlegroups.com.example>",
                ],
                "Enviamos formulario y carta del Ayuntamiento de Alicante.",
                files=[
                    att(
                        "Formulario_Alicante.pdf",
                        pdf(form("es", "Ayuntamiento de Alicante", "337.482")),
                    ),
                    att(
                        "Carta_Alicante.pdf",
                        pdf(letter("es", "Ayuntamiento de Alicante", "Luis Barcala")),
                    ),
                ],
            ),
            expect(
                "ignored",
                None,
                None,
                "Sent through a mailing list (List-Id): treated as list traffic by the rules, staff see it.",
            ),
        )
    )
    CASES.append(
        (
            "null_return_path",
            plain(
                "null_return_path",
                [
                    "Return-Path: <>",
                    "From: Mail Delivery System <postmaster@gemeente.example>",
                    f"To: {OUR}",
                    "Subject: Delivery delayed: RRR acknowledgement",
                    "Message-ID: <dd1@gemeente.example>",
                ],
                "Delivery to the following recipients has been delayed: aanvraag@gemeente.example",
            ),
            expect("ignored", None, None, "Null Return-Path: a delivery notice."),
        )
    )
    CASES.append(
        (
            "from_our_own_address",
            plain(
                "from_our_own_address",
                [
                    f"From: RRR Peer Learning <{OUR}>",
                    f"To: {OUR}",
                    "Subject: test - application form and letter",
                    "Message-ID: <selftest@rrr-cities.example>",
                ],
                "Staff test with two documents.",
                files=[
                    att("test_form.pdf", pdf(form("en", "Test City", "200,000"))),
                    att("test_letter.pdf", pdf(letter("en", "Test City", "Tester"))),
                ],
            ),
            expect("ignored", None, None, "Mail from our own address."),
        )
    )
    CASES.append(
        (
            "human_auto_submitted_no",
            plain(
                "human_auto_submitted_no",
                [
                    "From: Ghent Ticketing <no-reply-but-read@stad.gent.example>",
                    f"To: {OUR}",
                    "Subject: [Case #48213] RRR application City of Ghent",
                    "Auto-Submitted: no",
                    "Message-ID: <case48213@stad.gent.example>",
                ],
                "This message was sent by an officer via the city's case system.\nOfficer: Lien De Smet\nAttached: application form and letter of intent.",
                files=[
                    att("Case48213_attachment1.pdf", pdf(form("nl", "Stad Gent", "263.927"))),
                    att(
                        "Case48213_attachment2.pdf",
                        pdf(letter("nl", "de Stad Gent", "Mathias De Clercq")),
                    ),
                ],
            ),
            expect(
                "accepted",
                "Case48213_attachment1.pdf",
                "Case48213_attachment2.pdf",
                "Looks automatic but Auto-Submitted: no and a real application.",
            ),
        )
    )

    # A DSN with the original (with attachments) inside.
    m = Mime("dsn_bounce")
    original = message(
        [
            "From: RRR Peer Learning <peerlearning@rrr-cities.example>",
            "To: info@nowhere.example",
            "Subject: We received your application",
            "Message-ID: <ack-1@rrr-cities.example>",
        ],
        text("Thank you for your application."),
        date=ON,
    )
    top = multi(
        m,
        "report",
        [
            text(
                "This is the mail system at host mx.nowhere.example.\nI'm sorry to have to inform you that your message could not be delivered."
            ),
            (
                "Content-Type: message/delivery-status\n",
                b"Reporting-MTA: dns; mx.nowhere.example\n\nFinal-Recipient: rfc822; info@nowhere.example\nAction: failed\nStatus: 5.1.1\n",
            ),
            rfc822(original),
        ],
        ' report-type="delivery-status";',
    )
    headers = [
        "Return-Path: <>",
        "From: MAILER-DAEMON@mx.nowhere.example (Mail Delivery System)",
        f"To: {OUR}",
        "Subject: Undelivered Mail Returned to Sender",
        "Message-ID: <bounce-1@mx.nowhere.example>",
    ]
    CASES.append(
        (
            "dsn_bounce",
            message(headers, top, received=[rcv(ON2)], date=ON2),
            expect("ignored", None, None, "A bounce of our own acknowledgement."),
        )
    )


def _fwd_inner(name: str, form_part: Part, letter_part: Part, sender: str, subject: str) -> bytes:
    m = Mime(name + "_inner")
    top = multi(m, "mixed", [text("Please send this to the RRR team."), form_part, letter_part])
    return message(
        [
            f"From: {sender}",
            "To: gabinete.alcaldia@city.example",
            f"Subject: {subject}",
            f"Message-ID: <{name}-inner@city.example>",
        ],
        top,
        date="Tue, 18 May 2021 09:12:00 +0200",
    )


def _forwards() -> None:
    # Outlook FW: with the original attached as an item (message/rfc822).
    name = "outlook_fw_item_attached"
    inner = _fwd_inner(
        name,
        att(
            "Formulario_Bilbao.docx",
            docx(form("es", "Ayuntamiento de Bilbao", "346.405").split("\n")),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        att(
            "Carta_Alcalde_Bilbao.pdf",
            pdf(letter("es", "Ayuntamiento de Bilbao", "Juan Mari Aburto")),
        ),
        "Economía Bilbao <economia@bilbao.eus.example>",
        "RRR documentos",
    )
    m = Mime(name)
    top = multi(
        m,
        "mixed",
        [
            alt(
                m, "Buenas tardes,\nOs reenvío la solicitud del Ayuntamiento.\nGabinete de Alcaldía"
            ),
            rfc822(inner, "RRR documentos.eml"),
        ],
    )
    CASES.append(
        (
            name,
            message(
                [
                    "From: Gabinete Alcaldía <gabinete@bilbao.eus.example>",
                    f"To: {OUR}",
                    "Subject: FW: RRR documentos",
                    "Message-ID: <fw1@bilbao.eus.example>",
                    "Thread-Topic: RRR documentos",
                ],
                top,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Formulario_Bilbao.docx",
                "Carta_Alcalde_Bilbao.pdf",
                "Documents inside the forwarded item.",
            ),
        )
    )

    # Forwarded twice: mayor's office -> international relations -> us, nested message/rfc822.
    name = "forwarded_twice_nested"
    inner = _fwd_inner(
        name,
        att("Modulo_Genova.pdf", pdf(form("it", "Comune di Genova", "565.752"))),
        att("Lettera_Sindaco_Genova.pdf", pdf(letter("it", "Comune di Genova", "Marco Bucci"))),
        "Segreteria Sindaco <sindaco@comune.genova.it.example>",
        "Documenti RRR",
    )
    m1 = Mime(name + "_mid")
    middle = message(
        [
            "From: Relazioni Internazionali <ri@comune.genova.it.example>",
            "To: europa@comune.genova.it.example",
            "Subject: I: Documenti RRR",
            "Message-ID: <mid@comune.genova.it.example>",
        ],
        multi(m1, "mixed", [text("Vedi sotto."), rfc822(inner, "Documenti RRR.eml")]),
        date="Wed, 19 May 2021 10:00:00 +0200",
    )
    m = Mime(name)
    top = multi(
        m,
        "mixed",
        [
            text("Inoltro la candidatura del Comune di Genova."),
            rfc822(middle, "I_ Documenti RRR.eml"),
        ],
    )
    CASES.append(
        (
            name,
            message(
                [
                    "From: Ufficio Europa <europa@comune.genova.it.example>",
                    f"To: {OUR}",
                    "Subject: I: I: Documenti RRR",
                    "Message-ID: <fw2@comune.genova.it.example>",
                ],
                top,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Modulo_Genova.pdf",
                "Lettera_Sindaco_Genova.pdf",
                "Documents two forwards deep.",
            ),
        )
    )

    # Gmail Fwd: original inline as quoted text, attachments carried along.
    name = "gmail_fwd_inline"
    body = (
        "---------- Forwarded message ---------\nFrom: Prefeito <gabinete@saopaulo.sp.gov.br.example>\n"
        "Date: Wed, May 19, 2021 at 4:10 PM\nSubject: RRR - documentos\nTo: <relacoes.internacionais@saopaulo.sp.gov.br.example>\n\n"
        "Segue a ficha e a carta assinada pelo Prefeito.\n"
    )
    simple(
        name,
        sender="Relações Internacionais SP <ri.saopaulo@gmail.com.example>",
        subject="Fwd: RRR - documentos",
        body="Prezados, encaminho.\n\n" + body,
        files=[
            att("Ficha_SP.pdf", pdf(form("br", "São Paulo", "12.325.232"))),
            att("Carta_Prefeito_SP.pdf", pdf(letter("br", "SÃO PAULO", "Ricardo Nunes"))),
        ],
        exp=expect(
            "accepted",
            "Ficha_SP.pdf",
            "Carta_Prefeito_SP.pdf",
            "Gmail forward carries the attachments.",
        ),
        client="Gmail",
    )

    # Letter as the body of a forwarded message, with the signed scan attached.
    name = "letter_in_forwarded_body_with_scan"
    m2 = Mime(name + "_inner")
    inner = message(
        [
            "From: Bürgermeisteramt <ob@stadt-stuttgart.de.example>",
            "To: europa@stuttgart.de.example",
            "Subject: Absichtserklärung RRR",
            "Message-ID: <inner-stg@stuttgart.de.example>",
        ],
        multi(
            m2,
            "mixed",
            [
                text(letter("de", "Landeshauptstadt Stuttgart", "Frank Nopper")),
                att("Scan_2021-05-19_OB.pdf", d.make_image_pdf()),
            ],
        ),
        date="Wed, 19 May 2021 15:00:00 +0200",
    )
    m = Mime(name)
    top = multi(
        m,
        "mixed",
        [
            text("Anbei Formular; die unterschriebene Erklärung des OB leite ich mit."),
            att(
                "Formular_Stuttgart.docx",
                docx(form("de", "Landeshauptstadt Stuttgart", "635.911").split("\n")),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            rfc822(inner),
        ],
    )
    CASES.append(
        (
            name,
            message(
                [
                    "From: Europa Stuttgart <europa@stuttgart.de.example>",
                    f"To: {OUR}",
                    "Subject: WG: Bewerbung Stuttgart RRR",
                    "Message-ID: <wg-stg@stuttgart.de.example>",
                ],
                top,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Formular_Stuttgart.docx",
                "Scan_2021-05-19_OB.pdf",
                "The signed scan of the letter (body of the forwarded mail) is the letter file.",
            ),
        )
    )


def _containers() -> None:
    # zip from Windows Explorer in Poland: cp852 names, no UTF-8 flag, a folder.
    files = {
        "Wrocław RRR/": b"",
        "Wrocław RRR/Formularz zgłoszeniowy.pdf": pdf(form("pl", "Gmina Wrocław", "641 928")),
        "Wrocław RRR/List intencyjny Prezydenta.pdf": pdf(
            letter("pl", "Miasta Wrocławia", "Jacek Sutryk")
        ),
    }
    simple(
        "zip_cp852_names",
        sender="UM Wrocław <projekty@um.wroc.pl.example>",
        subject="RRR Wrocław",
        body="W załączeniu spakowane dokumenty.",
        files=[
            att(
                "Wrocław RRR.zip",
                d.make_zip(files, utf8_names=False, name_encoding="cp852"),
                "application/x-zip-compressed",
                style="2047",
            )
        ],
        exp=expect(
            "accepted",
            "Formularz zgłoszeniowy.pdf",
            "List intencyjny Prezydenta.pdf",
            "Inside a Windows zip with cp852 names.",
        ),
    )
    simple(
        "zip_toronto",
        sender="City of Toronto <sdfa@toronto.ca.example>",
        subject="Toronto RRR submission",
        body="Please find our zipped submission.",
        files=[
            att(
                "Toronto_RRR_submission.zip",
                d.make_zip(
                    {
                        "01_Toronto_Application.docx": docx(
                            form("en", "City of Toronto", "2,731,571").split("\n")
                        ),
                        "02_Toronto_Mayor_Letter.pdf": pdf(
                            letter("en", "City of Toronto", "John Tory")
                        ),
                    }
                ),
                "application/zip",
            )
        ],
        exp=expect(
            "accepted",
            "01_Toronto_Application.docx",
            "02_Toronto_Mayor_Letter.pdf",
            "Both inside a zip.",
        ),
    )
    simple(
        "zip_encrypted",
        sender="Stadt Graz <international@stadt.graz.at.example>",
        subject="Bewerbung Graz (Passwort folgt)",
        body="Das Passwort senden wir separat.",
        files=[
            att(
                "Graz_RRR.zip",
                d.make_zip(
                    {
                        "Bewerbung.pdf": pdf(form("de", "Stadt Graz", "291.072")),
                        "Absichtserklaerung.pdf": pdf(letter("de", "Stadt Graz", "Siegfried Nagl")),
                    },
                    encrypt=True,
                ),
                "application/zip",
            )
        ],
        exp=expect("incomplete", None, None, "Encrypted zip: nothing readable."),
    )
    # Outlook 2010 TNEF with long names.
    tnef = d.make_tnef(
        {
            "Application Form - Metropolitan City of Milan - RRR Peer Learning Cities 2021 (final).docx": docx(
                form("it", "Città metropolitana di Milano", "3.265.327").split("\n")
            ),
            "Lettera di intenti firmata dal Sindaco metropolitano Giuseppe Sala.pdf": pdf(
                letter("it", "Città metropolitana di Milano", "Giuseppe Sala")
            ),
        },
        body="Buongiorno, in allegato la documentazione.",
    )
    simple(
        "tnef_long_names",
        sender="Città metropolitana di Milano <europa@cittametropolitana.mi.it.example>",
        subject="Candidatura RRR",
        body="Buongiorno, in allegato la documentazione.",
        files=[att("winmail.dat", tnef, "application/ms-tnef")],
        exp=expect(
            "accepted",
            "Application Form - Metropolitan City of Milan - RRR Peer Learning Cities 2021 (final).docx",
            "Lettera di intenti firmata dal Sindaco metropolitano Giuseppe Sala.pdf",
            "Long names inside winmail.dat.",
        ),
        client="Microsoft Outlook 14.0",
        alternative=False,
    )
    # HCL Notes: everything application/octet-stream, name only on Content-Type.
    simple(
        "hcl_notes_octet_stream",
        sender="Comune di Firenze <relazioni.internazionali@comune.fi.it.example>",
        subject="Candidatura Firenze RRR",
        body="Si trasmette la documentazione.",
        files=[
            att(
                "SCHEDA ADESIONE FIRENZE.pdf",
                pdf(form("it", "Comune di Firenze", "367.150")),
                "application/octet-stream",
                name_only=True,
            ),
            att(
                "NOTA SINDACO.pdf",
                pdf(letter("it", "Comune di Firenze", "Dario Nardella")),
                "application/octet-stream",
                name_only=True,
            ),
        ],
        exp=expect(
            "accepted",
            "SCHEDA ADESIONE FIRENZE.pdf",
            "NOTA SINDACO.pdf",
            "Notes-style octet-stream parts with name= only.",
        ),
        client="HCL Notes Release 11.0.1",
        alternative=False,
    )
    # Apple iPad: inline dispositions with text parts in between.
    m = Mime("ipad_inline_parts")
    top = multi(
        m,
        "mixed",
        [
            text("Hola,\nAquí está el formulario", cte="8bit"),
            att(
                "Formulario Monterrey.pdf",
                pdf(form("es", "Municipio de Monterrey", "1 142 994")),
                disp="inline",
            ),
            text("\ny la carta del Alcalde\n", cte="8bit"),
            att(
                "Carta Alcalde.pdf",
                pdf(letter("es", "Municipio de Monterrey", "Adrián de la Garza")),
                disp="inline",
            ),
            text("\nEnviado desde mi iPad", cte="8bit"),
        ],
    )
    CASES.append(
        (
            "ipad_inline_parts",
            message(
                [
                    "From: Dirección de Economía <economia@monterrey.gob.mx.example>",
                    f"To: {OUR}",
                    "Subject: Postulación Monterrey",
                    "X-Mailer: iPad Mail (18E212)",
                    "Message-Id: <ipad-1@monterrey.gob.mx.example>",
                ],
                top,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Formulario Monterrey.pdf",
                "Carta Alcalde.pdf",
                "Inline PDFs between text parts are attachments.",
            ),
        )
    )
    # Outlook HTML with cid images (multipart/related) + documents.
    m = Mime("outlook_related_cid")
    related = multi(
        m,
        "related",
        [
            text(
                '<html><body><p>Dear RRR team,</p><p>Attached.</p><img src="cid:image001.png@01D74D"></body></html>',
                "html",
            ),
            (
                'Content-Type: image/png; name="image001.png"\nContent-ID: <image001.png@01D74D>\nContent-Transfer-Encoding: base64\n',
                b64(d.make_png(50, 20)),
            ),
        ],
    )
    top = multi(
        m,
        "mixed",
        [
            related,
            att(
                "Edinburgh_RRR_form.docx",
                docx(form("en", "The City of Edinburgh Council", "527,620").split("\n")),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            att(
                "Edinburgh_LOI_signed.pdf",
                pdf(letter("en", "The City of Edinburgh Council", "Adam McVey")),
            ),
        ],
    )
    CASES.append(
        (
            "outlook_related_cid",
            message(
                [
                    "From: Edinburgh Council <economy@edinburgh.gov.uk.example>",
                    f"To: {OUR}",
                    "Subject: RRR application - Edinburgh",
                    "Message-ID: <cid1@edinburgh.gov.uk.example>",
                ],
                top,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Edinburgh_RRR_form.docx",
                "Edinburgh_LOI_signed.pdf",
                "Embedded logo is not a document.",
            ),
        )
    )
    simple(
        "uk_council_letter_no_keywords",
        sender="Glasgow City Council <ndr@glasgow.gov.uk.example>",
        subject="Glasgow - RRR",
        body="Dear colleagues, our form and the Leader's letter.",
        files=[
            att("Glasgow form.pdf", pdf(form("en", "Glasgow City Council", "635,640"))),
            att("Letter from Cllr Aitken 20-05-21.pdf", pdf(COUNCIL_UK)),
        ],
        exp=expect(
            "accepted",
            "Glasgow form.pdf",
            "Letter from Cllr Aitken 20-05-21.pdf",
            "The Leader's commitment letter uses no 'intent' wording.",
        ),
    )


def _signed_and_pec() -> None:
    # S/MIME multipart/signed: the p7s is not a document.
    m = Mime("smime_signed")
    inner = multi(
        m,
        "mixed",
        [
            text("Madame, Monsieur,\nVeuillez trouver ci-joint notre dossier."),
            att("Formulaire_Bordeaux.pdf", pdf(form("fr", "Bordeaux Métropole", "814 049"))),
            att("Lettre_Bordeaux.pdf", pdf(letter("fr", "Bordeaux Métropole", "Alain Anziani"))),
        ],
    )
    sig = (
        'Content-Type: application/pkcs7-signature; name="smime.p7s"\nContent-Transfer-Encoding: base64\n'
        'Content-Disposition: attachment; filename="smime.p7s"\n',
        b64(bytes(range(256)) * 4),
    )
    top = multi(
        m, "signed", [inner, sig], ' protocol="application/pkcs7-signature"; micalg=sha-256;'
    )
    CASES.append(
        (
            "smime_signed",
            message(
                [
                    "From: Bordeaux Métropole <europe@bordeaux-metropole.fr.example>".replace(
                        "é", "e"
                    ),
                    f"To: {OUR}",
                    "Subject: Candidature RRR Bordeaux",
                    "Message-ID: <smime1@bordeaux-metropole.fr.example>",
                ],
                top,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Formulaire_Bordeaux.pdf",
                "Lettre_Bordeaux.pdf",
                "Signed message; the signature file is not a document.",
            ),
        )
    )
    # Italian PEC: the real message travels as postacert.eml next to daticert.xml and a signature.
    m = Mime("pec_postacert")
    orig = message(
        [
            'From: "Comune di Palermo" <protocollo@cert.comune.palermo.it.example>',
            f"To: {OUR}",
            "Subject: Candidatura RRR - Comune di Palermo",
            "Message-ID: <orig-pa@cert.comune.palermo.it.example>",
        ],
        multi(
            Mime("pec_inner"),
            "mixed",
            [
                text("Si trasmettono modulo e lettera di intenti."),
                att(
                    "Modulo candidatura Palermo.pdf.p7m",
                    b"\x30\x82\x01\x00not-a-pdf-really",
                    "application/pkcs7-mime",
                ),
                att(
                    "Modulo candidatura Palermo.pdf",
                    pdf(form("it", "Comune di Palermo", "630.828")),
                ),
                att(
                    "Lettera intenti Sindaco.pdf",
                    pdf(letter("it", "Comune di Palermo", "Leoluca Orlando")),
                ),
            ],
        ),
        date=ON,
    )
    body = multi(
        m,
        "alternative",
        [
            text(
                'Messaggio di posta certificata\nIl giorno 20/05/2021 alle ore 12:14:32 (+0200) il messaggio "Candidatura RRR" è stato inviato da "protocollo@cert.comune.palermo.it".'
            ),
            text("<html><body>Messaggio di posta certificata</body></html>", "html"),
        ],
    )
    top = multi(
        m,
        "mixed",
        [
            body,
            (
                'Content-Type: application/xml; name="daticert.xml"\nContent-Disposition: inline; filename="daticert.xml"\nContent-Transfer-Encoding: base64\n',
                b64(
                    b'<?xml version="1.0"?><postacert tipo="posta-certificata" errore="nessuno"></postacert>'
                ),
            ),
            rfc822(orig, "postacert.eml"),
        ],
    )
    signed = multi(
        m,
        "signed",
        [
            top,
            (
                'Content-Type: application/x-pkcs7-signature; name="smime.p7s"\nContent-Disposition: attachment; filename="smime.p7s"\nContent-Transfer-Encoding: base64\n',
                b64(bytes(range(200))),
            ),
        ],
        ' protocol="application/x-pkcs7-signature"; micalg=sha-256;',
    )
    CASES.append(
        (
            "pec_postacert",
            message(
                [
                    'From: "Per conto di: protocollo@cert.comune.palermo.it" <posta-certificata@pec.aruba.it.example>',
                    f"To: {OUR}",
                    "Subject: POSTA CERTIFICATA: Candidatura RRR - Comune di Palermo",
                    "X-Trasporto: posta-certificata",
                    "X-Riferimento-Message-ID: <orig-pa@cert.comune.palermo.it.example>",
                    "Message-ID: <opec21.20210520121432@pec.aruba.it.example>",
                ],
                signed,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Modulo candidatura Palermo.pdf",
                "Lettera intenti Sindaco.pdf",
                "PEC envelope: documents are in postacert.eml; the p7m copy is unreadable, the plain PDF serves.",
            ),
        )
    )


def _replies_and_invites() -> None:
    # A reply to our acknowledgement with the missing letter attached: judged on its own.
    m = Mime("reply_to_ack_with_letter")
    quoted = (
        "Please find the letter attached.\n\nOn 19 May 2021, at 11:02, RRR Peer Learning <peerlearning@rrr-cities.example> wrote:\n"
        "> Thank you. We received your message. Reference RRR-2021-0042.\n> Missing: letter of intent.\n"
    )
    top = multi(
        m,
        "mixed",
        [
            text(quoted),
            att(
                "Signed LOI Manchester.pdf",
                pdf(letter("en", "Manchester City Council", "Sir Richard Leese")),
            ),
        ],
    )
    CASES.append(
        (
            "reply_to_ack_with_letter",
            message(
                [
                    "From: Manchester City Council <inclusive.economy@manchester.gov.uk.example>",
                    f"To: {OUR}",
                    "Subject: Re: [RRR-2021-0042] We received your application",
                    "In-Reply-To: <ack-0042@rrr-cities.example>",
                    "References: <ack-0042@rrr-cities.example>",
                    "Message-ID: <re-ack@manchester.gov.uk.example>",
                ],
                top,
                received=[rcv(ON2)],
                date=ON2,
            ),
            expect(
                "incomplete",
                None,
                "Signed LOI Manchester.pdf",
                "A follow-up with only the letter; each message is judged alone.",
            ),
        )
    )
    # Long thread with quoted history and both documents.
    history = "\n".join(
        f"> > {'>' * (i % 3)} Earlier message {i}: we are still collecting signatures from the Mayor's office."
        for i in range(40)
    )
    simple(
        "long_thread_quoted_history",
        sender="Ayuntamiento de Madrid <internacional@madrid.es.example>",
        subject="RE: RE: RE: RRR - documentación final",
        body="Adjunto por fin los dos documentos.\n\n-----Mensaje original-----\n" + history,
        files=[
            att(
                "Formulario_final_Madrid.docx",
                docx(form("es", "Ayuntamiento de Madrid", "3.334.730").split("\n")),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            att(
                "Carta_Alcalde_firmada.pdf",
                pdf(letter("es", "Ayuntamiento de Madrid", "José Luis Martínez-Almeida")),
            ),
        ],
        exp=expect(
            "accepted",
            "Formulario_final_Madrid.docx",
            "Carta_Alcalde_firmada.pdf",
            "Long quoted thread; both documents attached.",
        ),
    )
    # Meeting request alongside the documents.
    m = Mime("calendar_invite_with_docs")
    top = multi(
        m,
        "mixed",
        [
            multi(
                m,
                "alternative",
                [
                    text("Bonjour, nous vous proposons un échange le 27 mai. Dossier ci-joint."),
                    (
                        'Content-Type: text/calendar; charset="utf-8"; method=REQUEST\nContent-Transfer-Encoding: 8bit\n',
                        ICS.encode(),
                    ),
                ],
            ),
            att("invite.ics", ICS.encode(), "application/ics"),
            att("Candidature_Marseille.pdf", pdf(form("fr", "Ville de Marseille", "861 635"))),
            att(
                "Engagement_Maire_Marseille.pdf",
                pdf(letter("fr", "la Ville de Marseille", "Benoît Payan")),
            ),
        ],
    )
    CASES.append(
        (
            "calendar_invite_with_docs",
            message(
                [
                    "From: Ville de Marseille <europe@marseille.fr.example>",
                    f"To: {OUR}",
                    "Subject: Candidature RRR + proposition de réunion",
                    "Message-ID: <cal@marseille.fr.example>",
                ],
                top,
                received=[rcv(ON)],
                date=ON,
            ),
            expect(
                "accepted",
                "Candidature_Marseille.pdf",
                "Engagement_Maire_Marseille.pdf",
                "The invitation is not a document.",
            ),
        )
    )
    simple(
        "base64_body_latin1",
        sender="Prefeitura de Porto Alegre <smde@portoalegre.rs.gov.br.example>",
        subject="=?iso-8859-1?q?Inscri=E7=E3o_Porto_Alegre?=",
        body="Prezados, seguem os arquivos da inscrição de Porto Alegre.",
        files=[
            att(
                "Inscrição_POA.odt",
                odt(form("br", "Porto Alegre", "1.492.530").split("\n")),
                "application/vnd.oasis.opendocument.text",
                style="2047:iso-8859-1",
            ),
            att(
                "Ofício_Prefeito_POA.pdf",
                pdf(letter("br", "PORTO ALEGRE", "Sebastião Melo")),
                style="2047:iso-8859-1",
            ),
        ],
        exp=expect(
            "accepted",
            "Inscrição_POA.odt",
            "Ofício_Prefeito_POA.pdf",
            "ODT form and ofício with latin-1 encoded names.",
        ),
        client="Roundcube Webmail/1.4.11",
    )


def main() -> None:
    build()
    OUT.mkdir(parents=True, exist_ok=True)
    names = [name for name, _, _ in CASES]
    if len(names) != len(set(names)):
        raise SystemExit("duplicate case names")
    for name, raw, exp in CASES:
        (OUT / f"{name}.eml").write_bytes(raw)
        (OUT / f"{name}.json").write_text(
            json.dumps(exp, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    print(f"{len(CASES)} cases written to {OUT}")


if __name__ == "__main__":
    main()
