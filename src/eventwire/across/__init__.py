"""Analysis across documents: copies, fused events, stories and dyad series.

`update_across` runs the three stages that write to the store, in the order each
needs the one before: copies are found first (fusion counts a copy's events once),
then events are fused, then documents are placed in stories (whose timelines and
summaries use the fused events). Each stage only works on what changed since it last
ran, so running it after every batch costs little, and running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.across.duplicates import DuplicateReport
    from eventwire.across.fusion import FusionReport
    from eventwire.across.stories import StoryReport
    from eventwire.settings import Settings
    from eventwire.store import Store

Progress = Callable[[str, int], None]  # (stage, units done)


@dataclass
class AcrossReport:
    """What one pass across documents did, stage by stage."""

    duplicates: DuplicateReport
    fusion: FusionReport
    stories: StoryReport

    def summary(self) -> dict[str, object]:
        """The report as plain values."""
        return {
            "duplicates": vars(self.duplicates),
            "fusion": vars(self.fusion),
            "stories": vars(self.stories),
        }


def update_across(
    store: Store,
    settings: Settings | None = None,
    rebuild: bool = False,
    on_progress: Progress | None = None,
) -> AcrossReport:
    """Find copies, fuse events and place documents in stories; only what changed."""
    from eventwire.across.duplicates import update_duplicates
    from eventwire.across.fusion import update_fusion
    from eventwire.across.stories import update_stories
    from eventwire.settings import Settings

    settings = settings or Settings.load()

    def stage(name: str) -> Callable[[int], None] | None:
        return (lambda done: on_progress(name, done)) if on_progress else None

    duplicates = update_duplicates(store, settings, rebuild, stage("duplicates"))
    fusion = update_fusion(store, settings, rebuild, stage("fusion"))
    stories = update_stories(store, settings, rebuild, stage("stories"))
    return AcrossReport(duplicates, fusion, stories)
