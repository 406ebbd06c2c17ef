"""What the documents say, per language: the application form, the letter of intent, the extras."""

from __future__ import annotations

# (title, intro, [(question, answer template)]) ; answers use {city} {pop} {contact}
FORMS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "en": (
        "RRR Peer Learning Cities - Application Form",
        "Call for Peer Learning Cities. Please answer every question and return this form together with the letter of intent.",
        [
            ("1. Name of the local authority", "City of {city}"),
            ("2. Country and population", "{country}, {pop} inhabitants"),
            (
                "3. Contact person (name, position, e-mail)",
                "{contact}, Head of Economic Development",
            ),
            (
                "4. Describe the social and solidarity economy (SSE) ecosystem in your city",
                "Around 900 social enterprises and cooperatives, a municipal SSE strategy adopted in 2019 and an incubator run with the university.",
            ),
            (
                "5. Which challenges did COVID-19 bring to your local SSE ecosystem?",
                "Loss of income for care cooperatives, closure of social restaurants, digital gap for small organisations.",
            ),
            (
                "6. What does your city expect from the peer learning process?",
                "To design a rebuilding plan with SSE actors and learn from cities with public procurement experience.",
            ),
        ],
    ),
    "es": (
        "RRR Ciudades de Aprendizaje entre Pares - Formulario de solicitud",
        "Convocatoria de Ciudades de Aprendizaje entre Pares. Responda a todas las preguntas y envíe este formulario junto con la carta de intención.",
        [
            ("1. Nombre de la autoridad local", "Ayuntamiento de {city}"),
            ("2. País y población", "{country}, {pop} habitantes"),
            (
                "3. Persona de contacto (nombre, cargo, correo)",
                "{contact}, jefa de servicio de Economía Social",
            ),
            (
                "4. Describa el ecosistema de economía social y solidaria (ESS) de su ciudad",
                "Más de 600 cooperativas y empresas de inserción, un plan municipal de ESS desde 2018 y una red de mercados sociales.",
            ),
            (
                "5. ¿Qué retos ha supuesto la COVID-19 para el ecosistema local de ESS?",
                "Caída de ingresos en cooperativas de cuidados y cierre temporal de comercios de proximidad.",
            ),
            (
                "6. ¿Qué espera su ciudad del proceso de aprendizaje entre pares?",
                "Diseñar con los actores de la ESS una estrategia de reconstrucción y aprender de otras ciudades.",
            ),
        ],
    ),
    "pt": (
        "RRR Cidades de Aprendizagem entre Pares - Formulário de candidatura",
        "Convite à apresentação de candidaturas. Responda a todas as perguntas e envie este formulário juntamente com a carta de intenção.",
        [
            ("1. Nome da autoridade local", "Câmara Municipal de {city}"),
            ("2. País e população", "{country}, {pop} habitantes"),
            (
                "3. Pessoa de contacto (nome, cargo, e-mail)",
                "{contact}, Diretora do Departamento de Economia Social",
            ),
            (
                "4. Descreva o ecossistema da economia social e solidária (ESS) da sua cidade",
                "Cerca de 450 cooperativas e associações, uma incubadora municipal e uma feira anual de economia solidária.",
            ),
            (
                "5. Que desafios trouxe a COVID-19 ao ecossistema local da ESS?",
                "Perda de receitas nas IPSS e nas cooperativas culturais, aumento da procura de apoio alimentar.",
            ),
            (
                "6. O que espera a sua cidade do processo de aprendizagem entre pares?",
                "Aprender com outras cidades a usar a contratação pública como alavanca para a ESS.",
            ),
        ],
    ),
    "fr": (
        "RRR Villes d'apprentissage entre pairs - Formulaire de candidature",
        "Appel à candidatures. Merci de répondre à toutes les questions et de renvoyer ce formulaire avec la lettre d'intention.",
        [
            ("1. Nom de la collectivité", "Ville de {city}"),
            ("2. Pays et population", "{country}, {pop} habitants"),
            (
                "3. Personne de contact (nom, fonction, courriel)",
                "{contact}, chargée de mission ESS",
            ),
            (
                "4. Décrivez l'écosystème de l'économie sociale et solidaire (ESS) de votre ville",
                "Un pôle territorial de coopération économique, 1 200 structures de l'ESS et un budget participatif dédié.",
            ),
            (
                "5. Quels défis la COVID-19 a-t-elle posés à l'écosystème local de l'ESS ?",
                "Fragilisation des associations employeuses et des tiers-lieux, hausse de la précarité alimentaire.",
            ),
            (
                "6. Qu'attend votre ville du processus d'apprentissage entre pairs ?",
                "Construire une stratégie de relance avec les acteurs de l'ESS et échanger avec d'autres villes.",
            ),
        ],
    ),
    "de": (
        "RRR Peer Learning Cities - Bewerbungsformular",
        "Aufruf für Peer-Learning-Städte. Bitte beantworten Sie alle Fragen und senden Sie das Formular zusammen mit der Absichtserklärung.",
        [
            ("1. Name der Gebietskörperschaft", "Stadt {city}"),
            ("2. Land und Einwohnerzahl", "{country}, {pop} Einwohner"),
            (
                "3. Ansprechperson (Name, Funktion, E-Mail)",
                "{contact}, Amt für Wirtschaftsförderung",
            ),
            (
                "4. Beschreiben Sie das Ökosystem der Sozial- und Solidarwirtschaft in Ihrer Stadt",
                "Rund 300 Genossenschaften und Sozialunternehmen, ein kommunales Gründungszentrum und ein Netzwerk für Gemeinwohlökonomie.",
            ),
            (
                "5. Welche Herausforderungen hat COVID-19 für dieses Ökosystem gebracht?",
                "Einnahmeverluste bei Inklusionsbetrieben und Kulturvereinen, geschlossene Begegnungsorte.",
            ),
            (
                "6. Was erwartet Ihre Stadt vom Peer-Learning-Prozess?",
                "Eine Wiederaufbaustrategie gemeinsam mit den Akteuren und Austausch mit anderen Städten.",
            ),
        ],
    ),
    "it": (
        "RRR Città per l'apprendimento tra pari - Modulo di candidatura",
        "Avviso per le città. Rispondere a tutte le domande e inviare il modulo insieme alla lettera di intenti.",
        [
            ("1. Nome dell'ente locale", "Comune di {city}"),
            ("2. Paese e popolazione", "{country}, {pop} abitanti"),
            ("3. Referente (nome, ruolo, e-mail)", "{contact}, Dirigente Settore Economia Sociale"),
            (
                "4. Descrivere l'ecosistema dell'economia sociale e solidale della città",
                "Oltre 700 cooperative sociali, un patto di collaborazione per i beni comuni e un incubatore civico.",
            ),
            (
                "5. Quali sfide ha posto il COVID-19 all'ecosistema locale?",
                "Calo delle entrate per le cooperative di servizi alla persona e chiusura dei centri culturali.",
            ),
            (
                "6. Cosa si aspetta la città dal processo di apprendimento tra pari?",
                "Costruire con gli attori dell'economia sociale un piano di rilancio e imparare da altre città.",
            ),
        ],
    ),
    "pl": (
        "RRR Miasta Wzajemnego Uczenia się - Formularz zgłoszeniowy",
        "Nabór miast. Prosimy odpowiedzieć na wszystkie pytania i przesłać formularz wraz z listem intencyjnym.",
        [
            ("1. Nazwa jednostki samorządu terytorialnego", "Miasto {city}"),
            ("2. Kraj i liczba mieszkańców", "{country}, {pop} mieszkańców"),
            (
                "3. Osoba do kontaktu (imię i nazwisko, stanowisko, e-mail)",
                "{contact}, Wydział Rozwoju Gospodarczego",
            ),
            (
                "4. Proszę opisać ekosystem ekonomii społecznej i solidarnej w mieście",
                "Ponad 200 spółdzielni socjalnych i przedsiębiorstw społecznych oraz miejski program wsparcia ekonomii społecznej.",
            ),
            (
                "5. Jakie wyzwania przyniósł COVID-19 dla tego ekosystemu?",
                "Spadek przychodów spółdzielni socjalnych i zamknięcie centrów integracji społecznej.",
            ),
            (
                "6. Czego miasto oczekuje od procesu wzajemnego uczenia się?",
                "Opracowania planu odbudowy z udziałem podmiotów ekonomii społecznej.",
            ),
        ],
    ),
    "nl": (
        "RRR Peer Learning Cities - Aanmeldingsformulier",
        "Oproep voor Peer Learning Cities. Beantwoord alle vragen en stuur dit formulier samen met de intentieverklaring.",
        [
            ("1. Naam van de gemeente", "Gemeente {city}"),
            ("2. Land en aantal inwoners", "{country}, {pop} inwoners"),
            (
                "3. Contactpersoon (naam, functie, e-mail)",
                "{contact}, beleidsadviseur sociale economie",
            ),
            (
                "4. Beschrijf het ecosysteem van de sociale en solidaire economie in uw stad",
                "Ruim 400 sociale ondernemingen, een stedelijk impactfonds en een netwerk van buurtcoöperaties.",
            ),
            (
                "5. Welke uitdagingen bracht COVID-19 voor dit ecosysteem?",
                "Omzetverlies bij leer-werkbedrijven en sluiting van buurthuizen.",
            ),
            (
                "6. Wat verwacht uw stad van het peer learning-traject?",
                "Samen met de sector een herstelplan maken en leren van andere steden.",
            ),
        ],
    ),
    "ca": (
        "RRR Ciutats d'Aprenentatge entre Iguals - Formulari de sol·licitud",
        "Convocatòria de ciutats. Responeu totes les preguntes i envieu aquest formulari juntament amb la carta d'intencions.",
        [
            ("1. Nom de l'autoritat local", "Ajuntament de {city}"),
            ("2. País i població", "{country}, {pop} habitants"),
            (
                "3. Persona de contacte (nom, càrrec, correu)",
                "{contact}, cap del servei d'Economia Social i Solidària",
            ),
            (
                "4. Descriviu l'ecosistema d'economia social i solidària (ESS) de la ciutat",
                "Més de 2.000 iniciatives d'ESS, un pla d'impuls municipal i ateneus cooperatius als districtes.",
            ),
            (
                "5. Quins reptes ha suposat la COVID-19 per a l'ecosistema local?",
                "Pèrdua d'ingressos de les cooperatives de cures i tancament d'equipaments comunitaris.",
            ),
            (
                "6. Què espera la ciutat del procés d'aprenentatge entre iguals?",
                "Dissenyar una estratègia de reconstrucció amb el sector i compartir-la amb altres ciutats.",
            ),
        ],
    ),
    "ro": (
        "RRR Orașe de învățare între egali - Formular de aplicare",
        "Apel pentru orașe. Vă rugăm să răspundeți la toate întrebările și să trimiteți formularul împreună cu scrisoarea de intenție.",
        [
            ("1. Denumirea autorității locale", "Primăria Municipiului {city}"),
            ("2. Țara și populația", "{country}, {pop} locuitori"),
            (
                "3. Persoana de contact (nume, funcție, e-mail)",
                "{contact}, Direcția Dezvoltare Economică",
            ),
            (
                "4. Descrieți ecosistemul economiei sociale și solidare din oraș",
                "Aproximativ 150 de întreprinderi sociale, un program municipal de granturi și un incubator social.",
            ),
            (
                "5. Ce provocări a adus COVID-19 acestui ecosistem?",
                "Pierderi de venit pentru întreprinderile sociale de inserție și închiderea centrelor comunitare.",
            ),
            (
                "6. Ce așteaptă orașul de la procesul de învățare între egali?",
                "Un plan de redresare construit împreună cu actorii economiei sociale.",
            ),
        ],
    ),
    "el": (
        "RRR Πόλεις Αμοιβαίας Μάθησης - Έντυπο αίτησης",
        "Πρόσκληση για πόλεις. Παρακαλούμε απαντήστε σε όλες τις ερωτήσεις και στείλτε το έντυπο μαζί με την επιστολή πρόθεσης.",
        [
            ("1. Όνομα του δήμου", "Δήμος {city}"),
            ("2. Χώρα και πληθυσμός", "{country}, {pop} κάτοικοι"),
            (
                "3. Υπεύθυνος επικοινωνίας (όνομα, θέση, e-mail)",
                "{contact}, Διεύθυνση Τοπικής Οικονομικής Ανάπτυξης",
            ),
            (
                "4. Περιγράψτε το οικοσύστημα της κοινωνικής και αλληλέγγυας οικονομίας στην πόλη",
                "Περίπου 250 κοινωνικές συνεταιριστικές επιχειρήσεις και ένα δημοτικό κέντρο στήριξης.",
            ),
            (
                "5. Ποιες προκλήσεις έφερε η COVID-19;",
                "Απώλεια εσόδων για τις ΚοινΣΕπ και κλείσιμο κοινωνικών κέντρων.",
            ),
            (
                "6. Τι περιμένει η πόλη από τη διαδικασία αμοιβαίας μάθησης;",
                "Ένα σχέδιο ανάκαμψης μαζί με τους φορείς της κοινωνικής οικονομίας.",
            ),
        ],
    ),
}

