package com.solarprime.integration.meeting;

import java.time.Instant;

/**
 * A meeting just booked, moved or cancelled, with what the route's next steps decide on.
 *
 * @param leadId our lead; null for a lead only Kommo knows
 * @param kommoLeadId the lead in Kommo; null while it is not created there
 * @param leadStage where the lead is in the pipeline (Kommo's stage when known), before this booking moves it
 * @param movesStage whether the booking moves the lead forward to Reunião Agendada
 * @param taskText the Kommo meeting task's text
 * @param resultText what a cancelled meeting's Kommo task is completed with; null unless cancelled
 */
public record Booking(MeetingView meeting, Long leadId, Long kommoLeadId, String leadName, Integer score,
                      Long responsibleUserId, String leadStage, boolean movesStage, String taskText, String resultText) {

    public long id() {
        return meeting.id();
    }

    public Instant start() {
        return meeting.start();
    }

    public long salespersonId() {
        return meeting.salespersonId();
    }
}
