"""The controlled vocabulary of briefings, defined once.

Validation, the browser's labels, search filters and every exporter read
their words from here.  Event kinds follow ACLED's sub-event types (as
slugs); political moves that ACLED does not code get plain slugs of their
own, listed after them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityKind(StrEnum):
    """The id prefix of every entity: ``KIND:slug``."""

    BRIEFING = "briefing"
    SOURCE = "source"
    ACTOR = "actor"
    CLAIM = "claim"
    EVENT = "event"
    NOTE = "note"


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    STATE = "state"
    ARMED_GROUP = "armed-group"
    COALITION = "coalition"
    AGENCY = "agency"
    MEDIA = "media"
    OTHER = "other"


class RelationType(StrEnum):
    """How one actor stands to another; read as ``subject TYPE target``."""

    LEADS = "leads"
    MEMBER_OF = "member-of"
    OFFICIAL_OF = "official-of"
    BACKED_BY = "backed-by"
    ALLIED_WITH = "allied-with"
    OPPOSES = "opposes"
    PART_OF = "part-of"
    SUCCESSOR_OF = "successor-of"
    DETAINED_BY = "detained-by"


RELATION_LABELS: dict[RelationType, tuple[str, str]] = {
    # (as read from the subject, as read from the target)
    RelationType.LEADS: ("leads", "led by"),
    RelationType.MEMBER_OF: ("member of", "has member"),
    RelationType.OFFICIAL_OF: ("official of", "has official"),
    RelationType.BACKED_BY: ("backed by", "backs"),
    RelationType.ALLIED_WITH: ("allied with", "allied with"),
    RelationType.OPPOSES: ("opposes", "opposed by"),
    RelationType.PART_OF: ("part of", "includes"),
    RelationType.SUCCESSOR_OF: ("successor of", "succeeded by"),
    RelationType.DETAINED_BY: ("detained by", "detained"),
}


class ClaimKind(StrEnum):
    STATEMENT = "statement"
    ASSESSMENT = "assessment"
    REPORT = "report"
    THREAT = "threat"
    DENIAL = "denial"
    INTENT = "intent"


class ClaimStatus(StrEnum):
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class NoteFlag(StrEnum):
    VERIFY = "verify"
    DISPUTED = "disputed"
    IMPORTANT = "important"
    FOLLOW_UP = "follow-up"


class EventGroup(StrEnum):
    """ACLED's event types, plus one group for moves ACLED does not code."""

    BATTLES = "battles"
    EXPLOSIONS = "explosions-remote-violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence-against-civilians"
    PROTESTS = "protests"
    RIOTS = "riots"
    STRATEGIC = "strategic-developments"
    POLITICAL = "political"


# slug -> (label, group).  ACLED's sub-event types first, then our own.
EVENT_KINDS: dict[str, tuple[str, EventGroup]] = {
    "armed-clash": ("Armed clash", EventGroup.BATTLES),
    "government-regains-territory": ("Government regains territory", EventGroup.BATTLES),
    "non-state-actor-overtakes-territory": ("Non-state actor overtakes territory", EventGroup.BATTLES),
    "chemical-weapon": ("Chemical weapon", EventGroup.EXPLOSIONS),
    "air-drone-strike": ("Air/drone strike", EventGroup.EXPLOSIONS),
    "suicide-bomb": ("Suicide bomb", EventGroup.EXPLOSIONS),
    "shelling-artillery-missile-attack": ("Shelling/artillery/missile attack", EventGroup.EXPLOSIONS),
    "remote-explosive-ied": ("Remote explosive/landmine/IED", EventGroup.EXPLOSIONS),
    "grenade": ("Grenade", EventGroup.EXPLOSIONS),
    "sexual-violence": ("Sexual violence", EventGroup.VIOLENCE_AGAINST_CIVILIANS),
    "attack": ("Attack", EventGroup.VIOLENCE_AGAINST_CIVILIANS),
    "abduction-forced-disappearance": ("Abduction/forced disappearance", EventGroup.VIOLENCE_AGAINST_CIVILIANS),
    "peaceful-protest": ("Peaceful protest", EventGroup.PROTESTS),
    "protest-with-intervention": ("Protest with intervention", EventGroup.PROTESTS),
    "excessive-force-against-protesters": ("Excessive force against protesters", EventGroup.PROTESTS),
    "violent-demonstration": ("Violent demonstration", EventGroup.RIOTS),
    "mob-violence": ("Mob violence", EventGroup.RIOTS),
    "agreement": ("Agreement", EventGroup.STRATEGIC),
    "arrests": ("Arrests", EventGroup.STRATEGIC),
    "change-to-group-activity": ("Change to group/activity", EventGroup.STRATEGIC),
    "disrupted-weapons-use": ("Disrupted weapons use", EventGroup.STRATEGIC),
    "headquarters-or-base-established": ("Headquarters or base established", EventGroup.STRATEGIC),
    "looting-property-destruction": ("Looting/property destruction", EventGroup.STRATEGIC),
    "non-violent-transfer-of-territory": ("Non-violent transfer of territory", EventGroup.STRATEGIC),
    "other-strategic-development": ("Other strategic development", EventGroup.STRATEGIC),
    # Political moves that ACLED does not code.
    "statement": ("Statement", EventGroup.POLITICAL),
    "warning": ("Warning or ultimatum", EventGroup.POLITICAL),
    "visit": ("Visit", EventGroup.POLITICAL),
    "diplomatic-consultation": ("Diplomatic consultation", EventGroup.POLITICAL),
    "sanction": ("Sanction", EventGroup.POLITICAL),
    "deployment": ("Deployment", EventGroup.POLITICAL),
    "withdrawal": ("Withdrawal", EventGroup.POLITICAL),
    "weapons-display": ("Weapons display", EventGroup.POLITICAL),
    "investigation": ("Investigation", EventGroup.POLITICAL),
    "referendum": ("Referendum", EventGroup.POLITICAL),
    "trade-deal": ("Trade deal", EventGroup.POLITICAL),
}


