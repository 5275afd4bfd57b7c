"""The analysis pipeline over stored documents: parse, resolve actors, code events, find quotes.

Data flows one way: documents from the store go, in batches, to worker processes (or the
calling process) that parse them with spaCy and turn each into mentions, then events and
quotes built on those mentions; the main process writes the results back a round at a
time and learns the persons they name, so a later document saying only "Putin said"
resolves. `run` schedules the rounds, `workers` runs the batches, `document` is one
document through the stages, `persons` versions the knowledge-base persons.
"""

from eventwire.pipeline.document import StageTimes, analyse_batch, analyse_document
from eventwire.pipeline.run import AnalyseReport, analyse_store, worker_count
from eventwire.pipeline.workers import AnalysisError

__all__ = [
    "AnalyseReport",
    "AnalysisError",
    "StageTimes",
    "analyse_batch",
    "analyse_document",
    "analyse_store",
    "worker_count",
]
