"""The words the demo and the benchmark data are made of: places, activities, names,
and the texts handlers and applicants write. Norwegian, as the data would be."""

from nabolagspotten.models import Decision

Outcome = Decision.Outcome
APPLICANT_DOMAINS = ["nabo.example", "post.example", "epost.example"]

PLACES = {
    "lademoen": [
        ("i Lademoparken", "Lademoparken"),
        ("på Lademoen bydelshus", "Lademoen bydelshus"),
        ("ved Lademoen kirke", "Plassen ved Lademoen kirke"),
        ("i Biskop Darres gate", "Bakgården i Biskop Darres gate {n}"),
        ("i Mellomveien", "Mellomveien {n}"),
        ("i Kirkegata", "Bakgården i Kirkegata {n}"),
        ("i Rønningsbakken", "Rønningsbakken {n}"),
        ("på Lademoen", "Lademoen skole, gymsalen"),
    ],
    "mollenberg": [
        ("på Møllenberg", "Møllenberg, ballbingen"),
        ("i Nedre Møllenberg gate", "Bakgården i Nedre Møllenberg gate {n}"),
        ("i Øvre Møllenberg gate", "Øvre Møllenberg gate {n}"),
        ("i Nonnegata", "Bakgården i Nonnegata {n}"),
        ("i Rosenborggata", "Rosenborggata {n}"),
        ("ved Nidelva", "Elvepromenaden ved Nidelva"),
        ("i Innherredsveien", "Innherredsveien {n}, første etasje"),
    ],
    "tempe-sorgenfri": [
        ("i Tempe", "Tempe, fellesarealet"),
        ("på Sorgenfri", "Sorgenfri, grøntområdet"),
        ("ved Tempe kirke", "Menighetssalen i Tempe kirke"),
        ("i Sorgenfriveien", "Sorgenfriveien {n}"),
        ("i Tempevegen", "Tempevegen {n}"),
        ("i Valøyvegen", "Valøyvegen {n}"),
        ("i Holtermanns veg", "Holtermanns veg {n}"),
    ],
}
PLACES_ANYWHERE = [("i nabolaget", "I nabolaget"), ("i bydelen", "Flere steder i bydelen")]
STREETS = {
    "lademoen": ["Biskop Darres gate", "Mellomveien", "Kirkegata", "Rønningsbakken"],
    "mollenberg": ["Nedre Møllenberg gate", "Øvre Møllenberg gate", "Nonnegata", "Rosenborggata"],
    "tempe-sorgenfri": ["Sorgenfriveien", "Tempevegen", "Valøyvegen", "Holtermanns veg"],
}
AREA_WORD = {"lademoen": "Lademoen", "mollenberg": "Møllenberg", "tempe-sorgenfri": "Tempe"}