def event_kind_label(kind: str) -> str:
    return EVENT_KINDS.get(kind, (kind, EventGroup.POLITICAL))[0]


SHORT_LABEL_WIDTH = 16
"""The most a short label of an event kind takes: a column of lists and menus at 80 columns."""

_SHORT_KIND_LABELS: dict[str, str] = {
    "government-regains-territory": "Govt regains",
    "non-state-actor-overtakes-territory": "Non-state gains",
    "shelling-artillery-missile-attack": "Shelling/missile",
    "remote-explosive-ied": "IED/landmine",
    "abduction-forced-disappearance": "Abduction",
    "protest-with-intervention": "Policed protest",
    "excessive-force-against-protesters": "Force on protest",
    "violent-demonstration": "Violent demo",
    "change-to-group-activity": "Group change",
    "disrupted-weapons-use": "Weapon disrupted",
    "headquarters-or-base-established": "Base established",
    "looting-property-destruction": "Looting/damage",
    "non-violent-transfer-of-territory": "Land handover",
    "other-strategic-development": "Other strategic",
    "warning": "Warning",
    "diplomatic-consultation": "Diplomatic talks",
}
"""Kinds whose label is longer than ``SHORT_LABEL_WIDTH``, in a few words of their own rather than cut."""


def event_kind_short_label(kind: str) -> str:
    """The kind's label in at most ``SHORT_LABEL_WIDTH`` characters (an unknown kind: its slug, which may be longer)."""
    return _SHORT_KIND_LABELS.get(kind) or event_kind_label(kind)


@dataclass(frozen=True)
class ChartSeries:
    """One series of the timeline chart: the event kinds it counts."""

    label: str
    """What the legend, the tooltips and ``briefing extract`` call it (and a ``type:`` search may name)."""
    name: str
    """Its slug, which the browser's styles for it are named after."""
    kinds: frozenset[str]
    """The event kinds it counts; the last series counts every kind the others do not."""


CHART_SERIES: tuple[ChartSeries, ...] = (
    ChartSeries("IED", "ied", frozenset({"remote-explosive-ied"})),
    ChartSeries("rocket", "rocket", frozenset({"shelling-artillery-missile-attack"})),
    ChartSeries("other", "other", frozenset()),
)
"""The timeline chart's series, in the order it draws, stacks and lists them."""

_SERIES_OF_KIND = {kind: series for series in CHART_SERIES for kind in series.kinds}


def series_of(kind: str) -> ChartSeries:
    """The chart series an event kind is counted in (an unknown kind: the last, "other")."""
    return _SERIES_OF_KIND.get(kind, CHART_SERIES[-1])


def chart_series(kind: str) -> str:
    """The label of the chart series an event kind is counted in."""
    return series_of(kind).label