# (title, paragraphs template, signature template)
LETTERS: dict[str, tuple[str, list[str], str]] = {
    "en": (
        "Letter of Intent",
        [
            "To the RRR consortium, UpSocial, Barcelona",
            "On behalf of the City of {city}, I hereby confirm our intention to take part in the RRR Peer Learning Cities programme and to commit staff time to its activities.",
            "The city will designate a contact person, involve local social and solidarity economy actors and share what it learns with the other participating cities.",
            "Yours sincerely,",
        ],
        "{mayor}, Mayor of {city}",
    ),
    "es": (
        "Carta de intención",
        [
            "Al consorcio RRR, UpSocial, Barcelona",
            "En nombre del Ayuntamiento de {city}, manifiesto por la presente nuestra intención de participar en el programa RRR Ciudades de Aprendizaje entre Pares y nuestro compromiso de dedicar personal a sus actividades.",
            "El Ayuntamiento designará una persona de contacto e implicará a los actores locales de la economía social y solidaria.",
            "Atentamente,",
        ],
        "{mayor}, Alcalde/sa de {city}",
    ),
    "pt": (
        "Carta de intenção",
        [
            "Ao consórcio RRR, UpSocial, Barcelona",
            "Em nome do Município de {city}, venho por este meio manifestar a intenção de participar no programa RRR Cidades de Aprendizagem entre Pares e o compromisso de afetar recursos humanos às suas atividades.",
            "O Município designará uma pessoa de contacto e envolverá os atores locais da economia social e solidária.",
            "Com os melhores cumprimentos,",
        ],
        "{mayor}, Presidente da Câmara Municipal de {city}",
    ),
    "fr": (
        "Lettre d'intention",
        [
            "Au consortium RRR, UpSocial, Barcelone",
            "Au nom de la Ville de {city}, je confirme par la présente notre intention de participer au programme RRR Villes d'apprentissage entre pairs et notre engagement à y consacrer du temps de nos équipes.",
            "La Ville désignera une personne de contact et associera les acteurs locaux de l'économie sociale et solidaire.",
            "Veuillez agréer l'expression de mes salutations distinguées.",
        ],
        "{mayor}, Maire de {city}",
    ),
    "de": (
        "Absichtserklärung",
        [
            "An das RRR-Konsortium, UpSocial, Barcelona",
            "Im Namen der Stadt {city} erkläre ich hiermit unsere Absicht, am Programm RRR Peer Learning Cities teilzunehmen, und sage die Mitwirkung unserer Verwaltung zu.",
            "Die Stadt benennt eine Ansprechperson und bezieht die lokalen Akteure der Sozial- und Solidarwirtschaft ein.",
            "Mit freundlichen Grüßen",
        ],
        "{mayor}, Oberbürgermeister der Stadt {city}",
    ),
    "it": (
        "Lettera di intenti",
        [
            "Al consorzio RRR, UpSocial, Barcellona",
            "A nome del Comune di {city}, con la presente confermo l'intenzione di partecipare al programma RRR Città per l'apprendimento tra pari e l'impegno a dedicare personale alle sue attività.",
            "Il Comune nominerà un referente e coinvolgerà gli attori locali dell'economia sociale e solidale.",
            "Distinti saluti,",
        ],
        "{mayor}, Sindaco di {city}",
    ),
    "pl": (
        "List intencyjny",
        [
            "Do konsorcjum RRR, UpSocial, Barcelona",
            "W imieniu Miasta {city} niniejszym potwierdzam zamiar udziału w programie RRR Miasta Wzajemnego Uczenia się oraz zobowiązanie do zaangażowania pracowników urzędu.",
            "Miasto wyznaczy osobę do kontaktu i zaangażuje lokalne podmioty ekonomii społecznej.",
            "Z wyrazami szacunku,",
        ],
        "{mayor}, Prezydent Miasta {city}",
    ),
    "nl": (
        "Intentieverklaring",
        [
            "Aan het RRR-consortium, UpSocial, Barcelona",
            "Namens de gemeente {city} bevestig ik hierbij ons voornemen om deel te nemen aan het programma RRR Peer Learning Cities en daar ambtelijke capaciteit voor vrij te maken.",
            "De gemeente wijst een contactpersoon aan en betrekt de lokale sociale ondernemers.",
            "Met vriendelijke groet,",
        ],
        "{mayor}, burgemeester van {city}",
    ),
    "ca": (
        "Carta d'intencions",
        [
            "Al consorci RRR, UpSocial, Barcelona",
            "En nom de l'Ajuntament de {city}, manifesto la nostra intenció de participar en el programa RRR Ciutats d'Aprenentatge entre Iguals i el compromís de dedicar-hi personal municipal.",
            "L'Ajuntament designarà una persona de contacte i implicarà els actors locals de l'economia social i solidària.",
            "Atentament,",
        ],
        "{mayor}, Alcalde/ssa de {city}",
    ),
    "ro": (
        "Scrisoare de intenție",
        [
            "Către consorțiul RRR, UpSocial, Barcelona",
            "În numele Municipiului {city}, confirm prin prezenta intenția noastră de a participa la programul RRR Orașe de învățare între egali și angajamentul de a aloca personal activităților acestuia.",
            "Primăria va desemna o persoană de contact și va implica actorii locali ai economiei sociale.",
            "Cu stimă,",
        ],
        "{mayor}, Primarul Municipiului {city}",
    ),
    "el": (
        "Επιστολή πρόθεσης",
        [
            "Προς την κοινοπραξία RRR, UpSocial, Βαρκελώνη",
            "Εκ μέρους του Δήμου {city}, επιβεβαιώνω με την παρούσα την πρόθεσή μας να συμμετάσχουμε στο πρόγραμμα RRR Peer Learning Cities και τη δέσμευσή μας να διαθέσουμε προσωπικό.",
            "Ο Δήμος θα ορίσει υπεύθυνο επικοινωνίας και θα εμπλέξει τους τοπικούς φορείς της κοινωνικής οικονομίας.",
            "Με εκτίμηση,",
        ],
        "{mayor}, Δήμαρχος {city}",
    ),
}

