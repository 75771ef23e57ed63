-- What operators do with a dead letter from the ops console. A replay claims the row in one statement (replayed_at
-- set only while it is open), so two operators or two instances replaying at once act once; a discard keeps the row,
-- saying who put it aside and when.
ALTER TABLE dead_letter
    ADD COLUMN replayed_by    TEXT,
    -- What the replay did: the work row put back to pending, or the route's answer to the re-sent payload.
    ADD COLUMN replay_outcome TEXT,
    ADD COLUMN discarded_at   TIMESTAMPTZ,
    ADD COLUMN discarded_by   TEXT,
    -- The route that received the exchange (the failure may have happened in a route it called): a payload without a
    -- reference can only be re-sent to this route's endpoint, and only when it is a direct: one.
    ADD COLUMN from_route_id  TEXT,
    -- The headers the exchange came in with, when a replay can re-send it (scalar values, none that carries a secret).
    ADD COLUMN headers        JSONB,
    -- The dead letter whose replay failed again into this one.
    ADD COLUMN replay_of      BIGINT REFERENCES dead_letter (id),
    ADD CONSTRAINT dead_letter_replayed_or_discarded CHECK (replayed_at IS NULL OR discarded_at IS NULL);

DROP INDEX dead_letter_open_idx;
CREATE INDEX dead_letter_open_idx ON dead_letter (failed_at) WHERE replayed_at IS NULL AND discarded_at IS NULL;
CREATE INDEX dead_letter_failed_idx ON dead_letter (failed_at);
