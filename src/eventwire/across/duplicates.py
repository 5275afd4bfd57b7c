"""Duplicate and near-duplicate documents: MinHash signatures of the body text, LSH lookup.

Each document gets a MinHash signature of the word shingles of its text with page
furniture removed; signatures are stored, so a new batch is signed and looked up
against an LSH index of the stored ones published near it, never the other way round.
Pairs whose estimated Jaccard similarity reaches the threshold join one group; the
group's canonical document is the earliest published, then the longest, then the
smallest id, and every other member points to it through `documents.duplicate_of`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datasketch import LeanMinHash, MinHash, MinHashLSH

from eventwire.across.text import body_text, shingles
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.store import Store

LOGGER = logging.getLogger(__name__)
METHOD_VERSION = 1  # raise when normalisation or shingling changes: old signatures are redone
_BYTE_ORDER = "<"
_SCHEME = "affine32"


@dataclass
class DuplicateReport:
    """What one duplicate pass did."""

    signed: int = 0
    pairs: int = 0
    regrouped: int = 0
    copies: int = 0
    seconds: float = 0.0


def method_key(settings: Settings) -> str:
    """What a stored signature was computed with; a different key means compute again."""
    return (
        f"v{METHOD_VERSION}-w{settings.duplicate_shingle_words}-p{settings.duplicate_num_perm}"
        f"-l{settings.duplicate_min_line_words}"
    )


def signature(text: str, settings: Settings) -> LeanMinHash | None:
    """The MinHash signature of a document's body text; None when it has no words."""
    grams = shingles(
        body_text(text, settings.duplicate_min_line_words), settings.duplicate_shingle_words
    )
    if not grams:
        return None
    minhash = MinHash(permutations=_permutations(settings.duplicate_num_perm), scheme=_SCHEME)
    minhash.update_batch(grams)
    return LeanMinHash(minhash)


@functools.cache
def _permutations(num_perm: int) -> tuple:
    """The permutation parameters of datasketch's default seed, made once per size."""
    return MinHash(num_perm=num_perm, scheme=_SCHEME).permutations


def encode(sig: LeanMinHash) -> bytes:
    """A signature as bytes for the store, little-endian whatever the machine."""
    buffer = bytearray(sig.bytesize(_BYTE_ORDER))
    sig.serialize(buffer, _BYTE_ORDER)
    return bytes(buffer)


def decode(blob: bytes) -> LeanMinHash:
    """A stored signature."""
    return LeanMinHash.deserialize(blob, _BYTE_ORDER)


def update_duplicates(
    store: Store,
    settings: Settings,
    rebuild: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> DuplicateReport:
    """Sign the documents not signed yet, find their copies and regroup what changed."""
    started = time.perf_counter()
    key = method_key(settings)
    if rebuild:
        store.clear_duplicates()
    report = DuplicateReport()
    new = _sign_new(store, settings, key, report, on_progress)
    if new:
        edges = _find_pairs(store, settings, key, new)
        report.pairs = len(edges)
        report.regrouped = regroup(store, edges)
    report.copies = store.count_duplicates()
    report.seconds = time.perf_counter() - started
    LOGGER.info("signed %d documents, %d copy pairs", report.signed, report.pairs)
    return report


def _sign_new(
    store: Store,
    settings: Settings,
    key: str,
    report: DuplicateReport,
    on_progress: Callable[[int], None] | None,
) -> list[tuple[str, LeanMinHash | None]]:
    """Sign every document without a current signature, storing them batch by batch."""
    new: list[tuple[str, LeanMinHash | None]] = []
    for batch in store.iter_documents_to_sign(key, settings.write_batch_size):
        signed = [(doc_id, signature(text, settings)) for doc_id, text in batch]
        store.write_signatures(key, [(d, encode(s) if s else None) for d, s in signed])
        new += signed
        report.signed += len(signed)
        if on_progress:
            on_progress(len(signed))
    return new


def _find_pairs(
    store: Store, settings: Settings, key: str, new: list[tuple[str, LeanMinHash | None]]
) -> list[tuple[str, str]]:
    """Pairs of near-identical documents with at least one new one."""
    index = MinHashLSH(
        threshold=settings.duplicate_lsh_threshold, num_perm=settings.duplicate_num_perm
    )
    new_ids = {doc_id for doc_id, _ in new}
    known: dict[str, LeanMinHash] = {}
    since, until = _window(store, new_ids, settings.duplicate_window_days)
    for doc_id, blob in store.stored_signatures(key, since, until):
        if doc_id not in new_ids:
            known[doc_id] = decode(blob)
            index.insert(doc_id, known[doc_id], check_duplication=False)
    pairs: list[tuple[str, str]] = []
    for doc_id, sig in sorted(new, key=lambda item: item[0]):
        if sig is None:
            continue
        for other in sorted(index.query(sig)):
            if sig.jaccard(known[other]) >= settings.duplicate_threshold:
                pairs.append((doc_id, other))
        known[doc_id] = sig
        index.insert(doc_id, sig, check_duplication=False)
    return pairs


def _window(store: Store, doc_ids: set[str], days: int) -> tuple[dt.date | None, dt.date | None]:
    """The publication days copies of these documents may have; open when one is undated."""
    first, last, undated = store.publication_span(sorted(doc_ids))
    if undated or first is None or last is None:
        return None, None
    margin = dt.timedelta(days=days)
    return first - margin, last + margin


def regroup(store: Store, pairs: list[tuple[str, str]]) -> int:
    """Merge the groups the pairs join, choose each group's canonical; return changed rows."""
    touched = {d for pair in pairs for d in pair}
    if not touched:
        return 0
    members = store.duplicate_group_members(sorted(touched))
    parent: dict[str, str] = {m["doc_id"]: m["doc_id"] for m in members}
    for member in members:
        if member["duplicate_of"] in parent:
            _union(parent, member["doc_id"], member["duplicate_of"])
    for a, b in pairs:
        _union(parent, a, b)
    groups: dict[str, list[dict]] = {}
    for member in members:
        groups.setdefault(_find(parent, member["doc_id"]), []).append(member)
    changes: dict[str, str | None] = {}
    for group in groups.values():
        canonical = min(group, key=_canonical_order)["doc_id"]
        for member in group:
            target = None if member["doc_id"] == canonical else canonical
            if member["duplicate_of"] != target:
                changes[member["doc_id"]] = target
    store.set_duplicate_of(changes)
    return len(changes)


def _canonical_order(member: dict) -> tuple:
    """Earliest published first (undated last), then the longest, then the smallest id."""
    day = member["published_day"]
    return (day is None, day or dt.date.min, -member["n_chars"], member["doc_id"])


def _find(parent: dict[str, str], item: str) -> str:
    """The root of an item in a union-find forest, halving paths on the way."""
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: dict[str, str], a: str, b: str) -> None:
    """Join the sets of two items."""
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