# (activity, what, for whom, how residents take part, budget lines as (what, share))
ACTIVITIES = [
    (
        "Sommerfest",
        "En fest for alle i kvartalet med grilling, musikk og leker for barna.",
        "Alle som bor i kvartalet, store og små.",
        "Beboerne planlegger, rigger, lager mat og rydder etterpå.",
        [("Mat og drikke", 5), ("Leie av telt og benker", 3), ("Leker og premier", 2)],
    ),
    (
        "Leksehjelp for barn og unge",
        "Frivillige gir leksehjelp to ettermiddager i uka, med et enkelt måltid.",
        "Barn og unge i 5.–10. klasse som bor i området.",
        "Foreldre, studenter og pensjonister i nabolaget er leksehjelpere.",
        [("Mat", 4), ("Skolemateriell", 3), ("Leie av lokale", 3)],
    ),
    (
        "Språkkafé",
        "Et ukentlig treff der vi øver på norsk over en kopp kaffe.",
        "Voksne som vil øve på norsk, og naboer som vil bli kjent.",
        "Frivillige naboer leder samtalegrupper og baker til kaffen.",
        [("Kaffe og bakst", 5), ("Kursmateriell", 2), ("Leie av lokale", 3)],
    ),
    (
        "Vårdugnad og plantedag",
        "Vi rydder, planter blomster og setter opp benker i fellesområdet.",
        "Alle beboere, med egne oppgaver for barna.",
        "Beboerne gjør jobben selv på dugnad; vi spanderer mat etterpå.",
        [("Planter og jord", 5), ("Verktøy", 3), ("Mat til dugnaden", 2)],
    ),
    (
        "Juletrefest",
        "Juletrefest med gang rundt treet, nisse og grøt.",
        "Familier i nabolaget, særlig dem som ikke har andre å feire med.",
        "Naboer pynter, lager grøt og spiller musikk.",
        [("Mat", 4), ("Leie av lokale", 4), ("Gaver til barna", 2)],
    ),
    (
        "Strikkekafé for alle generasjoner",
        "Strikking og prat hver tirsdag, der eldre lærer bort og unge lærer.",
        "Eldre og unge som vil lære av hverandre.",
        "Erfarne strikkere i nabolaget holder kurset.",
        [("Garn og pinner", 5), ("Kaffe og bakst", 3), ("Leie av lokale", 2)],
    ),
    (
        "Fotballturnering for ungdom",
        "En turnering over to dager med lag fra hele bydelen.",
        "Ungdom mellom 12 og 18 år.",
        "Ungdommene organiserer lagene, foreldrene tar dommer- og kioskvakter.",
        [("Baller og utstyr", 4), ("Premier", 2), ("Mat og drikke", 4)],
    ),
    (
        "Filmkveld",
        "Utekino på storskjerm en sensommerkveld, med popkorn.",
        "Alle i nabolaget.",
        "Naboene velger film, rigger og rydder.",
        [("Leie av storskjerm og lyd", 6), ("Visningsrett", 2), ("Popkorn og drikke", 2)],
    ),
    (
        "Felles middag for naboer",
        "En middag i måneden der alle tar med noe og vi lager resten sammen.",
        "Naboer som vil bli kjent, særlig nyinnflyttede.",
        "Beboerne lager maten sammen og inviterer hverandre.",
        [("Råvarer", 6), ("Leie av kjøkken", 4)],
    ),
    (
        "Sykkelverksted på dugnad",
        "Et gratis sykkelverksted på lørdager der vi lærer hverandre å reparere.",
        "Barn, unge og voksne som sykler.",
        "Naboer med verktøy og kunnskap holder verkstedet åpent.",
        [("Verktøy", 5), ("Reservedeler", 4), ("Skilt og plakater", 1)],
    ),
    (
        "Parsellhage i bakgården",
        "Pallekarmer og dyrking av grønnsaker i felles bakgård.",
        "Beboerne i gården, og skolebarna i nærheten.",
        "Beboerne bygger karmene, dyrker og deler avlingen.",
        [("Materialer til pallekarmer", 5), ("Jord og frø", 3), ("Vanningsutstyr", 2)],
    ),
    (
        "Seniortreff med kaffe og kultur",
        "Et treff annenhver uke med kaffe, foredrag og musikk.",
        "Eldre i nabolaget som bor alene.",
        "Pensjonister i nabolaget lager programmet og henter dem som trenger skyss.",
        [("Honorar til foredragsholdere", 4), ("Kaffe og mat", 4), ("Transport", 2)],
    ),
    (
        "Loppemarked",
        "Et loppemarked der naboene selger og bytter ting de ikke trenger.",
        "Alle i nabolaget; overskuddet går til lekeplassen.",
        "Naboene rigger bodene og står i kiosken.",
        [("Leie av bord og telt", 5), ("Plakater", 2), ("Kiosk", 3)],
    ),
    (
        "17. mai-frokost for naboene",
        "Felles frokost på nasjonaldagen, med langbord i gata.",
        "Alle som bor i gata.",
        "Naboene dekker bord, steker vafler og pynter.",
        [("Mat", 6), ("Pynt og flagg", 2), ("Leie av bord", 2)],
    ),
    (
        "Aktivitetsdag for familier",
        "En dag med aktiviteter, ansiktsmaling og leker for barn og foreldre.",
        "Barnefamilier i området.",
        "Foreldre driver postene og lager mat.",
        [("Utstyr til aktiviteter", 5), ("Mat og drikke", 3), ("Plakater", 2)],
    ),
    (
        "Konsert",
        "En gratis konsert med lokale musikere og kor.",
        "Alle i bydelen.",
        "Lokale musikere spiller; naboer rigger og selger kaffe.",
        [("Honorar til musikere", 5), ("Leie av lydanlegg", 4), ("Plakater", 1)],
    ),
    (
        "Matkurs med mat fra hele verden",
        "Naboer lærer hverandre å lage retter fra hjemlandet sitt.",
        "Voksne og ungdom som liker å lage mat.",
        "Naboene er kursholdere og deler oppskriftene sine.",
        [("Råvarer", 6), ("Leie av kjøkken", 3), ("Trykking av oppskrifter", 1)],
    ),
    (
        "Bydelsvandring med lokalhistorie",
        "Guidede vandringer der eldre beboere forteller om stedet.",
        "Nye og gamle beboere og skoleklasser.",
        "Beboere med lang fartstid er guider.",
        [("Trykking av kart", 4), ("Honorar til guider", 4), ("Kaffe underveis", 2)],
    ),
    (
        "Benker og blomster i gatetunet",
        "Vi setter ut benker og blomsterkasser så gatetunet blir et sted å møtes.",
        "Alle som bor og går i gata.",
        "Naboene bygger og steller kassene selv.",
        [("Materialer", 6), ("Planter og jord", 4)],
    ),
]

