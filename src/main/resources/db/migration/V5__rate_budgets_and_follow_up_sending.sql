-- Request budgets shared by every instance (Kommo's 7 requests/s, the WhatsApp provider's messages/s):
-- each call reserves the slot after the last one, so calls leave evenly spaced whoever sends them.
CREATE TABLE rate_budget (
    name      TEXT PRIMARY KEY,
    next_slot TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO rate_budget (name) VALUES ('kommo'), ('whatsapp');
ALTER TABLE kommo_gateway DROP COLUMN next_slot;

-- Set just before the provider is called: a claim taken over after a crash with this set may already have
-- reached the provider, and is only resent when no trace of the first send exists.
ALTER TABLE follow_up ADD COLUMN send_started_at TIMESTAMPTZ;
