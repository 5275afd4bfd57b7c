-- eventwire store, schema version 3: the analysis across documents.
-- Duplicates live in documents.duplicate_of; these tables hold the rest.

-- MinHash signature of each document's body text; `method` names the settings it was
-- computed with, so a change of settings signs again. NULL: no words to sign.
CREATE TABLE document_signatures (
    doc_id    VARCHAR PRIMARY KEY,
    method    VARCHAR NOT NULL,
    signature BLOB,
    signed_at TIMESTAMP NOT NULL
);

-- What fusion last saw of each document: a document analysed again, or whose
-- canonical copy changed, has its blocks fused again.
CREATE TABLE fusion_state (
    doc_id      VARCHAR PRIMARY KEY,
    analysed_at TIMESTAMP,
    canonical   VARCHAR NOT NULL
);

-- One real event and its counts; doc_id and event name the mention that anchors it.
CREATE TABLE fused_events (
    fused_id        VARCHAR PRIMARY KEY,
    block           VARCHAR NOT NULL,   -- unordered country pair and year: fusion's unit of work
    doc_id          VARCHAR NOT NULL,
    event           INTEGER NOT NULL,
    cameo           VARCHAR NOT NULL,
    plover_type     VARCHAR,
    plover_mode     VARCHAR,
    goldstein       DOUBLE,
    quad_class      INTEGER,
    source_text     VARCHAR,
    source_country  VARCHAR,
    source_sector   VARCHAR,
    source_name     VARCHAR,
    source_actor_id VARCHAR,
    target_text     VARCHAR,
    target_country  VARCHAR,
    target_sector   VARCHAR,
    target_name     VARCHAR,
    target_actor_id VARCHAR,
    event_date      VARCHAR,            -- ISO at its precision
    date_precision  VARCHAR,
    modality        VARCHAR NOT NULL,
    attribution     VARCHAR,
    num_mentions    INTEGER NOT NULL,   -- every mention
    num_articles    INTEGER NOT NULL,   -- distinct canonical documents: copies count once
    num_sources     INTEGER NOT NULL,   -- distinct outlets
    docs            VARCHAR NOT NULL,   -- JSON list of the documents that report it
    outlets         VARCHAR NOT NULL,   -- JSON list of their outlets
    first_reported  VARCHAR,
    last_reported   VARCHAR,
    confidence      DOUBLE NOT NULL
);
CREATE INDEX fused_events_block ON fused_events (block);
CREATE INDEX fused_events_dyad ON fused_events (source_country, target_country);

CREATE TABLE fused_event_mentions (
    fused_id  VARCHAR NOT NULL,
    doc_id    VARCHAR NOT NULL,
    event     INTEGER NOT NULL,
    canonical VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, event)
);
CREATE INDEX fused_event_mentions_fused ON fused_event_mentions (fused_id);

CREATE TABLE stories (
    story_id        VARCHAR PRIMARY KEY,
    label           VARCHAR NOT NULL,
    first_published VARCHAR,
    last_published  VARCHAR,
    first_day       DATE,
    last_day        DATE,
    num_documents   INTEGER NOT NULL,   -- canonical documents
    num_outlets     INTEGER NOT NULL,
    features        VARCHAR NOT NULL,   -- JSON: the story's feature weights, to place new documents
    updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE story_documents (
    doc_id     VARCHAR PRIMARY KEY,
    story_id   VARCHAR NOT NULL,
    similarity DOUBLE                   -- to the story when the document joined; NULL for copies
);
CREATE INDEX story_documents_story ON story_documents (story_id);

CREATE TABLE story_sentences (
    story_id VARCHAR NOT NULL,
    rank     INTEGER NOT NULL,
    doc_id   VARCHAR NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    PRIMARY KEY (story_id, rank)
);
