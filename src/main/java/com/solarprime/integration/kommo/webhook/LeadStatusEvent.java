package com.solarprime.integration.kommo.webhook;

/**
 * A {@code lead_status_changed} event from Kommo's events API.
 *
 * @param eventId the event's id (a string in Kommo)
 * @param leadId the lead in Kommo
 * @param fromStatus the status it left; null when {@code value_before} did not say
 * @param fromPipeline the pipeline it left; null when not said
 * @param toStatus the status it moved to
 * @param toPipeline the pipeline of that status; null when not said
 * @param createdAt when the change happened, Unix seconds
 * @param createdBy the Kommo user who made it (0 for robots and integrations); null when not said
 */
public record LeadStatusEvent(String eventId, long leadId, Long fromStatus, Long fromPipeline, long toStatus,
                              Long toPipeline, long createdAt, Long createdBy) {
}
