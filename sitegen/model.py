"""The plain data types that the stages pass to each other.

ingest -> Source; analyse+extract -> Mention, Quote, ActorRef; resolve -> Chronology.
Dates travel as TIMEX3-style strings ("2021-03-04", "2021-03", "2019-SP",
"2021-03-18/2021-03-23") with a precision word beside them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class InputError(Exception):
    """A user's file is unusable. The message names the file (and line) and what to do."""


class BuildError(InputError):
    """The build cannot finish for a reason outside the user's files (a tool that failed,
    a disk that filled): said in one line like a user's mistake, the previous site kept."""


@dataclass
class Source:
    id: str
    file: str                      # path as given, relative to the project when possible
    title: str                     # display title (never empty)
    paragraphs: list[str]          # cleaned text; paragraph 0 is the title line when the file has one
    original: str                  # the decoded file, untouched
    title_in_text: bool = True     # paragraph 0 is a real headline from the file
    published: str | None = None   # ISO day, resolved
    published_from: str | None = None  # front-matter | dateline | inferred
    published_evidence: dict | None = None  # the clue that decided it (sitegen.publication)
    published_reasons: list[dict] = field(default_factory=list)  # every clue, kept or overruled
    # the lines that date the article, taken out of its text: (role, line), role "head"
    # (a dateline, a byline) or "tail" (after the article: a reader comment's time stamp)
    datelines: list[tuple[str, str]] = field(default_factory=list)
    metadata_date: str | None = None   # date given by metadata, as written
    url: str | None = None
    publisher: str | None = None
    removed: list[str] = field(default_factory=list)    # page chrome taken out of the text
    warnings: list[str] = field(default_factory=list)   # for the person running the build
    flags: list[dict] = field(default_factory=list)     # for the reader: {"kind": ..., params}
    sha256: str = ""


@dataclass
class Sentence:
    source: str
    para: int
    index: int                     # sentence number inside the paragraph, from 0
    start: int                     # offsets in the paragraph
    end: int
    text: str

    @property
    def anchor(self) -> str:
        """Where the source page shows it: the title is one anchor, however many
        sentences the model cut it into (a headline with a quotation)."""
        return "p0s1" if self.para == 0 else f"p{self.para}s{self.index + 1}"


@dataclass
class Timex:
    start: int                     # offsets in the text given to the tagger
    end: int
    text: str
    type: str                      # DATE | TIME | DURATION
    value: str | None              # TIMEX3 value, None when it cannot be resolved
    precision: str | None = None   # day | month | season | year | range
    mod: str | None = None         # START | MID | END | ...
    # how the value was obtained: None (all written), "year" (year from the reference),
    # "today" (a day named with "ce": the day of writing), "deictic" (counted from the
    # reference), "anchored" (from a day named nearby), "list", "generic"
    inferred: str | None = None
    in_range: bool = False         # one end of an interval given as its own timex
    part: str | None = None        # part of the day once value is a day: MO | AF | EV | NI


@dataclass
class ActorRef:
    """One surface form of an actor in one sentence."""
    text: str
    label: str                     # person | organization | group | state | vessel | military_unit | place | other | role
    start: int                     # offsets in the paragraph
    end: int
    para: int = 0
    canonical: str | None = None   # the actor it stands for when the words are not its name
                                   # (a state for "Moscou" as subject, a person for a role)
    alias: bool = True             # may the words be listed as a name of the actor?
    role: str | None = None        # a role phrase bound to this person ("ministre français de la Défense")
    role_key: tuple | None = None  # an unbound role phrase, resolved across the dossier
    strong: bool = False           # the type comes from the words around it, not from NER alone
    key: str | None = None         # what makes two mentions the same actor, when not the words
                                   # themselves (lemmas: "armées françaises" = "armée française")
    listed_as: str | None = None   # a name's role from a plural role before a list of names
                                   # ("les ministres X et Y": "ministre")


# What an actor can be (Actor.type): the types a person may give in curation.yaml or an
# actor page, as extraction gives them.
ACTOR_TYPES = frozenset({"person", "organization", "group", "state", "vessel", "military_unit", "place", "other"})


def actor_type_error(value) -> str | None:
    """Why a value written for an actor's type is none, or None when it is one."""
    if isinstance(value, str) and value in ACTOR_TYPES:
        return None
    return f"an actor type ({', '.join(sorted(ACTOR_TYPES))})"


# Labels of the references that can act in an event or speak: actors that act, and role
# phrases ("le ministre") that stand for one (places and "other" never do).
AGENT_LABELS = ("person", "organization", "group", "state", "vessel", "military_unit", "role")


@dataclass
class Mention:
    """A sentence of a source that reports something dated."""
    sentence: Sentence
    timex: Timex
    actors: list[ActorRef]
    location: str | None = None


@dataclass
class EventMention:
    """A happening one sentence reports: its word, kind, date (when the sentence gives
    one), participants and place; undated ones are tied to an event later."""
    sentence: Sentence
    trigger: str                   # the verb or noun that says what happened
    lemma: str
    kind: str
    timex: Timex | None
    actors: list[ActorRef]
    location: str | None = None
    anaphoric: bool = False        # "cet entretien": a happening told before
    after: str | None = None       # "suite aux attentats": the lemma of what it followed
    main: bool = True              # the sentence's main happening, not one dated in passing
    verb: bool = True              # told by a verb (its subject and the sentence's speakers take part)
    goes_on: bool = False          # "Il a ...": its subject is the previous sentence's
    backstory: bool = False        # its sentence is in the pluperfect ("avait rencontré"): told as background
    present: bool = False          # told in the present of the news ("X dénonce", "Y fait état de"), undated
    phrase: str | None = None      # a noun's own words ("la hausse des taxes prévue au 1er janvier")


@dataclass
class Quote:
    sentence: Sentence
    text: str                      # the words between the quotation marks
    speaker: ActorRef | None = None
    speaker_id: str | None = None
    event_id: str | None = None
    span: tuple[int, int] | None = None   # the quotation marks included, offsets in the paragraph
    # why the speaker is what it is: named | joint (several at once) | anonymous (an
    # unnamed source) | unknown (no subject found); only "unknown" may be filled in later
    # from the same words quoted with a speaker elsewhere
    status: str = "unknown"
    # a speaker named only by a role ("», a affirmé le président américain"): the persons
    # the sentences before name, the last first; the role stands for the first that fits
    # when the dossier binds it to no one
    antecedents: tuple[ActorRef, ...] = ()


@dataclass
class Actor:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)      # role phrases the sources bind to it
    flags: list[dict] = field(default_factory=list)     # {"kind": "name_conflict", ...}


@dataclass
class EventReport:
    source: str
    anchor: str
    quote: str
    date_text: str | None


@dataclass
class Event:
    id: str
    date: str
    precision: str
    title: str
    kind: str = "other"
    actors: list[str] = field(default_factory=list)
    location: str | None = None
    reports: list[EventReport] = field(default_factory=list)
    importance: str = "core"       # core (what the dossier is about) | context (background)
    mod: str | None = None         # START | MID | END of a month: "fin octobre"


@dataclass
class Chronology:
    sources: list[Source]
    sentences: dict[str, list[Sentence]]   # per source id, in reading order
    actors: list[Actor]
    events: list[Event]
    quotes: list[Quote]
    unreadable: list[str] = field(default_factory=list)   # articles skipped this time
