-- Where reconciliation with Kommo's events API left off.
CREATE TABLE sync_cursor (
    name       TEXT PRIMARY KEY,
    value      BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- WhatsApp alerts to salespeople: claimed once by dedupe key before being sent, so a stage change
-- processed twice (or by two instances) alerts once.
CREATE TABLE notification (
    id          BIGSERIAL PRIMARY KEY,
    dedupe_key  TEXT        NOT NULL UNIQUE,
    destination TEXT        NOT NULL,
    text        TEXT        NOT NULL,
    status      TEXT        NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'sent', 'failed')),
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ
);

-- Automation writes for leads that people created in Kommo and this service never saw have no local lead.
CREATE INDEX stage_history_lead_move_idx ON stage_history (kommo_lead_id, to_status_id, changed_at);
