"""Publication dates: normalise the ones metadata gives, infer the ones only the text gives.

`metadata` reads metadata values (`parse_published`). `inference` reads the article text
(`infer_published`): `candidates` finds dates where publishers put the publication date,
`mentions` finds the dates the text reports, `checks` checks the candidates against them
and chooses one. `written` holds the English date patterns all of them share.
"""

from eventwire.ingest.dating.inference import infer_published
from eventwire.ingest.dating.metadata import parse_published

__all__ = ["infer_published", "parse_published"]