FIRST_NAMES = [
    "Kari", "Ola", "Ingrid", "Ahmed", "Fatima", "Lars", "Sigrid", "Mohammed", "Anne", "Jonas",
    "Nora", "Amina", "Erik", "Marte", "Yusuf", "Hanne", "Tor", "Leila", "Silje", "Magnus",
    "Aisha", "Per", "Ida", "Omar", "Astrid", "Tuan", "Maria", "Bjørn", "Hawa", "Øystein",
]  # fmt: skip
LAST_NAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Ali", "Hassan", "Nguyen", "Ahmed",
    "Bakken", "Moen", "Solberg", "Aune", "Lund", "Strand", "Eriksen", "Sæther", "Røe",
]  # fmt: skip
ORGANISATIONS = [
    "{area} velforening",
    "Borettslaget {street}",
    "{area} idrettslag",
    "FAU ved {area} skole",
    "{area} seniorforening",
    "{area} historielag",
    "Bydelskoret i {area}",
    "Kvinnenettverket i {area}",
    "Foreldreforeningen for somaliske familier i Trondheim",
    "Trondheim internasjonale kulturforening",
    "Sjakklubben Springeren",
    "Frivilligsentralen i Østbyen",
]
GROUPS = [
    "Naboene i {street}",
    "Beboerne i {street} {n}",
    "Foreldregruppa på {area}",
    "Strikkegjengen på {area}",
    "Dugnadsgjengen i {street}",
    "Hagegruppa i {street}",
    "Ungdomsrådet på {area}",
]
PARTNERS = [
    "",
    "Frivilligsentralen",
    "Biblioteket",
    "Skolen og FAU",
    "Menigheten",
    "Borettslaget",
    "Ungdomstjenesten",
]
REASONS = {
    Outcome.GRANTED: (
        "Tiltaket samler naboer, har bred medvirkning og oppfyller kriteriene for runden."
    ),
    Outcome.PARTLY_GRANTED: (
        "Tiltaket oppfyller kriteriene. Potten er begrenset, så vi innvilger deler av "
        "beløpet; vi dekker ikke utstyr som kan lånes i bydelen."
    ),
    Outcome.REFUSED: (
        "Søknaden gjelder ordinær drift av foreningen, og det dekker ikke Nabolagspotten."
    ),
}
REFUSED_NO_MONEY = (
    "Tiltaket oppfyller kriteriene, men potten for området i denne runden er brukt opp."
)
CONDITIONS = "Tilskuddet brukes som beskrevet i søknaden. Sluttrapport sendes innen fristen."
INFO_REQUEST = "Kan dere si litt mer om hvem som deltar, og sende et oppdatert budsjett?"
INFO_ANSWER = "Vi regner med rundt 60 deltakere, og budsjettet er oppdatert i søknaden."
ASSESSMENT = {
    Outcome.GRANTED: (
        "innvilge",
        "Godt forankret i nabolaget, mye egeninnsats og et rimelig budsjett.",
    ),
    Outcome.PARTLY_GRANTED: ("delvis", "Oppfyller kriteriene, men deler av budsjettet er utstyr."),
    Outcome.REFUSED: ("avslaa", "Gjelder ordinær drift; faller utenfor kriteriene."),
}
REPORTS = [
    "Arrangementet ble gjennomført som planlagt, med godt oppmøte og fint vær.",
    "Flere nye naboer kom, og mange vil være med å planlegge neste gang.",
    "Vi fikk færre deltakere enn ventet, men de som kom, vil gjerne ha det igjen.",
    "Tilbudet ble så populært at vi har fortsatt med egne midler.",
]
COMMENTS = [
    "Søkeren fikk tilskudd i fjor også; sluttrapporten da var god.",
    "Sjekket organisasjonsnummeret i Enhetsregisteret: stemmer.",
    "Budsjettet virker nøkternt.",
]
CRITERIA = (
    "Tiltaket skal skape aktivitet, trivsel og fellesskap i nabolaget, være åpent for alle "
    "og drives av beboerne selv. Vi støtter ikke ordinær drift eller aktiviteter med "
    "kommersiell fortjeneste."
)
