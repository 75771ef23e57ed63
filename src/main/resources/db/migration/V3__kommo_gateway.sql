-- Shared state of the one door to Kommo, so that every instance obeys the same budget and block.
CREATE TABLE kommo_gateway (
    id             SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    -- The earliest moment the next request may leave (requests are spaced by 1 / budget seconds).
    next_slot      TIMESTAMPTZ NOT NULL DEFAULT now(),
    blocked_at     TIMESTAMPTZ,
    blocked_reason TEXT,
    -- While blocked, one probe call may go through at or after this time.
    probe_at       TIMESTAMPTZ
);
INSERT INTO kommo_gateway (id) VALUES (1);

-- OAuth "state" values issued by /auth/kommo: single use, 20 minutes.
CREATE TABLE oauth_state (
    state      TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    used_at    TIMESTAMPTZ
);
