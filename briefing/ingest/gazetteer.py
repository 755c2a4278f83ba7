"""The small built-in knowledge the actor finder starts from.

States with their demonyms and capitals, a few organisations every Middle
East story names, the titles that mark a person, and the cue words that say
what kind of body a capitalised name is.  Small on purpose: the extractor
makes a first draft, and a journalist corrects it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.vocabulary import ActorKind


@dataclass(frozen=True, slots=True)
class Known:
    slug: str
    name: str
    kind: ActorKind
    variants: tuple[str, ...]
    """Every spelling that names it: the name, abbreviations, demonyms, the capital."""


def _state(slug: str, name: str, *variants: str) -> Known:
    return Known(slug, name, ActorKind.STATE, (name, *variants))


STATES: tuple[Known, ...] = (
    _state(
        "united-states",
        "United States",
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "America",
        "American",
        "Americans",
        "Washington",
        "White House",
    ),
    _state("iran", "Iran", "Iranian", "Iranians", "Tehran", "Islamic Republic", "Islamic Republic of Iran"),
    _state("iraq", "Iraq", "Iraqi", "Iraqis", "Baghdad"),
    _state("russia", "Russia", "Russian", "Russians", "Moscow", "Kremlin", "Russian Federation"),
    _state("china", "China", "Chinese", "Beijing", "PRC"),
    _state("france", "France", "French", "Paris", "Elysee", "Élysée"),
    _state("jordan", "Jordan", "Jordanian", "Jordanians", "Amman"),
    _state("lebanon", "Lebanon", "Lebanese", "Beirut"),
    _state("syria", "Syria", "Syrian", "Syrians", "Damascus"),
    _state("united-kingdom", "United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "London"),
    _state("israel", "Israel", "Israeli", "Israelis", "Jerusalem"),
    _state("turkey", "Turkey", "Turkish", "Ankara", "Türkiye"),
    _state("saudi-arabia", "Saudi Arabia", "Saudi", "Saudis", "Riyadh"),
    _state("united-arab-emirates", "United Arab Emirates", "UAE", "Emirati", "Emiratis", "Abu Dhabi"),
    _state("qatar", "Qatar", "Qatari", "Doha"),
    _state("kuwait", "Kuwait", "Kuwaiti"),
    _state("bahrain", "Bahrain", "Bahraini", "Manama"),
    _state("oman", "Oman", "Omani", "Muscat"),
    _state("egypt", "Egypt", "Egyptian", "Cairo"),
    _state("yemen", "Yemen", "Yemeni", "Sanaa"),
    _state("afghanistan", "Afghanistan", "Afghan", "Kabul"),
    _state("pakistan", "Pakistan", "Pakistani", "Islamabad"),
    _state("germany", "Germany", "German", "Berlin"),
    _state("italy", "Italy", "Italian", "Rome"),
    _state("ukraine", "Ukraine", "Ukrainian", "Kyiv", "Kiev"),
    _state("india", "India", "Indian", "New Delhi"),
    _state("japan", "Japan", "Japanese", "Tokyo"),
    _state("canada", "Canada", "Canadian", "Ottawa"),
)

CAPITALS = frozenset(
    """Washington Tehran Baghdad Moscow Beijing Paris Amman Beirut Damascus London Jerusalem Ankara Riyadh Doha
    Manama Muscat Cairo Sanaa Kabul Islamabad Berlin Rome Kyiv Kiev Tokyo Ottawa""".split()
) | {"Abu Dhabi", "New Delhi"}
"""A capital after "in", "near" or "to" is a place, not its state acting."""

ORGANISATIONS: tuple[Known, ...] = (
    Known("united-nations", "United Nations", ActorKind.ORGANIZATION, ("United Nations", "UN", "U.N.")),
    Known("european-union", "European Union", ActorKind.ORGANIZATION, ("European Union", "EU")),
    Known("nato", "NATO", ActorKind.COALITION, ("NATO",)),
    Known("islamic-state", "Islamic State", ActorKind.ARMED_GROUP, ("Islamic State", "ISIS", "ISIL", "Daesh")),
    Known(
        "irgc",
        "IRGC",
        ActorKind.AGENCY,
        ("IRGC", "Islamic Revolutionary Guard Corps", "Revolutionary Guards", "Revolutionary Guard"),
    ),
    Known(
        "popular-mobilization-forces",
        "Popular Mobilization Forces",
        ActorKind.ARMED_GROUP,
        ("Popular Mobilization Forces", "Popular Mobilisation Forces", "Popular Mobilization Units", "PMF", "PMU"),
    ),
)

KNOWN: tuple[Known, ...] = STATES + ORGANISATIONS
BY_VARIANT: dict[str, Known] = {variant: known for known in KNOWN for variant in known.variants}
LONGEST_VARIANT = max(len(variant.split()) for variant in BY_VARIANT)

TITLES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(title.split())
            for title in (
                "Secretary of State",
                "Secretary of Defense",
                "Secretary-General",
                "Secretary General",
                "Prime Minister",
                "Deputy Prime Minister",
                "Foreign Minister",
                "Defense Minister",
                "Defence Minister",
                "Interior Minister",
                "Finance Minister",
                "Oil Minister",
                "Minister",
                "Vice President",
                "President",
                "Ambassador",
                "Special Envoy",
                "Envoy",
                "Lt. Gen.",
                "Maj. Gen.",
                "Brig. Gen.",
                "Gen.",
                "General",
                "Col.",
                "Colonel",
                "Commander",
                "Sheikh",
                "Shaykh",
                "Grand Ayatollah",
                "Ayatollah",
                "Sen.",
                "Senator",
                "Rep.",
                "Mr.",
                "Mrs.",
                "Ms.",
                "Dr.",
                "King",
                "Queen",
                "Crown Prince",
                "Prince",
                "Emir",
                "Speaker",
                "Spokesman",
                "Spokeswoman",
                "Chancellor",
                "Governor",
                "Gov.",
                "Mayor",
                "Cleric",
            )
        ),
        key=len,
        reverse=True,
    )
)
TITLE_ABBREVIATIONS = frozenset(word for title in TITLES for word in title if word.endswith("."))

ROLE_WORDS = (
    "head|leader|chief|commander|envoy|spokesman|spokeswoman|spokesperson|minister|president|ambassador|secretary"
    "|general|cleric|founder|official|adviser|advisor|director|deputy|chairman|officer|successor"
)
"""Lower-case words that make the name next to them a person's."""

