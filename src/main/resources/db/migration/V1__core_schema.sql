-- Core tables of the integration. Enumerated columns carry CHECK constraints so that a typo in code
-- fails loudly instead of writing a state nobody queries for.

CREATE TABLE kommo_token (
    id                 SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    kind               TEXT        NOT NULL CHECK (kind IN ('oauth', 'long_lived')),
    access_token_enc   TEXT        NOT NULL,
    refresh_token_enc  TEXT,
    expires_at         TIMESTAMPTZ,
    refreshed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    account_subdomain  TEXT
);

CREATE TABLE kommo_account_map (
    kind        TEXT        NOT NULL CHECK (kind IN ('pipeline', 'status', 'custom_field', 'enum', 'user', 'tag')),
    key         TEXT        NOT NULL,
    kommo_id    BIGINT      NOT NULL,
    details     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    resolved_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key)
);

CREATE TABLE lead (
    id                  BIGSERIAL PRIMARY KEY,
    phone_e164          TEXT        NOT NULL UNIQUE,
    whatsapp_jid        TEXT,
    whatsapp_lid        TEXT,
    name                TEXT,
    name_source         TEXT        CHECK (name_source IN ('whatsapp', 'agent', 'kommo')),
    email               TEXT,
    kommo_lead_id       BIGINT      UNIQUE,
    kommo_contact_id    BIGINT,
    kommo_status_id     BIGINT,
    local_stage         TEXT        NOT NULL DEFAULT 'NEW' CHECK (local_stage IN (
                            'NEW', 'IN_QUALIFICATION', 'QUALIFIED', 'MEETING_SCHEDULED', 'MEETING_CONFIRMED',
                            'IN_NEGOTIATION', 'PROPOSAL_SENT', 'WON', 'LOST')),
    score               INTEGER     CHECK (score BETWEEN 0 AND 100),
    solution_type       TEXT,
    bill_value          NUMERIC(12, 2) CHECK (bill_value >= 0),
    responsible_user_id BIGINT,
    tags                JSONB       NOT NULL DEFAULT '[]'::jsonb,
    profile             JSONB       NOT NULL DEFAULT '{}'::jsonb,
    sync_state          TEXT        NOT NULL DEFAULT 'local' CHECK (sync_state IN ('local', 'pending', 'synced', 'failed')),
    opted_out_at        TIMESTAMPTZ,
    opt_out_reason      TEXT,
    last_inbound_at     TIMESTAMPTZ,
    last_outbound_at    TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE message (
    id                  BIGSERIAL PRIMARY KEY,
    lead_id             BIGINT      NOT NULL REFERENCES lead (id),
    provider            TEXT        NOT NULL CHECK (provider IN ('evolution', 'meta', 'log')),
    provider_message_id TEXT        NOT NULL UNIQUE,
    direction           TEXT        NOT NULL CHECK (direction IN ('in', 'out')),
    message_type        TEXT        NOT NULL DEFAULT 'text',
    text                TEXT,
    sent_at             TIMESTAMPTZ NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX message_lead_sent_idx ON message (lead_id, sent_at);

-- Every accepted webhook, written before the 2xx goes back.
CREATE TABLE inbox (
    id              BIGSERIAL PRIMARY KEY,
    source          TEXT        NOT NULL CHECK (source IN ('evolution', 'meta', 'kommo')),
    dedupe_key      TEXT        NOT NULL,
    content_type    TEXT,
    payload         TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'ignored', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at    TIMESTAMPTZ,
    UNIQUE (source, dedupe_key)
);
CREATE INDEX inbox_due_idx ON inbox (status, next_attempt_at);

-- Kommo writes waiting for Kommo to confirm them.
CREATE TABLE kommo_outbox (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT        NOT NULL CHECK (kind IN ('lead_create', 'lead_update', 'note', 'task', 'task_complete')),
    lead_id         BIGINT      REFERENCES lead (id),
    dedupe_key      TEXT        UNIQUE,
    payload         JSONB       NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_flight', 'done', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at      TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at         TIMESTAMPTZ
);
CREATE INDEX kommo_outbox_due_idx ON kommo_outbox (status, next_attempt_at);

CREATE TABLE follow_up (
    id                  BIGSERIAL PRIMARY KEY,
    lead_id             BIGINT      NOT NULL REFERENCES lead (id),
    type                TEXT        NOT NULL CHECK (type IN ('IMMEDIATE', 'DAILY', 'MEETING_CONFIRMATION',
                                        'MEETING_REMINDER', 'PROPOSAL', 'REENGAGEMENT', 'CUSTOM')),
    due_at              TIMESTAMPTZ NOT NULL,
    status              TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'sent', 'cancelled', 'failed')),
    attempts            INTEGER     NOT NULL DEFAULT 0,
    template            TEXT,
    text                TEXT,
    dedupe_key          TEXT        UNIQUE,
    claimed_at          TIMESTAMPTZ,
    claimed_by          TEXT,
    provider_message_id TEXT,
    last_error          TEXT,
    cancel_reason       TEXT,
    sent_at             TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_due_idx ON follow_up (status, due_at);
CREATE INDEX follow_up_lead_idx ON follow_up (lead_id);

-- The funnel metrics are computed from here; a change is recorded once whatever reported it.
CREATE TABLE stage_history (
    id             BIGSERIAL PRIMARY KEY,
    lead_id        BIGINT      REFERENCES lead (id),
    kommo_lead_id  BIGINT      NOT NULL,
    pipeline_id    BIGINT,
    from_status_id BIGINT,
    to_status_id   BIGINT      NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    source         TEXT        NOT NULL CHECK (source IN ('webhook', 'sync', 'reconcile')),
    dedupe_key     TEXT        NOT NULL UNIQUE,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX stage_history_lead_idx ON stage_history (kommo_lead_id, changed_at);
CREATE INDEX stage_history_changed_idx ON stage_history (changed_at);

CREATE TABLE dead_letter (
    id          BIGSERIAL PRIMARY KEY,
    route_id    TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    payload_ref TEXT,
    payload     TEXT,
    exchange_id TEXT,
    failed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_at TIMESTAMPTZ
);
CREATE INDEX dead_letter_open_idx ON dead_letter (failed_at) WHERE replayed_at IS NULL;

-- Camel's JDBC idempotent repository (JdbcMessageIdRepository default table).
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(100) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL DEFAULT now(),
    PRIMARY KEY (processorName, messageId)
);
