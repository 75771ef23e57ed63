-- Meetings between a lead and a salesperson, booked here (agent, API) or in Kommo. One salesperson's active meetings
-- never overlap: the database refuses a second booking of a taken time, whichever instance makes it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE meeting (
    id             BIGSERIAL PRIMARY KEY,
    lead_id        BIGINT REFERENCES lead (id),
    kommo_lead_id  BIGINT,
    salesperson_id BIGINT      NOT NULL,
    start_at       TIMESTAMPTZ NOT NULL,
    end_at         TIMESTAMPTZ NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'scheduled'
                   CHECK (status IN ('scheduled', 'confirmed', 'held', 'no_show', 'cancelled')),
    kommo_task_id  BIGINT UNIQUE,
    source         TEXT        NOT NULL CHECK (source IN ('agent', 'kommo', 'api')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (end_at > start_at),
    CHECK (lead_id IS NOT NULL OR kommo_lead_id IS NOT NULL),
    CONSTRAINT meeting_no_overlap EXCLUDE USING gist (salesperson_id WITH =, tstzrange(start_at, end_at) WITH &&)
        WHERE (status IN ('scheduled', 'confirmed'))
);
CREATE INDEX meeting_start_idx ON meeting (start_at);
CREATE INDEX meeting_lead_idx ON meeting (lead_id);
CREATE INDEX meeting_kommo_lead_idx ON meeting (kommo_lead_id);