LEADING_ROLES = frozenset({"head", "leader", "chief", "commander", "founder", "chairman", "director"})

# Cue words inside a capitalised name, by the kind they make it.  Earlier kinds win.
NAME_CUES: tuple[tuple[ActorKind, frozenset[str]], ...] = (
    (
        ActorKind.MEDIA,
        frozenset("News Press Television TV Radio Times Post Gazette Journal Reuters Broadcasting Channel".split()),
    ),
    (
        ActorKind.ARMED_GROUP,
        frozenset(
            """Force Forces Brigade Brigades Hezbollah Hizballah Hizbullah Asaib Asa'ib Kataib Kata'ib Harakat Saraya
            Liwa Jaish Militia Militias Army Guard Guards Mobilization Mobilisation Battalion Battalions Corps
            Resistance Mujahideen Taliban Qaeda Al-Qaeda""".split()
        ),
    ),
    (
        ActorKind.AGENCY,
        frozenset(
            """Ministry Agency Department Fleet Embassy Consulate Command CENTCOM Pentagon Police Navy Intelligence
            Office Directorate Service""".split()
        ),
    ),
    (ActorKind.COALITION, frozenset("Alliance Coalition Bloc Front".split())),
    (
        ActorKind.ORGANIZATION,
        frozenset(
            """Party Organization Organisation Committee Council Bank Company Corporation Union League Association
            University Institute Foundation Commission Court Parliament Assembly Movement Group""".split()
        ),
    ),
)
GENERIC_CUES = frozenset(
    """Force Forces Brigade Brigades Militia Militias Army Guard Guards Battalion Battalions Corps Ministry Agency
    Department Fleet Embassy Consulate Command Police Navy Intelligence Office Directorate Service Alliance
    Coalition Bloc Front Party Organization Organisation Committee Council Bank Company Corporation Union League
    Association University Institute Foundation Commission Court Parliament Assembly Movement Group News
    Press""".split()
)
"""Cue words that are no name on their own ("the Ministry", "Forces")."""

ORG_OF_HEADS = frozenset(
    """Ministry Department Republic Council Bank Office Army Party League Union Kingdom Organization Organisation
    Commission Committee Court University Institute Secretary Federation Guardians Soldiers""".split()
)
"""Words after which "of" stays inside a name: "Ministry of Defense", "Islamic Republic of Iran"."""

PLACE_CUES = frozenset(
    """Province Governorate City Region District Camp Base Airport Street Square Palace Valley River Mountains
    Mountain Bridge Border Crossing Gulf Sea Strait Desert Island Islands Dam Field Port Harbor Harbour""".split()
)
NOT_ACTORS = frozenset(
    """Vehicle Vehicles Fighting Day Ceremony Agreement Accord Deal Initiative Plan Programme Program Act Law Summit
    Conference Talks Dialogue War Crisis Revolution Spring Coronavirus COVID COVID-19 IED IEDs VBIED VBIEDs RPG
    RPGs UAV UAVs GPS CEO AM PM GMT UTC OK Internet Twitter Facebook Telegram Instagram YouTube WhatsApp
    Google Christmas Ramadan Eid Nowruz Ashura Arbaeen""".split()
)

PARTICLES = frozenset("bin ibn bint de da di del della van von der du le la al el abu ben".split())
"""Lower-case words that stay inside a name between capitalised ones."""

STOP_WORDS = frozenset(
    """The A An In On At By For From To With Without But And Or Nor So Yet However This That These Those There Their
    Its His Her Our Your My It He She They We I You While When Where Since After Before During Until As If Although
    Though Because Meanwhile Clearly Some Many Most Several Other Another Also Still Even Only Now Then Once Later
    Earlier Last Next One Two Three Four Five Six Seven Eight Nine Ten Such What Who Which Why How Following
    According Including Despite Amid Among Against Under Over Into Through Both Each Every All No Not More Less Any
    Recently Yesterday Today Tomorrow Here Instead Indeed Moreover Furthermore Nevertheless Thus Therefore Finally
    First Second Third Perhaps Apparently Obviously Evidently Certainly Yes Unlike Like Sources Officials Residents
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Mr Mrs Ms Pro Anti Former""".split()
)
"""Capitalised words that start a sentence but no name."""

BREAK_WORDS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August
    September October November December""".split()
)
"""Words that end a capitalised sequence: "Iraq September" is two things."""
