-- The instances of the service sharing this database. Each checks in every few seconds; a row claimed by an
-- instance that stopped checking in (it died) is released to the others.
CREATE TABLE service_instance (
    id           TEXT PRIMARY KEY,
    host         TEXT        NOT NULL,
    pid          BIGINT      NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One claim vocabulary for every work table: pending → claimed (by an instance) → its end state, or failed
-- with the last error after a capped number of attempts.
ALTER TABLE inbox DROP CONSTRAINT inbox_status_check;
UPDATE inbox SET status = 'claimed' WHERE status = 'processing';
ALTER TABLE inbox ADD CONSTRAINT inbox_status_check
    CHECK (status IN ('pending', 'claimed', 'done', 'ignored', 'failed'));
ALTER TABLE inbox ADD COLUMN claimed_by TEXT, ADD COLUMN claimed_at TIMESTAMPTZ;

ALTER TABLE kommo_outbox DROP CONSTRAINT kommo_outbox_status_check;
UPDATE kommo_outbox SET status = 'claimed' WHERE status = 'in_flight';
ALTER TABLE kommo_outbox ADD CONSTRAINT kommo_outbox_status_check
    CHECK (status IN ('pending', 'claimed', 'done', 'failed'));
ALTER TABLE kommo_outbox ADD COLUMN claimed_by TEXT;

-- Outgoing WhatsApp messages besides the nudges: a one-off message of the automation (MESSAGE) and the
-- confirmation of a consent change (CONSENT), which an opted-out lead still gets.
ALTER TABLE follow_up DROP CONSTRAINT follow_up_type_check;
ALTER TABLE follow_up ADD CONSTRAINT follow_up_type_check CHECK (type IN ('IMMEDIATE', 'DAILY',
    'MEETING_CONFIRMATION', 'MEETING_REMINDER', 'PROPOSAL', 'REENGAGEMENT', 'CUSTOM', 'MESSAGE', 'CONSENT'));

-- A recorded stage change waits here until its automation has run: the actions and the "done" commit together,
-- and a change whose automation could not run (Kommo down) is retried, never dropped.
ALTER TABLE stage_history
    ADD COLUMN status          TEXT        NOT NULL DEFAULT 'done'
        CHECK (status IN ('pending', 'claimed', 'done', 'ignored', 'failed')),
    ADD COLUMN attempts        INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN claimed_by      TEXT,
    ADD COLUMN claimed_at      TIMESTAMPTZ,
    ADD COLUMN last_error      TEXT,
    ADD COLUMN processed_at    TIMESTAMPTZ;
ALTER TABLE stage_history ALTER COLUMN status SET DEFAULT 'pending';
CREATE INDEX stage_history_due_idx ON stage_history (status, next_attempt_at);

-- Alerts to salespeople are queued with the stage change's actions and sent afterwards, like every remote effect.
ALTER TABLE notification DROP CONSTRAINT notification_status_check;
UPDATE notification SET status = 'failed', last_error = 'interrupted while sending' WHERE status = 'claimed';
ALTER TABLE notification ADD CONSTRAINT notification_status_check
    CHECK (status IN ('pending', 'claimed', 'sent', 'failed'));
ALTER TABLE notification ALTER COLUMN status SET DEFAULT 'pending';
ALTER TABLE notification
    ADD COLUMN attempts        INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN claimed_by      TEXT,
    ADD COLUMN claimed_at      TIMESTAMPTZ,
    ADD COLUMN send_started_at TIMESTAMPTZ,
    ADD COLUMN lead_id         BIGINT REFERENCES lead (id),
    ADD COLUMN kommo_lead_id   BIGINT,
    ADD COLUMN user_id         BIGINT;
CREATE INDEX notification_due_idx ON notification (status, next_attempt_at);
