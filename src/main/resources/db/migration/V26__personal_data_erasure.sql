-- Right to erasure (routes/personal-data.camel.yaml). An erased lead keeps its row, so that the counts and the funnel
-- still hold, but nothing that identifies the person: its phone becomes 'erased:<id>' (unique, and never a number), and
-- nothing more is written to Kommo for it.
ALTER TABLE lead ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE lead DROP CONSTRAINT lead_sync_state_check;
ALTER TABLE lead ADD CONSTRAINT lead_sync_state_check
    CHECK (sync_state IN ('local', 'pending', 'synced', 'failed', 'deleted', 'erased'));
ALTER TABLE lead ADD CONSTRAINT lead_erased_phone CHECK ((erased_at IS NULL) = (phone_e164 NOT LIKE 'erased:%'));

-- The numbers of erased people: no automated message goes to them again. Only a keyed hash (HMAC-SHA256 of the E.164
-- number) is kept, never the number: the list answers "was this number erased?" and cannot be read back into numbers
-- without the key.
CREATE TABLE suppressed_number (
    number_hash TEXT        PRIMARY KEY,
    lead_id     BIGINT      NOT NULL REFERENCES lead (id),
    erased_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The hash key when none is configured (solarprime.privacy.suppression-key): generated once per database, so that
-- every instance hashes alike.
CREATE TABLE privacy_key (
    id         SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    hmac_key   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
