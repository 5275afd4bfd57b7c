"""Actor knowledge: countries, organisations, role words and persons, read from data files.

The packaged files live in `eventwire/data/actors/` (their formats are described in the
README there); users add files of the same formats. Every file is validated on load. When
two entries read one phrase as two different actors, both readings are kept and the
disagreement is listed in `Knowledge.conflicts`: nothing is overwritten silently.

The modules follow the data flow: `sources` finds and reads the files, `values` validates
entries, `countries`, `organisations`, `roles` and `persons` read each kind into the drafts
of `merge`, `entries` and `assemble` build the `Knowledge` of `lookup`, and `load` runs it all.
"""

from eventwire.actors.knowledge.countries import COUNTRY_KEYS
from eventwire.actors.knowledge.errors import KNOWLEDGE_ERROR_CODES, KnowledgeError
from eventwire.actors.knowledge.folding import FREE_WORDS, fold, is_acronym
from eventwire.actors.knowledge.load import KIND_ORDER, load_knowledge, packaged_knowledge
from eventwire.actors.knowledge.lookup import Knowledge
from eventwire.actors.knowledge.organisations import ORGANISATION_KEYS
from eventwire.actors.knowledge.persons import PERSON_KEYS, PERSON_ROLE_KEYS
from eventwire.actors.knowledge.records import (
    Conflict,
    Country,
    Entry,
    EntryKind,
    Organisation,
    Person,
    PersonRole,
    RoleKind,
    RoleWord,
)
from eventwire.actors.knowledge.roles import ROLE_HEADER, ROLE_KINDS
from eventwire.actors.knowledge.sources import FILE_KINDS, SECTOR_HEADER
from eventwire.actors.knowledge.values import NON_ISO_CODES

__all__ = [
    "COUNTRY_KEYS",
    "FILE_KINDS",
    "FREE_WORDS",
    "KIND_ORDER",
    "KNOWLEDGE_ERROR_CODES",
    "NON_ISO_CODES",
    "ORGANISATION_KEYS",
    "PERSON_KEYS",
    "PERSON_ROLE_KEYS",
    "ROLE_HEADER",
    "ROLE_KINDS",
    "SECTOR_HEADER",
    "Conflict",
    "Country",
    "Entry",
    "EntryKind",
    "Knowledge",
    "KnowledgeError",
    "Organisation",
    "Person",
    "PersonRole",
    "RoleKind",
    "RoleWord",
    "fold",
    "is_acronym",
    "load_knowledge",
    "packaged_knowledge",
]
