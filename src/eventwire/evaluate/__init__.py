"""Evaluation: eventwire's events against gold files, by the rules of the gold format."""

from eventwire.evaluate.triples import Score, score_events

__all__ = ["Score", "score_events"]
