-- Every state-changing admin request (console actions, Kommo commands, report resends, Hawtio and Jolokia writes),
-- with who made it and how it ended. Long digit runs in the path (phone numbers) are masked before they are stored.
CREATE TABLE ops_audit (
    id     BIGSERIAL PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor  TEXT        NOT NULL,
    method TEXT        NOT NULL,
    path   TEXT        NOT NULL,
    status INTEGER     NOT NULL
);
CREATE INDEX ops_audit_at_idx ON ops_audit (at);
