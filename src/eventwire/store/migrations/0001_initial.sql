-- eventwire store, schema version 1: the tables of the whole pipeline.
-- Offsets (start, end) are character offsets into documents.text.

CREATE TABLE ingest_runs (
    run_id      INTEGER PRIMARY KEY,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,            -- NULL while running, or when the run was interrupted
    paths       VARCHAR NOT NULL,     -- JSON list of the paths given
    n_added     INTEGER DEFAULT 0,
    n_existing  INTEGER DEFAULT 0,
    n_errors    INTEGER DEFAULT 0,
    status      VARCHAR NOT NULL      -- running | ok | errors | interrupted
);

CREATE TABLE documents (
    doc_id              VARCHAR PRIMARY KEY,
    content_hash        VARCHAR NOT NULL,
    title               VARCHAR,
    url                 VARCHAR,
    outlet              VARCHAR,
    published           VARCHAR,      -- ISO at its precision: 2012, 2012-11, 2012-11-07
    published_precision VARCHAR,      -- year | month | day
    published_day       DATE,         -- first day of the published period, for sorting and ranges
    published_inferred  BOOLEAN NOT NULL DEFAULT FALSE,
    published_evidence  VARCHAR,
    published_start     INTEGER,
    published_end       INTEGER,
    source              VARCHAR NOT NULL,  -- the file it came from
    location            VARCHAR,           -- line N, row N, record N inside the file
    fmt                 VARCHAR NOT NULL,
    encoding            VARCHAR NOT NULL,
    encoding_fallback   BOOLEAN NOT NULL DEFAULT FALSE,
    metadata            VARCHAR,           -- JSON object of the fields eventwire does not use
    text                VARCHAR NOT NULL,  -- exactly as read; never normalised
    n_chars             INTEGER NOT NULL,
    duplicate_of        VARCHAR,           -- canonical document of a group of copies
    analysed_at         TIMESTAMP,         -- when the later stages last ran on it
    run_id              INTEGER,
    ingested_at         TIMESTAMP NOT NULL
);
CREATE INDEX documents_hash ON documents (content_hash);

CREATE TABLE ingest_errors (
    source     VARCHAR NOT NULL,
    location   VARCHAR NOT NULL DEFAULT '',  -- '' for a whole file
    code       VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    first_run  INTEGER,
    last_run   INTEGER,
    first_seen TIMESTAMP NOT NULL,
    last_seen  TIMESTAMP NOT NULL,
    PRIMARY KEY (source, location, code)
);

CREATE TABLE actors (
    actor_id   VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,  -- person | country | organisation | group
    country    VARCHAR,           -- ISO 3166 alpha-3, or an IGO code
    sector     VARCHAR,           -- GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, BUS, MED, IGO, NGO ...
    aliases    VARCHAR,           -- JSON list
    origin     VARCHAR NOT NULL,  -- learned | user | import
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE actor_roles (
    actor_id   VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    country    VARCHAR,
    sector     VARCHAR,
    valid_from VARCHAR,           -- ISO at its precision, when known
    valid_to   VARCHAR,
    first_seen VARCHAR,           -- earliest date a document shows the role
    last_seen  VARCHAR,
    doc_ids    VARCHAR,           -- JSON list of supporting documents
    origin     VARCHAR NOT NULL
);

CREATE TABLE mentions (
    doc_id     VARCHAR NOT NULL,
    mention    INTEGER NOT NULL,  -- order of the mention in its document
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,  -- person | country | organisation | group
    actor_id   VARCHAR,
    name       VARCHAR,
    country    VARCHAR,
    sector     VARCHAR,
    role       VARCHAR,
    role_time  VARCHAR,           -- current | former | elect
    as_of      VARCHAR,
    method     VARCHAR NOT NULL,  -- title | dictionary | coreference | knowledge_base
    confidence DOUBLE NOT NULL,
    antecedent INTEGER,           -- the mention this one refers back to
    PRIMARY KEY (doc_id, mention)
);
CREATE INDEX mentions_doc ON mentions (doc_id);

CREATE TABLE events (
    doc_id           VARCHAR NOT NULL,
    event            INTEGER NOT NULL,   -- order of the event in its document
    sentence         INTEGER NOT NULL,
    sentence_start   INTEGER NOT NULL,
    sentence_end     INTEGER NOT NULL,
    start            INTEGER NOT NULL,   -- evidence span
    "end"            INTEGER NOT NULL,
    trigger          VARCHAR NOT NULL,
    cameo            VARCHAR NOT NULL,
    plover_type      VARCHAR,
    plover_mode      VARCHAR,
    goldstein        DOUBLE,
    quad_class       INTEGER,
    source_text      VARCHAR NOT NULL,
    source_start     INTEGER,
    source_end       INTEGER,
    source_country   VARCHAR,
    source_sector    VARCHAR,
    source_name      VARCHAR,
    source_actor_id  VARCHAR,
    target_text      VARCHAR,
    target_start     INTEGER,
    target_end       INTEGER,
    target_country   VARCHAR,
    target_sector    VARCHAR,
    target_name      VARCHAR,
    target_actor_id  VARCHAR,
    modality         VARCHAR NOT NULL,   -- asserted | future | hypothetical | negated
    event_date       VARCHAR,            -- ISO at its precision
    date_precision   VARCHAR,
    date_from_publication BOOLEAN NOT NULL DEFAULT FALSE,
    date_evidence    VARCHAR,
    attribution      VARCHAR,
    location         VARCHAR,
    pattern          VARCHAR,
    evidence         VARCHAR NOT NULL,   -- the words of the evidence span
    PRIMARY KEY (doc_id, event)
);
CREATE INDEX events_dyad ON events (source_country, target_country);

CREATE TABLE quotes (
    doc_id           VARCHAR NOT NULL,
    quote            INTEGER NOT NULL,
    start            INTEGER NOT NULL,
    "end"            INTEGER NOT NULL,
    text             VARCHAR NOT NULL,
    speaker_text     VARCHAR,
    speaker_start    INTEGER,
    speaker_end      INTEGER,
    speaker_name     VARCHAR,
    speaker_country  VARCHAR,
    speaker_sector   VARCHAR,
    speaker_actor_id VARCHAR,
    PRIMARY KEY (doc_id, quote)
);
