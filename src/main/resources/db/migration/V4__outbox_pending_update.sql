-- At most one pending "bring this lead up to date in Kommo" per lead: the write reads the lead's
-- current state when it runs, so one pending row covers every change made before it.
CREATE UNIQUE INDEX kommo_outbox_one_pending_update ON kommo_outbox (lead_id)
    WHERE kind = 'lead_update' AND status = 'pending';
CREATE INDEX kommo_outbox_kind_due_idx ON kommo_outbox (kind, status, next_attempt_at);
