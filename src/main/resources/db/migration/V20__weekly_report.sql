-- One row per ISO week of the weekly report, claimed before anything is sent: the week goes out once however many
-- instances fire, and the row keeps what was sent (text, chart, recipients), what each recipient's provider said, and
-- how it ended. An operator's resend takes the row again.
CREATE TABLE report (
    week        TEXT        PRIMARY KEY CHECK (week ~ '^\d{4}-W\d{2}$'),
    status      TEXT        NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    text        TEXT        NOT NULL,
    chart       BYTEA       NOT NULL,
    recipients  TEXT[]      NOT NULL,
    -- [{"to", "kind": image|text, "messageId" | "error", "at"}], in sending order.
    deliveries  JSONB       NOT NULL DEFAULT '[]'::jsonb,
    sends       INTEGER     NOT NULL DEFAULT 1,
    claimed_by  TEXT,
    claimed_at  TIMESTAMPTZ,
    sent_at     TIMESTAMPTZ,
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
