"""Loading the knowledge: packaged files first, then user files, kind by kind."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType

from eventwire.actors.knowledge.assemble import assemble
from eventwire.actors.knowledge.countries import read_countries
from eventwire.actors.knowledge.lookup import Knowledge
from eventwire.actors.knowledge.merge import Drafts
from eventwire.actors.knowledge.organisations import check_organisations, read_organisations
from eventwire.actors.knowledge.persons import read_persons
from eventwire.actors.knowledge.roles import read_roles
from eventwire.actors.knowledge.sources import packaged_sources, read_sectors, user_sources

KIND_ORDER = ("countries", "organisations", "roles", "persons")

_READERS = MappingProxyType(
    {
        "countries": read_countries,
        "organisations": read_organisations,
        "roles": read_roles,
        "persons": read_persons,
    }
)


@functools.lru_cache(maxsize=1)
def packaged_knowledge() -> Knowledge:
    """The packaged knowledge alone, loaded once per process."""
    return load_knowledge()


def load_knowledge(extra: Sequence[Path | str] = ()) -> Knowledge:
    """Read the packaged files, then each user file or folder of files in `extra`."""
    sectors = read_sectors()
    sources = packaged_sources() + user_sources(extra)
    drafts = Drafts()
    for kind in KIND_ORDER:
        for source in (s for s in sources if s.kind == kind):
            _READERS[kind](drafts, source, sectors)
    check_organisations(drafts)
    return assemble(drafts, sectors)