BUDGET_ES = [
    ("Concepto", "Importe (EUR)"),
    ("Personal técnico municipal (0,2 ETC, 12 meses)", "9.600"),
    ("Viajes a las visitas de aprendizaje", "4.200"),
    ("Talleres con entidades de ESS", "3.000"),
    ("Traducción e interpretación", "1.500"),
    ("Total presupuesto estimado", "18.300"),
]
BUDGET_EN = [
    ("Item", "Amount (EUR)"),
    ("Staff time, economic development officer (0.2 FTE)", "11,400"),
    ("Travel to peer learning visits (4 trips)", "5,600"),
    ("Local workshops with SSE organisations", "2,500"),
    ("Communication and translation", "1,200"),
    ("Total estimated budget", "20,700"),
]

CV = [
    "Curriculum Vitae",
    "Name: {contact}. Date of birth: 14 March 1981. Nationality: {country}.",
    "Work experience: 2016-today, Head of Unit, Department of Economic Development, City of {city}. 2010-2016, project manager at a regional development agency.",
    "Education: MSc in Urban Planning, 2006. BA in Economics, 2004.",
    "Languages: English (C1), French (B2). Skills: project management, EU funding, stakeholder engagement.",
]

PRESS = [
    "PRESS RELEASE - for immediate release",
    "{city} applies to become one of eight European peer learning cities on the social economy",
    "The city council today announced that it is applying to the RRR programme, which helps cities rebuild their social and solidarity economy after COVID-19.",
    '"Our cooperatives kept the city going during the lockdown," said the deputy mayor. Media contact: press office, +00 000 000 000.',
]

