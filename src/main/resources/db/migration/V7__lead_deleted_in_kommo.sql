-- A lead a person deleted in Kommo: the mirror remembers it and nothing more is written for it.
ALTER TABLE lead DROP CONSTRAINT lead_sync_state_check;
ALTER TABLE lead ADD CONSTRAINT lead_sync_state_check
    CHECK (sync_state IN ('local', 'pending', 'synced', 'failed', 'deleted'));
