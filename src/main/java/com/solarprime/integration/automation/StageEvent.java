package com.solarprime.integration.automation;

import com.solarprime.integration.qualification.LocalStage;
import java.time.Instant;
import java.util.Objects;

/**
 * A lead that has just reached a stage, with the facts the automation decides on.
 *
 * @param stage the new stage; null when the Kommo status maps to none of ours
 * @param kommoLeadId the lead in Kommo
 * @param leadId our lead; null for a lead people created directly in Kommo, which has no conversation with us
 * @param leadName the lead's name, for the salesperson's alert; may be null
 * @param score qualification score 0-100; null when never scored
 * @param meetingAt the lead's meeting: its next active one in the meeting table, else Kommo's "Data/Hora Reunião";
 *                  null when neither has one
 * @param responsibleUserId the lead's responsible Kommo user; null when unknown
 * @param now when the change is handled; every due time counts from here
 */
public record StageEvent(LocalStage stage, long kommoLeadId, Long leadId, String leadName, Integer score,
                         Instant meetingAt, Long responsibleUserId, Instant now) {

    public StageEvent {
        Objects.requireNonNull(now, "now");
    }

    /** Whether Kommo must be asked: for a lead only Kommo knows, or for a stage whose actions need the meeting date. */
    public boolean needsKommoLead() {
        return stage != null && (leadId == null || stage == LocalStage.MEETING_SCHEDULED || stage == LocalStage.MEETING_CONFIRMED);
    }
}
