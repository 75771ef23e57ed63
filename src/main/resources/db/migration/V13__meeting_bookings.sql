-- A meeting's Kommo side (its meeting task; the date field of a lead only Kommo knows) is brought in line with the
-- meeting row by one kind of outbox write. It reads the meeting when it runs, so one pending row per meeting covers
-- every change made before it: a booking cancelled before it reached Kommo sends nothing.
ALTER TABLE kommo_outbox DROP CONSTRAINT kommo_outbox_kind_check;
ALTER TABLE kommo_outbox ADD CONSTRAINT kommo_outbox_kind_check
    CHECK (kind IN ('lead_create', 'lead_update', 'note', 'task', 'task_complete', 'meeting'));
ALTER TABLE kommo_outbox ADD COLUMN meeting_id BIGINT REFERENCES meeting (id);
CREATE UNIQUE INDEX kommo_outbox_one_pending_meeting ON kommo_outbox (meeting_id)
    WHERE kind = 'meeting' AND status = 'pending';

-- A lead books one meeting at a time through the agent or the API (moving it is a reschedule). People in Kommo may
-- still give a lead a second meeting.
CREATE UNIQUE INDEX meeting_one_booking_per_lead ON meeting (lead_id)
    WHERE status IN ('scheduled', 'confirmed') AND source IN ('agent', 'api');

-- One pending confirmation and one pending reminder per lead: the automation of a stage change and a booking or a
-- reschedule plan the same message from the same meeting, and whichever comes second adds nothing.
UPDATE follow_up f SET status = 'cancelled', cancel_reason = 'superseded by a later message about the same meeting'
WHERE f.status = 'pending' AND f.type IN ('MEETING_CONFIRMATION', 'MEETING_REMINDER') AND EXISTS (
    SELECT 1 FROM follow_up g WHERE g.lead_id = f.lead_id AND g.type = f.type AND g.status = 'pending' AND g.id > f.id);
CREATE UNIQUE INDEX follow_up_one_pending_meeting_message ON follow_up (lead_id, type)
    WHERE status = 'pending' AND type IN ('MEETING_CONFIRMATION', 'MEETING_REMINDER');
