"""One settings object, read from `data/settings.toml` and passed to the stages that need it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Tunable numbers; `data/settings.toml` gives the reason for each value."""

    max_document_bytes: int = 5_000_000
    max_file_bytes: int = 2_000_000_000
    max_record_bytes: int = 30_000_000
    binary_sniff_bytes: int = 8192
    binary_control_ratio: float = 0.10
    headline_max_chars: int = 200
    headline_max_words: int = 30
    min_html_text_chars: int = 80
    write_batch_size: int = 500
    duckdb_memory_limit: str = "512MB"
    nlp_batch_size: int = 32
    analysis_batch_size: int = 100
    workers: int = 0
    parallel_min_documents: int = 150
    worker_batch_size: int = 25
    attribute_table: bool = True
    lemma_cache: bool = True
    entity_recogniser: str = "phrases"
    id_hash_chars: int = 16
    duplicate_num_perm: int = 128
    duplicate_shingle_words: int = 5
    duplicate_min_line_words: int = 5
    duplicate_threshold: float = 0.5
    duplicate_lsh_threshold: float = 0.4
    duplicate_window_days: int = 30
    fusion_date_tolerance_days: int = 1
    fusion_publication_lookback_days: int = 2
    fusion_mutual_cameo: tuple[str, ...] = tuple(["030", "036", "040", "041", "044", "046", "057"])
    fusion_converse_cameo: tuple[str, ...] = ("042:043",)
    fusion_blocks_per_write: int = 500
    story_similarity: float = 0.3
    story_window_days: int = 7
    story_max_span_days: int = 30
    story_summary_sentences: int = 3

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults from the packaged file, then a user's file, then keyword overrides."""
        packaged = resources.files("eventwire") / "data" / "settings.toml"
        values = _read_toml(packaged.read_text(encoding="utf-8"))
        if path is not None:
            values.update(_read_toml(Path(path).read_text(encoding="utf-8")))
        values.update(overrides)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"[E001] unknown settings: {', '.join(unknown)}")
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return replace(cls(), **values)


def _read_toml(text: str) -> dict[str, Any]:
    """Flatten the sections of a settings file into one mapping."""
    flat: dict[str, Any] = {}
    for value in tomllib.loads(text).values():
        if isinstance(value, dict):
            flat.update(value)
    return flat
