-- Who may use Kommo's token endpoint right now, across instances. Kommo rotates the refresh token on every
-- use, so only one refresh may run at a time; a lease (rather than a lock held by an open transaction) is
-- taken and given back in short transactions, so nothing is held in the database while Kommo answers.
CREATE TABLE kommo_token_lease (
    id         SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    -- Random per refresh or code exchange; NULL while nobody holds the lease.
    holder     TEXT,
    -- A live holder keeps moving this forward; a dead one stops blocking the others once it has passed.
    expires_at TIMESTAMPTZ
);
INSERT INTO kommo_token_lease (id) VALUES (1);
