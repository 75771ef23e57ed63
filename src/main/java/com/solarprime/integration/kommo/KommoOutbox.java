package com.solarprime.integration.kommo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Kommo writes wait in {@code kommo_outbox} until Kommo confirms them ({@code kommo-sync} sends them in
 * batches): an outage or a restart loses nothing, and a write asked for twice is queued once.
 */
@Component("kommoOutbox")
public class KommoOutbox {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public KommoOutbox(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The lead (with its contact) is created in Kommo exactly once, however often this is called. A lead whose personal
     * data was erased is never written to Kommo again (its fields are gone; Kommo's copy stays with the account owner).
     */
    public void createLead(long leadId) {
        int queued = jdbc.sql("""
                        INSERT INTO kommo_outbox (kind, lead_id, dedupe_key, payload)
                        SELECT 'lead_create', id, 'lead_create:' || id, '{}'::jsonb FROM lead
                        WHERE id = :lead AND erased_at IS NULL
                        ON CONFLICT (dedupe_key) DO NOTHING""")
                .param("lead", leadId).update();
        if (queued > 0) {
            jdbc.sql("UPDATE lead SET sync_state = 'pending' WHERE id = ? AND kommo_lead_id IS NULL").param(leadId).update();
        }
    }

    /**
     * The lead's change reaches Kommo whatever the state of its creation: created when it never was, and brought up
     * to date in any case (the update is skipped without a call when the creation already carried this change).
     */
    public void syncLead(long leadId) {
        createLead(leadId);
        updateLead(leadId);
    }

    /**
     * Brings the Kommo lead up to date with the local one (fields, tags merged, stage forward only). The lead's sync
     * version marks the change, so that a write already carrying it does not leave this one behind, nor the other
     * way round.
     */
    public void updateLead(long leadId) {
        jdbc.sql("UPDATE lead SET sync_version = sync_version + 1 WHERE id = ?").param(leadId).update();
        jdbc.sql("""
                        INSERT INTO kommo_outbox (kind, lead_id, payload)
                        SELECT 'lead_update', id, '{}'::jsonb FROM lead WHERE id = ? AND erased_at IS NULL
                        ON CONFLICT (lead_id) WHERE kind = 'lead_update' AND status = 'pending' DO NOTHING""")
                .param(leadId).update();
    }

    /** A note on the lead; {@code dedupeKey} (may be null) keeps a note from being queued twice. */
    public void note(long leadId, String text, String dedupeKey) {
        insert("note", leadId, dedupeKey, Map.of("text", text));
    }

    /** A note on a Kommo lead this service may not know locally ({@code leadId} null). */
    public void note(Long leadId, long kommoLeadId, String text, String dedupeKey) {
        insert("note", leadId, dedupeKey, Map.of("text", text, "entity_id", kommoLeadId));
    }

    /**
     * A Kommo task on the lead.
     *
     * @param kommoLeadId the lead in Kommo; null for our lead not created there yet (the task waits for it)
     * @param taskTypeId 1 follow-up call, 2 meeting
     */
    public void task(Long leadId, Long kommoLeadId, String text, java.time.Instant dueAt, int taskTypeId,
                     Long responsibleUserId, String dedupeKey) {
        Map<String, Object> task = new java.util.LinkedHashMap<>();
        task.put("text", text);
        task.put("complete_till", dueAt.getEpochSecond());
        task.put("task_type_id", taskTypeId);
        task.put("entity_type", "leads");
        if (kommoLeadId != null) {
            task.put("entity_id", kommoLeadId);
        }
        if (responsibleUserId != null) {
            task.put("responsible_user_id", responsibleUserId);
        }
        insert("task", leadId, dedupeKey, task);
    }

    /**
     * Brings a meeting's Kommo side in line with the meeting row when it runs: its meeting task created, moved or
     * completed, and for a lead only Kommo knows its "Data/Hora Reunião". One write waits per meeting; the texts of
     * later changes join it.
     *
     * @param taskText the meeting task's text, used when the task is created; may be null
     * @param resultText the result a cancelled meeting's task is completed with; may be null
     */
    public void meeting(long meetingId, Long leadId, String taskText, String resultText) {
        Map<String, Object> texts = new java.util.LinkedHashMap<>();
        if (taskText != null) {
            texts.put("text", taskText);
        }
        if (resultText != null) {
            texts.put("result", resultText);
        }
        jdbc.sql("""
                        INSERT INTO kommo_outbox (kind, lead_id, meeting_id, payload) VALUES ('meeting', ?, ?, ?::jsonb)
                        ON CONFLICT (meeting_id) WHERE kind = 'meeting' AND status = 'pending'
                        DO UPDATE SET payload = kommo_outbox.payload || EXCLUDED.payload""")
                .param(leadId).param(meetingId).param(write(texts)).update();
    }

    private void insert(String kind, Long leadId, String dedupeKey, Map<String, Object> payload) {
        jdbc.sql("""
                        INSERT INTO kommo_outbox (kind, lead_id, dedupe_key, payload) VALUES (?, ?, ?, ?::jsonb)
                        ON CONFLICT (dedupe_key) DO NOTHING""")
                .param(kind).param(leadId).param(dedupeKey).param(write(payload)).update();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
