"""Quotes: direct quotations in a document, with their speakers resolved to actors.

`extract_quotes(document, parsed, mentions)` gives one `Quote` per quoted part, its
offsets pointing into the document text; `find_quotation_spans(text)` gives the quoted
stretches alone, without a parse. The rules are described in `eventwire.quotes.extract`.
"""

from __future__ import annotations

from eventwire.quotes.extract import extract_quotes
from eventwire.quotes.lexicon import (
    QuoteLexicon,
    QuoteLexiconError,
    ReportingVerbs,
    load_reporting_verbs,
    packaged_lexicon,
)
from eventwire.quotes.marks import QuotationSpan, find_quotation_spans

__all__ = [
    "QuotationSpan",
    "QuoteLexicon",
    "QuoteLexiconError",
    "ReportingVerbs",
    "extract_quotes",
    "find_quotation_spans",
    "load_reporting_verbs",
    "packaged_lexicon",
]