RESOLUTION_ES = [
    "CERTIFICADO DE ACUERDO DE LA JUNTA DE GOBIERNO LOCAL",
    "D./Dña. Secretaria General del Pleno del Ayuntamiento de {city} CERTIFICA: que la Junta de Gobierno Local, en sesión ordinaria celebrada el 14 de mayo de 2021, adoptó el siguiente ACUERDO:",
    "PRIMERO.- Aprobar la concurrencia del Ayuntamiento a la convocatoria del proyecto RRR. SEGUNDO.- Facultar a la Concejalía de Economía Social para la tramitación del expediente.",
    "Y para que conste, expido la presente de orden y con el visto bueno del Alcalde.",
]
RESOLUTION_EN = [
    "EXTRACT OF THE MINUTES OF THE CITY COUNCIL",
    "Meeting of the Executive Committee of {city} City Council held on 12 May 2021. Item 7: participation in international networks.",
    "RESOLVED: that the Council approves the submission of an application to the RRR programme and delegates the follow-up to the Director of Economy.",
    "Certified a true extract. Democratic Services Manager.",
]

COVER = [
    "Dear RRR team,",
    "Please find enclosed the application of the City of {city} to the call for Peer Learning Cities. The application form has been completed by our Department of Economic Development.",
    "The letter of intent signed by the Mayor will be sent separately as soon as it is signed, after the council meeting next week.",
    "Kind regards, {contact}",
]

GUIDELINES = [
    "Respond, Rebuild, Reinvent (RRR) - Call for Peer Learning Cities - Guidelines for applicants",
    "RRR is led by UpSocial in a consortium of 16 partners and is one of six projects of the OECD Global Action Promoting Social & Solidarity Economy Ecosystems, funded by the European Union.",
    "Eligibility: local or metropolitan authorities with 200,000 inhabitants or more in the EU, the UK, Brazil, Canada, Mexico or the United States.",
    "How to apply: download the application form and the letter of intent form, fill them in and send both by e-mail before 21 May 2021, 23:00.",
    "Selection: eight cities will be selected by a committee. Selection criteria: commitment, SSE ecosystem, learning potential.",
]

BROCHURE = [
    "Visit {city}! Summer festival programme 2021",
    "Concerts in the old town every Friday, guided tours of the harbour, museum nights in June.",
    "Tourist office: open daily 9:00-19:00.",
]
