-- Every change of a lead that Kommo must see bumps sync_version; a write to Kommo records the version it carried
-- (synced_version). An update queued while the lead's creation was on its way is sent unless the creation already
-- carried that version: whatever the state of the creation, every change reaches Kommo.
ALTER TABLE lead ADD COLUMN sync_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE lead ADD COLUMN synced_version BIGINT NOT NULL DEFAULT 0;

-- Why a change was not automated (a pipeline that is not SolarPrime's).
ALTER TABLE stage_history ADD COLUMN reason TEXT;

-- An alert the provider could not deliver (Meta refuses free text outside the 24-hour window, and groups) becomes
-- a Kommo task for the responsible salesperson, and says so.
ALTER TABLE notification DROP CONSTRAINT notification_status_check;
ALTER TABLE notification ADD CONSTRAINT notification_status_check
    CHECK (status IN ('pending', 'claimed', 'sent', 'fallback', 'failed'));
