"""The controlled vocabulary of briefings, defined once.

Validation, the browser's labels, search filters and every exporter read
their words from here.  Event kinds follow ACLED's sub-event types (as
slugs); political moves that ACLED does not code get plain slugs of their
own, listed after them.
"""

from __future__ import annotations

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


CHART_SERIES: tuple[str, ...] = ("IED", "rocket", "other")
"""The timeline chart's series, in drawing order."""


def chart_series(kind: str) -> str:
    """The timeline chart's series for an event kind (one of CHART_SERIES)."""
    if kind == "remote-explosive-ied":
        return "IED"
    if kind == "shelling-artillery-missile-attack":
        return "rocket"
    return "other"
