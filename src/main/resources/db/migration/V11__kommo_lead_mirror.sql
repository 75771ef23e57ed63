-- What Kommo says of every lead of the account, ours and those people created there: deals, prices, origins, loss
-- reasons. Kept from Kommo's webhooks and our own sync; the weekly report reads it.
CREATE TABLE kommo_lead (
    id                  BIGINT PRIMARY KEY,
    lead_id             BIGINT REFERENCES lead (id),
    name                TEXT,
    pipeline_id         BIGINT,
    status_id           BIGINT,
    price               NUMERIC(14, 2),
    responsible_user_id BIGINT,
    lead_source         TEXT,
    loss_reason_id      BIGINT,
    created_at          TIMESTAMPTZ,
    closed_at           TIMESTAMPTZ,
    deleted             BOOLEAN     NOT NULL DEFAULT false,
    mirrored_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX kommo_lead_created_idx ON kommo_lead (created_at);
CREATE INDEX kommo_lead_closed_idx ON kommo_lead (closed_at);
