-- Retention (routes/data-retention.camel.yaml): what a person wrote or what a webhook carried is kept only as long as it
-- is needed; the rows themselves stay (who, when, which way, how it ended), so every count and the weekly report still
-- add up. A purged value is NULL and the time it was purged says it was not simply absent.
ALTER TABLE inbox ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE inbox ADD COLUMN payload_purged_at TIMESTAMPTZ;
CREATE INDEX inbox_purgeable_idx ON inbox (processed_at) WHERE payload_purged_at IS NULL AND status IN ('done', 'ignored');

ALTER TABLE message ADD COLUMN text_purged_at TIMESTAMPTZ;
CREATE INDEX message_purgeable_idx ON message (sent_at) WHERE text_purged_at IS NULL;

ALTER TABLE dead_letter ADD COLUMN payload_purged_at TIMESTAMPTZ;

ALTER TABLE follow_up ADD COLUMN text_purged_at TIMESTAMPTZ;

ALTER TABLE notification ALTER COLUMN text DROP NOT NULL;
ALTER TABLE notification ADD COLUMN text_purged_at TIMESTAMPTZ;

ALTER TABLE kommo_outbox ADD COLUMN payload_purged_at TIMESTAMPTZ;
