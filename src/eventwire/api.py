"""The Python API: a store opened for analysis, answering with pandas DataFrames.

import eventwire
store = eventwire.open("eventwire.duckdb")
store.fused_events(dyad="RUS-USA", min_articles=2)
store.series("USA~RUS", by="month")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.store import DEFAULT_DB, Store

if TYPE_CHECKING:
    import pandas as pd

    from eventwire.across import AcrossReport

_NO_LIMIT = 2**62


class EventwireData:
    """An eventwire store; every method answers with a pandas DataFrame."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> EventwireData:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def documents(self, **filters: Any) -> pd.DataFrame:
        """Documents (search, outlet, since, until), newest first, with `duplicate_of`."""
        return _frame(self.store.documents(limit=_NO_LIMIT, **filters))

    def events(self, **filters: Any) -> pd.DataFrame:
        """Every event mention with its sentence (dyad, plover_type, since, until, modality,
        doc_id, actor_id); `source_actor_id` and `target_actor_id` name the knowledge-base
        actors, where known."""
        return _frame(self.store.events(limit=_NO_LIMIT, **filters))

    def quotes(self, **filters: Any) -> pd.DataFrame:
        """Every quote with its speaker (doc_id, speaker words, actor_id of the speaker)."""
        return _frame(self.store.quotes(limit=_NO_LIMIT, **filters))

    def fused_events(self, min_articles: int = 1, **filters: Any) -> pd.DataFrame:
        """Fused events: each real event once, with `docs`, `outlets` and its counts."""
        return _frame(self.store.fused_events(_NO_LIMIT, 0, min_articles, **filters))

    def fused_mentions(self, fused_id: str) -> pd.DataFrame:
        """The mentions of one fused event: document, outlet, sentence."""
        return _frame(self.store.fused_mentions([fused_id]).get(fused_id, []))

    def stories(self, limit: int = 1000) -> pd.DataFrame:
        """Stories, the most reported first, with outlets and summary sentences."""
        return _frame(self.store.stories(limit))

    def story_timeline(self, story_id: str) -> pd.DataFrame:
        """The fused events of one story, by date."""
        story = self.store.story(story_id)
        return _frame(story["timeline"] if story else [])

    def series(self, dyad: str, by: str = "month", all_modalities: bool = False) -> pd.DataFrame:
        """A dyad series (`USA-RUS`, `USA~RUS`, `USA-RUSGOV`): one row per point."""
        from eventwire.across.series import dyad_series

        result = dyad_series(self.store, dyad, by, all_modalities)
        rows = []
        for point in result.points:
            row = {"dyad": result.dyad, "period": point.period, "events": point.events}
            row.update(point.quad_class)
            row.update({"goldstein_sum": point.goldstein_sum,
                        "goldstein_mean": point.goldstein_mean,
                        "types": point.types, "fused_ids": point.fused_ids})  # fmt: skip
            rows.append(row)
        return _frame(rows)

    def update(self, rebuild: bool = False) -> AcrossReport:
        """Group copies, fuse events and cluster stories (needs a store opened for writing)."""
        from eventwire.across import update_across

        return update_across(self.store, rebuild=rebuild)


def open(path: str | Path = DEFAULT_DB, read_only: bool = True) -> EventwireData:  # noqa: A001
    """Open an eventwire store for analysis (read-only unless asked)."""
    return EventwireData(Store(path, read_only=read_only))


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame of rows, empty when there are none."""
    import pandas as pd

    return pd.DataFrame.from_records(rows)
