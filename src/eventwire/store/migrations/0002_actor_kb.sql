-- eventwire store, schema version 2: the actor knowledge base across documents.
-- Every name of an actor is a row of actor_aliases (the canonical name included), so a
-- name or surname is found through an index; actors.aliases (a JSON list) goes.

CREATE TABLE actor_aliases (
    actor_id VARCHAR NOT NULL,
    alias    VARCHAR NOT NULL,  -- as written
    key      VARCHAR NOT NULL,  -- folded: case, accents and spacing away (knowledge.fold)
    last_key VARCHAR NOT NULL,  -- folded surname (last word not Jr., II), or the one word
    origin   VARCHAR NOT NULL,  -- learned | user | import
    source   VARCHAR            -- document id, file:line, or 'user'
);
-- The names a version-1 store held move here (keys folded as knowledge.fold does, but for
-- curly quotes); then the JSON column goes.
INSERT INTO actor_aliases
SELECT actor_id, alias,
       lower(strip_accents(trim(regexp_replace(alias, '\s+', ' ', 'g')))),
       lower(strip_accents(regexp_extract(trim(alias), '(\S+)$', 1))),
       origin, 'schema 1'
FROM (
    SELECT actor_id, name AS alias, origin FROM actors
    UNION ALL
    SELECT actor_id, unnest(from_json(aliases, '["VARCHAR"]')) AS alias, origin
    FROM actors WHERE aliases IS NOT NULL AND aliases <> ''
);
ALTER TABLE actors DROP COLUMN aliases;

ALTER TABLE actors ADD COLUMN import_key VARCHAR;  -- file#kind#name#n of an imported entry
ALTER TABLE actors ADD COLUMN source VARCHAR;      -- file:line, the first document, or 'user'
ALTER TABLE actors ADD COLUMN note VARCHAR;
ALTER TABLE actors ADD COLUMN created_at TIMESTAMP;
CREATE INDEX actors_import_key ON actors (import_key);

ALTER TABLE actor_roles ADD COLUMN code VARCHAR;    -- the dictionary code as written: RUSGOV
ALTER TABLE actor_roles ADD COLUMN source VARCHAR;  -- file:line of an imported role, or 'user'
CREATE INDEX actor_roles_actor ON actor_roles (actor_id);

CREATE INDEX actor_aliases_key ON actor_aliases (key);
CREATE INDEX actor_aliases_last_key ON actor_aliases (last_key);
CREATE INDEX actor_aliases_actor ON actor_aliases (actor_id);

-- Two readings of one actor: the entry keeps `kept`; `seen` came from `evidence`
-- (a document id or file:line). A user's correction of the field resolves it.
CREATE TABLE actor_conflicts (
    actor_id       VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,  -- the name as the other reading wrote it
    field          VARCHAR NOT NULL,  -- country | alias
    kept           VARCHAR,
    seen           VARCHAR NOT NULL,
    evidence       VARCHAR NOT NULL,
    origin         VARCHAR NOT NULL,  -- learned | import
    seen_on        VARCHAR,           -- the date of the document, when known
    other_actor_id VARCHAR,           -- the separate entry an import made for the reading
    resolved       BOOLEAN NOT NULL DEFAULT FALSE,
    first_seen     TIMESTAMP NOT NULL,
    PRIMARY KEY (actor_id, field, name, seen, evidence)
);

CREATE INDEX mentions_actor ON mentions (actor_id);
